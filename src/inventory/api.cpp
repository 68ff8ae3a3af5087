// JSON routes of the four registers and the scope. One set of handlers serves every register.
#include <fstream>
#include <sstream>

#include "http/json_io.h"
#include "http/paging.h"
#include "http/upload_store.h"
#include "inventory/json.h"
#include "inventory/routes_internal.h"

namespace aims::inventory {
namespace {

using http::Context;
using http::Response;

Result<Response> list_api(Context& ctx, Kind kind) {
  auto query = read_list_query(ctx, kind);
  if (!query) return query.error();
  auto page = list(ctx.db, ctx.org(), kind, *query);
  if (!page) return page.error();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : page->items)
    items.push_back(to_json(r));
  Response r = http::json_response(
      200,
      {{"items", items},
       {"next_cursor", page->next_cursor ? nlohmann::json(http::encode_cursor(*page->next_cursor))
                                         : nlohmann::json()},
       {"total", page->total}});
  return r;
}

Result<Response> create_api(Context& ctx, Kind kind) {
  auto in = http::read_json(ctx);
  if (!in) return in.error();
  Record input = from_json(kind, *in);
  if (Status s = in->finish(); !s) return s.error();
  auto created = create(ctx.db, ctx.org(), kind, input, ctx.who().actor());
  if (!created) return created.error();
  Response r = http::json_record(201, to_json(*created), created->version);
  r.with_header("Location", std::string(entity(kind).api_path) + "/" + std::to_string(created->id));
  return r;
}

Result<Response> get_api(Context& ctx, Kind kind) {
  auto id = ctx.path_id();
  if (!id) return id.error();
  auto r = get(ctx.db, ctx.org(), kind, *id);
  if (!r) return r.error();
  return http::json_record(200, to_json(*r), r->version);
}

Result<Response> update_api(Context& ctx, Kind kind) {
  auto id = ctx.path_id();
  if (!id) return id.error();
  auto version = ctx.if_match();
  if (!version) return version.error();
  auto in = http::read_json(ctx);
  if (!in) return in.error();
  Record changes = from_json(kind, *in);
  if (Status s = in->finish(); !s) return s.error();
  auto updated = update(ctx.db, ctx.org(), kind, *id, changes, *version, ctx.who().actor());
  if (!updated) return updated.error();
  return http::json_record(200, to_json(*updated), updated->version);
}

Result<Response> archive_api(Context& ctx, Kind kind, bool archiving) {
  auto id = ctx.path_id();
  if (!id) return id.error();
  auto r = archiving ? archive(ctx.db, ctx.org(), kind, *id, ctx.who().actor())
                     : restore(ctx.db, ctx.org(), kind, *id, ctx.who().actor());
  if (!r) return r.error();
  return http::json_record(200, to_json(*r), r->version);
}

Result<Response> export_api(Context& ctx, Kind kind) {
  auto archived = read_archived(ctx);
  if (!archived) return archived.error();
  const std::string format = ctx.query_value("format").value_or("csv");
  const std::string base = std::string(entity(kind).table) + "-" + ctx.who().org_name;
  if (format == "csv") {
    auto text = export_csv(ctx.db, ctx.org(), kind, *archived);
    if (!text) return text.error();
    return Response::download(std::move(*text), "text/csv; charset=utf-8", base + ".csv");
  }
  if (format == "xlsx") {
    auto bytes = export_xlsx(ctx.db, ctx.org(), kind, *archived);
    if (!bytes) return bytes.error();
    return Response::download(std::move(*bytes),
                              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                              base + ".xlsx");
  }
  return Error::invalid("format", "format must be csv or xlsx");
}

Result<Response> import_api(Context& ctx, Kind kind) {
  auto text = read_import_text(ctx);
  if (!text) return text.error();
  const auto dry = ctx.query_value("dry_run").value_or("false");
  if (dry != "true" && dry != "false")
    return Error::invalid("dry_run", "dry_run must be true or false");
  auto report = import_csv(ctx.db, ctx.org(), kind, *text, dry == "true", ctx.who().actor());
  if (!report) return report.error();
  nlohmann::json body = {{"report", to_json(*report)}};
  if (!report->errors.empty()) {
    const auto& first = report->errors.front();
    body["error"] = {{"code", "invalid_argument"},
                     {"message", std::to_string(report->error_count) +
                                     " row(s) have errors; nothing was imported. Row " +
                                     std::to_string(first.row) + ": " + first.message},
                     {"field", first.field}};
    return http::json_response(422, body);
  }
  return http::json_response(report->committed ? 201 : 200, body);
}

Result<Response> scope_api(Context& ctx) {
  auto s = scope(ctx.db, ctx.org());
  if (!s) return s.error();
  return http::json_record(200, to_json(*s), s->version);
}

Result<Response> set_scope_api(Context& ctx) {
  auto version = ctx.if_match();
  if (!version) return version.error();
  auto in = http::read_json(ctx);
  if (!in) return in.error();
  const std::string statement = in->required_string("statement", 20000);
  if (Status s = in->finish(); !s) return s.error();
  auto s = set_scope_statement(ctx.db, ctx.org(), statement, *version, ctx.who().actor());
  if (!s) return s.error();
  return http::json_record(200, to_json(*s), s->version);
}

}  // namespace

