// Meridian's controlled documents for `aims demo seed`: a published AI policy with its commitments
// tied to its sections and acknowledged by three of its five readers, an AI risk management
// procedure waiting for approval, a draft guideline and an incident procedure started from a
// template, moved through the workflow by the people who would, so the approvals, versions,
// acknowledgements and audit trail are real.
#include <algorithm>

#include "cli/demo.h"
#include "documents/documents.h"
#include "inventory/inventory.h"
#include "records/records.h"

namespace aims::cli {
namespace {

using records::FieldValue;
using records::Record;

// The policy in Meridian's words: what the AI policy is expected to cover (a frame for objectives,
// meeting applicable requirements, continual improvement), plus who answers for what.
constexpr const char* kPolicy = R"(# Meridian Holdings AI policy

## Why we have this policy
Meridian uses AI to decide on credit, to detect fraud, to help customers and to support hiring.
These decisions matter to people. This policy says how we build, buy and run AI so that it stays
lawful, fair, explainable and safe, and how we prove it to customers, regulators and ourselves.

## Scope
The policy covers every AI system in the scope of our AI management system: systems we build,
systems we buy or use as a service, and the models and data they depend on. It applies to all
staff and contractors who design, approve, operate or monitor them.

## Our commitments

### Setting AI objectives
Each year the AIMS manager proposes measurable AI objectives (for example on fairness, accuracy in
production and time to resolve incidents). The executive committee approves them, and we track
them against live monitoring data rather than one-off reports.

### Meeting applicable requirements
We identify and meet the legal, regulatory and contractual requirements that apply to each system,
including consumer credit rules, data protection law and the EU AI Act classification of every
system, and we record how we meet them.

### Risk before release
No AI system goes live, or changes materially, without a risk assessment and, where people are
affected, an impact assessment that has been approved by someone independent of the team that
built it. High-risk decisions keep a person able to understand, question and overrule the system;
monitoring can switch a system to human review when it drifts. AI we buy is held to the same
standard: contracts cover data use, notice of changes and notice of incidents.

### Continual improvement
We learn from incidents, audits, monitoring and feedback, and we change the management system, not
only the system that failed. The AIMS manager reports what changed to the executive committee
every quarter.

## Responsibilities
- The **executive committee** owns this policy and provides the people and budget it needs.
- The **AIMS manager** keeps the management system running and reports on it every quarter.
- **System owners** answer for their systems' risk assessments, monitoring and incidents.
- **Everyone** reports a concern about an AI system through the incident register, without blame.

## Communication
The policy is on the intranet and every member of staff is asked in aims to confirm they have read
each new version. New joiners read it in their first week. Customers, regulators and auditors
receive it on request; it is classified public.

## Review
This policy is reviewed at least once a year, and sooner after a serious incident, a change in law
or a change in how we use AI. Changes go through the same approval as the first issue.
)";

constexpr const char* kRiskProcedure = R"(# AI risk management procedure

## Purpose
How Meridian identifies, analyses, evaluates and treats the risks of each AI system, so results
are comparable from one assessment to the next.

## When
- Before a new AI system or a material change goes live.
- At least yearly for every system in scope, and after any high or critical incident.

## Steps
1. The system owner lists the risk sources: data quality, bias, drift, misuse, security,
   supplier dependence and legal exposure.
2. Each risk is scored for likelihood and impact on a 1 to 5 scale; the level is their product.
3. Levels of 15 or more need a treatment plan with an owner and a due date before release.
4. The AIMS manager checks that the chosen controls are in the Statement of Applicability.
5. Residual risk above 10 is accepted only by the executive sponsor, in writing.

## Records
Assessments, treatment plans and acceptances are kept in aims and retained for seven years.
)";

constexpr const char* kValidationGuideline = R"(# Model validation guideline (draft)

Validation is done by someone who did not build the model.

- Hold out the most recent three months of data as the test set.
- Report accuracy, calibration and disparate impact for each protected group.
- Compare against the model in production; explain any drop of more than two points.
)";

records::Caller as(const trail::Actor& actor, auth::Role role) {
  return {actor, actor.user_id, role};
}

Result<Record> add(store::Database& db, int64_t org, const records::Caller& author,
                   std::map<std::string, FieldValue> values) {
  Record r;
  r.values = std::move(values);
  return records::create(db, documents::documents(), org, r, author);
}

