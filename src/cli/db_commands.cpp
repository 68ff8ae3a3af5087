// db migrate, check (db_check.cpp), backup and restore (db_backup.cpp), and version.
#include <iostream>

#include "cli/common.h"
#include "store/migrate.h"

namespace aims::cli {

void register_db_commands(CLI::App& app, Action& chosen) {
  auto* db = app.add_subcommand("db", "Database maintenance");
  db->require_subcommand(1);
  auto url = std::make_shared<std::string>();
  auto* migrate = db->add_subcommand("migrate", "Apply pending schema migrations");
  add_db_option(*migrate, *url);
  migrate->callback([&chosen, url] {
    chosen = [url] {
      auto database = store::Database::open(*url);
      if (!database) return fail(database.error());
      auto applied = store::migrate(**database);
      if (!applied) return fail(applied.error());
      if (applied->empty()) std::cout << "The schema is up to date.\n";
      for (const auto& name : *applied)
        std::cout << "Applied " << name << "\n";
      return 0;
    };
  });

  register_db_check_command(*db, chosen);
  register_db_backup_commands(*db, chosen);
  register_db_copy_command(*db, chosen);

  auto* version = app.add_subcommand("version", "Print the version of aims");
  version->callback([&chosen] {
    chosen = [] {
      std::cout << "aims " << AIMS_VERSION << "\n";
      return 0;
    };
  });
}

}  // namespace aims::cli
