#include "data/schema.h"

#include <charconv>
#include <map>

#include <nlohmann/json.hpp>

#include "base/text.h"

namespace aims::data {
namespace {

// The narrowest type every value seen fits; a column of empty values stays "empty".
enum class Kind { empty, boolean, integer, decimal, date, text, object, list };

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::empty:
      return "empty";
    case Kind::boolean:
      return "boolean";
    case Kind::integer:
      return "integer";
    case Kind::decimal:
      return "decimal";
    case Kind::date:
      return "date";
    case Kind::text:
      return "text";
    case Kind::object:
      return "object";
    case Kind::list:
      return "list";
  }
  return "text";
}

bool is_date(std::string_view v) {
  if (v.size() < 10 || v[4] != '-' || v[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (v[i] < '0' || v[i] > '9') return false;
  return v.size() == 10 || v[10] == 'T' || v[10] == ' ';
}

Kind kind_of_text(std::string_view v) {
  if (v.empty()) return Kind::empty;
  const std::string lower = to_lower_ascii(v);
  if (lower == "true" || lower == "false") return Kind::boolean;
  int64_t whole = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), whole);
  if (ec == std::errc() && end == v.data() + v.size()) return Kind::integer;
  double number = 0;
  auto [dend, dec] = std::from_chars(v.data(), v.data() + v.size(), number);
  if (dec == std::errc() && dend == v.data() + v.size()) return Kind::decimal;
  if (is_date(v)) return Kind::date;
  return Kind::text;
}

// Two kinds seen in one column: integers widen to decimals, anything else mixed is text.
Kind merge(Kind a, Kind b) {
  if (a == Kind::empty) return b;
  if (b == Kind::empty || a == b) return a;
  if ((a == Kind::integer && b == Kind::decimal) || (a == Kind::decimal && b == Kind::integer))
    return Kind::decimal;
  return Kind::text;
}

// One CSV record's fields (RFC 4180 quoting).
std::vector<std::string> csv_fields(std::string_view record) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < record.size(); ++i) {
    const char c = record[i];
    if (quoted) {
      if (c == '"' && i + 1 < record.size() && record[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  return fields;
}

std::string summary(const std::vector<std::pair<std::string, Kind>>& columns) {
  std::string out;
  for (const auto& [name, kind] : columns)
    out += (out.empty() ? "" : "\n") + name + ": " + kind_name(kind);
  return out;
}

Kind kind_of_json(const nlohmann::ordered_json& v) {
  if (v.is_null()) return Kind::empty;
  if (v.is_boolean()) return Kind::boolean;
  if (v.is_number_integer()) return Kind::integer;
  if (v.is_number()) return Kind::decimal;
  if (v.is_object()) return Kind::object;
  if (v.is_array()) return Kind::list;
  return is_date(v.get<std::string>()) ? Kind::date : Kind::text;
}

}  // namespace

std::string csv_schema(const std::vector<std::string>& records) {
  if (records.empty()) return {};
  std::vector<std::pair<std::string, Kind>> columns;
  for (auto& name : csv_fields(records.front()))
    columns.emplace_back(trim(name), Kind::empty);
  for (size_t r = 1; r < records.size(); ++r) {
    const auto fields = csv_fields(records[r]);
    for (size_t i = 0; i < fields.size() && i < columns.size(); ++i)
      columns[i].second = merge(columns[i].second, kind_of_text(trim(fields[i])));
  }
  return summary(columns);
}

std::string jsonl_schema(const std::vector<std::string>& records) {
  std::vector<std::pair<std::string, Kind>> columns;
  std::map<std::string, size_t> index;
  for (const auto& record : records) {
    const auto object = nlohmann::ordered_json::parse(record, nullptr, false);
    if (!object.is_object()) continue;
    for (const auto& [key, value] : object.items()) {
      auto [it, added] = index.emplace(key, columns.size());
      if (added) columns.emplace_back(key, Kind::empty);
      columns[it->second].second = merge(columns[it->second].second, kind_of_json(value));
    }
  }
  return summary(columns);
}

}  // namespace aims::data
