// `aims frameworks list|export|import`: what the frameworks page and API offer, for scripts.
#include "controls/cli.h"

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <utility>

#include "command/common.h"
#include "controls/catalog_store.h"
#include "controls/oscal.h"

namespace aims::controls {
namespace {

using command::fail;
using command::kFailed;

struct Args {
  std::string db, org, key, file;
};

// A table for people, as `aims <register> list` prints one: a header row, tabs between columns.
int list_command(const Args& a) {
  auto o = command::open_organisation(a.db, a.org);
  if (!o) return kFailed;
  auto frameworks = list_frameworks(*o->db, o->org);
  if (!frameworks) return fail(frameworks.error());
  std::cout << "Key\tShort name\tName\tOrigin\tRequirements and controls\n";
  for (const auto& f : *frameworks) {
    std::cout << f.key << "\t" << f.short_name << "\t" << f.name << "\t"
              << (f.built_in ? "built-in" : "own") << "\t" << f.assessable << "\n";
  }
  return 0;
}

// The same document GET /api/v1/frameworks/{key}/oscal downloads.
int export_command(const Args& a) {
  auto o = command::open_organisation(a.db, a.org);
  if (!o) return kFailed;
  auto f = stored_framework(*o->db, o->org, a.key);
  if (!f) return fail(f.error());
  std::cout << oscal_catalog(*f, oscal_now()).dump(1) << "\n";
  return 0;
}

int import_command(const Args& a) {
  std::ifstream in(a.file, std::ios::binary);
  if (!in) return fail(Error::invalid("file", "cannot read " + a.file));
  std::ostringstream text;
  text << in.rdbuf();
  auto o = command::open_organisation(a.db, a.org);
  if (!o) return kFailed;
  auto f = import_own_framework(*o->db, o->org, a.key, text.str(), command::cli_actor());
  if (!f) return fail(f.error());
  int64_t assessable = 0;
  for (const auto& i : f->items)
    assessable += i.assessable();
  std::cout << "Imported \"" << f->name << "\" as " << f->key << ": " << f->items.size()
            << " items, " << assessable << " requirements and controls\n";
  return 0;
}

}  // namespace

void register_cli(CLI::App& app, std::function<int()>& chosen) {
  auto* group =
      app.add_subcommand("frameworks", "Framework catalogs: list, export as OSCAL, import");
  group->require_subcommand(1);
  // A subcommand with --db and --org whose parse makes `run` the chosen action.
  auto add = [group, &chosen](const char* name, const char* help, int (*run)(const Args&)) {
    auto args = std::make_shared<Args>();
    CLI::App* sub = group->add_subcommand(name, help);
    command::add_db_option(*sub, args->db);
    command::add_org_option(*sub, args->org);
    sub->callback([&chosen, args, run] { chosen = [args, run] { return run(*args); }; });
    return std::pair{sub, args};
  };

  add("list", "List frameworks: key, short name, name, built-in or own, requirements and controls",
      list_command);
  auto [export_cmd, ea] =
      add("export", "Print a framework as an OSCAL 1.2 catalog (JSON)", export_command);
  export_cmd->add_option("key", ea->key, "The framework's key, as list shows it")->required();
  auto [import_cmd, ia] =
      add("import", "Import an OSCAL catalog (JSON) as the organisation's own framework",
          import_command);
  import_cmd->add_option("--key", ia->key, "Key for the new framework, such as nist-sp-800-53")
      ->required();
  import_cmd->add_option("file", ia->file, "The OSCAL catalog JSON file")->required();
}

}  // namespace aims::controls
