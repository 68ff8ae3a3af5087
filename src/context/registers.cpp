// The context module's registers defined with the records platform, once.
#include <mutex>

#include "context/context.h"

namespace aims::context {

void define_registers() {
  static std::once_flag once;
  std::call_once(once, [] {
    records::define(issues());
    records::define(parties());
    records::define(requirements());
    records::define(plan_items());
    records::define(communications());
    define_readiness_rules();
  });
}

}  // namespace aims::context
