// aims db backup and db restore: one file holding a consistent copy of the database and a
// manifest (aims version, schema, each organisation's trail head, the data's SHA-256) that a
// restore checks the restored database against.
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>
#include <unistd.h>
#include <zip.h>

#include "auth/auth.h"
#include "base/crypto.h"
#include "base/program.h"
#include "base/time.h"
#include "cli/common.h"
#include "store/migrate.h"
#include "store/snapshot.h"
#include "trail/verify.h"

namespace aims::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kFormat = "aims-backup/1";
constexpr const char* kManifest = "manifest.json";
constexpr const char* kSqliteData = "database.sqlite";
constexpr const char* kPostgresData = "database.pgdump";
constexpr std::string_view kSqliteScheme = "sqlite:";

bool is_sqlite(const std::string& url) {
  return url.starts_with(kSqliteScheme);
}

std::string sqlite_path(const std::string& url) {
  return url.substr(kSqliteScheme.size());
}

// "%40" -> "@": libpq decodes a URL's password, PGPASSWORD is taken as it is.
std::string percent_decoded(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool escape = text[i] == '%' && i + 2 < text.size() &&
                        std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
                        std::isxdigit(static_cast<unsigned char>(text[i + 2]));
    out += escape ? static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16)) : text[i];
    if (escape) i += 2;
  }
  return out;
}

// pg_dump and pg_restore get the URL without its password and the password in their
// environment, so `ps` never shows it.
struct PostgresTarget {
  std::string url;
  std::vector<std::string> environment;
};

PostgresTarget postgres_target(const std::string& url) {
  const auto scheme = url.find("://");
  const auto at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return {url, {}};
  const auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return {url, {}};
  return {url.substr(0, colon) + url.substr(at),
          {"PGPASSWORD=" + percent_decoded(url.substr(colon + 1, at - colon - 1))}};
}

// pg_dump or pg_restore, with the password in its environment. Errors: unavailable, in words, when
// it is not installed or does not succeed (its own messages are on stderr already).
Status run_postgres_tool(const std::vector<std::string>& argv, const PostgresTarget& target) {
  auto status = run_program(argv, target.environment);
  if (!status && status.error().code == ErrorCode::not_found) {
    return Error::unavailable(argv.front() +
                              " is not installed here (Debian: apt install postgresql-client)");
  }
  TRY_ASSIGN(const int code, std::move(status));
  if (code != 0)
    return Error::unavailable(argv.front() + " failed (exit " + std::to_string(code) + ")");
  return {};
}

Result<std::vector<std::string>> applied_migrations(store::Database& db) {
  return db.read([](store::Tx& tx) -> Result<std::vector<std::string>> {
    TRY_ASSIGN(auto rows, tx.query("SELECT name FROM schema_migrations ORDER BY name"));
    std::vector<std::string> names;
    for (auto& row : rows)
      names.push_back(row.text(0));
    return names;
  });
}

// What a restore checks against; a broken trail is recorded, not a reason to back up nothing.
Result<json> manifest_of(store::Database& db, const char* engine) {
  TRY_ASSIGN(const auto schema, store::schema_status(db));
  if (!schema.current()) {
    return Error{ErrorCode::failed_precondition,
                 "the database's schema is not this binary's (" + schema.problem() + ")",
                 {}};
  }
  TRY_ASSIGN(auto migrations, applied_migrations(db));
  json manifest = {{"format", kFormat},    {"aims_version", AIMS_VERSION},
                   {"engine", engine},     {"created_at", now_timestamp()},
                   {"schema", migrations}, {"organisations", json::array()}};
  TRY_ASSIGN(const auto orgs, auth::list_organisations(db));
  for (const auto& org : orgs) {
    TRY_ASSIGN(const auto v, trail::verify(db, org.id));
    json entry = {{"id", org.id},
                  {"name", org.name},
                  {"trail_events", v.events_checked},
                  {"trail_head", v.head_hash},
                  {"trail_intact", v.intact}};
    if (!v.intact) entry["trail_problem"] = v.problem;
    manifest["organisations"].push_back(std::move(entry));
  }
  return manifest;
}

Status write_archive(const std::string& out, const std::string& manifest,
                     const std::string& data_path, const char* data_name) {
  int error = 0;
  zip_t* archive = zip_open(out.c_str(), ZIP_CREATE | ZIP_EXCL, &error);
  if (!archive) return Error::unavailable("cannot create " + out);
  const auto abandon = [&](const std::string& what) -> Status {
    std::string message = what + ": " + zip_strerror(archive);
    zip_discard(archive);
    return Error::unavailable(message);
  };
  zip_source_t* text = zip_source_buffer(archive, manifest.data(), manifest.size(), 0);
  if (!text || zip_file_add(archive, kManifest, text, ZIP_FL_ENC_UTF_8) < 0) {
    if (text) zip_source_free(text);
    return abandon("cannot add the manifest");
  }
  zip_source_t* data = zip_source_file(archive, data_path.c_str(), 0, -1);
  const zip_int64_t index = data ? zip_file_add(archive, data_name, data, 0) : -1;
  if (index < 0) {
    if (data) zip_source_free(data);
    return abandon("cannot add the data");
  }
  // pg_dump's custom format is compressed already.
  const bool compress = std::string_view(data_name) == kSqliteData;
  zip_set_file_compression(archive, static_cast<zip_uint64_t>(index),
                           compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 1);
  if (zip_close(archive) < 0) return abandon("cannot write " + out);
  return {};
}

