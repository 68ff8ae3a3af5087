// The registers the running program knows: each domain module adds its descriptions once at
// start-up (the composition root calls them), and the platform looks them up by type.
#pragma once

#include <functional>
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

// Another module's effect of a write to a register it does not own (a change to an AI system
// marks that system's approved impact assessments for re-assessment). Runs in the write's
// transaction after the register's own after_write hook; `before` is null on create. Added once
// at start-up, like define.
using WriteObserver =
    std::function<Status(const WriteContext& ctx, const Record& after, const Record* before)>;
void observe(std::string_view type, WriteObserver observer);
// The observers of writes to the register `type`, in the order they were added.
const std::vector<WriteObserver>& observers(std::string_view type);

}  // namespace aims::records
