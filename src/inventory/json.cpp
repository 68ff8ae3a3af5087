#include "inventory/json.h"

#include "base/text.h"

namespace aims::inventory {
namespace {

nlohmann::json value_json(const FieldValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* b = std::get_if<bool>(&v)) return *b;
  if (const auto* n = std::get_if<int64_t>(&v)) return *n;
  if (const auto* l = std::get_if<std::vector<std::string>>(&v)) return *l;
  return nullptr;
}

// Puts `value` at the dotted `key` inside `out`, creating the objects on the way.
void put(nlohmann::json& out, std::string_view key, nlohmann::json value) {
  nlohmann::json* node = &out;
  auto parts = split(key, '.');
  for (size_t i = 0; i + 1 < parts.size(); ++i)
    node = &(*node)[std::string(parts[i])];
  (*node)[std::string(parts.back())] = std::move(value);
}

constexpr size_t kReadLimit = 20000;  // the rules apply each field's own limit afterwards

}  // namespace

nlohmann::json to_json(const Record& r) {
  const Entity& e = entity(r.kind);
  nlohmann::json out = {{"id", r.id}};
  for (const auto& f : e.fields) {
    auto it = r.values.find(f.key);
    put(out, f.key, it == r.values.end() ? nlohmann::json(nullptr) : value_json(it->second));
  }
  for (const auto& l : e.links)
    out[l.key] = r.links.count(l.key) ? r.links.at(l.key) : std::vector<int64_t>{};
  out["version"] = r.version;
  out["created_at"] = r.created_at;
  out["updated_at"] = r.updated_at;
  out["archived_at"] = r.archived_at ? nlohmann::json(*r.archived_at) : nlohmann::json(nullptr);
  return out;
}

Record from_json(Kind kind, http::JsonInput& in) {
  const Entity& e = entity(kind);
  Record r;
  r.kind = kind;
  for (const auto& f : e.fields) {
    if (!in.has(f.key)) continue;
    if (in.is_null(f.key)) {
      (void)in.optional_string(f.key);  // marks it read
      r.values[f.key] = std::monostate{};
      continue;
    }
    switch (f.type) {
      case FieldType::flag:
        if (auto b = in.optional_bool(f.key)) r.values[f.key] = *b;
        break;
      case FieldType::count:
      case FieldType::user_ref:
      case FieldType::supplier_ref:
        if (auto n = in.optional_int(f.key, 0, INT64_MAX)) r.values[f.key] = *n;
        break;
      case FieldType::text_list:
        if (auto l = in.optional_string_list(f.key, 100, kReadLimit)) r.values[f.key] = *l;
        break;
      default:
        if (auto s = in.optional_string(f.key, kReadLimit)) r.values[f.key] = *s;
    }
  }
  for (const auto& l : e.links) {
    if (auto ids = in.optional_id_list(l.key)) r.links[l.key] = *ids;
  }
  return r;
}

nlohmann::json to_json(const ImportReport& report) {
  nlohmann::json errors = nlohmann::json::array();
  for (const auto& e : report.errors) {
    errors.push_back({{"row", e.row}, {"field", e.field}, {"message", e.message}});
  }
  return {{"rows", report.rows},
          {"committed", report.committed},
          {"errors", errors},
          {"error_count", report.error_count},
          {"errors_truncated", report.error_count > static_cast<int64_t>(report.errors.size())},
          {"created_ids", report.created_ids}};
}

nlohmann::json to_json(const Scope& s) {
  auto systems = [](const std::vector<ScopedSystem>& list) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : list) {
      out.push_back({{"id", item.id},
                     {"name", item.name},
                     {"lifecycle_stage", item.lifecycle_stage},
                     {"eu_ai_act_class", item.eu_ai_act_class},
                     {"owner", item.owner},
                     {"exclusion_reason", item.reason}});
    }
    return out;
  };
  return {{"statement", s.statement},
          {"version", s.version},
          {"in_scope", systems(s.in_scope)},
          {"excluded", systems(s.excluded)}};
}

}  // namespace aims::inventory