// Copies `data_name` out of the archive into `out`, in blocks.
Status extract(zip_t* archive, const char* data_name, const std::string& out) {
  zip_file_t* file = zip_fopen(archive, data_name, 0);
  if (!file) return Error::invalid("from", std::string("the backup holds no ") + data_name);
  std::ofstream sink(out, std::ios::binary | std::ios::trunc);
  std::vector<char> block(1 << 20);
  zip_int64_t read = 0;
  while ((read = zip_fread(file, block.data(), block.size())) > 0)
    sink.write(block.data(), read);
  zip_fclose(file);
  sink.close();
  if (read < 0 || !sink) return Error::unavailable("cannot extract the data into " + out);
  return {};
}

Result<json> read_manifest(zip_t* archive) {
  zip_file_t* file = zip_fopen(archive, kManifest, 0);
  if (!file) return Error::invalid("from", "not an aims backup: it holds no manifest");
  std::string text;
  std::vector<char> block(1 << 16);
  zip_int64_t read = 0;
  while ((read = zip_fread(file, block.data(), block.size())) > 0)
    text.append(block.data(), static_cast<size_t>(read));
  zip_fclose(file);
  json manifest = json::parse(text, nullptr, false);
  if (manifest.is_discarded() || !manifest.is_object() || manifest.value("format", "") != kFormat)
    return Error::invalid("from", std::string("not an aims backup of format ") + kFormat);
  return manifest;
}

struct Snapshot {
  json manifest;
  std::string data_path;
  const char* data_name;
};

Result<Snapshot> snapshot(const std::string& url, const std::string& work) {
  if (is_sqlite(url)) {
    const std::string data = work + "/" + kSqliteData;
    TRY(store::snapshot_sqlite(sqlite_path(url), data));
    json manifest;
    {  // read from the copy itself, so the manifest says exactly what the backup holds
      TRY_ASSIGN(auto copy, store::Database::open(std::string(kSqliteScheme) + data));
      TRY_ASSIGN(manifest, manifest_of(*copy, "sqlite"));
    }
    return Snapshot{std::move(manifest), data, kSqliteData};
  }
  // Heads read before pg_dump starts its snapshot: the dump holds at least these events.
  TRY_ASSIGN(auto live, store::Database::open(url, {.pool_size = 1}));
  TRY_ASSIGN(json manifest, manifest_of(*live, "postgresql"));
  const std::string data = work + "/" + kPostgresData;
  const auto target = postgres_target(url);
  TRY(run_postgres_tool({"pg_dump", "--format=custom", "--file=" + data, "--dbname=" + target.url},
                        target));
  return Snapshot{std::move(manifest), data, kPostgresData};
}

int backup(const std::string& url, const std::string& out) {
  if (fs::exists(out))
    return fail(Error::invalid("out", out + " exists: a backup never overwrites"));
  const std::string work = out + ".partial.d";
  std::error_code ignored;
  fs::create_directories(work, ignored);
  auto snap = snapshot(url, work);
  Status written = snap ? Status{} : Status{snap.error()};
  if (snap) {
    auto sha = crypto::sha256_file_hex(snap->data_path);
    if (!sha)
      written = sha.error();
    else {
      snap->manifest["data"] = {
          {"file", snap->data_name}, {"sha256", *sha}, {"bytes", fs::file_size(snap->data_path)}};
      written = write_archive(out, snap->manifest.dump(2), snap->data_path, snap->data_name);
    }
  }
  fs::remove_all(work, ignored);
  if (!written) return fail(written.error());
  int64_t events = 0;
  for (const auto& org : snap->manifest["organisations"])
    events += org.value("trail_events", int64_t{0});
  const size_t orgs = snap->manifest["organisations"].size();
  std::cout << "Backed up " << orgs << (orgs == 1 ? " organisation, " : " organisations, ")
            << events << " audit events, to " << out << " (" << fs::file_size(out)
            << " bytes).\nThe audit trail's key file is not in the backup: keep a copy of it "
               "apart (docs/audit-trail.md).\n";
  return 0;
}

