// Independence of auditors, checked in the audit's write transaction so the API, the form, the
// command line and an import all refuse alike. The registers it reads belong to other modules and
// are found by type, so an organisation without one simply has nothing owned there.
#include "internal_audit/independence.h"

#include <map>
#include <set>
#include <vector>

#include "auth/auth.h"
#include "controls/controls.h"
#include "store/database.h"

namespace aims::internal_audit {
namespace {

using records::Record;

// A record in the audit's scope and the person who owns it.
struct Owned {
  int64_t owner = 0;
  std::string what;  // "the SoA entry A.6.2.6 AI system operation and monitoring"
};

struct Person {
  int64_t id = 0;
  std::string name;
  bool active = false;
};

Result<std::map<std::string, Person>> people_by_email(store::Tx& tx, int64_t org) {
  TRY_ASSIGN(auto rows,
             tx.query("SELECT id, email, name, status FROM users WHERE org_id = $1", {org}));
  std::map<std::string, Person> out;
  for (auto& row : rows) {
    store::RowReader r(row);
    Person p;
    p.id = r.int64();
    const std::string email = r.text();
    p.name = r.text();
    p.active = r.text() == "active";
    if (p.name.empty()) p.name = email;
    out[email] = p;
  }
  return out;
}

Status add_register_owners(const records::WriteContext& ctx, const char* type,
                           const std::set<std::string>& criteria, const char* what,
                           std::vector<Owned>& out) {
  const records::Description* d = records::find(type);
  if (!d) return {};
  TRY_ASSIGN(const auto all, records::list_all_in(ctx.tx, *d, ctx.org));
  for (const auto& r : all) {
    const bool own_framework =
        r.has("framework") && r.text("framework") != std::string(controls::kIso42001);
    if (own_framework || !criteria.count(r.text("control")) || !r.number("owner_id")) continue;
    // An SoA entry's name is its control's number and title; other records' names are quoted.
    const std::string name = d->display_name(r);
    out.push_back(
        {*r.number("owner_id"),
         std::string(what) + " " +
             (r.has("framework") ? name : "\"" + name + "\" (" + r.text("control") + ")")});
  }
  return {};
}

Status add_procedure_owners(const records::WriteContext& ctx, const Record& audit,
                            std::vector<Owned>& out) {
  const records::Description* d = records::find("document");
  if (!d) return {};
  for (int64_t id : audit.ids("procedure_ids")) {
    TRY_ASSIGN(const auto doc, records::find(ctx, *d, id));
    if (doc && doc->number("owner_id"))
      out.push_back({*doc->number("owner_id"), "the procedure \"" + d->display_name(*doc) + "\""});
  }
  return {};
}

Result<std::vector<Owned>> owned_in_scope(const records::WriteContext& ctx, const Record& audit) {
  const auto list = audit.list("criteria");
  const std::set<std::string> criteria(list.begin(), list.end());
  std::vector<Owned> out;
  TRY(add_register_owners(ctx, "soa_entry", criteria, "the SoA entry", out));
  TRY(add_register_owners(ctx, "risk_action", criteria, "the treatment action", out));
  TRY(add_procedure_owners(ctx, audit, out));
  return out;
}

Status refuse_owner(const std::vector<Owned>& owned, int64_t person, const std::string& name,
                    const char* field, const char* role) {
  for (const auto& o : owned) {
    if (o.owner != person) continue;
    return Error::invalid(field, name + " owns " + o.what +
                                     ", which the audit covers: auditors may not audit their own "
                                     "work, so choose another " +
                                     role);
  }
  return {};
}

}  // namespace

Result<std::vector<std::string>> team_names(store::Tx& tx, int64_t org,
                                            const std::vector<std::string>& emails) {
  TRY_ASSIGN(const auto people, people_by_email(tx, org));
  std::vector<std::string> out;
  for (const auto& email : emails) {
    const auto it = people.find(email);
    out.push_back(it == people.end() ? email : it->second.name);
  }
  return out;
}

Status check_independence(const records::WriteContext& ctx, const Record& audit) {
  TRY_ASSIGN(const auto people, people_by_email(ctx.tx, ctx.org));
  std::vector<Person> team;
  for (const auto& email : audit.list("team")) {
    const auto it = people.find(email);
    if (it == people.end() || !it->second.active)
      return Error::invalid("team", email + " is no active person of the organisation");
    team.push_back(it->second);
  }
  TRY_ASSIGN(const auto owned, owned_in_scope(ctx, audit));
  if (const auto lead = audit.number("lead_auditor_id")) {
    TRY_ASSIGN(const std::string name, auth::person_name(ctx.tx, ctx.org, *lead));
    TRY(refuse_owner(owned, *lead, name, "lead_auditor_id", "lead auditor"));
  }
  for (const auto& member : team)
    TRY(refuse_owner(owned, member.id, member.name, "team", "team member"));
  return {};
}

}  // namespace aims::internal_audit
