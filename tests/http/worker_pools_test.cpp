// The server's two handler pools: a request with an uploaded body (an import, a log, an
// attachment) runs on the upload pool, so however long it takes, ordinary requests are still
// answered by the request workers.
#include <chrono>
#include <filesystem>
#include <future>
#include <thread>

#include <gtest/gtest.h>

#include "base/crypto.h"
#include "http/app.h"
#include "http/context.h"
#include "http/server.h"
#include "store/database.h"
#include "support/raw_connection.h"

namespace aims {
namespace {

using namespace std::chrono_literals;
using testing::RawConnection;

class WorkerPoolsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    crypto::init();
    folder_ = std::filesystem::temp_directory_path() / ("aims-pools-" + crypto::random_token(6));
    std::filesystem::create_directories(folder_);
    auto db = store::Database::open("sqlite:" + (folder_ / "db.sqlite").string(), {});
    ASSERT_TRUE(db) << db.error().message;
    db_ = std::move(*db);
    auto uploads = http::UploadStore::open((folder_ / "uploads").string(), 1 << 20);
    ASSERT_TRUE(uploads) << uploads.error().message;
    http::AppOptions options;
    options.uploads = *uploads;
    app_ = std::make_unique<http::App>(*db_, router(), options);
  }

  void TearDown() override {
    release_.set_value();  // whatever the test did, no handler stays blocked
    if (server_) server_->stop();
    if (thread_.joinable()) thread_.join();
    std::filesystem::remove_all(folder_);
  }

  // A slow upload (held until the test releases it) and a quick page, both public.
  http::Router router() {
    http::Router r;
    r.add({.method = "POST",
           .pattern = "/slow-upload",
           .kind = http::RouteKind::api,
           .action = std::nullopt,
           .handler = [this](http::Context&) -> Result<http::Response> {
             upload_started_.set_value();
             released_.wait_for(20s);
             return http::Response::json(200, "{}");
           },
           .body = {1 << 20, true}});
    r.add({.method = "GET",
           .pattern = "/quick",
           .kind = http::RouteKind::api,
           .action = std::nullopt,
           .handler = [](http::Context&) -> Result<http::Response> {
             return http::Response::json(200, "{}");
           }});
    return r;
  }

  void serve(int workers, int upload_workers) {
    http::ServerOptions options;
    options.port = 0;
    options.worker_threads = workers;
    options.upload_threads = upload_workers;
    auto server = http::Server::bind(options, *app_);
    ASSERT_TRUE(server) << server.error().message;
    server_ = std::move(*server);
    thread_ = std::thread([this] { server_->run(); });
  }

  // Sends a request and waits at most `timeout` for its answer's status (0: none came).
  static int status_within(RawConnection& connection, const std::string& request,
                           std::chrono::milliseconds timeout) {
    if (!connection.send(request)) return 0;
    const auto head = connection.read_head(timeout);
    return head ? RawConnection::status_of(*head) : 0;
  }

  std::filesystem::path folder_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<http::App> app_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  std::promise<void> upload_started_;
  std::promise<void> release_;
  std::shared_future<void> released_ = release_.get_future().share();
};

const std::string kQuick = "GET /quick HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
const std::string kUpload =
    "POST /slow-upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/csv\r\n"
    "Content-Length: 4\r\n\r\na,b\n";

// One request worker only: were the upload on it, the page would wait the whole 20 s.
TEST_F(WorkerPoolsTest, PagesAreAnsweredWhileAnUploadIsStillBeingHandled) {
  serve(1, 1);
  RawConnection upload(server_->port());
  ASSERT_TRUE(upload.send(kUpload));
  ASSERT_EQ(upload_started_.get_future().wait_for(5s), std::future_status::ready)
      << "the upload's handler never started";

  for (int i = 0; i < 3; ++i) {
    RawConnection page(server_->port());
    EXPECT_EQ(status_within(page, kQuick, 2s), 200) << "request " << i;
  }

  release_.set_value();
  release_ = {};  // TearDown's release then has a fresh promise to fulfil
  const auto head = upload.read_head(5s);
  ASSERT_TRUE(head) << "the upload was never answered";
  EXPECT_EQ(RawConnection::status_of(*head), 200);
}

}  // namespace
}  // namespace aims
