// The data registers on both backends: a version unique within its dataset, lineage without a
// cycle, a hash marked computed only when aims computed it, rights reviews approved by someone
// other than the reviewer, the four Annex A.7 rules met and unmet, and the lineage graph naming
// its boxes and edges by name.
#include "data/data.h"

#include <gtest/gtest.h>

#include "data/routes.h"
#include "inventory/fixture.h"
#include "readiness/readiness.h"

namespace aims::data {
namespace {

using inventory::testing::kActor;
using records::Record;
using Values = std::map<std::string, records::FieldValue>;

const std::string kHash = "79e3b26f704280f180220ccafaff1953492d599c26122d5bc3fcb72ab109830c";

class DataTest : public inventory::testing::InventoryTest {
 protected:
  void SetUp() override {
    InventoryTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    define_registers();
    applications_ = must_create(alpha_.org, inventory::datasets(), dataset("Loan applications"));
    bureau_ = must_create(alpha_.org, inventory::datasets(), dataset("Bureau feed"));
  }

  Record dataset(const std::string& name) const {
    Record r;
    r.values = {{"name", name}, {"source", std::string("core banking")}};
    return r;
  }

  Result<Record> add_version(int64_t dataset, const std::string& label, records::Ids from = {},
                             Values more = {}) {
    Record r;
    r.values = {{"dataset_id", dataset}, {"version_label", label}, {"derived_from_ids", from}};
    for (auto& [k, v] : more)
      r.values[k] = v;
    return records::create(*db_, dataset_versions(), alpha_.org, r, kActor);
  }

  int64_t must_version(int64_t dataset, const std::string& label, records::Ids from = {},
                       Values more = {}) {
    auto v = add_version(dataset, label, std::move(from), std::move(more));
    EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.error().field + ": " + v.error().message);
    return v.ok() ? v->id : 0;
  }

  Result<Record> derive(int64_t id, records::Ids from) {
    TRY_ASSIGN(const Record current, records::get(*db_, dataset_versions(), alpha_.org, id));
    Record changes;
    changes.values = {{"derived_from_ids", std::move(from)}};
    return records::update(*db_, dataset_versions(), alpha_.org, id, changes, current.version,
                           kActor);
  }

  readiness::Finding assess(const char* requirement) {
    const auto* rule = readiness::rule_for("iso-iec-42001-2023", requirement);
    EXPECT_NE(rule, nullptr) << requirement;
    if (!rule) return {};
    auto finding = rule->assess(*db_, alpha_.org);
    EXPECT_TRUE(finding.ok()) << finding.error().message;
    return finding.ok() ? *finding : readiness::Finding{};
  }

  // An AI system in scope that uses `dataset`.
  void used_by_a_system(int64_t dataset) {
    Record s = system("System using dataset " + std::to_string(dataset), alpha_.users[0]);
    s.values["dataset_ids"] = records::Ids{dataset};
    must_create(alpha_.org, inventory::ai_systems(), s);
  }

  // A rights review of `dataset` written and submitted by `reviewer`, who is its reviewer.
  Record submitted_review(int64_t dataset, const records::Caller& reviewer) {
    Record r;
    r.values = {{"dataset_id", dataset},
                {"personal_data", true},
                {"legal_basis", std::string("contract")},
                {"conclusion", std::string("May be used for credit models.")},
                {"reviewer_id", *reviewer.user_id}};
    auto review = records::create(*db_, data_rights_reviews(), alpha_.org, r, reviewer);
    EXPECT_TRUE(review.ok()) << review.error().message;
    if (!review.ok()) return {};
    auto submitted = records::transition(*db_, data_rights_reviews(), alpha_.org, review->id,
                                         {"submit", "", {}, review->version}, reviewer);
    EXPECT_TRUE(submitted.ok()) << submitted.error().message;
    return submitted.ok() ? submitted->record : Record{};
  }

  int64_t applications_ = 0, bureau_ = 0;
};

TEST_P(DataTest, AVersionIsNamedByItsDatasetAndIsUniqueWithinIt) {
  auto v1 = add_version(applications_, "v1");
  ASSERT_TRUE(v1.ok());
  EXPECT_EQ(v1->text("name"), "Loan applications v1");
  auto again = add_version(applications_, " V1 ");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::already_exists);
  EXPECT_EQ(again.error().field, "version_label");
  // Another dataset may have its own v1.
  EXPECT_TRUE(add_version(bureau_, "v1").ok());
}

