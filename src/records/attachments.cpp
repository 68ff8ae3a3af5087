// Files and links on records: a file's content is found or stored by its SHA-256, an attachment
// row links it to the record, and the record's audit trail says what was attached or removed.
#include "records/attachments.h"

#include <filesystem>
#include <fstream>

#include "base/crypto.h"
#include "base/json_text.h"
#include "base/time.h"
#include "records/file_type.h"
#include "records/records.h"
#include "records/rules.h"
#include "records/store.h"

namespace aims::records {
namespace {

// An attachment's columns (attachment_from reads them in this order, all but the last, the blob's
// id), and where they come from.
constexpr const char* kColumns =
    "SELECT a.id, a.record_id, a.name, a.url, a.added_by, a.added_by_label, a.added_at,"
    " b.media_type, b.size, b.sha256, a.blob_id";
constexpr const char* kFrom =
    " FROM record_attachments a LEFT JOIN attachment_blobs b ON b.id = a.blob_id"
    " WHERE a.org_id = $1 AND a.record_type = $2 AND a.record_id = $3";

struct Found {
  Attachment attachment;
  std::optional<int64_t> blob_id;
};

Attachment attachment_from(store::RowReader& r) {
  Attachment a;
  a.id = r.int64();
  a.record_id = r.int64();
  a.name = r.text();
  std::optional<std::string> url = r.opt_text();
  a.is_link = url.has_value();
  a.url = url.value_or("");
  a.added_by = r.opt_int64();
  a.added_by_label = r.text();
  a.added_at = r.text();
  a.media_type = r.text();
  a.size = r.int64();
  a.sha256 = r.text();
  return a;
}

// What the audit trail records of an attachment, as canonical JSON values.
trail::Fields trail_fields(const Attachment& a) {
  trail::Fields f = {{"attachment_id", json_text::number(a.id)},
                     {"attachment_name", json_text::quote(a.name)}};
  if (a.is_link) {
    f["attachment_url"] = json_text::quote(a.url);
  } else {
    f["attachment_sha256"] = json_text::quote(a.sha256);
    f["attachment_size"] = json_text::number(a.size);
    f["attachment_type"] = json_text::quote(a.media_type);
  }
  return f;
}

// The record, which must be one of the organisation's and not archived.
Status require_changeable(store::Tx& tx, const Description& d, int64_t org, int64_t id) {
  TRY_ASSIGN(const auto found, sql::get(tx, d, org, id));
  if (!found) return Error::not_found(std::string("no such ") + d.singular);
  if (found->archived_at) {
    return Error{ErrorCode::failed_precondition,
                 std::string("the attachments of an archived ") + d.singular +
                     " cannot change; restore it first",
                 {}};
  }
  return {};
}

Status require_record(store::Tx& tx, const Description& d, int64_t org, int64_t id) {
  TRY_ASSIGN(const bool found, exists(tx, d, org, id));
  if (!found) return Error::not_found(std::string("no such ") + d.singular);
  return {};
}

// One line of text as a field of that name would take it (trimmed, UTF-8, within the limit).
Result<std::string> clean_line(const char* key, const char* label, std::string text) {
  FieldValue value = std::move(text);
  if (auto problem = rules::check_value({.key = key, .label = label}, value)) {
    return Error::invalid(key, *problem);
  }
  auto* clean = std::get_if<std::string>(&value);
  if (!clean || clean->empty()) return Error::invalid(key, std::string(label) + " is required");
  return std::move(*clean);
}

// The last part of a path a browser or a script may send ("C:\Users\x\report.pdf").
std::string base_name(const std::string& name) {
  const auto slash = name.find_last_of("/\\");
  return slash == std::string::npos ? name : name.substr(slash + 1);
}

Result<Found> find_attachment(store::Tx& tx, const Description& d, int64_t org, int64_t record_id,
                              int64_t id) {
  TRY_ASSIGN(auto row, tx.query_row(std::string(kColumns) + kFrom + " AND a.id = $4",
                                    {org, d.type, record_id, id}));
  if (!row) return Error::not_found("no such attachment");
  store::RowReader r(*row);
  return Found{attachment_from(r), r.opt_int64()};
}

// The id of the organisation's blob with this hash, storing `params` ($1 org, $2 hash, $3 size,
// $4 type, $5 content, $6 now) when there is none yet.
Result<int64_t> store_blob(store::Tx& tx, const store::Params& params) {
  constexpr const char* kFind = "SELECT id FROM attachment_blobs WHERE org_id = $1 AND sha256 = $2";
  const store::Params key = {params[0], params[1]};
  TRY_ASSIGN(auto existing, tx.query_row(kFind, key));
  if (existing) {
    // Locks the row (PostgreSQL): a removal of its last attachment waits for us, or has already
    // deleted it, in which case nothing is updated and the content is stored again below.
    TRY_ASSIGN(const int64_t touched,
               tx.exec("UPDATE attachment_blobs SET last_attached_at = $1 WHERE id = $2",
                       {params[5], existing->int64(0)}));
    if (touched == 1) return existing->int64(0);
  }
  TRY_ASSIGN(auto inserted,
             tx.query_row("INSERT INTO attachment_blobs (org_id, sha256, size, media_type, content,"
                          " created_at, last_attached_at) VALUES ($1, $2, $3, $4, $5, $6, $6)"
                          " ON CONFLICT (org_id, sha256) DO NOTHING RETURNING id",
                          params));
  if (inserted) return inserted->int64(0);
  // Another request stored the same content a moment ago.
  TRY_ASSIGN(auto again, tx.query_row(kFind, key));
  if (!again) return Error::unavailable("the file was stored and removed at once; try again");
  return again->int64(0);
}

// Deletes the content once no attachment uses it. On PostgreSQL the row is locked first, in a
// statement of its own, because a concurrent attach of the same content holds that lock (its
// UPDATE in store_blob) until it commits: the lock waits for it, and the DELETE after it, a new
// statement with a new snapshot under READ COMMITTED, sees its attachment and keeps the content.
// A lone DELETE ... NOT EXISTS would wait for the same lock but then judge NOT EXISTS by the
// snapshot it took before the attach committed (PostgreSQL re-checks only the locked row), delete
// content the attach now refers to, and fail on the foreign key: a 500 for the removal. Locking
// costs one statement on removal only and never retries; an attach that comes after the lock
// waits in its UPDATE, finds the content gone and stores it again. SQLite runs one write
// transaction at a time: no race, and no FOR UPDATE to say.
Status remove_unused_blob(store::Tx& tx, int64_t org, int64_t blob_id) {
  if (tx.dialect() == store::Dialect::postgres) {
    TRY(tx.query("SELECT id FROM attachment_blobs WHERE id = $1 AND org_id = $2 FOR UPDATE",
                 {blob_id, org}));
  }
  TRY(
      tx.exec("DELETE FROM attachment_blobs WHERE id = $1 AND org_id = $2 AND NOT EXISTS"
              " (SELECT 1 FROM record_attachments WHERE blob_id = $1)",
              {blob_id, org}));
  return {};
}

Result<Attachment> insert_attachment(store::Tx& tx, const Description& d, int64_t org,
                                     int64_t record_id, const std::string& name,
                                     std::optional<int64_t> blob_id, std::optional<std::string> url,
                                     const Caller& caller, const std::string& now) {
  TRY_ASSIGN(const int64_t id,
             tx.insert("INSERT INTO record_attachments (org_id, record_type, record_id, name,"
                       " blob_id, url, added_by, added_by_label, added_at)"
                       " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                       {org, d.type, record_id, name, blob_id, url, caller.user_id,
                        caller.actor.label, now}));
  TRY_ASSIGN(Found found, find_attachment(tx, d, org, record_id, id));
  TRY(trail::record(tx, org, caller.actor,
                    {d.type, record_id, "attach", {}, trail_fields(found.attachment)}));
  return std::move(found.attachment);
}

}  // namespace

