// aims db check: the database engine's own check, the schema against this binary, and every
// organisation's audit trail, for an operator's cron job or a restore drill.
#include <filesystem>
#include <iostream>

#include "auth/auth.h"
#include "cli/common.h"
#include "store/migrate.h"
#include "trail/verify.h"

namespace aims::cli {
namespace {

// SQLite checks every page and index itself; PostgreSQL checks page checksums as it reads, so
// reading every table of the schema through is its check.
Result<std::string> engine_check(store::Database& db) {
  return db.read([](store::Tx& tx) -> Result<std::string> {
    if (tx.dialect() == store::Dialect::sqlite) {
      TRY_ASSIGN(auto rows, tx.query("PRAGMA integrity_check"));
      std::string problems;
      for (auto& row : rows) {
        if (row.text(0) != "ok") problems += (problems.empty() ? "" : "; ") + row.text(0);
      }
      return problems;
    }
    TRY_ASSIGN(auto tables, tx.query("SELECT table_name FROM information_schema.tables"
                                     " WHERE table_schema = current_schema()"
                                     " AND table_type = 'BASE TABLE' ORDER BY table_name"));
    for (auto& table : tables) {
      TRY(tx.query_row("SELECT COUNT(*) FROM \"" + table.text(0) + "\""));
    }
    return std::string();
  });
}

// One line per check; false when it found a problem.
bool report_engine(store::Database& db) {
  auto problems = engine_check(db);
  if (!problems) {
    std::cout << "database: PROBLEM: " << problems.error().message << "\n";
    return false;
  }
  if (!problems->empty())
    std::cout << "database: PROBLEM: " << *problems << "\n";
  else
    std::cout << "database: every table reads back intact\n";
  return problems->empty();
}

bool report_schema(store::Database& db) {
  auto schema = store::schema_status(db);
  if (!schema) {
    std::cout << "schema: PROBLEM: " << schema.error().message << "\n";
    return false;
  }
  if (!schema->current())
    std::cout << "schema: PROBLEM: " << schema->problem() << "\n";
  else
    std::cout << "schema: every migration of this aims binary applied\n";
  return schema->current();
}

bool report_trails(store::Database& db) {
  auto orgs = auth::list_organisations(db);
  if (!orgs) {
    std::cout << "audit trail: PROBLEM: " << orgs.error().message << "\n";
    return false;
  }
  bool all_intact = true;
  for (const auto& org : *orgs) {
    auto v = trail::verify(db, org.id);
    if (!v || !v->intact) {
      std::cout << "audit trail of \"" << org.name
                << "\": PROBLEM: " << (v ? v->problem : v.error().message) << "\n";
      all_intact = false;
      continue;
    }
    std::cout << "audit trail of \"" << org.name << "\": intact, " << v->events_checked
              << " events\n";
  }
  return all_intact;
}

}  // namespace

void register_db_check_command(CLI::App& db, Action& chosen) {
  auto url = std::make_shared<std::string>();
  auto* check = db.add_subcommand(
      "check", "Check the database's pages, its schema and every audit trail; exit 3 on a problem");
  add_db_option(*check, *url);
  check->callback([&chosen, url] {
    chosen = [url] {
      // Opened without migrating: a check reports the schema as it finds it and writes nothing,
      // not even an empty file where a mistyped path points.
      if (url->starts_with("sqlite:") && !std::filesystem::exists(url->substr(7))) {
        return fail(Error::not_found("no SQLite database at " + url->substr(7)));
      }
      auto database = store::Database::open(*url, {.pool_size = 2});
      if (!database) return fail(database.error());
      store::Database& d = **database;
      // Each check runs even when one before it failed, so one run names every problem.
      const bool engine = report_engine(d);
      const bool schema = report_schema(d);
      const bool trails = report_trails(d);
      return engine && schema && trails ? 0 : kVerificationFailed;
    };
  });
}

}  // namespace aims::cli
