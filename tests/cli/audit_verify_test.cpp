// `aims audit verify` finds an audit event that someone edited, removed or reordered directly in
// the database (or in an exported file), names it, and exits with 3; `aims db check` reports the
// same beside the engine's check and the schema.
#include <fstream>
#include <functional>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include "base/crypto.h"
#include "support/backends.h"
#include "support/process.h"
#include "support/tamper.h"

namespace aims {
namespace {

using testing::run_aims;

class AuditVerifyTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    // SQLite keeps the key file beside the database by default; PostgreSQL must be given one.
    const bool sqlite = GetParam() == testing::Backend::sqlite;
    key_file_ = sqlite ? url_.substr(url_.find(':') + 1) + ".key" : testing::fresh_key_file_path();
    if (!sqlite) key_env_ = {"AIMS_KEY_FILE=" + key_file_};
    // Six events: organisation, admin, and four more users.
    auto init = aims({"init", "--db", url_, "--org", "Tamper Co", "--admin", "admin@tamper.test"},
                     {"AIMS_ADMIN_PASSWORD=a long admin passphrase"});
    ASSERT_EQ(init.exit_code, 0) << init.output;
    init_output_ = init.output;
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

  void TearDown() override {
    if (!key_file_.empty()) std::remove(key_file_.c_str());
    for (const auto& file : made_)
      std::remove(file.c_str());
  }

  // `aims <args>` with this database's key file (PostgreSQL has no default place for it).
  testing::CommandResult aims(const std::vector<std::string>& args,
                              std::vector<std::string> env = {}) {
    env.insert(env.end(), key_env_.begin(), key_env_.end());
    return run_aims(args, env);
  }

  // What an attacker with database access does first: remove the append-only guards.
  void tamper(const std::function<Status(store::Tx&)>& change) {
    auto done = db_->write([&](store::Tx& tx) -> Status {
      TRY(testing::drop_append_only_guards(tx));
      return change(tx);
    });
    ASSERT_TRUE(done.ok()) << done.error().message;
  }
  void tamper(const std::string& sql) {
    tamper([&](store::Tx& tx) { return tx.run_script(sql); });
  }

  testing::CommandResult verify() {
    return run_aims({"audit", "verify", "--db", url_, "--org", "Tamper Co"});
  }

  // A path for an export file that the test removes.
  std::string export_path(const std::string& name) {
    const std::string path = "/tmp/aims-test-" + std::to_string(getpid()) + "-" +
                             std::to_string(++exports_) + "-" + name + ".jsonl";
    made_.push_back(path);
    return path;
  }
  std::string export_trail(const std::vector<std::string>& extra = {}) {
    const std::string file = export_path("export");
    std::vector<std::string> args = {"audit", "export",    "--db",  url_,
                                     "--org", "Tamper Co", "--out", file};
    args.insert(args.end(), extra.begin(), extra.end());
    auto exported = aims(args);
    EXPECT_EQ(exported.exit_code, 0) << exported.output;
    return file;
  }
  // The public key as 'aims audit public-key' prints it, saved to a file as an auditor would.
  std::string public_key_file(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"audit", "public-key", "--db", url_, "--org", "Tamper Co"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto printed = aims(args);
    EXPECT_EQ(printed.exit_code, 0) << printed.output;
    const std::string file = export_path("key");
    std::ofstream(file) << printed.output;
    return file;
  }
  testing::CommandResult verify_file(const std::string& file, const std::string& key = {}) {
    std::vector<std::string> args = {"audit", "verify", "--file", file};
    if (!key.empty()) args.insert(args.end(), {"--public-key", key});
    return run_aims(args);
  }

