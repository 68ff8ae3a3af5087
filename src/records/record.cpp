#include "records/record.h"

namespace aims::records {
namespace {

template <typename T>
const T* find(const Record& r, const std::string& key) {
  auto it = r.values.find(key);
  return it == r.values.end() ? nullptr : std::get_if<T>(&it->second);
}

}  // namespace

bool Record::is_set(const std::string& key) const {
  auto it = values.find(key);
  if (it == values.end() || std::holds_alternative<std::monostate>(it->second)) return false;
  if (const auto* s = std::get_if<std::string>(&it->second)) return !s->empty();
  if (const auto* l = std::get_if<std::vector<std::string>>(&it->second)) return !l->empty();
  if (const auto* i = std::get_if<Ids>(&it->second)) return !i->empty();
  return true;
}

std::string Record::text(const std::string& key) const {
  const auto* s = find<std::string>(*this, key);
  return s ? *s : std::string();
}

bool Record::flag(const std::string& key) const {
  const auto* b = find<bool>(*this, key);
  return b && *b;
}

std::optional<int64_t> Record::number(const std::string& key) const {
  if (const auto* n = find<int64_t>(*this, key)) return *n;
  return std::nullopt;
}

std::optional<double> Record::decimal(const std::string& key) const {
  if (const auto* d = find<double>(*this, key)) return *d;
  if (const auto* n = find<int64_t>(*this, key)) return static_cast<double>(*n);
  return std::nullopt;
}

std::vector<std::string> Record::list(const std::string& key) const {
  const auto* l = find<std::vector<std::string>>(*this, key);
  return l ? *l : std::vector<std::string>();
}

Ids Record::ids(const std::string& key) const {
  if (const auto* many = find<Ids>(*this, key)) return *many;
  if (const auto* one = find<int64_t>(*this, key)) return {*one};
  return {};
}

}  // namespace aims::records
