#include "monitoring/engine/analysis_accumulator.h"

#include <algorithm>

namespace aims::monitoring {

namespace {

// Why `found` cannot serve as the reference of a column, or empty when it can.
std::string unusable_reason(const ReferenceProfile* profile, const ColumnProfile* found,
                            const std::string& name, ColumnKind kind) {
  if (profile == nullptr) return "no reference profile";
  if (found == nullptr) return "the reference profile has no column '" + name + "'";
  if (found->kind != kind) {
    return "the reference profile has '" + name + "' as " + std::string(to_string(found->kind));
  }
  if (found->count == 0) return "the reference has no valid values for '" + name + "'";
  return {};
}

// Labels are short ("1", "yes"): comparing bytes in place beats a call to memcmp.
bool same_label(std::string_view text, std::string_view positive) {
  if (text.size() != positive.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != positive[i]) return false;
  }
  return true;
}

}  // namespace

AnalysisPlan::AnalysisPlan(const MonitorConfig& config, const LogSchema& schema,
                           const ReferenceProfile* reference)
    : config(config), schema(schema), reference_range(schema.slots().size()) {
  roles.label = schema.label() >= 0;
  roles.score = schema.score() >= 0;
  const auto add_column = [&](size_t slot, const std::string& name, const std::string& role,
                              ColumnKind kind) {
    DriftColumn column{slot, name, role, role == "score", kind, nullptr, {}, {}, {}};
    const ColumnProfile* found = reference == nullptr ? nullptr : reference->find(name, role);
    column.no_reference_reason = unusable_reason(reference, found, name, kind);
    if (column.no_reference_reason.empty()) {
      column.reference = found;
      if (kind == ColumnKind::categorical) {
        column.categories = index_categories(found->categorical);
      } else {
        reference_range[slot] = std::make_pair(found->numeric.min, found->numeric.max);
        column.fine_bins.emplace(found->numeric.fine.edges);
      }
    }
    drift.push_back(std::move(column));
  };
  for (size_t i = 0; i < config.columns.features.size(); ++i) {
    const auto& feature = config.columns.features[i];
    add_column(schema.first_feature() + i, feature.name, "feature", feature.kind);
  }
  if (schema.score() >= 0) {
    add_column(static_cast<size_t>(schema.score()), config.columns.score, "score",
               ColumnKind::numeric);
  }
}

void ScopeTally::absorb(ScopeTally& other) {
  rows += other.rows;
  other.rows = 0;
  classification.absorb(other.classification);
  regression.absorb(other.regression);
}

Result<ScopeTally*> GroupTallies::add(std::string_view group, const std::string& attribute) {
  if (index_.size() >= kMaxGroups) {
    return Error::invalid(attribute, "sensitive attribute '" + attribute + "' has more than " +
                                         std::to_string(kMaxGroups) + " distinct values");
  }
  index_.add(group);
  tallies_.push_back(std::make_unique<ScopeTally>());
  return tallies_.back().get();
}

Status GroupTallies::absorb(GroupTallies& other, const std::string& attribute) {
  for (size_t i = 0; i < other.size(); ++i) {
    if (other.tallies_[i]->rows == 0) continue;
    ScopeTally* tally = find(other.name(i));
    if (tally == nullptr) {
      TRY_ASSIGN(tally, add(other.name(i), attribute));
    }
    tally->absorb(*other.tallies_[i]);
  }
  return {};
}

AnalysisAccumulator::AnalysisAccumulator(const AnalysisPlan& plan, IdSpill* spill)
    : plan_(plan),
      quality_(plan.schema.slots().size()),
      attributes_(plan.config.columns.sensitive_attributes.size()) {
  for (const auto& column : plan.drift) {
    if (column.reference != nullptr && column.kind == ColumnKind::numeric) {
      numeric_drift_.emplace_back(BinCounter(*column.fine_bins));
    } else {
      numeric_drift_.emplace_back();
    }
    if (column.reference != nullptr && column.kind == ColumnKind::categorical) {
      categorical_drift_.emplace_back(CategoryCounter(column.categories));
    } else {
      categorical_drift_.emplace_back();
    }
  }
  if (spill != nullptr) ids_ = std::make_unique<IdSpill::Writer>(*spill);
  pending_values_.resize(plan.drift.size());
  for (size_t i = 0; i < plan.drift.size(); ++i) {
    if (numeric_drift_[i]) pending_values_[i].reserve(kBatchRows);
  }
  pending_scores_.reserve(kBatchRows * (1 + attributes_.size()));
  if (ids_) pending_ids_.reserve(kBatchRows);
}

