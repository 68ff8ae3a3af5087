// Shared by the identity module's API and page routes (private to auth/).
#pragma once

#include <string>
#include <vector>

#include "auth/auth.h"
#include "http/context.h"
#include "http/router.h"

namespace aims::auth {

void register_api(http::Router& router, bool secure_cookies);
void register_pages(http::Router& router, bool secure_cookies);

// Security log line for every sign-in attempt (who, from where, and why it failed).
void log_sign_in(const http::Context& ctx, const std::string& email, const std::string& failure);
void sort_users(std::vector<User>& users, const std::string& field, bool descending);

}  // namespace aims::auth
