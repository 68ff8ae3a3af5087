// What a handler receives: the request, the database, the signed-in caller and helpers that
// read path ids, queries, forms, uploads and If-Match with errors that name the field.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "auth/auth.h"
#include "http/parse/form.h"
#include "http/parse/multipart.h"
#include "http/request.h"
#include "http/router.h"
#include "store/database.h"

namespace aims::http {

struct Context {
  const Request& request;
  store::Database& db;
  const auth::Principal* principal = nullptr;  // null only on public routes
  PathParams params;
  FormFields query;                    // parsed query string
  FormFields form;                     // parsed URL-encoded body, for page POSTs
  std::vector<MultipartPart> uploads;  // parsed multipart body; files are on disk

  const auth::Principal& who() const { return *principal; }
  int64_t org() const { return principal->org_id; }
  bool can(auth::Action action) const { return principal && auth::can(principal->role, action); }

  // The {name} path segment as a record id. Errors: not_found when it is not a positive integer
  // (so a malformed id answers like a missing record).
  Result<int64_t> path_id(const std::string& name = "id") const;
  std::optional<std::string> query_value(const std::string& name) const;
  std::optional<std::string> form_value(const std::string& name) const;
  // Every value of a repeated form field (checkboxes, multi-selects).
  std::vector<std::string> form_values(const std::string& name) const;
  const MultipartPart* upload(const std::string& name) const;
  // The version named by If-Match ("3" or W/"3"). Errors: version_required when absent,
  // malformed when unreadable.
  Result<int64_t> if_match() const;
};

// The ETag for record version `version`.
std::string etag(int64_t version);

}  // namespace aims::http
