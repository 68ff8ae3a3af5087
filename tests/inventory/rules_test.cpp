// Every inventory validation rule, accepted and rejected, without a database.
#include "records/rules.h"

#include <gtest/gtest.h>

#include "inventory/registers.h"

namespace aims::inventory {
namespace {

using records::Record;
namespace rules = records::rules;

Record valid_system() {
  Record r;
  r.values = {
      {"name", std::string("Credit scorer")},
      {"purpose", std::string("Scores retail credit applications")},
      {"org_role", std::string("provider")},
      {"owner_id", int64_t{7}},
      {"lifecycle_stage", std::string("operation_monitoring")},
      {"automation_level", std::string("human_in_the_loop")},
      {"eu_ai_act_class", std::string("high_risk")},
      {"annex_iii_area", std::string("essential_services")},
      {"eu_class_rationale", std::string("Creditworthiness of natural persons: Annex III 5(b).")},
      {"risk_tier", std::string("high")},
      {"in_scope", true}};
  return r;
}

// The field an invalid record is refused on, or "" when it is accepted.
std::string refused_field(const records::Description& kind, const Record& r) {
  auto prepared = records::prepare(kind, r);
  return prepared.ok() ? "" : prepared.error().field;
}

TEST(AiSystemRules, AValidHighRiskSystemIsAccepted) {
  EXPECT_EQ(refused_field(ai_systems(), valid_system()), "");
}

TEST(AiSystemRules, HighRiskNeedsAnnexIiiAreaOrAnnexIProduct) {
  Record r = valid_system();
  r.values["annex_iii_area"] = std::string();
  EXPECT_EQ(refused_field(ai_systems(), r), "annex_iii_area");
  r.values["annex_i_product"] = std::string("Medical device, Regulation (EU) 2017/745");
  EXPECT_EQ(refused_field(ai_systems(), r), "") << "an Annex I product is enough";
}

TEST(AiSystemRules, OnlyHighRiskHasAnAnnexBasis) {
  Record r = valid_system();
  r.values["eu_ai_act_class"] = std::string("minimal");
  EXPECT_EQ(refused_field(ai_systems(), r), "annex_iii_area");
  r.values["annex_iii_area"] = std::string();
  r.values["annex_i_product"] = std::string("Toy");
  EXPECT_EQ(refused_field(ai_systems(), r), "annex_i_product");
  r.values["annex_i_product"] = std::string();
  EXPECT_EQ(refused_field(ai_systems(), r), "");
}

TEST(AiSystemRules, AClassifiedSystemNeedsARationale) {
  Record r = valid_system();
  r.values["eu_class_rationale"] = std::string("   ");
  EXPECT_EQ(refused_field(ai_systems(), r), "eu_class_rationale");
  r.values["eu_ai_act_class"] = std::string("not_assessed");
  r.values["annex_iii_area"] = std::string();
  EXPECT_EQ(refused_field(ai_systems(), r), "") << "not yet assessed needs no rationale";
}

TEST(AiSystemRules, AProhibitedPracticeIsNeverDeployedOrOperated) {
  Record r = valid_system();
  r.values["eu_ai_act_class"] = std::string("prohibited");
  r.values["annex_iii_area"] = std::string();
  EXPECT_EQ(refused_field(ai_systems(), r), "lifecycle_stage");
  r.values["lifecycle_stage"] = std::string("retirement");
  EXPECT_EQ(refused_field(ai_systems(), r), "");
}

TEST(AiSystemRules, OutOfScopeNeedsAReason) {
  Record r = valid_system();
  r.values["in_scope"] = false;
  EXPECT_EQ(refused_field(ai_systems(), r), "scope_exclusion_reason");
  r.values["scope_exclusion_reason"] = std::string("Research prototype, no production use");
  EXPECT_EQ(refused_field(ai_systems(), r), "");
  // In scope, a leftover reason is cleared rather than kept contradicting the flag.
  Record in = valid_system();
  in.values["scope_exclusion_reason"] = std::string("stale");
  auto prepared = records::prepare(ai_systems(), in);
  ASSERT_TRUE(prepared.ok());
  EXPECT_EQ(prepared->text("scope_exclusion_reason"), "");
}

TEST(AiSystemRules, RetirementNotBeforeDeployment) {
  Record r = valid_system();
  r.values["deployed_on"] = std::string("2025-03-01");
  r.values["retired_on"] = std::string("2025-02-28");
  EXPECT_EQ(refused_field(ai_systems(), r), "retired_on");
  r.values["retired_on"] = std::string("2025-03-01");
  EXPECT_EQ(refused_field(ai_systems(), r), "") << "the same day is allowed";
  r.values["retired_on"] = std::string("2025-02-30");
  EXPECT_EQ(refused_field(ai_systems(), r), "retired_on") << "no such date";
}

TEST(AiSystemRules, RequiredFieldsAndChoices) {
  for (const char* key : {"name", "purpose", "org_role", "owner_id"}) {
    Record r = valid_system();
    r.values.erase(key);
    EXPECT_EQ(refused_field(ai_systems(), r), key);
  }
  Record r = valid_system();
  r.values["lifecycle_stage"] = std::string("someday");
  EXPECT_EQ(refused_field(ai_systems(), r), "lifecycle_stage");
  r = valid_system();
  r.values["name"] = std::string(201, 'x');
  EXPECT_EQ(refused_field(ai_systems(), r), "name");
  r = valid_system();
  r.values["name"] = std::string("two\nlines");
  EXPECT_EQ(refused_field(ai_systems(), r), "name");
}

TEST(AiSystemRules, DefaultsAndNormalisedTags) {
  Record r;
  r.values = {{"name", std::string("  Chat  ")},
              {"purpose", std::string("Answers questions")},
              {"org_role", std::string("deployer")},
              {"owner_id", int64_t{1}},
              {"tags", std::vector<std::string>{"LLM", " llm ", "Support", ""}}};
  auto p = records::prepare(ai_systems(), r);
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->text("name"), "Chat");
  EXPECT_EQ(p->text("eu_ai_act_class"), "not_assessed");
  EXPECT_EQ(p->text("lifecycle_stage"), "design");
  EXPECT_EQ(p->text("risk_tier"), "medium");
  EXPECT_TRUE(p->flag("in_scope"));
  EXPECT_EQ(p->list("tags"), (std::vector<std::string>{"llm", "support"}));
}

TEST(ModelRules, SupplierModelsNameTheirSupplier) {
  Record r;
  r.values = {{"name", std::string("GPT")},
              {"model_version", std::string("4o")},
              {"model_type", std::string("generative")},
              {"provider", std::string("supplier")}};
  EXPECT_EQ(refused_field(models(), r), "supplier_id");
  r.values["supplier_id"] = int64_t{3};
  EXPECT_EQ(refused_field(models(), r), "");
  r.values["provider"] = std::string("in_house");
  EXPECT_EQ(refused_field(models(), r), "supplier_id");
}

TEST(ModelRules, ArtefactHashIs64HexDigitsAndIsLowerCased) {
  Record r;
  r.values = {{"name", std::string("PD")},
              {"model_version", std::string("1")},
              {"model_type", std::string("classifier")},
              {"artefact_sha256", std::string("ABC")}};
  EXPECT_EQ(refused_field(models(), r), "artefact_sha256");
  r.values["artefact_sha256"] = std::string(64, 'F');
  auto p = records::prepare(models(), r);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->text("artefact_sha256"), std::string(64, 'f'));
  r.values["model_card.modelParameters.approach.type"] = std::string("magic");
  EXPECT_EQ(refused_field(models(), r), "model_card.modelParameters.approach.type");
}

