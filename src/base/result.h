// Errors as values: the Error type, its fixed set of codes, and Result<T>, used at every module
// boundary. (std::expected is not available to clang 14, which must compile this code.)
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace aims {

// The only error codes the project uses. http/errors.cpp holds the one mapping to HTTP statuses.
enum class ErrorCode {
  // The input could not be read at all: not JSON, invalid UTF-8, a broken form or upload.
  malformed,
  // The input was readable but a field breaks a rule (wrong type, unknown field, bad value).
  // Always set Error::field.
  invalid_argument,
  // The caller did not prove who it is (no, expired or revoked credentials; wrong password).
  unauthenticated,
  // The caller is known but its role may not do this. Never used for another organisation's
  // records: those are not_found, so their existence is not revealed.
  permission_denied,
  // No such record in the caller's organisation.
  not_found,
  // The resource exists but does not answer this method (HTTP 405).
  method_not_allowed,
  // The record would duplicate one that exists (unique name, email, ...).
  already_exists,
  // The client wrote against a version that is no longer current (ETag / If-Match mismatch).
  // The client should re-read and retry its change.
  stale_version,
  // An update was sent without saying which version it changes (missing If-Match).
  version_required,
  // The request or upload is larger than the limit for it.
  too_large,
  // Too many attempts; the caller should wait (login throttling, overload).
  rate_limited,
  // The state of the system forbids the operation until someone changes that state
  // (e.g. archiving a record that is already archived).
  failed_precondition,
  // A dependency (database, disk) is temporarily unable to serve; retrying later may succeed.
  unavailable,
  // A bug or broken invariant. Never used for bad input.
  internal,
};

std::string_view to_string(ErrorCode code);

// One field's problem, when an input has several (a form with three required fields missing).
struct FieldProblem {
  std::string field;
  std::string message;
};

struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;
  // The offending input field (a JSON member, a form field, a CSV column), empty when none.
  std::string field;
  // rate_limited and unavailable: how long the caller should wait before trying again, when
  // known (0: unknown).
  int retry_after_seconds = 0;
  // invalid_argument: every problem of the input, the first of them also in `field`/`message`,
  // so a form can show each beside its field at once. Empty when there is only the one.
  std::vector<FieldProblem> problems;

  static Error malformed(std::string message, std::string field = {}) {
    return {ErrorCode::malformed, std::move(message), std::move(field)};
  }
  static Error invalid(std::string field, std::string message) {
    return {ErrorCode::invalid_argument, std::move(message), std::move(field)};
  }
  static Error not_found(std::string message) {
    return {ErrorCode::not_found, std::move(message), {}};
  }
  static Error internal(std::string message) {
    return {ErrorCode::internal, std::move(message), {}};
  }
  static Error unavailable(std::string message) {
    return {ErrorCode::unavailable, std::move(message), {}};
  }
};

// Holds either a T or an Error. Propagate with the project's two macros (below):
//
//   TRY(check_owner(tx, org, owner));        // returns the error from the enclosing function
//   TRY_ASSIGN(auto user, find_user(tx, id)); // declares `user` from the value, or returns the
//   error
//
// Write the plain `if (!r) return r.error();` only where the error is changed on its way out.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}      // NOLINT: implicit
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT: implicit

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(state_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& {
    assert(!ok());
    return std::get<1>(state_);
  }
  Error&& error() && {
    assert(!ok());
    return std::get<1>(std::move(state_));
  }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const& {
    assert(!ok());
    return *error_;
  }
  Error&& error() && {
    assert(!ok());
    return std::move(*error_);
  }

 private:
  std::optional<Error> error_;
};

using Status = Result<void>;

}  // namespace aims

// The error propagation idiom (see Result above). Each expression is evaluated exactly once; the
// enclosing function must return a Result or Status, which an Error converts to.
#define AIMS_CONCAT_INNER(a, b) a##b
#define AIMS_CONCAT(a, b) AIMS_CONCAT_INNER(a, b)
#define TRY(...)                                                            \
  do {                                                                      \
    auto&& aims_try_result_ = (__VA_ARGS__);                                \
    if (!aims_try_result_.ok()) return std::move(aims_try_result_).error(); \
  } while (false)
#define TRY_ASSIGN(lhs, ...) TRY_ASSIGN_IMPL(AIMS_CONCAT(aims_try_, __COUNTER__), lhs, __VA_ARGS__)
#define TRY_ASSIGN_IMPL(tmp, lhs, ...)          \
  auto tmp = (__VA_ARGS__);                     \
  if (!tmp.ok()) return std::move(tmp).error(); \
  lhs = std::move(tmp).value()
