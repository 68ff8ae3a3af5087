// Incidents: JSON routes, pages, and the AI system panel.
#include "improvement/routes.h"

#include <charconv>

#include <nlohmann/json.hpp>

#include "base/time.h"
#include "http/errors.h"
#include "http/json_io.h"
#include "improvement/improvement.h"
#include "inventory/inventory.h"
#include "trail/routes.h"
#include "web/web.h"

namespace aims::improvement {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

json to_json(const Incident& i) {
  return {{"id", i.id},
          {"system_id", i.system_id},
          {"title", i.title},
          {"description", i.description},
          {"severity", i.severity},
          {"status", i.status},
          {"control", i.control},
          {"source", i.source},
          {"monitor_id", i.monitor_id ? json(*i.monitor_id) : json(nullptr)},
          {"breach_count", i.breach_count},
          {"first_seen_at", i.first_seen_at},
          {"last_seen_at", i.last_seen_at},
          {"resolution", i.resolution},
          {"closed_at", i.closed_at ? json(*i.closed_at) : json(nullptr)},
          {"version", i.version},
          {"created_at", i.created_at},
          {"updated_at", i.updated_at}};
}

json view(const Incident& i) {
  json v = to_json(i);
  v["open"] = i.is_open();
  v["first_seen"] = minute_text(i.first_seen_at);
  v["last_seen"] = minute_text(i.last_seen_at);
  return v;
}

std::optional<int64_t> int_param(const Context& ctx, const std::string& name) {
  auto text = ctx.query_value(name);
  int64_t value = 0;
  if (!text || text->empty() ||
      std::from_chars(text->data(), text->data() + text->size(), value).ec != std::errc()) {
    return std::nullopt;
  }
  return value;
}

Result<IncidentQuery> read_query(const Context& ctx) {
  IncidentQuery q;
  q.system_id = int_param(ctx, "system_id");
  if (auto s = ctx.query_value("status"); s && !s->empty()) q.status = *s;
  q.limit = static_cast<int>(int_param(ctx, "limit").value_or(50));
  if (q.limit < 1 || q.limit > 200) return Error::invalid("limit", "limit must be from 1 to 200");
  q.offset = int_param(ctx, "offset").value_or(0);
  if (q.offset < 0) return Error::invalid("offset", "offset must be 0 or more");
  return q;
}

Result<Response> list_api(Context& ctx) {
  auto q = read_query(ctx);
  if (!q) return q.error();
  auto page = list(ctx.db, ctx.org(), *q);
  if (!page) return page.error();
  json items = json::array();
  for (const auto& i : page->items)
    items.push_back(to_json(i));
  return http::json_response(
      200, {{"items", items},
            {"total", page->total},
            {"next_offset", q->offset + static_cast<int64_t>(page->items.size()) < page->total
                                ? json(q->offset + static_cast<int64_t>(page->items.size()))
                                : json(nullptr)}});
}

Result<Response> create_api(Context& ctx) {
  auto in = http::read_json(ctx);
  if (!in) return in.error();
  NewIncident n;
  n.system_id = in->required_int("system_id", 1, INT64_MAX);
  n.title = in->required_string("title", 200);
  n.description = in->optional_string("description", 20000).value_or("");
  n.severity = in->required_string("severity", 20);
  n.control = in->optional_string("control", 20).value_or("");
  if (Status s = in->finish(); !s) return s.error();
  auto i = create(ctx.db, ctx.org(), n, ctx.who().actor());
  if (!i) return i.error();
  Response r = http::json_record(201, to_json(*i), i->version);
  r.with_header("Location", "/api/v1/incidents/" + std::to_string(i->id));
  return r;
}

Result<Response> get_api(Context& ctx) {
  auto id = ctx.path_id();
  if (!id) return id.error();
  auto i = get(ctx.db, ctx.org(), *id);
  if (!i) return i.error();
  return http::json_record(200, to_json(*i), i->version);
}

Result<Response> update_api(Context& ctx) {
  auto id = ctx.path_id();
  if (!id) return id.error();
  auto version = ctx.if_match();
  if (!version) return version.error();
  auto in = http::read_json(ctx);
  if (!in) return in.error();
  IncidentChanges c;
  c.status = in->optional_string("status", 20);
  c.severity = in->optional_string("severity", 20);
  c.description = in->optional_string("description", 20000);
  c.resolution = in->optional_string("resolution", 20000);
  c.expected_version = *version;
  if (Status s = in->finish(); !s) return s.error();
  auto i = update(ctx.db, ctx.org(), *id, c, ctx.who().actor());
  if (!i) return i.error();
  return http::json_record(200, to_json(*i), i->version);
}

Result<Response> list_page(Context& ctx) {
  auto q = read_query(ctx);
  if (!q) return q.error();
  if (!q->status) q->status = "active";
  auto page = list(ctx.db, ctx.org(), *q);
  if (!page) return page.error();
  auto systems = inventory::names(ctx.db, ctx.org(), inventory::Kind::ai_system);
  if (!systems) return systems.error();
  json rows = json::array();
  for (const auto& i : page->items) {
    json v = view(i);
    for (const auto& [id, name] : *systems) {
      if (id == i.system_id) v["system"] = name;
    }
    rows.push_back(v);
  }
  json filters = json::array();
  for (const char* s : {"active", "open", "investigating", "resolved", "closed"}) {
    filters.push_back({{"value", s}, {"selected", *q->status == s}});
  }
  return web::page(ctx, 200, {"Incidents", "improvement"},
                   "improvement/templates/incidents.mustache",
                   {{"incidents", rows}, {"total", page->total}, {"statuses", filters}});
}

Result<Response> detail_page_with(const Context& ctx, int64_t id, int status,
                                  const std::string& error) {
  auto i = get(ctx.db, ctx.org(), id);
  if (!i) return i.error();
  auto system = inventory::get(ctx.db, ctx.org(), inventory::Kind::ai_system, i->system_id);
  if (!system) return system.error();
  trail::Filter f;
  f.entity_type = "incident";
  f.entity_id = id;
  f.limit = 25;
  auto events = ctx.db.read([&](store::Tx& tx) { return trail::list(tx, ctx.org(), f); });
  if (!events) return events.error();
  json status_options = json::array(), severity_options = json::array();
  for (const auto& s : statuses())
    status_options.push_back({{"value", s}, {"selected", s == i->status}});
  for (const auto& s : severities())
    severity_options.push_back({{"value", s}, {"selected", s == i->severity}});
  json history = json::array();
  for (const auto& event : *events)
    history.push_back(trail::event_view(event));
  json v = view(*i);
  return web::page(
      ctx, status, {i->title, "improvement"}, "improvement/templates/incident.mustache",
      {{"incident", v},
       {"system", {{"id", system->id}, {"name", system->text("name")}}},
       {"statuses", status_options},
       {"severities", severity_options},
       {"form_error", error},
       {"events", history},
       {"history_href", "/audit-trail?entity_type=incident&entity_id=" + std::to_string(id)},
       {"notice",
        ctx.query_value("notice") == std::optional<std::string>("saved") ? "Saved." : ""}});
}

Result<Response> detail_page(Context& ctx) {
  auto id = ctx.path_id();
  if (!id) return id.error();
  return detail_page_with(ctx, *id, 200, "");
}

Result<Response> update_submit(Context& ctx) {
  auto id = ctx.path_id();
  if (!id) return id.error();
  IncidentChanges c;
  c.status = ctx.form_value("status");
  c.severity = ctx.form_value("severity");
  c.resolution = ctx.form_value("resolution");
  c.expected_version = std::strtoll(ctx.form_value("version").value_or("0").c_str(), nullptr, 10);
  auto i = update(ctx.db, ctx.org(), *id, c, ctx.who().actor());
  if (!i) {
    if (i.error().code == ErrorCode::not_found) return i.error();
    return detail_page_with(ctx, *id, http::status_for(i.error().code), i.error().message);
  }
  return Response::redirect("/improvement/incidents/" + std::to_string(*id) + "?notice=saved");
}

Result<Response> create_submit(Context& ctx) {
  NewIncident n;
  n.system_id = std::strtoll(ctx.form_value("system_id").value_or("0").c_str(), nullptr, 10);
  n.title = ctx.form_value("title").value_or("");
  n.description = ctx.form_value("description").value_or("");
  n.severity = ctx.form_value("severity").value_or("medium");
  n.control = ctx.form_value("control").value_or("");
  auto i = create(ctx.db, ctx.org(), n, ctx.who().actor());
  if (!i) return i.error();
  return Response::redirect("/improvement/incidents/" + std::to_string(i->id));
}

}  // namespace

