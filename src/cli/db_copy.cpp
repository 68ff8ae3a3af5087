// aims db copy: every table of one database into an empty one of either engine (SQLite to
// PostgreSQL when an organisation outgrows one machine, or back), the search index written anew,
// and every organisation's audit trail checked to end on the same event as the source's.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <limits>
#include <set>

#include <unistd.h>

#include "auth/auth.h"
#include "cli/common.h"
#include "records/search.h"
#include "store/copy.h"
#include "store/migrate.h"
#include "trail/verify.h"

namespace aims::cli {
namespace {

// Each engine keys its full-text index its own way, so those tables are written anew.
const std::set<std::string> kWrittenAnew = {"record_search", "record_search_types"};
constexpr int64_t kSearchRowsPerRead = 5000;

// A database with no tables, or with aims' schema and no organisation (a copy that failed leaves
// the schema its migrations made, and may be run again). Errors: invalid_argument on "to".
Status check_empty(store::Database& target) {
  TRY_ASSIGN(const auto tables, target.read([](store::Tx& tx) {
    return tx.query_row(tx.dialect() == store::Dialect::sqlite
                            ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"
                            : "SELECT COUNT(*) FROM information_schema.tables"
                              " WHERE table_schema = current_schema()");
  }));
  if (!tables || tables->int64(0) == 0) return {};
  auto organisations = auth::list_organisations(target);
  if (!organisations) {
    return Error::invalid("to", "a copy writes only into an empty database: this one holds " +
                                    std::to_string(tables->int64(0)) + " tables");
  }
  if (organisations->empty()) return {};
  return Error::invalid("to", "a copy writes only into an empty database: this one holds " +
                                  std::to_string(organisations->size()) + " organisation(s)");
}

Status write_search_index(store::Tx& from, store::Tx& to) {
  int64_t after = std::numeric_limits<int64_t>::min();
  for (;;) {
    TRY_ASSIGN(auto rows,
               from.query("SELECT id, org_id, record_type, record_id, title, body, archived"
                          " FROM record_search WHERE id > $1 ORDER BY id LIMIT " +
                              std::to_string(kSearchRowsPerRead),
                          {after}));
    for (auto& row : rows) {
      store::RowReader r(row);
      after = r.int64();
      const int64_t org = r.int64();
      const std::string type = r.text();
      const int64_t record_id = r.int64();
      records::search::Text text{r.text(), r.text()};
      const bool archived = r.boolean();
      TRY(records::search::index_copied(to, type, org, record_id, archived, text));
    }
    if (static_cast<int64_t>(rows.size()) < kSearchRowsPerRead) return {};
  }
}

void show_progress(const store::CopyProgress& p) {
  static const bool terminal = ::isatty(STDERR_FILENO) != 0;
  const bool done = p.rows_copied >= p.rows_total;
  if (!terminal && !done) return;
  std::cerr << (terminal ? "\r" : "") << "  " << p.table << ": " << p.rows_copied << " of "
            << p.rows_total << " rows" << (done ? "\n" : "") << std::flush;
}

// Every organisation's trail on the target verified, and ending on the source's last event.
Result<bool> trails_match(store::Database& source, store::Database& target) {
  TRY_ASSIGN(const auto organisations, auth::list_organisations(source));
  bool all = true;
  for (const auto& org : organisations) {
    TRY_ASSIGN(const auto before, trail::verify(source, org.id));
    TRY_ASSIGN(const auto after, trail::verify(target, org.id));
    const bool same = after.intact && after.events_checked == before.events_checked &&
                      after.head_hash == before.head_hash;
    std::cout << "audit trail of \"" << org.name << "\": ";
    if (same) {
      std::cout << "intact, " << after.events_checked << " events, the same last event\n";
    } else {
      std::cout << "PROBLEM: " << (after.intact ? "it differs from the source's" : after.problem)
                << "\n";
    }
    all = all && same;
  }
  return all;
}

Result<bool> copy(const std::string& from_url, const std::string& to_url) {
  if (from_url == to_url) return Error::invalid("to", "the copy must go to another database");
  // Opening an SQLite file that is not there would make an empty one.
  constexpr std::string_view kSqlite = "sqlite:";
  if (from_url.starts_with(kSqlite) && !std::filesystem::exists(from_url.substr(kSqlite.size())))
    return Error::invalid("from", "there is no database at " + from_url.substr(kSqlite.size()));
  TRY_ASSIGN(auto source, store::Database::open(from_url, {.pool_size = 2}));
  TRY_ASSIGN(const auto schema, store::schema_status(*source));
  if (!schema.current()) {
    return Error{ErrorCode::failed_precondition,
                 "the source's schema is not this binary's: " + schema.problem(), "from"};
  }
  TRY_ASSIGN(auto target, store::Database::open(to_url, {.pool_size = 2}));
  TRY(check_empty(*target));
  TRY(store::migrate(*target));
  store::CopyOptions options;
  options.skip = kWrittenAnew;
  options.progress = show_progress;
  options.finish = write_search_index;
  TRY_ASSIGN(const auto report, store::copy_tables(*source, *target, options));
  std::cout << "Copied " << report.rows << " rows of " << report.tables << " tables.\n";
  return trails_match(*source, *target);
}

}  // namespace

void register_db_copy_command(CLI::App& db, Action& chosen) {
  auto from = std::make_shared<std::string>();
  auto to = std::make_shared<std::string>();
  auto* copy_cmd = db.add_subcommand(
      "copy",
      "Copy everything into an empty database of either engine and check every audit trail");
  copy_cmd->add_option("--from", *from, "The database to copy: sqlite:PATH or postgresql://...")
      ->required();
  copy_cmd->add_option("--to", *to, "An empty database: sqlite:PATH or postgresql://...")
      ->required();
  copy_cmd->callback([&chosen, from, to] {
    chosen = [from, to] {
      auto matched = copy(*from, *to);
      if (!matched) return fail(matched.error());
      return *matched ? 0 : kVerificationFailed;
    };
  });
}

}  // namespace aims::cli
