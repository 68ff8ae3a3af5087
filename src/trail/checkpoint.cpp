#include "trail/checkpoint.h"

#include <charconv>
#include <limits>

#include "base/crypto.h"
#include "base/text.h"
#include "base/time.h"
#include "trail/verify.h"

namespace aims::trail {
namespace {

constexpr std::string_view kTimePrefix = "time ";

#define AIMS_CHECKPOINT_COLUMNS "id, org_id, seq, head_hash, signed_at, key_id, note"

Checkpoint checkpoint_from_row(store::Row& row) {
  store::RowReader r(row);
  Checkpoint c;
  c.id = r.int64();
  c.head = {r.int64(), r.int64(), r.text(), r.text()};
  c.key_id = r.text();
  c.note = r.text();
  return c;
}

Result<std::vector<Checkpoint>> checkpoints_from(Result<store::Rows> rows) {
  TRY_ASSIGN(store::Rows found, std::move(rows));
  std::vector<Checkpoint> out;
  out.reserve(found.size());
  for (auto& row : found)
    out.push_back(checkpoint_from_row(row));
  return out;
}

// ASCII decimal without a sign or leading zeros, as checkpoints write numbers.
std::optional<int64_t> parse_decimal(std::string_view text) {
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0 ||
      (text.size() > 1 && text.front() == '0')) {
    return std::nullopt;
  }
  return value;
}

Error refusal(std::string message) {
  return {ErrorCode::failed_precondition, std::move(message), {}};
}

// Where the check before signing starts: the head the latest checkpoint vouches for when this
// key signed it, else the start of the chain (the first signing, or a new key).
Result<Anchor> signed_start(store::Tx& tx, int64_t org_id, const note::SignerKey& key,
                            const SignOptions& options) {
  TRY_ASSIGN(auto latest, recent_checkpoints(tx, org_id, std::nullopt, 1));
  const Anchor genesis{0, kGenesisHash, ""};
  if (latest.empty()) return genesis;
  const Checkpoint& last = latest.front();
  const note::OpenedNote opened = note::open(last.note, key.verifier());
  if (opened.outcome == note::Opened::unknown_key) {
    if (options.new_key) return genesis;
    return refusal("the latest checkpoint (event #" + std::to_string(last.head.seq) +
                   ", signed at " + last.head.signed_at + ") was signed with key " + last.key_id +
                   ", not with this key file's key " + key.verifier().id_hex() +
                   ": give every server the same key file (--key-file or AIMS_KEY_FILE); after "
                   "replacing a lost key file, sign once with 'aims audit checkpoint --new-key'");
  }
  auto head = opened.outcome == note::Opened::verified ? parse_checkpoint_text(opened.text)
                                                       : Error::malformed("not a checkpoint");
  if (!head) {
    return refusal("the latest checkpoint (id " + std::to_string(last.id) +
                   ") does not verify with this key: it was altered; run 'aims audit verify'");
  }
  return Anchor{head->seq, head->head_hash, head->signed_at};
}

// Refuses unless the chain from `from` to `head` links up and every hash in it is right.
Status check_extends(store::Tx& tx, int64_t org_id, const Anchor& from, const Head& head) {
  if (head.seq < from.seq) {
    return refusal("refusing to sign: the chain ends at event #" + std::to_string(head.seq) +
                   " but " + from.source() + " has event #" + std::to_string(from.seq) +
                   " (events were removed); run 'aims audit verify'");
  }
  ChainChecker checker(from.seq, from.hash);
  // Events past `head` are left for the next checkpoint: a PostgreSQL read runs each statement
  // on its own, so the scan may see events committed after the head was read.
  TRY(scan_sealed(
      tx, org_id,
      [&](const Sealed& e) { return e.event.seq <= head.seq && checker.feed(e, compute_hash(e)); },
      from.seq));
  checker.finish(head.seq, head.hash);
  if (!checker.result().intact) {
    return refusal("refusing to sign: " + checker.result().problem + "; run 'aims audit verify'");
  }
  return {};
}

Result<Checkpoint> store_checkpoint(store::Tx& tx, const note::SignerKey& key, SignedHead head) {
  Checkpoint checkpoint{0, std::move(head), key.verifier().id_hex(), ""};
  checkpoint.note = key.sign(checkpoint_text(checkpoint.head));
  TRY_ASSIGN(checkpoint.id,
             tx.insert("INSERT INTO trail_checkpoints (org_id, seq, head_hash, signed_at, key_id,"
                       " note) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                       {checkpoint.head.org_id, checkpoint.head.seq, checkpoint.head.head_hash,
                        checkpoint.head.signed_at, checkpoint.key_id, checkpoint.note}));
  return checkpoint;
}

}  // namespace

std::string checkpoint_text(const SignedHead& head) {
  std::string hash;
  crypto::hex_decode(head.head_hash, hash);
  return key_name(head.org_id) + "\n" + std::to_string(head.seq) + "\n" +
         crypto::base64_encode(hash) + "\n" + std::string(kTimePrefix) + head.signed_at + "\n";
}

