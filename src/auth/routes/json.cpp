#include "auth/routes/json.h"

namespace aims::auth {
namespace {

nlohmann::json optional(const std::optional<std::string>& text) {
  return text ? nlohmann::json(*text) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json to_json(const User& u) {
  return {{"id", u.id},
          {"email", u.email},
          {"name", u.name},
          {"role", std::string(to_string(u.role))},
          {"status", u.status},
          {"created_at", u.created_at},
          {"updated_at", u.updated_at},
          {"last_login_at", optional(u.last_login_at)},
          {"version", u.version}};
}

nlohmann::json to_json(const ApiToken& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"prefix", t.prefix},
          {"user_id", t.user_id},
          {"user_email", t.user_email},
          {"created_at", t.created_at},
          {"expires_at", optional(t.expires_at)},
          {"revoked_at", optional(t.revoked_at)},
          {"last_used_at", optional(t.last_used_at)},
          {"active", !t.revoked_at.has_value()},
          {"version", t.version}};
}

nlohmann::json to_json(const Principal& p) {
  nlohmann::json permissions = nlohmann::json::array();
  for (Action action : all_actions()) {
    if (can(p.role, action)) permissions.push_back(std::string(to_string(action)));
  }
  return {{"id", p.user_id},
          {"email", p.email},
          {"name", p.name},
          {"role", std::string(to_string(p.role))},
          {"organisation", {{"id", p.org_id}, {"name", p.org_name}}},
          {"authenticated_by", p.token_id ? "token" : "session"},
          {"permissions", permissions}};
}

}  // namespace aims::auth
