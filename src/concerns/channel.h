// The public concerns channel of an organisation: its link (a token stored as SHA-256, shown
// once when made), whether it is open, what a reporter submits and follows with a receipt code.
// Nothing here takes or stores a client address or user agent.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/result.h"
#include "records/records.h"
#include "store/database.h"

namespace aims::concerns {

constexpr size_t kTokenBytes = 32;          // the link's secret: 256 bits from libsodium
constexpr size_t kReceiptBytes = 16;        // the receipt code: 128 bits
constexpr size_t kMaxConcernBytes = 10000;  // what happened, as submitted
constexpr int kSubmissionsPerHour = 20;     // per channel
constexpr int kMissesPerQuarterHour = 30;   // wrong receipt codes per channel

struct Channel {
  int64_t org = 0;
  bool enabled = false;
  bool list_systems = false;  // the form offers the organisation's AI systems by name
  bool exists = false;        // a link has been made (it may be closed)
  std::string changed_at;
  std::string org_name;
};

// The organisation's channel (exists = false before the first link is made).
Result<Channel> channel_of(store::Database& db, int64_t org);
// The open channel whose link holds `token`; not_found for a rotated, closed or unknown link.
Result<Channel> open_channel(store::Database& db, std::string_view token);

// Makes a new link (the old one stops answering) and opens the channel; returns the token, which
// aims keeps only as a hash. Audited as "concern_channel" "rotate".
Result<std::string> rotate_link(store::Database& db, int64_t org, const records::Caller& caller);
// Opens or closes the channel and chooses whether the form lists AI systems; failed_precondition
// before a link exists. Audited as "concern_channel" "update".
Status set_channel(store::Database& db, int64_t org, bool enabled, bool list_systems,
                   const records::Caller& caller);

struct Submission {
  std::optional<int64_t> system_id;  // one of the organisation's systems, when the form lists them
  std::string system_named;
  std::string what_happened;
  bool anonymous = false;
  std::string contact;
};

// Records a concern received through the channel, audited with the actor "public concerns
// channel", and returns its receipt code (stored as a hash). Errors: rate_limited past
// kSubmissionsPerHour in the last hour; invalid_argument naming the field.
Result<std::string> submit(store::Database& db, const Channel& channel, const Submission& input);

// What a receipt code shows: the status, dates and public answer of its own concern only.
struct Receipt {
  int64_t id = 0;
  std::string state;
  std::string state_label;
  std::string received_at;
  std::string state_since;
  std::string public_answer;
};
// The concern whose code is `code`. Errors: not_found ("no concern with this code"), counted;
// rate_limited once kMissesPerQuarterHour wrong codes were tried on the channel.
Result<Receipt> receipt(store::Database& db, const Channel& channel, std::string_view code);
// Appends the reporter's text to the concern (dated), audited like a submission. Errors as
// receipt, and invalid_argument on "information".
Result<Receipt> add_information(store::Database& db, const Channel& channel, std::string_view code,
                                std::string_view information);

}  // namespace aims::concerns
