// HTML routes of every register: list, record page, form, import, workflow steps, frozen versions
// and their comparison, and the search across registers.
#include "base/time.h"
#include "http/errors.h"
#include "http/parse/form.h"
#include "records/exchange.h"
#include "records/routes/routes_internal.h"
#include "records/routes/views.h"
#include "records/rules.h"
#include "records/search.h"
#include "trail/routes/routes.h"
#include "web/web.h"

namespace aims::records {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

Response render(const Context& ctx, int status, const Description& d, const std::string& title,
                const std::string& tmpl, json view) {
  return web::page(ctx, status, {title, d.nav.section}, "records/routes/templates/" + tmpl,
                   std::move(view));
}

std::string notice_text(const Description& d, const std::string& notice) {
  if (notice == "created") return std::string(d.singular) + " created.";
  if (notice == "saved") return "Changes saved.";
  if (notice == "archived") return "Archived. It stays readable here and in the audit trail.";
  if (notice == "restored") return "Restored.";
  if (notice == "approved") return "Your approval is recorded; more are needed before it moves.";
  if (notice == "moved") return "Done.";
  if (notice == "imported") return "The import is done.";
  if (notice == "attached") return "Attached.";
  if (notice == "detached") return "Removed. The audit trail keeps its name and hash.";
  if (notice == "commented") return "Comment added.";
  return {};
}

Result<Response> list_page(Context& ctx, const Description& d) {
  auto query = views::read_query(ctx, d);
  const Query shown = query ? *query : Query{};
  TRY_ASSIGN(const Page page, list(ctx.db, d, ctx.org(), shown));
  TRY_ASSIGN(const auto names, views::Names::for_form(ctx, d));
  json view = views::list_view(ctx, d, shown, page, names);
  if (!query) view["form_error"] = query.error().message;
  view["notice"] = notice_text(d, ctx.query_value("notice").value_or(""));
  view["can_edit"] = ctx.can(d.edit);
  return render(ctx, query ? 200 : 422, d, views::heading(d), "list.mustache", view);
}

// The record's own events from the audit trail, newest first.
Status add_history(const Context& ctx, const Description& d, int64_t id, json& view) {
  trail::Filter f;
  f.entity_type = d.type;
  f.entity_id = id;
  f.limit = 25;
  TRY_ASSIGN(auto events,
             ctx.db.read([&](store::Tx& tx) { return trail::list(tx, ctx.org(), f); }));
  json rows = json::array();
  for (const auto& event : events)
    rows.push_back(trail::event_view(event));
  view["events"] = rows;
  view["history_href"] =
      "/audit-trail?entity_type=" + std::string(d.type) + "&entity_id=" + std::to_string(id);
  return {};
}

Status add_referrers(const Context& ctx, const Description& d, int64_t id,
                     const views::Names& names, json& view) {
  TRY_ASSIGN(const auto referrers, referred_by(ctx.db, ctx.org(), d, id));
  view["referrers"] = views::referrers_view(id, referrers, names);
  return {};
}

Status add_versions(const Context& ctx, const Description& d, const Record& r, json& view) {
  if (!d.versioned) return {};
  TRY_ASSIGN(auto all, versions(ctx.db, d, ctx.org(), r));
  json items = json::array();
  for (auto it = all.rbegin(); it != all.rend(); ++it) {
    json item = {{"number", it->number},
                 {"frozen_at", minute_text(it->frozen_at)},
                 {"frozen_by", it->frozen_by},
                 {"reason", it->reason},
                 {"href", views::record_href(d, r.id) + "/versions/" + std::to_string(it->number)}};
    if (it->number > 1) {
      item["compare_href"] = views::record_href(d, r.id) +
                             "/compare?from=" + std::to_string(it->number - 1) +
                             "&to=" + std::to_string(it->number);
    }
    items.push_back(item);
  }
  view["versions"] = items;
  // A revision being drafted is not what people should follow: the approved text still is.
  const State* s = d.state(r.state);
  if (!all.empty() && s && s->editable) {
    view["in_force"] = {{"number", all.back().number}, {"href", items.front()["href"]}};
  }
  if (!all.empty()) {
    view["compare_current_href"] = views::record_href(d, r.id) +
                                   "/compare?from=" + std::to_string(all.back().number) + "&to=0";
  }
  return {};
}

}  // namespace

// Other modules' sections of a record's page, those with something to show.
Result<json> rendered(const Context& ctx, const std::vector<RecordPanel>& panels, int64_t id) {
  json out = json::array();
  for (const auto& panel : panels) {
    TRY_ASSIGN(const std::string html, panel(ctx, id));
    if (!html.empty()) out.push_back({{"html", html}});
  }
  return out;
}

