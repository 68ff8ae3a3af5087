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
  auto email = rules::normalise_email(input.email, email_field);
  if (!email) return email.error();
  p.email = *email;
  auto name = rules::normalise_name(input.name.empty() ? p.email : input.name);
  if (!name) return name.error();
  p.name = *name;
  auto role = parse_role(input.role);
  if (!role) {
    return Error::invalid("role",
                          "role must be one of admin, aims-manager, contributor, auditor, viewer");
  }
  p.role = *role;
  std::string password;
  if (input.password) {
    if (Status s = check_password_policy(*input.password, p.email); !s) return s.error();
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
  auto existing = sql::credentials_by_email(tx, p.email);
  if (!existing) return existing.error();
  if (existing->has_value()) {
    return Error{ErrorCode::already_exists, "a user with this email already exists", email_field};
  }
  const std::string now = now_timestamp();
  auto id = sql::insert_user(tx, org_id, p.email, p.name, p.role, p.hash, now);
  if (!id) return id.error();
  auto user = sql::user_by_id(tx, org_id, *id);
  if (!user) return user.error();
  auto logged = trail::record(tx, org_id, actor, {"user", *id, "create", {}, user_fields(**user)});
  if (!logged) return logged.error();
  return **user;
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
  auto org_name = rules::normalise_name(name, "name");
  if (!org_name) return org_name.error();
  NewUser as_admin = admin;
  as_admin.role = "admin";
  auto prepared = prepare_user(as_admin, "admin_email");
  if (!prepared) return prepared.error();

  return db.write([&](store::Tx& tx) -> Result<std::pair<Organisation, CreatedUser>> {
    auto existing = sql::organisation_by_name(tx, *org_name);
    if (!existing) return existing.error();
    if (existing->has_value()) {
      return Error{ErrorCode::already_exists, "an organisation with this name already exists",
                   "name"};
    }
    const std::string now = now_timestamp();
    auto org_id = sql::insert_organisation(tx, *org_name, now);
    if (!org_id) return org_id.error();
    if (Status s = trail::start_chain(tx, *org_id); !s) return s.error();
    Organisation org{*org_id, *org_name, now};
    auto logged = trail::record(
        tx, org.id, actor,
        {"organisation", org.id, "create", {}, {{"name", json_text::quote(org.name)}}});
    if (!logged) return logged.error();
    auto user = insert_prepared(tx, org.id, *prepared, actor, "admin_email");
    if (!user) return user.error();
    return std::make_pair(org, CreatedUser{*user, prepared->generated_password});
  });
}

Result<Organisation> find_organisation(store::Database& db, const std::string& name) {
  return db.read([&](store::Tx& tx) -> Result<Organisation> {
    auto org = sql::organisation_by_name(tx, name);
    if (!org) return org.error();
    if (!org->has_value()) return Error::not_found("no organisation named '" + name + "'");
    return **org;
  });
}

Result<std::vector<Organisation>> list_organisations(store::Database& db) {
  return db.read([](store::Tx& tx) { return sql::organisations(tx); });
}

Result<CreatedUser> add_user(store::Database& db, int64_t org_id, const NewUser& input,
                             const trail::Actor& actor) {
  auto prepared = prepare_user(input, "email");
  if (!prepared) return prepared.error();
  return db.write([&](store::Tx& tx) -> Result<CreatedUser> {
    auto user = insert_prepared(tx, org_id, *prepared, actor, "email");
    if (!user) return user.error();
    return CreatedUser{*user, prepared->generated_password};
  });
}

Result<bool> is_active_user(store::Tx& tx, int64_t org_id, int64_t user_id) {
  auto user = sql::user_by_id(tx, org_id, user_id);
  if (!user) return user.error();
  return user->has_value() && (*user)->status == "active";
}

Result<std::vector<User>> list_users(store::Database& db, int64_t org_id) {
  return db.read([&](store::Tx& tx) { return sql::users(tx, org_id); });
}

Result<User> get_user(store::Database& db, int64_t org_id, int64_t user_id) {
  return db.read([&](store::Tx& tx) -> Result<User> {
    auto user = sql::user_by_id(tx, org_id, user_id);
    if (!user) return user.error();
    if (!user->has_value()) return Error::not_found("no such user");
    return **user;
  });
}

Result<User> find_user_by_email(store::Database& db, int64_t org_id, const std::string& email) {
  auto normal = rules::normalise_email(email);
  if (!normal) return normal.error();
  return db.read([&](store::Tx& tx) -> Result<User> {
    auto user = sql::user_by_email(tx, org_id, *normal);
    if (!user) return user.error();
    if (!user->has_value()) return Error::not_found("no user with email " + *normal);
    return **user;
  });
}

Result<User> update_user(store::Database& db, int64_t org_id, int64_t user_id,
                         const UserChanges& changes, const trail::Actor& actor) {
  std::optional<std::string> name;
  if (changes.name) {
    auto n = rules::normalise_name(*changes.name);
    if (!n) return n.error();
    name = *n;
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
    auto found = sql::user_by_id(tx, org_id, user_id);
    if (!found) return found.error();
    if (!found->has_value()) return Error::not_found("no such user");
    const User before = **found;
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
      auto admins = sql::count_active_admins(tx, org_id);
      if (!admins) return admins.error();
      if (*admins <= 1) {
        return Error{ErrorCode::failed_precondition,
                     "the organisation must keep at least one active admin", "role"};
      }
    }
    auto changed = sql::update_user(tx, after, changes.expected_version, now_timestamp());
    if (!changed) return changed.error();
    if (*changed != 1) return Error{ErrorCode::stale_version, "the user was changed meanwhile", {}};
    if (after.status == "disabled") {
      if (Status s = sql::delete_sessions_of_user(tx, user_id); !s) return s.error();
    }
    // Remembered sessions and tokens of the user carry the old role, name or status.
    TRY(sql::bump_credentials_generation(tx, org_id));
    const char* action = before.status != after.status
                             ? (after.status == "disabled" ? "disable" : "enable")
                             : "update";
    auto logged = trail::record(tx, org_id, actor,
                                {"user", user_id, action, user_fields(before), user_fields(after)});
    if (!logged) return logged.error();
    auto reread = sql::user_by_id(tx, org_id, user_id);
    if (!reread) return reread.error();
    return **reread;
  });
}

}  // namespace aims::auth
