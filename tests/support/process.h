// Running the real `aims` binary from tests: one-shot commands and `aims serve` children that can
// be killed with SIGKILL and started again.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <sys/types.h>

namespace aims::testing {

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// The aims binary built with the tests (AIMS_BINARY, set by CMake).
std::string aims_binary();

// Runs `aims <args>` with extra environment assignments ("NAME=value") and waits for it.
CommandResult run_aims(const std::vector<std::string>& args,
                       const std::vector<std::string>& env = {});

// A folder of the running test's own below the temporary folder, for the files it hands to the
// binary: <tmp>/<prefix>-<pid>-<test name>, removed with the object.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& prefix);
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  // Writes `text` to the file `name` in the folder; returns its path.
  std::string write(const std::string& name, const std::string& text) const;

 private:
  std::filesystem::path dir_;
};

// `aims init` of database `url` with the organisation `org` and its admin `admin_email`, the
// passphrase given in the environment as scripts give it.
CommandResult init_organisation(const std::string& url, const std::string& org,
                                const std::string& admin_email);

// A port nobody listens on right now.
uint16_t free_port();

class ServeProcess {
 public:
  // `key_file`: the audit trail's key file (--key-file); empty leaves the default, which only an
  // SQLite database has.
  ServeProcess(std::string db_url, uint16_t port, std::string key_file = {})
      : url_(std::move(db_url)), port_(port), key_file_(std::move(key_file)) {}
  ~ServeProcess();
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  // Starts `aims serve` and waits until /healthz answers 200 (false after 20 s).
  bool start();
  // SIGKILL: no shutdown, no flushing; like a crash or the OOM killer.
  void kill_hard();
  // SIGTERM and wait: a graceful stop.
  void stop();
  uint16_t port() const { return port_; }

 private:
  std::string url_;
  uint16_t port_;
  std::string key_file_;
  pid_t pid_ = -1;
};

}  // namespace aims::testing
