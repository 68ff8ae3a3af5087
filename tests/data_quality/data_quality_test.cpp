// Data-quality runs on both backends: a run is stored with its report and trail event and stamps
// each requirement's last run and next check; a failing representativeness requirement flags the
// dataset, the models trained on it and the AI systems using it (directly or through a model);
// requirements refuse malformed target shares naming the field; and the A.7.4 rule.
#include "data_quality/data_quality.h"

#include <gtest/gtest.h>

#include "base/time.h"
#include "data/data.h"
#include "inventory/fixture.h"
#include "readiness/readiness.h"
#include "trail/trail.h"

namespace aims::data_quality {
namespace {

using inventory::testing::kActor;
using records::Record;

// 10 rows with an age band: 65+ is 1 of 10 (10 %), its target 20 % x 0.8 = 16 % minimum.
constexpr std::string_view kApplicants =
    "age_band,income\n"
    "18-25,100\n18-25,200\n"
    "26-40,300\n26-40,\n26-40,500\n26-40,600\n26-40,700\n"
    "65+,800\n"
    "41-64,900\n41-64,1000\n";

class DataQualityTest : public inventory::testing::InventoryTest {
 protected:
  void SetUp() override {
    InventoryTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    define_registers();
    Record data;
    data.values = {{"name", std::string("Loan applications")},
                   {"source", std::string("origination")},
                   {"steward_id", alpha_.users[1]}};
    dataset_ = must_create(alpha_.org, inventory::datasets(), data);
    Record model;
    model.values = {{"name", std::string("PD model")},
                    {"model_version", std::string("1")},
                    {"model_type", std::string("classifier")},
                    {"dataset_ids", records::Ids{dataset_}}};
    model_ = must_create(alpha_.org, inventory::models(), model);
    Record via_model = system("Credit scoring", alpha_.users[0]);
    via_model.values["model_ids"] = records::Ids{model_};
    system_ = must_create(alpha_.org, inventory::ai_systems(), via_model);
    Record direct = system("Collections", alpha_.users[0]);
    direct.values["dataset_ids"] = records::Ids{dataset_};
    direct_system_ = must_create(alpha_.org, inventory::ai_systems(), direct);
    unrelated_ =
        must_create(alpha_.org, inventory::ai_systems(), system("Chatbot", alpha_.users[0]));
  }

  int64_t add_requirement(std::map<std::string, records::FieldValue> values) {
    Record r;
    r.values = std::move(values);
    r.values["dataset_id"] = dataset_;
    return must_create(alpha_.org, requirements(), r);
  }

  int64_t add_representativeness(const std::string& shares) {
    return add_requirement({{"name", std::string("Age bands as applicants")},
                            {"kind", std::string("representativeness")},
                            {"group_column", std::string("age_band")},
                            {"target_shares", shares},
                            {"tolerance", 0.8},
                            {"check_every_days", int64_t{30}}});
  }

  StoredRun must_run(std::string_view file) {
    auto run = run_quality(*db_, alpha_.org, dataset_, monitoring::LogInput::memory(file),
                           "applicants.csv", kActor);
    EXPECT_TRUE(run.ok()) << (run.ok() ? "" : run.error().message);
    return run.ok() ? *run : StoredRun{};
  }

  int64_t dataset_ = 0, model_ = 0, system_ = 0, direct_system_ = 0, unrelated_ = 0;
};

TEST_P(DataQualityTest, ARunIsStoredWithItsReportAndTrailEvent) {
  add_requirement({{"name", std::string("Income complete")},
                   {"kind", std::string("completeness")},
                   {"columns", std::vector<std::string>{"income"}},
                   {"threshold", 0.95}});
  const StoredRun run = must_run(kApplicants);
  EXPECT_EQ(run.rows, 10);
  EXPECT_FALSE(run.pass);  // income is 9 of 10 = 90 % complete, below 95 %
  auto stored = get_run(*db_, alpha_.org, run.id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->sha256, run.sha256);
  EXPECT_EQ(stored->report["results"][0]["summary"], "income 90 % complete (minimum 95 %)");
  EXPECT_EQ(stored->run_by_name, "Owner of Alpha");
  trail::Filter f;
  f.entity_type = "data_quality_run";
  auto events = db_->read([&](store::Tx& tx) { return trail::list(tx, alpha_.org, f); });
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].entity_id, run.id);
}

