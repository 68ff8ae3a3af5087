// Readiness worked out from records, on both backends: each rule of the domain modules (4.3 and
// A.4.3 from the inventory (A.4.4 and A.4.5 moved to tests/resources), 5.2, A.2.4 and 7.5.2 from
// controlled documents, A.6.2.6 from monitoring, 6.1.3 from the SoA) with the records that meet it
// and those that do not; Annex A controls from their SoA entry and evidence; clause requirements
// from manual assessments; the scores per group and overall; the other frameworks' coverage through
// the mappings; the Stage 1 checklist; and another organisation's records out of reach.
//
// Every expected status, count and score below is worked out by hand from the records each test
// creates, not read back from the code under test. A fresh organisation starts with every one of
// the 70 assessable ISO/IEC 42001 items (32 clause requirements, 38 Annex A controls) not met,
// except A.6.2.6 and A.6.2.8: with no AI system in operation, nothing needs monitoring or event
// logs, so they are met.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/time.h"
#include "controls/controls.h"
#include "documents/documents.h"
#include "inventory/fixture.h"
#include "monitoring/monitoring.h"

namespace aims::controls {
namespace {

using namespace std::string_literals;
using records::Caller;
using records::Record;
using ::testing::HasSubstr;
using Values = std::map<std::string, records::FieldValue>;

// 32 clause requirements (4.1 .. 10.2) and 38 Annex A controls: standards-facts.md sections 1, 2.
constexpr int kAssessable = 70;

// A date `days` from today (UTC, as the rules read "today"): "YYYY-MM-DD".
std::string date_in(int days) {
  return format_timestamp(now_micros() + int64_t(days) * 86'400'000'000LL).substr(0, 10);
}

// "met", "partial", "not_met", "not_applicable": as text, so a failure prints the word.
std::string key_of(readiness::Status status) {
  return std::string(readiness::key(status));
}

// A small monitor the engine accepts, with no thresholds (so a run raises no alert), and a log it
// reads.
constexpr const char* kMonitorConfig = R"({"columns":{"prediction":"pred","label":"label"}})";
constexpr const char* kLog = "pred,label\n1,1\n0,0\n1,0\n0,0\n";

class ReadinessTest : public inventory::testing::InventoryTest {
 protected:
  void SetUp() override {
    InventoryTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    // Each is idempotent; together they add every rule the readiness page reads.
    inventory::define_registers();
    documents::define_registers();
    monitoring::define_readiness_rules();
    define_registers();
    admin_ = {{"user", alpha_.users[0], "owner@alpha.test"}, alpha_.users[0], auth::Role::admin};
    author_ = add_person("author@alpha.test", auth::Role::aims_manager);
    approver_ = add_person("approver@alpha.test", auth::Role::aims_manager);
  }

  // ---- readiness ------------------------------------------------------------------------------

  Readiness assess(int64_t org = 0) {
    auto r = assess_readiness(*db_, org ? org : alpha_.org);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : Readiness{};
  }

  static Assessment find(const Readiness& r, const std::string& id) {
    for (const auto& a : r.items) {
      if (a.id == id) return a;
    }
    ADD_FAILURE() << "no assessment for " << id;
    return {};
  }

  Assessment assessment_for(const std::string& id, int64_t org = 0) {
    return find(assess(org), id);
  }

  // The item's assessment, once its status is checked (a wrong one prints the reason given).
  Assessment status_of(const std::string& id, const std::string& expected) {
    Assessment a = assessment_for(id);
    EXPECT_EQ(key_of(a.status), expected) << id << ": " << a.reason;
    EXPECT_EQ(a.source, "records") << id;
    return a;
  }

  static const Score* score_of(const std::vector<Score>& scores, const std::string& id) {
    for (const auto& s : scores) {
      if (s.id == id) return &s;
    }
    ADD_FAILURE() << "no score for " << id;
    return nullptr;
  }

  // ---- inventory ------------------------------------------------------------------------------

  // An AI system of alpha, in scope unless `values` says otherwise.
  int64_t add_system(const std::string& name, Values values = {}) {
    Record r = system(name, alpha_.users[0]);
    for (auto& [k, v] : values)
      r.values[k] = v;
    return must_create(alpha_.org, inventory::ai_systems(), r);
  }

  int64_t add_dataset(const std::string& name) {
    Record r;
    r.values = {{"name", name}, {"source", "Core banking"s}};
    return must_create(alpha_.org, inventory::datasets(), r);
  }

  // A supplier of alpha, not yet assessed.
  int64_t add_supplier(const std::string& name, const std::string& provides) {
    Record r;
    r.values = {{"name", name}, {"provides", provides}};
    return must_create(alpha_.org, inventory::suppliers(), r);
  }

  // An in-house model unless `supplier` names where it comes from.
  int64_t add_model(const std::string& name, const std::string& version,
                    std::optional<int64_t> supplier = std::nullopt) {
    Record r;
    r.values = {{"name", name}, {"model_version", version}, {"model_type", "classifier"s}};
    if (supplier) {
      r.values["provider"] = "supplier"s;
      r.values["supplier_id"] = *supplier;
    }
    return must_create(alpha_.org, inventory::models(), r);
  }

  void edit(const records::Description& d, int64_t id, Values values) {
    auto now = records::get(*db_, d, alpha_.org, id);
    ASSERT_TRUE(now.ok());
    Record changes;
    changes.values = std::move(values);
    auto done =
        records::update(*db_, d, alpha_.org, id, changes, now->version, inventory::testing::kActor);
    ASSERT_TRUE(done.ok()) << done.error().field << ": " << done.error().message;
  }

  void edit_system(int64_t id, Values values) { edit(inventory::ai_systems(), id, values); }

  void write_scope(const std::string& statement, int64_t org = 0) {
    auto s = inventory::set_scope_statement(*db_, org ? org : alpha_.org, statement, 0,
                                            inventory::testing::kTrailActor);
    ASSERT_TRUE(s.ok()) << s.error().message;
  }

  // ---- documents ------------------------------------------------------------------------------

  // A document written by the author and owned by the admin: an AI policy unless `values` says
  // otherwise, effective today, reviewed every 12 months.
  int64_t add_document(const std::string& title, Values values = {}) {
    Record r;
    r.values = {{"title", title},
                {"document_type", "ai_policy"s},
                {"owner_id", admin_.user_id.value()},
                {"body",
                 "# AI policy\n\n## Purpose\n\nFair credit.\n\n## Objectives\n\nWe set "
                 "objectives for responsible AI.\n\n## Obligations\n\nWe meet the law.\n\n"
                 "## Improvement\n\nReviewed yearly.\n\n## Communication\n\nEveryone reads it."s},
                // An AI policy is submitted only with each commitment tied to its section.
                {"commitment_purpose", "Purpose"s},
                {"commitment_objectives", "Objectives"s},
                {"commitment_requirements", "Obligations"s},
                {"commitment_improvement", "Improvement"s},
                {"commitment_communication", "Communication"s},
                {"review_interval_months", int64_t(12)},
                {"effective_date", date_in(0)}};
    for (auto& [k, v] : values)
      r.values[k] = v;
    auto created = records::create(*db_, documents::documents(), alpha_.org, r, author_);
    EXPECT_TRUE(created.ok()) << (created.ok()
                                      ? ""
                                      : created.error().field + ": " + created.error().message);
    return created.ok() ? created->id : 0;
  }

  void step(int64_t id, const std::string& name, const Caller& who, const std::string& reason) {
    auto now = records::get(*db_, documents::documents(), alpha_.org, id);
    ASSERT_TRUE(now.ok());
    records::Record values;  // documents are submitted naming the one person who approves them
    if (name == "submit") values.values["approver_id"] = approver_.user_id.value();
    auto moved = records::transition(*db_, documents::documents(), alpha_.org, id,
                                     {name, reason, std::move(values), now->version}, who);
    ASSERT_TRUE(moved.ok()) << name << ": " << moved.error().message;
    ASSERT_TRUE(moved->moved) << name;
  }

  // Submitted by its author, approved by a second person who neither wrote nor owns it.
  void publish(int64_t id) {
    step(id, "submit", author_, "First issue");
    step(id, "approve", approver_, "Reviewed");
  }

  // ---- monitoring -----------------------------------------------------------------------------

  int64_t add_monitor(int64_t system_id, const std::string& name) {
    monitoring::MonitorInput in;
    in.system_id = system_id;
    in.name = name;
    in.config_json = kMonitorConfig;
    in.thresholds_json = "[]"s;
    auto m = monitoring::create_monitor(*db_, alpha_.org, in, inventory::testing::kTrailActor);
    EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().field + ": " + m.error().message);
    return m.ok() ? m->id : 0;
  }

  // A completed run, finished now.
  int64_t run(int64_t monitor_id) {
    monitoring::RunRequest request;
    request.monitor_id = monitor_id;
    request.log = monitoring::LogInput::memory(kLog);
    request.input_name = "week.csv";
    request.options.threads = 1;
    auto r = monitoring::run_monitor(*db_, alpha_.org, request, inventory::testing::kTrailActor);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    EXPECT_TRUE(!r.ok() || r->status == "completed");
    return r.ok() ? r->id : 0;
  }

  // ---- Statement of Applicability -------------------------------------------------------------

  void start() {
    auto added = start_soa(*db_, alpha_.org, admin_);
    ASSERT_TRUE(added.ok()) << added.error().message;
  }

  Record entry(const std::string& control) {
    auto all = records::list_all(*db_, soa_entries(), alpha_.org);
    EXPECT_TRUE(all.ok());
    if (all.ok()) {
      for (auto& e : *all) {
        if (e.text("control") == control) return e;
      }
    }
    ADD_FAILURE() << "no SoA entry for " << control;
    return {};
  }

  // Decides one control, justified; what applies is owned by the admin.
  void decide(const std::string& control, const std::string& applicability,
              const std::string& implementation = "not_started", records::Ids evidence = {}) {
    const Record e = entry(control);
    Record changes;
    changes.values = {{"applicability", applicability},
                      {"justification", "Decided for " + control},
                      {"implementation", implementation}};
    if (applicability == "applicable") changes.values["owner_id"] = admin_.user_id.value();
    if (!evidence.empty()) changes.values["evidence_ids"] = evidence;
    auto done = records::update(*db_, soa_entries(), alpha_.org, e.id, changes, e.version, author_);
    ASSERT_TRUE(done.ok()) << control << ": " << done.error().field << ": " << done.error().message;
  }

  // Every control not yet decided becomes applicable, not started.
  void decide_all() {
    for (const Item* c : annex_a_controls()) {
      if (entry(c->id).text("applicability") == "undecided") decide(c->id, "applicable");
    }
  }

  int64_t submit_soa() {
    Record r;
    r.values = {{"change_summary", "First version"s}};
    auto v = records::create(*db_, soa_versions(), alpha_.org, r, author_);
    EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.error().message);
    return v.ok() ? v->id : 0;
  }

