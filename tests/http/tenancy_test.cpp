// Records of one organisation are invisible to another: every route that takes an id answers
// 404 for another organisation's id (never the record, never 403) and changes nothing.
#include <gtest/gtest.h>

#include "concerns/concerns.h"
#include "context/context.h"
#include "controls/controls.h"
#include "customers/customers.h"
#include "data/data.h"
#include "data_quality/data_quality.h"
#include "documents/documents.h"
#include "impact/impact.h"
#include "improvement/improvement.h"
#include "internal_audit/internal_audit.h"
#include "inventory/inventory.h"
#include "leadership/leadership.h"
#include "lifecycle/lifecycle.h"
#include "monitoring/monitoring.h"
#include "notify/notify.h"
#include "notify/outbox.h"
#include "notify/settings.h"
#include "objectives/objectives.h"
#include "oversight/oversight.h"
#include "records/attachments.h"
#include "records/backdated.h"
#include "records/records.h"
#include "resources/resources.h"
#include "retention/retention.h"
#include "review/review.h"
#include "risk/risk.h"
#include "roles/roles.h"
#include "suppliers/suppliers.h"
#include "support/test_server.h"
#include "technical_file/technical_file.h"
#include "trail/trail.h"
#include "transparency/transparency.h"

namespace aims {
namespace {

using auth::Role;

class TenancyTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    server_ = std::make_unique<testing::TestServer>(url_);
    a_ = server_->seed_org("Alpha Bank");
    b_ = server_->seed_org("Beta Insurance");
    auto token = auth::create_token(server_->db(), a_.org.id, a_.users[Role::viewer].id, "alpha-ci",
                                    std::nullopt, {"cli", std::nullopt, "cli:test"});
    ASSERT_TRUE(token.ok());
    a_token_ = token->token.id;
    const trail::Actor actor{"cli", std::nullopt, "cli:test"};
    seed_alpha_webhook(actor);
    const records::Caller caller{actor, std::nullopt, std::nullopt};
    auto add = [&](const records::Description& d,
                   std::map<std::string, records::FieldValue> values) {
      records::Record r;
      r.values = std::move(values);
      auto created = records::create(server_->db(), d, a_.org.id, r, caller);
      EXPECT_TRUE(created.ok()) << created.error().message;
      return created.ok() ? created->id : 0;
    };
    a_records_["supplier"] = add(inventory::suppliers(), {{"name", std::string("alpha supplier")},
                                                          {"provides", std::string("data")}});
    a_records_["dataset"] = add(inventory::datasets(), {{"name", std::string("alpha data")},
                                                        {"source", std::string("core")}});
    a_records_["model"] = add(inventory::models(), {{"name", std::string("alpha model")},
                                                    {"model_version", std::string("1")},
                                                    {"model_type", std::string("rules")}});
    a_records_["system"] = add(inventory::ai_systems(), {{"name", std::string("alpha system")},
                                                         {"purpose", std::string("scoring")},
                                                         {"org_role", std::string("deployer")},
                                                         {"owner_id", a_.users[Role::admin].id}});
    a_records_["document"] = add(documents::documents(), {{"title", std::string("alpha policy")},
                                                          {"owner_id", a_.users[Role::admin].id}});
    seed_monitoring(actor);
    a_records_["nonconformity"] =
        add(improvement::nonconformities(),
            {{"title", std::string("alpha nonconformity")}, {"grade", std::string("minor")}});
    a_records_["corrective_action"] =
        add(improvement::corrective_actions(), {{"title", std::string("alpha corrective action")},
                                                {"nonconformity_id", a_records_["nonconformity"]},
                                                {"owner_id", a_.users[Role::admin].id},
                                                {"due_on", std::string("2026-12-31")}});
    a_records_["concern"] =
        add(concerns::concerns(), {{"what_happened", std::string("alpha concern")}});
    seed_data(add);
    seed_controls(caller, add);
    seed_risks(add);
    seed_context(add);
    seed_leadership(add);
    seed_roles(caller, add);
    seed_review(add);
    seed_customers(add);
    seed_data_quality(caller, add);
    seed_lifecycle(actor, add);
    seed_oversight(add);
    auto attached =
        records::attach_file(server_->db(), inventory::ai_systems(), a_.org.id,
                             a_records_["system"], "alpha.txt", "alpha evidence", caller);
    ASSERT_TRUE(attached.ok()) << attached.error().message;
    a_attachment_ = attached->id;
  }

  // A monitor whose one run breached (accuracy can never reach 1.01), so A has a run, an alert and
  // an incident for B to reach for.
  void seed_monitoring(const trail::Actor& actor) {
    monitoring::MonitorInput input;
    input.system_id = a_records_["system"];
    input.name = "alpha monitor";
    input.config_json = R"({"columns":{"prediction":"p","label":"y"},"task":"classification"})";
    input.thresholds_json =
        R"([{"metric":"performance.accuracy","comparison":"below","value":1.01}])";
    auto monitor = monitoring::create_monitor(server_->db(), a_.org.id, input, actor);
    ASSERT_TRUE(monitor.ok()) << monitor.error().message;
    a_records_["monitor"] = monitor->id;
    monitoring::RunRequest request;
    request.monitor_id = monitor->id;
    request.log = monitoring::LogInput::memory("p,y\n1,1\n0,1\n1,0\n0,0\n");
    request.input_name = "alpha.csv";
    auto run = monitoring::run_monitor(server_->db(), a_.org.id, request, actor);
    ASSERT_TRUE(run.ok()) << run.error().message;
    ASSERT_EQ(run->alerts.size(), 1u);
    ASSERT_TRUE(run->incident_id.has_value());
    a_records_["run"] = run->id;
    a_records_["alert"] = run->alerts[0].id;
    a_records_["incident"] = *run->incident_id;
  }

  // Evidence, a manual assessment, and an SoA decided in full with a version submitted.
  template <typename Add>
  void seed_controls(const records::Caller& caller, const Add& add) {
    const int64_t admin = a_.users[Role::admin].id;
    a_records_["evidence"] =
        add(controls::evidence(), {{"title", std::string("alpha evidence")},
                                   {"owner_id", admin},
                                   {"collected_on", std::string("2026-01-05")}});
    a_records_["assessment"] =
        add(controls::assessments(), {{"requirement", std::string("4.4")},
                                      {"status", std::string("met")},
                                      {"notes", std::string("alpha")},
                                      {"assessor_id", admin},
                                      {"assessed_on", std::string("2026-01-05")}});
    ASSERT_TRUE(controls::start_soa(server_->db(), a_.org.id, caller).ok());
    auto entries = records::list_all(server_->db(), controls::soa_entries(), a_.org.id);
    ASSERT_TRUE(entries.ok());
    a_records_["soa_entry"] = entries->front().id;
    for (const auto& e : *entries) {
      records::Record decided;
      decided.values = {{"applicability", std::string("applicable")},
                        {"justification", std::string("alpha")},
                        {"owner_id", admin}};
      ASSERT_TRUE(records::update(server_->db(), controls::soa_entries(), a_.org.id, e.id, decided,
                                  e.version, caller)
                      .ok());
    }
    a_records_["soa_version"] =
        add(controls::soa_versions(), {{"change_summary", std::string("alpha")}});
  }

