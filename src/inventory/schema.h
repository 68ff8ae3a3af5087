// The inventory's four registers described as data: their fields, choices and links. Storage,
// JSON, CSV/XLSX, forms and field validation are written once against these descriptions.
#pragma once

#include <string_view>
#include <vector>

namespace aims::inventory {

enum class Kind { ai_system, model, dataset, supplier };

enum class FieldType {
  text,          // one line
  long_text,     // paragraphs
  choice,        // one of `choices`
  flag,          // yes / no
  date,          // YYYY-MM-DD
  count,         // a whole number >= 0
  text_list,     // several short texts (tags, attributes); stored as a JSON array
  user_ref,      // a user of the organisation, by id (CSV: by email)
  supplier_ref,  // a supplier of the organisation, by id (CSV: by name)
  email,
  sha256,  // 64 lowercase hex digits
};

struct Choice {
  const char* value;
  const char* label;
};

struct Field {
  const char* key;     // API, CSV and form name; dots nest in JSON ("model_card.task")
  const char* column;  // SQL column (a constant: SQL is never built from input)
  const char* label;
  FieldType type;
  bool required = false;
  std::vector<Choice> choices = {};
  const char* hint = "";
  const char* group = "";  // form section
  const char* default_value = "";
};

struct Link {
  const char* key;      // API: list of ids ("model_ids")
  const char* csv_key;  // CSV: list of names ("models")
  const char* label;
  const char* table;          // link table
  const char* owner_column;   // column holding this record's id
  const char* target_column;  // column holding the linked record's id
  Kind target;
};

struct Entity {
  Kind kind;
  const char* type;       // audit-trail entity type: "ai_system"
  const char* table;      // "ai_systems"
  const char* api_path;   // "/api/v1/ai-systems"
  const char* page_path;  // "/inventory/systems"
  const char* singular;   // "AI system"
  const char* plural;     // "AI systems"
  const char* section;    // navigation entry: "systems"
  std::vector<Field> fields;
  std::vector<Link> links;
  std::vector<const char*> list_keys;    // columns of the list page
  std::vector<const char*> filter_keys;  // choice, flag and user_ref fields offered as filters
  std::vector<const char*> sort_keys;    // besides name, created_at, updated_at
  std::vector<const char*> search_columns;
};

const Entity& entity(Kind kind);
const std::vector<const Entity*>& all_entities();
const Field* find_field(const Entity& entity, std::string_view key);
const Link* find_link(const Entity& entity, std::string_view key);
const char* choice_label(const Field& field, std::string_view value);

}  // namespace aims::inventory
