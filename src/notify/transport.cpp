#include "notify/transport.h"

#include <algorithm>
#include <ctime>
#include <memory>

#include <curl/curl.h>

#include "base/crypto.h"

namespace aims::notify {
namespace {

constexpr size_t kExcerptBytes = 200;
constexpr size_t kMaxResponseBytes = 64 * 1024;  // read no further: the answer is not stored

using Easy = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using Headers = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

Easy new_handle() {
  static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  (void)initialised;
  return Easy(curl_easy_init(), curl_easy_cleanup);
}

struct Excerpt {
  std::string text;
  size_t seen = 0;
};

size_t keep_excerpt(char* data, size_t size, size_t count, void* user) {
  auto* excerpt = static_cast<Excerpt*>(user);
  const size_t n = size * count;
  if (excerpt->text.size() < kExcerptBytes)
    excerpt->text.append(data, std::min(n, kExcerptBytes - excerpt->text.size()));
  excerpt->seen += n;
  return excerpt->seen > kMaxResponseBytes ? 0 : n;
}

void common_options(CURL* h, const char* protocols) {
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, long(kSendTimeout.count() * 1000));
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, protocols);
  curl_easy_setopt(h, CURLOPT_NOPROXY, "*");  // a proxy from the environment would pick the host
}

std::string printable(std::string text) {
  for (char& c : text)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  return text;
}

// No CR or LF may reach a header: a subject could otherwise add headers of its own.
std::string one_line(std::string_view text) {
  std::string out;
  for (const char c : text)
    out += (c == '\r' || c == '\n') ? ' ' : c;
  return out;
}

std::string encoded_subject(const std::string& subject) {
  for (const unsigned char c : subject)
    if (c >= 0x80) return "=?UTF-8?B?" + crypto::base64_encode(subject) + "?=";
  return subject;
}

std::string rfc5322_date(int64_t now_micros) {
  const std::time_t seconds = std::time_t(now_micros / 1'000'000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S +0000", &utc);
  return text;
}

std::string crlf_lines(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') continue;
    if (text[i] == '\n') out += '\r';
    out += text[i];
  }
  return out;
}

struct Upload {
  std::string_view rest;
};

size_t read_upload(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const size_t n = std::min(size * count, upload->rest.size());
  std::copy_n(upload->rest.data(), n, buffer);
  upload->rest.remove_prefix(n);
  return n;
}

}  // namespace

Attempt post_webhook(const Destination& to, const std::vector<std::string>& headers,
                     const std::string& body) {
  Easy h = new_handle();
  if (!h) return {false, std::nullopt, "cannot start an HTTP client"};
  common_options(h.get(), "http,https");
  // Connect to the address the guard checked, whatever the name resolves to by now.
  const std::string pin =
      (to.host.find(':') != std::string::npos ? "[" + to.host + "]" : to.host) + ":" +
      std::to_string(to.port) + ":" +
      (to.address.find(':') != std::string::npos ? "[" + to.address + "]" : to.address);
  Headers resolve(curl_slist_append(nullptr, pin.c_str()), curl_slist_free_all);
  curl_easy_setopt(h.get(), CURLOPT_RESOLVE, resolve.get());
  Headers list(nullptr, curl_slist_free_all);
  for (const auto& header : headers)
    list.reset(curl_slist_append(list.release(), header.c_str()));
  list.reset(curl_slist_append(list.release(), "Content-Type: application/json"));
  list.reset(curl_slist_append(list.release(), "User-Agent: aims-webhooks"));
  curl_easy_setopt(h.get(), CURLOPT_HTTPHEADER, list.get());
  curl_easy_setopt(h.get(), CURLOPT_URL, to.url.c_str());
  curl_easy_setopt(h.get(), CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(h.get(), CURLOPT_POSTFIELDSIZE, long(body.size()));
  Excerpt excerpt;
  curl_easy_setopt(h.get(), CURLOPT_WRITEFUNCTION, keep_excerpt);
  curl_easy_setopt(h.get(), CURLOPT_WRITEDATA, &excerpt);
  const CURLcode sent = curl_easy_perform(h.get());
  long code = 0;
  curl_easy_getinfo(h.get(), CURLINFO_RESPONSE_CODE, &code);
  if (code == 0) return {false, std::nullopt, printable(curl_easy_strerror(sent))};
  if (code >= 200 && code < 300) return {true, code, ""};
  return {false, code, printable("HTTP " + std::to_string(code) + ": " + excerpt.text)};
}

std::string mail_text(const MailServer& server, const Mail& mail, int64_t now_micros) {
  return crlf_lines("From: " + one_line(server.from) + "\nTo: " + one_line(mail.to) +
                    "\nSubject: " + encoded_subject(one_line(mail.subject)) + "\nDate: " +
                    rfc5322_date(now_micros) + "\nMessage-ID: <" + one_line(mail.message_id) +
                    "@aims>\nMIME-Version: 1.0\n"
                    "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n"
                    "Auto-Submitted: auto-generated\n\n" +
                    mail.body + "\n");
}

Status send_mail(const MailServer& server, const Mail& mail, int64_t now_micros) {
  Easy h = new_handle();
  if (!h) return Error::unavailable("cannot start an SMTP client");
  common_options(h.get(), "smtp,smtps");
  const std::string scheme = server.security == SmtpSecurity::tls ? "smtps://" : "smtp://";
  const std::string host =
      server.host.find(':') != std::string::npos ? "[" + server.host + "]" : server.host;
  const std::string url = scheme + host + ":" + std::to_string(server.port);
  curl_easy_setopt(h.get(), CURLOPT_URL, url.c_str());
  if (server.security == SmtpSecurity::starttls)
    curl_easy_setopt(h.get(), CURLOPT_USE_SSL, long(CURLUSESSL_ALL));
  if (!server.username.empty()) {
    curl_easy_setopt(h.get(), CURLOPT_USERNAME, server.username.c_str());
    curl_easy_setopt(h.get(), CURLOPT_PASSWORD, server.password.c_str());
  }
  const std::string from = "<" + one_line(server.from) + ">";
  curl_easy_setopt(h.get(), CURLOPT_MAIL_FROM, from.c_str());
  Headers recipients(curl_slist_append(nullptr, ("<" + one_line(mail.to) + ">").c_str()),
                     curl_slist_free_all);
  curl_easy_setopt(h.get(), CURLOPT_MAIL_RCPT, recipients.get());
  const std::string text = mail_text(server, mail, now_micros);
  Upload upload{text};
  curl_easy_setopt(h.get(), CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(h.get(), CURLOPT_READDATA, &upload);
  curl_easy_setopt(h.get(), CURLOPT_UPLOAD, 1L);
  const CURLcode sent = curl_easy_perform(h.get());
  if (sent != CURLE_OK) {
    long code = 0;
    curl_easy_getinfo(h.get(), CURLINFO_RESPONSE_CODE, &code);
    return Error::unavailable("the mail server " + server.host +
                              " refused the message: " + curl_easy_strerror(sent) +
                              (code ? " (reply " + std::to_string(code) + ")" : ""));
  }
  return {};
}

}  // namespace aims::notify
