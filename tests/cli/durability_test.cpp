// What the real `aims serve` process guarantees under load and under crashes:
// - 16 clients writing at once (on PostgreSQL through two serve processes): every acknowledged
//   write has exactly one audit event, and the chain verifies;
// - SIGKILL during writes, several times: every write that got a 2xx is there afterwards, no
//   write appears that was never sent, and the chain verifies.
#include <atomic>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "support/backends.h"
#include "support/http_client.h"
#include "support/process.h"

namespace aims {
namespace {

using testing::run_aims;

class DurabilityTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    auto init =
        run_aims({"init", "--db", url_, "--org", "Durable Co", "--admin", "admin@durable.test"},
                 {"AIMS_ADMIN_PASSWORD=a long admin passphrase"});
    ASSERT_EQ(init.exit_code, 0) << init.output;
    auto token = run_aims({"token", "create", "--db", url_, "--org", "Durable Co", "--user",
                           "admin@durable.test", "--name", "writer"});
    ASSERT_EQ(token.exit_code, 0) << token.output;
    const auto at = token.output.find("aims_");
    ASSERT_NE(at, std::string::npos) << token.output;
    secret_ = token.output.substr(at, token.output.find('\n', at) - at);
    // Servers of one PostgreSQL database share a key file; SQLite's sits beside the database.
    if (GetParam() == testing::Backend::postgres) key_file_ = testing::fresh_key_file_path();
  }

  void TearDown() override {
    if (!key_file_.empty()) std::remove(key_file_.c_str());
  }

  // One write: a new API token named `name`. Returns its id on a 201, nullopt otherwise.
  std::optional<int64_t> write(uint16_t port, const std::string& name) {
    testing::HttpClient client(port);
    client.use_token(secret_);
    auto r = client.send_json("POST", "/api/v1/api-tokens", {{"name", name}, {"user_id", 1}});
    if (r.status != 201) return std::nullopt;
    return r.json()["token"]["id"].get<int64_t>();
  }

  // name -> (id, number of "create" events) for every token the database holds.
  std::map<std::string, std::pair<int64_t, int64_t>> stored_tokens() {
    auto rows = db_->read([](store::Tx& tx) {
      return tx.query(
          "SELECT t.name, t.id, (SELECT COUNT(*) FROM trail_events e WHERE e.entity_type = "
          "'api_token' AND e.entity_id = t.id AND e.action = 'create') FROM api_tokens t");
    });
    EXPECT_TRUE(rows.ok());
    std::map<std::string, std::pair<int64_t, int64_t>> out;
    if (rows.ok()) {
      for (const auto& row : *rows)
        out[row.text(0)] = {row.int64(1), row.int64(2)};
    }
    return out;
  }

  // The chain verifies, and so do the checkpoints the servers signed while they ran.
  void expect_chain_intact() {
    std::vector<std::string> args = {"audit", "verify", "--db", url_};
    if (!key_file_.empty()) args.insert(args.end(), {"--key-file", key_file_});
    auto r = run_aims(args);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("signed with the key match the chain"), std::string::npos) << r.output;
    if (GetParam() == testing::Backend::sqlite) {
      auto check = db_->read([](store::Tx& tx) { return tx.query_row("PRAGMA integrity_check"); });
      ASSERT_TRUE(check.ok());
      EXPECT_EQ((*check)->text(0), "ok");
    }
  }

  std::string secret_;
  std::string key_file_;
};

TEST_P(DurabilityTest, SixteenConcurrentWritersEachGetExactlyOneAuditEvent) {
  // On PostgreSQL two serve processes share the database, as a scaled-out deployment does.
  const int processes = GetParam() == testing::Backend::postgres ? 2 : 1;
  std::vector<std::unique_ptr<testing::ServeProcess>> servers;
  for (int i = 0; i < processes; ++i) {
    servers.push_back(
        std::make_unique<testing::ServeProcess>(url_, testing::free_port(), key_file_));
    ASSERT_TRUE(servers.back()->start());
  }
  constexpr int kClients = 16, kWritesEach = 12;
  std::mutex mutex;
  std::map<std::string, int64_t> acknowledged;
  std::atomic<int> refused{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      for (int i = 0; i < kWritesEach; ++i) {
        const std::string name = "client" + std::to_string(c) + "-write" + std::to_string(i);
        auto id = write(servers[(c + i) % processes]->port(), name);
        if (!id) {
          ++refused;
          continue;
        }
        std::lock_guard lock(mutex);
        acknowledged[name] = *id;
      }
    });
  }
  for (auto& t : clients)
    t.join();
  EXPECT_EQ(refused.load(), 0);
  EXPECT_EQ(acknowledged.size(), static_cast<size_t>(kClients * kWritesEach));
  const auto stored = stored_tokens();
  for (const auto& [name, id] : acknowledged) {
    auto it = stored.find(name);
    ASSERT_NE(it, stored.end()) << name << " was acknowledged but is not stored";
    EXPECT_EQ(it->second.first, id);
    EXPECT_EQ(it->second.second, 1) << name << " should have exactly one audit event";
  }
  servers.clear();
  expect_chain_intact();
}

TEST_P(DurabilityTest, AcknowledgedWritesSurviveSigkill) {
  testing::ServeProcess server(url_, testing::free_port(), key_file_);
  ASSERT_TRUE(server.start());
  std::mutex mutex;
  std::map<std::string, int64_t> acknowledged;
  std::set<std::string> attempted;
  std::atomic<bool> running{true};
  std::atomic<uint16_t> port{server.port()};
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; running; ++i) {
        const std::string name = "w" + std::to_string(w) + "-" + std::to_string(i);
        {
          std::lock_guard lock(mutex);
          attempted.insert(name);
        }
        std::optional<int64_t> id;
        try {
          id = write(port, name);
        } catch (const std::exception&) {
          // Killed mid-request or not yet restarted: not acknowledged, so no promise.
          std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        if (id) {
          std::lock_guard lock(mutex);
          acknowledged[name] = *id;
        }
      }
    });
  }
  std::mt19937 random(20261122);
  constexpr int kKills = 5;
  for (int k = 0; k < kKills; ++k) {
    std::this_thread::sleep_for(std::chrono::milliseconds(150 + random() % 250));
    server.kill_hard();
    ASSERT_TRUE(server.start()) << "the server did not come back after kill " << k + 1;
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  running = false;
  for (auto& t : writers)
    t.join();
  server.stop();

  ASSERT_GT(acknowledged.size(), 20u) << "too few writes got through to prove anything";
  const auto stored = stored_tokens();
  for (const auto& [name, id] : acknowledged) {
    auto it = stored.find(name);
    ASSERT_NE(it, stored.end()) << name << " got a 201 but was lost";
    EXPECT_EQ(it->second.first, id);
    EXPECT_EQ(it->second.second, 1) << name;
  }
  for (const auto& [name, row] : stored) {
    if (name == "writer") continue;
    EXPECT_TRUE(attempted.count(name)) << name << " is stored but was never sent";
    EXPECT_EQ(row.second, 1) << name << ": a stored write must have its audit event";
  }
  std::cout << "[          ] " << acknowledged.size() << " acknowledged writes, "
            << stored.size() - 1 << " stored, " << kKills << " SIGKILLs\n";
  expect_chain_intact();
}

INSTANTIATE_TEST_SUITE_P(Backends, DurabilityTest, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_name);

}  // namespace
}  // namespace aims
