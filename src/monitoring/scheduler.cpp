// Scheduled runs: monitors whose log appears at a known place get run at their interval, on the
// monitoring RunPool. Each organisation's logs live in its own folder of the monitoring directory,
// and a monitor reads nothing outside its organisation's folder.
#include <filesystem>

#include <spdlog/spdlog.h>

#include "base/time.h"
#include "monitoring/monitoring.h"
#include "monitoring/store.h"

namespace aims::monitoring {
namespace {

const trail::Actor kScheduler{"system", std::nullopt, "scheduler"};

// The log a monitor names, if it resolves (links followed) to a file inside its organisation's
// folder. Errors name paths below the monitoring directory only, never where it is.
Result<std::filesystem::path> scheduled_log(const std::string& directory, int64_t org,
                                            const std::string& source) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const std::string folder = organisation_folder(org);
  const fs::path root = fs::canonical(fs::path(directory) / folder, ec);
  if (ec || !fs::is_directory(root)) {
    return Error::not_found("the monitoring directory has no folder " + folder +
                            "/ for this organisation");
  }
  const fs::path path = fs::weakly_canonical(root / source, ec);
  if (ec) return Error::not_found("cannot resolve " + source);
  const fs::path relative = path.lexically_relative(root);
  if (relative.empty() || relative == "." || *relative.begin() == "..") {
    return Error::invalid("schedule_source",
                          source + " leads outside this organisation's monitoring folder");
  }
  return path;
}

void log_outcome(int64_t monitor_id, const Result<Run>& run) {
  if (!run) {
    spdlog::warn("scheduled run of monitor {} failed: {}", monitor_id, run.error().message);
  } else {
    spdlog::info("scheduled run {} of monitor {}: {} rows, {} breaches", run->id, monitor_id,
                 run->rows, run->breaches);
  }
}

}  // namespace

std::string organisation_folder(int64_t org) {
  return std::to_string(org);
}

Result<int> run_due_monitors(store::Database& db, const std::string& directory, RunPool& pool) {
  const int64_t now = now_micros();
  TRY_ASSIGN(const auto due,
             db.read([&](store::Tx& tx) { return sql::due_monitors(tx, format_timestamp(now)); }));
  int started = 0;
  for (const auto& d : due) {
    auto monitor = get_monitor(db, d.org, d.id);
    if (!monitor || !monitor->schedule_hours) continue;
    const std::string next = format_timestamp(now + *monitor->schedule_hours * 3'600'000'000LL);
    // Claiming moves the due time; of several processes, only the one whose update lands runs it.
    TRY_ASSIGN(const int64_t claimed, db.write([&](store::Tx& tx) {
      return sql::claim(tx, d.org, d.id, d.next_run_at, next);
    }));
    if (claimed != 1) continue;
    RunRequest request;
    request.monitor_id = d.id;
    request.input_name = monitor->schedule_source;
    request.source = "schedule";
    auto path = scheduled_log(directory, d.org, monitor->schedule_source);
    if (!path) {
      spdlog::warn("scheduled monitor {} of organisation {}: {}", d.id, d.org,
                   path.error().message);
      if (auto failed = record_failed_run(db, d.org, request, path.error().message, kScheduler);
          !failed) {
        spdlog::warn("could not record the failed run: {}", failed.error().message);
      }
      ++started;
      continue;
    }
    request.log = LogInput::file(path->string(), monitor->schedule_source);
    Status queued = pool.submit(d.org, [&db, org = d.org, request](const RunOptions& options) {
      RunRequest run = request;
      run.options = options;
      log_outcome(run.monitor_id, run_monitor(db, org, run, kScheduler));
    });
    if (!queued) {
      // The pool is busy: the run is due again at once, and the next look tries it again.
      spdlog::info("scheduled monitor {} waits: {}", d.id, queued.error().message);
      TRY(db.write(
          [&](store::Tx& tx) { return sql::claim(tx, d.org, d.id, next, d.next_run_at); }));
      continue;
    }
    ++started;
  }
  return started;
}

}  // namespace aims::monitoring
