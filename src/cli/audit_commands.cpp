// audit verify (database or exported file), export, checkpoint and public-key.
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>

#include <nlohmann/json.hpp>

#include "base/crypto.h"
#include "base/json_text.h"
#include "base/time.h"
#include "cli/common.h"
#include "trail/checkpoint.h"
#include "trail/verify.h"

namespace aims::cli {
namespace {

using Anchors = std::vector<trail::Anchor>;
using OptionalKey = std::optional<trail::note::VerifierKey>;

constexpr std::string_view kFormat = "aims-audit-trail/2";
constexpr std::string_view kFormatWithoutCheckpoints = "aims-audit-trail/1";

std::string plural(int64_t count, const std::string& noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

// What the checkpoints said, on lines of their own (the first line stays "... head SEQ:HASH").
void report_signatures(const trail::Verification& v) {
  if (!v.key_given) {
    std::cout << "  signatures not checked: give --public-key with the organisation's public key, "
                 "pinned earlier (docs/audit-trail.md)\n";
    return;
  }
  if (v.latest_signed) {
    std::cout << "  signed: " << plural(v.checkpoints_verified, "checkpoint")
              << " signed with the key match the chain; the latest covers events #1 to #"
              << v.latest_signed->seq << " (signed at " << v.latest_signed->signed_at << ")\n";
  } else if (v.intact) {
    std::cout << "  signed: no checkpoint signed with the key yet\n";
  }
  if (v.checkpoints_unknown_key > 0) {
    std::cout << "  ignored: " << plural(v.checkpoints_unknown_key, "checkpoint")
              << (v.checkpoints_unknown_key == 1 ? " signed by another key\n"
                                                 : " signed by other keys\n");
  }
}

int report(const std::string& org_name, const trail::Verification& v) {
  if (v.intact) {
    std::cout << org_name << ": intact, " << v.events_checked << " events, head "
              << v.events_checked << ":" << v.head_hash << "\n";
    if (v.events_redacted > 0)
      std::cout << "  " << plural(v.events_redacted, "event")
                << " redacted by disposals, each named with its hash by its disposal event\n";
  } else {
    std::cout << org_name << ": TAMPERED: " << v.problem << "\n";
  }
  report_signatures(v);
  return v.intact ? 0 : kVerificationFailed;
}

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
    anchors.push_back({seq, hash, ""});
  }
  return anchors;
}

// --public-key: the key itself, or a file holding it (as 'aims audit public-key' writes it).
Result<OptionalKey> parse_public_key(const std::string& value) {
  if (value.empty()) return OptionalKey();
  std::ifstream file(value, std::ios::binary);
  std::string text = value;
  if (file) {
    std::ostringstream content;
    content << file.rdbuf();
    text = content.str();
  }
  TRY_ASSIGN(auto key, trail::note::parse_verifier_key(text));
  return OptionalKey(std::move(key));
}

// The server's own key file, when there is one, to check the database's checkpoints with.
Result<std::optional<trail::SigningKeys>> existing_keys(const std::string& url,
                                                        const std::string& key_file) {
  auto path = key_file_path(url, key_file);
  if (!path) return std::optional<trail::SigningKeys>();
  auto keys = trail::SigningKeys::open(*path);
  if (!keys && keys.error().code == ErrorCode::not_found)
    return std::optional<trail::SigningKeys>();
  if (!keys) return keys.error();
  return std::optional<trail::SigningKeys>(std::move(*keys));
}

struct VerifyArgs {
  std::string db, org, file, key_file, public_key;
  std::vector<std::string> anchors;
};

int verify_database(const VerifyArgs& args, const Anchors& anchors, const OptionalKey& public_key) {
  auto db = open_database(args.db);
  if (!db) return kFailed;
  std::vector<auth::Organisation> orgs;
  if (!args.org.empty() || public_key) {
    // A public key belongs to one organisation.
    auto org = organisation(*db, args.org);
    if (!org) return kFailed;
    orgs.push_back(*org);
  } else {
    auto all = auth::list_organisations(*db);
    if (!all) return fail(all.error());
    orgs = *all;
  }
  auto keys = existing_keys(args.db, args.key_file);
  if (!keys) return fail(keys.error());
  int status = 0;
  for (const auto& org : orgs) {
    trail::VerifyOptions options{anchors, public_key};
    if (!public_key && *keys) options.key = (*keys)->for_org(org.id).verifier();
    auto result = trail::verify(*db, org.id, options);
    if (!result) return fail(result.error());
    status = std::max(status, report(org.name, *result));
  }
  return status;
}

// The database, the organisation and its signing keys, for the commands that sign.
struct Signing {
  std::unique_ptr<store::Database> db;
  auth::Organisation org;
  trail::SigningKeys keys;
};

std::optional<Signing> open_signing(const std::string& url, const std::string& org_name,
                                    const std::string& key_file) {
  auto db = open_database(url);
  if (!db) return std::nullopt;
  auto org = organisation(*db, org_name);
  if (!org) return std::nullopt;
  auto keys = signing_keys(url, key_file);
  if (!keys) return std::nullopt;
  return Signing{std::move(db), *org, std::move(*keys)};
}

// The export is JSON Lines: a header, one line per event holding the exact canonical text that
// was hashed (so any tool can recompute SHA-256 over it), then every checkpoint that covers
// these events. It ends at a checkpoint signed just now, so the last event is always covered.
// When aims refuses to sign (the chain does not extend its last checkpoint, or this is not the
// key that signed it), the trail is still exported as it stands, so the evidence can be taken
// away, and the command fails.
int export_trail(const std::string& url, const std::string& org_name, const std::string& path,
                 const std::string& key_file) {
  auto signing = open_signing(url, org_name, key_file);
  if (!signing) return kFailed;
  const auto& org = signing->org;
  auto signed_now = trail::sign_head(*signing->db, org.id, signing->keys);
  if (!signed_now && signed_now.error().code != ErrorCode::failed_precondition)
    return fail(signed_now.error());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return fail(Error::invalid("out", "cannot write " + path));
  trail::Head end;
  size_t checkpoints = 0;
  Status written = signing->db->read([&](store::Tx& tx) -> Status {
    if (signed_now) {
      end = {(*signed_now)->head.seq, (*signed_now)->head.head_hash};
    } else {
      TRY_ASSIGN(end, trail::current_head(tx, org.id));
    }
    out << json_text::object({{"format", json_text::quote(kFormat)},
                              {"organisation", json_text::quote(org.name)},
                              {"org_id", json_text::number(org.id)},
                              {"head_seq", json_text::number(end.seq)},
                              {"head_hash", json_text::quote(end.hash)},
                              {"exported_at", json_text::quote(now_timestamp())}})
        << "\n";
    TRY(trail::scan_sealed(tx, org.id, [&](const trail::Sealed& sealed) {
      const trail::Event& e = sealed.event;
      if (e.seq > end.seq) return false;
      std::map<std::string, std::string> line = {
          {"seq", json_text::number(e.seq)},
          {"hash", json_text::quote(e.hash)},
          {"canonical", json_text::quote(trail::canonical_form(sealed))}};
      // Form 2 hashes the digest of the changes, so the changes travel beside the canonical text.
      if (sealed.form >= 2) line["changes"] = json_text::quote(e.changes);
      out << json_text::object(line) << "\n";
      return static_cast<bool>(out);
    }));
    // Signed: those that cover these events (a server may sign a later head meanwhile).
    // Unsigned: all, since a checkpoint beyond the end shows the trail was cut short.
    const int64_t covered = signed_now ? end.seq : std::numeric_limits<int64_t>::max();
    TRY_ASSIGN(auto signed_heads, trail::checkpoints_up_to(tx, org.id, covered));
    for (const auto& checkpoint : signed_heads)
      out << json_text::object({{"checkpoint", json_text::quote(checkpoint.note)}}) << "\n";
    checkpoints = signed_heads.size();
    return {};
  });
  if (!written) return fail(written.error());
  out.close();
  if (!out) return fail(Error::unavailable("cannot write " + path));
  std::cout << "Exported events #1 to #" << end.seq << " of the audit trail of " << org.name
            << " and " << plural(static_cast<int64_t>(checkpoints), "signed checkpoint") << " to "
            << path << "\n";
  if (!signed_now) {
    return fail(
        Error{ErrorCode::failed_precondition,
              "the export does not end at a checkpoint signed now: " + signed_now.error().message,
              {}});
  }
  return 0;
}

struct ExportedEvent {
  trail::Sealed event;    // the fields the chain check needs (ChainChecker::feed)
  std::string canonical;  // the exact text whose SHA-256 must equal the hash
};

Result<ExportedEvent> event_from_line(const nlohmann::json& parsed, const std::string& where) {
  if (!parsed.contains("canonical") || !parsed["canonical"].is_string() ||
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
  trail::Event& e = exported.event.event;
  e.seq = canonical["seq"].get<int64_t>();
  e.prev_hash = canonical["prev_hash"].get<std::string>();
  e.hash = parsed["hash"].get<std::string>();
  e.action = canonical.value("action", "");
  exported.event.form = canonical.value("form", 1);
  exported.event.changes_sha256 = canonical.value("changes_sha256", "");
  if (exported.event.form >= 2) {
    if (!parsed.contains("changes") || !parsed["changes"].is_string())
      return Error::malformed(where + "an event of form 2 without its changes");
    e.changes = parsed["changes"].get<std::string>();
  } else if (canonical.contains("changes")) {
    e.changes = canonical["changes"].dump();
  }
  exported.canonical = parsed["canonical"].get<std::string>();
  return exported;
}

struct ExportedTrail {
  nlohmann::json header;
  std::vector<ExportedEvent> events;
  std::vector<trail::SignedNote> checkpoints;
};

Result<ExportedTrail> read_export(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::invalid("file", "cannot read " + path);
  ExportedTrail exported;
  std::string line;
  if (!std::getline(in, line)) return Error::malformed("the file is empty", "file");
  exported.header = nlohmann::json::parse(line, nullptr, false);
  const std::string format =
      exported.header.is_object() ? exported.header.value("format", "") : std::string();
  if (format != kFormat && format != kFormatWithoutCheckpoints)
    return Error::malformed("not an aims audit-trail export", "file");
  for (size_t number = 2; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    const std::string where = "line " + std::to_string(number);
    auto parsed = nlohmann::json::parse(line, nullptr, false);
    if (!parsed.is_object()) return Error::malformed(where + ": not JSON");
    if (parsed.contains("checkpoint") && parsed["checkpoint"].is_string()) {
      exported.checkpoints.push_back(
          {"the checkpoint on " + where, parsed["checkpoint"].get<std::string>()});
      continue;
    }
    TRY_ASSIGN(ExportedEvent event, event_from_line(parsed, where + ": "));
    event.event.event.id = static_cast<int64_t>(number);
    exported.events.push_back(std::move(event));
  }
  return exported;
}

// Offline check of an export: needs nothing but the file (and the pinned public key) and trusts
// nothing in it; every hash is recomputed from the canonical text, every checkpoint's signature
// is checked, and with a key the last event must be covered by a checkpoint it signed.
int verify_file(const std::string& path, const Anchors& anchors, const OptionalKey& public_key) {
  auto exported = read_export(path);
  if (!exported) return fail(exported.error());
  trail::ChainChecker checker;
  if (public_key)
    checker.expect_signed(trail::review_checkpoints(exported->checkpoints, *public_key));
  for (const auto& anchor : anchors)
    checker.expect(anchor);
  for (const auto& e : exported->events) {
    if (!checker.feed(e.event, crypto::sha256_hex(e.canonical))) break;
  }
  const auto& header = exported->header;
  checker.finish(header.value("head_seq", int64_t{0}), header.value("head_hash", std::string()));
  if (public_key) checker.require_signed_end();
  return report(header.value("organisation", std::string("export")), checker.result());
}

int sign_now(const std::string& url, const std::string& org_name, const std::string& key_file,
             bool new_key) {
  auto signing = open_signing(url, org_name, key_file);
  if (!signing) return kFailed;
  auto signed_now =
      trail::sign_head(*signing->db, signing->org.id, signing->keys, {.new_key = new_key});
  if (!signed_now) return fail(signed_now.error());
  std::cout << "Signed the audit trail of " << signing->org.name << " up to event #"
            << (*signed_now)->head.seq << ":\n\n"
            << (*signed_now)->note;
  return 0;
}

int show_public_key(const std::string& url, const std::string& org_name,
                    const std::string& key_file) {
  auto signing = open_signing(url, org_name, key_file);
  if (!signing) return kFailed;
  print_public_key(signing->keys, signing->org);
  return 0;
}

void add_verify_command(CLI::App& audit, Action& chosen) {
  auto args = std::make_shared<VerifyArgs>();
  auto* verify = audit.add_subcommand(
      "verify",
      "Recompute the hash chain and check it against the signed checkpoints; name the first "
      "altered, removed or reordered event (exit 3 when one is found). With --file, check an "
      "export offline instead.");
  add_db_option(*verify, args->db);
  verify->add_option("--org", args->org, "Only this organisation (default: all)");
  verify->add_option("--file", args->file, "An export made by 'aims audit export'");
  verify->add_option("--public-key", args->public_key,
                     "The organisation's public key as 'aims audit public-key' prints it (or a "
                     "file holding it), pinned earlier: checkpoints must be signed with it, and "
                     "with --file the last event must be covered by one");
  add_key_file_option(*verify, args->key_file);
  verify->add_option("--anchor", args->anchors,
                     "SEQ:HASH of a head recorded earlier outside aims; the chain must still pass "
                     "through it (repeatable; with --org or --file)");
  verify->callback([&chosen, args] {
    chosen = [a = args]() -> int {
      auto anchors = parse_anchors(a->anchors);
      if (!anchors) return fail(anchors.error());
      auto public_key = parse_public_key(a->public_key);
      if (!public_key) return fail(public_key.error());
      return a->file.empty() ? verify_database(*a, *anchors, *public_key)
                             : verify_file(a->file, *anchors, *public_key);
    };
  });
}

}  // namespace

void register_audit_commands(CLI::App& app, Action& chosen) {
  auto* audit = app.add_subcommand("audit", "The tamper-evident audit trail");
  audit->require_subcommand(1);
  add_verify_command(*audit, chosen);

  struct Args {
    std::string db, org, out, key_file;
    bool new_key = false;
  };
  auto export_args = std::make_shared<Args>();
  auto* exporter = audit->add_subcommand(
      "export",
      "Sign the trail's head now and write the trail with its signed checkpoints as JSON Lines "
      "for offline verification");
  add_db_option(*exporter, export_args->db);
  add_org_option(*exporter, export_args->org);
  add_key_file_option(*exporter, export_args->key_file);
  exporter->add_option("--out", export_args->out, "File to write")->required();
  exporter->callback([&chosen, export_args] {
    chosen = [a = export_args] { return export_trail(a->db, a->org, a->out, a->key_file); };
  });

  auto checkpoint_args = std::make_shared<Args>();
  auto* checkpoint = audit->add_subcommand(
      "checkpoint", "Sign the head of an organisation's trail now and print the checkpoint");
  add_db_option(*checkpoint, checkpoint_args->db);
  add_org_option(*checkpoint, checkpoint_args->org);
  add_key_file_option(*checkpoint, checkpoint_args->key_file);
  checkpoint->add_flag("--new-key", checkpoint_args->new_key,
                       "Sign although the last checkpoint was signed with another key (after "
                       "replacing a lost key file; auditors must pin the new key)");
  checkpoint->callback([&chosen, checkpoint_args] {
    chosen = [a = checkpoint_args] { return sign_now(a->db, a->org, a->key_file, a->new_key); };
  });

  auto key_args = std::make_shared<Args>();
  auto* public_key = audit->add_subcommand(
      "public-key",
      "Print the public key that signs an organisation's checkpoints, for auditors to pin");
  add_db_option(*public_key, key_args->db);
  add_org_option(*public_key, key_args->org);
  add_key_file_option(*public_key, key_args->key_file);
  public_key->callback([&chosen, key_args] {
    chosen = [a = key_args] { return show_public_key(a->db, a->org, a->key_file); };
  });
}

}  // namespace aims::cli
