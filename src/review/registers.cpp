// The management review, its attendees and its actions as descriptions on the records platform.
#include <mutex>

#include "auth/auth.h"
#include "review/hold_hooks.h"
#include "review/review.h"
#include "roles/roles.h"

namespace aims::review {
namespace {

using records::Record;
using records::Transition;
using T = records::FieldType;

constexpr const char* kEvaluation = "Evaluation";
constexpr int kEvaluationOrder = 35;

records::Field review_ref() {
  return {.key = "review_id",
          .label = "Management review",
          .type = T::record_ref,
          .required = true,
          .group = "Review",
          .target = "management_review",
          .csv_key = "management_review"};
}

void review_rules(const Record& r, const Record*, records::Problems& p) {
  if (r.is_set("next_review_on") && r.is_set("held_on") &&
      r.text("next_review_on") <= r.text("held_on"))
    p.add("next_review_on",
          "the next review must come after this one (held on " + r.text("held_on") + ")");
}

records::Workflow review_workflow() {
  return {
      .states = {{"planned", "Planned"},
                 // Done: its planned date is nobody's work once held; the minutes may still be
                 // corrected until approved.
                 {"held", "Held", true, true},
                 {"approved", "Minutes approved", false, true},
                 {"cancelled", "Cancelled", false, true}},
      .transitions = {Transition{.name = "hold",
                                 .label = "Hold the review",
                                 .from = {"planned"},
                                 .to = "held",
                                 .required_fields = {"held_on", "minutes"},
                                 .freezes = true,
                                 .own_route =
                                     records::OwnRoute{
                                         .path = "/{id}/hold",
                                         .prepares = "compile the input pack",
                                         .on_page = "held with the form below, which compiles the "
                                                    "input pack"}},
                      Transition{.name = "approve_minutes",
                                 .label = "Approve the minutes",
                                 .from = {"held"},
                                 .to = "approved",
                                 .permission = auth::Action::approve_records,
                                 .approvals = 1,
                                 .approver_roles = {auth::Role::admin, auth::Role::aims_manager},
                                 .freezes = true},
                      Transition{.name = "cancel",
                                 .label = "Cancel the review",
                                 .from = {"planned"},
                                 .to = "cancelled",
                                 .reason_required = true}},
  };
}

records::Description make_reviews() {
  return {
      .type = "management_review",
      .table = "management_reviews",
      .singular = "management review",
      .plural = "management reviews",
      .api_path = "/api/v1/management-reviews",
      .page_path = "/evaluation/management-reviews",
      .command = "management-reviews",
      .fields =
          {
              {.key = "title",
               .label = "Title",
               .required = true,
               .group = "Review",
               .searchable = true},
              {.key = "planned_on",
               .label = "Planned on",
               .type = T::date,
               .required = true,
               .group = "Review",
               .due = true},
              {.key = "chair_id",
               .label = "Chair",
               .type = T::user_ref,
               .required = true,
               .group = "Review",
               .csv_key = "chair_email",
               .responsible = true},
              {.key = "held_on", .label = "Held on", .type = T::date, .group = "Meeting"},
              {.key = "minutes",
               .label = "Minutes",
               .type = T::markdown,
               .hint = "What was discussed and decided; each decision is also an action below.",
               .group = "Meeting",
               .searchable = true},
              {.key = "next_review_on",
               .label = "Next review planned on",
               .type = T::date,
               .group = "Meeting"},
              {.key = "input_pack",
               .label = "Input pack",
               .type = T::markdown,
               .group = "Input pack",
               .read_only = true,
               .shown = false},
              {.key = "pack_compiled_at",
               .label = "Input pack compiled at",
               .type = T::date_time,
               .group = "Input pack",
               .read_only = true},
          },
      .title_field = "title",
      .list_columns = {"title", "planned_on", "held_on", "chair_id", "state"},
      .filters = {"state", "chair_id"},
      .sort_keys = {"planned_on", "held_on"},
      .default_sort = "-planned_on",
      .workflow = review_workflow(),
      .versioned = true,
      .nav = {.group = kEvaluation,
              .group_order = kEvaluationOrder,
              .label = "Management reviews",
              .section = "management-reviews",
              .order = 30},
      .hooks = {.check = review_rules, .before_write = write_pack, .before_transition = check_hold},
  };
}

// An attendee is known as "<person>, <review>" wherever listed.
Status title_attendee(const records::WriteContext& ctx, Record& r, const Record*) {
  TRY_ASSIGN(const std::string name, auth::person_name(ctx.tx, ctx.org, r.number("person_id")));
  TRY_ASSIGN(const auto review,
             records::find(ctx, management_reviews(),
                           r.ids("review_id").empty() ? 0 : r.ids("review_id")[0]));
  r.values["title"] = name + (review ? ", " + review->text("title") : "");
  return {};
}

records::Description make_attendees() {
  return {
      .type = "review_attendee",
      .table = "review_attendees",
      .singular = "review attendee",
      .plural = "review attendees",
      .api_path = "/api/v1/review-attendees",
      .page_path = "/evaluation/review-attendees",
      .command = "review-attendees",
      .fields =
          {
              {.key = "title",
               .label = "Attendee",
               .group = "Review",
               .read_only = true,
               .shown = false},
              review_ref(),
              {.key = "person_id",
               .label = "Person",
               .type = T::user_ref,
               .required = true,
               .group = "Review",
               .csv_key = "person_email"},
              {.key = "capacity",
               .label = "Attended as",
               .hint = "Executive sponsor, AIMS manager, internal audit, guest...",
               .group = "Review"},
          },
      .title_field = "title",
      .list_columns = {"person_id", "review_id", "capacity"},
      .filters = {"review_id", "person_id"},
      .hooks = {.before_write = title_attendee},
  };
}

records::Workflow action_workflow() {
  return {.states = {{"open", "Open"},
                     {"done", "Done", false, true},
                     {"dropped", "Dropped", false, true}},
          .transitions = {Transition{.name = "complete",
                                     .label = "Mark done",
                                     .from = {"open"},
                                     .to = "done",
                                     .required_fields = {"outcome"}},
                          Transition{.name = "drop",
                                     .label = "Drop the action",
                                     .from = {"open"},
                                     .to = "dropped",
                                     .required_fields = {"outcome"},
                                     .reason_required = true}}};
}

records::Description make_actions() {
  return {
      .type = "review_action",
      .table = "review_actions",
      .singular = "review action",
      .plural = "review actions",
      .api_path = "/api/v1/review-actions",
      .page_path = "/evaluation/review-actions",
      .command = "review-actions",
      .fields =
          {
              review_ref(),
              {.key = "title",
               .label = "Action",
               .required = true,
               .group = "Decision",
               .searchable = true},
              {.key = "kind",
               .label = "Kind",
               .type = T::choice,
               .required = true,
               .choices = {{"improvement", "Opportunity for improvement"},
                           {"change", "Change to the AIMS"},
                           {"resources", "Resource need"},
                           {"other", "Other"}},
               .group = "Decision",
               .default_value = "improvement"},
              {.key = "decision",
               .label = "Decision",
               .type = T::long_text,
               .required = true,
               .hint = "What management decided, in its own words.",
               .group = "Decision",
               .searchable = true},
              {.key = "owner_id",
               .label = "Owner",
               .type = T::user_ref,
               .required = true,
               .group = "Follow-up",
               .csv_key = "owner_email",
               .responsible = true},
              {.key = "due_on",
               .label = "Due on",
               .type = T::date,
               .required = true,
               .group = "Follow-up",
               .due = true},
              {.key = "outcome",
               .label = "Outcome",
               .type = T::long_text,
               .hint = "What was done, or why the action was dropped.",
               .group = "Follow-up"},
          },
      .title_field = "title",
      .list_columns = {"title", "review_id", "kind", "owner_id", "due_on", "state"},
      .filters = {"state", "kind", "review_id", "owner_id"},
      .sort_keys = {"due_on"},
      .default_sort = "due_on",
      .workflow = action_workflow(),
      .nav = {.group = kEvaluation,
              .group_order = kEvaluationOrder,
              .label = "Review actions",
              .section = "review-actions",
              .order = 31},
  };
}

}  // namespace

const records::Description& management_reviews() {
  static const records::Description d = make_reviews();
  return d;
}

const records::Description& review_attendees() {
  static const records::Description d = make_attendees();
  return d;
}

const records::Description& review_actions() {
  static const records::Description d = make_actions();
  return d;
}

void define_registers() {
  static std::once_flag once;
  std::call_once(once, [] {
    roles::define_registers();  // the hold reads who holds which AIMS role
    records::define(management_reviews());
    records::define(review_attendees());
    records::define(review_actions());
    define_readiness_rules();
  });
}

}  // namespace aims::review