  int64_t add_evidence(const std::string& title, std::optional<std::string> valid_until) {
    Record r;
    r.values = {{"title", title},
                {"evidence_type", "report"s},
                {"owner_id", admin_.user_id.value()},
                {"collected_on", date_in(-400)}};
    if (valid_until) r.values["valid_until"] = *valid_until;
    return must_create(alpha_.org, evidence(), r);
  }

  void assess_by_hand(const std::string& requirement, const std::string& status,
                      const std::string& on, const std::string& notes) {
    Record r;
    r.values = {{"requirement", requirement},
                {"status", status},
                {"notes", notes},
                {"assessor_id", admin_.user_id.value()},
                {"assessed_on", on}};
    must_create(alpha_.org, assessments(), r);
  }

  Caller admin_, author_, approver_;
};

// ---- 4.3 scope ---------------------------------------------------------------------------------

TEST_P(ReadinessTest, ScopeIsNotMetWithoutAStatementOrAnyAISystem) {
  const Assessment a = assessment_for("4.3");
  EXPECT_EQ(key_of(a.status), "not_met");
  EXPECT_EQ(a.source, "records");
  EXPECT_THAT(a.reason, HasSubstr("No scope statement is written yet"));
  EXPECT_THAT(a.reason, HasSubstr("the inventory holds no AI system"));
  EXPECT_EQ(a.fix.href, "/inventory/scope");
}

TEST_P(ReadinessTest, ScopeIsMetWithAStatementAndEverySystemInOrExcludedWithAReason) {
  add_system("Credit scorer");
  add_system("Legacy chatbot",
             {{"in_scope", false}, {"scope_exclusion_reason", "Run by the parent company"s}});
  // Systems decided but no statement yet: partly met.
  Assessment a = assessment_for("4.3");
  EXPECT_EQ(key_of(a.status), "partial");
  EXPECT_THAT(a.reason, HasSubstr("which 2 AI systems are in or out"));

  write_scope("All retail credit AI systems operated by Alpha in the EU.");
  a = assessment_for("4.3");
  EXPECT_EQ(key_of(a.status), "met");
  EXPECT_EQ(a.source, "records");
  EXPECT_THAT(a.reason, HasSubstr("2 AI systems"));
  EXPECT_THAT(a.reason, HasSubstr("in scope (1)"));
  EXPECT_THAT(a.reason, HasSubstr("excluded with a reason (1)"));
}

// ---- A.4.3 data resources ----------------------------------------------------------------------

TEST_P(ReadinessTest, DataResourcesNeedADatasetForEverySystemInScopePastDesign) {
  // Neither counts: one is still in design, the other is outside the scope.
  add_system("Idea", {{"lifecycle_stage", "design"s}});
  add_system("Excluded scorer", {{"lifecycle_stage", "operation_monitoring"s},
                                 {"in_scope", false},
                                 {"scope_exclusion_reason", "Run by the parent company"s}});
  Assessment a = assessment_for("A.4.3");
  EXPECT_EQ(key_of(a.status), "not_met");
  EXPECT_EQ(a.source, "records");
  EXPECT_THAT(a.reason, HasSubstr("No AI system in scope is past design yet"));

  const int64_t scorer = add_system("Credit scorer", {{"lifecycle_stage", "development"s}});
  a = assessment_for("A.4.3");
  EXPECT_EQ(key_of(a.status), "not_met");
  EXPECT_THAT(a.reason, HasSubstr("1 AI system of 1 in scope past design names no dataset"));
  ASSERT_EQ(a.links.size(), 1u);
  EXPECT_EQ(a.links[0].label, "Credit scorer");

  // A second system with its dataset: one of two names none.
  add_system("Fraud detector", {{"lifecycle_stage", "deployment"s},
                                {"dataset_ids", records::Ids{add_dataset("Card payments")}}});
  a = assessment_for("A.4.3");
  EXPECT_EQ(key_of(a.status), "partial");
  EXPECT_THAT(a.reason, HasSubstr("1 AI system of 2 in scope past design names no dataset"));

  edit_system(scorer, {{"dataset_ids", records::Ids{add_dataset("Loans 2025")}}});
  a = assessment_for("A.4.3");
  EXPECT_EQ(key_of(a.status), "met");
  EXPECT_EQ(a.source, "records");
  EXPECT_THAT(a.reason, HasSubstr("Each of the 2 AI systems in scope past design names"));
}

// ---- 5.2 AI policy, A.2.4 its review, 7.5.2 documents ------------------------------------------

TEST_P(ReadinessTest, TheAIPolicyIsMetOnlyOncePublishedByASecondPerson) {
  Assessment a = assessment_for("5.2");
  EXPECT_EQ(key_of(a.status), "not_met");
  EXPECT_EQ(a.source, "records");
  EXPECT_THAT(a.reason, HasSubstr("No AI policy is recorded"));

  // A procedure is not an AI policy.
  add_document("Data handling procedure", {{"document_type", "procedure"s}});
  EXPECT_EQ(key_of(assessment_for("5.2").status), "not_met");

  const int64_t policy = add_document("AI policy");
  a = assessment_for("5.2");
  EXPECT_EQ(key_of(a.status), "partial");
  EXPECT_THAT(a.reason, HasSubstr("written but not yet approved and published"));

  step(policy, "submit", author_, "First issue");
  EXPECT_EQ(key_of(assessment_for("5.2").status), "partial") << "in review";

  step(policy, "approve", approver_, "Reviewed");
  a = assessment_for("5.2");
  EXPECT_EQ(key_of(a.status), "met");
  EXPECT_EQ(a.source, "records");
  EXPECT_THAT(a.reason, HasSubstr("\"AI policy\" is approved (version 1 in force)"));
}

TEST_P(ReadinessTest, ThePolicyReviewIsMetWhileItsNextReviewIsAhead) {
  EXPECT_THAT(assessment_for("A.2.4").reason, HasSubstr("no AI policy in force to review"));
  const std::string next_year = date_in(300);
  publish(add_document("AI policy", {{"next_review", next_year}}));
  const Assessment a = assessment_for("A.2.4");
  EXPECT_EQ(key_of(a.status), "met");
  EXPECT_EQ(a.source, "records");
  EXPECT_THAT(a.reason, HasSubstr("reviewed every 12 months"));
  EXPECT_THAT(a.reason, HasSubstr("next review is due on " + next_year));
}

TEST_P(ReadinessTest, ThePolicyReviewIsNotMetOnceItsNextReviewHasPassed) {
  // Set by hand: effective 400 days ago, so the date the interval gives (35 days ago) differs.
  const std::string yesterday = date_in(-1);
  publish(
      add_document("AI policy", {{"effective_date", date_in(-400)}, {"next_review", yesterday}}));
  const Assessment a = assessment_for("A.2.4");
  EXPECT_EQ(key_of(a.status), "not_met");
  EXPECT_EQ(a.source, "records");
  EXPECT_THAT(a.reason, HasSubstr("was due on " + yesterday + " and is overdue"));
}

TEST_P(ReadinessTest, DocumentsAreCurrentWhenNonePublishedIsPastItsReview) {
  add_document("Draft procedure", {{"document_type", "procedure"s}});
  Assessment a = assessment_for("7.5.2");
  EXPECT_EQ(key_of(a.status), "not_met") << "a draft is not approved";
  EXPECT_THAT(a.reason, HasSubstr("No controlled document is approved and in force"));

  publish(add_document("Incident procedure",
                       {{"document_type", "procedure"s}, {"next_review", date_in(30)}}));
  a = assessment_for("7.5.2");
  EXPECT_EQ(key_of(a.status), "met");
  EXPECT_EQ(a.source, "records");
  EXPECT_THAT(a.reason, HasSubstr("The one approved document was approved by someone other than"));

  publish(
      add_document("AI policy", {{"effective_date", date_in(-400)}, {"next_review", date_in(-1)}}));
  a = assessment_for("7.5.2");
  EXPECT_EQ(key_of(a.status), "partial");
  EXPECT_THAT(a.reason, HasSubstr("1 of 2 approved documents are past their review date"));
  ASSERT_EQ(a.links.size(), 1u);
  EXPECT_EQ(a.links[0].label, "AI policy");
}

// Starting a revision moves a published document back to draft while its approved version stays
// frozen and in force (clause 7.5): 5.2, A.2.4 and 7.5.2 still count it.
TEST_P(ReadinessTest, AnApprovedPolicyUnderRevisionStillCounts) {
  const int64_t policy = add_document("AI policy", {{"next_review", date_in(300)}});
  publish(policy);
  ASSERT_EQ(key_of(assessment_for("5.2").status), "met");
  step(policy, "revise", author_, "Yearly review");

  const Readiness r = assess();
  EXPECT_EQ(key_of(find(r, "5.2").status), "met") << find(r, "5.2").reason;
  EXPECT_EQ(key_of(find(r, "A.2.4").status), "met") << find(r, "A.2.4").reason;
  EXPECT_EQ(key_of(find(r, "7.5.2").status), "met") << find(r, "7.5.2").reason;
}

// A retired policy is no longer in force: with no other AI policy, 5.2 is not met, and the reason
// does not say it awaits approval.
TEST_P(ReadinessTest, ARetiredPolicyIsNoPolicyInForce) {
  const int64_t policy = add_document("AI policy");
  publish(policy);
  step(policy, "retire", approver_, "Withdrawn");
  const Assessment a = assessment_for("5.2");
  EXPECT_EQ(key_of(a.status), "not_met");
  EXPECT_THAT(a.reason, ::testing::Not(HasSubstr("not yet approved")));
  EXPECT_THAT(a.reason, HasSubstr("was retired and no other AI policy is in force"));
}

// ---- A.6.2.6 operation and monitoring ----------------------------------------------------------

TEST_P(ReadinessTest, SystemsInOperationNeedAnActiveMonitorWithARecentRun) {
  // Out of scope, so it needs no monitor.
  add_system("Excluded scorer", {{"lifecycle_stage", "operation_monitoring"s},
                                 {"in_scope", false},
                                 {"scope_exclusion_reason", "Run by the parent company"s}});
  Assessment a = assessment_for("A.6.2.6");
  EXPECT_EQ(key_of(a.status), "met");
  EXPECT_THAT(a.reason, HasSubstr("No AI system in scope is in operation"));

  const int64_t scorer =
      add_system("Credit scorer", {{"lifecycle_stage", "operation_monitoring"s}});
  const int64_t fraud =
      add_system("Fraud detector", {{"lifecycle_stage", "operation_monitoring"s}});
  a = assessment_for("A.6.2.6");
  EXPECT_EQ(key_of(a.status), "not_met");
  EXPECT_EQ(a.source, "records");
  EXPECT_THAT(a.reason, HasSubstr("2 of 2 AI systems in operation have no active monitor"));

  // A monitor that never ran shows nothing yet.
  const int64_t scorer_monitor = add_monitor(scorer, "Credit fairness");
  EXPECT_EQ(key_of(assessment_for("A.6.2.6").status), "not_met");

  run(scorer_monitor);
  a = assessment_for("A.6.2.6");
  EXPECT_EQ(key_of(a.status), "partial");
  EXPECT_THAT(a.reason, HasSubstr("1 of 2 AI systems in operation have no active monitor"));
  ASSERT_EQ(a.links.size(), 1u);
  EXPECT_EQ(a.links[0].label, "Fraud detector");

  run(add_monitor(fraud, "Fraud drift"));
  a = assessment_for("A.6.2.6");
  EXPECT_EQ(key_of(a.status), "met");
  EXPECT_EQ(a.source, "records");
  EXPECT_THAT(a.reason,
              HasSubstr("All 2 AI systems in operation have an active monitor with a run"));
}

TEST_P(ReadinessTest, AStaleFailedOrArchivedMonitorDoesNotCount) {
  const int64_t scorer =
      add_system("Credit scorer", {{"lifecycle_stage", "operation_monitoring"s}});
  const int64_t monitor = add_monitor(scorer, "Credit fairness");

  // A failed run is no evidence of monitoring.
  monitoring::RunRequest request;
  request.monitor_id = monitor;
  request.input_name = "missing.csv";
  ASSERT_TRUE(monitoring::record_failed_run(*db_, alpha_.org, request, "log not found",
                                            inventory::testing::kTrailActor)
                  .ok());
  EXPECT_EQ(key_of(assessment_for("A.6.2.6").status), "not_met");

  // A completed run, moved back 40 days by hand: run_monitor always stamps now, and a monitor run
  // by upload counts as current for 31 days.
  const int64_t old_run = run(monitor);
  ASSERT_EQ(key_of(assessment_for("A.6.2.6").status), "met");
  const std::string forty_days_ago = format_timestamp(now_micros() - 40 * 86'400'000'000LL);
  ASSERT_TRUE(db_->write([&](store::Tx& tx) -> aims::Status {
                   TRY(
                       tx.exec("UPDATE monitor_runs SET started_at = $1, finished_at = $1 "
                               "WHERE org_id = $2 AND id = $3",
                               {forty_days_ago, alpha_.org, old_run}));
                   return {};
                 })
                  .ok());
  Assessment a = assessment_for("A.6.2.6");
  EXPECT_EQ(key_of(a.status), "not_met");
  EXPECT_THAT(a.reason, HasSubstr("1 of 1 AI system in operation has no active monitor"));

  // A recent run of an archived monitor does not count either.
  run(monitor);
  ASSERT_EQ(key_of(assessment_for("A.6.2.6").status), "met");
  ASSERT_TRUE(
      monitoring::archive_monitor(*db_, alpha_.org, monitor, true, inventory::testing::kTrailActor)
          .ok());
  EXPECT_EQ(key_of(assessment_for("A.6.2.6").status), "not_met");
}

// ---- 6.1.3 the SoA -----------------------------------------------------------------------------

TEST_P(ReadinessTest, TheSoAIsMetOnceEveryControlIsDecidedAndAVersionApproved) {
  Assessment a = assessment_for("6.1.3");
  EXPECT_EQ(key_of(a.status), "not_met");
  EXPECT_THAT(a.reason, HasSubstr("38 of 38 Annex A controls")) << "no SoA yet";

  start();
  a = assessment_for("6.1.3");
  EXPECT_EQ(key_of(a.status), "not_met");
  EXPECT_EQ(a.source, "records");
  EXPECT_THAT(a.reason, HasSubstr("38 of 38 Annex A controls are not yet decided"));

  decide("A.10.4", "not_applicable");
  decide("A.2.2", "applicable");
  a = assessment_for("6.1.3");
  EXPECT_THAT(a.reason, HasSubstr("36 of 38 Annex A controls are not yet decided"));

  decide_all();
  a = assessment_for("6.1.3");
  EXPECT_EQ(key_of(a.status), "partial");
  EXPECT_THAT(a.reason, HasSubstr("no version of the SoA is approved yet"));

  const int64_t version = submit_soa();
  EXPECT_EQ(key_of(assessment_for("6.1.3").status), "partial") << "submitted, not approved";

  auto now = records::get(*db_, soa_versions(), alpha_.org, version);
  ASSERT_TRUE(now.ok());
  auto approved = records::transition(*db_, soa_versions(), alpha_.org, version,
                                      {"approve", "", {}, now->version}, approver_);
  ASSERT_TRUE(approved.ok()) << approved.error().message;
  a = assessment_for("6.1.3");
  EXPECT_EQ(key_of(a.status), "met");
  EXPECT_EQ(a.source, "records");
  EXPECT_THAT(a.reason, HasSubstr("Version 1 of the SoA is approved"));
}

// ---- Annex A controls from the SoA and evidence ------------------------------------------------

TEST_P(ReadinessTest, AControlTakesItsStatusFromItsSoAEntryAndEvidence) {
  start();
  // Valid until today still counts; until yesterday has expired.
  const int64_t current = add_evidence("Roles charter", date_in(0));
  const int64_t expired = add_evidence("Old reporting test", date_in(-1));
  decide("A.3.2", "applicable", "implemented", {current, expired});
  decide("A.3.3", "applicable", "implemented", {expired});
  decide("A.4.2", "applicable", "implemented");
  decide("A.6.1.2", "applicable", "partial");
  decide("A.6.1.3", "applicable", "planned");
  decide("A.4.6", "applicable", "not_started");
  decide("A.5.2", "not_applicable");

  const Readiness r = assess();
  Assessment a = find(r, "A.3.2");
  EXPECT_EQ(key_of(a.status), "met");
  EXPECT_EQ(a.source, "soa");
  EXPECT_THAT(a.reason, HasSubstr("with current evidence: Roles charter"));

  a = find(r, "A.3.3");
  EXPECT_EQ(key_of(a.status), "partial");
  EXPECT_THAT(a.reason, HasSubstr("its evidence has expired: Old reporting test"));

  a = find(r, "A.4.2");
  EXPECT_EQ(key_of(a.status), "partial");
  EXPECT_THAT(a.reason, HasSubstr("no evidence shows it"));

  a = find(r, "A.6.1.2");
  EXPECT_EQ(key_of(a.status), "partial");
  EXPECT_THAT(a.reason, HasSubstr("Partially implemented"));

  a = find(r, "A.6.1.3");
  EXPECT_EQ(key_of(a.status), "not_met");
  EXPECT_THAT(a.reason, HasSubstr("Planned, not yet implemented"));

  a = find(r, "A.4.6");
  EXPECT_EQ(key_of(a.status), "not_met");
  EXPECT_THAT(a.reason, HasSubstr("implementation has not started"));

  a = find(r, "A.5.3");
  EXPECT_EQ(key_of(a.status), "not_met");
  EXPECT_EQ(a.source, "soa");
  EXPECT_THAT(a.reason, HasSubstr("does not yet say whether this control applies"));

  a = find(r, "A.5.2");
  EXPECT_EQ(key_of(a.status), "not_applicable");
  EXPECT_EQ(a.source, "soa");
  EXPECT_THAT(a.reason, HasSubstr("Excluded in the SoA: Decided for A.5.2"));

  // By hand: met A.3.2, A.6.2.6 and A.6.2.8 (nothing in operation); partial A.3.3, A.4.2,
  // A.6.1.2; excluded A.5.2; the other 70 - 7 = 63 not met.
  EXPECT_EQ(r.overall.met, 3);
  EXPECT_EQ(r.overall.partial, 3);
  EXPECT_EQ(r.overall.excluded, 1);
  EXPECT_EQ(r.overall.not_met, kAssessable - 7);
  const Score* a5 = score_of(r.annex, "A.5");
  ASSERT_NE(a5, nullptr);
  EXPECT_EQ(a5->excluded, 1);
  EXPECT_EQ(a5->not_met, 3) << "A.5.3, A.5.4 and A.5.5";
}

TEST_P(ReadinessTest, AControlWithARuleExcludedInTheSoAIsNotApplicable) {
  // A.6.2.6's rule would find it met (nothing in operation); the SoA's exclusion wins.
  start();
  decide("A.6.2.6", "not_applicable");
  const Assessment a = assessment_for("A.6.2.6");
  EXPECT_EQ(key_of(a.status), "not_applicable");
  EXPECT_EQ(a.source, "soa");
}

// ---- monitors cited as evidence ----------------------------------------------------------------

// A control cites monitors; the latest completed run of each is current evidence for a month (a
// monitor run by upload), after which it is out of date like an expired evidence item.
TEST_P(ReadinessTest, AMonitorsLatestRunIsCurrentEvidenceForTheControlThatCitesIt) {
  start();
  const int64_t scorer = add_system("Retail credit scoring");
  const int64_t fresh = add_monitor(scorer, "Weekly performance");
  const int64_t stale = add_monitor(scorer, "Quarterly drift");
  const int64_t idle = add_monitor(scorer, "Never run");
  run(fresh);
  const int64_t old_run = run(stale);
  // 40 days ago: past the 31 days a monitor run by upload counts for.
  ASSERT_TRUE(db_->write([&](store::Tx& tx) -> Status {
                   TRY(tx.exec("UPDATE monitor_runs SET finished_at = $1 WHERE id = $2",
                               {format_timestamp(now_micros() - 40 * 86'400'000'000LL), old_run}));
                   return {};
                 })
                  .ok());
  const auto cite = [&](const std::string& control, records::Ids monitors) {
    decide(control, "applicable", "implemented");
    const Record e = entry(control);
    Record changes;
    changes.values = {{"monitor_ids", monitors}};
    auto done = records::update(*db_, soa_entries(), alpha_.org, e.id, changes, e.version, author_);
    ASSERT_TRUE(done.ok()) << done.error().field << ": " << done.error().message;
  };
  cite("A.6.2.4", {stale, fresh});
  cite("A.7.4", {stale});
  cite("A.6.2.5", {idle});

  const Readiness r = assess();
  Assessment a = find(r, "A.6.2.4");
  EXPECT_EQ(key_of(a.status), "met");
  EXPECT_THAT(a.reason, HasSubstr("current evidence: Monitor Weekly performance (Retail credit "
                                  "scoring), run " +
                                  date_in(0)));
  ASSERT_EQ(a.links.size(), 3u) << "the entry and both monitors";
  EXPECT_EQ(a.links[2].href, "/monitoring/monitors/" + std::to_string(fresh));

  a = find(r, "A.7.4");
  EXPECT_EQ(key_of(a.status), "partial");
  EXPECT_THAT(a.reason, HasSubstr("Monitor Quarterly drift (Retail credit scoring), last run " +
                                  date_in(-40) + ", older than its interval"));

  a = find(r, "A.6.2.5");
  EXPECT_EQ(key_of(a.status), "partial");
  EXPECT_THAT(a.reason, HasSubstr("Monitor Never run (Retail credit scoring), never run"));

  // An archived monitor shows nothing current, however recent its last run.
  ASSERT_TRUE(
      monitoring::archive_monitor(*db_, alpha_.org, fresh, true, inventory::testing::kTrailActor)
          .ok());
  a = assessment_for("A.6.2.4");
  EXPECT_EQ(key_of(a.status), "partial") << "both its monitors are out of date now";
  ASSERT_EQ(a.links.size(), 3u);
  EXPECT_EQ(a.links[2].label,
            "Monitor Weekly performance (Retail credit scoring), archived, last run " + date_in(0));
}

// A monitor is cited by id like any reference: one of another organisation does not exist here,
// and the entry keeps its monitors by name in a frozen SoA version.
TEST_P(ReadinessTest, AnEntryCitesOnlyItsOwnOrganisationsMonitorsAndAVersionNamesThem) {
  start();
  const int64_t ours = add_monitor(add_system("Retail credit scoring"), "Weekly performance");
  Record sys = system("Beta scorer", beta_.users[0]);
  monitoring::MonitorInput in;
  in.system_id = must_create(beta_.org, inventory::ai_systems(), sys);
  in.name = "Beta monitor";
  in.config_json = kMonitorConfig;
  in.thresholds_json = "[]"s;
  auto theirs = monitoring::create_monitor(*db_, beta_.org, in, inventory::testing::kTrailActor);
  ASSERT_TRUE(theirs.ok()) << theirs.error().message;

  const Record e = entry("A.6.2.4");
  Record changes;
  changes.values = {{"monitor_ids", records::Ids{theirs->id}}};
  auto refused =
      records::update(*db_, soa_entries(), alpha_.org, e.id, changes, e.version, author_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "monitor_ids");
  EXPECT_EQ(refused.error().message,
            "no such monitor in this organisation: " + std::to_string(theirs->id));

  changes.values = {{"monitor_ids", records::Ids{ours}}};
  ASSERT_TRUE(
      records::update(*db_, soa_entries(), alpha_.org, e.id, changes, e.version, author_).ok());
  decide_all();
  const int64_t version = submit_soa();
  auto frozen = frozen_entries(*db_, alpha_.org, version);
  ASSERT_TRUE(frozen.ok()) << frozen.error().message;
  for (const auto& f : *frozen) {
    if (f.control != "A.6.2.4") continue;
    EXPECT_EQ(f.evidence, "Monitor Weekly performance (Retail credit scoring)");
  }
}

// ---- clause requirements without a rule --------------------------------------------------------

TEST_P(ReadinessTest, AClauseWithoutARuleTakesTheLatestManualAssessment) {
  Assessment a = assessment_for("4.1");
  EXPECT_EQ(key_of(a.status), "not_met");
  EXPECT_EQ(a.source, "none");
  EXPECT_EQ(a.fix.href, "/controls/readiness/assessments/new?requirement=4.1");

  const std::string last_month = date_in(-30), last_week = date_in(-7);
  assess_by_hand("4.1", "met", last_month, "Context analysis reviewed at the board.");
  a = assessment_for("4.1");
  EXPECT_EQ(key_of(a.status), "met");
  EXPECT_EQ(a.source, "manual");
  EXPECT_EQ(a.reason,
            "Assessed by hand on " + last_month + ": Context analysis reviewed at the board.");

  // Written after the first, but assessed earlier: the first still stands.
  assess_by_hand("4.1", "not_met", date_in(-60), "Older finding entered late.");
  EXPECT_EQ(key_of(assessment_for("4.1").status), "met");

  assess_by_hand("4.1", "partial", last_week, "New issues not yet analysed.");
  a = assessment_for("4.1");
  EXPECT_EQ(key_of(a.status), "partial");
  EXPECT_EQ(a.source, "manual");
  EXPECT_THAT(a.reason, HasSubstr(last_week + ": New issues not yet analysed."));

  // A requirement with a rule reads its records: a manual finding for it is refused at once,
  // naming what the rule reads, rather than stored and never used.
  Record scope;
  scope.values = {{"requirement", "4.3"s},
                  {"status", "met"s},
                  {"notes", "We think the scope is fine."s},
                  {"assessor_id", admin_.user_id.value()},
                  {"assessed_on", last_week}};
  auto refused = records::create(*db_, assessments(), alpha_.org, scope, admin_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "requirement");
  EXPECT_THAT(refused.error().message, HasSubstr("AIMS scope statement"));
  a = assessment_for("4.3");
  EXPECT_EQ(key_of(a.status), "not_met");
  EXPECT_EQ(a.source, "records");
}

// ---- scores and coverage -----------------------------------------------------------------------

TEST_P(ReadinessTest, ScoresCountMetAsOneAndPartialAsAHalfLeavingOutWhatDoesNotApply) {
  start();
  // A.6.2.2 and A.6.2.3 are proved by the SoA (no rule reads records for them).
  decide("A.6.2.2", "applicable", "implemented", {add_evidence("Requirements spec", date_in(30))});
  decide("A.6.2.3", "applicable", "partial");
  decide("A.10.4", "not_applicable");

  const Readiness r = assess();
  ASSERT_EQ(int(r.items.size()), kAssessable);
  ASSERT_EQ(r.clauses.size(), 7u) << "4 .. 10";
  ASSERT_EQ(r.annex.size(), 9u) << "A.2 .. A.10";
  EXPECT_EQ(r.clauses.front().id, "4");
  EXPECT_EQ(r.annex.front().id, "A.2");

  // A.2: the documents' rules find no AI policy, so A.2.2, A.2.3 and A.2.4 are not met: 0 / 3.
  const Score* a2 = score_of(r.annex, "A.2");
  ASSERT_NE(a2, nullptr);
  EXPECT_EQ(a2->met, 0);
  EXPECT_EQ(a2->not_met, 3);
  EXPECT_DOUBLE_EQ(a2->value(), 0.0);

  // A.6: A.6.2.6 and A.6.2.8 met (their rules: nothing in operation) and A.6.2.2 met, A.6.2.3
  // partial, the other 5 of its 9 controls not met: (3 + 0.5) / 9.
  const Score* a6 = score_of(r.annex, "A.6");
  ASSERT_NE(a6, nullptr);
  EXPECT_EQ(a6->met, 3);
  EXPECT_EQ(a6->partial, 1);
  EXPECT_EQ(a6->not_met, 5);
  EXPECT_DOUBLE_EQ(a6->value(), 3.5 / 9);

  // A.10: A.10.2 and A.10.3 not met, A.10.4 left out: 0 / 2.
  const Score* a10 = score_of(r.annex, "A.10");
  ASSERT_NE(a10, nullptr);
  EXPECT_EQ(a10->not_met, 2);
  EXPECT_EQ(a10->excluded, 1);
  EXPECT_DOUBLE_EQ(a10->value(), 0.0);

  // Clause 4: 4.1 .. 4.4, none met.
  const Score* c4 = score_of(r.clauses, "4");
  ASSERT_NE(c4, nullptr);
  EXPECT_EQ(c4->not_met, 4);
  EXPECT_DOUBLE_EQ(c4->value(), 0.0);

  // Overall: met A.6.2.2, A.6.2.6 and A.6.2.8, partial A.6.2.3, excluded A.10.4, the other 65 not
  // met: (3 + 0.5) / 69.
  EXPECT_EQ(r.overall.met, 3);
  EXPECT_EQ(r.overall.partial, 1);
  EXPECT_EQ(r.overall.excluded, 1);
  EXPECT_EQ(r.overall.not_met, 65);
  EXPECT_DOUBLE_EQ(r.overall.value(), 3.5 / 69);

  EXPECT_DOUBLE_EQ(Score{}.value(), 0.0) << "nothing counts";
  EXPECT_DOUBLE_EQ((Score{.excluded = 3}).value(), 0.0) << "nothing counts";
}

TEST_P(ReadinessTest, AnotherFrameworkIsCoveredWhereEveryMappedItemIsMet) {
  // 7.2 met by hand; A.6.2.6 met by its rule (nothing in operation); everything else not met.
  assess_by_hand("7.2", "met", date_in(-1), "Competence records for every AI role.");
  const Readiness r = assess();
  const Coverage* nist = nullptr;
  const Coverage* iso27001 = nullptr;
  for (const auto& c : r.coverage) {
    if (c.framework == "nist-ai-rmf-1.0") nist = &c;
    if (c.framework == "iso-iec-27001-2022") iso27001 = &c;
  }
  ASSERT_NE(nist, nullptr);
  ASSERT_NE(iso27001, nullptr);

  // By hand from the NIST crosswalk (standards-facts.md 7.1, checked against
  // src/controls/catalogs/nist-ai-rmf-1.0--iso-iec-42001-2023.json), all 72 subcategories mapped:
  // - 7.2 links GOVERN 2.1, GOVERN 2.2, GOVERN 3.2, MAP 1.2 and MAP 3.4. GOVERN 2.2 maps to 7.2
  //   alone, so it is covered; the other four also map to items not met, so they are partly.
  // - A.6.2.6 links 15 subcategories. GOVERN 1.7 maps to A.6.2.6 alone, so it is covered; the
  //   other 14 are partly. None of them is among the five of 7.2.
  // (MAP 3.3, the only NIST subcategory of 4.3, also maps to A.5.2 .. A.5.5, so it would not do.)
  EXPECT_EQ(nist->name, "NIST AI RMF");
  EXPECT_FALSE(nist->own_mapping);
  EXPECT_EQ(nist->mapped, 72);
  EXPECT_EQ(nist->covered, 2);
  EXPECT_EQ(nist->partly, 4 + 14);
  EXPECT_DOUBLE_EQ(nist->value(), (2 + 0.5 * 18) / 72);

  // ISO/IEC 27001: 30 clauses mapped; its 7.2 maps to 42001's 7.2 alone, and none maps to
  // A.6.2.6.
  EXPECT_EQ(iso27001->mapped, 30);
  EXPECT_EQ(iso27001->covered, 1);
  EXPECT_EQ(iso27001->partly, 0);
}

// ---- Stage 1 and tenancy -----------------------------------------------------------------------

TEST_P(ReadinessTest, TheStage1ChecklistTakesTheStatusOfItsRequirements) {
  publish(add_document("AI policy"));
  const Readiness r = assess();
  ASSERT_EQ(r.stage1.size(), 6u);
  const std::vector<std::string> requirements = {"4.3", "5.2", "6.1.2", "6.1.3", "9.2.2", "9.3.1"};
  for (size_t n = 0; n < r.stage1.size(); ++n) {
    EXPECT_EQ(r.stage1[n].requirement, requirements[n]);
    EXPECT_EQ(r.stage1[n].status, find(r, requirements[n]).status) << requirements[n];
  }
  EXPECT_EQ(r.stage1[1].label, "AI policy");
  EXPECT_EQ(key_of(r.stage1[1].status), "met");
  EXPECT_EQ(key_of(r.stage1[0].status), "not_met");
}

TEST_P(ReadinessTest, AnotherOrganisationsRecordsLeaveReadinessAlone) {
  const auto snapshot = [&](int64_t org) {
    std::vector<std::string> out;
    for (const auto& a : assess(org).items)
      out.push_back(a.id + " " + key_of(a.status) + " " + a.source + " " + a.reason);
    return out;
  };
  const auto before = snapshot(alpha_.org);
  ASSERT_EQ(int(before.size()), kAssessable);

  // Beta writes its scope, has a system in operation with a dataset and a monitor that ran,
  // decides a control with evidence, and assesses 4.1 by hand.
  const int64_t owner = beta_.users[0];
  const Caller beta_admin{{"user", owner, "owner@beta.test"}, owner, auth::Role::admin};
  write_scope("Everything Beta runs.", beta_.org);
  Record dataset;
  dataset.values = {{"name", "Beta data"s}, {"source", "Beta CRM"s}};
  Record sys = system("Beta scorer", owner);
  sys.values["lifecycle_stage"] = "operation_monitoring"s;
  sys.values["dataset_ids"] = records::Ids{must_create(beta_.org, inventory::datasets(), dataset)};
  const int64_t beta_system = must_create(beta_.org, inventory::ai_systems(), sys);
  monitoring::MonitorInput in;
  in.system_id = beta_system;
  in.name = "Beta monitor";
  in.config_json = kMonitorConfig;
  in.thresholds_json = "[]"s;
  auto monitor = monitoring::create_monitor(*db_, beta_.org, in, inventory::testing::kTrailActor);
  ASSERT_TRUE(monitor.ok()) << monitor.error().message;
  monitoring::RunRequest request;
  request.monitor_id = monitor->id;
  request.log = monitoring::LogInput::memory(kLog);
  request.input_name = "beta.csv";
  ASSERT_TRUE(
      monitoring::run_monitor(*db_, beta_.org, request, inventory::testing::kTrailActor).ok());
  ASSERT_TRUE(start_soa(*db_, beta_.org, beta_admin).ok());
  Record ev;
  ev.values = {{"title", "Beta evidence"s},
               {"evidence_type", "report"s},
               {"owner_id", owner},
               {"collected_on", date_in(-1)}};
  const int64_t beta_evidence = must_create(beta_.org, evidence(), ev);
  auto beta_entries = records::list_all(*db_, soa_entries(), beta_.org);
  ASSERT_TRUE(beta_entries.ok());
  for (const auto& e : *beta_entries) {
    if (e.text("control") != "A.3.2") continue;
    Record changes;
    changes.values = {{"applicability", "applicable"s},
                      {"justification", "Beta needs it"s},
                      {"implementation", "implemented"s},
                      {"owner_id", owner},
                      {"evidence_ids", records::Ids{beta_evidence}}};
    ASSERT_TRUE(
        records::update(*db_, soa_entries(), beta_.org, e.id, changes, e.version, beta_admin).ok());
  }
  Record manual;
  manual.values = {{"requirement", "4.1"s},
                   {"status", "met"s},
                   {"notes", "Beta's context"s},
                   {"assessor_id", owner},
                   {"assessed_on", date_in(-1)}};
  must_create(beta_.org, assessments(), manual);

  // Beta's own readiness moved (so the records above were read) ...
  const Readiness beta = assess(beta_.org);
  EXPECT_EQ(key_of(find(beta, "4.3").status), "met");
  EXPECT_EQ(key_of(find(beta, "A.4.3").status), "met");
  EXPECT_EQ(key_of(find(beta, "A.6.2.6").status), "met");
  EXPECT_EQ(key_of(find(beta, "A.3.2").status), "met");
  EXPECT_EQ(find(beta, "4.1").source, "manual");
  EXPECT_THAT(find(beta, "6.1.3").reason, HasSubstr("37 of 38"));
  // ... and Alpha's did not.
  EXPECT_EQ(snapshot(alpha_.org), before);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReadinessTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::controls
