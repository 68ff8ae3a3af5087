// Roles and actions, and the one table that says which role may do what (permissions.cpp).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace aims::auth {

enum class Role { admin, aims_manager, contributor, auditor, viewer };

enum class Action {
  read,              // see records, registers, dashboards and the audit trail
  edit_records,      // create and update governance records (inventory, risks, ...)
  archive_records,   // archive and restore governance records
  approve_records,   // approve governance records (policies, assessments, risk acceptance, ...)
  edit_audits,       // create and update internal-audit records (clause 9.2)
  run_monitoring,    // upload prediction logs and run monitors
  manage_oversight,  // switch an AI system to or from human review
  manage_org,        // organisation-wide settings such as the AIMS scope statement
  manage_users,      // add users, change roles, disable accounts
  manage_tokens,     // create and revoke API tokens
};

// True when `role` may perform `action`. The server checks this on every route; pages use it
// to hide controls a role cannot use.
bool can(Role role, Action action);

std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);
const std::vector<Role>& all_roles();

std::string_view to_string(Action action);
const std::vector<Action>& all_actions();

}  // namespace aims::auth
