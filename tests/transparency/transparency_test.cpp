// Instructions for use and the public page on both backends: the author does not approve their
// own; approval freezes a numbered version with the accuracy by group of the system's latest run
// (values worked out by hand below); a newer approved record supersedes the older; the public page
// shows the latest approved version even while a revision is drafted, and its link stops
// answering once rotated or unpublished; first publishes racing each other leave one page whose
// link works; the A.8.2 and A.8.5 rules follow.
#include "transparency/transparency.h"

#include <barrier>
#include <cstdio>
#include <thread>

#include <gtest/gtest.h>

#include "readiness/readiness.h"
#include "risk/fixture.h"

namespace aims::transparency {
namespace {

using records::Record;
using risk::testing::Values;
using namespace std::string_literals;

class TransparencyTest : public risk::testing::RiskTest {
 protected:
  void SetUp() override {
    RiskTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    define_registers();
  }

  Record write(const std::string& name, const Values& extra = {}) {
    Record r;
    r.values = {{"name", name},
                {"ai_system_id", system_},
                {"version_label", "1.0"s},
                {"does", "Scores applications"s},
                {"does_not", "Decide mortgages"s},
                {"limitations", "Thin credit files"s},
                {"human_role", "An officer reviews declines"s},
                {"contest", "Ask your branch within 30 days"s}};
    for (const auto& [k, v] : extra)
      r.values[k] = v;
    auto created = records::create(*db_, instructions(), alpha_.org, r, author_);
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    return created.ok() ? *created : Record{};
  }

  void approve(int64_t id) { must_step(id, "approve", approver_, "", {}, instructions()); }

  // Group a: 3 of 4 correct (0.75); group b: 2 of 4 (0.5); overall 5 of 8 (0.625).
  void run_accuracy_log(int64_t monitor) {
    std::string log = "id,ts,pred,label,g\n";
    const int rows[8][2] = {{1, 1}, {1, 1}, {1, 0}, {0, 0}, {1, 1}, {1, 1}, {1, 0}, {1, 0}};
    for (int i = 0; i < 8; ++i) {
      char line[96];
      std::snprintf(line, sizeof line, "%d,2026-03-01T%02d:00:00Z,%d,%d,%s\n", i + 1, 8 + i,
                    rows[i][0], rows[i][1], i < 4 ? "a" : "b");
      log += line;
    }
    monitoring::RunRequest request;
    request.monitor_id = monitor;
    request.log = monitoring::LogInput::memory(log);
    request.input_name = "week.csv";
    request.options.threads = 1;
    auto run = monitoring::run_monitor(*db_, alpha_.org, request, inventory::testing::kTrailActor);
    ASSERT_TRUE(run.ok()) << run.error().message;
  }

  readiness::Finding finding(const char* requirement) {
    const auto* rule = readiness::rule_for("iso-iec-42001-2023", requirement);
    EXPECT_NE(rule, nullptr);
    auto f = rule->assess(*db_, alpha_.org);
    EXPECT_TRUE(f.ok());
    return f.ok() ? *f : readiness::Finding{};
  }

