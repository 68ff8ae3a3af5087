// Beast stays in this file: it is the one translation unit that pays for its headers.
#include "http/server.h"

#include <array>
#include <atomic>
#include <filesystem>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <utility>  // before Asio: Boost 1.74's Asio uses std::exchange without including it

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <spdlog/spdlog.h>

#include "base/json_text.h"
#include "http/errors.h"
#include "http/parse/form.h"
#include "http/upload_store.h"

namespace aims::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;

class ServerImpl;

// A request body written straight into a file of the upload store, which counts every byte
// against its budget; the file goes away with the last holder of the UploadFile.
struct UploadBody {
  using value_type = std::shared_ptr<UploadFile>;

  class reader {
   public:
    template <bool isRequest, class Fields>
    reader(bhttp::header<isRequest, Fields>&, value_type& file) : file_(file) {}
    void init(const boost::optional<std::uint64_t>&, beast::error_code& ec) { ec = {}; }
    template <class ConstBufferSequence>
    std::size_t put(const ConstBufferSequence& buffers, beast::error_code& ec) {
      size_t written = 0;
      for (auto buffer : beast::buffers_range_ref(buffers)) {
        const std::string_view bytes(static_cast<const char*>(buffer.data()), buffer.size());
        if (!file_ || !file_->write(bytes)) {
          ec = make_error_code(boost::system::errc::no_space_on_device);
          return written;
        }
        written += buffer.size();
      }
      ec = {};
      return written;
    }
    void finish(beast::error_code& ec) { ec = {}; }

   private:
    value_type& file_;
  };
};

// One client connection: reads a header, then a body sized by the route's policy, hands the
// request to a worker, writes the answer, and waits for the next request or closes.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, ServerImpl& server, std::string address);
  ~Connection();
  void start() { read_header(); }

 private:
  void read_header();
  void on_header(beast::error_code ec);
  void admit(Request request);
  void on_admission(Request request, Admission admission);
  void read_body();
  void on_body(beast::error_code ec);
  void continue_then_read_body();
  template <typename Message>
  Request to_request(Message& message);
  void dispatch(Request request);
  void write(Response response, bool close);
  void refuse(int status, ErrorCode code, const std::string& message);
  void refuse_with(Response response);
  void close();
  void linger();

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  ServerImpl& server_;
  std::string address_;
  std::optional<bhttp::request_parser<bhttp::empty_body>> header_;
  std::optional<bhttp::request_parser<bhttp::string_body>> string_parser_;
  std::optional<bhttp::request_parser<UploadBody>> file_parser_;
  Request pending_;  // the admitted head, while its body arrives
  bool keep_alive_ = false;
  bool linger_ = false;  // after a refusal: let the client finish sending so it reads the answer
  size_t linger_budget_ = 0;
  std::array<char, 16384> drain_buffer_{};
};

class ServerImpl final : public Server {
 public:
  ServerImpl(ServerOptions options, App& app)
      : options_(std::move(options)),
        app_(app),
        ioc_(options_.io_threads),
        acceptor_(net::make_strand(ioc_)),
        signals_(ioc_, SIGINT, SIGTERM),
        workers_(static_cast<size_t>(options_.worker_threads)),
        upload_workers_(static_cast<size_t>(options_.upload_threads)),
        drain_timer_(ioc_) {}

  Status listen() {
    beast::error_code ec;
    const auto address = net::ip::make_address(options_.host, ec);
    if (ec) return Error::invalid("listen", "not an IP address: " + options_.host);
    tcp::endpoint endpoint(address, options_.port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
      return Error::unavailable("cannot listen on " + options_.host + ":" +
                                std::to_string(options_.port) + ": " + ec.message());
    }
    return {};
  }

  uint16_t port() const override { return acceptor_.local_endpoint().port(); }

  void run() override {
    signals_.async_wait([this](beast::error_code ec, int) {
      if (!ec) begin_stop();
    });
    accept();
    std::vector<std::thread> extra;
    for (int i = 1; i < options_.io_threads; ++i)
      extra.emplace_back([this] { ioc_.run(); });
    ioc_.run();
    for (auto& t : extra)
      t.join();
    workers_.join();
    upload_workers_.join();
  }

  void stop() override {
    net::post(ioc_, [this] { begin_stop(); });
  }

