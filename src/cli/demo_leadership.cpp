// Meridian's AI governance committee for `aims demo seed`: its terms of reference, members, two
// meetings with minutes, the decisions taken (a hold on the CV screening tool in force, an earlier
// hold on the support assistant lifted), and the credit model's RACI across its lifecycle.
#include <map>

#include "auth/auth.h"
#include "base/time.h"
#include "cli/demo.h"
#include "documents/documents.h"
#include "inventory/inventory.h"
#include "leadership/leadership.h"
#include "records/records.h"

namespace aims::cli {
namespace {

using records::FieldValue;
using records::Ids;
using records::Record;
using Values = std::map<std::string, FieldValue>;
using List = std::vector<std::string>;

constexpr const char* kMandate =
    R"(The committee directs and oversees Meridian's use of AI on behalf of the executive committee.

- **Approves** each high-risk AI system before its first release and after every significant change.
- **May halt a release:** a hold it places on an AI system stops that system going live, or a new version of it being released, until the committee lifts the hold.
- **Accepts** AI risks above the risk owners' threshold, or sends them back for treatment.
- Reviews the AI policy, the AI objectives and the readiness of the AI management system every quarter.
- Reports to the executive committee after each meeting.

Decisions need the chair and two voting members; the secretary records each decision with its rationale.)";

constexpr const char* kTermsOfReference = R"(# AI governance committee: terms of reference

**Purpose.** Direct and oversee the development, procurement and use of AI systems across Meridian.

**Membership.** Chair: the executive sponsor (CFO). Voting members: the AIMS manager and the platform administrator. Advisers: the head of data science. Observer: internal audit.

**Quorum.** The chair and two voting members.

**Authority.** Approve or reject releases of high-risk AI systems, place and lift holds on any AI system, accept AI risks above the owners' threshold.

**Meetings.** Quarterly, and at the chair's call when a release or an incident needs a decision.
)";

struct Seeder {
  store::Database& db;
  int64_t org;
  records::Caller secretary;  // Priya keeps the committee's records
  std::map<std::string, int64_t> people;
  std::map<std::string, int64_t> systems;

  Result<int64_t> add(const records::Description& d, Values values) {
    Record r;
    r.values = std::move(values);
    TRY_ASSIGN(const Record created, records::create(db, d, org, r, secretary));
    return created.id;
  }
};

Result<int64_t> seed_terms_of_reference(Seeder& s, const DemoPeople& people) {
  const records::Caller admin{people.admin, people.admin.user_id, auth::Role::admin};
  TRY_ASSIGN(const int64_t id,
             s.add(documents::documents(),
                   {{"title", std::string("AI governance committee terms of reference")},
                    {"document_type", std::string("other")},
                    {"owner_id", s.people["priya"]},
                    {"classification", std::string("internal")},
                    {"body", std::string(kTermsOfReference)},
                    {"effective_date", days_from_today(-200)},
                    {"review_interval_months", int64_t(12)},
                    {"retention", std::string("Each superseded version kept 10 years")}}));
  for (const auto& [step, reason, who] :
       {std::tuple{"submit", "First issue, as the executive committee set the committee up",
                   s.secretary},
        std::tuple{"approve", "Matches the AI policy's governance section", admin}}) {
    TRY_ASSIGN(const Record current, records::get(s.db, documents::documents(), s.org, id));
    Record values;  // submitting names the approver, who alone may approve it
    if (std::string_view(step) == "submit") values.values["approver_id"] = *people.admin.user_id;
    TRY(records::transition(s.db, documents::documents(), s.org, id,
                            {step, reason, std::move(values), current.version}, who));
  }
  return id;
}

Status seed_members(Seeder& s, int64_t committee) {
  const std::tuple<const char*, const char*, const char*> seats[] = {
      {"henrik", "member", "Executive committee (finance)"},
      {"priya", "member", "AI management system"},
      {"ada", "member", "Technology and information security"},
      {"tomas", "adviser", "Data science"},
      {"grace", "observer", "Internal audit"}};
  for (const auto& [who, seat, represents] : seats)
    TRY(s.add(leadership::committee_members(), {{"committee_id", committee},
                                                {"person_id", s.people[who]},
                                                {"seat", std::string(seat)},
                                                {"represents", std::string(represents)},
                                                {"joined_on", days_from_today(-200)}}));
  return {};
}

const List kAttendees = {"Henrik Mwangi (chair)", "Priya Raman (secretary)", "Ada Okafor",
                         "Tomás Silva", "Grace Lindqvist (observer)"};

