// The email a critical monitoring breach sends to the owner of the AI system it concerns.
#pragma once

#include "improvement/improvement.h"

namespace aims::improvement {

// Inside the breach's transaction: queues an email to the AI system's owner when the breach is
// critical and the organisation has set up email; nothing otherwise.
Status email_critical_breach(const records::WriteContext& ctx, const Breach& breach,
                             const records::Record& incident);

}  // namespace aims::improvement
