// Readiness worked out from records: each ISO/IEC 42001 requirement from its rule, else a manual
// assessment; each Annex A control from its rule or its SoA entry and evidence; scores per clause
// and group; the other frameworks' coverage through the mappings; the Stage 1 checklist.
#include <map>
#include <mutex>

#include "base/time.h"
#include "controls/catalog_store.h"
#include "controls/controls.h"
#include "controls/monitor_evidence.h"

namespace aims::controls {
namespace {

using readiness::Finding;
using readiness::Link;
using readiness::Status;
using records::Record;

std::string entry_href(int64_t id) {
  return "/controls/soa/entries/" + std::to_string(id);
}

// Clause 6.1.3: every control decided and justified, and an approved version of the SoA.
Result<Finding> soa_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto entries, records::list_all(db, soa_entries(), org));
  TRY_ASSIGN(
      const auto approved,
      records::list(
          db, soa_versions(), org,
          {.filters = {{"state", "approved"}}, .sort = "number", .descending = true, .limit = 1}));
  Finding f;
  f.fix = {"Statement of Applicability", "/controls/soa"};
  f.links.push_back({"Statement of Applicability", "/controls/soa"});
  size_t open = 0;
  size_t annex = 0;
  for (const auto& e : entries) {
    if (e.text("framework") != kIso42001) continue;
    ++annex;
    open += e.text("applicability") == "undecided" || !e.is_set("justification");
  }
  open += annex_a_controls().size() > annex ? annex_a_controls().size() - annex : 0;
  if (!approved.items.empty()) {
    const Record& v = approved.items.front();
    f.links.push_back({v.text("title"), "/controls/soa/versions/" + std::to_string(v.id)});
  }
  if (open > 0) {
    f.status = Status::not_met;
    f.reason = std::to_string(open) + " of " + std::to_string(annex_a_controls().size()) +
               " Annex A controls are not yet decided and justified in the SoA.";
    return f;
  }
  if (approved.items.empty()) {
    f.status = Status::partial;
    f.reason =
        "Every Annex A control is decided and justified, but no version of the SoA is "
        "approved yet.";
    return f;
  }
  f.status = Status::met;
  f.reason = "Every Annex A control is decided and justified, and " +
             approved.items.front().text("title") + " of the SoA is approved.";
  return f;
}

struct EvidenceState {
  std::string title;
  bool current = false;
  std::string valid_until;
};

// An applicable control without a rule: implemented with current evidence is met; implemented
// without it, or partly implemented, is partly met; planned or not started is not met.
Assessment from_soa(const Item& c, const Record* e, const std::map<int64_t, EvidenceState>& ev,
                    const std::map<int64_t, MonitorEvidence>& watched) {
  Assessment a{.id = c.id, .title = c.title, .kind = c.kind, .source = "soa"};
  a.reads = {"Statement of Applicability", "evidence", "monitor runs"};
  if (!e) {
    a.reason = "The SoA has no entry for this control yet.";
    a.fix = {"Statement of Applicability", "/controls/soa"};
    return a;
  }
  a.links.push_back({"SoA entry " + c.id, entry_href(e->id)});
  a.fix = {"SoA entry " + c.id, entry_href(e->id) + "/edit"};
  const std::string applicability = e->text("applicability");
  if (applicability == "undecided") {
    a.reason = "The SoA does not yet say whether this control applies.";
    return a;
  }
  if (applicability == "not_applicable") {
    a.status = Status::not_applicable;
    a.reason = "Excluded in the SoA: " + e->text("justification");
    a.fix = {};
    return a;
  }
  std::vector<std::string> current, expired;
  for (int64_t id : e->ids("evidence_ids")) {
    const auto it = ev.find(id);
    if (it == ev.end()) continue;
    a.links.push_back({it->second.title, "/controls/evidence/" + std::to_string(id)});
    (it->second.current ? current : expired).push_back(it->second.title);
  }
  for (int64_t id : e->ids("monitor_ids")) {
    const auto it = watched.find(id);
    if (it == watched.end()) continue;
    a.links.push_back({it->second.summary(), it->second.href()});
    (it->second.current ? current : expired).push_back(it->second.summary());
  }
  const std::string implementation = e->text("implementation");
  if (implementation == "implemented" && !current.empty()) {
    a.status = Status::met;
    a.reason = "Implemented, with current evidence: " + current.front() +
               (current.size() > 1 ? " and " + std::to_string(current.size() - 1) + " more." : ".");
    a.fix = {};
  } else if (implementation == "implemented") {
    a.status = Status::partial;
    a.reason = expired.empty()
                   ? "Marked implemented, but no evidence shows it."
                   : "Marked implemented, but its evidence has expired: " + expired.front() + ".";
  } else if (implementation == "partial") {
    a.status = Status::partial;
    a.reason = "Partially implemented, by the SoA.";
  } else {
    a.reason = implementation == "planned" ? "Planned, not yet implemented."
                                           : "Applies, but its implementation has not started.";
  }
  return a;
}