Result<std::string> read_attachment_file(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return Error::invalid("file", "cannot read the file");
  if (size > kMaxAttachmentBytes) {
    return Error{ErrorCode::too_large,
                 "the file is larger than " + std::to_string(kMaxAttachmentBytes >> 20) + " MiB",
                 "file"};
  }
  std::ifstream in(path, std::ios::binary);
  std::string content(size, '\0');
  if (!in.read(content.data(), static_cast<std::streamsize>(size))) {
    return Error::invalid("file", "cannot read the file");
  }
  return content;
}

Result<Attachment> attach_file(store::Database& db, const Description& d, int64_t org,
                               int64_t record_id, const std::string& file_name, std::string content,
                               const Caller& caller) {
  if (content.size() > kMaxAttachmentBytes) {
    return Error{ErrorCode::too_large,
                 "the file is larger than " + std::to_string(kMaxAttachmentBytes >> 20) + " MiB",
                 "file"};
  }
  if (content.empty()) return Error::invalid("file", "the file is empty");
  TRY_ASSIGN(const std::string name, clean_line("name", "File name", base_name(file_name)));
  TRY_ASSIGN(const std::string media_type, detect_media_type(content, name));
  const auto size = static_cast<int64_t>(content.size());
  const std::string hash = crypto::sha256_hex(content), now = now_timestamp();
  // Built once, outside the transaction, so a rerun after a conflict does not copy the file (nor
  // does an initializer list, which would copy each value).
  store::Params blob = {org, hash, size, media_type};
  blob.emplace_back(store::Bytes{std::move(content)});
  blob.emplace_back(now);
  return db.write([&](store::Tx& tx) -> Result<Attachment> {
    TRY(require_changeable(tx, d, org, record_id));
    TRY_ASSIGN(const int64_t blob_id, store_blob(tx, blob));
    return insert_attachment(tx, d, org, record_id, name, blob_id, std::nullopt, caller, now);
  });
}

