// evaluate_robustness(): one pass over the original log keeps each row's outcome by id, a second
// pass over the perturbed log compares each row with its original.
#include "monitoring/engine/robustness.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "monitoring/engine/log_schema.h"
#include "monitoring/engine/pipeline.h"
#include "monitoring/engine/row.h"
#include "monitoring/engine/run_limits.h"

namespace aims::monitoring {
namespace {

constexpr const char* kMissingGroup = "(missing)";

// What one row says: its predicted class (empty: none) and score, and its group per attribute.
struct Outcome {
  std::string predicted;
  std::optional<double> score;
  std::vector<std::string> groups;
  uint64_t line = 0;
};

class OutcomeReader {
 public:
  OutcomeReader(const MonitorConfig& config, const LogSchema& schema)
      : config_(config), schema_(schema) {}

  std::string id(const Row& row) const {
    const Field& field = row.fields[schema_.id()];
    return field.state == FieldState::value ? std::string(field.text) : std::string();
  }

  Outcome read(const Row& row) const {
    Outcome outcome;
    outcome.line = row.line;
    outcome.score = score(row);
    if (config_.task == TaskType::classification) {
      if (schema_.prediction() >= 0) {
        const Field& field = row.fields[schema_.prediction()];
        if (field.state == FieldState::value) outcome.predicted = std::string(field.text);
      } else if (outcome.score) {
        outcome.predicted = *outcome.score >= config_.decision_threshold ? "positive" : "negative";
      }
    }
    for (size_t i = 0; i < config_.columns.sensitive_attributes.size(); ++i) {
      const Field& field = row.fields[schema_.first_sensitive() + i];
      outcome.groups.push_back(field.state == FieldState::value && !field.text.empty()
                                   ? std::string(field.text)
                                   : kMissingGroup);
    }
    return outcome;
  }

 private:
  // A regression's output is its prediction; a classification's, its score.
  std::optional<double> score(const Row& row) const {
    const int slot = config_.task == TaskType::regression ? schema_.prediction() : schema_.score();
    if (slot < 0) return std::nullopt;
    const NumberRead number = read_number(row.fields[slot]);
    if (number.status != NumberStatus::value) return std::nullopt;
    return number.value;
  }

  const MonitorConfig& config_;
  const LogSchema& schema_;
};

Error duplicate_id(std::string_view log, const std::string& id, uint64_t line) {
  return Error::malformed("line " + std::to_string(line) + ": id '" + id +
                          "' appears more than once in the " + std::string(log) + " log");
}

struct TransparentHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

// Texts that repeat (classes, groups) kept once, by number.
class Dictionary {
 public:
  uint32_t number(std::string_view text) {
    if (const auto found = numbers_.find(text); found != numbers_.end()) return found->second;
    const auto n = static_cast<uint32_t>(texts_.size());
    texts_.emplace_back(text);
    numbers_.emplace(std::string(text), n);
    return n;
  }
  const std::string& text(uint32_t n) const { return texts_[n]; }
  size_t size() const { return texts_.size(); }

 private:
  std::vector<std::string> texts_;
  std::unordered_map<std::string, uint32_t, TransparentHash, std::equal_to<>> numbers_;
};

// An original row as pass two needs it: 32 bytes besides its id.
struct Kept {
  uint32_t row = 0;        // its groups are at row x attributes in OriginalIndex::groups_
  uint32_t predicted = 0;  // in the class dictionary; 0: none
  std::optional<double> score;
  // Set as pass two merges (on one thread, while workers read the other members), so an id twice
  // in the perturbed log is caught.
  mutable bool paired = false;
};

// Every original row by id.
class OriginalIndex {
 public:
  explicit OriginalIndex(size_t attributes) : attributes_(attributes), groups_(attributes) {
    classes_.number("");
  }

