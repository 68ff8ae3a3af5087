#include "store/sqlite/sqlite_connection.h"

#include <charconv>
#include <string_view>
#include <vector>

#include <sqlite3.h>

namespace aims::store {
namespace {

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    for (auto& [sql, prepared] : statements_)
      sqlite3_finalize(prepared.stmt);
    sqlite3_close_v2(db_);
  }

  Dialect dialect() const override { return Dialect::sqlite; }

  Status begin(TxMode mode) override {
    mode_ = mode;
    // IMMEDIATE takes the write lock at BEGIN, so two writers cannot both read and then
    // deadlock when upgrading; busy_timeout makes the second one wait instead of failing.
    return control(mode == TxMode::write ? "BEGIN IMMEDIATE" : "BEGIN");
  }
  Status commit() override { return control("COMMIT"); }
  Status rollback() override {
    if (sqlite3_get_autocommit(db_)) return {};  // SQLite already rolled back (e.g. on I/O error)
    return control("ROLLBACK");
  }

  Status run(std::string_view sql, const Params& params, Rows* rows, int64_t* changed) override {
    transient_ = false;
    TRY_ASSIGN(const Prepared* prepared, prepare(sql));
    sqlite3_stmt* s = prepared->stmt;
    // As on PostgreSQL (read-only sessions), a read transaction that tries to write is refused.
    if (mode_ == TxMode::read && !sqlite3_stmt_readonly(s)) {
      return Error::internal("sqlite: cannot write in a read transaction");
    }
    if (Status b = bind(*prepared, params); !b) {
      sqlite3_clear_bindings(s);
      return b;
    }
    const int columns = sqlite3_column_count(s);
    int rc = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      std::vector<Value> cells;
      cells.reserve(columns);
      for (int c = 0; c < columns; ++c)
        cells.push_back(column(s, c));
      rows->emplace_back(std::move(cells));
    }
    if (rc != SQLITE_DONE) {
      Status failure = error(rc);
      sqlite3_reset(s);
      sqlite3_clear_bindings(s);  // a blob is bound without a copy: no pointer may outlive run()
      return failure;
    }
    *changed = sqlite3_changes64(db_);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return {};
  }

  Status run_script(std::string_view sql) override {
    transient_ = false;
    std::string text(sql);
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK) return {};
    std::string detail = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    return classify(rc, detail);
  }

  int64_t last_insert_rowid() const override { return sqlite3_last_insert_rowid(db_); }
  bool last_error_transient() const override { return transient_; }
  bool healthy() const override { return healthy_; }

 private:
  // BEGIN, COMMIT and ROLLBACK run as cached prepared statements: parsing them again for every
  // transaction (sqlite3_exec) cost a tenth of the CPU of a request that reads one record.
  Status control(std::string_view sql) {
    Rows none;
    int64_t changed = 0;
    return run(sql, {}, &none, &changed);
  }

  // A cached statement and, for each of its parameters, the number of the value it takes.
  struct Prepared {
    sqlite3_stmt* stmt = nullptr;
    std::vector<size_t> positions;
  };

  Result<const Prepared*> prepare(std::string_view sql) {
    if (auto it = statements_.find(sql); it != statements_.end()) return &it->second;
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return error(rc).error();
    Prepared prepared{stmt, {}};
    if (Status s = number_parameters(prepared); !s) {
      sqlite3_finalize(stmt);
      return s.error();
    }
    return &statements_.emplace(std::string(sql), std::move(prepared)).first->second;
  }

  // Statements are written with PostgreSQL's $1, $2 ... placeholders; SQLite treats "$1" as a
  // named parameter, so each one is bound by the number in its name. The names are read once per
  // statement: looking one up walks a list, which for a register's 40-column insert cost more
  // than binding the values.
  static Status number_parameters(Prepared& prepared) {
    const int count = sqlite3_bind_parameter_count(prepared.stmt);
    for (int i = 1; i <= count; ++i) {
      const char* name = sqlite3_bind_parameter_name(prepared.stmt, i);
      size_t position = 0;
      if (!name || name[0] != '$' ||
          std::from_chars(name + 1, name + std::char_traits<char>::length(name), position).ec !=
              std::errc() ||
          position == 0) {
        return Error::internal("statement parameter " + std::string(name ? name : "?") +
                               " is not named $<number>");
      }
      prepared.positions.push_back(position);
    }
    return {};
  }

  // SQLITE_STATIC: the parameters outlive the statement's run (run() clears the bindings before
  // it returns), so neither text nor a file is copied.
  Status bind(const Prepared& prepared, const Params& params) {
    sqlite3_stmt* stmt = prepared.stmt;
    for (size_t i = 0; i < prepared.positions.size(); ++i) {
      const size_t position = prepared.positions[i];
      if (position > params.size()) {
        return Error::internal("statement parameter $" + std::to_string(position) +
                               " has no bound value");
      }
      const auto& cell = params[position - 1].cell();
      const int at = static_cast<int>(i) + 1;
      int rc = SQLITE_OK;
      if (const auto* v = std::get_if<int64_t>(&cell)) {
        rc = sqlite3_bind_int64(stmt, at, *v);
      } else if (const auto* d = std::get_if<double>(&cell)) {
        rc = sqlite3_bind_double(stmt, at, *d);
      } else if (const auto* s = std::get_if<std::string>(&cell)) {
        rc = sqlite3_bind_text64(stmt, at, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
      } else if (const auto* b = std::get_if<Bytes>(&cell)) {
        rc = sqlite3_bind_blob64(stmt, at, b->data.data(), b->data.size(), SQLITE_STATIC);
      } else {
        rc = sqlite3_bind_null(stmt, at);
      }
      if (rc != SQLITE_OK) return error(rc);
    }
    return {};
  }

  static Value column(sqlite3_stmt* stmt, int c) {
    switch (sqlite3_column_type(stmt, c)) {
      case SQLITE_INTEGER:
        return Value(static_cast<int64_t>(sqlite3_column_int64(stmt, c)));
      case SQLITE_FLOAT:
        return Value(sqlite3_column_double(stmt, c));
      case SQLITE_NULL:
        return Value();
      case SQLITE_BLOB: {
        const auto* bytes = static_cast<const char*>(sqlite3_column_blob(stmt, c));
        const auto size = static_cast<size_t>(sqlite3_column_bytes(stmt, c));
        return Value(Bytes{bytes ? std::string(bytes, size) : std::string()});
      }
      default: {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        return Value(std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt, c))));
      }
    }
  }

  Status error(int rc) { return classify(rc, sqlite3_errmsg(db_)); }

  Status classify(int rc, const std::string& detail) {
    const int primary = rc & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
      transient_ = true;
      return Error::unavailable("database is busy: " + detail);
    }
    if (primary == SQLITE_CONSTRAINT) {
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return Error{ErrorCode::already_exists, "a record with this value already exists", {}};
      }
      return Error::internal("constraint violated: " + detail);
    }
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB || primary == SQLITE_IOERR ||
        primary == SQLITE_CANTOPEN || primary == SQLITE_FULL) {
      healthy_ = false;
      return Error::unavailable("database file problem: " + detail);
    }
    return Error::internal("sqlite: " + detail);
  }

  sqlite3* db_;
  StatementCache<Prepared> statements_;
  TxMode mode_ = TxMode::read;
  bool transient_ = false;
  bool healthy_ = true;
};

}  // namespace