void register_routes(http::Router& r) {
  using auth::Action;
  r.api("GET", "/api/v1/incidents", Action::read, list_api);
  r.api("POST", "/api/v1/incidents", Action::edit_records, create_api);
  r.api("GET", "/api/v1/incidents/{id}", Action::read, get_api);
  r.api("PATCH", "/api/v1/incidents/{id}", Action::edit_records, update_api);
  r.page("GET", "/improvement/incidents", Action::read, list_page);
  r.page("POST", "/improvement/incidents", Action::edit_records, create_submit);
  r.page("GET", "/improvement/incidents/{id}", Action::read, detail_page);
  r.page("POST", "/improvement/incidents/{id}", Action::edit_records, update_submit);
}

Result<std::vector<overview::Headline>> headlines(const Context& ctx) {
  IncidentQuery q;
  q.status = "active";
  q.limit = 200;
  auto active = list(ctx.db, ctx.org(), q);
  if (!active) return active.error();
  int64_t severe = 0;
  for (const auto& i : active->items)
    severe += i.severity == "high" || i.severity == "critical";
  return std::vector<overview::Headline>{
      {"Open incidents", std::to_string(active->total),
       std::to_string(severe) + (active->total > 200 ? "+" : "") + " high or critical",
       "/improvement/incidents", severe > 0 ? "bad" : (active->total > 0 ? "warn" : "good")}};
}

Result<std::string> system_panel(const Context& ctx, int64_t system_id) {
  IncidentQuery q;
  q.system_id = system_id;
  q.limit = 20;
  auto page = list(ctx.db, ctx.org(), q);
  if (!page) return page.error();
  json rows = json::array();
  for (const auto& i : page->items)
    rows.push_back(view(i));
  return web::render("improvement/templates/system_panel.mustache",
                     {{"incidents", rows},
                      {"system_id", system_id},
                      {"csrf", ctx.who().csrf_token},
                      {"can", {{"edit_records", ctx.can(auth::Action::edit_records)}}}});
}

}  // namespace aims::improvement
