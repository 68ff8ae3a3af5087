// CSV and XLSX exchange on both backends: dry runs report every row's errors and write nothing,
// commits are all or nothing, and an export imported into a fresh database gives the same records.
#include <gtest/gtest.h>
#include <zip.h>

#include "base/csv.h"
#include "inventory/fixture.h"
#include "store/migrate.h"
#include "trail/trail.h"

namespace aims::inventory {
namespace {

using records::Record;
using testing::InventoryTest;
using testing::kActor;
using testing::kTrailActor;

const records::Query kActive{.archived = records::Archived::exclude};

int64_t total(store::Database& db, int64_t org, const records::Description& kind) {
  records::Query q;
  q.archived = records::Archived::include;
  auto page = records::list(db, kind, org, q);
  return page.ok() ? page->total : -1;
}

TEST_P(InventoryTest, CsvExportWritesReferencesByNameAndNeutralisesFormulas) {
  Record r = system("=HYPERLINK(\"http://evil\")", alpha_.users[0]);
  r.values["tags"] = std::vector<std::string>{"a", "b"};
  must_create(alpha_.org, ai_systems(), r);
  auto text = records::export_csv(*db_, ai_systems(), alpha_.org, kActive);
  ASSERT_TRUE(text.ok());
  auto rows = csv::parse(*text);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  const auto& header = (*rows)[0];
  auto column = [&](const std::string& name) {
    return std::find(header.begin(), header.end(), name) - header.begin();
  };
  ASSERT_LT(column("owner_email"), static_cast<long>(header.size()));
  EXPECT_EQ((*rows)[1][column("owner_email")], "owner@alpha.test");
  EXPECT_EQ((*rows)[1][column("name")], "'=HYPERLINK(\"http://evil\")");
  EXPECT_EQ((*rows)[1][column("tags")], "a; b");
  EXPECT_EQ((*rows)[1][column("in_scope")], "yes");
}

std::string systems_csv(const std::string& rows) {
  return "name,purpose,org_role,owner_email,lifecycle_stage,automation_level,eu_ai_act_class,annex_"
         "iii_area,"
         "eu_class_rationale,risk_tier,in_scope,scope_exclusion_reason,tags\r\n" +
         rows;
}

TEST_P(InventoryTest, DryRunOfAHugeBadFileListsTheFirstThousandErrorsAndCountsAll) {
  std::string rows;
  for (int i = 0; i < 2500; ++i) {
    rows += "Bad " + std::to_string(i) +
            ",Helps,deployer,nobody@alpha.test,design,advisory,minimal,,x,low,yes,,\r\n";
  }
  auto report =
      records::import_csv(*db_, ai_systems(), alpha_.org, systems_csv(rows), true, kActor);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->rows, 2500);
  EXPECT_EQ(report->error_count, 2500);
  ASSERT_EQ(report->errors.size(), records::kMaxReportedRowErrors);
  EXPECT_EQ(report->errors.front().row, 1);
  EXPECT_EQ(report->errors.back().row, 1000);
  EXPECT_EQ(report->errors.front().column, "owner_email");
}

TEST_P(InventoryTest, DryRunReportsEveryRowAndWritesNothing) {
  const std::string file = systems_csv(
      "Good one,Helps,deployer,owner@alpha.test,design,advisory,minimal,,No Annex III "
      "use,low,yes,,a;b\r\n"
      "Bad class,Helps,deployer,owner@alpha.test,design,advisory,high_risk,,Because,low,yes,,\r\n"
      "Bad owner,Helps,deployer,owner@beta.test,design,advisory,minimal,,x,low,yes,,\r\n"
      "No reason,Helps,deployer,owner@alpha.test,design,advisory,minimal,,x,low,no,,\r\n"
      "good one,Duplicate name,deployer,owner@alpha.test,design,advisory,minimal,,x,low,yes,,\r\n");
  auto report = records::import_csv(*db_, ai_systems(), alpha_.org, file, true, kActor);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->rows, 5);
  EXPECT_FALSE(report->committed);
  ASSERT_EQ(report->errors.size(), 4u);
  EXPECT_EQ(report->errors[0].row, 2);
  EXPECT_EQ(report->errors[0].column, "annex_iii_area");
  EXPECT_EQ(report->errors[1].row, 3);
  EXPECT_EQ(report->errors[1].column, "owner_email");
  EXPECT_EQ(report->errors[2].row, 4);
  EXPECT_EQ(report->errors[2].column, "scope_exclusion_reason");
  EXPECT_EQ(report->errors[3].row, 5);
  EXPECT_EQ(report->errors[3].column, "name");
  EXPECT_EQ(total(*db_, alpha_.org, ai_systems()), 0);
}

