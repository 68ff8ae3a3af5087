#include "synthetic_log.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <memory>
#include <random>

#include "base/time.h"

namespace aims::monitoring::bench {

namespace {

// 2026-01-01T00:00:00Z; one row per 50 ms.
constexpr int64_t kStartMicros = 1767225600LL * 1'000'000;
constexpr int64_t kRowIntervalMicros = 50'000;

void append_number(std::string& out, double value, int decimals) {
  char buffer[32];
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals);
  out.append(buffer, result.ptr);
}

}  // namespace

MonitorConfig synthetic_config() {
  MonitorConfig config;
  config.columns.id = "id";
  config.columns.timestamp = "ts";
  config.columns.prediction = "prediction";
  config.columns.score = "score";
  config.columns.label = "label";
  config.columns.sensitive_attributes = {"group"};
  config.columns.features = {{"amount", ColumnKind::numeric},
                             {"age", ColumnKind::numeric},
                             {"ratio", ColumnKind::numeric},
                             {"channel", ColumnKind::categorical}};
  return config;
}

Status write_synthetic_log(const std::string& path, uint64_t rows, uint64_t seed, bool shifted) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "wb"), &std::fclose);
  if (!file) return Error::unavailable("cannot create " + path);
  std::mt19937_64 random(seed);
  std::uniform_real_distribution<double> uniform(0, 1);
  std::normal_distribution<double> normal(0, 1);
  const char* const groups[] = {"group_a", "group_b", "group_c", "group_d"};
  const char* const channels[] = {"web", "app", "branch", "phone", "partner"};
  const double shift = shifted ? 0.3 : 0.0;
  std::string out = "id,ts,group,amount,age,ratio,channel,score,prediction,label\n";
  for (uint64_t row = 0; row < rows; ++row) {
    const int group = static_cast<int>(random() % 4);
    const double amount = std::exp(7 + shift + 0.8 * normal(random));
    const double age = std::round(std::fmin(90, std::fmax(18, 42 + 12 * normal(random))));
    const double ratio = uniform(random);
    const int channel = static_cast<int>((random() % 100) < (shifted ? 40 : 30) ? 1 : random() % 5);
    const double logit = 0.5 * normal(random) + (ratio - 0.5) * 2 + 0.2 * group - 0.3 + shift;
    const double score = 1 / (1 + std::exp(-logit));
    const bool label = uniform(random) < score;
    out += 'r';
    out += std::to_string(row);
    out += ',';
    out += format_timestamp(kStartMicros + static_cast<int64_t>(row) * kRowIntervalMicros);
    out += ',';
    out += groups[group];
    out += ',';
    append_number(out, amount, 2);
    out += ',';
    append_number(out, age, 0);
    out += ',';
    append_number(out, ratio, 4);
    out += ',';
    out += channels[channel];
    out += ',';
    append_number(out, score, 4);
    out += score >= 0.5 ? ",1," : ",0,";
    out += label ? "1\n" : "0\n";
    if (out.size() >= (size_t{1} << 20)) {
      if (std::fwrite(out.data(), 1, out.size(), file.get()) != out.size()) {
        return Error::unavailable("cannot write " + path);
      }
      out.clear();
    }
  }
  if (std::fwrite(out.data(), 1, out.size(), file.get()) != out.size()) {
    return Error::unavailable("cannot write " + path);
  }
  return {};
}

}  // namespace aims::monitoring::bench