  // A risk with a treatment action, and an impact assessment with one harm.
  template <typename Add>
  void seed_risks(const Add& add) {
    const int64_t admin = a_.users[Role::admin].id;
    a_records_["risk"] = add(
        risk::risks(),
        {{"title", std::string("alpha risk")}, {"owner_id", admin}, {"organisation_wide", true}});
    a_records_["risk_action"] =
        add(risk::treatment_actions(), {{"title", std::string("alpha action")},
                                        {"risk_id", a_records_["risk"]},
                                        {"owner_id", admin},
                                        {"due_date", std::string("2027-01-31")}});
    a_records_["impact_assessment"] =
        add(impact::assessments(), {{"title", std::string("alpha assessment")},
                                    {"system_id", a_records_["system"]},
                                    {"assessor_id", admin}});
    a_records_["impact"] =
        add(impact::impacts(), {{"title", std::string("alpha harm")},
                                {"assessment_id", a_records_["impact_assessment"]},
                                {"mitigation", std::string("alpha")}});
    a_records_["objective"] =
        add(objectives::objectives(), {{"title", std::string("alpha objective")},
                                       {"owner_id", admin},
                                       {"measure", std::string(objectives::kByHand)},
                                       {"target_value", 1.0},
                                       {"start_on", std::string("2027-01-01")},
                                       {"due_on", std::string("2027-12-31")}});
    a_records_["objective_measurement"] =
        add(objectives::measurements(), {{"objective_id", a_records_["objective"]},
                                         {"measured_on", std::string("2027-02-01")},
                                         {"value", 0.5}});
    seed_audits(add);
    seed_suppliers(add);
    seed_resources(add);
    seed_retention(add);
  }

  // A tool, a compute resource, a resource plan and a logging requirement of A's system.
  template <typename Add>
  void seed_resources(const Add& add) {
    const int64_t admin = a_.users[Role::admin].id;
    const records::Ids system = {a_records_["system"]};
    a_records_["tool"] = add(resources::tools(), {{"name", std::string("alpha tool")},
                                                  {"category", std::string("framework")},
                                                  {"system_ids", system},
                                                  {"owner_id", admin}});
    a_records_["compute_resource"] =
        add(resources::compute_resources(), {{"name", std::string("alpha compute")},
                                             {"kind", std::string("cloud")},
                                             {"system_ids", system},
                                             {"owner_id", admin}});
    a_records_["resource_plan"] =
        add(resources::resource_plans(), {{"title", std::string("alpha plan")},
                                          {"period_start", std::string("2027-01-01")},
                                          {"period_end", std::string("2027-12-31")},
                                          {"owner_id", admin}});
    a_records_["logging_requirement"] =
        add(monitoring::logging_requirements(), {{"title", std::string("alpha log")},
                                                 {"system_id", a_records_["system"]},
                                                 {"what_is_logged", std::string("Decisions")},
                                                 {"retention_months", int64_t{6}},
                                                 {"owner_id", admin}});
  }

  // A rule for datasets, an active hold on A's dataset, and a requested disposal of an old dataset,
  // so a release, a rejection or a hold would write if B could reach them.
  template <typename Add>
  void seed_retention(const Add& add) {
    const int64_t admin = a_.users[Role::admin].id;
    a_records_["retention_rule"] =
        add(retention::rules(), {{"title", std::string("alpha rule")},
                                 {"record_type", std::string("dataset")},
                                 {"ai_act_role", std::string("any")},
                                 {"period_years", int64_t{2}},
                                 {"starts_from", std::string(retention::kFromCreated)},
                                 {"basis", std::string("alpha")},
                                 {"end_action", std::string("dispose")}});
    a_records_["legal_hold"] = add(retention::holds(), {{"title", std::string("alpha hold")},
                                                        {"reason", std::string("alpha")},
                                                        {"placed_by_id", admin},
                                                        {"placed_on", std::string("2026-12-01")}});
    // Loaded three years ago, past the rule's two: its disposal may be requested.
    auto loaded = records::create_backdated(
        server_->db(), inventory::datasets(), a_.org.id,
        {{"user", admin, "admin"}, admin, Role::admin},
        {{"name", std::string("alpha old data")}, {"source", std::string("alpha")}}, 3 * 366);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    a_records_["disposal"] = add(retention::disposals(), {{"record_type", std::string("dataset")},
                                                          {"record_id", loaded->id},
                                                          {"rule_id", a_records_["retention_rule"]},
                                                          {"reason", std::string("alpha")},
                                                          {"requested_by_id", admin}});
  }

  // A programme with one audit of 9.1 (no SoA entry, which A's admin owns, in its scope) and one
  // item whose result is a minor nonconformity, so raising it would write if B could reach it.
  template <typename Add>
  void seed_audits(const Add& add) {
    const int64_t admin = a_.users[Role::admin].id;
    a_records_["audit_programme"] =
        add(internal_audit::programmes(), {{"title", std::string("alpha programme")},
                                           {"period_start", std::string("2027-01-01")},
                                           {"period_end", std::string("2027-12-31")},
                                           {"owner_id", admin}});
    a_records_["internal_audit"] =
        add(internal_audit::audits(), {{"programme_id", a_records_["audit_programme"]},
                                       {"title", std::string("alpha audit")},
                                       {"criteria", std::vector<std::string>{"9.1", "9.3.1"}},
                                       {"lead_auditor_id", admin},
                                       {"planned_start", std::string("2027-03-01")},
                                       {"planned_end", std::string("2027-03-05")}});
    a_records_["audit_item"] = add(internal_audit::items(),
                                   {{"audit_id", a_records_["internal_audit"]},
                                    {"criterion", std::string("9.1")},
                                    {"question", std::string("alpha")},
                                    {"result", std::string(internal_audit::kMinorNonconformity)}});
  }

