#include "monitoring/cli.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <vector>

#include <unistd.h>

#include "command/common.h"
#include "http/parse/json_input.h"
#include "inventory/inventory.h"
#include "monitoring/engine/robustness.h"
#include "monitoring/json.h"
#include "monitoring/monitoring.h"
#include "monitoring/views.h"
#include "records/records.h"

namespace aims::monitoring {
namespace {

using aims::command::fail;
using aims::command::kFailed;
using nlohmann::json;

struct Args {
  std::string db, org, log, reference, name, file, perturbed;
  std::optional<double> max_flip_rate, max_score_change;
  int64_t system_id = 0, monitor_id = 0;
  bool as_json = false, fail_on_breach = false, quiet = false;
  RunLimitArgs limits;
};

// A bar on standard error while a log is read, redrawn at most ten times a second, and only
// when standard error is a terminal (a CI log should not fill with carriage returns).
class ProgressBar {
 public:
  ProgressBar(std::string label, bool enabled) : label_(std::move(label)), enabled_(enabled) {}
  ~ProgressBar() {
    if (drawn_) std::fputs("\n", stderr);
  }
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void update(uint64_t consumed, uint64_t total) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (drawn_ && now - last_ < std::chrono::milliseconds(100) && consumed < total) return;
    last_ = now;
    drawn_ = true;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double mb = static_cast<double>(consumed) / 1e6;
    const double rate = seconds > 0 ? mb / seconds : 0;
    if (total == 0) {
      std::fprintf(stderr, "\r%s  %.1f MB  %.0f MB/s   ", label_.c_str(), mb, rate);
    } else {
      constexpr int kWidth = 30;
      const double share = static_cast<double>(consumed) / static_cast<double>(total);
      const int filled = static_cast<int>(share * kWidth);
      std::string bar(static_cast<size_t>(filled), '#');
      bar.append(static_cast<size_t>(kWidth - filled), '.');
      std::fprintf(stderr, "\r%s [%s] %3.0f%%  %.1f of %.1f MB  %.0f MB/s   ", label_.c_str(),
                   bar.c_str(), share * 100, mb, static_cast<double>(total) / 1e6, rate);
    }
    std::fflush(stderr);
  }

