#include "inventory/record.h"

namespace aims::inventory {

std::string Record::text(const std::string& key) const {
  auto it = values.find(key);
  if (it == values.end()) return {};
  if (const auto* s = std::get_if<std::string>(&it->second)) return *s;
  return {};
}

bool Record::flag(const std::string& key) const {
  auto it = values.find(key);
  if (it == values.end()) return false;
  if (const auto* b = std::get_if<bool>(&it->second)) return *b;
  return false;
}

std::optional<int64_t> Record::number(const std::string& key) const {
  auto it = values.find(key);
  if (it == values.end()) return std::nullopt;
  if (const auto* n = std::get_if<int64_t>(&it->second)) return *n;
  return std::nullopt;
}

std::vector<std::string> Record::list(const std::string& key) const {
  auto it = values.find(key);
  if (it == values.end()) return {};
  if (const auto* l = std::get_if<std::vector<std::string>>(&it->second)) return *l;
  return {};
}

std::string Record::display_name() const {
  if (kind == Kind::model) return text("name") + " " + text("model_version");
  return text("name");
}

}  // namespace aims::inventory
