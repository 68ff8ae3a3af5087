// Local servers the notify tests deliver to, run as Python child processes: an HTTP receiver that
// checks each request's Standard Webhooks signature with Python's own hmac and answers a chosen
// status, and an SMTP server (aiosmtpd) that writes each message to a folder.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace aims::notify::testing {

// A private folder below the temporary folder, removed with the object.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix)
      : path_(std::filesystem::temp_directory_path() /
              (prefix + "-" + std::to_string(::getpid()) + "-" +
               std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()))) {
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  std::string path(const std::string& name = "") const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline uint16_t unused_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t length = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &length);
  ::close(fd);
  return ntohs(a.sin_port);
}

inline bool accepts(uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Debian's Python, where python3-aiosmtpd is installed (a python3 earlier on PATH may lack it).
inline constexpr const char* kPython = "/usr/bin/python3";

// A Python script run as a child until destroyed.
class PythonServer {
 public:
  PythonServer(const std::string& script_path, std::vector<std::string> args, uint16_t port)
      : port_(port) {
    pid_ = ::fork();
    if (pid_ == 0) {
      std::vector<char*> argv = {const_cast<char*>(kPython),
                                 const_cast<char*>(script_path.c_str())};
      for (auto& a : args)
        argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(kPython, argv.data());
      ::_exit(127);
    }
    for (int i = 0; i < 100 && !accepts(port_); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ~PythonServer() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  bool ready() const { return accepts(port_); }
  uint16_t port() const { return port_; }

 private:
  uint16_t port_;
  pid_t pid_ = -1;
};

// Appends one line per request to `log`: "<status> <verified|forged> <body>".
inline constexpr const char* kReceiverScript = R"PY(
import base64, hashlib, hmac, sys
from http.server import BaseHTTPRequestHandler, HTTPServer
port, secret_file, log, status = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers['Content-Length']))
        secret = open(secret_file).read().strip()
        key = base64.b64decode(secret[len('whsec_'):])
        signed = (self.headers['webhook-id'] + '.' + self.headers['webhook-timestamp'] + '.').encode() + body
        expected = 'v1,' + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
        ok = hmac.compare_digest(expected, self.headers['webhook-signature'])
        with open(log, 'a') as f:
            f.write('%d %s %s\n' % (status, 'verified' if ok else 'forged', body.decode()))
        self.send_response(status)
        self.end_headers()
        self.wfile.write(b'noted')
    def log_message(self, *args):
        pass
HTTPServer(('127.0.0.1', port), Handler).serve_forever()
)PY";

// Writes each message it receives to <folder>/<n>.eml with its envelope recipients first.
inline constexpr const char* kSmtpScript = R"PY(
import os, signal, sys, time
from aiosmtpd.controller import Controller
port, folder = int(sys.argv[1]), sys.argv[2]
class Sink:
    count = 0
    async def handle_DATA(self, server, session, envelope):
        Sink.count += 1
        with open(os.path.join(folder, '%d.eml' % Sink.count), 'wb') as f:
            f.write(('X-Rcpt: ' + ','.join(envelope.rcpt_tos) + '\r\n').encode())
            f.write(envelope.original_content)
        return '250 OK'
controller = Controller(Sink(), hostname='127.0.0.1', port=port)
controller.start()
signal.signal(signal.SIGTERM, lambda *a: (controller.stop(), sys.exit(0)))
while True:
    time.sleep(1)
)PY";

}  // namespace aims::notify::testing
