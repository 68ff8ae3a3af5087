// Shared by the monitoring engine tests: a typical monitor, one-call runs over in-memory logs,
// gzip compression and lookups into results.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include <gtest/gtest.h>
#include <zlib.h>

#include "monitoring/engine/engine.h"

namespace aims::monitoring::testing {

// Columns id, ts, score, label, group, x (numeric), c (categorical); prediction from the score.
inline MonitorConfig classification_config() {
  MonitorConfig config;
  config.columns.id = "id";
  config.columns.timestamp = "ts";
  config.columns.score = "score";
  config.columns.label = "label";
  config.columns.sensitive_attributes = {"group"};
  config.columns.features = {{"x", ColumnKind::numeric}, {"c", ColumnKind::categorical}};
  config.min_group_size = 1;
  return config;
}

// A config that maps only `score` and `label` (and, when given, a prediction column).
inline MonitorConfig score_label_config(std::string prediction = {}) {
  MonitorConfig config;
  config.columns.score = "score";
  config.columns.label = "label";
  config.columns.prediction = std::move(prediction);
  config.min_group_size = 1;
  return config;
}

inline RunResult analyze_ok(std::string_view log, const MonitorConfig& config,
                            const ReferenceProfile* reference = nullptr,
                            const RunOptions& options = {}) {
  auto result = analyze(LogInput::memory(log), config, reference, options);
  if (!result) throw std::runtime_error("analyze failed: " + result.error().message);
  return std::move(*result);
}

inline ReferenceProfile profile_ok(std::string_view log, const MonitorConfig& config,
                                   const ProfileOptions& profile_options = {}) {
  auto profile = build_profile(LogInput::memory(log), config, {}, profile_options);
  if (!profile) throw std::runtime_error("build_profile failed: " + profile.error().message);
  return std::move(*profile);
}

// The error message of a run that must fail.
inline std::string analyze_error(std::string_view log, const MonitorConfig& config,
                                 const RunOptions& options = {}) {
  auto result = analyze(LogInput::memory(log), config, nullptr, options);
  if (result) return "(no error)";
  return result.error().message;
}

// `level` 6 with gzip framing, as `gzip` writes it.
inline std::string gzip(std::string_view data) {
  z_stream stream{};
  if (deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2 failed");
  }
  std::string out(deflateBound(&stream, data.size()) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int code = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (code != Z_STREAM_END) throw std::runtime_error("deflate failed");
  return out;
}

inline const MetricSample* find_sample(const RunResult& result, std::string_view key,
                                       const MetricScope& scope = {}) {
  for (const auto& sample : result.samples) {
    if (sample.key == key && sample.scope.kind == scope.kind &&
        sample.scope.attribute == scope.attribute && sample.scope.group == scope.group &&
        sample.scope.column == scope.column && sample.scope.role == scope.role) {
      return &sample;
    }
  }
  return nullptr;
}

inline const ColumnDrift& drift_of(const RunResult& result, std::string_view column) {
  for (const auto& drift : result.drift) {
    if (drift.column == column) return drift;
  }
  throw std::runtime_error("no drift for " + std::string(column));
}

inline const ColumnQuality& quality_of(const RunResult& result, std::string_view column,
                                       std::string_view role) {
  for (const auto& quality : result.quality) {
    if (quality.column == column && quality.role == role) return quality;
  }
  throw std::runtime_error("no quality for " + std::string(column));
}

// Asserts a defined value within `tolerance`.
inline void expect_value(const MetricValue& metric, double expected, double tolerance = 1e-12) {
  ASSERT_TRUE(metric.value.has_value()) << "undefined: " << metric.undefined_reason;
  EXPECT_NEAR(*metric.value, expected, tolerance);
}

inline void expect_undefined(const MetricValue& metric, std::string_view reason) {
  EXPECT_FALSE(metric.value.has_value());
  EXPECT_EQ(metric.undefined_reason, reason);
}

}  // namespace aims::monitoring::testing
