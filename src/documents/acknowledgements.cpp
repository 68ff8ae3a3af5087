// Acknowledgement of published documents (clause 7.3): publishing a version asks everyone then in
// its audience (the roles and people the document names) to confirm they read and understood it;
// the next version starts a new round.
#include <algorithm>
#include <set>

#include "base/json_text.h"
#include "base/text.h"
#include "base/time.h"
#include "documents/documents.h"
#include "trail/trail.h"

namespace aims::documents {
namespace {

// The version whose acknowledgements count: the one in force, also while a revision is drafted.
int64_t version_in_force(const records::Record& d) {
  return d.frozen > 0 && d.state != "retired" && !d.archived_at ? d.frozen : 0;
}

std::set<int64_t> audience(const records::Record& d, const std::vector<Member>& members) {
  std::set<int64_t> out;
  const auto roles = d.list("acknowledgement_roles");
  std::set<std::string> emails;
  for (const auto& e : d.list("acknowledgement_people"))
    emails.insert(to_lower_ascii(e));
  for (const auto& m : members) {
    const bool by_role =
        std::find(roles.begin(), roles.end(), std::string(auth::to_string(m.role))) != roles.end();
    if (by_role || emails.count(to_lower_ascii(m.email))) out.insert(m.id);
  }
  return out;
}

Result<std::vector<Acknowledgement>> round_of(store::Tx& tx, int64_t org, int64_t document,
                                              int64_t version) {
  TRY_ASSIGN(auto rows,
             tx.query("SELECT a.user_id, u.name, u.email, a.requested_at, a.acknowledged_at"
                      " FROM document_acknowledgements a JOIN users u ON u.id = a.user_id"
                      " WHERE a.org_id = $1 AND a.document_id = $2 AND a.version = $3"
                      " ORDER BY u.name, u.id",
                      {org, document, version}));
  std::vector<Acknowledgement> out;
  for (auto& row : rows) {
    store::RowReader r(row);
    Acknowledgement a;
    a.user_id = r.int64();
    a.name = r.text();
    a.email = r.text();
    a.requested_at = r.text();
    a.acknowledged_at = r.opt_text().value_or("");
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace

int64_t AcknowledgementRound::acknowledged() const {
  return std::count_if(people.begin(), people.end(),
                       [](const Acknowledgement& a) { return !a.acknowledged_at.empty(); });
}

Result<std::vector<Member>> active_members(store::Tx& tx, int64_t org) {
  TRY_ASSIGN(auto rows, tx.query("SELECT id, email, role FROM users WHERE org_id = $1 AND"
                                 " status = 'active' ORDER BY id",
                                 {org}));
  std::vector<Member> out;
  for (auto& row : rows) {
    store::RowReader r(row);
    Member m;
    m.id = r.int64();
    m.email = r.text();
    m.role = auth::parse_role(r.text()).value_or(auth::Role::viewer);
    out.push_back(std::move(m));
  }
  return out;
}

Status open_round(const records::WriteContext& ctx, const records::Record& document) {
  TRY_ASSIGN(const auto members, active_members(ctx.tx, ctx.org));
  for (const int64_t user : audience(document, members)) {
    TRY(
        ctx.tx.exec("INSERT INTO document_acknowledgements (org_id, document_id, version, user_id,"
                    " requested_at) VALUES ($1, $2, $3, $4, $5)",
                    {ctx.org, document.id, document.frozen, user, ctx.now}));
  }
  return {};
}

Result<AcknowledgementRound> acknowledgements(store::Database& db, int64_t org,
                                              int64_t document_id) {
  TRY_ASSIGN(const auto d, records::get(db, documents(), org, document_id));
  AcknowledgementRound round;
  round.version = version_in_force(d);
  if (round.version == 0) return round;
  TRY_ASSIGN(round.people,
             db.read([&](store::Tx& tx) { return round_of(tx, org, document_id, round.version); }));
  return round;
}

Result<Acknowledgement> acknowledge(store::Database& db, int64_t org, int64_t document_id,
                                    int64_t version, const records::Caller& caller) {
  if (!caller.user_id)
    return Error{ErrorCode::permission_denied, "an acknowledgement is given by a person", {}};
  return db.write([&](store::Tx& tx) -> Result<Acknowledgement> {
    const records::WriteContext ctx{tx, org, caller, now_timestamp()};
    TRY_ASSIGN(const auto found, records::find(ctx, documents(), document_id));
    if (!found) return Error::not_found("no such document");
    const int64_t current = version_in_force(*found);
    if (current == 0)
      return Error{ErrorCode::failed_precondition, "no version of this document is in force", {}};
    if (version != 0 && version != current)
      return Error{ErrorCode::failed_precondition,
                   "version " + std::to_string(version) + " is not the version in force (" +
                       std::to_string(current) + "); acknowledge that one",
                   {}};
    TRY_ASSIGN(const auto people, round_of(tx, org, document_id, current));
    const auto mine = std::find_if(people.begin(), people.end(), [&](const Acknowledgement& a) {
      return a.user_id == *caller.user_id;
    });
    if (mine == people.end())
      return Error{ErrorCode::permission_denied,
                   "you are not among the people asked to acknowledge version " +
                       std::to_string(current) + " of this document",
                   {}};
    if (!mine->acknowledged_at.empty()) return *mine;
    TRY(
        tx.exec("UPDATE document_acknowledgements SET acknowledged_at = $1 WHERE org_id = $2 AND"
                " document_id = $3 AND version = $4 AND user_id = $5",
                {ctx.now, org, document_id, current, *caller.user_id}));
    TRY(trail::record(tx, org, caller.actor,
                      {"document",
                       document_id,
                       "acknowledge",
                       {},
                       {{"acknowledged_version", std::to_string(current)},
                        {"acknowledged_by", json_text::quote(mine->email)}}}));
    Acknowledgement done = *mine;
    done.acknowledged_at = ctx.now;
    return done;
  });
}

Result<std::vector<AwaitedAcknowledgement>> awaiting_acknowledgement(store::Database& db,
                                                                     int64_t org, int64_t user) {
  // Only the round of the version in force: a superseded version's open requests are moot.
  return db.read([&](store::Tx& tx) -> Result<std::vector<AwaitedAcknowledgement>> {
    TRY_ASSIGN(auto rows,
               tx.query("SELECT d.id, d.title, a.version, a.requested_at"
                        " FROM document_acknowledgements a JOIN documents d ON d.id ="
                        " a.document_id AND d.org_id = a.org_id"
                        " WHERE a.org_id = $1 AND a.user_id = $2 AND a.acknowledged_at IS NULL"
                        " AND a.version = d.frozen_version AND d.state <> 'retired'"
                        " AND d.archived_at IS NULL ORDER BY a.requested_at, d.id",
                        {org, user}));
    std::vector<AwaitedAcknowledgement> out;
    for (auto& row : rows) {
      store::RowReader r(row);
      AwaitedAcknowledgement a;
      a.document_id = r.int64();
      a.title = r.text();
      a.version = r.int64();
      a.requested_at = r.text();
      out.push_back(std::move(a));
    }
    return out;
  });
}

}  // namespace aims::documents
