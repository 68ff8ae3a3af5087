// Meridian's Statement of Applicability for `aims demo seed`: every Annex A control decided and
// justified, some implemented with evidence (one piece expired), some planned; version 1 approved
// by someone other than its submitter, and version 2 waiting for approval, so the comparison,
// My work and the readiness gaps show real content.
#include <map>

#include "cli/demo.h"
#include "controls/controls.h"
#include "documents/documents.h"
#include "inventory/inventory.h"
#include "records/records.h"

namespace aims::cli {
namespace {

using records::FieldValue;
using records::Ids;
using records::Record;

records::Caller as(const trail::Actor& actor, auth::Role role) {
  return {actor, actor.user_id, role};
}

struct DemoEvidence {
  const char* title;
  const char* type;
  const char* description;
  const char* collected;
  const char* valid_until;
  std::vector<const char*> systems;
};

const DemoEvidence kEvidence[] = {
    {"Executive committee minutes approving the AI policy",
     "record",
     "Minutes of 2026-08-20: the committee approved the AI policy and the AIMS budget.",
     "2026-08-20",
     "2027-08-20",
     {}},
    {"AI roles and responsibilities (RACI)",
     "document",
     "Who is accountable, responsible, consulted and informed for each AIMS process and AI system.",
     "2026-07-15",
     "2027-07-15",
     {}},
    {"Retail credit scoring fairness validation, Q3 2026",
     "report",
     "Independent validation: disparate impact by sex and age band, calibration, hold-out "
     "accuracy.",
     "2026-10-05",
     "2027-04-05",
     {"Retail credit scoring"}},
    {"Monitoring runbook and alert routing",
     "document",
     "Which monitors run on which systems, their thresholds, and who is paged for each alert.",
     "2026-09-12",
     "2027-09-12",
     {"Retail credit scoring", "Card fraud detection"}},
    {"Radiant Imaging supplier due-diligence questionnaire",
     "record",
     "Answers on training data provenance, validation and incident notification; due for renewal.",
     "2025-11-10",
     "2026-11-10",
     {"Chest X-ray triage aid"}},
    {"Incident response tabletop exercise report",
     "report",
     "A simulated bias incident in CV screening, from detection to notification, with lessons.",
     "2026-06-12",
     "2027-06-12",
     {"CV screening"}},
};

// One Annex A decision: applicability, implementation, owner, justification, and what shows it.
struct Decision {
  const char* control;
  const char* applicability;
  const char* implementation;
  char owner;  // 'p' Priya (AIMS manager), 't' Tomás (data science), 'a' Ada (platform)
  const char* justification;
  std::vector<const char*> documents = {};
  std::vector<const char*> evidence = {};
  std::vector<const char*> systems = {};
  std::vector<const char*> monitors = {};
};

constexpr const char* kCreditMonitor = "Weekly credit decisions (Retail credit scoring)";

constexpr const char* kPolicyDoc = "Meridian Holdings AI policy";
constexpr const char* kRiskProcedure = "AI risk management procedure";
constexpr const char* kValidation = "Model validation guideline";

const std::vector<Decision>& decisions() {
  static const std::vector<Decision> list = {
      {"A.2.2",
       "applicable",
       "implemented",
       'p',
       "The board expects one policy that frames every AI decision; the EU AI Act duties of a "
       "deployer of high-risk systems make it necessary.",
       {kPolicyDoc},
       {"Executive committee minutes approving the AI policy"}},
      {"A.2.3",
       "applicable",
       "partial",
       'p',
       "The AI policy must not contradict the information security, privacy and model risk "
       "policies; the model risk policy is still being aligned.",
       {kPolicyDoc}},
      {"A.2.4",
       "applicable",
       "implemented",
       'p',
       "A yearly review keeps the policy in step with new systems and the AI Act's dates.",
       {kPolicyDoc}},
      {"A.3.2",
       "applicable",
       "implemented",
       'p',
       "Each AI system needs an accountable owner, and validators independent of builders.",
       {},
       {"AI roles and responsibilities (RACI)"}},
      {"A.3.3", "applicable", "planned", 'p',
       "Staff and customers need a way to raise concerns about AI decisions without fear; the "
       "channel is planned for Q1 2027."},
      {"A.4.2", "applicable", "partial", 'a',
       "The inventory lists models, data and suppliers per system; compute and tooling are not yet "
       "recorded."},
      {"A.4.3", "applicable", "implemented", 't',
       "Credit and hiring decisions depend on personal data whose origin and quality must be "
       "known."},
      {"A.4.4", "applicable", "partial", 't',
       "Model training and monitoring tools shape results and must be known and controlled."},
      {"A.4.5", "applicable", "planned", 'a',
       "Compute for training and serving is shared with other workloads; its capacity risks must "
       "be known."},
      {"A.4.6", "applicable", "partial", 'p',
       "Validators, reviewers and operators need defined competences; the skills matrix is in "
       "progress."},
      {"A.5.2",
       "applicable",
       "partial",
       'p',
       "Three high-risk systems affect people directly; an impact assessment process is required "
       "before deployment and on change.",
       {kRiskProcedure}},
      {"A.5.3", "applicable", "partial", 'p',
       "Impact assessments must be kept and shown to the regulator and affected groups on "
       "request."},
      {"A.5.4", "applicable", "planned", 'p',
       "Credit, hiring and triage decisions can harm individuals and protected groups."},
      {"A.5.5", "applicable", "planned", 'p',
       "Credit access and hiring at Meridian's scale can have effects on communities beyond single "
       "decisions."},
      {"A.6.1.2",
       "applicable",
       "partial",
       't',
       "Development teams need objectives for fairness, robustness and explainability before "
       "they build.",
       {kValidation}},
      {"A.6.1.3",
       "applicable",
       "partial",
       't',
       "Meridian builds its own credit and fraud models; a defined development process is needed.",
       {kValidation}},
      {"A.6.2.2", "applicable", "partial", 't',
       "Requirements, including fairness thresholds, must be set before a model is built or "
       "bought."},
      {"A.6.2.3", "applicable", "partial", 't',
       "Design choices of in-house models must be traceable for validation and audit."},
      {"A.6.2.4",
       "applicable",
       "implemented",
       't',
       "No model may reach production without independent validation against fairness and "
       "accuracy benchmarks.",
       {kValidation},
       {"Retail credit scoring fairness validation, Q3 2026"},
       {"Retail credit scoring"},
       {kCreditMonitor}},
      {"A.6.2.5", "applicable", "partial", 'a',
       "Releases of high-risk systems need a go or no-go decision with the validation results."},
      {"A.6.2.6",
       "applicable",
       "implemented",
       't',
       "Drift and bias in production are the main risks of the credit and fraud models; they are "
       "monitored continuously.",
       {},
       {"Monitoring runbook and alert routing"},
       {"Retail credit scoring", "Card fraud detection"}},
      {"A.6.2.7", "applicable", "planned", 't',
       "High-risk systems need technical documentation a regulator and a deployer can use."},
      {"A.6.2.8", "applicable", "partial", 'a',
       "Decision logs are needed to investigate complaints and incidents and are kept six months "
       "at least."},
      {"A.7.2", "applicable", "partial", 't',
       "Training data decides model behaviour; its management must be defined."},
      {"A.7.3", "applicable", "implemented", 't',
       "Bureau and application data are acquired under contracts and consent that must be "
       "recorded."},
      {"A.7.4",
       "applicable",
       "partial",
       't',
       "Data quality problems (missing values, label errors, under-represented groups) cause "
       "unfair outcomes.",
       {},
       {},
       {"Retail credit scoring"},
       {kCreditMonitor}},
      {"A.7.5", "applicable", "partial", 't',
       "Regulators and auditors ask where training data came from and how it changed."},
      {"A.7.6", "applicable", "planned", 't',
       "Preparation steps such as imputation and rebalancing change outcomes and must be "
       "recorded."},
      {"A.8.2", "applicable", "partial", 'p',
       "Loan officers and radiologists need to know what the systems can and cannot do."},
      {"A.8.3", "applicable", "planned", 'p',
       "Interested parties may ask how Meridian's AI behaves; reporting channels are to be set "
       "up."},
      {"A.8.4",
       "applicable",
       "implemented",
       'p',
       "AI incidents may have to be reported to authorities and customers within fixed deadlines.",
       {},
       {"Incident response tabletop exercise report"}},
      {"A.8.5", "applicable", "partial", 'p',
       "Applicants must be told when AI is used in decisions about them."},
      {"A.9.2",
       "applicable",
       "partial",
       'p',
       "Deployed systems must be used as intended; use is governed through the policy.",
       {kPolicyDoc}},
      {"A.9.3", "applicable", "planned", 'p',
       "Objectives for responsible use (human review rates, override rates) are being defined."},
      {"A.9.4", "applicable", "implemented", 'p',
       "Each system's intended use is recorded in the inventory and checked at release."},
      {"A.10.2", "applicable", "partial", 'p',
       "Suppliers provide models and data; who answers for what must be agreed in contracts."},
      {"A.10.3",
       "applicable",
       "implemented",
       'p',
       "Radiant Imaging and CodeForge supply AI components; their due diligence is required.",
       {},
       {"Radiant Imaging supplier due-diligence questionnaire"},
       {"Chest X-ray triage aid"}},
      {"A.10.4", "applicable", "implemented", 'p',
       "Partner banks receive the credit scoring service; each is given the instructions for use, "
       "acknowledges its deployer obligations and is told of changes and incidents."},
  };
  return list;
}

// Records or other things records refer to (monitors), by their name: the demo's data says names.
Result<std::map<std::string, int64_t>> ids_by_name(store::Database& db, int64_t org,
                                                   const records::ReferenceTarget& d) {
  TRY_ASSIGN(const auto all, records::all_names(db, d, org));
  std::map<std::string, int64_t> out;
  for (const auto& n : all)
    out[n.name] = n.id;
  return out;
}

Result<std::map<std::string, int64_t>> ids_by_name(store::Database& db, int64_t org,
                                                   const records::Description& d) {
  return ids_by_name(db, org, *records::reference_target(d.type));
}

Ids pick(const std::map<std::string, int64_t>& by_name, const std::vector<const char*>& names) {
  Ids out;
  for (const char* n : names) {
    if (const auto it = by_name.find(n); it != by_name.end()) out.push_back(it->second);
  }
  return out;
}

Status add_evidence(store::Database& db, int64_t org, const records::Caller& author,
                    int64_t owner) {
  TRY_ASSIGN(const auto systems, ids_by_name(db, org, inventory::ai_systems()));
  for (const auto& e : kEvidence) {
    Record r;
    r.values = {{"title", std::string(e.title)},
                {"evidence_type", std::string(e.type)},
                {"owner_id", owner},
                {"description", std::string(e.description)},
                {"collected_on", std::string(e.collected)},
                {"valid_until", std::string(e.valid_until)},
                {"system_ids", pick(systems, e.systems)}};
    TRY(records::create(db, controls::evidence(), org, r, author));
  }
  return {};
}

Status decide_all(store::Database& db, int64_t org, const records::Caller& author,
                  const DemoPeople& people) {
  TRY_ASSIGN(const auto entries, ids_by_name(db, org, controls::soa_entries()));
  TRY_ASSIGN(const auto systems, ids_by_name(db, org, inventory::ai_systems()));
  TRY_ASSIGN(const auto documents, ids_by_name(db, org, documents::documents()));
  TRY_ASSIGN(const auto evidence, ids_by_name(db, org, controls::evidence()));
  TRY_ASSIGN(const auto monitors, ids_by_name(db, org, *records::reference_target("monitor")));
  const std::map<char, int64_t> owners = {{'p', people.manager.user_id.value()},
                                          {'t', people.scientist.user_id.value()},
                                          {'a', people.admin.user_id.value()}};
  for (const Decision& d : decisions()) {
    int64_t id = 0;
    for (const auto& [name, entry_id] : entries) {
      if (name.rfind(std::string(d.control) + " ", 0) == 0) id = entry_id;
    }
    TRY_ASSIGN(const Record current, records::get(db, controls::soa_entries(), org, id));
    Record changes;
    changes.values = {{"applicability", std::string(d.applicability)},
                      {"implementation", std::string(d.implementation)},
                      {"owner_id", owners.at(d.owner)},
                      {"justification", std::string(d.justification)},
                      {"document_ids", pick(documents, d.documents)},
                      {"evidence_ids", pick(evidence, d.evidence)},
                      {"system_ids", pick(systems, d.systems)},
                      {"monitor_ids", pick(monitors, d.monitors)},
                      {"last_reviewed", std::string("2026-10-15")},
                      {"next_review", std::string("2027-04-15")}};
    TRY(records::update(db, controls::soa_entries(), org, id, changes, current.version, author));
  }
  return {};
}

Result<Record> submit(store::Database& db, int64_t org, const records::Caller& who,
                      const char* summary) {
  Record r;
  r.values = {{"change_summary", std::string(summary)}};
  return records::create(db, controls::soa_versions(), org, r, who);
}

struct DemoAssessment {
  const char* requirement;
  const char* status;
  const char* notes;
  const char* evidence;  // a title of kEvidence, or empty
};

// Clause requirements no register shows yet, assessed by the AIMS manager by hand (5.3 comes from
// the AIMS roles and their holders).
const DemoAssessment kAssessments[] = {
    {"7.5.1", "partial",
     "The AI policy and the committee's terms of reference are approved in aims; the risk "
     "management procedure is in review, the incident procedure and the model validation "
     "guideline are drafts, and the impact assessment and data management procedures are not "
     "written yet.",
     ""},
};

Status add_assessments(store::Database& db, int64_t org, const records::Caller& author,
                       int64_t assessor) {
  TRY_ASSIGN(const auto evidence, ids_by_name(db, org, controls::evidence()));
  for (const auto& a : kAssessments) {
    Record r;
    r.values = {{"requirement", std::string(a.requirement)},
                {"status", std::string(a.status)},
                {"notes", std::string(a.notes)},
                {"assessor_id", assessor},
                {"assessed_on", std::string("2026-10-20")},
                {"next_review", std::string("2027-04-20")},
                {"evidence_ids", pick(evidence, {a.evidence})}};
    TRY(records::create(db, controls::assessments(), org, r, author));
  }
  return {};
}

}  // namespace

Status seed_demo_controls(store::Database& db, int64_t org, const DemoPeople& people) {
  const auto admin = as(people.admin, auth::Role::admin);
  const auto manager = as(people.manager, auth::Role::aims_manager);
  TRY(add_evidence(db, org, manager, people.manager.user_id.value()));
  TRY(controls::start_soa(db, org, manager));
  TRY(decide_all(db, org, manager, people));
  // Submitted by the AIMS manager, approved by the administrator: the submitter may not.
  TRY_ASSIGN(const Record first,
             submit(db, org, manager, "First Statement of Applicability for the 2027 audit."));
  TRY(records::transition(db, controls::soa_versions(), org, first.id,
                          {"approve", "", {}, first.version}, admin));
  // Later changes, submitted and waiting for the administrator's approval: the model risk
  // standard joins the SoA, and A.3.3 moves on.
  TRY(seed_demo_own_framework(db, org, people));
  TRY_ASSIGN(const auto entries, ids_by_name(db, org, controls::soa_entries()));
  for (const auto& [name, id] : entries) {
    if (name.rfind("A.3.3 ", 0) != 0) continue;
    TRY_ASSIGN(const Record current, records::get(db, controls::soa_entries(), org, id));
    Record changes;
    changes.values = {{"implementation", std::string("implemented")},
                      {"notes", std::string("The public concerns channel is open to staff, "
                                            "customers and anyone else, anonymously if they "
                                            "choose; concerns are triaged within 14 days.")}};
    TRY(records::update(db, controls::soa_entries(), org, id, changes, current.version, manager));
  }
  TRY(submit(db, org, manager,
             "Adds Meridian's model risk standard; A.3.3: the public concerns channel is open."));
  return add_assessments(db, org, manager, people.manager.user_id.value());
}

}  // namespace aims::cli
