// The committee's decisions as a description on the records platform, and the holds they place:
// a decision of kind "place a hold" holds each AI system it names until someone who may approve
// records lifts it with a reason.
#include <algorithm>

#include "leadership/leadership.h"

namespace aims::leadership {
namespace {

using records::Problems;
using records::Record;
using records::Transition;
using T = records::FieldType;

constexpr const char* kPlaceHold = "place_hold";

bool is_hold(const Record& r) {
  return r.text("kind") == kPlaceHold;
}

void decision_rules(const Record& r, const Record* before, Problems& p) {
  if (is_hold(r)) {
    if (r.ids("system_ids").empty())
      p.add("system_ids", "a hold must name at least one AI system it holds");
    if (!r.is_set("rationale")) p.add("rationale", "say why the AI systems are held");
  }
  // A hold in force is lifted only through its lift, which needs approval rights and a reason:
  // an edit that changed its kind or dropped a system would lift it unseen.
  if (!before || !is_hold(*before) || before->state != "in_force") return;
  if (!is_hold(r))
    p.add("kind", "this hold is in force: lift it instead of changing what kind of decision it is");
  const auto now = r.ids("system_ids");
  for (int64_t id : before->ids("system_ids"))
    if (std::find(now.begin(), now.end(), id) == now.end()) {
      p.add("system_ids",
            "this hold is in force: lift it instead of removing an AI system from it");
      break;
    }
}

// Only a committee given the authority to halt releases may hold an AI system; checked when a
// hold is placed or moved to another committee.
Status hold_needs_authority(const records::WriteContext& ctx, Record& after, const Record* before) {
  if (!is_hold(after)) return {};
  const auto committee = after.ids("committee_id");
  if (committee.empty()) return {};
  if (before && is_hold(*before) && before->ids("committee_id") == committee) return {};
  TRY_ASSIGN(const auto rows,
             ctx.tx.query("SELECT may_halt_releases FROM committees WHERE org_id = $1 AND id = $2",
                          {ctx.org, committee.front()}));
  if (!rows.empty() && rows.front().int64(0) != 0) return {};
  return Error{ErrorCode::invalid_argument,
               "this committee has no authority to halt releases, so it cannot place a hold",
               "kind"};
}

const char* kOnlyHolds = "only a decision that places a hold can be lifted";

Status only_holds_lift(const records::WriteContext&, const Record& r, const Transition& t) {
  if (std::string_view(t.name) == "lift" && !is_hold(r))
    return Error{ErrorCode::failed_precondition, kOnlyHolds, {}};
  return {};
}

Result<std::optional<std::string>> closed_unless_hold(store::Tx&, int64_t, const Record& r,
                                                      const Transition& t, const records::Caller&) {
  if (std::string_view(t.name) == "lift" && !is_hold(r))
    return std::optional<std::string>(kOnlyHolds);
  return std::optional<std::string>();
}

records::Workflow decision_workflow() {
  return {.states = {{"in_force", "In force"}, {"lifted", "Hold lifted", false, true}},
          .transitions = {Transition{.name = "lift",
                                     .label = "Lift the hold",
                                     .from = {"in_force"},
                                     .to = "lifted",
                                     .permission = auth::Action::approve_records,
                                     .reason_required = true,
                                     .reason_label = "Reason for lifting"}}};
}

std::vector<records::Field> decision_fields() {
  return {
      {.key = "title",
       .label = "Decision",
       .required = true,
       .hint = "What was decided, in one line.",
       .group = "Decision",
       .searchable = true},
      {.key = "committee_id",
       .label = "Committee",
       .type = T::record_ref,
       .required = true,
       .group = "Decision",
       .target = "committee",
       .csv_key = "committee"},
      {.key = "meeting_id",
       .label = "Meeting",
       .type = T::record_ref,
       .group = "Decision",
       .target = "committee_meeting",
       .csv_key = "meeting"},
      {.key = "decided_on",
       .label = "Decided on",
       .type = T::date,
       .required = true,
       .group = "Decision"},
      {.key = "kind",
       .label = "Kind",
       .type = T::choice,
       .required = true,
       .choices = {{"approve", "Approve"},
                   {"reject", "Reject"},
                   {kPlaceHold, "Place a hold"},
                   {"lift_hold", "Lift a hold"},
                   {"accept_risk", "Accept a risk"},
                   {"other", "Other"}},
       .hint = "A hold stops the release of each AI system named until it is lifted.",
       .group = "Decision",
       .default_value = "approve"},
      {.key = "decision",
       .label = "Decision in full",
       .type = T::markdown,
       .group = "Decision",
       .searchable = true},
      {.key = "system_ids",
       .label = "AI systems concerned",
       .type = T::record_ref,
       .group = "Decision",
       .target = "ai_system",
       .many = true,
       .csv_key = "ai_systems"},
      {.key = "rationale",
       .label = "Rationale",
       .type = T::long_text,
       .hint = "Needed for a hold.",
       .group = "Decision",
       .searchable = true},
      {.key = "follow_up_owner_id",
       .label = "Follow-up owner",
       .type = T::user_ref,
       .group = "Follow-up",
       .csv_key = "follow_up_owner_email",
       .responsible = true},
      {.key = "follow_up_due",
       .label = "Follow-up due",
       .type = T::date,
       .group = "Follow-up",
       .due = true},
  };
}

records::Description make_decisions() {
  return {
      .type = "committee_decision",
      .table = "committee_decisions",
      .singular = "committee decision",
      .plural = "committee decisions",
      .api_path = "/api/v1/committee-decisions",
      .page_path = "/leadership/decisions",
      .command = "committee-decisions",
      .fields = decision_fields(),
      .title_field = "title",
      .list_columns = {"title", "committee_id", "decided_on", "kind", "system_ids", "state"},
      .filters = {"state", "committee_id", "kind", "system_ids", "follow_up_owner_id"},
      .sort_keys = {"decided_on", "follow_up_due"},
      .default_sort = "-decided_on",
      .workflow = decision_workflow(),
      .nav = {.group = "Context and leadership",
              .group_order = 15,
              .label = "Decisions",
              .section = "committee-decisions",
              .order = 52},
      .hooks = {.check = decision_rules,
                .before_write = hold_needs_authority,
                .before_transition = only_holds_lift,
                .closed_for = closed_unless_hold},
  };
}

}  // namespace

const records::Description& committee_decisions() {
  static const records::Description d = make_decisions();
  return d;
}

Result<std::vector<Hold>> holds_on(store::Tx& tx, int64_t org, int64_t system_id) {
  TRY_ASSIGN(auto held, records::list_all_in(tx, committee_decisions(), org,
                                             {.filters = {{"system_ids", std::to_string(system_id)},
                                                          {"kind", kPlaceHold},
                                                          {"state", "in_force"}},
                                              // Archiving runs no step: a hold ends only when
                                              // it is lifted, with a reason, so archived ones
                                              // still hold.
                                              .archived = records::Archived::include}));
  TRY_ASSIGN(const auto names,
             records::referenced_names_in(tx, committee_decisions(), org, held, {"committee_id"}));
  std::sort(held.begin(), held.end(), [](const Record& a, const Record& b) {
    return std::pair(a.text("decided_on"), a.id) < std::pair(b.text("decided_on"), b.id);
  });
  std::vector<Hold> out;
  const auto committee_names = names.find("committee");
  for (const auto& r : held) {
    Hold h{r.id, r.text("title"), r.text("decided_on"), "", r.text("rationale")};
    const auto ids = r.ids("committee_id");
    if (committee_names != names.end() && !ids.empty()) {
      const auto named = committee_names->second.find(ids.front());
      if (named != committee_names->second.end()) h.committee = named->second.name;
    }
    out.push_back(std::move(h));
  }
  return out;
}

Result<std::vector<Hold>> holds_on(store::Database& db, int64_t org, int64_t system_id) {
  return db.read([&](store::Tx& tx) { return holds_on(tx, org, system_id); });
}

}  // namespace aims::leadership
