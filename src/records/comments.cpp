// Comments on records: a question and its answer beside the record, each written with its audit
// event in one transaction.
#include "auth/roles.h"
#include "base/json_text.h"
#include "base/time.h"
#include "records/attachments.h"
#include "records/records.h"
#include "records/rules.h"

namespace aims::records {
namespace {

constexpr const char* kSelect =
    "SELECT id, record_id, reply_to, author_id, author_label, body, created_at"
    " FROM record_comments WHERE org_id = $1 AND record_type = $2 AND record_id = $3";

Comment comment_from(store::Row& row) {
  store::RowReader r(row);
  return {r.int64(), r.int64(), r.opt_int64(), r.opt_int64(), r.text(), r.text(), r.text()};
}

Result<std::string> clean_body(const std::string& body) {
  FieldValue value = body;
  const Field field{.key = "body", .label = "Comment", .type = FieldType::markdown};
  if (auto problem = rules::check_value(field, value)) return Error::invalid("body", *problem);
  const auto* clean = std::get_if<std::string>(&value);
  if (!clean || clean->empty()) return Error::invalid("body", "write the comment");
  return *clean;
}

}  // namespace

bool may_comment(const Description& d, const Caller& caller) {
  if (!caller.role) return true;  // the command line: whoever holds the database
  return auth::can(*caller.role, d.edit) || auth::can(*caller.role, auth::Action::edit_audits);
}

Result<Comment> add_comment(store::Database& db, const Description& d, int64_t org,
                            int64_t record_id, const std::string& body,
                            std::optional<int64_t> reply_to, const Caller& caller) {
  if (!may_comment(d, caller)) {
    return Error{ErrorCode::permission_denied, "your role may read comments but not add them", {}};
  }
  TRY_ASSIGN(const std::string text, clean_body(body));
  return db.write([&](store::Tx& tx) -> Result<Comment> {
    TRY_ASSIGN(const bool found, exists(tx, d, org, record_id));
    if (!found) return Error::not_found(std::string("no such ") + d.singular);
    if (reply_to) {
      TRY_ASSIGN(auto to, tx.query_row(std::string(kSelect) + " AND id = $4",
                                       {org, d.type, record_id, *reply_to}));
      if (!to) return Error::invalid("reply_to", "no such comment on this record");
    }
    const std::string now = now_timestamp();
    TRY_ASSIGN(const int64_t id,
               tx.insert("INSERT INTO record_comments (org_id, record_type, record_id, reply_to,"
                         " author_id, author_label, body, created_at)"
                         " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                         {org, d.type, record_id, reply_to, caller.user_id, caller.actor.label,
                          text, now}));
    TRY(trail::record(tx, org, caller.actor,
                      {d.type,
                       record_id,
                       "comment",
                       {},
                       {{"comment_id", json_text::number(id)},
                        {"comment", json_text::quote(text)},
                        {"reply_to", json_text::optional_number(reply_to)}}}));
    return Comment{id, record_id, reply_to, caller.user_id, caller.actor.label, text, now};
  });
}

namespace {

Result<std::vector<Comment>> comments_of(store::Tx& tx, const Description& d, int64_t org,
                                         int64_t record_id) {
  TRY_ASSIGN(auto rows, tx.query(std::string(kSelect) + " ORDER BY id", {org, d.type, record_id}));
  std::vector<Comment> out;
  for (auto& row : rows)
    out.push_back(comment_from(row));
  return out;
}

}  // namespace

Result<std::vector<Comment>> comments(store::Database& db, const Description& d, int64_t org,
                                      int64_t record_id) {
  return db.read([&](store::Tx& tx) -> Result<std::vector<Comment>> {
    TRY_ASSIGN(const bool found, exists(tx, d, org, record_id));
    if (!found) return Error::not_found(std::string("no such ") + d.singular);
    return comments_of(tx, d, org, record_id);
  });
}

Result<std::vector<Comment>> comments(store::Database& db, const Description& d, int64_t org,
                                      const Record& record) {
  return db.read([&](store::Tx& tx) { return comments_of(tx, d, org, record.id); });
}

}  // namespace aims::records
