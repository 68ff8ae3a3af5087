// The Statement of Applicability as a whole: starting it (an entry per Annex A control),
// submitting it as a numbered version that keeps the entries as they stood, and comparing two
// versions control by control.
#include <algorithm>
#include <map>
#include <set>

#include "auth/auth.h"
#include "base/time.h"
#include "controls/catalog_store.h"
#include "controls/controls.h"

namespace aims::controls {
namespace {

using records::Record;
using records::Transition;
using T = records::FieldType;

const std::vector<auth::Role> kApprovers = {auth::Role::admin, auth::Role::aims_manager};

std::string list_of(const std::vector<std::string>& ids, size_t shown = 8) {
  std::string out;
  for (size_t n = 0; n < ids.size() && n < shown; ++n)
    out += (n ? ", " : "") + ids[n];
  if (ids.size() > shown) out += " and " + std::to_string(ids.size() - shown) + " more";
  return out;
}

// Clause 6.1.3: every Annex A control, and every control of another framework the SoA holds, is
// decided and justified before the SoA can be approved.
Status check_complete(const std::vector<Record>& entries) {
  std::vector<std::string> missing, undecided, unjustified;
  std::map<std::string, const Record*> annex;
  for (const auto& e : entries) {
    if (e.text("framework") == kIso42001) annex[e.text("control")] = &e;
  }
  for (const Item* c : annex_a_controls()) {
    if (!annex.count(c->id)) missing.push_back(c->id);
  }
  for (const auto& e : entries) {
    const std::string name = e.text("framework") == kIso42001 ? e.text("control") : e.text("title");
    if (e.text("applicability") == "undecided")
      undecided.push_back(name);
    else if (!e.is_set("justification"))
      unjustified.push_back(name);
  }
  records::Problems p;
  if (!missing.empty())
    p.add("soa", "the SoA has no entry for " + list_of(missing) + ": start the SoA to add them");
  if (!undecided.empty())
    p.add("soa", "decide whether " + list_of(undecided) + " apply before submitting the SoA");
  if (!unjustified.empty())
    p.add("soa", "justify the decision on " + list_of(unjustified) + " before submitting the SoA");
  return p.status();
}

std::string names(const records::ReferencedNames& named, const char* type,
                  const records::Ids& ids) {
  std::string out;
  const auto by_type = named.find(type);
  for (int64_t id : ids) {
    if (by_type == named.end()) break;
    const auto n = by_type->second.find(id);
    if (n != by_type->second.end()) out += (out.empty() ? "" : "; ") + n->second.name;
  }
  return out;
}

// The evidence items and the monitors cited, as one list: both are what shows the control works.
std::string evidence_names(const records::ReferencedNames& named, const Record& e) {
  std::string out = names(named, "evidence", e.ids("evidence_ids"));
  for (int64_t id : e.ids("monitor_ids")) {
    const std::string monitor = names(named, "monitor", {id});
    if (!monitor.empty()) out += (out.empty() ? "Monitor " : "; monitor ") + monitor;
  }
  return out;
}

// A new version is numbered after the last, holds the counts people read first, and is refused
// while another waits for approval or while a control is undecided or unjustified.
Status number_version(const records::WriteContext& ctx, Record& after, const Record* before) {
  if (before) return {};
  TRY_ASSIGN(auto waiting, ctx.tx.query_row("SELECT title FROM soa_versions WHERE org_id = $1 AND "
                                            "state = 'submitted' AND archived_at IS NULL",
                                            {ctx.org}));
  if (waiting)
    return Error{ErrorCode::failed_precondition,
                 waiting->text(0) + " is awaiting approval: approve it or send it back first",
                 {}};
  TRY_ASSIGN(const auto entries,
             records::list_all_in(ctx.tx, soa_entries(), ctx.org, {.sort = "position"}));
  TRY(check_complete(entries));
  TRY_ASSIGN(auto last,
             ctx.tx.query_row("SELECT COALESCE(MAX(number), 0) FROM soa_versions WHERE org_id = $1",
                              {ctx.org}));
  const int64_t number = last ? last->int64(0) + 1 : 1;
  after.values["number"] = number;
  after.values["title"] = "Version " + std::to_string(number);
  int64_t applicable = 0, implemented = 0;
  for (const auto& e : entries) {
    applicable += e.text("applicability") == "applicable";
    implemented += e.text("implementation") == "implemented";
  }
  after.values["controls"] = static_cast<int64_t>(entries.size());
  after.values["applicable"] = applicable;
  after.values["implemented"] = implemented;
  if (const Framework* f = built_in_framework(kIso42001))
    after.values["catalog_revision"] = f->revision;
  return {};
}

// The version keeps each entry with names, not ids: what was approved reads the same later.
Status freeze_entries(const records::WriteContext& ctx, const Record& after, const Record* before) {
  if (before) return {};
  TRY_ASSIGN(const auto entries,
             records::list_all_in(ctx.tx, soa_entries(), ctx.org, {.sort = "position"}));
  TRY_ASSIGN(const auto named, records::referenced_names_in(
                                   ctx.tx, soa_entries(), ctx.org, entries,
                                   {"system_ids", "document_ids", "evidence_ids", "monitor_ids"}));
  const records::Description& d = soa_entries();
  for (size_t n = 0; n < entries.size(); ++n) {
    const Record& e = entries[n];
    TRY_ASSIGN(const std::string owner, auth::person_name(ctx.tx, ctx.org, e.number("owner_id")));
    TRY(ctx.tx.exec(
        "INSERT INTO soa_version_entries (org_id, version_id, position, framework, control, "
        "title, applicability, justification, implementation, owner, systems, documents, "
        "evidence) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        {ctx.org, after.id, static_cast<int64_t>(n), e.text("framework"), e.text("control"),
         e.text("title"), d.choice_label("applicability", e.text("applicability")),
         e.text("justification"), d.choice_label("implementation", e.text("implementation")), owner,
         names(named, "ai_system", e.ids("system_ids")),
         names(named, "document", e.ids("document_ids")), evidence_names(named, e)}));
  }
  return {};
}

records::Description make_soa_versions() {
  return {
      .type = "soa_version",
      .table = "soa_versions",
      .singular = "SoA version",
      .plural = "SoA versions",
      .api_path = "/api/v1/soa-versions",
      .page_path = "/controls/soa/versions",
      .command = "soa-versions",
      .fields =
          {
              {.key = "title", .label = "Version", .group = "Version", .computed = true},
              {.key = "number",
               .label = "Number",
               .type = T::integer,
               .group = "Version",
               .read_only = true},
              {.key = "change_summary",
               .label = "What changed",
               .type = T::long_text,
               .required = true,
               .hint = "What changed since the last approved version, and why.",
               .group = "Version",
               .searchable = true},
              {.key = "controls",
               .label = "Controls",
               .type = T::integer,
               .group = "Counts",
               .read_only = true},
              {.key = "applicable",
               .label = "Applicable",
               .type = T::integer,
               .group = "Counts",
               .read_only = true},
              {.key = "implemented",
               .label = "Implemented",
               .type = T::integer,
               .group = "Counts",
               .read_only = true},
              {.key = "catalog_revision",
               .label = "Catalog revision",
               .type = T::integer,
               .group = "Counts",
               .read_only = true},
          },
      .title_field = "title",
      .unique_title = true,
      .list_columns = {"title", "state", "applicable", "implemented", "controls"},
      .filters = {"state"},
      .sort_keys = {"number"},
      .default_sort = "-number",
      .workflow =
          records::Workflow{.states = {{"submitted", "Awaiting approval", false},
                                       {"approved", "Approved", false, true},
                                       {"sent_back", "Sent back", false, true}},
                            .transitions = {Transition{.name = "approve",
                                                       .label = "Approve this version",
                                                       .from = {"submitted"},
                                                       .to = "approved",
                                                       .permission = auth::Action::approve_records,
                                                       .approvals = 1,
                                                       .approver_roles = kApprovers,
                                                       .freezes = true},
                                            Transition{.name = "send_back",
                                                       .label = "Send back",
                                                       .from = {"submitted"},
                                                       .to = "sent_back",
                                                       .permission = auth::Action::approve_records,
                                                       .reason_required = true}}},
      .versioned = true,
      .nav = {.section = "soa"},
      .hooks = {.before_write = number_version, .after_write = freeze_entries},
  };
}

}  // namespace

