// `aims competence-matrix [--on DATE]` prints the matrix as a table (tabs between columns, as
// `aims <register> list` does); `aims standard-roles` adds the standard roles the organisation
// lacks.
#include "roles/cli.h"

#include <iostream>
#include <memory>

#include "base/time.h"
#include "command/common.h"
#include "roles/roles.h"

namespace aims::roles {
namespace {

using command::fail;
using command::kFailed;

struct Args {
  std::string db, org, on;
};

std::string cell_text(const MatrixCell& c) {
  if (c.status == CellStatus::not_required) return "-";
  return std::string(label(c.status)) + (c.date.empty() ? "" : " " + c.date);
}

int matrix_command(const Args& a) {
  const std::string on = a.on.empty() ? now_timestamp().substr(0, 10) : a.on;
  if (!parse_date_days(on)) return fail(Error::invalid("on", "--on must be a date: YYYY-MM-DD"));
  auto o = command::open_organisation(a.db, a.org);
  if (!o) return kFailed;
  auto m = competence_matrix(*o->db, o->org, on);
  if (!m) return fail(m.error());
  std::cout << "Person\tRoles";
  for (const auto& c : m->columns)
    std::cout << "\t" << c.name;
  std::cout << "\n";
  for (const auto& r : m->rows) {
    std::string roles;
    for (const auto& name : r.roles)
      roles += (roles.empty() ? "" : ", ") + name;
    std::cout << r.person << "\t" << roles;
    for (const auto& c : r.cells)
      std::cout << "\t" << cell_text(c);
    std::cout << "\n";
  }
  std::cerr << "On " << on << ": gaps " << m->gaps << ", expired " << m->expired << ", expiring "
            << m->expiring << " (within " << kExpiringWithinDays << " days), held " << m->held
            << "\n";
  return 0;
}

int standard_roles_command(const Args& a) {
  auto o = command::open_organisation(a.db, a.org);
  if (!o) return kFailed;
  auto added =
      add_standard_roles(*o->db, o->org, {command::cli_actor(), std::nullopt, std::nullopt});
  if (!added) return fail(added.error());
  for (const auto& r : *added)
    std::cout << "Added " << r.text("name") << "\n";
  if (added->empty()) std::cout << "Every standard role is there already.\n";
  return 0;
}

}  // namespace

void register_cli(CLI::App& app, std::function<int()>& chosen) {
  auto add = [&app, &chosen](const char* name, const char* help, int (*run)(const Args&)) {
    auto args = std::make_shared<Args>();
    CLI::App* sub = app.add_subcommand(name, help);
    command::add_db_option(*sub, args->db);
    command::add_org_option(*sub, args->org);
    sub->callback([&chosen, args, run] { chosen = [args, run] { return run(*args); }; });
    return std::pair{sub, args};
  };
  auto [matrix, ma] = add("competence-matrix",
                          "Print the competence matrix: people holding AIMS roles against the "
                          "competences their roles require",
                          matrix_command);
  matrix->add_option("--on", ma->on, "The day to work it out for (YYYY-MM-DD; default today)");
  add("standard-roles", "Add the standard AIMS roles the organisation does not have yet",
      standard_roles_command);
}

}  // namespace aims::roles
