// List parameters shared by every list endpoint: limit, opaque cursor and sort order, validated
// with errors that name the query parameter.
#pragma once

#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "http/context.h"

namespace aims::http {

struct PageRequest {
  int limit = 50;
  std::optional<std::string> cursor;  // decoded cursor payload (module-specific text)
  std::string sort;                   // one of the allowed sort fields
  bool descending = false;
};

// Reads `limit` (1-200, default 50), `cursor` and `sort` ("name" or "-name"; must be one of
// `sortable`, default `default_sort`). Errors: invalid_argument on "limit"/"sort", malformed on
// "cursor".
Result<PageRequest> read_page_request(const Context& ctx, const std::vector<std::string>& sortable,
                                      const std::string& default_sort);

// Cursors are opaque to clients: base64url of a module-defined payload.
std::string encode_cursor(const std::string& payload);

// For short lists held in memory: the slice for `page` (cursor = offset) and the next cursor.
template <typename T>
std::pair<std::vector<T>, std::optional<std::string>> slice_page(const std::vector<T>& all,
                                                                 const PageRequest& page) {
  size_t offset = 0;
  if (page.cursor) offset = std::strtoull(page.cursor->c_str(), nullptr, 10);
  std::vector<T> items;
  for (size_t i = offset; i < all.size() && items.size() < static_cast<size_t>(page.limit); ++i) {
    items.push_back(all[i]);
  }
  std::optional<std::string> next;
  if (offset + items.size() < all.size())
    next = encode_cursor(std::to_string(offset + items.size()));
  return {std::move(items), next};
}

}  // namespace aims::http
