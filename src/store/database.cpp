#include "store/database.h"

#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "store/connection.h"
#include "store/postgres/pg_connection.h"
#include "store/precondition.h"
#include "store/sqlite/sqlite_connection.h"

namespace aims::store {

// ---- Value and Row ----------------------------------------------------------------------------

int64_t Row::int64(size_t i) const {
  return opt_int64(i).value_or(0);
}
double Row::real(size_t i) const {
  return opt_real(i).value_or(0.0);
}
std::string Row::text(size_t i) const {
  return opt_text(i).value_or(std::string());
}

std::string Value::take_bytes() {
  if (auto* b = std::get_if<Bytes>(&cell_)) return std::move(b->data);
  if (auto* s = std::get_if<std::string>(&cell_)) return std::move(*s);
  return {};
}

std::string Row::take_bytes(size_t i) {
  return cells_.at(i).take_bytes();
}

std::optional<int64_t> Row::opt_int64(size_t i) const {
  const auto& cell = cells_.at(i).cell();
  if (const auto* v = std::get_if<int64_t>(&cell)) return *v;
  if (const auto* v = std::get_if<double>(&cell)) return static_cast<int64_t>(*v);
  if (const auto* v = std::get_if<std::string>(&cell)) {
    int64_t out = 0;
    std::from_chars(v->data(), v->data() + v->size(), out);
    return out;
  }
  return std::nullopt;
}

std::optional<double> Row::opt_real(size_t i) const {
  const auto& cell = cells_.at(i).cell();
  if (const auto* v = std::get_if<double>(&cell)) return *v;
  if (const auto* v = std::get_if<int64_t>(&cell)) return static_cast<double>(*v);
  if (const auto* v = std::get_if<std::string>(&cell)) return std::strtod(v->c_str(), nullptr);
  return std::nullopt;
}

std::optional<std::string> Row::opt_text(size_t i) const {
  const auto& cell = cells_.at(i).cell();
  if (const auto* v = std::get_if<std::string>(&cell)) return *v;
  if (const auto* v = std::get_if<Bytes>(&cell)) return v->data;
  if (const auto* v = std::get_if<int64_t>(&cell)) return std::to_string(*v);
  if (const auto* v = std::get_if<double>(&cell)) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *v);
    return std::string(buf, end);
  }
  return std::nullopt;
}

// ---- Precondition -----------------------------------------------------------------------------

namespace {
thread_local Precondition* open_condition = nullptr;
}  // namespace

PreconditionScope::PreconditionScope(Precondition& condition) {
  open_condition = &condition;
}

PreconditionScope::~PreconditionScope() {
  open_condition = nullptr;
}

Precondition* PreconditionScope::current() {
  return open_condition;
}

Status confirm(Database& db, Precondition& condition) {
  if (condition.state() != Precondition::State::unchecked) return {};
  TRY_ASSIGN(const auto row,
             db.read([&](Tx& tx) { return tx.query_row(condition.sql(), condition.params()); }));
  condition.settle(row.has_value());
  return {};
}

Error precondition_failed() {
  return Error::unavailable("a condition of this request no longer holds");
}

Status Connection::run_checked(const Precondition& condition, std::optional<bool>& held,
                               std::string_view sql, const Params& params, Rows* rows,
                               int64_t* changed) {
  Rows found;
  int64_t none = 0;
  TRY(run(condition.sql(), condition.params(), &found, &none));
  held = !found.empty();
  if (!*held) return {};
  return run(sql, params, rows, changed);
}

// ---- Tx ---------------------------------------------------------------------------------------

Status Tx::run(std::string_view sql, const Params& params, Rows* rows, int64_t* changed) {
  if (precondition_ == nullptr || precondition_->state() == Precondition::State::held) {
    return connection_.run(sql, params, rows, changed);
  }
  if (precondition_->state() == Precondition::State::failed) return precondition_failed();
  std::optional<bool> held;
  Status status = connection_.run_checked(*precondition_, held, sql, params, rows, changed);
  if (held) precondition_->settle(*held);
  if (held == false) return precondition_failed();
  return status;
}

Result<Rows> Tx::query(std::string_view sql, const Params& params) {
  Rows rows;
  int64_t changed = 0;
  TRY(run(sql, params, &rows, &changed));
  return rows;
}

Result<std::optional<Row>> Tx::query_row(std::string_view sql, const Params& params) {
  TRY_ASSIGN(auto rows, query(sql, params));
  if (rows.empty()) return std::optional<Row>();
  return std::optional<Row>(std::move(rows.front()));
}

Result<int64_t> Tx::exec(std::string_view sql, const Params& params) {
  Rows rows;
  int64_t changed = 0;
  TRY(run(sql, params, &rows, &changed));
  return changed;
}

Result<int64_t> Tx::insert(std::string_view sql, const Params& params) {
  // SQLite keeps every RETURNING row in a temporary table until the statement ends; for the one
  // id of a plain insert, the connection already knows it (an eighth of a register's insert).
  constexpr std::string_view kReturningId = " RETURNING id";
  if (connection_.dialect() == Dialect::sqlite && sql.ends_with(kReturningId)) {
    TRY_ASSIGN(const int64_t changed,
               exec(sql.substr(0, sql.size() - kReturningId.size()), params));
    if (changed != 1) return Error::internal("INSERT ... RETURNING id returned no row");
    return connection_.last_insert_rowid();
  }
  TRY_ASSIGN(auto row, query_row(sql, params));
  if (!row.has_value()) return Error::internal("INSERT ... RETURNING id returned no row");
  return row->int64(0);
}

