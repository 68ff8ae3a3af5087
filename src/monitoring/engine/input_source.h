// The log's bytes as given (a file or memory): read in chunks, hashed with SHA-256 and counted on
// the way, with progress reports.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <openssl/types.h>

#include "base/result.h"
#include "monitoring/engine/engine.h"

namespace aims::monitoring {

class ByteReader {
 public:
  virtual ~ByteReader() = default;
  // Reads up to `capacity` bytes into `out`; 0 at the end of the stream.
  virtual Result<size_t> read(char* out, size_t capacity) = 0;
};

class InputSource final : public ByteReader {
 public:
  // Errors: not_found (no such file), unavailable (cannot be opened); both name the file by
  // LogInput::name.
  static Result<std::unique_ptr<InputSource>> open(const LogInput& input,
                                                   const RunOptions& options);
  ~InputSource() override;
  InputSource(const InputSource&) = delete;
  InputSource& operator=(const InputSource&) = delete;

  // Errors: unavailable (read failure).
  Result<size_t> read(char* out, size_t capacity) override;

  // The first bytes of the input, before any read (enough to recognise gzip).
  std::string_view head() const;
  uint64_t bytes_read() const { return consumed_; }
  // SHA-256 of every byte read, as 64 lowercase hex characters; once, after the last read.
  // Errors: unavailable (OpenSSL failed).
  Result<std::string> finish_sha256();

 private:
  struct DigestDeleter {
    void operator()(EVP_MD_CTX* context) const;
  };

  explicit InputSource(const RunOptions& options) : options_(options) {}
  Result<size_t> read_file(char* out, size_t capacity);

  const RunOptions& options_;
  int fd_ = -1;
  std::string_view memory_;
  std::vector<char> head_;  // file inputs: bytes read ahead by open()
  size_t head_served_ = 0;
  uint64_t consumed_ = 0;
  uint64_t total_ = 0;
  // OpenSSL's SHA-256 uses the CPU's SHA instructions where it has them: about six times faster
  // than libsodium's portable code, which made hashing the largest single cost of a run.
  std::unique_ptr<EVP_MD_CTX, DigestDeleter> sha256_;
};

}  // namespace aims::monitoring
