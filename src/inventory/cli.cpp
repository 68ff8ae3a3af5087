#include "inventory/cli.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "base/text.h"
#include "cli/common.h"
#include "http/parse/json_input.h"
#include "inventory/json.h"
#include "inventory/rules.h"

namespace aims::inventory {
namespace {

using aims::cli::fail;
using aims::cli::kFailed;

struct Args {
  std::string db, org, format = "table", file, out, search, archived = "exclude";
  std::vector<std::string> sets;
  int64_t id = 0;
  bool dry_run = false;
};

struct Opened {
  std::unique_ptr<store::Database> db;
  int64_t org = 0;
};

std::optional<Opened> open(const Args& a) {
  Opened o;
  o.db = cli::open_database(a.db);
  if (!o.db) return std::nullopt;
  auto org = cli::organisation(*o.db, a.org);
  if (!org) return std::nullopt;
  o.org = org->id;
  return o;
}

Result<Archived> archived_mode(const std::string& text) {
  if (text == "exclude") return Archived::exclude;
  if (text == "include") return Archived::include;
  if (text == "only") return Archived::only;
  return Error::invalid("archived", "--archived must be exclude, include or only");
}

std::string read_all(std::istream& in) {
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// "-" is standard input.
Result<std::string> read_file(const std::string& path) {
  if (path == "-") return read_all(std::cin);
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::invalid("file", "cannot read " + path);
  return read_all(in);
}

void print_row(const Record& r) {
  const Entity& e = entity(r.kind);
  std::cout << r.id << "\t" << r.display_name();
  for (const char* key : e.list_keys) {
    if (std::string_view(key) != "name")
      std::cout << "\t" << rules::to_text(r.values.at(key), "; ");
  }
  if (r.archived_at) std::cout << "\tarchived";
  std::cout << "\n";
}

int list_command(Kind kind, const Args& a) {
  auto o = open(a);
  if (!o) return kFailed;
  auto archived = archived_mode(a.archived);
  if (!archived) return fail(archived.error());
  ListQuery q;
  q.search = a.search;
  q.archived = *archived;
  q.limit = 1000;
  nlohmann::json items = nlohmann::json::array();
  while (true) {
    auto page = list(*o->db, o->org, kind, q);
    if (!page) return fail(page.error());
    for (const auto& r : page->items) {
      if (a.format == "json")
        items.push_back(to_json(r));
      else
        print_row(r);
    }
    if (!page->next_cursor) break;
    q.cursor = page->next_cursor;
  }
  if (a.format == "json") std::cout << items.dump(2) << "\n";
  return 0;
}

int show_command(Kind kind, const Args& a) {
  auto o = open(a);
  if (!o) return kFailed;
  auto r = get(*o->db, o->org, kind, a.id);
  if (!r) return fail(r.error());
  std::cout << to_json(*r).dump(2) << "\n";
  return 0;
}

// A record from --file (JSON as the API takes it) and --set key=value pairs (text as in CSV).
Result<Record> record_input(Kind kind, const Args& a) {
  Record r;
  r.kind = kind;
  if (!a.file.empty()) {
    auto text = read_file(a.file);
    if (!text) return text.error();
    auto in = http::JsonInput::parse(*text);
    if (!in) return in.error();
    r = from_json(kind, *in);
    if (Status s = in->finish(); !s) return s.error();
  }
  const Entity& e = entity(kind);
  for (const auto& assignment : a.sets) {
    const auto eq = assignment.find('=');
    if (eq == std::string::npos)
      return Error::invalid("set", "--set takes KEY=VALUE, e.g. --set risk_tier=high");
    const std::string key = assignment.substr(0, eq), text = assignment.substr(eq + 1);
    if (const Link* l = find_link(e, key)) {
      auto& ids = r.links[l->key];
      ids.clear();
      for (auto part : split(text, ';')) {
        if (trim(part).empty()) continue;
        const int64_t id = std::strtoll(std::string(trim(part)).c_str(), nullptr, 10);
        if (id < 1)
          return Error::invalid(l->key, std::string(l->key) + " takes record ids separated by ';'");
        ids.push_back(id);
      }
      continue;
    }
    const Field* f = find_field(e, key);
    if (!f) return Error::invalid(key, "unknown field " + key);
    auto value = rules::parse_text(*f, text, ';');
    if (!value) return value.error();
    r.values[f->key] = std::move(*value);
  }
  return r;
}

int add_command(Kind kind, const Args& a) {
  auto o = open(a);
  if (!o) return kFailed;
  auto input = record_input(kind, a);
  if (!input) return fail(input.error());
  auto created = create(*o->db, o->org, kind, *input, cli::cli_actor());
  if (!created) return fail(created.error());
  std::cout << to_json(*created).dump(2) << "\n";
  return 0;
}

int import_command(Kind kind, const Args& a) {
  auto o = open(a);
  if (!o) return kFailed;
  auto text = read_file(a.file);
  if (!text) return fail(text.error());
  auto report = import_csv(*o->db, o->org, kind, *text, a.dry_run, cli::cli_actor());
  if (!report) return fail(report.error());
  for (const auto& e : report->errors) {
    std::cerr << "row " << e.row << ", column " << e.field << ": " << e.message << "\n";
  }
  if (!report->errors.empty()) {
    std::cerr << "aims: " << report->errors.size() << " of " << report->rows
              << " rows have errors; nothing was imported\n";
    return kFailed;
  }
  std::cout << (report->committed ? "Imported " : "Checked ") << report->rows << " rows"
            << (report->committed ? "" : "; all valid (run without --dry-run to import)") << "\n";
  return 0;
}

int export_command(Kind kind, const Args& a) {
  auto o = open(a);
  if (!o) return kFailed;
  auto archived = archived_mode(a.archived);
  if (!archived) return fail(archived.error());
  if (a.format != "csv" && a.format != "xlsx")
    return fail(Error::invalid("format", "--format must be csv or xlsx"));
  auto bytes = a.format == "csv" ? export_csv(*o->db, o->org, kind, *archived)
                                 : export_xlsx(*o->db, o->org, kind, *archived);
  if (!bytes) return fail(bytes.error());
  if (a.out.empty() || a.out == "-") {
    std::cout << *bytes;
  } else {
    std::ofstream out(a.out, std::ios::binary | std::ios::trunc);
    out << *bytes;
    if (!out) return fail(Error::invalid("out", "cannot write " + a.out));
  }
  return 0;
}

void add_register(CLI::App& app, std::function<int()>& chosen, Kind kind, const char* command) {
  const Entity& e = entity(kind);
  auto* group = app.add_subcommand(command, std::string("The ") + e.plural + " register");
  group->require_subcommand(1);
  auto common = [](CLI::App* sub, Args& a) {
    cli::add_db_option(*sub, a.db);
    cli::add_org_option(*sub, a.org);
  };
  auto when = [&chosen, kind](CLI::App* sub, std::shared_ptr<Args> a,
                              int (*run)(Kind, const Args&)) {
    sub->callback([&chosen, kind, a, run] { chosen = [kind, a, run] { return run(kind, *a); }; });
  };

  auto la = std::make_shared<Args>();
  auto* list_cmd =
      group->add_subcommand("list", std::string("List ") + e.plural + ": id, name, key fields");
  common(list_cmd, *la);
  list_cmd->add_option("--search", la->search, "Words in the name or description");
  list_cmd->add_option("--archived", la->archived, "exclude, include or only")
      ->capture_default_str();
  list_cmd->add_option("--format", la->format, "table or json")->capture_default_str();
  when(list_cmd, la, list_command);

  auto sa = std::make_shared<Args>();
  auto* show_cmd =
      group->add_subcommand("show", std::string("Show one ") + e.singular + " as JSON");
  common(show_cmd, *sa);
  show_cmd->add_option("--id", sa->id, "Record id")->required();
  when(show_cmd, sa, show_command);

  auto aa = std::make_shared<Args>();
  auto* add_cmd = group->add_subcommand(
      "add", std::string("Add one ") + e.singular +
                 " from --file (JSON as the API takes it) and/or --set KEY=VALUE");
  common(add_cmd, *aa);
  add_cmd->add_option("--file", aa->file, "JSON file, or - for standard input");
  add_cmd->add_option("--set", aa->sets,
                      "KEY=VALUE; lists are separated by ';', links are ids: model_ids=3;4");
  when(add_cmd, aa, add_command);

  auto ia = std::make_shared<Args>();
  auto* import_cmd = group->add_subcommand(
      "import", std::string("Import ") + e.plural +
                    " from CSV: every row is checked, then all or none are created");
  common(import_cmd, *ia);
  import_cmd
      ->add_option("--file", ia->file, "CSV file (as an export writes it), or - for standard input")
      ->required();
  import_cmd->add_flag("--dry-run", ia->dry_run, "Check every row and write nothing");
  when(import_cmd, ia, import_command);

  auto ea = std::make_shared<Args>();
  ea->format = "csv";
  auto* export_cmd =
      group->add_subcommand("export", std::string("Export the ") + e.plural + " register");
  common(export_cmd, *ea);
  export_cmd->add_option("--format", ea->format, "csv or xlsx")->capture_default_str();
  export_cmd->add_option("--out", ea->out, "File to write (default: standard output)");
  export_cmd->add_option("--archived", ea->archived, "exclude, include or only")
      ->capture_default_str();
  when(export_cmd, ea, export_command);
}

}  // namespace

void register_cli(CLI::App& app, std::function<int()>& chosen) {
  add_register(app, chosen, Kind::ai_system, "systems");
  add_register(app, chosen, Kind::model, "models");
  add_register(app, chosen, Kind::dataset, "datasets");
  add_register(app, chosen, Kind::supplier, "suppliers");
}

}  // namespace aims::inventory
