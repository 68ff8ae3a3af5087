// build_profile(): one pass over a reference log that sketches every feature and the score.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <unordered_map>

#include "monitoring/engine/binning.h"
#include "monitoring/engine/current_distribution.h"
#include "monitoring/engine/engine.h"
#include "monitoring/engine/log_schema.h"
#include "monitoring/engine/pipeline.h"
#include "monitoring/engine/running_stats.h"
#include "monitoring/engine/value_grid.h"

namespace aims::monitoring {

namespace {

// Exact category counts need memory per distinct value; past this a column is not categorical.
constexpr size_t kMaxTrackedCategories = 100'000;

struct ProfiledColumn {
  size_t slot = 0;
  std::string name;
  std::string role;
  ColumnKind kind = ColumnKind::numeric;
  // A classification score: outside [0, 1] it is a type error, as analyze() counts it.
  bool probability = false;
};

std::vector<ProfiledColumn> profiled_columns(const LogSchema& schema, const MonitorConfig& config) {
  std::vector<ProfiledColumn> columns;
  for (size_t i = 0; i < config.columns.features.size(); ++i) {
    const auto& feature = config.columns.features[i];
    columns.push_back({schema.first_feature() + i, feature.name, "feature", feature.kind, false});
  }
  if (schema.score() >= 0) {
    columns.push_back({static_cast<size_t>(schema.score()), config.columns.score, "score",
                       ColumnKind::numeric, config.task == TaskType::classification});
  }
  return columns;
}

struct TransparentStringHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

using CategoryCounts =
    std::unordered_map<std::string, uint64_t, TransparentStringHash, std::equal_to<>>;

Error too_many_categories(const std::string& column) {
  return Error::invalid(column, "column '" + column + "' has more than " +
                                    std::to_string(kMaxTrackedCategories) +
                                    " distinct values; map it as numeric or leave it out");
}

class ProfileAccumulator final : public BlockAccumulator {
 public:
  explicit ProfileAccumulator(const std::vector<ProfiledColumn>& columns)
      : columns_(columns), states_(columns.size()) {}

  Status add(const Row& row) override {
    for (size_t i = 0; i < columns_.size(); ++i) {
      const Field& field = row.fields[columns_[i].slot];
      ColumnState& state = states_[i];
      if (columns_[i].kind == ColumnKind::categorical) {
        if (field.state == FieldState::missing) {
          ++state.missing;
        } else if (field.state == FieldState::invalid) {
          ++state.type_errors;
        } else if (auto found = state.categories.find(field.text);
                   found != state.categories.end()) {
          ++found->second;
        } else {
          if (state.categories.size() >= kMaxTrackedCategories) {
            return too_many_categories(columns_[i].name);
          }
          state.categories.emplace(std::string(field.text), 1);
        }
        continue;
      }
      const NumberRead number = read_number(field);
      const bool out_of_domain = columns_[i].probability && number.status == NumberStatus::value &&
                                 (number.value < 0 || number.value > 1);
      if (number.status == NumberStatus::missing) {
        ++state.missing;
      } else if (number.status == NumberStatus::invalid || out_of_domain) {
        ++state.type_errors;
      } else {
        state.sketch.add(number.value);
        state.moments.add(number.value);
        state.min = std::min(state.min, number.value);
        state.max = std::max(state.max, number.value);
      }
    }
    ++rows_;
    return {};
  }

  Status merge_into(BlockAccumulator& total_base) override {
    auto& total = static_cast<ProfileAccumulator&>(total_base);
    total.rows_ += rows_;
    rows_ = 0;
    for (size_t i = 0; i < states_.size(); ++i) {
      ColumnState& from = states_[i];
      ColumnState& to = total.states_[i];
      to.missing += from.missing;
      to.type_errors += from.type_errors;
      to.sketch.absorb(from.sketch);
      to.moments.merge(from.moments);
      to.min = std::min(to.min, from.min);
      to.max = std::max(to.max, from.max);
      for (auto& [value, count] : from.categories)
        to.categories[value] += count;
      from = ColumnState{std::move(from.sketch)};
      if (to.categories.size() > kMaxTrackedCategories) {
        return too_many_categories(columns_[i].name);
      }
    }
    return {};
  }

