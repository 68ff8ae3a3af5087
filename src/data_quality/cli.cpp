#include "data_quality/cli.h"

#include <iostream>
#include <memory>

#include "command/common.h"
#include "data_quality/data_quality.h"
#include "data_quality/views.h"

namespace aims::data_quality {
namespace {

struct Args {
  std::string db;
  std::string org;
  int64_t dataset_id = 0;
  std::string file;
  bool as_json = false;
};

void print_run(const StoredRun& run) {
  std::cout << "Data-quality run #" << run.id << " of dataset #" << run.dataset_id << ": "
            << run.rows << " rows, " << run.malformed_rows << " malformed, sha256 " << run.sha256
            << "\n";
  for (const auto& result : run.report.value("results", nlohmann::json::array())) {
    std::cout << "  " << (result.value("pass", false) ? "met     " : "NOT MET ")
              << result.value("name", "") << ": " << result.value("summary", "") << "\n";
  }
}

int run_command(const Args& a) {
  auto o = command::open_organisation(a.db, a.org);
  if (!o) return command::kFailed;
  const std::string name = a.file.substr(a.file.find_last_of('/') + 1);
  auto run = run_quality(*o->db, o->org, a.dataset_id, monitoring::LogInput::file(a.file), name,
                         {.actor = command::cli_actor()});
  if (!run) return command::fail(run.error());
  if (a.as_json) {
    std::cout << run_json(*run).dump(2) << "\n";
  } else {
    print_run(*run);
  }
  return run->pass ? 0 : kNotMet;
}

}  // namespace

void register_cli(CLI::App& app, std::function<int()>& chosen) {
  auto* group = app.add_subcommand("data-quality", "Check dataset files against requirements");
  group->require_subcommand(1);
  auto a = std::make_shared<Args>();
  auto* run_cmd = group->add_subcommand(
      "run",
      "Check a dataset file (CSV or JSON Lines, gzip or not) against the dataset's "
      "requirements and store the run; exit 4 when one is not met");
  command::add_db_option(*run_cmd, a->db);
  command::add_org_option(*run_cmd, a->org);
  run_cmd->add_option("--dataset", a->dataset_id, "Dataset id")->required();
  run_cmd->add_option("file", a->file, "The dataset file")->required();
  run_cmd->add_flag("--json", a->as_json, "Print JSON as the API answers");
  run_cmd->callback([&chosen, a] { chosen = [a] { return run_command(*a); }; });
}

}  // namespace aims::data_quality
