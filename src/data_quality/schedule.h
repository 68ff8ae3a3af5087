// When a data-quality requirement is next checked: an interval after its last run.
#pragma once

#include <string>
#include <string_view>

#include "records/record.h"

namespace aims::data_quality {

// `day` (YYYY-MM-DD) plus the requirement's check interval, as YYYY-MM-DD.
std::string next_check_after(const records::Record& requirement, std::string_view day);

}  // namespace aims::data_quality
