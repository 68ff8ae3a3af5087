// Controlled documents on the records platform: their description, workflow and the two hooks
// (the next review worked out from the effective date, and what an AI policy must state).
#include "documents/documents.h"

#include <chrono>
#include <cstdio>

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

// Annex A.2.4: the AI policy is reviewed at planned intervals, so it must say how often.
void document_rules(const Record& r, const Record*, Problems& p) {
  if (r.text("document_type") == "ai_policy" && !r.is_set("review_interval_months")) {
    p.add("review_interval_months", "an AI policy must state how often it is reviewed");
  }
}

const std::vector<auth::Role> kApprovers = {auth::Role::admin, auth::Role::aims_manager};

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
      .hooks = {.check = document_rules, .compute = fill_next_review, .before_write = follow_dates},
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
