// Exact duplicate-id and conflicting-label detection in bounded memory, Grace-hash style: each
// row's (id hash, label hash) goes to one of 64 partitions by the top 6 bits of the id hash. A
// partition stays in memory until it outgrows its share, then moves to an unlinked temporary file.
// At the end every partition is sorted and scanned; one too large to sort in memory is split again
// by the next 6 bits, unless all its records share one id (a log repeating one row), which is
// counted as it is read. Exact up to 64-bit hash collisions (about n²/2^65 expected pairs).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "monitoring/engine/run_limits.h"

namespace aims::monitoring {

struct IdRecord {
  uint64_t id_hash = 0;
  uint64_t label_hash = 0;  // 0: the row has no label
};

uint64_t hash_id(std::string_view id);
// Never 0, so 0 can mean "no label".
uint64_t hash_label(std::string_view label);
uint64_t hash_label(double label);

struct DuplicateCounts {
  uint64_t rows = 0;
  uint64_t distinct = 0;
  uint64_t duplicated_ids = 0;
  uint64_t duplicate_rows = 0;
  uint64_t conflicting_ids = 0;
};

struct SpillLimits {
  // Records a partition holds in memory before it moves to a file (64 x 256 KiB in all).
  size_t memory_records = size_t{16} << 10;
  // Records sorted in memory at once at the end (16 MiB, and as much again to sort them); larger
  // partitions are split again.
  size_t sort_records = size_t{1} << 20;
  // Bytes of spill files that may exist at once (0: no limit); past it, writing fails with
  // spill_too_large(). A file is given back as soon as its partition has been counted or split.
  uint64_t disk_bytes = 0;
};

class IdSpill {
 public:
  explicit IdSpill(std::string directory, SpillLimits limits = {});
  ~IdSpill();
  IdSpill(const IdSpill&) = delete;
  IdSpill& operator=(const IdSpill&) = delete;

  class Partition;
  class Disk;

  // Batches one thread's records before they reach the shared partitions.
  class Writer {
   public:
    explicit Writer(IdSpill& spill);
    // Errors: unavailable (a spill file cannot be created or written).
    Status add(IdRecord record) {
      auto& batch = batches_[record.id_hash >> kTopShift];
      batch.push_back(record);
      return batch.size() < kBatchRecords ? Status() : flush(record.id_hash >> kTopShift);
    }
    Status flush_all();

   private:
    Status flush(uint64_t partition);
    IdSpill& spill_;
    std::vector<std::vector<IdRecord>> batches_;
  };

  // Counts duplicates over every record added, partitions spread over `threads` (at most
  // kMaxCountThreads, each needing up to 32 MiB, and one per million records), checking `clock`
  // between partitions; call once all writers are flushed. Errors: unavailable (I/O, or the
  // clock's), too_large (past SpillLimits::disk_bytes).
  Result<DuplicateCounts> count(unsigned threads, const RunClock& clock);

  static constexpr unsigned kMaxCountThreads = 4;

 private:
  static constexpr int kPartitionBits = 6;
  static constexpr int kTopShift = 64 - kPartitionBits;
  static constexpr size_t kBatchRecords = 128;

  std::string directory_;
  SpillLimits limits_;
  std::unique_ptr<Disk> disk_;  // declared before the partitions, which release into it
  std::vector<std::unique_ptr<Partition>> partitions_;
};

}  // namespace aims::monitoring
