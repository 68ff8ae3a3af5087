// Scheduled runs: monitors whose log appears at a known place get run at their interval.
#include <filesystem>

#include <spdlog/spdlog.h>

#include "base/time.h"
#include "monitoring/monitoring.h"
#include "monitoring/store.h"

namespace aims::monitoring {
namespace {

// The log named by a monitor, if it resolves (links followed) to a file inside `directory`.
Result<std::filesystem::path> scheduled_log(const std::string& directory,
                                            const std::string& source) {
  std::error_code ec;
  const auto root = std::filesystem::weakly_canonical(directory, ec);
  const auto path =
      std::filesystem::weakly_canonical(std::filesystem::path(directory) / source, ec);
  if (ec) return Error::not_found("cannot resolve " + source);
  const auto relative = path.lexically_relative(root);
  if (relative.empty() || relative.native().rfind("..", 0) == 0) {
    return Error::invalid("schedule_source", source + " is outside the monitoring directory");
  }
  return path;
}

}  // namespace

Result<int> run_due_monitors(store::Database& db, const std::string& directory) {
  const int64_t now = now_micros();
  auto due = db.read([&](store::Tx& tx) { return sql::due_monitors(tx, format_timestamp(now)); });
  if (!due) return due.error();
  int started = 0;
  const trail::Actor scheduler{"system", std::nullopt, "scheduler"};
  for (const auto& d : *due) {
    auto monitor = get_monitor(db, d.org, d.id);
    if (!monitor || !monitor->schedule_hours) continue;
    const std::string next = format_timestamp(now + *monitor->schedule_hours * 3'600'000'000LL);
    // Claiming moves the due time; of several processes, only the one whose update lands runs it.
    auto claimed =
        db.write([&](store::Tx& tx) { return sql::claim(tx, d.org, d.id, d.next_run_at, next); });
    if (!claimed) return claimed.error();
    if (*claimed != 1) continue;
    ++started;
    RunRequest request;
    request.monitor_id = d.id;
    request.input_name = monitor->schedule_source;
    request.source = "schedule";
    auto path = scheduled_log(directory, monitor->schedule_source);
    if (!path) {
      spdlog::warn("scheduled monitor {} of organisation {}: {}", d.id, d.org,
                   path.error().message);
      if (auto failed = record_failed_run(db, d.org, request, path.error().message, scheduler);
          !failed) {
        spdlog::warn("could not record the failed run: {}", failed.error().message);
      }
      continue;
    }
    request.log = LogInput::file(path->string());
    auto run = run_monitor(db, d.org, request, scheduler);
    if (!run) {
      spdlog::warn("scheduled run of monitor {} failed: {}", d.id, run.error().message);
    } else {
      spdlog::info("scheduled run {} of monitor {}: {} rows, {} breaches", run->id, d.id, run->rows,
                   run->breaches);
    }
  }
  return started;
}

}  // namespace aims::monitoring
