// `aims gate check`: a delivery pipeline asks whether an AI system may enter a lifecycle stage.
#include <iostream>
#include <memory>

#include "command/common.h"
#include "lifecycle/cli.h"
#include "lifecycle/lifecycle.h"

namespace aims::lifecycle {
namespace {

struct GateArgs {
  std::string db;
  std::string org;
  int64_t system_id = 0;
  std::string stage;
  int64_t model_id = 0;
  int64_t monitor_id = 0;
  std::string validation_log;
  std::string perturbed_log;
  bool as_json = false;
};

void print_check(const GateCheck& c) {
  std::cout << "Gate check #" << c.id << ": AI system #" << c.system_id << " to enter " << c.stage
            << " (tier " << (c.risk_tier.empty() ? "not set, checked as high" : c.risk_tier)
            << "): " << (c.passed ? "PASSED" : "NOT PASSED") << "\n";
  for (const auto& x : c.criteria)
    std::cout << "  " << (x.met ? "met     " : "NOT MET ") << x.label << ": " << x.reason << "\n";
}

int check_command(const GateArgs& a) {
  if (!a.perturbed_log.empty() && a.validation_log.empty()) {
    command::fail(Error::invalid("perturbed-log",
                                 "--perturbed-log pairs with a --validation-log: give that too"));
    return command::kUsage;
  }
  auto o = command::open_organisation(a.db, a.org);
  if (!o) return command::kFailed;
  GateRequest request{.system_id = a.system_id, .stage = a.stage, .source = "cli"};
  if (a.model_id > 0) request.model_id = a.model_id;
  if (a.monitor_id > 0) request.monitor_id = a.monitor_id;
  if (!a.validation_log.empty()) request.logs = logs_from_files(a.validation_log, a.perturbed_log);
  auto check = check_gate(*o->db, o->org, request, {.actor = command::cli_actor()});
  if (!check) {
    const bool usage = check.error().code == ErrorCode::invalid_argument &&
                       (check.error().field == "stage" || check.error().field == "model_id" ||
                        check.error().field == "monitor_id");
    command::fail(check.error());
    return usage ? command::kUsage : command::kFailed;
  }
  if (a.as_json) {
    std::cout << to_json(*check).dump(2) << "\n";
  } else {
    print_check(*check);
  }
  return check->passed ? 0 : kNotMet;
}

}  // namespace

void register_gate_cli(CLI::App& app, std::function<int()>& chosen) {
  auto* group = app.add_subcommand("gate", "Lifecycle stage gates of AI systems");
  group->require_subcommand(1);
  auto a = std::make_shared<GateArgs>();
  auto* check = group->add_subcommand(
      "check",
      "Evaluate the criteria an AI system meets before entering a stage, store the check as "
      "evidence; exit 0 when every criterion is met, 4 when one is not, 2 on a usage error");
  command::add_db_option(*check, a->db);
  command::add_org_option(*check, a->org);
  check->add_option("--system", a->system_id, "The AI system's id")->required();
  check
      ->add_option("--stage", a->stage,
                   "development, verification_validation, deployment, operation_monitoring or "
                   "retirement")
      ->required();
  check->add_option("--model-version", a->model_id,
                    "Only this model's validation counts (its id among the system's models)");
  check->add_option("--monitor", a->monitor_id,
                    "The monitor whose mapping reads the logs (default: the system's only one)");
  check->add_option("--validation-log", a->validation_log,
                    "Check the agreed acceptance criteria on this log too");
  check->add_option("--perturbed-log", a->perturbed_log,
                    "Predictions on perturbed copies of the validation log's inputs (robustness)");
  check->add_flag("--json", a->as_json, "Print JSON as the API answers");
  check->callback([&chosen, a] { chosen = [a] { return check_command(*a); }; });
}

}  // namespace aims::lifecycle
