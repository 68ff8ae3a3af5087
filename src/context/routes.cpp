// Context issues, interested parties, their requirements, the communication plan and the
// communications made: every page and the JSON API come from the records platform.
#include "context/routes.h"

#include "base/time.h"
#include "context/context.h"
#include "records/routes/routes.h"

namespace aims::context {

Result<std::vector<overview::Headline>> headlines(const http::Context& ctx) {
  TRY_ASSIGN(const auto items,
             records::list_all(ctx.db, plan_items(), ctx.org(), {.filters = {{"active", "true"}}}));
  const std::string today = now_timestamp().substr(0, 10);
  int64_t overdue = 0;
  for (const auto& r : items)
    overdue += r.is_set("next_due") && r.text("next_due") < today;
  return std::vector<overview::Headline>{
      {"Communication plan", std::to_string(items.size()) + " active",
       std::to_string(overdue) + " overdue", "/support/communication-plan?active=true",
       overdue > 0 ? "warn" : "good"}};
}

void register_routes(http::Router& router) {
  define_registers();
  for (const records::Description* d :
       {&issues(), &parties(), &requirements(), &plan_items(), &communications()})
    records::register_routes(router, *d);
}

}  // namespace aims::context