 private:
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_;
};

bool progress_wanted(const Args& a) {
  return !a.quiet && isatty(STDERR_FILENO) == 1;
}

// The monitor named by --monitor, or the only active monitor of --system.
Result<Monitor> chosen_monitor(store::Database& db, int64_t org, const Args& a) {
  if (a.monitor_id > 0) {
    TRY_ASSIGN(Monitor m, get_monitor(db, org, a.monitor_id));
    if (a.system_id > 0 && m.system_id != a.system_id) {
      return Error::invalid("monitor", "monitor #" + std::to_string(m.id) +
                                           " belongs to AI system #" + std::to_string(m.system_id));
    }
    return m;
  }
  if (a.system_id <= 0) return Error::invalid("system", "name the AI system with --system ID");
  TRY(records::get(db, inventory::ai_systems(), org, a.system_id));
  TRY_ASSIGN(auto monitors, list_monitors(db, org, a.system_id));
  std::vector<Monitor> active;
  for (auto& m : monitors) {
    if (!m.archived_at) active.push_back(std::move(m));
  }
  if (active.size() == 1) return active.front();
  if (active.empty()) {
    return Error::invalid("system", "AI system #" + std::to_string(a.system_id) +
                                        " has no monitor yet: create one on its page in the "
                                        "web UI or with POST /api/v1/monitors");
  }
  std::string names;
  for (const auto& m : active)
    names += "\n  --monitor " + std::to_string(m.id) + "  " + m.name;
  return Error::invalid("monitor", "AI system #" + std::to_string(a.system_id) +
                                       " has several monitors; choose one:" + names);
}

std::string megabytes(int64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return text;
}

// The few numbers people look for first; the full result is in --json and on the run's page.
void print_headlines(const std::string& result_json) {
  std::string line;
  for (const auto& row : performance_view(result_json)) {
    const std::string metric = row["metric"];
    if (metric == "accuracy" || metric == "roc_auc" || metric == "selection_rate" ||
        metric == "mean_absolute_error" || metric == "root_mean_squared_error" ||
        metric == "r_squared") {
      line += (line.empty() ? "" : ", ") + metric + " " + std::string(row["value"]);
    }
  }
  if (!line.empty()) std::cout << "  Performance  " << line << "\n";
  std::map<std::string, std::string> fairness;
  for (const auto& row : fairness_view(result_json)) {
    const std::string metric = row["metric"];
    if (metric.rfind("Disparate", 0) != 0 && metric.rfind("Equal opportunity", 0) != 0) continue;
    std::string& text = fairness[row["attribute"]];
    text += (text.empty() ? "" : ", ") + metric + " " + std::string(row["value"]);
    if (!std::string(row["between"]).empty() && metric.rfind("Disparate", 0) == 0)
      text += " (" + std::string(row["between"]) + ")";
  }
  const char* heading = "  Fairness     ";
  for (const auto& [attribute, text] : fairness) {
    std::cout << heading << attribute << ": " << text << "\n";
    heading = "               ";
  }
  line.clear();
  for (const auto& row : drift_view(result_json))
    line += (line.empty() ? "" : ", ") + std::string(row["column"]) + " " + std::string(row["psi"]);
  if (!line.empty()) std::cout << "  Drift (PSI)  " << line << "\n";
}

void print_run(const Monitor& m, const Run& run, const Oversight& oversight) {
  std::cout << "Run #" << run.id << " of monitor #" << m.id << " \"" << m.name << "\" (AI system #"
            << m.system_id << "): " << run.status << "\n";
  std::cout << "  Log          " << run.input_name << ", " << run.rows << " rows, "
            << megabytes(run.input_bytes) << ", sha256 " << run.input_sha256 << "\n";
  if (run.window_from && run.window_to)
    std::cout << "  Window       " << *run.window_from << " to " << *run.window_to << "\n";
  std::cout << "  Reference    "
            << (run.reference_sha256.empty() ? "none: drift is not measured"
                                             : "sha256 " + run.reference_sha256)
            << "\n";
  print_headlines(run.result_json);
  if (run.alerts.empty()) {
    std::cout << "No threshold breached.\n";
  } else {
    std::cout << run.alerts.size() << " threshold(s) breached:\n";
    for (const auto& a : run.alerts) {
      const json row = alert_row(a);
      std::cout << "  " << a.severity << "  " << a.metric << "  " << a.scope << "  "
                << std::string(row["value"]) << " is " << a.comparison << " "
                << std::string(row["threshold"]) << "  (alert #" << a.id << ")\n";
    }
  }
  if (run.incident_id) std::cout << "Incident #" << *run.incident_id << " records the breach.\n";
  if (oversight.human_review_required) {
    std::cout << "AI system #" << m.system_id << " requires human review since "
              << oversight.since.value_or("?") << ": " << oversight.reason << "\n";
  }
}

int reference_command(const Args& a) {
  auto o = command::open_organisation(a.db, a.org);
  if (!o) return kFailed;
  auto m = chosen_monitor(*o->db, o->org, a);
  if (!m) return fail(m.error());
  ProgressBar bar("Profiling " + a.reference, progress_wanted(a));
  RunOptions options;
  a.limits.apply_to(options);
  options.on_progress = [&bar](uint64_t done, uint64_t total) { bar.update(done, total); };
  auto updated = set_reference(*o->db, o->org, m->id, LogInput::file(a.reference), options,
                               command::cli_actor());
  if (!updated) return fail(updated.error());
  if (a.as_json) {
    std::cout << to_json(*updated).dump(2) << "\n";
  } else {
    std::cout << "Reference of monitor #" << updated->id << " \"" << updated->name
              << "\": " << updated->reference_rows.value_or(0) << " rows, sha256 "
              << updated->reference_sha256 << "\n";
  }
  return 0;
}

int run_command(const Args& a) {
  auto o = command::open_organisation(a.db, a.org);
  if (!o) return kFailed;
  auto m = chosen_monitor(*o->db, o->org, a);
  if (!m) return fail(m.error());
  if (!a.reference.empty()) {
    if (int status = reference_command(a); status != 0) return status;
  }
  RunRequest request;
  request.monitor_id = m->id;
  request.log = LogInput::file(a.log);
  request.input_name = a.name.empty() ? a.log.substr(a.log.find_last_of('/') + 1) : a.name;
  request.source = "cli";
  a.limits.apply_to(request.options);
  std::optional<Run> run;
  {
    ProgressBar bar("Reading " + request.input_name, progress_wanted(a));
    request.options.on_progress = [&bar](uint64_t done, uint64_t total) {
      bar.update(done, total);
    };
    auto done = run_monitor(*o->db, o->org, request, command::cli_actor());
    if (!done) return fail(done.error());
    run = std::move(*done);
  }
  auto oversight_now = oversight(*o->db, o->org, m->system_id);
  if (!oversight_now) return fail(oversight_now.error());
  if (a.as_json) {
    json out = to_json(*run, true);
    out["oversight"] = to_json(*oversight_now);
    std::cout << out.dump(2) << "\n";
  } else {
    print_run(*m, *run, *oversight_now);
  }
  return a.fail_on_breach && !run->alerts.empty() ? kBreached : 0;
}

std::string metric_text(const MetricValue& value) {
  if (!value.value) return "undefined (" + value.undefined_reason + ")";
  char text[32];
  std::snprintf(text, sizeof text, "%.4f", *value.value);
  return text;
}

void print_robustness(const RobustnessReport& r) {
  std::cout << r.overall.pairs << " pairs (" << r.unmatched_original << " original rows unmatched, "
            << r.unmatched_perturbed << " perturbed rows unmatched)\n"
            << "flip rate         " << metric_text(r.overall.flip_rate) << "\n"
            << "largest change    " << metric_text(r.overall.max_score_change) << "\n"
            << "mean change       " << metric_text(r.overall.mean_score_change) << "\n";
  for (const auto& g : r.groups) {
    std::cout << "  " << g.attribute << " = " << g.group << ": " << g.tally.pairs
              << " pairs, flip rate " << metric_text(g.tally.flip_rate) << ", largest change "
              << metric_text(g.tally.max_score_change) << "\n";
  }
}

// The limits people set, checked overall and in every group: the worst scope decides.
std::vector<std::string> robustness_breaches(const RobustnessReport& r, const Args& a) {
  std::vector<std::string> breaches;
  const auto check = [&](const std::string& scope, const RobustnessTally& t) {
    if (a.max_flip_rate && t.flip_rate.value && *t.flip_rate.value > *a.max_flip_rate)
      breaches.push_back(scope + ": flip rate " + metric_text(t.flip_rate) + " above " +
                         metric_text(MetricValue::of(*a.max_flip_rate, 0)));
    if (a.max_score_change && t.max_score_change.value &&
        *t.max_score_change.value > *a.max_score_change)
      breaches.push_back(scope + ": largest change " + metric_text(t.max_score_change) + " above " +
                         metric_text(MetricValue::of(*a.max_score_change, 0)));
  };
  check("overall", r.overall);
  for (const auto& g : r.groups)
    check(g.attribute + " = " + g.group, g.tally);
  return breaches;
}

// Pairs a log of predictions on original inputs with one on perturbed inputs, read with the
// monitor's column mapping.
int robustness_command(const Args& a) {
  auto o = command::open_organisation(a.db, a.org);
  if (!o) return kFailed;
  auto m = chosen_monitor(*o->db, o->org, a);
  if (!m) return fail(m.error());
  RunOptions options;
  a.limits.apply_to(options);
  auto report =
      evaluate_robustness(LogInput::file(a.log), LogInput::file(a.perturbed), m->config, options);
  if (!report) return fail(report.error());
  const auto breaches = robustness_breaches(*report, a);
  if (a.as_json) {
    json out = to_json(*report);
    out["breaches"] = breaches;
    std::cout << out.dump(2) << "\n";
  } else {
    print_robustness(*report);
    for (const auto& b : breaches)
      std::cout << "BREACH " << b << "\n";
  }
  return breaches.empty() ? 0 : kBreached;
}

// The body of POST /api/v1/monitors, from a file.
int create_command(const Args& a) {
  auto o = command::open_organisation(a.db, a.org);
  if (!o) return kFailed;
  std::ifstream file(a.file, std::ios::binary);
  if (!file) return fail(Error::invalid("file", "cannot read " + a.file));
  std::ostringstream text;
  text << file.rdbuf();
  auto in = http::JsonInput::parse(text.str());
  if (!in) return fail(in.error());
  MonitorInput input;
  input.system_id = a.system_id > 0 ? a.system_id : in->required_int("system_id", 1, INT64_MAX);
  if (a.system_id > 0) (void)in->optional_int("system_id", 1, INT64_MAX);
  input.name = in->required_string("name", 200);
  input.config_json = in->optional_object_text("config").value_or("");
  if (input.config_json.empty())
    in->reject("config", "config is required: the log columns and the task");
  input.thresholds_json = in->optional_array_text("thresholds");
  input.run_mode = in->optional_string("run_mode", 20).value_or("upload");
  input.schedule_hours = in->optional_int("schedule_hours", 1, 24 * 366);
  input.schedule_source = in->optional_string("schedule_source", 500).value_or("");
  input.human_review_on_breach = in->optional_bool("human_review_on_breach").value_or(false);
  if (Status s = in->finish(); !s) return fail(s.error());
  auto m = create_monitor(*o->db, o->org, input, command::cli_actor());
  if (!m) return fail(m.error());
  if (a.as_json) {
    std::cout << to_json(*m).dump(2) << "\n";
  } else {
    std::cout << "Created monitor #" << m->id << " \"" << m->name << "\" on AI system #"
              << m->system_id << "\n";
  }
  return 0;
}

int list_command(const Args& a) {
  auto o = command::open_organisation(a.db, a.org);
  if (!o) return kFailed;
  std::optional<int64_t> system;
  if (a.system_id > 0) system = a.system_id;
  auto monitors = list_monitors(*o->db, o->org, system);
  if (!monitors) return fail(monitors.error());
  json items = json::array();
  for (const auto& m : *monitors) {
    if (a.as_json) {
      items.push_back(to_json(m));
      continue;
    }
    std::cout << m.id << "\tsystem " << m.system_id << "\t" << m.name << "\t" << m.run_mode << "\t"
              << (m.reference_sha256.empty() ? "no reference" : "reference")
              << (m.archived_at ? "\tarchived" : "") << "\n";
  }
  if (a.as_json) std::cout << items.dump(2) << "\n";
  return 0;
}

}  // namespace

