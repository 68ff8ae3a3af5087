// Cold start: milliseconds from exec of `aims serve` to its first 200 on /healthz, and the
// server's resident memory once idle. Prints one line per run: "<ms> <idle_rss_kib>".
//   aims_cold_start AIMS_BINARY DB_URL PORT [RUNS]
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

bool healthz_ok(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = false;
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) {
    const char request[] = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    if (write(fd, request, sizeof request - 1) > 0) {
      char buffer[64] = {};
      ok = read(fd, buffer, sizeof buffer - 1) > 12 && std::strncmp(buffer + 9, "200", 3) == 0;
    }
  }
  close(fd);
  return ok;
}

long rss_kib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: aims_cold_start AIMS_BINARY DB_URL PORT [RUNS]\n";
    return 2;
  }
  const int port = std::stoi(argv[3]);
  const int runs = argc > 4 ? std::stoi(argv[4]) : 5;
  const std::string listen = "127.0.0.1:" + std::string(argv[3]);
  for (int run = 0; run < runs; ++run) {
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    if (pid == 0) {
      freopen("/dev/null", "w", stdout);
      freopen("/dev/null", "w", stderr);
      execl(argv[1], argv[1], "serve", "--db", argv[2], "--listen", listen.c_str(),
            static_cast<char*>(nullptr));
      _exit(127);
    }
    while (!healthz_ok(port))
      std::this_thread::sleep_for(std::chrono::microseconds(500));
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::this_thread::sleep_for(std::chrono::seconds(1));  // settle: idle, one request served
    std::cout << ms << " " << rss_kib(pid) << std::endl;
    kill(pid, SIGTERM);
    waitpid(pid, nullptr, 0);
  }
  return 0;
}
