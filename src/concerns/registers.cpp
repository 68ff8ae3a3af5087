// The concerns register as a description on the records platform, and its rules.
#include "base/text.h"
#include "concerns/concerns.h"
#include "concerns/readiness_rules.h"

namespace aims::concerns {
namespace {

using records::Problems;
using records::Record;
using T = records::FieldType;

constexpr size_t kTitleBytes = 80;

void concern_rules(const Record& r, const Record*, Problems& p) {
  if (r.flag("anonymous") && r.is_set("contact"))
    p.add("contact", "an anonymous concern has no contact address: leave one or the other");
}

// A concern is known by the start of what happened, on one line.
void compute_title(Record& r) {
  std::string text = r.text("what_happened");
  for (char& c : text)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  std::string title = utf8_prefix(trim(text), kTitleBytes);
  if (title.size() < trim(text).size()) title += "...";
  r.values["title"] = title.empty() ? std::string("Concern") : title;
}

Status stamp_received(const records::WriteContext& ctx, Record& after, const Record* before) {
  if (!after.is_set("received_at")) after.values["received_at"] = ctx.now;
  if (!after.is_set("received_through")) after.values["received_through"] = std::string("staff");
  if (after.state == "closed" && !after.is_set("triage_outcome"))
    after.values["triage_outcome"] = std::string("closed");
  if (after.is_set("triage_outcome") && !after.is_set("triaged_at") &&
      (!before || !before->is_set("triaged_at")))
    after.values["triaged_at"] = ctx.now;
  return {};
}

records::Field triage_ref(const char* key, const char* label, const char* target,
                          const char* csv_key) {
  return {.key = key,
          .label = label,
          .type = T::record_ref,
          .group = "Triage",
          .target = target,
          .csv_key = csv_key,
          .read_only = true};
}

records::Description make_concerns() {
  return {
      .type = "concern",
      .table = "concerns",
      .singular = "concern",
      .plural = "concerns",
      .api_path = "/api/v1/concerns",
      .page_path = "/improvement/concerns",
      .command = "concerns",
      .fields =
          {
              {.key = "title",
               .label = "Concern",
               .group = "Concern",
               .searchable = true,
               .computed = true},
              {.key = "system_id",
               .label = "AI system",
               .type = T::record_ref,
               .hint = "Leave empty for a concern about the organisation's use of AI.",
               .group = "Concern",
               .target = "ai_system",
               .csv_key = "ai_system"},
              {.key = "system_named",
               .label = "AI system as the reporter named it",
               .group = "Concern"},
              {.key = "what_happened",
               .label = "What happened",
               .type = T::long_text,
               .required = true,
               .group = "Concern",
               .searchable = true},
              {.key = "anonymous", .label = "Anonymous", .type = T::flag, .group = "Reporter"},
              {.key = "contact",
               .label = "Contact address",
               .type = T::email,
               .hint = "Optional; never shown on the public pages.",
               .group = "Reporter"},
              {.key = "received_at",
               .label = "Received",
               .type = T::date_time,
               .group = "Reporter",
               .read_only = true},
              {.key = "received_through",
               .label = "Received through",
               .type = T::choice,
               .choices = {{"public", "The public concerns channel"},
                           {"staff", "Recorded by a person"}},
               .group = "Reporter",
               .read_only = true},
              {.key = "reporter_additions",
               .label = "Added by the reporter",
               .type = T::long_text,
               .group = "Reporter",
               .read_only = true},
              {.key = "public_answer",
               .label = "Public answer",
               .hint = "A short answer the reporter sees with their receipt code; needed to close.",
               .group = "Triage"},
              {.key = "triage_outcome",
               .label = "Triaged into",
               .type = T::choice,
               .choices = {{"incident", "An incident"},
                           {"risk", "A risk"},
                           {"nonconformity", "A nonconformity"},
                           {"closed", "Closed without a record"}},
               .group = "Triage",
               .read_only = true},
              triage_ref("incident_id", "Incident", "incident", "incident"),
              triage_ref("risk_id", "Risk", "risk", "risk"),
              triage_ref("nonconformity_id", "Nonconformity", "nonconformity", "nonconformity"),
              {.key = "triaged_at",
               .label = "Triaged",
               .type = T::date_time,
               .group = "Triage",
               .read_only = true},
          },
      .title_field = "title",
      .list_columns = {"title", "system_id", "received_at", "triage_outcome"},
      .filters = {"state", "system_id", "triage_outcome", "anonymous", "received_through"},
      .sort_keys = {"received_at"},
      .default_sort = "-created_at",
      .workflow =
          records::Workflow{
              .states = {{"received", "Received"},
                         {"under_review", "Under review"},
                         {"closed", "Closed", false, true}},
              .transitions = {{.name = "review",
                               .label = "Start the review",
                               .from = {"received"},
                               .to = "under_review"},
                              {.name = "close",
                               .label = "Close",
                               .from = {"received", "under_review"},
                               .to = "closed",
                               .required_fields = {"public_answer"},
                               .reason_required = true}},
          },
      .nav = {.group = "Improvement",
              .group_order = 38,
              .label = "Concerns",
              .section = "concerns",
              .order = 30},
      .hooks = {.check = concern_rules, .compute = compute_title, .before_write = stamp_received},
  };
}

}  // namespace

const records::Description& concerns() {
  static const records::Description d = make_concerns();
  return d;
}

void define_registers() {
  records::define(concerns());
  define_readiness_rules();
}

}  // namespace aims::concerns
