#include "auth/routes/routes.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "auth/routes/routes_internal.h"
#include "web/navigation.h"

namespace aims::auth {

void register_routes(http::Router& router, bool secure_cookies) {
  web::add_nav_entry(
      {"Administration", 90, "users", "Users", "/admin/users", 10, auth::Action::manage_users});
  web::add_nav_entry({"Administration", 90, "tokens", "API tokens", "/admin/tokens", 20,
                      auth::Action::manage_tokens});
  register_api(router, secure_cookies);
  register_pages(router, secure_cookies);
}

void log_sign_in(const http::Context& ctx, const std::string& email, const std::string& failure) {
  // The email is attacker-chosen: control characters are replaced so it cannot forge log lines.
  std::string shown;
  for (char c : email.substr(0, 254))
    shown.push_back(static_cast<unsigned char>(c) < 0x20 ? '?' : c);
  if (failure.empty()) {
    spdlog::info("sign-in succeeded: email={} address={}", shown, ctx.request.remote_addr);
  } else {
    spdlog::warn("sign-in failed: email={} address={} reason={}", shown, ctx.request.remote_addr,
                 failure);
  }
}

void sort_users(std::vector<User>& users, const std::string& field, bool descending) {
  auto key = [&](const User& u) -> const std::string& {
    if (field == "name") return u.name;
    if (field == "created_at") return u.created_at;
    return u.email;
  };
  std::stable_sort(users.begin(), users.end(), [&](const User& a, const User& b) {
    return descending ? key(b) < key(a) : key(a) < key(b);
  });
}

}  // namespace aims::auth
