#include "base/csv.h"

namespace aims::csv {
namespace {

bool formula_like(std::string_view v) {
  return !v.empty() &&
         (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r');
}

}  // namespace

Result<Rows> parse(std::string_view text) {
  if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark)
    text.remove_prefix(kByteOrderMark.size());
  Rows rows;
  std::vector<std::string> current;
  std::string field;
  bool quoted = false, field_started = false, after_quote = false;
  size_t line = 1, column = 0, quote_line = 0;
  auto end_field = [&] {
    current.push_back(std::move(field));
    field.clear();
    field_started = after_quote = false;
  };
  auto end_row = [&] {
    end_field();
    // A line with no characters at all is skipped (e.g. a trailing newline).
    if (!(current.size() == 1 && current[0].empty())) rows.push_back(std::move(current));
    current.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    ++column;
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
          ++column;
        } else {
          quoted = false;
          after_quote = true;
        }
      } else {
        if (c == '\n') ++line, column = 0;
        field.push_back(c);
      }
      continue;
    }
    if (c == ',') {
      end_field();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_row();
      ++line;
      column = 0;
    } else if (c == '"') {
      if (field_started || after_quote) {
        return Error::malformed("line " + std::to_string(line) + ", column " +
                                std::to_string(column) + ": a quote inside an unquoted field");
      }
      quoted = true;
      field_started = true;
      quote_line = line;
    } else {
      if (after_quote) {
        return Error::malformed("line " + std::to_string(line) + ", column " +
                                std::to_string(column) + ": text after a closing quote");
      }
      field_started = true;
      field.push_back(c);
    }
  }
  if (quoted) {
    return Error::malformed("line " + std::to_string(quote_line) +
                            ": a quoted field is never closed");
  }
  if (field_started || !current.empty()) end_row();
  return rows;
}

std::string cell(std::string_view value) {
  // Built by appending: GCC 12 at -O3 misreads `"'" + std::string(value)` as an overlapping copy
  // (a -Werror=restrict false positive, GCC bug 105329) and stops a Release build.
  std::string v;
  v.reserve(value.size() + 1);
  if (formula_like(value)) v.push_back('\'');
  v.append(value);
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

std::string unescape_formula(std::string_view value) {
  if (value.size() >= 2 && value[0] == '\'' && formula_like(value.substr(1)))
    return std::string(value.substr(1));
  return std::string(value);
}

std::string row(const std::vector<std::string>& cells) {
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out.push_back(',');
    out += cell(cells[i]);
  }
  return out + "\r\n";
}

}  // namespace aims::csv
