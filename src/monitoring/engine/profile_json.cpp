// The reference profile as a versioned JSON document, and its checked way back.
#include <algorithm>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "monitoring/engine/engine.h"
#include "monitoring/engine/profile_validation.h"
#include "monitoring/engine/value_grid.h"

namespace aims::monitoring {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kFormat = "aims.monitoring.reference_profile";

Json histogram_json(const Histogram& histogram) {
  Json out = {{"edges", histogram.edges}, {"counts", histogram.counts}};
  if (!histogram.means.empty()) out["means"] = histogram.means;
  return out;
}

Json column_json(const ColumnProfile& column) {
  Json out = {
      {"name", column.name},   {"role", column.role},       {"kind", to_string(column.kind)},
      {"count", column.count}, {"missing", column.missing}, {"type_errors", column.type_errors},
  };
  if (column.kind == ColumnKind::numeric) {
    if (column.count == 0) return out;
    const NumericProfile& numeric = column.numeric;
    out["min"] = numeric.min;
    out["max"] = numeric.max;
    out["mean"] = numeric.mean;
    out["std_dev"] = numeric.std_dev;
    out["fine"] = histogram_json(numeric.fine);
    out["coarse"] = histogram_json(numeric.coarse);
    return out;
  }
  Json categories = Json::array();
  for (const auto& category : column.categorical.categories) {
    categories.push_back({{"value", category.value}, {"count", category.count}});
  }
  out["categories"] = categories;
  out["other_count"] = column.categorical.other_count;
  out["distinct"] = column.categorical.distinct;
  return out;
}

std::string join(const std::string& path, const char* key) {
  return path.empty() ? key : path + "." + key;
}

// Reads typed members, remembering the first problem with the path of the offending member.
class Reader {
 public:
  const Json* member(const Json& object, const char* key, const std::string& path) {
    if (object.is_object() && object.contains(key)) return &object[key];
    fail(join(path, key), "is missing");
    return nullptr;
  }
  double number(const Json& object, const char* key, const std::string& path) {
    const Json* value = typed(object, key, path, &Json::is_number, "must be a number");
    return value != nullptr ? value->get<double>() : 0.0;
  }
  uint64_t count(const Json& object, const char* key, const std::string& path) {
    const Json* value =
        typed(object, key, path, &Json::is_number_unsigned, "must be a non-negative integer");
    return value != nullptr ? value->get<uint64_t>() : 0;
  }
  std::string text(const Json& object, const char* key, const std::string& path) {
    const Json* value = typed(object, key, path, &Json::is_string, "must be a string");
    return value != nullptr ? value->get<std::string>() : std::string();
  }
  const Json& array(const Json& object, const char* key, const std::string& path) {
    static const Json kEmpty = Json::array();
    const Json* value = typed(object, key, path, &Json::is_array, "must be an array");
    return value != nullptr ? *value : kEmpty;
  }
  template <typename T>
  std::vector<T> numbers(const Json& object, const char* key, const std::string& path) {
    const auto is_wanted =
        std::is_same_v<T, uint64_t> ? &Json::is_number_unsigned : &Json::is_number;
    std::vector<T> out;
    for (const auto& item : array(object, key, path)) {
      if (!(item.*is_wanted)()) {
        fail(join(path, key), "must hold numbers");
        return {};
      }
      out.push_back(item.get<T>());
    }
    return out;
  }
  void fail(const std::string& field, const std::string& message) {
    if (!error) error = Error::invalid("profile." + field, "profile." + field + " " + message);
  }

  std::optional<Error> error;

