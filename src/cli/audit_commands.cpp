// audit verify (database or exported file) and audit export.
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "base/crypto.h"
#include "base/json_text.h"
#include "base/time.h"
#include "cli/common.h"
#include "trail/verify.h"

namespace aims::cli {
namespace {

int report(const std::string& org_name, const trail::Verification& v) {
  if (v.intact) {
    std::cout << org_name << ": intact, " << v.events_checked << " events, head "
              << v.events_checked << ":" << v.head_hash << "\n";
    return 0;
  }
  std::cout << org_name << ": TAMPERED: " << v.problem << "\n";
  return kVerificationFailed;
}

using Anchors = std::vector<std::pair<int64_t, std::string>>;

// "SEQ:HASH" as printed by a verification ("head" line) or shown on the audit-trail page.
Result<Anchors> parse_anchors(const std::vector<std::string>& texts) {
  Anchors anchors;
  for (const auto& text : texts) {
    const auto colon = text.find(':');
    char* end = nullptr;
    const long long seq = colon == std::string::npos ? 0 : std::strtoll(text.c_str(), &end, 10);
    const std::string hash = colon == std::string::npos ? "" : text.substr(colon + 1);
    if (seq < 1 || end != text.c_str() + colon || hash.size() != 64) {
      return Error::invalid("anchor", "--anchor must be SEQ:HASH, e.g. 42:9f86d0…(64 hex digits)");
    }
    anchors.emplace_back(seq, hash);
  }
  return anchors;
}

int verify_database(const std::string& url, const std::string& org_name, const Anchors& anchors) {
  auto db = open_database(url);
  if (!db) return kFailed;
  std::vector<auth::Organisation> orgs;
  if (!org_name.empty()) {
    auto org = organisation(*db, org_name);
    if (!org) return kFailed;
    orgs.push_back(*org);
  } else {
    auto all = auth::list_organisations(*db);
    if (!all) return fail(all.error());
    orgs = *all;
  }
  int status = 0;
  for (const auto& org : orgs) {
    auto result = trail::verify(*db, org.id, anchors);
    if (!result) return fail(result.error());
    status = std::max(status, report(org.name, *result));
  }
  return status;
}

// The export is JSON Lines: a header with the chain head, then one line per event holding the
// exact canonical text that was hashed, so any tool can recompute SHA-256 over it.
int export_trail(const std::string& url, const std::string& org_name, const std::string& path) {
  auto db = open_database(url);
  if (!db) return kFailed;
  auto org = organisation(*db, org_name);
  if (!org) return kFailed;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return fail(Error::invalid("out", "cannot write " + path));
  Status written = db->read([&](store::Tx& tx) -> Status {
    auto head = tx.query_row("SELECT seq, head_hash FROM trail_heads WHERE org_id = $1", {org->id});
    if (!head) return head.error();
    out << json_text::object({{"format", json_text::quote("aims-audit-trail/1")},
                              {"organisation", json_text::quote(org->name)},
                              {"head_seq", json_text::number((*head)->int64(0))},
                              {"head_hash", json_text::quote((*head)->text(1))},
                              {"exported_at", json_text::quote(now_timestamp())}})
        << "\n";
    return trail::scan(tx, org->id, [&](const trail::Event& e) {
      out << json_text::object({{"seq", json_text::number(e.seq)},
                                {"hash", json_text::quote(e.hash)},
                                {"canonical", json_text::quote(trail::canonical_form(e))}})
          << "\n";
      return static_cast<bool>(out);
    });
  });
  if (!written) return fail(written.error());
  std::cout << "Exported the audit trail of " << org->name << " to " << path << "\n";
  return 0;
}

struct ExportedEvent {
  trail::Event event;     // the fields the chain check needs: seq, prev_hash, hash
  std::string canonical;  // the exact text whose SHA-256 must equal the hash
};

Result<ExportedEvent> event_from_line(const std::string& line, size_t number) {
  const auto where = "line " + std::to_string(number) + ": ";
  auto parsed = nlohmann::json::parse(line, nullptr, false);
  if (!parsed.is_object() || !parsed.contains("canonical") || !parsed["canonical"].is_string() ||
      !parsed.contains("hash") || !parsed["hash"].is_string()) {
    return Error::malformed(where + "not an exported event");
  }
  auto canonical = nlohmann::json::parse(parsed["canonical"].get<std::string>(), nullptr, false);
  if (!canonical.is_object() || !canonical.contains("seq") ||
      !canonical["seq"].is_number_integer() || !canonical.contains("prev_hash") ||
      !canonical["prev_hash"].is_string()) {
    return Error::malformed(where + "canonical text is not an event");
  }
  ExportedEvent exported;
  exported.event.id = static_cast<int64_t>(number);
  exported.event.seq = canonical["seq"].get<int64_t>();
  exported.event.prev_hash = canonical["prev_hash"].get<std::string>();
  exported.event.hash = parsed["hash"].get<std::string>();
  exported.canonical = parsed["canonical"].get<std::string>();
  return exported;
}

// Offline check of an export: needs nothing but the file and trusts nothing in it; every hash is
// recomputed from the canonical text. Lines are checked in chain order.
int verify_file(const std::string& path, const Anchors& anchors) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(Error::invalid("file", "cannot read " + path));
  std::string line;
  if (!std::getline(in, line)) return fail(Error::malformed("the file is empty", "file"));
  auto header = nlohmann::json::parse(line, nullptr, false);
  if (!header.is_object() || header.value("format", "") != "aims-audit-trail/1") {
    return fail(Error::malformed("not an aims audit-trail export", "file"));
  }
  std::vector<ExportedEvent> events;
  size_t number = 1;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    auto event = event_from_line(line, number);
    if (!event) return fail(event.error());
    events.push_back(std::move(*event));
  }
  trail::ChainChecker checker;
  for (const auto& [seq, hash] : anchors)
    checker.expect(seq, hash);
  for (const auto& e : events) {
    if (!checker.feed(e.event, crypto::sha256_hex(e.canonical))) break;
  }
  checker.finish(header.value("head_seq", int64_t{0}), header.value("head_hash", std::string()));
  return report(header.value("organisation", std::string("export")), checker.result());
}

}  // namespace

