// The data module's routes. The content upload is hand-written because it reads a file rather
// than fields: aims hashes and profiles the bytes as they stream from the upload store, writes the
// values it found on the version, and keeps a file small enough as the version's attachment.
#include "data/routes.h"

#include <map>

#include <nlohmann/json.hpp>

#include "base/text.h"
#include "http/context.h"
#include "http/json_io.h"
#include "http/upload_store.h"
#include "records/attachments.h"
#include "records/json.h"
#include "records/routes/routes.h"
#include "web/web.h"

namespace aims::data {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

// The largest file aims hashes: the monitoring logs' upload limit.
constexpr size_t kMaxContentBytes = size_t{4} << 30;

constexpr int kBoxWidth = 220, kBoxHeight = 42, kColumnGap = 60, kRowGap = 18, kMargin = 8;
constexpr size_t kBoxLabelBytes = 30;

using records::caller_of;

std::string version_href(int64_t id) {
  return std::string(dataset_versions().page_path) + "/" + std::to_string(id);
}

struct Box {
  int x = 0, y = 0;
};

// `label` in full is the box's tooltip; the box shows `first_line` (shortened) over `kind`.
json box_json(const Box& at, const std::string& label, const std::string& first_line,
              const std::string& href, const std::string& kind, bool model) {
  std::string shown = utf8_prefix(first_line, kBoxLabelBytes);
  if (shown.size() < first_line.size()) shown += "...";
  return {{"x", at.x},      {"y", at.y},       {"w", kBoxWidth},   {"h", kBoxHeight},
          {"tx", at.x + 8}, {"ty", at.y + 17}, {"ty2", at.y + 33}, {"label", label},
          {"short", shown}, {"kind", kind},    {"href", href},     {"model", model}};
}

json edge_json(const Box& from, const Box& to, const std::string& text, bool to_model) {
  return {{"x1", from.x + kBoxWidth},
          {"y1", from.y + kBoxHeight / 2},
          {"x2", to.x},
          {"y2", to.y + kBoxHeight / 2},
          {"text", text},
          {"to_model", to_model}};
}

// The record of the upload: a multipart form's "file" part, or the raw request body.
Result<std::pair<std::string, std::string>> uploaded_file(const Context& ctx) {
  if (const auto* part = ctx.upload("file")) {
    if (!part->file) return Error::malformed("the form's 'file' is not a file", "file");
    return std::pair{part->file->path(), part->filename.empty() ? "content" : part->filename};
  }
  if (ctx.request.media_type() == "multipart/form-data")
    return Error::malformed("the form has no 'file'", "file");
  if (!ctx.request.body_file) return Error::malformed("send the file as the request body", "file");
  return std::pair{ctx.request.body_file->path(), ctx.query_value("name").value_or("content")};
}

// Profiles the upload and writes what it found on the version; keeps the file as an attachment
// when it is within the attachments' limit (they live in the database, held in memory on the way).
Result<records::Record> take_content(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY(records::get(ctx.db, dataset_versions(), ctx.org(), id));  // another's: 404 before reading
  TRY_ASSIGN(const auto file, uploaded_file(ctx));
  TRY_ASSIGN(const ContentProfile profile, profile_file(file.first, file.second));
  TRY_ASSIGN(auto version, record_content(ctx.db, ctx.org(), id, profile, caller_of(ctx)));
  if (profile.size_bytes > 0 && uint64_t(profile.size_bytes) <= records::kMaxAttachmentBytes) {
    TRY_ASSIGN(std::string bytes, records::read_attachment_file(file.first));
    TRY(records::attach_file(ctx.db, dataset_versions(), ctx.org(), id, file.second,
                             std::move(bytes), caller_of(ctx)));
  }
  return version;
}

Result<Response> content_api(Context& ctx) {
  TRY_ASSIGN(const auto version, take_content(ctx));
  return http::json_record(200, records::to_json(dataset_versions(), version), version.version);
}

Result<Response> content_page(Context& ctx) {
  TRY_ASSIGN(const auto version, take_content(ctx));
  return Response::redirect(version_href(version.id) + "?saved=1");
}

Result<std::string> lineage_panel(const Context& ctx, const std::vector<LineageNode>& nodes,
                                  const std::string& title, bool offer_new) {
  const auto edges = lineage_edges(nodes);
  return web::render("data/templates/lineage_panel.mustache",
                     {{"empty", nodes.empty()},
                      {"svg", lineage_svg(nodes, title)},
                      {"edges", edges},
                      {"has_edges", !edges.empty()},
                      {"new_version", offer_new && ctx.can(auth::Action::edit_records)}});
}

Result<std::string> version_lineage_panel(const Context& ctx, int64_t id) {
  TRY_ASSIGN(const auto version, records::get(ctx.db, dataset_versions(), ctx.org(), id));
  TRY_ASSIGN(const auto nodes, lineage_of_version(ctx.db, ctx.org(), id));
  return lineage_panel(ctx, nodes, "Lineage of " + dataset_versions().display_name(version), false);
}

Result<std::string> content_panel(const Context& ctx, int64_t id) {
  TRY_ASSIGN(const auto version, records::get(ctx.db, dataset_versions(), ctx.org(), id));
  const std::string origin = version.text("hash_origin");
  const auto* state = dataset_versions().state(version.state);
  const bool editable =
      ctx.can(auth::Action::edit_records) && !version.archived_at && (!state || state->editable);
  return web::render(
      "data/templates/content_panel.mustache",
      {{"computed", origin == "computed"},
       {"declared", origin == "declared"},
       {"none", origin.empty()},
       {"editable", editable},
       {"action", version_href(id) + "/content"},
       {"api", std::string(dataset_versions().api_path) + "/" + std::to_string(id) + "/content"},
       {"csrf", ctx.who().csrf_token}});
}

}  // namespace

