// A.3.3 from the concerns register and the channel.
#pragma once

namespace aims::concerns {

// Adds the readiness rule for A.3.3; once.
void define_readiness_rules();

}  // namespace aims::concerns
