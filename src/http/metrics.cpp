#include "http/metrics.h"

#include <sstream>

namespace aims::http {
namespace {

// Label values come from route patterns and fixed codes; escaping keeps the format valid anyway.
std::string label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

void Metrics::observe(const std::string& method, const std::string& route, int status,
                      double seconds, const std::string& error_code) {
  std::lock_guard lock(mutex_);
  ++requests_[{method, route, status}];
  Histogram& h = latency_[route];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.counts[i];
  }
  ++h.total;
  h.sum += seconds;
  if (!error_code.empty()) ++errors_[error_code];
}

std::string Metrics::render() const {
  std::ostringstream out;
  std::lock_guard lock(mutex_);
  out << "# HELP aims_http_requests_total HTTP requests answered, by method, route and status.\n"
         "# TYPE aims_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    const auto& [method, route, status] = key;
    out << "aims_http_requests_total{method=\"" << label(method) << "\",route=\"" << label(route)
        << "\",status=\"" << status << "\"} " << count << "\n";
  }
  out << "# HELP aims_http_request_duration_seconds Time from a complete request to its response.\n"
         "# TYPE aims_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    const std::string r = label(route);
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      out << "aims_http_request_duration_seconds_bucket{route=\"" << r << "\",le=\"" << kBuckets[i]
          << "\"} " << h.counts[i] << "\n";
    }
    out << "aims_http_request_duration_seconds_bucket{route=\"" << r << "\",le=\"+Inf\"} "
        << h.total << "\n"
        << "aims_http_request_duration_seconds_sum{route=\"" << r << "\"} " << h.sum << "\n"
        << "aims_http_request_duration_seconds_count{route=\"" << r << "\"} " << h.total << "\n";
  }
  out << "# HELP aims_http_errors_total Error responses, by error code.\n"
         "# TYPE aims_http_errors_total counter\n";
  for (const auto& [code, count] : errors_) {
    out << "aims_http_errors_total{code=\"" << label(code) << "\"} " << count << "\n";
  }
  out << "# HELP aims_http_open_connections Client connections open now.\n"
         "# TYPE aims_http_open_connections gauge\n"
         "aims_http_open_connections "
      << open_connections_.load() << "\n"
      << "# HELP aims_http_queued_requests Requests waiting for or running on a worker.\n"
         "# TYPE aims_http_queued_requests gauge\n"
         "aims_http_queued_requests "
      << queued_.load() << "\n"
      << "# HELP aims_remembered_callers_total Requests whose remembered caller was confirmed:"
         " with their first statement, alone, or found changed.\n"
         "# TYPE aims_remembered_callers_total counter\n";
  constexpr std::array<const char*, 3> kHow = {"with_first_statement", "alone", "changed"};
  for (size_t i = 0; i < kHow.size(); ++i) {
    out << "aims_remembered_callers_total{confirmed=\"" << kHow[i] << "\"} "
        << confirmations_[i].load() << "\n";
  }
  return out.str();
}

}  // namespace aims::http
