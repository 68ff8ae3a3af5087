// Disposals: approved by someone other than the requester, refused while a legal hold covers the
// record, and once executed the record's content is gone from every table of the database and
// from its exports while the audit trail still verifies.
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "records/attachments.h"
#include "records/exchange.h"
#include "records/json.h"
#include "retention/fixture.h"
#include "support/process.h"
#include "trail/verify.h"

namespace aims::retention::testing {
namespace {

// Placed in the record's fields, a comment, an attachment's name and content, and a link.
const std::string kMarker = "ZEBRA-4411";

class DisposalTest : public RetentionTest {
 protected:
  void SetUp() override {
    RetentionTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    rule_ = add_rule("Datasets: a month after they are created", "dataset", 1);
    dataset_ = add_dataset("Loan book " + kMarker, kMarker + " bureau feed", 60);
  }

  void fill_around() {
    const auto& d = inventory::datasets();
    ASSERT_TRUE(
        records::add_comment(*db_, d, alpha_.org, dataset_.id, "Ask " + kMarker, {}, author_).ok());
    ASSERT_TRUE(records::attach_file(*db_, d, alpha_.org, dataset_.id, kMarker + ".csv",
                                     "id,note\n1," + kMarker + "\n", author_)
                    .ok());
    ASSERT_TRUE(records::attach_link(*db_, d, alpha_.org, dataset_.id, "Card " + kMarker,
                                     "https://example.test/" + kMarker, author_)
                    .ok());
  }

  // Requested by the author, approved by the approver, executed by the author.
  Result<Record> dispose_dataset() {
    TRY_ASSIGN(const Record requested, request_disposal(dataset_.id, rule_.id));
    TRY(step(requested.id, "approve", approver_, "", {}, disposals()));
    TRY(step(requested.id, "execute", author_, "", {}, disposals()));
    return records::get(*db_, disposals(), alpha_.org, requested.id);
  }

  // Every table and column of the database (BLOBs read as text on SQLite) that holds the marker.
  std::vector<std::string> places_holding(const std::string& marker) {
    std::vector<std::string> found;
    auto done = db_->read([&](store::Tx& tx) -> Status {
      const bool sqlite = tx.dialect() == store::Dialect::sqlite;
      TRY_ASSIGN(auto columns,
                 tx.query(sqlite ? "SELECT m.name, c.name, 'any' FROM sqlite_master m,"
                                   " pragma_table_info(m.name) c WHERE m.type = 'table'"
                                 : "SELECT table_name, column_name, data_type"
                                   " FROM information_schema.columns"
                                   " WHERE table_schema = current_schema()"
                                   " AND data_type <> 'tsvector'"));
      for (auto& row : columns) {
        const std::string table = row.text(0), column = "\"" + row.text(1) + "\"";
        const std::string read = sqlite                   ? "CAST(" + column + " AS TEXT)"
                                 : row.text(2) == "bytea" ? "encode(" + column + ", 'escape')"
                                                          : column + "::text";
        TRY_ASSIGN(auto hits,
                   tx.query_row("SELECT COUNT(*) FROM \"" + table + "\" WHERE " + read + " LIKE $1",
                                {"%" + marker + "%"}));
        if (hits && hits->int64(0) > 0) found.push_back(table + "." + row.text(1));
      }
      return {};
    });
    EXPECT_TRUE(done.ok()) << done.error().message;
    return found;
  }

