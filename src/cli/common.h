// The composition root's subcommands (private to cli/), and the shared helpers under their
// old names.
#pragma once

#include "command/common.h"

namespace aims::cli {

using command::Action;
using command::add_db_option;
using command::add_key_file_option;
using command::add_org_option;
using command::cli_actor;
using command::fail;
using command::key_file_path;
using command::kFailed;
using command::kVerificationFailed;
using command::open_database;
using command::organisation;
using command::print_public_key;
using command::secret_from_env;
using command::signing_keys;

void register_account_commands(CLI::App& app, Action& chosen);
void register_audit_commands(CLI::App& app, Action& chosen);
void register_db_commands(CLI::App& app, Action& chosen);
void register_db_check_command(CLI::App& db, Action& chosen);
void register_db_backup_commands(CLI::App& db, Action& chosen);
void register_db_copy_command(CLI::App& db, Action& chosen);
void register_serve_command(CLI::App& app, Action& chosen);
void register_demo_commands(CLI::App& app, Action& chosen);

}  // namespace aims::cli
