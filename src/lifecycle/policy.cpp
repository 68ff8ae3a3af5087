// The organisation's lifecycle policy: aims' default, the checks a new version passes, its JSON
// form, adoption as a new audited version, and what it asks of a gate and of a stage change.
#include <algorithm>

#include "base/json_text.h"
#include "base/time.h"
#include "lifecycle/lifecycle.h"
#include "trail/trail.h"

namespace aims::lifecycle {
namespace {

using nlohmann::json;

constexpr int kMaxApprovals = 3;

// low 0, medium 1, high 2, critical 3; a tier not set (or unknown) is held to high.
size_t tier_rank(const std::string& tier) {
  const auto& all = risk_tiers();
  const auto found = std::find(all.begin(), all.end(), tier);
  return found == all.end() ? 2 : static_cast<size_t>(found - all.begin());
}

bool known(const std::vector<std::string>& all, const std::string& value) {
  return std::find(all.begin(), all.end(), value) != all.end();
}

// The gate table aims has always applied: the lowest tier from which each criterion applies.
// Operation asks what deployment does, and an active monitor.
std::map<std::string, std::map<std::string, std::string>> default_criteria() {
  const std::map<std::string, std::string> deployment = {{"requirements", "low"},
                                                         {"impact_assessment", "low"},
                                                         {"risks_treated", "low"},
                                                         {"validation", "medium"},
                                                         {"oversight", "high"},
                                                         {"technical_file", "high"},
                                                         {"suppliers_assessed", "medium"},
                                                         {"no_hold", "low"}};
  auto operation = deployment;
  operation["monitor"] = "low";
  return {
      {"development",
       {{"requirements", "high"},
        {"impact_assessment", "high"},
        {"risks_treated", "critical"},
        {"no_hold", "low"}}},
      {"verification_validation",
       {{"requirements", "low"},
        {"impact_assessment", "medium"},
        {"risks_treated", "high"},
        {"no_hold", "low"}}},
      {"deployment", deployment},
      {"operation_monitoring", operation},
      // Retiring a system is the safe direction, so a hold does not block it.
      {"retirement", {{"monitors_stopped", "low"}, {"retirement_checklist", "low"}}},
  };
}

void check_approvals(const std::string& at, const StageApprovals& a, records::Problems& p) {
  if (a.count < 1 || a.count > kMaxApprovals)
    p.add(at + ".count", "give 1 to 3 approvals; " + std::to_string(a.count) + " is out of range");
  if (a.roles.empty()) p.add(at + ".roles", "name at least one role that approves");
  for (const auto role : a.roles)
    if (!auth::can(role, auth::Action::approve_records))
      p.add(at + ".roles", std::string(auth::to_string(role)) + " may not approve records");
}

void check_stage(const LifecyclePolicy& policy, const std::string& stage, records::Problems& p) {
  const std::string at = "stages." + stage;
  if (const auto found = policy.criteria.find(stage); found != policy.criteria.end()) {
    for (const auto& [key, tier] : found->second) {
      if (!known(gate_criterion_keys(), key))
        p.add(at + ".criteria." + key, "not a gate criterion");
      else if (!known(risk_tiers(), tier))
        p.add(at + ".criteria." + key, "choose low, medium, high, critical or never");
    }
  }
  const auto tiers = policy.approvals.find(stage);
  for (const auto& tier : risk_tiers()) {
    const std::string here = at + ".approvals." + tier;
    if (tiers == policy.approvals.end() || !tiers->second.count(tier)) {
      p.add(here, "say how many approvals a change at the " + tier + " tier needs");
      continue;
    }
    check_approvals(here, tiers->second.at(tier), p);
  }
}

json approvals_json(const StageApprovals& a) {
  json roles = json::array();
  for (const auto role : a.roles)
    roles.push_back(std::string(auth::to_string(role)));
  return {{"count", a.count}, {"roles", roles}};
}

void read_approvals(const json& j, const std::string& at, StageApprovals& out,
                    records::Problems& p) {
  if (!j.is_object()) return p.add(at, "give {\"count\": N, \"roles\": [...]}");
  const auto count = j.find("count");
  if (count == j.end() || !count->is_number_integer() || count->get<int64_t>() < 1 ||
      count->get<int64_t>() > kMaxApprovals)
    p.add(at + ".count", "give 1 to 3 approvals");
  else
    out.count = count->get<int>();
  const auto roles = j.find("roles");
  if (roles == j.end() || !roles->is_array()) return p.add(at + ".roles", "give a list of roles");
  for (const auto& r : *roles) {
    const auto role = r.is_string() ? auth::parse_role(r.get<std::string>()) : std::nullopt;
    if (!role) {
      p.add(at + ".roles", "not a role: " + r.dump());
    } else if (std::find(out.roles.begin(), out.roles.end(), *role) == out.roles.end()) {
      out.roles.push_back(*role);
    }
  }
}

void read_stage(const json& j, const std::string& stage, LifecyclePolicy& out,
                records::Problems& p) {
  const std::string at = "stages." + stage;
  if (!j.is_object()) return p.add(at, "give the stage's criteria and approvals");
  auto& criteria = out.criteria[stage];
  if (const auto c = j.find("criteria"); c != j.end() && !c->is_object()) {
    p.add(at + ".criteria", "give each criterion's lowest tier");
  } else if (c != j.end()) {
    for (const auto& [key, tier] : c->items()) {
      const std::string value = tier.is_string() ? tier.get<std::string>() : "";
      if (tier.is_null() || value == "never") continue;
      criteria[key] = value.empty() ? "?" : value;  // "?": named by check()
    }
  }
  const auto a = j.find("approvals");
  if (a == j.end() || !a->is_object()) return;  // check() names each tier missing
  for (const auto& [tier, rule] : a->items()) {
    if (!known(risk_tiers(), tier)) {
      p.add(at + ".approvals." + tier, "not a risk tier: choose low, medium, high or critical");
      continue;
    }
    read_approvals(rule, at + ".approvals." + tier, out.approvals[stage][tier], p);
  }
}

LifecyclePolicy from_row(store::Row& row) {
  store::RowReader in(row);
  const int64_t version = in.int64();
  auto parsed = policy_from_json(json::parse(in.text(), nullptr, false));
  LifecyclePolicy p = parsed ? *parsed : default_policy();  // a stored body passed the checks
  p.version = version;
  p.reason = in.text();
  p.changed_by = in.text();
  p.changed_at = in.text();
  return p;
}

// The person's name as it is now, or the label they acted under when the account is gone.
constexpr const char* kSelect =
    "SELECT p.version, p.body, p.reason, COALESCE(u.name, p.changed_by_label), p.changed_at "
    "FROM lifecycle_policies p LEFT JOIN users u ON u.id = p.changed_by WHERE p.org_id = $1 ";

}  // namespace

const std::vector<std::string>& policy_stages() {
  static const std::vector<std::string> stages = {
      "development", "verification_validation", "deployment", "operation_monitoring", "retirement"};
  return stages;
}

const std::vector<std::string>& risk_tiers() {
  static const std::vector<std::string> tiers = {"low", "medium", "high", "critical"};
  return tiers;
}

std::string role_label(auth::Role role) {
  switch (role) {
    case auth::Role::admin:
      return "Admin";
    case auth::Role::aims_manager:
      return "AIMS manager";
    case auth::Role::contributor:
      return "Contributor";
    case auth::Role::auditor:
      return "Auditor";
    case auth::Role::viewer:
      return "Viewer";
  }
  return std::string(auth::to_string(role));
}

LifecyclePolicy default_policy() {
  LifecyclePolicy p;
  p.criteria = default_criteria();
  for (const auto& stage : policy_stages())
    for (const auto& tier : risk_tiers())
      p.approvals[stage][tier] = {1, {auth::Role::admin, auth::Role::aims_manager}};
  return p;
}

Status check(const LifecyclePolicy& policy) {
  records::Problems p;
  for (const auto& [stage, unused] : policy.criteria)
    if (!known(policy_stages(), stage)) p.add("stages." + stage, "not a lifecycle stage");
  for (const auto& [stage, unused] : policy.approvals)
    if (!known(policy_stages(), stage)) p.add("stages." + stage, "not a lifecycle stage");
  for (const auto& stage : policy_stages())
    check_stage(policy, stage, p);
  if (policy.reason.empty()) p.add("reason", "say why the policy changes");
  if (policy.reason.size() > 2000) p.add("reason", "at most 2,000 characters");
  return p.status();
}

Result<LifecyclePolicy> policy_from_json(const json& body) {
  records::Problems p;
  LifecyclePolicy out;
  if (!body.is_object()) return Error::invalid("stages", "give the policy as a JSON object");
  if (const auto v = body.find("version"); v != body.end() && v->is_number_integer())
    out.version = v->get<int64_t>();
  out.reason = body.value("reason", json("")).is_string() ? body.value("reason", "") : "";
  const auto stages = body.find("stages");
  if (stages == body.end() || !stages->is_object())
    return Error::invalid("stages", "give each stage's criteria and approvals");
  for (const auto& [stage, j] : stages->items()) {
    if (!known(policy_stages(), stage)) {
      p.add("stages." + stage, "not a lifecycle stage");
      continue;
    }
    read_stage(j, stage, out, p);
  }
  for (const auto& stage : policy_stages())
    if (!stages->contains(stage)) p.add("stages." + stage, "give this stage's policy");
  TRY(p.status());
  return out;
}

json to_json(const LifecyclePolicy& policy) {
  json stages = json::object();
  for (const auto& stage : policy_stages()) {
    json criteria = json::object();
    const auto c = policy.criteria.find(stage);
    for (const auto& key : gate_criterion_keys()) {
      const bool applies = c != policy.criteria.end() && c->second.count(key);
      criteria[key] = applies ? c->second.at(key) : "never";
    }
    json approvals = json::object();
    for (const auto& tier : risk_tiers())
      approvals[tier] = approvals_json(stage_approvals(policy, stage, tier));
    stages[stage] = {{"criteria", criteria}, {"approvals", approvals}};
  }
  return {{"version", policy.version},
          {"reason", policy.reason},
          {"changed_by", policy.changed_by},
          {"changed_at", policy.changed_at},
          {"stages", stages}};
}

Result<LifecyclePolicy> current_policy(store::Tx& tx, int64_t org) {
  TRY_ASSIGN(auto row,
             tx.query_row(std::string(kSelect) + "ORDER BY p.version DESC LIMIT 1", {org}));
  if (!row) return default_policy();
  return from_row(*row);
}

Result<LifecyclePolicy> current_policy(store::Database& db, int64_t org) {
  return db.read([&](store::Tx& tx) { return current_policy(tx, org); });
}

Result<std::vector<LifecyclePolicy>> policy_versions(store::Database& db, int64_t org) {
  return db.read([&](store::Tx& tx) -> Result<std::vector<LifecyclePolicy>> {
    TRY_ASSIGN(auto rows, tx.query(std::string(kSelect) + "ORDER BY p.version DESC", {org}));
    std::vector<LifecyclePolicy> out;
    for (auto& row : rows)
      out.push_back(from_row(row));
    return out;
  });
}

Result<LifecyclePolicy> adopt_policy(store::Database& db, int64_t org, LifecyclePolicy proposed,
                                     const records::Caller& caller) {
  TRY(check(proposed));
  return db.write([&](store::Tx& tx) -> Result<LifecyclePolicy> {
    TRY_ASSIGN(const LifecyclePolicy current, current_policy(tx, org));
    if (proposed.version != current.version)
      return Error{ErrorCode::stale_version,
                   "the lifecycle policy was changed by someone else since version " +
                       std::to_string(proposed.version) + "; reload it",
                   {}};
    LifecyclePolicy adopted = proposed;
    adopted.version = current.version + 1;
    adopted.changed_by = caller.actor.label;
    adopted.changed_at = now_timestamp();
    json stored = to_json(adopted);
    const std::string body = json{{"stages", stored["stages"]}}.dump();
    TRY_ASSIGN(const int64_t row,
               tx.insert("INSERT INTO lifecycle_policies (org_id, version, body, reason, "
                         "changed_by, changed_by_label, changed_at) VALUES ($1, $2, $3, $4, $5, "
                         "$6, $7) RETURNING id",
                         {org, adopted.version, body, adopted.reason, caller.user_id,
                          adopted.changed_by, adopted.changed_at}));
    TRY(trail::record(tx, org, caller.actor,
                      {"lifecycle_policy",
                       row,
                       "adopt",
                       {{"version", json_text::number(current.version)}},
                       {{"version", json_text::number(adopted.version)},
                        {"policy", body},
                        {"reason", json_text::quote(adopted.reason)}}}));
    return current_policy(tx, org);  // with the person's name as it is now
  });
}

std::vector<std::string> gate_policy(const LifecyclePolicy& policy, const std::string& stage,
                                     const std::string& risk_tier) {
  std::vector<std::string> keys;
  const auto found = policy.criteria.find(stage);
  if (found == policy.criteria.end()) return keys;
  const size_t rank = tier_rank(risk_tier);
  for (const auto& key : gate_criterion_keys()) {
    const auto from = found->second.find(key);
    if (from != found->second.end() && rank >= tier_rank(from->second)) keys.push_back(key);
  }
  return keys;
}

StageApprovals stage_approvals(const LifecyclePolicy& policy, const std::string& stage,
                               const std::string& risk_tier) {
  const std::string tier = risk_tiers()[tier_rank(risk_tier)];
  const auto of_stage = policy.approvals.find(stage);
  if (of_stage != policy.approvals.end()) {
    if (const auto found = of_stage->second.find(tier); found != of_stage->second.end())
      return found->second;
  }
  return {1, {auth::Role::admin, auth::Role::aims_manager}};  // aims' default
}

}  // namespace aims::lifecycle
