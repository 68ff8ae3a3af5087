// Risk criteria to and from JSON.
#include "risk/criteria_json.h"

namespace aims::risk {
namespace {

using nlohmann::json;

json scale_json(const std::vector<ScaleStep>& scale) {
  json out = json::array();
  for (size_t n = 0; n < scale.size(); ++n)
    out.push_back({{"score", n + 1}, {"name", scale[n].name}, {"definition", scale[n].definition}});
  return out;
}

Result<std::string> text_at(const json& object, const char* key, const std::string& field) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string())
    return Error::invalid(field, "give " + std::string(key) + " as text");
  return it->get<std::string>();
}

Result<std::vector<ScaleStep>> scale_from(const json& body, const char* key) {
  const auto it = body.find(key);
  if (it == body.end() || !it->is_array())
    return Error::invalid(key, std::string("give the ") + key + " scale as a list of steps");
  if (it->size() > 10) return Error::invalid(key, "give 3 to 5 steps");
  std::vector<ScaleStep> out;
  for (size_t n = 0; n < it->size(); ++n) {
    const json& step = (*it)[n];
    const std::string at = std::string(key) + "." + std::to_string(n + 1);
    if (!step.is_object())
      return Error::invalid(at, "each step is an object with name and definition");
    TRY_ASSIGN(auto name, text_at(step, "name", at + ".name"));
    TRY_ASSIGN(auto definition, text_at(step, "definition", at + ".definition"));
    out.push_back({std::move(name), std::move(definition)});
  }
  return out;
}

Result<std::vector<std::vector<std::string>>> matrix_from(const json& body) {
  const auto it = body.find("matrix");
  if (it == body.end() || !it->is_array() || it->size() > 10)
    return Error::invalid("matrix",
                          "give the matrix as rows of levels, one row per likelihood step");
  std::vector<std::vector<std::string>> out;
  for (size_t l = 0; l < it->size(); ++l) {
    const json& row = (*it)[l];
    const std::string at = "matrix." + std::to_string(l + 1);
    if (!row.is_array() || row.size() > 10)
      return Error::invalid(at, "give each row as a list of levels, one per impact step");
    out.emplace_back();
    for (size_t i = 0; i < row.size(); ++i) {
      if (!row[i].is_string())
        return Error::invalid(at + "." + std::to_string(i + 1), "give a level as text");
      out.back().push_back(row[i].get<std::string>());
    }
  }
  return out;
}

}  // namespace

json criteria_json(const Criteria& c) {
  return {{"version", c.version},           {"likelihood", scale_json(c.likelihood)},
          {"impact", scale_json(c.impact)}, {"matrix", c.matrix},
          {"threshold", c.threshold},       {"reason", c.reason},
          {"changed_by", c.changed_by},     {"changed_at", c.changed_at}};
}

Result<Criteria> criteria_from_json(const json& body) {
  if (!body.is_object()) return Error::malformed("the body must be a JSON object");
  Criteria c;
  if (const auto v = body.find("version"); v != body.end()) {
    if (!v->is_number_integer() || v->get<int64_t>() < 0)
      return Error::invalid("version", "give the version the change starts from, a whole number");
    c.version = v->get<int64_t>();
  }
  TRY_ASSIGN(c.likelihood, scale_from(body, "likelihood"));
  TRY_ASSIGN(c.impact, scale_from(body, "impact"));
  TRY_ASSIGN(c.matrix, matrix_from(body));
  TRY_ASSIGN(c.threshold, text_at(body, "threshold", "threshold"));
  if (body.contains("reason")) {
    TRY_ASSIGN(c.reason, text_at(body, "reason", "reason"));
  }
  return c;
}

}  // namespace aims::risk