TEST(DatasetRules, PersonalDataNeedsAConsentStatus) {
  Record r;
  r.values = {{"name", std::string("Loans")},
              {"source", std::string("Core banking")},
              {"personal_data", true}};
  EXPECT_EQ(refused_field(datasets(), r), "consent_status");
  r.values["consent_status"] = std::string("other_basis");
  EXPECT_EQ(refused_field(datasets(), r), "");
}

TEST(DatasetRules, DisposalNotBeforeCollection) {
  Record r;
  r.values = {{"name", std::string("Loans")},
              {"source", std::string("Core banking")},
              {"provenance_when", std::string("2024-06-01")},
              {"disposal_date", std::string("2024-01-01")}};
  EXPECT_EQ(refused_field(datasets(), r), "disposal_date");
  r.values["record_count"] = int64_t{-5};
  r.values["disposal_date"] = std::string("2031-01-01");
  EXPECT_EQ(refused_field(datasets(), r), "record_count");
}

TEST(SupplierRules, NextReviewAfterLastAndEmailShape) {
  Record r;
  r.values = {{"name", std::string("Acme AI")},
              {"provides", std::string("model_api")},
              {"last_review", std::string("2026-05-01")},
              {"next_review", std::string("2026-04-01")}};
  EXPECT_EQ(refused_field(suppliers(), r), "next_review");
  r.values["next_review"] = std::string("2027-05-01");
  r.values["contact_email"] = std::string("not an email");
  EXPECT_EQ(refused_field(suppliers(), r), "contact_email");
  r.values["contact_email"] = std::string("Risk@Acme.example");
  auto p = records::prepare(suppliers(), r);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->text("contact_email"), "risk@acme.example");
}

TEST(TextConversion, FlagsCountsAndLists) {
  const records::Description& d = datasets();
  EXPECT_EQ(rules::parse_text(*d.field("personal_data"), "Yes", ';')->index(),
            records::FieldValue(true).index());
  EXPECT_TRUE(std::get<bool>(*rules::parse_text(*d.field("personal_data"), "yes", ';')));
  EXPECT_FALSE(std::get<bool>(*rules::parse_text(*d.field("personal_data"), "", ';')));
  EXPECT_FALSE(rules::parse_text(*d.field("personal_data"), "maybe", ';').ok());
  EXPECT_EQ(std::get<int64_t>(*rules::parse_text(*d.field("record_count"), " 1200 ", ';')), 1200);
  EXPECT_FALSE(rules::parse_text(*d.field("record_count"), "12k", ';').ok());
  auto list = rules::parse_text(*d.field("sensitive_attributes"), "sex; age ;;ethnicity", ';');
  EXPECT_EQ(std::get<std::vector<std::string>>(*list),
            (std::vector<std::string>{"sex", "age", "ethnicity"}));
  EXPECT_EQ(rules::to_text(*list, "; "), "sex; age; ethnicity");
}

}  // namespace
}  // namespace aims::inventory
