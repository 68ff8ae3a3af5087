#include "monitoring/engine/quality_checks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "base/text.h"
#include "monitoring/engine/id_spill.h"
#include "monitoring/engine/row.h"

namespace aims::monitoring {

namespace {

using Value = std::optional<std::string_view>;

QualityResult result_of(const QualityRequirement& r) {
  QualityResult result;
  result.key = r.key;
  result.name = r.name;
  result.kind = r.kind;
  result.threshold = r.kind == QualityKind::representativeness ? r.tolerance : r.threshold;
  return result;
}

QualityResult undefined(const QualityRequirement& r, std::string reason) {
  QualityResult result = result_of(r);
  result.reason = std::move(reason);
  result.summary = result.reason;
  return result;
}

// The text hashed for a value: missing values are one marker, whatever their spelling.
void append_value(std::string& key, const Value& value) {
  if (is_missing(value)) {
    key += '\x01';
    return;
  }
  const std::string_view text = *value;
  const uint64_t size = text.size();
  key += '\x02';
  key.append(reinterpret_cast<const char*>(&size), sizeof size);
  key.append(text);
}

// The hash of a row's values: the listed slots, or every column but `except`.
class RowHasher {
 public:
  RowHasher(std::vector<size_t> slots, std::optional<size_t> except, std::string except_name)
      : slots_(std::move(slots)), except_(except), except_name_(std::move(except_name)) {}

  uint64_t hash(const DatasetRow& row) {
    key_.clear();
    if (!slots_.empty()) {
      for (size_t slot : slots_)
        append_value(key_, row.values[slot]);
    } else if (row.object != nullptr) {
      for (const auto& [name, value] : row.object->items()) {
        if (name == except_name_) continue;
        key_ += name;
        key_ += '\0';
        const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
        append_value(key_, value.is_null() ? Value() : Value(text));
      }
    } else {
      for (size_t slot = 0; slot < row.values.size(); ++slot)
        if (slot != except_) append_value(key_, row.values[slot]);
    }
    return hash_id(key_);
  }

 private:
  std::vector<size_t> slots_;
  std::optional<size_t> except_;
  std::string except_name_;
  std::string key_;
};

// Slots of the named columns, or the first column the file lacks.
Result<std::vector<size_t>> slots_of(ColumnSlots& slots, const std::vector<std::string>& names) {
  std::vector<size_t> found;
  for (const auto& name : names) {
    auto slot = slots.slot(name);
    if (!slot) return Error::not_found("the file has no column '" + name + "'");
    found.push_back(*slot);
  }
  return found;
}

// A requirement that cannot be measured on this file: it fails, saying why.
class Unmeasurable final : public QualityCheck {
 public:
  Unmeasurable(const QualityRequirement& r, std::string reason)
      : result_(undefined(r, std::move(reason))) {}
  Status add(const DatasetRow&) override { return {}; }
  Result<QualityResult> finish(const RunClock&) override { return result_; }

 private:
  QualityResult result_;
};

class Completeness final : public QualityCheck {
 public:
  Completeness(const QualityRequirement& r, std::vector<size_t> slots)
      : r_(r), slots_(std::move(slots)), present_(slots_.size()) {}

  Status add(const DatasetRow& row) override {
    ++rows_;
    for (size_t i = 0; i < slots_.size(); ++i)
      if (!is_missing(row.values[slots_[i]])) ++present_[i];
    return {};
  }

  Result<QualityResult> finish(const RunClock&) override {
    if (rows_ == 0) return undefined(r_, "the file has no well-formed rows");
    QualityResult result = result_of(r_);
    result.pass = true;
    const QualityColumnResult* worst = nullptr;
    for (size_t i = 0; i < slots_.size(); ++i) {
      const double share = static_cast<double>(present_[i]) / static_cast<double>(rows_);
      result.columns.push_back({r_.columns[i], rows_, present_[i], share, share >= r_.threshold});
      result.pass = result.pass && result.columns.back().pass;
    }
    for (const auto& c : result.columns)
      if (!worst || c.measured < worst->measured) worst = &c;
    result.measured = worst->measured;
    result.summary = worst->column + " " + percent(worst->measured) + " complete (minimum " +
                     percent(r_.threshold) + ")";
    return result;
  }