  // Called by connections (on I/O threads).
  bool admit(const std::string& address) {
    std::lock_guard lock(mutex_);
    if (open_ >= options_.max_connections) return false;
    if (per_address_[address] >= options_.max_connections_per_address &&
        !app_.is_trusted_proxy(address)) {
      return false;
    }
    ++open_;
    ++per_address_[address];
    report();
    return true;
  }
  void release(const std::string& address) {
    std::lock_guard lock(mutex_);
    --open_;
    if (--per_address_[address] == 0) per_address_.erase(address);
    report();
  }
  bool try_reserve_worker() {
    if (pending_.fetch_add(1) >= options_.max_pending) {
      pending_.fetch_sub(1);
      return false;
    }
    return true;
  }
  void worker_done() { pending_.fetch_sub(1); }
  // Requests handed to the app and not yet answered (deferred answers included).
  void answer_started() { ++unanswered_; }
  void answer_done() { --unanswered_; }

  const ServerOptions& options() const { return options_; }
  App& app() { return app_; }
  net::thread_pool& workers() { return workers_; }
  net::thread_pool& upload_workers() { return upload_workers_; }
  bool stopping() const { return stopping_; }

 private:
  void accept() {
    acceptor_.async_accept(
        net::make_strand(ioc_), [this](beast::error_code ec, tcp::socket socket) {
          if (ec) {
            if (!acceptor_.is_open()) return;  // closed by stop
          } else {
            beast::error_code peer_ec;
            auto endpoint = socket.remote_endpoint(peer_ec);
            if (!peer_ec) {
              std::string address = endpoint.address().to_string();
              if (admit(address)) {
                std::make_shared<Connection>(std::move(socket), *this, std::move(address))->start();
              } else {
                socket.close(peer_ec);  // over the connection limits: refuse without reading
              }
            }
          }
          accept();
        });
  }

  void begin_stop() {
    if (stopping_.exchange(true)) return;
    beast::error_code ignored;
    acceptor_.close(ignored);
    signals_.cancel(ignored);
    drain(std::chrono::steady_clock::now() + options_.shutdown_timeout);
  }

  // Waits for running handlers (their writes are committed) before stopping the I/O loop.
  void drain(std::chrono::steady_clock::time_point deadline) {
    if (unanswered_.load() == 0 || std::chrono::steady_clock::now() > deadline) {
      drain_timer_.expires_after(std::chrono::milliseconds(200));  // let last responses flush
      drain_timer_.async_wait([this](beast::error_code) { ioc_.stop(); });
      return;
    }
    drain_timer_.expires_after(std::chrono::milliseconds(20));
    drain_timer_.async_wait([this, deadline](beast::error_code) { drain(deadline); });
  }

  void report() {
    app_.metrics().set_open_connections(static_cast<int64_t>(open_));
    app_.metrics().set_queued_requests(static_cast<int64_t>(pending_.load()));
  }

  ServerOptions options_;
  App& app_;
  net::io_context ioc_;
  tcp::acceptor acceptor_;
  net::signal_set signals_;
  net::thread_pool workers_;
  net::thread_pool upload_workers_;
  net::steady_timer drain_timer_;
  std::mutex mutex_;
  size_t open_ = 0;
  std::unordered_map<std::string, size_t> per_address_;
  std::atomic<size_t> pending_{0};
  std::atomic<int64_t> unanswered_{0};
  std::atomic<bool> stopping_{false};
};

Connection::Connection(tcp::socket socket, ServerImpl& server, std::string address)
    : stream_(std::move(socket)), server_(server), address_(std::move(address)) {}

Connection::~Connection() {
  server_.release(address_);
}

void Connection::read_header() {
  header_.emplace();
  header_->header_limit(server_.options().header_limit);
  // The route's limit is applied once the target is known. (Not boost::none: Beast 1.74 compares
  // a Content-Length against an empty optional as "too large".)
  header_->body_limit(std::numeric_limits<std::uint64_t>::max());
  string_parser_.reset();
  file_parser_.reset();
  stream_.expires_after(server_.options().idle_timeout);
  bhttp::async_read_header(
      stream_, buffer_, *header_,
      [self = shared_from_this()](beast::error_code ec, size_t) { self->on_header(ec); });
}

