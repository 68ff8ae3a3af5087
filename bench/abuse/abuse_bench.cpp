// Load and abuse against a running `aims serve` on loopback, bounded in time: idle sockets,
// large uploads (anonymous and real), gzip bombs and wrong sign-ins all at once, while one
// client measures GET /api/v1/me. Exits 1 when /me's p99 reaches the bound, any answer is a 5xx,
// or the server's upload folder is not empty afterwards.
//
//   abuse_bench --port P --token T --monitor ID --email E --upload-dir DIR --log F --bomb F
//               [--idle 500] [--uploads 50] [--bombs 10] [--sign-ins 200] [--p99-ms 50]
//   abuse_bench --make-log F --make-bomb F     (writes the two inputs once)
//
// The log fits the monitor of bench/monitoring/run.sh (id, ts, prediction, score, label, group,
// amount, age, ratio, channel). The bomb is what the attacker sent: one row repeated with the
// same id, gzip-compressed about 700 to 1.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  uint16_t port = 0;
  std::string token, email, upload_dir, log_path, bomb_path;
  int64_t monitor = 1;
  int idle = 500, uploads = 50, bombs = 10, sign_ins = 200;
  double p99_bound_ms = 50;
};

// One blocking socket from a chosen loopback address, so each kind of client has its own
// address (the server limits connections per address).
class Socket {
 public:
  Socket(uint16_t port, const std::string& from) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in local{}, remote{};
    local.sin_family = remote.sin_family = AF_INET;
    ::inet_pton(AF_INET, from.c_str(), &local.sin_addr);
    ::inet_pton(AF_INET, "127.0.0.1", &remote.sin_addr);
    remote.sin_port = htons(port);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 ||
        ::connect(fd_, reinterpret_cast<sockaddr*>(&remote), sizeof remote) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  bool ok() const { return fd_ >= 0; }
  bool send(std::string_view bytes) {
    while (fd_ >= 0 && !bytes.empty()) {
      const ssize_t n =
          ::send(fd_, bytes.data(), std::min<size_t>(bytes.size(), 1 << 20), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<size_t>(n));
    }
    return fd_ >= 0;
  }
  // The status of the next response (its body read by Content-Length), 0 on close or timeout.
  int read_status(int timeout_ms = 120'000) {
    std::string data;
    size_t head_end = std::string::npos;
    while ((head_end = data.find("\r\n\r\n")) == std::string::npos) {
      if (!fill(data, timeout_ms)) return 0;
    }
    const int status = std::atoi(data.c_str() + 9);
    size_t length = 0;
    std::string lower = data.substr(0, head_end);
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    if (auto at = lower.find("content-length:"); at != std::string::npos) {
      length = std::strtoul(lower.c_str() + at + 15, nullptr, 10);
    }
    while (data.size() < head_end + 4 + length) {
      if (!fill(data, timeout_ms)) return 0;
    }
    return status;
  }

 private:
  bool fill(std::string& data, int timeout_ms) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return false;
    char buffer[16384];
    const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n <= 0) return false;
    data.append(buffer, static_cast<size_t>(n));
    return true;
  }
  int fd_ = -1;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Status counts per group of clients, reported at the end.
