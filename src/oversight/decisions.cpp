// The review queue: decisions production systems submit, routed by the system's approved plan, and
// the review that confirms or overrides each. Hand-written rather than a register: machines write
// these at the volume of the system's decisions, and a decision is no governance record people
// edit; only its review is, so only the review writes a trail event.
#include <algorithm>

#include "base/crypto.h"
#include "base/time.h"
#include "inventory/inventory.h"
#include "monitoring/monitoring.h"
#include "notify/notify.h"
#include "oversight/facts.h"
#include "oversight/oversight.h"
#include "trail/trail.h"

namespace aims::oversight {
namespace {

using nlohmann::json;
using records::Record;

constexpr size_t kMaxGroups = 10;
constexpr size_t kMaxContextBytes = 16 * 1024;

constexpr const char* kColumns =
    "SELECT d.id, d.system_id, d.plan_id, d.external_id, d.outcome, d.score, d.group_values, "
    "d.summary, d.context, d.route, d.state, d.final_outcome, d.reason, d.submitted_at, "
    "COALESCE(d.reviewed_at, ''), d.reviewed_by, COALESCE(u.name, ''), d.submitted_by "
    "FROM oversight_decisions d "
    "LEFT JOIN users u ON u.id = d.reviewed_by ";

std::map<std::string, std::string> groups_from(const std::string& text) {
  std::map<std::string, std::string> out;
  const json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return out;
  for (const auto& [k, v] : j.items())
    if (v.is_string()) out[k] = v.get<std::string>();
  return out;
}

Decision decision_of(store::Row& row) {
  store::RowReader r(row);
  Decision d;
  d.id = r.int64();
  d.system_id = r.int64();
  d.plan_id = r.opt_int64();
  d.decision_id = r.text();
  d.outcome = r.text();
  d.score = r.opt_real();
  d.groups = groups_from(r.text());
  d.summary = r.text();
  d.context = json::parse(r.text(), nullptr, false);
  if (d.context.is_discarded()) d.context = nullptr;
  d.route = r.text();
  d.state = r.text();
  d.final_outcome = r.text();
  d.reason = r.text();
  d.submitted_at = r.text();
  d.reviewed_at = r.text();
  d.reviewed_by = r.opt_int64();
  d.reviewed_by_name = r.text();
  d.submitted_by = r.opt_int64();
  return d;
}

Status check_input(const DecisionInput& in) {
  if (in.decision_id.empty() || in.decision_id.size() > 200)
    return Error::invalid("decision_id", "give the system's own id of the decision (1 to 200)");
  if (in.outcome.empty() || in.outcome.size() > 200)
    return Error::invalid("outcome", "give what the system decided (1 to 200 characters)");
  if (in.score && !(*in.score >= 0 && *in.score <= 1))
    return Error::invalid("score", "the score is a confidence from 0 to 1");
  if (in.groups.size() > kMaxGroups) return Error::invalid("groups", "at most 10 group attributes");
  for (const auto& [k, v] : in.groups)
    if (k.empty() || k.size() > 64 || v.size() > 100)
      return Error::invalid("groups",
                            "each attribute is 1 to 64 characters, its value at most 100");
  if (in.summary.size() > 2000) return Error::invalid("summary", "at most 2,000 characters");
  if (!in.context.is_null() && !in.context.is_object())
    return Error::invalid("context", "the context is a JSON object");
  if (in.context.dump().size() > kMaxContextBytes)
    return Error::invalid("context", "the context is at most 16 KiB of JSON");
  return {};
}

// "held", "sampled" or "released", by the plan's mode; the human-review switch holds everything.
Result<std::string> route_of(const Record& plan, const DecisionInput& in, int64_t system_id,
                             bool switch_on) {
  const std::string mode = plan.text("mode");
  if (switch_on || mode == "every") return std::string("held");
  if (mode == "below_threshold") {
    if (!in.score)
      return Error::invalid("score",
                            "this system's plan reviews decisions below a confidence threshold: "
                            "send the score");
    if (*in.score < plan.decimal("confidence_threshold").value_or(0)) return std::string("held");
  }
  const double rate = plan.decimal("sampling_rate").value_or(0);
  if (rate > 0 && sample_point(system_id, in.decision_id) < rate) return std::string("sampled");
  return std::string("released");
}

json groups_json(const std::map<std::string, std::string>& groups) {
  json out = json::object();
  for (const auto& [k, v] : groups)
    out[k] = v;
  return out;
}

Result<std::optional<Decision>> find_existing(store::Tx& tx, int64_t org, int64_t system_id,
                                              const std::string& external) {
  TRY_ASSIGN(auto row,
             tx.query_row(std::string(kColumns) + "WHERE d.org_id = $1 AND d.system_id = $2 AND "
                                                  "d.external_id = $3",
                          {org, system_id, external}));
  if (!row) return std::optional<Decision>();
  return std::optional<Decision>(decision_of(*row));
}

Result<Decision> get_in(store::Tx& tx, int64_t org, int64_t id) {
  TRY_ASSIGN(auto row,
             tx.query_row(std::string(kColumns) + "WHERE d.org_id = $1 AND d.id = $2", {org, id}));
  if (!row) return Error::not_found("no such oversight decision");
  return decision_of(*row);
}

bool role_reviews(auth::Role role, const std::string& lowest) {
  if (role == auth::Role::admin) return true;
  if (role == auth::Role::aims_manager) return lowest != "admin";
  return role == auth::Role::contributor && lowest == "contributor";
}

Status check_review(const Decision& d, const Review& r, const records::Caller& caller,
                    const std::string& lowest_role) {
  if (d.state == "released")
    return Error{ErrorCode::failed_precondition, "this decision was released without review", {}};
  if (d.state != "pending")
    return Error{ErrorCode::failed_precondition,
                 "this decision was already " + d.state + " by " + d.reviewed_by_name,
                 {}};
  if (!caller.user_id || !caller.role || !role_reviews(*caller.role, lowest_role))
    return Error{ErrorCode::permission_denied,
                 "the system's oversight plan names who reviews its decisions: you are not among "
                 "them",
                 {}};
  // The production system's own account (its API token) must not pass its decisions itself.
  if (d.submitted_by && caller.user_id == d.submitted_by)
    return Error{ErrorCode::permission_denied,
                 "the account that submitted a decision may not review it",
                 {}};
  if (r.reason.size() > 4000)
    return Error::invalid("reason", "keep the reason under 4,000 characters");
  if (!r.overrides) return {};
  if (r.outcome.empty() || r.outcome.size() > 200)
    return Error::invalid("outcome", "give the outcome that stands instead (1 to 200 characters)");
  if (r.outcome == d.outcome)
    return Error::invalid("outcome", "an override changes the outcome: confirm it instead");
  if (r.reason.empty()) return Error::invalid("reason", "say why the decision is overridden");
  return {};
}

}  // namespace

double sample_point(int64_t system_id, const std::string& decision_id) {
  const std::string digest = crypto::sha256_bytes("aims.oversight.sample\n" +
                                                  std::to_string(system_id) + "\n" + decision_id);
  uint64_t v = 0;
  for (size_t i = 0; i < 8; ++i)
    v = (v << 8) | static_cast<unsigned char>(digest[i]);
  return static_cast<double>(v >> 11) * 0x1.0p-53;  // 53 bits: exactly representable
}

Result<Submitted> submit(store::Database& db, int64_t org, int64_t system_id,
                         const DecisionInput& input, const records::Caller& caller,
                         const std::string& at) {
  TRY(records::get(db, inventory::ai_systems(), org, system_id));
  TRY(check_input(input));
  TRY_ASSIGN(const auto plan, approved_plan(db, org, system_id));
  if (!plan)
    return Error{ErrorCode::failed_precondition,
                 "this AI system has no approved oversight plan: approve one first",
                 {}};
  TRY_ASSIGN(const auto switched, monitoring::oversight(db, org, system_id));
  TRY_ASSIGN(const std::string route,
             route_of(*plan, input, system_id, switched.human_review_required));
  return db.write([&](store::Tx& tx) -> Result<Submitted> {
    TRY_ASSIGN(auto existing, find_existing(tx, org, system_id, input.decision_id));
    if (existing) {
      if (existing->outcome != input.outcome)
        return Error{ErrorCode::already_exists,
                     "decision " + input.decision_id + " was submitted with another outcome",
                     "decision_id"};
      return Submitted{std::move(*existing), false};
    }
    const std::string when = at.empty() ? now_timestamp() : at;
    const std::string state = route == "released" ? "released" : "pending";
    // A retry racing the first submission (PostgreSQL) finds it written and is answered as one.
    TRY_ASSIGN(
        const int64_t inserted,
        tx.exec(
            "INSERT INTO oversight_decisions (org_id, system_id, plan_id, external_id, outcome, "
            "score, group_values, summary, context, route, state, final_outcome, submitted_at, "
            "submitted_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
            "ON CONFLICT (org_id, system_id, external_id) DO NOTHING",
            {org, system_id, plan->id, input.decision_id, input.outcome, input.score,
             groups_json(input.groups).dump(), input.summary, input.context.dump(), route, state,
             input.outcome, when, caller.user_id}));
    TRY_ASSIGN(auto created, find_existing(tx, org, system_id, input.decision_id));
    if (!created) return Error::not_found("the decision could not be read back");
    if (inserted == 0 && created->outcome != input.outcome)
      return Error{ErrorCode::already_exists,
                   "decision " + input.decision_id + " was submitted with another outcome",
                   "decision_id"};
    return Submitted{std::move(*created), inserted == 1};
  });
}

Result<Decision> review(store::Database& db, int64_t org, int64_t id, const Review& r,
                        const records::Caller& caller, const std::string& at) {
  return db.write([&](store::Tx& tx) -> Result<Decision> {
    TRY_ASSIGN(const Decision d, get_in(tx, org, id));
    // A plan in force names who reviews; one taken back to draft or retired could have been
    // edited since, so its decisions wait for an AIMS manager or an admin.
    std::string lowest = "aims_manager";
    if (d.plan_id) {
      const records::WriteContext ctx{tx, org, caller, ""};
      TRY_ASSIGN(const auto plan, records::find(ctx, plans(), *d.plan_id));
      if (plan && plan->state == "approved") lowest = plan->text("reviewer_role");
    }
    TRY(check_review(d, r, caller, lowest));
    const std::string state = r.overrides ? "overridden" : "confirmed";
    const std::string final_outcome = r.overrides ? r.outcome : d.outcome;
    const std::string when = at.empty() ? now_timestamp() : at;
    // Only a pending decision moves: on PostgreSQL two reviewers may both have read it pending.
    TRY_ASSIGN(
        const int64_t moved,
        tx.exec("UPDATE oversight_decisions SET state = $1, final_outcome = $2, reason = $3, "
                "reviewed_at = $4, reviewed_by = $5 WHERE org_id = $6 AND id = $7 "
                "AND state = 'pending'",
                {state, final_outcome, r.reason, when, caller.user_id, org, id}));
    if (moved != 1)
      return Error{ErrorCode::failed_precondition,
                   "this decision was reviewed by someone else a moment ago",
                   {}};
    TRY(trail::record(tx, org, caller.actor,
                      {.entity_type = "oversight_decision",
                       .entity_id = id,
                       .action = state == "overridden" ? "override" : "confirm",
                       .after = {{"state", json(state).dump()},
                                 {"final_outcome", json(final_outcome).dump()},
                                 {"reason", json(r.reason).dump()}}}));
    TRY_ASSIGN(Decision after, get_in(tx, org, id));
    TRY(notify::publish(tx, org, notify::event::oversight_decided, to_json(after)));
    return after;
  });
}

Result<Decision> get(store::Database& db, int64_t org, int64_t id) {
  return db.read([&](store::Tx& tx) { return get_in(tx, org, id); });
}

Result<std::vector<Decision>> list(store::Database& db, int64_t org, const QueueQuery& q) {
  std::string sql = std::string(kColumns) + "WHERE d.org_id = $1";
  store::Params params{org};
  if (!q.state.empty()) {
    params.emplace_back(q.state);
    sql += " AND d.state = $" + std::to_string(params.size());
  }
  if (q.system_id) {
    params.emplace_back(*q.system_id);
    sql += " AND d.system_id = $" + std::to_string(params.size());
  }
  sql += q.state == "pending" ? " ORDER BY d.id" : " ORDER BY d.id DESC";
  params.emplace_back(int64_t{std::clamp(q.limit, 1, 500)});
  sql += " LIMIT $" + std::to_string(params.size());
  return db.read([&](store::Tx& tx) -> Result<std::vector<Decision>> {
    TRY_ASSIGN(auto rows, tx.query(sql, params));
    std::vector<Decision> out;
    for (auto& row : rows)
      out.push_back(decision_of(row));
    return out;
  });
}

Result<std::vector<DecisionFacts>> facts_since(store::Database& db, int64_t org, int64_t system_id,
                                               const std::string& since) {
  return db.read([&](store::Tx& tx) -> Result<std::vector<DecisionFacts>> {
    TRY_ASSIGN(auto rows,
               tx.query("SELECT route, state, group_values, submitted_at, reviewed_at FROM "
                        "oversight_decisions WHERE org_id = $1 AND system_id = $2 AND "
                        "submitted_at >= $3",
                        {org, system_id, since}));
    std::vector<DecisionFacts> facts;
    facts.reserve(rows.size());
    for (auto& row : rows) {
      store::RowReader r(row);
      DecisionFacts f;
      f.route = r.text();
      f.state = r.text();
      f.groups = groups_from(r.text());
      f.submitted_micros = parse_timestamp(r.text()).value_or(0);
      if (const auto reviewed = r.opt_text()) f.reviewed_micros = parse_timestamp(*reviewed);
      facts.push_back(std::move(f));
    }
    return facts;
  });
}

Result<std::map<int64_t, int64_t>> target_hours_by_plan(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto all, records::list_all(db, plans(), org));
  std::map<int64_t, int64_t> out;
  for (const auto& p : all)
    out[p.id] = p.number("target_hours").value_or(24);
  return out;
}

bool overdue(const Decision& d, int64_t target_hours, int64_t now) {
  if (!d.wait_for_review()) return false;
  const auto submitted = parse_timestamp(d.submitted_at);
  return submitted && now - *submitted > target_hours * 3'600'000'000LL;
}

json to_json(const Decision& d) {
  return {{"id", d.id},
          {"system_id", d.system_id},
          {"plan_id", d.plan_id ? json(*d.plan_id) : json(nullptr)},
          {"decision_id", d.decision_id},
          {"outcome", d.outcome},
          {"score", d.score ? json(*d.score) : json(nullptr)},
          {"groups", groups_json(d.groups)},
          {"summary", d.summary},
          {"context", d.context},
          {"route", d.route},
          {"state", d.state},
          {"wait_for_review", d.wait_for_review()},
          {"final_outcome", d.final_outcome},
          {"reason", d.reason},
          {"submitted_at", d.submitted_at},
          {"reviewed_at", d.reviewed_at.empty() ? json(nullptr) : json(d.reviewed_at)},
          {"reviewed_by", d.reviewed_by ? json(*d.reviewed_by) : json(nullptr)},
          {"reviewed_by_name", d.reviewed_by_name}};
}

}  // namespace aims::oversight
