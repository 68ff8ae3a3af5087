// The monitoring module's web routes (API and pages) and its scheduler thread for `aims serve`.
#pragma once

#include <memory>
#include <string>

#include "http/context.h"
#include "http/router.h"
#include "monitoring/run_pool.h"
#include "overview/overview.h"
#include "store/database.h"

namespace aims::monitoring {

// Uploaded logs are run on `runs`, which must outlive the router.
void register_routes(http::Router& router, RunPool& runs);

// The monitoring section of an AI system's page: human-review status and its switch, each
// monitor's trend charts with thresholds and latest per-group table, and open alerts.
Result<std::string> system_panel(const http::Context& ctx, int64_t system_id);

// The event logging section of an AI system's page: each logging requirement of the system and
// whether its logs still arrive, or a prompt to write one.
Result<std::string> logging_system_panel(const http::Context& ctx, int64_t system_id);

// Dashboard numbers: AI systems monitored and under human review, unresolved alerts.
Result<std::vector<overview::Headline>> headlines(const http::Context& ctx);

// Starts due scheduled monitors on `pool` every half minute while it lives (reading each
// organisation's logs below its folder of `directory`). The pool must outlive it.
class Scheduler {
 public:
  Scheduler(store::Database& db, std::string directory, RunPool& pool);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace aims::monitoring
