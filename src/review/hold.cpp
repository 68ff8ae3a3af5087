// Holding a management review. The pack reads other modules through their Database functions
// (monitoring's runs, objectives' progress, readiness), which cannot run inside the records
// platform's write transaction, so hold() compiles it first and stages it on this thread for the
// transaction's hooks; a hold that does not come through hold() finds nothing staged and is
// refused, so no pack is ever written that aims did not compile.
#include <optional>

#include "base/time.h"
#include "review/hold_hooks.h"
#include "review/review.h"
#include "roles/roles.h"

namespace aims::review {
namespace {

using records::Record;

struct StagedPack {
  int64_t review_id = 0;
  std::string markdown;
  std::string compiled_at;
};

thread_local std::optional<StagedPack> staged;

// Stages the pack for the hold's transaction and clears it however the hold ends.
class Staging {
 public:
  explicit Staging(StagedPack pack) { staged = std::move(pack); }
  ~Staging() { staged.reset(); }
  Staging(const Staging&) = delete;
  Staging& operator=(const Staging&) = delete;
};

bool staged_for(int64_t id) {
  return staged && staged->review_id == id;
}

// The ids of the AIMS roles marked as top management.
Result<std::set<int64_t>> top_roles(store::Tx& tx, int64_t org) {
  TRY_ASSIGN(const auto all, records::list_all_in(tx, roles::aims_roles(), org,
                                                  {.filters = {{"top_management", "true"}}}));
  std::set<int64_t> out;
  for (const auto& r : all)
    out.insert(r.id);
  return out;
}

Status check_top_management(const records::WriteContext& ctx, const Record& review) {
  const std::string day = review.text("held_on");
  TRY_ASSIGN(const auto attendees,
             records::list_all_in(ctx.tx, review_attendees(), ctx.org,
                                  {.filters = {{"review_id", std::to_string(review.id)}}}));
  if (attendees.empty())
    return Error::invalid("attendees",
                          "record who attended before holding the review: top management must be "
                          "among them");
  TRY_ASSIGN(const std::set<int64_t> top, top_roles(ctx.tx, ctx.org));
  std::set<int64_t> people;
  for (const auto& a : attendees)
    people.insert(a.number("person_id").value_or(0));
  TRY_ASSIGN(const auto holders, records::list_all_in(ctx.tx, roles::role_assignments(), ctx.org));
  for (const auto& h : holders) {
    const auto role = h.ids("role_id");
    if (roles::holds_on(h, day) && people.count(h.number("person_id").value_or(0)) &&
        !role.empty() && top.count(role.front()))
      return {};
  }
  return Error::invalid("attendees",
                        "top management must attend: none of the attendees holds an AIMS role "
                        "marked as top management on " +
                            day);
}

}  // namespace

Status check_hold(const records::WriteContext& ctx, const Record& review,
                  const records::Transition& t) {
  if (std::string_view(t.name) != "hold") return {};
  if (!staged_for(review.id))
    return Error{ErrorCode::failed_precondition,
                 "hold the review from its page or POST " +
                     std::string(management_reviews().api_path) +
                     "/{id}/hold, which compile the input pack",
                 {}};
  return check_top_management(ctx, review);
}

Status write_pack(const records::WriteContext&, Record& after, const Record* before) {
  if (!before || after.state != "held" || before->state != "planned") return {};
  if (!staged_for(after.id)) return {};  // check_hold has refused already
  after.values["input_pack"] = staged->markdown;
  after.values["pack_compiled_at"] = staged->compiled_at;
  return {};
}

Result<std::optional<std::string>> hold_closed(store::Tx&, int64_t, const Record&,
                                               const records::Transition& t,
                                               const records::Caller&) {
  if (std::string_view(t.name) != "hold") return std::optional<std::string>();
  return std::optional<std::string>("held with the form below, which compiles the input pack");
}

Result<records::TransitionOutcome> hold(store::Database& db, int64_t org, int64_t id,
                                        const HoldRequest& request, const records::Caller& caller) {
  TRY_ASSIGN(const Record review, records::get(db, management_reviews(), org, id));
  const std::string now = now_timestamp();
  TRY_ASSIGN(std::string pack, compile_pack(db, org, review, now));
  Staging staging({id, std::move(pack), now});
  records::TransitionRequest move{
      .name = "hold", .reason = request.reason, .expected_version = request.expected_version};
  if (!request.held_on.empty()) move.values.values["held_on"] = request.held_on;
  if (!request.minutes.empty()) move.values.values["minutes"] = request.minutes;
  return records::transition(db, management_reviews(), org, id, move, caller);
}

}  // namespace aims::review
