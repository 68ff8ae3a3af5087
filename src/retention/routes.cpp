// Pages and API beyond what the records platform serves for the retention registers: a hold's
// records span registers (legal_hold_records, see holds.cpp), and the Retention page reads every
// rule against every register it governs.
#include "retention/routes.h"

#include <nlohmann/json.hpp>

#include "base/time.h"
#include "http/json_io.h"
#include "records/routes/routes.h"
#include "retention/retention.h"
#include "web/navigation.h"
#include "web/web.h"

namespace aims::retention {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

using records::caller_of;

std::string page_of(const records::Description& d, int64_t id) {
  return std::string(d.page_path) + "/" + std::to_string(id);
}

std::string today() {
  return now_timestamp().substr(0, 10);
}

// ---- the records a hold covers ----------------------------------------------------------------

json held_json(const std::vector<HeldRecord>& held) {
  json out = json::array();
  for (const auto& h : held)
    out.push_back({{"record_type", h.register_->type},
                   {"register", h.register_->singular},
                   {"record_id", h.id},
                   {"name", h.name},
                   {"href", page_of(*h.register_, h.id)},
                   {"added_at", h.added_at},
                   {"added", minute_text(h.added_at)}});
  return out;
}

json register_options() {
  json out = json::array();
  for (const auto& c : rules().field("record_type")->choices)
    out.push_back({{"value", c.value}, {"label", c.label}});
  return out;
}

Result<std::string> held_panel(const Context& ctx, int64_t id) {
  TRY_ASSIGN(const auto hold, records::get(ctx.db, holds(), ctx.org(), id));
  TRY_ASSIGN(const auto held,
             ctx.db.read([&](store::Tx& tx) { return held_records(tx, ctx.org(), id); }));
  const json all = held_json(held);
  return web::render(
      "retention/templates/held_panel.mustache",
      {{"id", id},
       {"csrf", ctx.who().csrf_token},
       {"held", all},
       {"has_held", !all.empty()},
       {"registers", register_options()},
       {"can_add", hold.state == "active" && !hold.archived_at && ctx.can(holds().edit)}});
}

Result<Response> held_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY(records::get(ctx.db, holds(), ctx.org(), id));
  TRY_ASSIGN(const auto held,
             ctx.db.read([&](store::Tx& tx) { return held_records(tx, ctx.org(), id); }));
  return http::json_list(held_json(held), std::nullopt);
}

Result<Response> hold_record_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(http::JsonInput in, http::read_json(ctx));
  const std::string type = in.required_string("record_type", 100);
  const int64_t record_id = in.required_int("record_id", 1, int64_t{1} << 53);
  TRY(in.finish());
  TRY(hold_record(ctx.db, ctx.org(), id, type, record_id, caller_of(ctx)));
  TRY_ASSIGN(const auto held,
             ctx.db.read([&](store::Tx& tx) { return held_records(tx, ctx.org(), id); }));
  return http::json_response(201, {{"items", held_json(held)}});
}

Result<Response> hold_record_submit(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  const std::string typed = ctx.form_value("record_id").value_or("");
  char* end = nullptr;
  const long long record_id = std::strtoll(typed.c_str(), &end, 10);
  if (typed.empty() || *end != '\0' || record_id < 1)
    return Error::invalid("record_id", "give the record's number, as its page's address shows it");
  TRY(hold_record(ctx.db, ctx.org(), id, ctx.form_value("record_type").value_or(""), record_id,
                  caller_of(ctx)));
  return Response::redirect(page_of(holds(), id) + "?notice=saved#held");
}

// ---- the Retention page -----------------------------------------------------------------------

json due_json(const std::vector<DueRecord>& due) {
  json out = json::array();
  for (const auto& d : due) {
    const std::string name = d.name.empty() ? std::string(d.register_->singular) : d.name;
    out.push_back(
        {{"record_type", d.register_->type},
         {"register", d.register_->singular},
         {"record_id", d.id},
         {"name", name},
         {"href", page_of(*d.register_, d.id)},
         {"ends_on", d.ends_on},
         {"rule_id", d.rule_id},
         {"rule", d.rule_name},
         {"rule_href", page_of(rules(), d.rule_id)},
         {"end_action", d.end_action},
         {"holds", d.holds},
         {"held", d.holds.empty() ? json(nullptr) : json(d.holds.front())},
         {"disposal_state", d.disposal_state.empty() ? json(nullptr) : json(d.disposal_state)},
         {"request_href",
          std::string(disposals().page_path) + "/new?record_type=" + d.register_->type +
              "&record_id=" + std::to_string(d.id) + "&rule_id=" + std::to_string(d.rule_id)}});
  }
  return out;
}

Result<std::vector<DueRecord>> due_now(const Context& ctx) {
  return ctx.db.read([&](store::Tx& tx) { return due_for_disposal(tx, ctx.org(), today()); });
}

Result<Response> due_api(Context& ctx) {
  TRY_ASSIGN(const auto due, due_now(ctx));
  return http::json_list(due_json(due), std::nullopt);
}

json states_json(const std::vector<records::Record>& all, const records::Description& d) {
  json out = json::array();
  for (const auto& r : all) {
    const auto* state = d.state(r.state);
    out.push_back({{"name", d.display_name(r)},
                   {"href", page_of(d, r.id)},
                   {"state", state ? state->label : r.state}});
  }
  return out;
}

Result<Response> retention_page(Context& ctx) {
  TRY_ASSIGN(const auto due, due_now(ctx));
  TRY_ASSIGN(const auto active_holds,
             records::list_all(ctx.db, holds(), ctx.org(), {.filters = {{"state", "active"}}}));
  TRY_ASSIGN(const auto all_disposals, records::list_all(ctx.db, disposals(), ctx.org()));
  const json due_view = due_json(due);
  const json holds_view = states_json(active_holds, holds());
  const json disposals_view = states_json(all_disposals, disposals());
  return web::page(ctx, 200, {"Retention", "retention"}, "retention/templates/retention.mustache",
                   {{"due", due_view},
                    {"has_due", !due_view.empty()},
                    {"holds", holds_view},
                    {"has_holds", !holds_view.empty()},
                    {"disposals", disposals_view},
                    {"has_disposals", !disposals_view.empty()},
                    {"today", today()},
                    {"rules_href", rules().page_path}});
}

}  // namespace

void register_routes(http::Router& router) {
  define_registers();
  records::register_routes(router, rules());
  records::register_routes(router, holds(), {.panels = {held_panel}});
  records::register_routes(router, disposals());
  web::add_nav_entry({"Support", 22, "retention", "Retention", "/support/retention", 59});
  using auth::Action;
  router.page("GET", "/support/retention", Action::read, retention_page);
  router.api("GET", "/api/v1/retention/due", Action::read, due_api);
  router.api("GET", "/api/v1/legal-holds/{id}/records", Action::read, held_api);
  router.api("POST", "/api/v1/legal-holds/{id}/records", Action::edit_records, hold_record_api);
  router.page("POST", "/support/legal-holds/{id}/records", Action::edit_records,
              hold_record_submit);
}

}  // namespace aims::retention
