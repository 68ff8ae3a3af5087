// init, org add, user add|list|disable, token create|revoke.
#include <iostream>

#include "auth/passwords.h"
#include "cli/common.h"

namespace aims::cli {
namespace {

void print_user(const auth::User& u) {
  std::cout << u.id << "\t" << u.email << "\t" << u.name << "\t" << auth::to_string(u.role) << "\t"
            << u.status << "\n";
}

void print_generated(const std::optional<std::string>& password, const std::string& email) {
  if (password) {
    std::cout << "Password for " << email << " (shown once, store it now): " << *password << "\n";
  }
}

// The key auditors pin, shown when the organisation starts. The key file is made here when it
// has a known place; otherwise the first command that signs says what is missing.
void print_signing_key(const std::string& url, const std::string& key_file,
                       const auth::Organisation& org) {
  if (!key_file_path(url, key_file)) {
    std::cout << "The audit trail will be signed once every server of this database is given "
                 "the same key file (--key-file or AIMS_KEY_FILE); then 'aims audit public-key' "
                 "prints the key auditors pin.\n";
    return;
  }
  if (auto keys = signing_keys(url, key_file)) {
    std::cout << "Public key of its audit trail, for auditors to pin:\n";
    print_public_key(*keys, org);
  }
}

struct OrgArgs {
  std::string db, org, admin, admin_name, key_file;
};

int create_org(const OrgArgs& args) {
  auto db = open_database(args.db);
  if (!db) return kFailed;
  auth::NewUser admin{args.admin, args.admin_name, "admin", secret_from_env("AIMS_ADMIN_PASSWORD")};
  auto created = auth::create_organisation(*db, args.org, admin, cli_actor());
  if (!created) return fail(created.error());
  std::cout << "Created organisation \"" << created->first.name << "\" with admin "
            << created->second.user.email << "\n";
  print_generated(created->second.generated_password, created->second.user.email);
  print_signing_key(args.db, args.key_file, created->first);
  return 0;
}

void add_org_commands(CLI::App& app, Action& chosen) {
  auto init_args = std::make_shared<OrgArgs>();
  auto* init = app.add_subcommand(
      "init",
      "Create the schema, the first organisation and its admin. The admin's password is "
      "read from AIMS_ADMIN_PASSWORD, or generated and printed once.");
  add_db_option(*init, init_args->db);
  init->add_option("--org", init_args->org, "Organisation name")->required();
  init->add_option("--admin", init_args->admin, "Admin's email")->required();
  init->add_option("--admin-name", init_args->admin_name, "Admin's display name");
  add_key_file_option(*init, init_args->key_file);
  init->callback([&chosen, init_args] { chosen = [init_args] { return create_org(*init_args); }; });

  auto* org = app.add_subcommand("org", "Organisations (tenants)");
  org->require_subcommand(1);
  auto add_args = std::make_shared<OrgArgs>();
  auto* add =
      org->add_subcommand("add", "Add an organisation and its admin (password as for init)");
  add_db_option(*add, add_args->db);
  add->add_option("--name", add_args->org, "Organisation name")->required();
  add->add_option("--admin", add_args->admin, "Admin's email")->required();
  add->add_option("--admin-name", add_args->admin_name, "Admin's display name");
  add_key_file_option(*add, add_args->key_file);
  add->callback([&chosen, add_args] { chosen = [add_args] { return create_org(*add_args); }; });
  auto list_db = std::make_shared<std::string>();
  auto* list = org->add_subcommand("list", "List organisations");
  add_db_option(*list, *list_db);
  list->callback([&chosen, list_db] {
    chosen = [list_db] {
      auto db = open_database(*list_db);
      if (!db) return kFailed;
      auto orgs = auth::list_organisations(*db);
      if (!orgs) return fail(orgs.error());
      for (const auto& o : *orgs)
        std::cout << o.id << "\t" << o.name << "\t" << o.created_at << "\n";
      return 0;
    };
  });
}

void add_user_commands(CLI::App& app, Action& chosen) {
  struct Args {
    std::string db, org, email, name, role = "contributor";
  };
  auto* user = app.add_subcommand("user", "Users of an organisation");
  user->require_subcommand(1);

  auto add_args = std::make_shared<Args>();
  auto* add = user->add_subcommand(
      "add",
      "Add a user. The password is read from AIMS_USER_PASSWORD, or generated and printed once.");
  add_db_option(*add, add_args->db);
  add_org_option(*add, add_args->org);
  add->add_option("--email", add_args->email, "Email (the sign-in name)")->required();
  add->add_option("--name", add_args->name, "Display name");
  add->add_option("--role", add_args->role, "admin, aims-manager, contributor, auditor or viewer")
      ->capture_default_str();
  add->callback([&chosen, add_args] {
    chosen = [a = add_args] {
      auto db = open_database(a->db);
      if (!db) return kFailed;
      auto org = organisation(*db, a->org);
      if (!org) return kFailed;
      auto created = auth::add_user(
          *db, org->id, {a->email, a->name, a->role, secret_from_env("AIMS_USER_PASSWORD")},
          cli_actor());
      if (!created) return fail(created.error());
      print_user(created->user);
      print_generated(created->generated_password, created->user.email);
      return 0;
    };
  });

  auto list_args = std::make_shared<Args>();
  auto* list = user->add_subcommand("list", "List users: id, email, name, role, status");
  add_db_option(*list, list_args->db);
  add_org_option(*list, list_args->org);
  list->callback([&chosen, list_args] {
    chosen = [a = list_args] {
      auto db = open_database(a->db);
      if (!db) return kFailed;
      auto org = organisation(*db, a->org);
      if (!org) return kFailed;
      auto users = auth::list_users(*db, org->id);
      if (!users) return fail(users.error());
      for (const auto& u : *users)
        print_user(u);
      return 0;
    };
  });

  auto disable_args = std::make_shared<Args>();
  auto* disable =
      user->add_subcommand("disable", "Disable a user: no sign-in, tokens stop working");
  add_db_option(*disable, disable_args->db);
  add_org_option(*disable, disable_args->org);
  disable->add_option("--email", disable_args->email, "The user's email")->required();
  disable->callback([&chosen, disable_args] {
    chosen = [a = disable_args] {
      auto db = open_database(a->db);
      if (!db) return kFailed;
      auto org = organisation(*db, a->org);
      if (!org) return kFailed;
      auto user = auth::find_user_by_email(*db, org->id, a->email);
      if (!user) return fail(user.error());
      auth::UserChanges change;
      change.status = "disabled";
      change.expected_version = user->version;
      auto updated = auth::update_user(*db, org->id, user->id, change, cli_actor());
      if (!updated) return fail(updated.error());
      print_user(*updated);
      return 0;
    };
  });
}

void add_token_commands(CLI::App& app, Action& chosen) {
  struct Args {
    std::string db, org, user, name;
    int expires_days = 0;
    int64_t id = 0;
  };
  auto* token = app.add_subcommand("token", "API tokens for automation");
  token->require_subcommand(1);

  auto create_args = std::make_shared<Args>();
  auto* create = token->add_subcommand("create", "Create a token acting as a user; prints it once");
  add_db_option(*create, create_args->db);
  add_org_option(*create, create_args->org);
  create->add_option("--user", create_args->user, "Email of the user the token acts as")
      ->required();
  create->add_option("--name", create_args->name, "A label, e.g. ci-fairness-gate")->required();
  create->add_option("--expires-days", create_args->expires_days,
                     "Days until it expires (0: never)");
  create->callback([&chosen, create_args] {
    chosen = [a = create_args] {
      auto db = open_database(a->db);
      if (!db) return kFailed;
      auto org = organisation(*db, a->org);
      if (!org) return kFailed;
      auto user = auth::find_user_by_email(*db, org->id, a->user);
      if (!user) return fail(user.error());
      auto created = auth::create_token(
          *db, org->id, user->id, a->name,
          a->expires_days > 0 ? std::optional<int>(a->expires_days) : std::nullopt, cli_actor());
      if (!created) return fail(created.error());
      std::cerr << "Token " << created->token.id << " \"" << created->token.name
                << "\" created; it is shown once:\n";
      std::cout << created->secret << "\n";
      return 0;
    };
  });

  auto revoke_args = std::make_shared<Args>();
  auto* revoke = token->add_subcommand("revoke", "Revoke a token by id");
  add_db_option(*revoke, revoke_args->db);
  add_org_option(*revoke, revoke_args->org);
  revoke->add_option("--id", revoke_args->id, "Token id")->required();
  revoke->callback([&chosen, revoke_args] {
    chosen = [a = revoke_args] {
      auto db = open_database(a->db);
      if (!db) return kFailed;
      auto org = organisation(*db, a->org);
      if (!org) return kFailed;
      auto revoked = auth::revoke_token(*db, org->id, a->id, cli_actor());
      if (!revoked) return fail(revoked.error());
      std::cout << "Revoked token " << revoked->id << " \"" << revoked->name << "\"\n";
      return 0;
    };
  });
}

}  // namespace

void register_account_commands(CLI::App& app, Action& chosen) {
  add_org_commands(app, chosen);
  add_user_commands(app, chosen);
  add_token_commands(app, chosen);
}

}  // namespace aims::cli
