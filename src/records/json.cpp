#include "records/json.h"

#include "base/text.h"

namespace aims::records {
namespace {

// Puts `value` at the dotted `key` inside `out`, creating the objects on the way.
void put(nlohmann::json& out, std::string_view key, nlohmann::json value) {
  nlohmann::json* node = &out;
  auto parts = split(key, '.');
  for (size_t i = 0; i + 1 < parts.size(); ++i)
    node = &(*node)[std::string(parts[i])];
  (*node)[std::string(parts.back())] = std::move(value);
}

FieldValue value_from(const Field& f, const nlohmann::json& j) {
  if (j.is_null()) return std::monostate{};
  if (j.is_boolean()) return j.get<bool>();
  if (j.is_number_integer()) return j.get<int64_t>();
  if (j.is_number()) return j.get<double>();
  if (j.is_string()) return j.get<std::string>();
  if (j.is_array() && f.type == FieldType::record_ref) return j.get<Ids>();
  if (j.is_array()) return j.get<std::vector<std::string>>();
  return std::monostate{};
}

}  // namespace

nlohmann::json value_json(const FieldValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* b = std::get_if<bool>(&v)) return *b;
  if (const auto* n = std::get_if<int64_t>(&v)) return *n;
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* l = std::get_if<std::vector<std::string>>(&v)) return *l;
  if (const auto* ids = std::get_if<Ids>(&v)) return *ids;
  return nullptr;
}

const nlohmann::json* at_key(const nlohmann::json& document, std::string_view key) {
  const nlohmann::json* node = &document;
  for (auto part : split(key, '.')) {
    if (!node->is_object()) return nullptr;
    auto it = node->find(std::string(part));
    if (it == node->end()) return nullptr;
    node = &*it;
  }
  return node;
}

nlohmann::json to_json(const Description& d, const Record& r) {
  nlohmann::json out = {{"id", r.id}};
  for (const auto& f : d.fields) {
    auto it = r.values.find(f.key);
    nlohmann::json value = it == r.values.end() ? nlohmann::json(nullptr) : value_json(it->second);
    if (value.is_null() && f.type == FieldType::record_ref && f.many)
      value = nlohmann::json::array();
    put(out, f.key, std::move(value));
  }
  if (d.workflow) out["state"] = r.state;
  if (d.versioned) out["frozen_version"] = r.frozen;
  out["version"] = r.version;
  out["created_at"] = r.created_at;
  out["updated_at"] = r.updated_at;
  out["archived_at"] = r.archived_at ? nlohmann::json(*r.archived_at) : nlohmann::json(nullptr);
  return out;
}

Record from_snapshot(const Description& d, const nlohmann::json& snapshot) {
  Record r;
  r.type = d.type;
  r.id = snapshot.value("id", int64_t{0});
  for (const auto& f : d.fields) {
    const nlohmann::json* value = at_key(snapshot, f.key);
    r.values[f.key] = value ? value_from(f, *value) : FieldValue();
  }
  r.state = snapshot.value("state", std::string());
  r.frozen = snapshot.value("frozen_version", int64_t{0});
  r.version = snapshot.value("version", int64_t{0});
  r.created_at = snapshot.value("created_at", std::string());
  r.updated_at = snapshot.value("updated_at", std::string());
  return r;
}

}  // namespace aims::records
