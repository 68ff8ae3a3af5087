// Request counters and a latency histogram, rendered in the Prometheus text format.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace aims::http {

class Metrics {
 public:
  // `route` is the route pattern (bounded cardinality), never the raw path.
  void observe(const std::string& method, const std::string& route, int status, double seconds,
               const std::string& error_code);
  void set_open_connections(int64_t n) { open_connections_ = n; }
  void set_queued_requests(int64_t n) { queued_ = n; }
  // How a request confirmed the caller this server remembered (App::run): together with its
  // first statement, in a read of its own, or found it changed (and looked the credential up).
  enum class Confirmation { with_first_statement, alone, changed };
  void count_confirmation(Confirmation how) { ++confirmations_[static_cast<size_t>(how)]; }
  std::string render() const;

  static constexpr std::array<double, 13> kBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0};

 private:
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> counts{};
    uint64_t total = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;
  std::map<std::string, Histogram> latency_;  // by route
  std::map<std::string, uint64_t> errors_;    // by error code
  std::atomic<int64_t> open_connections_{0};
  std::atomic<int64_t> queued_{0};
  std::array<std::atomic<uint64_t>, 3> confirmations_{};
};

}  // namespace aims::http