TEST_P(DataQualityTest, ARunStampsEachRequirementAndSchedulesTheNextCheck) {
  const int64_t id = add_representativeness("18-25: 0.15, 26-40: 0.35, 65+: 0.2");
  auto before = records::get(*db_, requirements(), alpha_.org, id);
  ASSERT_TRUE(before.ok());
  const std::string today = now_timestamp().substr(0, 10);
  EXPECT_EQ(before->text("next_check_due"), today);  // never run: due today
  must_run(kApplicants);
  auto after = records::get(*db_, requirements(), alpha_.org, id);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->text("last_run_on"), today);
  EXPECT_EQ(after->text("last_outcome"), "fail");
  const int64_t due = *parse_date_days(after->text("next_check_due"));
  EXPECT_EQ(due - *parse_date_days(today), 30);
}

TEST_P(DataQualityTest, UnderRepresentationFlagsTheDatasetItsModelsAndSystems) {
  add_representativeness("18-25: 0.15, 26-40: 0.35, 65+: 0.2");
  must_run(kApplicants);
  const std::string expected = "under-represents: age_band 65+ at 10 %, minimum 16 %";
  auto of_dataset = shortfalls_of_dataset(*db_, alpha_.org, dataset_);
  ASSERT_TRUE(of_dataset.ok());
  ASSERT_EQ(of_dataset->size(), 1u);
  EXPECT_EQ((*of_dataset)[0].text, expected);
  EXPECT_EQ((*of_dataset)[0].dataset, "Loan applications");
  auto of_model = shortfalls_of_model(*db_, alpha_.org, model_);
  ASSERT_TRUE(of_model.ok());
  ASSERT_EQ(of_model->size(), 1u);
  for (int64_t system : {system_, direct_system_}) {
    auto of_system = shortfalls_of_system(*db_, alpha_.org, system);
    ASSERT_TRUE(of_system.ok());
    ASSERT_EQ(of_system->size(), 1u);
    EXPECT_EQ((*of_system)[0].text, expected);
  }
  auto of_unrelated = shortfalls_of_system(*db_, alpha_.org, unrelated_);
  ASSERT_TRUE(of_unrelated.ok());
  EXPECT_TRUE(of_unrelated->empty());
  // Another organisation's dataset is not found, though its run is looked up by id alone.
  EXPECT_EQ(shortfalls_of_dataset(*db_, beta_.org, dataset_).error().code, ErrorCode::not_found);
}

// A model that names no dataset but was trained on one of its versions carries the flag too, and
// so does the system using it.
TEST_P(DataQualityTest, AModelTrainedOnAVersionOfTheDatasetIsFlaggedToo) {
  data::define_registers();
  Record v;
  v.values = {{"dataset_id", dataset_}, {"version_label", std::string("2026-10")}};
  const int64_t version = must_create(alpha_.org, data::dataset_versions(), v);
  Record m;
  m.values = {{"name", std::string("Collections model")},
              {"model_version", std::string("2")},
              {"model_type", std::string("classifier")},
              {"trained_on_ids", records::Ids{version}}};
  const int64_t trained = must_create(alpha_.org, inventory::models(), m);
  Record uses = system("Arrears outreach", alpha_.users[0]);
  uses.values["model_ids"] = records::Ids{trained};
  const int64_t outreach = must_create(alpha_.org, inventory::ai_systems(), uses);
  add_representativeness("18-25: 0.15, 26-40: 0.35, 65+: 0.2");
  must_run(kApplicants);
  for (auto found : {shortfalls_of_model(*db_, alpha_.org, trained),
                     shortfalls_of_system(*db_, alpha_.org, outreach)}) {
    ASSERT_TRUE(found.ok()) << found.error().message;
    ASSERT_EQ(found->size(), 1u);
    EXPECT_EQ((*found)[0].text, "under-represents: age_band 65+ at 10 %, minimum 16 %");
  }
}