TEST_P(InventoryTest, ImportIsAllOrNothing) {
  const std::string one_bad = systems_csv(
      "First,Helps,deployer,owner@alpha.test,design,advisory,minimal,,x,low,yes,,\r\n"
      "Second,Helps,deployer,owner@alpha.test,sometime,advisory,minimal,,x,low,yes,,\r\n");
  auto refused = records::import_csv(*db_, ai_systems(), alpha_.org, one_bad, false, kActor);
  ASSERT_TRUE(refused.ok());
  EXPECT_FALSE(refused->committed);
  ASSERT_EQ(refused->errors.size(), 1u);
  EXPECT_EQ(refused->errors[0].column, "lifecycle_stage");
  EXPECT_EQ(total(*db_, alpha_.org, ai_systems()), 0)
      << "the valid first row must not be imported alone";

  const std::string good = systems_csv(
      "First,Helps,deployer,owner@alpha.test,design,advisory,minimal,,x,low,yes,,\r\n"
      "Second,\"Helps, with a "
      "comma\",deployer,OWNER@alpha.test,development,advisory,high_risk,employment,Annex III "
      "4,high,yes,,cv;hr\r\n");
  auto done = records::import_csv(*db_, ai_systems(), alpha_.org, good, false, kActor);
  ASSERT_TRUE(done.ok());
  EXPECT_TRUE(done->committed) << (done->errors.empty() ? "" : done->errors[0].message);
  EXPECT_EQ(done->created_ids.size(), 2u);
  auto second = records::get(*db_, ai_systems(), alpha_.org, done->created_ids[1]);
  EXPECT_EQ(second->text("purpose"), "Helps, with a comma");
  EXPECT_EQ(second->list("tags"), (std::vector<std::string>{"cv", "hr"}));
}

// Past the row where the import refreshes the planner's statistics (exchange.cpp), inside the
// same transaction: every row lands, each with one audit event.
TEST_P(InventoryTest, LargeImportLandsEveryRowWithOneEventEach) {
  std::string rows;
  for (int i = 1; i <= 450; ++i) {
    rows += "Bulk system " + std::to_string(i) +
            ",Helps,deployer,owner@alpha.test,design,advisory,minimal,,x,low,yes,,\r\n";
  }
  auto events = [&] {
    return db_->read([&](store::Tx& tx) { return trail::event_count(tx, alpha_.org); });
  };
  const int64_t before = events().value();
  auto done = records::import_csv(*db_, ai_systems(), alpha_.org, systems_csv(rows), false, kActor);
  ASSERT_TRUE(done.ok()) << done.error().message;
  ASSERT_TRUE(done->committed) << (done->errors.empty() ? "" : done->errors[0].message);
  EXPECT_EQ(done->created_ids.size(), 450u);
  EXPECT_EQ(total(*db_, alpha_.org, ai_systems()), 450);
  EXPECT_EQ(events().value(), before + 450);
  auto last = records::get(*db_, ai_systems(), alpha_.org, done->created_ids.back());
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->text("name"), "Bulk system 450");
  records::Query q;
  q.search = "bulk system 417";  // the search index holds imported rows as it holds created ones
  auto found = records::list(*db_, ai_systems(), alpha_.org, q);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->items.size(), 1u);
  EXPECT_EQ(found->items[0].text("name"), "Bulk system 417");
}