  // An assessment, an evaluation and an exit plan of A's supplier.
  template <typename Add>
  void seed_suppliers(const Add& add) {
    const int64_t admin = a_.users[Role::admin].id;
    a_records_["supplier_assessment"] =
        add(suppliers::assessments(), {{"title", std::string("alpha assessment")},
                                       {"supplier_id", a_records_["supplier"]},
                                       {"assessed_on", std::string("2027-01-05")},
                                       {"assessor_id", admin}});
    a_records_["supplier_evaluation"] =
        add(suppliers::evaluations(), {{"title", std::string("alpha evaluation")},
                                       {"supplier_id", a_records_["supplier"]},
                                       {"period_from", std::string("2027-01-01")},
                                       {"period_to", std::string("2027-01-31")},
                                       {"evaluator_id", admin},
                                       {"evaluated", std::string("alpha")},
                                       {"outcome", std::string("meets")}});
    a_records_["supplier_exit_plan"] =
        add(suppliers::exit_plans(), {{"title", std::string("alpha exit plan")},
                                      {"supplier_id", a_records_["supplier"]},
                                      {"owner_id", admin},
                                      {"triggers", std::string("alpha")},
                                      {"fallback_kind", std::string("manual_process")},
                                      {"fallback", std::string("alpha")}});
  }

  // An issue, a party with one requirement, a plan item and a communication made for it.
  template <typename Add>
  void seed_context(const Add& add) {
    const int64_t admin = a_.users[Role::admin].id;
    a_records_["context_issue"] = add(context::issues(), {{"title", std::string("alpha issue")},
                                                          {"effect", std::string("alpha")}});
    a_records_["interested_party"] = add(context::parties(), {{"name", std::string("alpha party")},
                                                              {"interest", std::string("alpha")}});
    a_records_["party_requirement"] =
        add(context::requirements(), {{"title", std::string("alpha requirement")},
                                      {"party_id", a_records_["interested_party"]}});
    a_records_["plan_item"] = add(context::plan_items(), {{"title", std::string("alpha plan item")},
                                                          {"communicator_id", admin}});
    a_records_["communication"] =
        add(context::communications(), {{"title", std::string("alpha communication")},
                                        {"plan_item_id", a_records_["plan_item"]},
                                        {"made_on", std::string("2026-01-05")}});
  }

  // A committee with a member, a meeting, a hold on A's system and a RACI assignment.
  template <typename Add>
  void seed_leadership(const Add& add) {
    const int64_t admin = a_.users[Role::admin].id;
    a_records_["committee"] =
        add(leadership::committees(), {{"name", std::string("alpha committee")},
                                       {"chair_id", admin},
                                       {"may_halt_releases", true}});
    a_records_["committee_member"] =
        add(leadership::committee_members(),
            {{"committee_id", a_records_["committee"]}, {"person_id", admin}});
    a_records_["committee_meeting"] =
        add(leadership::committee_meetings(),
            {{"committee_id", a_records_["committee"]}, {"held_on", std::string("2026-11-02")}});
    a_records_["committee_decision"] =
        add(leadership::committee_decisions(), {{"title", std::string("alpha hold")},
                                                {"committee_id", a_records_["committee"]},
                                                {"decided_on", std::string("2026-11-02")},
                                                {"kind", std::string("place_hold")},
                                                {"system_ids", records::Ids{a_records_["system"]}},
                                                {"rationale", std::string("alpha")}});
    a_records_["raci_assignment"] =
        add(leadership::raci_assignments(), {{"system_id", a_records_["system"]},
                                             {"activity", std::string("operation_monitoring")},
                                             {"person_id", admin},
                                             {"letter", std::string("accountable")}});
  }

  // A customer of A's system, a notice to it and one duty of the system.
  template <typename Add>
  void seed_customers(const Add& add) {
    a_records_["customer"] =
        add(customers::customers(), {{"name", std::string("alpha customer")},
                                     {"system_ids", records::Ids{a_records_["system"]}}});
    a_records_["customer_notice"] =
        add(customers::customer_notices(), {{"title", std::string("alpha notice")},
                                            {"customer_ids", records::Ids{a_records_["customer"]}},
                                            {"kind", std::string("system_change")},
                                            {"content", std::string("alpha")}});
    a_records_["responsibility"] =
        add(customers::responsibilities(),
            {{"system_id", a_records_["system"]}, {"duty", std::string("art_26_2")}});
  }

  // A completeness requirement on A's dataset and one run of it.
  template <typename Add>
  void seed_data_quality(const records::Caller& caller, const Add& add) {
    a_records_["dq_requirement"] =
        add(data_quality::requirements(), {{"name", std::string("alpha completeness")},
                                           {"dataset_id", a_records_["dataset"]},
                                           {"kind", std::string("completeness")},
                                           {"columns", std::vector<std::string>{"a"}},
                                           {"threshold", 0.5}});
    auto run =
        data_quality::run_quality(server_->db(), a_.org.id, a_records_["dataset"],
                                  monitoring::LogInput::memory("a\n1\n"), "alpha.csv", caller);
    ASSERT_TRUE(run.ok()) << run.error().message;
    a_records_["dq_run"] = run->id;
  }

  // An agreed requirement of a system with a model and a monitor, a validation of that model and
  // one passing run of it.
  template <typename Add>
  void seed_lifecycle(const trail::Actor& actor, const Add& add) {
    const int64_t system =
        add(inventory::ai_systems(), {{"name", std::string("alpha validated system")},
                                      {"purpose", std::string("scoring")},
                                      {"org_role", std::string("deployer")},
                                      {"owner_id", a_.users[Role::admin].id},
                                      {"model_ids", records::Ids{a_records_["model"]}}});
    monitoring::MonitorInput input{.system_id = system,
                                   .name = "alpha validation monitor",
                                   .config_json = R"({"columns":{"prediction":"p","label":"y"}})"};
    auto monitor = monitoring::create_monitor(server_->db(), a_.org.id, input, actor);
    ASSERT_TRUE(monitor.ok()) << monitor.error().message;
    a_records_["ai_requirement"] =
        add(lifecycle::requirements(), {{"name", std::string("alpha accuracy")},
                                        {"ai_system_id", system},
                                        {"kind", std::string("performance")},
                                        {"statement", std::string("alpha")},
                                        {"metric", std::string("performance.accuracy")},
                                        {"comparison", std::string("at_least")},
                                        {"threshold", 0.5}});
    const records::Caller admin{
        {"user", a_.users[Role::admin].id, "admin"}, a_.users[Role::admin].id, Role::admin};
    auto agreed = records::transition(server_->db(), lifecycle::requirements(), a_.org.id,
                                      a_records_["ai_requirement"], {"agree", "", {}, 1}, admin);
    ASSERT_TRUE(agreed.ok() && agreed->moved) << agreed.error().message;
    a_records_["validation"] =
        add(lifecycle::validations(), {{"name", std::string("alpha validation")},
                                       {"ai_system_id", system},
                                       {"model_id", a_records_["model"]},
                                       {"validator_id", a_.users[Role::contributor].id},
                                       {"monitor_id", monitor->id}});
    auto run = lifecycle::run_validation(
        server_->db(), a_.org.id, a_records_["validation"],
        {.log = monitoring::LogInput::memory("p,y\n1,1\n0,0\n"), .log_name = "alpha.csv"},
        {actor, std::nullopt, std::nullopt});
    ASSERT_TRUE(run.ok()) << run.error().message;
    a_records_["validation_run"] = run->id;
    auto gate = lifecycle::check_gate(server_->db(), a_.org.id,
                                      {.system_id = system, .stage = "deployment"},
                                      {actor, std::nullopt, std::nullopt});
    ASSERT_TRUE(gate.ok()) << gate.error().message;
    a_records_["gate_check"] = gate->id;
    a_records_["stage_change"] =
        add(lifecycle::stage_changes(), {{"name", std::string("alpha into development")},
                                         {"ai_system_id", system},
                                         {"to_stage", std::string("development")},
                                         {"justification", std::string("alpha")}});
    a_records_["change_request"] =
        add(lifecycle::change_requests(), {{"title", std::string("alpha change")},
                                           {"ai_system_id", system},
                                           {"kind", std::string("configuration")},
                                           {"description", std::string("alpha")}});
    a_records_["instructions"] =
        add(transparency::instructions(), {{"name", std::string("alpha instructions")},
                                           {"ai_system_id", system},
                                           {"does", std::string("alpha")},
                                           {"does_not", std::string("alpha")},
                                           {"limitations", std::string("alpha")},
                                           {"human_role", std::string("alpha")},
                                           {"contest", std::string("alpha")}});
    a_records_["technical_file"] =
        add(technical_file::technical_files(),
            {{"name", std::string("alpha technical file")}, {"ai_system_id", system}});
  }