Result<Response> record_page(Context& ctx, const Description& d, const PageOptions& options,
                             const Error* problem) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const Record r, get(ctx.db, d, ctx.org(), id));
  TRY_ASSIGN(const auto names, views::Names::for_records(ctx, d, {r}));
  json view = views::record_view(d, r, names);
  TRY(add_history(ctx, d, id, view));
  TRY(add_referrers(ctx, d, id, names, view));
  TRY(add_versions(ctx, d, r, view));
  TRY(add_attachments_view(ctx, d, r, names.users, view));
  if (d.workflow) {
    TRY_ASSIGN(const WorkflowView w, workflow_view(ctx.db, d, ctx.org(), r, caller_of(ctx)));
    view["workflow"] = views::workflow_view(d, r, w, names);
  }
  TRY_ASSIGN(view["panels"], rendered(ctx, options.panels, id));
  TRY_ASSIGN(view["banners"], rendered(ctx, options.banners, id));
  view["can_edit"] = ctx.can(d.edit);
  view["can_archive"] = ctx.can(d.archive);
  view["notice"] = notice_text(d, ctx.query_value("notice").value_or(""));
  if (problem) view["form_error"] = problem->message;
  return render(ctx, problem ? http::status_for(problem->code) : 200, d, d.display_name(r),
                "record.mustache", view);
}

namespace {

Response form_page(const Context& ctx, int status, const Description& d, const Record& r,
                   const views::Names& names, const Error* error, bool editing) {
  json view = views::form_view(d, r, names, error);
  view["action"] = editing ? views::record_href(d, r.id) : std::string(d.page_path);
  view["cancel"] = editing ? views::record_href(d, r.id) : std::string(d.page_path);
  view["editing"] = editing;
  return render(ctx, status, d,
                editing ? "Edit " + d.display_name(r) : "New " + std::string(d.singular),
                "form.mustache", view);
}

// A new record starts from each field's default, with its author as the responsible person.
Record blank_record(const Context& ctx, const Description& d) {
  Record r;
  r.type = d.type;
  rules::apply_defaults(d, r);
  for (const auto& f : d.fields) {
    if (f.type == FieldType::user_ref && f.responsible) r.values[f.key] = ctx.who().user_id;
    // A link may say which choice, person or record the new record is about ("?requirement=4.1",
    // "?objective_id=3", "?person_id=7"); only a value the field offers is taken (a person's or a
    // record's id is checked, as any other, when the form is sent).
    const auto asked = ctx.query_value(f.key);
    if (!asked || f.computed || f.read_only) continue;
    if (f.type == FieldType::user_ref || (f.type == FieldType::record_ref && !f.many)) {
      const int64_t id = std::strtoll(asked->c_str(), nullptr, 10);
      if (id > 0) r.values[f.key] = id;
      continue;
    }
    if (f.type != FieldType::choice) continue;
    for (const auto& c : f.choices) {
      if (*asked == c.value) r.values[f.key] = *asked;
    }
  }
  return r;
}

Result<Response> new_page(Context& ctx, const Description& d) {
  TRY_ASSIGN(const auto names, views::Names::for_form(ctx, d));
  return form_page(ctx, 200, d, blank_record(ctx, d), names, nullptr, false);
}

Result<Response> create_submit(Context& ctx, const Description& d) {
  TRY_ASSIGN(const auto names, views::Names::for_form(ctx, d));
  Problems problems;
  const Record input = views::record_from_form(ctx, d, problems);
  if (Status s = problems.status(); !s)
    return form_page(ctx, 422, d, input, names, &s.error(), false);
  auto created = create(ctx.db, d, ctx.org(), input, caller_of(ctx));
  if (!created) {
    return form_page(ctx, http::status_for(created.error().code), d, input, names, &created.error(),
                     false);
  }
  return Response::redirect(views::record_href(d, created->id) + "?notice=created");
}

Result<Response> edit_page(Context& ctx, const Description& d) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const Record r, get(ctx.db, d, ctx.org(), id));
  if (r.archived_at) {
    return Error{ErrorCode::failed_precondition,
                 std::string("this ") + d.singular + " is archived; restore it to edit it",
                 {}};
  }
  TRY_ASSIGN(const auto names, views::Names::for_form(ctx, d));
  return form_page(ctx, 200, d, r, names, nullptr, true);
}

