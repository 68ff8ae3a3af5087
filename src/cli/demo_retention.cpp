// Retention for `aims demo seed`: Meridian's retention rules (a provider's technical documentation
// for 10 years under Art. 18, evidence for 7 years, incident records with their log extracts past
// the deployer's 6 months, datasets as each one's retention says), a legal hold on the support
// assistant's fee incident while the customer's complaint is open, and the disposal of a legacy
// hiring extract whose 3 years ran out: asked by the data scientist, approved by the AIMS manager,
// executed, leaving a tombstone and an audit trail that still verifies.
#include "base/time.h"
#include "cli/demo.h"
#include "inventory/inventory.h"
#include "records/backdated.h"
#include "records/records.h"
#include "retention/retention.h"

namespace aims::cli {
namespace {

using records::Caller;
using records::FieldValue;
using records::Record;
using Values = std::map<std::string, FieldValue>;
using namespace std::string_literals;

constexpr const char* kExpiredDataset = "Hiring decisions 2019-2021 (legacy ATS extract)";

Status add_rule(store::Database& db, int64_t org, const Caller& who, const char* title,
                const char* type, const char* role, int64_t months, const char* from,
                const char* basis, const char* end) {
  TRY(add(db, org, retention::rules(),
          {{"title", std::string(title)},
           {"record_type", std::string(type)},
           {"ai_act_role", std::string(role)},
           {"period_years", months / 12},
           {"period_months", months % 12},
           {"starts_from", std::string(from)},
           {"basis", std::string(basis)},
           {"end_action", std::string(end)},
           {"owner_id", who.user_id.value()}},
          who));
  return {};
}

Status add_rules(store::Database& db, int64_t org, const Caller& manager) {
  using retention::kFromArchived;
  using retention::kFromCreated;
  TRY(add_rule(db, org, manager, "AI systems: technical documentation 10 years after retirement",
               "ai_system", "provider", 120, kFromArchived,
               "EU AI Act Art. 18(1): a provider keeps the technical documentation, the quality "
               "management documentation and the EU declaration of conformity for 10 years after "
               "the high-risk system is placed on the market or put into service; Meridian counts "
               "from the system's retirement.",
               "review"));
  TRY(add_rule(db, org, manager, "Controlled documents: 10 years after withdrawal", "document",
               "any", 120, kFromArchived,
               "ISO/IEC 42001 clause 7.5.3 and Art. 18: policies and procedures that applied to a "
               "high-risk system are kept as long as its technical documentation.",
               "review"));
  TRY(add_rule(db, org, manager, "Evidence: 7 years", "evidence", "any", 84, kFromCreated,
               "Meridian's records policy: audit evidence is kept for two certification cycles "
               "(6 years) plus one year for the last audit's follow-up.",
               "dispose"));
  TRY(add_rule(db, org, manager, "Incidents and their log extracts: 5 years after closing",
               "incident", "deployer", 60, kFromArchived,
               "EU AI Act Art. 26(6) and 19: a deployer keeps the logs a high-risk system "
               "generates for at least 6 months; Meridian keeps the extracts attached to an "
               "incident with it, for 5 years, for the supervisory authority.",
               "dispose"));
  TRY(add_rule(db, org, manager, "Hiring datasets: 3 years after the hiring decision", "dataset",
               "deployer", 36, kFromCreated,
               "The datasets' own retention (3 years after the hiring decision): GDPR Art. 5(1)(e) "
               "storage limitation and the limitation period for discrimination claims.",
               "dispose"));
  return {};
}

// The legacy extract was loaded in early 2022; its 3 years ran out in early 2025.
Result<int64_t> expired_dataset(store::Database& db, int64_t org, const Caller& scientist) {
  TRY_ASSIGN(
      const Record created,
      records::create_backdated(db, inventory::datasets(), org, scientist,
                                {{"name", std::string(kExpiredDataset)},
                                 {"source", "Applicant tracking system (export of March 2022)"s},
                                 {"personal_data", true},
                                 {"consent_status", "other_basis"s},
                                 {"sensitive_attributes", std::vector<std::string>{"sex", "age"}},
                                 {"record_count", int64_t{21400}},
                                 {"retention", "3 years after the hiring decision"s},
                                 {"disposal_date", days_from_today(-300)},
                                 {"steward_id", scientist.user_id.value()}},
                                1400));
  return created.id;
}

Result<int64_t> rule_named(store::Database& db, int64_t org, const std::string& title) {
  return id_named(db, org, "retention_rule", title);
}

// Asked by the data scientist who stewards it, approved by the AIMS manager, executed by the
// manager: the record's content goes, its tombstone and the trail's disposal event stay.
Status dispose_expired(store::Database& db, int64_t org, const Caller& scientist,
                       const Caller& manager) {
  TRY_ASSIGN(const int64_t dataset, expired_dataset(db, org, scientist));
  TRY_ASSIGN(const int64_t rule,
             rule_named(db, org, "Hiring datasets: 3 years after the hiring decision"));
  TRY_ASSIGN(const Record asked,
             add(db, org, retention::disposals(),
                 {{"record_type", "dataset"s},
                  {"record_id", dataset},
                  {"rule_id", rule},
                  {"reason",
                   "Its 3 years ran out; the hiring screener was retrained on the 2022-2024 "
                   "decisions and no claim or request names these applicants."s},
                  {"requested_by_id", scientist.user_id.value()}},
                 scientist));
  for (const char* step : {"approve", "execute"}) {
    TRY_ASSIGN(const Record current, records::get(db, retention::disposals(), org, asked.id));
    TRY(records::transition(db, retention::disposals(), org, asked.id,
                            {step, "", {}, current.version}, manager));
  }
  return {};
}

// The customer who was quoted the withdrawn fee complained to the ombudsman: the incident, its
// nonconformity and the transcripts stay until the complaint is closed.
Status hold_fee_complaint(store::Database& db, int64_t org, const Caller& manager) {
  TRY_ASSIGN(const Record hold,
             add(db, org, retention::holds(),
                 {{"title", "Ombudsman complaint FOS-2026-0412 (withdrawn overdraft fee)"s},
                  {"reason",
                   "A customer told the old overdraft fee by the support assistant complained to "
                   "the financial ombudsman; the incident, its nonconformity and the support "
                   "transcripts are evidence until the complaint is closed."s},
                  {"placed_by_id", manager.user_id.value()},
                  {"placed_on", now_timestamp().substr(0, 10)}},
                 manager));
  const std::string title = "Support assistant quoted the withdrawn overdraft fee";
  TRY_ASSIGN(const int64_t incident, id_named(db, org, "incident", title));
  TRY_ASSIGN(const int64_t nc, id_named(db, org, "nonconformity", title));
  TRY_ASSIGN(const int64_t transcripts,
             id_named(db, org, "dataset", "Customer support transcripts 2024"));
  TRY(retention::hold_record(db, org, hold.id, "incident", incident, manager));
  TRY(retention::hold_record(db, org, hold.id, "nonconformity", nc, manager));
  TRY(retention::hold_record(db, org, hold.id, "dataset", transcripts, manager));
  return {};
}

}  // namespace

Status seed_demo_retention(store::Database& db, int64_t org, const DemoPeople& people) {
  const Caller manager{people.manager, people.manager.user_id, auth::Role::aims_manager};
  const Caller scientist{people.scientist, people.scientist.user_id, auth::Role::contributor};
  TRY(add_rules(db, org, manager));
  TRY(hold_fee_complaint(db, org, manager));
  TRY(dispose_expired(db, org, scientist, manager));
  return {};
}

}  // namespace aims::cli