TEST_P(DataTest, LineageRefusesSelfReferenceAndCycles) {
  const int64_t v1 = must_version(applications_, "v1");
  const int64_t v2 = must_version(applications_, "v2", {v1});
  const int64_t v3 = must_version(applications_, "v3", {v2});
  auto self = derive(v1, {v1});
  ASSERT_FALSE(self.ok());
  EXPECT_EQ(self.error().field, "derived_from_ids");
  EXPECT_EQ(self.error().message, "a version cannot be derived from itself");
  // v1 -> v2 -> v3: v1 derived from v3 closes a loop through two steps.
  auto cycle = derive(v1, {v3});
  ASSERT_FALSE(cycle.ok());
  EXPECT_EQ(cycle.error().field, "derived_from_ids");
  EXPECT_EQ(cycle.error().message,
            "Loan applications v2 is already derived from Loan applications v1, so this would "
            "make the lineage a cycle");
  // Derived from another dataset's version is no cycle.
  EXPECT_TRUE(derive(v1, {must_version(bureau_, "2025-10")}).ok());
}

TEST_P(DataTest, AHashIsComputedOnlyWhenAimsComputedIt) {
  auto declared = add_version(applications_, "v1", {}, {{"sha256", kHash}});
  ASSERT_TRUE(declared.ok());
  EXPECT_EQ(declared->text("hash_origin"), "declared");
  const int64_t v2 = must_version(applications_, "v2");
  ContentProfile profile{kHash, 25, 2, "a: integer\nb: decimal\nc: text", false};
  auto computed = record_content(*db_, alpha_.org, v2, profile, kActor);
  ASSERT_TRUE(computed.ok()) << computed.error().message;
  EXPECT_EQ(computed->text("hash_origin"), "computed");
  EXPECT_EQ(computed->number("row_count"), 2);
  EXPECT_EQ(computed->number("size_bytes"), 25);
  // Another organisation's version is not found.
  auto foreign = record_content(*db_, beta_.org, v2, profile, kActor);
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().code, ErrorCode::not_found);
}

TEST_P(DataTest, TheReviewerMayNotApproveTheirOwnRightsReview) {
  const auto reviewer = add_person("reviewer@alpha.test", auth::Role::aims_manager);
  const auto approver = add_person("approver@alpha.test", auth::Role::aims_manager);
  const Record submitted = submitted_review(bureau_, reviewer);
  auto own = records::transition(*db_, data_rights_reviews(), alpha_.org, submitted.id,
                                 {"approve", "", {}, submitted.version}, reviewer);
  ASSERT_FALSE(own.ok());
  EXPECT_EQ(own.error().code, ErrorCode::permission_denied);
  auto other = records::transition(*db_, data_rights_reviews(), alpha_.org, submitted.id,
                                   {"approve", "", {}, submitted.version}, approver);
  ASSERT_TRUE(other.ok()) << other.error().message;
  EXPECT_EQ(other->record.state, "approved");
}

TEST_P(DataTest, TheReviewerMayNotRejectTheirOwnRightsReviewEither) {
  const auto reviewer = add_person("reviewer@alpha.test", auth::Role::aims_manager);
  const Record submitted = submitted_review(bureau_, reviewer);
  auto own = records::transition(*db_, data_rights_reviews(), alpha_.org, submitted.id,
                                 {"reject", "Not my call.", {}, submitted.version}, reviewer);
  ASSERT_FALSE(own.ok());
  EXPECT_EQ(own.error().code, ErrorCode::permission_denied);
  EXPECT_EQ(own.error().message, "the reviewer cannot decide their own review");
  auto other = records::transition(
      *db_, data_rights_reviews(), alpha_.org, submitted.id,
      {"reject", "The licence forbids model training.", {}, submitted.version}, kActor);
  ASSERT_TRUE(other.ok()) << other.error().message;
  EXPECT_EQ(other->record.state, "rejected");
}

TEST_P(DataTest, PersonalDataNeedsALegalBasis) {
  Record r;
  r.values = {{"dataset_id", bureau_},
              {"personal_data", true},
              {"legal_basis", std::string("not_personal_data")},
              {"reviewer_id", alpha_.users[0]}};
  auto review = records::create(*db_, data_rights_reviews(), alpha_.org, r, kActor);
  ASSERT_FALSE(review.ok());
  EXPECT_EQ(review.error().field, "legal_basis");
}

