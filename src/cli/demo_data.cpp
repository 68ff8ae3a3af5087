// Data for AI systems for `aims demo seed`: the credit model's training data in versions whose
// content aims hashed and profiled itself (small generated files standing in for the real
// extracts), v2 derived from v1 and the Atlas bureau feed, the held-out validation and test splits,
// how they were cleaned, labelled and split, the bureau data's approved rights review and the
// application data's review awaiting approval, and the credit model linked to what it was
// trained, validated and tested on.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "cli/demo.h"
#include "data/data.h"
#include "inventory/inventory.h"
#include "records/records.h"

namespace aims::cli {
namespace {

using records::Record;
using Values = std::map<std::string, records::FieldValue>;
using List = std::vector<std::string>;

constexpr const char* kApplications = "Retail loan applications 2019-2025";
constexpr const char* kBureau = "Credit bureau attributes";

records::Caller as(const trail::Actor& actor, auth::Role role) {
  return {actor, actor.user_id, role};
}

// A small linear congruential generator: the demo's files are the same at every seeding.
struct Draw {
  uint64_t state;
  int64_t between(int64_t lo, int64_t hi) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return lo + int64_t((state >> 33) % uint64_t(hi - lo + 1));
  }
};

std::string application_row(Draw& d, int64_t n, int year, bool with_bureau) {
  char row[256];
  const int64_t income = d.between(14, 160) * 1000;
  std::snprintf(row, sizeof row, "APP-%d-%06lld,%d-%02lld-%02lld,%lld,%lld,%lld,%lld,%s,%d", year,
                static_cast<long long>(n), year, static_cast<long long>(d.between(1, 12)),
                static_cast<long long>(d.between(1, 28)), static_cast<long long>(d.between(21, 78)),
                static_cast<long long>(income), static_cast<long long>(d.between(2, 75) * 1000),
                static_cast<long long>(d.between(1, 7) * 12),
                d.between(0, 9) < 7 ? "employed" : (d.between(0, 1) ? "self_employed" : "retired"),
                d.between(0, 99) < 6 ? 1 : 0);
  std::string out = row;
  if (with_bureau) {
    std::snprintf(row, sizeof row, ",%lld,%lld,%lld", static_cast<long long>(d.between(420, 890)),
                  static_cast<long long>(d.between(0, 9)),
                  static_cast<long long>(d.between(0, 99) < 8 ? d.between(1, 3) : 0));
    out += row;
  }
  return out + "\n";
}

std::string applications(uint64_t seed, int from_year, int to_year, int per_year, bool bureau) {
  std::string csv =
      "application_id,applied_on,age,annual_income_eur,loan_amount_eur,term_months,"
      "employment_status,defaulted_12m";
  csv += bureau ? ",bureau_score,open_credit_lines,delinquencies_24m\n" : "\n";
  Draw d{seed};
  for (int year = from_year; year <= to_year; ++year)
    for (int n = 1; n <= per_year; ++n)
      csv += application_row(d, n, year, bureau);
  return csv;
}

std::string bureau_feed() {
  std::string jsonl;
  Draw d{2025};
  for (int n = 1; n <= 300; ++n) {
    char line[200];
    std::snprintf(line, sizeof line,
                  "{\"applicant_ref\":\"ACB-%06d\",\"extract_date\":\"2025-10-01\","
                  "\"bureau_score\":%lld,\"open_credit_lines\":%lld,\"delinquencies_24m\":%lld,"
                  "\"thin_file\":%s}\n",
                  n, static_cast<long long>(d.between(420, 890)),
                  static_cast<long long>(d.between(0, 9)), static_cast<long long>(d.between(0, 3)),
                  d.between(0, 9) == 0 ? "true" : "false");
    jsonl += line;
  }
  return jsonl;
}

// Has aims hash and profile `content` as if uploaded, through a temporary file.
Status take_content(store::Database& db, int64_t org, int64_t version, const std::string& name,
                    const std::string& content, const records::Caller& by) {
  const auto path =
      std::filesystem::temp_directory_path() /
      ("aims-demo-" + std::to_string(org) + "-" + std::to_string(version) + "-" + name);
  {
    std::ofstream out(path, std::ios::binary);
    out << content;
    if (!out) return Error::unavailable("cannot write the demo file " + path.string());
  }
  auto profile = data::profile_file(path.string(), name);
  std::filesystem::remove(path);
  if (!profile) return profile.error();
  TRY(data::record_content(db, org, version, *profile, by));
  return {};
}

struct VersionSpec {
  const char* dataset;
  const char* version;
  const char* created_on;
  List purposes;
  const char* origin;
  std::vector<const char*> derived_from;  // "dataset|version"
  std::string file_name;
  std::string content;
};

Result<int64_t> add_version(store::Database& db, int64_t org, const VersionSpec& v,
                            std::map<std::string, int64_t>& made, const records::Caller& by) {
  TRY_ASSIGN(const int64_t dataset, id_named(db, org, "dataset", v.dataset));
  records::Ids parents;
  for (const char* key : v.derived_from)
    parents.push_back(made.at(key));
  Record r;
  r.values = {{"dataset_id", dataset},
              {"version_label", std::string(v.version)},
              {"created_on", std::string(v.created_on)},
              {"purposes", v.purposes},
              {"origin", std::string(v.origin)},
              {"derived_from_ids", parents}};
  TRY_ASSIGN(const Record created, records::create(db, data::dataset_versions(), org, r, by));
  TRY(take_content(db, org, created.id, v.file_name, v.content, by));
  TRY_ASSIGN(const Record hashed, records::get(db, data::dataset_versions(), org, created.id));
  TRY(records::transition(db, data::dataset_versions(), org, created.id,
                          {"release", "", {}, hashed.version}, by));
  made[std::string(v.dataset) + "|" + v.version] = created.id;
  return created.id;
}

Status seed_versions(store::Database& db, int64_t org, std::map<std::string, int64_t>& made,
                     const records::Caller& by) {
  const std::string v1 = std::string(kApplications) + "|v1";
  const std::string feed = std::string(kBureau) + "|2025-10";
  const VersionSpec specs[] = {
      {kApplications,
       "v1",
       "2025-03-14",
       {"training"},
       "Extract of decided retail applications from the loan origination system (table "
       "LOS.APPLICATIONS, 2019-01-01 to 2024-12-31), with the 12-month default outcome from the "
       "collections ledger.",
       {},
       "applications-v1.csv",
       applications(1, 2019, 2024, 60, false)},
      {kBureau,
       "2025-10",
       "2025-10-02",
       {"training", "validation", "test"},
       "Monthly delivery from Atlas Credit Bureau over SFTP (file ATL-RTL-202510.jsonl), matched "
       "to applicants by the bureau's reference.",
       {},
       "atlas-bureau-2025-10.jsonl",
       bureau_feed()},
      {kApplications,
       "v2",
       "2025-10-20",
       {"training"},
       "v1 cleaned (duplicates and withdrawn applications removed) and joined to the October "
       "2025 bureau attributes; the training set of the Retail PD model 3.2.0.",
       {v1.c_str(), feed.c_str()},
       "applications-v2-train.csv",
       applications(2, 2019, 2024, 55, true)},
      {kApplications,
       "v2-validation",
       "2025-10-20",
       {"validation"},
       "Out-of-time hold-out: applications decided January to June 2025, joined to the same "
       "bureau extract; never used in training.",
       {v1.c_str(), feed.c_str()},
       "applications-v2-validation.csv",
       applications(3, 2025, 2025, 70, true)},
      {kApplications,
       "v2-test",
       "2025-10-20",
       {"test"},
       "Out-of-time hold-out: applications decided July to September 2025; opened once, for the "
       "final test of 3.2.0.",
       {v1.c_str(), feed.c_str()},
       "applications-v2-test.csv",
       applications(4, 2025, 2025, 50, true)},
  };
  for (const auto& spec : specs) {
    auto id = add_version(db, org, spec, made, by);
    if (!id)
      return Error{id.error().code,
                   std::string(spec.dataset) + " " + spec.version + ": " + id.error().message,
                   id.error().field};
  }
  return {};
}

Status add_preparation(store::Database& db, int64_t org, int64_t version, Values values,
                       const records::Caller& by) {
  Record r;
  r.values = std::move(values);
  r.values["dataset_version_id"] = version;
  TRY(records::create(db, data::data_preparations(), org, r, by));
  return {};
}

Status seed_preparations(store::Database& db, int64_t org, std::map<std::string, int64_t>& made,
                         const records::Caller& by, int64_t scientist) {
  const int64_t v2 = made.at(std::string(kApplications) + "|v2");
  TRY(add_preparation(
      db, org, v2,
      {{"kind", std::string("cleaning")},
       {"what_was_done",
        std::string("Removed 1,842 duplicate applications (same applicant and amount within 30 "
                    "days, the latest kept) and 6,310 withdrawn before decision; capped incomes "
                    "above EUR 1,000,000 as entry errors after checking 40 by hand; imputed "
                    "missing employment status as \"unknown\" rather than dropping the rows, "
                    "which were mostly older applicants.")},
       {"performed_by_id", scientist},
       {"tool", std::string("Python 3.11, pandas 2.2 (pipeline credit-data-prep 1.4)")},
       {"performed_on", std::string("2025-10-14")}},
      by));
  TRY(add_preparation(
      db, org, v2,
      {{"kind", std::string("labelling")},
       {"what_was_done",
        std::string("Default labels (90 days past due within 12 months) checked for the 4,120 "
                    "restructured loans, where the ledger's flag is unreliable: two credit "
                    "analysts labelled each independently and a senior analyst settled the 212 "
                    "disagreements.")},
       {"performed_by_id", scientist},
       {"tool", std::string("Label Studio 1.12")},
       {"performed_on", std::string("2025-10-16")},
       {"labellers", std::string("Two credit analysts of Retail Credit Risk, one senior analyst")},
       {"agreement", 0.82},
       {"agreement_measure", std::string("cohen_kappa")}},
      by));
  for (const char* split : {"|v2-validation", "|v2-test"})
    TRY(add_preparation(
        db, org, made.at(std::string(kApplications) + split),
        {{"kind", std::string("sampling_splitting")},
         {"what_was_done",
          std::string("Out-of-time split by decision date, so the hold-out follows the training "
                      "period as live applications will; the same cleaning as v2 applied.")},
         {"performed_by_id", scientist},
         {"tool", std::string("Python 3.11, pandas 2.2")},
         {"performed_on", std::string("2025-10-18")}},
        by));
  return {};
}

Status seed_rights(store::Database& db, int64_t org, const DemoPeople& people) {
  const auto scientist = as(people.scientist, auth::Role::contributor);
  const auto manager = as(people.manager, auth::Role::aims_manager);
  TRY_ASSIGN(const int64_t bureau, id_named(db, org, "dataset", kBureau));
  TRY_ASSIGN(const int64_t applications, id_named(db, org, "dataset", kApplications));
  TRY_ASSIGN(const int64_t atlas, id_named(db, org, "supplier", "Atlas Credit Bureau"));
  Record r;
  r.values = {
      {"dataset_id", bureau},
      {"supplier_id", atlas},
      {"personal_data", true},
      {"licence", std::string("Data services agreement ACB-2023-114, schedule 2")},
      {"legal_basis", std::string("legal_obligation")},
      {"restrictions",
       std::string("Creditworthiness assessment and the development and validation of Meridian's "
                   "own credit models only; no marketing use, no onward transfer; deleted within "
                   "30 days of the agreement ending.")},
      {"conclusion",
       std::string("The agreement permits model development, and the creditworthiness assessment "
                   "the law requires of lenders is the basis for processing; use for the Retail "
                   "PD model is within both.")},
      {"reviewer_id", people.scientist.user_id.value_or(0)},
      {"next_review", days_from_today(300)}};
  TRY_ASSIGN(const Record bureau_review,
             records::create(db, data::data_rights_reviews(), org, r, scientist));
  TRY_ASSIGN(const auto submitted,
             records::transition(db, data::data_rights_reviews(), org, bureau_review.id,
                                 {"submit", "", {}, bureau_review.version}, scientist));
  // The reviewer may not approve their own review: the AIMS manager does.
  TRY(records::transition(
      db, data::data_rights_reviews(), org, bureau_review.id,
      {"approve", "Checked against schedule 2 of the agreement.", {}, submitted.record.version},
      manager));
  r.values = {
      {"dataset_id", applications},
      {"personal_data", true},
      {"legal_basis", std::string("legitimate_interests")},
      {"restrictions",
       std::string("Pseudonymised for modelling; direct identifiers stay in the origination "
                   "system.")},
      {"conclusion",
       std::string("Reuse of decided applications to build and validate credit models is "
                   "compatible with why they were collected; the legitimate interests assessment "
                   "of September 2025 is attached to the DPIA.")},
      {"reviewer_id", people.scientist.user_id.value_or(0)},
      {"next_review", days_from_today(180)}};
  TRY_ASSIGN(const Record own_review,
             records::create(db, data::data_rights_reviews(), org, r, scientist));
  TRY(records::transition(db, data::data_rights_reviews(), org, own_review.id,
                          {"submit", "", {}, own_review.version}, scientist));
  return {};
}

Status link_model(store::Database& db, int64_t org, std::map<std::string, int64_t>& made,
                  const records::Caller& by) {
  TRY_ASSIGN(const int64_t model, id_named(db, org, "model", "Retail PD model 3.2.0"));
  TRY_ASSIGN(const Record current, records::get(db, inventory::models(), org, model));
  Record changes;
  changes.values = {
      {"trained_on_ids", records::Ids{made.at(std::string(kApplications) + "|v2")}},
      {"validated_on_ids", records::Ids{made.at(std::string(kApplications) + "|v2-validation")}},
      {"tested_on_ids", records::Ids{made.at(std::string(kApplications) + "|v2-test")}}};
  TRY(records::update(db, inventory::models(), org, model, changes, current.version, by));
  return {};
}

}  // namespace

Status seed_demo_data(store::Database& db, int64_t org, const DemoPeople& people) {
  const auto scientist = as(people.scientist, auth::Role::contributor);
  std::map<std::string, int64_t> made;
  TRY(seed_versions(db, org, made, scientist));
  TRY(seed_preparations(db, org, made, scientist, people.scientist.user_id.value_or(0)));
  TRY(seed_rights(db, org, people));
  return link_model(db, org, made, scientist);
}

}  // namespace aims::cli
