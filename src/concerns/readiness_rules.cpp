// What concerns prove for A.3.3: a channel anyone can reach is open, and each concern is triaged
// within kTriageDays of its receipt.
#include "concerns/readiness_rules.h"

#include <mutex>

#include "base/time.h"
#include "concerns/channel.h"
#include "concerns/concerns.h"
#include "readiness/readiness.h"

namespace aims::concerns {
namespace {

using readiness::Finding;
using readiness::Status;

constexpr int64_t kDayMicros = 86'400'000'000;

bool untriaged(const records::Record& r) {
  return r.state != "closed" && !r.is_set("triage_outcome");
}

Result<Finding> channel_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const Channel channel, channel_of(db, org));
  TRY_ASSIGN(const auto all, records::list_all(db, concerns(), org, {}));
  Finding f;
  f.fix = {"Concerns channel", "/improvement/concerns/channel"};
  if (!channel.enabled) {
    f.reason = "The public concerns channel is closed, so nobody outside aims can raise a concern.";
    return f;
  }
  const std::string cutoff = format_timestamp(now_micros() - kTriageDays * kDayMicros);
  for (const auto& r : all)
    if (untriaged(r) && r.text("received_at") < cutoff)
      f.links.push_back({r.text("title"), "/improvement/concerns/" + std::to_string(r.id)});
  const std::string received =
      readiness::counted(int64_t(all.size()), "concern has", "concerns have") + " been received";
  if (!f.links.empty()) {
    f.status = Status::partial;
    f.reason = "The concerns channel is open, but " +
               readiness::counted(int64_t(f.links.size()), "concern waits", "concerns wait") +
               " more than " + std::to_string(kTriageDays) + " days for triage.";
    f.fix = {"Concerns to triage", "/improvement/concerns?state=received"};
    return f;
  }
  f.status = Status::met;
  f.reason = "The concerns channel is open; " + received + ", none waiting more than " +
             std::to_string(kTriageDays) + " days for triage.";
  f.links = {{"Concerns", "/improvement/concerns"}};
  f.fix = {};
  return f;
}

}  // namespace

void define_readiness_rules() {
  static std::once_flag once;
  std::call_once(once, [] {
    readiness::add_rule({"iso-iec-42001-2023",
                         "A.3.3",
                         {"concerns channel", "concerns register: time to triage"},
                         channel_rule});
  });
}

}  // namespace aims::concerns
