// The organisation's risk criteria: aims' default, the checks a new version passes, the level of a
// likelihood and impact pair, and adoption of a version, which re-scores the open risks with it.
#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "base/time.h"
#include "records/description.h"
#include "risk/criteria_json.h"
#include "risk/risk.h"

namespace aims::risk {
namespace {

using nlohmann::json;

constexpr size_t kMinSteps = 3;
constexpr size_t kMaxSteps = 5;
constexpr size_t kMaxText = 500;

std::vector<ScaleStep> default_likelihood() {
  return {{"Rare", "Not expected during the system's life; it would take unusual events together"},
          {"Unlikely", "Could happen, but not expected within the next few years"},
          {"Possible", "Might happen within the next year or two"},
          {"Likely", "Expected to happen within the next year"},
          {"Almost certain", "Expected within months, or already happening"}};
}

std::vector<ScaleStep> default_impact() {
  return {{"Negligible", "No effect people would notice; put right in routine work"},
          {"Minor", "A small, reversible effect on a few people; no regulator would take interest"},
          {"Moderate",
           "Noticeable harm to people or a group, reversible with effort; complaints likely"},
          {"Major",
           "Serious or hard-to-reverse harm to many people or to a vulnerable group; a "
           "breach of law likely"},
          {"Severe",
           "Irreversible harm to health, rights or livelihoods; sanctions or loss of the "
           "licence to operate"}};
}

// Level by the product of the two scores, the usual convention of 5 x 5 matrices.
std::string default_level(int64_t likelihood, int64_t impact) {
  const int64_t product = likelihood * impact;
  if (product <= 4) return "low";
  if (product <= 9) return "medium";
  if (product <= 16) return "high";
  return "critical";
}

size_t level_rank(const std::string& level) {
  const auto& all = levels();
  return static_cast<size_t>(std::find(all.begin(), all.end(), level) - all.begin());
}

void check_scale(const std::vector<ScaleStep>& scale, const std::string& key,
                 records::Problems& p) {
  if (scale.size() < kMinSteps || scale.size() > kMaxSteps) {
    p.add(key, "give 3 to 5 steps; there are " + std::to_string(scale.size()));
    return;
  }
  for (size_t n = 0; n < scale.size(); ++n) {
    const std::string at = key + "." + std::to_string(n + 1);
    if (scale[n].name.empty()) p.add(at + ".name", "each step needs a name");
    if (scale[n].definition.empty())
      p.add(at + ".definition", "say what step " + std::to_string(n + 1) + " means");
    if (scale[n].name.size() > 80) p.add(at + ".name", "at most 80 characters");
    if (scale[n].definition.size() > kMaxText) p.add(at + ".definition", "at most 500 characters");
  }
}

Criteria from_row(store::Row& row) {
  store::RowReader in(row);
  const int64_t version = in.int64();
  auto parsed = criteria_from_json(json::parse(in.text(), nullptr, false));
  Criteria c = parsed ? *parsed : default_criteria();  // a stored body always passed the checks
  c.version = version;
  c.reason = in.text();
  c.changed_by = in.text();
  c.changed_at = in.text();
  return c;
}

// The person's name as it is now, or the label they acted under when the account is gone.
constexpr const char* kSelect =
    "SELECT c.version, c.body, c.reason, COALESCE(u.name, c.changed_by_label), c.changed_at "
    "FROM risk_criteria c LEFT JOIN users u ON u.id = c.changed_by WHERE c.org_id = $1 ";

}  // namespace

const std::vector<std::string>& levels() {
  static const std::vector<std::string> all = {"low", "medium", "high", "critical"};
  return all;
}

std::string level_label(const std::string& level) {
  if (level.empty()) return "";
  std::string label = level;
  label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
  return label;
}

Criteria default_criteria() {
  Criteria c;
  c.likelihood = default_likelihood();
  c.impact = default_impact();
  for (int64_t l = 1; l <= 5; ++l) {
    c.matrix.emplace_back();
    for (int64_t i = 1; i <= 5; ++i)
      c.matrix.back().push_back(default_level(l, i));
  }
  c.threshold = "medium";
  return c;
}

Status check(const Criteria& c) {
  records::Problems p;
  check_scale(c.likelihood, "likelihood", p);
  check_scale(c.impact, "impact", p);
  if (level_rank(c.threshold) >= levels().size())
    p.add("threshold", "choose low, medium, high or critical");
  if (c.reason.empty()) p.add("reason", "say why the criteria change");
  if (c.reason.size() > 2000) p.add("reason", "at most 2,000 characters");
  // The matrix is measured against the scales, so it is judged only when both have a valid size;
  // any other problem (a reason, a threshold, a step's text) is named beside the matrix's.
  if (p.has("likelihood") || p.has("impact")) return p.status();
  if (c.matrix.size() != c.likelihood.size()) {
    p.add("matrix", "give a row for each of the " + std::to_string(c.likelihood.size()) +
                        " likelihood steps");
    return p.status();
  }
  for (size_t l = 0; l < c.matrix.size(); ++l) {
    if (c.matrix[l].size() != c.impact.size()) {
      p.add("matrix." + std::to_string(l + 1),
            "give a level for each of the " + std::to_string(c.impact.size()) + " impact steps");
      continue;
    }
    for (size_t i = 0; i < c.matrix[l].size(); ++i) {
      if (level_rank(c.matrix[l][i]) >= levels().size())
        p.add("matrix." + std::to_string(l + 1) + "." + std::to_string(i + 1),
              "choose low, medium, high or critical");
    }
  }
  return p.status();
}

std::optional<std::string> level_of(const Criteria& c, int64_t likelihood, int64_t impact) {
  if (likelihood < 1 || impact < 1) return std::nullopt;
  const auto l = static_cast<size_t>(likelihood - 1), i = static_cast<size_t>(impact - 1);
  if (l >= c.matrix.size() || i >= c.matrix[l].size()) return std::nullopt;
  return c.matrix[l][i];
}

bool above_threshold(const Criteria& c, const std::string& level) {
  return !level.empty() && level_rank(level) < levels().size() &&
         level_rank(level) > level_rank(c.threshold);
}

Result<Criteria> current_criteria(store::Tx& tx, int64_t org) {
  TRY_ASSIGN(auto row,
             tx.query_row(std::string(kSelect) + "ORDER BY c.version DESC LIMIT 1", {org}));
  if (!row) return default_criteria();
  return from_row(*row);
}

Result<Criteria> current_criteria(store::Database& db, int64_t org) {
  return db.read([&](store::Tx& tx) { return current_criteria(tx, org); });
}

Result<std::vector<Criteria>> criteria_versions(store::Database& db, int64_t org) {
  return db.read([&](store::Tx& tx) -> Result<std::vector<Criteria>> {
    TRY_ASSIGN(auto rows, tx.query(std::string(kSelect) + "ORDER BY c.version DESC", {org}));
    std::vector<Criteria> out;
    for (auto& row : rows)
      out.push_back(from_row(row));
    return out;
  });
}

}  // namespace aims::risk
