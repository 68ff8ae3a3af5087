// The lifecycle policy's page and API: the organisation's current version read in people's words,
// a new version adopted from the form or a JSON body, and the versions adopted so far.
#include "lifecycle/policy_routes.h"

#include <algorithm>

#include "base/time.h"
#include "http/errors.h"
#include "http/json_io.h"
#include "inventory/inventory.h"
#include "lifecycle/lifecycle.h"
#include "records/routes/routes.h"
#include "web/navigation.h"
#include "web/web.h"

namespace aims::lifecycle {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;
using records::caller_of;

std::string stage_label(const std::string& stage) {
  return inventory::ai_systems().choice_label("lifecycle_stage", stage);
}

std::string tier_label(const std::string& tier) {
  return inventory::ai_systems().choice_label("risk_tier", tier);
}

std::string from_tier(const LifecyclePolicy& p, const std::string& stage, const std::string& key) {
  const auto of_stage = p.criteria.find(stage);
  if (of_stage == p.criteria.end()) return "";
  const auto found = of_stage->second.find(key);
  return found == of_stage->second.end() ? "" : found->second;
}

// One row per criterion, one cell per stage: "from tier X", "never", and the form's select.
json criteria_rows(const LifecyclePolicy& p) {
  json rows = json::array();
  for (const auto& key : gate_criterion_keys()) {
    json cells = json::array();
    for (const auto& stage : policy_stages()) {
      const std::string tier = from_tier(p, stage, key);
      json options = json::array();
      for (const auto& t : risk_tiers())
        options.push_back(
            {{"value", t}, {"label", "From " + tier_label(t)}, {"selected", t == tier}});
      options.push_back({{"value", "never"}, {"label", "Never"}, {"selected", tier.empty()}});
      cells.push_back({{"name", "c." + stage + "." + key},
                       {"stage", stage_label(stage)},
                       {"text", tier.empty() ? "never" : "from " + tier_label(tier)},
                       {"applies", !tier.empty()},
                       {"options", options}});
    }
    rows.push_back({{"label", gate_criterion_label(key)}, {"cells", cells}});
  }
  return rows;
}

// One row per stage, one cell per tier: "1 from Admin or AIMS manager", and the form's inputs.
json approval_rows(const LifecyclePolicy& p) {
  json rows = json::array();
  for (const auto& stage : policy_stages()) {
    json cells = json::array();
    for (const auto& tier : risk_tiers()) {
      const StageApprovals a = stage_approvals(p, stage, tier);
      std::string roles;
      json role_options = json::array();
      for (const auto role : auth::all_roles()) {
        const bool chosen = std::find(a.roles.begin(), a.roles.end(), role) != a.roles.end();
        if (chosen) roles += (roles.empty() ? "" : " or ") + role_label(role);
        if (auth::can(role, auth::Action::approve_records))
          role_options.push_back(
              {{"value", auth::to_string(role)}, {"label", role_label(role)}, {"checked", chosen}});
      }
      json counts = json::array();
      for (int n = 1; n <= 3; ++n)
        counts.push_back({{"value", n}, {"selected", n == a.count}});
      const std::string name = "a." + stage + "." + tier;
      cells.push_back({{"name", name},
                       {"tier", tier_label(tier)},
                       {"stage", stage_label(stage)},
                       {"text", std::to_string(a.count) + " from " + roles},
                       {"counts", counts},
                       {"roles", role_options}});
    }
    rows.push_back({{"stage", stage_label(stage)}, {"cells", cells}});
  }
  return rows;
}

Result<json> page_view(const Context& ctx, const LifecyclePolicy& shown) {
  TRY_ASSIGN(const auto history, policy_versions(ctx.db, ctx.org()));
  json versions = json::array();
  for (const auto& v : history)
    versions.push_back({{"version", v.version},
                        {"by", v.changed_by},
                        {"at", minute_text(v.changed_at)},
                        {"reason", v.reason}});
  json stages = json::array(), tiers = json::array();
  for (const auto& s : policy_stages())
    stages.push_back(stage_label(s));
  for (const auto& t : risk_tiers())
    tiers.push_back(tier_label(t));
  return json{{"version", shown.version},
              {"adopted", shown.version > 0},
              {"stages", stages},
              {"tiers", tiers},
              {"criteria", criteria_rows(shown)},
              {"approvals", approval_rows(shown)},
              {"versions", versions},
              {"csrf", ctx.who().csrf_token}};
}

Result<Response> page_with(const Context& ctx, int status, const LifecyclePolicy& shown,
                           const std::string& error) {
  TRY_ASSIGN(json view, page_view(ctx, shown));
  view["form_error"] = error;
  view["saved"] = ctx.query_value("saved").has_value();
  return web::page(ctx, status, {"Lifecycle policy", "lifecycle-policy"},
                   "lifecycle/templates/policy.mustache", view);
}

Result<Response> policy_page(Context& ctx) {
  TRY_ASSIGN(const LifecyclePolicy p, current_policy(ctx.db, ctx.org()));
  return page_with(ctx, 200, p, "");
}

// The form's fields: "c.<stage>.<key>" a tier or "never", "a.<stage>.<tier>.count" and
// "a.<stage>.<tier>.roles" (checkboxes, so absent when none is ticked).
LifecyclePolicy policy_from_form(const Context& ctx) {
  LifecyclePolicy p;
  p.version = std::strtoll(ctx.form_value("version").value_or("0").c_str(), nullptr, 10);
  p.reason = ctx.form_value("reason").value_or("");
  for (const auto& stage : policy_stages()) {
    auto& criteria = p.criteria[stage];
    for (const auto& key : gate_criterion_keys()) {
      const std::string tier = ctx.form_value("c." + stage + "." + key).value_or("never");
      if (tier != "never") criteria[key] = tier;
    }
    for (const auto& tier : risk_tiers()) {
      const std::string at = "a." + stage + "." + tier;
      StageApprovals& a = p.approvals[stage][tier];
      a.count = static_cast<int>(
          std::strtol(ctx.form_value(at + ".count").value_or("0").c_str(), nullptr, 10));
      a.roles.clear();
      for (const auto& text : ctx.form_values(at + ".roles"))
        if (const auto role = auth::parse_role(text)) a.roles.push_back(*role);
    }
  }
  return p;
}

std::string error_text(const Error& e) {
  std::string out = e.problems.empty() ? e.message : "";
  for (const auto& p : e.problems)
    out += (out.empty() ? "" : "; ") + p.field + ": " + p.message;
  return out;
}

Result<Response> policy_submit(Context& ctx) {
  const LifecyclePolicy proposed = policy_from_form(ctx);
  auto adopted = adopt_policy(ctx.db, ctx.org(), proposed, caller_of(ctx));
  if (!adopted)
    return page_with(ctx, http::status_for(adopted.error().code), proposed,
                     error_text(adopted.error()));
  return Response::redirect("/lifecycle/policy?saved=1");
}

Result<Response> policy_api(Context& ctx) {
  TRY_ASSIGN(const LifecyclePolicy p, current_policy(ctx.db, ctx.org()));
  return http::json_response(200, to_json(p));
}

Result<Response> versions_api(Context& ctx) {
  TRY_ASSIGN(const auto all, policy_versions(ctx.db, ctx.org()));
  json items = json::array();
  for (const auto& p : all)
    items.push_back(to_json(p));
  return http::json_response(200, {{"items", items}});
}

Result<Response> adopt_api(Context& ctx) {
  TRY_ASSIGN(http::JsonInput in, http::read_json(ctx));
  json body = json::object();
  body["version"] = in.required_int("version", 0, INT64_MAX);
  body["reason"] = in.optional_string("reason", 2000).value_or("");
  if (const auto stages = in.optional_object_text("stages"))
    body["stages"] = json::parse(*stages, nullptr, false);
  for (const char* ignored : {"changed_by", "changed_at"})  // as GET answers them
    (void)in.optional_string(ignored);
  TRY(in.finish());
  TRY_ASSIGN(const LifecyclePolicy proposed, policy_from_json(body));
  TRY_ASSIGN(const LifecyclePolicy adopted,
             adopt_policy(ctx.db, ctx.org(), proposed, caller_of(ctx)));
  return http::json_response(200, to_json(adopted));
}

}  // namespace

void register_policy_routes(http::Router& router) {
  web::add_nav_entry(
      {"Lifecycle", 16, "lifecycle-policy", "Lifecycle policy", "/lifecycle/policy", 35});
  using auth::Action;
  router.api("GET", "/api/v1/lifecycle-policy", Action::read, policy_api);
  router.api("PUT", "/api/v1/lifecycle-policy", Action::approve_records, adopt_api);
  router.api("GET", "/api/v1/lifecycle-policy/versions", Action::read, versions_api);
  router.page("GET", "/lifecycle/policy", Action::read, policy_page);
  router.page("POST", "/lifecycle/policy", Action::approve_records, policy_submit);
}

}  // namespace aims::lifecycle