class Tally {
 public:
  void add(const std::string& group, int status) {
    std::lock_guard lock(mutex_);
    ++counts_[group][status];
  }
  int server_errors() const {
    int n = 0;
    for (const auto& [group, statuses] : counts_)
      for (const auto& [status, count] : statuses)
        n += status >= 500 ? count : 0;
    return n;
  }
  void print() const {
    for (const auto& [group, statuses] : counts_) {
      std::cout << "   " << group << ":";
      for (const auto& [status, count] : statuses)
        std::cout << " " << (status ? std::to_string(status) : "no answer") << " x" << count;
      std::cout << "\n";
    }
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::map<int, int>> counts_;
};

std::string post(const std::string& target, const std::string& auth, size_t length,
                 const std::string& type) {
  return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + auth +
         "Content-Type: " + type + "\r\nContent-Length: " + std::to_string(length) + "\r\n\r\n";
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, static_cast<size_t>(p * values.size()))];
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i], value = argv[i + 1];
    if (key == "--port") o.port = static_cast<uint16_t>(std::stoi(value));
    if (key == "--token") o.token = value;
    if (key == "--monitor") o.monitor = std::stoll(value);
    if (key == "--email") o.email = value;
    if (key == "--upload-dir") o.upload_dir = value;
    if (key == "--log") o.log_path = value;
    if (key == "--bomb") o.bomb_path = value;
    if (key == "--idle") o.idle = std::stoi(value);
    if (key == "--uploads") o.uploads = std::stoi(value);
    if (key == "--bombs") o.bombs = std::stoi(value);
    if (key == "--sign-ins") o.sign_ins = std::stoi(value);
    if (key == "--p99-ms") o.p99_bound_ms = std::stod(value);
  }
  return o;
}

// About 100 MiB of plausible rows.
void make_log(const std::string& path) {
  std::ofstream out(path, std::ios::binary);
  if (!out) {
    std::cerr << "cannot write " << path << "\n";
    std::exit(2);
  }
  out << "id,ts,prediction,score,label,group,amount,age,ratio,channel\n";
  const char* groups[] = {"a", "b", "c", "d"};
  const char* channels[] = {"web", "branch", "phone"};
  uint64_t state = 42;
  auto next = [&] {
    return (state = state * 6364136223846793005ULL + 1442695040888963407ULL) >> 33;
  };
  for (uint64_t row = 0; out.tellp() < (std::streamoff{100} << 20); ++row) {
    const double score = static_cast<double>(next() % 10000) / 10000.0;
    out << row << ",2026-11-" << (10 + row % 20) << "T10:00:00Z," << (score >= 0.5 ? 1 : 0) << ","
        << score << "," << (next() % 2) << "," << groups[row % 4] << "," << next() % 50000 << ","
        << 18 + next() % 60 << "," << static_cast<double>(next() % 1000) / 1000.0 << ","
        << channels[row % 3] << "\n";
  }
}

// 2 GiB of one repeated row (the same id, so every row is a duplicate), gzip level 9.
void make_bomb(const std::string& path) {
  gzFile out = gzopen(path.c_str(), "wb9");
  const std::string header = "id,ts,prediction,score,label,group,amount,age,ratio,channel\n";
  gzwrite(out, header.data(), static_cast<unsigned>(header.size()));
  std::string block;
  while (block.size() < (1 << 20))
    block += "7,2026-11-20T10:00:00Z,1,0.9,0,a,100,40,0.5,web\n";
  for (int i = 0; i < 2048; ++i)
    gzwrite(out, block.data(), static_cast<unsigned>(block.size()));
  gzclose(out);
}

