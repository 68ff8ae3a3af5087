// The slot layout of a monitor's mapping: which column fills which slot, and how it is read.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "monitoring/engine/engine.h"

namespace aims::monitoring {

enum class SlotRole { id, timestamp, prediction, score, label, sensitive, feature };
std::string_view to_string(SlotRole role);

struct Slot {
  std::string column;
  SlotRole role = SlotRole::id;
  bool numeric = false;  // read as a number (else as text)
};

// A distinct log column and the slots it fills (usually one).
struct MappedColumn {
  std::string name;
  std::vector<uint16_t> slots;
};

class LogSchema {
 public:
  // Checks the mapping; errors are invalid_argument naming the offending field of the config.
  static Result<LogSchema> create(const MonitorConfig& config);

  const std::vector<Slot>& slots() const { return slots_; }
  const std::vector<MappedColumn>& columns() const { return columns_; }

  // Slot indices, -1 when the role is not mapped.
  int id() const { return id_; }
  int timestamp() const { return timestamp_; }
  int prediction() const { return prediction_; }
  int score() const { return score_; }
  int label() const { return label_; }
  // Sensitive attribute i is slot first_sensitive() + i; feature i is slot first_feature() + i.
  size_t first_sensitive() const { return first_sensitive_; }
  size_t first_feature() const { return first_feature_; }

 private:
  int add_slot(const std::string& column, SlotRole role, bool numeric);

  std::vector<Slot> slots_;
  std::vector<MappedColumn> columns_;
  int id_ = -1;
  int timestamp_ = -1;
  int prediction_ = -1;
  int score_ = -1;
  int label_ = -1;
  size_t first_sensitive_ = 0;
  size_t first_feature_ = 0;
};

}  // namespace aims::monitoring
