// The standard approval workflow many registers share, built from a few options instead of being
// written out again in each description: a draft, optionally submitted for approval, approved by
// someone other than its author (which freezes a numbered version), then revised back to a draft
// or ended (retired, superseded).
#pragma once

#include <optional>
#include <vector>

#include "auth/roles.h"
#include "records/description.h"

namespace aims::records {

// How an approved record's life ends: one move to a final state ("retire" to "retired").
struct ApprovalEnding {
  State state;  // {"retired", "Retired", false, true}
  const char* name;
  const char* label;
  bool from_draft = false;  // a draft may be ended too, not only an approved record
  auth::Action permission = auth::Action::edit_records;
};

struct ApprovalWorkflowOptions {
  // The step before approval, in state "submitted" with this label; none when null: the draft
  // itself is approved.
  const char* submitted_label = nullptr;
  std::vector<const char*> submit_required = {};  // fields the "submit" move needs
  bool returnable = false;                        // "return": back to draft, with a reason
  bool rejectable = false;                        // "reject": to "rejected", with a reason
  // Withdrawn by the author's side before approval ("withdrawn", with a reason); never from the
  // approved state, where withdrawing would undo what the approval set in motion without anyone
  // approving that.
  bool withdrawable = false;

  State approved = {"approved", "Approved", false};
  const char* approve = "approve";  // the approving move's name and label
  const char* approve_label = "Approve";
  auth::Action approve_permission = auth::Action::approve_records;
  std::vector<auth::Role> approver_roles = {auth::Role::admin, auth::Role::aims_manager};
  bool freezes = true;

  bool revisable = false;  // "revise": approved back to draft, with a reason
  auth::Action revise_permission = auth::Action::edit_records;
  std::optional<ApprovalEnding> ending = std::nullopt;

  // The register's own states and moves besides the standard ones (after the approved state and
  // the standard moves, before the rejected and withdrawn ones).
  std::vector<State> more_states = {};
  std::vector<Transition> more_transitions = {};
};

// States: draft, [submitted], approved, more_states, [ending], [rejected], [withdrawn].
// Moves: [submit], [return], approve (one approval), [reject], [revise], [ending],
// more_transitions, [withdraw]. The order is what pages show and the API lists.
Workflow approval_workflow(ApprovalWorkflowOptions options);

}  // namespace aims::records