Status seed_decisions(Seeder& s, int64_t committee, int64_t first, int64_t second,
                      const DemoPeople& people) {
  TRY(s.add(leadership::committee_decisions(),
            {{"title", std::string("Retail credit scoring stays in operation after its annual "
                                   "validation")},
             {"committee_id", committee},
             {"meeting_id", first},
             {"decided_on", days_from_today(-150)},
             {"kind", std::string("approve")},
             {"decision", std::string("The committee approves the retrained PD model for another "
                                      "year of operation, with quarterly fairness reports.")},
             {"system_ids", Ids{s.systems["Retail credit scoring"]}},
             {"rationale", std::string("Independent validation found discrimination (Gini 0.61) "
                                       "and calibration within the model standard, and disparate "
                                       "impact by age band above 0.85.")},
             {"follow_up_owner_id", s.people["tomas"]},
             {"follow_up_due", days_from_today(-60)}}));
  TRY_ASSIGN(const int64_t support_hold,
             s.add(leadership::committee_decisions(),
                   {{"title", std::string("Hold the support assistant's new model version until "
                                          "prompt-injection tests pass")},
                    {"committee_id", committee},
                    {"meeting_id", first},
                    {"decided_on", days_from_today(-150)},
                    {"kind", std::string("place_hold")},
                    {"decision", std::string("The vendor's 2026-03 model version is not to be "
                                             "switched on for customers; the assistant stays on "
                                             "the previous version until the retest passes.")},
                    {"system_ids", Ids{s.systems["Customer support assistant"]}},
                    {"rationale", std::string("The vendor's 2026-03 model answered two of twenty "
                                              "injected instructions in red-team testing; "
                                              "customers must not reach it before that is fixed.")},
                    {"follow_up_owner_id", s.people["ada"]},
                    {"follow_up_due", days_from_today(-120)}}));
  const records::Caller admin{people.admin, people.admin.user_id, auth::Role::admin};
  TRY_ASSIGN(const Record held,
             records::get(s.db, leadership::committee_decisions(), s.org, support_hold));
  TRY(records::transition(s.db, leadership::committee_decisions(), s.org, support_hold,
                          {"lift",
                           "Red-team retest passed 20 of 20 after the vendor's guardrail update; "
                           "the chair agreed by email before release",
                           {},
                           held.version},
                          admin));
  TRY(s.add(leadership::committee_decisions(),
            {{"title", std::string("Hold the release of CV screening until its fairness review "
                                   "closes")},
             {"committee_id", committee},
             {"meeting_id", second},
             {"decided_on", days_from_today(-60)},
             {"kind", std::string("place_hold")},
             {"decision", std::string("CV screening is not to be released to recruiters. The "
                                      "data science team reworks the ranking and validation is "
                                      "repeated before the committee decides again.")},
             {"system_ids", Ids{s.systems["CV screening"]}},
             {"rationale", std::string("Validation found the selection rate of applicants over 50 "
                                       "at 0.72 of the highest group's, below the 0.8 the AI "
                                       "policy sets for systems that decide about people.")},
             {"follow_up_owner_id", s.people["tomas"]},
             {"follow_up_due", days_from_today(21)}}));
  TRY(s.add(leadership::committee_decisions(),
            {{"title", std::string("Commission an external review of the chest X-ray triage aid "
                                   "on portable X-rays")},
             {"committee_id", committee},
             {"meeting_id", second},
             {"decided_on", days_from_today(-60)},
             {"kind", std::string("other")},
             {"decision", std::string("An external radiology group reviews 500 portable chest "
                                      "X-rays read with the aid; the aid stays in use meanwhile, "
                                      "as every image is still read by a radiologist.")},
             {"system_ids", Ids{s.systems["Chest X-ray triage aid"]}},
             {"rationale", std::string("Radiologists reported more missed flags on portable "
                                       "images, which the vendor's validation set barely covers.")},
             {"follow_up_owner_id", s.people["priya"]},
             {"follow_up_due", days_from_today(30)}}));
  return {};
}

