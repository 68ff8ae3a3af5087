// Organisations and users: creation, listing, role and status changes, password changes.
#include "auth/auth.h"
#include "auth/passwords.h"
#include "auth/rules.h"
#include "auth/store.h"
#include "base/json_text.h"
#include "base/time.h"

namespace aims::auth {
namespace {

trail::Fields user_fields(const User& u) {
  return {{"email", json_text::quote(u.email)},
          {"name", json_text::quote(u.name)},
          {"role", json_text::quote(to_string(u.role))},
          {"status", json_text::quote(u.status)}};
}

// What is checked and hashed before a transaction opens, so no lock is held during argon2.
struct PreparedUser {
  std::string email;
  std::string name;
  Role role = Role::viewer;
  std::string hash;
  std::optional<std::string> generated_password;
};

Result<PreparedUser> prepare_user(const NewUser& input, const std::string& email_field) {
  PreparedUser p;
  TRY_ASSIGN(p.email, rules::normalise_email(input.email, email_field));
  TRY_ASSIGN(p.name, rules::normalise_name(input.name.empty() ? p.email : input.name));
  auto role = parse_role(input.role);
  if (!role) {
    return Error::invalid("role",
                          "role must be one of admin, aims-manager, contributor, auditor, viewer");
  }
  p.role = *role;
  std::string password;
  if (input.password) {
    TRY(check_password_policy(*input.password, p.email));
    password = *input.password;
  } else {
    password = generate_password();
    p.generated_password = password;
  }
  p.hash = hash_password(password);
  return p;
}

Result<User> insert_prepared(store::Tx& tx, int64_t org_id, const PreparedUser& p,
                             const trail::Actor& actor, const std::string& email_field) {
  TRY_ASSIGN(auto existing, sql::credentials_by_email(tx, p.email));
  if (existing.has_value()) {
    return Error{ErrorCode::already_exists, "a user with this email already exists", email_field};
  }
  const std::string now = now_timestamp();
  TRY_ASSIGN(auto id, sql::insert_user(tx, org_id, p.email, p.name, p.role, p.hash, now));
  TRY_ASSIGN(auto user, sql::user_by_id(tx, org_id, id));
  TRY(trail::record(tx, org_id, actor, {"user", id, "create", {}, user_fields(*user)}));
  return *user;
}

}  // namespace

trail::Actor Principal::actor() const {
  if (token_id) return {"token", user_id, "token " + token_name + " (" + email + ")"};
  return {"user", user_id, email};
}

Result<std::pair<Organisation, CreatedUser>> create_organisation(store::Database& db,
                                                                 const std::string& name,
                                                                 const NewUser& admin,
                                                                 const trail::Actor& actor) {
  TRY_ASSIGN(auto org_name, rules::normalise_name(name, "name"));
  NewUser as_admin = admin;
  as_admin.role = "admin";
  TRY_ASSIGN(auto prepared, prepare_user(as_admin, "admin_email"));

  return db.write([&](store::Tx& tx) -> Result<std::pair<Organisation, CreatedUser>> {
    TRY_ASSIGN(auto existing, sql::organisation_by_name(tx, org_name));
    if (existing.has_value()) {
      return Error{ErrorCode::already_exists, "an organisation with this name already exists",
                   "name"};
    }
    const std::string now = now_timestamp();
    TRY_ASSIGN(auto org_id, sql::insert_organisation(tx, org_name, now));
    TRY(trail::start_chain(tx, org_id));
    Organisation org{org_id, org_name, now};
    TRY(trail::record(
        tx, org.id, actor,
        {"organisation", org.id, "create", {}, {{"name", json_text::quote(org.name)}}}));
    TRY_ASSIGN(auto user, insert_prepared(tx, org.id, prepared, actor, "admin_email"));
    return std::make_pair(org, CreatedUser{user, prepared.generated_password});
  });
}

Result<Organisation> find_organisation(store::Database& db, const std::string& name) {
  return db.read([&](store::Tx& tx) -> Result<Organisation> {
    TRY_ASSIGN(auto org, sql::organisation_by_name(tx, name));
    if (!org.has_value()) return Error::not_found("no organisation named '" + name + "'");
    return *org;
  });
}

Result<std::vector<Organisation>> list_organisations(store::Database& db) {
  return db.read([](store::Tx& tx) { return sql::organisations(tx); });
}

Result<CreatedUser> add_user(store::Database& db, int64_t org_id, const NewUser& input,
                             const trail::Actor& actor) {
  TRY_ASSIGN(auto prepared, prepare_user(input, "email"));
  return db.write([&](store::Tx& tx) -> Result<CreatedUser> {
    TRY_ASSIGN(auto user, insert_prepared(tx, org_id, prepared, actor, "email"));
    return CreatedUser{user, prepared.generated_password};
  });
}

Result<bool> is_active_user(store::Tx& tx, int64_t org_id, int64_t user_id) {
  TRY_ASSIGN(auto user, sql::user_by_id(tx, org_id, user_id));
  return user.has_value() && user->status == "active";
}

Result<std::string> person_name(store::Tx& tx, int64_t org_id, std::optional<int64_t> user_id) {
  if (!user_id) return std::string();
  TRY_ASSIGN(auto user, sql::user_by_id(tx, org_id, *user_id));
  if (!user) return std::string();
  return user->name.empty() ? user->email : user->name;
}

Result<std::vector<User>> list_users(store::Database& db, int64_t org_id) {
  return db.read([&](store::Tx& tx) { return sql::users(tx, org_id); });
}

Result<User> get_user(store::Database& db, int64_t org_id, int64_t user_id) {
  return db.read([&](store::Tx& tx) -> Result<User> {
    TRY_ASSIGN(auto user, sql::user_by_id(tx, org_id, user_id));
    if (!user.has_value()) return Error::not_found("no such user");
    return *user;
  });
}

Result<User> find_user_by_email(store::Database& db, int64_t org_id, const std::string& email) {
  TRY_ASSIGN(auto normal, rules::normalise_email(email));
  return db.read([&](store::Tx& tx) -> Result<User> {
    TRY_ASSIGN(auto user, sql::user_by_email(tx, org_id, normal));
    if (!user.has_value()) return Error::not_found("no user with email " + normal);
    return *user;
  });
}

Result<User> update_user(store::Database& db, int64_t org_id, int64_t user_id,
                         const UserChanges& changes, const trail::Actor& actor) {
  std::optional<std::string> name;
  if (changes.name) {
    TRY_ASSIGN(name, rules::normalise_name(*changes.name));
  }
  std::optional<Role> role;
  if (changes.role) {
    role = parse_role(*changes.role);
    if (!role) {
      return Error::invalid(
          "role", "role must be one of admin, aims-manager, contributor, auditor, viewer");
    }
  }
  if (changes.status && *changes.status != "active" && *changes.status != "disabled") {
    return Error::invalid("status", "status must be active or disabled");
  }
  return db.write([&](store::Tx& tx) -> Result<User> {
    TRY_ASSIGN(auto found, sql::user_by_id(tx, org_id, user_id));
    if (!found.has_value()) return Error::not_found("no such user");
    const User before = *found;
    if (before.version != changes.expected_version) {
      return Error{ErrorCode::stale_version,
                   "the user was changed by someone else since you read it (now version " +
                       std::to_string(before.version) + ")",
                   {}};
    }
    User after = before;
    if (name) after.name = *name;
    if (role) after.role = *role;
    if (changes.status) after.status = *changes.status;
    if (after.name == before.name && after.role == before.role && after.status == before.status) {
      return before;  // nothing to change: no new version, no audit event
    }

    const bool was_active_admin = before.role == Role::admin && before.status == "active";
    const bool stays_active_admin = after.role == Role::admin && after.status == "active";
    if (was_active_admin && !stays_active_admin) {
      TRY_ASSIGN(auto admins, sql::count_active_admins(tx, org_id));
      if (admins <= 1) {
        return Error{ErrorCode::failed_precondition,
                     "the organisation must keep at least one active admin", "role"};
      }
    }
    TRY_ASSIGN(auto changed,
               sql::update_user(tx, after, changes.expected_version, now_timestamp()));
    if (changed != 1) return Error{ErrorCode::stale_version, "the user was changed meanwhile", {}};
    if (after.status == "disabled") {
      TRY(sql::delete_sessions_of_user(tx, user_id));
    }
    // Remembered sessions and tokens of the user carry the old role, name or status.
    TRY(sql::bump_credentials_generation(tx, org_id));
    const char* action = before.status != after.status
                             ? (after.status == "disabled" ? "disable" : "enable")
                             : "update";
    TRY(trail::record(tx, org_id, actor,
                      {"user", user_id, action, user_fields(before), user_fields(after)}));
    TRY_ASSIGN(auto reread, sql::user_by_id(tx, org_id, user_id));
    return *reread;
  });
}

}  // namespace aims::auth