void register_audit_commands(CLI::App& app, Action& chosen) {
  auto* audit = app.add_subcommand("audit", "The tamper-evident audit trail");
  audit->require_subcommand(1);

  struct Args {
    std::string db, org, file, out;
    std::vector<std::string> anchors;
  };
  auto verify_args = std::make_shared<Args>();
  auto* verify = audit->add_subcommand(
      "verify",
      "Recompute the hash chain and name the first altered, removed or reordered event "
      "(exit 3 when one is found). With --file, check an export offline instead.");
  add_db_option(*verify, verify_args->db);
  verify->add_option("--org", verify_args->org, "Only this organisation (default: all)");
  verify->add_option("--file", verify_args->file, "An export made by 'aims audit export'");
  verify->add_option("--anchor", verify_args->anchors,
                     "SEQ:HASH of a head recorded earlier outside aims; the chain must still pass "
                     "through it (repeatable; with --org or --file)");
  verify->callback([&chosen, verify_args] {
    chosen = [a = verify_args]() -> int {
      auto anchors = parse_anchors(a->anchors);
      if (!anchors) return fail(anchors.error());
      return a->file.empty() ? verify_database(a->db, a->org, *anchors)
                             : verify_file(a->file, *anchors);
    };
  });

  auto export_args = std::make_shared<Args>();
  auto* exporter = audit->add_subcommand(
      "export", "Write an organisation's trail as JSON Lines for offline verification");
  add_db_option(*exporter, export_args->db);
  add_org_option(*exporter, export_args->org);
  exporter->add_option("--out", export_args->out, "File to write")->required();
  exporter->callback([&chosen, export_args] {
    chosen = [a = export_args] { return export_trail(a->db, a->org, a->out); };
  });
}

}  // namespace aims::cli
