#include "monitoring/engine/id_spill.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <span>
#include <thread>
#include <utility>

#include <stdlib.h>
#include <unistd.h>

#include "monitoring/engine/run_limits.h"
#include "monitoring/engine/text_key.h"

namespace aims::monitoring {

namespace {

// splitmix64's finaliser: spreads a double's bits so the top bits partition evenly.
uint64_t mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

constexpr uint64_t kLabelSeed = 0x9e3779b97f4a7c15ULL;
constexpr size_t kReadChunkRecords = size_t{64} << 10;

// One id's rows, and whether they carry two different labels.
struct IdTally {
  uint64_t rows = 0;
  uint64_t label = 0;
  bool conflict = false;

  void add(const IdRecord& record) {
    ++rows;
    if (record.label_hash == 0) return;
    if (label == 0) label = record.label_hash;
    conflict = conflict || label != record.label_hash;
  }
  void add_to(DuplicateCounts& counts) const {
    counts.rows += rows;
    ++counts.distinct;
    if (rows > 1) {
      ++counts.duplicated_ids;
      counts.duplicate_rows += rows - 1;
    }
    if (conflict) ++counts.conflicting_ids;
  }
};

void add_run(std::span<const IdRecord> run, DuplicateCounts& counts) {
  IdTally tally;
  for (const auto& record : run)
    tally.add(record);
  tally.add_to(counts);
}

// Below this many records std::sort beats the radix sort's fixed cost of 2^12-entry histograms.
constexpr size_t kRadixSortRecords = size_t{1} << 16;

// Sorts by id hash the records of a partition, whose top `fixed_bits` id-hash bits are all equal;
// labels need no order (add_run only asks whether a run holds two different ones). Large
// partitions use an LSD radix sort of the other bits, 12 at a time: linear time, several times
// faster than std::sort on the millions of records a partition can hold, and 4096 buckets keep
// each pass's scatter within the cache. One read of the records counts every digit's buckets,
// so each pass after it only scatters.
void sort_by_id(std::vector<IdRecord>& records, int fixed_bits) {
  if (records.size() < kRadixSortRecords) {
    std::sort(records.begin(), records.end(),
              [](const IdRecord& a, const IdRecord& b) { return a.id_hash < b.id_hash; });
    return;
  }
  constexpr int kDigitBits = 12;
  constexpr size_t kBuckets = size_t{1} << kDigitBits;
  const int digits = (64 - fixed_bits + kDigitBits - 1) / kDigitBits;
  const auto bucket = [](uint64_t id_hash, int digit) {
    return (id_hash >> (digit * kDigitBits)) & (kBuckets - 1);
  };
  std::vector<size_t> offsets(static_cast<size_t>(digits) * kBuckets);
  for (const auto& record : records) {
    for (int digit = 0; digit < digits; ++digit)
      ++offsets[digit * kBuckets + bucket(record.id_hash, digit)];
  }
  std::vector<IdRecord> scratch(records.size());
  for (int digit = 0; digit < digits; ++digit) {
    size_t* const digit_offsets = offsets.data() + digit * kBuckets;
    size_t start = 0;
    for (size_t b = 0; b < kBuckets; ++b)
      start += std::exchange(digit_offsets[b], start);
    for (const auto& record : records)
      scratch[digit_offsets[bucket(record.id_hash, digit)]++] = record;
    records.swap(scratch);
  }
}

void count_sorted(std::vector<IdRecord>& records, int fixed_bits, DuplicateCounts& counts) {
  sort_by_id(records, fixed_bits);
  size_t start = 0;
  for (size_t i = 1; i <= records.size(); ++i) {
    if (i == records.size() || records[i].id_hash != records[start].id_hash) {
      add_run(std::span<const IdRecord>(records).subspan(start, i - start), counts);
      start = i;
    }
  }
}

}  // namespace

uint64_t hash_id(std::string_view id) {
  return text_key(id).hash;
}

uint64_t hash_label(std::string_view label) {
  return text_key(label, kLabelSeed).hash | 1;
}

uint64_t hash_label(double label) {
  const double normalised = label == 0 ? 0.0 : label;  // -0 and +0 are the same label
  return mix(std::bit_cast<uint64_t>(normalised) ^ kLabelSeed) | 1;
}

// The bytes of an IdSpill's files on disk, against SpillLimits::disk_bytes; shared by all its
// partitions, on every thread.
class IdSpill::Disk {
 public:
  explicit Disk(uint64_t budget) : budget_(budget) {}

  // Errors: too_large when `bytes` more would pass the budget.
  Status reserve(uint64_t bytes) {
    const uint64_t used = used_.fetch_add(bytes) + bytes;
    if (budget_ == 0 || used <= budget_) return {};
    used_.fetch_sub(bytes);
    return spill_too_large(budget_);
  }
  void release(uint64_t bytes) { used_.fetch_sub(bytes); }

