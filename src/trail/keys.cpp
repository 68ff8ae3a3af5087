#include "trail/keys.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/crypto.h"
#include "base/text.h"

namespace aims::trail {
namespace {

constexpr std::string_view kContext = "aimstrl1";  // crypto_kdf context: 8 characters
constexpr std::string_view kComment =
    "# The aims audit trail's master key. Keep it secret and backed up, apart from the database;\n"
    "# give every server of one database the same file. Docs: docs/audit-trail.md\n";
constexpr size_t kMaxFileBytes = 4096;

Error file_error(const std::string& what, const std::string& path) {
  return Error::unavailable(what + " " + path + ": " + std::strerror(errno));
}

Error refused(const std::string& message) {
  return {ErrorCode::failed_precondition, message, "key-file"};
}

// Reads at most kMaxFileBytes; the file descriptor is closed on every path.
Result<std::string> read_small_file(int fd, const std::string& path) {
  std::string content(kMaxFileBytes + 1, '\0');
  size_t used = 0;
  while (used < content.size()) {
    const ssize_t n = ::read(fd, content.data() + used, content.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return file_error("cannot read", path);
    if (n == 0) break;
    used += static_cast<size_t>(n);
  }
  content.resize(used);
  return content;
}

// The master secret of an existing key file, which only its owner may read.
Result<std::string> read_master(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) return Error::not_found("there is no key file " + path);
  if (fd < 0) return file_error("cannot open the key file", path);
  struct stat info {};
  Result<std::string> content = Error::internal("unread");
  if (::fstat(fd, &info) != 0) {
    content = file_error("cannot inspect", path);
  } else if (!S_ISREG(info.st_mode)) {
    content = refused(path + " is not a regular file");
  } else if ((info.st_mode & 077) != 0) {
    content = refused("the key file " + path +
                      " may be read or changed by other users: chmod 600 it (and check who "
                      "could have copied it)");
  } else {
    content = read_small_file(fd, path);
  }
  ::close(fd);
  TRY_ASSIGN(std::string text, std::move(content));
  std::string master;
  const bool decoded = crypto::base64_decode(first_content_line(text), master);
  crypto::wipe(text);
  if (!decoded || master.size() != crypto::kMasterKeyBytes) {
    crypto::wipe(master);
    return refused(path + " is not an aims key file (it must hold 32 bytes in base64)");
  }
  return master;
}

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// Makes the new directory entry survive a power loss.
void sync_directory(const std::string& path) {
  const auto dir = std::filesystem::absolute(path).parent_path();
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// Writes a new key to a private temporary file, then links it into place: link() never replaces
// an existing file, so when several processes create the key at once, one wins and all read it.
Status create_key_file(const std::string& path) {
  const std::string temporary = path + ".new-" + crypto::random_token(6);
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return file_error("cannot create the key file", temporary);
  std::string master = crypto::random_bytes(crypto::kMasterKeyBytes);
  std::string content = std::string(kComment) + crypto::base64_encode(master) + "\n";
  crypto::wipe(master);
  const bool written = write_all(fd, content) && ::fsync(fd) == 0;
  crypto::wipe(content);
  ::close(fd);
  const int linked = written ? ::link(temporary.c_str(), path.c_str()) : -1;
  const int link_errno = errno;
  ::unlink(temporary.c_str());
  errno = link_errno;
  if (!written) return file_error("cannot write the key file", temporary);
  if (linked != 0 && link_errno != EEXIST) return file_error("cannot create the key file", path);
  sync_directory(path);
  return {};
}

}  // namespace

std::string key_name(int64_t org_id) {
  return std::string(kKeyNamePrefix) + std::to_string(org_id);
}

Result<SigningKeys> SigningKeys::open(const std::string& path) {
  TRY_ASSIGN(std::string master, read_master(path));
  return SigningKeys(path, std::move(master));
}

Result<SigningKeys> SigningKeys::open_or_create(const std::string& path) {
  auto keys = open(path);
  if (keys || keys.error().code != ErrorCode::not_found) return keys;
  TRY(create_key_file(path));
  return open(path);
}

SigningKeys::~SigningKeys() {
  crypto::wipe(master_);
}

note::SignerKey SigningKeys::for_org(int64_t org_id) const {
  std::string seed = crypto::derive_subkey(master_, static_cast<uint64_t>(org_id), kContext);
  note::SignerKey key(key_name(org_id), seed);
  crypto::wipe(seed);
  return key;
}

std::string SigningKeys::subkey(uint64_t id, std::string_view context) const {
  if (context == kContext) throw std::logic_error("the trail's key context is its own");
  return crypto::derive_subkey(master_, id, context);
}

}  // namespace aims::trail