void register_api(http::Router& r) {
  using auth::Action;
  const http::BodyLimit upload{20 << 20, true};
  for (const Entity* e : all_entities()) {
    const Kind k = e->kind;
    const std::string base = e->api_path;
    r.api("GET", base, Action::read, [k](Context& c) { return list_api(c, k); });
    r.api("POST", base, Action::edit_records, [k](Context& c) { return create_api(c, k); });
    r.api("GET", base + "/export", Action::read, [k](Context& c) { return export_api(c, k); });
    r.api(
        "POST", base + "/import", Action::edit_records,
        [k](Context& c) { return import_api(c, k); }, upload);
    r.api("GET", base + "/{id}", Action::read, [k](Context& c) { return get_api(c, k); });
    r.api("PATCH", base + "/{id}", Action::edit_records,
          [k](Context& c) { return update_api(c, k); });
    r.api("POST", base + "/{id}/archive", Action::archive_records,
          [k](Context& c) { return archive_api(c, k, true); });
    r.api("POST", base + "/{id}/restore", Action::archive_records,
          [k](Context& c) { return archive_api(c, k, false); });
  }
  r.api("GET", "/api/v1/scope", Action::read, scope_api);
  r.api("PUT", "/api/v1/scope", Action::manage_org, set_scope_api);
}

Result<Archived> read_archived(const Context& ctx) {
  const std::string value = ctx.query_value("archived").value_or("exclude");
  if (value == "exclude" || value.empty()) return Archived::exclude;
  if (value == "include") return Archived::include;
  if (value == "only") return Archived::only;
  return Error::invalid("archived", "archived must be exclude, include or only");
}

Result<ListQuery> read_list_query(const Context& ctx, Kind kind) {
  ListQuery q;
  auto page = http::read_page_request(ctx, sortable_keys(kind), "name");
  if (!page) return page.error();
  q.limit = page->limit;
  q.sort = page->sort;
  q.descending = page->descending;
  q.cursor = page->cursor;
  auto archived = read_archived(ctx);
  if (!archived) return archived.error();
  q.archived = *archived;
  q.search = ctx.query_value("q").value_or("");
  if (q.search.size() > 200) return Error::invalid("q", "q must be at most 200 characters");
  q.tag = ctx.query_value("tag").value_or("");
  for (const char* key : entity(kind).filter_keys) {
    if (auto v = ctx.query_value(key); v && !v->empty()) q.filters.emplace_back(key, *v);
  }
  return q;
}

Result<std::string> read_import_text(const Context& ctx) {
  std::shared_ptr<http::UploadFile> file = ctx.request.body_file;
  if (const auto* part = ctx.upload("file")) {
    file = part->file;
  } else if (ctx.request.media_type() != "text/csv") {
    return Error::malformed(
        "send the CSV as Content-Type: text/csv, or as the 'file' field of a form", "file");
  }
  if (!file) return Error::malformed("send the CSV as the request body", "file");
  const std::string path = file->path();
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace aims::inventory
