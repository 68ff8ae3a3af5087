// What roles and competence records prove for readiness: the standard roles defined and filled
// (5.3), every role staffed (half of 7.1: the resources module's rule adds the approved resource
// plan), its holders competent (7.2), and the roles that handle data,
// models and systems filled by competent people (A.4.6).
#include <algorithm>
#include <map>
#include <mutex>
#include <set>

#include "base/time.h"
#include "readiness/readiness.h"
#include "roles/roles.h"

namespace aims::roles {
namespace {

using readiness::Finding;
using readiness::Status;
using records::Record;

constexpr const char* kIso42001 = "iso-iec-42001-2023";
const readiness::Link kStandardRolesPage = {"Add the standard roles", "/roles/standard-roles"};
const readiness::Link kNewHolder = {"Appoint a role holder", "/roles/holders/new"};
const readiness::Link kMatrixPage = {"Competence matrix", "/roles/competence-matrix"};

std::string today() {
  return now_timestamp().substr(0, 10);
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts)
    out += (out.empty() ? "" : "; ") + p;
  return out;
}

readiness::Link link_to(const Record& role) {
  return {aims_roles().display_name(role), "/roles/aims-roles/" + std::to_string(role.id)};
}

// Role id -> the people holding it today.
std::map<int64_t, std::set<int64_t>> holders(const MatrixInputs& in, const std::string& on) {
  std::map<int64_t, std::set<int64_t>> out;
  for (const auto& a : in.assignments) {
    const auto role = a.ids("role_id");
    if (holds_on(a, on) && !role.empty() && a.number("person_id"))
      out[role.front()].insert(*a.number("person_id"));
  }
  return out;
}

bool short_of_holders(const Record& role, const std::map<int64_t, std::set<int64_t>>& held) {
  const auto found = held.find(role.id);
  const int64_t have = found == held.end() ? 0 : int64_t(found->second.size());
  return have < role.number("min_holders").value_or(1);
}

const Record* role_with_key(const MatrixInputs& in, const std::string& key) {
  for (const auto& r : in.roles)
    if (r.text("standard_key") == key) return &r;
  return nullptr;
}

Result<Finding> standard_roles_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const MatrixInputs in, matrix_inputs(db, org));
  const auto held = holders(in, today());
  Finding f;
  int64_t missing = 0, unfilled = 0, unstated = 0;
  for (const auto& s : standard_roles()) {
    const Record* role = role_with_key(in, s.key);
    if (!role) {
      ++missing;
      continue;
    }
    const bool empty = short_of_holders(*role, held);
    const bool vague = !role->is_set("responsibilities") || !role->is_set("authorities");
    unfilled += empty;
    unstated += vague;
    if (empty || vague) f.links.push_back(link_to(*role));
  }
  const int64_t total = int64_t(standard_roles().size());
  if (missing == total) {
    f.reason = "None of the " + std::to_string(total) + " standard AIMS roles is defined.";
    f.fix = kStandardRolesPage;
    return f;
  }
  if (missing + unfilled + unstated == 0) {
    f.status = Status::met;
    f.reason = "All " + std::to_string(total) +
               " standard AIMS roles are defined with responsibilities and authorities, and each "
               "has its minimum number of holders.";
    return f;
  }
  f.status = Status::partial;
  std::vector<std::string> parts;
  if (missing) parts.push_back(readiness::counted(missing, "is", "are") + " not defined");
  if (unfilled)
    parts.push_back(readiness::counted(unfilled, "lacks its", "lack their") +
                    " minimum number of holders");
  if (unstated)
    parts.push_back(readiness::counted(unstated, "does", "do") +
                    " not state both responsibilities and authorities");
  f.reason = "Of the " + std::to_string(total) + " standard AIMS roles, " + joined(parts) + ".";
  f.fix = missing ? kStandardRolesPage : unfilled ? kNewHolder : f.links.front();
  return f;
}

}  // namespace

Result<Finding> staffing_finding(store::Database& db, int64_t org) {
  TRY_ASSIGN(const MatrixInputs in, matrix_inputs(db, org));
  const auto held = holders(in, today());
  Finding f;
  f.fix = kNewHolder;
  if (in.roles.empty()) {
    f.reason = "No AIMS role is defined, so no one is assigned to run the AIMS.";
    f.fix = kStandardRolesPage;
    return f;
  }
  std::string names;
  for (const auto& r : in.roles) {
    if (!short_of_holders(r, held)) continue;
    f.links.push_back(link_to(r));
    names += (names.empty() ? "" : ", ") + f.links.back().label;
  }
  const int64_t total = int64_t(in.roles.size());
  if (f.links.empty()) {
    f.status = Status::met;
    f.reason = "Every one of the " + readiness::counted(total, "AIMS role", "AIMS roles") +
               " has at least its minimum number of holders.";
    f.fix = {};
    return f;
  }
  f.status = int64_t(f.links.size()) == total ? Status::not_met : Status::partial;
  f.reason = std::to_string(f.links.size()) + " of " + std::to_string(total) + " AIMS roles " +
             (f.links.size() == 1 ? "lacks its" : "lack their") +
             " minimum number of holders: " + names + ".";
  return f;
}

