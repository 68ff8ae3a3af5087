// Lifecycle governance for `aims demo seed`: the credit system's requirements, four of them
// measurable and agreed by the AIMS manager, one still a draft; and the validation of the Retail PD
// model 3.2.0 before release by the AIMS manager (neither the system's owner nor the model's
// author): a first run on an extract with the bureau's income defect fails approval parity between
// the sexes, a second on the corrected extract, with a perturbed copy for robustness, passes, and
// the validation is signed off. Then, with its technical file approved, the credit system's
// deployment gate passes, and the CV screening system's fails with its reasons. Meridian's
// lifecycle policy asks two approvals to deploy a high or critical tier system, so CV screening's
// request shows "0 of 2 approvals".
#include <cmath>
#include <cstdio>
#include <random>
#include <sstream>
#include <vector>

#include "cli/demo.h"
#include "lifecycle/lifecycle.h"

namespace aims::cli {
namespace {

using records::Caller;

constexpr const char* kSystem = "Retail credit scoring";
constexpr const char* kModel = "Retail PD model 3.2.0";

std::string text(const char* t) {
  return t;
}

struct Requirement {
  const char* name;
  const char* kind;
  const char* statement;
  const char* metric;  // empty: no measurable criterion
  const char* scope;
  const char* comparison;
  double threshold;
  const char* rationale;
  bool agree;
};

const Requirement kRequirements[] = {
    {"Approval parity between the sexes", "fairness",
     "Women and men with comparable files are approved at comparable rates: the lower approval "
     "rate is at least four fifths of the higher.",
     "fairness.disparate_impact", "attribute:sex", "at_least", 0.8,
     "The four-fifths rule the credit risk committee adopted for every lending model.", true},
    {"Ranks applicants by risk", "performance",
     "The model separates applicants who repay from those who default well enough to lend on.",
     "performance.roc_auc", "overall", "at_least", 0.7,
     "Below 0.70 the scorecard it replaced did better (0.72 on the 2024 hold-out).", true},
    {"Stable decisions under small input errors", "robustness",
     "A bureau or typing error of a few percent in income or debt changes few decisions.",
     "robustness.flip_rate", "", "at_most", 0.05,
     "Perturbed copies move income and debt-to-income by up to 3 %, the error the data team "
     "measured between the bureau feed and verified payslips.",
     true},
    {"Credit officers can override every decline", "functional",
     "Every decline above EUR 25,000 goes to a credit officer, who may override it with a reason "
     "the system keeps.",
     "", "", "", 0, "", true},
    {"Approval parity between age bands", "fairness",
     "Applicants of every age band are approved at comparable rates.", "fairness.disparate_impact",
     "attribute:age_band", "at_least", 0.8,
     "Awaiting the committee: older applicants are fewer and retired incomes read lower.", false},
};

Status add_requirements(store::Database& db, int64_t org, int64_t system, const Caller& author,
                        const Caller& manager) {
  for (const auto& r : kRequirements) {
    DemoValues values = {{"name", text(r.name)},
                         {"ai_system_id", system},
                         {"kind", text(r.kind)},
                         {"statement", text(r.statement)}};
    if (*r.metric) {
      values["metric"] = text(r.metric);
      values["scope"] = text(r.scope);
      values["comparison"] = text(r.comparison);
      values["threshold"] = r.threshold;
      values["rationale"] = text(r.rationale);
    }
    TRY_ASSIGN(const auto created, add(db, org, lifecycle::requirements(), values, author));
    if (r.agree) TRY(step(db, org, lifecycle::requirements(), created.id, "agree", manager));
  }
  return {};
}

// The same decisions after moving income and debt-to-income by up to 3 %: the score moves with
// them (a small fraction of its log-odds) and the decision is taken again at 0.5.
std::string perturbed_copy(const std::string& log) {
  std::mt19937_64 random(20261207);
  std::uniform_real_distribution<double> noise(-0.03, 0.03);
  std::istringstream in(log);
  std::string line, out;
  std::getline(in, line);
  out = line + "\n";
  while (std::getline(in, line)) {
    // score and approved are the 9th and 10th of 11 columns.
    std::vector<std::string> cells;
    std::stringstream row(line);
    for (std::string cell; std::getline(row, cell, ',');)
      cells.push_back(cell);
    if (cells.size() != 11) continue;
    const double score = std::stod(cells[8]);
    const double logit = std::log(score / (1 - score)) + 1.8 * 0.8 * noise(random);
    const double moved = 1 / (1 + std::exp(-logit));
    char score_text[16];
    std::snprintf(score_text, sizeof score_text, "%.4f", moved);
    cells[8] = score_text;
    cells[9] = moved >= 0.5 ? "1" : "0";
    for (size_t i = 0; i < cells.size(); ++i)
      out += (i ? "," : "") + cells[i];
    out += "\n";
  }
  return out;
}

Status run(store::Database& db, int64_t org, int64_t validation, const std::string& log,
           const char* name, const std::string& perturbed, const Caller& who) {
  lifecycle::ValidationLogs logs{.log = monitoring::LogInput::memory(log), .log_name = name};
  if (!perturbed.empty()) {
    logs.perturbed = monitoring::LogInput::memory(perturbed);
    logs.perturbed_name = "holdout-2026-q3-perturbed.csv";
  }
  TRY(lifecycle::run_validation(db, org, validation, logs, who));
  return {};
}

// The credit system's deployment gate, passed once its validation was signed off; and the CV
// screening system's, which fails with its reasons (no validated model, untreated risks, ...).
Status seed_gate_checks(store::Database& db, int64_t org, int64_t credit, const Caller& manager) {
  TRY(lifecycle::check_gate(db, org, {.system_id = credit, .stage = "deployment", .source = "web"},
                            manager));
  TRY_ASSIGN(const int64_t cv, id_named(db, org, "ai_system", "CV screening"));
  TRY(lifecycle::check_gate(db, org, {.system_id = cv, .stage = "deployment", .source = "web"},
                            manager));
  return {};
}

// Two stage changes: the forecasting prototype cleared into development (at the low tier only a
// hold could stop it), and CV screening's request to deploy, waiting for an approver while its
// entry criteria show what stands in the way: the committee's hold first.
Status seed_stage_changes(store::Database& db, int64_t org, const Caller& scientist,
                          const Caller& manager) {
  TRY_ASSIGN(const int64_t prototype,
             id_named(db, org, "ai_system", "Demand forecasting prototype"));
  TRY_ASSIGN(const auto into_development,
             add(db, org, lifecycle::stage_changes(),
                 {{"name", text("Forecasting prototype into development")},
                  {"ai_system_id", prototype},
                  {"to_stage", text("development")},
                  {"justification",
                   text("The research question is agreed with Treasury: forecast branch cash "
                        "demand two weeks ahead on synthetic data. No decision about people.")}},
                 scientist));
  TRY(step(db, org, lifecycle::stage_changes(), into_development.id, "submit", scientist));
  TRY_ASSIGN(const auto submitted,
             records::get(db, lifecycle::stage_changes(), org, into_development.id));
  TRY(lifecycle::approve_stage_change(db, org, submitted.id, submitted.version, manager, "web"));

  TRY_ASSIGN(const int64_t cv, id_named(db, org, "ai_system", "CV screening"));
  TRY_ASSIGN(const auto deploy,
             add(db, org, lifecycle::stage_changes(),
                 {{"name", text("CV screening into deployment")},
                  {"ai_system_id", cv},
                  {"to_stage", text("deployment")},
                  {"justification",
                   text("Recruiting wants the ranking live for the spring graduate intake. The "
                        "vendor's validation report is attached to the supplier record; our own "
                        "validation is not yet done.")}},
                 manager));
  return step(db, org, lifecycle::stage_changes(), deploy.id, "submit", manager);
}

// Meridian's lifecycle policy, adopted by the administrator: aims' default, except that a
// high or critical tier system enters deployment only with two approvals from administrators and
// AIMS managers. CV screening's owner is the AIMS manager, so its request waits on the
// administrator and the deputy AIMS manager.
Status adopt_lifecycle_policy(store::Database& db, int64_t org, const Caller& admin) {
  lifecycle::LifecyclePolicy policy = lifecycle::default_policy();
  for (const char* tier : {"high", "critical"})
    policy.approvals["deployment"][tier] = {2, {auth::Role::admin, auth::Role::aims_manager}};
  policy.reason =
      "The AI governance committee's decision: no high or critical tier system goes live on one "
      "signature. Two of the administrators and AIMS managers approve its deployment.";
  TRY(lifecycle::adopt_policy(db, org, policy, admin));
  return {};
}

}  // namespace

Status seed_demo_lifecycle(store::Database& db, int64_t org, const DemoPeople& people) {
  TRY_ASSIGN(const int64_t system, id_named(db, org, "ai_system", kSystem));
  TRY_ASSIGN(const int64_t model, id_named(db, org, "model", kModel));
  TRY_ASSIGN(const int64_t monitor,
             id_named(db, org, "monitor", "Weekly credit decisions (Retail credit scoring)"));
  const Caller scientist{people.scientist, people.scientist.user_id, auth::Role::contributor};
  const Caller manager{people.manager, people.manager.user_id, auth::Role::aims_manager};
  TRY(adopt_lifecycle_policy(db, org, {people.admin, people.admin.user_id, auth::Role::admin}));
  TRY(add_requirements(db, org, system, scientist, manager));

  TRY_ASSIGN(
      const auto validation,
      add(db, org, lifecycle::validations(),
          {{"name", text("Retail PD model 3.2.0 before release")},
           {"ai_system_id", system},
           {"model_id", model},
           {"validator_id", people.manager.user_id.value_or(0)},
           {"monitor_id", monitor},
           {"method", text("The 2026 Q3 hold-out: 6,000 applications decided by the previous "
                           "model and never used in training, with their repayment outcome at "
                           "six months. Scores from the candidate model, decided at 0.5.")},
           {"other_tests",
            text("- **Stress:** incomes cut by 20 % across the book: approvals fall "
                 "18 %, in line with the affordability rules.\n- **Adversarial:** "
                 "applicants who inflate loan amounts to probe the threshold: no gain "
                 "found within the EUR 75,000 limit.")}},
          scientist));
  // The first extract still carried the bureau's defect: many women's incomes halved.
  const std::string defective = credit_decisions_log(20261201, "2026-09-01", 6000, 0.6, 500000);
  TRY(run(db, org, validation.id, defective, "holdout-2026-q3.csv", "", scientist));
  const std::string corrected = credit_decisions_log(20261202, "2026-09-01", 6000, 0, 500000);
  TRY(run(db, org, validation.id, corrected, "holdout-2026-q3-corrected.csv",
          perturbed_copy(corrected), scientist));
  TRY(step(db, org, lifecycle::validations(), validation.id, "submit", scientist));
  TRY(step(
      db, org, lifecycle::validations(), validation.id, "sign_off", manager,
      {{"conclusion", text("Passes every agreed criterion on the corrected hold-out. Released on "
                           "condition that the bureau's income fix stays in place (incident of 16 "
                           "November); age-band parity to be agreed by the committee.")}}));
  // The gate asks a critical system for a current technical file and an approved oversight plan
  // (seeded before the lifecycle).
  TRY(seed_demo_technical_files(db, org, people));
  TRY(seed_gate_checks(db, org, system, manager));
  return seed_stage_changes(db, org, scientist, manager);
}

}  // namespace aims::cli
