// Throughput and peak memory of the monitoring engine on a synthetic log, next to the time to
// merely read the file. Each measurement runs in its own forked process so its peak RSS is its own.
//
//   monitoring_engine_bench [--dir DIR] [--rows N] [--reference-rows N] [--threads 1,2]
//                           [--repeat N] [--measure read,hash,profile,analyze] [--result FILE]
//
// --measure picks the rows to run (all by default); `--measure analyze --repeat 1` under
// `perf record` profiles the engine alone (the profile is built once if missing). --result writes
// the JSON result of each analyze run to FILE.THREADS, so a change can be checked to leave every
// number bit-identical.
//
// Each row reports the fastest of --repeat runs (the machine may be shared). "CPU s" is user plus
// system time of all threads, reading and hashing included, so MB per CPU second is the
// throughput per core whatever the thread count.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <openssl/evp.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "monitoring/engine/engine.h"
#include "synthetic_log.h"

namespace aims::monitoring::bench {
namespace {

struct Measurement {
  bool ok = false;
  double seconds = 0;
  double cpu_seconds = 0;
  uint64_t rows = 0;
  uint64_t bytes = 0;
  uint64_t peak_rss_kib = 0;
  char error[256] = {};
};

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

uint64_t peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoull(line.substr(6));
  }
  return 0;
}

// Runs `work` in a child process and returns what it measured, with the child's peak RSS.
Measurement in_child(const std::function<Measurement()>& work) {
  int channel[2];
  if (pipe(channel) != 0) return {};
  const pid_t child = fork();
  if (child == 0) {
    close(channel[0]);
    const auto start = std::chrono::steady_clock::now();
    const double cpu_start = cpu_seconds();
    Measurement measurement = work();
    measurement.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    measurement.cpu_seconds = cpu_seconds() - cpu_start;
    measurement.peak_rss_kib = peak_rss_kib();
    const ssize_t written = write(channel[1], &measurement, sizeof measurement);
    _exit(written == sizeof measurement ? 0 : 1);
  }
  close(channel[1]);
  Measurement measurement;
  if (read(channel[0], &measurement, sizeof measurement) != sizeof measurement) {
    measurement.ok = false;
    std::snprintf(measurement.error, sizeof measurement.error, "child failed");
  }
  close(channel[0]);
  waitpid(child, nullptr, 0);
  return measurement;
}

// The fastest of `repeat` runs, each in its own process.
Measurement best_of(int repeat, const std::function<Measurement()>& work) {
  Measurement best;
  for (int i = 0; i < repeat; ++i) {
    const Measurement run = in_child(work);
    if (!run.ok) return run;
    if (!best.ok || run.seconds < best.seconds) best = run;
  }
  return best;
}

Measurement failure(const std::string& message) {
  Measurement measurement;
  std::snprintf(measurement.error, sizeof measurement.error, "%s", message.c_str());
  return measurement;
}

// The I/O floor: read the file in 4 MiB chunks, optionally hashing it with OpenSSL's SHA-256 as
// the engine does.
Measurement read_file(const std::string& path, bool hash) {
  FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return failure("cannot open " + path);
  std::vector<char> buffer(size_t{4} << 20);
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  EVP_DigestInit_ex(context, EVP_sha256(), nullptr);
  Measurement measurement;
  for (size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), file)) > 0;) {
    if (hash) EVP_DigestUpdate(context, buffer.data(), n);
    measurement.bytes += n;
  }
  std::fclose(file);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  measurement.ok = EVP_DigestFinal_ex(context, digest, &length) == 1;
  EVP_MD_CTX_free(context);
  if (!measurement.ok) return failure("SHA-256 failed");
  return measurement;
}

Measurement profile_file(const std::string& path, unsigned threads, const std::string& out) {
  RunOptions options;
  options.threads = threads;
  auto profile = build_profile(LogInput::file(path), synthetic_config(), options);
  if (!profile) return failure(profile.error().message);
  std::ofstream(out) << to_json(*profile);
  Measurement measurement;
  measurement.ok = true;
  measurement.rows = profile->rows;
  measurement.bytes = profile->input_bytes;
  return measurement;
}

Measurement analyze_file(const std::string& path, unsigned threads, const std::string& profile_path,
                         const std::string& spill_directory, const std::string& result_path) {
  std::stringstream json;
  json << std::ifstream(profile_path).rdbuf();
  auto profile = profile_from_json(json.str());
  if (!profile) return failure(profile.error().message);
  RunOptions options;
  options.threads = threads;
  options.spill_directory = spill_directory;
  auto result = analyze(LogInput::file(path), synthetic_config(), &*profile, options);
  if (!result) return failure(result.error().message);
  if (!result_path.empty()) std::ofstream(result_path) << to_json(*result);
  Measurement measurement;
  measurement.ok = true;
  measurement.rows = result->rows;
  measurement.bytes = result->input_bytes;
  return measurement;
}

