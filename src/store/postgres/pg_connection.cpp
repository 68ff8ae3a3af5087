#include "store/postgres/pg_connection.h"

#include <charconv>
#include <cstring>
#include <memory>
#include <optional>
#include <vector>

#include <libpq-fe.h>

#include "base/crypto.h"

namespace aims::store {
namespace {

// The type of bytea columns (pg_type.oid, fixed since PostgreSQL 7): their text form is hex.
constexpr Oid kByteaOid = 17;

// SQLSTATE classes that mean "run the transaction again": serialization failure, deadlock.
bool is_transient(const char* sqlstate) {
  return sqlstate && (std::strcmp(sqlstate, "40001") == 0 || std::strcmp(sqlstate, "40P01") == 0);
}

class PgResult {
 public:
  explicit PgResult(PGresult* r) : r_(r) {}
  ~PgResult() { PQclear(r_); }
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  PGresult* get() const { return r_; }

 private:
  PGresult* r_;
};

// Parameters in libpq's form. Bytes travel in binary format (no escaping, no doubling); everything
// else as text.
struct Bound {
  explicit Bound(const Params& params)
      : texts(params.size()),
        values(params.size(), nullptr),
        lengths(params.size(), 0),
        formats(params.size(), 0) {
    for (size_t i = 0; i < params.size(); ++i) {
      const auto& cell = params[i].cell();
      if (const auto* v = std::get_if<int64_t>(&cell)) {
        texts[i] = std::to_string(*v);
      } else if (const auto* d = std::get_if<double>(&cell)) {
        char buf[32];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *d);
        texts[i].assign(buf, end);
      } else if (const auto* s = std::get_if<std::string>(&cell)) {
        texts[i] = *s;
      } else if (const auto* b = std::get_if<Bytes>(&cell)) {
        values[i] = b->data.data();
        lengths[i] = static_cast<int>(b->data.size());
        formats[i] = 1;
        continue;
      } else {
        continue;  // NULL
      }
      values[i] = texts[i].c_str();
    }
  }
  int count() const { return static_cast<int>(values.size()); }

  std::vector<std::string> texts;
  std::vector<const char*> values;
  std::vector<int> lengths, formats;
};

class PgConnection final : public Connection {
 public:
  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  ~PgConnection() override { PQfinish(conn_); }

  Dialect dialect() const override { return Dialect::postgres; }

  // A read runs its statements without BEGIN and COMMIT, each on its own, which saves two of
  // the round trips a read costs. It gives up nothing: under READ COMMITTED, the isolation aims
  // uses, every statement takes a new snapshot even inside a transaction. Sessions are read-only
  // by default (open_postgres), so a statement that writes in a read fails rather than commit
  // by itself; a write transaction asks for READ WRITE.
  Status begin(TxMode mode) override {
    return mode == TxMode::write ? run_script("BEGIN READ WRITE") : Status{};
  }
  Status commit() override { return in_transaction() ? run_script("COMMIT") : Status{}; }
  Status rollback() override { return in_transaction() ? run_script("ROLLBACK") : Status{}; }

  Status run(std::string_view sql, const Params& params, Rows* rows, int64_t* changed) override {
    transient_ = false;
    TRY_ASSIGN(auto name, prepare(sql));
    const Bound args(params);
    PgResult result(PQexecPrepared(conn_, name.c_str(), args.count(), args.values.data(),
                                   args.lengths.data(), args.formats.data(), 0));
    return take(result.get(), rows, changed);
  }

  // A read (no transaction open) sends the condition and the statement in one pipeline: one
  // round trip instead of two. The server runs them in order, the condition first, and the
  // statement's rows are only taken once the condition's answer is in. A write runs them one
  // after the other inside its transaction, after its BEGIN.
  Status run_checked(const Precondition& condition, std::optional<bool>& held, std::string_view sql,
                     const Params& params, Rows* rows, int64_t* changed) override {
    if (in_transaction()) {
      return Connection::run_checked(condition, held, sql, params, rows, changed);
    }
    transient_ = false;
    TRY_ASSIGN(auto check_name, prepare(condition.sql()));
    TRY_ASSIGN(auto name, prepare(sql));
    const Bound check_args(condition.params());
    const Bound args(params);
    if (PQenterPipelineMode(conn_) != 1) return error(nullptr);
    const bool sent =
        PQsendQueryPrepared(conn_, check_name.c_str(), check_args.count(), check_args.values.data(),
                            check_args.lengths.data(), check_args.formats.data(), 0) == 1 &&
        PQsendQueryPrepared(conn_, name.c_str(), args.count(), args.values.data(),
                            args.lengths.data(), args.formats.data(), 0) == 1;
    // The sync point ends the pipeline (and flushes it) even when a send failed, so that the
    // connection can leave pipeline mode and be used again.
    const bool synced = PQpipelineSync(conn_) == 1;
    std::vector<std::unique_ptr<PgResult>> results;
    if (!synced || !collect_pipeline(results) || PQexitPipelineMode(conn_) != 1) {
      broken_ = true;  // mid-pipeline: the pool opens a new connection instead
      return Error::unavailable("lost the PostgreSQL connection in a pipeline: " +
                                std::string(PQerrorMessage(conn_)));
    }
    if (!sent || results.size() != 2 || !results[0]) return error(nullptr);
    PGresult* check = results[0]->get();
    if (PQresultStatus(check) != PGRES_TUPLES_OK) return error(check);
    held = PQntuples(check) > 0;
    if (!*held) return {};
    return take(results[1] ? results[1]->get() : nullptr, rows, changed);
  }

