#include "cli/cli.h"

#include <iostream>

#include <spdlog/spdlog.h>

#include "base/crypto.h"
#include "cli/common.h"
#include "cli/composition.h"
#include "controls/cli.h"
#include "data/cli.h"
#include "data_quality/cli.h"
#include "lifecycle/cli.h"
#include "monitoring/cli.h"
#include "oversight/cli.h"
#include "records/cli.h"
#include "records/registry.h"
#include "roles/cli.h"
#include "technical_file/cli.h"

namespace aims::cli {

int run(int argc, char** argv) {
  crypto::init();
  CLI::App app{"aims: an AI management system for ISO/IEC 42001", "aims"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Show help for every subcommand");
  Action chosen;
  register_account_commands(app, chosen);
  register_serve_command(app, chosen);
  register_audit_commands(app, chosen);
  register_db_commands(app, chosen);
  register_demo_commands(app, chosen);
  define_registers();
  for (const records::Description* d : records::all())
    records::register_cli(app, chosen, *d);
  monitoring::register_cli(app, chosen);
  controls::register_cli(app, chosen);
  data_quality::register_cli(app, chosen);
  roles::register_cli(app, chosen);
  data::register_cli(app, chosen);
  lifecycle::register_cli(app, chosen);
  lifecycle::register_gate_cli(app, chosen);
  lifecycle::register_policy_cli(app, chosen);
  technical_file::register_cli(app, chosen);
  oversight::register_cli(app, chosen);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Prints help or the usage error; a pipeline tells a usage error (2) from a failed check.
    return app.exit(e) == 0 ? 0 : command::kUsage;
  }
  return chosen ? chosen() : command::kUsage;
}

}  // namespace aims::cli
