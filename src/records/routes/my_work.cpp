// My work (page and API) and the personal calendar feed: due dates and approvals of every
// register, for the person asking (or whose feed token is in the URL).
#include "base/ical.h"
#include "base/time.h"
#include "http/json_io.h"
#include "records/due.h"
#include "records/routes/routes_internal.h"
#include "records/routes/views.h"
#include "web/navigation.h"
#include "web/web.h"

namespace aims::records {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

std::vector<WorkSection>& work_sections() {
  static std::vector<WorkSection> all;
  return all;
}

// Each module's section, in the order they were added.
Result<json> sections_json(const Context& ctx) {
  json out = json::array();
  for (const auto& s : work_sections()) {
    TRY_ASSIGN(const auto items, s.items(ctx));
    json rows = json::array();
    for (const auto& i : items)
      rows.push_back({{"name", i.name}, {"href", i.href}, {"note", i.note}});
    out.push_back({{"key", s.key},
                   {"title", s.title},
                   {"empty", s.empty},
                   {"count", rows.size()},
                   {"any", !rows.empty()},
                   {"items", rows}});
  }
  return out;
}

constexpr int kFeedDaysAhead = 366;  // a calendar shows the year ahead; My work the next 30 days

std::string when_text(int64_t days_left) {
  if (days_left < -1) return std::to_string(-days_left) + " days overdue";
  if (days_left == -1) return "1 day overdue";
  if (days_left == 0) return "today";
  if (days_left == 1) return "tomorrow";
  return "in " + std::to_string(days_left) + " days";
}

json due_json(const DueItem& item) {
  return {{"type", item.register_->type},
          {"register", item.register_->plural},
          {"id", item.id},
          {"name", item.name},
          {"href", views::record_href(*item.register_, item.id)},
          {"field", item.field->key},
          {"field_label", item.field->label},
          {"date", item.date},
          {"days_left", item.days_left},
          {"days_overdue", item.days_left < 0 ? -item.days_left : 0},
          {"when", when_text(item.days_left)}};
}

json due_list(const std::vector<DueItem>& items) {
  json out = json::array();
  for (const auto& item : items)
    out.push_back(due_json(item));
  return out;
}

json awaiting_list(const std::vector<AwaitingApproval>& items) {
  json out = json::array();
  for (const auto& a : items) {
    out.push_back({{"type", a.register_->type},
                   {"register", a.register_->plural},
                   {"id", a.id},
                   {"name", a.name},
                   {"href", views::record_href(*a.register_, a.id)},
                   {"state", a.state ? a.state->value : ""},
                   {"state_label", a.state ? a.state->label : ""},
                   {"transition", a.transition->name},
                   {"transition_label", a.transition->label},
                   {"approvals_given", a.given},
                   {"approvals_needed", a.transition->approvals},
                   {"since", a.since}});
  }
  return out;
}

json work_json(const MyWork& work, const std::string& today) {
  return {{"today", today},
          {"overdue", due_list(work.overdue)},
          {"this_week", due_list(work.this_week)},
          {"later", due_list(work.later)},
          {"awaiting_approval", awaiting_list(work.awaiting)}};
}

Result<json> work_view(const Context& ctx) {
  const std::string today = day_of(now_timestamp());
  TRY_ASSIGN(const MyWork work, my_work(ctx.db, ctx.org(), caller_of(ctx), today));
  json view = work_json(work, today);
  TRY_ASSIGN(view["sections"], sections_json(ctx));
  return view;
}

Result<Response> my_work_api(Context& ctx) {
  TRY_ASSIGN(const json view, work_view(ctx));
  return Response::json(200, view.dump());
}

Result<Response> my_work_page(Context& ctx) {
  TRY_ASSIGN(json view, work_view(ctx));
  for (auto& a : view["awaiting_approval"])
    a["since"] = minute_text(a["since"].get<std::string>());
  // Mustache cannot ask whether a list is empty: the table and its head show only with rows.
  view["has_awaiting_approval"] = !view["awaiting_approval"].empty();
  // One table per group, in the order people act on them.
  view["groups"] = json{{{"id", "overdue"},
                         {"title", "Overdue"},
                         {"items", view["overdue"]},
                         {"empty", "Nothing overdue."},
                         {"overdue", true}},
                        {{"id", "this-week"},
                         {"title", "Due this week"},
                         {"items", view["this_week"]},
                         {"empty", "Nothing due in the next seven days."},
                         {"overdue", false}},
                        {{"id", "later"},
                         {"title", "Due in the next 30 days"},
                         {"items", view["later"]},
                         {"empty", "Nothing else due in the next 30 days."},
                         {"overdue", false}}};
  for (auto& group : view["groups"]) {
    group["count"] = group["items"].size();
    group["any"] = !group["items"].empty();  // "items.0" does not resolve in a nested section
  }
  return web::page(ctx, 200, {"My work", "my-work"}, "records/routes/templates/my_work.mustache",
                   view);
}

// Where the feed's links point: the configured public URL, else the host the calendar asked.
std::string site_of(const Context& ctx, const std::string& public_url) {
  if (!public_url.empty()) {
    return public_url.ends_with('/') ? public_url.substr(0, public_url.size() - 1) : public_url;
  }
  const std::string host(ctx.request.header("host").value_or(""));
  const bool plausible =
      !host.empty() && host.size() < 256 && std::all_of(host.begin(), host.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' ||
               c == '[' || c == ']';
      });
  return plausible ? "http://" + host : "";
}

Result<Response> calendar_feed(Context& ctx, const std::string& public_url) {
  std::string file;
  for (const auto& [name, value] : ctx.params) {
    if (name == "file") file = value;
  }
  // One answer for every wrong token (malformed, unknown, revoked, a disabled person's).
  const Error none = Error::not_found("no such page");
  if (!file.ends_with(".ics")) return none;
  auto user = auth::calendar_token_user(ctx.db, file.substr(0, file.size() - 4));
  if (!user) return none;
  const std::string now = now_timestamp();
  TRY_ASSIGN(const auto items,
             due_for(ctx.db, user->org_id, user->id, day_of(now), kFeedDaysAhead));
  const std::string site = site_of(ctx, public_url);
  std::vector<ical::Event> events;
  for (const auto& item : items) {
    const Description& d = *item.register_;
    events.push_back(
        {std::string(d.type) + "-" + std::to_string(item.id) + "-" + item.field->key + "@aims",
         item.date, std::string(item.field->label) + ": " + item.name,
         std::string(d.singular) + " " + item.name + ", " + item.field->label + " " + item.date,
         site.empty() ? "" : site + views::record_href(d, item.id)});
  }
  return Response::text(200, ical::calendar("aims: " + user->name, events, now),
                        "text/calendar; charset=utf-8");
}

}  // namespace

void add_work_section(WorkSection section) {
  auto& all = work_sections();
  for (auto& s : all) {
    if (s.key == section.key) {
      s = std::move(section);
      return;
    }
  }
  all.push_back(std::move(section));
}

void register_my_work_routes(http::Router& router, std::string public_url) {
  web::add_nav_entry({"", 0, "my-work", "My work", "/my-work", 5});
  router.page("GET", "/my-work", auth::Action::read, my_work_page);
  router.api("GET", "/api/v1/my-work", auth::Action::read, my_work_api);
  http::Route feed{"GET", "/calendar/{file}", http::RouteKind::page, std::nullopt,
                   [public_url](Context& c) { return calendar_feed(c, public_url); }};
  feed.secret_in_path = true;
  router.add(std::move(feed));
}

}  // namespace aims::records
