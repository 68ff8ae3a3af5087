#include "data/cli.h"

#include <iostream>
#include <memory>

#include "command/common.h"
#include "data/data.h"
#include "records/json.h"

namespace aims::data {
namespace {

struct Args {
  std::string db, org, file;
  int64_t id = 0;
};

int hash_command(const Args& a) {
  auto o = command::open_organisation(a.db, a.org);
  if (!o) return command::kFailed;
  // Another organisation's version is refused before the file is read.
  if (auto found = records::get(*o->db, dataset_versions(), o->org, a.id); !found)
    return command::fail(found.error());
  auto profile = profile_file(a.file, a.file);
  if (!profile) return command::fail(profile.error());
  const records::Caller caller{command::cli_actor(), std::nullopt, std::nullopt};
  auto version = record_content(*o->db, o->org, a.id, *profile, caller);
  if (!version) return command::fail(version.error());
  std::cout << records::to_json(dataset_versions(), *version).dump(2) << "\n";
  return 0;
}

}  // namespace

void register_cli(CLI::App& app, std::function<int()>& chosen) {
  CLI::App* versions = app.get_subcommand(dataset_versions().command);
  auto a = std::make_shared<Args>();
  auto* hash = versions->add_subcommand(
      "hash",
      "Compute a version's SHA-256, size, rows and schema from its file (CSV or JSON "
      "Lines, gzip or not)");
  command::add_db_option(*hash, a->db);
  command::add_org_option(*hash, a->org);
  hash->add_option("--id", a->id, "The dataset version's id")->required();
  hash->add_option("file", a->file, "The version's file")->required();
  hash->callback([&chosen, a] { chosen = [a] { return hash_command(*a); }; });
}

}  // namespace aims::data