Status ensure_empty_target(const std::string& url) {
  if (is_sqlite(url)) {
    const std::string path = sqlite_path(url);
    if (fs::exists(path) && fs::file_size(path) > 0)
      return Error::invalid("db", "a restore writes only a new database: " + path + " exists");
    return {};
  }
  TRY_ASSIGN(auto db, store::Database::open(url, {.pool_size = 1}));
  TRY_ASSIGN(auto tables, db->read([](store::Tx& tx) {
    return tx.query_row(
        "SELECT COUNT(*) FROM information_schema.tables"
        " WHERE table_schema = current_schema()");
  }));
  if (tables && tables->int64(0) > 0)
    return Error::invalid("db", "a restore writes only into an empty database: this one holds " +
                                    std::to_string(tables->int64(0)) + " tables");
  return {};
}

// Puts the data where `url` points: the file moved into place, or pg_restore in one transaction.
Status put_data(const std::string& url, const std::string& data) {
  if (is_sqlite(url)) {
    std::error_code error;
    fs::rename(data, sqlite_path(url), error);
    if (error) return Error::unavailable("cannot move the database into place: " + error.message());
    return {};
  }
  const auto target = postgres_target(url);
  return run_postgres_tool({"pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
                            "--single-transaction", "--dbname=" + target.url, data},
                           target);
}

// Every organisation's trail intact and holding the head the manifest recorded; one line each.
Result<bool> check_restored(const std::string& url, const json& manifest) {
  TRY_ASSIGN(auto db, store::Database::open(url, {.pool_size = 1}));
  bool all = true;
  for (const auto& org : manifest["organisations"]) {
    trail::VerifyOptions options;
    const int64_t events = org.value("trail_events", int64_t{0});
    if (events > 0) options.anchors.push_back({events, org.value("trail_head", ""), ""});
    TRY_ASSIGN(const auto v, trail::verify(*db, org.value("id", int64_t{0}), options));
    const std::string name = org.value("name", "");
    if (v.intact) {
      std::cout << "audit trail of \"" << name << "\": intact, " << v.events_checked
                << " events, event #" << events << " as the backup recorded it\n";
    } else {
      std::cout << "audit trail of \"" << name << "\": PROBLEM: " << v.problem << "\n";
      all = false;
    }
  }
  TRY_ASSIGN(const auto schema, store::schema_status(*db));
  if (!schema.current()) std::cout << "schema: " << schema.problem() << "\n";
  return all;
}

Status restore_data(zip_t* archive, const json& manifest, const std::string& url) {
  const std::string engine = manifest.value("engine", "");
  if ((engine == "sqlite") != is_sqlite(url)) {
    return Error::invalid(
        "db", "this backup is of " + engine + " and restores into the same engine only");
  }
  TRY(ensure_empty_target(url));
  const json data = manifest.value("data", json::object());
  const std::string name = data.value("file", "");
  if (name != kSqliteData && name != kPostgresData)
    return Error::invalid("from", "the manifest names no data file");
  const std::string staged =
      is_sqlite(url)
          ? sqlite_path(url) + ".restoring"
          : (fs::temp_directory_path() / ("aims-restore-" + std::to_string(getpid()) + ".pgdump"))
                .string();
  TRY(extract(archive, name.c_str(), staged));
  auto sha = crypto::sha256_file_hex(staged);
  Status put = !sha ? Status{sha.error()}
               : *sha != data.value("sha256", "")
                   ? Status{Error::invalid("from",
                                           "the backup's data does not match the SHA-256 "
                                           "its manifest recorded: it was altered or damaged")}
                   : put_data(url, staged);
  std::error_code ignored;
  fs::remove(staged, ignored);
  return put;
}

int restore(const std::string& from, const std::string& url) {
  int error = 0;
  zip_t* archive = zip_open(from.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (!archive) return fail(Error::invalid("from", "cannot read " + from + " as an aims backup"));
  auto manifest = read_manifest(archive);
  Status restored = manifest ? restore_data(archive, *manifest, url) : Status{manifest.error()};
  zip_discard(archive);
  if (!restored) return fail(restored.error());
  std::cout << "Restored the backup of " << manifest->value("created_at", "") << " (aims "
            << manifest->value("aims_version", "") << ").\n";
  auto intact = check_restored(url, *manifest);
  if (!intact) return fail(intact.error());
  return *intact ? 0 : kVerificationFailed;
}

}  // namespace

void register_db_backup_commands(CLI::App& db, Action& chosen) {
  auto url = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  auto* backup_cmd = db.add_subcommand(
      "backup", "Write a consistent copy of the database, with a manifest, while it serves");
  add_db_option(*backup_cmd, *url);
  backup_cmd->add_option("--out", *out, "The backup file to create")->required();
  backup_cmd->callback([&chosen, url, out] { chosen = [url, out] { return backup(*url, *out); }; });

  auto from = std::make_shared<std::string>();
  auto* restore_cmd = db.add_subcommand(
      "restore", "Restore a backup into a new, empty database and check every audit trail");
  add_db_option(*restore_cmd, *url);
  restore_cmd->add_option("--from", *from, "A file made by 'aims db backup'")->required();
  restore_cmd->callback(
      [&chosen, url, from] { chosen = [url, from] { return restore(*from, *url); }; });
}

}  // namespace aims::cli
