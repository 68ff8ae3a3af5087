// Triage: the concern becomes an incident, a risk or a nonconformity of the registers that own
// them, reached through the registry so this module includes none of theirs.
#include "concerns/triage.h"

#include "base/text.h"
#include "base/time.h"
#include "concerns/concerns.h"
#include "records/registry.h"
#include "records/rules.h"

namespace aims::concerns {
namespace {

using records::Record;

// What the new record says of where it came from, and what the reporter wrote.
std::string provenance(const Record& concern) {
  std::string text = "Raised from a concern received on " +
                     concern.text("received_at").substr(0, 10) + ".\n\n" +
                     concern.text("what_happened");
  if (concern.is_set("reporter_additions"))
    text += "\n\nAdded by the reporter:\n" + concern.text("reporter_additions");
  return utf8_prefix(text, records::rules::kLongTextLimit);
}

Result<Record> new_record(const TriageRequest& request, const Record& concern,
                          const records::Caller& caller) {
  const std::optional<int64_t> system =
      request.system_id ? request.system_id
                        : (concern.ids("system_id").empty()
                               ? std::nullopt
                               : std::optional<int64_t>(concern.ids("system_id").front()));
  const std::optional<int64_t> owner = request.owner_id ? request.owner_id : caller.user_id;
  Record r;
  r.values["title"] = request.title.empty() ? concern.text("title") : request.title;
  r.values["description"] = provenance(concern);
  if (owner) r.values["owner_id"] = *owner;
  if (request.outcome == "incident") {
    if (!system) return Error::invalid("system_id", "choose the AI system the incident concerns");
    r.values["system_id"] = *system;
    r.values["severity"] = std::string("medium");
  } else if (request.outcome == "risk") {
    if (system)
      r.values["system_ids"] = records::Ids{*system};
    else
      r.values["organisation_wide"] = true;
  } else {
    r.values["grade"] = std::string("minor");
    r.values["source"] = std::string("concern");
    if (system) r.values["system_ids"] = records::Ids{*system};
  }
  return r;
}

}  // namespace

Result<Record> triage(store::Database& db, int64_t org, int64_t concern_id,
                      const TriageRequest& request, const records::Caller& caller) {
  if (request.outcome != "incident" && request.outcome != "risk" &&
      request.outcome != "nonconformity")
    return Error::invalid("outcome", "triage into an incident, a risk or a nonconformity");
  const records::Description* target = records::find(request.outcome);
  if (!target)
    return Error::invalid("outcome", "this server keeps no " + request.outcome + " register");
  return db.write([&](store::Tx& tx) -> Result<Record> {
    const records::WriteContext ctx{tx, org, caller, now_timestamp()};
    TRY_ASSIGN(const auto concern, records::find(ctx, concerns(), concern_id));
    if (!concern || concern->archived_at) return Error::not_found("no such concern");
    if (concern->state == "closed" || concern->is_set("triage_outcome"))
      return Error{ErrorCode::failed_precondition, "this concern has already been triaged",
                   "outcome"};
    TRY_ASSIGN(const Record input, new_record(request, *concern, caller));
    TRY_ASSIGN(const Record made, records::create_in(ctx, *target, input));
    Record link;
    link.values = {{"triage_outcome", request.outcome},
                   {request.outcome + "_id", made.id},
                   {"triaged_at", ctx.now}};
    TRY(records::update_kept_in(ctx, concerns(), concern_id, link));
    return records::move_in(
        ctx, concerns(), concern_id, "review",
        "triaged into " + std::string(target->singular) + " " + target->display_name(made));
  });
}

}  // namespace aims::concerns
