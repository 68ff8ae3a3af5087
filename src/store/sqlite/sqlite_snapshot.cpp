#include <filesystem>
#include <memory>

#include <sqlite3.h>

#include "store/snapshot.h"

namespace aims::store {

Status snapshot_sqlite(const std::string& path, const std::string& out) {
  if (!std::filesystem::exists(path)) return Error::not_found("no SQLite database at " + path);
  sqlite3* raw = nullptr;
  const int opened = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  std::unique_ptr<sqlite3, decltype(&sqlite3_close_v2)> db(raw, sqlite3_close_v2);
  if (opened != SQLITE_OK) {
    return Error::unavailable("cannot open " + path + ": " +
                              (raw ? sqlite3_errmsg(raw) : "out of memory"));
  }
  sqlite3_busy_timeout(db.get(), 10'000);
  sqlite3_stmt* raw_statement = nullptr;
  if (sqlite3_prepare_v2(db.get(), "VACUUM INTO ?1", -1, &raw_statement, nullptr) != SQLITE_OK) {
    return Error::unavailable(std::string("cannot snapshot: ") + sqlite3_errmsg(db.get()));
  }
  std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> statement(raw_statement,
                                                                       sqlite3_finalize);
  sqlite3_bind_text(statement.get(), 1, out.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(statement.get()) != SQLITE_DONE) {
    return Error::unavailable("cannot write " + out + ": " + sqlite3_errmsg(db.get()));
  }
  return {};
}

}  // namespace aims::store