 private:
  const QualityRequirement& r_;
  std::vector<size_t> slots_;
  std::vector<uint64_t> present_;
  uint64_t rows_ = 0;
};

// Duplicates and label consistency: hashed rows counted by an IdSpill in bounded memory.
class HashedRows final : public QualityCheck {
 public:
  HashedRows(const QualityRequirement& r, const RunOptions& options, RowHasher hasher,
             std::optional<size_t> label_slot)
      : r_(r),
        spill_(options.spill_directory, {.disk_bytes = options.max_spill_bytes}),
        writer_(spill_),
        hasher_(std::move(hasher)),
        label_slot_(label_slot) {}

  Status add(const DatasetRow& row) override {
    ++rows_;
    if (!label_slot_) return writer_.add({hasher_.hash(row), 1});
    const Value& label = row.values[*label_slot_];
    if (is_missing(label)) return {};
    return writer_.add({hasher_.hash(row), hash_label(trim(*label))});
  }

  Result<QualityResult> finish(const RunClock& clock) override {
    TRY(writer_.flush_all());
    TRY_ASSIGN(const DuplicateCounts counts, spill_.count(1, clock));
    QualityResult result = result_of(r_);
    if (label_slot_) {
      if (counts.distinct == 0) return undefined(r_, "no row has a label");
      const double share =
          static_cast<double>(counts.conflicting_ids) / static_cast<double>(counts.distinct);
      result.measured = share;
      result.pass = share <= r_.threshold;
      result.summary = std::to_string(counts.conflicting_ids) + " of " +
                       std::to_string(counts.distinct) +
                       " groups of identical features carry different labels (" + percent(share) +
                       "; maximum " + percent(r_.threshold) + ")";
      return result;
    }
    if (rows_ == 0) return undefined(r_, "the file has no well-formed rows");
    const double share = static_cast<double>(counts.duplicate_rows) / static_cast<double>(rows_);
    result.measured = share;
    result.pass = share <= r_.threshold;
    result.summary = std::to_string(counts.duplicate_rows) + " rows repeat an earlier row (" +
                     percent(share) + "; maximum " + percent(r_.threshold) + ")";
    return result;
  }

 private:
  const QualityRequirement& r_;
  IdSpill spill_;
  IdSpill::Writer writer_;
  RowHasher hasher_;
  std::optional<size_t> label_slot_;
  uint64_t rows_ = 0;
};

std::string bound_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

class ValueRange final : public QualityCheck {
 public:
  ValueRange(const QualityRequirement& r, std::vector<size_t> slots)
      : r_(r), slots_(std::move(slots)), present_(slots_.size()), failing_(slots_.size()) {}

  Status add(const DatasetRow& row) override {
    for (size_t i = 0; i < slots_.size(); ++i) {
      const Value& value = row.values[slots_[i]];
      if (is_missing(value)) continue;
      ++present_[i];
      if (!acceptable(trim(*value))) ++failing_[i];
    }
    return {};
  }

  Result<QualityResult> finish(const RunClock&) override {
    QualityResult result = result_of(r_);
    result.pass = true;
    const QualityColumnResult* worst = nullptr;
    for (size_t i = 0; i < slots_.size(); ++i) {
      const double share =
          present_[i] == 0 ? 0
                           : static_cast<double>(failing_[i]) / static_cast<double>(present_[i]);
      result.columns.push_back(
          {r_.columns[i], present_[i], failing_[i], share, share <= r_.threshold});
      result.pass = result.pass && result.columns.back().pass;
    }
    for (const auto& c : result.columns)
      if (!worst || c.measured > worst->measured) worst = &c;
    if (worst == nullptr) return undefined(r_, "no column is named");
    result.measured = worst->measured;
    result.summary = worst->column + ": " + percent(worst->measured) + " of values " +
                     expectation() + " (maximum " + percent(r_.threshold) + ")";
    return result;
  }

 private:
  bool acceptable(std::string_view text) const {
    if (!r_.allowed_values.empty()) {
      return std::find(r_.allowed_values.begin(), r_.allowed_values.end(), text) !=
             r_.allowed_values.end();
    }
    const NumberRead number = read_number(Field{.state = FieldState::value, .text = text});
    if (number.status != NumberStatus::value) return false;
    return (!r_.min || number.value >= *r_.min) && (!r_.max || number.value <= *r_.max);
  }

  std::string expectation() const {
    if (!r_.allowed_values.empty()) return "not among the allowed values";
    if (r_.min && r_.max) return "outside " + bound_text(*r_.min) + " to " + bound_text(*r_.max);
    if (r_.min) return "below " + bound_text(*r_.min) + " or not numbers";
    if (r_.max) return "above " + bound_text(*r_.max) + " or not numbers";
    return "not numbers";
  }

