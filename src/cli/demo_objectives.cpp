// Meridian's AI objectives for `aims demo seed`: one measured live from the credit monitor's
// stored runs (restoring fair approvals for women after the bureau feed change), one measured by
// hand every month (fairness-testing training of model validators), and one worked out from the
// inventory and impact assessments.
#include "base/time.h"
#include "cli/demo.h"
#include "monitoring/monitoring.h"
#include "objectives/objectives.h"
#include "records/records.h"

namespace aims::cli {

Result<int64_t> id_named(store::Database& db, int64_t org, const std::string& type,
                         const std::string& name) {
  TRY_ASSIGN(const auto all, records::all_names(db, *records::reference_target(type), org));
  for (const auto& n : all)
    if (n.name == name) return n.id;
  return Error::not_found("the demo has no " + type + " called " + name);
}

namespace {

using records::FieldValue;
using records::Record;
using namespace std::string_literals;

constexpr const char* kDisparateImpact = "fairness.disparate_impact";
constexpr const char* kBySex = "attribute:sex";

// The hand-measured objective's dates follow the seed day, so its verdict reads the same whenever
// the demo is seeded.
std::string days_from_today(int64_t days) {
  const auto today = parse_date_days(now_timestamp().substr(0, 10));
  return format_timestamp((*today + days) * 86'400'000'000LL).substr(0, 10);
}

Status activate(store::Database& db, int64_t org, const Record& o, const records::Caller& who) {
  TRY(records::transition(db, objectives::objectives(), org, o.id, {"activate", "", {}, o.version},
                          who));
  return {};
}

// The feed change of the week of 16 November took approvals of women below four fifths of men's;
// the objective starts from that week's value, read from the monitor like every later one.
Status credit_fairness(store::Database& db, int64_t org, int64_t policy,
                       const records::Caller& manager, int64_t owner) {
  TRY_ASSIGN(const int64_t system, id_named(db, org, "ai_system", "Retail credit scoring"));
  TRY_ASSIGN(const int64_t monitor,
             id_named(db, org, "monitor", "Weekly credit decisions (Retail credit scoring)"));
  TRY_ASSIGN(const auto trend, monitoring::trend(db, org, monitor, kDisparateImpact, kBySex, 1));
  if (trend.empty() || !trend.back().value)
    return Error::not_found("the credit monitor has no disparate impact by sex yet");
  TRY_ASSIGN(
      const Record o,
      add(db, org, objectives::objectives(),
          {{"title",
            "Raise the credit model's disparate impact for sex to at least 0.85 by "
            "2027-09-30"s},
           {"statement",
            "Women and men with the same creditworthiness are approved at the same rate. The "
            "bureau feed change of November pushed approvals of women below four fifths of men's; "
            "the AI policy commits Meridian to fair outcomes, so the credit model is to clear the "
            "four-fifths rule with a margin and keep it."s},
           {"policy_id", policy},
           {"owner_id", owner},
           {"system_ids", records::Ids{system}},
           {"plan",
            "Atlas Credit Bureau restores secondary incomes in the feed (contract change, "
            "January); income verification for part-time applicants before scoring; retraining "
            "on verified incomes with a fairness constraint (data science, 6 weeks); credit "
            "officers review every decision until the weekly value is above 0.8 for a month."s},
           {"measure", std::string(objectives::kFromMonitor)},
           {"monitor_id", monitor},
           {"metric", std::string(kDisparateImpact)},
           {"metric_scope", std::string(kBySex)},
           {"baseline_value", *trend.back().value},
           {"baseline_on", trend.back().at.substr(0, 10)},
           {"target_value", 0.85},
           {"direction", "at_least"s},
           {"start_on", "2026-11-23"s},
           {"due_on", "2027-09-30"s}},
          manager));
  return activate(db, org, o, manager);
}

// Two of eight validators were trained when the objective was set; one or so more each month.
Status validator_training(store::Database& db, int64_t org, int64_t policy,
                          const records::Caller& manager, int64_t owner) {
  TRY_ASSIGN(
      const Record o,
      add(db, org, objectives::objectives(),
          {{"title", "Every model validator trained on fairness testing"s},
           {"statement",
            "Independent validation is where unfair models are stopped; the AI policy requires "
            "validators competent in fairness testing, so each of the eight validators completes "
            "the fairness-testing course and passes its practical assessment."s},
           {"policy_id", policy},
           {"owner_id", owner},
           {"plan",
            "Two-day course with the internal audit data team, one cohort a month; practical "
            "assessment on a held-out credit model; budget of 16 person-days of training."s},
           {"measure", std::string(objectives::kByHand)},
           {"unit", "%"s},
           {"baseline_value", 25.0},
           {"baseline_on", days_from_today(-160)},
           {"target_value", 100.0},
           {"direction", "at_least"s},
           {"start_on", days_from_today(-160)},
           {"due_on", days_from_today(115)}},
          manager));
  TRY(activate(db, org, o, manager));
  const struct {
    int days_ago;
    double percent;
    const char* note;
  } months[] = {{130, 25, "July cohort postponed: the trainer was on leave."},
                {100, 37.5, "Three of eight validators passed the assessment."},
                {70, 50, "Four of eight."},
                {40, 50, "No cohort this month: quarter-end validation peak."},
                {10, 62.5, "Five of eight; the remaining three are booked on the next cohorts."}};
  for (const auto& m : months)
    TRY(add(db, org, objectives::measurements(),
            {{"objective_id", o.id},
             {"measured_on", days_from_today(-m.days_ago)},
             {"value", m.percent},
             {"note", std::string(m.note)}},
            manager));
  return {};
}

Status assessment_coverage(store::Database& db, int64_t org, int64_t policy,
                           const records::Caller& manager, int64_t owner) {
  // Set today: its baseline is the share the inventory and assessments give now.
  TRY_ASSIGN(const double share, objectives::impact_share(db, org));
  TRY_ASSIGN(
      const Record o,
      add(db, org, objectives::objectives(),
          {{"title", "Every AI system in scope has an approved impact assessment"s},
           {"statement",
            "Nobody is affected by an AI system whose impact on people has not been weighed and "
            "approved (AI policy, section on impact assessment)."s},
           {"policy_id", policy},
           {"owner_id", owner},
           {"plan",
            "Assess the systems without an approved assessment in order of their EU AI Act class; "
            "one assessor from compliance per system, approval by the AIMS manager."s},
           {"measure", std::string(objectives::kImpactShare)},
           {"target_value", 100.0},
           {"direction", "at_least"s},
           {"baseline_value", share},
           {"baseline_on", days_from_today(0)},
           {"start_on", days_from_today(0)},
           {"due_on", days_from_today(200)}},
          manager));
  return activate(db, org, o, manager);
}

}  // namespace

Status seed_demo_objectives(store::Database& db, int64_t org, const DemoPeople& people) {
  const records::Caller manager{people.manager, people.manager.user_id, auth::Role::aims_manager};
  TRY_ASSIGN(const int64_t policy, id_named(db, org, "document", "Meridian Holdings AI policy"));
  TRY(credit_fairness(db, org, policy, manager, people.scientist.user_id.value()));
  TRY(validator_training(db, org, policy, manager, people.manager.user_id.value()));
  return assessment_coverage(db, org, policy, manager, people.manager.user_id.value());
}

}  // namespace aims::cli
