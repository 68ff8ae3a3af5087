// The governance committee, the seats on it and its meetings as descriptions on the records
// platform: a seat and a meeting without a title are titled by the names they join.
#include <set>

#include "auth/auth.h"
#include "leadership/leadership.h"
#include "leadership/names.h"

namespace aims::leadership {
namespace {

using records::Record;
using T = records::FieldType;

constexpr const char* kGroup = "Context and leadership";
constexpr int kGroupOrder = 15;

records::Field committee_ref() {
  return {.key = "committee_id",
          .label = "Committee",
          .type = T::record_ref,
          .required = true,
          .group = "Committee",
          .target = "committee",
          .csv_key = "committee"};
}

records::Description make_committees() {
  return {
      .type = "committee",
      .table = "committees",
      .singular = "committee",
      .plural = "committees",
      .api_path = "/api/v1/committees",
      .page_path = "/leadership/committees",
      .command = "committees",
      .fields =
          {
              {.key = "name",
               .label = "Name",
               .required = true,
               .group = "Committee",
               .searchable = true},
              {.key = "mandate",
               .label = "Mandate",
               .type = T::markdown,
               .hint = "What the committee decides, for which AI systems, and its authority.",
               .group = "Committee",
               .searchable = true},
              {.key = "may_halt_releases",
               .label = "May halt a release",
               .type = T::flag,
               .hint = "Its hold on an AI system stops the system's release until lifted.",
               .group = "Committee"},
              {.key = "chair_id",
               .label = "Chair",
               .type = T::user_ref,
               .required = true,
               .group = "People",
               .csv_key = "chair_email",
               .responsible = true},
              {.key = "secretary_id",
               .label = "Secretary",
               .type = T::user_ref,
               .hint = "Keeps the minutes and the decisions.",
               .group = "People",
               .csv_key = "secretary_email"},
              {.key = "meeting_frequency",
               .label = "Meets",
               .type = T::choice,
               .choices = {{"monthly", "Monthly"},
                           {"quarterly", "Quarterly"},
                           {"half_yearly", "Every six months"},
                           {"yearly", "Yearly"},
                           {"as_needed", "As needed"}},
               .group = "Meetings",
               .default_value = "quarterly"},
              {.key = "next_meeting",
               .label = "Next meeting",
               .type = T::date,
               .hint = "As the minutes of its latest meeting set it.",
               .group = "Meetings",
               .due = true,
               .read_only = true},
              {.key = "terms_of_reference_id",
               .label = "Terms of reference",
               .type = T::record_ref,
               .group = "Meetings",
               .target = "document",
               .csv_key = "terms_of_reference"},
          },
      .unique_title = true,
      .list_columns = {"name", "chair_id", "meeting_frequency", "next_meeting",
                       "may_halt_releases"},
      .filters = {"chair_id", "meeting_frequency", "may_halt_releases"},
      .nav = {.group = kGroup,
              .group_order = kGroupOrder,
              .label = "Committees",
              .section = "committees",
              .order = 50},
  };
}

// A seat is known as "<person>, <committee>" wherever it is listed.
Status title_seat(const records::WriteContext& ctx, Record& r, const Record*) {
  TRY_ASSIGN(const std::string person, auth::person_name(ctx.tx, ctx.org, r.number("person_id")));
  TRY_ASSIGN(const std::string committee, referenced_name(ctx, r, "committee_id", committees()));
  r.values["title"] = person + ", " + committee;
  return {};
}

records::Description make_members() {
  return {
      .type = "committee_member",
      .table = "committee_members",
      .singular = "committee member",
      .plural = "committee members",
      .api_path = "/api/v1/committee-members",
      .page_path = "/leadership/members",
      .command = "committee-members",
      .fields =
          {
              {.key = "title",
               .label = "Seat",
               .group = "Committee",
               .read_only = true,
               .shown = false},
              committee_ref(),
              {.key = "person_id",
               .label = "Person",
               .type = T::user_ref,
               .required = true,
               .group = "Committee",
               .csv_key = "person_email"},
              {.key = "seat",
               .label = "Seat",
               .type = T::choice,
               .required = true,
               .choices = {{"member", "Voting member"},
                           {"deputy_chair", "Deputy chair"},
                           {"adviser", "Adviser (does not vote)"},
                           {"observer", "Observer"}},
               .group = "Committee",
               .default_value = "member"},
              {.key = "represents",
               .label = "Represents",
               .hint = "The function the person brings: risk, legal, data science, ...",
               .group = "Committee"},
              {.key = "joined_on", .label = "Joined on", .type = T::date, .group = "Committee"},
          },
      .title_field = "title",
      .list_columns = {"person_id", "committee_id", "seat", "represents"},
      .filters = {"committee_id", "person_id", "seat"},
      .hooks = {.before_write = title_seat},
  };
}

// A meeting given no title is called "<committee>, <day held>".
Status title_meeting(const records::WriteContext& ctx, Record& r, const Record*) {
  if (r.is_set("title")) return {};
  TRY_ASSIGN(const std::string committee, referenced_name(ctx, r, "committee_id", committees()));
  r.values["title"] = committee + ", " + r.text("held_on");
  return {};
}

// The committee's next meeting is the one its latest meeting planned: a due date of the chair's
// that each new meeting moves on, rather than one per meeting that stays overdue once passed.
Status plan_next_meeting(const records::WriteContext& ctx, int64_t committee) {
  TRY_ASSIGN(const auto held,
             records::list_all_in(ctx.tx, committee_meetings(), ctx.org,
                                  {.filters = {{"committee_id", std::to_string(committee)}}}));
  const Record* latest = nullptr;
  for (const auto& m : held)
    if (!latest ||
        std::pair(m.text("held_on"), m.id) > std::pair(latest->text("held_on"), latest->id))
      latest = &m;
  Record changes;
  changes.values["next_meeting"] = latest && latest->is_set("next_meeting")
                                       ? records::FieldValue(latest->text("next_meeting"))
                                       : records::FieldValue();
  TRY(records::update_kept_in(ctx, committees(), committee, changes));
  return {};
}

Status follow_meeting(const records::WriteContext& ctx, const Record& after, const Record* before) {
  std::set<int64_t> committees_touched;
  for (const Record* r : {&after, before})
    if (r)
      for (int64_t id : r->ids("committee_id"))
        committees_touched.insert(id);
  for (int64_t id : committees_touched)
    TRY(plan_next_meeting(ctx, id));
  return {};
}

void meeting_rules(const Record& r, const Record*, records::Problems& p) {
  if (r.is_set("next_meeting") && r.text("next_meeting") <= r.text("held_on"))
    p.add("next_meeting", "the next meeting must come after this one");
}

records::Description make_meetings() {
  return {
      .type = "committee_meeting",
      .table = "committee_meetings",
      .singular = "committee meeting",
      .plural = "committee meetings",
      .api_path = "/api/v1/committee-meetings",
      .page_path = "/leadership/meetings",
      .command = "committee-meetings",
      .fields =
          {
              {.key = "title",
               .label = "Title",
               .hint = "\"<committee>, <day held>\" when left empty.",
               .group = "Meeting",
               .searchable = true},
              committee_ref(),
              {.key = "held_on",
               .label = "Held on",
               .type = T::date,
               .required = true,
               .group = "Meeting"},
              {.key = "attendees",
               .label = "Attendees",
               .type = T::text_list,
               .hint = "One per line, guests too.",
               .group = "Meeting"},
              {.key = "agenda", .label = "Agenda", .type = T::long_text, .group = "Meeting"},
              {.key = "minutes",
               .label = "Minutes",
               .type = T::markdown,
               .group = "Minutes",
               .searchable = true},
              {.key = "next_meeting",
               .label = "Next meeting",
               .type = T::date,
               .hint = "The committee's next meeting: its chair sees it among their work.",
               .group = "Minutes"},
          },
      .title_field = "title",
      .list_columns = {"title", "committee_id", "held_on", "next_meeting"},
      .filters = {"committee_id"},
      .sort_keys = {"held_on"},
      .default_sort = "-held_on",
      .nav = {.group = kGroup,
              .group_order = kGroupOrder,
              .label = "Committee meetings",
              .section = "committee-meetings",
              .order = 51},
      .hooks = {.check = meeting_rules,
                .before_write = title_meeting,
                .after_write = follow_meeting},
  };
}

}  // namespace

const records::Description& committees() {
  static const records::Description d = make_committees();
  return d;
}

const records::Description& committee_members() {
  static const records::Description d = make_members();
  return d;
}

const records::Description& committee_meetings() {
  static const records::Description d = make_meetings();
  return d;
}

}  // namespace aims::leadership