const records::Description& soa_versions() {
  static const records::Description d = make_soa_versions();
  return d;
}

namespace {

// Adds an undecided entry for each of `controls` of framework `key` that has none, in one
// transaction; returns how many it added.
Result<int64_t> add_missing_entries(store::Database& db, int64_t org, const std::string& key,
                                    const std::vector<std::string>& controls,
                                    const records::Caller& caller) {
  return db.write([&](store::Tx& tx) -> Result<int64_t> {
    const records::WriteContext ctx{tx, org, caller, now_timestamp()};
    TRY_ASSIGN(const auto entries, records::list_all_in(tx, soa_entries(), org));
    std::set<std::string> known;
    for (const auto& e : entries) {
      if (e.text("framework") == key) known.insert(e.text("control"));
    }
    int64_t added = 0;
    for (const auto& control : controls) {
      if (known.count(control)) continue;
      Record input;
      input.values["framework"] = key;
      input.values["control"] = control;
      TRY(records::create_in(ctx, soa_entries(), input));
      ++added;
    }
    return added;
  });
}

}  // namespace

Result<int64_t> start_soa(store::Database& db, int64_t org, const records::Caller& caller) {
  std::vector<std::string> annex;
  for (const Item* c : annex_a_controls())
    annex.push_back(c->id);
  return add_missing_entries(db, org, std::string(kIso42001), annex, caller);
}

