#include "command/common.h"

#include <cstdlib>
#include <iostream>

#include <pwd.h>
#include <unistd.h>

#include "store/migrate.h"

namespace aims::command {

void add_db_option(CLI::App& command, std::string& url) {
  const char* env = std::getenv("AIMS_DB");
  url = env && *env ? env : "sqlite:aims.db";
  command.add_option("--db", url, "Database URL: sqlite:PATH or postgresql://... (env AIMS_DB)")
      ->capture_default_str();
}

void add_key_file_option(CLI::App& command, std::string& path) {
  path = secret_from_env("AIMS_KEY_FILE").value_or("");
  command.add_option("--key-file", path,
                     "The audit trail's key file (env AIMS_KEY_FILE; default for sqlite:PATH: "
                     "PATH.key; created when missing)");
}

Result<std::string> key_file_path(const std::string& url, const std::string& path) {
  if (!path.empty()) return path;
  constexpr std::string_view kSqlite = "sqlite:";
  const std::string file = url.starts_with(kSqlite) ? url.substr(kSqlite.size()) : "";
  if (!file.empty() && file != ":memory:") return file + ".key";
  return Error::invalid("key-file",
                        "a PostgreSQL deployment needs --key-file or AIMS_KEY_FILE, the same file "
                        "on every server: it holds the secret that signs the audit trail");
}

std::optional<trail::SigningKeys> signing_keys(const std::string& url, const std::string& path) {
  auto file = key_file_path(url, path);
  if (!file) {
    fail(file.error());
    return std::nullopt;
  }
  auto keys = trail::SigningKeys::open_or_create(*file);
  if (!keys) {
    fail(keys.error());
    return std::nullopt;
  }
  return std::move(*keys);
}

void print_public_key(const trail::SigningKeys& keys, const auth::Organisation& org) {
  const trail::note::VerifierKey key = keys.for_org(org.id).verifier();
  std::cout << key.text() << "\n# " << key.fingerprint()
            << ": the public key of the audit trail of " << org.name
            << "; pin it (docs/audit-trail.md)\n";
}

void add_org_option(CLI::App& command, std::string& name) {
  const char* env = std::getenv("AIMS_ORG");
  name = env && *env ? env : "";
  command.add_option(
      "--org", name,
      "Organisation name (env AIMS_ORG); may be left out when the database holds one");
}

std::unique_ptr<store::Database> open_database(const std::string& url) {
  auto db = store::Database::open(url, {.pool_size = 2});  // one-shot commands run serially
  if (!db) {
    fail(db.error());
    return nullptr;
  }
  auto applied = store::migrate(**db);
  if (!applied) {
    fail(applied.error());
    return nullptr;
  }
  return std::move(*db);
}

std::optional<auth::Organisation> organisation(store::Database& db, const std::string& name) {
  if (name.empty()) {
    auto all = auth::list_organisations(db);
    if (!all) {
      fail(all.error());
      return std::nullopt;
    }
    if (all->size() == 1) return all->front();
    fail(Error::invalid(
        "org", all->empty() ? "the database holds no organisation yet: aims org create"
                            : "the database holds several organisations: name one with --org"));
    return std::nullopt;
  }
  auto org = auth::find_organisation(db, name);
  if (!org) {
    fail(org.error());
    return std::nullopt;
  }
  return *org;
}

trail::Actor cli_actor() {
  std::string login;
  if (const passwd* pw = getpwuid(geteuid())) login = pw->pw_name;
  if (login.empty()) login = std::to_string(geteuid());
  return {"cli", std::nullopt, "cli:" + login};
}

int fail(const Error& error) {
  std::cerr << "aims: " << error.message;
  if (!error.field.empty()) std::cerr << " (" << error.field << ")";
  std::cerr << "\n";
  return kFailed;
}

std::optional<std::string> secret_from_env(const char* name) {
  const char* value = std::getenv(name);
  if (!value || !*value) return std::nullopt;
  return std::string(value);
}

std::optional<OrganisationDatabase> open_organisation(const std::string& url,
                                                      const std::string& name) {
  OrganisationDatabase o;
  o.db = open_database(url);
  if (!o.db) return std::nullopt;
  auto org = organisation(*o.db, name);
  if (!org) return std::nullopt;
  o.org = org->id;
  return o;
}

}  // namespace aims::command