 private:
  const Json* typed(const Json& object, const char* key, const std::string& path,
                    bool (Json::*is_type)() const noexcept, const char* message) {
    const Json* value = member(object, key, path);
    if (value == nullptr) return nullptr;
    if ((value->*is_type)()) return value;
    fail(join(path, key), message);
    return nullptr;
  }
};

Histogram read_histogram(Reader& reader, const Json& column, const char* key,
                         const std::string& path) {
  const Json* object = reader.member(column, key, path);
  if (object == nullptr) return {};
  const std::string where = join(path, key);
  Histogram histogram;
  histogram.edges = reader.numbers<double>(*object, "edges", where);
  histogram.counts = reader.numbers<uint64_t>(*object, "counts", where);
  if (object->contains("means")) histogram.means = reader.numbers<double>(*object, "means", where);
  return histogram;
}

void read_numeric(Reader& reader, const Json& json, ColumnProfile& column,
                  const std::string& path) {
  if (column.count == 0) return;
  NumericProfile& numeric = column.numeric;
  numeric.min = reader.number(json, "min", path);
  numeric.max = reader.number(json, "max", path);
  numeric.mean = reader.number(json, "mean", path);
  numeric.std_dev = reader.number(json, "std_dev", path);
  numeric.fine = read_histogram(reader, json, "fine", path);
  numeric.coarse = read_histogram(reader, json, "coarse", path);
}

void read_categorical(Reader& reader, const Json& json, ColumnProfile& column,
                      const std::string& path) {
  CategoricalProfile& categorical = column.categorical;
  const Json& categories = reader.array(json, "categories", path);
  for (size_t i = 0; i < categories.size() && !reader.error; ++i) {
    const std::string where = path + ".categories[" + std::to_string(i) + "]";
    categorical.categories.push_back(
        {reader.text(categories[i], "value", where), reader.count(categories[i], "count", where)});
  }
  categorical.other_count = reader.count(json, "other_count", path);
  categorical.distinct = reader.count(json, "distinct", path);
}

}  // namespace

std::string to_json(const ReferenceProfile& profile) {
  Json columns = Json::array();
  for (const auto& column : profile.columns)
    columns.push_back(column_json(column));
  const Json out = {
      {"format", kFormat},
      {"version", profile.version},
      {"input", {{"sha256", profile.input_sha256}, {"bytes", profile.input_bytes}}},
      {"rows", profile.rows},
      {"options",
       {{"coarse_bins", profile.options.coarse_bins},
        {"fine_bins", profile.options.fine_bins},
        {"max_categories", profile.options.max_categories}}},
      {"grid",
       {{"mantissa_bits", kGridMantissaBits},
        {"min_exponent", kGridMinExponent},
        {"max_exponent", kGridMaxExponent}}},
      {"columns", columns},
  };
  return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<ReferenceProfile> profile_from_json(std::string_view text) {
  const Json json = Json::parse(text, nullptr, false);
  if (json.is_discarded()) return Error::malformed("the reference profile is not valid JSON");
  Reader reader;
  if (reader.text(json, "format", "") != kFormat) {
    return Error::invalid("profile.format", "not an aims reference profile");
  }
  ReferenceProfile profile;
  const uint64_t version = reader.count(json, "version", "");
  if (reader.error) return *reader.error;
  profile.version = static_cast<int>(std::min<uint64_t>(version, INT32_MAX));
  if (profile.version != ReferenceProfile::kVersion) return validate_profile(profile).error();
  const Json* input = reader.member(json, "input", "");
  if (input != nullptr) {
    profile.input_sha256 = reader.text(*input, "sha256", "input");
    profile.input_bytes = reader.count(*input, "bytes", "input");
  }
  profile.rows = reader.count(json, "rows", "");
  if (const Json* options = reader.member(json, "options", ""); options != nullptr) {
    profile.options.coarse_bins = reader.count(*options, "coarse_bins", "options");
    profile.options.fine_bins = reader.count(*options, "fine_bins", "options");
    profile.options.max_categories = reader.count(*options, "max_categories", "options");
  }
  const Json& columns = reader.array(json, "columns", "");
  for (size_t i = 0; i < columns.size() && !reader.error; ++i) {
    const std::string path = "columns[" + std::to_string(i) + "]";
    const Json& item = columns[i];
    ColumnProfile column;
    column.name = reader.text(item, "name", path);
    column.role = reader.text(item, "role", path);
    const std::string kind = reader.text(item, "kind", path);
    column.count = reader.count(item, "count", path);
    column.missing = reader.count(item, "missing", path);
    column.type_errors = reader.count(item, "type_errors", path);
    if (kind == "numeric") {
      column.kind = ColumnKind::numeric;
      read_numeric(reader, item, column, path);
    } else if (kind == "categorical") {
      column.kind = ColumnKind::categorical;
      read_categorical(reader, item, column, path);
    } else {
      reader.fail(path + ".kind", "must be numeric or categorical");
    }
    profile.columns.push_back(std::move(column));
  }
  if (reader.error) return *reader.error;
  if (auto status = validate_profile(profile); !status) return status.error();
  return profile;
}

}  // namespace aims::monitoring
