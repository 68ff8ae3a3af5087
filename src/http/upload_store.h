// Where request bodies that are too large for memory are kept while a request is answered: one
// private folder of the server's, a total size budget, and files owned by the request that made
// them (removed when the last holder lets go, whatever path the request took).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"

namespace aims::http {

class UploadStore;

// One file of the store: created exclusively with mode 0600, removed on destruction. The bytes it
// holds count against the store's budget until then.
class UploadFile {
 public:
  ~UploadFile();
  UploadFile(const UploadFile&) = delete;
  UploadFile& operator=(const UploadFile&) = delete;

  const std::string& path() const { return path_; }
  uint64_t size() const { return size_; }
  // Appends bytes. Errors: unavailable when the store's budget or the disk is full.
  Status write(std::string_view bytes);
  // Stops writing (the file stays until destruction). Idempotent.
  void close();

 private:
  friend class UploadStore;
  UploadFile(std::shared_ptr<UploadStore> store, std::string path, int fd);

  std::shared_ptr<UploadStore> store_;
  std::string path_;
  int fd_ = -1;
  uint64_t size_ = 0;
  uint64_t reserved_ = 0;  // budget taken ahead of the writes (a declared Content-Length)
};

class UploadStore : public std::enable_shared_from_this<UploadStore> {
 public:
  // Creates `directory` (mode 0700) when missing, tightens it to 0700 when it is ours, and
  // removes files a crashed server left in it. Errors: unavailable when it cannot be used
  // (a link, another owner, not writable).
  static Result<std::shared_ptr<UploadStore>> open(const std::string& directory,
                                                   uint64_t budget_bytes);

  // A new empty file. `expected_bytes` (a declared body length) is reserved from the budget at
  // once, so an upload that cannot fit is refused before a byte is read. Errors: unavailable.
  Result<std::shared_ptr<UploadFile>> create(uint64_t expected_bytes = 0);

  const std::string& directory() const { return directory_; }
  uint64_t budget() const { return budget_; }
  uint64_t used() const { return used_.load(); }
  // Files currently held by requests.
  int64_t open_files() const { return files_.load(); }

 private:
  friend class UploadFile;
  UploadStore(std::string directory, uint64_t budget)
      : directory_(std::move(directory)), budget_(budget) {}
  bool reserve(uint64_t bytes);
  void release(uint64_t bytes) { used_.fetch_sub(bytes); }

  std::string directory_;
  uint64_t budget_;
  std::atomic<uint64_t> used_{0};
  std::atomic<int64_t> files_{0};
};

// The upload folder a server uses when none is given: beside an SQLite database file
// ("aims.db" -> "aims.db-uploads"), else below $STATE_DIRECTORY (systemd) or the user's state
// folder.
std::string default_upload_directory(std::string_view database_url);

}  // namespace aims::http
