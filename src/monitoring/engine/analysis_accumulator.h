// The per-block state of analyze(): every row's contribution to performance (overall and per
// group), drift counters, data-quality counts and the duplicate-id spill.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "monitoring/engine/current_distribution.h"
#include "monitoring/engine/engine.h"
#include "monitoring/engine/id_spill.h"
#include "monitoring/engine/log_schema.h"
#include "monitoring/engine/performance.h"
#include "monitoring/engine/pipeline.h"
#include "monitoring/engine/text_index.h"
#include "monitoring/engine/timestamp_reader.h"

namespace aims::monitoring {

// Rows whose sensitive attribute has no value form this group.
inline constexpr std::string_view kMissingGroup = "(missing)";
// Groups per attribute; more means the column is not a sensitive attribute (an id, a free text).
// Each group may hold up to 320 KiB of ROC AUC histograms per accumulator (64 KiB usually), so
// this also bounds memory.
inline constexpr size_t kMaxGroups = 256;

// What every accumulator reads and nobody writes during the pass.
struct AnalysisPlan {
  // A feature or the score, with its reference when the profile has it with the same kind.
  struct DriftColumn {
    size_t slot = 0;
    std::string name;
    std::string role;
    bool is_score = false;
    ColumnKind kind = ColumnKind::numeric;
    const ColumnProfile* reference = nullptr;  // null when unusable, see no_reference_reason
    std::string no_reference_reason;
    CategoryIndex categories;             // categorical columns with a reference
    std::optional<BinLocator> fine_bins;  // numeric columns with a reference
  };

  AnalysisPlan(const MonitorConfig& config, const LogSchema& schema,
               const ReferenceProfile* reference);

  const MonitorConfig& config;
  const LogSchema& schema;
  MappedRoles roles;
  std::vector<DriftColumn> drift;
  // Per slot: the reference range [min, max] of a numeric feature or score, when known.
  std::vector<std::optional<std::pair<double, double>>> reference_range;
};

struct SlotQuality {
  uint64_t missing = 0;
  uint64_t type_errors = 0;
  uint64_t out_of_range = 0;
};

struct ScopeTally {
  uint64_t rows = 0;
  ClassificationTally classification;
  RegressionTally regression;

  void absorb(ScopeTally& other);
};

// The groups of one sensitive attribute, created as their values appear.
class GroupTallies {
 public:
  // The tally of `group`, or null when it has not appeared yet.
  ScopeTally* find(std::string_view group) {
    const uint32_t found = index_.find(group);
    return found == TextIndex::kAbsent ? nullptr : tallies_[found].get();
  }
  // The tally of a group not yet seen. Errors: invalid_argument when the attribute exceeds
  // kMaxGroups.
  Result<ScopeTally*> add(std::string_view group, const std::string& attribute);
  Status absorb(GroupTallies& other, const std::string& attribute);
  size_t size() const { return index_.size(); }
  const std::string& name(size_t i) const { return index_.text(static_cast<uint32_t>(i)); }
  const ScopeTally& tally(size_t i) const { return *tallies_[i]; }

 private:
  TextIndex index_;
  std::vector<std::unique_ptr<ScopeTally>> tallies_;
};

class AnalysisAccumulator final : public BlockAccumulator {
 public:
  // `spill` is null when no id column is mapped.
  AnalysisAccumulator(const AnalysisPlan& plan, IdSpill* spill);

  Status add(const Row& row) override;
  Status merge_into(BlockAccumulator& total) override;
  // Completes the total once every block is merged: add() leaves the whole log's ROC AUC
  // histograms to be summed from the groups here.
  void finish();

  const AnalysisPlan& plan() const { return plan_; }
  uint64_t rows() const { return rows_; }
  std::optional<int64_t> first_timestamp() const { return first_timestamp_; }
  std::optional<int64_t> last_timestamp() const { return last_timestamp_; }
  const std::vector<SlotQuality>& quality() const { return quality_; }
  const ScopeTally& overall() const { return overall_; }
  const std::vector<GroupTallies>& attributes() const { return attributes_; }
  // Parallel to plan().drift; empty optionals where the column has no usable reference.
  const std::vector<std::optional<BinCounter>>& numeric_drift() const { return numeric_drift_; }
  const std::vector<std::optional<CategoryCounter>>& categorical_drift() const {
    return categorical_drift_;
  }

 private:
  // Rows of a batch whose random counter updates wait in the pending_ vectors.
  static constexpr size_t kBatchRows = 256;

  // The score, read once for performance and drift; outside [0, 1] a type error for classification.
  NumberRead read_score(const Row& row);
  Outcome read_outcome(const Row& row, const NumberRead& score);
  void read_timestamp(const Row& row);
  void read_drift_columns(const Row& row, const NumberRead& score);
  void record_id(const Row& row);
  uint64_t classification_label_hash(std::string_view label);
  // Applies the pending updates, column by column.
  Status apply_pending();
  // The field of `slot` when it holds a value; otherwise counts it as missing or invalid.
  const Field* text_value(const Row& row, int slot);
  // Reads a number, counting missing values and type errors.
  NumberRead read_numeric_slot(const Row& row, int slot);

  const AnalysisPlan& plan_;
  uint64_t rows_ = 0;
  std::optional<int64_t> first_timestamp_;
  std::optional<int64_t> last_timestamp_;
  TimestampReader timestamps_;
  std::vector<SlotQuality> quality_;
  ScopeTally overall_;
  std::vector<GroupTallies> attributes_;
  std::vector<std::optional<BinCounter>> numeric_drift_;
  std::vector<std::optional<CategoryCounter>> categorical_drift_;
  std::unique_ptr<IdSpill::Writer> ids_;
  // hash_label() of the first kCachedLabels distinct classification labels, by label.
  static constexpr size_t kCachedLabels = 16;
  TextIndex labels_;
  std::vector<uint64_t> label_hashes_;

  // The counters a row updates at random (a drift bin per numeric column, a ROC AUC histogram bin,
  // an id-spill batch) are the largest state of the analysis and mostly miss the cache. Row by
  // row, each miss stalls the row's other work; gathered for kBatchRows rows and applied column by
  // column in tight loops, many misses overlap. Every counter still sees its updates in row order,
  // so floating-point sums are unchanged.
  size_t pending_rows_ = 0;
  std::vector<std::vector<double>> pending_values_;  // parallel to plan().drift
  std::vector<std::pair<ScoreHistogram*, int>> pending_scores_;
  std::vector<IdRecord> pending_ids_;
};

}  // namespace aims::monitoring