Result<int64_t> add_framework_to_soa(store::Database& db, int64_t org, const std::string& key,
                                     const records::Caller& caller) {
  TRY_ASSIGN(const FrameworkSummary f, framework_summary(db, org, key));
  if (key == kIso42001) return start_soa(db, org, caller);
  if (f.built_in) {
    return Error{ErrorCode::failed_precondition,
                 f.short_name +
                     " is covered through its mapping to ISO/IEC 42001; the SoA "
                     "holds Annex A and the organisation's own frameworks",
                 "framework"};
  }
  TRY_ASSIGN(const Framework own, stored_framework(db, org, key));
  std::vector<std::string> controls;
  for (const Item& i : own.items) {
    if (i.assessable()) controls.push_back(i.id);
  }
  return add_missing_entries(db, org, key, controls, caller);
}

Result<std::vector<FrozenEntry>> frozen_entries(store::Database& db, int64_t org,
                                                int64_t version_id) {
  return db.read([&](store::Tx& tx) -> Result<std::vector<FrozenEntry>> {
    TRY_ASSIGN(auto rows, tx.query("SELECT framework, control, title, applicability, "
                                   "justification, implementation, owner, systems, documents, "
                                   "evidence FROM "
                                   "soa_version_entries WHERE org_id = $1 AND version_id = $2 "
                                   "ORDER BY position",
                                   {org, version_id}));
    std::vector<FrozenEntry> out;
    for (auto& row : rows) {
      store::RowReader r(row);
      FrozenEntry e;
      e.framework = r.text();
      e.control = r.text();
      e.title = r.text();
      e.applicability = r.text();
      e.justification = r.text();
      e.implementation = r.text();
      e.owner = r.text();
      e.systems = r.text();
      e.documents = r.text();
      e.evidence = r.text();
      out.push_back(std::move(e));
    }
    return out;
  });
}

std::vector<EntryChange> compare_entries(const std::vector<FrozenEntry>& from,
                                         const std::vector<FrozenEntry>& to) {
  std::map<std::string, const FrozenEntry*> before;
  for (const auto& e : from)
    before[e.framework + " " + e.control] = &e;
  static const FrozenEntry kNone{};
  std::vector<EntryChange> out;
  for (const auto& e : to) {
    const auto it = before.find(e.framework + " " + e.control);
    const FrozenEntry& was = it == before.end() ? kNone : *it->second;
    EntryChange change{e.control, e.title, {}};
    auto compare = [&](const char* label, const std::string& a, const std::string& b) {
      if (a != b) change.fields.push_back({label, {a, b}});
    };
    compare("Applicability", was.applicability, e.applicability);
    compare("Justification", was.justification, e.justification);
    compare("Implementation", was.implementation, e.implementation);
    compare("Owner", was.owner, e.owner);
    compare("AI systems covered", was.systems, e.systems);
    compare("Policies and procedures", was.documents, e.documents);
    compare("Evidence", was.evidence, e.evidence);
    if (!change.fields.empty()) out.push_back(std::move(change));
  }
  return out;
}

}  // namespace aims::controls