Status Tx::run_script(std::string_view sql) {
  return connection_.run_script(sql);
}

Status Tx::refresh_statistics(std::string_view table) {
  return run_script("ANALYZE " + std::string(table));
}

Tx::Deferred* Tx::deferred(std::string_view key) {
  for (auto& [k, write] : deferred_) {
    if (k == key) return write.get();
  }
  return nullptr;
}

void Tx::defer(std::string key, std::unique_ptr<Deferred> write) {
  deferred_.emplace_back(std::move(key), std::move(write));
}

Status Tx::flush_deferred() {
  for (auto& [key, write] : deferred_) {
    if (Status s = write->flush(*this); !s) return s;
  }
  return {};
}

Dialect Tx::dialect() const {
  return connection_.dialect();
}

// ---- pool -------------------------------------------------------------------------------------

namespace {

using Factory = std::function<Result<std::unique_ptr<Connection>>()>;

class PooledDatabase final : public Database {
 public:
  PooledDatabase(Dialect dialect, Factory factory, DatabaseOptions options)
      : dialect_(dialect), factory_(std::move(factory)), options_(options) {}

  Dialect dialect() const override { return dialect_; }

  // Opens every connection up front: a wrong URL or password fails at start-up, not on the
  // first request, and no request pays for a PostgreSQL connection handshake.
  Status warm_up() {
    for (int i = 0; i < options_.pool_size; ++i) {
      TRY_ASSIGN(auto conn, factory_());
      idle_.push_back(std::move(conn));
      ++open_;
    }
    return {};
  }

 protected:
  Status run(TxMode mode, const std::function<Status(Tx&)>& body) override {
    Precondition* condition = PreconditionScope::current();
    if (condition && condition->state() == Precondition::State::failed) {
      return precondition_failed();
    }
    TRY_ASSIGN(auto conn, acquire());
    Status result = run_with_retries(*conn, mode, body, condition);
    release(std::move(conn));
    return result;
  }

 private:
  Status run_with_retries(Connection& conn, TxMode mode, const std::function<Status(Tx&)>& body,
                          Precondition* condition) {
    // SQLite allows one writer per file; queueing writers of this process on a mutex hands the
    // lock over at once instead of letting them poll in SQLite's busy handler.
    std::unique_lock<std::mutex> writer;
    if (dialect_ == Dialect::sqlite && mode == TxMode::write) {
      writer = std::unique_lock<std::mutex>(sqlite_writer_);
    }
    Status last;
    for (int attempt = 0; attempt < options_.max_attempts; ++attempt) {
      last = run_once(conn, mode, body, condition);
      if (last.ok() || !conn.last_error_transient() || !conn.healthy()) return last;
      std::this_thread::sleep_for(std::chrono::milliseconds(5 << attempt));
    }
    return Error::unavailable("the database stayed busy; try again: " + last.error().message);
  }

  static Status run_once(Connection& conn, TxMode mode, const std::function<Status(Tx&)>& body,
                         Precondition* condition) {
    if (Status s = conn.begin(mode); !s) return s;
    // A condition that held (in an attempt rolled back since, or an earlier call) need not be
    // checked again.
    const bool unchecked = condition && condition->state() == Precondition::State::unchecked;
    Tx tx(conn, unchecked ? condition : nullptr);
    Status s = body(tx);
    if (s) s = tx.flush_deferred();
    if (!s) {
      // The body's error is what the caller needs; a failed rollback only marks the connection.
      (void)conn.rollback();
      return s;
    }
    return conn.commit();
  }

  Result<std::unique_ptr<Connection>> acquire() {
    std::unique_lock lock(mutex_);
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.acquire_timeout_ms);
    while (idle_.empty() && open_ >= options_.pool_size) {
      if (available_.wait_until(lock, deadline) == std::cv_status::timeout) {
        return Error::unavailable("all database connections are busy");
      }
    }
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return conn;
    }
    ++open_;
    lock.unlock();
    auto conn = factory_();
    if (!conn) {
      std::lock_guard relock(mutex_);
      --open_;
      available_.notify_one();
    }
    return conn;
  }

  void release(std::unique_ptr<Connection> conn) {
    std::lock_guard lock(mutex_);
    if (conn->healthy()) {
      idle_.push_back(std::move(conn));
    } else {
      --open_;
    }
    available_.notify_one();
  }

  Dialect dialect_;
  Factory factory_;
  DatabaseOptions options_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;
  std::mutex sqlite_writer_;
};

}  // namespace

Result<std::unique_ptr<Database>> Database::open(std::string_view url, DatabaseOptions options) {
  std::unique_ptr<PooledDatabase> db;
  if (url.starts_with("sqlite:")) {
    std::string path(url.substr(7));
    if (path.empty())
      return Error::invalid("db", "sqlite: URL needs a file path, e.g. sqlite:aims.db");
    db = std::make_unique<PooledDatabase>(
        Dialect::sqlite, [path] { return open_sqlite(path); }, options);
  } else if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    std::string conninfo(url);
    db = std::make_unique<PooledDatabase>(
        Dialect::postgres, [conninfo] { return open_postgres(conninfo); }, options);
  } else {
    return Error::invalid("db", "database URL must start with sqlite: or postgresql://");
  }
  TRY(db->warm_up());
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace aims::store
