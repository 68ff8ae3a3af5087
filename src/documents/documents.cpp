// Controlled documents on the records platform: their description, workflow and hooks (the next
// review worked out from the effective date, what an AI policy must state, the named approver,
// the acknowledgement audience, and the round each publication opens).
#include "documents/documents.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "base/text.h"
#include "base/time.h"

namespace aims::documents {
namespace {

using records::Problems;
using records::Record;
using records::Transition;
using T = records::FieldType;

// The date the review interval gives from the effective date, if both are known.
std::optional<std::string> derived_review(const Record& r) {
  const auto months = r.number("review_interval_months");
  if (!months || !r.is_set("effective_date")) return std::nullopt;
  return add_months(r.text("effective_date"), *months);
}

void fill_next_review(Record& r) {
  if (r.is_set("next_review")) return;
  if (auto date = derived_review(r)) r.values["next_review"] = *date;
}

// A next review that was worked out follows new dates, unless this change set it by hand.
Status follow_dates(const records::WriteContext&, Record& after, const Record* before) {
  if (!before || after.text("next_review") != before->text("next_review")) return {};
  const auto was = derived_review(*before);
  if (!was || *was != before->text("next_review")) return {};
  if (auto now = derived_review(after)) after.values["next_review"] = *now;
  return {};
}

const std::vector<auth::Role> kApprovers = {auth::Role::admin, auth::Role::aims_manager};

// Annex A.2.4: the AI policy is reviewed at planned intervals, so it must say how often.
void document_rules(const Record& r, const Record*, Problems& p) {
  if (r.text("document_type") == "ai_policy" && !r.is_set("review_interval_months")) {
    p.add("review_interval_months", "an AI policy must state how often it is reviewed");
  }
  for (const auto& role : r.list("acknowledgement_roles")) {
    if (!auth::parse_role(role))
      p.add("acknowledgement_roles", "\"" + role +
                                         "\" is no role; use admin, aims-manager, contributor, "
                                         "auditor or viewer");
  }
}

// The people named to acknowledge must be active people of the organisation when they are named;
// someone who leaves later simply drops out of the next round.
Status check_audience(const records::WriteContext& ctx, const Record& r, const Record* before) {
  const auto named = r.list("acknowledgement_people");
  if (named.empty() || (before && before->list("acknowledgement_people") == named)) return {};
  TRY_ASSIGN(const auto members, active_members(ctx.tx, ctx.org));
  for (const auto& email : named) {
    const bool known = std::any_of(members.begin(), members.end(), [&](const Member& m) {
      return to_lower_ascii(m.email) == to_lower_ascii(email);
    });
    if (!known)
      return Error::invalid("acknowledgement_people",
                            "\"" + email + "\" is not the email of an active person here");
  }
  return {};
}

Status before_document_write(const records::WriteContext& ctx, Record& after,
                             const Record* before) {
  TRY(follow_dates(ctx, after, before));
  return check_audience(ctx, after, before);
}

// Publishing a version asks its audience to acknowledge it.
Status after_document_write(const records::WriteContext& ctx, const Record& after,
                            const Record* before) {
  if (!before || after.frozen == before->frozen || after.state != "published") return {};
  return open_round(ctx, after);
}

// Clause 5.2: an AI policy goes to review only with each commitment tied to a section of its text.
Status commitments_covered(const Record& r) {
  if (r.text("document_type") != "ai_policy") return {};
  for (const auto& c : check_commitments(r)) {
    if (c.heading.empty())
      return Error::invalid(c.commitment->field, "name the section of the policy that covers \"" +
                                                     std::string(c.commitment->label) + "\"");
    if (!c.found)
      return Error::invalid(c.commitment->field, "the text has no heading \"" + c.heading +
                                                     "\" for \"" + c.commitment->label + "\"");
  }
  return {};
}

// The approver named on submission: an approving role, and neither the author nor the owner.
Status approver_fits(const records::WriteContext& ctx, const Record& r) {
  const auto approver = r.number("approver_id");
  if (!approver) return Error::invalid("approver_id", "name who approves it");
  if (approver == r.created_by || approver == r.number("owner_id"))
    return Error::invalid("approver_id",
                          "the approver must be someone other than the author and the owner");
  TRY_ASSIGN(const auto members, active_members(ctx.tx, ctx.org));
  for (const auto& m : members) {
    if (m.id != *approver) continue;
    if (std::find(kApprovers.begin(), kApprovers.end(), m.role) != kApprovers.end()) return {};
    return Error::invalid("approver_id", "the approver must be an admin or an AIMS manager");
  }
  return Error::invalid("approver_id", "the approver must be an active person here");
}

Result<std::optional<std::string>> approval_closed(store::Tx&, int64_t, const Record& r,
                                                   const Transition& t,
                                                   const records::Caller& caller) {
  if (std::string_view(t.name) != "approve" || !r.is_set("approver_id") ||
      caller.user_id == r.number("approver_id"))
    return std::optional<std::string>{};
  return std::optional<std::string>{"only the approver named when it was submitted approves it"};
}

Status before_document_transition(const records::WriteContext& ctx, const Record& r,
                                  const Transition& t) {
  const std::string_view name = t.name;
  if (name == "submit") {
    TRY(commitments_covered(r));
    return approver_fits(ctx, r);
  }
  if (name == "approve") {
    TRY_ASSIGN(const auto why, approval_closed(ctx.tx, ctx.org, r, t, ctx.caller));
    if (why) return Error{ErrorCode::permission_denied, *why, {}};
  }
  return {};
}

records::Description make_documents() {
  return {
      .type = "document",
      .table = "documents",
      .singular = "document",
      .plural = "documents",
      .api_path = "/api/v1/documents",
      .page_path = "/governance/documents",
      .command = "documents",
      .fields =
          {
              {.key = "title",
               .label = "Title",
               .required = true,
               .group = "Document",
               .searchable = true},
              {.key = "document_type",
               .label = "Type",
               .type = T::choice,
               .required = true,
               .choices = {{"ai_policy", "AI policy"},
                           {"procedure", "Procedure"},
                           {"standard", "Standard"},
                           {"guideline", "Guideline"},
                           {"record_template", "Record template"},
                           {"other", "Other"}},
               .group = "Document",
               .default_value = "procedure"},
              {.key = "owner_id",
               .label = "Owner",
               .type = T::user_ref,
               .required = true,
               .hint = "Keeps the document current; cannot approve it.",
               .group = "Document",
               .csv_key = "owner_email",
               .responsible = true},
              {.key = "classification",
               .label = "Classification",
               .type = T::choice,
               .required = true,
               .choices = {{"public", "Public"},
                           {"internal", "Internal"},
                           {"confidential", "Confidential"}},
               .group = "Document",
               .default_value = "internal"},
              {.key = "system_ids",
               .label = "Related AI systems",
               .type = T::record_ref,
               .group = "Document",
               .target = "ai_system",
               .many = true,
               .csv_key = "ai_systems"},
              {.key = "body",
               .label = "Text",
               .type = T::markdown,
               .hint = "Markdown: headings, lists, emphasis and links.",
               .group = "Content",
               .searchable = true},
              {.key = "effective_date",
               .label = "Effective from",
               .type = T::date,
               .hint = "Needed to publish.",
               .group = "Control (7.5)"},
              {.key = "review_interval_months",
               .label = "Review every (months)",
               .type = T::integer,
               .hint = "1 to 60; an AI policy must state it.",
               .group = "Control (7.5)",
               .min = 1,
               .max = 60},
              {.key = "next_review",
               .label = "Next review",
               .type = T::date,
               .hint = "Left empty: the effective date plus the review interval.",
               .group = "Control (7.5)",
               .due = true},
              {.key = "retention",
               .label = "Retention",
               .hint = "e.g. each superseded version kept 7 years",
               .group = "Control (7.5)"},
              // Not `responsible`: the responsible people are the ones who may not approve.
              {.key = "approver_id",
               .label = "Approver",
               .type = T::user_ref,
               .hint = "Named when it is submitted; only this person approves it.",
               .group = "Control (7.5)",
               .csv_key = "approver_email"},
              {.key = "commitment_purpose",
               .label = "Section: fits the organisation's purpose",
               .hint = "The heading of the text that covers it.",
               .group = "AI policy commitments (5.2)"},
              {.key = "commitment_objectives",
               .label = "Section: framework for AI objectives",
               .group = "AI policy commitments (5.2)"},
              {.key = "commitment_requirements",
               .label = "Section: meeting applicable requirements",
               .group = "AI policy commitments (5.2)"},
              {.key = "commitment_improvement",
               .label = "Section: continual improvement of the AIMS",
               .group = "AI policy commitments (5.2)"},
              {.key = "commitment_communication",
               .label = "Section: how it is communicated",
               .group = "AI policy commitments (5.2)"},
              {.key = "aligned_policies",
               .label = "Policies it aligns with",
               .type = T::long_text,
               .hint = "The organisation's other policies this one is consistent with (A.2.3).",
               .group = "AI policy commitments (5.2)",
               .searchable = true},
              {.key = "acknowledgement_roles",
               .label = "Acknowledged by roles",
               .type = T::text_list,
               .hint = "One per line: admin, aims-manager, contributor, auditor, viewer. Each "
                       "published version asks them to confirm they read it (7.3).",
               .group = "Awareness (7.3)"},
              {.key = "acknowledgement_people",
               .label = "Acknowledged by people",
               .type = T::text_list,
               .hint = "Emails, one per line, of people asked besides those roles.",
               .group = "Awareness (7.3)"},
          },
      .title_field = "title",
      .unique_title = true,
      .list_columns = {"title", "document_type", "owner_id", "state", "next_review"},
      .filters = {"document_type", "classification", "owner_id", "state", "system_ids"},
      .sort_keys = {"document_type", "next_review", "state"},
      .workflow =
          records::Workflow{.states = {{"draft", "Draft"},
                                       {"in_review", "In review", false},
                                       {"published", "Published", false},
                                       {"retired", "Retired", false}},
                            .transitions =
                                {
                                    Transition{.name = "submit",
                                               .label = "Submit for review",
                                               .from = {"draft"},
                                               .to = "in_review",
                                               .required_fields = {"approver_id"},
                                               .reason_required = true,
                                               .reason_label = "Change summary"},
                                    Transition{.name = "approve",
                                               .label = "Approve and publish",
                                               .from = {"in_review"},
                                               .to = "published",
                                               .permission = auth::Action::approve_records,
                                               .required_fields = {"effective_date"},
                                               .approvals = 1,
                                               .approver_roles = kApprovers,
                                               .freezes = true},
                                    Transition{.name = "send_back",
                                               .label = "Send back",
                                               .from = {"in_review"},
                                               .to = "draft",
                                               .permission = auth::Action::approve_records,
                                               .reason_required = true},
                                    // A published text never changes in place: a revision is a
                                    // draft again, and its approval freezes the next version.
                                    Transition{.name = "revise",
                                               .label = "Start a revision",
                                               .from = {"published"},
                                               .to = "draft",
                                               .reason_required = true},
                                    Transition{.name = "retire",
                                               .label = "Retire",
                                               .from = {"published"},
                                               .to = "retired",
                                               .permission = auth::Action::approve_records,
                                               .reason_required = true},
                                }},
      .versioned = true,
      .nav = {.group = "Governance",
              .group_order = 20,
              .label = "Documents",
              .section = "documents",
              .order = 10},
      .hooks = {.check = document_rules,
                .compute = fill_next_review,
                .before_write = before_document_write,
                .after_write = after_document_write,
                .before_transition = before_document_transition,
                .closed_for = approval_closed},
  };
}

}  // namespace

std::optional<std::string> add_months(const std::string& date, int64_t count) {
  if (!parse_date_days(date)) return std::nullopt;
  using namespace std::chrono;
  const year_month_day from{year{std::stoi(date.substr(0, 4))},
                            month{static_cast<unsigned>(std::stoi(date.substr(5, 2)))},
                            day{static_cast<unsigned>(std::stoi(date.substr(8, 2)))}};
  const year_month ym = from.year() / from.month() + std::chrono::months{count};
  const year_month_day last{ym / std::chrono::last};
  const year_month_day to{ym / std::min(from.day(), last.day())};
  if (int(to.year()) > 9999) return std::nullopt;
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", int(to.year()), unsigned(to.month()),
                unsigned(to.day()));
  return std::string(text);
}

const records::Description& documents() {
  static const records::Description d = make_documents();
  return d;
}

void define_registers() {
  records::define(documents());
  define_readiness_rules();
}

}  // namespace aims::documents
