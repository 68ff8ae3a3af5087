// Inside the lifecycle module: what change management adds at start-up, the watch on models linked
// to systems in service and the 6.3 rule, called from define_registers.
#pragma once

namespace aims::lifecycle {

// Notes every model linked to an AI system in deployment or operation; once.
void watch_model_links();
// Adds the 6.3 rule; once.
void define_change_rule();

}  // namespace aims::lifecycle
