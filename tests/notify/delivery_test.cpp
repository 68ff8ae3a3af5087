// Webhook deliveries end to end: queued in the writer's transaction, signed and checked by a
// Python receiver, retried on the documented schedule, and kept across a restart.
#include <fstream>

#include "notify/fixture.h"
#include "notify/outbox.h"

namespace aims::notify::testing {
namespace {

class DeliveryTest : public NotifyTest {
 protected:
  // A Python receiver answering `status`, and a webhook to it for record.created.
  void start_receiver(int status) {
    port_ = unused_port();
    std::ofstream(dir_.path("receiver.py")) << kReceiverScript;
    auto created = create_webhook(*db_, *keys_, alpha_.org,
                                  {"http://127.0.0.1:" + std::to_string(port_) + "/hook",
                                   "Test receiver",
                                   {std::string(event::record_created)}},
                                  admin_actor_, true);
    ASSERT_TRUE(created.ok()) << created.error().message;
    webhook_ = created->webhook.id;
    std::ofstream(dir_.path("secret")) << created->secret;
    receiver_.emplace(dir_.path("receiver.py"),
                      std::vector<std::string>{std::to_string(port_), dir_.path("secret"),
                                               dir_.path("log"), std::to_string(status)},
                      port_);
    ASSERT_TRUE(receiver_->ready());
  }

  std::vector<Delivery> log() {
    auto all = deliveries_of(*db_, alpha_.org, webhook_, 10);
    EXPECT_TRUE(all.ok());
    return all.ok() ? *all : std::vector<Delivery>{};
  }

