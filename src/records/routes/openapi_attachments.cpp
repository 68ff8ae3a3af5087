// OpenAPI operations for the attachments and comments of a register's records; their schemas
// (Attachment, Comment) are shared by every register (records/routes/openapi.json).
#include "records/attachments.h"
#include "records/routes/openapi_internal.h"
#include "records/rules.h"

namespace aims::records::openapi {
namespace {

using nlohmann::json;

json list_of(const std::string& schema, const std::string& description) {
  return {{"description", description},
          {"content",
           {{"application/json",
             {{"schema",
               {{"type", "object"},
                {"required", {"items", "next_cursor"}},
                {"properties",
                 {{"items", {{"type", "array"}, {"items", ref(schema)}}},
                  {"next_cursor", {{"type", "null"}}}}}}}}}}}};
}

json single(const std::string& schema, const std::string& description) {
  return {{"description", description},
          {"content", {{"application/json", {{"schema", ref(schema)}}}}}};
}

json attachment_id() {
  return {{"name", "aid"},
          {"in", "path"},
          {"required", true},
          {"schema", {{"type", "integer"}, {"minimum", 1}}}};
}

json attach_body() {
  const json link = {{"type", "object"},
                     {"additionalProperties", false},
                     {"required", {"url"}},
                     {"properties",
                      {{"url", {{"type", "string"}, {"format", "uri"}, {"maxLength", 2000}}},
                       {"name", {{"type", "string"}, {"maxLength", 200}}}}}};
  const json file = {
      {"type", "object"},
      {"required", {"file"}},
      {"properties",
       {{"file",
         {{"type", "string"},
          {"format", "binary"},
          {"description", "at most " + std::to_string(kMaxAttachmentBytes >> 20) +
                              " MiB; the type is detected from the content; programs are "
                              "refused"}}},
        {"name",
         {{"type", "string"}, {"maxLength", 200}, {"description", "instead of the file's"}}}}}};
  return {
      {"required", true},
      {"content",
       {{"multipart/form-data", {{"schema", file}}}, {"application/json", {{"schema", link}}}}}};
}

}  // namespace

void add_attachment_operations(json& paths, const Description& d) {
  const std::string one = camel(d.type), tag = d.plural;
  const std::string item = std::string(d.api_path) + "/{id}";
  const json id = {{"$ref", "#/components/parameters/Id"}};

  json list =
      operation("list" + one + "Attachments", "Files and links attached, oldest first", tag,
                with_errors({{"200", list_of("Attachment", "Attachments")}}, {"401", "404"}));
  list["parameters"] = {id};
  paths[item + "/attachments"]["get"] = list;
  json attach = operation("attach" + one, "Attach a file (multipart) or a link (JSON)", tag,
                          with_errors({{"201", single("Attachment", "Attached")}},
                                      {"400", "401", "403", "404", "409", "413", "422"}));
  attach["parameters"] = {id};
  attach["requestBody"] = attach_body();
  paths[item + "/attachments"]["post"] = attach;

  json content = operation(
      "download" + one + "Attachment",
      "The file, as a download (Content-Disposition: attachment) of its detected type", tag,
      with_errors({{"200",
                    {{"description", "The file"},
                     {"content",
                      {{"application/octet-stream",
                        {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}}}},
                  {"401", "404"}));
  content["parameters"] = {id, attachment_id()};
  paths[item + "/attachments/{aid}/content"]["get"] = content;
  json remove =
      operation("remove" + one + "Attachment",
                "Remove an attachment (the content stays while another attachment uses it)", tag,
                with_errors({{"204", {{"description", "Removed"}}}}, {"401", "403", "404", "409"}));
  remove["parameters"] = {id, attachment_id()};
  paths[item + "/attachments/{aid}"]["delete"] = remove;

  json comments = operation("list" + one + "Comments", "Comments, oldest first", tag,
                            with_errors({{"200", list_of("Comment", "Comments")}}, {"401", "404"}));
  comments["parameters"] = {id};
  paths[item + "/comments"]["get"] = comments;
  json comment = operation(
      "comment" + one, "Add a comment (editors and auditors)", tag,
      with_errors({{"201", single("Comment", "Added")}}, {"400", "401", "403", "404", "422"}));
  comment["parameters"] = {id};
  comment["requestBody"] = {{"required", true},
                            {"content",
                             {{"application/json",
                               {{"schema",
                                 {{"type", "object"},
                                  {"additionalProperties", false},
                                  {"required", {"body"}},
                                  {"properties",
                                   {{"body",
                                     {{"type", "string"},
                                      {"maxLength", rules::kMarkdownLimit},
                                      {"contentMediaType", "text/markdown"}}},
                                    {"reply_to", {{"type", "integer"}, {"minimum", 1}}}}}}}}}}}};
  paths[item + "/comments"]["post"] = comment;
}

}  // namespace aims::records::openapi
