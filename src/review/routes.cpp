// A management review's page panel (the input pack, live until the review is held, then as
// frozen; the hold form), holding a review (POST .../{id}/hold, page and API: hand-written because
// the hold compiles the pack before its transaction, see hold.cpp), and the printable minutes
// (hand-written because they gather the review, its attendees, its actions and its versions).
#include "review/routes.h"

#include <nlohmann/json.hpp>

#include "auth/auth.h"
#include "base/time.h"
#include "http/errors.h"
#include "http/json_io.h"
#include "records/json.h"
#include "records/routes/routes.h"
#include "review/review.h"
#include "web/markdown.h"
#include "web/web.h"

namespace aims::review {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;
using records::Record;

using records::caller_of;

std::string page_of(int64_t id) {
  return std::string(management_reviews().page_path) + "/" + std::to_string(id);
}

bool is_held(const Record& r) {
  return r.state == "held" || r.state == "approved";
}

Result<std::map<int64_t, std::string>> people(const Context& ctx) {
  TRY_ASSIGN(const auto users, auth::list_users(ctx.db, ctx.org()));
  std::map<int64_t, std::string> out;
  for (const auto& u : users)
    out[u.id] = u.name.empty() ? u.email : u.name;
  return out;
}

// The pack as management saw it (frozen) or would see it now (live), as HTML.
Result<json> pack_view(const Context& ctx, const Record& review) {
  if (is_held(review))
    return json{{"frozen", true},
                {"compiled_at", minute_text(review.text("pack_compiled_at"))},
                {"html", web::markdown_html(review.text("input_pack"))}};
  TRY_ASSIGN(const std::string live, compile_pack(ctx.db, ctx.org(), review, now_timestamp()));
  return json{{"frozen", false}, {"html", web::markdown_html(live)}};
}

Result<json> attendees_view(const Context& ctx, int64_t id,
                            const std::map<int64_t, std::string>& names) {
  TRY_ASSIGN(const auto all, records::list_all(ctx.db, review_attendees(), ctx.org(),
                                               {.filters = {{"review_id", std::to_string(id)}}}));
  json out = json::array();
  for (const auto& a : all) {
    const auto it = names.find(a.number("person_id").value_or(0));
    out.push_back(
        {{"name", it == names.end() ? "" : it->second}, {"capacity", a.text("capacity")}});
  }
  return out;
}

Result<std::string> pack_panel(const Context& ctx, int64_t id) {
  TRY_ASSIGN(const Record review, records::get(ctx.db, management_reviews(), ctx.org(), id));
  TRY_ASSIGN(const json pack, pack_view(ctx, review));
  TRY_ASSIGN(const auto names, people(ctx));
  TRY_ASSIGN(const json attendees, attendees_view(ctx, id, names));
  const bool planned = review.state == "planned";
  json view = {{"id", id},
               {"pack", pack},
               {"attendees", attendees},
               {"has_attendees", !attendees.empty()},
               {"minutes_href", page_of(id) + "/minutes"},
               {"add_attendee",
                std::string(review_attendees().page_path) + "/new?review_id=" + std::to_string(id)},
               {"add_action",
                std::string(review_actions().page_path) + "/new?review_id=" + std::to_string(id)},
               {"can_edit", ctx.can(auth::Action::edit_records)},
               {"holdable", planned && ctx.can(auth::Action::edit_records)},
               {"today", now_timestamp().substr(0, 10)},
               {"minutes", review.text("minutes")},
               {"version", review.version},
               {"csrf", ctx.who().csrf_token}};
  return web::render("review/templates/pack_panel.mustache", view);
}

// The refusal as the hold form shows it: the message, and each field's problem by its label.
json refusal_view(const Error& e, int64_t id) {
  json problems = json::array();
  const auto label = [](const std::string& key) -> std::string {
    const auto* f = management_reviews().field(key);
    return f ? f->label : key == "attendees" ? "Attendees" : key;
  };
  for (const auto& p : e.problems)
    problems.push_back({{"field", label(p.field)}, {"message", p.message}});
  if (e.problems.empty() && !e.field.empty())
    problems.push_back({{"field", label(e.field)}, {"message", e.message}});
  return {{"message", e.problems.empty() && !e.field.empty() ? "" : e.message},
          {"problems", problems},
          {"has_problems", !problems.empty()},
          {"back", page_of(id)}};
}

Result<Response> hold_submit(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  HoldRequest request{.held_on = ctx.form_value("held_on").value_or(""),
                      .minutes = ctx.form_value("minutes").value_or(""),
                      .reason = ctx.form_value("reason").value_or(""),
                      .expected_version = std::strtoll(
                          ctx.form_value("version").value_or("0").c_str(), nullptr, 10)};
  auto held = hold(ctx.db, ctx.org(), id, request, caller_of(ctx));
  if (held) return Response::redirect(page_of(id) + "?notice=saved");
  if (held.error().code == ErrorCode::not_found) return held.error();
  return web::page(ctx, http::status_for(held.error().code),
                   {"The review was not held", "management-reviews"},
                   "review/templates/hold_refused.mustache", refusal_view(held.error(), id));
}

Result<Response> hold_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const int64_t version, ctx.if_match());
  TRY_ASSIGN(http::JsonInput in, http::read_json(ctx));
  HoldRequest request{.held_on = in.required_string("held_on", 10),
                      .minutes = in.optional_string("minutes", 100'000).value_or(""),
                      .reason = in.optional_string("reason", 10'000).value_or(""),
                      .expected_version = version};
  TRY(in.finish());
  TRY_ASSIGN(const auto outcome, hold(ctx.db, ctx.org(), id, request, caller_of(ctx)));
  return http::json_record(200, records::to_json(management_reviews(), outcome.record),
                           outcome.record.version);
}

Result<json> actions_view(const Context& ctx, int64_t id,
                          const std::map<int64_t, std::string>& names) {
  const auto& d = review_actions();
  TRY_ASSIGN(const auto all, records::list_all(ctx.db, d, ctx.org(),
                                               {.filters = {{"review_id", std::to_string(id)}}}));
  json out = json::array();
  for (const auto& a : all) {
    const auto owner = names.find(a.number("owner_id").value_or(0));
    out.push_back({{"title", a.text("title")},
                   {"href", std::string(d.page_path) + "/" + std::to_string(a.id)},
                   {"kind", d.choice_label("kind", a.text("kind"))},
                   {"decision", a.text("decision")},
                   {"owner", owner == names.end() ? "" : owner->second},
                   {"due_on", a.text("due_on")},
                   {"state", d.state(a.state) ? d.state(a.state)->label : a.state}});
  }
  return out;
}

// Each frozen version: held (the pack frozen) and the minutes approved, by whom (by name: a
// version keeps the actor's label, an email) and when.
Result<json> sign_off_view(const Context& ctx, const Record& review) {
  TRY_ASSIGN(const auto versions,
             records::versions(ctx.db, management_reviews(), ctx.org(), review));
  TRY_ASSIGN(const auto users, auth::list_users(ctx.db, ctx.org()));
  std::map<std::string, std::string> by_email;
  for (const auto& u : users)
    by_email[u.email] = u.name.empty() ? u.email : u.name;
  json out = json::array();
  for (const auto& v : versions)
    out.push_back({{"number", v.number},
                   {"what", v.snapshot.state == "approved" ? "Minutes approved" : "Review held"},
                   {"by", by_email.count(v.frozen_by) ? by_email[v.frozen_by] : v.frozen_by},
                   {"at", minute_text(v.frozen_at)}});
  return out;
}

Result<Response> minutes_page(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const Record review, records::get(ctx.db, management_reviews(), ctx.org(), id));
  TRY_ASSIGN(const auto names, people(ctx));
  TRY_ASSIGN(const json pack, pack_view(ctx, review));
  TRY_ASSIGN(const json attendees, attendees_view(ctx, id, names));
  TRY_ASSIGN(const json actions, actions_view(ctx, id, names));
  TRY_ASSIGN(const json sign_off, sign_off_view(ctx, review));
  const auto chair = names.find(review.number("chair_id").value_or(0));
  const auto* state = management_reviews().state(review.state);
  json view = {{"id", id},
               {"back", page_of(id)},
               {"title", review.text("title")},
               {"organisation", ctx.who().org_name},
               {"state", state ? state->label : review.state},
               {"planned_on", review.text("planned_on")},
               {"held_on", review.text("held_on")},
               {"next_review_on", review.text("next_review_on")},
               {"chair", chair == names.end() ? "" : chair->second},
               {"attendees", attendees},
               {"has_attendees", !attendees.empty()},
               {"minutes_html", web::markdown_html(review.text("minutes"))},
               {"has_minutes", review.is_set("minutes")},
               {"pack", pack},
               {"actions", actions},
               {"has_actions", !actions.empty()},
               {"sign_off", sign_off},
               {"signed", !sign_off.empty()}};
  return web::page(ctx, 200, {review.text("title") + ": minutes", "management-reviews"},
                   "review/templates/minutes.mustache", view);
}

}  // namespace

void register_routes(http::Router& router) {
  define_registers();
  records::register_routes(router, management_reviews(), {.panels = {pack_panel}});
  records::register_routes(router, review_attendees());
  records::register_routes(router, review_actions());
  using auth::Action;
  router.page("GET", "/evaluation/management-reviews/{id}/minutes", Action::read, minutes_page);
  router.page("POST", "/evaluation/management-reviews/{id}/hold", Action::edit_records,
              hold_submit);
  router.api("POST", "/api/v1/management-reviews/{id}/hold", Action::edit_records, hold_api);
}

}  // namespace aims::review
