// A bare TCP connection to a test server, for what a well-behaved client never does: send a
// head and hold the body back, send half a body and vanish, open sockets and leave them idle.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace aims::testing {

class RawConnection {
 public:
  // Connects to 127.0.0.1:`port`, from `from` (any 127.x.y.z address works on Linux).
  explicit RawConnection(uint16_t port, const std::string& from = "127.0.0.1");
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return fd_ >= 0; }
  // False once the peer has closed or reset the connection.
  bool send(std::string_view bytes);
  // Everything up to the end of the first response head ("\r\n\r\n"), or nullopt on timeout or
  // close. The status is the number after "HTTP/1.1 ".
  std::optional<std::string> read_head(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  static int status_of(const std::string& head);
  void close();

 private:
  int fd_ = -1;
  std::string pending_;  // bytes read past the last head
};

}  // namespace aims::testing
