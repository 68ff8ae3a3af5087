// Who is responsible, accountable, consulted and informed for each lifecycle activity of an AI
// system, as a description on the records platform (one accountable person per system and
// activity, checked in the write's transaction), and the grid the system page draws from it.
#include <algorithm>
#include <cctype>
#include <map>

#include "auth/auth.h"
#include "inventory/inventory.h"
#include "leadership/leadership.h"
#include "leadership/names.h"

namespace aims::leadership {
namespace {

using records::Record;
using T = records::FieldType;

const std::vector<records::Choice> kLetters = {{"responsible", "Responsible"},
                                               {"accountable", "Accountable"},
                                               {"consulted", "Consulted"},
                                               {"informed", "Informed"}};

std::string activity_label(const std::string& value) {
  for (const auto& a : activities())
    if (value == a.value) return a.label;
  return value;
}

std::string letter_label(const std::string& value) {
  for (const auto& l : kLetters)
    if (value == l.value) return l.label;
  return value;
}

// Another active assignment that makes someone accountable for the same system and activity.
Result<std::optional<Record>> accountable_already(const records::WriteContext& ctx,
                                                  const Record& r) {
  const auto systems = r.ids("system_id");
  if (systems.empty()) return std::optional<Record>();
  TRY_ASSIGN(const auto same,
             records::list_all_in(ctx.tx, raci_assignments(), ctx.org,
                                  {.filters = {{"system_id", std::to_string(systems.front())},
                                               {"activity", r.text("activity")},
                                               {"letter", "accountable"}}}));
  for (const auto& other : same)
    if (other.id != r.id) return std::optional<Record>(other);
  return std::optional<Record>();
}

// One accountable person per system and activity, and a title that says who does what where.
Status check_and_title(const records::WriteContext& ctx, Record& r, const Record*) {
  TRY_ASSIGN(const std::string system,
             referenced_name(ctx, r, "system_id", inventory::ai_systems()));
  const std::string activity = activity_label(r.text("activity"));
  if (r.text("letter") == "accountable") {
    TRY_ASSIGN(const auto other, accountable_already(ctx, r));
    if (other) {
      TRY_ASSIGN(const std::string holder,
                 auth::person_name(ctx.tx, ctx.org, other->number("person_id")));
      return Error::invalid("letter", holder + " is already accountable for " + activity + " of " +
                                          system +
                                          ": one person answers for each activity, so make this "
                                          "person responsible, consulted or informed, or change "
                                          "that assignment first");
    }
  }
  TRY_ASSIGN(const std::string person, auth::person_name(ctx.tx, ctx.org, r.number("person_id")));
  r.values["title"] =
      system + ": " + activity + ", " + letter_label(r.text("letter")) + " " + person;
  return {};
}

records::Description make_raci() {
  return {
      .type = "raci_assignment",
      .table = "raci_assignments",
      .singular = "RACI assignment",
      .plural = "RACI assignments",
      .api_path = "/api/v1/raci-assignments",
      .page_path = "/leadership/raci-assignments",
      .command = "raci",
      .fields =
          {
              {.key = "title",
               .label = "Assignment",
               .group = "Assignment",
               .read_only = true,
               .shown = false},
              {.key = "system_id",
               .label = "AI system",
               .type = T::record_ref,
               .required = true,
               .group = "Assignment",
               .target = "ai_system",
               .csv_key = "ai_system"},
              {.key = "activity",
               .label = "Lifecycle activity",
               .type = T::choice,
               .required = true,
               .choices = activities(),
               .group = "Assignment",
               .default_value = "operation_monitoring"},
              {.key = "person_id",
               .label = "Person",
               .type = T::user_ref,
               .required = true,
               .group = "Assignment",
               .csv_key = "person_email"},
              {.key = "letter",
               .label = "Role in the activity",
               .type = T::choice,
               .required = true,
               .choices = kLetters,
               .hint = "One person is accountable for each activity of a system.",
               .group = "Assignment",
               .default_value = "responsible"},
          },
      .title_field = "title",
      .list_columns = {"system_id", "activity", "person_id", "letter"},
      .filters = {"system_id", "activity", "person_id", "letter"},
      .sort_keys = {"activity"},
      .nav = {.group = "Context and leadership",
              .group_order = 15,
              .label = "RACI",
              .section = "raci-assignments",
              .order = 53},
      .hooks = {.before_write = check_and_title},
  };
}

// A cell's letters in the order the name RACI gives them, whatever order they were assigned in.
std::string in_raci_order(const std::string& letters) {
  std::string out;
  for (char c : std::string("RACI"))
    if (letters.find(c) != std::string::npos) out += c;
  return out;
}

}  // namespace

const std::vector<records::Choice>& activities() {
  static const std::vector<records::Choice> all = {
      {"design_requirements", "Design and requirements"},
      {"data_preparation", "Data preparation"},
      {"development_training", "Development and training"},
      {"verification_validation", "Verification and validation"},
      {"deployment", "Deployment"},
      {"operation_monitoring", "Operation and monitoring"},
      {"change_management", "Change management"},
      {"retirement", "Retirement"}};
  return all;
}

std::string activity_for_stage(const std::string& stage) {
  static const std::map<std::string, std::string> by_stage = {
      {"design", "design_requirements"},
      {"development", "development_training"},
      {"verification_validation", "verification_validation"},
      {"deployment", "deployment"},
      {"operation_monitoring", "operation_monitoring"},
      {"retirement", "retirement"}};
  const auto found = by_stage.find(stage);
  return found == by_stage.end() ? std::string() : found->second;
}

const records::Description& raci_assignments() {
  static const records::Description d = make_raci();
  return d;
}

Result<RaciGrid> raci_grid(store::Database& db, int64_t org, int64_t system_id) {
  TRY_ASSIGN(const auto all,
             records::list_all(db, raci_assignments(), org,
                               {.filters = {{"system_id", std::to_string(system_id)}}}));
  TRY_ASSIGN(const auto users, auth::list_users(db, org));
  std::map<int64_t, std::string> names;
  for (const auto& u : users)
    names[u.id] = u.name.empty() ? u.email : u.name;
  const auto& acts = activities();
  std::map<int64_t, RaciRow> rows;
  RaciGrid grid;
  grid.accountable.assign(acts.size(), "");
  for (const auto& r : all) {
    const int64_t person = r.number("person_id").value_or(0);
    const auto at = std::find_if(acts.begin(), acts.end(), [&](const records::Choice& a) {
      return r.text("activity") == a.value;
    });
    if (at == acts.end()) continue;
    const size_t column = size_t(at - acts.begin());
    RaciRow& row = rows[person];
    row.person_id = person;
    row.person = names[person];
    row.letters.resize(acts.size());
    row.letters[column] =
        in_raci_order(row.letters[column] + char(std::toupper(r.text("letter")[0])));
    if (r.text("letter") == "accountable") grid.accountable[column] = row.person;
  }
  for (auto& [id, row] : rows)
    grid.people.push_back(std::move(row));
  std::sort(grid.people.begin(), grid.people.end(),
            [](const RaciRow& a, const RaciRow& b) { return a.person < b.person; });
  return grid;
}

}  // namespace aims::leadership
