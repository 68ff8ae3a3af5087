// Stage gates: the criteria an AI system meets before it enters a lifecycle stage, read from the
// records of the modules that keep them, and each check kept as evidence.
#include <algorithm>
#include <map>
#include <mutex>

#include "base/time.h"
#include "impact/impact.h"
#include "inventory/inventory.h"
#include "leadership/leadership.h"
#include "lifecycle/lifecycle.h"
#include "lifecycle/measure.h"
#include "monitoring/monitoring.h"
#include "risk/risk.h"
#include "suppliers/suppliers.h"
#include "trail/trail.h"

namespace aims::lifecycle {
namespace {

using nlohmann::json;
using records::Record;

const std::vector<std::string> kStages = {"development", "verification_validation", "deployment",
                                          "operation_monitoring", "retirement"};

const std::map<std::string, std::string>& labels() {
  static const std::map<std::string, std::string> l = {
      {"impact_assessment", "An approved impact assessment within its validity"},
      {"risks_treated", "No open high or critical risk without treatment or acceptance"},
      {"requirements", "Agreed requirements with a measurable acceptance criterion"},
      {"validation", "A signed-off validation of each model version"},
      {"suppliers_assessed", "Every supplier of the system assessed and approved"},
      {"monitor", "An active monitor"},
      {"no_hold", "No hold by the governance committee"},
      {"acceptance_on_log", "The acceptance criteria met on the given validation log"},
      {"monitors_stopped", "Every monitor of the system stopped"},
      {"retirement_checklist",
       "Data disposed of, suppliers and users informed, documentation archived"},
  };
  return l;
}

GateCriterion criterion(const std::string& key, bool met, std::string reason) {
  return {key, labels().at(key), met, std::move(reason)};
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i)
    out += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
  return out;
}

// A referenced record's name, or "model #7" when it has none (it cannot be read any more).
std::string name_in(const records::ReferencedNames& names, const std::string& type, int64_t id) {
  if (const auto of_type = names.find(type); of_type != names.end()) {
    if (const auto found = of_type->second.find(id); found != of_type->second.end())
      return found->second.name;
  }
  return type + " #" + std::to_string(id);
}

std::string today() {
  return now_timestamp().substr(0, 10);
}

Result<GateCriterion> impact_criterion(store::Database& db, int64_t org, const Record& system) {
  TRY_ASSIGN(const auto approved,
             records::list_all(
                 db, impact::assessments(), org,
                 {.filters = {{"system_id", std::to_string(system.id)}, {"state", "approved"}}}));
  std::vector<std::string> problems;
  for (const auto& a : approved) {
    const std::string name = impact::assessments().display_name(a);
    if (a.flag("needs_reassessment")) {
      problems.push_back(name + " needs re-assessment");
    } else if (a.is_set("valid_until") && a.text("valid_until") < today()) {
      problems.push_back(name + " expired on " + a.text("valid_until"));
    } else {
      return criterion("impact_assessment", true, name + " is approved and valid");
    }
  }
  if (problems.empty()) return criterion("impact_assessment", false, "no approved assessment");
  return criterion("impact_assessment", false, joined(problems));
}

Result<GateCriterion> risks_criterion(store::Database& db, int64_t org, const Record& system) {
  TRY_ASSIGN(const auto open, risk::open_risks(db, org, system.id));
  std::vector<std::string> untreated;
  for (const auto& r : open) {
    // Untreated, its residual level is only a forecast: the inherent level is what it is now.
    const std::string level = r.text("inherent_level");
    const bool severe = level == "high" || level == "critical";
    if (severe && (r.state == "identified" || r.state == "assessed"))
      untreated.push_back(risk::risks().display_name(r) + " (" + level + ", " + r.state + ")");
  }
  if (untreated.empty())
    return criterion("risks_treated", true,
                     "every open high or critical risk is in treatment or accepted");
  return criterion("risks_treated", false, "untreated: " + joined(untreated));
}

Result<GateCriterion> requirements_criterion(store::Database& db, int64_t org,
                                             const Record& system) {
  TRY_ASSIGN(const auto agreed,
             records::list_all(
                 db, requirements(), org,
                 {.filters = {{"ai_system_id", std::to_string(system.id)}, {"state", "agreed"}}}));
  const auto measurable = std::count_if(
      agreed.begin(), agreed.end(), [](const Record& r) { return criterion_of(r).has_value(); });
  if (measurable == 0)
    return criterion("requirements", false, "no agreed requirement has an acceptance criterion");
  return criterion("requirements", true,
                   std::to_string(measurable) + " agreed requirement" +
                       (measurable == 1 ? "" : "s") + " with an acceptance criterion");
}

// "not validated: M", or after a significant change, which change it is validated since.
std::string revalidation_gap(const std::optional<Record>& change, const std::string& missing) {
  if (!change) return "not validated: " + missing;
  return "not validated since the significant change \"" + change->text("title") +
         "\" was approved on " + change->text("approved_at").substr(0, 10) + ": " + missing;
}

Result<GateCriterion> validation_criterion(store::Database& db, int64_t org, const Record& system,
                                           std::optional<int64_t> model) {
  const records::Ids models = model ? records::Ids{*model} : system.ids("model_ids");
  if (models.empty()) return criterion("validation", false, "the system names no model");
  TRY_ASSIGN(const auto passed,
             records::list_all(
                 db, validations(), org,
                 {.filters = {{"ai_system_id", std::to_string(system.id)}, {"state", "passed"}}}));
  TRY_ASSIGN(const auto names,
             records::referenced_names(db, inventory::ai_systems(), org, {system}, {"model_ids"}));
  TRY_ASSIGN(const auto change, latest_significant_change(db, org, system.id));
  // Signed off before the latest significant change was approved, a validation no longer counts.
  const std::string after = change ? change->text("approved_at") : "";
  std::vector<std::string> missing;
  for (int64_t m : models) {
    const bool validated = std::any_of(passed.begin(), passed.end(), [&](const Record& v) {
      const auto ids = v.ids("model_id");
      return !ids.empty() && ids.front() == m && v.state_since > after;
    });
    if (!validated) missing.push_back(name_in(names, "model", m));
  }
  if (missing.empty())
    return criterion("validation", true, "every model version has a signed-off validation");
  return criterion("validation", false, revalidation_gap(change, joined(missing)));
}

// The system's suppliers and those of its models, each with the names people know them by.
Result<std::map<int64_t, std::string>> suppliers_of(store::Database& db, int64_t org,
                                                    const Record& system) {
  std::map<int64_t, std::string> out;
  TRY_ASSIGN(const auto names, records::referenced_names(db, inventory::ai_systems(), org, {system},
                                                         {"supplier_ids"}));
  for (int64_t id : system.ids("supplier_ids"))
    out[id] = name_in(names, "supplier", id);
  for (int64_t model_id : system.ids("model_ids")) {
    TRY_ASSIGN(const auto model, records::get(db, inventory::models(), org, model_id));
    const auto ids = model.ids("supplier_id");
    if (ids.empty() || out.count(ids.front())) continue;
    TRY_ASSIGN(const auto of_model,
               records::referenced_names(db, inventory::models(), org, {model}, {"supplier_id"}));
    out[ids.front()] = name_in(of_model, "supplier", ids.front());
  }
  return out;
}

// As the A.10.3 rule reads it: the latest decided assessment approved, its review not past.
std::optional<std::string> supplier_gap(const std::vector<Record>& assessed) {
  const Record* latest = nullptr;
  for (const auto& a : assessed) {
    const bool decided =
        a.state == "approved" || a.state == "approved_with_conditions" || a.state == "rejected";
    if (!decided) continue;
    if (!latest ||
        std::pair(a.text("assessed_on"), a.id) > std::pair(latest->text("assessed_on"), latest->id))
      latest = &a;
  }
  if (!latest) return "no decided assessment";
  if (latest->state == "rejected") return "its latest assessment was rejected";
  if (latest->is_set("next_review_due") && latest->text("next_review_due") < today())
    return "its review was due on " + latest->text("next_review_due");
  return std::nullopt;
}

Result<GateCriterion> suppliers_criterion(store::Database& db, int64_t org, const Record& system) {
  TRY_ASSIGN(const auto suppliers, suppliers_of(db, org, system));
  if (suppliers.empty())
    return criterion("suppliers_assessed", true,
                     "neither the system nor its models name a supplier");
  std::vector<std::string> gaps;
  for (const auto& [id, name] : suppliers) {
    TRY_ASSIGN(const auto assessed,
               records::list_all(db, suppliers::assessments(), org,
                                 {.filters = {{"supplier_id", std::to_string(id)}}}));
    if (auto gap = supplier_gap(assessed)) gaps.push_back(name + " (" + *gap + ")");
  }
  if (gaps.empty())
    return criterion("suppliers_assessed", true, "every supplier's latest assessment is approved");
  return criterion("suppliers_assessed", false, "not approved: " + joined(gaps));
}

Result<GateCriterion> monitor_criterion(store::Database& db, int64_t org, const Record& system) {
  TRY_ASSIGN(const auto monitors, monitoring::list_monitors(db, org, system.id));
  for (const auto& m : monitors)
    if (!m.archived_at) return criterion("monitor", true, m.name + " is active");
  return criterion("monitor", false, "the system has no active monitor");
}

Result<GateCriterion> monitors_stopped_criterion(store::Database& db, int64_t org,
                                                 const Record& system) {
  TRY_ASSIGN(const auto monitors, monitoring::list_monitors(db, org, system.id));
  std::vector<std::string> active;
  for (const auto& m : monitors)
    if (!m.archived_at) active.push_back(m.name);
  if (active.empty()) return criterion("monitors_stopped", true, "no monitor is active");
  return criterion("monitors_stopped", false, "still active: " + joined(active));
}

GateCriterion checklist_criterion(const std::optional<RetirementChecklist>& checklist) {
  if (!checklist)
    return criterion("retirement_checklist", false,
                     "a system retires through a stage change whose checklist is complete");
  std::vector<std::string> open;
  if (!checklist->data_disposed) open.push_back("data not yet disposed of");
  if (!checklist->parties_informed) open.push_back("suppliers and users not yet informed");
  if (!checklist->documentation_archived) open.push_back("documentation not yet archived");
  if (open.empty()) return criterion("retirement_checklist", true, "every item is done");
  return criterion("retirement_checklist", false, joined(open));
}

Result<GateCriterion> hold_criterion(store::Database& db, int64_t org, const Record& system) {
  TRY_ASSIGN(const auto holds, leadership::holds_on(db, org, system.id));
  if (holds.empty()) return criterion("no_hold", true, "no hold in force");
  std::vector<std::string> titles;
  for (const auto& h : holds)
    titles.push_back(h.title + " (" + h.committee + ", " + h.decided_on + ")");
  return criterion("no_hold", false, "held by " + joined(titles));
}

struct Registered {
  std::string label;
  CriterionEvaluator evaluate;
};

// The criteria other modules keep, registered at start-up and read by every check after it.
struct Registry {
  std::mutex mutex;
  std::map<std::string, Registered> criteria;
};

Registry& registry() {
  static Registry r;
  return r;
}

std::optional<Registered> registered(const std::string& key) {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  const auto found = r.criteria.find(key);
  if (found == r.criteria.end()) return std::nullopt;
  return found->second;
}

// A key the policy names that no module registered: a build without that module fails the gate
// rather than passing it unchecked.
Result<GateCriterion> kept_elsewhere(store::Database& db, int64_t org, const std::string& key,
                                     const Record& system) {
  const auto found = registered(key);
  if (!found)
    return GateCriterion{key, key, false, "no module of this aims evaluates this criterion"};
  TRY_ASSIGN(GateCriterion c, found->evaluate(db, org, system));
  c.key = key;
  c.label = found->label;
  return c;
}

Result<GateCriterion> evaluate(store::Database& db, int64_t org, const std::string& key,
                               const Record& system, const GateRequest& request) {
  if (key == "impact_assessment") return impact_criterion(db, org, system);
  if (key == "risks_treated") return risks_criterion(db, org, system);
  if (key == "requirements") return requirements_criterion(db, org, system);
  if (key == "validation") return validation_criterion(db, org, system, request.model_id);
  if (key == "suppliers_assessed") return suppliers_criterion(db, org, system);
  if (key == "monitor") return monitor_criterion(db, org, system);
  if (key == "monitors_stopped") return monitors_stopped_criterion(db, org, system);
  if (key == "retirement_checklist") return checklist_criterion(request.retirement);
  if (key == "no_hold") return hold_criterion(db, org, system);
  return kept_elsewhere(db, org, key, system);
}

// The monitor whose mapping reads a given log: the one named, else the system's only active one.
Result<monitoring::Monitor> log_monitor(store::Database& db, int64_t org,
                                        const GateRequest& request) {
  if (request.monitor_id) {
    auto monitor = monitoring::get_monitor(db, org, *request.monitor_id);
    if (!monitor && monitor.error().code != ErrorCode::not_found) return monitor.error();
    if (!monitor || monitor->system_id != request.system_id)
      return Error::invalid("monitor_id", "not a monitor of this AI system");
    return monitor;
  }
  TRY_ASSIGN(const auto monitors, monitoring::list_monitors(db, org, request.system_id));
  std::vector<monitoring::Monitor> active;
  for (const auto& m : monitors)
    if (!m.archived_at) active.push_back(m);
  if (active.size() != 1)
    return Error::invalid("monitor_id", active.empty()
                                            ? "the system has no monitor to read the log with"
                                            : "the system has several monitors: name one");
  return active.front();
}

// The agreed criteria checked on the log given with the request.
Result<std::pair<GateCriterion, json>> acceptance_on_log(store::Database& db, int64_t org,
                                                         const Record& system,
                                                         const GateRequest& request) {
  TRY_ASSIGN(const auto monitor, log_monitor(db, org, request));
  Record validation;  // the criteria of the system (and model) as a validation would read them
  validation.values["ai_system_id"] = records::Ids{system.id};
  if (request.model_id) validation.values["model_id"] = records::Ids{*request.model_id};
  TRY_ASSIGN(const auto criteria, agreed_criteria(db, org, validation));
  const ValidationLogs& logs = *request.logs;
  TRY_ASSIGN(const Measured measured, measure(monitor, logs));
  const auto results = evaluate_criteria(criteria, measured.samples);
  const json detail = criteria_json(results);
  std::vector<std::string> failed;
  for (const auto& r : results)
    if (!r.pass) failed.push_back(r.criterion.name + ": " + r.reason);
  if (criteria.empty())
    return std::pair{criterion("acceptance_on_log", false,
                               "no agreed acceptance criterion to check the log against"),
                     detail};
  if (failed.empty())
    return std::pair{
        criterion("acceptance_on_log", true, "every agreed criterion met on " + logs.log_name),
        detail};
  return std::pair{criterion("acceptance_on_log", false, joined(failed)), detail};
}

json gate_criteria_json(const std::vector<GateCriterion>& criteria) {
  json out = json::array();
  for (const auto& c : criteria)
    out.push_back({{"key", c.key}, {"label", c.label}, {"met", c.met}, {"reason", c.reason}});
  return out;
}

std::vector<GateCriterion> criteria_from(const json& j) {
  std::vector<GateCriterion> out;
  if (!j.is_array()) return out;
  for (const auto& c : j)
    out.push_back(
        {c.value("key", ""), c.value("label", ""), c.value("met", false), c.value("reason", "")});
  return out;
}

constexpr const char* kColumns =
    "SELECT g.id, g.system_id, g.stage, g.risk_tier, g.model_id, g.passed, g.criteria, "
    "g.acceptance, g.checked_at, g.checked_by, COALESCE(u.name, ''), g.source, g.policy_version "
    "FROM gate_checks g "
    "LEFT JOIN users u ON u.id = g.checked_by ";

GateCheck check_of(store::Row& row) {
  store::RowReader r(row);
  GateCheck c;
  c.id = r.int64();
  c.system_id = r.int64();
  c.stage = r.text();
  c.risk_tier = r.text();
  c.model_id = r.opt_int64();
  c.passed = r.boolean();
  c.criteria = criteria_from(json::parse(r.text(), nullptr, false));
  c.acceptance = json::parse(r.text(), nullptr, false);
  c.checked_at = r.text();
  c.checked_by = r.opt_int64();
  c.checked_by_name = r.text();
  c.source = r.text();
  c.policy_version = r.int64();
  return c;
}

Status check_request(const GateRequest& request, const Record& system) {
  if (std::find(kStages.begin(), kStages.end(), request.stage) == kStages.end())
    return Error::invalid("stage",
                          "choose the stage to enter: development, verification_validation, "
                          "deployment, operation_monitoring or retirement");
  if (request.model_id) {
    const auto models = system.ids("model_ids");
    if (std::find(models.begin(), models.end(), *request.model_id) == models.end())
      return Error::invalid("model_id", "not a model of this AI system");
  }
  return {};
}

}  // namespace

