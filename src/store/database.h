// The one database interface: a pool of connections to SQLite or PostgreSQL (chosen by URL) and
// transactions in which every statement is prepared and every input is a bound parameter.
#pragma once

#include <concepts>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/result.h"

namespace aims::store {

enum class Dialect { sqlite, postgres };

// Bytes kept exactly as given (a BLOB on SQLite, bytea on PostgreSQL), for file contents: a
// std::string parameter is text, which must be valid UTF-8 and may not hold NUL on PostgreSQL.
struct Bytes {
  std::string data;
};

// A bound parameter or a result cell. Booleans are stored as integers 0/1 on both backends.
class Value {
 public:
  Value() = default;
  Value(std::nullopt_t) {}  // NOLINT: implicit so call sites read {org_id, std::nullopt}
  Value(bool b) : cell_(int64_t{b ? 1 : 0}) {}  // NOLINT
  template <std::integral I>
  Value(I i) : cell_(static_cast<int64_t>(i)) {}        // NOLINT
  Value(double d) : cell_(d) {}                         // NOLINT
  Value(std::string s) : cell_(std::move(s)) {}         // NOLINT
  Value(std::string_view s) : cell_(std::string(s)) {}  // NOLINT
  Value(const char* s) : cell_(std::string(s)) {}       // NOLINT
  Value(Bytes b) : cell_(std::move(b)) {}               // NOLINT
  template <typename T>
  Value(const std::optional<T>& o) {  // NOLINT
    if (o) *this = Value(*o);
  }

  bool is_null() const { return std::holds_alternative<std::monostate>(cell_); }
  using Cell = std::variant<std::monostate, int64_t, double, std::string, Bytes>;
  const Cell& cell() const { return cell_; }
  // The bytes of a Bytes or text cell, moved out (empty for anything else).
  std::string take_bytes();

 private:
  Cell cell_;
};

using Params = std::vector<Value>;

// One result row. Getters convert between representations (PostgreSQL returns text), so the
// same module code reads both backends. A NULL reads as 0 / "" from the plain getters: use the
// opt_ getters for nullable columns.
class Row {
 public:
  explicit Row(std::vector<Value> cells) : cells_(std::move(cells)) {}
  size_t size() const { return cells_.size(); }
  bool is_null(size_t i) const { return cells_.at(i).is_null(); }
  int64_t int64(size_t i) const;
  double real(size_t i) const;
  bool boolean(size_t i) const { return int64(i) != 0; }
  std::string text(size_t i) const;
  std::optional<int64_t> opt_int64(size_t i) const;
  std::optional<double> opt_real(size_t i) const;
  std::optional<std::string> opt_text(size_t i) const;
  // A BLOB / bytea column's bytes (a NULL reads as empty). Moves them out of the row, so a large
  // file is not copied: call it once per cell.
  std::string take_bytes(size_t i);
  // The cell as the engine gave it, moved out of the row (a copy to another database binds it).
  Value take(size_t i) { return std::move(cells_.at(i)); }

 private:
  std::vector<Value> cells_;
};

using Rows = std::vector<Row>;

// Takes a row's columns one after another, in the order the SELECT names them, so a decoder lists
// its fields in that order instead of numbering each column by hand. The order in which C++
// evaluates calls matters here: take columns in separate statements or in a braced initialiser
// (left to right), never as two arguments of one function call or on both sides of `=`.
class RowReader {
 public:
  // `first`: the column to start at, when the columns before it are of no use to this decoder.
  explicit RowReader(Row& row, size_t first = 0) : row_(row), next_(first) {}
  int64_t int64() { return row_.int64(next_++); }
  double real() { return row_.real(next_++); }
  bool boolean() { return row_.boolean(next_++); }
  std::string text() { return row_.text(next_++); }
  std::optional<int64_t> opt_int64() { return row_.opt_int64(next_++); }
  std::optional<double> opt_real() { return row_.opt_real(next_++); }
  std::optional<std::string> opt_text() { return row_.opt_text(next_++); }
  // Moves a BLOB / bytea column's bytes out of the row (why the reader needs a mutable Row).
  std::string take_bytes() { return row_.take_bytes(next_++); }
  // Takes the next column only when it is NULL, for a decoder whose getter depends on the type.
  bool take_null() {
    if (!row_.is_null(next_)) return false;
    ++next_;
    return true;
  }
  // Passes over columns the decoder does not want.
  void skip(size_t n = 1) { next_ += n; }