// Labellers and their agreement belong to labelling only; an agreement needs its measure and a
// measure its value; the agreement lies between 0 and 1.
TEST_P(DataTest, PreparationRecordsKeepLabellingFieldsToLabelling) {
  const int64_t version = must_version(applications_, "2026-10");
  const auto prepared = [&](Values values) {
    Record r;
    r.values = {{"dataset_version_id", version}, {"what_was_done", std::string("Prepared")}};
    for (auto& [k, v] : values)
      r.values[k] = v;
    return records::create(*db_, data_preparations(), alpha_.org, r, kActor);
  };
  auto cleaning = prepared({{"kind", std::string("cleaning")}, {"labellers", std::string("3")}});
  ASSERT_FALSE(cleaning.ok());
  EXPECT_EQ(cleaning.error().field, "labellers");
  auto no_measure = prepared({{"kind", std::string("labelling")}, {"agreement", 0.81}});
  ASSERT_FALSE(no_measure.ok());
  EXPECT_EQ(no_measure.error().field, "agreement_measure");
  auto no_value = prepared(
      {{"kind", std::string("labelling")}, {"agreement_measure", std::string("cohen_kappa")}});
  ASSERT_FALSE(no_value.ok());
  EXPECT_EQ(no_value.error().field, "agreement");
  auto above_one = prepared({{"kind", std::string("labelling")},
                             {"agreement", 1.2},
                             {"agreement_measure", std::string("cohen_kappa")}});
  ASSERT_FALSE(above_one.ok());
  EXPECT_EQ(above_one.error().field, "agreement");
  auto labelled = prepared({{"kind", std::string("labelling")},
                            {"labellers", std::string("Three credit analysts")},
                            {"agreement", 0.81},
                            {"agreement_measure", std::string("cohen_kappa")}});
  ASSERT_TRUE(labelled.ok()) << labelled.error().field << ": " << labelled.error().message;
  EXPECT_EQ(labelled->text("title"), "Labelling: Loan applications 2026-10");
}

TEST_P(DataTest, A72NeedsAStewardAndAPurposeOfUse) {
  EXPECT_EQ(assess("A.7.2").status, readiness::Status::not_met);  // no system names a dataset
  used_by_a_system(applications_);
  must_version(applications_, "v1", {}, {{"purposes", std::vector<std::string>{"training"}}});
  // A purpose, but no steward yet.
  EXPECT_EQ(assess("A.7.2").status, readiness::Status::not_met);
  auto current = records::get(*db_, inventory::datasets(), alpha_.org, applications_);
  ASSERT_TRUE(current.ok());
  Record steward;
  steward.values = {{"steward_id", alpha_.users[0]}};
  ASSERT_TRUE(records::update(*db_, inventory::datasets(), alpha_.org, applications_, steward,
                              current->version, kActor)
                  .ok());
  EXPECT_EQ(assess("A.7.2").status, readiness::Status::met);
}

TEST_P(DataTest, A73NeedsAnApprovedReviewForPersonalData) {
  Record personal = dataset("Customer records");
  personal.values["personal_data"] = true;
  personal.values["consent_status"] = std::string("other_basis");
  const int64_t customers = must_create(alpha_.org, inventory::datasets(), personal);
  used_by_a_system(customers);
  const auto finding = assess("A.7.3");
  EXPECT_EQ(finding.status, readiness::Status::not_met);
  EXPECT_EQ(finding.reason,
            "1 dataset of 1 with personal data or another party's licence have no approved "
            "rights review.");
  ASSERT_EQ(finding.links.size(), 1u);
  EXPECT_EQ(finding.links[0].label, "Customer records");
  const auto reviewer = add_person("reviewer@alpha.test", auth::Role::contributor);
  const auto approver = add_person("approver@alpha.test", auth::Role::aims_manager);
  const Record submitted = submitted_review(customers, reviewer);
  EXPECT_EQ(assess("A.7.3").status, readiness::Status::not_met);  // submitted is not approved
  ASSERT_TRUE(records::transition(*db_, data_rights_reviews(), alpha_.org, submitted.id,
                                  {"approve", "", {}, submitted.version}, approver)
                  .ok());
  EXPECT_EQ(assess("A.7.3").status, readiness::Status::met);
}