const std::vector<std::string>& gate_criterion_keys() {
  static const std::vector<std::string> keys = {
      "no_hold",    "impact_assessment", "risks_treated",       "requirements",
      "validation", "oversight",         "technical_file",      "suppliers_assessed",
      "monitor",    "monitors_stopped",  "retirement_checklist"};
  return keys;
}

std::string gate_criterion_label(const std::string& key) {
  if (const auto kept = registered(key)) return kept->label;
  const auto found = labels().find(key);
  return found == labels().end() ? key : found->second;
}

void define_gate_criterion(const std::string& key, std::string label, CriterionEvaluator evaluate) {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  r.criteria[key] = {std::move(label), std::move(evaluate)};
}

Result<GateCheck> preview_gate(store::Database& db, int64_t org, const GateRequest& request) {
  TRY_ASSIGN(const Record system,
             records::get(db, inventory::ai_systems(), org, request.system_id));
  TRY(check_request(request, system));
  TRY_ASSIGN(const LifecyclePolicy policy, current_policy(db, org));
  GateCheck check{.system_id = system.id,
                  .stage = request.stage,
                  .risk_tier = system.text("risk_tier"),
                  .model_id = request.model_id,
                  .acceptance = nullptr,
                  .source = request.source,
                  .policy_version = policy.version};
  for (const auto& key : gate_policy(policy, request.stage, check.risk_tier)) {
    TRY_ASSIGN(auto c, evaluate(db, org, key, system, request));
    check.criteria.push_back(std::move(c));
  }
  if (request.logs) {
    TRY_ASSIGN(auto on_log, acceptance_on_log(db, org, system, request));
    check.criteria.push_back(std::move(on_log.first));
    check.acceptance = std::move(on_log.second);
  }
  check.passed = std::all_of(check.criteria.begin(), check.criteria.end(),
                             [](const GateCriterion& c) { return c.met; });
  check.checked_at = now_timestamp();
  return check;
}