const Field* AnalysisAccumulator::text_value(const Row& row, int slot) {
  const Field& field = row.fields[slot];
  if (field.state == FieldState::value) return &field;
  ++(field.state == FieldState::missing ? quality_[slot].missing : quality_[slot].type_errors);
  return nullptr;
}

NumberRead AnalysisAccumulator::read_numeric_slot(const Row& row, int slot) {
  const NumberRead number = read_number(row.fields[slot]);
  SlotQuality& quality = quality_[slot];
  if (number.status == NumberStatus::missing) ++quality.missing;
  if (number.status == NumberStatus::invalid) ++quality.type_errors;
  return number;
}

NumberRead AnalysisAccumulator::read_score(const Row& row) {
  const int slot = plan_.schema.score();
  if (slot < 0) return {};
  NumberRead score = read_numeric_slot(row, slot);
  if (score.status == NumberStatus::value && plan_.config.task == TaskType::classification &&
      (score.value < 0 || score.value > 1)) {
    ++quality_[slot].type_errors;  // not a probability
    score.status = NumberStatus::invalid;
  }
  return score;
}

Outcome AnalysisAccumulator::read_outcome(const Row& row, const NumberRead& score) {
  const LogSchema& schema = plan_.schema;
  const std::string& positive = plan_.config.positive_label;
  Outcome outcome;
  if (score.status == NumberStatus::value) {
    outcome.has_score = true;
    outcome.score = score.value;
  }
  if (schema.prediction() >= 0) {
    if (const Field* prediction = text_value(row, schema.prediction())) {
      outcome.has_prediction = true;
      outcome.predicted_positive = same_label(prediction->text, positive);
    }
  } else if (outcome.has_score) {
    outcome.has_prediction = true;
    outcome.predicted_positive = outcome.score >= plan_.config.decision_threshold;
  }
  if (schema.label() >= 0) {
    if (const Field* label = text_value(row, schema.label())) {
      outcome.has_label = true;
      outcome.actual_positive = same_label(label->text, positive);
    }
  }
  score_outcome(outcome);
  return outcome;
}

void AnalysisAccumulator::read_timestamp(const Row& row) {
  const int slot = plan_.schema.timestamp();
  if (slot < 0) return;
  const Field* field = text_value(row, slot);
  if (field == nullptr) return;
  const auto micros = timestamps_.read(field->text);
  if (!micros) {
    ++quality_[slot].type_errors;
    return;
  }
  first_timestamp_ = first_timestamp_ ? std::min(*first_timestamp_, *micros) : *micros;
  last_timestamp_ = last_timestamp_ ? std::max(*last_timestamp_, *micros) : *micros;
}

void AnalysisAccumulator::read_drift_columns(const Row& row, const NumberRead& score) {
  for (size_t i = 0; i < plan_.drift.size(); ++i) {
    const auto& column = plan_.drift[i];
    if (column.kind == ColumnKind::categorical) {
      const Field* field = text_value(row, static_cast<int>(column.slot));
      if (field != nullptr && categorical_drift_[i]) categorical_drift_[i]->add(field->text);
      continue;
    }
    const NumberRead number =
        column.is_score ? score : read_numeric_slot(row, static_cast<int>(column.slot));
    if (number.status != NumberStatus::value) continue;
    if (const auto& range = plan_.reference_range[column.slot];
        range && (number.value < range->first || number.value > range->second)) {
      ++quality_[column.slot].out_of_range;
    }
    if (numeric_drift_[i]) pending_values_[i].push_back(number.value);
  }
}

void AnalysisAccumulator::record_id(const Row& row) {
  const int slot = plan_.schema.id();
  if (slot < 0) return;
  const Field* field = text_value(row, slot);
  if (field == nullptr) return;
  IdRecord record{hash_id(field->text), 0};
  if (const int label = plan_.schema.label(); label >= 0) {
    const Field& value = row.fields[label];
    if (plan_.config.task == TaskType::regression) {
      const NumberRead number = read_number(value);
      if (number.status == NumberStatus::value) record.label_hash = hash_label(number.value);
    } else if (value.state == FieldState::value) {
      record.label_hash = classification_label_hash(value.text);
    }
  }
  pending_ids_.push_back(record);
}

uint64_t AnalysisAccumulator::classification_label_hash(std::string_view label) {
  // Classification labels take few values ("0", "1"), in random order: looking a label up in the
  // index costs less than hashing it.
  if (const uint32_t found = labels_.find(label); found != TextIndex::kAbsent) {
    return label_hashes_[found];
  }
  const uint64_t hash = hash_label(label);
  if (labels_.size() < kCachedLabels) {
    labels_.add(label);
    label_hashes_.push_back(hash);
  }
  return hash;
}

