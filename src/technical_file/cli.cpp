// `aims technical-file show`: an auditor reads the technical file of an AI system from the
// command line, as the API's live draft.
#include "technical_file/cli.h"

#include <iostream>
#include <memory>

#include "command/common.h"
#include "technical_file/technical_file.h"

namespace aims::technical_file {
namespace {

struct ShowArgs {
  std::string db;
  std::string org;
  int64_t system_id = 0;
  int64_t model_id = 0;
  bool as_json = false;
  bool as_markdown = false;
};

void print_summary(const TechnicalFile& file) {
  std::cout << "Technical file of " << file.system_name << " (AI system #" << file.system_id
            << ")\n";
  for (const auto& s : file.sections)
    std::cout << "  " << (s.complete ? "complete   " : "INCOMPLETE ") << s.title
              << (s.complete ? "" : ": " + s.missing) << "\n";
}

int show_command(const ShowArgs& a) {
  if (a.as_json && a.as_markdown) {
    command::fail(Error::invalid("json", "choose --json or --markdown, not both"));
    return command::kUsage;
  }
  auto o = command::open_organisation(a.db, a.org);
  if (!o) return command::kFailed;
  auto file = live_file(*o->db, o->org, a.system_id,
                        a.model_id > 0 ? std::optional<int64_t>(a.model_id) : std::nullopt);
  if (!file) {
    command::fail(file.error());
    return file.error().code == ErrorCode::invalid_argument ? command::kUsage : command::kFailed;
  }
  if (a.as_json) {
    std::cout << to_json(*file).dump(2) << "\n";
  } else if (a.as_markdown) {
    std::cout << to_markdown(*file);
  } else {
    print_summary(*file);
  }
  return incomplete_titles(*file).empty() ? 0 : kIncomplete;
}

}  // namespace

void register_cli(CLI::App& app, std::function<int()>& chosen) {
  auto* group = app.add_subcommand("technical-file", "The technical file of an AI system");
  group->require_subcommand(1);
  auto a = std::make_shared<ShowArgs>();
  auto* show = group->add_subcommand(
      "show",
      "Assemble the technical file from the system's records now; exit 0 when every section is "
      "complete, 4 when one is not, 2 on a usage error");
  command::add_db_option(*show, a->db);
  command::add_org_option(*show, a->org);
  show->add_option("--system", a->system_id, "The AI system's id")->required();
  show->add_option("--model-version", a->model_id, "Only this model of the system");
  show->add_flag("--json", a->as_json, "Print JSON as the API answers");
  show->add_flag("--markdown", a->as_markdown, "Print the whole file as Markdown");
  show->callback([&chosen, a] { chosen = [a] { return show_command(*a); }; });
}

}  // namespace aims::technical_file
