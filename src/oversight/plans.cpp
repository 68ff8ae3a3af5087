// Oversight plans as a description on the records platform: which decisions of an AI system a
// person reviews, by whom and how fast, approved by an admin or AIMS manager other than the
// author, one approved plan per system.
#include <mutex>

#include "inventory/inventory.h"
#include "lifecycle/lifecycle.h"
#include "oversight/oversight.h"
#include "records/approval_workflow.h"

namespace aims::oversight {
namespace {

using records::Problems;
using records::Record;
using records::Transition;
using T = records::FieldType;

void plan_rules(const Record& r, const Record*, Problems& p) {
  const std::string mode = r.text("mode");
  if (mode == "below_threshold" && !r.decimal("confidence_threshold"))
    p.add("confidence_threshold",
          "give the confidence below which a person reviews the decision (0 to 1)");
  if (mode == "sampled" && !r.decimal("sampling_rate"))
    p.add("sampling_rate", "give the share of decisions a person reviews after the fact (0 to 1)");
}

// Why the plan may not be approved now: another plan of the same system is approved.
Result<std::optional<std::string>> approval_closed(store::Tx& tx, int64_t org, const Record& plan,
                                                   const Transition& t) {
  if (std::string_view(t.to) != "approved") return std::optional<std::string>();
  for (int64_t system : plan.ids("ai_system_id")) {
    TRY_ASSIGN(const auto approved,
               records::list_all_in(
                   tx, plans(), org,
                   {.filters = {{"ai_system_id", std::to_string(system)}, {"state", "approved"}}}));
    for (const auto& other : approved)
      if (other.id != plan.id)
        return std::optional<std::string>("\"" + other.text("name") +
                                          "\" is the system's approved plan: retire it first");
  }
  return std::optional<std::string>();
}

Status plan_before_transition(const records::WriteContext& ctx, const Record& plan,
                              const Transition& t) {
  TRY_ASSIGN(const auto closed, approval_closed(ctx.tx, ctx.org, plan, t));
  if (closed) return Error{ErrorCode::failed_precondition, *closed, {}};
  return {};
}

// A plan archived while approved (archiving runs no hook) leaves its row: it gives way. Run after
// the insert found the row taken, so on PostgreSQL the holder's approval has committed and this
// statement sees it.
Result<bool> took_over(store::Tx& tx, int64_t org, int64_t system, int64_t plan) {
  TRY_ASSIGN(const int64_t changed,
             tx.exec("UPDATE oversight_plans_in_force SET plan_id = $3 WHERE org_id = $1 AND "
                     "system_id = $2 AND plan_id IN (SELECT id FROM oversight_plans WHERE "
                     "org_id = $1 AND (state <> 'approved' OR archived_at IS NOT NULL))",
                     {org, system, plan}));
  return changed > 0;
}

// The same rule held by the database's key: two approvals racing for one system both read no
// other approved plan above, and only the first to insert its system here commits.
Status plan_after_write(const records::WriteContext& ctx, const Record& after,
                        const Record* before) {
  const bool was_approved = before && before->state == "approved";
  const bool approved = after.state == "approved";
  if (was_approved == approved) return {};
  if (!approved) {
    TRY(ctx.tx.exec("DELETE FROM oversight_plans_in_force WHERE org_id = $1 AND plan_id = $2",
                    {ctx.org, after.id}));
    return {};
  }
  for (int64_t system : after.ids("ai_system_id")) {
    TRY_ASSIGN(const auto entered,
               ctx.tx.query_row("INSERT INTO oversight_plans_in_force (org_id, system_id, plan_id) "
                                "VALUES ($1, $2, $3) ON CONFLICT (org_id, system_id) DO NOTHING "
                                "RETURNING plan_id",
                                {ctx.org, system, after.id}));
    if (entered) continue;
    TRY_ASSIGN(const bool freed, took_over(ctx.tx, ctx.org, system, after.id));
    if (!freed)
      return Error{ErrorCode::already_exists,
                   "another oversight plan of this AI system was approved at the same moment: "
                   "it is the system's approved plan now; retire it first",
                   {}};
  }
  return {};
}

Result<std::optional<std::string>> plan_closed_for(store::Tx& tx, int64_t org, const Record& plan,
                                                   const Transition& t, const records::Caller&) {
  return approval_closed(tx, org, plan, t);
}

records::Workflow plan_workflow() {
  // Taking a plan out of force changes who may review held decisions, so only those who approve
  // plans may revise or retire it.
  return records::approval_workflow(
      {.revisable = true,
       .revise_permission = auth::Action::approve_records,
       .ending = records::ApprovalEnding{.state = {"retired", "Retired", false, true},
                                         .name = "retire",
                                         .label = "Retire",
                                         .from_draft = true,
                                         .permission = auth::Action::approve_records}});
}

std::vector<records::Field> plan_fields() {
  return {
      {.key = "name",
       .label = "Name",
       .required = true,
       .hint = "Such as \"Credit decisions: human review below 0.7\".",
       .group = "Subject",
       .searchable = true},
      {.key = "ai_system_id",
       .label = "AI system",
       .type = T::record_ref,
       .required = true,
       .group = "Subject",
       .target = "ai_system",
       .csv_key = "ai_system"},
      {.key = "acceptable_use",
       .label = "Acceptable-use rules",
       .type = T::markdown,
       .required = true,
       .hint = "What the system may be used for and what not; what a reviewer checks each "
               "decision against.",
       .group = "Subject",
       .searchable = true},
      {.key = "mode",
       .label = "Who reviews what",
       .type = T::choice,
       .required = true,
       .choices = {{"every", "Every decision, before it takes effect"},
                   {"below_threshold", "Decisions below a confidence threshold"},
                   {"sampled", "A sample, after the fact"},
                   {"switch", "Every decision while the human-review switch is on"}},
       .hint = "Whatever the mode, every decision waits for a person while monitoring's "
               "human-review switch is on.",
       .group = "Oversight"},
      {.key = "confidence_threshold",
       .label = "Confidence threshold",
       .type = T::decimal,
       .hint = "Decisions whose score is below it wait for a person.",
       .group = "Oversight",
       .min = 0,
       .max = 1},
      {.key = "sampling_rate",
       .label = "Sampling rate",
       .type = T::decimal,
       .hint = "The share (0 to 1) of decisions released without review that a person reviews "
               "after the fact.",
       .group = "Oversight",
       .min = 0,
       .max = 1},
      {.key = "reviewer_role",
       .label = "Reviewers",
       .type = T::choice,
       .required = true,
       .choices = {{"contributor", "Contributors, AIMS managers and admins"},
                   {"aims-manager", "AIMS managers and admins"},
                   {"admin", "Admins"}},
       .group = "Oversight",
       .default_value = "contributor"},
      {.key = "target_hours",
       .label = "Target time to decision (hours)",
       .type = T::integer,
       .hint = "A held decision waiting longer is overdue.",
       .group = "Objectives",
       .min = 1,
       .max = 720},
      {.key = "max_override_rate",
       .label = "Highest acceptable override rate",
       .type = T::decimal,
       .hint = "Above it, reviewers disagree with the system often enough to question its use.",
       .group = "Objectives",
       .min = 0,
       .max = 1},
  };
}

records::Description make_plans() {
  return {
      .type = "oversight_plan",
      .table = "oversight_plans",
      .singular = "oversight plan",
      .plural = "oversight plans",
      .api_path = "/api/v1/oversight-plans",
      .page_path = "/oversight/plans",
      .command = "oversight-plans",
      .fields = plan_fields(),
      .title_field = "name",
      .list_columns = {"name", "ai_system_id", "mode", "reviewer_role", "state"},
      .filters = {"ai_system_id", "mode", "state"},
      .workflow = plan_workflow(),
      .versioned = true,
      .nav = {.group = "Operate",
              .group_order = 30,
              .label = "Oversight plans",
              .section = "oversight-plans",
              .order = 16},
      .hooks = {.check = plan_rules,
                .after_write = plan_after_write,
                .before_transition = plan_before_transition,
                .closed_for = plan_closed_for},
  };
}

// The lifecycle's "oversight" gate criterion: a plan in force, not just one being written.
Result<lifecycle::GateCriterion> oversight_criterion(store::Database& db, int64_t org,
                                                     const Record& system) {
  TRY_ASSIGN(const auto of_system,
             records::list_all(db, plans(), org,
                               {.filters = {{"ai_system_id", std::to_string(system.id)}}}));
  std::string drafts;
  for (const auto& p : of_system) {
    const std::string name = "\"" + p.text("name") + "\"";
    if (p.state == "approved") return lifecycle::GateCriterion{{}, {}, true, name + " is approved"};
    if (p.state == "draft") drafts += (drafts.empty() ? "" : ", ") + name;
  }
  if (drafts.empty())
    return lifecycle::GateCriterion{{}, {}, false, "the system has no approved oversight plan"};
  return lifecycle::GateCriterion{
      {}, {}, false, "no approved oversight plan: " + drafts + " not yet approved"};
}

}  // namespace

const records::Description& plans() {
  static const records::Description d = make_plans();
  return d;
}

void define_registers() {
  static std::once_flag once;
  std::call_once(once, [] {
    inventory::define_registers();
    records::define(plans());
    define_readiness_rules();
    lifecycle::define_gate_criterion("oversight", "An approved human oversight plan",
                                     oversight_criterion);
  });
}

Result<std::optional<Record>> approved_plan(store::Database& db, int64_t org, int64_t system_id) {
  TRY_ASSIGN(const auto approved,
             records::list_all(db, plans(), org,
                               {.filters = {{"ai_system_id", std::to_string(system_id)},
                                            {"state", "approved"}}}));
  if (approved.empty()) return std::optional<Record>();
  return std::optional<Record>(approved.front());
}

}  // namespace aims::oversight