  const QualityRequirement& r_;
  std::vector<size_t> slots_;
  std::vector<uint64_t> present_;
  std::vector<uint64_t> failing_;
};

class Representativeness final : public QualityCheck {
 public:
  Representativeness(const QualityRequirement& r, size_t slot) : r_(r), slot_(slot) {
    for (const auto& target : r_.targets)
      counts_[target.group] = 0;
  }

  Status add(const DatasetRow& row) override {
    const Value& value = row.values[slot_];
    if (is_missing(value)) return {};
    ++grouped_;
    // Only the declared groups are counted, so memory does not grow with the file's values.
    auto found = counts_.find(std::string(trim(*value)));
    if (found != counts_.end()) ++found->second;
    return {};
  }

  Result<QualityResult> finish(const RunClock&) override {
    if (grouped_ == 0) return undefined(r_, "no row has a value in " + r_.group_column);
    QualityResult result = result_of(r_);
    result.pass = true;
    double lowest_ratio = 0;
    std::string shortfalls;
    for (const auto& target : r_.targets) {
      const uint64_t rows = counts_[target.group];
      const double share = static_cast<double>(rows) / static_cast<double>(grouped_);
      const double minimum = target.share * r_.tolerance;
      const bool pass = share >= minimum;
      result.groups.push_back({target.group, target.share, minimum, rows, share, pass});
      const double ratio = share / target.share;
      if (result.groups.size() == 1 || ratio < lowest_ratio) lowest_ratio = ratio;
      if (pass) continue;
      result.pass = false;
      if (!shortfalls.empty()) shortfalls += "; ";
      shortfalls += r_.group_column + " " + target.group + " at " + percent(share) + ", minimum " +
                    percent(minimum);
    }
    result.measured = lowest_ratio;
    result.summary = result.pass ? "every group at or above its minimum share"
                                 : "under-represents: " + shortfalls;
    return result;
  }

 private:
  const QualityRequirement& r_;
  size_t slot_;
  std::map<std::string, uint64_t> counts_;
  uint64_t grouped_ = 0;
};

Result<std::unique_ptr<QualityCheck>> try_make_check(const QualityRequirement& r,
                                                     CheckContext context) {
  switch (r.kind) {
    case QualityKind::completeness: {
      TRY_ASSIGN(auto slots, slots_of(context.slots, r.columns));
      return std::unique_ptr<QualityCheck>(std::make_unique<Completeness>(r, std::move(slots)));
    }
    case QualityKind::duplicates: {
      TRY_ASSIGN(auto slots, slots_of(context.slots, r.columns));
      return std::unique_ptr<QualityCheck>(std::make_unique<HashedRows>(
          r, context.options, RowHasher(std::move(slots), std::nullopt, ""), std::nullopt));
    }
    case QualityKind::label_consistency: {
      TRY_ASSIGN(auto label, slots_of(context.slots, {r.label_column}));
      TRY_ASSIGN(auto features, slots_of(context.slots, r.columns));
      return std::unique_ptr<QualityCheck>(std::make_unique<HashedRows>(
          r, context.options, RowHasher(std::move(features), label[0], r.label_column), label[0]));
    }
    case QualityKind::value_range: {
      TRY_ASSIGN(auto slots, slots_of(context.slots, r.columns));
      return std::unique_ptr<QualityCheck>(std::make_unique<ValueRange>(r, std::move(slots)));
    }
    case QualityKind::representativeness: {
      TRY_ASSIGN(auto group, slots_of(context.slots, {r.group_column}));
      return std::unique_ptr<QualityCheck>(std::make_unique<Representativeness>(r, group[0]));
    }
  }
  return Error::malformed("unknown requirement kind");
}

}  // namespace

std::optional<size_t> ColumnSlots::slot(const std::string& name) {
  auto found = std::find(names_.begin(), names_.end(), name);
  if (found != names_.end()) return static_cast<size_t>(found - names_.begin());
  if (fixed_) return std::nullopt;
  names_.push_back(name);
  return names_.size() - 1;
}

bool is_missing(const std::optional<std::string_view>& value) {
  return !value || is_missing_marker(*value);
}

std::unique_ptr<QualityCheck> make_check(const QualityRequirement& requirement,
                                         CheckContext context) {
  auto check = try_make_check(requirement, context);
  if (check) return std::move(*check);
  return std::make_unique<Unmeasurable>(requirement, check.error().message);
}

std::string percent(double share) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", share * 100);
  std::string out = text;
  while (out.back() == '0')
    out.pop_back();
  if (out.back() == '.') out.pop_back();
  return out + " %";
}

}  // namespace aims::monitoring
