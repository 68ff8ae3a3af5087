// Meridian's internal audit programme in `aims demo seed`: a twelve-month cycle approved by the
// platform administrator; the lifecycle audit of the retail credit model reported six weeks ago
// (a minor nonconformity, the August retraining released without a fresh bias review, and an
// opportunity for improvement in event log retention); an audit of the clauses planned for next
// week. Grace Lindqvist, the internal auditor, leads both: she owns nothing she audits, and 9.2
// itself is left to the external auditor, so the programme's coverage shows it as a gap. Dates
// follow the seed day, as those of the improvement demo, which tells that nonconformity's story.
#include "auth/auth.h"
#include "base/time.h"
#include "cli/demo.h"
#include "internal_audit/internal_audit.h"
#include "records/records.h"

namespace aims::cli {
namespace {

using records::Caller;
using records::FieldValue;
using records::Record;
using Values = std::map<std::string, FieldValue>;
using namespace std::string_literals;

// The improvement demo (seeded before this one) already tells the story of the finding's
// nonconformity, analysed and corrected; raising a second one would record the finding twice, so
// the item is linked to it as raise_nonconformity links the one it raises.
Status link_finding(store::Database& db, int64_t org, int64_t item, const Caller& auditor) {
  TRY_ASSIGN(const int64_t nc,
             id_named(db, org, "nonconformity",
                      "Retraining of the credit model did not trigger a fresh bias review"));
  return db.write([&](store::Tx& tx) -> Status {
    const records::WriteContext ctx{tx, org, auditor, now_timestamp()};
    Record link;
    link.values["nonconformity_id"] = nc;
    TRY(records::update_kept_in(ctx, internal_audit::items(), item, link));
    return {};
  });
}

struct AuditResult {
  const char* criterion;
  const char* result;
  const char* notes;
  const char* evidence;  // an evidence item's title, or empty
};

// What Grace found, criterion by criterion, in the lifecycle audit.
const AuditResult kLifecycleResults[] = {
    {"8.1", "conforms",
     "Release of v3.2 followed the change procedure: ticket CR-2231 with risk sign-off by the "
     "system owner and the model risk committee.",
     ""},
    {"A.6.2.2", "conforms",
     "Requirements for v3.2 are written in the model specification, including the four-fifths "
     "approval ratio floor by sex and age band.",
     ""},
    {"A.6.2.4", internal_audit::kMinorNonconformity,
     "Sampled the three retrainings of the Retail PD model this year. The August retraining (v3.2) "
     "went live with the fairness report of v3.1: no bias review was run on the retrained model, "
     "although the model release procedure requires one before every release. Performance "
     "validation was done. One release of three, so graded minor.",
     ""},
    {"A.6.2.5", "conforms",
     "Deployment of v3.2 used the staged rollout (5 %, 25 %, 100 %) with rollback tested.", ""},
    {"A.6.2.6", "conforms",
     "The weekly credit decisions monitor runs on schedule; its latest fairness alert was "
     "raised as an incident and handled within the runbook's times.",
     "Monitoring runbook and alert routing"},
    {"A.6.2.8", "improvement",
     "Decision logs are kept for 24 months as required, but retention is set by hand per system. "
     "Setting it once in the logging platform's policy would stop a new system being missed.",
     ""},
    {"A.7.4", "conforms",
     "Data quality checks on the bureau feed (completeness, ranges, duplicates) run before each "
     "training and their reports are kept with the training run.",
     ""},
};

Status audit_the_lifecycle(store::Database& db, int64_t org, int64_t programme,
                           const Caller& author, const Caller& auditor) {
  TRY_ASSIGN(const int64_t guideline, id_named(db, org, "document", "Model validation guideline"));
  TRY_ASSIGN(
      const Record audit,
      add(db, org, internal_audit::audits(),
          {{"programme_id", programme},
           {"title", "Retail credit scoring: model lifecycle"s},
           {"scope",
            "The retail credit scoring model's lifecycle from retraining to operation: the v3.2 "
            "release of August, its validation, deployment and monitoring, and the data "
            "it was trained on. Model risk and data science teams, London office."s},
           {"criteria", std::vector<std::string>{"8.1", "A.6.2.2", "A.6.2.4", "A.6.2.5", "A.6.2.6",
                                                 "A.6.2.8", "A.7.4"}},
           {"procedure_ids", records::Ids{guideline}},
           {"lead_auditor_id", auditor.user_id.value()},
           {"planned_start", days_from_today(-49)},
           {"planned_end", days_from_today(-45)}},
          author));
  TRY(step(db, org, internal_audit::audits(), audit.id, "start", auditor,
           {{"actual_start", days_from_today(-49)}}));
  TRY_ASSIGN(const auto checklist, internal_audit::generate_checklist(db, org, audit.id, auditor));
  for (const auto& item : checklist) {
    for (const auto& r : kLifecycleResults) {
      if (item.text("criterion") != r.criterion) continue;
      Record changes;
      changes.values = {{"result", std::string(r.result)}, {"notes", std::string(r.notes)}};
      if (*r.evidence) {
        TRY_ASSIGN(const int64_t evidence, id_named(db, org, "evidence", r.evidence));
        changes.values["evidence_ids"] = records::Ids{evidence};
      }
      TRY(records::update(db, internal_audit::items(), org, item.id, changes, item.version,
                          auditor));
      if (std::string(r.result) == internal_audit::kMinorNonconformity)
        TRY(link_finding(db, org, item.id, auditor));
    }
  }
  return step(
      db, org, internal_audit::audits(), audit.id, "report", auditor,
      {{"actual_end", days_from_today(-45)},
       {"summary",
        "The credit model's lifecycle **conforms** to the AIMS and the criteria in all "
        "but one respect.\n\n"
        "- **Minor nonconformity (A.6.2.4):** v3.2 was released after its August retraining "
        "without the bias review the model release procedure requires; raised as a "
        "nonconformity for the system owner to correct.\n"
        "- **Opportunity for improvement (A.6.2.8):** set decision log retention once in "
        "the logging platform rather than per system.\n\n"
        "Monitoring, deployment and data quality controls work as described and are "
        "effective."s}});
}

// Every clause requirement but 9.2's own, which an auditor of the programme may not audit.
std::vector<std::string> clauses_but_internal_audit() {
  std::vector<std::string> out;
  for (const auto& r : internal_audit::required_of({}))
    if (r.id != "9.2.1" && r.id != "9.2.2") out.push_back(r.id);
  return out;
}

Status plan_the_clauses(store::Database& db, int64_t org, int64_t programme, const Caller& author,
                        const Caller& auditor) {
  TRY(add(db, org, internal_audit::audits(),
          {{"programme_id", programme},
           {"title", "AIMS clauses 4 to 10"s},
           {"scope",
            "The management system's clauses across the organisation: context, leadership, "
            "planning, support, operation, performance evaluation and improvement, sampled from "
            "the records kept in aims this cycle. Internal audit itself (9.2) is audited by the "
            "external auditor."s},
           {"criteria", clauses_but_internal_audit()},
           {"lead_auditor_id", auditor.user_id.value()},
           {"planned_start", days_from_today(7)},
           {"planned_end", days_from_today(11)}},
          author));
  return {};
}

}  // namespace

Status seed_demo_internal_audit(store::Database& db, int64_t org, const DemoPeople& people) {
  const Caller manager{people.manager, people.manager.user_id, auth::Role::aims_manager};
  const Caller admin{people.admin, people.admin.user_id, auth::Role::admin};
  TRY_ASSIGN(const auto grace, auth::find_user_by_email(db, org, "auditor@meridian.example"));
  const Caller auditor{{"user", grace.id, grace.email}, grace.id, auth::Role::auditor};
  TRY_ASSIGN(
      const Record programme,
      add(db, org, internal_audit::programmes(),
          {{"title", "Internal audit programme, first cycle"s},
           {"period_start", days_from_today(-120)},
           {"period_end", days_from_today(245)},
           {"objectives",
            "## Objectives\n\nLearn whether the AI management system meets Meridian's own "
            "requirements and ISO/IEC 42001, and whether it is effectively implemented, before "
            "the certification audit.\n\n"
            "## Method\n\n"
            "- Every clause and every applicable Annex A control is audited once in the year; "
            "high-risk AI systems (credit, clinical triage) first.\n"
            "- Audits are led by the internal auditor, who owns no record she audits; internal "
            "audit itself is audited by the external auditor.\n"
            "- Each audit is planned a month ahead, runs for a week, and is reported within five "
            "working days; findings graded minor or major are raised as nonconformities.\n"
            "- Results go to the management review."s},
           {"owner_id", people.manager.user_id.value()}},
          manager));
  TRY(step(db, org, internal_audit::programmes(), programme.id, "approve", admin, {},
           "Approved at the AI governance committee for the twelve months ahead."));
  TRY(audit_the_lifecycle(db, org, programme.id, manager, auditor));
  return plan_the_clauses(db, org, programme.id, manager, auditor);
}

}  // namespace aims::cli
