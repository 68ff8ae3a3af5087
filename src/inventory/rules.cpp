#include "inventory/rules.h"

#include <algorithm>
#include <charconv>

#include "base/text.h"
#include "base/time.h"

namespace aims::inventory::rules {
namespace {

constexpr size_t kTextLimit = 200;
constexpr size_t kLongTextLimit = 10000;
constexpr size_t kListItems = 50;
constexpr size_t kListItemLimit = 100;

Error invalid(const Field& f, const std::string& message) {
  return Error::invalid(f.key, message);
}

Status check_text(const Field& f, std::string& text) {
  text = std::string(trim(text));
  // Browsers send textarea line breaks as CRLF; store them as LF like every other input.
  for (auto at = text.find("\r\n"); at != std::string::npos; at = text.find("\r\n", at))
    text.erase(at, 1);
  const bool long_text = f.type == FieldType::long_text;
  const size_t limit = long_text ? kLongTextLimit : kTextLimit;
  if (!is_valid_utf8(text)) return invalid(f, std::string(f.label) + " is not valid UTF-8");
  if (text.size() > limit) {
    return invalid(
        f, std::string(f.label) + " must be at most " + std::to_string(limit) + " characters");
  }
  const bool bad_control =
      long_text ? has_control_chars(text)
                : (has_control_chars(text) || text.find_first_of("\r\n\t") != std::string::npos);
  if (bad_control) return invalid(f, std::string(f.label) + " must not contain control characters");
  return {};
}

Status check_one(const Field& f, FieldValue& value) {
  if (std::holds_alternative<std::monostate>(value)) {
    if (f.required) return invalid(f, std::string(f.label) + " is required");
    return {};
  }
  switch (f.type) {
    case FieldType::text:
    case FieldType::long_text:
    case FieldType::choice:
    case FieldType::date:
    case FieldType::email:
    case FieldType::sha256: {
      auto* text = std::get_if<std::string>(&value);
      if (!text) return invalid(f, std::string(f.label) + " must be text");
      if (Status s = check_text(f, *text); !s) return s;
      if (text->empty()) {
        if (f.required) return invalid(f, std::string(f.label) + " is required");
        if (f.type == FieldType::date) value = std::monostate{};
        return {};
      }
      if (f.type == FieldType::choice) {
        const bool known = std::any_of(f.choices.begin(), f.choices.end(),
                                       [&](const Choice& c) { return *text == c.value; });
        if (!known) {
          std::string allowed;
          for (const auto& c : f.choices)
            allowed += (allowed.empty() ? "" : ", ") + std::string(c.value);
          return invalid(f, std::string(f.label) + " must be one of: " + allowed);
        }
      } else if (f.type == FieldType::date) {
        if (!parse_date_days(*text))
          return invalid(f, std::string(f.label) + " must be a date as YYYY-MM-DD");
      } else if (f.type == FieldType::email) {
        *text = to_lower_ascii(*text);
        if (!looks_like_email(*text))
          return invalid(f, std::string(f.label) + " must look like name@example.org");
      } else if (f.type == FieldType::sha256) {
        *text = to_lower_ascii(*text);
        if (text->size() != 64 ||
            text->find_first_not_of("0123456789abcdef") != std::string::npos) {
          return invalid(f, std::string(f.label) + " must be 64 hexadecimal digits");
        }
      }
      return {};
    }
    case FieldType::flag:
      if (!std::holds_alternative<bool>(value))
        return invalid(f, std::string(f.label) + " must be true or false");
      return {};
    case FieldType::count: {
      auto* n = std::get_if<int64_t>(&value);
      if (!n || *n < 0)
        return invalid(f, std::string(f.label) + " must be a whole number, 0 or more");
      return {};
    }
    case FieldType::user_ref:
    case FieldType::supplier_ref: {
      auto* n = std::get_if<int64_t>(&value);
      if (!n || *n < 1) return invalid(f, std::string(f.label) + " must be the id of a record");
      return {};
    }
    case FieldType::text_list: {
      auto* items = std::get_if<std::vector<std::string>>(&value);
      if (!items) return invalid(f, std::string(f.label) + " must be a list of texts");
      std::vector<std::string> clean;
      for (std::string item : *items) {
        item = std::string(trim(item));
        if (f.column == std::string_view("tags")) item = to_lower_ascii(item);
        if (item.empty()) continue;
        if (item.size() > kListItemLimit || has_control_chars(item) || !is_valid_utf8(item)) {
          return invalid(f, std::string(f.label) + ": each entry must be at most " +
                                std::to_string(kListItemLimit) + " characters on one line");
        }
        if (std::find(clean.begin(), clean.end(), item) == clean.end()) clean.push_back(item);
      }
      if (clean.size() > kListItems) {
        return invalid(f, std::string(f.label) + " may hold at most " + std::to_string(kListItems) +
                              " entries");
      }
      if (f.required && clean.empty()) return invalid(f, std::string(f.label) + " is required");
      *items = std::move(clean);
      return {};
    }
  }
  return {};
}

// Earlier date first; a missing date never breaks an order rule.
bool before(const Record& r, const char* earlier, const char* later) {
  const std::string a = r.text(earlier), b = r.text(later);
  return !a.empty() && !b.empty() && b < a;
}

Status ai_system_rules(Record& r) {
  const std::string eu_class = r.text("eu_ai_act_class");
  const bool high_risk = eu_class == "high_risk";
  const bool has_area = !r.text("annex_iii_area").empty();
  const bool has_product = !r.text("annex_i_product").empty();
  if (high_risk && !has_area && !has_product) {
    return Error::invalid("annex_iii_area",
                          "a high-risk system needs its Annex III area or its Annex I product");
  }
  if (!high_risk && has_area) {
    return Error::invalid("annex_iii_area", "only a high-risk system has an Annex III area");
  }
  if (!high_risk && has_product) {
    return Error::invalid("annex_i_product", "only a high-risk system has an Annex I product");
  }
  if (eu_class != "not_assessed" && r.text("eu_class_rationale").empty()) {
    return Error::invalid("eu_class_rationale",
                          "explain why this EU AI Act classification applies");
  }
  const std::string stage = r.text("lifecycle_stage");
  if (eu_class == "prohibited" && (stage == "deployment" || stage == "operation_monitoring")) {
    return Error::invalid("lifecycle_stage",
                          "a prohibited practice (Art. 5) must not be deployed or operated");
  }
  if (!r.flag("in_scope") && r.text("scope_exclusion_reason").empty()) {
    return Error::invalid("scope_exclusion_reason",
                          "say why the system is outside the AIMS scope (clause 4.3)");
  }
  if (r.flag("in_scope")) r.values["scope_exclusion_reason"] = std::string();
  if (before(r, "deployed_on", "retired_on")) {
    return Error::invalid("retired_on", "the retirement date cannot be before the deployment date");
  }
  return {};
}

Status model_rules(const Record& r) {
  const bool from_supplier = r.text("provider") == "supplier";
  const bool names_supplier = r.number("supplier_id").has_value();
  if (from_supplier && !names_supplier) {
    return Error::invalid("supplier_id", "name the supplier this model comes from");
  }
  if (!from_supplier && names_supplier) {
    return Error::invalid("supplier_id", "an in-house model has no supplier");
  }
  return {};
}

Status dataset_rules(const Record& r) {
  if (r.flag("personal_data") && r.text("consent_status") == "not_applicable") {
    return Error::invalid("consent_status", "personal data needs a consent or lawful-basis status");
  }
  if (before(r, "provenance_when", "disposal_date")) {
    return Error::invalid("disposal_date",
                          "the disposal date cannot be before the data was collected");
  }
  return {};
}

Status supplier_rules(const Record& r) {
  if (before(r, "last_review", "next_review")) {
    return Error::invalid("next_review", "the next review must come after the last one");
  }
  return {};
}

}  // namespace

void apply_defaults(const Entity& entity, Record& record) {
  for (const auto& f : entity.fields) {
    if (record.has(f.key)) continue;
    const std::string_view fallback = f.default_value;
    switch (f.type) {
      case FieldType::flag:
        record.values[f.key] = fallback == "true";
        break;
      case FieldType::text_list:
        record.values[f.key] = std::vector<std::string>();
        break;
      case FieldType::count:
      case FieldType::user_ref:
      case FieldType::supplier_ref:
      case FieldType::date:
        record.values[f.key] = std::monostate{};
        break;
      default:
        if (fallback.empty() && f.required) {
          record.values[f.key] = std::monostate{};
        } else {
          record.values[f.key] = std::string(fallback);
        }
    }
  }
  for (const auto& l : entity.links)
    record.links.try_emplace(l.key);
}

Status check_values(const Entity& entity, Record& record) {
  for (const auto& f : entity.fields) {
    auto it = record.values.find(f.key);
    if (it == record.values.end()) continue;
    if (Status s = check_one(f, it->second); !s) return s;
  }
  for (auto& [key, ids] : record.links) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    if (ids.size() > 500) return Error::invalid(key, key + " may hold at most 500 records");
  }
  return {};
}

