// Customers and the split of responsibilities for `aims demo seed`: Harbour Cooperative Bank
// receives Meridian's credit scoring as a service with its instructions for use and acknowledged
// deployer obligations, the notices sent to it (a model change, the fairness incident), the
// credit system's duties split between Meridian as provider and the bank as deployer, and the
// chest X-ray triage aid's split between Meridian as deployer and Radiant as its provider.
#include "cli/demo.h"
#include "customers/customers.h"
#include "documents/documents.h"
#include "improvement/improvement.h"
#include "inventory/inventory.h"
#include "records/records.h"

namespace aims::cli {
namespace {

using records::Record;
using namespace std::string_literals;

struct Allocation {
  const char* duty;
  const char* how_met;
  const char* status = "agreed";
};

// Meridian as provider of the credit system: who answers and how, duty by duty.
const Allocation kCreditProvider[] = {
    {"art_9",
     "The AI risk management procedure runs for the system; its risks are reviewed each quarter."},
    {"art_10",
     "Training data is drawn from the 2019-2025 applications and bureau attributes, checked for "
     "gaps and bias by group before each retraining."},
    {"art_11",
     "The technical file (model card, validation report, architecture) is kept with each released "
     "model version."},
    {"art_12", "Every score is logged with its inputs, model version and the officer's decision."},
    {"art_13", "The instructions for use are issued to each bank with every model version."},
    {"art_14",
     "Referral bands and the override screen let a credit officer decide every case the model is "
     "unsure of."},
    {"art_15",
     "Accuracy and calibration are checked at release and monthly by the credit monitor; the "
     "scoring API is penetration-tested yearly."},
    {"art_17", "The AIMS (ISO/IEC 42001) serves as the quality management system."},
    {"art_18",
     "Technical documentation is kept for ten years after the last version is withdrawn."},
    {"art_19", "Scoring logs under Meridian's control are kept for seven years."},
    {"art_43",
     "Internal control (Annex VI) before each major version, signed off by the model risk "
     "committee."},
    {"art_47", "The EU declaration of conformity is drawn up and updated for each major version."},
    {"art_48", "The CE marking is shown in the service's documentation and API portal."},
    {"art_49", "The system is registered in the EU database before each major version goes live."},
    {"art_72",
     "The post-market monitoring plan combines the credit monitor's monthly runs with the banks' "
     "override reports."},
    {"art_73",
     "Serious incidents are reported to the market surveillance authority within the Art. 73 "
     "deadlines by the AIMS manager."},
};

// The bank's own duties as deployer, acknowledged in its service contract.
const Allocation kCreditDeployer[] = {
    {"art_26_2",
     "Credit officers trained by the bank decide every referral and may override any score."},
    {"art_26_6",
     "The bank keeps the decision logs it receives for at least six months, in practice five "
     "years."},
    {"art_26_11",
     "Applicants are told in the loan application that an AI system supports the decision."},
    {"art_27",
     "The bank carried out its fundamental rights impact assessment before first use (Annex III "
     "point 5(b))."},
};

// Meridian as deployer of Radiant's CE-marked software.
const Allocation kTriageDeployer[] = {
    {"art_26_1",
     "Used only for adult chest X-rays at the two imaging sites, as the instructions allow."},
    {"art_26_2", "Radiologists read every image; the aid only changes the reading order."},
    {"art_26_4", "Only images from the validated scanner models are sent to the aid."},
    {"art_26_5", "Missed urgent findings are reviewed weekly and reported to Radiant."},
    {"art_26_6", "The aid's logs are kept for twelve months in the imaging archive."},
    {"art_26_7", "Radiographers and radiologists were briefed before go-live."},
    {"art_26_11",
     "Patients are told in the imaging leaflet that software helps prioritise reading."},
    {"art_27",
     "Not a public body and not an Annex III point 5(b) or (c) use: no assessment is required.",
     "not_applicable"},
};

// The support assistant's transparency duties as deployer do not fit a chat assistant; telling
// customers they talk to an AI is Meridian's own undertaking on top.
const Allocation kAssistantDeployer[] = {
    {"art_50_3", "The assistant recognises no emotions and categorises nobody biometrically.",
     "not_applicable"},
    {"art_50_4",
     "Replies answer one customer's question; nothing is published on matters of public "
     "interest and no image, audio or video is generated.",
     "not_applicable"},
};
const Allocation kAssistantOwn[] = {
    {"art_50_1",
     "The chat window opens with \"You are chatting with Meridian's AI assistant\" and "
     "offers a person at any time."},
};

// Radiant as provider: what its contract and CE file cover.
const Allocation kTriageProvider[] = {
    {"art_9", "Radiant's risk management file under ISO 14971, summarised for Meridian yearly."},
    {"art_11", "Technical documentation held by Radiant and its notified body."},
    {"art_13", "Radiant's instructions for use, version 1.8."},
    {"art_43", "Conformity assessed with the notified body under the MDR."},
    {"art_72", "Radiant's post-market surveillance, fed by Meridian's reports."},
    {"art_73", "Radiant reports serious incidents; Meridian informs Radiant within 24 hours."},
};

const char kInstructions[] = R"(# Retail credit scoring: instructions for use

**Intended purpose.** Scores retail loan applications of natural persons and recommends approve,
refer or decline. A credit officer decides every referral and may override any recommendation.

**Not for.** Fraud detection, business lending, or applicants under 18.

**Performance.** Accuracy and calibration by applicant group are published with each model
version; expect weaker performance for thin credit files, which are always referred.

**Human oversight.** Officers must be trained on the referral bands and the override screen.

**Logs.** Every score is returned with its log record; keep them at least six months.
)";

records::Caller as(const trail::Actor& actor, auth::Role role) {
  return {actor, actor.user_id, role};
}

Result<Record> add(store::Database& db, int64_t org, const records::Description& d,
                   const records::Caller& who, std::map<std::string, records::FieldValue> values) {
  Record r;
  r.values = std::move(values);
  return records::create(db, d, org, r, who);
}

// Written by the system's owner and approved by the AIMS manager, so the bank got a published
// version.
Result<int64_t> publish_instructions(store::Database& db, int64_t org, const DemoPeople& people,
                                     int64_t credit) {
  const auto scientist = as(people.scientist, auth::Role::contributor);
  const auto manager = as(people.manager, auth::Role::aims_manager);
  TRY_ASSIGN(const Record doc, add(db, org, documents::documents(), scientist,
                                   {{"title", "Retail credit scoring: instructions for use"s},
                                    {"document_type", "guideline"s},
                                    {"owner_id", people.scientist.user_id.value()},
                                    {"body", std::string(kInstructions)},
                                    {"effective_date", days_from_today(-150)},
                                    {"review_interval_months", int64_t(12)},
                                    {"system_ids", records::Ids{credit}}}));
  Record submit;
  submit.values["approver_id"] = people.manager.user_id.value();
  TRY(records::transition(
      db, documents::documents(), org, doc.id,
      {"submit", "Issued to partner banks with model version 4", submit, doc.version}, scientist));
  TRY_ASSIGN(const Record reviewed, records::get(db, documents::documents(), org, doc.id));
  TRY(records::transition(
      db, documents::documents(), org, doc.id,
      {"approve", "Matches the validated model and the oversight design", {}, reviewed.version},
      manager));
  return doc.id;
}

// The system's default duties, each then given to `party` as the table says; duties the table
// leaves out stay as the defaults made them.
Status allocate(store::Database& db, int64_t org, const records::Caller& who, int64_t system,
                const std::vector<Allocation>& table,
                std::map<std::string, records::FieldValue> party) {
  TRY(customers::add_default_responsibilities(db, org, system, who));
  TRY_ASSIGN(const auto listed,
             records::list_all(db, customers::responsibilities(), org,
                               {.filters = {{"system_id", std::to_string(system)}}}));
  for (const auto& a : table)
    for (const auto& r : listed) {
      if (r.text("duty") != a.duty) continue;
      Record changes;
      changes.values = party;
      changes.values["how_met"] = std::string(a.how_met);
      changes.values["status"] = std::string(a.status);
      TRY(records::update(db, customers::responsibilities(), org, r.id, changes, r.version, who));
    }
  return {};
}

// Duties carried by another party than the system's role: new records, agreed.
Status add_for(store::Database& db, int64_t org, const records::Caller& who, int64_t system,
               const std::vector<Allocation>& table,
               const std::map<std::string, records::FieldValue>& party) {
  for (const auto& a : table) {
    auto values = party;
    values["system_id"] = system;
    values["duty"] = std::string(a.duty);
    values["how_met"] = std::string(a.how_met);
    values["status"] = std::string(a.status);
    TRY(add(db, org, customers::responsibilities(), who, values));
  }
  return {};
}

}  // namespace

