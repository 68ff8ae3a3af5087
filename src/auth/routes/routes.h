// The identity module's web routes: sign-in and sign-out, the caller's account, and the admin
// pages and API for users and API tokens.
#pragma once

#include "http/router.h"

namespace aims::auth {

void register_routes(http::Router& router, bool secure_cookies);

}  // namespace aims::auth
