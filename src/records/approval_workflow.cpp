#include "records/approval_workflow.h"

#include <utility>

namespace aims::records {
namespace {

constexpr const char* kDraft = "draft";
constexpr const char* kSubmitted = "submitted";

std::vector<State> states_of(const ApprovalWorkflowOptions& o) {
  std::vector<State> states = {{kDraft, "Draft"}};
  if (o.submitted_label) states.push_back({kSubmitted, o.submitted_label, false});
  states.push_back(o.approved);
  states.insert(states.end(), o.more_states.begin(), o.more_states.end());
  if (o.ending) states.push_back(o.ending->state);
  if (o.rejectable) states.push_back({"rejected", "Rejected", false, true});
  if (o.withdrawable) states.push_back({"withdrawn", "Withdrawn", false, true});
  return states;
}

// The moves up to the approval and its refusal.
void add_approval(const ApprovalWorkflowOptions& o, std::vector<Transition>& moves) {
  const char* awaiting = o.submitted_label ? kSubmitted : kDraft;
  if (o.submitted_label)
    moves.push_back({.name = "submit",
                     .label = "Submit for approval",
                     .from = {kDraft},
                     .to = kSubmitted,
                     .required_fields = o.submit_required});
  if (o.returnable)
    moves.push_back({.name = "return",
                     .label = "Return to draft",
                     .from = {kSubmitted},
                     .to = kDraft,
                     .reason_required = true});
  moves.push_back({.name = o.approve,
                   .label = o.approve_label,
                   .from = {awaiting},
                   .to = o.approved.value,
                   .permission = o.approve_permission,
                   .approvals = 1,
                   .approver_roles = o.approver_roles,
                   .freezes = o.freezes});
  if (o.rejectable)
    moves.push_back({.name = "reject",
                     .label = "Reject",
                     .from = {kSubmitted},
                     .to = "rejected",
                     .permission = auth::Action::approve_records,
                     .reason_required = true});
}

// The moves after the approval.
void add_life(const ApprovalWorkflowOptions& o, std::vector<Transition>& moves) {
  if (o.revisable)
    moves.push_back({.name = "revise",
                     .label = "Revise",
                     .from = {o.approved.value},
                     .to = kDraft,
                     .permission = o.revise_permission,
                     .reason_required = true});
  if (o.ending) {
    std::vector<const char*> from = {o.approved.value};
    if (o.ending->from_draft) from.insert(from.begin(), kDraft);
    moves.push_back({.name = o.ending->name,
                     .label = o.ending->label,
                     .from = std::move(from),
                     .to = o.ending->state.value,
                     .permission = o.ending->permission,
                     .reason_required = true});
  }
}

}  // namespace

Workflow approval_workflow(ApprovalWorkflowOptions options) {
  Workflow w{.states = states_of(options), .transitions = {}};
  add_approval(options, w.transitions);
  add_life(options, w.transitions);
  for (auto& t : options.more_transitions)
    w.transitions.push_back(std::move(t));
  if (options.withdrawable) {
    std::vector<const char*> from = {kDraft};
    if (options.submitted_label) from.push_back(kSubmitted);
    w.transitions.push_back({.name = "withdraw",
                             .label = "Withdraw",
                             .from = std::move(from),
                             .to = "withdrawn",
                             .reason_required = true});
  }
  return w;
}

}  // namespace aims::records
