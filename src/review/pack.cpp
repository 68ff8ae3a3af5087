// The management review's input pack (9.3.2) as Markdown: each input a section listing the records
// it was compiled from, by name and linked. Markdown rather than structured data because it is
// what the frozen version, the review page and the printable minutes all render as it stands, and
// what management read that day is exactly the text kept.
#include <map>

#include "auth/auth.h"
#include "base/text.h"
#include "base/time.h"
#include "controls/controls.h"
#include "monitoring/monitoring.h"
#include "objectives/objectives.h"
#include "readiness/readiness.h"
#include "review/review.h"
#include "risk/risk.h"

namespace aims::review {
namespace {

using records::Description;
using records::Record;

using People = std::map<int64_t, std::string>;

// Backslash before every character Markdown could read as markup, so a record's name is text.
std::string escaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::string_view("\\`*_[]<>|~").find(c) != std::string_view::npos) out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

std::string link(const Description& d, const Record& r) {
  return "[" + escaped(d.display_name(r)) + "](" + d.page_path + "/" + std::to_string(r.id) + ")";
}

std::string link(const std::string& name, const std::string& href) {
  return "[" + escaped(name) + "](" + href + ")";
}

// The first due date of the record that has passed while its work is unfinished, or "".
std::string overdue_since(const Description& d, const Record& r, const std::string& today) {
  if (d.workflow && d.is_done(r.state)) return "";
  for (const auto& f : d.fields)
    if (f.due && r.is_set(f.key) && r.text(f.key) < today) return r.text(f.key);
  return "";
}

std::string state_label(const Description& d, const Record& r) {
  const records::State* s = d.state(r.state);
  return s ? s->label : "";
}

struct PackInput {
  store::Database& db;
  int64_t org;
  const Record& review;
  std::string today;
  int64_t now_micros = 0;
  std::string since;  // the day the previous review was held; empty when none was
  People people;
};

std::string since_text(const PackInput& in) {
  return in.since.empty() ? "since the AIMS began (no earlier review was held)"
                          : "since the last review, held on " + in.since;
}

Result<std::vector<Record>> all_of(const PackInput& in, const Description& d) {
  return records::list_all(in.db, d, in.org);
}

// The day the latest other held review was held.
Result<std::string> previous_held(const PackInput& in) {
  TRY_ASSIGN(const auto all, all_of(in, management_reviews()));
  std::string latest;
  for (const auto& r : all)
    if (r.id != in.review.id && (r.state == "held" || r.state == "approved") &&
        r.text("held_on") > latest)
      latest = r.text("held_on");
  return latest;
}

std::string person(const PackInput& in, const Record& r, const char* key) {
  const auto id = r.number(key);
  if (!id) return "nobody";
  const auto it = in.people.find(*id);
  return it == in.people.end() ? "someone no longer listed" : escaped(it->second);
}

Result<std::string> earlier_actions(const PackInput& in) {
  TRY_ASSIGN(const auto all, all_of(in, review_actions()));
  const Description& d = review_actions();
  std::string open, done;
  int64_t n_open = 0, n_done = 0, n_overdue = 0;
  for (const auto& a : all) {
    const auto of = a.ids("review_id");
    if (std::find(of.begin(), of.end(), in.review.id) != of.end()) continue;
    const std::string late = overdue_since(d, a, in.today);
    if (a.state == "open") {
      ++n_open;
      n_overdue += !late.empty();
      open += "- " + link(d, a) + ": open, owner " + person(in, a, "owner_id") + ", due " +
              a.text("due_on") + (late.empty() ? "" : " (**overdue**)") + "\n";
    } else if (in.since.empty() || a.state_since >= in.since) {
      ++n_done;
      done += "- " + link(d, a) + ": " + to_lower_ascii(state_label(d, a)) + " on " +
              a.state_since.substr(0, 10) +
              (a.is_set("outcome") ? ": " + escaped(a.text("outcome")) : "") + "\n";
    }
  }
  if (n_open + n_done == 0) return std::string("No actions from earlier reviews.\n");
  return readiness::counted(n_open, "action is", "actions are") + " open (" +
         std::to_string(n_overdue) + " overdue); " + readiness::counted(n_done, "was", "were") +
         " finished " + since_text(in) + ".\n\n" + open + done;
}

// Records of `type` created or changed since the previous review, or "not recorded".
Result<std::string> changed_records(const PackInput& in, const char* type) {
  const Description* d = records::find(type);
  if (!d) return std::string();
  TRY_ASSIGN(const auto all, all_of(in, *d));
  std::string out;
  for (const auto& r : all) {
    if (!in.since.empty() && r.updated_at < in.since) continue;
    const bool is_new = in.since.empty() || r.created_at >= in.since;
    out += "- " + link(*d, r) + (is_new ? ": new" : ": changed") +
           (d->workflow ? ", " + to_lower_ascii(state_label(*d, r)) : "") + "\n";
  }
  if (out.empty()) return std::string();
  return "**" + std::string(d->plural) + "**\n\n" + out + "\n";
}

Result<std::string> context_changes(const PackInput& in) {
  std::string out;
  for (const char* type : {"context_issue", "interested_party", "interested_party_requirement"}) {
    TRY_ASSIGN(const std::string part, changed_records(in, type));
    out += part;
  }
  if (out.empty())
    return "No issue, interested party or requirement changed " + since_text(in) + ".\n";
  return "Created or changed " + since_text(in) + ":\n\n" + out;
}

// Open and closed counts of a register, with its overdue records listed; "not recorded" when the
// register is not part of this aims.
Result<std::string> register_status(const PackInput& in, const char* type, const char* label) {
  const Description* d = records::find(type);
  if (!d) return "- " + std::string(label) + ": not recorded in this AIMS.\n";
  TRY_ASSIGN(const auto all, all_of(in, *d));
  int64_t open = 0, closed = 0;
  std::string late;
  for (const auto& r : all) {
    if (d->is_done(r.state)) {
      ++closed;
      continue;
    }
    ++open;
    const std::string since = overdue_since(*d, r, in.today);
    if (!since.empty()) late += "  - " + link(*d, r) + ": overdue since " + since + "\n";
  }
  return "- " + std::string(label) + ": " + std::to_string(open) + " open, " +
         std::to_string(closed) + " closed\n" + late;
}

Result<std::string> performance(const PackInput& in) {
  TRY_ASSIGN(const std::string ncs, register_status(in, "nonconformity", "Nonconformities"));
  TRY_ASSIGN(const std::string actions,
             register_status(in, "corrective_action", "Corrective actions"));
  return ncs + actions;
}

Result<std::string> monitoring_results(const PackInput& in) {
  TRY_ASSIGN(const auto monitors, monitoring::list_monitors(in.db, in.org, std::nullopt));
  TRY_ASSIGN(const auto alerts, monitoring::list_alerts(in.db, in.org, {.status = "active"}));
  std::map<int64_t, int64_t> open_alerts;
  for (const auto& a : alerts)
    ++open_alerts[a.monitor_id];
  std::string out;
  for (const auto& m : monitors) {
    if (m.archived_at) continue;
    TRY_ASSIGN(const auto evidence, monitoring::run_evidence(in.db, in.org, m, in.now_micros));
    out += "- " + link(m.name, "/monitoring/monitors/" + std::to_string(m.id)) + ": ";
    if (!evidence.latest) {
      out += "never run";
    } else {
      out += "latest run " + evidence.latest->finished_at.substr(0, 10) + ", " +
             readiness::counted(evidence.latest->breaches, "threshold breached",
                                "thresholds breached") +
             (evidence.current ? "" : " (**not run within its interval**)");
    }
    out += "; " + readiness::counted(open_alerts[m.id], "alert", "alerts") + " open\n";
  }
  if (out.empty()) return std::string("No monitor is set up.\n");
  return out;
}

const records::Field* result_field(const Description& d) {
  const records::Field* f = d.field("result");
  return f && f->type == records::FieldType::choice ? f : nullptr;
}

// The internal audit's checklist calls an opportunity for improvement "improvement".
bool is_improvement(const std::string& result) {
  return result == "improvement";
}

Result<std::string> audit_results(const PackInput& in) {
  const Description* audits = records::find("internal_audit");
  const Description* items = records::find("audit_item");
  if (!audits || !items || !result_field(*items))
    return std::string("Internal audits are not recorded in this AIMS.\n");
  TRY_ASSIGN(const auto all, all_of(in, *audits));
  std::string out;
  for (const auto& a : all)
    if (in.since.empty() || a.updated_at >= in.since)
      out += "- " + link(*audits, a) + ": " + to_lower_ascii(state_label(*audits, a)) + "\n";
  TRY_ASSIGN(const auto findings, all_of(in, *items));
  std::map<std::string, int64_t> by_result;
  for (const auto& f : findings)
    if (f.is_set("result") && (in.since.empty() || f.updated_at >= in.since))
      ++by_result[f.text("result")];
  for (const auto& [result, n] : by_result)
    out += "- " + items->choice_label("result", result) + ": " + std::to_string(n) + "\n";
  if (out.empty()) return "No internal audit " + since_text(in) + ".\n";
  return out;
}

Result<std::string> objectives_progress(const PackInput& in) {
  TRY_ASSIGN(const auto all, all_of(in, objectives::objectives()));
  std::string out;
  for (const auto& o : all) {
    if (o.state != "planned" && o.state != "active") continue;
    TRY_ASSIGN(const auto s, objectives::standing(in.db, in.org, o, in.today));
    out += "- " + link(objectives::objectives(), o) + ": " + escaped(s.sentence) + "\n";
  }
  if (out.empty()) return std::string("No AI objective is under way.\n");
  return out;
}

Result<std::string> improvement_opportunities(const PackInput& in) {
  const Description* items = records::find("audit_item");
  if (!items || !result_field(*items))
    return std::string("Audit findings are not recorded in this AIMS.\n");
  TRY_ASSIGN(const auto all, all_of(in, *items));
  std::string out;
  for (const auto& f : all)
    if (is_improvement(f.text("result")) && !items->is_done(f.state))
      out += "- " + link(*items, f) + "\n";
  if (out.empty()) return std::string("No open opportunity for improvement from audits.\n");
  return out;
}

Result<std::string> risks_above_threshold(const PackInput& in) {
  TRY_ASSIGN(const auto criteria, risk::current_criteria(in.db, in.org));
  TRY_ASSIGN(const auto open, risk::open_risks(in.db, in.org));
  std::string out;
  for (const auto& r : open) {
    const std::string level =
        r.is_set("residual_level") ? r.text("residual_level") : r.text("inherent_level");
    if (level.empty() || !risk::above_threshold(criteria, level)) continue;
    out += "- " + link(risk::risks(), r) + ": " +
           risk::risks().choice_label("residual_level", level) + ", " +
           to_lower_ascii(state_label(risk::risks(), r)) + ", owner " + person(in, r, "owner_id") +
           "\n";
  }
  if (out.empty()) return std::string("No open risk is above the acceptance threshold.\n");
  return out;
}

Result<std::string> incidents(const PackInput& in) {
  const Description* d = records::find("incident");
  if (!d) return std::string("Incidents are not recorded in this AIMS.\n");
  TRY_ASSIGN(const auto all, all_of(in, *d));
  std::string out;
  for (const auto& r : all)
    if (in.since.empty() || r.created_at >= in.since)
      out += "- " + link(*d, r) + ": " + d->choice_label("severity", r.text("severity")) + ", " +
             d->choice_label("status", r.text("status")) + "\n";
  if (out.empty()) return "No incident " + since_text(in) + ".\n";
  return "Raised " + since_text(in) + ":\n\n" + out;
}

Result<std::string> readiness_summary(const PackInput& in) {
  TRY_ASSIGN(const auto r, controls::assess_readiness(in.db, in.org));
  std::string out = "Overall " + std::to_string(static_cast<int>(r.overall.value() * 100 + 0.5)) +
                    "% ready: " + std::to_string(r.overall.met) + " met, " +
                    std::to_string(r.overall.partial) + " partly met, " +
                    std::to_string(r.overall.not_met) +
                    " not met ([readiness](/controls/readiness)).\n\n";
  for (const auto& clause : r.clauses)
    out += "- Clause " + clause.id + " " + escaped(clause.title) + ": " +
           std::to_string(clause.met) + " met, " + std::to_string(clause.partial) + " partly, " +
           std::to_string(clause.not_met) + " not met\n";
  return out;
}

using Section = Result<std::string> (*)(const PackInput&);

const std::vector<std::pair<std::string, Section>>& sections() {
  static const std::vector<std::pair<std::string, Section>> all = {
      {"Actions from earlier reviews", earlier_actions},
      {"Changes in external and internal issues and interested parties", context_changes},
      {"Nonconformities and corrective actions", performance},
      {"Monitoring and measurement results", monitoring_results},
      {"Audit results", audit_results},
      {"Objectives' progress", objectives_progress},
      {"Opportunities for improvement", improvement_opportunities},
      {"Risks above the acceptance threshold", risks_above_threshold},
      {"Incidents", incidents},
      {"Readiness", readiness_summary},
  };
  return all;
}

}  // namespace

const std::vector<std::string>& pack_sections() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& s : sections())
      out.push_back(s.first);
    return out;
  }();
  return names;
}

Result<std::string> compile_pack(store::Database& db, int64_t org, const Record& review,
                                 const std::string& now) {
  TRY_ASSIGN(const auto users, auth::list_users(db, org));
  PackInput in{db, org, review, now.substr(0, 10), parse_timestamp(now).value_or(0), "", {}};
  for (const auto& u : users)
    in.people[u.id] = u.name.empty() ? u.email : u.name;
  TRY_ASSIGN(in.since, previous_held(in));
  std::string out = "Compiled " + minute_text(now) + " UTC from the records of the AIMS, " +
                    since_text(in) + ".\n";
  for (const auto& [heading, compile] : sections()) {
    TRY_ASSIGN(const std::string body, compile(in));
    out += "\n## " + heading + "\n\n" + body;
  }
  return out;
}

}  // namespace aims::review
