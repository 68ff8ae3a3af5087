#include "monitoring/engine/input_source.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/crypto.h"

namespace aims::monitoring {

namespace {

// Enough to recognise the gzip magic; one read() of the head is cheap.
constexpr size_t kHeadBytes = 4096;

Error io_error(const std::string& what, const std::string& path) {
  return Error::unavailable(what + " '" + path + "': " + std::strerror(errno));
}

}  // namespace

Result<std::unique_ptr<InputSource>> InputSource::open(const LogInput& input,
                                                       const RunOptions& options) {
  std::unique_ptr<InputSource> source(new InputSource(options));
  // Fetched once: OpenSSL 3 would otherwise look the implementation up on every run.
  static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  source->sha256_.reset(EVP_MD_CTX_new());
  if (sha256 == nullptr || source->sha256_ == nullptr ||
      EVP_DigestInit_ex(source->sha256_.get(), sha256, nullptr) != 1) {
    return Error::unavailable("cannot set up SHA-256");
  }
  if (!input.is_file) {
    source->memory_ = input.bytes;
    source->total_ = input.bytes.size();
    return source;
  }
  const std::string& name = input.name.empty() ? input.path : input.name;
  source->fd_ = ::open(input.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (source->fd_ < 0) {
    if (errno == ENOENT) return Error::not_found("no such log file: '" + name + "'");
    return io_error("cannot open", name);
  }
  struct stat info;
  if (::fstat(source->fd_, &info) == 0 && S_ISREG(info.st_mode)) {
    source->total_ = static_cast<uint64_t>(info.st_size);
  }
  ::posix_fadvise(source->fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
  source->head_.resize(kHeadBytes);
  size_t filled = 0;
  while (filled < kHeadBytes) {
    const ssize_t n = ::read(source->fd_, source->head_.data() + filled, kHeadBytes - filled);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return io_error("cannot read", name);
    if (n == 0) break;
    filled += static_cast<size_t>(n);
  }
  source->head_.resize(filled);
  return source;
}

void InputSource::DigestDeleter::operator()(EVP_MD_CTX* context) const {
  EVP_MD_CTX_free(context);
}

InputSource::~InputSource() {
  if (fd_ >= 0) ::close(fd_);
}

std::string_view InputSource::head() const {
  if (fd_ >= 0) return {head_.data(), head_.size()};
  return memory_.substr(0, kHeadBytes);
}

Result<size_t> InputSource::read_file(char* out, size_t capacity) {
  if (head_served_ < head_.size()) {
    const size_t n = std::min(capacity, head_.size() - head_served_);
    std::memcpy(out, head_.data() + head_served_, n);
    head_served_ += n;
    return n;
  }
  for (;;) {
    const ssize_t n = ::read(fd_, out, capacity);
    if (n >= 0) return static_cast<size_t>(n);
    if (errno != EINTR)
      return Error::unavailable(std::string("log read failed: ") + std::strerror(errno));
  }
}

Result<size_t> InputSource::read(char* out, size_t capacity) {
  size_t n = 0;
  if (fd_ >= 0) {
    TRY_ASSIGN(n, read_file(out, capacity));
  } else {
    n = std::min(capacity, memory_.size() - static_cast<size_t>(consumed_));
    std::memcpy(out, memory_.data() + consumed_, n);
  }
  if (EVP_DigestUpdate(sha256_.get(), out, n) != 1) return Error::unavailable("SHA-256 failed");
  consumed_ += n;
  if (options_.on_progress) options_.on_progress(consumed_, total_);
  return n;
}

Result<std::string> InputSource::finish_sha256() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(sha256_.get(), digest, &length) != 1) {
    return Error::unavailable("SHA-256 failed");
  }
  return crypto::to_hex(std::string_view(reinterpret_cast<const char*>(digest), length));
}

}  // namespace aims::monitoring
