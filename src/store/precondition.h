// A condition a request's database calls must find true (say, that what it remembered is still
// current), checked together with the request's first statement instead of on its own.
#pragma once

#include <string>

#include "store/database.h"

namespace aims::store {

// `sql` returns at least one row while the condition holds. The first statement that one of this
// thread's database calls runs while a PreconditionScope is open carries it: on PostgreSQL, a
// read sends both in one pipeline (one round trip) and keeps the statement's rows from the caller
// until the condition has answered; otherwise the condition runs just before that statement, in
// the same transaction. The condition always runs before the statement, so it sees everything
// committed before the statement started.
//
// When it does not hold, nothing the statement returned reaches the caller: that call and every
// later one under the scope fail with `unavailable` before touching the database, and whoever
// opened the scope (who knows what the condition means) answers as the change requires.
class Precondition {
 public:
  enum class State { unchecked, held, failed };

  Precondition(std::string sql, Params params) : sql_(std::move(sql)), params_(std::move(params)) {}

  const std::string& sql() const { return sql_; }
  const Params& params() const { return params_; }
  State state() const { return state_; }
  void settle(bool held) { state_ = held ? State::held : State::failed; }

 private:
  std::string sql_;
  Params params_;
  State state_ = State::unchecked;
};

// While alive, the database calls this thread makes carry `condition` (which must outlive it).
// Scopes do not nest: one request opens at most one.
class PreconditionScope {
 public:
  explicit PreconditionScope(Precondition& condition);
  ~PreconditionScope();
  PreconditionScope(const PreconditionScope&) = delete;
  PreconditionScope& operator=(const PreconditionScope&) = delete;

  // The condition of this thread's open scope, or null.
  static Precondition* current();
};

// Checks a condition no statement has carried yet, on its own (a request that read nothing, or
// whose work went on elsewhere): one round trip. Settles it either way; errors are the database's.
Status confirm(Database& db, Precondition& condition);

// The error of a call made under a condition that did not hold.
Error precondition_failed();

}  // namespace aims::store
