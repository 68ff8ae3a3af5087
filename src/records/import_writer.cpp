#include "records/import_writer.h"

#include "base/time.h"
#include "records/store.h"

namespace aims::records {
namespace {

// Rows travel in batches so that the two threads meet once per batch, not once per row; a
// bounded queue keeps a fast reader from holding the whole file as records.
constexpr size_t kBatchRows = 64;
constexpr size_t kQueuedBatches = 64;
// After this many rows of an import the planner is shown the tables it writes: enough rows for
// the statistics to tell a unique index from one that matches the whole organisation.
constexpr size_t kRowsBeforeAnalyze = 200;

}  // namespace

ImportWriter::ImportWriter(store::Database& db, const Description& d, int64_t org,
                           const Caller& caller)
    : db_(db), d_(d), org_(org), caller_(caller) {
  thread_ = std::thread([this] {
    auto ids = db_.write([this](store::Tx& tx) -> Result<std::vector<int64_t>> {
      TRY(write_all(tx));
      return outcome_.created_ids;
    });
    if (!ids) outcome_.status = ids.error();
    std::lock_guard lock(mutex_);
    writer_done_ = true;  // a reader waiting for room in the queue must not wait for it
    changed_.notify_all();
  });
}

ImportWriter::~ImportWriter() {
  if (thread_.joinable()) {
    abandon();
    finish();
  }
}

void ImportWriter::add(int64_t row, Record prepared) {
  CheckedRow checked{row, {}, {}};
  // A before_write hook runs in the transaction and may change the record: no plan ahead of it.
  if (d_.hooks.before_write) {
    checked.prepared = std::move(prepared);
  } else {
    checked.plan = plan_create(d_, std::move(prepared), caller_);
  }
  batch_.push_back(std::move(checked));
  if (batch_.size() >= kBatchRows) hand_over();
}

void ImportWriter::hand_over() {
  if (batch_.empty()) return;
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return queue_.size() < kQueuedBatches || abandoned_ || writer_done_; });
  if (!abandoned_ && !writer_done_) queue_.push_back(std::move(batch_));
  batch_.clear();
  changed_.notify_all();
}

void ImportWriter::abandon() {
  std::lock_guard lock(mutex_);
  abandoned_ = true;
  queue_.clear();
  changed_.notify_all();
}

ImportWriter::Outcome ImportWriter::finish() {
  hand_over();
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    changed_.notify_all();
  }
  thread_.join();
  return std::move(outcome_);
}

bool ImportWriter::take_batch(std::vector<CheckedRow>& into) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return !queue_.empty() || closed_ || abandoned_; });
  if (queue_.empty() || abandoned_) return false;
  for (auto& row : queue_.front())
    into.push_back(std::move(row));
  queue_.pop_front();
  changed_.notify_all();
  return true;
}

Result<int64_t> ImportWriter::write_row(const WriteContext& ctx, CheckedRow& row) {
  if (!row.prepared)
    return insert_planned(ctx, d_, row.plan, taken_titles_ ? &*taken_titles_ : nullptr);
  TRY_ASSIGN(const Record created, insert_prepared(ctx, d_, *row.prepared));
  return created.id;
}

Status ImportWriter::write_all(store::Tx& tx) {
  const WriteContext ctx{tx, org_, caller_, now_timestamp()};
  outcome_.created_ids.clear();
  outcome_.failed_row = 0;
  // Titles are read once rather than checked with a statement per row. The writer's transaction
  // holds SQLite's write lock; on PostgreSQL a record of the same name that another request
  // commits while the import runs is missed, as a per-row check misses one committed between
  // that row's check and the import's commit.
  taken_titles_.reset();
  if (d_.unique_title) {
    TRY_ASSIGN(auto keys, sql::title_keys(tx, d_, org_));
    taken_titles_ = std::move(keys);
  }
  for (size_t i = 0; !abandoned_; ++i) {
    if (i == taken_.size() && !take_batch(taken_)) break;
    if (i == kRowsBeforeAnalyze) {
      TRY(tx.refresh_statistics(d_.table));
      TRY(tx.refresh_statistics("record_links"));
      TRY(tx.refresh_statistics("record_search"));
    }
    auto id = write_row(ctx, taken_[i]);
    if (!id) {
      outcome_.failed_row = taken_[i].row;
      return id.error();
    }
    outcome_.created_ids.push_back(*id);
  }
  if (abandoned_) {
    return Error{ErrorCode::failed_precondition, "a row of the import has a problem", {}};
  }
  return {};
}

}  // namespace aims::records