// Rows are written while later ones are still checked (import_writer.h): a problem found after
// hundreds of rows were written rolls them all back, and every problem of the file is reported.
TEST_P(InventoryTest, AProblemLateInALargeImportRollsBackTheRowsAlreadyWritten) {
  std::string rows;
  for (int i = 1; i <= 700; ++i) {
    const bool bad = i == 650 || i == 690;
    rows += "Late system " + std::to_string(i) + ",Helps,deployer,owner@alpha.test," +
            (bad ? "sometime" : "design") + ",advisory,minimal,,x,low,yes,,\r\n";
  }
  const int64_t events_before =
      db_->read([&](store::Tx& tx) { return trail::event_count(tx, alpha_.org); }).value();
  auto refused =
      records::import_csv(*db_, ai_systems(), alpha_.org, systems_csv(rows), false, kActor);
  ASSERT_TRUE(refused.ok()) << refused.error().message;
  EXPECT_FALSE(refused->committed);
  ASSERT_EQ(refused->errors.size(), 2u);
  EXPECT_EQ(refused->errors[0].row, 650);
  EXPECT_EQ(refused->errors[1].row, 690);
  EXPECT_EQ(refused->errors[1].column, "lifecycle_stage");
  EXPECT_EQ(total(*db_, alpha_.org, ai_systems()), 0);
  EXPECT_EQ(db_->read([&](store::Tx& tx) { return trail::event_count(tx, alpha_.org); }).value(),
            events_before);
  records::Query q;
  q.search = "late system";
  EXPECT_EQ(records::list(*db_, ai_systems(), alpha_.org, q)->total, 0) << "no search entry left";
}

TEST_P(InventoryTest, MalformedFilesAreRefusedWhole) {
  EXPECT_EQ(records::import_csv(*db_, ai_systems(), alpha_.org, "", true, kActor).error().code,
            ErrorCode::malformed);
  auto unknown =
      records::import_csv(*db_, ai_systems(), alpha_.org, "name,colour\r\nx,red\r\n", true, kActor);
  EXPECT_EQ(unknown.error().field, "colour");
  auto missing = records::import_csv(*db_, ai_systems(), alpha_.org, "name\r\nx\r\n", true, kActor);
  EXPECT_EQ(missing.error().code, ErrorCode::malformed);
  auto quote = records::import_csv(*db_, ai_systems(), alpha_.org, "name,purpose\r\n\"open,x\r\n",
                                   true, kActor);
  ASSERT_FALSE(quote.ok());
  EXPECT_NE(quote.error().message.find("line 2"), std::string::npos) << quote.error().message;
}

