// `aims lifecycle-policy show [--json]` and `aims lifecycle-policy set --file policy.json`: the
// organisation's lifecycle policy read and adopted from automation, as the API takes it.
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "command/common.h"
#include "lifecycle/cli.h"
#include "lifecycle/lifecycle.h"

namespace aims::lifecycle {
namespace {

struct PolicyArgs {
  std::string db;
  std::string org;
  std::string file;
  bool as_json = false;
};

void print_policy(const LifecyclePolicy& p) {
  std::cout << "Lifecycle policy "
            << (p.version == 0 ? std::string("(aims' default)")
                               : "version " + std::to_string(p.version) + ", adopted " +
                                     p.changed_at.substr(0, 10) + " by " + p.changed_by)
            << "\n";
  for (const auto& stage : policy_stages()) {
    std::cout << "\nTo enter " << stage << ":\n";
    const auto& criteria =
        p.criteria.count(stage) ? p.criteria.at(stage) : std::map<std::string, std::string>{};
    for (const auto& key : gate_criterion_keys())
      if (criteria.count(key))
        std::cout << "  from " << criteria.at(key) << ": " << gate_criterion_label(key) << "\n";
    for (const auto& tier : risk_tiers()) {
      const StageApprovals a = stage_approvals(p, stage, tier);
      std::string roles;
      for (const auto role : a.roles)
        roles += (roles.empty() ? "" : " or ") + role_label(role);
      std::cout << "  " << tier << " tier: " << a.count << " approval" << (a.count == 1 ? "" : "s")
                << " from " << roles << "\n";
    }
  }
}

int show_command(const PolicyArgs& a) {
  auto o = command::open_organisation(a.db, a.org);
  if (!o) return command::kFailed;
  auto policy = current_policy(*o->db, o->org);
  if (!policy) return command::fail(policy.error());
  if (a.as_json) {
    std::cout << to_json(*policy).dump(2) << "\n";
  } else {
    print_policy(*policy);
  }
  return 0;
}

// A file that cannot be read or is no policy is the caller's mistake: exit 2, naming the field.
int set_command(const PolicyArgs& a) {
  std::ifstream in(a.file);
  if (!in) {
    command::fail(Error::invalid("file", "cannot read " + a.file));
    return command::kUsage;
  }
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::json body = nlohmann::json::parse(text.str(), nullptr, false);
  if (body.is_discarded()) {
    command::fail(Error::invalid("file", a.file + " is not JSON"));
    return command::kUsage;
  }
  auto o = command::open_organisation(a.db, a.org);
  if (!o) return command::kFailed;
  auto proposed = policy_from_json(body);
  if (proposed && !body.contains("version")) {  // a file written by hand builds on what is in force
    auto current = current_policy(*o->db, o->org);
    if (!current) return command::fail(current.error());
    proposed->version = current->version;
  }
  auto adopted = proposed ? adopt_policy(*o->db, o->org, *proposed, {.actor = command::cli_actor()})
                          : Result<LifecyclePolicy>(proposed.error());
  if (!adopted) {
    command::fail(adopted.error());
    return adopted.error().code == ErrorCode::invalid_argument ? command::kUsage : command::kFailed;
  }
  std::cout << "Adopted version " << adopted->version << " of the lifecycle policy.\n";
  return 0;
}

}  // namespace

void register_policy_cli(CLI::App& app, std::function<int()>& chosen) {
  auto* group = app.add_subcommand("lifecycle-policy",
                                   "The organisation's lifecycle policy: gate criteria by stage "
                                   "and risk tier, and the approvals of stage changes");
  group->require_subcommand(1);
  auto a = std::make_shared<PolicyArgs>();
  auto* show = group->add_subcommand("show", "Print the policy in force");
  command::add_db_option(*show, a->db);
  command::add_org_option(*show, a->org);
  show->add_flag("--json", a->as_json, "Print JSON as the API answers");
  show->callback([&chosen, a] { chosen = [a] { return show_command(*a); }; });
  auto* set = group->add_subcommand(
      "set",
      "Adopt a new version from a JSON file shaped as `show --json` prints it, with a "
      "\"reason\"; exit 2 when the file or a field is wrong");
  command::add_db_option(*set, a->db);
  command::add_org_option(*set, a->org);
  set->add_option("--file", a->file, "The policy as JSON")->required();
  set->callback([&chosen, a] { chosen = [a] { return set_command(*a); }; });
}

}  // namespace aims::lifecycle