 private:
  Row& row_;
  size_t next_;
};

class Connection;
class Precondition;

// An open transaction. Only Database::read and Database::write create one; every statement of a
// request runs inside one, so a failed request writes nothing.
class Tx {
 public:
  // `precondition`: an unchecked condition (store/precondition.h) for the first statement to
  // carry, or null.
  explicit Tx(Connection& connection, Precondition* precondition = nullptr)
      : connection_(connection), precondition_(precondition) {}

  // Runs one statement and returns all rows it produced.
  Result<Rows> query(std::string_view sql, const Params& params = {});
  // Runs one statement and returns its only row, or nullopt when it produced none.
  Result<std::optional<Row>> query_row(std::string_view sql, const Params& params = {});
  // Runs one statement and returns the number of rows it changed.
  Result<int64_t> exec(std::string_view sql, const Params& params = {});
  // Runs a plain INSERT ... VALUES ... RETURNING id (not an upsert) and returns the id.
  Result<int64_t> insert(std::string_view sql, const Params& params = {});
  // Runs several statements without parameters. For schema migrations only.
  Status run_script(std::string_view sql);
  // Lets the query planner see what this transaction has written to `table` so far (ANALYZE).
  // A bulk insert calls it early: PostgreSQL plans a never-analysed table's lookups as if every
  // index were equally good, and a poor pick turns each later lookup into a scan of the table.
  // `table` must be a name from the code, never input.
  Status refresh_statistics(std::string_view table);

  Dialect dialect() const;

  // Writes a module holds back until the transaction is about to commit, for a row that many
  // statements of one transaction advance (the audit trail's head): on PostgreSQL, updating one
  // row again and again in one transaction lengthens its version chain, so each later update
  // costs more. `flush` runs once, just before COMMIT; its error rolls the transaction back.
  class Deferred {
   public:
    virtual ~Deferred() = default;
    virtual Status flush(Tx& tx) = 0;
  };
  // The deferred write registered under `key`, or null.
  Deferred* deferred(std::string_view key);
  void defer(std::string key, std::unique_ptr<Deferred> write);
  Status flush_deferred();

 private:
  Status run(std::string_view sql, const Params& params, Rows* rows, int64_t* changed);

  Connection& connection_;
  Precondition* precondition_;
  std::vector<std::pair<std::string, std::unique_ptr<Deferred>>> deferred_;
};

enum class TxMode { read, write };

struct DatabaseOptions {
  int pool_size = 8;
  // How long a request waits for a free connection before it gets `unavailable`.
  int acquire_timeout_ms = 10'000;
  // How many times a transaction that hit a transient conflict (SQLite busy, PostgreSQL
  // serialization failure or deadlock) is run again from the start.
  int max_attempts = 5;
};

class Database {
 public:
  // url: "sqlite:PATH" or "postgresql://..." (also "postgres://..."). Errors: invalid_argument
  // for an unknown scheme, unavailable when the database cannot be opened.
  static Result<std::unique_ptr<Database>> open(std::string_view url, DatabaseOptions options = {});
  virtual ~Database() = default;

  virtual Dialect dialect() const = 0;

  // Runs `fn` in a transaction and commits when it returns success; rolls back otherwise. A
  // transient conflict reruns `fn` from the start, so `fn` must have no effects outside `tx`.
  // Write transactions take the write lock up front (SQLite BEGIN IMMEDIATE).
  // A read may not write (both backends refuse). On SQLite its statements share one snapshot; on
  // PostgreSQL each statement runs on its own at READ COMMITTED, seeing everything committed
  // before it (as it would inside BEGIN ... COMMIT at that level, without the two round trips).
  template <typename F>
  auto write(F&& fn) {
    return run_typed(TxMode::write, std::forward<F>(fn));
  }
  template <typename F>
  auto read(F&& fn) {
    return run_typed(TxMode::read, std::forward<F>(fn));
  }

 protected:
  virtual Status run(TxMode mode, const std::function<Status(Tx&)>& body) = 0;

 private:
  template <typename F>
  auto run_typed(TxMode mode, F&& fn) -> std::invoke_result_t<F&, Tx&> {
    using R = std::invoke_result_t<F&, Tx&>;
    std::optional<R> out;
    Status status = run(mode, [&](Tx& tx) -> Status {
      out.emplace(fn(tx));
      if (!out->ok()) return out->error();
      return {};
    });
    if (!status.ok()) return R(std::move(status).error());
    return std::move(*out);
  }
};

}  // namespace aims::store
