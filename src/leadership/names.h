// The names leadership records are titled with, read inside the write's transaction: a RACI
// assignment or a seat on a committee is known by who holds it and where.
#pragma once

#include <cstdint>
#include <string>

#include "records/records.h"

namespace aims::leadership {

// The display name of the record that the one-reference field `key` of `r` names; empty if none.
Result<std::string> referenced_name(const records::WriteContext& ctx, const records::Record& r,
                                    const char* key, const records::Description& target);

}  // namespace aims::leadership
