// The organisation's SMTP settings and each person's digest choice (settings.h).
#include <algorithm>

#include "base/json_text.h"
#include "base/text.h"
#include "base/time.h"
#include "notify/sealed.h"
#include "notify/settings.h"

namespace aims::notify {
namespace {

bool is_this_machine(std::string_view host) {
  return host == "localhost" || host == "127.0.0.1" || host == "::1";
}

std::optional<SmtpSecurity> parse_security(std::string_view text) {
  if (text == "starttls") return SmtpSecurity::starttls;
  if (text == "tls") return SmtpSecurity::tls;
  if (text == "none") return SmtpSecurity::none;
  return std::nullopt;
}

Status check(const SmtpInput& in) {
  Error e = Error::invalid("", "");
  auto add = [&e](const char* field, std::string message) {
    if (e.field.empty()) {
      e.field = field;
      e.message = message;
    }
    e.problems.push_back({field, std::move(message)});
  };
  if (in.host.empty() || in.host.size() > 253 || !is_one_line(in.host) ||
      in.host.find(' ') != std::string::npos) {
    add("host", "the mail server's host name is required (e.g. smtp.example.com)");
  }
  if (in.port < 1 || in.port > 65535) add("port", "the port must be 1 to 65535 (often 587 or 465)");
  if (!parse_security(in.security)) {
    add("security", "choose STARTTLS, TLS or none");
  } else if (in.security == "none" && !is_this_machine(in.host)) {
    add("security", "mail without encryption may only go to a server on this machine (localhost)");
  }
  if (in.username.size() > 200 || !is_one_line(in.username))
    add("username", "the user name is one line of at most 200 characters");
  if (in.password && (in.password->size() > 500 || !is_one_line(*in.password)))
    add("password", "the password is one line of at most 500 characters");
  if (!looks_like_email(in.from_address) || in.from_address.size() > 254 ||
      in.from_address.find_first_of("<>\r\n") != std::string::npos) {
    add("from_address", "the sender must be an email address, e.g. aims@example.com");
  }
  if (e.problems.empty()) return {};
  return e;
}

}  // namespace

Result<std::optional<SmtpSettings>> smtp_settings(store::Database& db, int64_t org) {
  return db.read([&](store::Tx& tx) -> Result<std::optional<SmtpSettings>> {
    TRY_ASSIGN(auto row,
               tx.query_row("SELECT host, port, security, username, password_sealed,"
                            " from_address, updated_at FROM notify_smtp WHERE org_id = $1",
                            {org}));
    if (!row) return std::optional<SmtpSettings>();
    store::RowReader r(*row);
    SmtpSettings s;
    s.host = r.text();
    s.port = int(r.int64());
    s.security = r.text();
    s.username = r.text();
    s.password_set = !r.text().empty();
    s.from_address = r.text();
    s.updated_at = r.text();
    return std::optional<SmtpSettings>(std::move(s));
  });
}

Status save_smtp_settings(store::Database& db, const trail::SigningKeys& keys, int64_t org,
                          const SmtpInput& input, const trail::Actor& actor) {
  TRY(check(input));
  const std::string sealed = input.password && !input.password->empty()
                                 ? seal(keys, org, kSmtpPasswordContext, *input.password)
                                 : "";
  return db.write([&](store::Tx& tx) -> Status {
    TRY_ASSIGN(auto before, tx.query_row("SELECT host, port, security, username, from_address,"
                                         " password_sealed FROM notify_smtp WHERE org_id = $1",
                                         {org}));
    const std::string now = now_timestamp();
    trail::Fields old_fields;
    std::string password = sealed;
    if (before) {
      store::RowReader r(*before);
      old_fields = {{"host", json_text::quote(r.text())},
                    {"port", json_text::number(r.int64())},
                    {"security", json_text::quote(r.text())},
                    {"username", json_text::quote(r.text())},
                    {"from_address", json_text::quote(r.text())}};
      if (!input.password) password = r.text();
      TRY(
          tx.exec("UPDATE notify_smtp SET host = $2, port = $3, security = $4, username = $5,"
                  " password_sealed = $6, from_address = $7, version = version + 1,"
                  " updated_at = $8 WHERE org_id = $1",
                  {org, input.host, input.port, input.security, input.username, password,
                   input.from_address, now}));
    } else {
      TRY(
          tx.exec("INSERT INTO notify_smtp (org_id, host, port, security, username,"
                  " password_sealed, from_address, updated_at) VALUES ($1, $2, $3, $4, $5, $6,"
                  " $7, $8)",
                  {org, input.host, input.port, input.security, input.username, password,
                   input.from_address, now}));
    }
    trail::Fields new_fields = {{"host", json_text::quote(input.host)},
                                {"port", json_text::number(input.port)},
                                {"security", json_text::quote(input.security)},
                                {"username", json_text::quote(input.username)},
                                {"from_address", json_text::quote(input.from_address)}};
    // The password itself never reaches the trail: only that it was changed.
    if (input.password) new_fields["password"] = json_text::quote("changed");
    TRY(trail::record(
        tx, org, actor,
        {"email_settings", org, before ? "update" : "create", old_fields, new_fields}));
    return Status{};
  });
}

Result<std::optional<MailServer>> mail_server(store::Tx& tx, const trail::SigningKeys& keys,
                                              int64_t org) {
  TRY_ASSIGN(auto row, tx.query_row("SELECT host, port, security, username, password_sealed,"
                                    " from_address FROM notify_smtp WHERE org_id = $1",
                                    {org}));
  if (!row) return std::optional<MailServer>();
  store::RowReader r(*row);
  MailServer s;
  s.host = r.text();
  s.port = int(r.int64());
  s.security = parse_security(r.text()).value_or(SmtpSecurity::starttls);
  s.username = r.text();
  const std::string sealed = r.text();
  s.from = r.text();
  if (!sealed.empty()) {
    TRY_ASSIGN(s.password, unseal(keys, org, kSmtpPasswordContext, sealed));
  }
  return std::optional<MailServer>(std::move(s));
}

Status send_test_email(store::Database& db, const trail::SigningKeys& keys, int64_t org,
                       const std::string& to) {
  TRY_ASSIGN(auto server, db.read([&](store::Tx& tx) { return mail_server(tx, keys, org); }));
  if (!server)
    return Error{ErrorCode::failed_precondition, "save the email settings first", "host"};
  return send_mail(*server,
                   {to, "aims test message",
                    "This message shows that aims can send email through " + server->host +
                        ".\nNo action is needed.",
                    new_message_id()},
                   now_micros());
}

Result<bool> digest_enabled(store::Database& db, int64_t org, int64_t person) {
  return db.read([&](store::Tx& tx) -> Result<bool> {
    TRY_ASSIGN(auto row, tx.query_row("SELECT digest_enabled FROM notify_preferences"
                                      " WHERE org_id = $1 AND user_id = $2",
                                      {org, person}));
    return !row || row->boolean(0);
  });
}

Status set_digest_enabled(store::Database& db, int64_t org, int64_t person, bool enabled,
                          const trail::Actor& actor) {
  return db.write([&](store::Tx& tx) -> Status {
    TRY_ASSIGN(auto row, tx.query_row("SELECT digest_enabled FROM notify_preferences"
                                      " WHERE org_id = $1 AND user_id = $2",
                                      {org, person}));
    const bool before = !row || row->boolean(0);
    if (row) {
      TRY(
          tx.exec("UPDATE notify_preferences SET digest_enabled = $3 WHERE org_id = $1 AND"
                  " user_id = $2",
                  {org, person, enabled}));
    } else {
      TRY(
          tx.exec("INSERT INTO notify_preferences (org_id, user_id, digest_enabled) VALUES ($1,"
                  " $2, $3)",
                  {org, person, enabled}));
    }
    TRY(trail::record(tx, org, actor,
                      {"user",
                       person,
                       "update",
                       {{"email_digest", json_text::boolean(before)}},
                       {{"email_digest", json_text::boolean(enabled)}}}));
    return Status{};
  });
}

}  // namespace aims::notify
