// The default duties of each EU AI Act role (the expected lists written by hand from the Act's
// articles, not from aims' catalog), their idempotence, the split of duties by party with its
// gaps, the registers' rules, and another organisation's systems kept out.
#include <gtest/gtest.h>

#include "customers/fixture.h"

namespace aims::customers {
namespace {

using records::Record;
using testing::CustomersTest;
using namespace std::string_literals;

// Art. 16 of Regulation (EU) 2024/1689 makes providers of high-risk systems comply with Section 2
// (Art. 9 to 15) and keep a QMS (17), documentation (18) and logs (19), undergo conformity
// assessment (43), draw up the declaration (47), affix the CE marking (48) and register (49);
// Art. 72 and 73 add post-market monitoring and serious-incident reporting.
const std::set<std::string> kProviderDuties = {
    "art_9",  "art_10", "art_11", "art_12", "art_13", "art_14", "art_15", "art_17",
    "art_18", "art_19", "art_43", "art_47", "art_48", "art_49", "art_72", "art_73"};
// Art. 26's paragraphs that bind every deployer (1, 2, 4, 5, 6, 7, 11) and Art. 27's assessment.
const std::set<std::string> kDeployerDuties = {"art_26_1", "art_26_2", "art_26_4",  "art_26_5",
                                               "art_26_6", "art_26_7", "art_26_11", "art_27"};

TEST_P(CustomersTest, AProviderOfAHighRiskSystemGetsArticle16sDutiesOnce) {
  const int64_t credit = add_system("Credit scoring", "provider", "high_risk");
  EXPECT_EQ(add_defaults(credit), 16);
  EXPECT_EQ(duties_of(credit), kProviderDuties);
  for (const auto& r : responsibilities_of(credit)) {
    EXPECT_EQ(r.text("status"), "not_agreed");
    EXPECT_FALSE(r.is_set("party"));
  }
  EXPECT_EQ(add_defaults(credit), 0);
  EXPECT_EQ(responsibilities_of(credit).size(), 16u);
}

TEST_P(CustomersTest, ADeployerOfAHighRiskSystemGetsArticle26And27sDuties) {
  const int64_t triage = add_system("Triage aid", "deployer", "high_risk");
  EXPECT_EQ(add_defaults(triage), 8);
  EXPECT_EQ(duties_of(triage), kDeployerDuties);
  const auto titles = responsibilities_of(triage);
  EXPECT_TRUE(std::any_of(titles.begin(), titles.end(), [](const auto& r) {
    return r.text("title") == "Art. 26(2) Human oversight in use by competent people";
  }));
  EXPECT_EQ(add_defaults(triage), 0);
}

TEST_P(CustomersTest, DefaultsLeaveADutyAlreadyListedAsItIs) {
  const int64_t triage = add_system("Triage aid", "deployer", "high_risk");
  const int64_t own = add(responsibilities(), {{"system_id", triage},
                                               {"duty", "art_26_2"s},
                                               {"party", "organisation"s},
                                               {"accountable_id", alpha_.users[0]},
                                               {"status", "agreed"s}});
  EXPECT_EQ(add_defaults(triage), 7);
  auto kept = records::get(*db_, responsibilities(), alpha_.org, own);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->text("status"), "agreed");
  EXPECT_EQ(responsibilities_of(triage).size(), 8u);
}

TEST_P(CustomersTest, TransparencyAndMinimalSystemsGetTheirRolesDutiesOrNone) {
  const int64_t chat = add_system("Chat assistant", "provider", "transparency");
  EXPECT_EQ(add_defaults(chat), 2);
  EXPECT_EQ(duties_of(chat), (std::set<std::string>{"art_50_1", "art_50_2"}));
  const int64_t coder = add_system("Coding assistant", "deployer", "minimal");
  EXPECT_EQ(add_defaults(coder), 0);
  // An importer's duties (Art. 23) are not in aims' list.
  const int64_t imported = add_system("Imported scorer", "importer", "high_risk");
  EXPECT_EQ(add_defaults(imported), 0);
}

TEST_P(CustomersTest, TheMatrixShowsWhoCarriesEachDutyAndTheGaps) {
  const int64_t triage = add_system("Triage aid", "deployer", "high_risk");
  const int64_t hospital =
      add(customers(), {{"name", "St Clare Hospital"s}, {"kind", "business"s}});
  add_defaults(triage);
  agree_all(triage);
  // Two gaps: log keeping handed to the customer but not yet agreed, the FRIA without a party.
  for (const auto& r : responsibilities_of(triage)) {
    Record changes;
    if (r.text("duty") == "art_26_6")
      changes.values = {{"party", "customer"s},
                        {"customer_id", hospital},
                        {"accountable_id", std::monostate{}},
                        {"status", "not_agreed"s}};
    else if (r.text("duty") == "art_27")
      changes.values = {{"party", std::monostate{}},
                        {"accountable_id", std::monostate{}},
                        {"status", "not_agreed"s}};
    else
      continue;
    auto updated = records::update(*db_, responsibilities(), alpha_.org, r.id, changes, r.version,
                                   inventory::testing::kActor);
    ASSERT_TRUE(updated.ok()) << updated.error().field << ": " << updated.error().message;
  }
  auto m = matrix(*db_, alpha_.org, triage);
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->gaps, 2);
  ASSERT_EQ(m->parties.size(), 2u);
  EXPECT_EQ(m->parties[0].name, "Our organisation");
  EXPECT_EQ(m->parties[1].name, "St Clare Hospital");
  ASSERT_EQ(m->rows.size(), 8u);
  std::map<std::string, const MatrixRow*> rows;
  for (const auto& row : m->rows)
    rows[row.duty] = &row;
  EXPECT_EQ(rows.at("art_26_6")->gap, "not yet agreed");
  EXPECT_EQ(rows.at("art_26_6")->cells[1].size(), 1u);
  EXPECT_EQ(rows.at("art_27")->gap, "no party chosen");
  EXPECT_EQ(rows.at("art_27")->unallocated.size(), 1u);
  EXPECT_EQ(rows.at("art_26_2")->gap, "");
  EXPECT_EQ(rows.at("art_26_2")->cells[0].front().status, "agreed");
}

