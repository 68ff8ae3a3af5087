#include "records/rules.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "base/text.h"
#include "base/time.h"

namespace aims::records::rules {
namespace {

std::string label(const Field& f) {
  return f.label;
}

bool is_text_type(FieldType type) {
  switch (type) {
    case FieldType::text:
    case FieldType::long_text:
    case FieldType::markdown:
    case FieldType::choice:
    case FieldType::date:
    case FieldType::date_time:
    case FieldType::email:
    case FieldType::url:
    case FieldType::sha256:
      return true;
    default:
      return false;
  }
}

size_t limit_of(const Field& f) {
  if (f.type == FieldType::markdown) return kMarkdownLimit;
  if (f.type == FieldType::long_text) return kLongTextLimit;
  if (f.type == FieldType::url) return 2000;
  return kTextLimit;
}

// Trimmed, LF line breaks, valid UTF-8, within the limit, one line unless the type has lines.
std::optional<std::string> clean_text(const Field& f, std::string& text) {
  text = std::string(trim(text));
  // Browsers send textarea line breaks as CRLF; store them as LF like every other input.
  for (auto at = text.find("\r\n"); at != std::string::npos; at = text.find("\r\n", at))
    text.erase(at, 1);
  if (!is_valid_utf8(text)) return label(f) + " is not valid UTF-8";
  const size_t limit = limit_of(f);
  if (text.size() > limit) {
    return label(f) + " must be at most " + std::to_string(limit) + " characters";
  }
  const bool lines = f.type == FieldType::long_text || f.type == FieldType::markdown;
  if (lines ? has_control_chars(text) : !is_one_line(text)) {
    return label(f) + (lines ? " must not contain control characters"
                             : " must be one line without control characters");
  }
  return std::nullopt;
}

std::optional<std::string> check_format(const Field& f, std::string& text) {
  switch (f.type) {
    case FieldType::choice:
      if (std::none_of(f.choices.begin(), f.choices.end(),
                       [&](const Choice& c) { return text == c.value; })) {
        std::string allowed;
        for (const auto& c : f.choices)
          allowed += (allowed.empty() ? "" : ", ") + std::string(c.value);
        return label(f) + " must be one of: " + allowed;
      }
      return std::nullopt;
    case FieldType::date:
      if (!parse_date_days(text)) return label(f) + " must be a date as YYYY-MM-DD";
      return std::nullopt;
    case FieldType::date_time: {
      auto at = parse_timestamp(text);
      if (!at) return label(f) + " must be a date and time such as 2026-11-22T09:30:00Z";
      text = format_timestamp(*at);
      return std::nullopt;
    }
    case FieldType::email:
      text = to_lower_ascii(text);
      if (!looks_like_email(text)) return label(f) + " must look like name@example.org";
      return std::nullopt;
    case FieldType::url: {
      const std::string lower = to_lower_ascii(text.substr(0, 8));
      if ((!lower.starts_with("https://") && !lower.starts_with("http://")) ||
          text.find_first_of(" \"<>\\^`{|}") != std::string::npos || text.size() < 10) {
        return label(f) + " must be a web address starting with https:// or http://";
      }
      return std::nullopt;
    }
    case FieldType::sha256:
      text = to_lower_ascii(text);
      if (text.size() != 64 || text.find_first_not_of("0123456789abcdef") != std::string::npos) {
        return label(f) + " must be 64 hexadecimal digits";
      }
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

// A number field's range as people read it: "1 to 5", or "0 or more" when none is declared.
std::string range_text(const Field& f) {
  auto show = [](double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", v);
    return std::string(buffer);
  };
  if (f.min == 0 && f.max == 0) return "0 or more";
  return show(f.min) + " to " + show(f.max);
}

bool in_range(const Field& f, double v) {
  if (f.min == 0 && f.max == 0) return v >= 0;
  return v >= f.min && v <= f.max;
}

std::optional<std::string> check_list(const Field& f, std::vector<std::string>& items) {
  std::vector<std::string> clean;
  for (std::string item : items) {
    item = std::string(trim(item));
    if (item.empty()) continue;
    if (item.size() > kListItemLimit || !is_one_line(item) || !is_valid_utf8(item)) {
      return label(f) + ": each entry must be at most " + std::to_string(kListItemLimit) +
             " characters on one line";
    }
    if (std::find(clean.begin(), clean.end(), item) == clean.end()) clean.push_back(item);
  }
  if (clean.size() > kListItems) {
    return label(f) + " may hold at most " + std::to_string(kListItems) + " entries";
  }
  items = std::move(clean);
  return std::nullopt;
}

std::optional<std::string> check_references(const Field& f, FieldValue& value) {
  if (!f.many) {
    const auto* id = std::get_if<int64_t>(&value);
    if (!id || *id < 1) return label(f) + " must be the id of a record";
    return std::nullopt;
  }
  auto* ids = std::get_if<Ids>(&value);
  if (!ids) return label(f) + " must be a list of record ids";
  for (int64_t id : *ids) {
    if (id < 1) return label(f) + " must hold record ids";
  }
  // The order people gave is kept (it is how they read the list); repeats are dropped.
  Ids unique;
  for (int64_t id : *ids) {
    if (std::find(unique.begin(), unique.end(), id) == unique.end()) unique.push_back(id);
  }
  if (unique.size() > kReferenceLimit) {
    return label(f) + " may hold at most " + std::to_string(kReferenceLimit) + " records";
  }
  *ids = std::move(unique);
  return std::nullopt;
}

// The problem with one value, if any; normalises it in place.
std::optional<std::string> check_one(const Field& f, FieldValue& value) {
  if (std::holds_alternative<std::monostate>(value)) return std::nullopt;
  if (is_text_type(f.type)) {
    auto* text = std::get_if<std::string>(&value);
    if (!text) return label(f) + " must be text";
    if (auto problem = clean_text(f, *text)) return problem;
    if (text->empty()) {
      // An empty date or choice is "not set", as an absent one.
      if (f.type != FieldType::text && f.type != FieldType::long_text &&
          f.type != FieldType::markdown) {
        value = std::monostate{};
      }
      return std::nullopt;
    }
    return check_format(f, *text);
  }
  switch (f.type) {
    case FieldType::flag:
      if (!std::holds_alternative<bool>(value)) return label(f) + " must be true or false";
      return std::nullopt;
    case FieldType::integer:
    case FieldType::score: {
      const auto* n = std::get_if<int64_t>(&value);
      if (!n || !in_range(f, static_cast<double>(*n))) {
        return label(f) + " must be a whole number from " + range_text(f);
      }
      return std::nullopt;
    }
    case FieldType::decimal: {
      if (const auto* n = std::get_if<int64_t>(&value)) value = static_cast<double>(*n);
      const auto* d = std::get_if<double>(&value);
      if (!d || !std::isfinite(*d) || !in_range(f, *d)) {
        return label(f) + " must be a number from " + range_text(f);
      }
      return std::nullopt;
    }
    case FieldType::text_list: {
      auto* items = std::get_if<std::vector<std::string>>(&value);
      if (!items) return label(f) + " must be a list of texts";
      return check_list(f, *items);
    }
    case FieldType::user_ref: {
      const auto* id = std::get_if<int64_t>(&value);
      if (!id || *id < 1) return label(f) + " must be the id of a user";
      return std::nullopt;
    }
    case FieldType::record_ref:
      return check_references(f, value);
    default:
      return std::nullopt;
  }
}

}  // namespace

void apply_defaults(const Description& d, Record& record) {
  for (const auto& f : d.fields) {
    if (record.has(f.key) || f.computed) continue;
    const std::string_view fallback = f.default_value;
    switch (f.type) {
      case FieldType::flag:
        record.values[f.key] = fallback == "true";
        break;
      case FieldType::text_list:
        record.values[f.key] = std::vector<std::string>();
        break;
      case FieldType::record_ref:
        record.values[f.key] = f.many ? FieldValue(Ids()) : FieldValue();
        break;
      case FieldType::text:
      case FieldType::long_text:
      case FieldType::markdown:
        record.values[f.key] = std::string(fallback);
        break;
      case FieldType::integer:
      case FieldType::score:
      case FieldType::decimal:
        // A default is written as text in the description; parse it as the field reads input.
        record.values[f.key] = fallback.empty() ? FieldValue() : *parse_text(f, fallback, ';');
        break;
      default:
        record.values[f.key] = fallback.empty() ? FieldValue() : FieldValue(std::string(fallback));
    }
  }
}

void check_values(const Description& d, Record& record, Problems& problems) {
  for (const auto& f : d.fields) {
    auto it = record.values.find(f.key);
    if (it == record.values.end()) continue;
    if (auto problem = check_one(f, it->second)) problems.add(f.key, *problem);
  }
  for (const auto& [key, value] : record.values) {
    if (!d.field(key)) problems.add(key, key + " is not a field of " + d.singular);
  }
}

std::optional<std::string> check_value(const Field& field, FieldValue& value) {
  return check_one(field, value);
}

void check_required(const Description& d, const Record& record, Problems& problems) {
  for (const auto& f : d.fields) {
    if (f.required && !f.computed && f.type != FieldType::flag && !record.is_set(f.key)) {
      problems.add(f.key, label(f) + " is required");
    }
  }
}

Result<FieldValue> parse_text(const Field& f, std::string_view raw, char list_separator) {
  const std::string_view text = trim(raw);
  auto whole_number = [&](const char* what) -> Result<FieldValue> {
    if (text.empty()) return FieldValue();
    int64_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size()) {
      return Error::invalid(f.key, label(f) + " must be " + what);
    }
    return FieldValue(n);
  };
  switch (f.type) {
    case FieldType::flag: {
      const std::string lower = to_lower_ascii(text);
      if (lower == "yes" || lower == "true" || lower == "1" || lower == "on" || lower == "y")
        return FieldValue(true);
      if (lower == "no" || lower == "false" || lower == "0" || lower == "off" || lower == "n" ||
          lower.empty()) {
        return FieldValue(false);
      }
      return Error::invalid(f.key, label(f) + " must be yes or no");
    }
    case FieldType::integer:
    case FieldType::score:
      return whole_number("a whole number");
    case FieldType::user_ref:
      return whole_number("the id of a user");
    case FieldType::decimal: {
      if (text.empty()) return FieldValue();
      const std::string copy(text);
      char* end = nullptr;
      const double v = std::strtod(copy.c_str(), &end);
      if (end != copy.c_str() + copy.size() || !std::isfinite(v)) {
        return Error::invalid(f.key, label(f) + " must be a number such as 0.8");
      }
      return FieldValue(v);
    }
    case FieldType::record_ref: {
      if (!f.many) return whole_number("the id of a record");
      Ids ids;
      for (auto part : split(text, list_separator)) {
        part = trim(part);
        if (part.empty()) continue;
        int64_t id = 0;
        auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), id);
        if (ec != std::errc() || end != part.data() + part.size()) {
          return Error::invalid(f.key, label(f) + " must be record ids");
        }
        ids.push_back(id);
      }
      return FieldValue(std::move(ids));
    }
    case FieldType::text_list: {
      std::vector<std::string> items;
      for (auto part : split(text, list_separator)) {
        if (!trim(part).empty()) items.emplace_back(trim(part));
      }
      return FieldValue(std::move(items));
    }
    default:
      return FieldValue(std::string(raw));
  }
}

std::string to_text(const FieldValue& value, const char* list_separator) {
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  if (const auto* b = std::get_if<bool>(&value)) return *b ? "yes" : "no";
  if (const auto* n = std::get_if<int64_t>(&value)) return std::to_string(*n);
  if (const auto* d = std::get_if<double>(&value)) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.10g", *d);
    return buffer;
  }
  std::string out;
  if (const auto* l = std::get_if<std::vector<std::string>>(&value)) {
    for (const auto& item : *l)
      out += (out.empty() ? "" : list_separator) + item;
  }
  if (const auto* ids = std::get_if<Ids>(&value)) {
    for (int64_t id : *ids)
      out += (out.empty() ? "" : list_separator) + std::to_string(id);
  }
  return out;
}

}  // namespace aims::records::rules
