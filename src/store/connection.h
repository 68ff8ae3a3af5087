// The interface each backend implements (private to store/): one open connection to a database.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/database.h"
#include "store/precondition.h"

namespace aims::store {

// Prepared statements by their SQL text. Every statement run looks its text up here, so the
// lookup takes the text as a string_view and copies nothing.
struct SqlTextHash {
  using is_transparent = void;
  size_t operator()(std::string_view sql) const noexcept {
    return std::hash<std::string_view>{}(sql);
  }
};
template <typename Handle>
using StatementCache = std::unordered_map<std::string, Handle, SqlTextHash, std::equal_to<>>;

class Connection {
 public:
  virtual ~Connection() = default;

  virtual Dialect dialect() const = 0;
  virtual Status begin(TxMode mode) = 0;
  virtual Status commit() = 0;
  virtual Status rollback() = 0;
  // Runs one prepared statement with bound parameters; fills `rows` with what it returns and
  // `changed` with the number of rows it modified.
  virtual Status run(std::string_view sql, const Params& params, Rows* rows, int64_t* changed) = 0;
  // Runs `condition`'s statement, then, when it returned a row, the statement as run() does.
  // Sets `held` once the condition has answered (left empty when it failed to run); when it
  // does not hold, `rows` and `changed` stay as they were. The default runs them one after
  // the other; a backend may send both at once.
  virtual Status run_checked(const Precondition& condition, std::optional<bool>& held,
                             std::string_view sql, const Params& params, Rows* rows,
                             int64_t* changed);
  // The rowid of the row the connection's last INSERT created (SQLite only; 0 elsewhere).
  virtual int64_t last_insert_rowid() const { return 0; }
  // Runs a script of several statements without parameters (migrations only).
  virtual Status run_script(std::string_view sql) = 0;
  // True when the last failure was a conflict that succeeds if the transaction is run again.
  virtual bool last_error_transient() const = 0;
  // False once the connection is broken; the pool then opens a new one.
  virtual bool healthy() const = 0;
};

}  // namespace aims::store
