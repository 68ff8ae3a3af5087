// The leadership module's registers handed to the records platform, with their readiness rules.
#include <mutex>

#include "leadership/leadership.h"

namespace aims::leadership {

void define_registers() {
  static std::once_flag once;
  std::call_once(once, [] {
    records::define(committees());
    records::define(committee_members());
    records::define(committee_meetings());
    records::define(committee_decisions());
    records::define(raci_assignments());
    define_readiness_rules();
  });
}

}  // namespace aims::leadership