Status seed_meetings(Seeder& s, int64_t committee, const DemoPeople& people) {
  TRY_ASSIGN(
      const int64_t first,
      s.add(leadership::committee_meetings(),
            {{"committee_id", committee},
             {"held_on", days_from_today(-150)},
             {"attendees", kAttendees},
             {"agenda", std::string("1. Annual validation of Retail credit scoring\n"
                                    "2. Support assistant: new model version\n"
                                    "3. AI policy: first quarter in force")},
             {"minutes", std::string("**1.** Tomás presented the validation report; Priya "
                                     "confirmed it was done independently. Approved.\n\n"
                                     "**2.** Ada reported the red-team results on the vendor's "
                                     "new model. Hold placed until the retest passes.\n\n"
                                     "**3.** No exceptions to the policy were requested.")},
             {"next_meeting", days_from_today(-60)}}));
  TRY_ASSIGN(
      const int64_t second,
      s.add(leadership::committee_meetings(),
            {{"committee_id", committee},
             {"held_on", days_from_today(-60)},
             {"attendees", kAttendees},
             {"agenda", std::string("1. CV screening: validation before release\n"
                                    "2. Chest X-ray triage aid: feedback from radiology\n"
                                    "3. Readiness for the ISO/IEC 42001 audit")},
             {"minutes", std::string("**1.** The age-band selection rate is below the policy's "
                                     "0.8. Hold placed on the release; Tomás to rework the "
                                     "ranking.\n\n"
                                     "**2.** External review commissioned; Priya to brief the "
                                     "vendor.\n\n"
                                     "**3.** Grace noted that only the credit model has a full "
                                     "RACI; owners to complete theirs before the next meeting.")},
             {"next_meeting", days_from_today(30)}}));
  return seed_decisions(s, committee, first, second, people);
}

// The credit model's RACI: the builder is not accountable for its validation.
Status seed_credit_raci(Seeder& s) {
  const std::tuple<const char*, const char*, const char*> rows[] = {
      {"design_requirements", "henrik", "accountable"},
      {"design_requirements", "tomas", "responsible"},
      {"design_requirements", "priya", "consulted"},
      {"data_preparation", "tomas", "accountable"},
      {"data_preparation", "ada", "consulted"},
      {"data_preparation", "priya", "informed"},
      {"development_training", "tomas", "accountable"},
      {"development_training", "priya", "consulted"},
      {"verification_validation", "priya", "accountable"},
      {"verification_validation", "tomas", "consulted"},
      {"verification_validation", "grace", "informed"},
      {"deployment", "ada", "accountable"},
      {"deployment", "tomas", "consulted"},
      {"deployment", "henrik", "informed"},
      {"operation_monitoring", "tomas", "accountable"},
      {"operation_monitoring", "priya", "consulted"},
      {"operation_monitoring", "henrik", "informed"},
      {"change_management", "priya", "accountable"},
      {"change_management", "tomas", "responsible"},
      {"change_management", "ada", "consulted"},
      {"retirement", "henrik", "accountable"},
      {"retirement", "priya", "responsible"},
      {"retirement", "grace", "informed"}};
  for (const auto& [activity, who, letter] : rows)
    TRY(s.add(leadership::raci_assignments(), {{"system_id", s.systems["Retail credit scoring"]},
                                               {"activity", std::string(activity)},
                                               {"person_id", s.people[who]},
                                               {"letter", std::string(letter)}}));
  return {};
}

Result<std::map<std::string, int64_t>> people_of(store::Database& db, int64_t org) {
  std::map<std::string, int64_t> out;
  for (const auto& [key, email] : {std::pair{"ada", "admin@meridian.example"},
                                   std::pair{"priya", "aims.manager@meridian.example"},
                                   std::pair{"tomas", "data.science@meridian.example"},
                                   std::pair{"grace", "auditor@meridian.example"},
                                   std::pair{"henrik", "cfo@meridian.example"}}) {
    TRY_ASSIGN(const auth::User user, auth::find_user_by_email(db, org, email));
    out[key] = user.id;
  }
  return out;
}

}  // namespace

Status seed_demo_leadership(store::Database& db, int64_t org, const DemoPeople& people) {
  Seeder s{db, org, {people.manager, people.manager.user_id, auth::Role::aims_manager}, {}, {}};
  TRY_ASSIGN(s.people, people_of(db, org));
  TRY_ASSIGN(const auto systems, inventory::system_names(db, org));
  for (const auto& [id, name] : systems)
    s.systems[name] = id;
  TRY_ASSIGN(const int64_t terms, seed_terms_of_reference(s, people));
  TRY_ASSIGN(const int64_t committee,
             s.add(leadership::committees(), {{"name", std::string("AI governance committee")},
                                              {"mandate", std::string(kMandate)},
                                              {"may_halt_releases", true},
                                              {"chair_id", s.people["henrik"]},
                                              {"secretary_id", s.people["priya"]},
                                              {"meeting_frequency", std::string("quarterly")},
                                              {"terms_of_reference_id", terms}}));
  TRY(seed_members(s, committee));
  TRY(seed_meetings(s, committee, people));
  return seed_credit_raci(s);
}

}  // namespace aims::cli