Result<Response> update_submit(Context& ctx, const Description& d) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const Record current, get(ctx.db, d, ctx.org(), id));
  TRY_ASSIGN(const auto names, views::Names::for_form(ctx, d));
  Problems problems;
  Record input = views::record_from_form(ctx, d, problems);
  input.id = id;
  const int64_t version =
      std::strtoll(ctx.form_value("version").value_or("0").c_str(), nullptr, 10);
  input.version = version;
  if (Status s = problems.status(); !s)
    return form_page(ctx, 422, d, input, names, &s.error(), true);
  auto updated = update(ctx.db, d, ctx.org(), id, input, version, caller_of(ctx));
  if (updated) return Response::redirect(views::record_href(d, id) + "?notice=saved");
  if (updated.error().code == ErrorCode::stale_version) {
    const Error stale{ErrorCode::stale_version,
                      "Someone changed this record while you were editing. The form now shows "
                      "their version; apply your change again.",
                      {}};
    return form_page(ctx, 412, d, current, names, &stale, true);
  }
  return form_page(ctx, http::status_for(updated.error().code), d, input, names, &updated.error(),
                   true);
}

Result<Response> archive_submit(Context& ctx, const Description& d, bool archiving) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY(archiving ? archive(ctx.db, d, ctx.org(), id, caller_of(ctx))
                : restore(ctx.db, d, ctx.org(), id, caller_of(ctx)));
  return Response::redirect(views::record_href(d, id) +
                            (archiving ? "?notice=archived" : "?notice=restored"));
}

// A workflow step from the record page. A refusal shows the record page with its reason.
Result<Response> transition_submit(Context& ctx, const Description& d, const PageOptions& options) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TransitionRequest request;
  request.name = ctx.form_value("transition").value_or("");
  request.reason = ctx.form_value("reason").value_or("");
  request.expected_version =
      std::strtoll(ctx.form_value("version").value_or("0").c_str(), nullptr, 10);
  if (const Transition* t = d.transition(request.name)) {
    Problems problems;
    for (const char* key : t->required_fields) {
      const auto text = ctx.form_value(key);
      if (!text) continue;
      auto value = rules::parse_text(*d.field(key), *text, '\n');
      if (value)
        request.values.values[key] = std::move(*value);
      else
        problems.add(key, value.error().message);
    }
    if (Status checked = problems.status(); !checked)
      return record_page(ctx, d, options, &checked.error());
  }
  auto outcome = transition(ctx.db, d, ctx.org(), id, request, caller_of(ctx));
  if (!outcome) {
    if (outcome.error().code == ErrorCode::not_found) return outcome.error();
    return record_page(ctx, d, options, &outcome.error());
  }
  return Response::redirect(views::record_href(d, id) +
                            (outcome->moved ? "?notice=moved" : "?notice=approved"));
}

Result<Response> version_page(Context& ctx, const Description& d) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  int64_t number = 0;
  for (const auto& [k, v] : ctx.params) {
    if (k == "number") number = std::strtoll(v.c_str(), nullptr, 10);
  }
  if (number < 1) return Error::not_found("no such version");
  TRY_ASSIGN(const Version v, version(ctx.db, d, ctx.org(), id, number));
  TRY_ASSIGN(const auto names, views::Names::for_records(ctx, d, {v.snapshot}));
  json view = views::record_view(d, v.snapshot, names);
  view["id"] = id;
  view["number"] = v.number;
  view["frozen_at"] = minute_text(v.frozen_at);
  view["frozen_by"] = v.frozen_by;
  view["reason"] = v.reason;
  view["record_href"] = views::record_href(d, id);
  return render(ctx, 200, d, d.display_name(v.snapshot) + ", version " + std::to_string(v.number),
                "version.mustache", view);
}

Result<Response> compare_page(Context& ctx, const Description& d) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  const int64_t from = std::strtoll(ctx.query_value("from").value_or("0").c_str(), nullptr, 10);
  const int64_t to = std::strtoll(ctx.query_value("to").value_or("0").c_str(), nullptr, 10);
  if (from < 1 || to < 0) return Error::invalid("from", "choose two versions to compare");
  TRY_ASSIGN(const Record r, get(ctx.db, d, ctx.org(), id));
  TRY_ASSIGN(const auto changes, compare(ctx.db, d, ctx.org(), id, from, to));
  json items = json::array();
  for (const auto& c : changes) {
    json lines = json::array();
    for (const auto& l : c.lines) {
      lines.push_back({{"text", l.text}, {"added", l.kind == '+'}, {"removed", l.kind == '-'}});
    }
    items.push_back({{"label", c.label},
                     {"before", c.before},
                     {"after", c.after},
                     {"lines", lines},
                     {"has_lines", !c.lines.empty()}});
  }
  json view = {{"register", views::register_view(d)},
               {"name", d.display_name(r)},
               {"from", from},
               {"to", to == 0 ? "the current record" : "version " + std::to_string(to)},
               {"changes", items},
               {"record_href", views::record_href(d, id)}};
  return render(ctx, 200, d, "Changes to " + d.display_name(r), "compare.mustache", view);
}

