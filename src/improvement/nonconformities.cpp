// Nonconformities (clause 10.2) as a description on the records platform: what was found, how
// grave it is and where it came from, always keeping the link to its source; containment, root
// cause and the effectiveness check, with the workflow that makes each come in its turn.
#include "base/time.h"
#include "improvement/corrective.h"
#include "improvement/improvement.h"

namespace aims::improvement {
namespace {

using records::Problems;
using records::Record;
using records::Transition;
using T = records::FieldType;
using Why = std::optional<std::string>;

constexpr const char* kWhys[] = {"why_1", "why_2", "why_3", "why_4", "why_5"};

bool is_major(const Record& nc) {
  return nc.text("grade") == "major";
}

bool closes(const Transition& t) {
  const std::string name = t.name;
  return name == "close" || name == "approve_close";
}

void nonconformity_rules(const Record& r, const Record*, Problems& p) {
  for (size_t i = 1; i < std::size(kWhys); ++i)
    if (r.is_set(kWhys[i]) && !r.is_set(kWhys[i - 1]))
      p.add(kWhys[i - 1], "answer the whys in order: why " + std::to_string(i) +
                              " is empty but why " + std::to_string(i + 1) + " is not");
  const std::string similar = r.text("similar_elsewhere");
  if ((similar == "yes" || similar == "being_checked") && !r.is_set("similar_where"))
    p.add("similar_where", "say where similar nonconformities exist or are being looked for");
}

// Reopened for a new action: the failed check stays readable (result and notes) until the next one
// starts, and no check is due until the new action is done. Entering "actions done" starts a new
// check: its due day comes from the actions unless the last completion already set it.
Status stamp(const records::WriteContext& ctx, Record& after, const Record* before) {
  if (!after.is_set("raised_on")) after.values["raised_on"] = ctx.now.substr(0, 10);
  if (!before || before->state == after.state) return {};
  if (after.state == "analysed" && (before->state == "actions_done" || before->state == "closed")) {
    after.values["reopened_at"] = ctx.now;
    after.values["effectiveness_due_on"] = std::monostate{};
  }
  if (after.state == "actions_done") {
    after.values["effectiveness_result"] = std::monostate{};
    after.values["effectiveness_notes"] = std::monostate{};
    if (!after.is_set("effectiveness_due_on")) {
      TRY_ASSIGN(const auto actions, corrective::actions_of(ctx.tx, ctx.org, after.id));
      if (auto due = corrective::effectiveness_due(actions))
        after.values["effectiveness_due_on"] = *due;
    }
  }
  return {};
}

// Who may close, beyond roles and approvals: a major nonconformity only through the AIMS
// manager's approval, a minor one without; for a major one never the owner of the last action,
// who would be checking their own work.
Result<Why> closing_closed(store::Tx& tx, int64_t org, const Record& nc, const Transition& t,
                           const records::Caller& caller) {
  if (!closes(t)) return Why{};
  const std::string name = t.name;
  if (name == "close" && is_major(nc))
    return Why{
        "a major nonconformity closes only with the AIMS manager's approval (Approve "
        "closure)"};
  if (name == "approve_close" && !is_major(nc))
    return Why{"a minor nonconformity closes without an approval (Close)"};
  if (nc.is_set("effectiveness_result") && nc.text("effectiveness_result") != "effective")
    return Why{
        "the effectiveness check found the actions not effective: send it back for a new "
        "action"};
  if (!is_major(nc) || !caller.user_id) return Why{};
  TRY_ASSIGN(const auto actions, corrective::actions_of(tx, org, nc.id));
  const Record* last = corrective::last_completed(actions);
  if (last && last->number("owner_id") == caller.user_id)
    return Why{"you own the last corrective action, \"" + last->text("title") +
               "\", so someone else must close this major nonconformity"};
  return Why{};
}

Status refuse(std::string why) {
  return Error{ErrorCode::failed_precondition, std::move(why), {}};
}

Status check_move(const records::WriteContext& ctx, const Record& nc, const Transition& t) {
  const std::string name = t.name;
  if (closes(t)) {
    TRY_ASSIGN(const Why why, closing_closed(ctx.tx, ctx.org, nc, t, ctx.caller));
    if (why) return refuse(*why);
    if (nc.text("effectiveness_result") != "effective")
      return Error::invalid("effectiveness_result",
                            "a nonconformity closes only when its actions were found effective");
    return {};
  }
  if (name == "reopen" && nc.text("effectiveness_result") != "not_effective")
    return Error::invalid("effectiveness_result",
                          "record the effectiveness check as not effective to send it back");
  if (name != "analyse" && name != "actions_done") return {};
  TRY_ASSIGN(const auto actions, corrective::actions_of(ctx.tx, ctx.org, nc.id));
  if (name == "analyse") {
    const bool planned = std::any_of(actions.begin(), actions.end(),
                                     [](const Record& a) { return a.state != "cancelled"; });
    if (!planned) return refuse("add at least one corrective action before marking it analysed");
    return {};
  }
  if (auto why = corrective::why_not_done(nc, actions)) return refuse(*why);
  return {};
}

std::vector<records::Field> finding_fields() {
  return {
      {.key = "title", .label = "Title", .required = true, .group = "Finding", .searchable = true},
      {.key = "description",
       .label = "What was found",
       .type = T::long_text,
       .group = "Finding",
       .searchable = true},
      {.key = "grade",
       .label = "Grade",
       .type = T::choice,
       .required = true,
       .choices = {{"minor", "Minor"}, {"major", "Major"}},
       .hint = "Major: a requirement not met at all, or a failure that puts the AIMS's results in "
               "doubt. Closing a major one needs the AIMS manager's approval.",
       .group = "Finding",
       .default_value = "minor"},
      {.key = "source",
       .label = "Raised from",
       .type = T::choice,
       .required = true,
       .choices = {{"audit", "An internal audit"},
                   {"incident", "An incident"},
                   {"monitoring", "A monitoring breach"},
                   {"concern", "A concern"},
                   {"review", "A management review"},
                   {"manual", "Found by a person"}},
       .group = "Finding",
       .default_value = "manual"},
      {.key = "owner_id",
       .label = "Owner",
       .type = T::user_ref,
       .hint = "Sees it through to closure; cannot approve closing it.",
       .group = "Finding",
       .csv_key = "owner_email",
       .responsible = true},
      {.key = "raised_on", .label = "Raised on", .type = T::date, .group = "Finding"},
      {.key = "system_ids",
       .label = "AI systems",
       .type = T::record_ref,
       .group = "Finding",
       .target = "ai_system",
       .many = true,
       .csv_key = "ai_systems"},
      {.key = "incident_id",
       .label = "Incident",
       .type = T::record_ref,
       .group = "Finding",
       .target = "incident",
       .csv_key = "incident"},
      // Monitors are things monitoring keeps outside the registers; it defines them as a target
      // (monitoring::define_reference_target), which the composition root always runs.
      {.key = "monitor_id",
       .label = "Monitor",
       .type = T::record_ref,
       .hint = "The monitor whose breach showed it.",
       .group = "Finding",
       .target = "monitor",
       .csv_key = "monitor"},
      {.key = "risk_ids",
       .label = "Risks",
       .type = T::record_ref,
       .hint = "Risks it shows happening or that need reassessing because of it.",
       .group = "Finding",
       .target = "risk",
       .many = true,
       .csv_key = "risks"},
  };
}

// Five separate answers rather than one list: each gets its own numbered box, so the chain keeps
// its order on the page and in exports, an answer may hold a comma or a full sentence (a list
// entry is at most 100 characters and repeats are dropped), and "why 3 without why 2" can be
// named.
std::vector<records::Field> analysis_fields() {
  std::vector<records::Field> fields = {
      {.key = "containment",
       .label = "Reaction taken (containment)",
       .type = T::long_text,
       .hint = "What was done at once to control it and deal with its consequences.",
       .group = "Analysis",
       .searchable = true},
      {.key = "root_cause",
       .label = "Root cause",
       .type = T::long_text,
       .hint = "Why it happened, so the corrective action removes the cause and not the symptom.",
       .group = "Analysis",
       .searchable = true},
  };
  fields.push_back({.key = "similar_elsewhere",
                    .label = "Similar nonconformities elsewhere",
                    .type = T::choice,
                    .choices = {{"yes", "Yes"}, {"no", "No"}, {"being_checked", "Being checked"}},
                    .hint = "Whether the same thing exists, or could happen, in other AI systems "
                            "or processes.",
                    .group = "Analysis"});
  fields.push_back({.key = "similar_where",
                    .label = "Where",
                    .type = T::long_text,
                    .hint = "Needed when similar cases exist or are being checked.",
                    .group = "Analysis"});
  constexpr const char* kLabels[] = {"Why 1", "Why 2", "Why 3", "Why 4", "Why 5"};
  for (size_t i = 0; i < std::size(kWhys); ++i)
    fields.push_back({.key = kWhys[i],
                      .label = kLabels[i],
                      .hint = i == 0 ? "Optional: ask why it happened, then why that happened, up "
                                       "to five times."
                                     : "",
                      .group = "Five whys"});
  return fields;
}

std::vector<records::Field> effectiveness_fields() {
  return {
      {.key = "effectiveness_due_on",
       .label = "Effectiveness check due",
       .type = T::date,
       .hint = "Set 90 days after the last corrective action is completed; change it if the "
               "effect shows sooner or later.",
       .group = "Effectiveness",
       .due = true},
      {.key = "effectiveness_result",
       .label = "Effectiveness",
       .type = T::choice,
       .choices = {{"effective", "Effective"}, {"not_effective", "Not effective"}},
       .group = "Effectiveness"},
      {.key = "effectiveness_notes",
       .label = "Evidence of the check",
       .type = T::long_text,
       .hint = "What was looked at and what it showed.",
       .group = "Effectiveness",
       .searchable = true},
      {.key = "reopened_at",
       .label = "Sent back for a new action",
       .type = T::date_time,
       .group = "Effectiveness",
       .read_only = true},
  };
}

records::Workflow workflow() {
  const std::vector<const char*> check = {"effectiveness_result", "effectiveness_notes"};
  return {.states = {{"open", "Open"},
                     {"analysed", "Analysed"},
                     {"actions_done", "Actions done"},
                     {"closed", "Closed", false, true}},
          .transitions = {
              Transition{.name = "analyse",
                         .label = "Mark analysed",
                         .from = {"open"},
                         .to = "analysed",
                         .required_fields = {"containment", "root_cause"}},
              Transition{.name = "actions_done",
                         .label = "Mark actions done",
                         .from = {"analysed"},
                         .to = "actions_done"},
              Transition{.name = "close",
                         .label = "Close",
                         .from = {"actions_done"},
                         .to = "closed",
                         .required_fields = check},
              Transition{.name = "approve_close",
                         .label = "Approve closure",
                         .from = {"actions_done"},
                         .to = "closed",
                         .permission = auth::Action::approve_records,
                         .required_fields = check,
                         .approvals = 1,
                         .approver_roles = {auth::Role::aims_manager}},
              Transition{.name = "reopen",
                         .label = "Not effective: send back for a new action",
                         .from = {"actions_done", "closed"},
                         .to = "analysed",
                         .required_fields = check,
                         .reason_required = true,
                         .reason_label = "Why the actions were not effective"},
          }};
}

records::Description make_nonconformities() {
  std::vector<records::Field> fields = finding_fields();
  for (auto& f : analysis_fields())
    fields.push_back(std::move(f));
  for (auto& f : effectiveness_fields())
    fields.push_back(std::move(f));
  return {
      .type = "nonconformity",
      .table = "nonconformities",
      .singular = "nonconformity",
      .plural = "nonconformities",
      .api_path = "/api/v1/nonconformities",
      .page_path = "/improvement/nonconformities",
      .command = "nonconformities",
      .fields = std::move(fields),
      .title_field = "title",
      .list_columns = {"title", "grade", "source", "owner_id", "state", "effectiveness_due_on"},
      .filters = {"state", "grade", "source", "owner_id", "system_ids", "incident_id", "risk_ids",
                  "effectiveness_result"},
      .sort_keys = {"grade", "raised_on", "state", "effectiveness_due_on"},
      .default_sort = "-created_at",
      .workflow = workflow(),
      .nav = {.group = "Improvement",
              .group_order = 38,
              .label = "Nonconformities",
              .section = "nonconformities",
              .order = 10},
      .hooks = {.check = nonconformity_rules,
                .before_write = stamp,
                .before_transition = check_move,
                .closed_for = closing_closed},
  };
}

}  // namespace

const records::Description& nonconformities() {
  static const records::Description d = make_nonconformities();
  return d;
}

}  // namespace aims::improvement