  Record rule_;
  Record dataset_;
};

TEST_P(DisposalTest, RemovesTheContentFromEveryTableAndTheTrailStillVerifies) {
  fill_around();
  ASSERT_FALSE(places_holding(kMarker).empty()) << "the marker is in the database before";

  auto disposal = dispose_dataset();
  ASSERT_TRUE(disposal.ok()) << disposal.error().field << ": " << disposal.error().message;
  EXPECT_EQ(disposal->state, "executed");
  EXPECT_EQ(disposal->text("content_sha256").size(), 64u);
  EXPECT_EQ(disposal->number("approved_by_id"), approver_.user_id);

  EXPECT_EQ(places_holding(kMarker), std::vector<std::string>{});

  // The tombstone: the record stays, archived, under a title that says what happened.
  auto tombstone = records::get(*db_, inventory::datasets(), alpha_.org, dataset_.id);
  ASSERT_TRUE(tombstone.ok());
  EXPECT_TRUE(tombstone->archived_at.has_value());
  EXPECT_EQ(tombstone->text("name").rfind("Disposed of on ", 0), 0u) << tombstone->text("name");
  EXPECT_NE(tombstone->text("name").find("Datasets: a month after they are created"),
            std::string::npos);
  EXPECT_EQ(tombstone->text("source"), "");
  auto restored = records::restore(*db_, inventory::datasets(), alpha_.org, dataset_.id, author_);
  ASSERT_FALSE(restored.ok()) << "a tombstone is not restored to take new content";
  EXPECT_EQ(restored.error().code, ErrorCode::failed_precondition);

  auto checked = trail::verify(*db_, alpha_.org);
  ASSERT_TRUE(checked.ok());
  EXPECT_TRUE(checked->intact) << checked->problem;
  EXPECT_GE(checked->events_redacted, 4) << "create, comment, two attachments";
}

// The auditor's own commands after a disposal: `aims audit verify` on the database passes, and an
// export made after it verifies offline and holds none of the disposed content, only the marker
// of its redacted events.
TEST_P(DisposalTest, TheAuditorsCommandsVerifyAfterADisposal) {
  fill_around();
  ASSERT_TRUE(dispose_dataset().ok());
  const aims::testing::ScratchDir dir("aims-disposal");
  const std::string key = dir.path("trail.key"), out = dir.path("trail.jsonl");
  using aims::testing::run_aims;
  auto verified = run_aims({"audit", "verify", "--db", url_, "--org", "Alpha", "--key-file", key});
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
  auto exported = run_aims(
      {"audit", "export", "--db", url_, "--org", "Alpha", "--key-file", key, "--out", out});
  ASSERT_EQ(exported.exit_code, 0) << exported.output;
  std::ifstream in(out);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text.find(kMarker), std::string::npos);
  EXPECT_NE(text.find("$redacted"), std::string::npos);
  auto offline = run_aims({"audit", "verify", "--file", out});
  EXPECT_EQ(offline.exit_code, 0) << offline.output;
}

// On SQLite the deleted cells are overwritten (secure_delete), so the content is not left in the
// file's free space where a table read no longer sees it but a hex editor would.
TEST_P(DisposalTest, OnSqliteTheFileItselfNoLongerHoldsTheContent) {
  if (GetParam() != aims::testing::Backend::sqlite)
    GTEST_SKIP() << "a PostgreSQL row version "
                    "stays until VACUUM";
  fill_around();
  ASSERT_TRUE(dispose_dataset().ok());
  db_.reset();  // the last connection's close checkpoints the log into the file and removes it
  const std::string path = url_.substr(std::string("sqlite:").size());
  for (const std::string& file : {path, path + "-wal"}) {
    std::ifstream in(file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(bytes.find(kMarker), std::string::npos)
        << file << " still holds the disposed content";
  }
}

TEST_P(DisposalTest, ExportsShowOnlyTheTombstone) {
  ASSERT_TRUE(dispose_dataset().ok());
  const records::Query all{.archived = records::Archived::include};
  auto csv = records::export_csv(*db_, inventory::datasets(), alpha_.org, all);
  ASSERT_TRUE(csv.ok());
  EXPECT_NE(csv->find("Disposed of on"), std::string::npos);
  EXPECT_EQ(csv->find(kMarker), std::string::npos);
  // The workbook's parts are stored uncompressed, so its bytes would show the marker.
  auto xlsx = records::export_xlsx(*db_, inventory::datasets(), alpha_.org, all);
  ASSERT_TRUE(xlsx.ok());
  EXPECT_EQ(xlsx->find(kMarker), std::string::npos);
  auto json = records::get(*db_, inventory::datasets(), alpha_.org, dataset_.id);
  ASSERT_TRUE(json.ok());
  EXPECT_EQ(records::to_json(inventory::datasets(), *json).dump().find(kMarker), std::string::npos);
}

TEST_P(DisposalTest, TheRequesterCannotApprove) {
  auto requested = request_disposal(dataset_.id, rule_.id);
  ASSERT_TRUE(requested.ok()) << requested.error().message;
  auto own = step(requested->id, "approve", author_, "", {}, disposals());
  ASSERT_FALSE(own.ok());
  EXPECT_EQ(own.error().code, ErrorCode::permission_denied);
  // Nor can it be executed before someone else approved it.
  auto early = step(requested->id, "execute", author_, "", {}, disposals());
  EXPECT_FALSE(early.ok());
  EXPECT_EQ(read(dataset_.id, inventory::datasets()).text("source"), kMarker + " bureau feed");
}

TEST_P(DisposalTest, AHeldRecordCannotBeDisposedOf) {
  // Requested and approved before the hold; the hold then stops the execution.
  auto requested = request_disposal(dataset_.id, rule_.id);
  ASSERT_TRUE(requested.ok());
  must_step(requested->id, "approve", approver_, "", {}, disposals());
  const Record hold = add_hold("Complaint about the support assistant");
  ASSERT_TRUE(hold_record(*db_, alpha_.org, hold.id, "dataset", dataset_.id, owner_).ok());

  auto executed = step(requested->id, "execute", author_, "", {}, disposals());
  ASSERT_FALSE(executed.ok());
  EXPECT_EQ(executed.error().code, ErrorCode::failed_precondition);
  EXPECT_NE(executed.error().message.find("Complaint about the support assistant"),
            std::string::npos)
      << executed.error().message;
  EXPECT_EQ(read(dataset_.id, inventory::datasets()).text("source"), kMarker + " bureau feed");

  // A new request is refused too, naming the hold.
  auto again = request_disposal(dataset_.id, rule_.id);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.error().message.find("legal hold"), std::string::npos);
}

TEST_P(DisposalTest, AHoldIsReleasedBySomeoneElseThanWhoPlacedIt) {
  const Record hold = add_hold("Regulator's information request");
  auto own = step(hold.id, "release", owner_, "Answered", {}, holds());
  ASSERT_FALSE(own.ok());
  EXPECT_EQ(own.error().code, ErrorCode::permission_denied);
  must_step(hold.id, "release", approver_, "The request was answered", {}, holds());
  auto released = records::get(*db_, holds(), alpha_.org, hold.id);
  ASSERT_TRUE(released.ok());
  EXPECT_FALSE(released->text("released_on").empty());
  // A released hold holds nothing new.
  auto late = hold_record(*db_, alpha_.org, hold.id, "dataset", dataset_.id, owner_);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::failed_precondition);
}

