// The competence matrix on a fixed day, on both backends: who is a row, which competences are
// columns, and each cell held, expiring, expired, gap or not required. Every expected cell is
// worked out by hand from the records the test writes (noted beside each).
#include <gtest/gtest.h>

#include "roles/fixture.h"

namespace aims::roles {
namespace {

using namespace std::string_literals;

struct Expected {
  CellStatus status;
  std::string date;
};

class MatrixTest : public testing::RolesTest {
 protected:
  void SetUp() override {
    RolesTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    ana_ = add_person("ana@alpha.test", auth::Role::contributor, "Ana Validator").user_id.value();
    ben_ = add_person("ben@alpha.test", auth::Role::contributor, "Ben Clinician").user_id.value();
    cy_ = add_person("cy@alpha.test", auth::Role::contributor, "Cy Former").user_id.value();
    dee_ = add_person("dee@alpha.test", auth::Role::contributor, "Dee Steward").user_id.value();
    clinical_ = competence("Clinical safety");
    fairness_ = competence("Fairness testing");
    privacy_ = competence("Privacy", 12);  // lapses 12 months after the course, whatever it says
    validation_ = competence("Validation");
    competence("Never required");
    const int64_t fairness_course = course("Fairness workshop", {fairness_}, 24);
    const int64_t privacy_course = course("Privacy basics", {privacy_});  // does not expire
    const int64_t validation_course = course("Validation course", {validation_});
    const int64_t validator = role("Validator", {fairness_, validation_});
    const int64_t steward = role("Steward", {privacy_});
    const int64_t clinician = role("Clinician", {clinical_});
    appoint(ana_, validator, "2025-01-01");
    appoint(ana_, steward, "2025-01-01");
    appoint(ben_, clinician, "2026-01-01");
    appoint(cy_, validator, "2025-01-01", {{"until_date", "2026-06-14"s}});  // ended the day before
    appoint(dee_, steward, "2026-01-01");
    // Ana: fairness 2024-07-01 + 24 months = 2026-07-01, 16 days after 2026-06-15 (an older pass
    // expired in 2024 is outdone by it); validation never expires; privacy 2025-06-01 + the
    // competence's 12 months = 2026-06-01, before 2026-06-15.
    train(ana_, fairness_course, "2022-03-01");
    train(ana_, fairness_course, "2024-07-01");
    train(ana_, validation_course, "2025-01-10");
    train(ana_, privacy_course, "2025-06-01");
    // Ben: a failed fairness course (not required of him anyway) and nothing clinical: a gap.
    train(ben_, fairness_course, "2026-02-01", "failed");
    // Cy holds no role on the day, so his training puts no row in the matrix.
    train(cy_, validation_course, "2025-02-01");
    // Dee: privacy 2026-03-01 + 12 months = 2027-03-01.
    train(dee_, privacy_course, "2026-03-01");
  }

  CompetenceMatrix matrix_on(const std::string& today) {
    auto m = competence_matrix(*db_, alpha_.org, today);
    EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().message);
    return m.ok() ? *m : CompetenceMatrix{};
  }

  static void expect_row(const MatrixRow& row, const std::string& person,
                         const std::vector<Expected>& cells) {
    EXPECT_EQ(row.person, person);
    ASSERT_EQ(row.cells.size(), cells.size()) << person;
    for (size_t i = 0; i < cells.size(); ++i) {
      EXPECT_EQ(key(row.cells[i].status), key(cells[i].status)) << person << ", column " << i;
      EXPECT_EQ(row.cells[i].date, cells[i].date) << person << ", column " << i;
    }
  }