Status check_consistency(const Entity& entity, Record& record) {
  switch (entity.kind) {
    case Kind::ai_system:
      return ai_system_rules(record);
    case Kind::model:
      return model_rules(record);
    case Kind::dataset:
      return dataset_rules(record);
    case Kind::supplier:
      return supplier_rules(record);
  }
  return {};
}

Result<FieldValue> parse_text(const Field& f, std::string_view raw, char list_separator) {
  const std::string_view text = trim(raw);
  switch (f.type) {
    case FieldType::flag: {
      const std::string lower = to_lower_ascii(text);
      if (lower == "yes" || lower == "true" || lower == "1" || lower == "on" || lower == "y")
        return FieldValue(true);
      if (lower == "no" || lower == "false" || lower == "0" || lower == "off" || lower == "n" ||
          lower.empty()) {
        return FieldValue(false);
      }
      return Error::invalid(f.key, std::string(f.label) + " must be yes or no");
    }
    case FieldType::count:
    case FieldType::user_ref:
    case FieldType::supplier_ref: {
      if (text.empty()) return FieldValue(std::monostate{});
      int64_t n = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (ec != std::errc() || end != text.data() + text.size()) {
        return Error::invalid(f.key, std::string(f.label) + " must be a whole number");
      }
      return FieldValue(n);
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
  if (const auto* l = std::get_if<std::vector<std::string>>(&value)) {
    std::string out;
    for (const auto& item : *l)
      out += (out.empty() ? "" : list_separator) + item;
    return out;
  }
  return {};
}

}  // namespace aims::inventory::rules
