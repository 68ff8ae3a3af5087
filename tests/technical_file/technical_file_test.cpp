// The technical file on both backends: each section says it is incomplete and why while the record
// it reads is missing, and complete once it exists; approval is refused while a section is
// incomplete; the approved file is frozen with its version, so later changes leave it as approved
// while the live draft and the file's currency follow them; the A.6.2.3 and A.6.2.7 rules follow;
// the lifecycle's "technical_file" gate criterion, registered by this module, asks for a current
// approved file.
#include "technical_file/technical_file.h"

#include <map>

#include <gtest/gtest.h>

#include "data/data.h"
#include "lifecycle/fixture.h"
#include "readiness/readiness.h"

namespace aims::technical_file {
namespace {

using records::Record;
using risk::testing::Values;
using namespace std::string_literals;

class TechnicalFileTest : public lifecycle::testing::LifecycleTest {
 protected:
  void SetUp() override {
    LifecycleTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    define_registers();
  }

  TechnicalFile live(const Authored& authored = {}) {
    auto file = db_->read([&](store::Tx& tx) {
      return assemble(tx, alpha_.org, system_, std::nullopt, authored, "2026-12-01T10:00:00Z");
    });
    EXPECT_TRUE(file.ok()) << (file.ok() ? "" : file.error().message);
    return file.ok() ? *file : TechnicalFile{};
  }

  // Section key -> complete.
  static std::map<std::string, bool> completeness(const TechnicalFile& file) {
    std::map<std::string, bool> out;
    for (const auto& s : file.sections)
      out[s.key] = s.complete;
    return out;
  }

  static const Section& section_of(const TechnicalFile& file, const std::string& key) {
    for (const auto& s : file.sections)
      if (s.key == key) return s;
    throw std::logic_error("no section " + key);
  }

  void change(int64_t id, const records::Description& d, const Values& values) {
    const Record current = read(id, d);
    Record changes;
    changes.values = values;
    auto updated = records::update(*db_, d, alpha_.org, id, changes, current.version, admin_);
    ASSERT_TRUE(updated.ok()) << updated.error().field << ": " << updated.error().message;
  }

  // Every record each section reads: the intended use and oversight, the model's artefact hash, a
  // dataset with a version, an agreed requirement and a signed-off validation, an assessed risk.
  void document_everything() {
    const int64_t dataset =
        must(create(inventory::datasets(),
                    {{"name", "Applications 2025"s}, {"source", "Loan origination system"s}},
                    admin_))
            .id;
    must(create(data::dataset_versions(),
                {{"dataset_id", dataset}, {"version_label", "2025-12"s}, {"sha256", kHash}},
                admin_));
    change(system_, inventory::ai_systems(),
           {{"intended_use", "Scoring personal loan applications"s},
            {"human_oversight", "An officer reviews every decline"s},
            {"dataset_ids", records::Ids{dataset}}});
    change(model_, inventory::models(), {{"artefact_sha256", kHash}});
    agreed("Approval parity", "fairness", "fairness.disparate_impact", "attribute:g", "at_least",
           0.8);
    const Record v = must(create_validation(validator_.user_id.value(), model_));
    ASSERT_TRUE(run(v.id, aims::testing::two_group_log(4, 4)).ok());
    must_step(v.id, "submit", author_, "", {}, lifecycle::validations());
    must_step(v.id, "sign_off", validator_, "", {{"conclusion", "Fit"s}}, lifecycle::validations());
    const Record r = add_risk(
        "Unfair declines", {{"inherent_likelihood", int64_t(2)}, {"inherent_impact", int64_t(2)}});
    must_step(r.id, "assess", owner_);
  }

  Record add_file(const Values& extra = {}) {
    Values v = {{"name", "Credit scorer file"s},
                {"ai_system_id", system_},
                {"design_choices", "Gradient boosting for monotone constraints"s},
                {"monitoring_plan", "Weekly review by the data lead"s}};
    for (const auto& [k, x] : extra)
      v[k] = x;
    return must(create(technical_files(), v, author_));
  }

