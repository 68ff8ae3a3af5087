// `aims <register> list|show|add|import|export|attach|attachments` for every register, from its
// description.
#include "records/cli.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "auth/auth.h"
#include "base/text.h"
#include "command/common.h"
#include "records/attachments.h"
#include "records/exchange.h"
#include "records/json.h"
#include "records/rules.h"

namespace aims::records {
namespace {

using command::fail;
using command::kFailed;

struct Args {
  std::string db, org, format = "table", file, out, search, archived = "exclude", name;
  std::vector<std::string> sets;
  int64_t id = 0;
  bool dry_run = false;
};

Caller cli_caller() {
  return {command::cli_actor(), std::nullopt, std::nullopt};
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

// A table for people: a header row, then one row per record; tabs between columns.
void print_header(const Description& d) {
  std::cout << "ID";
  for (const char* key : d.list_columns) {
    const Field* f = d.field(key);
    std::cout << "\t" << (f ? f->label : "State");
  }
  std::cout << "\n";
}

// What the table shows instead of ids, as the pages do: people by name, referenced records by
// their display names.
struct Names {
  std::map<int64_t, std::string> users;
  ReferencedNames records;
};

// The name for `id`, or "#12" where none is known.
std::string name_of(const std::map<int64_t, std::string>& users, int64_t id) {
  auto it = users.find(id);
  return it == users.end() ? "#" + std::to_string(id) : it->second;
}
std::string name_of(const std::map<int64_t, Named>& records, int64_t id) {
  auto it = records.find(id);
  return it == records.end() ? "#" + std::to_string(id) : it->second.name;
}

void print_row(const Description& d, const Record& r, const Names& names) {
  std::cout << r.id;
  for (const char* key : d.list_columns) {
    std::cout << "\t";
    if (std::string_view(key) == d.title_field) {
      std::cout << d.display_name(r);
      continue;
    }
    if (std::string_view(key) == "state") {
      const State* s = d.state(r.state);
      std::cout << (s ? s->label : r.state);
      continue;
    }
    const Field* f = d.field(key);
    if (f->type == FieldType::choice) {
      std::cout << d.choice_label(key, r.text(key));
    } else if (f->type == FieldType::user_ref) {
      if (auto id = r.number(key)) std::cout << name_of(names.users, *id);
    } else if (f->type == FieldType::record_ref) {
      static const std::map<int64_t, Named> kNone;
      auto target = names.records.find(f->target);
      const auto& known = target == names.records.end() ? kNone : target->second;
      std::string text;
      for (int64_t id : r.ids(key))
        text += (text.empty() ? "" : "; ") + name_of(known, id);
      std::cout << text;
    } else {
      std::cout << rules::to_text(r.values.at(key), "; ");
    }
  }
  if (r.archived_at) std::cout << "\t(archived)";
  std::cout << "\n";
}

int list_command(const Description& d, const Args& a) {
  auto o = command::open_organisation(a.db, a.org);
  if (!o) return kFailed;
  auto archived = archived_mode(a.archived);
  if (!archived) return fail(archived.error());
  if (a.format != "table" && a.format != "json") {
    return fail(Error::invalid("format", "--format must be table or json"));
  }
  Query q{.search = a.search, .archived = *archived, .limit = 200};
  nlohmann::json items = nlohmann::json::array();
  Names names;
  if (a.format == "table") {
    auto users = auth::list_users(*o->db, o->org);
    if (!users) return fail(users.error());
    for (const auto& u : *users)
      names.users[u.id] = u.name;
    print_header(d);
  }
  while (true) {
    auto page = list(*o->db, d, o->org, q);
    if (!page) return fail(page.error());
    if (a.format == "table") {
      auto referenced = referenced_names(*o->db, d, o->org, page->items, d.list_columns);
      if (!referenced) return fail(referenced.error());
      names.records = std::move(*referenced);
    }
    for (const auto& r : page->items) {
      if (a.format == "json") {
        items.push_back(to_json(d, r));
      } else {
        print_row(d, r, names);
      }
    }
    if (!page->next_cursor) break;
    q.cursor = page->next_cursor;
  }
  if (a.format == "json") std::cout << items.dump(2) << "\n";
  return 0;
}

int show_command(const Description& d, const Args& a) {
  auto o = command::open_organisation(a.db, a.org);
  if (!o) return kFailed;
  auto r = get(*o->db, d, o->org, a.id);
  if (!r) return fail(r.error());
  std::cout << to_json(d, *r).dump(2) << "\n";
  return 0;
}

// A record from --file (JSON as the API takes it) and --set KEY=VALUE pairs (text as in CSV; a
// person by email is not resolved here, give the id).
Result<Record> record_input(const Description& d, const Args& a) {
  Record r;
  if (!a.file.empty()) {
    TRY_ASSIGN(const std::string text, read_file(a.file));
    auto document = nlohmann::json::parse(text, nullptr, false);
    if (document.is_discarded() || !document.is_object()) {
      return Error::malformed("the file is not a JSON object", "file");
    }
    r = from_snapshot(d, document);
    for (auto it = r.values.begin(); it != r.values.end();) {
      it = at_key(document, it->first) ? std::next(it) : r.values.erase(it);
    }
  }
  Problems problems;
  for (const auto& assignment : a.sets) {
    const auto eq = assignment.find('=');
    if (eq == std::string::npos) {
      return Error::invalid("set", "--set takes KEY=VALUE, e.g. --set risk_tier=high");
    }
    const std::string key = assignment.substr(0, eq), text = assignment.substr(eq + 1);
    const Field* f = d.field(key);
    if (!f) {
      problems.add(key, "unknown field " + key);
      continue;
    }
    auto value = rules::parse_text(*f, text, ';');
    if (!value) {
      problems.add(key, value.error().message);
      continue;
    }
    r.values[f->key] = std::move(*value);
  }
  TRY(problems.status());
  return r;
}

// Every problem at once, each on its own line.
int fail_all(const Error& error) {
  if (error.problems.empty()) return fail(error);
  std::cerr << "aims: " << error.problems.size() << " problems:\n";
  for (const auto& p : error.problems)
    std::cerr << "  " << p.field << ": " << p.message << "\n";
  return kFailed;
}

int add_command(const Description& d, const Args& a) {
  auto o = command::open_organisation(a.db, a.org);
  if (!o) return kFailed;
  auto input = record_input(d, a);
  if (!input) return fail_all(input.error());
  auto created = create(*o->db, d, o->org, *input, cli_caller());
  if (!created) return fail_all(created.error());
  std::cout << to_json(d, *created).dump(2) << "\n";
  return 0;
}

int import_command(const Description& d, const Args& a) {
  auto o = command::open_organisation(a.db, a.org);
  if (!o) return kFailed;
  auto text = read_file(a.file);
  if (!text) return fail(text.error());
  auto report = import_csv(*o->db, d, o->org, *text, a.dry_run, cli_caller());
  if (!report) return fail(report.error());
  for (const auto& e : report->errors) {
    std::cerr << "row " << e.row << ", column " << e.column << ": " << e.message << "\n";
  }
  if (report->error_count > 0) {
    std::cerr << "aims: " << report->error_count << " problem(s) in " << report->rows
              << " rows; nothing was imported\n";
    return kFailed;
  }
  std::cout << (report->committed ? "Imported " : "Checked ") << report->rows << " rows"
            << (report->committed ? "" : "; all valid (run without --dry-run to import)") << "\n";
  return 0;
}

int export_command(const Description& d, const Args& a) {
  auto o = command::open_organisation(a.db, a.org);
  if (!o) return kFailed;
  auto archived = archived_mode(a.archived);
  if (!archived) return fail(archived.error());
  if (a.format != "csv" && a.format != "xlsx") {
    return fail(Error::invalid("format", "--format must be csv or xlsx"));
  }
  const Query q{.search = a.search, .archived = *archived};
  auto bytes =
      a.format == "csv" ? export_csv(*o->db, d, o->org, q) : export_xlsx(*o->db, d, o->org, q);
  if (!bytes) return fail(bytes.error());
  if (a.out.empty() || a.out == "-") {
    std::cout << *bytes;
    return 0;
  }
  std::ofstream out(a.out, std::ios::binary | std::ios::trunc);
  out << *bytes;
  if (!out) return fail(Error::invalid("out", "cannot write " + a.out));
  return 0;
}

// The file is checked and read within the size limit before anything is written.
int attach_command(const Description& d, const Args& a) {
  auto o = command::open_organisation(a.db, a.org);
  if (!o) return kFailed;
  auto content = read_attachment_file(a.file);
  if (!content) return fail(content.error());
  const std::string name = a.name.empty() ? a.file : a.name;
  auto attached = attach_file(*o->db, d, o->org, a.id, name, std::move(*content), cli_caller());
  if (!attached) return fail(attached.error());
  std::cout << "Attached " << attached->name << " (" << attached->media_type << ", "
            << attached->size << " bytes, sha256 " << attached->sha256 << ") as attachment "
            << attached->id << "\n";
  return 0;
}

int attachments_command(const Description& d, const Args& a) {
  auto o = command::open_organisation(a.db, a.org);
  if (!o) return kFailed;
  auto all = attachments(*o->db, d, o->org, a.id);
  if (!all) return fail(all.error());
  std::cout << "ID\tName\tType\tBytes\tSHA-256 or address\tAdded by\tAdded at\n";
  for (const auto& at : *all) {
    std::cout << at.id << "\t" << at.name << "\t" << (at.is_link ? "link" : at.media_type) << "\t"
              << at.size << "\t" << (at.is_link ? at.url : at.sha256) << "\t" << at.added_by_label
              << "\t" << at.added_at << "\n";
  }
  return 0;
}

using Run = int (*)(const Description&, const Args&);

}  // namespace

void register_cli(CLI::App& app, std::function<int()>& chosen, const Description& d) {
  auto* group = app.add_subcommand(d.command, std::string("The ") + d.plural + " register");
  group->require_subcommand(1);
  auto common = [](CLI::App* sub, Args& a) {
    command::add_db_option(*sub, a.db);
    command::add_org_option(*sub, a.org);
  };
  auto when = [&chosen, &d](CLI::App* sub, std::shared_ptr<Args> a, Run run) {
    sub->callback([&chosen, &d, a, run] { chosen = [&d, a, run] { return run(d, *a); }; });
  };

  auto la = std::make_shared<Args>();
  auto* list_cmd =
      group->add_subcommand("list", std::string("List ") + d.plural + " with a header row");
  common(list_cmd, *la);
  list_cmd->add_option("--search", la->search, "Words of the name or text");
  list_cmd->add_option("--archived", la->archived, "exclude, include or only")
      ->capture_default_str();
  list_cmd->add_option("--format", la->format, "table or json")->capture_default_str();
  when(list_cmd, la, list_command);

  auto sa = std::make_shared<Args>();
  auto* show_cmd =
      group->add_subcommand("show", std::string("Show one ") + d.singular + " as JSON");
  common(show_cmd, *sa);
  show_cmd->add_option("--id", sa->id, "Record id")->required();
  when(show_cmd, sa, show_command);

  auto aa = std::make_shared<Args>();
  auto* add_cmd = group->add_subcommand(
      "add", std::string("Add one ") + d.singular +
                 " from --file (JSON as the API takes it) and/or --set KEY=VALUE");
  common(add_cmd, *aa);
  add_cmd->add_option("--file", aa->file, "JSON file, or - for standard input");
  add_cmd->add_option("--set", aa->sets,
                      "KEY=VALUE; lists are separated by ';', references are ids: model_ids=3;4");
  when(add_cmd, aa, add_command);

  auto ia = std::make_shared<Args>();
  auto* import_cmd = group->add_subcommand(
      "import", std::string("Import ") + d.plural +
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
      group->add_subcommand("export", std::string("Export the ") + d.plural + " register");
  common(export_cmd, *ea);
  export_cmd->add_option("--format", ea->format, "csv or xlsx")->capture_default_str();
  export_cmd->add_option("--out", ea->out, "File to write (default: standard output)");
  export_cmd->add_option("--search", ea->search, "Only the records these words find");
  export_cmd->add_option("--archived", ea->archived, "exclude, include or only")
      ->capture_default_str();
  when(export_cmd, ea, export_command);

  auto ta = std::make_shared<Args>();
  auto* attach_cmd = group->add_subcommand(
      "attach", std::string("Attach a file to a ") + d.singular + " (at most " +
                    std::to_string(kMaxAttachmentBytes >> 20) + " MiB; stored in the database)");
  common(attach_cmd, *ta);
  attach_cmd->add_option("id", ta->id, "Record id")->required();
  attach_cmd->add_option("file", ta->file, "The file")->required();
  attach_cmd->add_option("--name", ta->name, "The name to show (default: the file's name)");
  when(attach_cmd, ta, attach_command);

  auto lsa = std::make_shared<Args>();
  auto* attachments_cmd = group->add_subcommand(
      "attachments", std::string("List the files and links attached to a ") + d.singular);
  common(attachments_cmd, *lsa);
  attachments_cmd->add_option("id", lsa->id, "Record id")->required();
  when(attachments_cmd, lsa, attachments_command);
}

}  // namespace aims::records
