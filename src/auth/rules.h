// Pure validation of identity input (private to auth/): normalises and checks, no database.
#pragma once

#include <string>

#include "base/result.h"

namespace aims::auth::rules {

// Trims and lower-cases; checks the shape local@domain.tld. Errors: invalid_argument on `field`.
Result<std::string> normalise_email(const std::string& email, const std::string& field = "email");
// A person's or organisation's name: 1 to 200 characters, no control characters.
Result<std::string> normalise_name(const std::string& name, const std::string& field = "name");
// A token's label: 1 to 100 characters.
Result<std::string> normalise_token_name(const std::string& name);

}  // namespace aims::auth::rules