  Status add(const std::string& id, const Outcome& outcome) {
    if (rows_.size() >= kMaxRobustnessRows) {
      return Error{ErrorCode::too_large, "the original log has more than " +
                                             std::to_string(kMaxRobustnessRows) +
                                             " rows; robustness pairs at most that many"};
    }
    Kept kept{static_cast<uint32_t>(rows_.size()), classes_.number(outcome.predicted),
              outcome.score};
    if (!rows_.emplace(id, kept).second) return duplicate_id("original", id, outcome.line);
    for (size_t i = 0; i < attributes_; ++i)
      group_of_row_.push_back(groups_[i].number(outcome.groups[i]));
    return {};
  }

  const Kept* find(std::string_view id) const {
    const auto found = rows_.find(id);
    return found == rows_.end() ? nullptr : &found->second;
  }
  const std::string& predicted(const Kept& kept) const { return classes_.text(kept.predicted); }
  uint32_t group(const Kept& kept, size_t attribute) const {
    return group_of_row_[size_t{kept.row} * attributes_ + attribute];
  }
  const Dictionary& groups(size_t attribute) const { return groups_[attribute]; }
  size_t size() const { return rows_.size(); }
  // Only for the message of a duplicate, which ends the pass: a walk over the index will do.
  std::string id_of(const Kept& kept) const {
    for (const auto& [id, row] : rows_)
      if (&row == &kept) return id;
    return {};
  }

 private:
  size_t attributes_;
  std::unordered_map<std::string, Kept, TransparentHash, std::equal_to<>> rows_;
  Dictionary classes_;
  std::vector<Dictionary> groups_;
  std::vector<uint32_t> group_of_row_;
};

// Pass one: every original row by id.
class OriginalAccumulator final : public BlockAccumulator {
 public:
  OriginalAccumulator(const OutcomeReader& reader, size_t attributes)
      : reader_(reader), index_(attributes) {}

  Status add(const Row& row) override {
    std::string id = reader_.id(row);
    if (id.empty()) {
      ++without_id_;
      return {};
    }
    block_.emplace_back(std::move(id), reader_.read(row));
    return {};
  }

  Status merge_into(BlockAccumulator& total) override {
    auto& into = static_cast<OriginalAccumulator&>(total);
    into.without_id_ += without_id_;
    for (const auto& [id, outcome] : block_)
      TRY(into.index_.add(id, outcome));
    block_.clear();
    without_id_ = 0;
    return {};
  }

  const OriginalIndex& index() const { return index_; }
  uint64_t without_id() const { return without_id_; }

 private:
  const OutcomeReader& reader_;
  std::vector<std::pair<std::string, Outcome>> block_;
  OriginalIndex index_;
  uint64_t without_id_ = 0;
};

struct Counts {
  uint64_t pairs = 0;
  uint64_t compared = 0;
  uint64_t flips = 0;
  uint64_t scored = 0;
  double change_sum = 0;
  double change_max = 0;

  void add(const std::string& predicted_before, std::optional<double> score_before,
           const Outcome& after) {
    ++pairs;
    if (!predicted_before.empty() && !after.predicted.empty()) {
      ++compared;
      if (predicted_before != after.predicted) ++flips;
    }
    if (score_before && after.score) {
      const double change = std::fabs(*after.score - *score_before);
      ++scored;
      change_sum += change;
      change_max = std::max(change_max, change);
    }
  }

  void merge(const Counts& other) {
    pairs += other.pairs;
    compared += other.compared;
    flips += other.flips;
    change_max = std::max(change_max, other.change_max);  // changes are never negative
    scored += other.scored;
    change_sum += other.change_sum;
  }
};

// Attribute index -> group number (OriginalIndex::groups) -> counts.
using GroupCounts = std::vector<std::vector<Counts>>;

// Pass two: each perturbed row against its original.
class PerturbedAccumulator final : public BlockAccumulator {
 public:
  PerturbedAccumulator(const OutcomeReader& reader, const OriginalIndex& originals,
                       size_t attributes)
      : reader_(reader), originals_(originals), groups_(attributes) {}