Assessment from_rule(const Item& i, const readiness::Rule& rule, Finding f) {
  return {.id = i.id,
          .title = i.title,
          .kind = i.kind,
          .status = f.status,
          .reason = std::move(f.reason),
          .links = std::move(f.links),
          .fix = std::move(f.fix),
          .source = "records",
          .reads = rule.reads};
}

Assessment from_manual(const Item& i, const Record* m) {
  Assessment a{.id = i.id, .title = i.title, .kind = i.kind};
  a.reads = {"manual assessments"};
  if (!m) {
    a.source = "none";
    a.reason = "No record shows this yet, and no one has assessed it by hand.";
    a.fix = {"Assess it", "/controls/readiness/assessments/new?requirement=" + i.id};
    return a;
  }
  a.source = "manual";
  const std::string s = m->text("status");
  a.status = s == "met"              ? Status::met
             : s == "partial"        ? Status::partial
             : s == "not_applicable" ? Status::not_applicable
                                     : Status::not_met;
  a.reason = "Assessed by hand on " + m->text("assessed_on") + ": " + m->text("notes");
  a.links.push_back(
      {"Manual assessment", "/controls/readiness/assessments/" + std::to_string(m->id)});
  if (a.status != Status::met) a.fix = a.links.front();
  return a;
}

void count(Score& s, Status status) {
  switch (status) {
    case Status::met:
      ++s.met;
      break;
    case Status::partial:
      ++s.partial;
      break;
    case Status::not_met:
      ++s.not_met;
      break;
    case Status::not_applicable:
      ++s.excluded;
      break;
  }
}

// The top section an item sits in: "4" for 4.1, "A.6" for A.6.2.6.
std::string group_of(const Framework& f, const Item& i) {
  const Item* at = &i;
  while (!at->parent.empty()) {
    const Item* up = f.item(at->parent);
    if (!up || up->id == "A") break;
    at = up;
  }
  return at->id;
}

