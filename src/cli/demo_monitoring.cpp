// Monitoring for `aims demo seed`: the credit-scoring system's monitor with a reference profile
// and eight weekly runs over generated prediction logs. The last week carries the story a demo
// should tell: a bureau feed change halves many reported incomes, mostly of part-time workers
// (more often women), so income drifts, approvals of women fall below four fifths of men's, and
// the system is switched to human review with an incident opened.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <random>

#include "cli/demo.h"
#include "improvement/improvement.h"
#include "inventory/inventory.h"
#include "monitoring/monitoring.h"
#include "records/records.h"

namespace aims::cli {
namespace {

// One week of applications; `feed_change` is the share of women (and a fifth as many men)
// whose income arrives halved.
struct Week {
  const char* start;  // Monday, YYYY-MM-DD
  int rows;
  double income_trend;  // multiplies every income: slow wage growth
  double feed_change;
};

class Generator {
 public:
  explicit Generator(uint64_t seed) : random_(seed) {}

  std::string log(const Week& week, int first_id) {
    std::string csv =
        "application_id,decided_at,sex,age_band,employment,income,debt_to_income,loan_amount,"
        "score,approved,repaid\n";
    for (int i = 0; i < week.rows; ++i)
      csv += row(week, first_id + i);
    return csv;
  }

 private:
  double uniform() { return std::uniform_real_distribution<double>(0, 1)(random_); }
  double normal() {  // Box-Muller, so the sequence is the same on every standard library
    const double u = 1 - uniform(), v = uniform();
    return std::sqrt(-2 * std::log(u)) * std::cos(2 * M_PI * v);
  }
  template <size_t N>
  const char* pick(const char* const (&names)[N], const double (&weights)[N]) {
    double x = uniform();
    for (size_t i = 0; i < N; ++i) {
      if ((x -= weights[i]) < 0) return names[i];
    }
    return names[N - 1];
  }

  std::string row(const Week& week, int id) {
    static const char* const kAges[] = {"18-24", "25-39", "40-59", "60+"};
    static const double kAgeShare[] = {0.15, 0.40, 0.30, 0.15};
    static const char* const kWork[] = {"employed", "self_employed", "unemployed", "retired"};
    static const double kWorkShare[] = {0.70, 0.15, 0.05, 0.10};
    const bool female = uniform() < 0.5;
    const char* age = pick(kAges, kAgeShare);
    const char* work = pick(kWork, kWorkShare);
    const double true_income = 42000 * week.income_trend * std::exp(0.35 * normal());
    const double debt_ratio = std::clamp(0.3 + 0.12 * normal(), 0.02, 0.9);
    const double loan = std::round(std::clamp(15000 + 7000 * normal(), 1000.0, 60000.0));
    // Creditworthiness follows true income; the model only sees the reported one.
    const double worth =
        0.8 * std::log(true_income / 42000) - 3 * (debt_ratio - 0.3) + 0.3 * normal();
    const bool repaid = uniform() < 1 / (1 + std::exp(-(1.3 + 3 * worth)));
    const double halved_share = female ? week.feed_change : week.feed_change / 5;
    const double income = uniform() < halved_share ? true_income / 2 : true_income;
    const double seen = 0.8 * std::log(income / 42000) - 3 * (debt_ratio - 0.3) + 0.15 * normal();
    const double score = 1 / (1 + std::exp(-(0.7 + 1.8 * seen)));
    const int second = static_cast<int>(uniform() * 7 * 86400);
    char line[256];
    std::snprintf(line, sizeof line,
                  "A%07d,%sT%02d:%02d:%02dZ,%s,%s,%s,%.0f,%.3f,%.0f,%.4f,%d,%d\n", id,
                  day(week.start, second / 86400).c_str(), second % 86400 / 3600,
                  second % 3600 / 60, second % 60, female ? "female" : "male", age, work, income,
                  debt_ratio, loan, score, score >= 0.5 ? 1 : 0, repaid ? 1 : 0);
    return line;
  }

  // The date `offset` days after `start` (weeks in the demo never cross a month end badly:
  // the days are computed through the C library).
  static std::string day(const char* start, int offset) {
    std::tm t{};
    std::sscanf(start, "%d-%d-%d", &t.tm_year, &t.tm_mon, &t.tm_mday);
    t.tm_year -= 1900;
    t.tm_mon -= 1;
    t.tm_mday += offset;
    t.tm_hour = 12;
    timegm(&t);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &t);
    return text;
  }