 private:
  const uint64_t budget_;
  std::atomic<uint64_t> used_{0};
};

class IdSpill::Partition {
 public:
  Partition(const std::string& directory, size_t memory_records, Disk& disk)
      : directory_(directory), memory_records_(memory_records), disk_(disk) {}
  ~Partition() { release(); }

  Status append(const IdRecord* records, size_t count) {
    std::lock_guard lock(mutex_);
    note_ids(records, count);
    memory_.insert(memory_.end(), records, records + count);
    if (memory_.size() < memory_records_) return {};
    TRY(disk_.reserve(memory_.size() * sizeof(IdRecord)));
    if (file_ == nullptr) {
      TRY_ASSIGN(file_, create_file());
    }
    if (std::fwrite(memory_.data(), sizeof(IdRecord), memory_.size(), file_) != memory_.size()) {
      return Error::unavailable(std::string("cannot write an id spill file: ") +
                                std::strerror(errno));
    }
    in_file_ += memory_.size();
    memory_.clear();
    return {};
  }

  uint64_t size() const { return in_file_ + memory_.size(); }
  // True while every record appended has the same id hash.
  bool one_id() const { return one_id_; }

  // Visits every record in chunks: first those in the file, then those in memory.
  Status for_each_chunk(const std::function<void(std::span<const IdRecord>)>& visit) {
    if (file_ != nullptr) {
      if (std::fflush(file_) != 0 || std::fseek(file_, 0, SEEK_SET) != 0) {
        return Error::unavailable("cannot rewind an id spill file");
      }
      std::vector<IdRecord> chunk(kReadChunkRecords);
      for (uint64_t left = in_file_; left > 0;) {
        const size_t want = static_cast<size_t>(std::min<uint64_t>(left, chunk.size()));
        if (std::fread(chunk.data(), sizeof(IdRecord), want, file_) != want) {
          return Error::unavailable("cannot read back an id spill file");
        }
        visit(std::span<const IdRecord>(chunk.data(), want));
        left -= want;
      }
    }
    visit(memory_);
    return {};
  }

  // Drops the records, closing the file and giving its disk back: once counted or split, a
  // partition's records are not needed again.
  void release() {
    if (file_ != nullptr) {
      std::fclose(file_);
      file_ = nullptr;
      disk_.release(in_file_ * sizeof(IdRecord));
    }
    in_file_ = 0;
    std::vector<IdRecord>().swap(memory_);
  }

 private:
  // Called before the records join the partition. A real log's ids differ within its first
  // batch, after which this costs one test per batch.
  void note_ids(const IdRecord* records, size_t count) {
    if (!one_id_ || count == 0) return;
    if (size() == 0) first_id_ = records[0].id_hash;
    one_id_ = std::all_of(records, records + count,
                          [this](const IdRecord& record) { return record.id_hash == first_id_; });
  }

  Result<FILE*> create_file() const {
    std::string path = directory_ + "/aims-monitor-ids-XXXXXX";
    const int fd = ::mkstemp(path.data());
    if (fd < 0) {
      return Error::unavailable(std::string("cannot create an id spill file in the spill "
                                            "directory: ") +
                                std::strerror(errno));
    }
    ::unlink(path.c_str());  // the file vanishes with its descriptor, even after a crash
    FILE* file = ::fdopen(fd, "w+b");
    if (file == nullptr) {
      ::close(fd);
      return Error::unavailable("cannot open an id spill file");
    }
    return file;
  }

