#include "http/paging.h"

#include <algorithm>
#include <charconv>

#include "base/crypto.h"
#include "base/text.h"

namespace aims::http {

std::string encode_cursor(const std::string& payload) {
  return crypto::base64url_encode(payload);
}

Result<PageRequest> read_page_request(const Context& ctx, const std::vector<std::string>& sortable,
                                      const std::string& default_sort) {
  PageRequest page;
  if (auto limit = ctx.query_value("limit")) {
    int value = 0;
    auto [end, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), value);
    if (ec != std::errc() || end != limit->data() + limit->size() || value < 1 || value > 200) {
      return Error::invalid("limit", "limit must be a whole number from 1 to 200");
    }
    page.limit = value;
  }
  if (auto cursor = ctx.query_value("cursor"); cursor && !cursor->empty()) {
    std::string decoded;
    if (!crypto::base64url_decode(*cursor, decoded) || !is_valid_utf8(decoded)) {
      return Error::malformed("cursor is not one this server issued", "cursor");
    }
    page.cursor = decoded;
  }
  std::string sort = ctx.query_value("sort").value_or(default_sort);
  if (sort.empty()) sort = default_sort;
  if (sort.front() == '-') {
    page.descending = true;
    sort.erase(0, 1);
  }
  if (std::find(sortable.begin(), sortable.end(), sort) == sortable.end()) {
    std::string allowed;
    for (const auto& s : sortable)
      allowed += (allowed.empty() ? "" : ", ") + s;
    return Error::invalid("sort", "sort must be one of " + allowed + " (prefix - to reverse)");
  }
  page.sort = sort;
  return page;
}

}  // namespace aims::http
