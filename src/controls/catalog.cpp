// Catalog and mapping files (docs/catalogs.md): read with nlohmann-json, every rule checked with
// the member that breaks it named, so an imported file's problem can be fixed from the message.
#include "controls/catalog.h"

#include <map>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "assets/assets.h"
#include "base/text.h"
#include "base/time.h"

namespace aims::controls {
namespace {

using nlohmann::json;

const std::set<std::string, std::less<>> kKinds = {"section", "requirement", "control", "objective",
                                                   "risk_source"};
const std::set<std::string, std::less<>> kRelationships = {"equivalent-to", "equal-to", "subset-of",
                                                           "superset-of", "intersects-with"};
constexpr size_t kShortLimit = 500;
constexpr size_t kLongLimit = 20000;

// Reads the members of one JSON object, remembering the first problem with its path.
class Reader {
 public:
  Reader(const json& object, std::string path, std::optional<Error>& problem)
      : object_(object), path_(std::move(path)), problem_(problem) {}

  std::string text(const char* key, bool required, size_t limit = kShortLimit) {
    const auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) {
      if (required) fail(key, "is required");
      return {};
    }
    if (!it->is_string()) {
      fail(key, "must be a string");
      return {};
    }
    std::string value = it->get<std::string>();
    if (required && trim(value).empty()) fail(key, "must not be empty");
    if (value.size() > limit) fail(key, "is longer than " + std::to_string(limit) + " bytes");
    if (!is_valid_utf8(value) || (limit == kShortLimit && has_control_chars(value)))
      fail(key, "must be plain text");
    return value;
  }

  int64_t positive(const char* key) {
    const auto it = object_.find(key);
    if (it == object_.end() || !it->is_number_integer() || it->get<int64_t>() < 1) {
      fail(key, "must be a whole number of at least 1");
      return 0;
    }
    return it->get<int64_t>();
  }

  std::vector<std::string> texts(const char* key) {
    std::vector<std::string> out;
    const auto it = object_.find(key);
    if (it == object_.end()) return out;
    if (!it->is_array()) {
      fail(key, "must be a list of strings");
      return out;
    }
    for (const auto& v : *it) {
      if (!v.is_string()) {
        fail(key, "must be a list of strings");
        return out;
      }
      out.push_back(v.get<std::string>());
    }
    return out;
  }

  void fail(const std::string& key, const std::string& message) {
    if (!problem_) problem_ = Error::invalid(path_ + "." + key, path_ + "." + key + " " + message);
  }

 private:
  const json& object_;
  std::string path_;
  std::optional<Error>& problem_;
};

Result<json> parse_object(std::string_view text, const char* head) {
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    return Error::malformed("the file is not a JSON object");
  if (!doc.contains(head) || !doc[head].is_object())
    return Error::invalid(head, std::string("the file has no \"") + head + "\" object");
  return doc;
}

Item read_item(const json& j, const std::string& path, std::optional<Error>& problem) {
  Reader r(j, path, problem);
  Item item{.id = r.text("id", true, 100),
            .parent = r.text("parent", false, 100),
            .kind = r.text("kind", true),
            .title = r.text("title", true),
            .description = r.text("description", false, kLongLimit),
            .guidance = r.text("guidance", false, kLongLimit),
            .documented_information = r.text("documented_information", false),
            .applies_from = r.text("applies_from", false),
            .roles = r.texts("roles"),
            .note = r.text("note", false, kLongLimit)};
  if (!item.kind.empty() && !kKinds.contains(item.kind))
    r.fail("kind", "must be section, requirement, control, objective or risk_source");
  if (!item.documented_information.empty() && item.documented_information != "maintain" &&
      item.documented_information != "retain")
    r.fail("documented_information", "must be maintain or retain");
  if (!item.applies_from.empty() && !parse_date_days(item.applies_from))
    r.fail("applies_from", "must be a date (YYYY-MM-DD)");
  for (const auto& role : item.roles) {
    if (role != "provider" && role != "deployer") r.fail("roles", "must be provider or deployer");
  }
  return item;
}

}  // namespace

const Item* Framework::item(std::string_view id) const {
  for (const auto& i : items) {
    if (i.id == id) return &i;
  }
  return nullptr;
}

Result<Framework> parse_framework(std::string_view text) {
  TRY_ASSIGN(const json doc, parse_object(text, "framework"));
  std::optional<Error> problem;
  Reader head(doc["framework"], "framework", problem);
  Framework f{.key = head.text("key", true, 100),
              .short_name = head.text("short_name", true),
              .name = head.text("name", true),
              .publisher = head.text("publisher", false),
              .edition = head.text("edition", false),
              .source = head.text("source", false, kLongLimit),
              .revision = head.positive("revision")};
  for (char c : f.key) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_'))
      head.fail("key", "may hold only letters, digits, '-', '.' and '_'");
  }
  if (!doc.contains("items") || !doc["items"].is_array() || doc["items"].empty())
    return Error::invalid("items", "the file has no list of items");
  std::set<std::string, std::less<>> seen;
  for (size_t n = 0; n < doc["items"].size() && !problem; ++n) {
    const std::string path = "items[" + std::to_string(n) + "]";
    if (!doc["items"][n].is_object()) return Error::invalid(path, path + " must be an object");
    Item item = read_item(doc["items"][n], path, problem);
    if (problem) break;
    if (!seen.insert(item.id).second)
      return Error::invalid(path + ".id", path + ".id \"" + item.id + "\" appears twice");
    if (!item.parent.empty() && !f.item(item.parent))
      return Error::invalid(path + ".parent", path + ".parent \"" + item.parent +
                                                  "\" is not an item listed before it");
    f.items.push_back(std::move(item));
  }
  if (problem) return *problem;
  return f;
}

