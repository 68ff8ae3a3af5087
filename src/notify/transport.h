// Sending one delivery through libcurl: a signed webhook POST to an address already checked by
// the SSRF guard, or a message to an SMTP server. Both have a time limit and follow no redirects.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "base/result.h"
#include "notify/destinations.h"
#include "notify/outbox.h"

namespace aims::notify {

inline constexpr std::chrono::seconds kSendTimeout{10};

// POSTs `body` (JSON) with `headers` ("Name: value") to `to`, connecting only to `to.address`.
// delivered for a 2xx answer; the error keeps a short excerpt of any other answer.
Attempt post_webhook(const Destination& to, const std::vector<std::string>& headers,
                     const std::string& body);

enum class SmtpSecurity { starttls, tls, none };

struct MailServer {
  std::string host;
  int port = 587;
  SmtpSecurity security = SmtpSecurity::starttls;
  std::string username;
  std::string password;
  std::string from;
};

struct Mail {
  std::string to;
  std::string subject;
  std::string body;  // plain text
  std::string message_id;
};

// The RFC 5322 message: headers (a non-ASCII subject encoded per RFC 2047), CRLF line ends.
std::string mail_text(const MailServer& server, const Mail& mail, int64_t now_micros);

// Sends `mail` through `server`. Errors: unavailable with the server's complaint.
Status send_mail(const MailServer& server, const Mail& mail, int64_t now_micros);

}  // namespace aims::notify
