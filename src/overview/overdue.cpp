// The dashboard's overdue headline, from the records platform's due dates.
#include "base/time.h"
#include "overview/overview.h"
#include "records/due.h"

namespace aims::overview {

Result<std::vector<Headline>> overdue_headlines(const http::Context& ctx) {
  const std::string today = records::day_of(now_timestamp());
  TRY_ASSIGN(const auto all, records::overdue_counts(ctx.db, ctx.org(), today));
  TRY_ASSIGN(const auto mine, records::overdue_counts(ctx.db, ctx.org(), today, ctx.who().user_id));
  int64_t total = 0, yours = 0;
  std::string per_register;
  for (const auto& c : all) {
    total += c.records;
    per_register += (per_register.empty() ? "" : ", ") + std::to_string(c.records) + " " +
                    (c.records == 1 ? c.register_->singular : c.register_->plural);
  }
  for (const auto& c : mine)
    yours += c.records;
  const std::string note = total == 0 ? "No due date has passed"
                                      : per_register + "; " + std::to_string(yours) + " yours";
  return std::vector<Headline>{{"Overdue records", std::to_string(total), note, "/my-work",
                                total == 0 ? "good" : (yours > 0 ? "bad" : "warn")}};
}

}  // namespace aims::overview
