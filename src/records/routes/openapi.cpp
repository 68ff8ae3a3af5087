// OpenAPI paths and schemas of a register, generated from its description, so the document can
// never disagree with the routes or the fields.
#include <nlohmann/json.hpp>

#include "records/routes/openapi_internal.h"
#include "records/routes/routes.h"
#include "records/rules.h"

namespace aims::records {
using nlohmann::json;

namespace openapi {

std::string camel(std::string_view snake) {
  std::string out;
  bool upper = true;
  for (char c : snake) {
    if (c == '_' || c == '-') {
      upper = true;
      continue;
    }
    out.push_back(upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c);
    upper = false;
  }
  return out;
}

json ref(const std::string& name) {
  return {{"$ref", "#/components/schemas/" + name}};
}

json error_response() {
  return {{"$ref", "#/components/responses/Error"}};
}

json operation(const std::string& id, const std::string& summary, const std::string& tag,
               json responses) {
  return {{"operationId", id}, {"summary", summary}, {"tags", {tag}}, {"responses", responses}};
}

json with_errors(json responses, std::initializer_list<const char*> codes) {
  for (const char* code : codes)
    responses[code] = error_response();
  return responses;
}

}  // namespace openapi

namespace {

using namespace openapi;

// An unset value is null. An enum lists null too: it constrains the value whatever its type
// says, so without it every unset choice fails validation.
json nullable(json schema) {
  schema["type"] = json::array({schema["type"], "null"});
  if (schema.contains("enum")) schema["enum"].push_back(nullptr);
  return schema;
}

json field_schema(const Field& f) {
  json s;
  switch (f.type) {
    case FieldType::text:
      s = {{"type", "string"}, {"maxLength", rules::kTextLimit}};
      break;
    case FieldType::long_text:
      s = {{"type", "string"}, {"maxLength", rules::kLongTextLimit}};
      break;
    case FieldType::markdown:
      s = {{"type", "string"},
           {"maxLength", rules::kMarkdownLimit},
           {"contentMediaType", "text/markdown"}};
      break;
    case FieldType::choice: {
      json values = json::array();
      for (const auto& c : f.choices)
        values.push_back(c.value);
      s = {{"type", "string"}, {"enum", values}};
      break;
    }
    case FieldType::flag:
      s = {{"type", "boolean"}};
      break;
    case FieldType::date:
      s = {{"type", "string"}, {"format", "date"}};
      break;
    case FieldType::date_time:
      s = {{"type", "string"}, {"format", "date-time"}};
      break;
    case FieldType::integer:
    case FieldType::score:
      s = {{"type", "integer"}};
      if (f.min != 0 || f.max != 0) {
        s["minimum"] = f.min;
        s["maximum"] = f.max;
      } else {
        s["minimum"] = 0;
      }
      break;
    case FieldType::decimal:
      s = {{"type", "number"}};
      if (f.min != 0 || f.max != 0) {
        s["minimum"] = f.min;
        s["maximum"] = f.max;
      }
      break;
    case FieldType::text_list:
      return {{"type", "array"},
              {"items", {{"type", "string"}, {"maxLength", rules::kListItemLimit}}},
              {"maxItems", rules::kListItems},
              {"description", f.label}};
    case FieldType::email:
      s = {{"type", "string"}, {"format", "email"}};
      break;
    case FieldType::url:
      s = {{"type", "string"}, {"format", "uri"}};
      break;
    case FieldType::sha256:
      s = {{"type", "string"}, {"pattern", "^[0-9a-f]{64}$"}};
      break;
    case FieldType::user_ref:
      s = {{"type", "integer"},
           {"minimum", 1},
           {"description", std::string(f.label) + " (a user id)"}};
      break;
    case FieldType::record_ref:
      if (f.many) {
        return {{"type", "array"},
                {"items", {{"type", "integer"}, {"minimum", 1}}},
                {"maxItems", rules::kReferenceLimit},
                {"description", std::string(f.label) + " (ids of " + f.target + " records)"}};
      }
      s = {{"type", "integer"},
           {"minimum", 1},
           {"description", std::string(f.label) + " (the id of a " + f.target + " record)"}};
      break;
  }
  if (!s.contains("description")) s["description"] = f.label;
  if (f.type != FieldType::flag && f.type != FieldType::text && f.type != FieldType::long_text &&
      f.type != FieldType::markdown) {
    s = nullable(s);
  }
  return s;
}

// Puts `schema` at the dotted `key` of an object schema, nesting objects on the way.
void put(json& object, std::string_view key, json schema, bool required) {
  json* node = &object;
  std::string rest(key);
  for (auto dot = rest.find('.'); dot != std::string::npos; dot = rest.find('.')) {
    json& child = (*node)["properties"][rest.substr(0, dot)];
    if (child.is_null()) child = {{"type", "object"}, {"properties", json::object()}};
    node = &child;
    rest = rest.substr(dot + 1);
  }
  (*node)["properties"][rest] = std::move(schema);
  if (required) (*node)["required"].push_back(rest);
}

json record_schema(const Description& d) {
  json s = {{"type", "object"}, {"properties", json::object()}};
  put(s, "id", {{"type", "integer"}}, true);
  for (const auto& f : d.fields)
    put(s, f.key, field_schema(f), true);
  if (d.workflow) {
    json states = json::array();
    for (const auto& st : d.workflow->states)
      states.push_back(st.value);
    put(s, "state", {{"type", "string"}, {"enum", states}}, true);
  }
  if (d.versioned) {
    put(s, "frozen_version",
        {{"type", "integer"}, {"description", "the latest approved version (0: none)"}}, true);
  }
  put(s, "version", {{"type", "integer"}, {"description", "the ETag"}}, true);
  put(s, "created_at", {{"type", "string"}, {"format", "date-time"}}, true);
  put(s, "updated_at", {{"type", "string"}, {"format", "date-time"}}, true);
  put(s, "archived_at", {{"type", json::array({"string", "null"})}}, true);
  return s;
}

json input_schema(const Description& d) {
  json s = {{"type", "object"}, {"additionalProperties", false}, {"properties", json::object()}};
  for (const auto& f : d.fields) {
    if (!f.computed) put(s, f.key, field_schema(f), false);
  }
  return s;
}

json list_parameters(const Description& d) {
  json sorts = json::array();
  for (const auto& key : sort_keys(d)) {
    sorts.push_back(key);
    sorts.push_back("-" + key);
  }
  json params = json::array(
      {{{"$ref", "#/components/parameters/Limit"}},
       {{"$ref", "#/components/parameters/Cursor"}},
       {{"name", "sort"}, {"in", "query"}, {"schema", {{"type", "string"}, {"enum", sorts}}}},
       {{"name", "q"},
        {"in", "query"},
        {"schema", {{"type", "string"}, {"maxLength", 200}}},
        {"description", "words of the record, the last one possibly the start of a word"}},
       {{"name", "archived"},
        {"in", "query"},
        {"schema", {{"type", "string"}, {"enum", {"exclude", "include", "only"}}}}}});
  for (const char* key : d.filters) {
    params.push_back({{"name", key}, {"in", "query"}, {"schema", {{"type", "string"}}}});
  }
  return params;
}

json record_response(const std::string& name, const std::string& description) {
  return {{"description", description},
          {"headers", {{"ETag", {{"schema", {{"type", "string"}}}}}}},
          {"content", {{"application/json", {{"schema", ref(name)}}}}}};
}

}  // namespace

std::string openapi_fragment(const Description& d) {
  const std::string one = camel(d.type), many = camel(d.table), tag = d.plural;
  const std::string base = d.api_path, item = base + "/{id}";
  const json id = {{"$ref", "#/components/parameters/Id"}};
  const json if_match = {{"$ref", "#/components/parameters/IfMatch"}};
  const json json_body = [&](const std::string& schema) {
    return json{{"required", true}, {"content", {{"application/json", {{"schema", ref(schema)}}}}}};
  }(one + "Input");
  json paths;

  const json page_schema = {
      {"type", "object"},
      {"required", {"items", "next_cursor", "total", "total_is_exact"}},
      {"properties",
       {{"items", {{"type", "array"}, {"items", ref(one)}}},
        {"next_cursor", {{"type", {"string", "null"}}}},
        {"total",
         {{"type", "integer"},
          {"description", "Matching records, counted up to 10,000 (1,000 when searched with q)"}}},
        {"total_is_exact",
         {{"type", "boolean"}, {"description", "false when more than total match"}}}}}};
  json list =
      operation("list" + many, "List " + tag, tag,
                with_errors({{"200",
                              {{"description", "A page of " + tag},
                               {"content", {{"application/json", {{"schema", page_schema}}}}}}}},
                            {"401", "422"}));
  list["parameters"] = list_parameters(d);
  paths[base]["get"] = list;
  json create = operation(
      "create" + one, "Create a " + std::string(d.singular), tag,
      with_errors({{"201", record_response(one, "Created")}}, {"400", "401", "403", "409", "422"}));
  create["requestBody"] = json_body;
  paths[base]["post"] = create;

  json get = operation("get" + one, "One " + std::string(d.singular), tag,
                       with_errors({{"200", record_response(one, "The record")}}, {"401", "404"}));
  get["parameters"] = {id};
  paths[item]["get"] = get;
  json patch = operation("update" + one,
                         "Change a " + std::string(d.singular) + " (only the fields sent)", tag,
                         with_errors({{"200", record_response(one, "Changed")}},
                                     {"400", "401", "403", "404", "409", "412", "422", "428"}));
  patch["parameters"] = {id, if_match};
  patch["requestBody"] = json_body;
  paths[item]["patch"] = patch;
  for (const char* action : {"archive", "restore"}) {
    json op = operation(
        std::string(action) + one,
        std::string(action == std::string("archive") ? "Archive" : "Restore") + " a " + d.singular,
        tag, with_errors({{"200", record_response(one, "Done")}}, {"401", "403", "404", "409"}));
    op["parameters"] = {id};
    paths[item + "/" + action]["post"] = op;
  }
  json referrers = operation(
      "list" + one + "Referrers", "Records of any register that refer to this one", tag,
      with_errors({{"200",
                    {{"description", "Referring records"},
                     {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}}}},
                  {"401", "404"}));
  referrers["parameters"] = {id};
  paths[item + "/referrers"]["get"] = referrers;

  json exported = operation(
      "export" + many, "Export " + tag + " as CSV or XLSX (the records the filters select)", tag,
      with_errors({{"200",
                    {{"description", "The file"},
                     {"content",
                      {{"text/csv", {{"schema", {{"type", "string"}}}}},
                       {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}}}},
                  {"401", "422"}));
  exported["parameters"] = list_parameters(d);
  exported["parameters"].push_back({{"name", "format"},
                                    {"in", "query"},
                                    {"schema", {{"type", "string"}, {"enum", {"csv", "xlsx"}}}}});
  paths[base + "/export"]["get"] = exported;
  json imported = operation(
      "import" + many,
      "Import " + tag + " from CSV: a dry run checks every row; otherwise all rows or none", tag,
      with_errors({{"200",
                    {{"description", "Checked (dry run)"},
                     {"content", {{"application/json", {{"schema", ref("ImportReport")}}}}}}},
                   {"201",
                    {{"description", "Imported"},
                     {"content", {{"application/json", {{"schema", ref("ImportReport")}}}}}}},
                   {"422",
                    {{"description", "Rows with problems; nothing imported"},
                     {"content", {{"application/json", {{"schema", ref("ImportReport")}}}}}}}},
                  {"400", "401", "403", "413"}));
  imported["parameters"] = {
      {{"name", "dry_run"}, {"in", "query"}, {"schema", {{"type", "boolean"}}}}};
  imported["requestBody"] = {
      {"required", true},
      {"content",
       {{"text/csv", {{"schema", {{"type", "string"}}}}},
        {"multipart/form-data",
         {{"schema",
           {{"type", "object"},
            {"properties", {{"file", {{"type", "string"}, {"format", "binary"}}}}}}}}}}}};
  paths[base + "/import"]["post"] = imported;

  if (d.workflow) {
    json names = json::array();
    for (const auto& t : d.workflow->transitions)
      names.push_back(t.name);
    json move = operation(
        "transition" + one,
        "Move a " + std::string(d.singular) +
            " along its workflow, or give an approval towards the move",
        tag,
        with_errors(
            {{"200",
              {{"description", "Moved, or the approval recorded"},
               {"headers", {{"ETag", {{"schema", {{"type", "string"}}}}}}},
               {"content",
                {{"application/json",
                  {{"schema",
                    {{"type", "object"},
                     {"required", {"record", "moved", "approvals_given", "approvals_needed"}},
                     {"properties",
                      {{"record", ref(one)},
                       {"moved", {{"type", "boolean"}}},
                       {"approvals_given", {{"type", "integer"}}},
                       {"approvals_needed", {{"type", "integer"}}}}}}}}}}}}}},
            {"400", "401", "403", "404", "409", "412", "422", "428"}));
    move["parameters"] = {id, if_match};
    move["requestBody"] = {
        {"required", true},
        {"content",
         {{"application/json",
           {{"schema",
             {{"type", "object"},
              {"additionalProperties", false},
              {"required", {"transition"}},
              {"properties",
               {{"transition", {{"type", "string"}, {"enum", names}}},
                {"reason", {{"type", "string"}}},
                {"values", {{"type", "object"}, {"description", "fields the step sets"}}}}}}}}}}}};
    paths[item + "/transitions"]["post"] = move;
    json workflow = operation(
        "get" + one + "Workflow",
        "Where the record is in its workflow, its approvals, and the steps open to the caller", tag,
        with_errors({{"200",
                      {{"description", "The workflow"},
                       {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}}}},
                    {"401", "404"}));
    workflow["parameters"] = {id};
    paths[item + "/workflow"]["get"] = workflow;
  }
  if (d.versioned) {
    json versions = operation(
        "list" + one + "Versions", "Approved (frozen) versions, oldest first", tag,
        with_errors({{"200",
                      {{"description", "Versions"},
                       {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}}}},
                    {"401", "404"}));
    versions["parameters"] = {id};
    paths[item + "/versions"]["get"] = versions;
    json version = operation(
        "get" + one + "Version", "One frozen version with the record as approved", tag,
        with_errors({{"200",
                      {{"description", "The version"},
                       {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}}}},
                    {"401", "404"}));
    version["parameters"] = {id,
                             {{"name", "number"},
                              {"in", "path"},
                              {"required", true},
                              {"schema", {{"type", "integer"}, {"minimum", 1}}}}};
    paths[item + "/versions/{number}"]["get"] = version;
    json compare = operation(
        "compare" + one + "Versions",
        "The fields that differ between two versions (to=0: the record now); long texts as a "
        "line "
        "diff",
        tag,
        with_errors({{"200",
                      {{"description", "The changes"},
                       {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}}}},
                    {"401", "404", "422"}));
    compare["parameters"] = {id,
                             {{"name", "from"},
                              {"in", "query"},
                              {"required", true},
                              {"schema", {{"type", "integer"}, {"minimum", 1}}}},
                             {{"name", "to"},
                              {"in", "query"},
                              {"required", true},
                              {"schema", {{"type", "integer"}, {"minimum", 0}}}}};
    paths[item + "/versions/compare"]["get"] = compare;
  }
  add_attachment_operations(paths, d);
  json fragment = {
      {"paths", paths},
      {"components", {{"schemas", {{one, record_schema(d)}, {one + "Input", input_schema(d)}}}}}};
  return fragment.dump();
}

}  // namespace aims::records