TEST_P(CustomersTest, ADutyOfTheRoleNobodyRecordedIsAGapAndOthersAreExtraRows) {
  const int64_t credit = add_system("Credit scoring", "provider", "high_risk");
  add(responsibilities(),
      {{"system_id", credit}, {"duty", "other"s}, {"duty_text", "Annual model audit"s}});
  auto m = matrix(*db_, alpha_.org, credit);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->gaps, 16);
  ASSERT_EQ(m->rows.size(), 17u);
  EXPECT_EQ(m->rows.front().label, "Art. 9 Risk management system");
  EXPECT_EQ(m->rows.front().gap, "nobody carries it");
  EXPECT_EQ(m->rows.back().label, "Annual model audit");
  EXPECT_FALSE(m->rows.back().of_role);
  EXPECT_EQ(m->rows.back().gap, "");
}

TEST_P(CustomersTest, AnotherOrganisationsSystemIsNotFound) {
  const int64_t theirs = add_system("Beta scorer", "provider", "high_risk", beta_.org);
  auto added = add_default_responsibilities(*db_, alpha_.org, theirs, inventory::testing::kActor);
  ASSERT_FALSE(added.ok());
  EXPECT_EQ(added.error().code, ErrorCode::not_found);
  auto m = matrix(*db_, alpha_.org, theirs);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().code, ErrorCode::not_found);
}

TEST_P(CustomersTest, AResponsibilityNamesItsPartyAndIsAgreedOnlyOnceItHasOne) {
  const int64_t credit = add_system("Credit scoring", "provider", "high_risk");
  auto agreed = create(responsibilities(),
                       {{"system_id", credit}, {"duty", "art_9"s}, {"status", "agreed"s}});
  ASSERT_FALSE(agreed.ok());
  EXPECT_EQ(agreed.error().field, "party");
  auto supplier = create(responsibilities(),
                         {{"system_id", credit}, {"duty", "art_9"s}, {"party", "supplier"s}});
  ASSERT_FALSE(supplier.ok());
  EXPECT_EQ(supplier.error().field, "supplier_id");
  auto own = create(responsibilities(),
                    {{"system_id", credit}, {"duty", "art_9"s}, {"party", "organisation"s}});
  ASSERT_FALSE(own.ok());
  EXPECT_EQ(own.error().field, "accountable_id");
  auto other = create(responsibilities(), {{"system_id", credit}, {"duty", "other"s}});
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().field, "duty_text");
  auto waived = create(responsibilities(),
                       {{"system_id", credit}, {"duty", "art_48"s}, {"status", "not_applicable"s}});
  ASSERT_FALSE(waived.ok());
  EXPECT_EQ(waived.error().field, "how_met");
}

TEST_P(CustomersTest, ANoticeAboutAnIncidentNamesIt) {
  const int64_t bank = add(customers(), {{"name", "Harbour Bank"s}, {"kind", "business"s}});
  auto notice = create(customer_notices(), {{"title", "Incident"s},
                                            {"customer_ids", records::Ids{bank}},
                                            {"kind", "incident"s},
                                            {"content", "What happened"s}});
  ASSERT_FALSE(notice.ok());
  EXPECT_EQ(notice.error().field, "incident_id");
}

INSTANTIATE_TEST_SUITE_P(Backends, CustomersTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::customers