std::string lineage_svg(const std::vector<LineageNode>& nodes, const std::string& title) {
  std::map<int, int> rows_in_column;
  std::map<int64_t, Box> at;
  std::map<int64_t, std::string> label;
  int last_column = 0;
  for (const auto& n : nodes) {
    label[n.id] = n.label;
    const int row = rows_in_column[n.depth]++;
    at[n.id] = {kMargin + n.depth * (kBoxWidth + kColumnGap),
                kMargin + row * (kBoxHeight + kRowGap)};
    last_column = std::max(last_column, n.depth);
  }
  json boxes = json::array(), edges = json::array();
  std::map<std::string, Box> model_at;
  for (const auto& n : nodes) {
    boxes.push_back(box_json(at[n.id], n.label, n.dataset, n.href, "version " + n.version, false));
    for (int64_t parent : n.derived_from)
      edges.push_back(
          edge_json(at[parent], at[n.id], n.label + " was derived from " + label[parent], false));
    for (const auto& m : n.models) {
      auto [it, added] = model_at.emplace(m.model, Box{});
      if (added) {
        const int row = rows_in_column[last_column + 1]++;
        it->second = {kMargin + (last_column + 1) * (kBoxWidth + kColumnGap),
                      kMargin + row * (kBoxHeight + kRowGap)};
        boxes.push_back(box_json(it->second, m.model, m.model, m.href, "model", true));
      }
      edges.push_back(
          edge_json(at[n.id], it->second, m.model + " was " + m.use + " " + n.label, true));
    }
  }
  int rows = 1;
  for (const auto& [column, count] : rows_in_column)
    rows = std::max(rows, count);
  const int columns = last_column + (model_at.empty() ? 1 : 2);
  return web::render("data/templates/lineage_svg.mustache",
                     {{"title", title},
                      {"width", 2 * kMargin + columns * kBoxWidth + (columns - 1) * kColumnGap},
                      {"height", 2 * kMargin + rows * kBoxHeight + (rows - 1) * kRowGap},
                      {"boxes", boxes},
                      {"edges", edges}});
}

Result<std::string> dataset_lineage_panel(const Context& ctx, int64_t dataset_id) {
  TRY_ASSIGN(const auto nodes, lineage_of_dataset(ctx.db, ctx.org(), dataset_id));
  return lineage_panel(ctx, nodes, "Lineage of the dataset's versions", true);
}

void register_routes(http::Router& router) {
  define_registers();
  using auth::Action;
  const http::BodyLimit upload{kMaxContentBytes, true};
  router.api("POST", "/api/v1/dataset-versions/{id}/content", Action::edit_records, content_api,
             upload);
  router.page("POST", "/data/dataset-versions/{id}/content", Action::edit_records, content_page,
              upload);
  records::register_routes(router, dataset_versions(),
                           {.panels = {content_panel, version_lineage_panel}});
  records::register_routes(router, data_preparations());
  records::register_routes(router, data_rights_reviews());
}

}  // namespace aims::data
