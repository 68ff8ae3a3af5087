// aims demo seed: a worked-example organisation for `make demo`, built through the same module
// functions the UI and API use, so every record also has its audit-trail events.
#include <iostream>

#include "base/time.h"
#include "cli/common.h"
#include "cli/demo.h"

namespace aims::cli {

std::string days_from_today(int64_t days) {
  const auto today = parse_date_days(now_timestamp().substr(0, 10));
  return format_timestamp((*today + days) * 86'400'000'000LL).substr(0, 10);
}

namespace {

constexpr const char* kOrganisation = "Meridian Holdings";

struct Person {
  const char* email;
  const char* name;
  const char* role;
  const char* what;
};

const Person kPeople[] = {
    {"admin@meridian.example", "Ada Okafor", "admin", "platform administrator"},
    {"aims.manager@meridian.example", "Priya Raman", "aims-manager",
     "runs the AI management system"},
    {"data.science@meridian.example", "Tomás Silva", "contributor", "data scientist, system owner"},
    {"auditor@meridian.example", "Grace Lindqvist", "auditor", "internal auditor"},
    {"cfo@meridian.example", "Henrik Mwangi", "viewer", "executive sponsor"},
    // A second approver, so a stage change the lifecycle policy asks two approvals of can get
    // them from people who neither requested it nor own the system.
    {"deputy.manager@meridian.example", "Samuel Osei", "aims-manager", "deputy AIMS manager"},
};

int seed(const std::string& url, const std::string& key_file) {
  auto db = open_database(url);
  if (!db) return kFailed;
  auto keys = signing_keys(url, key_file);
  if (!keys) return kFailed;
  const std::string password = secret_from_env("AIMS_DEMO_PASSWORD").value_or("meridian-demo-2026");
  const trail::Actor actor{"system", std::nullopt, "demo seed"};
  auto created = auth::create_organisation(
      *db, kOrganisation, {kPeople[0].email, kPeople[0].name, "admin", password}, actor);
  if (!created) return fail(created.error());
  const int64_t org = created->first.id;
  std::vector<trail::Actor> actors = {{"user", created->second.user.id, kPeople[0].email}};
  for (size_t i = 1; i < std::size(kPeople); ++i) {
    auto user = auth::add_user(
        *db, org, {kPeople[i].email, kPeople[i].name, kPeople[i].role, password}, actor);
    if (!user) return fail(user.error());
    actors.push_back({"user", user->user.id, kPeople[i].email});
  }
  const DemoPeople people{actors[0], actors[1], actors[2]};
  if (Status s = seed_demo_inventory(*db, org, people); !s) return fail(s.error());
  if (Status s = seed_demo_monitoring(*db, org, people); !s) return fail(s.error());
  if (Status s = seed_demo_documents(*db, org, people); !s) return fail(s.error());
  if (Status s = seed_demo_controls(*db, org, people); !s) return fail(s.error());
  if (Status s = seed_demo_changes(*db, org, people); !s) return fail(s.error());
  if (Status s = seed_demo_risk(*db, org, people); !s) return fail(s.error());
  if (Status s = seed_demo_context(*db, org, people); !s) return fail(s.error());
  if (Status s = seed_demo_objectives(*db, org, people); !s) return fail(s.error());
  if (Status s = seed_demo_leadership(*db, org, people); !s) return fail(s.error());
  if (Status s = seed_demo_roles(*db, org, people); !s) return fail(s.error());
  if (Status s = seed_demo_improvement(*db, org, people); !s) return fail(s.error());
  if (Status s = seed_demo_internal_audit(*db, org, people); !s) return fail(s.error());
  if (Status s = seed_demo_concerns(*db, org, people); !s) return fail(s.error());
  if (Status s = seed_demo_notify(*db, org, people, *keys); !s) return fail(s.error());
  if (Status s = seed_demo_customers(*db, org, people); !s) return fail(s.error());
  if (Status s = seed_demo_suppliers(*db, org, people); !s) return fail(s.error());
  if (Status s = seed_demo_resources(*db, org, people); !s) return fail(s.error());
  if (Status s = seed_demo_data(*db, org, people); !s) return fail(s.error());
  if (Status s = seed_demo_data_quality(*db, org, people); !s) return fail(s.error());
  if (Status s = seed_demo_oversight(*db, org, people); !s) return fail(s.error());
  if (Status s = seed_demo_sysdocs(*db, org, people); !s) return fail(s.error());
  if (Status s = seed_demo_lifecycle(*db, org, people); !s) return fail(s.error());
  if (Status s = seed_demo_retention(*db, org, people); !s) return fail(s.error());
  if (Status s = seed_demo_review(*db, org, people); !s) return fail(s.error());
  // After the review: the plan's approver is top management, which the review's seed appoints.
  if (Status s = seed_demo_resource_plan(*db, org, people); !s) return fail(s.error());
  std::cout << "Seeded \"" << kOrganisation
            << "\". Sign in with any of these (password: " << password << "):\n";
  for (const auto& p : kPeople) {
    std::cout << "  " << p.email << "  " << p.role << "  (" << p.name << ", " << p.what << ")\n";
  }
  return 0;
}

}  // namespace

void register_demo_commands(CLI::App& app, Action& chosen) {
  auto* demo = app.add_subcommand("demo", "The worked-example organisation");
  demo->require_subcommand(1);
  auto url = std::make_shared<std::string>();
  auto key_file = std::make_shared<std::string>();
  auto* seed_cmd = demo->add_subcommand(
      "seed",
      "Create the Meridian Holdings example in an empty database (password: $AIMS_DEMO_PASSWORD "
      "or meridian-demo-2026)");
  add_db_option(*seed_cmd, *url);
  add_key_file_option(*seed_cmd, *key_file);
  seed_cmd->callback(
      [&chosen, url, key_file] { chosen = [url, key_file] { return seed(*url, *key_file); }; });
}

}  // namespace aims::cli
