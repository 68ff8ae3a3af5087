// Holding a management review. The pack reads other modules through their Database functions
// (monitoring's runs, objectives' progress, readiness), which cannot run inside the records
// platform's write transaction, so hold() compiles it first and hands it to the transaction's hooks
// as the move's prepared value; the hold is the review's own route (Transition::own_route), so the
// platform refuses a hold that does not come through hold(), and no pack is ever written that aims
// did not compile.
#include <any>

#include "base/time.h"
#include "review/hold_hooks.h"
#include "review/review.h"
#include "roles/roles.h"

namespace aims::review {
namespace {

using records::Record;

struct CompiledPack {
  std::string markdown;
  std::string compiled_at;
};

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
  return check_top_management(ctx, review);
}

Status write_pack(const records::WriteContext& ctx, Record& after, const Record* before) {
  if (!before || after.state != "held" || before->state != "planned") return {};
  const auto* pack = ctx.prepared ? std::any_cast<CompiledPack>(ctx.prepared) : nullptr;
  if (!pack) return {};  // the platform has refused a hold without one already
  after.values["input_pack"] = pack->markdown;
  after.values["pack_compiled_at"] = pack->compiled_at;
  return {};
}

Result<records::TransitionOutcome> hold(store::Database& db, int64_t org, int64_t id,
                                        const HoldRequest& request, const records::Caller& caller) {
  TRY_ASSIGN(const Record review, records::get(db, management_reviews(), org, id));
  const std::string now = now_timestamp();
  TRY_ASSIGN(std::string pack, compile_pack(db, org, review, now));
  records::TransitionRequest move{.name = "hold",
                                  .reason = request.reason,
                                  .expected_version = request.expected_version,
                                  .prepared = CompiledPack{std::move(pack), now}};
  if (!request.held_on.empty()) move.values.values["held_on"] = request.held_on;
  if (!request.minutes.empty()) move.values.values["minutes"] = request.minutes;
  return records::transition(db, management_reviews(), org, id, move, caller);
}

}  // namespace aims::review