Result<Attachment> attach_link(store::Database& db, const Description& d, int64_t org,
                               int64_t record_id, const std::string& label, const std::string& url,
                               const Caller& caller) {
  FieldValue address = url;
  if (auto problem =
          rules::check_value({.key = "url", .label = "Address", .type = FieldType::url}, address)) {
    return Error::invalid("url", *problem);
  }
  const std::string clean_url = std::get<std::string>(address);
  if (clean_url.empty()) return Error::invalid("url", "Address is required");
  TRY_ASSIGN(const std::string name,
             clean_line("name", "Label", label.empty() ? clean_url.substr(0, 200) : label));
  return db.write([&](store::Tx& tx) -> Result<Attachment> {
    TRY(require_changeable(tx, d, org, record_id));
    return insert_attachment(tx, d, org, record_id, name, std::nullopt, clean_url, caller,
                             now_timestamp());
  });
}

namespace {

Result<std::vector<Attachment>> attachments_of(store::Tx& tx, const Description& d, int64_t org,
                                               int64_t record_id) {
  TRY_ASSIGN(auto rows,
             tx.query(std::string(kColumns) + kFrom + " ORDER BY a.id", {org, d.type, record_id}));
  std::vector<Attachment> out;
  for (auto& row : rows) {
    store::RowReader r(row);
    out.push_back(attachment_from(r));
  }
  return out;
}

}  // namespace

Result<std::vector<Attachment>> attachments(store::Database& db, const Description& d, int64_t org,
                                            int64_t record_id) {
  return db.read([&](store::Tx& tx) -> Result<std::vector<Attachment>> {
    TRY(require_record(tx, d, org, record_id));
    return attachments_of(tx, d, org, record_id);
  });
}

Result<std::vector<Attachment>> attachments(store::Database& db, const Description& d, int64_t org,
                                            const Record& record) {
  return db.read([&](store::Tx& tx) { return attachments_of(tx, d, org, record.id); });
}

Result<AttachmentContent> attachment_content(store::Database& db, const Description& d, int64_t org,
                                             int64_t record_id, int64_t attachment_id) {
  return db.read([&](store::Tx& tx) -> Result<AttachmentContent> {
    TRY_ASSIGN(auto rows, tx.query(std::string(kColumns) + ", b.content" + kFrom +
                                       " AND a.id = $4 AND a.blob_id IS NOT NULL",
                                   {org, d.type, record_id, attachment_id}));
    if (rows.empty()) return Error::not_found("no such file");
    store::RowReader r(rows.front());
    Attachment attachment = attachment_from(r);
    r.skip();  // the blob's id
    return AttachmentContent{std::move(attachment), r.take_bytes()};
  });
}

Status remove_attachment(store::Database& db, const Description& d, int64_t org, int64_t record_id,
                         int64_t attachment_id, const Caller& caller) {
  return db.write([&](store::Tx& tx) -> Status {
    TRY(require_changeable(tx, d, org, record_id));
    TRY_ASSIGN(const Found found, find_attachment(tx, d, org, record_id, attachment_id));
    TRY(tx.exec("DELETE FROM record_attachments WHERE id = $1 AND org_id = $2",
                {attachment_id, org}));
    if (found.blob_id) TRY(remove_unused_blob(tx, org, *found.blob_id));
    TRY(trail::record(tx, org, caller.actor,
                      {d.type, record_id, "detach", trail_fields(found.attachment), {}}));
    return {};
  });
}

}  // namespace aims::records
