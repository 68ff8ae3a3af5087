// Stage gate checks on the web: the API a delivery pipeline calls, the form and panel on the AI
// system's page, and the check's own page.
#include "lifecycle/gate_routes.h"

#include <chrono>

#include "base/time.h"
#include "http/errors.h"
#include "http/json_io.h"
#include "http/upload_store.h"
#include "inventory/inventory.h"
#include "lifecycle/lifecycle.h"
#include "lifecycle/stage_routes.h"
#include "lifecycle/uploads.h"
#include "records/routes/routes.h"
#include "web/web.h"

namespace aims::lifecycle {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

const char* const kGateStages[] = {"development", "verification_validation", "deployment",
                                   "operation_monitoring", "retirement"};

using records::caller_of;

std::string stage_label(const std::string& stage) {
  return inventory::ai_systems().choice_label("lifecycle_stage", stage);
}

std::optional<std::string> parameter(const Context& ctx, const std::string& name) {
  if (auto v = ctx.query_value(name)) return v;
  return ctx.form_value(name);
}

Result<std::optional<int64_t>> optional_id(const Context& ctx, const std::string& name) {
  const auto text = parameter(ctx, name);
  if (!text || text->empty()) return std::optional<int64_t>();
  char* end = nullptr;
  const long long id = std::strtoll(text->c_str(), &end, 10);
  if (*end != '\0' || id <= 0) return Error::invalid(name, name + " must be a record id");
  return std::optional<int64_t>(id);
}

// Parameters from the query string or the form; logs as the multipart parts 'validation_log' and
// 'perturbed_log'.
Result<GateRequest> request_from(const Context& ctx, int64_t system_id, const char* source) {
  GateRequest request;
  request.system_id = system_id;
  request.source = source;
  request.stage = parameter(ctx, "stage").value_or("");
  TRY_ASSIGN(request.model_id, optional_id(ctx, "model_id"));
  TRY_ASSIGN(request.monitor_id, optional_id(ctx, "monitor_id"));
  request.logs = logs_from_parts(ctx, "validation_log", "perturbed_log");
  return request;
}

int unmet(const GateCheck& c) {
  return static_cast<int>(
      std::count_if(c.criteria.begin(), c.criteria.end(), [](const auto& x) { return !x.met; }));
}

Result<Response> check_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const GateRequest request, request_from(ctx, id, "api"));
  TRY_ASSIGN(const GateCheck check, check_gate(ctx.db, ctx.org(), request, caller_of(ctx)));
  return http::json_response(201, to_json(check));
}

Result<Response> list_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY(records::get(ctx.db, inventory::ai_systems(), ctx.org(), id));
  TRY_ASSIGN(const auto checks, gate_checks_of(ctx.db, ctx.org(), id, 100));
  json items = json::array();
  for (const auto& c : checks)
    items.push_back(to_json(c));
  return http::json_list(items, std::nullopt);
}

Result<Response> get_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const GateCheck check, get_gate_check(ctx.db, ctx.org(), id));
  return http::json_response(200, to_json(check));
}

Result<Response> check_page(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const GateCheck check, get_gate_check(ctx.db, ctx.org(), id));
  TRY_ASSIGN(const auto system,
             records::get(ctx.db, inventory::ai_systems(), ctx.org(), check.system_id));
  json view = gate_check_view(check);
  const std::string name = inventory::ai_systems().display_name(system);
  view["system"] = name;
  return web::page(ctx, 200, {"Gate check of " + name, "systems"},
                   "lifecycle/templates/gate_check.mustache", view);
}

Result<Response> check_submit(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const GateRequest request, request_from(ctx, id, "web"));
  TRY_ASSIGN(const GateCheck check, check_gate(ctx.db, ctx.org(), request, caller_of(ctx)));
  return Response::redirect("/lifecycle/gate-checks/" + std::to_string(check.id));
}

// The stage after the current one is what a person most likely checks next.
std::string next_stage(const std::string& now) {
  for (size_t i = 0; i + 1 < std::size(kGateStages); ++i)
    if (now == kGateStages[i]) return kGateStages[i + 1];
  return now == "design" || now.empty() ? "development" : "retirement";
}

}  // namespace

json gate_check_view(const GateCheck& c) {
  json criteria = json::array();
  for (const auto& x : c.criteria)
    criteria.push_back({{"label", x.label}, {"reason", x.reason}, {"met", x.met}});
  return {{"id", c.id},
          {"system_id", c.system_id},
          {"stage", stage_label(c.stage)},
          {"stage_label", stage_label(c.stage)},
          {"tier", c.risk_tier.empty() ? std::string("not set (checked as high)") : c.risk_tier},
          {"passed", c.passed},
          {"unmet", unmet(c)},
          {"total", c.criteria.size()},
          {"criteria", criteria},
          {"acceptance", c.acceptance.is_array() ? c.acceptance : json::array()},
          {"has_acceptance", c.acceptance.is_array()},
          {"when", minute_text(c.checked_at)},
          {"checked_by",
           c.checked_by_name.empty() ? std::string("the command line") : c.checked_by_name},
          {"source", c.source},
          {"policy", c.policy_version == 0 ? std::string("aims' default")
                                           : "version " + std::to_string(c.policy_version)}};
}

Result<std::string> gate_panel(const http::Context& ctx, int64_t system_id) {
  TRY_ASSIGN(const auto system,
             records::get(ctx.db, inventory::ai_systems(), ctx.org(), system_id));
  TRY_ASSIGN(const auto checks, gate_checks_of(ctx.db, ctx.org(), system_id, 1));
  const std::string now = system.text("lifecycle_stage");
  const std::string suggested = next_stage(now);
  json stages = json::array();
  for (const char* s : kGateStages)
    stages.push_back({{"value", s}, {"label", stage_label(s)}, {"selected", suggested == s}});
  json view = {{"system_id", system_id},
               {"stage_now", now.empty() ? std::string("no stage") : stage_label(now)},
               {"tier", system.is_set("risk_tier") ? system.text("risk_tier") : "not set"},
               {"stages", stages},
               {"csrf", ctx.who().csrf_token},
               {"can", {{"edit_records", ctx.can(auth::Action::edit_records)}}}};
  if (!checks.empty()) view["latest"] = gate_check_view(checks.front());
  TRY_ASSIGN(const auto open, open_stage_changes(ctx, system_id));
  view["open_changes"] = open;
  view["has_open_changes"] = !open.empty();
  view["next_stage"] = suggested;
  return web::render("lifecycle/templates/gate_panel.mustache", view);
}

void register_gate_routes(http::Router& router) {
  using auth::Action;
  const http::BodyLimit upload{kMaxUploadBytes, true};
  router.api("POST", "/api/v1/ai-systems/{id}/gate-checks", Action::edit_records, check_api,
             upload);
  router.api("GET", "/api/v1/ai-systems/{id}/gate-checks", Action::read, list_api);
  router.api("GET", "/api/v1/gate-checks/{id}", Action::read, get_api);
  router.page("POST", "/inventory/systems/{id}/gate-checks", Action::edit_records, check_submit,
              upload);
  router.page("GET", "/lifecycle/gate-checks/{id}", Action::read, check_page);
}

}  // namespace aims::lifecycle
