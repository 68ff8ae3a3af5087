// HTML routes of the four registers and the scope page.
#include <fstream>
#include <sstream>

#include "http/errors.h"
#include "inventory/json.h"
#include "inventory/routes_internal.h"
#include "inventory/views.h"
#include "trail/routes.h"
#include "web/web.h"

namespace aims::inventory {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

Response render(const Context& ctx, int status, const Entity& e, const std::string& title,
                const char* tmpl, json view) {
  return web::page(ctx, status, {title, e.section}, std::string("inventory/templates/") + tmpl,
                   std::move(view));
}

std::string record_path(const Entity& e, int64_t id) {
  return std::string(e.page_path) + "/" + std::to_string(id);
}

Result<Response> list_page(Context& ctx, Kind kind) {
  const Entity& e = entity(kind);
  auto names = load_names(ctx, e);
  if (!names) return names.error();
  auto query = read_list_query(ctx, kind);
  const ListQuery shown = query ? *query : ListQuery{};
  auto page = list(ctx.db, ctx.org(), kind, shown);
  if (!page) return page.error();
  json view = list_view(ctx, e, shown, *page, *names);
  if (!query) view["form_error"] = query.error().message;
  if (ctx.query_value("notice") == std::optional<std::string>("imported"))
    view["notice"] = "The import is done.";
  return render(ctx, query ? 200 : 422, e, e.plural, "list.mustache", view);
}

// The record's own events from the audit trail.
Status add_history(const Context& ctx, const Entity& e, int64_t id, json& view) {
  trail::Filter f;
  f.entity_type = e.type;
  f.entity_id = id;
  f.limit = 25;
  auto events = ctx.db.read([&](store::Tx& tx) { return trail::list(tx, ctx.org(), f); });
  if (!events) return events.error();
  json rows = json::array();
  for (const auto& event : *events)
    rows.push_back(trail::event_view(event));
  view["events"] = rows;
  view["history_href"] =
      "/audit-trail?entity_type=" + std::string(e.type) + "&entity_id=" + std::to_string(id);
  return {};
}

std::string notice_text(const Entity& e, const std::string& notice) {
  if (notice == "created") return std::string(e.singular) + " created.";
  if (notice == "saved") return "Changes saved.";
  if (notice == "archived") return "Archived. It stays readable here and in the audit trail.";
  if (notice == "restored") return "Restored.";
  if (notice == "oversight") return "Human-review status changed.";
  return {};
}

Result<Response> detail_page(Context& ctx, Kind kind, const std::vector<SystemPanel>& panels) {
  const Entity& e = entity(kind);
  auto id = ctx.path_id();
  if (!id) return id.error();
  auto record = get(ctx.db, ctx.org(), kind, *id);
  if (!record) return record.error();
  auto names = load_names(ctx, e);
  if (!names) return names.error();
  json view = detail_view(*record, *names);
  if (Status s = add_history(ctx, e, *id, view); !s) return s.error();
  if (kind != Kind::ai_system) {
    auto systems = systems_using(ctx.db, ctx.org(), kind, *id);
    if (!systems) return systems.error();
    json used = json::array();
    for (const auto& s : *systems) {
      used.push_back(
          {{"name", s.display_name()}, {"href", record_path(entity(Kind::ai_system), s.id)}});
    }
    view["used_by"] = used;
  }
  if (kind == Kind::ai_system) {
    json sections = json::array();
    for (const auto& panel : panels) {
      auto html = panel(ctx, *id);
      if (!html) return html.error();
      sections.push_back({{"html", *html}});
    }
    view["panels"] = sections;
  }
  view["notice"] = notice_text(e, ctx.query_value("notice").value_or(""));
  return render(ctx, 200, e, record->display_name(), "record.mustache", view);
}

Response form_page(const Context& ctx, int status, const Entity& e, const Record& r,
                   const Names& names, const Error* error, bool editing) {
  std::map<std::string, std::string> errors;
  if (error && !error->field.empty()) {
    errors[error->field.substr(0, error->field.find('['))] =
        error->message;  // model_ids[2] -> model_ids
  }
  json view = form_view(e, r, names, errors);
  if (error) view["form_error"] = error->message;
  view["action"] = editing ? record_path(e, r.id) : std::string(e.page_path);
  view["cancel"] = editing ? record_path(e, r.id) : std::string(e.page_path);
  view["editing"] = editing;
  return render(ctx, status, e,
                editing ? "Edit " + r.display_name() : std::string("New ") + e.singular,
                "form.mustache", view);
}

// A new record's form starts from each field's default; a new AI system is owned by its author.
Record blank_record(const Context& ctx, const Entity& e) {
  Record r;
  r.kind = e.kind;
  for (const auto& f : e.fields) {
    if (!*f.default_value) continue;
    if (f.type == FieldType::flag) {
      r.values[f.key] = std::string_view(f.default_value) == "true";
    } else {
      r.values[f.key] = std::string(f.default_value);
    }
  }
  if (e.kind == Kind::ai_system) r.values["owner_id"] = ctx.who().user_id;
  return r;
}

Result<Response> new_page(Context& ctx, Kind kind) {
  const Entity& e = entity(kind);
  auto names = load_names(ctx, e);
  if (!names) return names.error();
  return form_page(ctx, 200, e, blank_record(ctx, e), *names, nullptr, false);
}

Result<Response> create_submit(Context& ctx, Kind kind) {
  const Entity& e = entity(kind);
  auto names = load_names(ctx, e);
  if (!names) return names.error();
  auto input = record_from_form(ctx, e);
  if (!input) return form_page(ctx, 422, e, blank_record(ctx, e), *names, &input.error(), false);
  auto created = create(ctx.db, ctx.org(), kind, *input, ctx.who().actor());
  if (!created)
    return form_page(ctx, http::status_for(created.error().code), e, *input, *names,
                     &created.error(), false);
  return Response::redirect(record_path(e, created->id) + "?notice=created");
}

Result<Response> edit_page(Context& ctx, Kind kind) {
  const Entity& e = entity(kind);
  auto id = ctx.path_id();
  if (!id) return id.error();
  auto record = get(ctx.db, ctx.org(), kind, *id);
  if (!record) return record.error();
  if (record->archived_at) {
    return Error{ErrorCode::failed_precondition,
                 std::string("this ") + e.singular + " is archived; restore it to edit it",
                 {}};
  }
  auto names = load_names(ctx, e);
  if (!names) return names.error();
  return form_page(ctx, 200, e, *record, *names, nullptr, true);
}

Result<Response> update_submit(Context& ctx, Kind kind) {
  const Entity& e = entity(kind);
  auto id = ctx.path_id();
  if (!id) return id.error();
  auto current = get(ctx.db, ctx.org(), kind, *id);
  if (!current) return current.error();
  auto names = load_names(ctx, e);
  if (!names) return names.error();
  auto input = record_from_form(ctx, e);
  if (!input) return form_page(ctx, 422, e, *current, *names, &input.error(), true);
  input->id = *id;
  const int64_t version =
      std::strtoll(ctx.form_value("version").value_or("0").c_str(), nullptr, 10);
  auto updated = update(ctx.db, ctx.org(), kind, *id, *input, version, ctx.who().actor());
  if (updated) return Response::redirect(record_path(e, *id) + "?notice=saved");
  if (updated.error().code == ErrorCode::stale_version) {
    const Error stale{
        ErrorCode::stale_version,
        "Someone changed this record while you were editing. The form now shows their version; "
        "apply your change again.",
        {}};
    return form_page(ctx, 412, e, *current, *names, &stale, true);
  }
  input->version = version;
  return form_page(ctx, http::status_for(updated.error().code), e, *input, *names, &updated.error(),
                   true);
}

Result<Response> archive_submit(Context& ctx, Kind kind, bool archiving) {
  const Entity& e = entity(kind);
  auto id = ctx.path_id();
  if (!id) return id.error();
  auto done = archiving ? archive(ctx.db, ctx.org(), kind, *id, ctx.who().actor())
                        : restore(ctx.db, ctx.org(), kind, *id, ctx.who().actor());
  if (!done) return done.error();
  return Response::redirect(record_path(e, *id) +
                            (archiving ? "?notice=archived" : "?notice=restored"));
}

Result<Response> import_page(Context& ctx, Kind kind) {
  const Entity& e = entity(kind);
  return render(ctx, 200, e, "Import " + std::string(e.plural), "import.mustache",
                {{"entity", entity_view(e)}});
}

// Step one uploads a file and checks it (dry run); step two posts the checked text back to import.
Result<Response> import_submit(Context& ctx, Kind kind) {
  const Entity& e = entity(kind);
  std::string text;
  if (auto checked = ctx.form_value("csv")) {
    text = *checked;
  } else {
    auto uploaded = read_import_text(ctx);
    if (!uploaded) return uploaded.error();
    text = std::move(*uploaded);
  }
  const bool dry_run = ctx.form_value("confirm") != std::optional<std::string>("yes");
  json view = {{"entity", entity_view(e)}};
  auto report = import_csv(ctx.db, ctx.org(), kind, text, dry_run, ctx.who().actor());
  if (!report) {
    view["form_error"] = report.error().message;
    return render(ctx, http::status_for(report.error().code), e, "Import " + std::string(e.plural),
                  "import.mustache", view);
  }
  if (report->committed) return Response::redirect(std::string(e.page_path) + "?notice=imported");
  view["report"] = to_json(*report);
  view["has_errors"] = !report->errors.empty();
  if (report->errors.empty()) view["csv"] = text;
  return render(ctx, report->errors.empty() ? 200 : 422, e, "Import " + std::string(e.plural),
                "import.mustache", view);
}

Result<Response> scope_page_with(const Context& ctx, int status, const std::string& error) {
  auto s = scope(ctx.db, ctx.org());
  if (!s) return s.error();
  json view = to_json(*s);
  view["form_error"] = error;
  view["notice"] = ctx.query_value("notice") == std::optional<std::string>("saved")
                       ? "Scope statement saved."
                       : "";
  return web::page(ctx, status, {"AIMS scope", "scope"}, "inventory/templates/scope.mustache",
                   view);
}

Result<Response> scope_page(Context& ctx) {
  return scope_page_with(ctx, 200, "");
}

Result<Response> scope_submit(Context& ctx) {
  const int64_t version =
      std::strtoll(ctx.form_value("version").value_or("0").c_str(), nullptr, 10);
  auto saved = set_scope_statement(ctx.db, ctx.org(), ctx.form_value("statement").value_or(""),
                                   version, ctx.who().actor());
  if (!saved)
    return scope_page_with(ctx, http::status_for(saved.error().code), saved.error().message);
  return Response::redirect("/inventory/scope?notice=saved");
}

Result<int64_t> count_systems(const Context& ctx, const std::string& key,
                              const std::string& value) {
  ListQuery q;
  if (!key.empty()) q.filters.emplace_back(key, value);
  q.limit = 1;
  auto page = list(ctx.db, ctx.org(), Kind::ai_system, q);
  if (!page) return page.error();
  return page->total;
}

}  // namespace

