#include "lifecycle/cli.h"

#include <iostream>
#include <memory>

#include "command/common.h"
#include "lifecycle/lifecycle.h"

namespace aims::lifecycle {
namespace {

struct Args {
  std::string db;
  std::string org;
  int64_t id = 0;
  std::string log;
  std::string perturbed;
  bool as_json = false;
};

void print_run(const ValidationRun& run) {
  std::cout << "Validation run #" << run.id << " of validation #" << run.validation_id << ": "
            << run.rows << " rows, sha256 " << run.log_sha256 << "\n";
  for (const auto& c : run.criteria) {
    std::cout << "  " << (c.value("pass", false) ? "met     " : "NOT MET ") << c.value("name", "")
              << " (" << c.value("metric", "") << "): " << c.value("reason", "") << "\n";
  }
}

int run_command(const Args& a) {
  auto o = command::open_organisation(a.db, a.org);
  if (!o) return command::kFailed;
  auto run = run_validation(*o->db, o->org, a.id, logs_from_files(a.log, a.perturbed),
                            {.actor = command::cli_actor()});
  if (!run) return command::fail(run.error());
  if (a.as_json) {
    std::cout << to_json(*run).dump(2) << "\n";
  } else {
    print_run(*run);
  }
  return run->pass ? 0 : kNotMet;
}

}  // namespace

void register_cli(CLI::App& app, std::function<int()>& chosen) {
  CLI::App* group = app.get_subcommand(validations().command);
  auto a = std::make_shared<Args>();
  auto* run_cmd = group->add_subcommand(
      "run",
      "Check a validation log (CSV or JSON Lines, gzip or not), and a perturbed copy for "
      "robustness, against the system's agreed acceptance criteria; store the run; exit 4 when "
      "one is not met");
  command::add_db_option(*run_cmd, a->db);
  command::add_org_option(*run_cmd, a->org);
  run_cmd->add_option("--id", a->id, "The validation's id")->required();
  run_cmd->add_option("--log", a->log, "Predictions on the validation data, with labels")
      ->required();
  run_cmd->add_option("--perturbed", a->perturbed,
                      "Predictions on perturbed copies of the same inputs (same ids)");
  run_cmd->add_flag("--json", a->as_json, "Print JSON as the API answers");
  run_cmd->callback([&chosen, a] { chosen = [a] { return run_command(*a); }; });
}

}  // namespace aims::lifecycle