void register_cli(CLI::App& app, std::function<int()>& chosen) {
  auto* group = app.add_subcommand("monitor", "Monitors of AI systems: run them over logs");
  group->require_subcommand(1);
  auto common = [](CLI::App* sub, Args& a) {
    command::add_db_option(*sub, a.db);
    command::add_org_option(*sub, a.org);
    sub->add_option("--system", a.system_id, "AI system id (its only active monitor is used)");
    sub->add_option("--monitor", a.monitor_id, "Monitor id, when the system has several");
    sub->add_flag("--json", a.as_json, "Print JSON as the API answers");
  };
  auto when = [&chosen](CLI::App* sub, std::shared_ptr<Args> a, int (*run)(const Args&)) {
    sub->callback([&chosen, a, run] { chosen = [a, run] { return run(*a); }; });
  };

  auto la = std::make_shared<Args>();
  auto* list_cmd = group->add_subcommand("list", "List monitors: id, system, name, mode");
  common(list_cmd, *la);
  when(list_cmd, la, list_command);

  auto ca = std::make_shared<Args>();
  auto* create_cmd = group->add_subcommand(
      "create", "Create a monitor from a JSON file, as POST /api/v1/monitors takes it");
  common(create_cmd, *ca);
  create_cmd->add_option("--file", ca->file, "JSON: name, config, thresholds, ...")->required();
  when(create_cmd, ca, create_command);

  auto ra = std::make_shared<Args>();
  auto* ref_cmd = group->add_subcommand(
      "reference", "Profile a reference log; drift is measured against it from then on");
  common(ref_cmd, *ra);
  ref_cmd->add_option("--log", ra->reference, "Reference log: CSV or JSON Lines, gzip or not")
      ->required();
  ref_cmd->add_flag("--quiet", ra->quiet, "No progress bar");
  add_run_limit_options(*ref_cmd, ra->limits);
  when(ref_cmd, ra, reference_command);

  auto na = std::make_shared<Args>();
  auto* run_cmd = group->add_subcommand(
      "run", "Run a monitor over a prediction log and store the run as evidence");
  common(run_cmd, *na);
  run_cmd->add_option("--log", na->log, "Prediction log: CSV or JSON Lines, gzip or not")
      ->required();
  run_cmd->add_option("--reference", na->reference, "Profile this reference log first");
  run_cmd->add_option("--name", na->name, "Name to keep with the run (default: the file name)");
  run_cmd->add_flag("--fail-on-breach", na->fail_on_breach,
                    "Exit with status 4 when a threshold is breached (for CI/CD gates)");
  run_cmd->add_flag("--quiet", na->quiet, "No progress bar");
  add_run_limit_options(*run_cmd, na->limits);
  when(run_cmd, na, run_command);

  auto ba = std::make_shared<Args>();
  auto* robust_cmd = group->add_subcommand(
      "robustness",
      "Pair predictions on original and on perturbed inputs (same ids): flip rate and largest "
      "score change, overall and per group, with the monitor's column mapping");
  common(robust_cmd, *ba);
  robust_cmd->add_option("--original", ba->log, "Predictions on the original inputs")->required();
  robust_cmd->add_option("--perturbed", ba->perturbed, "Predictions on the perturbed inputs")
      ->required();
  robust_cmd
      ->add_option("--max-flip-rate", ba->max_flip_rate,
                   "Exit with status 4 when the flip rate (overall or of a group) is above this")
      ->check(CLI::Range(0.0, 1.0));
  robust_cmd
      ->add_option("--max-score-change", ba->max_score_change,
                   "Exit with status 4 when the largest score change is above this")
      ->check(CLI::NonNegativeNumber);
  add_run_limit_options(*robust_cmd, ba->limits);
  when(robust_cmd, ba, robustness_command);
}