void Connection::on_header(beast::error_code ec) {
  if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == net::error::eof ||
      ec == net::error::connection_reset || ec == net::error::operation_aborted) {
    return close();
  }
  if (ec == bhttp::error::header_limit) {
    return refuse(431, ErrorCode::too_large, "request headers are too large");
  }
  if (ec) return refuse(400, ErrorCode::malformed, "malformed HTTP request: " + ec.message());

  const auto& message = header_->get();
  keep_alive_ = message.keep_alive();
  Request request = to_request(message);
  const auto length = header_->content_length();
  if (length ? *length == 0 : !header_->chunked()) {
    header_.reset();
    return dispatch(std::move(request));
  }
  admit(std::move(request));
}

// The route, the caller and the permission are checked before any body byte is read: a caller
// that may not send the body never gets to store it.
void Connection::admit(Request request) {
  if (!server_.try_reserve_worker()) {
    return refuse(503, ErrorCode::unavailable, "the server is busy; retry shortly");
  }
  net::post(server_.workers(), [self = shared_from_this(), request = std::move(request)]() mutable {
    Admission admission = self->server_.app().admit(request);
    self->server_.worker_done();
    net::post(self->stream_.get_executor(),
              [self, request = std::move(request), admission = std::move(admission)]() mutable {
                self->on_admission(std::move(request), std::move(admission));
              });
  });
}

void Connection::on_admission(Request request, Admission admission) {
  if (admission.refusal) return refuse_with(std::move(*admission.refusal));
  const BodyLimit limit = admission.body;
  const auto length = header_->content_length();
  if (length && *length > limit.max_bytes) {
    return refuse(413, ErrorCode::too_large,
                  "request body is larger than " + std::to_string(limit.max_bytes) + " bytes");
  }
  if (limit.stream_to_file) {
    auto file = server_.app().options().uploads
                    ? server_.app().options().uploads->create(length.value_or(0))
                    : Result<std::shared_ptr<UploadFile>>(Error::unavailable("no upload store"));
    if (!file) return refuse(503, ErrorCode::unavailable, file.error().message);
    file_parser_.emplace(std::move(*header_));
    file_parser_->body_limit(limit.max_bytes);
    file_parser_->get().body() = std::move(*file);
  } else {
    string_parser_.emplace(std::move(*header_));
    string_parser_->body_limit(limit.max_bytes);
  }
  header_.reset();
  pending_ = std::move(request);
  continue_then_read_body();
}

void Connection::continue_then_read_body() {
  const auto& message = string_parser_ ? string_parser_->get().base() : file_parser_->get().base();
  if (beast::iequals(message[bhttp::field::expect], "100-continue")) {
    auto interim =
        std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_, 11);
    stream_.expires_after(server_.options().write_timeout);
    bhttp::async_write(stream_, *interim,
                       [self = shared_from_this(), interim](beast::error_code ec, size_t) {
                         if (ec) return self->close();
                         self->read_body();
                       });
    return;
  }
  read_body();
}

void Connection::read_body() {
  const bool done = string_parser_ ? string_parser_->is_done() : file_parser_->is_done();
  if (done) return on_body({});
  // The timer restarts for every read, so a large upload may take long as long as it moves.
  stream_.expires_after(server_.options().read_timeout);
  auto next = [self = shared_from_this()](beast::error_code ec, size_t) {
    if (ec) return self->on_body(ec);
    self->read_body();
  };
  if (string_parser_) {
    bhttp::async_read_some(stream_, buffer_, *string_parser_, std::move(next));
  } else {
    bhttp::async_read_some(stream_, buffer_, *file_parser_, std::move(next));
  }
}

void Connection::on_body(beast::error_code ec) {
  if (ec == bhttp::error::body_limit) {
    return refuse(413, ErrorCode::too_large, "request body is too large");
  }
  if (ec == boost::system::errc::no_space_on_device) {
    return refuse(503, ErrorCode::unavailable,
                  "the server's space for uploads is full; retry later");
  }
  if (ec) {
    if (ec == beast::error::timeout || ec == bhttp::error::end_of_stream ||
        ec == bhttp::error::partial_message || ec == net::error::eof) {
      return close();
    }
    return refuse(400, ErrorCode::malformed, "malformed HTTP request body: " + ec.message());
  }
  Request request = std::exchange(pending_, {});
  if (string_parser_) {
    request.body = std::move(string_parser_->get().body());
    string_parser_.reset();
  } else {
    request.body_file = std::move(file_parser_->get().body());
    request.body_file->close();
    file_parser_.reset();
  }
  dispatch(std::move(request));
}

