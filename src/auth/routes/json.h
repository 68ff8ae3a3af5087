// JSON views of identity records for the API and the pages (private to auth/).
#pragma once

#include <nlohmann/json.hpp>

#include "auth/auth.h"

namespace aims::auth {

nlohmann::json to_json(const User& user);
nlohmann::json to_json(const ApiToken& token);
nlohmann::json to_json(const Principal& principal);

}  // namespace aims::auth
