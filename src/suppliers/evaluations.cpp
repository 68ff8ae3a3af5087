// Periodic evaluations of what a supplier delivers and the plans for leaving a supplier, as
// registers; an evaluation moves the supplier's next evaluation due, which My work shows.
#include "documents/documents.h"
#include "inventory/inventory.h"
#include "suppliers/suppliers.h"

namespace aims::suppliers {
namespace {

using records::Problems;
using records::Record;
using T = records::FieldType;

// A supplier that sets no interval is evaluated at least yearly.
constexpr int64_t kDefaultIntervalMonths = 12;
constexpr int64_t kExitTestMonths = 12;

records::Navigation third_parties(const char* label, const char* section, int order) {
  return {.group = "Third parties",
          .group_order = 14,
          .label = label,
          .section = section,
          .order = order};
}

// ---- evaluations --------------------------------------------------------------------------------

void evaluation_rules(const Record& r, const Record*, Problems& p) {
  if (r.is_set("period_from") && r.is_set("period_to") &&
      r.text("period_to") < r.text("period_from"))
    p.add("period_to", "the period cannot end before it starts");
  if (r.is_set("next_due") && r.is_set("period_to") && r.text("next_due") <= r.text("period_to"))
    p.add("next_due", "the next evaluation must come after this period ends");
}

// Without a date given, the next evaluation is due one supplier's interval after the period.
Status fill_next_due(const records::WriteContext& ctx, Record& after, const Record*) {
  if (after.is_set("next_due") || !after.is_set("period_to")) return {};
  const auto ids = after.ids("supplier_id");
  int64_t months = kDefaultIntervalMonths;
  if (!ids.empty()) {
    TRY_ASSIGN(const auto supplier, records::find(ctx, inventory::suppliers(), ids.front()));
    if (!supplier) return Error::invalid("supplier_id", "no such supplier");
    months = supplier->number("evaluation_interval_months").value_or(kDefaultIntervalMonths);
  }
  if (auto next = documents::add_months(after.text("period_to"), months))
    after.values["next_due"] = *next;
  return {};
}

// The supplier's next evaluation due is the one its latest evaluation (by period) set.
Status move_supplier_due(const records::WriteContext& ctx, const Record& after, const Record*) {
  const auto ids = after.ids("supplier_id");
  if (ids.empty()) return {};
  records::Query q;
  q.filters = {{"supplier_id", std::to_string(ids.front())}};
  TRY_ASSIGN(const auto all, records::list_all_in(ctx.tx, evaluations(), ctx.org, q));
  const Record* latest = nullptr;
  for (const auto& e : all)
    if (!latest || e.text("period_to") > latest->text("period_to")) latest = &e;
  Record changes;
  changes.values["next_evaluation_due"] = latest && latest->is_set("next_due")
                                              ? records::FieldValue(latest->text("next_due"))
                                              : records::FieldValue();
  TRY(records::update_kept_in(ctx, inventory::suppliers(), ids.front(), changes));
  return {};
}

records::Description make_evaluations() {
  return {
      .type = "supplier_evaluation",
      .table = "supplier_evaluations",
      .singular = "supplier evaluation",
      .plural = "supplier evaluations",
      .api_path = "/api/v1/supplier-evaluations",
      .page_path = "/third-parties/evaluations",
      .command = "supplier-evaluations",
      .fields =
          {
              {.key = "title",
               .label = "Title",
               .required = true,
               .hint = "The supplier and the period, such as \"FraudScore outputs, May 2026\".",
               .group = "Evaluation",
               .searchable = true},
              {.key = "supplier_id",
               .label = "Supplier",
               .type = T::record_ref,
               .required = true,
               .group = "Evaluation",
               .target = "supplier",
               .csv_key = "supplier"},
              {.key = "period_from",
               .label = "Period from",
               .type = T::date,
               .required = true,
               .group = "Evaluation"},
              {.key = "period_to",
               .label = "Period to",
               .type = T::date,
               .required = true,
               .group = "Evaluation"},
              {.key = "evaluator_id",
               .label = "Evaluator",
               .type = T::user_ref,
               .required = true,
               .group = "Evaluation",
               .csv_key = "evaluator_email",
               .responsible = true},
              {.key = "evaluated",
               .label = "What was evaluated",
               .type = T::long_text,
               .required = true,
               .hint = "The outputs, service levels or obligations looked at, and how.",
               .group = "Evaluation",
               .searchable = true},
              {.key = "outcome",
               .label = "Outcome",
               .type = T::choice,
               .required = true,
               .choices = {{"meets", "Meets expectations"},
                           {"concerns", "Concerns"},
                           {"fails", "Fails expectations"}},
               .group = "Result"},
              {.key = "findings",
               .label = "Findings",
               .type = T::markdown,
               .group = "Result",
               .searchable = true},
              {.key = "monitor_ids",
               .label = "Monitors cited",
               .type = T::record_ref,
               .hint = "Monitors whose runs over the supplier's outputs are the evidence.",
               .group = "Result",
               .target = "monitor",
               .many = true,
               .csv_key = "monitors"},
              {.key = "runs_cited",
               .label = "Runs and other evidence",
               .type = T::long_text,
               .hint = "Which runs (their dates or links) and any other evidence read.",
               .group = "Result"},
              {.key = "next_due",
               .label = "Next evaluation due",
               .type = T::date,
               .hint = "Left empty: the supplier's evaluation interval after the period ends (12 "
                       "months when it sets none).",
               .group = "Result"},
          },
      .title_field = "title",
      .unique_title = true,
      .list_columns = {"title", "supplier_id", "period_to", "outcome", "evaluator_id", "next_due"},
      .filters = {"supplier_id", "outcome", "evaluator_id", "monitor_ids"},
      .sort_keys = {"period_to", "outcome", "next_due"},
      .default_sort = "-period_to",
      .nav = third_parties("Supplier evaluations", "supplier-evaluations", 20),
      .hooks = {.check = evaluation_rules,
                .before_write = fill_next_due,
                .after_write = move_supplier_due},
  };
}

// ---- exit plans ---------------------------------------------------------------------------------

void exit_plan_rules(const Record& r, const Record*, Problems& p) {
  if (r.is_set("last_tested_on") && !r.is_set("test_outcome"))
    p.add("test_outcome", "say how the test went");
  if (r.is_set("test_outcome") && !r.is_set("last_tested_on"))
    p.add("last_tested_on", "say when the plan was tested");
}

// A new test moves the next one 12 months on, unless this change set the next one by hand.
Status schedule_test(const records::WriteContext&, Record& after, const Record* before) {
  const bool tested_now =
      after.is_set("last_tested_on") &&
      (!before || before->text("last_tested_on") != after.text("last_tested_on"));
  const bool set_by_hand =
      after.is_set("next_test_due") &&
      (!before || before->text("next_test_due") != after.text("next_test_due"));
  if (!tested_now || set_by_hand) return {};
  if (auto next = documents::add_months(after.text("last_tested_on"), kExitTestMonths))
    after.values["next_test_due"] = *next;
  return {};
}

std::vector<records::Field> exit_plan_fields() {
  return {
      {.key = "title", .label = "Title", .required = true, .group = "Plan", .searchable = true},
      {.key = "supplier_id",
       .label = "Supplier",
       .type = T::record_ref,
       .required = true,
       .group = "Plan",
       .target = "supplier",
       .csv_key = "supplier"},
      {.key = "system_ids",
       .label = "AI systems affected",
       .type = T::record_ref,
       .group = "Plan",
       .target = "ai_system",
       .many = true,
       .csv_key = "ai_systems"},
      {.key = "owner_id",
       .label = "Owner",
       .type = T::user_ref,
       .required = true,
       .group = "Plan",
       .csv_key = "owner_email",
       .responsible = true},
      {.key = "triggers",
       .label = "When it is used",
       .type = T::long_text,
       .required = true,
       .hint = "The conditions that set the plan off: the supplier fails, leaves, is rejected at "
               "review, or an evaluation fails.",
       .group = "Plan",
       .searchable = true},
      {.key = "fallback_kind",
       .label = "Fallback",
       .type = T::choice,
       .required = true,
       .choices = {{"other_supplier", "Another supplier"},
                   {"in_house_model", "An in-house model"},
                   {"manual_process", "A manual process"},
                   {"combined", "A combination"}},
       .group = "Plan"},
      {.key = "fallback",
       .label = "What takes over",
       .type = T::long_text,
       .required = true,
       .group = "Plan",
       .searchable = true},
      {.key = "steps", .label = "Steps", .type = T::markdown, .group = "Plan"},
      {.key = "data_return",
       .label = "Data return and deletion",
       .type = T::long_text,
       .hint = "What the supplier returns, in what format, and how deletion is confirmed.",
       .group = "Plan"},
      {.key = "switch_days",
       .label = "Days to switch",
       .type = T::integer,

       .group = "Plan",
       .min = 0,
       .max = 3650},
      {.key = "last_tested_on", .label = "Last tested on", .type = T::date, .group = "Test"},
      {.key = "test_outcome",
       .label = "Test outcome",
       .type = T::choice,
       .choices = {{"passed", "Passed"},
                   {"passed_with_issues", "Passed with issues"},
                   {"failed", "Failed"}},
       .group = "Test"},
      {.key = "test_notes", .label = "What the test showed", .type = T::long_text, .group = "Test"},
      {.key = "next_test_due",
       .label = "Next test due",
       .type = T::date,
       .hint = "12 months after the last test unless set by hand.",
       .group = "Test",
       .due = true},
  };
}

records::Description make_exit_plans() {
  return {
      .type = "supplier_exit_plan",
      .table = "supplier_exit_plans",
      .singular = "exit plan",
      .plural = "exit plans",
      .api_path = "/api/v1/supplier-exit-plans",
      .page_path = "/third-parties/exit-plans",
      .command = "supplier-exit-plans",
      .fields = exit_plan_fields(),
      .title_field = "title",
      .unique_title = true,
      .list_columns = {"title", "supplier_id", "fallback_kind", "last_tested_on", "test_outcome",
                       "next_test_due"},
      .filters = {"supplier_id", "fallback_kind", "test_outcome", "owner_id", "system_ids"},
      .sort_keys = {"last_tested_on", "next_test_due"},
      .nav = third_parties("Exit plans", "supplier-exit-plans", 30),
      .hooks = {.check = exit_plan_rules, .before_write = schedule_test},
  };
}

}  // namespace

const records::Description& evaluations() {
  static const records::Description d = make_evaluations();
  return d;
}

const records::Description& exit_plans() {
  static const records::Description d = make_exit_plans();
  return d;
}

}  // namespace aims::suppliers
