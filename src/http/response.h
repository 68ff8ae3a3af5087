// An HTTP response as handlers build it, plus the constructors every route uses.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"

namespace aims::http {

struct Response;
// Delivers a deferred answer: call it exactly once, from any thread. An Error is answered the way
// the route answers errors (JSON or an error page).
using Finish = std::function<void(Result<Response>)>;

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // Set by Response::later: the answer comes from `deferred` instead of this object.
  std::function<void(Finish)> deferred;

  Response& with_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }

  static Response json(int status, std::string body);
  static Response html(int status, std::string body);
  static Response text(int status, std::string body,
                       std::string content_type = "text/plain; charset=utf-8");
  // 303 See Other: after a form POST the browser fetches `location` with GET.
  static Response redirect(std::string location);
  static Response no_content();
  // A file to download: Content-Disposition names it (RFC 6266, with a UTF-8 filename*).
  static Response download(std::string body, std::string content_type, const std::string& filename);
  // An answer produced later, off the request worker, for work that may take minutes (a
  // monitoring run): `start` runs on the worker once the handler has returned and hands `finish`
  // to whatever does the work. The request's Context is gone by then, so `start` must own
  // everything it uses (an upload is kept alive by holding its UploadFile).
  static Response later(std::function<void(Finish)> start);
};

// `next` (where to go after signing in) when it is a path of this site, else "/": it must start
// with one "/", and neither it nor its percent-decoded form may hold a backslash, a control
// character or a leading "//", which browsers would take as another host. Bytes beyond ASCII are
// percent-encoded so the value is safe in a Location header.
std::string same_site_path(std::string_view next);

}  // namespace aims::http