  std::string key_file_;
  std::vector<std::string> key_env_;
  std::string init_output_;
  std::vector<std::string> made_;
  int exports_ = 0;
};

TEST_P(AuditVerifyTest, DbCheckPassesOnAnIntactDatabase) {
  auto r = run_aims({"db", "check", "--db", url_});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("database: every table reads back intact"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("schema: every migration of this aims binary applied"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("audit trail of \"Tamper Co\": intact, 6 events"), std::string::npos)
      << r.output;
}

TEST_P(AuditVerifyTest, DbCheckNamesEveryProblemInOneRun) {
  tamper("UPDATE trail_events SET changes = REPLACE(changes, 'viewer', 'admin') WHERE seq = 3");
  tamper("DELETE FROM schema_migrations WHERE name = '0003_improvement'");
  auto r = run_aims({"db", "check", "--db", url_});
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("schema: PROBLEM: 1 migration not yet applied (0003_improvement)"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("audit trail of \"Tamper Co\": PROBLEM: event #3"), std::string::npos)
      << r.output;
}

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
  const std::string file = export_trail();
  auto ok = run_aims({"audit", "verify", "--file", file});
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  const auto lines = read_lines(file);
  ASSERT_EQ(lines.size(), 8u);  // header + 6 events + the checkpoint signed for the export

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
  truncated.erase(truncated.begin() + 6);  // the last event
  write_lines(file, truncated);
  auto r4 = run_aims({"audit", "verify", "--file", file});
  EXPECT_EQ(r4.exit_code, 3) << "a file missing its last event must not pass";
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

// The lines of an export, by kind.
struct ExportLines {
  std::string header;
  std::vector<std::string> events;
  std::vector<std::string> checkpoints;

  explicit ExportLines(const std::string& path) {
    auto lines = read_lines(path);
    header = lines.front();
    for (size_t i = 1; i < lines.size(); ++i)
      (lines[i].starts_with("{\"checkpoint\"") ? checkpoints : events).push_back(lines[i]);
  }
  // Writes the file with the header's head set to the last event, as a forger would.
  void write(const std::string& path) {
    auto head = nlohmann::json::parse(header);
    const auto last = nlohmann::json::parse(events.back());
    head["head_seq"] = last["seq"];
    head["head_hash"] = last["hash"];
    std::vector<std::string> lines = {head.dump()};
    lines.insert(lines.end(), events.begin(), events.end());
    lines.insert(lines.end(), checkpoints.begin(), checkpoints.end());
    write_lines(path, lines);
  }
};

TEST_P(AuditVerifyTest, TheSqliteKeyFileIsMadeBesideTheDatabaseAndInitShowsItsKey) {
  if (GetParam() != testing::Backend::sqlite) GTEST_SKIP() << "PostgreSQL has no default place";
  struct stat info {};
  ASSERT_EQ(stat(key_file_.c_str(), &info), 0) << key_file_;
  EXPECT_EQ(info.st_mode & 0777, 0600u) << "only the server's account may read the key";
  auto printed = aims({"audit", "public-key", "--db", url_});
  ASSERT_EQ(printed.exit_code, 0) << printed.output;
  const std::string key = printed.output.substr(0, printed.output.find('\n'));
  EXPECT_TRUE(key.starts_with("aims/org/1+")) << key;
  EXPECT_NE(init_output_.find(key), std::string::npos) << init_output_;
  EXPECT_NE(printed.output.find("# SHA256:"), std::string::npos) << printed.output;
}

TEST_P(AuditVerifyTest, PostgresqlNeedsANamedKeyFile) {
  if (GetParam() != testing::Backend::postgres) GTEST_SKIP() << "SQLite has a default place";
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"serve", "--db", url_, "--listen", "127.0.0.1:0"},
        std::vector<std::string>{"audit", "export", "--db", url_, "--out", "/dev/null"}}) {
    auto refused = run_aims(args);
    EXPECT_EQ(refused.exit_code, 1) << refused.output;
    EXPECT_NE(refused.output.find("--key-file or AIMS_KEY_FILE"), std::string::npos)
        << refused.output;
  }
}

TEST_P(AuditVerifyTest, AnIntactExportVerifiesWithOnlyTheFileAndThePublicKey) {
  const std::string key = public_key_file();
  const std::string file = export_trail();
  auto r = verify_file(file, key);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("intact, 6 events"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("1 checkpoint signed with the key match the chain; the latest covers "
                          "events #1 to #6"),
            std::string::npos)
      << r.output;
  // The key may also be given as the line itself.
  const std::string line = read_lines(key).front();
  EXPECT_EQ(verify_file(file, line).exit_code, 0);
  // Each export signs anew; an older checkpoint stays valid in later exports.
  ASSERT_TRUE(run_aims({"user", "add", "--db", url_, "--org", "Tamper Co", "--email",
                        "late@tamper.test", "--role", "viewer"},
                       {"AIMS_USER_PASSWORD=a long user passphrase"})
                  .exit_code == 0);
  auto later = verify_file(export_trail(), key);
  EXPECT_EQ(later.exit_code, 0) << later.output;
  EXPECT_NE(later.output.find("2 checkpoints signed with the key"), std::string::npos)
      << later.output;
}

