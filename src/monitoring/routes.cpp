#include "monitoring/routes.h"

#include <condition_variable>
#include <mutex>
#include <thread>

#include <spdlog/spdlog.h>

#include "monitoring/monitoring.h"
#include "monitoring/routes_internal.h"
#include "web/navigation.h"

namespace aims::monitoring {

void register_routes(http::Router& router, RunPool& runs) {
  web::add_nav_entry({"Operate", 30, "monitoring", "Monitoring", "/monitoring", 10});
  register_api(router, runs);
  register_pages(router, runs);
  register_logging_routes(router);
}

struct Scheduler::State {
  std::mutex mutex;
  std::condition_variable wake;
  bool stopping = false;
  std::thread thread;
};

Scheduler::Scheduler(store::Database& db, std::string directory, RunPool& pool)
    : state_(std::make_unique<State>()) {
  state_->thread = std::thread([&db, directory, &pool, state = state_.get()] {
    std::unique_lock lock(state->mutex);
    while (!state->stopping) {
      lock.unlock();
      if (auto ran = run_due_monitors(db, directory, pool); !ran) {
        spdlog::warn("scheduler: {}", ran.error().message);
      }
      lock.lock();
      state->wake.wait_for(lock, std::chrono::seconds(30), [state] { return state->stopping; });
    }
  });
}

Scheduler::~Scheduler() {
  {
    std::lock_guard lock(state_->mutex);
    state_->stopping = true;
  }
  state_->wake.notify_all();
  state_->thread.join();
}

}  // namespace aims::monitoring
