// Meridian's resources for `aims demo seed`: the tools and compute its AI systems use (the coding
// assistant's tools left unrecorded and one tool past its review, the gaps A.4.4 shows), the
// event-log requirement of each system in operation (the credit decision log's weekly logs have
// stopped arriving), and the year's resource plan approved by the executive sponsor at the
// management review.
#include "auth/auth.h"
#include "base/time.h"
#include "cli/demo.h"
#include "monitoring/monitoring.h"
#include "resources/resources.h"
#include "review/review.h"

namespace aims::cli {
namespace {

using records::FieldValue;
using records::Ids;
using records::Record;
using namespace std::string_literals;
using Values = std::map<std::string, FieldValue>;

struct Seeder {
  store::Database& db;
  int64_t org;
  records::Caller caller;

  Result<Record> add(const records::Description& d, Values values) {
    Record r;
    r.values = std::move(values);
    return records::create(db, d, org, r, caller);
  }
  Result<Ids> ids(const std::string& type, std::initializer_list<const char*> names) {
    Ids out;
    for (const char* n : names) {
      TRY_ASSIGN(const int64_t id, id_named(db, org, type, n));
      out.push_back(id);
    }
    return out;
  }
};

Result<int64_t> user_id(store::Database& db, int64_t org, const char* email) {
  TRY_ASSIGN(const auth::User u, auth::find_user_by_email(db, org, email));
  return u.id;
}

struct DemoTool {
  const char* name;
  const char* category;
  const char* version;
  const char* licence;
  std::initializer_list<const char*> systems;
  const char* notes;
  int64_t reviewed_days_ago;
  int64_t next_review_in_days;
};

const DemoTool kTools[] = {
    {"scikit-learn",
     "framework",
     "1.5.2",
     "BSD-3-Clause",
     {"Retail credit scoring"},
     "Feature pipelines and the logistic-regression challenger model. Pinned in the training "
     "image; upgrades go through the validation workshop.",
     60,
     120},
    {"XGBoost",
     "framework",
     "2.1.1",
     "Apache-2.0",
     {"Retail credit scoring"},
     "Gradient-boosted trees behind the retail PD model. Deterministic histogram method and a "
     "fixed "
     "seed, so a retraining reproduces.",
     60,
     120},
    {"MLflow",
     "mlops",
     "2.16.2",
     "Apache-2.0",
     {"Retail credit scoring"},
     "Experiment tracking and the model registry: every production model version links to its "
     "training run, data snapshot and validation report.",
     90,
     90},
    {"Fairlearn",
     "evaluation",
     "0.11.0",
     "MIT",
     {"Retail credit scoring", "CV screening"},
     "Disparate impact and equalised odds by sex and age band in validation; the thresholds come "
     "from the model risk standard.",
     45,
     135},
    {"promptfoo",
     "evaluation",
     "0.87.1",
     "MIT",
     {"Customer support assistant"},
     "Regression suite of 420 support questions run on every prompt or model change: refusals, "
     "hallucinated fees and the AI disclosure.",
     30,
     150},
    {"Label Studio",
     "labelling",
     "1.12.1",
     "Apache-2.0",
     {"Chest X-ray triage aid", "Customer support assistant"},
     "Radiologists label the local validation set; support leads label sampled transcripts. "
     "Self-hosted; version 1.13 fixes an access-control flaw, so the review is overdue.",
     400,
     -35},
    {"aims monitoring engine",
     "monitoring",
     AIMS_VERSION,
     "Meridian licence",
     {"Retail credit scoring", "Card fraud detection"},
     "Weekly performance, fairness and drift runs over the decision logs, with thresholds that "
     "open incidents and switch credit decisions to human review.",
     20,
     160},
};

Status seed_tools(Seeder& s, int64_t owner) {
  for (const auto& t : kTools) {
    TRY_ASSIGN(const Ids systems, s.ids("ai_system", t.systems));
    TRY(s.add(resources::tools(), {{"name", std::string(t.name)},
                                   {"category", std::string(t.category)},
                                   {"tool_version", std::string(t.version)},
                                   {"licence", std::string(t.licence)},
                                   {"system_ids", systems},
                                   {"notes", std::string(t.notes)},
                                   {"owner_id", owner},
                                   {"last_reviewed_on", days_from_today(-t.reviewed_days_ago)},
                                   {"next_review_on", days_from_today(t.next_review_in_days)}}));
  }
  return {};
}

struct DemoCompute {
  const char* name;
  const char* kind;
  const char* supplier;  // "" for Meridian's own
  const char* region;
  const char* accelerators;
  const char* capacity;
  double kwh;  // per month; 0: not estimated
  double kg_co2e;
  const char* method;
  std::initializer_list<const char*> systems;
};

const DemoCompute kCompute[] = {
    {"Credit scoring cluster, EU cloud (Frankfurt)",
     "cloud",
     "",
     "EU, Frankfurt (eu-central-1)",
     "None: CPU only",
     "3 x 8 vCPU serving nodes, peak at 35% during month-end campaigns",
     540,
     205,
     "The cloud provider's carbon footprint report for the account, October 2026, allocated by "
     "the cluster's share of vCPU-hours (location-based, 0.38 kg CO2e per kWh).",
     {"Retail credit scoring"}},
    {"Sentinel FraudScore API",
     "vendor_api",
     "Sentinel Fraud Analytics",
     "EU, Dublin",
     "",
     "Contracted 400 authorisations per second; p99 latency 80 ms",
     0,
     0,
     "",
     {"Card fraud detection"}},
    {"Radiology GPU node",
     "on_premises",
     "",
     "Meridian Health data centre, Lisbon",
     "2 x NVIDIA L4",
     "Reads about 900 X-rays a day at 20% GPU use",
     255,
     38,
     "Metered at the rack PDU, average draw 350 W over October 2026 x 730 hours; the utility's "
     "2025 disclosure for the grid intensity (0.15 kg CO2e per kWh).",
     {"Chest X-ray triage aid"}},
    {"Northstar Assist API",
     "vendor_api",
     "Northstar AI",
     "EU data zone (Paris, Amsterdam)",
     "",
     "About 60,000 conversations a month within the contract's rate limits",
     18,
     4.5,
     "Northstar's sustainability disclosure: 0.3 Wh per request x 60,000 requests; 0.25 kg CO2e "
     "per kWh as Northstar reports for its EU data zone.",
     {"Customer support assistant"}},
    {"TalentLens SaaS",
     "vendor_api",
     "TalentLens",
     "EU, Amsterdam",
     "",
     "Seasonal: 12,000 applications in the autumn graduate campaign",
     0,
     0,
     "",
     {"CV screening"}},
    {"CodeForge Completion API",
     "vendor_api",
     "CodeForge",
     "United States (no EU region offered)",
     "",
     "240 engineers; no customer data may be sent, as the code policy says",
     0,
     0,
     "",
     {"Engineering coding assistant"}},
};

Status seed_compute(Seeder& s, int64_t owner) {
  for (const auto& c : kCompute) {
    TRY_ASSIGN(const Ids systems, s.ids("ai_system", c.systems));
    Values v = {{"name", std::string(c.name)},
                {"kind", std::string(c.kind)},
                {"region", std::string(c.region)},
                {"capacity", std::string(c.capacity)},
                {"system_ids", systems},
                {"owner_id", owner},
                {"next_review_on", days_from_today(180)}};
    if (*c.supplier) {
      TRY_ASSIGN(const int64_t supplier, id_named(s.db, s.org, "supplier", c.supplier));
      v["supplier_id"] = supplier;
    }
    if (*c.accelerators) v["accelerators"] = std::string(c.accelerators);
    if (c.kwh > 0) {
      v["energy_kwh_per_month"] = c.kwh;
      v["emissions_kg_per_month"] = c.kg_co2e;
      v["estimate_method"] = std::string(c.method);
    }
    TRY(s.add(resources::compute_resources(), v));
  }
  return {};
}

struct DemoLog {
  const char* title;
  const char* system;
  const char* what;
  const char* where;
  int64_t months;
  const char* monitor;  // "" when no monitor receives the logs
  int64_t cadence_hours;
};

const DemoLog kLogs[] = {
    {"Credit decision log", "Retail credit scoring",
     "Every scored application: application reference, model version, score, recommendation, the "
     "credit officer's decision and override reason, and the features' hashes.",
     "Decision warehouse, EU (Frankfurt), write-once bucket", 84,
     "Weekly credit decisions (Retail credit scoring)", 168},
    {"Support conversation log", "Customer support assistant",
     "Each conversation's transcript, the model and prompt versions, hand-overs to agents and the "
     "AI disclosure shown.",
     "Support platform archive, EU", 6, "", 0},
    {"Fraud decision log", "Card fraud detection",
     "Each authorisation's FraudScore, the block or challenge taken and the customer's "
     "confirmation.",
     "Payments data lake, EU (Dublin)", 13, "", 0},
    {"Triage reading-order log", "Chest X-ray triage aid",
     "Each study's triage flag, the software version, when a radiologist read it and whether the "
     "finding was confirmed.",
     "PACS audit store, Lisbon (on-premises)", 24, "", 0},
    {"Coding assistant usage log", "Engineering coding assistant",
     "Who used it, when, and accepted suggestion counts; never the code itself.",
     "Engineering telemetry, EU", 3, "", 0},
};

Status seed_logging(Seeder& s, int64_t owner) {
  for (const auto& l : kLogs) {
    TRY_ASSIGN(const int64_t system, id_named(s.db, s.org, "ai_system", l.system));
    Values v = {{"title", std::string(l.title)},         {"system_id", system},
                {"what_is_logged", std::string(l.what)}, {"kept_where", std::string(l.where)},
                {"retention_months", l.months},          {"owner_id", owner}};
    if (*l.monitor) {
      TRY_ASSIGN(const int64_t monitor, id_named(s.db, s.org, "monitor", l.monitor));
      v["monitor_id"] = monitor;
      v["cadence_hours"] = l.cadence_hours;
    }
    TRY(s.add(monitoring::logging_requirements(), v));
  }
  return {};
}

}  // namespace

Status seed_demo_resources(store::Database& db, int64_t org, const DemoPeople& people) {
  Seeder s{db, org, {people.manager, people.manager.user_id, auth::Role::aims_manager}};
  TRY_ASSIGN(const int64_t tomas, user_id(db, org, "data.science@meridian.example"));
  TRY(seed_tools(s, tomas));
  TRY(seed_compute(s, people.admin.user_id.value()));
  return seed_logging(s, people.manager.user_id.value());
}

Status seed_demo_resource_plan(store::Database& db, int64_t org, const DemoPeople& people) {
  Seeder s{db, org, {people.manager, people.manager.user_id, auth::Role::aims_manager}};
  TRY_ASSIGN(const int64_t henrik, user_id(db, org, "cfo@meridian.example"));
  TRY_ASSIGN(const int64_t review,
             id_named(db, org, "management_review", "Management review, first half"));
  const std::string year = now_timestamp().substr(0, 4);
  TRY_ASSIGN(const Record plan,
             s.add(resources::resource_plans(),
                   {{"title", "AIMS resources " + year},
                    {"period_start", year + "-01-01"},
                    {"period_end", year + "-12-31"},
                    {"owner_id", people.manager.user_id.value()},
                    {"people",
                     "- AIMS manager (Priya Raman): 0.6 FTE\n"
                     "- Model validation: 1.0 FTE now, 2.0 FTE from next quarter (the "
                     "management review's decision)\n"
                     "- Data steward: 0.3 FTE\n"
                     "- Internal audit: 0.2 FTE\n"
                     "- Each AI system owner: 0.1 FTE for its records, risks and monitoring"s},
                    {"tools_and_infrastructure",
                     "- aims for the records, monitoring and audit trail\n"
                     "- The decision warehouse's write-once log storage (EU)\n"
                     "- The validation workstation pool for fairness testing"s},
                    {"budget", 185000.0},
                    {"currency", "EUR"s},
                    {"audits",
                     "- Internal audits of the credit model's lifecycle and of the clauses\n"
                     "- Certification Stage 1 with an accredited body, early next year"s},
                    {"training",
                     "- EU AI Act essentials for every system owner\n"
                     "- Fairness testing for validators (two days)"s},
                    {"gaps",
                     "Validation is one person deep until the second validator starts; an "
                     "interim contractor covers the credit and triage models."s},
                    {"review_id", review}}));
  TRY_ASSIGN(const auto submitted,
             records::transition(db, resources::resource_plans(), org, plan.id,
                                 {.name = "submit", .expected_version = plan.version}, s.caller));
  // The executive sponsor holds the AIMS role marked as top management; he neither wrote nor
  // owns the plan.
  const records::Caller sponsor{
      {"user", henrik, "cfo@meridian.example"}, henrik, auth::Role::viewer};
  TRY(records::transition(db, resources::resource_plans(), org, plan.id,
                          {.name = "approve",
                           .reason = "Confirmed at the management review.",
                           .expected_version = submitted.record.version},
                          sponsor));
  return {};
}

}  // namespace aims::cli
