// Meridian's supplier due diligence in `aims demo seed`: the fraud-scoring vendor Sentinel
// approved with a condition (30 days' notice of model changes), its FraudScore outputs evaluated
// monthly for accuracy and bias, and its exit plan (in-house rules plus manual review) tested two
// months ago; the clinical triage vendor approved outright with a tested plan; the support
// assistant's model vendor awaiting a decision. Two incidents name a supplier: the vendor's stale
// scores, told to Sentinel within hours, and a support-assistant outage not yet told to Northstar,
// which the 72-hour rule flags. Dates follow the seed day.
#include "auth/auth.h"
#include "base/time.h"
#include "cli/demo.h"
#include "improvement/improvement.h"
#include "inventory/inventory.h"
#include "records/records.h"
#include "suppliers/suppliers.h"

namespace aims::cli {
namespace {

using records::Caller;
using records::FieldValue;
using records::Record;
using Values = std::map<std::string, FieldValue>;
using namespace std::string_literals;

constexpr int64_t kHourMicros = 3'600'000'000LL;

std::string hours_ago(int64_t hours) {
  return format_timestamp(now_micros() - hours * kHourMicros);
}

Status update(store::Database& db, int64_t org, const records::Description& d, int64_t id,
              Values values, const Caller& who) {
  TRY_ASSIGN(const Record current, records::get(db, d, org, id));
  Record changes;
  changes.values = std::move(values);
  TRY(records::update(db, d, org, id, changes, current.version, who));
  return {};
}

struct SupplierProfile {
  const char* name;
  const char* criticality;
  int64_t interval_months;  // 0: none set
};

// Who owns each relationship and how critical it is: Tomás, the data science lead, owns the
// vendors whose models run in production systems he answers for.
Status profile_suppliers(store::Database& db, int64_t org, int64_t owner, const Caller& manager) {
  const SupplierProfile profiles[] = {
      {"Sentinel Fraud Analytics", "high", 1},
      {"Radiant Imaging Systems", "high", 3},
      {"Northstar AI", "medium", 1},
      {"TalentLens", "medium", 6},
      {"CodeForge", "low", 0},
      {"Atlas Credit Bureau", "high", 0},
  };
  for (const auto& p : profiles) {
    TRY_ASSIGN(const int64_t id, id_named(db, org, "supplier", p.name));
    Values v = {{"relationship_owner_id", owner}, {"criticality", std::string(p.criticality)}};
    if (p.interval_months) v["evaluation_interval_months"] = p.interval_months;
    TRY(update(db, org, inventory::suppliers(), id, v, manager));
  }
  return {};
}

// Scores in questionnaire order: data use, security, transparency, testing, incident notice,
// sub-processors, change notice, exit, EU AI Act.
Values answers(std::initializer_list<int64_t> scores) {
  Values v;
  auto it = scores.begin();
  for (const auto& q : suppliers::questionnaire())
    v[q.key] = *it++;
  return v;
}

Result<Record> assess(store::Database& db, int64_t org, const std::string& title,
                      const std::string& supplier, const char* role, Values scores,
                      const std::string& findings, const Caller& assessor) {
  TRY_ASSIGN(const int64_t supplier_id, id_named(db, org, "supplier", supplier));
  Values v = std::move(scores);
  v["title"] = title;
  v["supplier_id"] = supplier_id;
  v["assessed_on"] = days_from_today(-10);
  v["assessor_id"] = assessor.user_id.value_or(0);
  v["ai_act_role"] = std::string(role);
  v["findings"] = findings;
  TRY_ASSIGN(const Record a, add(db, org, suppliers::assessments(), v, assessor));
  TRY(step(db, org, suppliers::assessments(), a.id, "submit", assessor));
  return a;
}

Status seed_assessments(store::Database& db, int64_t org, const Caller& manager,
                        const Caller& admin) {
  TRY_ASSIGN(
      const Record sentinel,
      assess(
          db, org, "Sentinel Fraud Analytics 2026", "Sentinel Fraud Analytics", "not_in_scope",
          answers({3, 3, 2, 2, 3, 2, 1, 2, 2}),
          "- **Data use:** the DPA limits processing to scoring our transactions; no training on "
          "them without written consent. EU processing only.\n"
          "- **Security:** SOC 2 Type II report for the last 12 months, no exceptions.\n"
          "- **Testing:** quarterly accuracy reports; bias testing by card type and region, but "
          "not by customer age.\n"
          "- **Change notice:** the contract promises notice of *breaking API changes* only; "
          "FraudScore 5.0 went live with two days' notice and moved our false-positive rate.\n"
          "- **EU AI Act:** fraud detection is outside Annex III point 5(b); Sentinel states "
          "no AI Act role for FraudScore.",
          manager));
  TRY(step(db, org, suppliers::assessments(), sentinel.id, "approve_with_conditions", admin,
           {{"conditions",
             "Sentinel gives Meridian at least 30 days' written notice of any change to the "
             "FraudScore model (new version, retraining, threshold change), with release notes "
             "and its validation results, by a contract amendment signed before the due date."s},
            {"conditions_due", days_from_today(50)}},
           "Approved: strong data and security terms; change notice must be fixed in the "
           "contract."));
  TRY_ASSIGN(
      const Record radiant,
      assess(db, org, "Radiant Imaging Systems 2026", "Radiant Imaging Systems",
             "provider_high_risk", answers({3, 3, 3, 3, 3, 2, 3, 2, 3}),
             "CE-marked under the MDR (class IIa) and a high-risk AI system under Art. 6(1); "
             "technical documentation summary, instructions for use and post-market monitoring "
             "plan received. Sub-processor list is current but gives no notice period.",
             manager));
  TRY(step(db, org, suppliers::assessments(), radiant.id, "approve", admin, {},
           "Meets every expectation; sub-processor notice to be raised at renewal."));
  TRY_ASSIGN(
      const Record atlas,
      assess(db, org, "Atlas Credit Bureau 2026", "Atlas Credit Bureau", "not_in_scope",
             answers({3, 3, 2, 2, 2, 2, 2, 2, 2}),
             "Licensed credit bureau; supplies data, not an AI system. Data use limited to "
             "credit decisions by contract; ISO/IEC 27001 certificate current. Feed changes are "
             "announced in release notes only, which is how the November income defect reached "
             "us unannounced.",
             manager));
  TRY(step(db, org, suppliers::assessments(), atlas.id, "approve", admin, {},
           "Approved; feed change notice to be raised with the bureau at the quarterly review."));
  TRY_ASSIGN(
      const Record northstar,
      assess(db, org, "Northstar AI 2026", "Northstar AI", "provider_gpai",
             answers({2, 3, 1, 1, 2, 1, 2, 2, 2}),
             "General-purpose model provider. Model card is generic; no evaluation on banking "
             "support questions; sub-processors listed only on request.",
             manager));
  (void)northstar;  // left submitted: awaiting the decision on the administrator's My work
  return {};
}

struct Month {
  int64_t from, to;  // days from today
  const char* outcome;
  const char* findings;
};

Status seed_evaluations(store::Database& db, int64_t org, const Caller& scientist) {
  TRY_ASSIGN(const int64_t sentinel, id_named(db, org, "supplier", "Sentinel Fraud Analytics"));
  const Month months[] = {
      {-95, -66, "meets",
       "Precision 0.91 and recall 0.84 against confirmed fraud; block rates within 10 % across "
       "card types and age bands."},
      {-65, -36, "meets",
       "Precision 0.90, recall 0.85; no group's block rate more than 1.2 times the overall rate."},
      {-35, -6, "concerns",
       "After FraudScore 5.1 went live, precision fell to 0.86 and customers over 70 were blocked "
       "1.6 times as often as the overall rate. Raised with Sentinel (ticket SFA-2290); the "
       "change-notice condition of the assessment addresses the cause."},
  };
  int n = 0;
  for (const auto& m : months) {
    ++n;
    TRY(add(
        db, org, suppliers::evaluations(),
        {{"title", "FraudScore outputs, month " + std::to_string(n)},
         {"supplier_id", sentinel},
         {"period_from", days_from_today(m.from)},
         {"period_to", days_from_today(m.to)},
         {"evaluator_id", scientist.user_id.value_or(0)},
         {"evaluated",
          "Scores on all card authorisations of the month, joined to chargebacks and "
          "confirmed fraud cases 30 days later: precision, recall, and block rate by card "
          "type and customer age band."s},
         {"outcome", std::string(m.outcome)},
         {"findings", std::string(m.findings)},
         {"runs_cited", "Monthly FraudScore evaluation notebook, run on the 3rd of each month."s}},
        scientist));
  }
  // The triage aid's vendor is evaluated each quarter against the radiologists' reads.
  TRY_ASSIGN(const int64_t radiant, id_named(db, org, "supplier", "Radiant Imaging Systems"));
  TRY(add(db, org, suppliers::evaluations(),
          {{"title", "ChestTriage flags, last quarter"s},
           {"supplier_id", radiant},
           {"period_from", days_from_today(-100)},
           {"period_to", days_from_today(-10)},
           {"evaluator_id", scientist.user_id.value_or(0)},
           {"evaluated",
            "Urgent flags against the radiologists' final reports for every chest X-ray of the "
            "quarter: sensitivity for urgent findings, and time to report for flagged studies."s},
           {"outcome", "meets"s},
           {"findings",
            "Sensitivity 0.95 for urgent findings (vendor's claim: 0.94); flagged studies were "
            "reported in 38 minutes on average against 3.1 hours for the rest."s}},
          scientist));
  return {};
}

Status seed_exit_plans(store::Database& db, int64_t org, const Caller& scientist) {
  TRY_ASSIGN(const int64_t sentinel, id_named(db, org, "supplier", "Sentinel Fraud Analytics"));
  TRY_ASSIGN(const int64_t radiant, id_named(db, org, "supplier", "Radiant Imaging Systems"));
  TRY_ASSIGN(const int64_t fraud, id_named(db, org, "ai_system", "Card fraud detection"));
  TRY_ASSIGN(const int64_t triage, id_named(db, org, "ai_system", "Chest X-ray triage aid"));
  const int64_t tomas = scientist.user_id.value_or(0);
  TRY(add(db, org, suppliers::exit_plans(),
          {{"title", "Leaving Sentinel FraudScore"s},
           {"supplier_id", sentinel},
           {"system_ids", records::Ids{fraud}},
           {"owner_id", tomas},
           {"triggers",
            "Sentinel's API unavailable for more than 4 hours; a monthly evaluation that fails; "
            "the assessment rejected at review; the contract ended by either side."s},
           {"fallback_kind", "combined"s},
           {"fallback",
            "Meridian's in-house rules-based screening (velocity, geography and merchant rules) "
            "blocks or challenges transactions, and the fraud team reviews every challenged "
            "transaction by hand within 2 hours."s},
           {"steps",
            "1. Switch the authorisation gateway's scoring flag to *rules*.\n"
            "2. Double the fraud team's review rota.\n"
            "3. Tell card holders through the app that more payments may be challenged.\n"
            "4. Request the return of Meridian's data and confirmation of deletion."s},
           {"data_return",
            "Sentinel returns transaction features and scores as CSV within 30 days and confirms "
            "deletion in writing within 60 days (DPA clause 12)."s},
           {"switch_days", int64_t{1}},
           {"last_tested_on", days_from_today(-60)},
           {"test_outcome", "passed_with_issues"s},
           {"test_notes",
            "Switched a 5 % slice of traffic to rules for a day: fraud losses unchanged, but "
            "challenges tripled and the review queue missed the 2-hour target for 3 hours. Rota "
            "changed."s}},
          scientist));
  TRY(add(db, org, suppliers::exit_plans(),
          {{"title", "Leaving Radiant ChestTriage"s},
           {"supplier_id", radiant},
           {"system_ids", records::Ids{triage}},
           {"owner_id", tomas},
           {"triggers", "Radiant withdraws the CE marking, ends support, or fails review."s},
           {"fallback_kind", "manual_process"s},
           {"fallback", "Radiologists read the worklist in arrival order, as before 2025."s},
           {"switch_days", int64_t{0}},
           {"last_tested_on", days_from_today(-150)},
           {"test_outcome", "passed"s}},
          scientist));
  return {};
}

Status seed_incidents(store::Database& db, int64_t org, const Caller& manager) {
  TRY_ASSIGN(const int64_t sentinel, id_named(db, org, "supplier", "Sentinel Fraud Analytics"));
  TRY_ASSIGN(const int64_t northstar, id_named(db, org, "supplier", "Northstar AI"));
  TRY_ASSIGN(const int64_t fraud, id_named(db, org, "ai_system", "Card fraud detection"));
  TRY_ASSIGN(const int64_t support, id_named(db, org, "ai_system", "Customer support assistant"));
  const auto& incidents = improvement::incidents();
  TRY(add(db, org, incidents,
          {{"title", "FraudScore returned stale scores after a vendor deployment"s},
           {"system_id", fraud},
           {"severity", "high"s},
           {"status", "resolved"s},
           {"owner_id", manager.user_id.value_or(0)},
           {"description",
            "For 50 minutes FraudScore answered with cached scores; 214 fraudulent card payments "
            "passed unchallenged."s},
           {"became_aware_at", hours_ago(20 * 24)},
           {"supplier_id", sentinel},
           {"supplier_notified_at", hours_ago(20 * 24 - 2)},
           {"supplier_reference", "SFA-INC-4471"s},
           {"supplier_notification",
            "Times and volume of stale scores seen, the transactions affected, and a request for "
            "root cause and a fix within 5 working days."s},
           {"resolution",
            "Sentinel rolled back its cache change the same day and added a staleness check."s}},
          manager));
  TRY(add(
      db, org, incidents,
      {{"title", "Support assistant answered with another customer's first name"s},
       {"system_id", support},
       {"severity", "medium"s},
       {"status", "investigating"s},
       {"owner_id", manager.user_id.value_or(0)},
       {"description", "Two chats addressed the customer by a name from an earlier conversation."s},
       {"became_aware_at", hours_ago(4 * 24)},
       {"supplier_id", northstar}},
      manager));
  return {};
}

}  // namespace

Status seed_demo_suppliers(store::Database& db, int64_t org, const DemoPeople& people) {
  const Caller manager{people.manager, people.manager.user_id, auth::Role::aims_manager};
  const Caller admin{people.admin, people.admin.user_id, auth::Role::admin};
  const Caller scientist{people.scientist, people.scientist.user_id, auth::Role::contributor};
  TRY(profile_suppliers(db, org, people.scientist.user_id.value_or(0), manager));
  TRY(seed_assessments(db, org, manager, admin));
  TRY(seed_evaluations(db, org, scientist));
  TRY(seed_exit_plans(db, org, scientist));
  return seed_incidents(db, org, manager);
}

}  // namespace aims::cli