  ReferenceProfile profile(const ProfileOptions& options) const {
    ReferenceProfile profile;
    profile.rows = rows_;
    profile.options = options;
    for (size_t i = 0; i < columns_.size(); ++i) {
      const ColumnState& state = states_[i];
      ColumnProfile column;
      column.name = columns_[i].name;
      column.role = columns_[i].role;
      column.kind = columns_[i].kind;
      column.missing = state.missing;
      column.type_errors = state.type_errors;
      if (column.kind == ColumnKind::categorical) {
        column.categorical = categorical_profile(state.categories, options.max_categories);
        column.count = column.categorical.other_count;
        for (const auto& category : column.categorical.categories)
          column.count += category.count;
      } else {
        column.count = state.moments.count();
        if (column.count > 0) column.numeric = numeric_profile(state, options);
      }
      profile.columns.push_back(std::move(column));
    }
    return profile;
  }

 private:
  struct ColumnState {
    ValueSketch sketch;
    Moments moments;
    double min = std::numeric_limits<double>::infinity();
    double max = -std::numeric_limits<double>::infinity();
    uint64_t missing = 0;
    uint64_t type_errors = 0;
    CategoryCounts categories;
  };

  static NumericProfile numeric_profile(const ColumnState& state, const ProfileOptions& options) {
    NumericProfile numeric;
    numeric.min = state.min;
    numeric.max = state.max;
    numeric.mean = state.moments.mean();
    numeric.std_dev = std::sqrt(state.moments.population_variance());
    numeric.fine = equal_frequency_bins(pieces_of(state.sketch), options.fine_bins, state.min,
                                        state.max, true);
    numeric.coarse = equal_frequency_bins(pieces_of(numeric.fine), options.coarse_bins, state.min,
                                          state.max, false);
    return numeric;
  }

  static CategoricalProfile categorical_profile(const CategoryCounts& counts,
                                                size_t max_categories) {
    CategoricalProfile categorical;
    categorical.distinct = counts.size();
    for (const auto& [value, count] : counts)
      categorical.categories.push_back({value, count});
    std::sort(categorical.categories.begin(), categorical.categories.end(),
              [](const CategoryCount& a, const CategoryCount& b) {
                return a.count != b.count ? a.count > b.count : a.value < b.value;
              });
    for (size_t i = max_categories; i < categorical.categories.size(); ++i) {
      categorical.other_count += categorical.categories[i].count;
    }
    if (categorical.categories.size() > max_categories) {
      categorical.categories.resize(max_categories);
    }
    return categorical;
  }

  const std::vector<ProfiledColumn>& columns_;
  std::vector<ColumnState> states_;
  uint64_t rows_ = 0;
};

Status check_options(const ProfileOptions& options) {
  if (options.coarse_bins < 1) return Error::invalid("coarse_bins", "must be at least 1");
  if (options.fine_bins < options.coarse_bins) {
    return Error::invalid("fine_bins", "must be at least coarse_bins");
  }
  if (options.max_categories < 1) return Error::invalid("max_categories", "must be at least 1");
  return {};
}

}  // namespace

Result<ReferenceProfile> build_profile(const LogInput& input, const MonitorConfig& config,
                                       const RunOptions& options,
                                       const ProfileOptions& profile_options) {
  const RunClock clock(options);
  TRY(check_options(profile_options));
  TRY_ASSIGN(auto schema, LogSchema::create(config));
  const auto columns = profiled_columns(schema, config);
  ProfileAccumulator total(columns);
  TRY_ASSIGN(auto pass,
             run_pass(
                 input, schema, options, clock,
                 [&columns] { return std::make_unique<ProfileAccumulator>(columns); }, total));
  ReferenceProfile profile = total.profile(profile_options);
  profile.input_sha256 = pass.sha256;
  profile.input_bytes = pass.input_bytes;
  return profile;
}

const ColumnProfile* ReferenceProfile::find(std::string_view name, std::string_view role) const {
  for (const auto& column : columns) {
    if (column.name == name && column.role == role) return &column;
  }
  return nullptr;
}

}  // namespace aims::monitoring