void print_row(const std::string& what, unsigned threads, const Measurement& m) {
  if (!m.ok) {
    std::printf("| %-32s | %7u | failed: %s |\n", what.c_str(), threads, m.error);
    return;
  }
  const double mb = static_cast<double>(m.bytes) / 1e6;
  const std::string rows_per_second =
      m.rows == 0 ? "-" : std::to_string(static_cast<uint64_t>(m.rows / m.seconds));
  std::printf("| %-32s | %7u | %10llu | %7.1f | %7.2f | %6.2f | %10s | %7.1f | %9.1f | %8.1f |\n",
              what.c_str(), threads, static_cast<unsigned long long>(m.rows), mb, m.seconds,
              m.cpu_seconds, rows_per_second.c_str(), mb / m.seconds, mb / m.cpu_seconds,
              static_cast<double>(m.peak_rss_kib) / 1024);
  std::fflush(stdout);
}

std::vector<std::string> parse_list(const std::string& list) {
  std::vector<std::string> items;
  std::stringstream stream(list);
  for (std::string item; std::getline(stream, item, ',');)
    items.push_back(item);
  return items;
}

std::vector<unsigned> parse_threads(const std::string& list) {
  std::vector<unsigned> threads;
  for (const auto& item : parse_list(list))
    threads.push_back(std::stoul(item));
  return threads;
}

int run(int argc, char** argv) {
  std::string directory = std::filesystem::temp_directory_path() / "aims-monitoring-bench";
  uint64_t rows = 10'000'000;
  uint64_t reference_rows = 1'000'000;
  std::vector<unsigned> threads = {1, 2};
  int repeat = 3;
  std::vector<std::string> measure = {"read", "hash", "profile", "analyze"};
  std::string result;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--dir") directory = argv[i + 1];
    if (flag == "--rows") rows = std::stoull(argv[i + 1]);
    if (flag == "--reference-rows") reference_rows = std::stoull(argv[i + 1]);
    if (flag == "--threads") threads = parse_threads(argv[i + 1]);
    if (flag == "--repeat") repeat = std::stoi(argv[i + 1]);
    if (flag == "--measure") measure = parse_list(argv[i + 1]);
    if (flag == "--result") result = argv[i + 1];
  }
  const auto measures = [&measure](const char* what) {
    return std::find(measure.begin(), measure.end(), what) != measure.end();
  };
  std::filesystem::create_directories(directory);
  const std::string reference = directory + "/reference-" + std::to_string(reference_rows) + ".csv";
  const std::string current = directory + "/current-" + std::to_string(rows) + ".csv";
  const std::string profile = directory + "/profile.json";
  for (const auto& [path, count, seed, shifted] :
       {std::tuple{reference, reference_rows, 1u, false}, std::tuple{current, rows, 2u, true}}) {
    if (std::filesystem::exists(path)) continue;
    std::fprintf(stderr, "generating %s\n", path.c_str());
    if (auto status = write_synthetic_log(path, count, seed, shifted); !status) {
      std::fprintf(stderr, "%s\n", status.error().message.c_str());
      return 1;
    }
  }
  std::printf("| %-32s | %7s | %10s | %7s | %7s | %6s | %10s | %7s | %9s | %8s |\n", "measurement",
              "threads", "rows", "MB", "wall s", "CPU s", "rows/s", "MB/s", "MB/CPU-s",
              "peak RSS MiB");
  std::printf(
      "|%s|---------|------------|---------|---------|--------|------------|---------|"
      "-----------|----------|\n",
      std::string(34, '-').c_str());
  // Read once to warm the page cache, so every row below reads from memory.
  in_child([&] { return read_file(current, false); });
  if (measures("read")) {
    print_row("read file (I/O floor)", 1,
              best_of(repeat, [&] { return read_file(current, false); }));
  }
  if (measures("hash")) {
    print_row("read + SHA-256 (OpenSSL)", 1,
              best_of(repeat, [&] { return read_file(current, true); }));
  }
  const unsigned most = *std::max_element(threads.begin(), threads.end());
  if (measures("profile") || !std::filesystem::exists(profile)) {
    print_row("build profile (reference log)", most,
              best_of(repeat, [&] { return profile_file(reference, most, profile); }));
  }
  if (!measures("analyze")) return 0;
  for (const unsigned count : threads) {
    print_row("analyze (log vs profile)", count, best_of(repeat, [&] {
                const std::string out = result.empty() ? "" : result + "." + std::to_string(count);
                return analyze_file(current, count, profile, directory, out);
              }));
  }
  return 0;
}

}  // namespace
}  // namespace aims::monitoring::bench

int main(int argc, char** argv) {
  return aims::monitoring::bench::run(argc, argv);
}
