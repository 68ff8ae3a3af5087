// Meridian's AIMS roles and competence for `aims demo seed`: the five standard roles in Meridian's
// words plus its own clinical safety officer, each held by one of the demo people (an earlier data
// steward appointment ended), seven competences the roles require, five courses and training
// records whose dates follow the day of seeding, so the competence matrix always shows one gap
// (clinical safety), one expired competence (data protection, its retake failed), one expiring
// within 60 days (fairness testing) and the rest held.
#include <map>

#include "auth/auth.h"
#include "base/time.h"
#include "cli/demo.h"
#include "records/records.h"
#include "roles/roles.h"

namespace aims::cli {
namespace {

using records::FieldValue;
using records::Ids;
using records::Record;

struct DemoCompetence {
  const char* name;
  const char* category;
  const char* demonstrated_by;
  int64_t renewal_months;  // 0: does not lapse
};

const std::vector<DemoCompetence> kCompetences = {
    {"AI management system (ISO/IEC 42001)", "management",
     "A passed lead implementer course, or two years running a certified management system.", 36},
    {"AI risk and impact assessment", "management",
     "A passed course on AI risk and impact assessment, and one assessment reviewed by the AIMS "
     "manager.",
     0},
    {"EU AI Act obligations", "legal",
     "The internal EU AI Act course passed within the last two years.", 24},
    {"Fairness testing and bias mitigation", "ethics",
     "The fairness testing workshop passed, with a disparate impact analysis done on a real model.",
     24},
    {"Data protection for AI", "legal", "The annual data protection course for AI teams passed.",
     12},
    {"Data quality and lineage", "data",
     "A passed course on data validation, and a dataset card written for a production dataset.", 0},
    {"Model validation and statistical testing", "technical",
     "The model validation course passed, and one validation report accepted by Model Risk.", 0},
    {"Clinical safety for health software", "domain",
     "A clinical risk management course for health IT passed; required of whoever signs off the "
     "triage aid's hazard log.",
     0},
};

struct DemoCourse {
  const char* title;
  const char* provider;
  std::vector<const char*> competences;
  int64_t validity_months;  // 0: does not expire
  const char* format;
  double hours;
};

const std::vector<DemoCourse> kCourses = {
    {"ISO/IEC 42001 lead implementer",
     "Northbridge Assurance Academy",
     {"AI management system (ISO/IEC 42001)", "AI risk and impact assessment"},
     36,
     "classroom",
     35},
    {"The EU AI Act for providers and deployers",
     "Meridian Legal and Compliance",
     {"EU AI Act obligations"},
     24,
     "live_online",
     6},
    {"Fairness testing in practice",
     "Meridian Model Risk",
     {"Fairness testing and bias mitigation"},
     24,
     "workshop",
     14},
    {"Data protection for data and AI teams",
     "Meridian Privacy Office",
     {"Data protection for AI"},
     12,
     "online",
     3},
    {"Validating machine learning models and their data",
     "Meridian Model Risk",
     {"Model validation and statistical testing", "Data quality and lineage"},
     0,
     "workshop",
     21},
};

struct DemoRole {
  const char* name;  // a standard role's name, or Meridian's own
  std::vector<const char*> competences;
  const char* purpose = "";  // Meridian's own role only
  const char* responsibilities = "";
  const char* authorities = "";
};

const std::vector<DemoRole> kRoles = {
    {"AIMS manager",
     {"AI management system (ISO/IEC 42001)", "AI risk and impact assessment",
      "EU AI Act obligations"}},
    {"AI ethics lead", {"Fairness testing and bias mitigation", "AI risk and impact assessment"}},
    {"Data steward", {"Data quality and lineage", "Data protection for AI"}},
    {"Model validator",
     {"Model validation and statistical testing", "Fairness testing and bias mitigation"}},
    {"AI system owner", {"AI risk and impact assessment", "EU AI Act obligations"}},
    {"Clinical safety officer",
     {"Clinical safety for health software", "AI risk and impact assessment"},
     "Answers for the clinical safety of the emergency triage aid used by partner hospitals.",
     "- Keeps the triage aid's hazard log and clinical safety case current.\n"
     "- Reviews every change to the triage model for clinical risk before release.\n"
     "- Investigates incidents where a patient may have been under-triaged.",
     "- Stops a release of the triage aid that has not passed clinical safety review.\n"
     "- Switches the triage aid to clinician-only review when a safety concern is open."},
};

// Who holds what: 'a' Ada Okafor (admin), 'p' Priya Raman (AIMS manager), 't' Tomás Silva (data
// scientist); 'h' Henrik Mwangi, the executive sponsor, appoints the AIMS manager.
struct DemoAssignment {
  char person;
  const char* role;
  const char* from;
  char appointed_by;
  const char* note;
};

const std::vector<DemoAssignment> kAssignments = {
    {'p', "AIMS manager", "2025-02-03", 'h',
     "Appointed by the executive sponsor when the AIMS programme started (board minute 2025/07)."},
    {'p', "AI ethics lead", "2025-04-01", 'h',
     "Holds the role until the ethics committee elects its own chair."},
    {'t', "Data steward", "2025-10-01", 'p',
     "Took over from Ada Okafor when the data platform team was formed."},
    {'t', "AI system owner", "2025-03-10", 'p',
     "Owner of the credit scoring and fraud detection systems."},
    {'a', "Model validator", "2025-03-10", 'p',
     "Second line: independent of the data science team that builds the models."},
    {'a', "Clinical safety officer", "2026-06-15", 'p',
     "Interim, until the partner hospitals' clinical lead joins; clinical safety training booked."},
};

// Training by person, with completion this many days before the seeding day, so the matrix shows
// the same picture whenever the demo is run.
struct DemoTraining {
  char person;
  const char* course;
  int64_t days_ago;
  const char* result;
  const char* notes;
};

const std::vector<DemoTraining> kTraining = {
    {'p', "ISO/IEC 42001 lead implementer", 420, "passed", "Exam score 84%; certificate attached."},
    {'p', "The EU AI Act for providers and deployers", 150, "passed", ""},
    {'p', "Fairness testing in practice", 240, "passed", ""},
    {'t', "ISO/IEC 42001 lead implementer", 300, "passed", ""},
    {'t', "The EU AI Act for providers and deployers", 150, "passed", ""},
    {'t', "Validating machine learning models and their data", 500, "passed", ""},
    // Passed 13 months ago on a 12-month course: expired a month ago; the retake was failed.
    {'t', "Data protection for data and AI teams", 396, "passed", ""},
    {'t', "Data protection for data and AI teams", 12, "failed",
     "Failed the assessment on retention rules; retake booked for next month."},
    {'a', "Validating machine learning models and their data", 610, "passed", ""},
    // Passed 23 months ago on a 24-month course: about a month left.
    {'a', "Fairness testing in practice", 700, "passed", ""},
    {'a', "ISO/IEC 42001 lead implementer", 180, "passed", ""},
};

std::string days_ago(int64_t days) {
  const auto today = parse_date_days(now_timestamp().substr(0, 10));
  return format_timestamp((*today - days) * 86'400'000'000LL).substr(0, 10);
}

Result<std::map<std::string, int64_t>> ids_by_name(store::Database& db, int64_t org,
                                                   const records::Description& d) {
  TRY_ASSIGN(const auto all, records::all_names(db, d, org));
  std::map<std::string, int64_t> out;
  for (const auto& n : all)
    out[n.name] = n.id;
  return out;
}

Ids pick(const std::map<std::string, int64_t>& by_name, const std::vector<const char*>& names) {
  Ids out;
  for (const char* n : names)
    out.push_back(by_name.at(n));
  return out;
}

Status add_competences(store::Database& db, int64_t org, const records::Caller& who) {
  for (const auto& c : kCompetences) {
    Record r;
    r.values = {{"name", std::string(c.name)},
                {"category", std::string(c.category)},
                {"demonstrated_by", std::string(c.demonstrated_by)}};
    if (c.renewal_months) r.values["renewal_months"] = c.renewal_months;
    TRY(records::create(db, roles::competences(), org, r, who));
  }
  return {};
}

Status add_courses(store::Database& db, int64_t org, const std::map<std::string, int64_t>& comps,
                   const records::Caller& who) {
  for (const auto& c : kCourses) {
    Record r;
    r.values = {{"title", std::string(c.title)},
                {"provider", std::string(c.provider)},
                {"competence_ids", pick(comps, c.competences)},
                {"format", std::string(c.format)},
                {"hours", c.hours}};
    if (c.validity_months) r.values["validity_months"] = c.validity_months;
    TRY(records::create(db, roles::courses(), org, r, who));
  }
  return {};
}

// The standard roles come from aims' own wording, with Meridian's required competences added;
// the clinical safety officer is Meridian's own.
Status add_roles(store::Database& db, int64_t org, const std::map<std::string, int64_t>& comps,
                 const records::Caller& who) {
  TRY(roles::add_standard_roles(db, org, who));
  TRY_ASSIGN(const auto by_name, ids_by_name(db, org, roles::aims_roles()));
  for (const auto& role : kRoles) {
    Record r;
    r.values = {{"competence_ids", pick(comps, role.competences)}};
    if (const auto found = by_name.find(role.name); found != by_name.end()) {
      TRY_ASSIGN(const Record current, records::get(db, roles::aims_roles(), org, found->second));
      TRY(records::update(db, roles::aims_roles(), org, found->second, r, current.version, who));
      continue;
    }
    r.values["name"] = std::string(role.name);
    r.values["purpose"] = std::string(role.purpose);
    r.values["responsibilities"] = std::string(role.responsibilities);
    r.values["authorities"] = std::string(role.authorities);
    r.values["reports_to_id"] = by_name.at("AIMS manager");
    TRY(records::create(db, roles::aims_roles(), org, r, who));
  }
  return {};
}

// An appointment that ended, so the holders list shows the workflow's other state.
Status add_ended_appointment(store::Database& db, int64_t org,
                             const std::map<std::string, int64_t>& role_ids,
                             const std::map<char, int64_t>& people, const records::Caller& who) {
  Record r;
  r.values = {{"person_id", people.at('a')},
              {"role_id", role_ids.at("Data steward")},
              {"from_date", std::string("2025-02-03")},
              {"appointed_by_id", people.at('p')},
              {"appointment_note", std::string("Interim while the data platform team was hired.")}};
  TRY_ASSIGN(const Record created, records::create(db, roles::role_assignments(), org, r, who));
  Record ending;
  ending.values = {{"until_date", std::string("2025-09-30")}};
  TRY(records::transition(db, roles::role_assignments(), org, created.id,
                          {"end", "Handed over to Tomás Silva when the data platform team formed.",
                           ending, created.version},
                          who));
  return {};
}

Status add_assignments(store::Database& db, int64_t org, const std::map<char, int64_t>& people,
                       const records::Caller& who) {
  TRY_ASSIGN(const auto role_ids, ids_by_name(db, org, roles::aims_roles()));
  TRY(add_ended_appointment(db, org, role_ids, people, who));
  for (const auto& a : kAssignments) {
    Record r;
    r.values = {{"person_id", people.at(a.person)},
                {"role_id", role_ids.at(a.role)},
                {"from_date", std::string(a.from)},
                {"appointed_by_id", people.at(a.appointed_by)},
                {"appointment_note", std::string(a.note)}};
    TRY(records::create(db, roles::role_assignments(), org, r, who));
  }
  return {};
}

Status add_training(store::Database& db, int64_t org, const std::map<char, int64_t>& people,
                    const records::Caller& who) {
  TRY_ASSIGN(const auto course_ids, ids_by_name(db, org, roles::courses()));
  for (const auto& t : kTraining) {
    Record r;
    r.values = {{"person_id", people.at(t.person)},
                {"course_id", course_ids.at(t.course)},
                {"completed_on", days_ago(t.days_ago)},
                {"result", std::string(t.result)}};
    if (*t.notes) r.values["notes"] = std::string(t.notes);
    TRY(records::create(db, roles::training_records(), org, r, who));
  }
  return {};
}

}  // namespace

Status seed_demo_roles(store::Database& db, int64_t org, const DemoPeople& people) {
  const records::Caller manager{people.manager, people.manager.user_id, auth::Role::aims_manager};
  TRY_ASSIGN(const auth::User sponsor, auth::find_user_by_email(db, org, "cfo@meridian.example"));
  const std::map<char, int64_t> ids = {{'a', people.admin.user_id.value()},
                                       {'p', people.manager.user_id.value()},
                                       {'t', people.scientist.user_id.value()},
                                       {'h', sponsor.id}};
  TRY(add_competences(db, org, manager));
  TRY_ASSIGN(const auto competence_ids, ids_by_name(db, org, roles::competences()));
  TRY(add_courses(db, org, competence_ids, manager));
  TRY(add_roles(db, org, competence_ids, manager));
  TRY(add_assignments(db, org, ids, manager));
  return add_training(db, org, ids, manager);
}

}  // namespace aims::cli