  Status add(const Row& row) override {
    std::string id = reader_.id(row);
    if (id.empty()) {
      ++unmatched_;
      return {};
    }
    const Kept* original = originals_.find(id);
    if (original == nullptr) {
      unmatched_ids_.emplace_back(std::move(id), row.line);
      return {};
    }
    const Outcome perturbed = reader_.read(row);
    const std::string& predicted = originals_.predicted(*original);
    overall_.add(predicted, original->score, perturbed);
    for (size_t i = 0; i < groups_.size(); ++i) {
      const uint32_t group = originals_.group(*original, i);
      if (groups_[i].size() <= group) groups_[i].resize(originals_.groups(i).size());
      groups_[i][group].add(predicted, original->score, perturbed);
    }
    matched_.push_back({original, row.line});
    return {};
  }

  Status merge_into(BlockAccumulator& total) override {
    auto& into = static_cast<PerturbedAccumulator&>(total);
    for (const auto& [original, line] : matched_) {
      if (original->paired) return duplicate_id("perturbed", originals_.id_of(*original), line);
      original->paired = true;
    }
    for (auto& [id, line] : unmatched_ids_) {
      if (into.unmatched_seen_.size() >= kMaxRobustnessRows) {
        return Error{ErrorCode::too_large,
                     "the perturbed log has more than " + std::to_string(kMaxRobustnessRows) +
                         " rows whose id the original log does not have; is the id column right?"};
      }
      const auto [kept, inserted] = into.unmatched_seen_.insert(std::move(id));
      if (!inserted) return duplicate_id("perturbed", *kept, line);
    }
    into.unmatched_ += unmatched_ + unmatched_ids_.size();
    into.overall_.merge(overall_);
    for (size_t i = 0; i < groups_.size(); ++i) {
      if (into.groups_[i].size() < groups_[i].size()) into.groups_[i].resize(groups_[i].size());
      for (size_t g = 0; g < groups_[i].size(); ++g)
        into.groups_[i][g].merge(groups_[i][g]);
    }
    matched_.clear();
    unmatched_ids_.clear();
    unmatched_ = 0;
    overall_ = {};
    for (auto& attribute : groups_)
      attribute.clear();
    return {};
  }

  const Counts& overall() const { return overall_; }
  const GroupCounts& groups() const { return groups_; }
  uint64_t unmatched() const { return unmatched_; }
  uint64_t matched() const { return overall_.pairs; }

 private:
  struct Match {
    const Kept* original;
    uint64_t line;
  };