Result<SignedHead> parse_checkpoint_text(std::string_view text) {
  const auto lines = split(text, '\n');
  const Error malformed = Error::malformed("not an aims checkpoint");
  if (lines.size() != 5 || !lines[4].empty()) return malformed;
  const auto org_id = lines[0].starts_with(kKeyNamePrefix)
                          ? parse_decimal(lines[0].substr(kKeyNamePrefix.size()))
                          : std::nullopt;
  const auto seq = parse_decimal(lines[1]);
  std::string hash;
  if (!org_id || !seq || !crypto::base64_decode(lines[2], hash) || hash.size() != 32 ||
      !lines[3].starts_with(kTimePrefix) || !parse_timestamp(lines[3].substr(kTimePrefix.size()))) {
    return malformed;
  }
  return SignedHead{*org_id, *seq, crypto::to_hex(hash),
                    std::string(lines[3].substr(kTimePrefix.size()))};
}

// The chain is checked in two steps so that the long part holds no write lock: a read
// transaction checks it from the latest checkpoint to the head it sees (100,000 new events take
// about half a second, which would otherwise stall every write, a token's first use among them);
// the write transaction then checks only the events appended since, before signing.
Result<std::optional<Checkpoint>> sign_head(store::Database& db, int64_t org_id,
                                            const SigningKeys& keys, SignOptions options) {
  const note::SignerKey key = keys.for_org(org_id);
  struct Checked {
    Anchor from;
    Anchor up_to;
  };
  TRY_ASSIGN(const std::optional<Checked> checked,
             db.read([&](store::Tx& tx) -> Result<std::optional<Checked>> {
               TRY_ASSIGN(Head head, current_head(tx, org_id));
               TRY_ASSIGN(Anchor from, signed_start(tx, org_id, key, options));
               if (head.seq == 0 || head.seq < from.seq) return std::optional<Checked>();
               TRY(check_extends(tx, org_id, from, head));
               return std::optional<Checked>(Checked{from, {head.seq, head.hash, ""}});
             }));
  return db.write([&](store::Tx& tx) -> Result<std::optional<Checkpoint>> {
    TRY_ASSIGN(Head head, lock_head(tx, org_id));
    if (head.seq == 0) return refusal("the audit trail has no events to sign yet");
    TRY_ASSIGN(Anchor from, signed_start(tx, org_id, key, options));
    if (options.only_if_moved && from.seq == head.seq && from.hash == head.hash)
      return std::optional<Checkpoint>();
    // Another server may have signed meanwhile: then the check starts again from its checkpoint.
    const bool same_start = checked && checked->from.seq == from.seq &&
                            checked->from.hash == from.hash && checked->up_to.seq <= head.seq;
    TRY(check_extends(tx, org_id, same_start ? checked->up_to : from, head));
    TRY_ASSIGN(Checkpoint stored,
               store_checkpoint(tx, key, {org_id, head.seq, head.hash, now_timestamp()}));
    return std::optional<Checkpoint>(std::move(stored));
  });
}

Result<int> sign_moved_heads(store::Database& db, const SigningKeys& keys,
                             const std::function<void(int64_t org_id, const Error&)>& on_error) {
  TRY_ASSIGN(auto moved, db.read([](store::Tx& tx) {
    return tx.query(
        "SELECT h.org_id FROM trail_heads h WHERE h.seq > COALESCE((SELECT MAX(c.seq)"
        " FROM trail_checkpoints c WHERE c.org_id = h.org_id), 0) ORDER BY h.org_id");
  }));
  int signed_count = 0;
  for (const auto& row : moved) {
    auto signed_head = sign_head(db, row.int64(0), keys, {.only_if_moved = true});
    if (!signed_head) {
      on_error(row.int64(0), signed_head.error());
    } else if (*signed_head) {
      ++signed_count;
    }
  }
  return signed_count;
}

Result<std::vector<Checkpoint>> checkpoints_up_to(store::Tx& tx, int64_t org_id,
                                                  int64_t up_to_seq) {
  return checkpoints_from(tx.query("SELECT " AIMS_CHECKPOINT_COLUMNS
                                   " FROM trail_checkpoints WHERE org_id = $1 AND seq <= $2"
                                   " ORDER BY seq, id",
                                   {org_id, up_to_seq}));
}

Result<std::vector<Checkpoint>> recent_checkpoints(store::Tx& tx, int64_t org_id,
                                                   std::optional<int64_t> before_id, int limit) {
  return checkpoints_from(tx.query("SELECT " AIMS_CHECKPOINT_COLUMNS
                                   " FROM trail_checkpoints WHERE org_id = $1"
                                   " AND (CAST($2 AS BIGINT) IS NULL OR id < $2)"
                                   " ORDER BY id DESC LIMIT $3",
                                   {org_id, before_id, limit}));
}

}  // namespace aims::trail