  void put_in_operation() {
    const Record system = read(system_, inventory::ai_systems());
    Record stage;
    stage.values["lifecycle_stage"] = "operation_monitoring"s;
    ASSERT_TRUE(records::update(*db_, inventory::ai_systems(), alpha_.org, system_, stage,
                                system.version, admin_)
                    .ok());
  }
};

TEST_P(TransparencyTest, TheAuthorDoesNotApproveTheirOwnInstructions) {
  const Record r = write("Credit instructions");
  auto own = step(r.id, "approve", author_, "", {}, instructions());
  ASSERT_FALSE(own.ok());
  EXPECT_EQ(own.error().code, ErrorCode::permission_denied);
  auto contributor = step(r.id, "approve", contributor_, "", {}, instructions());
  ASSERT_FALSE(contributor.ok());
  approve(r.id);
  const Record approved = read(r.id, instructions());
  EXPECT_EQ(approved.state, "approved");
  EXPECT_EQ(approved.frozen, 1);
}

TEST_P(TransparencyTest, ApprovalFreezesTheAccuracyByGroupOfTheLatestRun) {
  run_accuracy_log(add_monitor("Decisions"));
  const Record r = write("Credit instructions");
  EXPECT_FALSE(read(r.id, instructions()).is_set("accuracy_by_group"));
  approve(r.id);
  // Worked out by hand from the log: overall 5/8, group a 3/4, group b 2/4.
  const std::string table = read(r.id, instructions()).text("accuracy_by_group");
  EXPECT_NE(table.find("- All decisions: 62.5 %\n"), std::string::npos) << table;
  EXPECT_NE(table.find("- g = a: 75.0 %\n"), std::string::npos) << table;
  EXPECT_NE(table.find("- g = b: 50.0 %\n"), std::string::npos) << table;
  auto frozen = records::version(*db_, instructions(), alpha_.org, r.id, 1);
  ASSERT_TRUE(frozen.ok());
  EXPECT_EQ(frozen->snapshot.text("accuracy_by_group"), table);
  EXPECT_NE(frozen->snapshot.text("accuracy_source").find("\"Decisions\""), std::string::npos);
}

TEST_P(TransparencyTest, WithoutARunTheSnapshotSaysSo) {
  const Record r = write("Credit instructions");
  approve(r.id);
  const Record approved = read(r.id, instructions());
  EXPECT_FALSE(approved.is_set("accuracy_by_group"));
  EXPECT_EQ(approved.text("accuracy_source"), "No completed monitoring run measured accuracy.");
}

TEST_P(TransparencyTest, ANewerApprovedRecordSupersedesTheOlder) {
  const Record first = write("Instructions 1");
  approve(first.id);
  const Record second = write("Instructions 2", {{"version_label", "2.0"s}});
  approve(second.id);
  EXPECT_EQ(read(first.id, instructions()).state, "superseded");
  auto latest = latest_approved(*db_, alpha_.org, system_);
  ASSERT_TRUE(latest.ok());
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->version_label, "2.0");
}

TEST_P(TransparencyTest, ThePublicLinkShowsTheApprovedVersionNotTheDraftBeingRevised) {
  const Record r = write("Credit instructions");
  auto before_approval = publish(*db_, alpha_.org, system_, admin_);
  ASSERT_FALSE(before_approval.ok());
  EXPECT_EQ(before_approval.error().code, ErrorCode::failed_precondition);
  approve(r.id);
  auto token = publish(*db_, alpha_.org, system_, admin_);
  ASSERT_TRUE(token.ok()) << token.error().message;
  // A revision: back to draft, the text changed; the public reads version 1 still.
  must_step(r.id, "revise", admin_, "new limitation", {}, instructions());
  Record change;
  change.values["limitations"] = "Draft text nobody approved"s;
  ASSERT_TRUE(records::update(*db_, instructions(), alpha_.org, r.id, change,
                              read(r.id, instructions()).version, author_)
                  .ok());
  auto page = public_page(*db_, *token);
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(page->version, 1);
  EXPECT_EQ(page->snapshot.text("limitations"), "Thin credit files");
  EXPECT_EQ(page->system_name, "Credit scorer");
}

TEST_P(TransparencyTest, ARotatedOrUnpublishedLinkAnswersNothing) {
  const Record r = write("Credit instructions");
  approve(r.id);
  auto first = publish(*db_, alpha_.org, system_, admin_);
  ASSERT_TRUE(first.ok());
  auto second = publish(*db_, alpha_.org, system_, admin_);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(public_page(*db_, *first).error().code, ErrorCode::not_found);
  EXPECT_TRUE(public_page(*db_, *second).ok());
  ASSERT_TRUE(unpublish(*db_, alpha_.org, system_, admin_).ok());
  EXPECT_EQ(public_page(*db_, *second).error().code, ErrorCode::not_found);
  EXPECT_EQ(public_page(*db_, "unknown").error().code, ErrorCode::not_found);
  auto state = page_state(*db_, alpha_.org, system_);
  ASSERT_TRUE(state.ok());
  EXPECT_TRUE(state->exists);
  EXPECT_FALSE(state->published);
  // Publishing and unpublishing are audited, never with the link.
  const auto events = events_of("transparency_page", system_);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events.front().action, "unpublish");
  EXPECT_EQ(events.back().changes.find(*first), std::string::npos);
}

