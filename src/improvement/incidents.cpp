// Incidents on the records platform: their description and rules, and breaches reported by
// monitoring.
#include <algorithm>

#include "base/text.h"
#include "base/time.h"
#include "improvement/improvement.h"
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

void incident_rules(const Record& r, const Record*, Problems& p) {
  if (is_closed(r.text("status")) && !r.is_set("resolution")) {
    p.add("resolution", "say how the incident was resolved before resolving or closing it");
  }
  if (!control_id(r.text("control")))
    p.add("control", "control must be an Annex A id such as A.6.2.6");
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
      .filters = {"status", "severity", "system_id", "monitor_id", "source"},
      .sort_keys = {"severity", "status", "last_seen_at"},
      .default_sort = "-created_at",
      .nav = {.group = "Operate",
              .group_order = 30,
              .label = "Incidents",
              .section = "improvement",
              .order = 30},
      .hooks = {.check = incident_rules, .before_write = stamp_times},
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

const records::Description& incidents() {
  static const records::Description d = make_incidents();
  return d;
}

void define_registers() {
  records::define(incidents());
  records::define(nonconformities());
  records::define(corrective_actions());
  define_readiness_rules();
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
    return records::update_in(ctx, incidents(), before.id, changes, std::nullopt);
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
  return records::create_in(ctx, incidents(), incident);
}

}  // namespace aims::improvement