  int64_t ana_ = 0, ben_ = 0, cy_ = 0, dee_ = 0;
  int64_t clinical_ = 0, fairness_ = 0, privacy_ = 0, validation_ = 0;
};

TEST_P(MatrixTest, EachCellOnAFixedDay) {
  const CompetenceMatrix m = matrix_on("2026-06-15");
  // Columns: the four competences some role requires, by name; "Never required" is none of them.
  ASSERT_EQ(m.columns.size(), 4u);
  EXPECT_EQ(m.columns[0].name, "Clinical safety");
  EXPECT_EQ(m.columns[1].name, "Fairness testing");
  EXPECT_EQ(m.columns[2].name, "Privacy");
  EXPECT_EQ(m.columns[3].name, "Validation");
  // Rows: the three people holding a role on the day, by name; Cy's appointment ended.
  ASSERT_EQ(m.rows.size(), 3u);
  using S = CellStatus;
  expect_row(m.rows[0], "Ana Validator",
             {{S::not_required, ""},
              {S::expiring, "2026-07-01"},
              {S::expired, "2026-06-01"},
              {S::held, ""}});
  EXPECT_EQ(m.rows[0].roles, (std::vector<std::string>{"Steward", "Validator"}));
  expect_row(m.rows[1], "Ben Clinician",
             {{S::gap, ""}, {S::not_required, ""}, {S::not_required, ""}, {S::not_required, ""}});
  expect_row(m.rows[2], "Dee Steward",
             {{S::not_required, ""},
              {S::not_required, ""},
              {S::held, "2027-03-01"},
              {S::not_required, ""}});
  // Held: Ana's validation and Dee's privacy; one of each of the others.
  EXPECT_EQ(m.held, 2);
  EXPECT_EQ(m.expiring, 1);
  EXPECT_EQ(m.expired, 1);
  EXPECT_EQ(m.gaps, 1);
  EXPECT_EQ(m.today, "2026-06-15");
}

TEST_P(MatrixTest, ExpiringMeansWithinSixtyDays) {
  // Ana's fairness is valid until 2026-07-01: 61 days after 2026-05-01, 60 after 2026-05-02.
  EXPECT_EQ(key(matrix_on("2026-05-01").rows[0].cells[1].status), "held");
  EXPECT_EQ(key(matrix_on("2026-05-02").rows[0].cells[1].status), "expiring");
  // Still valid on its last day, expired the day after.
  EXPECT_EQ(key(matrix_on("2026-07-01").rows[0].cells[1].status), "expiring");
  const auto after = matrix_on("2026-07-02").rows[0].cells[1];
  EXPECT_EQ(key(after.status), "expired");
  EXPECT_EQ(after.date, "2026-07-01");
}

TEST_P(MatrixTest, ANewPassClosesAGapAndAnArchivedRoleLeavesTheMatrix) {
  const int64_t clinical_course = course("Clinical risk management", {clinical_}, 36);
  train(ben_, clinical_course, "2026-06-10");  // + 36 months = 2029-06-10
  CompetenceMatrix m = matrix_on("2026-06-15");
  EXPECT_EQ(key(m.rows[1].cells[0].status), "held");
  EXPECT_EQ(m.rows[1].cells[0].date, "2029-06-10");
  EXPECT_EQ(m.gaps, 0);
  // A course completed after the day does not count on it yet.
  EXPECT_EQ(key(matrix_on("2026-06-09").rows[1].cells[0].status), "gap");
  // The clinician role archived: Ben holds no role that counts, and its column goes.
  auto roles_by_name = records::all_names(*db_, aims_roles(), alpha_.org);
  ASSERT_TRUE(roles_by_name.ok());
  for (const auto& r : *roles_by_name)
    if (r.name == "Clinician") {
      ASSERT_TRUE(records::archive(*db_, aims_roles(), alpha_.org, r.id, admin_).ok());
    }
  m = matrix_on("2026-06-15");
  EXPECT_EQ(m.rows.size(), 2u);
  EXPECT_EQ(m.columns.size(), 3u);
}

TEST_P(MatrixTest, AnotherOrganisationSeesAnEmptyMatrix) {
  auto m = competence_matrix(*db_, beta_.org, "2026-06-15");
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE(m->rows.empty());
  EXPECT_TRUE(m->columns.empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, MatrixTest, ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::roles