Result<std::vector<Coverage>> coverage_of(store::Database& db, int64_t org,
                                          const std::map<std::string, Status>& status) {
  TRY_ASSIGN(const auto mappings, list_mappings(db, org));
  TRY_ASSIGN(const auto frameworks, list_frameworks(db, org));
  std::vector<Coverage> out;
  for (const auto& [m, built_in] : mappings) {
    if (m.target_framework != kIso42001) continue;
    Coverage c{.framework = m.source_framework, .own_mapping = m.provenance == "aims"};
    for (const auto& f : frameworks) {
      if (f.key == c.framework) c.name = f.short_name;
    }
    std::map<std::string, std::vector<Status>> by_source;
    for (const auto& l : m.links) {
      const auto it = status.find(l.target);
      if (it != status.end() && it->second != Status::not_applicable)
        by_source[l.source].push_back(it->second);
      else
        by_source[l.source];
    }
    for (const auto& [source, targets] : by_source) {
      ++c.mapped;
      if (targets.empty()) continue;
      const bool all =
          std::all_of(targets.begin(), targets.end(), [](Status s) { return s == Status::met; });
      const bool some = std::any_of(targets.begin(), targets.end(),
                                    [](Status s) { return s != Status::not_met; });
      if (all)
        ++c.covered;
      else if (some)
        ++c.partly;
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<ChecklistItem> stage1_of(const std::vector<Assessment>& items) {
  static const std::vector<std::pair<const char*, const char*>> kItems = {
      {"Scope of the AIMS", "4.3"},           {"AI policy", "5.2"},
      {"AI risk assessment method", "6.1.2"}, {"Statement of Applicability", "6.1.3"},
      {"Internal audit programme", "9.2.2"},  {"Management review planned", "9.3.1"},
  };
  std::vector<ChecklistItem> out;
  for (const auto& [label, id] : kItems) {
    for (const auto& a : items) {
      if (a.id != id) continue;
      out.push_back({label, id, a.status, a.reason, a.fix});
    }
  }
  return out;
}

}  // namespace

double Score::value() const {
  const int counted = met + partial + not_met;
  return counted == 0 ? 0.0 : (met + 0.5 * partial) / counted;
}

double Coverage::value() const {
  return mapped == 0 ? 0.0 : (covered + 0.5 * partly) / mapped;
}

void define_readiness_rules() {
  static std::once_flag once;
  std::call_once(once, [] {
    readiness::add_rule({std::string(kIso42001),
                         "6.1.3",
                         {"Statement of Applicability", "SoA versions"},
                         soa_rule});
  });
}

Result<Readiness> assess_readiness(store::Database& db, int64_t org) {
  TRY_ASSIGN(const Framework iso, stored_framework(db, org, std::string(kIso42001)));
  TRY_ASSIGN(const auto entries, records::list_all(db, soa_entries(), org));
  TRY_ASSIGN(const auto evidence_items, records::list_all(db, evidence(), org));
  TRY_ASSIGN(const auto manual, records::list_all(db, assessments(), org));
  const std::string today = now_timestamp().substr(0, 10);
  std::map<int64_t, EvidenceState> ev;
  for (const auto& e : evidence_items)
    ev[e.id] = {e.text("title"), !e.is_set("valid_until") || e.text("valid_until") >= today,
                e.text("valid_until")};
  TRY_ASSIGN(const auto watched, monitor_evidence(db, org, entries));
  std::map<std::string, const Record*> entry_of, latest_manual;
  for (const auto& e : entries) {
    if (e.text("framework") == kIso42001) entry_of[e.text("control")] = &e;
  }
  for (const auto& m : manual) {
    const Record*& at = latest_manual[m.text("requirement")];
    if (!at || at->text("assessed_on") < m.text("assessed_on")) at = &m;
  }
  Readiness out;
  std::map<std::string, Status> status;
  for (const Item& i : iso.items) {
    if (!i.assessable()) continue;
    Assessment a;
    const Record* entry = i.kind == "control" && entry_of.count(i.id) ? entry_of[i.id] : nullptr;
    const bool excluded = entry && entry->text("applicability") == "not_applicable";
    if (const auto* rule = readiness::rule_for(kIso42001, i.id); rule && !excluded) {
      TRY_ASSIGN(Finding f, rule->assess(db, org));
      a = from_rule(i, *rule, std::move(f));
    } else if (i.kind == "control") {
      a = from_soa(i, entry, ev, watched);
    } else {
      a = from_manual(i, latest_manual.count(i.id) ? latest_manual[i.id] : nullptr);
    }
    a.group = group_of(iso, i);
    status[a.id] = a.status;
    out.items.push_back(std::move(a));
  }
  for (const auto& a : out.items) {
    auto& scores = a.kind == "control" ? out.annex : out.clauses;
    if (scores.empty() || scores.back().id != a.group) {
      const Item* g = iso.item(a.group);
      scores.push_back({.id = a.group, .title = g ? g->title : ""});
    }
    count(scores.back(), a.status);
    count(out.overall, a.status);
  }
  TRY_ASSIGN(out.coverage, coverage_of(db, org, status));
  out.stage1 = stage1_of(out.items);
  return out;
}

}  // namespace aims::controls
