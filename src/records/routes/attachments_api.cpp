// JSON routes for the attachments and comments of every register's records, and what the pages
// share with them: reading an upload or a link from a request, and answering a download.
#include <fstream>
#include <sstream>

#include "http/json_io.h"
#include "http/upload_store.h"
#include "records/attachments.h"
#include "records/routes/routes_internal.h"
#include "records/rules.h"

namespace aims::records {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

constexpr uint64_t kJsonBodyLimit = 64 << 10;  // a link or a comment

std::string item_path(const Description& d, int64_t id) {
  return std::string(d.api_path) + "/" + std::to_string(id);
}

json attachment_json(const Description& d, const Attachment& a) {
  json out = {{"id", a.id},
              {"kind", a.is_link ? "link" : "file"},
              {"name", a.name},
              {"added_by", a.added_by ? json(*a.added_by) : json(nullptr)},
              {"added_by_label", a.added_by_label},
              {"added_at", a.added_at}};
  if (a.is_link) {
    out["url"] = a.url;
  } else {
    out["media_type"] = a.media_type;
    out["size"] = a.size;
    out["sha256"] = a.sha256;
    out["content_href"] =
        item_path(d, a.record_id) + "/attachments/" + std::to_string(a.id) + "/content";
  }
  return out;
}

json comment_json(const Comment& c) {
  return {{"id", c.id},
          {"reply_to", c.reply_to ? json(*c.reply_to) : json(nullptr)},
          {"author_id", c.author_id ? json(*c.author_id) : json(nullptr)},
          {"author", c.author_label},
          {"body", c.body},
          {"created_at", c.created_at}};
}

// A JSON body of a route that streams its body to a file (the attachments route takes uploads).
Result<http::JsonInput> json_body(const Context& ctx) {
  if (!ctx.request.body_file) return http::read_json(ctx);
  if (ctx.request.body_file->size() > kJsonBodyLimit) {
    return Error{ErrorCode::too_large, "a link is at most 64 KiB of JSON", "url"};
  }
  std::ifstream in(ctx.request.body_file->path(), std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return http::JsonInput::parse(text.str());
}

Result<Response> list_attachments_api(Context& ctx, const Description& d) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const auto all, attachments(ctx.db, d, ctx.org(), id));
  json items = json::array();
  for (const auto& a : all)
    items.push_back(attachment_json(d, a));
  return http::json_list(items, std::nullopt);
}

Result<Response> attach_api(Context& ctx, const Description& d) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const Attachment a, attach_from_request(ctx, d, id));
  Response r = http::json_response(201, attachment_json(d, a));
  r.with_header("Location", item_path(d, id) + "/attachments/" + std::to_string(a.id));
  return r;
}

Result<Response> content_api(Context& ctx, const Description& d) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const int64_t aid, ctx.path_id("aid"));
  TRY_ASSIGN(AttachmentContent content, attachment_content(ctx.db, d, ctx.org(), id, aid));
  return download_response(std::move(content));
}

Result<Response> remove_api(Context& ctx, const Description& d) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const int64_t aid, ctx.path_id("aid"));
  TRY(remove_attachment(ctx.db, d, ctx.org(), id, aid, caller_of(ctx)));
  return Response::no_content();
}

Result<Response> list_comments_api(Context& ctx, const Description& d) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const auto all, comments(ctx.db, d, ctx.org(), id));
  json items = json::array();
  for (const auto& c : all)
    items.push_back(comment_json(c));
  return http::json_list(items, std::nullopt);
}

Result<Response> comment_api(Context& ctx, const Description& d) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  // The role and the record first: a viewer, or another organisation's id, is refused as such
  // whatever the body says.
  if (!may_comment(d, caller_of(ctx))) {
    return Error{ErrorCode::permission_denied, "your role may read comments but not add them", {}};
  }
  TRY(get(ctx.db, d, ctx.org(), id));
  TRY_ASSIGN(auto in, http::read_json(ctx));
  const std::string body = in.optional_string("body", rules::kMarkdownLimit).value_or("");
  const auto reply_to = in.optional_int("reply_to", 1, INT64_MAX);
  TRY(in.finish());
  TRY_ASSIGN(const Comment c,
             add_comment(ctx.db, d, ctx.org(), id, body, reply_to, caller_of(ctx)));
  return http::json_response(201, comment_json(c));
}

}  // namespace

Result<Attachment> attach_from_request(const Context& ctx, const Description& d, int64_t id) {
  // Another organisation's record is not found before anything of the body is looked at.
  TRY(get(ctx.db, d, ctx.org(), id));
  const std::string name = ctx.form_value("name").value_or("");
  if (const auto* part = ctx.upload("file"); part && part->file) {
    TRY_ASSIGN(std::string content, read_attachment_file(part->file->path()));
    return attach_file(ctx.db, d, ctx.org(), id, name.empty() ? part->filename : name,
                       std::move(content), caller_of(ctx));
  }
  if (auto url = ctx.form_value("url"); url && !url->empty()) {
    return attach_link(ctx.db, d, ctx.org(), id, name, *url, caller_of(ctx));
  }
  if (ctx.request.media_type() == "application/json") {
    TRY_ASSIGN(auto in, json_body(ctx));
    const std::string url = in.required_string("url", 2000);
    const std::string label = in.optional_string("name", 200).value_or("");
    TRY(in.finish());
    return attach_link(ctx.db, d, ctx.org(), id, label, url, caller_of(ctx));
  }
  return Error::malformed(
      "choose a file to attach (the 'file' part of a multipart form), or give a link's address",
      "file");
}

Response download_response(AttachmentContent content) {
  const Attachment& a = content.attachment;
  Response r = Response::download(std::move(content.bytes), a.media_type, a.name);
  // Served only as a download: should a browser render it anyway, it runs nothing and loads
  // nothing (sandbox also gives it an opaque origin, away from the session's cookies).
  r.with_header("Content-Security-Policy", "default-src 'none'; sandbox");
  return r;
}

void register_attachment_api(http::Router& r, const Description& d) {
  using auth::Action;
  const std::string item = std::string(d.api_path) + "/{id}";
  const Description* p = &d;
  r.api("GET", item + "/attachments", Action::read,
        [p](Context& c) { return list_attachments_api(c, *p); });
  r.api(
      "POST", item + "/attachments", d.edit, [p](Context& c) { return attach_api(c, *p); },
      attachment_upload_limit());
  r.api("GET", item + "/attachments/{aid}/content", Action::read,
        [p](Context& c) { return content_api(c, *p); });
  r.api("DELETE", item + "/attachments/{aid}", d.edit,
        [p](Context& c) { return remove_api(c, *p); });
  r.api("GET", item + "/comments", Action::read,
        [p](Context& c) { return list_comments_api(c, *p); });
  // Auditors comment too (may_comment), so the route admits readers and the handler decides.
  r.api("POST", item + "/comments", Action::read, [p](Context& c) { return comment_api(c, *p); });
}

http::BodyLimit attachment_upload_limit() {
  // The file itself may reach the limit; the rest of a multipart body (boundaries, headers, a
  // name) is small. A larger file is answered by the handler with a field error.
  return {kMaxAttachmentBytes + (1 << 20), true};
}

}  // namespace aims::records