Result<std::vector<overview::Headline>> headlines(const Context& ctx) {
  auto total = count_systems(ctx, "", "");
  if (!total) return total.error();
  auto high = count_systems(ctx, "eu_ai_act_class", "high_risk");
  if (!high) return high.error();
  auto unclassified = count_systems(ctx, "eu_ai_act_class", "not_assessed");
  if (!unclassified) return unclassified.error();
  std::string note = std::to_string(*high) + " high-risk under the EU AI Act";
  if (*unclassified > 0) note += ", " + std::to_string(*unclassified) + " not yet classified";
  return std::vector<overview::Headline>{{"AI systems", std::to_string(*total), note,
                                          "/inventory/systems", *unclassified > 0 ? "warn" : ""}};
}

void register_pages(http::Router& r, std::vector<SystemPanel> panels) {
  using auth::Action;
  const http::BodyLimit upload{20 << 20, true};
  for (const Entity* e : all_entities()) {
    const Kind k = e->kind;
    const std::string base = e->page_path;
    r.page("GET", base, Action::read, [k](Context& c) { return list_page(c, k); });
    r.page("POST", base, Action::edit_records, [k](Context& c) { return create_submit(c, k); });
    r.page("GET", base + "/new", Action::edit_records, [k](Context& c) { return new_page(c, k); });
    r.page("GET", base + "/import", Action::edit_records,
           [k](Context& c) { return import_page(c, k); });
    r.page(
        "POST", base + "/import", Action::edit_records,
        [k](Context& c) { return import_submit(c, k); }, upload);
    r.page("GET", base + "/{id}", Action::read,
           [k, panels](Context& c) { return detail_page(c, k, panels); });
    r.page("GET", base + "/{id}/edit", Action::edit_records,
           [k](Context& c) { return edit_page(c, k); });
    r.page("POST", base + "/{id}", Action::edit_records,
           [k](Context& c) { return update_submit(c, k); });
    r.page("POST", base + "/{id}/archive", Action::archive_records,
           [k](Context& c) { return archive_submit(c, k, true); });
    r.page("POST", base + "/{id}/restore", Action::archive_records,
           [k](Context& c) { return archive_submit(c, k, false); });
  }
  r.page("GET", "/inventory/scope", Action::read, scope_page);
  r.page("POST", "/inventory/scope", Action::manage_org, scope_submit);
}

}  // namespace aims::inventory