  const std::string& directory_;
  const size_t memory_records_;
  Disk& disk_;
  std::mutex mutex_;
  std::vector<IdRecord> memory_;
  FILE* file_ = nullptr;
  uint64_t in_file_ = 0;
  bool one_id_ = true;
  uint64_t first_id_ = 0;
};

namespace {

// What counting needs besides the partition at hand.
struct Counting {
  const std::string& directory;
  const SpillLimits& limits;
  IdSpill::Disk& disk;
  const RunClock& clock;
};

// Counts a partition whose records all share their top `fixed_bits` id-hash bits.
Status count_partition(IdSpill::Partition& partition, int fixed_bits, const Counting& counting,
                       DuplicateCounts& counts);

}  // namespace

IdSpill::IdSpill(std::string directory, SpillLimits limits)
    : directory_(directory.empty() ? std::filesystem::temp_directory_path().string()
                                   : std::move(directory)),
      limits_(limits),
      disk_(std::make_unique<Disk>(limits.disk_bytes)) {
  partitions_.reserve(size_t{1} << kPartitionBits);
  for (int i = 0; i < (1 << kPartitionBits); ++i) {
    partitions_.push_back(std::make_unique<Partition>(directory_, limits_.memory_records, *disk_));
  }
}

IdSpill::~IdSpill() = default;

// Batches grow as records arrive: reserving them all up front cost a small log more than reading
// it.
IdSpill::Writer::Writer(IdSpill& spill) : spill_(spill), batches_(spill.partitions_.size()) {}

Status IdSpill::Writer::flush(uint64_t partition) {
  auto& batch = batches_[partition];
  auto status = spill_.partitions_[partition]->append(batch.data(), batch.size());
  batch.clear();
  return status;
}

Status IdSpill::Writer::flush_all() {
  for (uint64_t partition = 0; partition < batches_.size(); ++partition) {
    if (batches_[partition].empty()) continue;
    if (auto status = flush(partition); !status) return status;
  }
  return {};
}

Result<DuplicateCounts> IdSpill::count(unsigned threads, const RunClock& clock) {
  // Partitions are independent: each thread takes the next one and keeps its own counts, which
  // add up exactly whatever the split.
  std::atomic<size_t> next{0};
  uint64_t records = 0;
  for (const auto& partition : partitions_)
    records += partition->size();
  // A thread per million records at most: starting one costs more than counting fewer.
  const auto useful = static_cast<unsigned>(std::min<uint64_t>(records >> 20, kMaxCountThreads));
  std::vector<DuplicateCounts> counts(std::clamp(threads, 1u, std::max(useful, 1u)));
  std::vector<Status> statuses(counts.size());
  const Counting counting{directory_, limits_, *disk_, clock};
  const auto work = [&](size_t worker) {
    for (size_t p = next++; p < partitions_.size() && statuses[worker].ok(); p = next++) {
      statuses[worker] = count_partition(*partitions_[p], kPartitionBits, counting, counts[worker]);
    }
  };
  std::vector<std::thread> pool;
  for (size_t worker = 1; worker < counts.size(); ++worker)
    pool.emplace_back(work, worker);
  work(0);
  for (auto& thread : pool)
    thread.join();
  DuplicateCounts total;
  for (size_t worker = 0; worker < counts.size(); ++worker) {
    TRY(statuses[worker]);
    total.rows += counts[worker].rows;
    total.distinct += counts[worker].distinct;
    total.duplicated_ids += counts[worker].duplicated_ids;
    total.duplicate_rows += counts[worker].duplicate_rows;
    total.conflicting_ids += counts[worker].conflicting_ids;
  }
  return total;
}

namespace {

constexpr int kSplitBits = 6;

// At most 2^(64 - fixed_bits) distinct hashes remain: count them with a map, streaming.
Status count_few_ids(IdSpill::Partition& partition, DuplicateCounts& counts) {
  std::map<uint64_t, IdTally> ids;
  TRY(partition.for_each_chunk([&](std::span<const IdRecord> records) {
    for (const auto& record : records)
      ids[record.id_hash].add(record);
  }));
  for (const auto& [hash, tally] : ids)
    tally.add_to(counts);
  return {};
}

// Every record has one id (a log repeating one row): a single run, counted as it is read, where
// splitting would copy the whole partition at every level without shrinking it.
Status count_one_id(IdSpill::Partition& partition, DuplicateCounts& counts) {
  IdTally tally;
  TRY(partition.for_each_chunk([&](std::span<const IdRecord> records) {
    for (const auto& record : records)
      tally.add(record);
  }));
  tally.add_to(counts);
  return {};
}

Status count_partition(IdSpill::Partition& partition, int fixed_bits, const Counting& counting,
                       DuplicateCounts& counts) {
  TRY(counting.clock.check());
  if (partition.size() == 0) return {};
  if (partition.one_id()) return count_one_id(partition, counts);
  if (partition.size() <= counting.limits.sort_records) {
    std::vector<IdRecord> records;
    records.reserve(partition.size());
    TRY(partition.for_each_chunk([&](std::span<const IdRecord> chunk) {
      records.insert(records.end(), chunk.begin(), chunk.end());
    }));
    partition.release();
    count_sorted(records, fixed_bits, counts);
    return {};
  }
  if (fixed_bits + kSplitBits > 64) return count_few_ids(partition, counts);

  const int shift = 64 - fixed_bits - kSplitBits;
  std::vector<std::unique_ptr<IdSpill::Partition>> parts;
  for (int i = 0; i < (1 << kSplitBits); ++i) {
    parts.push_back(std::make_unique<IdSpill::Partition>(
        counting.directory, counting.limits.memory_records, counting.disk));
  }
  Status write_status;
  TRY(partition.for_each_chunk([&](std::span<const IdRecord> chunk) {
    for (const auto& record : chunk) {
      if (!write_status) return;
      write_status = parts[(record.id_hash >> shift) & ((1 << kSplitBits) - 1)]->append(&record, 1);
    }
  }));
  TRY(write_status);
  partition.release();
  for (auto& part : parts)
    TRY(count_partition(*part, fixed_bits + kSplitBits, counting, counts));
  return {};
}

}  // namespace

}  // namespace aims::monitoring