size_t files_in(const std::string& dir) {
  std::error_code ec;
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir, ec))
    ++n;
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 5 && std::string(argv[1]) == "--make-log") {
    make_log(argv[2]);
    make_bomb(argv[4]);
    return 0;
  }
  const Options o = parse(argc, argv);
  const std::string bearer = "Authorization: Bearer " + o.token + "\r\n";
  const std::string runs = "/api/v1/monitors/" + std::to_string(o.monitor) + "/runs";
  const std::string log = read_file(o.log_path);
  const std::string bomb = read_file(o.bomb_path);
  Tally tally;
  std::atomic<bool> attacking{true};
  std::vector<std::thread> attackers;

  // 500 sockets that connect and send half a header, then nothing.
  attackers.emplace_back([&] {
    std::vector<std::unique_ptr<Socket>> idle;
    for (int i = 0; i < o.idle; ++i) {
      idle.push_back(std::make_unique<Socket>(o.port, "127.0.0.2"));
      if (idle.back()->ok()) idle.back()->send("GET /api/v1/me HTTP/1.1\r\nHost: x\r\n");
    }
    while (attacking)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
  });
  // Large uploads: half from strangers (refused from the head), half real prediction logs.
  for (int i = 0; i < o.uploads; ++i) {
    attackers.emplace_back([&, i] {
      const bool anonymous = i % 2 == 0;
      Socket s(o.port, anonymous ? "127.0.0.3" : "127.0.0.4");
      const bool sent =
          s.send(post(runs, anonymous ? "" : bearer, log.size(), "text/csv")) && s.send(log);
      (void)sent;  // a refused upload may be cut short; its status still arrives
      tally.add(anonymous ? "anonymous 100 MiB uploads" : "authorised 100 MiB uploads",
                s.read_status());
    });
  }
  for (int i = 0; i < o.bombs; ++i) {
    attackers.emplace_back([&] {
      Socket s(o.port, "127.0.0.6");
      (void)(s.send(post(runs, bearer, bomb.size(), "application/gzip")) && s.send(bomb));
      tally.add("gzip bombs", s.read_status());
    });
  }
  attackers.emplace_back([&] {
    for (int i = 0; i < o.sign_ins; ++i) {
      Socket s(o.port, "127.0.0.5");
      const std::string body =
          R"({"email":")" + o.email + R"(","password":"wrong guess )" + std::to_string(i) + "\"}";
      s.send(post("/api/v1/auth/login", "", body.size(), "application/json") + body);
      tally.add("wrong sign-ins", s.read_status());
    }
  });

  // The measuring client: one keep-alive connection, a request every 20 ms until the attack ends.
  std::vector<double> latencies;
  std::thread measure([&] {
    auto s = std::make_unique<Socket>(o.port, "127.0.0.1");
    const std::string request = "GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\n" + bearer + "\r\n";
    while (attacking) {
      const auto started = Clock::now();
      int status = s->send(request) ? s->read_status(10'000) : 0;
      if (status == 0) {  // the server closed a kept-alive connection: reconnect, count the time
        s = std::make_unique<Socket>(o.port, "127.0.0.1");
        status = s->send(request) ? s->read_status(10'000) : 0;
      }
      latencies.push_back(
          std::chrono::duration<double, std::milli>(Clock::now() - started).count());
      tally.add("GET /api/v1/me (measured)", status);
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });

  const auto started = Clock::now();
  for (size_t i = 1; i < attackers.size(); ++i)
    attackers[i].join();  // all but the idle sockets
  const double attack_seconds = std::chrono::duration<double>(Clock::now() - started).count();
  attacking = false;
  attackers[0].join();
  measure.join();

  // Uploads are removed when their request ends; give the last ones a moment.
  size_t left = files_in(o.upload_dir);
  for (int i = 0; i < 100 && left > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    left = files_in(o.upload_dir);
  }

  const double p50 = percentile(latencies, 0.50), p99 = percentile(latencies, 0.99);
  const double worst =
      latencies.empty() ? 0 : *std::max_element(latencies.begin(), latencies.end());
  std::printf(
      "== abuse for %.1f s: %d idle sockets, %d uploads of %.0f MiB, %d gzip bombs of %zu KB,"
      " %d wrong sign-ins\n",
      attack_seconds, o.idle, o.uploads, log.size() / 1048576.0, o.bombs, bomb.size() / 1000,
      o.sign_ins);
  tally.print();
  std::printf(
      "   GET /api/v1/me: %zu requests, p50 %.2f ms, p99 %.2f ms, max %.2f ms (bound %.0f)\n",
      latencies.size(), p50, p99, worst, o.p99_bound_ms);
  std::printf("   5xx answers: %d; files left in the upload folder: %zu\n", tally.server_errors(),
              left);
  const bool passed = p99 < o.p99_bound_ms && tally.server_errors() == 0 && left == 0;
  std::printf("   %s\n", passed ? "PASS" : "FAIL");
  return passed ? 0 : 1;
}
