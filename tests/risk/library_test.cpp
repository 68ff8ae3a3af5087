// The library of common AI risks: every entry is a valid starting point (its source, objective,
// treatment, controls and metric are ones the register and the monitoring engine know), and adding
// one copies it into the register, on both backends.
#include <gtest/gtest.h>

#include "controls/controls.h"
#include "monitoring/monitoring.h"
#include "risk/fixture.h"

namespace aims::risk {
namespace {

bool is_choice(const char* field, const std::string& value) {
  const records::Field* f = risks().field(field);
  if (!f) return false;
  for (const auto& c : f->choices)
    if (value == c.value) return true;
  return false;
}

TEST(RiskLibrary, HasAtLeastTwentyFiveEntriesWithUniqueKeysAndTitles) {
  const auto& all = library();
  EXPECT_GE(all.size(), 25u);
  std::set<std::string> keys, titles;
  for (const auto& r : all) {
    EXPECT_TRUE(keys.insert(r.key).second) << "key twice: " << r.key;
    // Titles are unique in the register, so two entries with one title could not both be added.
    EXPECT_TRUE(titles.insert(r.title).second) << "title twice: " << r.title;
    EXPECT_FALSE(r.key.empty());
    EXPECT_FALSE(r.title.empty()) << r.key;
    EXPECT_FALSE(r.description.empty()) << r.key;
    EXPECT_FALSE(r.cause.empty()) << r.key;
    EXPECT_FALSE(r.consequence.empty()) << r.key;
    EXPECT_EQ(library_risk(r.key), &r);
  }
  EXPECT_EQ(library_risk("no-such-risk"), nullptr);
}

TEST(RiskLibrary, EveryEntryUsesTheRegistersChoicesAndTheDefaultScales) {
  for (const auto& r : library()) {
    EXPECT_TRUE(is_choice("source", r.source)) << r.key << ": source " << r.source;
    EXPECT_NE(r.source, "other") << r.key << ": other needs a detail the library does not give";
    EXPECT_TRUE(is_choice("objective", r.objective)) << r.key << ": objective " << r.objective;
    EXPECT_TRUE(is_choice("treatment", r.treatment)) << r.key << ": treatment " << r.treatment;
    EXPECT_GE(r.likelihood, 1) << r.key;
    EXPECT_LE(r.likelihood, 5) << r.key;
    EXPECT_GE(r.impact, 1) << r.key;
    EXPECT_LE(r.impact, 5) << r.key;
  }
}

TEST(RiskLibrary, EveryControlIsAnAnnexAControlAndEveryMetricIsComputed) {
  std::set<std::string> annex_a;
  for (const auto* c : controls::annex_a_controls())
    annex_a.insert(c->id);
  ASSERT_EQ(annex_a.size(), 38u);  // ISO/IEC 42001:2023 Annex A has 38 controls
  const auto& metrics = monitoring::metric_keys();
  for (const auto& r : library()) {
    EXPECT_FALSE(r.controls.empty()) << r.key;
    for (const auto& id : r.controls)
      EXPECT_TRUE(annex_a.count(id)) << r.key << ": " << id << " is no Annex A control";
    if (!r.metric.empty()) {
      EXPECT_NE(std::find(metrics.begin(), metrics.end(), r.metric), metrics.end())
          << r.key << ": " << r.metric << " is no metric the engine computes";
    }
  }
}

class RiskLibraryTest : public testing::RiskTest {};

TEST_P(RiskLibraryTest, AddingAnEntryCopiesItIntoTheRegister) {
  const LibraryRisk* entry = library_risk("data-drift");
  ASSERT_NE(entry, nullptr);
  auto added = add_from_library(*db_, alpha_.org, "data-drift", "", {system_},
                                owner_.user_id.value(), author_);
  ASSERT_TRUE(added.ok()) << added.error().field << ": " << added.error().message;
  const records::Record r = read(added->id);
  EXPECT_EQ(r.state, "identified");
  EXPECT_EQ(r.text("title"), "Input data drifts away from the training data");
  EXPECT_EQ(r.text("description"), entry->description);
  EXPECT_EQ(r.text("source"), "complexity_of_environment");
  EXPECT_EQ(r.text("objective"), "robustness");
  EXPECT_EQ(r.text("cause"), entry->cause);
  EXPECT_EQ(r.text("consequence"), entry->consequence);
  EXPECT_EQ(r.number("inherent_likelihood"), 4);
  EXPECT_EQ(r.number("inherent_impact"), 3);
  // 4 x 3 = 12 -> high under the default product rule (<= 16).
  EXPECT_EQ(r.text("inherent_level"), "high");
  EXPECT_EQ(r.text("treatment"), "modify");
  EXPECT_EQ(r.list("controls"), (std::vector<std::string>{"A.6.2.6", "A.7.4", "A.6.2.4"}));
  EXPECT_EQ(r.text("library_key"), "data-drift");
  EXPECT_EQ(r.ids("system_ids"), (records::Ids{system_}));
  EXPECT_FALSE(r.flag("organisation_wide"));
  EXPECT_EQ(r.number("owner_id"), owner_.user_id);
  EXPECT_EQ(r.created_by, author_.user_id);
  // No monitor is named yet, so the entry's metric is not an indicator on its own.
  EXPECT_FALSE(r.is_set("indicator_metric"));
}

TEST_P(RiskLibraryTest, WithoutSystemsTheCopyIsOrganisationWide) {
  auto added =
      add_from_library(*db_, alpha_.org, "shadow-ai", "", {}, owner_.user_id.value(), author_);
  ASSERT_TRUE(added.ok()) << added.error().field << ": " << added.error().message;
  EXPECT_TRUE(added->flag("organisation_wide"));
  EXPECT_TRUE(added->ids("system_ids").empty());
  EXPECT_EQ(added->text("library_key"), "shadow-ai");
}

TEST_P(RiskLibraryTest, ASecondCopyNeedsItsOwnTitle) {
  ASSERT_TRUE(add_from_library(*db_, alpha_.org, "hallucination", "", {system_},
                               owner_.user_id.value(), author_)
                  .ok());
  auto again = add_from_library(*db_, alpha_.org, "hallucination", "", {system_},
                                owner_.user_id.value(), author_);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::already_exists);
  const int64_t chat = add_system("Chat assistant");
  auto titled =
      add_from_library(*db_, alpha_.org, "hallucination", "Chat assistant makes up answers", {chat},
                       owner_.user_id.value(), author_);
  ASSERT_TRUE(titled.ok()) << titled.error().message;
  EXPECT_EQ(titled->text("title"), "Chat assistant makes up answers");
  EXPECT_EQ(titled->text("library_key"), "hallucination");
}

TEST_P(RiskLibraryTest, AnUnknownEntryIsNotFound) {
  auto missing = add_from_library(*db_, alpha_.org, "no-such-risk", "", {system_},
                                  owner_.user_id.value(), author_);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  // Nothing was written.
  auto all = records::list_all(*db_, risks(), alpha_.org);
  ASSERT_TRUE(all.ok());
  EXPECT_TRUE(all->empty());
}

TEST_P(RiskLibraryTest, EveryEntryCanBeAdded) {
  // What the library page offers must be accepted by the register as it is.
  for (const auto& entry : library()) {
    auto added = add_from_library(*db_, alpha_.org, entry.key, "", {system_},
                                  owner_.user_id.value(), author_);
    EXPECT_TRUE(added.ok()) << entry.key << ": "
                            << (added.ok() ? ""
                                           : added.error().field + ": " + added.error().message);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, RiskLibraryTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::risk
