// AIMS roles, role holders, competences, courses and training records as descriptions on the
// records platform, with their rules: a role never reports to itself, an appointment ends no
// earlier than it begins, a training record's expiry follows its course's validity.
#include <mutex>

#include "auth/auth.h"
#include "base/text.h"
#include "documents/documents.h"
#include "roles/roles.h"

namespace aims::roles {
namespace {

using records::Problems;
using records::Record;
using records::Transition;
using T = records::FieldType;

// The display name of the record `key` refers to, read in the write's transaction.
Result<std::string> referred_name(const records::WriteContext& ctx, const Record& r,
                                  const char* key, const records::Description& target) {
  const auto ids = r.ids(key);
  if (ids.empty()) return std::string();
  TRY_ASSIGN(const auto found, records::find(ctx, target, ids.front()));
  return found ? target.display_name(*found) : std::string();
}

// ---- AIMS roles -------------------------------------------------------------------------------

const StandardRole* standard_role_named(const std::string& name) {
  for (const auto& s : standard_roles())
    if (to_lower_ascii(s.name) == to_lower_ascii(name)) return &s;
  return nullptr;
}

// A role the organisation names as one of the standard ones is that standard role, however it
// was added: the readiness rules look for the standard roles by key.
void role_compute(Record& r) {
  if (!r.is_set("standard_key"))
    if (const StandardRole* s = standard_role_named(r.text("name")))
      r.values["standard_key"] = s->key;
  r.values["kind"] = std::string(r.is_set("standard_key") ? "standard" : "own");
}

void role_rules(const Record& r, const Record*, Problems& p) {
  for (int64_t id : r.ids("reports_to_id"))
    if (r.id != 0 && id == r.id) p.add("reports_to_id", "a role cannot report to itself");
}

records::Description make_roles() {
  return {
      .type = "aims_role",
      .table = "aims_roles",
      .singular = "AIMS role",
      .plural = "AIMS roles",
      .api_path = "/api/v1/aims-roles",
      .page_path = "/roles/aims-roles",
      .command = "aims-roles",
      .fields =
          {
              {.key = "name",
               .label = "Name",
               .required = true,
               .group = "Role",
               .searchable = true},
              {.key = "kind",
               .label = "Kind",
               .type = T::choice,
               .choices = {{"standard", "Standard role"}, {"own", "The organisation's own"}},
               .hint = "Standard when it is one of the five roles aims knows by name.",
               .group = "Role",
               .default_value = "own",
               .computed = true},
              {.key = "standard_key",
               .label = "Standard role",
               .group = "Role",
               .read_only = true,
               .shown = false},
              {.key = "purpose",
               .label = "Purpose",
               .type = T::long_text,
               .group = "Role",
               .searchable = true},
              {.key = "responsibilities",
               .label = "Responsibilities",
               .type = T::markdown,
               .hint = "What the holder answers for (clause 5.3).",
               .group = "Responsibilities and authorities",
               .searchable = true},
              {.key = "authorities",
               .label = "Authorities",
               .type = T::markdown,
               .hint = "What the holder may decide or stop without asking anyone.",
               .group = "Responsibilities and authorities",
               .searchable = true},
              {.key = "top_management",
               .label = "Top management",
               .type = T::flag,
               .hint = "Its holders direct the organisation at the highest level: a management "
                       "review is held only with one of them present (clause 9.3).",
               .group = "Responsibilities and authorities"},
              {.key = "reports_to_id",
               .label = "Reports to",
               .type = T::record_ref,
               .group = "Responsibilities and authorities",
               .target = "aims_role",
               .csv_key = "reports_to"},
              {.key = "competence_ids",
               .label = "Required competences",
               .type = T::record_ref,
               .hint = "What every holder must be competent in (clause 7.2).",
               .group = "Competence",
               .target = "competence",
               .many = true,
               .csv_key = "competences"},
              {.key = "min_holders",
               .label = "Minimum holders",
               .type = T::integer,
               .hint = "How many people must hold it at once, so it is covered in absences.",
               .group = "Competence",
               .default_value = "1",
               .min = 1,
               .max = 100},
          },
      .unique_title = true,
      .list_columns = {"name", "kind", "reports_to_id", "min_holders"},
      .filters = {"kind", "top_management", "competence_ids", "reports_to_id"},
      .sort_keys = {"kind"},
      .nav = {.group = "Context and leadership",
              .group_order = 15,
              .label = "AIMS roles",
              .section = "aims-roles",
              .order = 40},
      .hooks = {.check = role_rules, .compute = role_compute},
  };
}

// ---- role holders -----------------------------------------------------------------------------

void assignment_rules(const Record& r, const Record*, Problems& p) {
  if (r.is_set("until_date") && r.is_set("from_date") && r.text("until_date") < r.text("from_date"))
    p.add("until_date", "an appointment cannot end before it begins (" + r.text("from_date") + ")");
}

Status name_assignment(const records::WriteContext& ctx, Record& r, const Record*) {
  TRY_ASSIGN(const std::string person, auth::person_name(ctx.tx, ctx.org, r.number("person_id")));
  TRY_ASSIGN(const std::string role, referred_name(ctx, r, "role_id", aims_roles()));
  r.values["title"] = person + " as " + role;
  return {};
}

records::Description make_assignments() {
  return {
      .type = "role_assignment",
      .table = "role_assignments",
      .singular = "role holder",
      .plural = "AIMS role holders",
      .api_path = "/api/v1/role-assignments",
      .page_path = "/roles/holders",
      .command = "role-assignments",
      .fields =
          {
              {.key = "title", .label = "Appointment", .group = "Appointment", .read_only = true},
              {.key = "person_id",
               .label = "Person",
               .type = T::user_ref,
               .required = true,
               .group = "Appointment",
               .csv_key = "person_email",
               .responsible = true},
              {.key = "role_id",
               .label = "Role",
               .type = T::record_ref,
               .required = true,
               .group = "Appointment",
               .target = "aims_role",
               .csv_key = "role"},
              {.key = "from_date",
               .label = "From",
               .type = T::date,
               .required = true,
               .group = "Appointment"},
              {.key = "until_date",
               .label = "Until",
               .type = T::date,
               .hint = "Empty while the appointment is open-ended.",
               .group = "Appointment"},
              {.key = "appointed_by_id",
               .label = "Appointed by",
               .type = T::user_ref,
               .group = "Appointment",
               .csv_key = "appointed_by_email"},
              {.key = "appointment_note",
               .label = "Appointment note",
               .type = T::long_text,
               .hint = "Where the appointment was decided: a committee minute, a letter.",
               .group = "Appointment",
               .searchable = true},
          },
      .title_field = "title",
      .list_columns = {"title", "from_date", "until_date", "state"},
      .filters = {"state", "person_id", "role_id"},
      .sort_keys = {"from_date", "until_date", "state"},
      .default_sort = "-from_date",
      .workflow =
          records::Workflow{.states = {{"active", "Active"}, {"ended", "Ended", false, true}},
                            .transitions = {Transition{.name = "end",
                                                       .label = "End the appointment",
                                                       .from = {"active"},
                                                       .to = "ended",
                                                       .required_fields = {"until_date"},
                                                       .reason_required = true,
                                                       .reason_label = "Why it ends"}}},
      .nav = {.group = "Context and leadership",
              .group_order = 15,
              .label = "AIMS role holders",
              .section = "role-holders",
              .order = 41},
      .hooks = {.check = assignment_rules, .before_write = name_assignment},
  };
}

// ---- competences and courses ------------------------------------------------------------------

records::Description make_competences() {
  return {
      .type = "competence",
      .table = "competences",
      .singular = "competence",
      .plural = "competences",
      .api_path = "/api/v1/competences",
      .page_path = "/roles/competences",
      .command = "competences",
      .fields =
          {
              {.key = "name",
               .label = "Name",
               .required = true,
               .group = "Competence",
               .searchable = true},
              {.key = "category",
               .label = "Category",
               .type = T::choice,
               .required = true,
               .choices = {{"technical", "Technical"},
                           {"data", "Data"},
                           {"ethics", "Ethics and fairness"},
                           {"legal", "Legal and regulatory"},
                           {"domain", "Domain"},
                           {"management", "Management"}},
               .group = "Competence",
               .default_value = "technical"},
              {.key = "demonstrated_by",
               .label = "What demonstrates it",
               .type = T::long_text,
               .hint = "The course, certificate, assessment or experience that shows it.",
               .group = "Competence",
               .searchable = true},
              {.key = "renewal_months",
               .label = "Renew every (months)",
               .type = T::integer,
               .hint = "Empty: once shown, it does not lapse.",
               .group = "Competence",
               .min = 1,
               .max = 120},
          },
      .unique_title = true,
      .list_columns = {"name", "category", "renewal_months"},
      .filters = {"category"},
      .sort_keys = {"category"},
      .nav = {.group = "Support",
              .group_order = 22,
              .label = "Competences",
              .section = "competences",
              .order = 10},
  };
}

records::Description make_courses() {
  return {
      .type = "course",
      .table = "courses",
      .singular = "course",
      .plural = "courses",
      .api_path = "/api/v1/courses",
      .page_path = "/roles/courses",
      .command = "courses",
      .fields =
          {
              {.key = "title",
               .label = "Title",
               .required = true,
               .group = "Course",
               .searchable = true},
              {.key = "provider", .label = "Provider", .group = "Course", .searchable = true},
              {.key = "competence_ids",
               .label = "Competences it gives",
               .type = T::record_ref,
               .group = "Course",
               .target = "competence",
               .many = true,
               .csv_key = "competences"},
              {.key = "validity_months",
               .label = "Valid for (months)",
               .type = T::integer,
               .hint = "Empty: passing it does not expire.",
               .group = "Course",
               .min = 1,
               .max = 120},
              {.key = "format",
               .label = "Format",
               .type = T::choice,
               .choices = {{"classroom", "Classroom"},
                           {"online", "Online, self-paced"},
                           {"live_online", "Live online"},
                           {"workshop", "Workshop"},
                           {"on_the_job", "On the job"},
                           {"certification", "Certification exam"}},
               .group = "Course",
               .default_value = "online"},
              {.key = "hours",
               .label = "Hours",
               .type = T::decimal,
               .group = "Course",
               .min = 0,
               .max = 1000},
          },
      .title_field = "title",
      .unique_title = true,
      .list_columns = {"title", "provider", "competence_ids", "validity_months", "format"},
      .filters = {"format", "competence_ids"},
      .sort_keys = {"provider"},
      .nav = {.group = "Support",
              .group_order = 22,
              .label = "Courses",
              .section = "courses",
              .order = 20},
  };
}

// ---- training records -------------------------------------------------------------------------

// The course's validity after completion; nullopt when the course does not expire or the record
// was failed (a failed course gives nothing to expire).
Result<std::optional<std::string>> worked_out_expiry(const records::WriteContext& ctx,
                                                     const Record& r) {
  const auto ids = r.ids("course_id");
  if (ids.empty() || r.text("result") == "failed") return std::optional<std::string>();
  TRY_ASSIGN(const auto course, records::find(ctx, courses(), ids.front()));
  const auto validity = course ? course->number("validity_months") : std::nullopt;
  if (!validity) return std::optional<std::string>();
  return documents::add_months(r.text("completed_on"), *validity);
}

// The expiry aims works out, when none is given or the one the record has was worked out before
// and this change left it as it was (so it follows a new completion date, course or result). An
// expiry someone gave is kept.
Status work_out_expiry(const records::WriteContext& ctx, Record& r, const Record* before) {
  bool follows = !r.is_set("expires_on");
  if (!follows && before && r.text("expires_on") == before->text("expires_on")) {
    TRY_ASSIGN(const auto earlier, worked_out_expiry(ctx, *before));
    follows = earlier == before->text("expires_on");
  }
  if (follows) {
    TRY_ASSIGN(const auto date, worked_out_expiry(ctx, r));
    r.values["expires_on"] =
        date ? records::FieldValue(*date) : records::FieldValue(std::monostate{});
  }
  TRY_ASSIGN(const std::string person, auth::person_name(ctx.tx, ctx.org, r.number("person_id")));
  TRY_ASSIGN(const std::string course, referred_name(ctx, r, "course_id", courses()));
  r.values["title"] = person + ": " + course + " (" + r.text("completed_on") + ")";
  return {};
}

void training_rules(const Record& r, const Record*, Problems& p) {
  if (r.is_set("expires_on") && r.is_set("completed_on") &&
      r.text("expires_on") < r.text("completed_on"))
    p.add("expires_on", "training cannot expire before it was completed");
}

records::Description make_training() {
  return {
      .type = "training_record",
      .table = "training_records",
      .singular = "training record",
      .plural = "training records",
      .api_path = "/api/v1/training-records",
      .page_path = "/roles/training",
      .command = "training-records",
      .fields =
          {
              {.key = "title", .label = "Training", .group = "Training", .read_only = true},
              {.key = "person_id",
               .label = "Person",
               .type = T::user_ref,
               .required = true,
               .group = "Training",
               .csv_key = "person_email",
               .responsible = true},
              {.key = "course_id",
               .label = "Course",
               .type = T::record_ref,
               .required = true,
               .group = "Training",
               .target = "course",
               .csv_key = "course"},
              {.key = "completed_on",
               .label = "Completed on",
               .type = T::date,
               .required = true,
               .group = "Training"},
              {.key = "result",
               .label = "Result",
               .type = T::choice,
               .required = true,
               .choices = {{"passed", "Passed"}, {"attended", "Attended"}, {"failed", "Failed"}},
               .hint = "Only a passed course makes its competences held.",
               .group = "Training",
               .default_value = "passed"},
              {.key = "expires_on",
               .label = "Expires on",
               .type = T::date,
               .hint = "Left empty: completion plus the course's validity.",
               .group = "Training",
               .due = true,
               .past_due_label = "expired"},
              {.key = "notes",
               .label = "Notes",
               .type = T::long_text,
               .hint = "Score, assessor, certificate number; attach the certificate on the saved "
                       "record.",
               .group = "Training",
               .searchable = true},
          },
      .title_field = "title",
      .list_columns = {"title", "completed_on", "result", "expires_on"},
      .filters = {"person_id", "course_id", "result"},
      .sort_keys = {"completed_on", "expires_on"},
      .default_sort = "-completed_on",
      .nav = {.group = "Support",
              .group_order = 22,
              .label = "Training records",
              .section = "training",
              .order = 30},
      .hooks = {.check = training_rules, .before_write = work_out_expiry},
  };
}

}  // namespace

const records::Description& aims_roles() {
  static const records::Description d = make_roles();
  return d;
}

const records::Description& role_assignments() {
  static const records::Description d = make_assignments();
  return d;
}

const records::Description& competences() {
  static const records::Description d = make_competences();
  return d;
}

const records::Description& courses() {
  static const records::Description d = make_courses();
  return d;
}

const records::Description& training_records() {
  static const records::Description d = make_training();
  return d;
}

bool holds_on(const Record& a, const std::string& today) {
  return a.state == "active" && !a.archived_at && a.text("from_date") <= today &&
         (!a.is_set("until_date") || a.text("until_date") >= today);
}

void define_registers() {
  static std::once_flag once;
  std::call_once(once, [] {
    records::define(competences());
    records::define(aims_roles());
    records::define(role_assignments());
    records::define(courses());
    records::define(training_records());
    define_readiness_rules();
  });
}

}  // namespace aims::roles