  std::mt19937_64 random_;
};

constexpr const char* kCreditConfig = R"({
  "columns": {
    "id": "application_id", "timestamp": "decided_at", "prediction": "approved",
    "score": "score", "label": "repaid", "sensitive_attributes": ["sex", "age_band"],
    "features": [{"name": "income", "kind": "numeric"}, {"name": "debt_to_income", "kind": "numeric"},
                 {"name": "loan_amount", "kind": "numeric"}, {"name": "employment", "kind": "categorical"}]
  },
  "task": "classification", "positive_label": "1", "min_group_size": 50
})";

constexpr const char* kCreditThresholds = R"([
  {"metric": "fairness.disparate_impact", "scope": "attribute:sex", "comparison": "below", "value": 0.8},
  {"metric": "fairness.disparate_impact", "scope": "attribute:age_band", "comparison": "below", "value": 0.8},
  {"metric": "fairness.equal_opportunity_difference", "scope": "attribute:sex", "comparison": "above", "value": 0.1},
  {"metric": "drift.psi", "scope": "column:feature:income", "comparison": "above", "value": 0.2},
  {"metric": "drift.psi", "scope": "column:score:score", "comparison": "above", "value": 0.2},
  {"metric": "performance.roc_auc", "scope": "overall", "comparison": "below", "value": 0.7},
  {"metric": "quality.missing_share", "scope": "*", "comparison": "above", "value": 0.05}
])";

Result<int64_t> system_named(store::Database& db, int64_t org, const std::string& name) {
  TRY_ASSIGN(auto systems, inventory::system_names(db, org));
  for (const auto& [id, n] : systems) {
    if (n == name) return id;
  }
  return Error::not_found("the demo inventory has no AI system called " + name);
}

}  // namespace

std::string credit_decisions_log(uint64_t seed, const char* week_start, int rows,
                                 double feed_change, int first_id) {
  return Generator(seed).log({week_start, rows, 1.0, feed_change}, first_id);
}

Status seed_demo_monitoring(store::Database& db, int64_t org, const DemoPeople& people) {
  TRY_ASSIGN(auto system, system_named(db, org, "Retail credit scoring"));
  monitoring::MonitorInput input;
  input.system_id = system;
  input.name = "Weekly credit decisions";
  input.config_json = kCreditConfig;
  input.thresholds_json = kCreditThresholds;
  input.human_review_on_breach = true;
  TRY_ASSIGN(auto monitor, monitoring::create_monitor(db, org, input, people.scientist));

  Generator generate(20261122);
  const std::string reference = generate.log({"2026-06-01", 6000, 1.0, 0}, 1);
  TRY(monitoring::set_reference(db, org, monitor.id, monitoring::LogInput::memory(reference), {},
                                people.scientist));

  const Week weeks[] = {{"2026-09-28", 2400, 1.01, 0},    {"2026-10-05", 2500, 1.01, 0},
                        {"2026-10-12", 2300, 1.02, 0},    {"2026-10-19", 2600, 1.02, 0},
                        {"2026-10-26", 2450, 1.03, 0.02}, {"2026-11-02", 2550, 1.03, 0.03},
                        {"2026-11-09", 2500, 1.04, 0.05}, {"2026-11-16", 2700, 1.04, 0.75}};
  int next_id = 100000;
  for (const auto& week : weeks) {
    const std::string log = generate.log(week, next_id);
    next_id += week.rows;
    monitoring::RunRequest request;
    request.monitor_id = monitor.id;
    request.log = monitoring::LogInput::memory(log);
    request.input_name = std::string("credit-decisions-") + week.start + ".csv";
    request.source = "cli";
    auto run = monitoring::run_monitor(db, org, request, people.scientist);
    if (!run) return Error{run.error().code, request.input_name + ": " + run.error().message, {}};
  }

  // The AIMS manager has seen the fairness alert and started the investigation.
  TRY_ASSIGN(auto alerts, monitoring::list_alerts(db, org, {system, std::string("open"), 50}));
  for (const auto& a : alerts) {
    if (a.metric != "fairness.disparate_impact") continue;
    TRY(monitoring::set_alert_status(db, org, a.id, "acknowledged", a.version, people.manager));
    if (!a.incident_id) continue;
    TRY_ASSIGN(const records::Record incident,
               records::get(db, improvement::incidents(), org, *a.incident_id));
    records::Record changes;
    changes.values["status"] = std::string("investigating");
    changes.values["description"] =
        incident.text("description") +
        "\n\nTriage (Priya Raman): approvals of women fell in the week of 16 November while the "
        "model is unchanged. Atlas Credit Bureau confirmed a feed change that drops secondary "
        "incomes, mostly of part-time applicants. Credit officers review every decision until it "
        "is "
        "fixed.";
    const records::Caller manager{people.manager, people.manager.user_id, std::nullopt};
    TRY(records::update(db, improvement::incidents(), org, incident.id, changes, incident.version,
                        manager));
  }
  return {};
}

}  // namespace aims::cli