  // An approved oversight plan of A's system and one decision waiting in its queue.
  template <typename Add>
  void seed_oversight(const Add& add) {
    a_records_["oversight_plan"] =
        add(oversight::plans(), {{"name", std::string("alpha plan")},
                                 {"ai_system_id", a_records_["system"]},
                                 {"acceptable_use", std::string("alpha")},
                                 {"mode", std::string("every")},
                                 {"reviewer_role", std::string("contributor")}});
    const records::Caller admin{
        {"user", a_.users[Role::admin].id, "admin"}, a_.users[Role::admin].id, Role::admin};
    auto approved =
        records::transition(server_->db(), oversight::plans(), a_.org.id,
                            a_records_["oversight_plan"], {"approve", "", {}, 1}, admin);
    ASSERT_TRUE(approved.ok() && approved->moved) << approved.error().message;
    auto sent = oversight::submit(server_->db(), a_.org.id, a_records_["system"],
                                  {.decision_id = "alpha-1", .outcome = "alpha"}, admin);
    ASSERT_TRUE(sent.ok()) << sent.error().message;
    a_records_["oversight_decision"] = sent->decision.id;
  }

  // A planned management review with one attendee and one action.
  template <typename Add>
  void seed_review(const Add& add) {
    const int64_t admin = a_.users[Role::admin].id;
    a_records_["management_review"] =
        add(review::management_reviews(), {{"title", std::string("alpha review")},
                                           {"planned_on", std::string("2027-01-15")},
                                           {"chair_id", admin}});
    a_records_["review_attendee"] =
        add(review::review_attendees(),
            {{"review_id", a_records_["management_review"]}, {"person_id", admin}});
    a_records_["review_action"] =
        add(review::review_actions(), {{"review_id", a_records_["management_review"]},
                                       {"title", std::string("alpha review action")},
                                       {"decision", std::string("alpha")},
                                       {"owner_id", admin},
                                       {"due_on", std::string("2027-03-01")}});
  }

  // A standard role held by A's admin, a competence, a course giving it and a training record.
  template <typename Add>
  void seed_roles(const records::Caller& caller, const Add& add) {
    const int64_t admin = a_.users[Role::admin].id;
    auto standard = roles::add_standard_roles(server_->db(), a_.org.id, caller);
    ASSERT_TRUE(standard.ok()) << standard.error().message;
    a_records_["aims_role"] = standard->front().id;
    a_records_["role_assignment"] =
        add(roles::role_assignments(), {{"person_id", admin},
                                        {"role_id", a_records_["aims_role"]},
                                        {"from_date", std::string("2026-01-05")}});
    a_records_["competence"] = add(roles::competences(), {{"name", std::string("alpha skill")},
                                                          {"category", std::string("data")}});
    a_records_["course"] =
        add(roles::courses(), {{"title", std::string("alpha course")},
                               {"competence_ids", records::Ids{a_records_["competence"]}}});
    a_records_["training_record"] =
        add(roles::training_records(), {{"person_id", admin},
                                        {"course_id", a_records_["course"]},
                                        {"completed_on", std::string("2026-01-05")},
                                        {"result", std::string("passed")}});
  }

  // The id of organisation A's record for a route, chosen by what the route is about.
  // A webhook of A's with one delivery in its log (its address allowed as private here: the
  // guard is not what this test is about).
  void seed_alpha_webhook(const trail::Actor& actor) {
    auto hook = notify::create_webhook(
        server_->db(), server_->keys(), a_.org.id,
        {"https://127.0.0.1/alpha", "alpha hook", {std::string(notify::event::record_created)}},
        actor, true);
    ASSERT_TRUE(hook.ok()) << hook.error().message;
    a_records_["webhook"] = hook->webhook.id;
    ASSERT_TRUE(server_->db()
                    .write([&](store::Tx& tx) {
                      return notify::publish(tx, a_.org.id, notify::event::record_created,
                                             {{"name", "alpha"}});
                    })
                    .ok());
    auto log = notify::deliveries_of(server_->db(), a_.org.id, hook->webhook.id, 1);
    ASSERT_TRUE(log.ok() && !log->empty());
    a_records_["webhook_delivery"] = log->front().id;
  }

  // A dataset version of A's dataset, its preparation and a rights review.
  template <typename Add>
  void seed_data(const Add& add) {
    a_records_["dataset_version"] =
        add(data::dataset_versions(),
            {{"dataset_id", a_records_["dataset"]}, {"version_label", std::string("alpha v1")}});
    a_records_["data_preparation"] =
        add(data::data_preparations(), {{"dataset_version_id", a_records_["dataset_version"]},
                                        {"kind", std::string("cleaning")},
                                        {"what_was_done", std::string("alpha cleaning")}});
    a_records_["data_rights_review"] =
        add(data::data_rights_reviews(), {{"dataset_id", a_records_["dataset"]},
                                          {"legal_basis", std::string("not_personal_data")},
                                          {"reviewer_id", a_.users[Role::admin].id}});
  }