Result<GateCheck> check_gate(store::Database& db, int64_t org, const GateRequest& request,
                             const records::Caller& caller) {
  TRY_ASSIGN(GateCheck check, preview_gate(db, org, request));
  return db.write([&](store::Tx& tx) -> Result<GateCheck> {
    check.checked_by = caller.user_id;
    TRY_ASSIGN(
        check.id,
        tx.insert(
            "INSERT INTO gate_checks (org_id, system_id, stage, risk_tier, model_id, "
            "passed, criteria, acceptance, checked_at, checked_by, source, policy_version) VALUES "
            "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
            {org, check.system_id, check.stage, check.risk_tier, check.model_id, check.passed,
             gate_criteria_json(check.criteria).dump(), check.acceptance.dump(), check.checked_at,
             check.checked_by, check.source, check.policy_version}));
    TRY(trail::record(tx, org, caller.actor,
                      {.entity_type = "gate_check",
                       .entity_id = check.id,
                       .action = "create",
                       .after = {{"system_id", std::to_string(check.system_id)},
                                 {"stage", json(check.stage).dump()},
                                 {"passed", check.passed ? "true" : "false"},
                                 {"policy_version", std::to_string(check.policy_version)}}}));
    TRY_ASSIGN(auto named,
               tx.query_row("SELECT name FROM users WHERE id = $1", {check.checked_by}));
    if (named) check.checked_by_name = named->text(0);
    return check;
  });
}