Result<Response> import_page(Context& ctx, const Description& d) {
  return render(ctx, 200, d, "Import " + std::string(d.plural), "import.mustache",
                {{"register", views::register_view(d)}});
}

// Step one uploads a file and checks it (dry run); step two posts the checked text back.
Result<Response> import_submit(Context& ctx, const Description& d) {
  json view = {{"register", views::register_view(d)}};
  auto text = read_import_text(ctx);
  const bool dry_run = ctx.form_value("confirm") != std::optional<std::string>("yes");
  auto report = text ? import_csv(ctx.db, d, ctx.org(), *text, dry_run, caller_of(ctx))
                     : Result<ImportReport>(text.error());
  if (!report) {
    view["form_error"] = report.error().message;
    return render(ctx, http::status_for(report.error().code), d, "Import " + std::string(d.plural),
                  "import.mustache", view);
  }
  if (report->committed) return Response::redirect(std::string(d.page_path) + "?notice=imported");
  view["report"] = report_json(*report);
  view["has_errors"] = report->error_count > 0;
  if (report->error_count == 0) view["csv"] = *text;
  return render(ctx, report->error_count ? 422 : 200, d, "Import " + std::string(d.plural),
                "import.mustache", view);
}

Result<Response> search_page(Context& ctx) {
  const std::string q = ctx.query_value("q").value_or("");
  json view = {{"q", q}, {"hits", json::array()}};
  if (!q.empty()) {
    auto hits = search::everywhere(ctx.db, ctx.org(), q.substr(0, 200), 50);
    if (!hits) {
      view["form_error"] = hits.error().message;
    } else {
      for (const auto& h : *hits) {
        view["hits"].push_back({{"title", h.title},
                                {"register", h.register_->singular},
                                {"href", views::record_href(*h.register_, h.id)},
                                {"archived", h.archived}});
      }
      view["searched"] = true;
    }
  }
  return web::page(ctx, 200, {"Search", ""}, "records/routes/templates/search.mustache", view);
}

}  // namespace

void register_pages(http::Router& r, const Description& d, PageOptions options) {
  using auth::Action;
  const std::string base = d.page_path;
  const http::BodyLimit upload{20 << 20, true};
  const Description* p = &d;
  r.page("GET", base, Action::read, [p](Context& c) { return list_page(c, *p); });
  r.page("POST", base, d.edit, [p](Context& c) { return create_submit(c, *p); });
  r.page("GET", base + "/new", d.edit, [p](Context& c) { return new_page(c, *p); });
  r.page("GET", base + "/import", d.edit, [p](Context& c) { return import_page(c, *p); });
  r.page(
      "POST", base + "/import", d.edit, [p](Context& c) { return import_submit(c, *p); }, upload);
  r.page("GET", base + "/{id}", Action::read,
         [p, options](Context& c) { return record_page(c, *p, options); });
  r.page("GET", base + "/{id}/edit", d.edit, [p](Context& c) { return edit_page(c, *p); });
  r.page("POST", base + "/{id}", d.edit, [p](Context& c) { return update_submit(c, *p); });
  r.page("POST", base + "/{id}/archive", d.archive,
         [p](Context& c) { return archive_submit(c, *p, true); });
  r.page("POST", base + "/{id}/restore", d.archive,
         [p](Context& c) { return archive_submit(c, *p, false); });
  if (d.workflow) {
    r.page("POST", base + "/{id}/transitions", Action::read,
           [p, options](Context& c) { return transition_submit(c, *p, options); });
  }
  register_attachment_pages(r, d, options);
  if (d.versioned) {
    r.page("GET", base + "/{id}/versions/{number}", Action::read,
           [p](Context& c) { return version_page(c, *p); });
    r.page("GET", base + "/{id}/compare", Action::read,
           [p](Context& c) { return compare_page(c, *p); });
  }
}

void register_search_page(http::Router& r) {
  r.page("GET", "/search", auth::Action::read, search_page);
}

}  // namespace aims::records
