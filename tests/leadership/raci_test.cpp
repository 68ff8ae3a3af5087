// The RACI of an AI system, on both backends: one accountable person per system and activity (the
// refusal names the field and who is accountable already), and the grid of people by activity.
#include <gtest/gtest.h>

#include "leadership/fixture.h"

namespace aims::leadership {
namespace {

using records::Record;
using namespace std::string_literals;

class RaciTest : public testing::LeadershipTest {
 protected:
  testing::Values assignment(const std::string& activity, int64_t person, const std::string& letter,
                             int64_t system = 0) const {
    return {{"system_id", system ? system : system_},
            {"activity", activity},
            {"person_id", person},
            {"letter", letter}};
  }
};

TEST_P(RaciTest, OnePersonIsAccountableForEachActivity) {
  const int64_t sam = secretary_.user_id.value(), owner = alpha_.users[0];
  const auto first =
      add(raci_assignments(), assignment("operation_monitoring", sam, "accountable"));
  EXPECT_EQ(first.text("title"),
            "Credit scorer: Operation and monitoring, Accountable Sam Secretary");

  auto second =
      create(raci_assignments(), assignment("operation_monitoring", owner, "accountable"));
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(second.error().field, "letter");
  EXPECT_NE(second.error().message.find("Sam Secretary is already accountable for Operation and "
                                        "monitoring of Credit scorer"),
            std::string::npos)
      << second.error().message;

  // Responsible for the same activity, or accountable for another, or for another system: fine.
  EXPECT_TRUE(
      create(raci_assignments(), assignment("operation_monitoring", owner, "responsible")).ok());
  EXPECT_TRUE(create(raci_assignments(), assignment("deployment", owner, "accountable")).ok());
  const int64_t other =
      must_create(alpha_.org, inventory::ai_systems(), system("Fraud detector", alpha_.users[0]));
  EXPECT_TRUE(
      create(raci_assignments(), assignment("operation_monitoring", owner, "accountable", other))
          .ok());

  // Editing the accountable assignment itself is no clash with itself.
  Record same;
  same.values = {{"letter", "accountable"s}};
  EXPECT_TRUE(records::update(*db_, raci_assignments(), alpha_.org, first.id, same, first.version,
                              secretary_)
                  .ok());
}

TEST_P(RaciTest, TheGridShowsEachPersonsLettersByActivity) {
  const int64_t sam = secretary_.user_id.value(), owner = alpha_.users[0];
  add(raci_assignments(), assignment("operation_monitoring", sam, "accountable"));
  add(raci_assignments(), assignment("operation_monitoring", owner, "responsible"));
  add(raci_assignments(), assignment("design_requirements", owner, "accountable"));
  add(raci_assignments(), assignment("design_requirements", owner, "responsible"));
  auto grid = raci_grid(*db_, alpha_.org, system_);
  ASSERT_TRUE(grid.ok()) << grid.error().message;
  // By hand: two people, by name ("Owner of Alpha" before "Sam Secretary"); columns are the eight
  // activities in lifecycle order: design is 0, operation and monitoring is 5.
  ASSERT_EQ(grid->people.size(), 2u);
  EXPECT_EQ(grid->people[0].person, "Owner of Alpha");
  EXPECT_EQ(grid->people[1].person, "Sam Secretary");
  const std::vector<std::string> owner_letters = {"RA", "", "", "", "", "R", "", ""};
  const std::vector<std::string> sam_letters = {"", "", "", "", "", "A", "", ""};
  EXPECT_EQ(grid->people[0].letters, owner_letters);
  EXPECT_EQ(grid->people[1].letters, sam_letters);
  EXPECT_EQ(grid->accountable[0], "Owner of Alpha");
  EXPECT_EQ(grid->accountable[5], "Sam Secretary");
  EXPECT_EQ(grid->accountable[4], "");
}

INSTANTIATE_TEST_SUITE_P(Backends, RaciTest, ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::leadership
