// The registers the running program knows: each domain module adds its descriptions once at
// start-up (the composition root calls them), and the platform looks them up by type.
#pragma once

#include <string_view>
#include <vector>

#include "records/description.h"

namespace aims::records {

// Adds a description. Adding the same one again does nothing; a different description with a
// known type, or one that names fields it does not have, is a bug and throws.
void define(const Description& description);

// The register named `type`, or null.
const Description* find(std::string_view type);
// Every register, in the order they were defined.
const std::vector<const Description*>& all();

}  // namespace aims::records