  TempDir dir_{"notify-delivery"};
  uint16_t port_ = 0;
  int64_t webhook_ = 0;
  std::optional<PythonServer> receiver_;
};

TEST_P(DeliveryTest, ARecordCreatedReachesTheReceiverSigned) {
  start_receiver(200);
  must_create(alpha_.org, inventory::ai_systems(), system("Credit scorer", alpha_.users[0]));
  ASSERT_EQ(log().size(), 1u);
  auto worker = deliverer(*db_);
  auto sent = worker.deliver_due();
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  EXPECT_EQ(*sent, 1);
  const std::string received = read_file(dir_.path("log"));
  EXPECT_TRUE(received.starts_with("200 verified ")) << received;
  EXPECT_NE(received.find(R"("type":"record.created")"), std::string::npos);
  EXPECT_NE(received.find(R"("name":"Credit scorer")"), std::string::npos);
  EXPECT_EQ(log()[0].status, "delivered");
  EXPECT_EQ(log()[0].last_response_code, 200);
  auto saved = webhook(*db_, alpha_.org, webhook_);
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(saved->event_types, std::vector<std::string>{"record.created"});
}

// An import announces every row in one transaction: each row reaches the webhook subscribed to
// record.created once, and a webhook subscribed only to record.changed gets none of them.
TEST_P(DeliveryTest, ManyWritesInOneTransactionReachOnlyTheSubscribedWebhook) {
  start_receiver(200);
  auto changes_only = create_webhook(*db_, *keys_, alpha_.org,
                                     {"http://127.0.0.1:" + std::to_string(port_) + "/changes",
                                      "Changes only",
                                      {std::string(event::record_changed)}},
                                     admin_actor_, true);
  ASSERT_TRUE(changes_only.ok()) << changes_only.error().message;
  ASSERT_TRUE(db_->write([&](store::Tx& tx) -> Status {
                   for (const char* name : {"Scorer one", "Scorer two", "Scorer three"})
                     TRY(publish(tx, alpha_.org, event::record_created, {{"name", name}}));
                   return {};
                 })
                  .ok());
  EXPECT_EQ(log().size(), 3u);
  auto other = deliveries_of(*db_, alpha_.org, changes_only->webhook.id, 10);
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->empty());
}

TEST_P(DeliveryTest, ARolledBackWriteSendsNothing) {
  start_receiver(200);
  const Status failed = db_->write([&](store::Tx& tx) -> Status {
    TRY(publish(tx, alpha_.org, event::record_created, {{"name", "never"}}));
    return Error::internal("the change fails after publishing");
  });
  EXPECT_FALSE(failed.ok());
  EXPECT_TRUE(log().empty());
}

TEST_P(DeliveryTest, FailuresRetryOnTheScheduleThenFail) {
  start_receiver(503);
  ASSERT_TRUE(db_->write([&](store::Tx& tx) {
                   return publish(tx, alpha_.org, event::record_created, {{"n", 1}});
                 })
                  .ok());
  auto worker = deliverer(*db_);
  ASSERT_EQ(*worker.deliver_due(), 1);
  // After attempt n fails the next is due 30 s, 2 min, 10 min, 1 h, 4 h, 12 h later (outbox.h).
  for (const int64_t wait : {30, 120, 600, 3600, 14400, 43200}) {
    EXPECT_EQ(log()[0].status, "pending");
    advance(wait - 1);
    EXPECT_EQ(*worker.deliver_due(), 0) << "one second early after a wait of " << wait;
    advance(1);
    EXPECT_EQ(*worker.deliver_due(), 1) << "on time after a wait of " << wait;
  }
  const Delivery last = log()[0];
  EXPECT_EQ(last.status, "failed");
  EXPECT_EQ(last.attempts, 7);
  EXPECT_EQ(last.last_response_code, 503);
  EXPECT_TRUE(last.last_error.starts_with("HTTP 503: noted")) << last.last_error;
  // The resend button queues it again from the start.
  ASSERT_TRUE(resend_delivery(*db_, alpha_.org, webhook_, last.id, admin_actor_).ok());
  EXPECT_EQ(log()[0].status, "pending");
  EXPECT_EQ(log()[0].attempts, 0);
}

TEST_P(DeliveryTest, AQueuedDeliverySurvivesARestart) {
  start_receiver(200);
  ASSERT_TRUE(db_->write([&](store::Tx& tx) {
                   return publish(tx, alpha_.org, event::record_created, {{"n", 2}});
                 })
                  .ok());
  db_.reset();  // the server stops before sending
  auto reopened = store::Database::open(url_);
  ASSERT_TRUE(reopened.ok());
  db_ = std::move(*reopened);
  auto worker = deliverer(*db_);
  EXPECT_EQ(*worker.deliver_due(), 1);
  EXPECT_EQ(log()[0].status, "delivered");
}

TEST_P(DeliveryTest, AClaimedDeliveryIsSentOnce) {
  start_receiver(200);
  ASSERT_TRUE(db_->write([&](store::Tx& tx) {
                   return publish(tx, alpha_.org, event::record_created, {{"n", 3}});
                 })
                  .ok());
  const int64_t id = log()[0].id;
  auto first = claim(*db_, id, clock_, std::chrono::seconds(60));
  auto second = claim(*db_, id, clock_, std::chrono::seconds(60));
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_TRUE(first->has_value());
  EXPECT_FALSE(second->has_value());  // another server's worker passes it by
}

TEST_P(DeliveryTest, PrivateDestinationsAreRefusedWithoutTheFlag) {
  for (const char* url : {"https://127.0.0.1/x", "https://10.0.0.1/x", "https://169.254.169.254/x",
                          "https://[::1]/x", "https://[fd00::1]/x"}) {
    auto refused =
        create_webhook(*db_, *keys_, alpha_.org, {url, "", {std::string(event::record_created)}},
                       admin_actor_, false);
    ASSERT_FALSE(refused.ok()) << url;
    EXPECT_EQ(refused.error().field, "url");
  }
  // A webhook saved while allowed is refused again at send time by a server without the flag.
  start_receiver(200);
  ASSERT_TRUE(db_->write([&](store::Tx& tx) {
                   return publish(tx, alpha_.org, event::record_created, {{"n", 4}});
                 })
                  .ok());
  Deliverer strict(*db_, *keys_, {.clock = [this] { return clock_; }});
  EXPECT_EQ(*strict.deliver_due(), 1);
  EXPECT_EQ(log()[0].status, "pending");
  EXPECT_NE(log()[0].last_error.find("https"), std::string::npos) << log()[0].last_error;
  EXPECT_TRUE(read_file(dir_.path("log")).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, DeliveryTest, ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::notify::testing
