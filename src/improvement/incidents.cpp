// Incidents on the records platform: their description and rules, and breaches reported by
// monitoring.
#include <algorithm>

#include "base/text.h"
#include "base/time.h"
#include "improvement/breach_email.h"
#include "improvement/clock.h"
#include "improvement/improvement.h"
#include "inventory/inventory.h"
#include "records/rules.h"

namespace aims::improvement {
namespace {

using records::Problems;
using records::Record;
using T = records::FieldType;

constexpr const char* kMonitoringControl = "A.6.2.6";

// Annex A control ids look like "A.6.2.6": a letter A and two to three numbers.
bool control_id(const std::string& text) {
  if (text.empty()) return true;
  if (text.rfind("A.", 0) != 0) return false;
  const auto parts = split(std::string_view(text).substr(2), '.');
  if (parts.size() < 2 || parts.size() > 3) return false;
  return std::all_of(parts.begin(), parts.end(), [](std::string_view p) {
    return !p.empty() && p.size() <= 2 &&
           p.find_first_not_of("0123456789") == std::string_view::npos;
  });
}

bool is_closed(const std::string& status) {
  return status == "resolved" || status == "closed";
}

// Art. 73: a serious incident needs its kind and the moment the organisation became aware, and a
// report sent needs the authority's reference and cannot precede the awareness.
void reporting_rules(const Record& r, Problems& p) {
  if (r.flag("serious")) {
    if (!r.is_set("serious_kind"))
      p.add("serious_kind", "choose the kind of serious incident: it sets the reporting deadline");
    if (!r.is_set("became_aware_at"))
      p.add("became_aware_at", "say when the organisation became aware: the clock starts then");
  }
  if (r.is_set("report_sent_at") && !r.is_set("authority_reference"))
    p.add("authority_reference", "give the reference the authority gave the report");
  if (r.is_set("report_sent_at") && r.is_set("became_aware_at")) {
    const auto sent = parse_timestamp(r.text("report_sent_at"));
    const auto aware = parse_timestamp(r.text("became_aware_at"));
    if (sent && aware && *sent < *aware)
      p.add("report_sent_at", "the report cannot be sent before the organisation became aware");
  }
}

void incident_rules(const Record& r, const Record*, Problems& p) {
  if (is_closed(r.text("status")) && !r.is_set("resolution")) {
    p.add("resolution", "say how the incident was resolved before resolving or closing it");
  }
  if (r.is_set("supplier_notified_at") && !r.is_set("supplier_id"))
    p.add("supplier_id", "name the supplier that was notified");
  if (r.is_set("supplier_notified_at") && !r.is_set("supplier_notification"))
    p.add("supplier_notification", "record what the supplier was told");
  if (!control_id(r.text("control")))
    p.add("control", "control must be an Annex A id such as A.6.2.6");
  reporting_rules(r, p);
}

// When it was first and last seen, and when it closed, follow the clock of the write.
Status stamp_times(const records::WriteContext& ctx, Record& after, const Record* before) {
  if (!after.is_set("first_seen_at")) after.values["first_seen_at"] = ctx.now;
  if (!after.is_set("last_seen_at")) after.values["last_seen_at"] = ctx.now;
  if (!after.is_set("source")) after.values["source"] = std::string("manual");
  const bool closed = after.text("status") == "closed";
  const bool was_closed = before && before->text("status") == "closed";
  if (closed && !was_closed) after.values["closed_at"] = ctx.now;
  if (!closed) after.values["closed_at"] = records::FieldValue();
  return {};
}

// The day the Art. 73 report is due, for My work and the calendar: only while a serious incident
// of a high-risk AI system is unreported. Read when the incident is written, so a system
// reclassified later moves the date at the incident's next change.
Status set_report_due(const records::WriteContext& ctx, Record& after) {
  after.values["report_due_by"] = records::FieldValue();
  if (!after.flag("serious") || after.is_set("report_sent_at")) {
    after.values["clock_warned_at"] = records::FieldValue();  // a new clock warns again
    return {};
  }
  const auto system_ids = after.ids("system_id");
  if (system_ids.empty()) return {};
  TRY_ASSIGN(const auto system, records::find(ctx, inventory::ai_systems(), system_ids.front()));
  if (!system || !clock_applies_to(*system)) return {};
  auto clock = reporting_clock(after.text("serious_kind"), after.text("became_aware_at"),
                               std::nullopt, ctx.now);
  if (clock) after.values["report_due_by"] = clock->deadline.substr(0, 10);
  return {};
}

Status before_incident_write(const records::WriteContext& ctx, Record& after,
                             const Record* before) {
  TRY(stamp_times(ctx, after, before));
  const auto notice_due = supplier_notice_deadline(after);
  after.values["supplier_notice_due_by"] =
      notice_due ? records::FieldValue(notice_due->substr(0, 10)) : records::FieldValue();
  return set_report_due(ctx, after);
}

records::Description make_incidents() {
  return {
      .type = "incident",
      .table = "incidents",
      .singular = "incident",
      .plural = "incidents",
      .api_path = "/api/v1/incidents",
      .page_path = "/improvement/incidents",
      .command = "incidents",
      .fields =
          {
              {.key = "title",
               .label = "Title",
               .required = true,
               .group = "Incident",
               .searchable = true},
              {.key = "system_id",
               .label = "AI system",
               .type = T::record_ref,
               .required = true,
               .group = "Incident",
               .target = "ai_system",
               .csv_key = "ai_system"},
              {.key = "description",
               .label = "What happened",
               .type = T::long_text,
               .group = "Incident",
               .searchable = true},
              {.key = "severity",
               .label = "Severity",
               .type = T::choice,
               .required = true,
               .choices = {{"low", "Low"},
                           {"medium", "Medium"},
                           {"high", "High"},
                           {"critical", "Critical"}},
               .group = "Incident",
               .default_value = "medium"},
              {.key = "status",
               .label = "Status",
               .type = T::choice,
               .required = true,
               .choices = {{"open", "Open"},
                           {"investigating", "Investigating"},
                           {"resolved", "Resolved"},
                           {"closed", "Closed"}},
               .group = "Incident",
               .default_value = "open",
               .choice_groups = {{"active", "Open or investigating", {"open", "investigating"}}}},
              {.key = "control",
               .label = "Annex A control",
               .hint = "e.g. A.6.2.6",
               .group = "Incident"},
              {.key = "owner_id",
               .label = "Owner",
               .type = T::user_ref,
               .hint = "Answers for the incident until it is closed.",
               .group = "Incident",
               .csv_key = "owner_email",
               .responsible = true},
              {.key = "harm",
               .label = "Harm caused or risked",
               .type = T::long_text,
               .group = "Impact",
               .searchable = true},
              {.key = "people_affected",
               .label = "People affected",
               .type = T::integer,
               .hint = "How many people, as far as known.",
               .group = "Impact"},
              {.key = "risk_ids",
               .label = "Risks",
               .type = T::record_ref,
               .group = "Impact",
               .target = "risk",
               .many = true,
               .csv_key = "risks"},
              {.key = "containment",
               .label = "Containment",
               .type = T::long_text,
               .hint = "What was done at once to limit the harm.",
               .group = "Response",
               .searchable = true},
              {.key = "root_cause",
               .label = "Root cause",
               .type = T::long_text,
               .group = "Response",
               .searchable = true},
              {.key = "communication",
               .label = "Communication to interested parties",
               .type = T::long_text,
               .hint = "Who was told what, and when: users, affected people, suppliers.",
               .group = "Response"},
              {.key = "serious",
               .label = "Serious incident (EU AI Act Art. 73)",
               .type = T::flag,
               .hint = "For a high-risk AI system: starts the clock to report to the market "
                       "surveillance authority.",
               .group = "EU AI Act reporting"},
              {.key = "serious_kind",
               .label = "Kind of serious incident",
               .type = T::choice,
               .choices = {{"general", "Serious incident (report within 15 days)"},
                           {"death", "Death of a person (report within 10 days)"},
                           {"critical",
                            "Widespread infringement or serious and irreversible disruption of "
                            "critical infrastructure (report within 2 days)"}},
               .group = "EU AI Act reporting"},
              {.key = "became_aware_at",
               .label = "Became aware at",
               .type = T::date_time,
               .hint = "When the organisation learnt of it; the clock runs from here.",
               .group = "EU AI Act reporting"},
              {.key = "report_due_by",
               .label = "Report due by",
               .type = T::date,
               .group = "EU AI Act reporting",
               .due = true,
               .read_only = true},
              {.key = "clock_warned_at",
               .label = "Warned a day before",
               .type = T::date_time,
               .hint = "When aims told the owner and the webhooks that the report was due.",
               .group = "EU AI Act reporting",
               .read_only = true},
              {.key = "report_sent_at",
               .label = "Report sent at",
               .type = T::date_time,
               .hint = "Sending the report stops the clock.",
               .group = "EU AI Act reporting"},
              {.key = "authority_reference",
               .label = "Authority reference",
               .group = "EU AI Act reporting"},
              {.key = "report_document_id",
               .label = "Report sent",
               .type = T::record_ref,
               .hint = "The report as a controlled document; or attach the file to the incident.",
               .group = "EU AI Act reporting",
               .target = "document",
               .csv_key = "report_document"},
              {.key = "supplier_id",
               .label = "Supplier involved",
               .type = T::record_ref,
               .hint = "The supplier whose product or service was part of the incident: it must "
                       "be told within 72 hours of the organisation becoming aware (or of the "
                       "incident being first seen).",
               .group = "Supplier",
               .target = "supplier",
               .csv_key = "supplier"},
              {.key = "supplier_notified_at",
               .label = "Supplier notified at",
               .type = T::date_time,
               .group = "Supplier"},
              {.key = "supplier_reference",
               .label = "Supplier's reference",
               .hint = "The ticket or case number the supplier gave.",
               .group = "Supplier"},
              {.key = "supplier_notification",
               .label = "What the supplier was told",
               .type = T::long_text,
               .group = "Supplier"},
              {.key = "supplier_notice_due_by",
               .label = "Supplier to be notified by",
               .type = T::date,
               .hint = "72 hours from awareness, while the supplier has not been told.",
               .group = "Supplier",
               .due = true,
               .past_due_label = "supplier not notified",
               .read_only = true},
              {.key = "resolution",
               .label = "Resolution",
               .type = T::long_text,
               .hint = "How it was resolved; needed to resolve or close it.",
               .group = "Resolution",
               .searchable = true},
              {.key = "source",
               .label = "Raised by",
               .type = T::choice,
               .choices = {{"manual", "A person"}, {"monitoring", "Monitoring"}},
               .group = "Detection",
               .read_only = true},
              {.key = "monitor_id",
               .label = "Monitor",
               .type = T::integer,
               .group = "Detection",
               .read_only = true},
              {.key = "breach_count",
               .label = "Threshold breaches",
               .type = T::integer,
               .group = "Detection",
               .default_value = "0",
               .read_only = true},
              {.key = "first_seen_at",
               .label = "First seen",
               .type = T::date_time,
               .group = "Detection",
               .read_only = true},
              {.key = "last_seen_at",
               .label = "Last seen",
               .type = T::date_time,
               .group = "Detection",
               .read_only = true},
              {.key = "closed_at",
               .label = "Closed",
               .type = T::date_time,
               .group = "Detection",
               .read_only = true},
          },
      .title_field = "title",
      .list_columns = {"title", "system_id", "severity", "status", "breach_count", "last_seen_at"},
      .filters = {"status", "severity", "system_id", "monitor_id", "source", "owner_id", "serious",
                  "supplier_id"},
      .sort_keys = {"severity", "status", "last_seen_at"},
      .default_sort = "-created_at",
      .nav = {.group = "Operate",
              .group_order = 30,
              .label = "Incidents",
              .section = "improvement",
              .order = 30},
      .hooks = {.check = incident_rules, .before_write = before_incident_write},
  };
}

// Monitoring appends each breach to the description; the oldest appended lines go first when it
// would outgrow the field.
std::string appended(const std::string& description, const std::string& entry) {
  std::string text = description + "\n\n" + entry;
  while (text.size() > records::rules::kLongTextLimit) {
    const auto cut = text.find("\n\n", text.find("\n\n") + 2);
    if (cut == std::string::npos) return text.substr(text.size() - records::rules::kLongTextLimit);
    text = text.substr(0, text.find("\n\n")) + text.substr(cut);
  }
  return text;
}

}  // namespace

bool clock_applies_to(const Record& system) {
  return system.text("eu_ai_act_class") == "high_risk";
}

const records::Description& incidents() {
  static const records::Description d = make_incidents();
  return d;
}

void define_registers() {
  records::define(incidents());
  records::define(nonconformities());
  records::define(corrective_actions());
  define_readiness_rules();
  define_incident_readiness_rule();
}

const std::vector<std::string>& severities() {
  static const std::vector<std::string> all = {"low", "medium", "high", "critical"};
  return all;
}

std::string max_severity(const std::string& a, const std::string& b) {
  const auto& s = severities();
  return std::find(s.begin(), s.end(), a) < std::find(s.begin(), s.end(), b) ? b : a;
}

Result<Record> record_breach(store::Tx& tx, int64_t org, const Breach& breach,
                             const trail::Actor& actor) {
  const records::Caller system{actor, std::nullopt, std::nullopt};
  const records::WriteContext ctx{tx, org, system, now_timestamp()};
  const std::string entry = minute_text(ctx.now) + " UTC: " + breach.summary;
  TRY_ASSIGN(auto open,
             records::list_in(tx, incidents(), org,
                              {.filters = {{"system_id", std::to_string(breach.system_id)},
                                           {"monitor_id", std::to_string(breach.monitor_id)},
                                           {"status", "active"}},
                               .limit = 1}));
  if (!open.items.empty()) {
    const Record& before = open.items.front();
    Record changes;
    changes.values["severity"] = max_severity(before.text("severity"), breach.severity);
    changes.values["description"] = appended(before.text("description"), entry);
    changes.values["breach_count"] = before.number("breach_count").value_or(0) + breach.breaches;
    changes.values["last_seen_at"] = ctx.now;
    TRY_ASSIGN(auto updated,
               records::update_in(ctx, incidents(), before.id, changes, std::nullopt));
    TRY(email_critical_breach(ctx, breach, updated));
    return updated;
  }
  Record incident;
  incident.values = {{"system_id", breach.system_id},
                     {"monitor_id", breach.monitor_id},
                     {"title", utf8_prefix(breach.title, records::rules::kTextLimit)},
                     {"description", entry.substr(0, records::rules::kLongTextLimit)},
                     {"severity", breach.severity},
                     {"control", std::string(kMonitoringControl)},
                     {"source", std::string("monitoring")},
                     {"breach_count", breach.breaches}};
  TRY_ASSIGN(auto created, records::create_in(ctx, incidents(), incident));
  TRY(email_critical_breach(ctx, breach, created));
  return created;
}

}  // namespace aims::improvement