TEST_P(AuditVerifyTest, ATruncatedExportWithARewrittenHeaderFails) {
  const std::string key = public_key_file();
  const std::string file = export_trail();
  ExportLines lines(file);
  ASSERT_EQ(lines.events.size(), 6u);
  lines.events.resize(4);  // events #5 and #6 removed, the header resealed to #4
  lines.write(file);
  auto unsigned_check = verify_file(file);
  EXPECT_EQ(unsigned_check.exit_code, 0)
      << "without the key the shortened file is self-consistent: " << unsigned_check.output;
  auto r = verify_file(file, key);
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("truncated: it ends at event #4"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("#6"), std::string::npos) << r.output;

  lines.checkpoints.clear();  // the checkpoint that betrays the removal goes too
  lines.write(file);
  auto without_checkpoint = verify_file(file, key);
  EXPECT_EQ(without_checkpoint.exit_code, 3) << without_checkpoint.output;
  EXPECT_NE(without_checkpoint.output.find("no checkpoint signed by the given key"),
            std::string::npos)
      << without_checkpoint.output;
}

TEST_P(AuditVerifyTest, ARewrittenExportFailsAgainstTheSignedCheckpoint) {
  const std::string key = public_key_file();
  const std::string file = export_trail();
  ExportLines lines(file);
  // Edit event #3 and recompute every hash after it: SHA-256 needs no secret.
  std::string prev;
  for (size_t i = 0; i < lines.events.size(); ++i) {
    auto line = nlohmann::json::parse(lines.events[i]);
    auto canonical = nlohmann::json::parse(line["canonical"].get<std::string>());
    ASSERT_EQ(canonical.dump(), line["canonical"]) << "the canonical form is sorted, compact JSON";
    if (i == 2) canonical["actor_label"] = "someone-else";
    if (i >= 2) {
      canonical["prev_hash"] = prev;
      line["canonical"] = canonical.dump();
      line["hash"] = crypto::sha256_hex(canonical.dump());
      lines.events[i] = line.dump();
    }
    prev = line["hash"];
  }
  lines.write(file);
  EXPECT_EQ(verify_file(file).exit_code, 0) << "the rewritten chain is self-consistent";
  auto r = verify_file(file, key);
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("event #6 does not have the hash the checkpoint signed at"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("rewritten"), std::string::npos) << r.output;

  // Changing the checkpoint's head to match breaks its signature.
  std::string& checkpoint = lines.checkpoints.front();
  const auto head_line = checkpoint.find("\\n6\\n");  // "\n" as JSON escapes it
  ASSERT_NE(head_line, std::string::npos) << checkpoint;
  checkpoint[head_line + 5] ^= 1;  // the first base64 character of the head hash
  lines.write(file);
  auto forged = verify_file(file, key);
  EXPECT_EQ(forged.exit_code, 3) << forged.output;
  EXPECT_NE(forged.output.find("forged or altered"), std::string::npos) << forged.output;
}

