// One inventory record of any register, as plain data: field values by key and links by key.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "inventory/schema.h"

namespace aims::inventory {

// text-like fields: string; flag: bool; count and references: int64_t; text_list: strings.
// Absent (monostate) means "not set" (NULL for dates, counts and references).
using FieldValue =
    std::variant<std::monostate, std::string, int64_t, bool, std::vector<std::string>>;

struct Record {
  Kind kind = Kind::ai_system;
  int64_t id = 0;
  std::map<std::string, FieldValue> values;           // by Field::key
  std::map<std::string, std::vector<int64_t>> links;  // by Link::key
  int64_t version = 0;
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> archived_at;

  bool has(const std::string& key) const { return values.count(key) > 0; }
  std::string text(const std::string& key) const;
  bool flag(const std::string& key) const;
  std::optional<int64_t> number(const std::string& key) const;
  std::vector<std::string> list(const std::string& key) const;
  // The name people know it by: "Credit scorer", or "PD model 3.2" for a model.
  std::string display_name() const;
};

}  // namespace aims::inventory