void RunLimitArgs::apply_to(RunOptions& options) const {
  options.max_log_bytes = log_gib << 30;
  options.max_rows = rows;
  options.max_spill_bytes = spill_gib << 30;
  options.max_gzip_ratio = gzip_ratio;
  options.time_limit = std::chrono::seconds(time_limit_seconds);
}

void add_run_limit_options(CLI::App& command, RunLimitArgs& args) {
  const auto within = CLI::Range(uint64_t{0}, uint64_t{1} << 30);
  command.add_option("--max-log-gib", args.log_gib, "Largest log (GiB, decompressed) a run reads")
      ->check(within)
      ->capture_default_str();
  command.add_option("--max-log-rows", args.rows, "Most rows a run reads")
      ->check(CLI::Range(uint64_t{0}, uint64_t{1} << 62))
      ->capture_default_str();
  command
      .add_option("--max-spill-gib", args.spill_gib,
                  "Temporary disk (GiB) a run's duplicate-id check may use")
      ->check(within)
      ->capture_default_str();
  command
      .add_option("--max-gzip-ratio", args.gzip_ratio,
                  "Most a gzip log may expand past its first 64 MiB (times its size)")
      ->check(within)
      ->capture_default_str();
  command
      .add_option("--run-time-limit", args.time_limit_seconds, "Seconds a run may take (0: any)")
      ->check(CLI::Range(int64_t{0}, int64_t{366} * 24 * 3600))
      ->capture_default_str();
}

RunPoolOptions RunPoolArgs::options() const {
  RunPoolOptions pool;
  limits.apply_to(pool.run);
  pool.time_limit = pool.run.time_limit;
  pool.threads = threads;
  pool.queue = queue;
  pool.per_organisation = per_organisation;
  return pool;
}

void add_run_pool_options(CLI::App& serve, RunPoolArgs& args) {
  add_run_limit_options(serve, args.limits);
  serve.add_option("--monitor-threads", args.threads, "Monitoring runs at once")
      ->check(CLI::Range(1u, 64u))
      ->capture_default_str();
  serve.add_option("--monitor-queue", args.queue, "Monitoring runs waiting at most")
      ->check(CLI::Range(size_t{0}, size_t{100000}))
      ->capture_default_str();
  serve
      .add_option("--monitor-runs-per-org", args.per_organisation,
                  "Monitoring runs one organisation may have queued or running")
      ->check(CLI::Range(size_t{1}, size_t{100000}))
      ->capture_default_str();
}

}  // namespace aims::monitoring
