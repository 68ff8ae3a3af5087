// One record of any register as plain data: its field values by key and the platform's own
// columns (state, version, author, times).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace aims::records {

using Ids = std::vector<int64_t>;

// Text-like fields: string; flag: bool; integer, score, a user and one reference: int64_t;
// decimal: double; text list: strings; many references: Ids. Absent (monostate) means not set.
using FieldValue =
    std::variant<std::monostate, std::string, int64_t, double, bool, std::vector<std::string>, Ids>;

struct Record {
  std::string type;  // the register's type, e.g. "ai_system"
  int64_t id = 0;
  std::map<std::string, FieldValue> values;
  std::string state;        // the workflow state; empty for a register without a workflow
  std::string state_since;  // when the record entered that state
  int64_t version = 0;      // the row's version: its ETag, and what If-Match names
  int64_t frozen = 0;       // the number of the latest frozen (approved) version; 0 before any
  std::optional<int64_t> created_by;
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> archived_at;

  bool has(const std::string& key) const { return values.count(key) > 0; }
  bool is_set(const std::string& key) const;
  std::string text(const std::string& key) const;
  bool flag(const std::string& key) const;
  std::optional<int64_t> number(const std::string& key) const;
  std::optional<double> decimal(const std::string& key) const;
  std::vector<std::string> list(const std::string& key) const;
  // The ids of a reference field, one or many.
  Ids ids(const std::string& key) const;
};

}  // namespace aims::records
