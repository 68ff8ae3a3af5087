// Attachments (files and links) and comments on any record of any register: files are kept in the
// database by SHA-256, once per organisation and content; every change is an audit event of the
// record, written in the same transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "records/description.h"
#include "store/database.h"

namespace aims::records {

// Evidence is documents, spreadsheets, screenshots and exports: 25 MiB holds a long PDF report or
// a screenshot-heavy slide deck. The limit bounds what one upload costs: the file is held in
// memory while it is hashed and written (and PostgreSQL's text form of a download doubles it), so
// a few concurrent uploads stay far below a small server's memory.
inline constexpr uint64_t kMaxAttachmentBytes = uint64_t{25} << 20;

struct Attachment {
  int64_t id = 0;
  int64_t record_id = 0;
  std::string name;  // the file's name, or the link's label
  bool is_link = false;
  std::string url;         // a link's target (http or https)
  std::string media_type;  // a file's type, as detected from its content
  int64_t size = 0;
  std::string sha256;  // a file's SHA-256, 64 lower-case hex digits
  std::optional<int64_t> added_by;
  std::string added_by_label;
  std::string added_at;
};

// Errors shared by every function below: not_found when the record (or the attachment, or the
// comment replied to) is not one of the organisation's.

// Attaches `content` named `file_name` (a name only: any folder part is dropped; one line of at
// most 200 characters). Identical
// content already stored for the organisation is reused. Errors: too_large ("file") beyond
// kMaxAttachmentBytes; invalid_argument ("file") for an empty or executable file, ("name") for
// a missing or unusable name; failed_precondition when the record is archived.
Result<Attachment> attach_file(store::Database& db, const Description& d, int64_t org,
                               int64_t record_id, const std::string& file_name, std::string content,
                               const Caller& caller);
// Reads a file of at most kMaxAttachmentBytes (checked before reading). Errors: too_large and
// invalid_argument ("file").
Result<std::string> read_attachment_file(const std::string& path);

// Attaches a link. Errors: invalid_argument ("url": not http(s) or too long; "name": too long;
// an empty label becomes the URL); failed_precondition when the record is archived.
Result<Attachment> attach_link(store::Database& db, const Description& d, int64_t org,
                               int64_t record_id, const std::string& label, const std::string& url,
                               const Caller& caller);

// The record's attachments, oldest first.
Result<std::vector<Attachment>> attachments(store::Database& db, const Description& d, int64_t org,
                                            int64_t record_id);
// The same for a record the caller has just read (so it is the organisation's): no second look-up.
Result<std::vector<Attachment>> attachments(store::Database& db, const Description& d, int64_t org,
                                            const Record& record);

struct AttachmentContent {
  Attachment attachment;
  std::string bytes;
};
// A file attachment with its bytes. Errors: not_found also for a link.
Result<AttachmentContent> attachment_content(store::Database& db, const Description& d, int64_t org,
                                             int64_t record_id, int64_t attachment_id);

// Removes an attachment; its content stays while another attachment uses it. Errors:
// failed_precondition when the record is archived.
Status remove_attachment(store::Database& db, const Description& d, int64_t org, int64_t record_id,
                         int64_t attachment_id, const Caller& caller);

struct Comment {
  int64_t id = 0;
  int64_t record_id = 0;
  std::optional<int64_t> reply_to;
  std::optional<int64_t> author_id;
  std::string author_label;
  std::string body;  // Markdown
  std::string created_at;
};

// Whether `caller` may comment on the register's records: whoever may edit them (to answer), and
// auditors (to ask: their write permission is edit_audits). Viewers only read.
bool may_comment(const Description& d, const Caller& caller);

// Adds a comment. Comments stay possible on archived records: a question about a withdrawn
// system is still a question. Errors: permission_denied (see may_comment); invalid_argument
// ("body": empty, beyond 100,000 characters or not UTF-8; "reply_to": not a comment of this
// record).
Result<Comment> add_comment(store::Database& db, const Description& d, int64_t org,
                            int64_t record_id, const std::string& body,
                            std::optional<int64_t> reply_to, const Caller& caller);
// The record's comments, oldest first.
Result<std::vector<Comment>> comments(store::Database& db, const Description& d, int64_t org,
                                      int64_t record_id);
// The same for a record the caller has just read (so it is the organisation's): no second look-up.
Result<std::vector<Comment>> comments(store::Database& db, const Description& d, int64_t org,
                                      const Record& record);

}  // namespace aims::records
