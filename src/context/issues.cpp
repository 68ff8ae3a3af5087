// Context issues (clause 4.1) as a description on the records platform. A small workflow rather
// than a status field, so a closed issue's review date drops out of My work and the overdue counts.
#include "context/context.h"
#include "context/fields.h"

namespace aims::context {
namespace {

using records::Transition;
using T = records::FieldType;

std::vector<records::Field> issue_fields() {
  return {
      {.key = "title", .label = "Issue", .required = true, .group = "Issue", .searchable = true},
      origin_field("Issue"),
      {.key = "category",
       .label = "Category",
       .type = T::choice,
       .required = true,
       .choices = {{"legal_regulatory", "Legal and regulatory"},
                   {"technological", "Technological"},
                   {"societal_ethical", "Societal and ethical"},
                   {"economic_market", "Economic and market"},
                   {"organisational", "Organisational"},
                   {"environmental_climate", "Environmental and climate"},
                   {"other", "Other"}},
       .group = "Issue",
       .default_value = "legal_regulatory"},
      {.key = "relevance",
       .label = "Relevance to the AIMS",
       .type = T::choice,
       .required = true,
       .choices = {{"high", "High"}, {"medium", "Medium"}, {"low", "Low"}},
       .hint = "Low still needs its effect written: it says why it matters little.",
       .group = "Issue",
       .default_value = "medium"},
      {.key = "description",
       .label = "Description",
       .type = T::long_text,
       .group = "Issue",
       .searchable = true},
      {.key = "effect",
       .label = "Effect on the AIMS",
       .type = T::long_text,
       .required = true,
       .hint = "How it helps or hinders the AIMS in achieving what it is for.",
       .group = "Issue"},
      {.key = "response",
       .label = "How it is addressed",
       .type = T::long_text,
       .group = "Response"},
      {.key = "risk_ids",
       .label = "Risks that address it",
       .type = T::record_ref,
       .group = "Response",
       .target = "risk",
       .many = true,
       .csv_key = "risks"},
      {.key = "document_ids",
       .label = "Documents that address it",
       .type = T::record_ref,
       .group = "Response",
       .target = "document",
       .many = true,
       .csv_key = "documents"},
      owner_field("Review"),
      review_field("Review"),
  };
}

records::Workflow issue_workflow() {
  return {
      .states = {{"open", "Open"}, {"monitored", "Monitored"}, {"closed", "Closed", false, true}},
      .transitions = {
          Transition{.name = "monitor",
                     .label = "Monitor",
                     .from = {"open"},
                     .to = "monitored",
                     .reason_required = true,
                     .reason_label = "What is watched, and how"},
          Transition{.name = "close",
                     .label = "Close",
                     .from = {"open", "monitored"},
                     .to = "closed",
                     .reason_required = true,
                     .reason_label = "Why it no longer bears on the AIMS"},
          Transition{.name = "reopen",
                     .label = "Reopen",
                     .from = {"closed", "monitored"},
                     .to = "open",
                     .reason_required = true},
      }};
}

records::Description make_issues() {
  return {
      .type = "context_issue",
      .table = "context_issues",
      .singular = "context issue",
      .plural = "context issues",
      .api_path = "/api/v1/context-issues",
      .page_path = "/context/issues",
      .command = "context-issues",
      .fields = issue_fields(),
      .title_field = "title",
      .unique_title = true,
      .list_columns = {"title", "origin", "category", "relevance", "state", "owner_id",
                       "next_review"},
      .filters = {"state", "origin", "category", "relevance", "owner_id"},
      .sort_keys = {"next_review", "category", "state"},
      .workflow = issue_workflow(),
      .nav = {.group = "Context and leadership",
              .group_order = 15,
              .label = "Context issues",
              .section = "context-issues",
              .order = 10},
  };
}

}  // namespace

const records::Description& issues() {
  static const records::Description d = make_issues();
  return d;
}

}  // namespace aims::context