  readiness::Finding finding(const char* requirement) {
    const auto* rule = readiness::rule_for("iso-iec-42001-2023", requirement);
    EXPECT_NE(rule, nullptr);
    auto f = rule->assess(*db_, alpha_.org);
    EXPECT_TRUE(f.ok());
    return f.ok() ? *f : readiness::Finding{};
  }

  static constexpr const char* kHash =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
};

TEST_P(TechnicalFileTest, EachSectionSaysWhatIsMissingUntilItsRecordExists) {
  const TechnicalFile bare = live();
  ASSERT_EQ(bare.sections.size(), 9u);
  // Only the changes (the system's creation is recorded) are complete on a bare system.
  EXPECT_EQ(completeness(bare), (std::map<std::string, bool>{{"general", false},
                                                             {"versions", false},
                                                             {"design", false},
                                                             {"data", false},
                                                             {"validation", false},
                                                             {"risk", false},
                                                             {"oversight", false},
                                                             {"changes", true},
                                                             {"monitoring", false}}));
  EXPECT_EQ(section_of(bare, "general").missing, "the intended use is not stated");
  EXPECT_EQ(section_of(bare, "risk").missing, "no risk is recorded for the system");
  EXPECT_EQ(section_of(bare, "data").missing,
            "no dataset is recorded for the system or its models");

  document_everything();
  const TechnicalFile documented =
      live({"Gradient boosting for monotone constraints", "Weekly review by the data lead"});
  for (const auto& s : documented.sections)
    EXPECT_TRUE(s.complete) << s.key << ": " << s.missing;
  EXPECT_TRUE(incomplete_titles(documented).empty());
  // The monitoring plan names the monitor and the plan written for the file.
  EXPECT_NE(section_of(documented, "monitoring").markdown.find("Monitor \"Decisions\""),
            std::string::npos);
  EXPECT_NE(section_of(documented, "data").markdown.find(kHash), std::string::npos);
}

TEST_P(TechnicalFileTest, AnUnassessedRiskLeavesTheRiskSummaryIncomplete) {
  add_risk("Drift of incomes");
  const TechnicalFile file = live();
  const Section& risk = section_of(file, "risk");
  EXPECT_FALSE(risk.complete);
  EXPECT_EQ(risk.missing, "1 risk is identified but not assessed");
}

TEST_P(TechnicalFileTest, AnIncompleteFileIsNotApproved) {
  const Record file = add_file({{"design_choices", records::FieldValue()}});
  auto refused = step(file.id, "approve", approver_, "", {}, technical_files());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::failed_precondition);
  EXPECT_NE(refused.error().message.find("Design choices"), std::string::npos)
      << refused.error().message;
}

TEST_P(TechnicalFileTest, ApprovalFreezesTheFileWhileTheLiveDraftFollowsChanges) {
  document_everything();
  const Record file = add_file();
  auto own = step(file.id, "approve", author_, "", {}, technical_files());
  ASSERT_FALSE(own.ok());
  EXPECT_EQ(own.error().code, ErrorCode::permission_denied);
  must_step(file.id, "approve", approver_, "", {}, technical_files());
  const Record approved = read(file.id, technical_files());
  EXPECT_EQ(approved.frozen, 1);
  EXPECT_NE(approved.text("content").find("Scoring personal loan applications"), std::string::npos);
  auto status = current_file_status(*db_, alpha_.org, system_);
  ASSERT_TRUE(status.ok());
  EXPECT_TRUE(status->current) << status->reason;

  change(system_, inventory::ai_systems(), {{"intended_use", "Scoring car loans too"s}});
  auto frozen = records::version(*db_, technical_files(), alpha_.org, file.id, 1);
  ASSERT_TRUE(frozen.ok());
  EXPECT_NE(frozen->snapshot.text("content").find("Scoring personal loan applications"),
            std::string::npos);
  EXPECT_EQ(frozen->snapshot.text("content").find("car loans"), std::string::npos);
  auto now = live_file(*db_, alpha_.org, system_);
  ASSERT_TRUE(now.ok());
  EXPECT_NE(to_markdown(*now).find("Scoring car loans too"), std::string::npos);
  status = current_file_status(*db_, alpha_.org, system_);
  ASSERT_TRUE(status.ok());
  EXPECT_FALSE(status->current);
  EXPECT_NE(status->reason.find("before the AI system's record last changed"), std::string::npos);
}

TEST_P(TechnicalFileTest, TheGateCriterionAsksForACurrentApprovedFile) {
  change(system_, inventory::ai_systems(), {{"risk_tier", "high"s}});  // asked for at deployment
  const auto criterion = [&] {
    auto preview =
        lifecycle::preview_gate(*db_, alpha_.org, {.system_id = system_, .stage = "deployment"});
    EXPECT_TRUE(preview.ok()) << (preview.ok() ? "" : preview.error().message);
    if (preview.ok())
      for (const auto& c : preview->criteria)
        if (c.key == "technical_file") return c;
    return lifecycle::GateCriterion{"(absent)", "", false, "not evaluated"};
  };
  const auto missing = criterion();
  EXPECT_FALSE(missing.met);
  EXPECT_EQ(missing.label, "A current, approved technical file");
  EXPECT_EQ(missing.reason, "the system has no technical file");

  document_everything();
  const Record file = add_file();
  const auto drafted = criterion();
  EXPECT_FALSE(drafted.met);
  EXPECT_EQ(drafted.reason, "\"Credit scorer file\" is a draft, not approved");

  must_step(file.id, "approve", approver_, "", {}, technical_files());
  const auto current = criterion();
  EXPECT_TRUE(current.met) << current.reason;
  EXPECT_NE(current.reason.find("and still current"), std::string::npos) << current.reason;

  // Moving the system on leaves the file current for the next gate; changing what it describes
  // does not.
  change(system_, inventory::ai_systems(), {{"lifecycle_stage", "deployment"s}});
  const auto moved = criterion();
  EXPECT_TRUE(moved.met) << moved.reason;
  change(system_, inventory::ai_systems(), {{"intended_use", "Scoring car loans too"s}});
  EXPECT_FALSE(criterion().met);
}

TEST_P(TechnicalFileTest, ANewerApprovedFileSupersedesTheOlder) {
  document_everything();
  const Record first = add_file();
  must_step(first.id, "approve", approver_, "", {}, technical_files());
  const Record second = add_file({{"name", "Credit scorer file 2"s}});
  must_step(second.id, "approve", approver_, "", {}, technical_files());
  EXPECT_EQ(read(first.id, technical_files()).state, "superseded");
  auto status = current_file_status(*db_, alpha_.org, system_);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->file_id, second.id);
}

