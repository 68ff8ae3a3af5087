// The review queue's JSON API: production systems submit decisions and poll for the outcome,
// reviewers confirm or override, and anyone who reads sees a system's oversight metrics.
#include "http/errors.h"
#include "http/json_io.h"
#include "oversight/oversight.h"
#include "oversight/routes.h"
#include "records/routes/routes.h"

namespace aims::oversight {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;
using records::caller_of;

// The group attributes as an object of strings.
std::map<std::string, std::string> read_groups(http::JsonInput& in) {
  std::map<std::string, std::string> groups;
  const auto text = in.optional_object_text("groups");
  if (!text) return groups;
  const json object = json::parse(*text);  // the loop's items() must not outlive it
  for (const auto& [k, v] : object.items()) {
    if (!v.is_string()) {
      in.reject("groups", "each group attribute's value is a string: " + k);
      return {};
    }
    groups[k] = v.get<std::string>();
  }
  return groups;
}

Result<DecisionInput> read_decision(const Context& ctx) {
  TRY_ASSIGN(http::JsonInput in, http::read_json(ctx));
  DecisionInput d;
  d.decision_id = in.required_string("decision_id", 200);
  d.outcome = in.required_string("outcome", 200);
  d.score = in.optional_number("score", 0, 1);
  d.groups = read_groups(in);
  d.summary = in.optional_string("summary", 2000).value_or("");
  if (const auto context = in.optional_object_text("context")) d.context = json::parse(*context);
  TRY(in.finish());
  return d;
}

Result<Response> submit_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const DecisionInput input, read_decision(ctx));
  TRY_ASSIGN(const Submitted s, submit(ctx.db, ctx.org(), id, input, caller_of(ctx)));
  return http::json_response(s.created ? 201 : 200, to_json(s.decision));
}

Result<Response> get_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const Decision d, get(ctx.db, ctx.org(), id));
  return http::json_response(200, to_json(d));
}

Result<Response> list_api(Context& ctx) {
  TRY_ASSIGN(const QueueQuery query, queue_query(ctx));
  TRY_ASSIGN(const auto decisions, list(ctx.db, ctx.org(), query));
  json items = json::array();
  for (const auto& d : decisions)
    items.push_back(to_json(d));
  return http::json_list(items, std::nullopt);
}

Result<Response> review_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(http::JsonInput in, http::read_json(ctx));
  const std::string action = in.required_string("action", 20);
  Review r{.overrides = action == "override",
           .outcome = in.optional_string("outcome", 200).value_or(""),
           .reason = in.optional_string("reason", 4000).value_or("")};
  if (action != "confirm" && action != "override")
    in.reject("action", "the action is confirm or override");
  TRY(in.finish());
  TRY_ASSIGN(const Decision d, review(ctx.db, ctx.org(), id, r, caller_of(ctx)));
  return http::json_response(200, to_json(d));
}

Result<Response> metrics_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const int days, period_days(ctx));
  TRY_ASSIGN(const Metrics m, metrics(ctx.db, ctx.org(), id, days));
  json body = to_json(m);
  body["system_id"] = id;
  body["days"] = days;
  return http::json_response(200, body);
}

}  // namespace

void register_api(http::Router& router) {
  using auth::Action;
  router.api("POST", "/api/v1/ai-systems/{id}/oversight/decisions", Action::run_monitoring,
             submit_api);
  router.api("GET", "/api/v1/ai-systems/{id}/oversight/metrics", Action::read, metrics_api);
  router.api("GET", "/api/v1/oversight-decisions", Action::read, list_api);
  router.api("GET", "/api/v1/oversight-decisions/{id}", Action::read, get_api);
  router.api("POST", "/api/v1/oversight-decisions/{id}/review", Action::edit_records, review_api);
}

}  // namespace aims::oversight
