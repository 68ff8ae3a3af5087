// The state one data-quality requirement keeps during the pass over a dataset file, and the
// result it makes at the end (data_quality.h defines each measure).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "monitoring/engine/data_quality.h"
#include "monitoring/engine/run_limits.h"

namespace aims::monitoring {

// Where the columns a requirement names are found in a row: a CSV header's positions, or for JSON
// Lines the keys asked for, numbered as they are first asked for.
class ColumnSlots {
 public:
  // CSV: the header's names; JSON Lines: none yet (open).
  void set_header(std::vector<std::string> names) {
    names_ = std::move(names);
    fixed_ = true;
  }
  // The slot of `name`; nullopt when a CSV header lacks it.
  std::optional<size_t> slot(const std::string& name);
  const std::vector<std::string>& names() const { return names_; }
  bool fixed() const { return fixed_; }

 private:
  std::vector<std::string> names_;
  bool fixed_ = false;
};

// One well-formed row: a value per slot (nullopt: the key is absent), and for JSON Lines the
// whole object, which "all columns" hashes.
struct DatasetRow {
  std::vector<std::optional<std::string_view>> values;
  const nlohmann::json* object = nullptr;
};

bool is_missing(const std::optional<std::string_view>& value);

class QualityCheck {
 public:
  virtual ~QualityCheck() = default;
  virtual Status add(const DatasetRow& row) = 0;
  virtual Result<QualityResult> finish(const RunClock& clock) = 0;
};

struct CheckContext {
  const RunOptions& options;
  ColumnSlots& slots;
};

// A check for the requirement; one whose columns the file lacks reports so in its result.
std::unique_ptr<QualityCheck> make_check(const QualityRequirement& requirement,
                                         CheckContext context);

}  // namespace aims::monitoring
