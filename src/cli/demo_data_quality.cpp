// Data quality for `aims demo seed`: five requirements on the credit system's training data
// (income complete, few duplicates, consistent labels, plausible ages, age bands representative of
// Meridian's applicants), and a run over a generated extract of 4,000 applications that finds
// applicants aged 65 and over under-represented, so the flag shows on the dataset, the credit
// model and the credit scoring system.
#include <random>

#include "cli/demo.h"
#include "data_quality/data_quality.h"
#include "records/records.h"

namespace aims::cli {
namespace {

using records::FieldValue;
using records::Record;

constexpr const char* kDataset = "Retail loan applications 2019-2025";
constexpr int kRows = 4000;

struct Band {
  const char* name;
  int youngest;
  int oldest;
  double share;  // of the extract: the 65+ share is far below the applicants' 12 %
};
constexpr Band kBands[] = {{"18-25", 18, 25, 0.15},
                           {"26-40", 26, 40, 0.42},
                           {"41-64", 41, 64, 0.40},
                           {"65+", 65, 89, 0.03}};

const Band& band_for(double draw) {
  double total = 0;
  for (const auto& band : kBands) {
    total += band.share;
    if (draw < total) return band;
  }
  return kBands[3];
}

// An extract as the data team exports it: fixed seed, so every demo holds the same file.
std::string loan_extract() {
  std::mt19937_64 random(20261130);
  std::uniform_real_distribution<double> unit(0, 1);
  const char* employment[] = {"employed", "self-employed", "retired", "student", "unemployed"};
  const char* regions[] = {"North", "South", "East", "West", "Capital"};
  std::string csv =
      "application_id,applied_on,age,age_band,income,employment_status,loan_amount,term_months,"
      "region,defaulted\n";
  std::vector<std::string> rows;
  for (int i = 0; i < kRows; ++i) {
    const Band& band = band_for(unit(random));
    const int age =
        band.youngest + static_cast<int>(unit(random) * (band.oldest - band.youngest + 1));
    const int income = 18000 + static_cast<int>(unit(random) * 72000);
    const bool income_missing = unit(random) < 0.011;  // self-declared, sometimes left blank
    const char* status = age >= 65 ? "retired"
                         : age <= 22 && unit(random) < 0.4
                             ? "student"
                             : employment[static_cast<int>(unit(random) * 2)];
    if (unit(random) < 0.04 && age < 65) status = employment[4];
    const int amount = 1000 * (2 + static_cast<int>(unit(random) * 38));
    const int term = 12 * (1 + static_cast<int>(unit(random) * 5));
    const bool defaulted = unit(random) < 0.06;
    const int day = 1 + static_cast<int>(unit(random) * 28);
    const int month = 1 + static_cast<int>(unit(random) * 12);
    const int year = 2019 + static_cast<int>(unit(random) * 7);
    char line[256];
    std::snprintf(line, sizeof line, "LA-%07d,%04d-%02d-%02d,%d,%s,%s,%s,%d,%d,%s,%d\n", 100000 + i,
                  year, month, day, age, band.name,
                  income_missing ? "" : std::to_string(income).c_str(), status, amount, term,
                  regions[static_cast<int>(unit(random) * 5)], defaulted ? 1 : 0);
    rows.emplace_back(line);
    // The origination system exported a handful of applications twice.
    if (i % 997 == 500) rows.emplace_back(line);
  }
  for (const auto& row : rows)
    csv += row;
  return csv;
}

Record requirement(int64_t dataset, int64_t owner, const char* name, const char* kind,
                   std::map<std::string, FieldValue> values) {
  Record r;
  values["name"] = std::string(name);
  values["dataset_id"] = dataset;
  values["kind"] = std::string(kind);
  values["owner_id"] = owner;
  r.values = std::move(values);
  return r;
}

std::vector<Record> credit_requirements(int64_t dataset, int64_t owner) {
  using List = std::vector<std::string>;
  return {
      requirement(dataset, owner, "Income at least 98 % complete", "completeness",
                  {{"columns", List{"income"}},
                   {"threshold", 0.98},
                   {"rationale", std::string("Affordability is scored from income; a missing "
                                             "income is imputed, which flatters thin files.")}}),
      requirement(dataset, owner, "At most 0.5 % duplicate applications", "duplicates",
                  {{"columns", List{"application_id"}},
                   {"threshold", 0.005},
                   {"rationale", std::string("Duplicated applications weigh some applicants "
                                             "twice in training.")}}),
      requirement(
          dataset, owner, "Default labels consistent for identical applications",
          "label_consistency",
          {{"columns", List{"age", "income", "employment_status", "loan_amount", "term_months"}},
           {"label_column", std::string("defaulted")},
           {"threshold", 0.01}}),
      requirement(dataset, owner, "Applicant age between 18 and 100", "value_range",
                  {{"columns", List{"age"}},
                   {"minimum", 18.0},
                   {"maximum", 100.0},
                   {"threshold", 0.0},
                   {"rationale", std::string("Meridian lends only to adults; an age outside the "
                                             "range is a capture error.")}}),
      requirement(
          dataset, owner, "Age bands represent the applicant population", "representativeness",
          {{"group_column", std::string("age_band")},
           {"target_shares", std::string("18-25: 0.14, 26-40: 0.38, 41-64: 0.36, 65+: 0.12")},
           {"tolerance", 0.8},
           {"rationale", std::string("Target shares are the 2025 applicant mix from the "
                                     "origination system; the model must not learn from "
                                     "a population without older applicants.")}}),
  };
}

}  // namespace

Status seed_demo_data_quality(store::Database& db, int64_t org, const DemoPeople& people) {
  TRY_ASSIGN(const int64_t dataset, id_named(db, org, "dataset", kDataset));
  const records::Caller scientist{people.scientist, people.scientist.user_id,
                                  auth::Role::contributor};
  const int64_t owner = people.scientist.user_id.value_or(0);
  for (const Record& r : credit_requirements(dataset, owner))
    TRY(records::create(db, data_quality::requirements(), org, r, scientist));
  const std::string extract = loan_extract();
  TRY(data_quality::run_quality(db, org, dataset, monitoring::LogInput::memory(extract),
                                "loan-applications-2025-q4.csv", scientist));
  return {};
}

}  // namespace aims::cli
