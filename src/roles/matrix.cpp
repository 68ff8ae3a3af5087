// The competence matrix: who holds an AIMS role, what their roles require, and whether a passed
// course still vouches for each requirement on a given day.
#include <algorithm>
#include <set>

#include "auth/auth.h"
#include "base/time.h"
#include "documents/documents.h"
#include "roles/roles.h"

namespace aims::roles {
namespace {

using records::Record;

// How long a passed course vouches for one competence. nullopt: for good.
struct Validity {
  std::optional<std::string> until;
};

// The earlier of the record's expiry and the competence's renewal period after completion.
Validity validity_of(const Record& training, const Record& competence) {
  std::optional<std::string> until;
  if (training.is_set("expires_on")) until = training.text("expires_on");
  if (const auto months = competence.number("renewal_months")) {
    const auto renewal = documents::add_months(training.text("completed_on"), *months);
    if (renewal && (!until || *renewal < *until)) until = renewal;
  }
  return {until};
}

// The longer-lasting of two validities.
bool outlasts(const Validity& a, const Validity& b) {
  if (!a.until) return b.until.has_value();
  return b.until && *a.until > *b.until;
}

std::map<int64_t, const Record*> by_id(const std::vector<Record>& records) {
  std::map<int64_t, const Record*> out;
  for (const auto& r : records)
    if (!r.archived_at) out[r.id] = &r;
  return out;
}

using Key = std::pair<int64_t, int64_t>;  // person, competence

// The best validity each person has for each competence from their passed training.
std::map<Key, Validity> held_competences(const MatrixInputs& in, const std::string& today) {
  const auto competences = by_id(in.competences);
  const auto courses = by_id(in.courses);
  std::map<Key, Validity> best;
  for (const auto& t : in.training) {
    if (t.archived_at || t.text("result") != "passed" || t.text("completed_on") > today) continue;
    const auto person = t.number("person_id");
    const auto course_ids = t.ids("course_id");
    if (!person || course_ids.empty() || !courses.count(course_ids.front())) continue;
    for (int64_t c : courses.at(course_ids.front())->ids("competence_ids")) {
      if (!competences.count(c)) continue;
      const Validity v = validity_of(t, *competences.at(c));
      const auto found = best.find({*person, c});
      if (found == best.end() || outlasts(v, found->second)) best[{*person, c}] = v;
    }
  }
  return best;
}

MatrixCell cell_for(const std::optional<Validity>& v, const std::string& today) {
  if (!v) return {CellStatus::gap, ""};
  if (!v->until) return {CellStatus::held, ""};
  if (*v->until < today) return {CellStatus::expired, *v->until};
  const auto days_left =
      parse_date_days(*v->until).value_or(0) - parse_date_days(today).value_or(0);
  return {days_left <= kExpiringWithinDays ? CellStatus::expiring : CellStatus::held, *v->until};
}

void count(CompetenceMatrix& m, CellStatus s) {
  m.held += s == CellStatus::held;
  m.expiring += s == CellStatus::expiring;
  m.expired += s == CellStatus::expired;
  m.gaps += s == CellStatus::gap;
}

}  // namespace

std::string_view key(CellStatus status) {
  switch (status) {
    case CellStatus::held:
      return "held";
    case CellStatus::expiring:
      return "expiring";
    case CellStatus::expired:
      return "expired";
    case CellStatus::gap:
      return "gap";
    case CellStatus::not_required:
      break;
  }
  return "not_required";
}

std::string_view label(CellStatus status) {
  switch (status) {
    case CellStatus::held:
      return "Held";
    case CellStatus::expiring:
      return "Expiring";
    case CellStatus::expired:
      return "Expired";
    case CellStatus::gap:
      return "Gap";
    case CellStatus::not_required:
      break;
  }
  return "Not required";
}

CompetenceMatrix build_matrix(const MatrixInputs& in, const std::string& today) {
  const auto roles = by_id(in.roles);
  const auto competences = by_id(in.competences);
  std::map<int64_t, std::set<int64_t>> roles_of, required_of;
  std::set<int64_t> required_anywhere;
  for (const auto& a : in.assignments) {
    const auto person = a.number("person_id");
    const auto role = a.ids("role_id");
    if (!person || role.empty() || !roles.count(role.front()) || !holds_on(a, today)) continue;
    roles_of[*person].insert(role.front());
    for (int64_t c : roles.at(role.front())->ids("competence_ids")) {
      if (!competences.count(c)) continue;
      required_of[*person].insert(c);
      required_anywhere.insert(c);
    }
  }
  CompetenceMatrix m;
  m.today = today;
  for (int64_t c : required_anywhere)
    m.columns.push_back({c, competences.at(c)->text("name")});
  std::sort(m.columns.begin(), m.columns.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  const auto held = held_competences(in, today);
  for (const auto& [person, role_ids] : roles_of) {
    MatrixRow row{person, in.people.count(person) ? in.people.at(person) : "", {}, {}};
    for (int64_t r : role_ids)
      row.roles.push_back(aims_roles().display_name(*roles.at(r)));
    std::sort(row.roles.begin(), row.roles.end());
    for (const auto& column : m.columns) {
      MatrixCell cell;
      if (required_of[person].count(column.competence_id)) {
        const auto found = held.find({person, column.competence_id});
        cell = cell_for(found == held.end() ? std::nullopt : std::optional(found->second), today);
      }
      count(m, cell.status);
      row.cells.push_back(cell);
    }
    m.rows.push_back(std::move(row));
  }
  std::sort(m.rows.begin(), m.rows.end(), [](const auto& a, const auto& b) {
    return std::tie(a.person, a.person_id) < std::tie(b.person, b.person_id);
  });
  return m;
}

Result<MatrixInputs> matrix_inputs(store::Database& db, int64_t org) {
  MatrixInputs in;
  TRY_ASSIGN(in.roles, records::list_all(db, aims_roles(), org));
  TRY_ASSIGN(in.assignments, records::list_all(db, role_assignments(), org));
  TRY_ASSIGN(in.competences, records::list_all(db, competences(), org));
  TRY_ASSIGN(in.courses, records::list_all(db, courses(), org));
  TRY_ASSIGN(in.training, records::list_all(db, training_records(), org));
  TRY_ASSIGN(const auto users, auth::list_users(db, org));
  // A person without a name is shown by email rather than not at all.
  for (const auto& u : users)
    in.people[u.id] = u.name.empty() ? u.email : u.name;
  return in;
}

Result<CompetenceMatrix> competence_matrix(store::Database& db, int64_t org,
                                           const std::string& today) {
  TRY_ASSIGN(const MatrixInputs in, matrix_inputs(db, org));
  return build_matrix(in, today);
}

}  // namespace aims::roles