  const OutcomeReader& reader_;
  const OriginalIndex& originals_;
  std::vector<Match> matched_;
  std::vector<std::pair<std::string, uint64_t>> unmatched_ids_;
  std::unordered_set<std::string> unmatched_seen_;
  uint64_t unmatched_ = 0;
  Counts overall_;
  GroupCounts groups_;
};

RobustnessTally tally_of(const Counts& counts, TaskType task) {
  RobustnessTally tally{counts.pairs, counts.compared, counts.flips, counts.scored, {}, {}, {}};
  if (task == TaskType::regression) {
    tally.flip_rate = MetricValue::undefined("a regression model's outputs do not flip");
  } else if (counts.compared == 0) {
    tally.flip_rate = MetricValue::undefined("no pair has a predicted class in both logs");
  } else {
    tally.flip_rate = MetricValue::of(
        static_cast<double>(counts.flips) / static_cast<double>(counts.compared), counts.compared);
  }
  if (counts.scored == 0) {
    const char* reason = "no pair has a numeric score in both logs";
    tally.max_score_change = MetricValue::undefined(reason);
    tally.mean_score_change = MetricValue::undefined(reason);
  } else {
    tally.max_score_change = MetricValue::of(counts.change_max, counts.scored);
    tally.mean_score_change =
        MetricValue::of(counts.change_sum / static_cast<double>(counts.scored), counts.scored);
  }
  return tally;
}

void add_samples(const RobustnessTally& tally, const MetricScope& scope,
                 std::vector<MetricSample>& samples) {
  samples.push_back({kFlipRateKey, scope, tally.flip_rate});
  samples.push_back({kMaxScoreChangeKey, scope, tally.max_score_change});
}

nlohmann::json metric_json(const MetricValue& value) {
  nlohmann::json json = {{"count", value.count}};
  if (value.value) {
    json["value"] = *value.value;
  } else {
    json["value"] = nullptr;
    json["undefined_reason"] = value.undefined_reason;
  }
  return json;
}

nlohmann::json tally_json(const RobustnessTally& tally) {
  return {{"pairs", tally.pairs},
          {"compared", tally.compared},
          {"flips", tally.flips},
          {"scored", tally.scored},
          {"flip_rate", metric_json(tally.flip_rate)},
          {"max_score_change", metric_json(tally.max_score_change)},
          {"mean_score_change", metric_json(tally.mean_score_change)}};
}

}  // namespace

const std::vector<std::string>& robustness_metric_keys() {
  static const std::vector<std::string> keys = {kFlipRateKey, kMaxScoreChangeKey};
  return keys;
}

Result<RobustnessReport> evaluate_robustness(const LogInput& original, const LogInput& perturbed,
                                             const MonitorConfig& config,
                                             const RunOptions& options) {
  if (config.columns.id.empty()) {
    return Error::invalid("columns.id", "robustness pairs the two logs by id; map the id column");
  }
  const RunClock clock(options);
  TRY_ASSIGN(const auto schema, LogSchema::create(config));
  const OutcomeReader reader(config, schema);

  const size_t attributes = config.columns.sensitive_attributes.size();
  OriginalAccumulator originals(reader, attributes);
  TRY_ASSIGN(
      const auto first,
      run_pass(
          original, schema, options, clock,
          [&] { return std::make_unique<OriginalAccumulator>(reader, attributes); }, originals));

  const OriginalIndex& rows = originals.index();
  PerturbedAccumulator compared(reader, rows, attributes);
  TRY_ASSIGN(const auto second,
             run_pass(
                 perturbed, schema, options, clock,
                 [&] { return std::make_unique<PerturbedAccumulator>(reader, rows, attributes); },
                 compared));

  RobustnessReport report;
  report.original_sha256 = first.sha256;
  report.perturbed_sha256 = second.sha256;
  report.original_rows = first.rows;
  report.perturbed_rows = second.rows;
  report.unmatched_original = rows.size() - compared.matched() + originals.without_id();
  report.unmatched_perturbed = compared.unmatched();
  report.overall = tally_of(compared.overall(), config.task);
  add_samples(report.overall, {}, report.samples);
  for (size_t i = 0; i < attributes; ++i) {
    const std::string& attribute = config.columns.sensitive_attributes[i];
    // By group name: a map orders them.
    std::map<std::string, const Counts*> by_name;
    const auto& counts = compared.groups()[i];
    for (size_t g = 0; g < counts.size(); ++g)
      if (counts[g].pairs > 0) by_name[rows.groups(i).text(static_cast<uint32_t>(g))] = &counts[g];
    for (const auto& [group, tally] : by_name) {
      report.groups.push_back({attribute, group, tally_of(*tally, config.task)});
      MetricScope scope{.kind = ScopeKind::group, .attribute = attribute, .group = group};
      add_samples(report.groups.back().tally, scope, report.samples);
    }
  }
  return report;
}

nlohmann::json to_json(const RobustnessReport& report) {
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& group : report.groups) {
    nlohmann::json entry = tally_json(group.tally);
    entry["attribute"] = group.attribute;
    entry["group"] = group.group;
    groups.push_back(std::move(entry));
  }
  return {{"original", {{"sha256", report.original_sha256}, {"rows", report.original_rows}}},
          {"perturbed", {{"sha256", report.perturbed_sha256}, {"rows", report.perturbed_rows}}},
          {"unmatched_original", report.unmatched_original},
          {"unmatched_perturbed", report.unmatched_perturbed},
          {"overall", tally_json(report.overall)},
          {"groups", std::move(groups)}};
}

}  // namespace aims::monitoring
