// The text forms of the public enums, as they appear in the JSON documents.
#include "monitoring/engine/engine.h"

namespace aims::monitoring {

std::string_view to_string(TaskType task) {
  return task == TaskType::classification ? "classification" : "regression";
}

std::string_view to_string(ColumnKind kind) {
  return kind == ColumnKind::numeric ? "numeric" : "categorical";
}

std::string_view to_string(LogFormat format) {
  switch (format) {
    case LogFormat::detect:
      return "detect";
    case LogFormat::csv:
      return "csv";
    case LogFormat::jsonl:
      return "jsonl";
  }
  return "unknown";
}

}  // namespace aims::monitoring
