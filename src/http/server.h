// The HTTP/1.1 server: asynchronous I/O on a few threads (idle or slow clients hold no thread),
// handlers on a separate worker pool, hard limits on header and body size, time and connections.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"
#include "http/app.h"

namespace aims::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0 picks a free port (tests)
  int io_threads = 1;
  // Handlers of ordinary requests. As many as the cores suits CPU-bound work (SQLite); more suits
  // handlers that mostly wait on the network (PostgreSQL).
  int worker_threads = 8;
  // Handlers of requests whose body was streamed to the upload store (CSV imports, dataset and
  // log uploads, attachments): they may take seconds, so they run on threads of their own and
  // never hold a request worker.
  int upload_threads = 2;
  uint32_t header_limit = 16 << 10;
  // Waiting for the next request on a kept-alive connection, and for a whole request header.
  std::chrono::seconds idle_timeout{30};
  // Waiting for more body bytes (reset whenever some arrive), and for a response to be sent.
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds write_timeout{60};
  size_t max_connections = 4096;
  size_t max_connections_per_address = 256;
  // Requests queued for or running on workers beyond this get 503 at once (back-pressure).
  size_t max_pending = 2048;
  // On SIGTERM or stop(): how long requests already running have to be answered before the
  // connections close (handlers still running then finish their writes unanswered). A load
  // balancer's deregistration delay should be shorter than this.
  std::chrono::seconds shutdown_timeout{20};
};

// Serves `app`: a request with a body is admitted from its head (App::admit) before the body is
// read; bodies the route streams go to the app's upload store. Connections from the app's trusted
// proxies are exempt from the per-address limit (they carry many clients).
class Server {
 public:
  // Binds the listening socket. Errors: unavailable (address in use, permission denied).
  static Result<std::unique_ptr<Server>> bind(ServerOptions options, App& app);
  virtual ~Server() = default;

  virtual uint16_t port() const = 0;
  // Serves until stop() or SIGINT/SIGTERM; then stops accepting, lets running handlers finish
  // and returns.
  virtual void run() = 0;
  virtual void stop() = 0;
};

}  // namespace aims::http