TEST_P(DataTest, A75NeedsAHashedVersionTracedToItsSource) {
  used_by_a_system(applications_);
  used_by_a_system(bureau_);
  // A hash, but neither an origin nor a version it came from.
  must_version(applications_, "v1", {}, {{"sha256", kHash}});
  EXPECT_EQ(assess("A.7.5").status, readiness::Status::not_met);
  const int64_t feed =
      must_version(bureau_, "2025-10", {}, {{"sha256", kHash}, {"origin", std::string("SFTP")}});
  // The feed is traced; the applications are not: 1 of 2 falls short.
  EXPECT_EQ(assess("A.7.5").status, readiness::Status::partial);
  must_version(applications_, "v2", {feed}, {{"sha256", kHash}});
  EXPECT_EQ(assess("A.7.5").status, readiness::Status::met);
}

TEST_P(DataTest, A76NeedsPreparationOfEachReleasedTrainingVersion) {
  EXPECT_EQ(assess("A.7.6").status, readiness::Status::not_met);  // nothing released
  const int64_t v1 =
      must_version(applications_, "v1", {},
                   {{"sha256", kHash}, {"purposes", std::vector<std::string>{"training"}}});
  auto current = records::get(*db_, dataset_versions(), alpha_.org, v1);
  ASSERT_TRUE(current.ok());
  ASSERT_TRUE(records::transition(*db_, dataset_versions(), alpha_.org, v1,
                                  {"release", "", {}, current->version}, kActor)
                  .ok());
  const auto unprepared = assess("A.7.6");
  EXPECT_EQ(unprepared.status, readiness::Status::not_met);
  ASSERT_EQ(unprepared.links.size(), 1u);
  EXPECT_EQ(unprepared.links[0].label, "Loan applications v1");
  Record prep;
  prep.values = {{"dataset_version_id", v1},
                 {"kind", std::string("labelling")},
                 {"what_was_done", std::string("Double-labelled defaults.")},
                 {"agreement", 0.82},
                 {"agreement_measure", std::string("cohen_kappa")}};
  auto made = records::create(*db_, data_preparations(), alpha_.org, prep, kActor);
  ASSERT_TRUE(made.ok()) << made.error().message;
  EXPECT_EQ(made->text("title"), "Labelling: Loan applications v1");
  EXPECT_EQ(assess("A.7.6").status, readiness::Status::met);
}

TEST_P(DataTest, TheLineageGraphNamesVersionsEdgesAndModels) {
  const int64_t v1 = must_version(applications_, "v1");
  const int64_t feed = must_version(bureau_, "2025-10");
  const int64_t v2 = must_version(applications_, "v2", {v1, feed});
  Record model;
  model.values = {{"name", std::string("PD model")},
                  {"model_version", std::string("3.2")},
                  {"model_type", std::string("classifier")},
                  {"trained_on_ids", records::Ids{v2}}};
  must_create(alpha_.org, inventory::models(), model);
  auto nodes = lineage_of_dataset(*db_, alpha_.org, applications_);
  ASSERT_TRUE(nodes.ok()) << nodes.error().message;
  ASSERT_EQ(nodes->size(), 3u);  // v1, the feed (reached through v2) and v2
  EXPECT_EQ(lineage_edges(*nodes),
            (std::vector<std::string>{"Loan applications v2 was derived from Loan applications v1",
                                      "Loan applications v2 was derived from Bureau feed 2025-10",
                                      "PD model 3.2 was trained on Loan applications v2"}));
  const std::string svg = lineage_svg(*nodes, "Lineage");
  for (const char* shown :
       {"Loan applications v1", "Bureau feed 2025-10", "Loan applications v2", "PD model 3.2",
        "Loan applications v2 was derived from Loan applications v1",
        "PD model 3.2 was trained on Loan applications v2"})
    EXPECT_NE(svg.find(shown), std::string::npos) << shown;
  // Each box shows its dataset over its version, since long names are shortened.
  EXPECT_NE(svg.find(">version v2<"), std::string::npos);
  // v2 stands one column to the right of its sources: two lines of arrows end at its left edge.
  EXPECT_NE(svg.find("x2=\"288\""), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, DataTest, ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::data
