#include "http/upload_store.h"

#include <cerrno>
#include <cstdlib>
#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/crypto.h"

namespace aims::http {
namespace {

constexpr std::string_view kFilePrefix = "upload-";

Error full() {
  return Error::unavailable("the server's space for uploads is full; retry later");
}

Status prepare_directory(const std::string& directory) {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  struct stat info {};
  if (::lstat(directory.c_str(), &info) != 0) {
    return Error::unavailable("cannot create the upload folder " + directory);
  }
  if (S_ISLNK(info.st_mode) || !S_ISDIR(info.st_mode)) {
    return Error::unavailable("the upload folder " + directory + " is not a plain folder");
  }
  if (info.st_uid != ::geteuid()) {
    return Error::unavailable("the upload folder " + directory + " belongs to another user");
  }
  if ((info.st_mode & 0777) != 0700 && ::chmod(directory.c_str(), 0700) != 0) {
    return Error::unavailable("cannot make the upload folder " + directory + " private");
  }
  return {};
}

// Files of a server that stopped without cleaning up: no request holds them any more.
void remove_leftovers(const std::string& directory) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
    if (entry.path().filename().string().starts_with(kFilePrefix)) {
      std::filesystem::remove(entry.path(), ec);
    }
  }
}

}  // namespace

UploadFile::UploadFile(std::shared_ptr<UploadStore> store, std::string path, int fd)
    : store_(std::move(store)), path_(std::move(path)), fd_(fd) {
  store_->files_.fetch_add(1);
}

UploadFile::~UploadFile() {
  close();
  ::unlink(path_.c_str());
  store_->release(reserved_);
  store_->files_.fetch_sub(1);
}

void UploadFile::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

Status UploadFile::write(std::string_view bytes) {
  if (fd_ < 0) return Error::internal("the upload file is closed");
  if (size_ + bytes.size() > reserved_) {
    const uint64_t more = size_ + bytes.size() - reserved_;
    if (!store_->reserve(more)) return full();
    reserved_ += more;
  }
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return errno == ENOSPC ? full() : Error::unavailable("cannot store the upload");
    bytes.remove_prefix(static_cast<size_t>(n));
    size_ += static_cast<uint64_t>(n);
  }
  return {};
}

Result<std::shared_ptr<UploadStore>> UploadStore::open(const std::string& directory,
                                                       uint64_t budget_bytes) {
  TRY(prepare_directory(directory));
  remove_leftovers(directory);
  return std::shared_ptr<UploadStore>(new UploadStore(directory, budget_bytes));
}

bool UploadStore::reserve(uint64_t bytes) {
  uint64_t used = used_.load();
  do {
    if (bytes > budget_ || used > budget_ - bytes) return false;
  } while (!used_.compare_exchange_weak(used, used + bytes));
  return true;
}

Result<std::shared_ptr<UploadFile>> UploadStore::create(uint64_t expected_bytes) {
  if (!reserve(expected_bytes)) return full();
  const std::string path = directory_ + "/" + std::string(kFilePrefix) + crypto::random_token(15);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    release(expected_bytes);
    return Error::unavailable("cannot store the upload");
  }
  std::shared_ptr<UploadFile> file(new UploadFile(shared_from_this(), path, fd));
  file->reserved_ = expected_bytes;
  return file;
}

std::string default_upload_directory(std::string_view database_url) {
  if (database_url.starts_with("sqlite:")) {
    std::string path(database_url.substr(7));
    if (!path.empty() && path != ":memory:") return path + "-uploads";
  }
  if (const char* state = std::getenv("STATE_DIRECTORY"); state && *state) {
    return std::string(state) + "/uploads";
  }
  if (const char* state = std::getenv("XDG_STATE_HOME"); state && *state) {
    return std::string(state) + "/aims/uploads";
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::string(home) + "/.local/state/aims/uploads";
  }
  return "aims-uploads";
}

}  // namespace aims::http
