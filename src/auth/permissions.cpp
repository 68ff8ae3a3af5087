// The permission table: the only place that decides what each role may do.
#include <array>

#include "auth/roles.h"

namespace aims::auth {
namespace {

struct Grant {
  Action action;
  std::array<bool, 5> allowed;  // admin, aims-manager, contributor, auditor, viewer
};

// clang-format off
constexpr std::array<Grant, 10> kTable = {{
    //                              admin  manager contrib auditor viewer
    {Action::read,                 {true,  true,   true,   true,   true }},
    {Action::edit_records,         {true,  true,   true,   false,  false}},
    {Action::archive_records,      {true,  true,   false,  false,  false}},
    {Action::approve_records,      {true,  true,   false,  false,  false}},
    {Action::edit_audits,          {true,  true,   false,  true,   false}},
    {Action::run_monitoring,       {true,  true,   true,   false,  false}},
    {Action::manage_oversight,     {true,  true,   false,  false,  false}},
    {Action::manage_org,           {true,  true,   false,  false,  false}},
    {Action::manage_users,         {true,  false,  false,  false,  false}},
    {Action::manage_tokens,        {true,  false,  false,  false,  false}},
}};
// clang-format on

}  // namespace

bool can(Role role, Action action) {
  for (const auto& grant : kTable) {
    if (grant.action == action) return grant.allowed[static_cast<size_t>(role)];
  }
  return false;
}

std::string_view to_string(Role role) {
  switch (role) {
    case Role::admin:
      return "admin";
    case Role::aims_manager:
      return "aims-manager";
    case Role::contributor:
      return "contributor";
    case Role::auditor:
      return "auditor";
    case Role::viewer:
      return "viewer";
  }
  return "viewer";
}

std::optional<Role> parse_role(std::string_view text) {
  for (Role role : all_roles()) {
    if (to_string(role) == text) return role;
  }
  return std::nullopt;
}

const std::vector<Role>& all_roles() {
  static const std::vector<Role> roles = {Role::admin, Role::aims_manager, Role::contributor,
                                          Role::auditor, Role::viewer};
  return roles;
}

std::string_view to_string(Action action) {
  switch (action) {
    case Action::read:
      return "read";
    case Action::edit_records:
      return "edit_records";
    case Action::archive_records:
      return "archive_records";
    case Action::approve_records:
      return "approve_records";
    case Action::edit_audits:
      return "edit_audits";
    case Action::run_monitoring:
      return "run_monitoring";
    case Action::manage_oversight:
      return "manage_oversight";
    case Action::manage_org:
      return "manage_org";
    case Action::manage_users:
      return "manage_users";
    case Action::manage_tokens:
      return "manage_tokens";
  }
  return "read";
}

const std::vector<Action>& all_actions() {
  static const std::vector<Action> actions = {Action::read,
                                              Action::edit_records,
                                              Action::archive_records,
                                              Action::approve_records,
                                              Action::edit_audits,
                                              Action::run_monitoring,
                                              Action::manage_oversight,
                                              Action::manage_org,
                                              Action::manage_users,
                                              Action::manage_tokens};
  return actions;
}

}  // namespace aims::auth
