// `aims audit verify` finds an audit event that someone edited, removed or reordered directly in
// the database (or in an exported file), names it, and exits with 3.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "support/backends.h"
#include "support/process.h"

namespace aims {
namespace {

using testing::run_aims;

class AuditVerifyTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    // Six events: organisation, admin, and four more users.
    auto init =
        run_aims({"init", "--db", url_, "--org", "Tamper Co", "--admin", "admin@tamper.test"},
                 {"AIMS_ADMIN_PASSWORD=a long admin passphrase"});
    ASSERT_EQ(init.exit_code, 0) << init.output;
    for (const char* role : {"viewer", "auditor", "contributor", "aims-manager"}) {
      auto add = run_aims({"user", "add", "--db", url_, "--org", "Tamper Co", "--email",
                           std::string(role) + "@tamper.test", "--role", role},
                          {"AIMS_USER_PASSWORD=a long user passphrase"});
      ASSERT_EQ(add.exit_code, 0) << add.output;
    }
    auto clean = run_aims({"audit", "verify", "--db", url_});
    ASSERT_EQ(clean.exit_code, 0) << clean.output;
    ASSERT_NE(clean.output.find("intact, 6 events"), std::string::npos) << clean.output;
  }

  // What an attacker with database access does first: remove the append-only guard.
  void tamper(const std::string& sql) {
    const std::string drop =
        GetParam() == testing::Backend::sqlite
            ? "DROP TRIGGER trail_events_no_update; DROP TRIGGER trail_events_no_delete;"
            : "DROP TRIGGER trail_events_no_update ON trail_events;";
    auto done = db_->write([&](store::Tx& tx) -> Status {
      if (Status s = tx.run_script(drop); !s) return s;
      return tx.run_script(sql);
    });
    ASSERT_TRUE(done.ok()) << done.error().message;
  }

  testing::CommandResult verify() {
    return run_aims({"audit", "verify", "--db", url_, "--org", "Tamper Co"});
  }
};

TEST_P(AuditVerifyTest, EditedEventIsNamed) {
  tamper("UPDATE trail_events SET changes = REPLACE(changes, 'viewer', 'admin') WHERE seq = 3");
  auto r = verify();
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.output.find("event #3"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("altered"), std::string::npos) << r.output;
}

TEST_P(AuditVerifyTest, EditWithRecomputedHashIsCaughtByTheNextLink) {
  // A careful attacker also rewrites the edited event's hash (SHA-256 is public). The next
  // event still carries the old hash as its prev_hash, so the chain breaks right after.
  tamper("UPDATE trail_events SET actor_label = 'someone-else', hash = 'f00d' WHERE seq = 3");
  auto r = verify();
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.output.find("event #3"), std::string::npos) << r.output;
}

TEST_P(AuditVerifyTest, RemovedEventIsNamed) {
  tamper("DELETE FROM trail_events WHERE seq = 4");
  auto r = verify();
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.output.find("event #4 is missing"), std::string::npos) << r.output;
}

TEST_P(AuditVerifyTest, RemovedLastEventIsNamed) {
  tamper("DELETE FROM trail_events WHERE seq = 6");
  auto r = verify();
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.output.find("#6"), std::string::npos) << r.output;
}

TEST_P(AuditVerifyTest, ReorderedEventsAreNamed) {
  tamper(
      "UPDATE trail_events SET seq = -2 WHERE seq = 2;"
      "UPDATE trail_events SET seq = 2 WHERE seq = 5;"
      "UPDATE trail_events SET seq = 5 WHERE seq = -2;");
  auto r = verify();
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.output.find("event #2"), std::string::npos) << r.output;
}

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

void write_lines(const std::string& path, const std::vector<std::string>& lines) {
  std::ofstream out(path, std::ios::trunc);
  for (const auto& line : lines)
    out << line << "\n";
}

TEST_P(AuditVerifyTest, ExportVerifiesOfflineAndTamperedCopiesFail) {
  const std::string path = url_.substr(url_.find(':') + 1) + ".trail.jsonl";
  const std::string file = GetParam() == testing::Backend::sqlite
                               ? path
                               : "/tmp/aims-test-export-" + std::to_string(getpid()) + ".jsonl";
  auto exported = run_aims({"audit", "export", "--db", url_, "--org", "Tamper Co", "--out", file});
  ASSERT_EQ(exported.exit_code, 0) << exported.output;
  auto ok = run_aims({"audit", "verify", "--file", file});
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  const auto lines = read_lines(file);
  ASSERT_EQ(lines.size(), 7u);  // header + 6 events

  auto edited = lines;
  const auto at = edited[3].find("viewer");
  ASSERT_NE(at, std::string::npos);
  edited[3].replace(at, 6, "admin!");
  write_lines(file, edited);
  auto r1 = run_aims({"audit", "verify", "--file", file});
  EXPECT_EQ(r1.exit_code, 3);
  EXPECT_NE(r1.output.find("event #3"), std::string::npos) << r1.output;

  auto removed = lines;
  removed.erase(removed.begin() + 2);
  write_lines(file, removed);
  auto r2 = run_aims({"audit", "verify", "--file", file});
  EXPECT_EQ(r2.exit_code, 3);
  EXPECT_NE(r2.output.find("event #2 is missing"), std::string::npos) << r2.output;

  auto swapped = lines;
  std::swap(swapped[4], swapped[5]);
  write_lines(file, swapped);
  auto r3 = run_aims({"audit", "verify", "--file", file});
  EXPECT_EQ(r3.exit_code, 3);
  EXPECT_NE(r3.output.find("#4"), std::string::npos) << r3.output;

  auto truncated = lines;
  truncated.pop_back();
  write_lines(file, truncated);
  auto r4 = run_aims({"audit", "verify", "--file", file});
  EXPECT_EQ(r4.exit_code, 3) << "a file missing its last event must not pass";
  std::remove(file.c_str());
}

TEST_P(AuditVerifyTest, ARewrittenChainFailsAgainstAnAnchorRecordedEarlier) {
  // The auditor notes the head printed by a clean verification...
  auto clean = run_aims({"audit", "verify", "--db", url_, "--org", "Tamper Co"});
  const auto at = clean.output.find("head ");
  ASSERT_NE(at, std::string::npos) << clean.output;
  const std::string anchor = clean.output.substr(at + 5, clean.output.find('\n', at) - at - 5);
  EXPECT_EQ(run_aims({"audit", "verify", "--db", url_, "--org", "Tamper Co", "--anchor", anchor})
                .exit_code,
            0);
  // ...then someone with database access rewrites history and recomputes every hash: the
  // chain is self-consistent again, but no longer passes through the anchor.
  tamper(
      "DELETE FROM trail_events WHERE seq >= 5; UPDATE trail_heads SET seq = 4, head_hash ="
      " (SELECT hash FROM trail_events WHERE seq = 4)");
  EXPECT_EQ(run_aims({"audit", "verify", "--db", url_, "--org", "Tamper Co"}).exit_code, 0)
      << "without an anchor a truncated-and-resealed chain looks intact";
  auto r = run_aims({"audit", "verify", "--db", url_, "--org", "Tamper Co", "--anchor", anchor});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.output.find("#6"), std::string::npos) << r.output;
  EXPECT_EQ(run_aims({"audit", "verify", "--db", url_, "--anchor", "nonsense"}).exit_code, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditVerifyTest, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_name);

}  // namespace
}  // namespace aims