Status move(store::Database& db, int64_t org, int64_t id, const std::string& step,
            const std::string& reason, const records::Caller& who, Record values = {}) {
  TRY_ASSIGN(const Record current, records::get(db, documents::documents(), org, id));
  TRY(records::transition(db, documents::documents(), org, id,
                          {step, reason, std::move(values), current.version}, who));
  return {};
}

// Submitted by `who`, naming the person who approves it.
Status submit(store::Database& db, int64_t org, int64_t id, const std::string& summary,
              const records::Caller& who, int64_t approver) {
  Record values;
  values.values["approver_id"] = approver;
  return move(db, org, id, "submit", summary, who, std::move(values));
}

Result<records::Ids> systems_named(store::Database& db, int64_t org,
                                   const std::vector<std::string>& names) {
  TRY_ASSIGN(const auto all, records::all_names(db, inventory::ai_systems(), org));
  records::Ids ids;
  for (const auto& n : all) {
    if (std::find(names.begin(), names.end(), n.name) != names.end()) ids.push_back(n.id);
  }
  return ids;
}

}  // namespace

Status seed_demo_documents(store::Database& db, int64_t org, const DemoPeople& people) {
  const auto admin = as(people.admin, auth::Role::admin);
  const auto manager = as(people.manager, auth::Role::aims_manager);
  const auto scientist = as(people.scientist, auth::Role::contributor);
  const int64_t priya = people.manager.user_id.value(), tomas = people.scientist.user_id.value();

  // Written and owned by the AIMS manager, approved by the administrator: the author may not.
  TRY_ASSIGN(const Record policy,
             add(db, org, manager,
                 {{"title", std::string("Meridian Holdings AI policy")},
                  {"document_type", std::string("ai_policy")},
                  {"owner_id", priya},
                  {"classification", std::string("public")},
                  {"body", std::string(kPolicy)},
                  {"effective_date", std::string("2026-09-01")},
                  {"review_interval_months", int64_t(12)},
                  {"retention", std::string("Each superseded version kept for 10 years")},
                  {"commitment_purpose", std::string("Why we have this policy")},
                  {"commitment_objectives", std::string("Setting AI objectives")},
                  {"commitment_requirements", std::string("Meeting applicable requirements")},
                  {"commitment_improvement", std::string("Continual improvement")},
                  {"commitment_communication", std::string("Communication")},
                  {"aligned_policies",
                   std::string("Information security policy (ISMS-POL-01); data protection "
                               "policy; model risk management standard; code of conduct; "
                               "supplier management policy")},
                  // All staff: every role of the organisation.
                  {"acknowledgement_roles",
                   std::vector<std::string>{"admin", "aims-manager", "contributor", "auditor",
                                            "viewer"}}}));
  const int64_t anna = people.admin.user_id.value();
  TRY(submit(db, org, policy.id, "First issue, as agreed by the executive committee on 2026-08-20",
             manager, anna));
  TRY(move(db, org, policy.id, "approve",
           "Covers objectives, applicable requirements and continual improvement (5.2)", admin));
  // Three of the five people have confirmed they read it; the auditor and the executive sponsor
  // have not yet.
  for (const auto* who : {&manager, &scientist, &admin})
    TRY(documents::acknowledge(db, org, policy.id, 1, *who));

  TRY_ASSIGN(const records::Ids credit,
             systems_named(db, org, {"Retail credit scoring", "Card fraud detection"}));
  TRY_ASSIGN(const Record procedure, add(db, org, manager,
                                         {{"title", std::string("AI risk management procedure")},
                                          {"document_type", std::string("procedure")},
                                          {"owner_id", tomas},
                                          {"body", std::string(kRiskProcedure)},
                                          {"system_ids", credit},
                                          {"effective_date", std::string("2027-01-04")},
                                          {"review_interval_months", int64_t(24)},
                                          {"retention", std::string("7 years after retirement")}}));
  TRY(submit(db, org, procedure.id,
             "Risk levels and acceptance thresholds set after the Q3 risk workshop", manager,
             anna));

  // Started from aims' template, to be adapted to Meridian's incident process.
  TRY(documents::create_from_template(db, org, "ai-incident-procedure", "", priya, manager));

  // Still being written by the data scientist who owns it.
  TRY(add(db, org, scientist,
          {{"title", std::string("Model validation guideline")},
           {"document_type", std::string("guideline")},
           {"owner_id", tomas},
           {"body", std::string(kValidationGuideline)},
           {"system_ids", credit}}));
  return {};
}

}  // namespace aims::cli