Status AnalysisAccumulator::apply_pending() {
  for (size_t i = 0; i < pending_values_.size(); ++i) {
    for (const double x : pending_values_[i])
      numeric_drift_[i]->add(x);
    pending_values_[i].clear();
  }
  for (const auto& [histogram, bin] : pending_scores_)
    histogram->add(bin);
  pending_scores_.clear();
  Status status;
  for (const IdRecord& record : pending_ids_) {
    if (status = ids_->add(record); !status) break;
  }
  pending_ids_.clear();
  pending_rows_ = 0;
  return status;
}

Status AnalysisAccumulator::add(const Row& row) {
  ++rows_;
  read_timestamp(row);
  const LogSchema& schema = plan_.schema;
  const bool classification = plan_.config.task == TaskType::classification;
  const NumberRead score = read_score(row);
  // Built in place: copying it out of read_outcome's result stalled on the byte stores that had
  // just written its flags (a wide load cannot be forwarded from narrow stores).
  const Outcome outcome = classification ? read_outcome(row, score) : Outcome();
  NumberRead prediction;
  NumberRead label;
  if (!classification) {
    prediction = read_numeric_slot(row, schema.prediction());
    if (schema.label() >= 0) label = read_numeric_slot(row, schema.label());
  }
  const auto& attributes = plan_.config.columns.sensitive_attributes;
  // The whole log's ROC AUC histograms are the sum of the first attribute's groups' (finish()).
  const auto add_to = [&](ScopeTally& tally, bool histograms) {
    ++tally.rows;
    if (!classification) {
      tally.regression.add(prediction.status == NumberStatus::value, prediction.value,
                           label.status == NumberStatus::value, label.value);
      return;
    }
    tally.classification.add_counts(outcome);
    if (!histograms) return;
    if (ScoreHistogram* histogram = tally.classification.histogram_of(outcome)) {
      pending_scores_.emplace_back(histogram, outcome.score_bin);
    }
  };
  add_to(overall_, attributes.empty());
  for (size_t a = 0; a < attributes.size(); ++a) {
    const size_t slot = schema.first_sensitive() + a;
    const Field* field = text_value(row, static_cast<int>(slot));
    const std::string_view group = field != nullptr ? field->text : kMissingGroup;
    ScopeTally* tally = attributes_[a].find(group);
    if (tally == nullptr) {
      TRY_ASSIGN(tally, attributes_[a].add(group, attributes[a]));
    }
    add_to(*tally, true);
  }
  read_drift_columns(row, score);
  record_id(row);
  return ++pending_rows_ == kBatchRows ? apply_pending() : Status();
}

void AnalysisAccumulator::finish() {
  if (plan_.config.task != TaskType::classification || attributes_.empty()) return;
  // Every row is in exactly one group of each attribute, so these integer counts add up exactly.
  const GroupTallies& groups = attributes_.front();
  for (size_t g = 0; g < groups.size(); ++g) {
    overall_.classification.add_histograms_of(groups.tally(g).classification);
  }
}

Status AnalysisAccumulator::merge_into(BlockAccumulator& total_base) {
  auto& total = static_cast<AnalysisAccumulator&>(total_base);
  if (auto status = apply_pending(); !status) return status;
  total.rows_ += rows_;
  rows_ = 0;
  if (first_timestamp_) {
    total.first_timestamp_ =
        std::min(total.first_timestamp_.value_or(*first_timestamp_), *first_timestamp_);
    total.last_timestamp_ =
        std::max(total.last_timestamp_.value_or(*last_timestamp_), *last_timestamp_);
  }
  first_timestamp_.reset();
  last_timestamp_.reset();
  for (size_t slot = 0; slot < quality_.size(); ++slot) {
    total.quality_[slot].missing += quality_[slot].missing;
    total.quality_[slot].type_errors += quality_[slot].type_errors;
    total.quality_[slot].out_of_range += quality_[slot].out_of_range;
    quality_[slot] = {};
  }
  total.overall_.absorb(overall_);
  const auto& names = plan_.config.columns.sensitive_attributes;
  for (size_t a = 0; a < attributes_.size(); ++a) {
    if (auto status = total.attributes_[a].absorb(attributes_[a], names[a]); !status) {
      return status;
    }
  }
  for (size_t i = 0; i < numeric_drift_.size(); ++i) {
    if (numeric_drift_[i]) total.numeric_drift_[i]->absorb(*numeric_drift_[i]);
    if (categorical_drift_[i]) total.categorical_drift_[i]->absorb(*categorical_drift_[i]);
  }
  // Spilled ids are shared by all accumulators; flushing per block keeps the batches small.
  return ids_ ? ids_->flush_all() : Status();
}

}  // namespace aims::monitoring