  Status run_script(std::string_view sql) override {
    transient_ = false;
    std::string text(sql);
    PgResult result(PQexec(conn_, text.c_str()));
    const auto status = PQresultStatus(result.get());
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return {};
    return error(result.get());
  }

  bool last_error_transient() const override { return transient_; }
  bool healthy() const override { return !broken_ && PQstatus(conn_) == CONNECTION_OK; }

 private:
  bool in_transaction() const { return PQtransactionStatus(conn_) != PQTRANS_IDLE; }

  // A statement's result as rows, or its error.
  Status take(PGresult* result, Rows* rows, int64_t* changed) {
    const auto status = PQresultStatus(result);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) return error(result);
    const int nrows = PQntuples(result);
    const int ncols = PQnfields(result);
    rows->reserve(rows->size() + nrows);
    for (int r = 0; r < nrows; ++r) {
      std::vector<Value> cells;
      cells.reserve(ncols);
      for (int c = 0; c < ncols; ++c) {
        if (PQgetisnull(result, r, c)) {
          cells.emplace_back();
          continue;
        }
        const std::string_view text(PQgetvalue(result, r, c),
                                    static_cast<size_t>(PQgetlength(result, r, c)));
        if (PQftype(result, c) != kByteaOid) {
          cells.emplace_back(std::string(text));
          continue;
        }
        Bytes bytes;
        if (!text.starts_with("\\x") || !crypto::hex_decode(text.substr(2), bytes.data)) {
          return Error::internal("postgresql: a bytea value is not in hex format");
        }
        cells.emplace_back(std::move(bytes));
      }
      rows->emplace_back(std::move(cells));
    }
    const char* tuples = PQcmdTuples(result);
    *changed = (tuples && *tuples) ? std::strtoll(tuples, nullptr, 10) : 0;
    return {};
  }

  // Reads a pipeline's answers up to its sync point: the first result of each query in order
  // (null for a query skipped after an earlier one failed). False when the sync point never came
  // (the connection broke). Each query's results end with a null from PQgetResult; the sync
  // point's own result ends the pipeline.
  bool collect_pipeline(std::vector<std::unique_ptr<PgResult>>& results) {
    constexpr size_t kMostQueries = 8;  // a bound on the loop should libpq misbehave
    std::unique_ptr<PgResult> current;
    while (results.size() <= kMostQueries) {
      PGresult* next = PQgetResult(conn_);
      if (next == nullptr) {
        if (PQstatus(conn_) != CONNECTION_OK) return false;
        results.push_back(std::move(current));
        continue;
      }
      const auto status = PQresultStatus(next);
      if (status == PGRES_PIPELINE_SYNC) {
        PQclear(next);
        return true;
      }
      if (current || status == PGRES_PIPELINE_ABORTED) {
        PQclear(next);
        continue;
      }
      current = std::make_unique<PgResult>(next);
    }
    return false;
  }

  Result<std::string> prepare(std::string_view sql) {
    if (auto it = statements_.find(sql); it != statements_.end()) return it->second;
    std::string name = "s" + std::to_string(statements_.size() + 1);
    std::string text(sql);
    PgResult result(PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr));
    if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) return error(result.get()).error();
    statements_.emplace(std::move(text), name);
    return name;
  }

  Status error(PGresult* result) {
    const char* sqlstate = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    // A result's own message: in a pipeline, the connection's may be a later query's.
    const char* own = result ? PQresultErrorMessage(result) : nullptr;
    std::string message = own && *own ? own : PQerrorMessage(conn_);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
      message.pop_back();
    }
    if (PQstatus(conn_) != CONNECTION_OK) {
      // Prepared statements die with the session; the pool replaces this connection.
      statements_.clear();
      return Error::unavailable("lost the PostgreSQL connection: " + message);
    }
    if (is_transient(sqlstate)) {
      transient_ = true;
      return Error::unavailable("database conflict: " + message);
    }
    if (sqlstate && std::strcmp(sqlstate, "23505") == 0) {
      return Error{ErrorCode::already_exists, "a record with this value already exists", {}};
    }
    return Error::internal("postgresql: " + message);
  }

  PGconn* conn_;
  StatementCache<std::string> statements_;
  bool transient_ = false;
  bool broken_ = false;
};

}  // namespace

Result<std::unique_ptr<Connection>> open_postgres(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    while (!message.empty() && message.back() == '\n')
      message.pop_back();
    return Error::unavailable("cannot connect to PostgreSQL: " + message);
  }
  auto connection = std::make_unique<PgConnection>(conn);
  // Fixed session settings so both backends compare and format text the same way; notices (such
  // as "relation already exists, skipping" from idempotent migrations) would only clutter stderr.
  // Read-only unless a transaction asks otherwise: reads run outside transactions (begin()).
  if (Status s = connection->run_script(
          "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; SET client_min_messages = warning;"
          " SET bytea_output = 'hex';"
          " SET default_transaction_read_only = on");
      !s) {
    return std::move(s).error();
  }
  return std::unique_ptr<Connection>(std::move(connection));
}

}  // namespace aims::store
