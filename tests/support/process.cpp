#include "support/process.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <thread>

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/http_client.h"

namespace aims::testing {
namespace {

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'')
      out += "'\\''";
    else
      out.push_back(c);
  }
  return out + "'";
}

}  // namespace

std::string aims_binary() {
  return AIMS_BINARY;
}

CommandResult run_aims(const std::vector<std::string>& args, const std::vector<std::string>& env) {
  std::string command = "env";
  for (const auto& assignment : env)
    command += " " + shell_quote(assignment);
  command += " " + shell_quote(aims_binary());
  for (const auto& arg : args)
    command += " " + shell_quote(arg);
  command += " 2>&1";
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return result;
  char buffer[4096];
  size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0)
    result.output.append(buffer, n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

CommandResult init_organisation(const std::string& url, const std::string& org,
                                const std::string& admin_email) {
  return run_aims({"init", "--db", url, "--org", org, "--admin", admin_email},
                  {"AIMS_ADMIN_PASSWORD=a long admin passphrase"});
}

ScratchDir::ScratchDir(const std::string& prefix)
    : dir_(std::filesystem::temp_directory_path() /
           (prefix + "-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
  std::filesystem::create_directories(dir_);
}

ScratchDir::~ScratchDir() {
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::string ScratchDir::write(const std::string& name, const std::string& text) const {
  std::ofstream(path(name), std::ios::binary) << text;
  return path(name);
}

uint16_t free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

ServeProcess::~ServeProcess() {
  stop();
}

bool ServeProcess::start() {
  const std::string listen = "127.0.0.1:" + std::to_string(port_);
  pid_ = fork();
  if (pid_ == 0) {
    // The child's output would interleave with the test's; the access log is not needed here.
    if (FILE* devnull = std::fopen("/dev/null", "w")) {
      dup2(fileno(devnull), STDOUT_FILENO);
      dup2(fileno(devnull), STDERR_FILENO);
    }
    const std::string binary = aims_binary();
    std::vector<const char*> argv = {binary.c_str(), "serve",    "--db",
                                     url_.c_str(),   "--listen", listen.c_str()};
    if (!key_file_.empty()) {
      argv.push_back("--key-file");
      argv.push_back(key_file_.c_str());
    }
    argv.push_back(nullptr);
    execv(binary.c_str(), const_cast<char* const*>(argv.data()));
    _exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    try {
      if (HttpClient(port_).get("/healthz").status == 200) return true;
    } catch (const std::exception&) {
      // not listening yet
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

void ServeProcess::kill_hard() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

void ServeProcess::stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

}  // namespace aims::testing
