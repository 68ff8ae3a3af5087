// The attachments and comments on every record page: the lists, the forms (which work without
// script), downloads, removal and new comments. A refused form shows the record page again with
// the reason.
#include <cstdio>

#include "base/time.h"
#include "http/errors.h"
#include "records/routes/routes_internal.h"
#include "records/routes/views.h"
#include "web/markdown.h"

namespace aims::records {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

// "812 bytes", "14.2 KiB", "3.1 MiB".
std::string size_text(int64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " bytes";
  char buffer[32];
  const bool mib = bytes >= (1 << 20);
  std::snprintf(buffer, sizeof buffer, "%.1f %s", bytes / (mib ? 1048576.0 : 1024.0),
                mib ? "MiB" : "KiB");
  return buffer;
}

// What people call a media type.
std::string type_text(const std::string& media_type) {
  static const std::vector<std::pair<std::string, std::string>> kNames = {
      {"application/pdf", "PDF"},
      {"image/png", "PNG image"},
      {"image/jpeg", "JPEG image"},
      {"image/gif", "GIF image"},
      {"application/vnd.openxmlformats-officedocument.wordprocessingml", "Word document"},
      {"application/vnd.openxmlformats-officedocument.spreadsheetml", "Excel workbook"},
      {"application/vnd.openxmlformats-officedocument.presentationml", "PowerPoint deck"},
      {"application/zip", "ZIP archive"},
      {"application/json", "JSON"},
      {"text/csv", "CSV"},
      {"text/markdown", "Markdown"},
      {"text/plain", "Text"}};
  for (const auto& [prefix, name] : kNames) {
    if (media_type.starts_with(prefix)) return name;
  }
  return "File";
}

std::string person(const std::map<int64_t, std::string>& users, std::optional<int64_t> id,
                   const std::string& label) {
  if (id) {
    if (auto it = users.find(*id); it != users.end()) return it->second;
  }
  return label;
}

json attachment_view(const Description& d, const Attachment& a,
                     const std::map<int64_t, std::string>& users) {
  const std::string href =
      views::record_href(d, a.record_id) + "/attachments/" + std::to_string(a.id);
  json out = {{"id", a.id},
              {"name", a.name},
              {"is_link", a.is_link},
              {"by", person(users, a.added_by, a.added_by_label)},
              {"at", minute_text(a.added_at)},
              {"remove_action", href + "/remove"}};
  if (a.is_link) {
    out["href"] = a.url;
    out["type"] = "Link";
  } else {
    out["href"] = href;
    out["type"] = type_text(a.media_type);
    out["size"] = size_text(a.size);
    out["sha256"] = a.sha256;
  }
  return out;
}

json comments_view(const std::vector<Comment>& all, const std::map<int64_t, std::string>& users) {
  std::map<int64_t, std::string> authors;
  json out = json::array();
  for (const auto& c : all) {
    const std::string author = person(users, c.author_id, c.author_label);
    authors[c.id] = author;
    json item = {{"id", c.id},
                 {"author", author},
                 {"at", minute_text(c.created_at)},
                 {"html", web::markdown_html(c.body)}};
    if (c.reply_to && authors.count(*c.reply_to)) {
      item["reply_to"] = {{"id", *c.reply_to}, {"author", authors[*c.reply_to]}};
    }
    out.push_back(item);
  }
  return out;
}

// The record page again with the reason a form of it was refused; a missing record stays 404.
Result<Response> refused(Context& ctx, const Description& d, const PageOptions& options,
                         const Error& error) {
  if (error.code == ErrorCode::not_found) return error;
  return record_page(ctx, d, options, &error);
}

Result<Response> attach_submit(Context& ctx, const Description& d, const PageOptions& options) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  auto attached = attach_from_request(ctx, d, id);
  if (!attached) return refused(ctx, d, options, attached.error());
  return Response::redirect(views::record_href(d, id) + "?notice=attached#attachments");
}

Result<Response> download_page(Context& ctx, const Description& d) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const int64_t aid, ctx.path_id("aid"));
  TRY_ASSIGN(AttachmentContent content, attachment_content(ctx.db, d, ctx.org(), id, aid));
  return download_response(std::move(content));
}

Result<Response> remove_submit(Context& ctx, const Description& d, const PageOptions& options) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const int64_t aid, ctx.path_id("aid"));
  if (Status s = remove_attachment(ctx.db, d, ctx.org(), id, aid, caller_of(ctx)); !s) {
    return refused(ctx, d, options, s.error());
  }
  return Response::redirect(views::record_href(d, id) + "?notice=detached#attachments");
}

Result<Response> comment_submit(Context& ctx, const Description& d, const PageOptions& options) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  std::optional<int64_t> reply_to;
  if (auto text = ctx.form_value("reply_to"); text && !text->empty()) {
    reply_to = std::strtoll(text->c_str(), nullptr, 10);
  }
  TRY(get(ctx.db, d, ctx.org(), id));  // another organisation's record: 404, whatever the role
  auto added = add_comment(ctx.db, d, ctx.org(), id, ctx.form_value("body").value_or(""), reply_to,
                           caller_of(ctx));
  if (!added) return refused(ctx, d, options, added.error());
  return Response::redirect(views::record_href(d, id) + "?notice=commented#comment-" +
                            std::to_string(added->id));
}

}  // namespace

Status add_attachments_view(const Context& ctx, const Description& d, const Record& r,
                            const std::map<int64_t, std::string>& user_names, json& view) {
  TRY_ASSIGN(const auto files, attachments(ctx.db, d, ctx.org(), r));
  TRY_ASSIGN(const auto thread, comments(ctx.db, d, ctx.org(), r));
  json items = json::array();
  for (const auto& a : files)
    items.push_back(attachment_view(d, a, user_names));
  const bool can_change = ctx.can(d.edit) && !r.archived_at;
  view["has_attachments"] = !items.empty();  // templates cannot ask a list whether it is empty
  view["attachments"] = items;
  view["can_attach"] = can_change;
  view["max_attachment_mib"] = kMaxAttachmentBytes >> 20;
  view["has_comments"] = !thread.empty();
  view["comments"] = comments_view(thread, user_names);
  view["can_comment"] = may_comment(d, caller_of(ctx));
  return {};
}

void register_attachment_pages(http::Router& r, const Description& d, PageOptions options) {
  using auth::Action;
  const std::string item = std::string(d.page_path) + "/{id}";
  const Description* p = &d;
  r.page(
      "POST", item + "/attachments", d.edit,
      [p, options](Context& c) { return attach_submit(c, *p, options); },
      attachment_upload_limit());
  r.page("GET", item + "/attachments/{aid}", Action::read,
         [p](Context& c) { return download_page(c, *p); });
  r.page("POST", item + "/attachments/{aid}/remove", d.edit,
         [p, options](Context& c) { return remove_submit(c, *p, options); });
  // Auditors comment too (may_comment), so the route admits readers and the handler decides.
  r.page("POST", item + "/comments", Action::read,
         [p, options](Context& c) { return comment_submit(c, *p, options); });
}

}  // namespace aims::records