Result<GateCheck> get_gate_check(store::Database& db, int64_t org, int64_t id) {
  return db.read([&](store::Tx& tx) -> Result<GateCheck> {
    TRY_ASSIGN(auto row, tx.query_row(std::string(kColumns) + "WHERE g.org_id = $1 AND g.id = $2",
                                      {org, id}));
    if (!row) return Error::not_found("no such gate check");
    return check_of(*row);
  });
}

Result<std::vector<GateCheck>> gate_checks_of(store::Database& db, int64_t org, int64_t system_id,
                                              int limit) {
  return db.read([&](store::Tx& tx) -> Result<std::vector<GateCheck>> {
    TRY_ASSIGN(auto rows,
               tx.query(std::string(kColumns) + "WHERE g.org_id = $1 AND g.system_id = $2 "
                                                "ORDER BY g.id DESC LIMIT $3",
                        {org, system_id, int64_t{limit}}));
    std::vector<GateCheck> out;
    for (auto& row : rows)
      out.push_back(check_of(row));
    return out;
  });
}

json to_json(const GateCheck& c) {
  return {{"id", c.id},
          {"system_id", c.system_id},
          {"stage", c.stage},
          {"risk_tier", c.risk_tier},
          {"model_id", c.model_id ? json(*c.model_id) : json(nullptr)},
          {"passed", c.passed},
          {"criteria", gate_criteria_json(c.criteria)},
          {"acceptance", c.acceptance},
          {"checked_at", c.checked_at},
          {"checked_by", c.checked_by ? json(*c.checked_by) : json(nullptr)},
          {"checked_by_name", c.checked_by_name},
          {"source", c.source},
          {"policy_version", c.policy_version}};
}

}  // namespace aims::lifecycle