Status seed_demo_customers(store::Database& db, int64_t org, const DemoPeople& people) {
  const auto manager = as(people.manager, auth::Role::aims_manager);
  const int64_t priya = people.manager.user_id.value(), tomas = people.scientist.user_id.value();
  TRY_ASSIGN(const int64_t credit, id_named(db, org, "ai_system", "Retail credit scoring"));
  TRY_ASSIGN(const int64_t triage, id_named(db, org, "ai_system", "Chest X-ray triage aid"));
  TRY_ASSIGN(const int64_t radiant, id_named(db, org, "supplier", "Radiant Imaging Systems"));
  TRY_ASSIGN(const int64_t instructions, publish_instructions(db, org, people, credit));

  TRY_ASSIGN(
      const Record bank,
      add(db, org, customers::customers(), manager,
          {{"name", "Harbour Cooperative Bank"s},
           {"kind", "business"s},
           {"contact", "Ines Alvarez, Head of Credit Risk (ai-governance@harbour-coop.example)"s},
           {"contract_reference", "MSA-2025-014, schedule 3: credit decisioning service"s},
           {"owner_id", priya},
           {"system_ids", records::Ids{credit}},
           {"information_received",
            "The instructions for use, the model's accuracy and calibration by applicant group, "
            "the referral bands, and a half-day training for its credit officers."s},
           {"document_ids", records::Ids{instructions}},
           {"obligations_acknowledged",
            "Use the scores only for retail credit decisions as instructed; have trained officers "
            "decide referrals; keep decision logs at least six months; tell applicants AI "
            "supports the decision; carry out its fundamental rights impact assessment; report "
            "suspected serious incidents to Meridian within 24 hours."s},
           {"acknowledged_on", days_from_today(-120)},
           {"acknowledged_by", "Ines Alvarez, Head of Credit Risk"s},
           {"next_review", days_from_today(245)}}));

  TRY(add(db, org, customers::customer_notices(), manager,
          {{"title", "Retail PD model version 4 replaces version 3"s},
           {"customer_ids", records::Ids{bank.id}},
           {"kind", "system_change"s},
           {"system_id", credit},
           {"content",
            "From next month the service scores with version 4 of the PD model, retrained on "
            "2019-2025 applications. Approval rates move by less than one point; thin-file "
            "applicants are still referred. The updated instructions for use are attached to "
            "your portal."s},
           {"sent_at", days_from_today(-30) + "T09:00:00.000000Z"},
           {"sent_by_id", tomas},
           {"channel", "portal"s},
           {"acknowledged_on", days_from_today(-27)}}));
  TRY_ASSIGN(const auto incidents,
             records::list_all(db, improvement::incidents(), org,
                               {.filters = {{"system_id", std::to_string(credit)}}}));
  for (const auto& incident : incidents)
    TRY(add(db, org, customers::customer_notices(), manager,
            {{"title", "Fairness incident in the credit scoring service"s},
             {"customer_ids", records::Ids{bank.id}},
             {"kind", "incident"s},
             {"system_id", credit},
             {"incident_id", incident.id},
             {"content",
              "The credit monitor found approval rates diverging between applicant groups beyond "
              "our threshold. Until the model is corrected, refer every decline in the affected "
              "band to a credit officer. We reported the incident to the market surveillance "
              "authority."s},
             {"sent_at", days_from_today(-2) + "T15:30:00.000000Z"},
             {"sent_by_id", priya},
             {"channel", "email"s}}));

  TRY(allocate(db, org, manager, credit, {std::begin(kCreditProvider), std::end(kCreditProvider)},
               {{"party", "organisation"s}, {"accountable_id", tomas}}));
  TRY(add_for(db, org, manager, credit, {std::begin(kCreditDeployer), std::end(kCreditDeployer)},
              {{"party", "customer"s}, {"customer_id", bank.id}}));
  TRY(allocate(db, org, manager, triage, {std::begin(kTriageDeployer), std::end(kTriageDeployer)},
               {{"party", "organisation"s}, {"accountable_id", priya}}));
  TRY_ASSIGN(const int64_t assistant, id_named(db, org, "ai_system", "Customer support assistant"));
  TRY(allocate(db, org, manager, assistant,
               {std::begin(kAssistantDeployer), std::end(kAssistantDeployer)},
               {{"party", "organisation"s}, {"accountable_id", priya}}));
  TRY(add_for(db, org, manager, assistant, {std::begin(kAssistantOwn), std::end(kAssistantOwn)},
              {{"party", "organisation"s}, {"accountable_id", priya}}));
  return add_for(db, org, manager, triage, {std::begin(kTriageProvider), std::end(kTriageProvider)},
                 {{"party", "supplier"s}, {"supplier_id", radiant}});
}

}  // namespace aims::cli
