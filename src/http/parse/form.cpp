#include "http/parse/form.h"

#include "base/text.h"

namespace aims::http {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool percent_decode(std::string_view in, std::string& out, bool plus_is_space) {
  out.clear();
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;  // a '%' needs two hex digits after it
      const int hi = hex_value(in[i + 1]), lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return true;
}

std::string percent_encode(std::string_view in) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : in) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

Result<FormFields> parse_form(std::string_view text, size_t max_fields) {
  FormFields fields;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('&', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view pair = text.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) {
      if (end == text.size()) break;
      continue;
    }
    if (fields.size() >= max_fields) return Error::malformed("too many form fields");
    const size_t eq = pair.find('=');
    std::string name, value;
    if (!percent_decode(pair.substr(0, eq), name, true)) {
      return Error::malformed("form field name has a broken %-escape");
    }
    if (eq != std::string_view::npos && !percent_decode(pair.substr(eq + 1), value, true)) {
      return Error::malformed("form field '" + name + "' has a broken %-escape", name);
    }
    if (!is_valid_utf8(name)) return Error::malformed("a form field name is not valid UTF-8");
    if (!is_valid_utf8(value)) {
      return Error::malformed("form field '" + name + "' is not valid UTF-8", name);
    }
    fields.emplace_back(std::move(name), std::move(value));
    if (end == text.size()) break;
  }
  return fields;
}

}  // namespace aims::http
