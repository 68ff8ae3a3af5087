// Creating an import's records on a second thread while the first still checks the rows after
// them (private to records/): on two cores an import then takes about as long as the slower of
// the two halves, not their sum.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>
#include <vector>

#include "records/records.h"
#include "records/writes.h"

namespace aims::records {

class ImportWriter {
 public:
  // Starts the writing thread and its transaction at once.
  ImportWriter(store::Database& db, const Description& d, int64_t org, const Caller& caller);
  ~ImportWriter();
  ImportWriter(const ImportWriter&) = delete;
  ImportWriter& operator=(const ImportWriter&) = delete;

  // Queues data row `row` (1-based), checked and prepared; waits while the writer is far behind,
  // so memory stays bounded. Works out what creating it writes on the calling thread.
  void add(int64_t row, Record prepared);
  // A row failed its check: the transaction is rolled back and nothing is created.
  void abandon();

  struct Outcome {
    Status status;
    int64_t failed_row = 0;  // the data row the database refused, when it refused one
    std::vector<int64_t> created_ids;
  };
  // Waits for every queued row to be written and the transaction to end.
  Outcome finish();

 private:
  struct CheckedRow {
    int64_t row = 0;
    CreatePlan plan;
    std::optional<Record> prepared;  // instead of a plan when the register has a before_write hook
  };
  bool take_batch(std::vector<CheckedRow>& into);
  Result<int64_t> write_row(const WriteContext& ctx, CheckedRow& row);
  void hand_over();
  Status write_all(store::Tx& tx);

  store::Database& db_;
  const Description& d_;
  int64_t org_;
  const Caller& caller_;

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::vector<CheckedRow>> queue_;
  std::vector<CheckedRow> batch_;  // the adding side's rows not yet handed over
  bool closed_ = false;
  bool writer_done_ = false;  // the transaction has ended (early when a row was refused)
  std::atomic<bool> abandoned_ = false;

  // The writing side's: every row taken so far, kept so that a transaction the database asks to
  // run again (a transient conflict) writes them all again.
  std::vector<CheckedRow> taken_;
  // Title keys of the register in the writer's transaction, kept up to date as rows are written.
  std::optional<std::unordered_set<std::string>> taken_titles_;
  Outcome outcome_;
  std::thread thread_;
};

}  // namespace aims::records