TEST_P(TechnicalFileTest, AModelOfAnotherSystemIsRefusedAndAnotherOrganisationsSystemNotFound) {
  const int64_t stray =
      must(create(inventory::models(),
                  {{"name", "Other"s}, {"model_version", "1"s}, {"model_type", "classifier"s}},
                  admin_))
          .id;
  auto wrong = live_file(*db_, alpha_.org, system_, stray);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().field, "model_id");
  const int64_t beta_system =
      must_create(beta_.org, inventory::ai_systems(), system("Beta scorer", beta_.users[0]));
  EXPECT_EQ(live_file(*db_, alpha_.org, beta_system).error().code, ErrorCode::not_found);
  EXPECT_EQ(current_file_status(*db_, alpha_.org, beta_system).error().code, ErrorCode::not_found);
}

TEST_P(TechnicalFileTest, TheRulesAskDocumentedSectionsAndACurrentApprovedFile) {
  change(system_, inventory::ai_systems(),
         {{"lifecycle_stage", "operation_monitoring"s}, {"in_scope", true}});
  EXPECT_EQ(finding("A.6.2.3").status, readiness::Status::not_met);
  EXPECT_EQ(finding("A.6.2.7").status, readiness::Status::not_met);
  document_everything();
  const Record file = add_file();
  EXPECT_EQ(finding("A.6.2.3").status, readiness::Status::met) << finding("A.6.2.3").reason;
  EXPECT_EQ(finding("A.6.2.7").status, readiness::Status::not_met);
  must_step(file.id, "approve", approver_, "", {}, technical_files());
  EXPECT_EQ(finding("A.6.2.7").status, readiness::Status::met) << finding("A.6.2.7").reason;
}

INSTANTIATE_TEST_SUITE_P(Backends, TechnicalFileTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::technical_file