Result<Mapping> parse_mapping(std::string_view text) {
  TRY_ASSIGN(const json doc, parse_object(text, "mapping"));
  std::optional<Error> problem;
  Reader head(doc["mapping"], "mapping", problem);
  Mapping m{.key = head.text("key", true, 200),
            .title = head.text("title", true),
            .source_framework = head.text("source_framework", true, 100),
            .target_framework = head.text("target_framework", true, 100),
            .provenance = head.text("provenance", true),
            .source = head.text("source", false, kLongLimit),
            .revision = head.positive("revision")};
  if (!m.provenance.empty() && m.provenance != "published" && m.provenance != "aims")
    head.fail("provenance", "must be published or aims");
  if (!doc.contains("links") || !doc["links"].is_array())
    return Error::invalid("links", "the file has no list of links");
  for (size_t n = 0; n < doc["links"].size() && !problem; ++n) {
    const std::string path = "links[" + std::to_string(n) + "]";
    if (!doc["links"][n].is_object()) return Error::invalid(path, path + " must be an object");
    Reader r(doc["links"][n], path, problem);
    m.links.push_back({.source = r.text("source", true, 100),
                       .target = r.text("target", true, 100),
                       .relationship = r.text("relationship", true),
                       .note = r.text("note", false, kLongLimit)});
  }
  if (problem) return *problem;
  return m;
}

Status check_mapping(const Mapping& m, const Framework& source, const Framework& target) {
  std::set<std::pair<std::string, std::string>> pairs;
  for (size_t n = 0; n < m.links.size(); ++n) {
    const Link& l = m.links[n];
    const std::string path = "links[" + std::to_string(n) + "]";
    const Item* from = source.item(l.source);
    if (!from || !from->assessable())
      return Error::invalid(
          path + ".source",
          "\"" + l.source + "\" is no requirement or control of " + source.short_name);
    const Item* to = target.item(l.target);
    if (!to || !to->assessable())
      return Error::invalid(
          path + ".target",
          "\"" + l.target + "\" is no requirement or control of " + target.short_name);
    if (!kRelationships.contains(l.relationship))
      return Error::invalid(path + ".relationship",
                            "must be equivalent-to, equal-to, subset-of, superset-of or "
                            "intersects-with");
    if (!pairs.emplace(l.source, l.target).second)
      return Error::invalid(path, l.source + " to " + l.target + " is linked twice");
  }
  return {};
}

namespace {

struct BuiltIn {
  std::vector<Framework> frameworks;
  std::vector<Mapping> mappings;
};

// A file that does not parse is a bug in the repository, caught by the catalog tests.
BuiltIn load_built_in() {
  BuiltIn out;
  const auto files = assets::under("controls/catalogs/");
  for (const auto& a : files) {
    if (a.path.find("--") != std::string_view::npos) continue;
    auto f = parse_framework(a.data);
    if (!f) throw std::logic_error(std::string(a.path) + ": " + f.error().message);
    out.frameworks.push_back(std::move(*f));
  }
  auto find = [&](const std::string& key) -> const Framework* {
    for (const auto& f : out.frameworks) {
      if (f.key == key) return &f;
    }
    return nullptr;
  };
  for (const auto& a : files) {
    if (a.path.find("--") == std::string_view::npos) continue;
    auto m = parse_mapping(a.data);
    if (!m) throw std::logic_error(std::string(a.path) + ": " + m.error().message);
    const Framework* from = find(m->source_framework);
    const Framework* to = find(m->target_framework);
    if (!from || !to) throw std::logic_error(std::string(a.path) + ": unknown framework");
    if (auto ok = check_mapping(*m, *from, *to); !ok)
      throw std::logic_error(std::string(a.path) + ": " + ok.error().field + " " +
                             ok.error().message);
    out.mappings.push_back(std::move(*m));
  }
  return out;
}

const BuiltIn& built_in() {
  static const BuiltIn b = load_built_in();
  return b;
}

}  // namespace

const std::vector<Framework>& built_in_frameworks() {
  return built_in().frameworks;
}

const std::vector<Mapping>& built_in_mappings() {
  return built_in().mappings;
}

const Framework* built_in_framework(std::string_view key) {
  for (const auto& f : built_in().frameworks) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

}  // namespace aims::controls