Result<std::unique_ptr<Connection>> open_sqlite(const std::string& path) {
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Error::unavailable("cannot open SQLite database " + path + ": " + message);
  }
  auto conn = std::make_unique<SqliteConnection>(db);
  // WAL lets readers work while one writer commits. synchronous=FULL syncs the WAL at every
  // commit, so an acknowledged transaction survives power loss, not only a process crash.
  sqlite3_busy_timeout(db, 10'000);
  sqlite3_extended_result_codes(db, 1);  // tells a UNIQUE violation from other constraints
  // mmap lets every pooled connection read pages straight from the OS cache instead of copying
  // them into its own page cache (reads only: writes still go through the WAL). secure_delete
  // zeroes deleted content, so a disposed record's text is not left in the file's free space;
  // Debian's SQLite does so by default, other builds need asking.
  for (const char* pragma :
       {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON",
        "PRAGMA trusted_schema=OFF", "PRAGMA mmap_size=268435456", "PRAGMA cache_size=-8192",
        "PRAGMA secure_delete=ON"}) {
    if (Status s = conn->run_script(pragma); !s) {
      return Error::unavailable("cannot configure SQLite database " + path + ": " +
                                s.error().message);
    }
  }
  return std::unique_ptr<Connection>(std::move(conn));
}

}  // namespace aims::store