namespace {

Result<Finding> competence_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const CompetenceMatrix m, competence_matrix(db, org, today()));
  Finding f;
  f.fix = kMatrixPage;
  if (m.rows.empty()) {
    f.reason = "No one holds an AIMS role, so no competence can be shown.";
    f.fix = kNewHolder;
    return f;
  }
  if (m.columns.empty()) {
    f.reason = "No AIMS role states the competences it requires.";
    f.fix = {"AIMS roles", "/roles/aims-roles"};
    return f;
  }
  const std::string people =
      readiness::counted(int64_t(m.rows.size()), "role holder", "role holders");
  if (m.gaps == 0 && m.expired == 0) {
    f.status = Status::met;
    f.reason = (m.rows.size() == 1 ? std::string("The one role holder holds")
                                   : "All " + people + " hold") +
               " every competence their roles require (" + std::to_string(m.expiring) +
               " expiring within " + std::to_string(kExpiringWithinDays) + " days).";
    f.links = {kMatrixPage};
    f.fix = {};
    return f;
  }
  f.status = Status::partial;
  f.reason = "The competence matrix of " + people + " shows " +
             readiness::counted(m.gaps, "gap", "gaps") + " and " +
             readiness::counted(m.expired, "expired competence", "expired competences") + " (" +
             std::to_string(m.expiring) + " more expiring within " +
             std::to_string(kExpiringWithinDays) + " days).";
  f.links = {kMatrixPage};
  return f;
}

// Whether every holder of `role` holds each competence the role requires.
bool holders_competent(const Record& role, const std::set<int64_t>& people,
                       const CompetenceMatrix& m) {
  const auto required = role.ids("competence_ids");
  for (const auto& row : m.rows) {
    if (!people.count(row.person_id)) continue;
    for (size_t c = 0; c < m.columns.size(); ++c) {
      const bool needed =
          std::find(required.begin(), required.end(), m.columns[c].competence_id) != required.end();
      const CellStatus s = row.cells[c].status;
      if (needed && s != CellStatus::held && s != CellStatus::expiring) return false;
    }
  }
  return true;
}

Result<Finding> human_resources_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const MatrixInputs in, matrix_inputs(db, org));
  const std::string on = today();
  const auto held = holders(in, on);
  const CompetenceMatrix m = build_matrix(in, on);
  Finding f;
  std::vector<std::string> problems;
  bool missing = false, unfilled = false;
  for (const auto& s : standard_roles()) {
    if (s.key != "data-steward" && s.key != "model-validator" && s.key != "ai-system-owner")
      continue;
    const Record* role = role_with_key(in, s.key);
    if (!role) {
      missing = true;
      problems.push_back(s.name + " is not defined");
      continue;
    }
    const std::string name = aims_roles().display_name(*role);
    if (short_of_holders(*role, held)) {
      unfilled = true;
      problems.push_back(name + " lacks holders");
    } else if (!holders_competent(*role, held.at(role->id), m)) {
      problems.push_back(name + " has a holder without a competence it requires");
    } else {
      continue;
    }
    f.links.push_back(link_to(*role));
  }
  if (problems.empty()) {
    f.status = Status::met;
    f.reason =
        "The data steward, model validator and AI system owner roles are filled by people who "
        "hold the competences they require.";
    return f;
  }
  f.status = problems.size() == 3 ? Status::not_met : Status::partial;
  f.reason = joined(problems) + ".";
  f.fix = missing ? kStandardRolesPage : unfilled ? kNewHolder : kMatrixPage;
  return f;
}

}  // namespace

void define_readiness_rules() {
  static std::once_flag once;
  std::call_once(once, [] {
    readiness::add_rule({kIso42001,
                         "5.3",
                         {"AIMS roles: the standard roles", "AIMS role holders"},
                         standard_roles_rule});
    readiness::add_rule({kIso42001, "7.2", {"competence matrix"}, competence_rule});
    readiness::add_rule(
        {kIso42001,
         "A.4.6",
         {"AIMS roles: data steward, model validator, AI system owner", "competence matrix"},
         human_resources_rule});
  });
}

}  // namespace aims::roles
