#include "store/postgres/pg_connection.h"

#include <charconv>
#include <cstring>

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

    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    // Bytes travel in binary format (no escaping, no doubling); everything else as text.
    std::vector<int> lengths(params.size(), 0), formats(params.size(), 0);
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
    PgResult result(PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()),
                                   values.data(), lengths.data(), formats.data(), 0));
    const auto status = PQresultStatus(result.get());
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) return error(result.get());

    const int nrows = PQntuples(result.get());
    const int ncols = PQnfields(result.get());
    rows->reserve(rows->size() + nrows);
    for (int r = 0; r < nrows; ++r) {
      std::vector<Value> cells;
      cells.reserve(ncols);
      for (int c = 0; c < ncols; ++c) {
        if (PQgetisnull(result.get(), r, c)) {
          cells.emplace_back();
          continue;
        }
        const std::string_view text(PQgetvalue(result.get(), r, c),
                                    static_cast<size_t>(PQgetlength(result.get(), r, c)));
        if (PQftype(result.get(), c) != kByteaOid) {
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
    const char* tuples = PQcmdTuples(result.get());
    *changed = (tuples && *tuples) ? std::strtoll(tuples, nullptr, 10) : 0;
    return {};
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
  bool healthy() const override { return PQstatus(conn_) == CONNECTION_OK; }

 private:
  bool in_transaction() const { return PQtransactionStatus(conn_) != PQTRANS_IDLE; }

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
    std::string message = PQerrorMessage(conn_);
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