// Everything an inventory holds, exported, imported into a fresh database (with the same people)
// register by register, and compared field by field.
TEST_P(InventoryTest, ExportThenImportIntoAFreshDatabaseGivesIdenticalRecords) {
  Record sup;
  sup.values = {{"name", std::string("Vector Labs")},
                {"provides", std::string("model_api")},
                {"clause_incident_notice", true},
                {"assessment_status", std::string("approved")},
                {"last_review", std::string("2026-03-01")},
                {"next_review", std::string("2027-03-01")},
                {"contact_email", std::string("risk@vector.example")}};
  const int64_t s = must_create(alpha_.org, suppliers(), sup);
  Record data;
  data.values = {{"name", std::string("Loans, 2025")},
                 {"source", std::string("Core banking")},
                 {"personal_data", true},
                 {"consent_status", std::string("other_basis")},
                 {"sensitive_attributes", std::vector<std::string>{"age", "sex"}},
                 {"record_count", int64_t{120000}},
                 {"steward_id", alpha_.users[1]},
                 {"provenance_when", std::string("2025-01-31")}};
  const int64_t d = must_create(alpha_.org, datasets(), data);
  Record model;
  model.values = {{"name", std::string("PD")},
                  {"model_version", std::string("3.2")},
                  {"model_type", std::string("classifier")},
                  {"provider", std::string("supplier")},
                  {"supplier_id", s},
                  {"model_card.modelParameters.approach.type", std::string("supervised")},
                  {"model_card.considerations.useCases",
                   std::vector<std::string>{"retail credit", "SME credit"}},
                  {"artefact_sha256", std::string(64, 'a')}};
  model.values["dataset_ids"] = records::Ids{d};
  const int64_t m = must_create(alpha_.org, models(), model);
  Record sys = system("Credit scorer", alpha_.users[1]);
  sys.values["eu_ai_act_class"] = std::string("high_risk");
  sys.values["annex_iii_area"] = std::string("essential_services");
  sys.values["purpose"] = std::string("Line one\nline two, \"quoted\"");
  sys.values["deployed_on"] = std::string("2025-04-01");
  sys.values["tags"] = std::vector<std::string>{"credit"};
  sys.values["model_ids"] = records::Ids{m};
  sys.values["dataset_ids"] = records::Ids{d};
  sys.values["supplier_ids"] = records::Ids{s};
  must_create(alpha_.org, ai_systems(), sys);

  auto fresh_url = aims::testing::fresh_database_url(GetParam());
  ASSERT_TRUE(fresh_url);
  auto fresh = store::Database::open(*fresh_url);
  ASSERT_TRUE(fresh.ok());
  ASSERT_TRUE(store::migrate(**fresh).ok());
  // The same people exist in the target installation (emails are the link).
  auto target = auth::create_organisation(
      **fresh, "Alpha restored",
      {"owner@alpha.test", "Owner of Alpha", "admin", "a long test passphrase"}, kTrailActor);
  ASSERT_TRUE(target.ok());
  const int64_t org2 = target->first.id;
  ASSERT_TRUE(auth::add_user(**fresh, org2,
                             {"second@alpha.test", "", "contributor", "a long test passphrase"},
                             kTrailActor)
                  .ok());

  for (const records::Description* register_ :
       {&suppliers(), &datasets(), &models(), &ai_systems()}) {
    const records::Description& kind = *register_;
    auto text = records::export_csv(*db_, kind, alpha_.org, kActive);
    ASSERT_TRUE(text.ok());
    auto report = records::import_csv(**fresh, kind, org2, *text, false, kActor);
    ASSERT_TRUE(report.ok()) << report.error().message;
    ASSERT_TRUE(report->committed)
        << kind.plural << ": " << report->errors[0].column << " " << report->errors[0].message;
    // Compare every field; references by name, since ids differ between installations.
    auto again = records::export_csv(**fresh, kind, org2, kActive);
    auto a = csv::parse(*text), b = csv::parse(*again);
    ASSERT_EQ(a->size(), b->size());
    for (size_t row = 0; row < a->size(); ++row) {
      for (size_t col = 1; col < (*a)[row].size(); ++col) {  // column 0 is the id
        EXPECT_EQ((*a)[row][col], (*b)[row][col]) << kind.plural << " column " << (*a)[0][col];
      }
    }
  }
}

TEST_P(InventoryTest, XlsxExportIsAWorkbookHoldingTheRecords) {
  must_create(alpha_.org, ai_systems(), system("Workbook system", alpha_.users[0]));
  auto bytes = records::export_xlsx(*db_, ai_systems(), alpha_.org, kActive);
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  zip_error_t error;
  zip_source_t* source = zip_source_buffer_create(bytes->data(), bytes->size(), 0, &error);
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  ASSERT_NE(archive, nullptr) << "not a zip container";
  zip_file_t* strings = zip_fopen(archive, "xl/sharedStrings.xml", 0);
  ASSERT_NE(strings, nullptr);
  std::string xml(1 << 16, '\0');
  xml.resize(static_cast<size_t>(zip_fread(strings, xml.data(), xml.size())));
  zip_fclose(strings);
  zip_close(archive);
  EXPECT_NE(xml.find("Workbook system"), std::string::npos);
  EXPECT_NE(xml.find("owner_email"), std::string::npos);
}

}  // namespace
}  // namespace aims::inventory
