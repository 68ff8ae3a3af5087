// Tools, compute resources and resource plans as descriptions on the records platform.
#include <mutex>

#include "base/time.h"
#include "records/approval_workflow.h"
#include "resources/resources.h"
#include "roles/roles.h"

namespace aims::resources {
namespace {

using records::Record;
using records::Transition;
using T = records::FieldType;

constexpr const char* kInventory = "Inventory";
constexpr int kInventoryOrder = 10;
constexpr const char* kSupport = "Support";
constexpr int kSupportOrder = 22;

records::Field owner() {
  return {.key = "owner_id",
          .label = "Owner",
          .type = T::user_ref,
          .required = true,
          .hint = "The person who keeps this record true and reviews it.",
          .group = "Ownership",
          .csv_key = "owner_email",
          .responsible = true};
}

records::Field used_by(const char* label, const char* hint) {
  return {.key = "system_ids",
          .label = label,
          .type = T::record_ref,
          .hint = hint,
          .group = "Use",
          .target = "ai_system",
          .many = true,
          .csv_key = "ai_systems"};
}

records::Field supplier(const char* label, const char* hint) {
  return {.key = "supplier_id",
          .label = label,
          .type = T::record_ref,
          .hint = hint,
          .group = "Identity",
          .target = "supplier",
          .csv_key = "supplier"};
}

records::Field next_review(const char* hint) {
  return {.key = "next_review_on",
          .label = "Next review",
          .type = T::date,
          .hint = hint,
          .group = "Ownership",
          .due = true};
}

void tool_rules(const Record& r, const Record*, records::Problems& p) {
  if (r.is_set("next_review_on") && r.is_set("last_reviewed_on") &&
      r.text("next_review_on") <= r.text("last_reviewed_on"))
    p.add("next_review_on",
          "the next review must come after the last one (" + r.text("last_reviewed_on") + ")");
}

records::Description make_tools() {
  return {
      .type = "tool",
      .table = "tools",
      .singular = "tool",
      .plural = "tools",
      .api_path = "/api/v1/tools",
      .page_path = "/inventory/tools",
      .command = "tools",
      .fields =
          {
              {.key = "name",
               .label = "Name",
               .required = true,
               .group = "Identity",
               .searchable = true},
              {.key = "category",
               .label = "Category",
               .type = T::choice,
               .required = true,
               .choices = {{"framework", "Framework or library"},
                           {"mlops", "MLOps or pipeline"},
                           {"labelling", "Labelling"},
                           {"evaluation", "Evaluation or testing"},
                           {"monitoring", "Monitoring"},
                           {"other", "Other"}},
               .group = "Identity"},
              {.key = "tool_version",
               .label = "Version",
               .hint = "The version in use, so results can be reproduced and known flaws traced.",
               .group = "Identity"},
              {.key = "licence",
               .label = "Licence",
               .hint = "Apache-2.0, BSD-3-Clause, a commercial subscription...",
               .group = "Identity"},
              supplier("Supplier", "Who provides it, when it is not built in-house."),
              used_by("Used by", "The AI systems built, tested or run with it."),
              {.key = "notes",
               .label = "Notes",
               .type = T::long_text,
               .hint = "Known limitations, settings that matter, how it is controlled.",
               .group = "Use",
               .searchable = true},
              owner(),
              {.key = "last_reviewed_on",
               .label = "Last reviewed",
               .type = T::date,
               .group = "Ownership"},
              next_review("When the version, licence and known flaws are checked again."),
          },
      .unique_title = true,
      .list_columns = {"name", "category", "tool_version", "owner_id", "next_review_on"},
      .filters = {"category", "owner_id", "supplier_id", "system_ids"},
      .sort_keys = {"category", "next_review_on"},
      .nav = {.group = kInventory,
              .group_order = kInventoryOrder,
              .label = "Tools",
              .section = "tools",
              .order = 50},
      .hooks = {.check = tool_rules},
  };
}

void compute_rules(const Record& r, const Record*, records::Problems& p) {
  const bool estimated = r.is_set("energy_kwh_per_month") || r.is_set("emissions_kg_per_month");
  if (estimated && !r.is_set("estimate_method"))
    p.add("estimate_method",
          "say how the energy or emissions estimate was worked out, so it can be checked");
}

records::Description make_compute() {
  return {
      .type = "compute_resource",
      .table = "compute_resources",
      .singular = "compute resource",
      .plural = "compute resources",
      .api_path = "/api/v1/compute-resources",
      .page_path = "/inventory/compute",
      .command = "compute",
      .fields =
          {
              {.key = "name",
               .label = "Name",
               .required = true,
               .group = "Identity",
               .searchable = true},
              {.key = "kind",
               .label = "Kind",
               .type = T::choice,
               .required = true,
               .choices = {{"cloud", "Cloud"},
                           {"on_premises", "On-premises"},
                           {"edge", "Edge"},
                           {"vendor_api", "Vendor-hosted API"}},
               .group = "Identity"},
              supplier("Provider", "The cloud or API supplier; empty for the organisation's own."),
              {.key = "region",
               .label = "Region",
               .hint = "Where the data is processed and stored: data residency rules (the GDPR's "
                       "transfers, customers' contracts) depend on it.",
               .group = "Identity",
               .searchable = true},
              {.key = "accelerators",
               .label = "Accelerators",
               .hint = "GPUs or other accelerators, with their number: 2 x NVIDIA L40S.",
               .group = "Capacity"},
              {.key = "capacity",
               .label = "Capacity",
               .hint = "What it can take and how close to it the systems run.",
               .group = "Capacity"},
              {.key = "energy_kwh_per_month",
               .label = "Energy (kWh per month)",
               .type = T::decimal,
               .group = "Environmental impact",
               .max = 1e9},
              {.key = "emissions_kg_per_month",
               .label = "Emissions (kg CO2e per month)",
               .type = T::decimal,
               .group = "Environmental impact",
               .max = 1e9},
              {.key = "estimate_method",
               .label = "Estimate method",
               .type = T::long_text,
               .hint = "Metered, the provider's carbon report, or power draw x hours x grid "
                       "intensity: say which, and the figures used.",
               .group = "Environmental impact"},
              used_by("Runs", "The AI systems trained or served on it."),
              owner(),
              next_review("When capacity, region and estimates are checked again."),
          },
      .unique_title = true,
      .list_columns = {"name", "kind", "region", "owner_id", "next_review_on"},
      .filters = {"kind", "owner_id", "supplier_id", "system_ids"},
      .sort_keys = {"kind", "next_review_on"},
      .nav = {.group = kInventory,
              .group_order = kInventoryOrder,
              .label = "Compute",
              .section = "compute",
              .order = 51},
      .hooks = {.check = compute_rules},
  };
}

void plan_rules(const Record& r, const Record*, records::Problems& p) {
  if (r.is_set("period_start") && r.is_set("period_end") &&
      r.text("period_end") <= r.text("period_start"))
    p.add("period_end", "the period must end after it starts (" + r.text("period_start") + ")");
  if (r.is_set("budget") && !r.is_set("currency"))
    p.add("currency", "say the budget's currency (EUR, GBP...)");
}

// Top management approves, whatever their role in aims: an executive with a read-only account
// approves as well as an administrator, so every role may try and the AIMS role decides.
const std::vector<auth::Role> kEveryRole = {auth::Role::admin, auth::Role::aims_manager,
                                            auth::Role::contributor, auth::Role::auditor,
                                            auth::Role::viewer};

records::Workflow plan_workflow() {
  return records::approval_workflow(
      {.submitted_label = "Submitted",
       .submit_required = {"people", "budget", "currency"},
       .returnable = true,
       .approve_label = "Approve the plan",
       .approve_permission = auth::Action::read,
       .approver_roles = kEveryRole,
       .ending = records::ApprovalEnding{.state = {"superseded", "Superseded", false, true},
                                         .name = "supersede",
                                         .label = "Supersede"}});
}

std::string today() {
  return now_timestamp().substr(0, 10);
}

constexpr const char* kNotTopManagement =
    "only top management approves a resource plan: you hold no AIMS role marked as top "
    "management today";

Status check_approver(const records::WriteContext& ctx, const Record&, const Transition& t) {
  if (std::string_view(t.name) != "approve") return {};
  if (!ctx.caller.user_id) return Error{ErrorCode::permission_denied, kNotTopManagement, {}};
  TRY_ASSIGN(const bool top, top_management_on(ctx.tx, ctx.org, *ctx.caller.user_id, today()));
  if (!top) return Error{ErrorCode::permission_denied, kNotTopManagement, {}};
  return {};
}

Result<std::optional<std::string>> approval_closed(store::Tx& tx, int64_t org, const Record&,
                                                   const Transition& t,
                                                   const records::Caller& caller) {
  if (std::string_view(t.name) != "approve") return std::optional<std::string>();
  if (!caller.user_id) return std::optional<std::string>(kNotTopManagement);
  TRY_ASSIGN(const bool top, top_management_on(tx, org, *caller.user_id, today()));
  return top ? std::optional<std::string>() : std::optional<std::string>(kNotTopManagement);
}

records::Description make_plans() {
  return {
      .type = "resource_plan",
      .table = "resource_plans",
      .singular = "resource plan",
      .plural = "resource plans",
      .api_path = "/api/v1/resource-plans",
      .page_path = "/support/resource-plans",
      .command = "resource-plans",
      .fields =
          {
              {.key = "title",
               .label = "Title",
               .required = true,
               .group = "Plan",
               .searchable = true},
              {.key = "period_start",
               .label = "From",
               .type = T::date,
               .required = true,
               .group = "Plan"},
              {.key = "period_end",
               .label = "To",
               .type = T::date,
               .required = true,
               .group = "Plan"},
              owner(),
              {.key = "people",
               .label = "People",
               .type = T::markdown,
               .hint = "The roles that run the AIMS and the time each gives (FTE).",
               .group = "Resources",
               .searchable = true},
              {.key = "tools_and_infrastructure",
               .label = "Tools and infrastructure",
               .type = T::markdown,
               .hint = "What the AIMS itself needs: this platform, monitoring, storage...",
               .group = "Resources"},
              {.key = "budget",
               .label = "Budget",
               .type = T::decimal,
               .group = "Resources",
               .max = 1e12},
              {.key = "currency",
               .label = "Currency",
               .hint = "EUR, GBP, USD...",
               .group = "Resources"},
              {.key = "audits",
               .label = "Audits",
               .type = T::markdown,
               .hint = "Internal audits and certification audits planned and who does them.",
               .group = "Resources"},
              {.key = "training",
               .label = "Training",
               .type = T::markdown,
               .hint = "Courses and time set aside for competence (clause 7.2).",
               .group = "Resources"},
              {.key = "gaps",
               .label = "Gaps",
               .type = T::markdown,
               .hint = "What is missing or at risk, and what is done about it.",
               .group = "Resources",
               .searchable = true},
              {.key = "review_id",
               .label = "Approved at management review",
               .type = T::record_ref,
               .hint = "The management review that decided these resources, if it was one.",
               .group = "Approval",
               .target = "management_review",
               .csv_key = "management_review"},
          },
      .title_field = "title",
      .unique_title = true,
      .list_columns = {"title", "period_start", "period_end", "owner_id", "state"},
      .filters = {"state", "owner_id"},
      .sort_keys = {"period_start"},
      .default_sort = "-period_start",
      .workflow = plan_workflow(),
      .versioned = true,
      .nav = {.group = kSupport,
              .group_order = kSupportOrder,
              .label = "Resource plans",
              .section = "resource-plans",
              .order = 40},
      .hooks = {.check = plan_rules,
                .before_transition = check_approver,
                .closed_for = approval_closed},
  };
}

}  // namespace

const records::Description& tools() {
  static const records::Description d = make_tools();
  return d;
}

const records::Description& compute_resources() {
  static const records::Description d = make_compute();
  return d;
}

const records::Description& resource_plans() {
  static const records::Description d = make_plans();
  return d;
}

Result<bool> top_management_on(store::Tx& tx, int64_t org, int64_t person, const std::string& day) {
  TRY_ASSIGN(const auto top, records::list_all_in(tx, roles::aims_roles(), org,
                                                  {.filters = {{"top_management", "true"}}}));
  if (top.empty()) return false;
  TRY_ASSIGN(const auto held,
             records::list_all_in(tx, roles::role_assignments(), org,
                                  {.filters = {{"person_id", std::to_string(person)}}}));
  for (const auto& h : held) {
    const auto role = h.ids("role_id");
    if (!roles::holds_on(h, day) || role.empty()) continue;
    for (const auto& r : top)
      if (r.id == role.front()) return true;
  }
  return false;
}

void define_registers() {
  static std::once_flag once;
  std::call_once(once, [] {
    roles::define_registers();  // approval reads who holds which AIMS role
    records::define(tools());
    records::define(compute_resources());
    records::define(resource_plans());
    define_readiness_rules();
  });
}

}  // namespace aims::resources