  std::optional<int64_t> alpha_id_for(const std::string& pattern) const {
    const std::pair<const char*, const char*> data_paths[] = {
        {"dataset-versions/", "dataset_version"},
        {"data-preparations/", "data_preparation"},
        {"/data/preparations/", "data_preparation"},
        {"rights-reviews/", "data_rights_review"}};
    for (const auto& [path, kind] : data_paths)
      if (pattern.find(path) != std::string::npos) return a_records_.at(kind);
    if (pattern.find("quality-requirements/") != std::string::npos)
      return a_records_.at("dq_requirement");
    if (pattern.find("quality-runs/") != std::string::npos) return a_records_.at("dq_run");
    const std::pair<const char*, const char*> oversight_paths[] = {
        {"oversight-decisions/", "oversight_decision"},
        {"/oversight/decisions/", "oversight_decision"},
        {"oversight-plans/", "oversight_plan"},
        {"/oversight/plans/", "oversight_plan"}};
    for (const auto& [path, kind] : oversight_paths)
      if (pattern.find(path) != std::string::npos) return a_records_.at(kind);
    const std::pair<const char*, const char*> lifecycle_paths[] = {
        {"instructions-for-use/", "instructions"},
        {"/lifecycle/instructions/", "instructions"},
        {"technical-files/", "technical_file"},
        {"validation-runs/", "validation_run"},
        {"gate-checks/", "gate_check"},
        {"stage-changes/", "stage_change"},
        {"/validations/", "validation"},
        {"ai-requirements/", "ai_requirement"},
        {"/lifecycle/requirements/", "ai_requirement"},
        {"change-requests/", "change_request"},
        {"/lifecycle/changes/", "change_request"}};
    for (const auto& [path, kind] : lifecycle_paths)
      if (pattern.find(path) != std::string::npos) return a_records_.at(kind);
    if (pattern.find("/webhooks/") != std::string::npos) return a_records_.at("webhook");
    if (pattern.find("/users/") != std::string::npos) return a_.users.at(Role::viewer).id;
    if (pattern.find("tokens/") != std::string::npos) return a_token_;
    if (auto id = alpha_context_id_for(pattern)) return id;
    const std::pair<const char*, const char*> customer_paths[] = {
        {"customer-notices/", "customer_notice"},
        {"/customers/", "customer"},
        {"third-parties/responsibilities/", "responsibility"},
        {"v1/responsibilities/", "responsibility"}};
    for (const auto& [path, kind] : customer_paths) {
      if (pattern.find(path) != std::string::npos) return a_records_.at(kind);
    }
    const std::pair<const char*, const char*> review_paths[] = {
        {"management-reviews/", "management_review"},
        {"review-attendees/", "review_attendee"},
        {"review-actions/", "review_action"}};
    for (const auto& [path, kind] : review_paths) {
      if (pattern.find(path) != std::string::npos) return a_records_.at(kind);
    }
    const std::pair<const char*, const char*> audit_paths[] = {
        {"/audit-programmes/", "audit_programme"},
        {"/internal-audits/", "internal_audit"},
        {"/evaluation/audits/", "internal_audit"},
        {"/audit-items/", "audit_item"}};
    for (const auto& [path, kind] : audit_paths) {
      if (pattern.find(path) != std::string::npos) return a_records_.at(kind);
    }
    const std::pair<const char*, const char*> supplier_paths[] = {
        {"/supplier-assessments/", "supplier_assessment"},
        {"/third-parties/assessments/", "supplier_assessment"},
        {"/supplier-evaluations/", "supplier_evaluation"},
        {"/third-parties/evaluations/", "supplier_evaluation"},
        {"/supplier-exit-plans/", "supplier_exit_plan"},
        {"/third-parties/exit-plans/", "supplier_exit_plan"}};
    for (const auto& [path, kind] : supplier_paths) {
      if (pattern.find(path) != std::string::npos) return a_records_.at(kind);
    }
    const std::pair<const char*, const char*> resource_paths[] = {
        {"/tools/", "tool"},
        {"/compute-resources/", "compute_resource"},
        {"/inventory/compute/", "compute_resource"},
        {"resource-plans/", "resource_plan"},
        {"/logging-requirements/", "logging_requirement"},
        {"/operate/event-logging/", "logging_requirement"}};
    for (const auto& [path, kind] : resource_paths) {
      if (pattern.find(path) != std::string::npos) return a_records_.at(kind);
    }
    if (pattern.find("/monitor-runs/") != std::string::npos) return a_records_.at("run");
    if (pattern.find("/monitoring/runs/") != std::string::npos) return a_records_.at("run");
    for (const char* entries : {"/soa-entries/", "/soa/entries/"}) {
      if (pattern.find(entries) != std::string::npos) return a_records_.at("soa_entry");
    }
    for (const char* versions : {"/soa-versions/", "/soa/versions/"}) {
      if (pattern.find(versions) != std::string::npos) return a_records_.at("soa_version");
    }
    if (pattern.find("/evidence/") != std::string::npos) return a_records_.at("evidence");
    if (pattern.find("/objective-measurements/") != std::string::npos)
      return a_records_.at("objective_measurement");
    if (pattern.find("/objectives/") != std::string::npos) return a_records_.at("objective");
    const std::pair<const char*, const char*> roles_paths[] = {
        {"aims-roles/", "aims_role"},
        {"/role-assignments/", "role_assignment"},
        {"/roles/holders/", "role_assignment"},
        {"/competences/", "competence"},
        {"/courses/", "course"},
        {"/training-records/", "training_record"},
        {"/roles/training/", "training_record"}};
    for (const auto& [path, kind] : roles_paths) {
      if (pattern.find(path) != std::string::npos) return a_records_.at(kind);
    }
    for (const char* impact : {"/impact-assessments/", "/impact/assessments/"}) {
      if (pattern.find(impact) != std::string::npos) return a_records_.at("impact_assessment");
    }
    if (pattern.find("corrective-actions/") != std::string::npos)
      return a_records_.at("corrective_action");
    for (const char* actions : {"/treatment-actions/", "/risk/actions/"}) {
      if (pattern.find(actions) != std::string::npos) return a_records_.at("risk_action");
    }
    const std::pair<const char*, const char*> leadership[] = {
        {"committee-members/", "committee_member"},
        {"/leadership/members/", "committee_member"},
        {"committee-meetings/", "committee_meeting"},
        {"/leadership/meetings/", "committee_meeting"},
        {"committee-decisions/", "committee_decision"},
        {"/leadership/decisions/", "committee_decision"},
        {"raci-assignments/", "raci_assignment"},
        {"committees/", "committee"}};
    for (const auto& [path, kind] : leadership) {
      if (pattern.find(path) != std::string::npos) return a_records_.at(kind);
    }
    if (pattern.find("assessments/") != std::string::npos) return a_records_.at("assessment");
    if (pattern.find("nonconformities/") != std::string::npos)
      return a_records_.at("nonconformity");
    if (pattern.find("concerns/") != std::string::npos) return a_records_.at("concern");
    const std::pair<const char*, const char*> retention_paths[] = {
        {"retention-rules/", "retention_rule"},
        {"legal-holds/", "legal_hold"},
        {"disposals/", "disposal"}};
    for (const auto& [path, kind] : retention_paths) {
      if (pattern.find(path) != std::string::npos) return a_records_.at(kind);
    }
    for (const char* kind : {"monitor", "alert", "incident", "system", "model", "dataset",
                             "supplier", "document", "risk", "impact"}) {
      if (pattern.find(std::string(kind) + "s/") != std::string::npos) return a_records_.at(kind);
    }
    return std::nullopt;
  }