template <typename Message>
Request Connection::to_request(Message& message) {
  Request request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  const auto q = request.target.find('?');
  if (!percent_decode(std::string_view(request.target).substr(0, q), request.path, false)) {
    request.path = "\xff";  // undecodable: the App answers 400 for invalid UTF-8
  }
  if (q != std::string::npos) request.query = request.target.substr(q + 1);
  for (const auto& field : message) {
    std::string name(field.name_string());
    for (char& c : name)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  request.remote_addr = address_;
  return request;
}

void Connection::dispatch(Request request) {
  if (!server_.try_reserve_worker()) {
    return refuse(503, ErrorCode::unavailable, "the server is busy; retry shortly");
  }
  server_.answer_started();
  // The handler may block on the database, so it runs on a worker, never on an I/O thread. Its
  // answer may come later from elsewhere (Response::later); the connection waits for it.
  auto& pool = request.body_file ? server_.upload_workers() : server_.workers();
  net::post(pool, [self = shared_from_this(), request = std::move(request)]() mutable {
    self->server_.app().handle(request, [self](Response response) {
      self->server_.answer_done();
      net::post(self->stream_.get_executor(), [self, response = std::move(response)]() mutable {
        self->write(std::move(response), !self->keep_alive_ || self->server_.stopping());
      });
    });
    self->server_.worker_done();
  });
}

void Connection::write(Response response, bool close_after) {
  auto message = std::make_shared<bhttp::response<bhttp::string_body>>();
  message->version(11);
  message->result(static_cast<unsigned>(response.status));
  message->set(bhttp::field::server, "aims");
  for (auto& [name, value] : response.headers)
    message->insert(name, value);
  message->body() = std::move(response.body);
  message->keep_alive(!close_after);
  message->prepare_payload();
  stream_.expires_after(server_.options().write_timeout);
  bhttp::async_write(
      stream_, *message,
      [self = shared_from_this(), message, close_after](beast::error_code ec, size_t) {
        if (!ec && close_after && self->linger_) return self->linger();
        if (ec || close_after) return self->close();
        self->read_header();
      });
}

void Connection::refuse(int status, ErrorCode code, const std::string& text) {
  Response response = Response::json(status, error_json(Error{code, text, {}}, "-"));
  if (status == 503) response.with_header("Retry-After", "5");
  spdlog::get("access")->info(json_text::object({{"status", json_text::number(int64_t{status})},
                                                 {"remote", json_text::quote(address_)},
                                                 {"refused", json_text::quote(text)}}));
  refuse_with(std::move(response));
}

// Answers without reading the body (or the rest of it), then closes the connection.
void Connection::refuse_with(Response response) {
  file_parser_.reset();  // an upload that started is removed now
  string_parser_.reset();
  pending_ = {};
  keep_alive_ = false;
  linger_ = true;
  write(std::move(response), true);
}

// Closing at once while a refused body is still arriving makes the kernel answer with a reset,
// and the client never reads the 413. So: stop sending, read and drop what is left for a while
// (at most 16 MiB or 5 seconds), then close.
void Connection::linger() {
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  if (linger_budget_ == 0) {
    linger_budget_ = 16 << 20;
    stream_.expires_after(std::chrono::seconds(5));  // one deadline for the whole drain
  }
  stream_.async_read_some(net::buffer(drain_buffer_),
                          [self = shared_from_this()](beast::error_code ec, size_t n) {
                            if (ec || n >= self->linger_budget_) return self->close();
                            self->linger_budget_ -= n;
                            self->linger();
                          });
}

void Connection::close() {
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
  stream_.close();
}

}  // namespace

Result<std::unique_ptr<Server>> Server::bind(ServerOptions options, App& app) {
  auto server = std::make_unique<ServerImpl>(std::move(options), app);
  if (Status s = server->listen(); !s) return std::move(s).error();
  return std::unique_ptr<Server>(std::move(server));
}

}  // namespace aims::http
