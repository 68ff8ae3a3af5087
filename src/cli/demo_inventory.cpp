// The Meridian Holdings inventory for `aims demo seed`: suppliers, datasets, models and AI systems
// a compliance team would recognise, created through the inventory module like any user would.
#include "cli/demo.h"
#include "inventory/inventory.h"
#include "records/records.h"

namespace aims::cli {
namespace {

using records::FieldValue;
using records::Record;
using Values = std::map<std::string, FieldValue>;
using List = std::vector<std::string>;

std::string text(const char* s) {
  return s;
}

records::Caller as(const trail::Actor& actor) {
  return {actor, actor.user_id, std::nullopt};
}

// References go in as lists of ids, as the API takes them.
Result<int64_t> add(store::Database& db, int64_t org, const records::Description& d, Values values,
                    const trail::Actor& actor,
                    std::map<std::string, std::vector<int64_t>> links = {}) {
  Record r;
  r.values = std::move(values);
  for (auto& [key, ids] : links)
    r.values[key] = records::Ids(std::move(ids));
  TRY_ASSIGN(const Record created, records::create(db, d, org, r, as(actor)));
  return created.id;
}

}  // namespace

Status seed_demo_inventory(store::Database& db, int64_t org, const DemoPeople& people) {
  const trail::Actor& manager = people.manager;
  const trail::Actor& scientist = people.scientist;
  std::map<std::string, int64_t> id;
  auto keep = [&](const std::string& name, Result<int64_t> r) -> Status {
    if (!r) return Error{r.error().code, name + ": " + r.error().message, r.error().field};
    id[name] = *r;
    return {};
  };

  // ---- suppliers ----
  struct SupplierSpec {
    const char* name;
    const char* provides;
    const char* what;
    bool data_use, change_notice, incident_notice;
    const char* status;
    const char* last;
    const char* next;
    const char* contact;
  };
  const SupplierSpec suppliers[] = {
      {"Northstar AI", "model_api",
       "Hosted large language model used by the customer support assistant.", true, true, false,
       "approved_with_conditions", "2026-06-15", "2027-06-15", "trust@northstar-ai.example"},
      {"Sentinel Fraud Analytics", "service",
       "Card-fraud scoring API, called for every card authorisation.", true, true, true, "approved",
       "2026-02-01", "2027-02-01", "compliance@sentinel.example"},
      {"TalentLens", "platform", "CV screening and candidate ranking SaaS used by recruitment.",
       true, true, false, "in_progress", "2025-11-01", "2026-11-30", "dpo@talentlens.example"},
      {"Radiant Imaging Systems", "model_api",
       "CE-marked chest X-ray triage software (MDR class IIa).", true, true, true, "approved",
       "2026-04-20", "2027-04-20", "regulatory@radiant.example"},
      {"CodeForge", "model_api", "Code completion model for the engineering department.", true,
       false, false, "approved", "2026-01-10", "2027-01-10", "security@codeforge.example"},
      {"Atlas Credit Bureau", "data", "Credit bureau attributes for retail applicants.", true, true,
       true, "approved", "2026-03-05", "2027-03-05", "partners@atlas-bureau.example"},
  };
  for (const auto& s : suppliers) {
    if (Status st = keep(s.name, add(db, org, inventory::suppliers(),
                                     {{"name", text(s.name)},
                                      {"provides", text(s.provides)},
                                      {"description", text(s.what)},
                                      {"clause_data_use", s.data_use},
                                      {"clause_change_notice", s.change_notice},
                                      {"clause_incident_notice", s.incident_notice},
                                      {"assessment_status", text(s.status)},
                                      {"last_review", text(s.last)},
                                      {"next_review", text(s.next)},
                                      {"contact_email", text(s.contact)}},
                                     manager));
        !st) {
      return st;
    }
  }

  // ---- datasets ----
  struct DatasetSpec {
    const char* name;
    const char* source;
    const char* consent;
    List sensitive;
    int64_t records;
    const char* retention;
    const char* coverage;
  };
  const DatasetSpec datasets[] = {
      {"Retail loan applications 2019-2025",
       "Core banking system (loan origination)",
       "other_basis",
       {"age", "sex", "marital status"},
       1240000,
       "7 years after the account closes",
       "Applicants over 70 and under 21 are under-represented (2% and 3%)."},
      {"Credit bureau attributes",
       "Atlas Credit Bureau",
       "other_basis",
       {"age"},
       1240000,
       "For the life of the contract",
       "Thin-file applicants have mostly empty attributes."},
      {"Customer support transcripts 2024",
       "Support platform exports",
       "obtained",
       {},
       310000,
       "2 years, then deleted",
       "Mostly English and German; few French transcripts."},
      {"Chest X-ray triage validation set",
       "Partner hospital PACS (pseudonymised)",
       "obtained",
       {"age", "sex"},
       48000,
       "10 years (medical device file)",
       "Adults only; paediatric images excluded by design."},
      {"Historical hiring decisions 2018-2024",
       "Applicant tracking system",
       "other_basis",
       {"sex", "age", "nationality"},
       86500,
       "3 years after the hiring decision",
       "Engineering roles skew male (78%)."},
  };
  for (const auto& d : datasets) {
    if (Status st = keep(
            d.name, add(db, org, inventory::datasets(),
                        {{"name", text(d.name)},
                         {"source", text(d.source)},
                         {"personal_data", true},
                         {"consent_status", text(d.consent)},
                         {"sensitive_attributes", d.sensitive},
                         {"record_count", d.records},
                         {"retention", text(d.retention)},
                         {"demographic_coverage", text(d.coverage)},
                         {"steward_id", people.scientist.user_id.value_or(0)},
                         {"quality_checks", text("Missing values, duplicates and label consistency "
                                                 "checked at each refresh.")}},
                        scientist));
        !st) {
      return st;
    }
  }

  // ---- models ----
  if (Status st = keep(
          "Retail PD model",
          add(db, org, inventory::models(),
              {{"name", text("Retail PD model")},
               {"model_version", text("3.2.0")},
               {"model_type", text("classifier")},
               {"provider", text("in_house")},
               {"intended_use",
                text("Probability of default for retail loan applications up to EUR 75,000.")},
               {"limitations",
                text("Not validated for business loans or applicants without a credit history.")},
               {"evaluation_summary",
                text("AUC 0.81 and Brier 0.071 on the 2025 hold-out; calibration "
                     "reviewed monthly.")},
               {"model_card.modelParameters.approach.type", text("supervised")},
               {"model_card.modelParameters.task", text("binary classification")},
               {"model_card.modelParameters.architectureFamily",
                text("gradient-boosted decision trees")},
               {"model_card.modelParameters.modelArchitecture",
                text("XGBoost 1.7, 400 trees, depth 6")},
               {"model_card.considerations.users", List{"credit officers"}},
               {"model_card.considerations.useCases", List{"retail loan approval"}},
               {"model_card.considerations.technicalLimitations",
                List{"degrades for thin-file applicants"}},
               {"artefact_location", text("s3://meridian-models/retail-pd/3.2.0/model.json")},
               {"artefact_sha256",
                text("9f2c4e1b7a8d6c5e3f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e")}},
              scientist,
              {{"dataset_ids",
                {id["Retail loan applications 2019-2025"], id["Credit bureau attributes"]}}}));
      !st) {
    return st;
  }
  struct VendorModel {
    const char* name;
    const char* version;
    const char* type;
    const char* supplier;
    const char* use;
  };
  const VendorModel vendor_models[] = {
      {"Northstar Assist", "2026-03", "generative", "Northstar AI",
       "Drafting answers to customer questions."},
      {"Sentinel FraudScore", "5.1", "classifier", "Sentinel Fraud Analytics",
       "Scoring card transactions for fraud."},
      {"TalentLens Ranker", "2.4", "ranking", "TalentLens",
       "Ranking applicants against a job profile."},
      {"Radiant ChestTriage", "1.8", "classifier", "Radiant Imaging Systems",
       "Flagging urgent findings on chest X-rays."},
      {"CodeForge Completion", "7", "generative", "CodeForge", "Suggesting code to developers."},
  };
  for (const auto& m : vendor_models) {
    if (Status st = keep(m.name, add(db, org, inventory::models(),
                                     {{"name", text(m.name)},
                                      {"model_version", text(m.version)},
                                      {"model_type", text(m.type)},
                                      {"provider", text("supplier")},
                                      {"supplier_id", id[m.supplier]},
                                      {"intended_use", text(m.use)}},
                                     manager));
        !st) {
      return st;
    }
  }

  // ---- AI systems ----
  struct SystemSpec {
    const char* name;
    const char* purpose;
    const char* role;
    const char* unit;
    int64_t owner;
    const char* stage;
    const char* automation;
    const char* eu_class;
    const char* area;
    const char* product;
    const char* rationale;
    const char* tier;
    bool customers, employees, public_, vulnerable;
    const char* deployed;
    List tags;
    std::vector<const char*> models, data, vendors;
    const char* oversight;
  };
  const int64_t tomas = people.scientist.user_id.value_or(0),
                priya = people.manager.user_id.value_or(0), ada = people.admin.user_id.value_or(0);
  const SystemSpec systems[] = {
      {"Retail credit scoring",
       "Scores retail loan applications and recommends approve, refer or decline.",
       "provider",
       "Retail Banking",
       tomas,
       "operation_monitoring",
       "human_in_the_loop",
       "high_risk",
       "essential_services",
       "",
       "Evaluates the creditworthiness of natural persons (Annex III point 5(b)); it is not used "
       "for fraud detection.",
       "critical",
       true,
       false,
       false,
       false,
       "2024-03-18",
       {"credit", "retail"},
       {"Retail PD model"},
       {"Retail loan applications 2019-2025", "Credit bureau attributes"},
       {"Atlas Credit Bureau"},
       "Credit officers decide every referral and may override any recommendation; declines above "
       "EUR 20,000 are "
       "reviewed by a second officer."},
      {"Customer support assistant",
       "Answers customer questions in chat and drafts replies for agents.",
       "deployer",
       "Customer Service",
       priya,
       "operation_monitoring",
       "human_on_the_loop",
       "transparency",
       "",
       "",
       "Interacts directly with customers, who must be told they are talking to an AI (Art. "
       "50(1)).",
       "medium",
       true,
       false,
       false,
       false,
       "2025-09-01",
       {"llm", "chat"},
       {"Northstar Assist"},
       {"Customer support transcripts 2024"},
       {"Northstar AI"},
       "Agents supervise the queue and take over any conversation on request or escalation."},
      {"Card fraud detection",
       "Blocks or challenges card transactions that look fraudulent.",
       "deployer",
       "Payments",
       priya,
       "operation_monitoring",
       "human_on_the_loop",
       "minimal",
       "",
       "",
       "Fraud detection is expressly excluded from Annex III point 5(b); no other Annex III use.",
       "high",
       true,
       false,
       false,
       false,
       "2023-11-06",
       {"fraud", "payments"},
       {"Sentinel FraudScore"},
       {},
       {"Sentinel Fraud Analytics"},
       "The fraud team reviews blocked transactions within 2 hours; customers can confirm by app."},
      {"CV screening",
       "Ranks job applicants for recruiters and flags applications that miss hard requirements.",
       "deployer",
       "Human Resources",
       priya,
       "verification_validation",
       "human_in_the_loop",
       "high_risk",
       "employment",
       "",
       "Used for the recruitment and selection of natural persons (Annex III point 4(a)).",
       "critical",
       false,
       false,
       true,
       false,
       "",
       {"hr", "recruitment"},
       {"TalentLens Ranker"},
       {"Historical hiring decisions 2018-2024"},
       {"TalentLens"},
       "Recruiters see every application; the ranking only orders the list and rejects nothing on "
       "its own."},
      {"Chest X-ray triage aid",
       "Flags chest X-rays with suspected urgent findings so radiologists read them first.",
       "deployer",
       "Health Services",
       tomas,
       "operation_monitoring",
       "advisory",
       "high_risk",
       "",
       "Medical device software under Regulation (EU) 2017/745, class IIa",
       "A safety component of a medical device that needs third-party conformity assessment (Art. "
       "6(1), Annex I).",
       "critical",
       false,
       false,
       true,
       true,
       "2025-05-12",
       {"health", "imaging"},
       {"Radiant ChestTriage"},
       {"Chest X-ray triage validation set"},
       {"Radiant Imaging Systems"},
       "Every image is still read by a radiologist; the aid only changes the reading order."},
      {"Engineering coding assistant",
       "Suggests code and tests to Meridian's software engineers.",
       "deployer",
       "Engineering",
       ada,
       "operation_monitoring",
       "advisory",
       "minimal",
       "",
       "",
       "Assists developers with code; it takes no decisions about people.",
       "low",
       false,
       true,
       false,
       false,
       "2025-02-03",
       {"llm", "developer-tools"},
       {"CodeForge Completion"},
       {},
       {"CodeForge"},
       "Developers review every suggestion; code review and CI gates apply as for any change."},
  };
  for (const auto& s : systems) {
    std::map<std::string, std::vector<int64_t>> links;
    for (const char* m : s.models)
      links["model_ids"].push_back(id[m]);
    for (const char* d : s.data)
      links["dataset_ids"].push_back(id[d]);
    for (const char* v : s.vendors)
      links["supplier_ids"].push_back(id[v]);
    Values values = {{"name", text(s.name)},
                     {"purpose", text(s.purpose)},
                     {"org_role", text(s.role)},
                     {"business_unit", text(s.unit)},
                     {"owner_id", s.owner},
                     {"lifecycle_stage", text(s.stage)},
                     {"automation_level", text(s.automation)},
                     {"eu_ai_act_class", text(s.eu_class)},
                     {"annex_iii_area", text(s.area)},
                     {"annex_i_product", text(s.product)},
                     {"eu_class_rationale", text(s.rationale)},
                     {"risk_tier", text(s.tier)},
                     {"affects_customers", s.customers},
                     {"affects_employees", s.employees},
                     {"affects_public", s.public_},
                     {"affects_vulnerable_groups", s.vulnerable},
                     {"personal_data", !s.data.empty() || s.customers},
                     {"tags", s.tags},
                     {"human_oversight", text(s.oversight)}};
    // A system still in validation has no production environment on record yet: A.4.5's gap.
    if (*s.deployed) {
      values["deployed_on"] = text(s.deployed);
      values["deployment_environment"] = text("Production, EU");
    }
    if (Status st = keep(s.name, add(db, org, inventory::ai_systems(), values,
                                     s.owner == tomas ? scientist : manager, links));
        !st) {
      return st;
    }
  }
  if (Status st = keep(
          "Demand forecasting prototype",
          add(db, org, inventory::ai_systems(),
              {{"name", text("Demand forecasting prototype")},
               {"purpose", text("Research model forecasting branch cash demand.")},
               {"org_role", text("developer")},
               {"owner_id", tomas},
               // Its stage change into development is seeded with the lifecycle records.
               {"lifecycle_stage", text("design")},
               {"automation_level", text("advisory")},
               {"eu_ai_act_class", text("minimal")},
               {"eu_class_rationale", text("Forecasts cash volumes; no decisions about people.")},
               {"risk_tier", text("low")},
               {"in_scope", false},
               {"scope_exclusion_reason",
                text("Offline research prototype on synthetic data with no "
                     "production use; reviewed each quarter.")},
               {"tags", List{"research"}}},
              scientist));
      !st) {
    return st;
  }

  // A later change, so the history shows an update: the CV tool's tier was raised after review.
  TRY_ASSIGN(auto cv, records::get(db, inventory::ai_systems(), org, id["CV screening"]));
  Record raise;
  raise.values["human_oversight"] =
      cv.text("human_oversight") +
      " After the 2026 fairness review, recruiters also sample 5% of low-ranked "
      "applications each week.";
  TRY(records::update(db, inventory::ai_systems(), org, cv.id, raise, cv.version, as(manager)));
  TRY(inventory::set_scope_statement(db, org,
                                     "The AI management system of Meridian Holdings covers every "
                                     "AI system that Meridian develops, provides or "
                                     "deploys in its Retail Banking, Payments, Customer Service, "
                                     "Human Resources, Health Services and Engineering "
                                     "units in the EU, across the whole lifecycle from design to "
                                     "retirement, including systems bought from "
                                     "suppliers. Research prototypes that use no production data "
                                     "and take no part in decisions are excluded.",
                                     0, manager));
  return {};
}

}  // namespace aims::cli