  // The context module's records, by the words of their registers' paths.
  std::optional<int64_t> alpha_context_id_for(const std::string& pattern) const {
    const std::vector<std::pair<const char*, const char*>> kinds = {
        {"context-issues/", "context_issue"},
        {"context/issues/", "context_issue"},
        {"interested-parties/", "interested_party"},
        {"context/parties/", "interested_party"},
        {"interested-party-requirements/", "party_requirement"},
        {"context/requirements/", "party_requirement"},
        {"communication-plan-items/", "plan_item"},
        {"communication-plan/", "plan_item"},
        {"communications/", "communication"}};
    for (const auto& [words, kind] : kinds)
      if (pattern.find(words) != std::string::npos) return a_records_.at(kind);
    return std::nullopt;
  }

  static std::string accepted_body(const std::string& pattern, bool api) {
    if (pattern.ends_with("/oversight/decisions"))
      return R"({"decision_id":"taken-over","outcome":"taken over"})";
    if (pattern.ends_with("/review")) return api ? R"({"action":"confirm"})" : "action=confirm";
    if (pattern.find("oversight-plans/") != std::string::npos ||
        pattern.find("/oversight/plans/") != std::string::npos) {
      if (pattern.ends_with("/transitions"))
        return api ? R"({"transition":"retire","reason":"taken over"})"
                   : "transition=retire&reason=taken+over&version=1";
      if (!pattern.ends_with("/attachments") && !pattern.ends_with("/comments"))
        return api ? R"({"name":"taken over"})" : "name=taken+over&version=1";
    }
    if (pattern.ends_with("/content")) return api ? "a,b\n1,2\n" : "x=1";
    const std::pair<const char*, const char*> data_fields[] = {
        {"dataset-versions/", "origin"}, {"preparations/", "tool"}, {"rights-reviews/", "licence"}};
    for (const auto& [path, field] : data_fields) {
      if (pattern.find(path) == std::string::npos || pattern.ends_with("/attachments") ||
          pattern.ends_with("/comments"))
        continue;
      if (pattern.ends_with("/transitions") && pattern.find("versions/") != std::string::npos)
        return api ? R"({"transition":"deprecate","reason":"taken over"})"
                   : "transition=deprecate&reason=taken+over&version=1";
      if (pattern.ends_with("/transitions")) break;  // a review's first step is the common submit
      return api ? std::string(R"({")") + field + R"(":"taken over"})"
                 : std::string(field) + "=taken+over&version=1";
    }
    if (pattern.find("quality-requirements/") != std::string::npos)
      return api ? R"({"name":"taken over"})" : "name=taken+over&version=1";
    if (pattern.ends_with("/attachments")) {
      return api ? R"({"url":"https://example.org/x","name":"taken over"})"
                 : "url=https%3A%2F%2Fexample.org%2Fx&name=taken+over";
    }
    if (pattern.ends_with("/comments")) return api ? R"({"body":"taken over"})" : "body=taken+over";
    if (pattern.ends_with("/acknowledgements")) return api ? "{}" : "version=0";
    if (pattern.find("legal-holds/") != std::string::npos) {
      if (pattern.ends_with("/records"))
        return api ? R"({"record_type":"dataset","record_id":1})"
                   : "record_type=dataset&record_id=1";
      if (pattern.ends_with("/transitions"))
        return api ? R"({"transition":"release","reason":"taken over"})"
                   : "transition=release&reason=taken+over&version=1";
      return api ? R"({"title":"taken over"})" : "title=taken+over&version=1";
    }
    if (pattern.find("disposals/") != std::string::npos) {
      if (pattern.ends_with("/transitions"))
        return api ? R"({"transition":"reject","reason":"taken over"})"
                   : "transition=reject&reason=taken+over&version=1";
      return api ? R"({"reason":"taken over"})" : "reason=taken+over&version=1";
    }
    if (pattern.find("retention-rules/") != std::string::npos)
      return api ? R"({"title":"taken over"})" : "title=taken+over&version=1";
    if ((pattern.find("change-requests/") != std::string::npos ||
         pattern.find("/lifecycle/changes/") != std::string::npos) &&
        !pattern.ends_with("/transitions"))
      return api ? R"({"title":"taken over"})" : "title=taken+over&version=1";
    if (pattern.ends_with("/hold"))
      return api ? R"({"held_on":"2026-01-01"})" : "held_on=2026-01-01&version=1";
    if (pattern.ends_with("/transitions") &&
        pattern.find("management-reviews/") != std::string::npos)
      return api ? R"({"transition":"cancel","reason":"taken over"})"
                 : "transition=cancel&reason=taken+over&version=1";
    if (pattern.ends_with("/transitions") && pattern.find("review-actions/") != std::string::npos)
      return api ? R"({"transition":"complete"})" : "transition=complete&version=1";
    if (pattern.ends_with("/transitions") && pattern.find("resource-plans/") != std::string::npos)
      return api ? R"({"transition":"submit"})" : "transition=submit&version=1";
    if (pattern.find("resource-plans/") != std::string::npos ||
        pattern.find("logging-requirements/") != std::string::npos ||
        pattern.find("event-logging/") != std::string::npos)
      return api ? R"({"title":"taken over"})" : "title=taken+over&version=1";
    if (pattern.find("management-reviews/") != std::string::npos ||
        pattern.find("review-actions/") != std::string::npos)
      return api ? R"({"title":"taken over"})" : "title=taken+over&version=1";
    if (pattern.find("review-attendees/") != std::string::npos)
      return api ? R"({"capacity":"taken over"})" : "capacity=taken+over&version=1";
    if (pattern.find("/alerts/") != std::string::npos)
      return api ? R"({"status":"resolved"})" : "status=resolved&version=1";
    if (pattern.find("/oversight") != std::string::npos) {
      return api ? R"({"human_review_required":true,"reason":"taken over"})"
                 : "required=yes&reason=taken+over&version=1";
    }
    if (pattern.find("/incidents/") != std::string::npos)
      return api ? R"({"description":"taken over"})" : "status=closed&resolution=x&version=1";
    if (pattern.find("concerns/") != std::string::npos) {
      if (pattern.ends_with("/triage")) return api ? R"({"outcome":"risk"})" : "outcome=risk";
      if (pattern.ends_with("/transitions"))
        return api ? R"({"transition":"review"})" : "transition=review&version=1";
      return api ? R"({"public_answer":"taken over"})" : "public_answer=taken+over&version=1";
    }
    // A hold's one step is its lift; the other leadership records change by a field of their own.
    if (pattern.ends_with("/transitions") && pattern.find("decisions/") != std::string::npos) {
      return api ? R"({"transition":"lift","reason":"taken over"})"
                 : "transition=lift&reason=taken+over&version=1";
    }
    if (pattern.find("meetings/") != std::string::npos ||
        pattern.find("decisions/") != std::string::npos)
      return api ? R"({"title":"taken over"})" : "title=taken+over&version=1";
    // A nonconformity's first step is its analysis, with containment and root cause.
    if (pattern.ends_with("/transitions") &&
        pattern.find("nonconformities/") != std::string::npos) {
      return api ? R"({"transition":"analyse","values":{"containment":"x","root_cause":"y"}})"
                 : "transition=analyse&containment=x&root_cause=y&version=1";
    }
    if (pattern.find("nonconformities/") != std::string::npos)
      return api ? R"({"title":"taken over"})" : "title=taken+over&version=1";
    if (pattern.find("members/") != std::string::npos)
      return api ? R"({"represents":"taken over"})" : "represents=taken+over&version=1";
    if (pattern.find("customer-notices/") != std::string::npos)
      return api ? R"({"title":"taken over"})" : "title=taken+over&version=1";
    if (pattern.find("responsibilities/") != std::string::npos &&
        pattern.find("/defaults") == std::string::npos)
      return api ? R"({"how_met":"taken over"})" : "how_met=taken+over&version=1";
    if (pattern.find("raci-assignments/") != std::string::npos)
      return api ? R"({"letter":"informed"})" : "letter=informed&version=1";
    // SoA versions start awaiting approval: their one step with a reason is sending back.
    if (pattern.ends_with("/transitions") && pattern.find("soa") != std::string::npos) {
      return api ? R"({"transition":"send_back","reason":"taken over"})"
                 : "transition=send_back&reason=taken+over&version=1";
    }
    // An appointment ends with a reason and its last day.
    if (pattern.ends_with("/transitions") && pattern.find("role") != std::string::npos) {
      return api ? R"({"transition":"end","reason":"taken over","values":{"until_date":"2030-01-01"}})"
                 : "transition=end&reason=taken+over&until_date=2030-01-01&version=1";
    }
    const std::pair<const char*, const char*> roles_fields[] = {
        {"/role-assignments/", "appointment_note"},
        {"/roles/holders/", "appointment_note"},
        {"/training-records/", "notes"},
        {"/roles/training/", "notes"},
        {"/courses/", "title"}};
    for (const auto& [path, field] : roles_fields) {
      if (pattern.find(path) != std::string::npos) {
        return api ? std::string(R"({")") + field + R"(":"taken over"})"
                   : std::string(field) + "=taken+over&version=1";
      }
    }
    // An audit programme is approved; an audit may be cancelled with a reason; an item's notes
    // change.
    if (pattern.ends_with("/transitions") && pattern.find("audit-programmes/") != std::string::npos)
      return api ? R"({"transition":"approve"})" : "transition=approve&version=1";
    if (pattern.ends_with("/transitions") &&
        (pattern.find("internal-audits/") != std::string::npos ||
         pattern.find("/evaluation/audits/") != std::string::npos))
      return api ? R"({"transition":"cancel","reason":"taken over"})"
                 : "transition=cancel&reason=taken+over&version=1";
    if (pattern.find("audit-items/") != std::string::npos)
      return api ? R"({"notes":"taken over"})" : "notes=taken+over&version=1";
    if (pattern.find("audit-programmes/") != std::string::npos ||
        pattern.find("internal-audits/") != std::string::npos ||
        pattern.find("/evaluation/audits/") != std::string::npos)
      return api ? R"({"title":"taken over"})" : "title=taken+over&version=1";
    // A risk's first step is its assessment, a treatment action's its start.
    if (pattern.ends_with("/transitions") && pattern.find("risks/") != std::string::npos) {
      return api ? R"({"transition":"close","reason":"taken over"})"
                 : "transition=close&reason=taken+over&version=1";
    }
    if (pattern.ends_with("/transitions") && pattern.find("objectives/") != std::string::npos) {
      return api ? R"({"transition":"activate"})" : "transition=activate&version=1";
    }
    if (pattern.find("/objective-measurements/") != std::string::npos)
      return api ? R"({"note":"taken over"})" : "note=taken+over&version=1";
    if (pattern.ends_with("/transitions") && pattern.find("actions/") != std::string::npos) {
      return api ? R"({"transition":"start"})" : "transition=start&version=1";
    }
    // A context issue's first step is to monitor it, with what is watched.
    if (pattern.ends_with("/transitions") && pattern.find("issues/") != std::string::npos) {
      return api ? R"({"transition":"monitor","reason":"taken over"})"
                 : "transition=monitor&reason=taken+over&version=1";
    }
    // Instructions and technical files start as drafts: their one step is the approval; a public
    // page is taken down.
    const bool sysdocs = pattern.find("instructions") != std::string::npos ||
                         pattern.find("technical-files/") != std::string::npos;
    if (sysdocs && pattern.ends_with("/transitions"))
      return api ? R"({"transition":"approve"})" : "transition=approve&version=1";
    if (pattern.ends_with("/transparency"))
      return api ? R"({"action":"unpublish"})" : "action=unpublish";
    const bool requirement = pattern.find("ai-requirements/") != std::string::npos ||
                             pattern.find("/lifecycle/requirements/") != std::string::npos;
    if (requirement && pattern.ends_with("/transitions"))
      return api ? R"({"transition":"retire","reason":"taken over"})"
                 : "transition=retire&reason=taken+over&version=1";
    if (requirement) return api ? R"({"name":"taken over"})" : "name=taken+over&version=1";
    if (pattern.ends_with("/transitions")) {
      return api ? R"({"transition":"submit","reason":"taken over"})"
                 : "transition=submit&reason=taken+over&version=1";
    }
    if (pattern.find("/documents/") != std::string::npos ||
        pattern.find("supplier-") != std::string::npos ||
        pattern.find("/third-parties/") != std::string::npos ||
        pattern.find("/evidence/") != std::string::npos ||
        pattern.find("risks/") != std::string::npos ||
        pattern.find("actions/") != std::string::npos ||
        pattern.find("impact") != std::string::npos ||
        pattern.find("context/issues") != std::string::npos ||
        pattern.find("context-issues") != std::string::npos ||
        pattern.find("requirements/") != std::string::npos ||
        pattern.find("communication") != std::string::npos ||
        pattern.find("objectives/") != std::string::npos)
      return api ? R"({"title":"taken over"})" : "title=taken+over&version=1";
    if (pattern.find("soa-versions") != std::string::npos ||
        pattern.find("soa/versions") != std::string::npos)
      return api ? R"({"change_summary":"taken over"})" : "change_summary=taken+over&version=1";
    if (pattern.find("soa") != std::string::npos ||
        pattern.find("assessments/") != std::string::npos)
      return api ? R"({"notes":"taken over"})" : "notes=taken+over&version=1";
    return api ? R"({"name":"taken over"})" : "name=taken+over&version=1";
  }

  int64_t alpha_events() {
    auto n = server_->db().read([&](store::Tx& tx) { return trail::event_count(tx, a_.org.id); });
    return n.ok() ? *n : -1;
  }

  std::unique_ptr<testing::TestServer> server_;
  testing::SeededOrg a_, b_;
  int64_t a_token_ = 0;
  int64_t a_attachment_ = 0;
  std::map<std::string, int64_t> a_records_;
};

TEST_P(TenancyTest, EveryIdRouteAnswersNotFoundForAnotherOrganisation) {
  auto beta_admin = server_->signed_in(b_, Role::admin);
  const int64_t events_before = alpha_events();
  int routes_with_ids = 0;
  for (const auto& route : server_->app().router().routes()) {
    const auto at = route.pattern.find("{id}");
    if (at == std::string::npos) continue;
    ++routes_with_ids;
    auto id = alpha_id_for(route.pattern);
    ASSERT_TRUE(id) << "add a cross-organisation case for " << route.pattern;
    std::string target = route.pattern;
    target.replace(at, 4, std::to_string(*id));
    // A's attachment, reached through A's record: both ids are A's.
    if (auto aid = target.find("{aid}"); aid != std::string::npos)
      target.replace(aid, 5, std::to_string(a_attachment_));
    // A version of A's record, and two to compare: well-formed, so only the id can be refused.
    if (auto n = target.find("{number}"); n != std::string::npos) target.replace(n, 8, "1");
    if (auto d = target.find("{delivery}"); d != std::string::npos)
      target.replace(d, 10, std::to_string(a_records_.at("webhook_delivery")));
    if (target.ends_with("compare")) target += "?from=1&to=0";
    std::vector<std::pair<std::string, std::string>> headers = {{"X-CSRF-Token", beta_admin.csrf()},
                                                                {"If-Match", "\"1\""}};
    std::string body;
    if (route.method != "GET") {
      const bool api = route.kind == http::RouteKind::api;
      headers.emplace_back("Content-Type",
                           api ? "application/json" : "application/x-www-form-urlencoded");
      // Input that each route accepts, so only the foreign id can be the reason for a refusal.
      body = accepted_body(route.pattern, api);
    }
    auto response = beta_admin.request(route.method, target, body, headers);
    EXPECT_EQ(response.status, 404) << route.method << " " << target << ": " << response.body;
    EXPECT_EQ(response.body.find("alpha"), std::string::npos)
        << "leaked A's data: " << response.body;
  }
  EXPECT_GE(routes_with_ids, 7 + 4 * 8);
  EXPECT_EQ(alpha_events(), events_before) << "a cross-organisation request changed something";
  auto viewer = auth::get_user(server_->db(), a_.org.id, a_.users[Role::viewer].id);
  ASSERT_TRUE(viewer.ok());
  EXPECT_EQ(viewer->status, "active");
  EXPECT_EQ(viewer->name, "viewer");
}

TEST_P(TenancyTest, ListsShowOnlyTheCallersOrganisation) {
  auto beta_admin = server_->signed_in(b_, Role::admin);
  auto users = beta_admin.get("/api/v1/users").json();
  ASSERT_TRUE(users.contains("items"));
  EXPECT_EQ(users["items"].size(), 5u);
  for (const auto& u : users["items"]) {
    EXPECT_NE(u["email"].get<std::string>().find("betainsurance"), std::string::npos);
  }
  auto events = beta_admin.get("/api/v1/audit-events?limit=200").json();
  for (const auto& e : events["items"])
    EXPECT_NE(e["actor"]["label"], "alpha-ci");
  EXPECT_EQ(beta_admin.get("/api/v1/api-tokens").json()["items"].size(), 0u);
}

TEST_P(TenancyTest, ATokenActsOnlyInItsOrganisation) {
  auto created = auth::create_token(server_->db(), b_.org.id, b_.users[Role::admin].id,
                                    "beta-admin", std::nullopt, {"cli", std::nullopt, "cli:test"});
  ASSERT_TRUE(created.ok());
  auto client = server_->client();
  client.use_token(created->secret);
  EXPECT_EQ(client.get("/api/v1/me").json()["organisation"]["name"], "Beta Insurance");
  EXPECT_EQ(client.get("/api/v1/users/" + std::to_string(a_.users[Role::admin].id)).status, 404);
}

// The lifecycle policy has no id: another organisation's adoption is simply not A's policy.
TEST_P(TenancyTest, AnotherOrganisationsLifecyclePolicyIsNotOurs) {
  auto beta_admin = server_->signed_in(b_, Role::admin);
  nlohmann::json policy = beta_admin.get("/api/v1/lifecycle-policy").json();
  policy["reason"] = "beta's own";
  policy["stages"]["deployment"]["approvals"]["high"]["count"] = 3;
  auto adopted = beta_admin.send_json("PUT", "/api/v1/lifecycle-policy", policy);
  ASSERT_EQ(adopted.status, 200) << adopted.body;
  EXPECT_EQ(adopted.json()["version"], 1);
  auto alpha_admin = server_->signed_in(a_, Role::admin);
  const auto ours = alpha_admin.get("/api/v1/lifecycle-policy").json();
  EXPECT_EQ(ours["version"], 0);
  EXPECT_EQ(ours["stages"]["deployment"]["approvals"]["high"]["count"], 1);
  EXPECT_TRUE(alpha_admin.get("/api/v1/lifecycle-policy/versions").json()["items"].empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, TenancyTest, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_name);

}  // namespace
}  // namespace aims
