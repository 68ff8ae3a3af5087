// Email and signed webhooks: what other modules call to announce an event. Deliveries are queued
// in the caller's transaction (a rolled-back change sends nothing, a restart loses nothing) and
// sent in the background by aims serve.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "store/database.h"

namespace aims::notify {

// The event types a webhook may receive.
namespace event {
inline constexpr std::string_view record_created = "record.created";
inline constexpr std::string_view record_changed = "record.changed";
inline constexpr std::string_view record_transitioned = "record.transitioned";
inline constexpr std::string_view alert_raised = "alert.raised";
inline constexpr std::string_view incident_clock = "incident.clock";
inline constexpr std::string_view oversight_decided = "oversight.decided";
}  // namespace event

struct EventType {
  std::string_view key;
  std::string_view label;
};
const std::vector<EventType>& event_types();
bool is_event_type(std::string_view key);

// Queues, in `tx`, a delivery of `{type, timestamp, data}` to every webhook of `org` that receives
// `event_type`. Nothing is queued when none does. Errors: those of the store; invalid_argument
// for an unknown event type (a bug of the caller).
Status publish(store::Tx& tx, int64_t org, std::string_view event_type, const nlohmann::json& data);

// Queues, in `tx`, a plain-text email to the active user `user_id` of `org` when the organisation
// has set up email; `link` is a path of aims ("/my-work") put below the text. Returns whether it
// was queued. Errors: those of the store.
Result<bool> email_person(store::Tx& tx, int64_t org, int64_t user_id, const std::string& subject,
                          const std::string& text, const std::string& link);

// Makes every register defined so far announce its creates, changes and transitions to webhooks
// and email approval requests to the people who may give them (records::observe). Call once
// after every module's define_registers; calling again adds only registers defined since.
void watch_registers();

}  // namespace aims::notify