// Four first publishes at once. Each reads no page yet, or the one a faster request made: the one
// that inserts first makes the page; one that read no page learns from the key that another was
// first (409's code, with a message that says so); one that read the page rotates its link. Only
// the link of the last to commit answers, and the page is one row with one publish event each.
TEST_P(TransparencyTest, FirstPublishesAtOnceMakeOnePage) {
  const Record r = write("Credit instructions");
  approve(r.id);
  constexpr int kRequests = 4;
  std::barrier start(kRequests);
  std::vector<Result<std::string>> results(kRequests, Error::internal("not run"));
  std::vector<std::thread> threads;
  for (int i = 0; i < kRequests; ++i)
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      results[i] = publish(*db_, alpha_.org, system_, admin_);
    });
  for (auto& t : threads)
    t.join();
  int made = 0, working = 0;
  for (const auto& result : results) {
    if (!result.ok()) {
      EXPECT_EQ(result.error().code, ErrorCode::already_exists) << result.error().message;
      EXPECT_EQ(result.error().message,
                "the page was published by someone else at the same moment: reload to see it, "
                "and publish again for a new link");
      continue;
    }
    ++made;
    if (public_page(*db_, *result).ok()) ++working;
  }
  EXPECT_GE(made, 1);
  EXPECT_EQ(working, 1);
  auto rows = db_->read([&](store::Tx& tx) {
    return tx.query_row("SELECT COUNT(*) FROM transparency_pages WHERE org_id = $1", {alpha_.org});
  });
  ASSERT_TRUE(rows.ok() && *rows);
  EXPECT_EQ((*rows)->int64(0), 1);
  EXPECT_EQ(events_of("transparency_page", system_).size(), static_cast<size_t>(made));
}

TEST_P(TransparencyTest, AnotherOrganisationsSystemIsNotFound) {
  const int64_t beta_system =
      must_create(beta_.org, inventory::ai_systems(), system("Beta scorer", beta_.users[0]));
  EXPECT_EQ(page_state(*db_, alpha_.org, beta_system).error().code, ErrorCode::not_found);
  EXPECT_EQ(publish(*db_, alpha_.org, beta_system, admin_).error().code, ErrorCode::not_found);
  EXPECT_EQ(unpublish(*db_, alpha_.org, beta_system, admin_).error().code, ErrorCode::not_found);
}

TEST_P(TransparencyTest, TheRulesAskApprovedInstructionsAndInformationForSystemsInOperation) {
  EXPECT_EQ(finding("A.8.2").status, readiness::Status::not_applicable);
  put_in_operation();
  EXPECT_EQ(finding("A.8.2").status, readiness::Status::not_met);
  EXPECT_EQ(finding("A.8.5").status, readiness::Status::not_met);
  const Record r = write("Credit instructions");
  approve(r.id);
  EXPECT_EQ(finding("A.8.2").status, readiness::Status::met);
  EXPECT_EQ(finding("A.8.5").status, readiness::Status::not_met);
  ASSERT_TRUE(publish(*db_, alpha_.org, system_, admin_).ok());
  EXPECT_EQ(finding("A.8.5").status, readiness::Status::met);
}

INSTANTIATE_TEST_SUITE_P(Backends, TransparencyTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::transparency