TEST_P(DataQualityTest, ALaterPassingRunClearsTheFlag) {
  add_representativeness("18-25: 0.15, 26-40: 0.35, 65+: 0.2");
  must_run(kApplicants);
  // 65+ now 3 of 12 = 25 %, above its 16 % minimum.
  must_run(std::string(kApplicants) + "65+,1\n65+,2\n");
  auto of_system = shortfalls_of_system(*db_, alpha_.org, system_);
  ASSERT_TRUE(of_system.ok());
  EXPECT_TRUE(of_system->empty());
}

TEST_P(DataQualityTest, MalformedTargetSharesAreRefusedNamingTheField) {
  Record r;
  r.values = {{"name", std::string("Bands")},
              {"dataset_id", dataset_},
              {"kind", std::string("representativeness")},
              {"group_column", std::string("age_band")},
              {"target_shares", std::string("18-25 0.15")}};
  auto created = records::create(*db_, requirements(), alpha_.org, r, kActor);
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(created.error().field, "target_shares");
  EXPECT_EQ(created.error().message, "'18-25 0.15' has no colon: write each entry as group: share");
}

TEST_P(DataQualityTest, EachKindNamesWhatItNeeds) {
  Record r;
  r.values = {{"name", std::string("Labels")},
              {"dataset_id", dataset_},
              {"kind", std::string("label_consistency")}};
  auto created = records::create(*db_, requirements(), alpha_.org, r, kActor);
  ASSERT_FALSE(created.ok());
  std::set<std::string> fields;
  for (const auto& p : created.error().problems)
    fields.insert(p.field);
  if (created.error().problems.empty()) fields.insert(created.error().field);
  EXPECT_EQ(fields, (std::set<std::string>{"label_column", "threshold"}));
}

TEST_P(DataQualityTest, ADatasetWithoutRequirementsHasNothingToRun) {
  auto run = run_quality(*db_, alpha_.org, dataset_, monitoring::LogInput::memory(kApplicants),
                         "applicants.csv", kActor);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.error().code, ErrorCode::failed_precondition);
}

TEST_P(DataQualityTest, AnotherOrganisationsDatasetIsNotFound) {
  add_representativeness("65+: 0.2");
  auto run = run_quality(*db_, beta_.org, dataset_, monitoring::LogInput::memory(kApplicants),
                         "applicants.csv", kActor);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.error().code, ErrorCode::not_found);
  const StoredRun mine = must_run(kApplicants);
  EXPECT_EQ(get_run(*db_, beta_.org, mine.id).error().code, ErrorCode::not_found);
}

TEST_P(DataQualityTest, TheRuleNamesTheUnderRepresentedGroup) {
  const readiness::Rule* rule = readiness::rule_for("iso-iec-42001-2023", "A.7.4");
  ASSERT_NE(rule, nullptr);
  auto before = rule->assess(*db_, alpha_.org);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->status, readiness::Status::not_met);  // no requirement yet
  add_representativeness("18-25: 0.15, 26-40: 0.35, 65+: 0.2");
  must_run(kApplicants);
  auto after = rule->assess(*db_, alpha_.org);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->status, readiness::Status::partial);
  EXPECT_NE(after->reason.find("Loan applications under-represents: age_band 65+ at 10 %"),
            std::string::npos)
      << after->reason;
  must_run(std::string(kApplicants) + "65+,1\n65+,2\n");
  auto met = rule->assess(*db_, alpha_.org);
  ASSERT_TRUE(met.ok());
  EXPECT_EQ(met->status, readiness::Status::met) << met->reason;
}

INSTANTIATE_TEST_SUITE_P(Backends, DataQualityTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::data_quality