TEST_P(AuditVerifyTest, CheckpointsOfOtherKeysAreIgnoredButSomeMustBeTheKeys) {
  const std::string key_a = public_key_file();
  export_trail();  // signs with A, the organisation's key file
  const std::string key_file_b = testing::fresh_key_file_path();
  const std::string key_file_c = testing::fresh_key_file_path();
  made_.insert(made_.end(), {key_file_b, key_file_c});
  auto refused = aims({"audit", "checkpoint", "--db", url_, "--key-file", key_file_b});
  EXPECT_EQ(refused.exit_code, 1) << "a server given another key file must not sign";
  EXPECT_NE(refused.output.find("same key file"), std::string::npos) << refused.output;
  auto rotated = aims({"audit", "checkpoint", "--db", url_, "--key-file", key_file_b, "--new-key"});
  ASSERT_EQ(rotated.exit_code, 0) << rotated.output;
  const std::string file = export_trail({"--key-file", key_file_b});
  ASSERT_EQ(ExportLines(file).checkpoints.size(), 3u);  // A, then B twice

  auto with_a = verify_file(file, key_a);
  EXPECT_EQ(with_a.exit_code, 0) << with_a.output;
  EXPECT_NE(with_a.output.find("ignored: 2 checkpoints signed by other keys"), std::string::npos)
      << with_a.output;
  auto with_b = verify_file(file, public_key_file({"--key-file", key_file_b}));
  EXPECT_EQ(with_b.exit_code, 0) << with_b.output;
  EXPECT_NE(with_b.output.find("ignored: 1 checkpoint signed by another key"), std::string::npos)
      << with_b.output;
  auto with_c = verify_file(file, public_key_file({"--key-file", key_file_c}));
  EXPECT_EQ(with_c.exit_code, 3) << with_c.output;
  EXPECT_NE(with_c.output.find("no checkpoint signed by the given key vouches for this trail (3 "
                               "signed by other keys were ignored)"),
            std::string::npos)
      << with_c.output;
}

TEST_P(AuditVerifyTest, SomeoneWithOnlyTheDatabaseCannotMakeAnExportThePinnedKeyAccepts) {
  const std::string pinned = public_key_file();
  export_trail();  // the auditor's earlier visit: a checkpoint signed with the real key
  // Without the key file, an attacker rewrites the history in the database and signs it with a
  // key file of their own.
  const std::string own_key = testing::fresh_key_file_path();
  made_.push_back(own_key);
  tamper([&](store::Tx& tx) -> Status {
    TRY_ASSIGN(auto org, tx.query_row("SELECT id FROM organisations"));
    return testing::rewrite_chain_from(tx, org->int64(0), 3);
  });
  ASSERT_EQ(
      aims({"audit", "checkpoint", "--db", url_, "--key-file", own_key, "--new-key"}).exit_code, 0);
  auto kept = verify_file(export_trail({"--key-file", own_key}), pinned);
  EXPECT_EQ(kept.exit_code, 3) << kept.output;
  EXPECT_NE(kept.output.find("rewritten"), std::string::npos) << kept.output;
  // Removing the real checkpoints leaves nothing the pinned key vouches for.
  tamper("DELETE FROM trail_checkpoints");
  auto removed = verify_file(export_trail({"--key-file", own_key}), pinned);
  EXPECT_EQ(removed.exit_code, 3) << removed.output;
  EXPECT_NE(removed.output.find("no checkpoint signed by the given key"), std::string::npos)
      << removed.output;
}

TEST_P(AuditVerifyTest, VerifyingTheDatabaseChecksItsCheckpoints) {
  auto signed_now = aims({"audit", "checkpoint", "--db", url_});
  ASSERT_EQ(signed_now.exit_code, 0) << signed_now.output;
  EXPECT_NE(signed_now.output.find("up to event #6"), std::string::npos) << signed_now.output;
  tamper(
      "DELETE FROM trail_events WHERE seq >= 5; UPDATE trail_heads SET seq = 4, head_hash ="
      " (SELECT hash FROM trail_events WHERE seq = 4)");
  // SQLite's verification finds the key file beside the database by itself.
  EXPECT_EQ(verify().exit_code, GetParam() == testing::Backend::sqlite ? 3 : 0);
  auto r = aims({"audit", "verify", "--db", url_, "--org", "Tamper Co"});
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("truncated"), std::string::npos) << r.output;
  const std::string key = public_key_file();
  auto with_key = run_aims({"audit", "verify", "--db", url_, "--public-key", key});
  EXPECT_EQ(with_key.exit_code, 3) << with_key.output;
  // aims will not sign the shortened chain, but still exports it as evidence, and says so.
  const std::string file = export_path("evidence");
  auto exported = aims({"audit", "export", "--db", url_, "--out", file});
  EXPECT_EQ(exported.exit_code, 1) << exported.output;
  EXPECT_NE(exported.output.find("refusing to sign"), std::string::npos) << exported.output;
  auto evidence = verify_file(file, key);
  EXPECT_EQ(evidence.exit_code, 3) << evidence.output;
  EXPECT_NE(evidence.output.find("truncated"), std::string::npos) << evidence.output;
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditVerifyTest, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_name);

}  // namespace
}  // namespace aims
