// Email through a real SMTP server (aiosmtpd) started by the test: the settings with their sealed
// password, a queued message delivered with its recipient, subject, body and link.
#include <fstream>

#include "notify/fixture.h"
#include "notify/outbox.h"

namespace aims::notify::testing {
namespace {

class EmailTest : public NotifyTest {
 protected:
  void start_smtp() {
    port_ = unused_port();
    std::ofstream(dir_.path("smtp.py")) << kSmtpScript;
    std::filesystem::create_directories(dir_.path("mail"));
    smtp_.emplace(dir_.path("smtp.py"),
                  std::vector<std::string>{std::to_string(port_), dir_.path("mail")}, port_);
    ASSERT_TRUE(smtp_->ready());
  }

  Status save(const std::string& host, const std::string& security) {
    return save_smtp_settings(*db_, *keys_, alpha_.org,
                              {host, port_, security, "", std::nullopt, "aims@alpha.test"},
                              admin_actor_);
  }

  TempDir dir_{"notify-email"};
  uint16_t port_ = 0;
  std::optional<PythonServer> smtp_;
};

TEST_P(EmailTest, AQueuedMessageArrivesWithRecipientSubjectBodyAndLink) {
  start_smtp();
  ASSERT_TRUE(save("127.0.0.1", "none").ok());
  auto queued = db_->write([&](store::Tx& tx) {
    return email_person(tx, alpha_.org, alpha_.users[1], "Approval requested: risk Drift",
                        "The risk \"Drift\" awaits approval.", "/risks/7");
  });
  ASSERT_TRUE(queued.ok() && *queued);
  Deliverer worker(*db_, *keys_,
                   {.public_url = "https://aims.alpha.test", .clock = [this] { return clock_; }});
  auto sent = worker.deliver_due();
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  ASSERT_EQ(*sent, 1);
  const std::string message = read_file(dir_.path("mail/1.eml"));
  EXPECT_NE(message.find("X-Rcpt: second@alpha.test"), std::string::npos) << message;
  EXPECT_NE(message.find("To: second@alpha.test"), std::string::npos);
  EXPECT_NE(message.find("From: aims@alpha.test"), std::string::npos);
  EXPECT_NE(message.find("Subject: Approval requested: risk Drift"), std::string::npos);
  EXPECT_NE(message.find("The risk \"Drift\" awaits approval."), std::string::npos);
  EXPECT_NE(message.find("https://aims.alpha.test/risks/7"), std::string::npos);
}

TEST_P(EmailTest, NothingIsQueuedBeforeEmailIsSetUp) {
  auto queued = db_->write([&](store::Tx& tx) {
    return email_person(tx, alpha_.org, alpha_.users[0], "s", "t", "/my-work");
  });
  ASSERT_TRUE(queued.ok());
  EXPECT_FALSE(*queued);
}

TEST_P(EmailTest, PlainSmtpOnlyToThisMachineAndEveryFieldChecked) {
  port_ = 25;
  const Status refused = save("smtp.alpha.test", "none");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "security");
  const Status bad =
      save_smtp_settings(*db_, *keys_, alpha_.org,
                         {"", 0, "carrier-pigeon", "", std::nullopt, "nobody"}, admin_actor_);
  ASSERT_FALSE(bad.ok());
  std::set<std::string> fields;
  for (const auto& p : bad.error().problems)
    fields.insert(p.field);
  EXPECT_EQ(fields, (std::set<std::string>{"host", "port", "security", "from_address"}));
}

TEST_P(EmailTest, ThePasswordIsSealedAndKeptWhenNotRetyped) {
  port_ = 587;
  ASSERT_TRUE(save_smtp_settings(
                  *db_, *keys_, alpha_.org,
                  {"smtp.alpha.test", 587, "starttls", "aims", "s3cret-pass", "aims@alpha.test"},
                  admin_actor_)
                  .ok());
  ASSERT_TRUE(save("smtp.alpha.test", "starttls").ok());  // password left out: kept
  auto stored = db_->read([&](store::Tx& tx) -> Result<std::string> {
    TRY_ASSIGN(auto row, tx.query_row("SELECT password_sealed FROM notify_smtp"));
    return row->text(0);
  });
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->find("s3cret"), std::string::npos);
  auto server = db_->read([&](store::Tx& tx) { return mail_server(tx, *keys_, alpha_.org); });
  ASSERT_TRUE(server.ok() && *server);
  EXPECT_EQ((*server)->password, "s3cret-pass");
  auto events = db_->read([&](store::Tx& tx) -> Result<std::string> {
    TRY_ASSIGN(auto rows, tx.query("SELECT changes FROM trail_events WHERE entity_type ="
                                   " 'email_settings'"));
    std::string all;
    for (auto& r : rows)
      all += r.text(0);
    return all;
  });
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->find("s3cret"), std::string::npos);
  EXPECT_NE(events->find("changed"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, EmailTest, ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::notify::testing
