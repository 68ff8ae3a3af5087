#include "monitoring/engine/log_schema.h"

#include <cmath>
#include <set>

namespace aims::monitoring {

std::string_view to_string(SlotRole role) {
  switch (role) {
    case SlotRole::id:
      return "id";
    case SlotRole::timestamp:
      return "timestamp";
    case SlotRole::prediction:
      return "prediction";
    case SlotRole::score:
      return "score";
    case SlotRole::label:
      return "label";
    case SlotRole::sensitive:
      return "sensitive";
    case SlotRole::feature:
      return "feature";
  }
  return "unknown";
}

namespace {

// Slots are 16-bit indices; no real monitor comes near this.
constexpr size_t kMaxMappedColumns = 4096;

Status check_names(const std::vector<std::string>& names, const std::string& field) {
  std::set<std::string_view> seen;
  for (const auto& name : names) {
    if (name.empty()) return Error::invalid(field, "column names must not be empty");
    if (!seen.insert(name).second) {
      return Error::invalid(field, "column '" + name + "' is listed twice");
    }
  }
  return {};
}

}  // namespace

int LogSchema::add_slot(const std::string& column, SlotRole role, bool numeric) {
  if (column.empty()) return -1;
  const auto slot = static_cast<uint16_t>(slots_.size());
  slots_.push_back({column, role, numeric});
  for (auto& mapped : columns_) {
    if (mapped.name == column) {
      mapped.slots.push_back(slot);
      return slot;
    }
  }
  columns_.push_back({column, {slot}});
  return slot;
}

Result<LogSchema> LogSchema::create(const MonitorConfig& config) {
  const ColumnMapping& columns = config.columns;
  const bool regression = config.task == TaskType::regression;
  if (regression && columns.prediction.empty()) {
    return Error::invalid("columns.prediction", "a regression monitor needs a prediction column");
  }
  if (!regression) {
    if (columns.prediction.empty() && columns.score.empty()) {
      return Error::invalid("columns.prediction",
                            "a classification monitor needs a prediction or a score column");
    }
    if (config.positive_label.empty()) {
      return Error::invalid("positive_label", "the positive label must not be empty");
    }
    if (!std::isfinite(config.decision_threshold) || config.decision_threshold < 0 ||
        config.decision_threshold > 1) {
      return Error::invalid("decision_threshold", "the decision threshold must lie in [0, 1]");
    }
  }
  TRY(check_names(columns.sensitive_attributes, "columns.sensitive_attributes"));
  std::vector<std::string> feature_names;
  for (const auto& feature : columns.features)
    feature_names.push_back(feature.name);
  if (auto status = check_names(feature_names, "columns.features"); !status) return status.error();

  if (columns.sensitive_attributes.size() + columns.features.size() > kMaxMappedColumns) {
    return Error::invalid("columns.features", "at most " + std::to_string(kMaxMappedColumns) +
                                                  " features and sensitive attributes");
  }

  LogSchema schema;
  schema.id_ = schema.add_slot(columns.id, SlotRole::id, false);
  schema.timestamp_ = schema.add_slot(columns.timestamp, SlotRole::timestamp, false);
  schema.prediction_ = schema.add_slot(columns.prediction, SlotRole::prediction, regression);
  schema.score_ = schema.add_slot(columns.score, SlotRole::score, true);
  schema.label_ = schema.add_slot(columns.label, SlotRole::label, regression);
  schema.first_sensitive_ = schema.slots_.size();
  for (const auto& attribute : columns.sensitive_attributes) {
    schema.add_slot(attribute, SlotRole::sensitive, false);
  }
  schema.first_feature_ = schema.slots_.size();
  for (const auto& feature : columns.features) {
    schema.add_slot(feature.name, SlotRole::feature, feature.kind == ColumnKind::numeric);
  }
  return schema;
}

}  // namespace aims::monitoring
