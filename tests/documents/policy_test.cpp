// The AI policy's commitments tied to its sections (clause 5.2), the templates to start from, and
// what the readiness rules of documents say (5.2, 7.3, A.2.2, A.2.3; 7.5.3, which reads the
// documents' retention, is retention's rule: tests/retention).
#include <gtest/gtest.h>

#include "documents/fixture.h"
#include "readiness/readiness.h"

namespace aims::documents {
namespace {

class PolicyTest : public DocumentsTest {
 protected:
  readiness::Finding finding(const std::string& requirement) {
    const readiness::Rule* rule = readiness::rule_for("iso-iec-42001-2023", requirement);
    EXPECT_NE(rule, nullptr) << requirement;
    if (!rule) return {};
    auto f = rule->assess(*db_, alpha_.org);
    EXPECT_TRUE(f.ok()) << f.error().message;
    return f.ok() ? *f : readiness::Finding{};
  }
};

TEST(Headings, AreTheAtxHeadingsOutsideCode) {
  EXPECT_EQ(headings("# Title\ntext #not\n## Scope ##\n```\n# code\n```\n###Nospace\n  ### Deep"),
            (std::vector<std::string>{"Title", "Scope", "Deep"}));
}

TEST_P(PolicyTest, SubmittingAnAiPolicyNeedsEachCommitmentTiedToAHeadingOfItsText) {
  // Not tied at all: the error names the commitment's field.
  const Record untied = must_create(policy({{"commitment_improvement", std::string()}}));
  auto refused = submit(untied.id, "First issue", approver_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "commitment_improvement");
  EXPECT_EQ(refused.error().message,
            "name the section of the policy that covers \"A commitment to continual improvement "
            "of the AIMS\"");
  // Tied to a heading the text does not have.
  ASSERT_TRUE(edit(untied.id, {{"commitment_improvement", std::string("Getting better")}}).ok());
  auto missing = submit(untied.id, "First issue", approver_);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().field, "commitment_improvement");
  EXPECT_EQ(missing.error().message,
            "the text has no heading \"Getting better\" for \"A commitment to continual "
            "improvement of the AIMS\"");
  // Headings match whatever their case.
  ASSERT_TRUE(edit(untied.id, {{"commitment_improvement", std::string("improvement")}}).ok());
  EXPECT_TRUE(submit(untied.id, "First issue", approver_).ok());

  // A procedure has no such commitments.
  const Record procedure = must_create(policy({{"title", std::string("Incident procedure")},
                                               {"document_type", std::string("procedure")},
                                               {"commitment_purpose", std::string()}}));
  EXPECT_TRUE(submit(procedure.id, "First issue", approver_).ok());
}

TEST_P(PolicyTest, TemplatesCreateDraftsTheAuthorOwns) {
  // Five templates, worked out from documents/library/index.json.
  ASSERT_EQ(document_templates().size(), 5u);
  for (const auto& t : document_templates()) {
    EXPECT_FALSE(t.body.empty()) << t.key;
    EXPECT_NE(documents().choice_label("document_type", t.document_type), "") << t.key;
  }
  auto made = create_from_template(*db_, alpha_.org, "ai-policy", "", *author_.user_id, author_);
  ASSERT_TRUE(made.ok()) << made.error().field << ": " << made.error().message;
  EXPECT_EQ(made->state, "draft");
  EXPECT_EQ(made->text("title"), "AI policy");
  EXPECT_EQ(made->text("document_type"), "ai_policy");
  EXPECT_EQ(made->number("owner_id"), author_.user_id);
  // The template ties every commitment to a heading its text has.
  for (const auto& c : check_commitments(*made))
    EXPECT_TRUE(c.found) << c.commitment->field << " -> " << c.heading;
  // A second copy needs its own title; an unknown key is not found.
  auto again = create_from_template(*db_, alpha_.org, "ai-policy", "", *author_.user_id, author_);
  EXPECT_EQ(again.error().code, ErrorCode::already_exists);
  EXPECT_EQ(
      create_from_template(*db_, alpha_.org, "nope", "", *author_.user_id, author_).error().code,
      ErrorCode::not_found);
  auto procedure = create_from_template(*db_, alpha_.org, "ai-incident-procedure", "",
                                        *author_.user_id, author_);
  ASSERT_TRUE(procedure.ok());
  EXPECT_EQ(procedure->text("document_type"), "procedure");
}

TEST_P(PolicyTest, ReadinessFollowsThePolicyItsAlignmentAndItsAcknowledgements) {
  using readiness::Status;
  // No policy: 5.2, 7.3, A.2.2 and A.2.3 are not met.
  for (const char* key : {"5.2", "7.3", "A.2.2", "A.2.3"})
    EXPECT_EQ(finding(key).status, Status::not_met) << key;

  // Published to the two contributors' role (second@ active; gone@ disabled) and three more
  // people: five asked. No aligned policies, no retention.
  const Caller p1 = add_person("p1@alpha.test", auth::Role::viewer);
  const Caller p2 = add_person("p2@alpha.test", auth::Role::viewer);
  const Caller p3 = add_person("p3@alpha.test", auth::Role::auditor);
  const Record doc = must_create(
      policy({{"acknowledgement_roles", std::vector<std::string>{"contributor", "viewer"}},
              {"acknowledgement_people",
               std::vector<std::string>{"p3@alpha.test", "author@alpha.test"}}}));
  publish(doc.id, "First issue");
  EXPECT_EQ(finding("5.2").status, Status::met);
  EXPECT_EQ(finding("A.2.2").status, Status::met);
  EXPECT_EQ(finding("A.2.3").status, Status::partial);

  // 7.3: 3 of 5 is below four in five (partial); 4 of 5 meets it.
  for (const Caller* who : {&p1, &p2, &p3})
    ASSERT_TRUE(acknowledge(*db_, alpha_.org, doc.id, 0, *who).ok());
  const auto three = finding("7.3");
  EXPECT_EQ(three.status, Status::partial);
  EXPECT_EQ(three.reason,
            "3 of 5 people asked have acknowledged version 1 of the AI policy; at least four in "
            "five are expected.");
  ASSERT_TRUE(acknowledge(*db_, alpha_.org, doc.id, 0, contributor_).ok());
  EXPECT_EQ(finding("7.3").status, Status::met);

  // A revision that names aligned policies and a retention, published as version 2: A.2.3 is
  // met, and 7.3 starts again (0 of 5).
  ASSERT_TRUE(step(doc.id, "revise", author_, "Alignment").ok());
  ASSERT_TRUE(edit(doc.id, {{"aligned_policies", std::string("Information security policy")},
                            {"retention", std::string("7 years")}})
                  .ok());
  publish(doc.id, "Alignment named");
  EXPECT_EQ(finding("A.2.3").status, Status::met);
  EXPECT_EQ(finding("7.3").status, Status::partial);
}

INSTANTIATE_TEST_SUITE_P(Backends, PolicyTest, ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::documents
