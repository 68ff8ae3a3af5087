// The worked example behind `aims demo seed` (private to cli/): who acts, and what each module
// seeds.
#pragma once

#include <map>
#include <string>

#include "records/records.h"
#include "store/database.h"
#include "trail/keys.h"
#include "trail/trail.h"

namespace aims::cli {

// The day `days` after today (before it when negative), "YYYY-MM-DD": demo dates follow the day of
// seeding, so the worked example looks the same whenever it is seeded.
std::string days_from_today(int64_t days);

struct DemoPeople {
  trail::Actor admin;
  trail::Actor manager;
  trail::Actor scientist;
};

using DemoValues = std::map<std::string, records::FieldValue>;

// A new record of `d` with `values`, written as `who`.
Result<records::Record> add(store::Database& db, int64_t org, const records::Description& d,
                            DemoValues values, const records::Caller& who);

// Takes transition `name` of record `id` at its current version as `who`, setting `values`.
Status step(store::Database& db, int64_t org, const records::Description& d, int64_t id,
            const std::string& name, const records::Caller& who, DemoValues values = {},
            const std::string& reason = "");

// The id of the demo's record of register (or reference target) `type` called `name`; not_found
// when the seed has none.
Result<int64_t> id_named(store::Database& db, int64_t org, const std::string& type,
                         const std::string& name);

Status seed_demo_inventory(store::Database& db, int64_t org, const DemoPeople& people);
// The credit system's change requests (a significant retraining, a configuration move); before
// the risk seed, whose impact assessment and risks come after the retraining's approval, and the
// lifecycle seed, whose validation signs the retrained model off.
Status seed_demo_changes(store::Database& db, int64_t org, const DemoPeople& people);
// A webhook with its delivery log; `keys` seal its secret as aims serve will open it (the only
// seed that needs the server's key file).
Status seed_demo_notify(store::Database& db, int64_t org, const DemoPeople& people,
                        const trail::SigningKeys& keys);
// Needs the inventory seeded first.
Status seed_demo_monitoring(store::Database& db, int64_t org, const DemoPeople& people);
// Needs the inventory seeded first (documents refer to its AI systems).
Status seed_demo_documents(store::Database& db, int64_t org, const DemoPeople& people);
// Needs the inventory and documents seeded first (SoA entries cite them).
Status seed_demo_controls(store::Database& db, int64_t org, const DemoPeople& people);
// Meridian's own model risk standard, imported, mapped and in the SoA; called by the controls'
// seed between the first approved version and the second.
Status seed_demo_own_framework(store::Database& db, int64_t org, const DemoPeople& people);
// Risk criteria, risks, treatment actions and impact assessments; needs the inventory and
// monitoring seeded first (risks name AI systems and the credit monitor) and changes the support
// assistant's model, so it runs last.
Status seed_demo_risk(store::Database& db, int64_t org, const DemoPeople& people);
// Context issues, interested parties and their requirements, the communication plan and the
// communications made; needs documents, the SoA and risks seeded first (they are linked by name).
Status seed_demo_context(store::Database& db, int64_t org, const DemoPeople& people);
// AI objectives: one measured from the credit monitor's runs, one by hand, one from the impact
// assessments; needs monitoring, documents and risk (its impact assessments) seeded first.
Status seed_demo_objectives(store::Database& db, int64_t org, const DemoPeople& people);
// The AI governance committee with its meetings, decisions and holds, and the credit model's RACI;
// needs the inventory and documents seeded first (decisions name AI systems, the committee its
// terms of reference).
Status seed_demo_leadership(store::Database& db, int64_t org, const DemoPeople& people);
// AIMS roles and their holders, competences, courses and training records (the executive
// sponsor, cfo@, appoints the AIMS manager); needs the people only.
Status seed_demo_roles(store::Database& db, int64_t org, const DemoPeople& people);
// The executive sponsor's role marked as top management, a management review held last month with
// its frozen input pack, approved minutes and three decisions as actions, and the next review
// planned; runs last, so the pack reads every other module's records.
Status seed_demo_review(store::Database& db, int64_t org, const DemoPeople& people);

// Nonconformities and corrective actions: an internal audit finding awaiting its effectiveness
// check, and one raised from a support assistant incident and closed; needs the inventory and the
// risks seeded first (they are linked by name).
Status seed_demo_improvement(store::Database& db, int64_t org, const DemoPeople& people);
// The concerns channel with an anonymous concern triaged into a risk, and the monitor's credit
// incident owned and reported to the authority (its Art. 73 clock stopped); needs the inventory
// and monitoring seeded first.
Status seed_demo_concerns(store::Database& db, int64_t org, const DemoPeople& people);

// The internal audit programme, a reported audit of the credit model's lifecycle (its minor
// finding linked to the improvement demo's nonconformity) and a planned audit of the clauses;
// needs documents, the SoA, its evidence and the improvement demo seeded first.
Status seed_demo_internal_audit(store::Database& db, int64_t org, const DemoPeople& people);
// Supplier due diligence: relationship owners and criticality on the suppliers, assessments (one
// approved with a condition, one awaiting a decision), the fraud API's monthly evaluations and exit
// plan, and incidents that name a supplier; needs the inventory seeded first.
Status seed_demo_suppliers(store::Database& db, int64_t org, const DemoPeople& people);

// Customers, customer notices and responsibilities: a partner bank receiving the credit scoring
// service and notified of its incident, and the duties of two AI systems split between Meridian,
// the bank and a supplier; needs the inventory, documents and the concerns demo (its credit
// incident) seeded first.
Status seed_demo_customers(store::Database& db, int64_t org, const DemoPeople& people);

// Tools, compute resources and the event-log requirements of the systems in operation; needs the
// inventory and monitoring seeded first (they are linked by name).
Status seed_demo_resources(store::Database& db, int64_t org, const DemoPeople& people);
// The year's resource plan, approved by the executive sponsor at the management review; runs
// after the review's seed, which makes his AIMS role top management and holds the review.
Status seed_demo_resource_plan(store::Database& db, int64_t org, const DemoPeople& people);

// Dataset versions of the credit model's data with hashes aims computed, their lineage, how they
// were prepared, rights reviews (one approved, one awaiting approval) and the credit model linked
// to what it was trained, validated and tested on; needs the inventory seeded first.
Status seed_demo_data(store::Database& db, int64_t org, const DemoPeople& people);

// Data-quality requirements on the credit system's training data and a stored run over a generated
// extract that finds applicants aged 65+ under-represented; needs the inventory seeded first.
Status seed_demo_data_quality(store::Database& db, int64_t org, const DemoPeople& people);
// Requirements of the credit system with acceptance criteria, agreed by the AIMS manager, and the
// validation of its model before release: a run that failed approval parity on an extract with the
// bureau's income defect, a passing run with its robustness pair, signed off; needs the inventory
// and monitoring seeded first.
Status seed_demo_lifecycle(store::Database& db, int64_t org, const DemoPeople& people);

// `rows` credit decisions of the week from `week_start` as the credit monitor reads them
// (application_id, decided_at, sex, age_band, employment, income, debt_to_income, loan_amount,
// score, approved, repaid), ids from `first_id`; `feed_change` is the share of women whose income
// arrives halved. The same seed gives the same log.
std::string credit_decisions_log(uint64_t seed, const char* week_start, int rows,
                                 double feed_change, int first_id);

// Retention rules, a legal hold on the support assistant's fee incident and its records, and one
// executed disposal of an expired hiring extract; needs the inventory and the improvement demo
// seeded first (the hold names their records).
Status seed_demo_retention(store::Database& db, int64_t org, const DemoPeople& people);

// The credit system's approved instructions for use with its public transparency page (the link
// printed); needs the inventory, monitoring and concerns seeded first.
Status seed_demo_sysdocs(store::Database& db, int64_t org, const DemoPeople& people);
// The credit system's technical file, approved, and CV screening's draft with its design choices
// left unwritten (demo_sysdocs.cpp); the lifecycle seed calls it once the credit model's validation
// is signed off, so the file is complete and current when the deployment gate is checked.
Status seed_demo_technical_files(store::Database& db, int64_t org, const DemoPeople& people);
// The credit system's oversight plan and two weeks of its review queue (demo_oversight.cpp).
Status seed_demo_oversight(store::Database& db, int64_t org, const DemoPeople& people);

}  // namespace aims::cli
