// What every subcommand shares, the composition root's and the modules' own (aims systems ...,
// aims monitor ...): the --db and --org options, opening the database, the CLI actor recorded in
// the audit trail, and reporting errors.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "auth/auth.h"
#include "store/database.h"
#include "trail/keys.h"
#include "trail/trail.h"

namespace aims::command {

inline constexpr int kFailed = 1;
// The command line itself is wrong (an unknown option, a missing one, a value out of range).
inline constexpr int kUsage = 2;
inline constexpr int kVerificationFailed = 3;

// Adds --db (default: $AIMS_DB, else sqlite:aims.db) to `command`.
void add_db_option(CLI::App& command, std::string& url);

// Opens the database and applies pending migrations. Prints the error and returns null on failure.
std::unique_ptr<store::Database> open_database(const std::string& url);

// Adds --key-file (default: $AIMS_KEY_FILE) to `command`: the file holding the secret from which
// the audit trail's signing keys derive (docs/audit-trail.md).
void add_key_file_option(CLI::App& command, std::string& path);

// The key file of database `url`: `path` when given, else beside an SQLite database
// (sqlite:aims.db -> aims.db.key). Errors: invalid_argument on "key-file" for PostgreSQL without
// one, since every server of one database must be given the same file.
Result<std::string> key_file_path(const std::string& url, const std::string& path);

// The signing keys of database `url`, creating the key file when there is none. Prints the
// error and returns nullopt on failure.
std::optional<trail::SigningKeys> signing_keys(const std::string& url, const std::string& path);

// Prints the organisation's public key as auditors pin it: first the line --public-key takes,
// then a comment with its fingerprint (so the output saved to a file is a key file for verify).
void print_public_key(const trail::SigningKeys& keys, const auth::Organisation& org);

// Adds --org (default: $AIMS_ORG) to `command`. It may be left out while the database holds one
// organisation, as most do.
void add_org_option(CLI::App& command, std::string& name);

// The organisation named `name` (the only one when `name` is empty), or an error printed to stderr.
std::optional<auth::Organisation> organisation(store::Database& db, const std::string& name);

// A database opened with its migrations applied, and the organisation a command works in.
struct OrganisationDatabase {
  std::unique_ptr<store::Database> db;
  int64_t org = 0;
};
// Opens `url` and finds the organisation named `name` (see `organisation`). Prints the error and
// returns nullopt on failure.
std::optional<OrganisationDatabase> open_organisation(const std::string& url,
                                                      const std::string& name);

// The audit-trail actor for commands run from a shell: "cli:<login name>".
trail::Actor cli_actor();

// Prints "aims: <message>" (and the field, if any) to stderr and returns kFailed.
int fail(const Error& error);

// Reads a secret from an environment variable; nullopt when unset or empty.
std::optional<std::string> secret_from_env(const char* name);

// A subcommand registers its options and sets the function to run when chosen.
using Action = std::function<int()>;

}  // namespace aims::command