TEST_P(DisposalTest, HoldsAndDisposalsKeepToTheirOrganisation) {
  const Record hold = add_hold("Litigation hold");
  // Beta's owner cannot reach alpha's hold, and alpha's hold cannot take a record beta does not
  // have: the dataset id is alpha's.
  const records::Caller beta_owner{
      {"user", beta_.users[0], "owner@beta.test"}, beta_.users[0], auth::Role::admin};
  auto foreign = hold_record(*db_, beta_.org, hold.id, "dataset", dataset_.id, beta_owner);
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().code, ErrorCode::not_found);
}

// The rule applied must govern datasets, end in disposal, and have run out for the record: by
// hand, a dataset created 60 days ago is kept by a 12-month rule until add_months(creation, 12).
TEST_P(DisposalTest, TheRuleMustGovernTheRegisterEndInDisposalAndHaveRunOut) {
  const Record systems = add_rule("AI systems: a month", "ai_system", 1);
  auto wrong_register = request_disposal(dataset_.id, systems.id);
  ASSERT_FALSE(wrong_register.ok());
  EXPECT_EQ(wrong_register.error().field, "rule_id");
  EXPECT_EQ(wrong_register.error().message,
            "the rule \"AI systems: a month\" governs another register, not datasets");

  Record review = add_rule("Datasets: reviewed after a month", "dataset", 1);
  Record changes;
  changes.values = {{"end_action", "review"s}};
  ASSERT_TRUE(
      records::update(*db_, rules(), alpha_.org, review.id, changes, review.version, author_).ok());
  auto reviewed = request_disposal(dataset_.id, review.id);
  ASSERT_FALSE(reviewed.ok());
  EXPECT_NE(reviewed.error().message.find("asks for a review"), std::string::npos);

  const Record year = add_rule("Datasets: a year", "dataset", 12);
  auto early = request_disposal(dataset_.id, year.id);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().message, "the rule \"Datasets: a year\" keeps this record until " +
                                       add_months(dataset_.created_at.substr(0, 10), 12));

  EXPECT_TRUE(request_disposal(dataset_.id, rule_.id).ok());  // a month, run out 29 days ago
}

// A dataset's versions carry its name in theirs: the dataset goes only once they have gone.
TEST_P(DisposalTest, RecordsThatBelongToItAreDisposedOfFirst) {
  const Record version = add_old(data::dataset_versions(),
                                 {{"dataset_id", dataset_.id}, {"version_label", "v1"s}}, 60);
  auto refused = request_disposal(dataset_.id, rule_.id);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::failed_precondition);
  EXPECT_EQ(refused.error().message,
            "records that belong to it would keep its name: dispose of them first (dataset "
            "version #" +
                std::to_string(version.id) + ")");

  const Record versions = add_rule("Dataset versions: a month", "dataset_version", 1);
  Record asked;
  asked.values = {{"record_type", "dataset_version"s},
                  {"record_id", version.id},
                  {"rule_id", versions.id},
                  {"reason", "Superseded"s},
                  {"requested_by_id", author_.user_id.value()}};
  auto version_disposal = records::create(*db_, disposals(), alpha_.org, asked, author_);
  ASSERT_TRUE(version_disposal.ok()) << version_disposal.error().message;
  must_step(version_disposal->id, "approve", approver_, "", {}, disposals());
  must_step(version_disposal->id, "execute", author_, "", {}, disposals());

  auto disposed = dispose_dataset();
  ASSERT_TRUE(disposed.ok()) << disposed.error().message;
  EXPECT_TRUE(places_holding(kMarker).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, DisposalTest, ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::retention::testing
