// The starting library of common AI risks (risk/library.json, embedded), and adding one of them to
// the register as a starting point its owner then edits.
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "assets/assets.h"
#include "risk/risk.h"

namespace aims::risk {
namespace {

// The file ships inside the binary and a test checks every entry: a fault in it is a bug.
std::vector<LibraryRisk> load() {
  const auto text = assets::find("risk/library.json");
  if (!text) throw std::logic_error("risk/library.json is not embedded");
  const auto doc = nlohmann::json::parse(*text);
  std::vector<LibraryRisk> out;
  for (const auto& r : doc.at("risks")) {
    out.push_back({r.at("key").get<std::string>(), r.at("title").get<std::string>(),
                   r.at("description").get<std::string>(), r.at("source").get<std::string>(),
                   r.at("objective").get<std::string>(), r.at("cause").get<std::string>(),
                   r.at("consequence").get<std::string>(), r.at("likelihood").get<int64_t>(),
                   r.at("impact").get<int64_t>(), r.at("treatment").get<std::string>(),
                   r.at("controls").get<std::vector<std::string>>(),
                   r.at("metric").get<std::string>()});
  }
  return out;
}

}  // namespace

const std::vector<LibraryRisk>& library() {
  static const std::vector<LibraryRisk> all = load();
  return all;
}

const LibraryRisk* library_risk(const std::string& key) {
  for (const auto& r : library())
    if (r.key == key) return &r;
  return nullptr;
}

Result<records::Record> add_from_library(store::Database& db, int64_t org, const std::string& key,
                                         const std::string& title, const records::Ids& system_ids,
                                         int64_t owner_id, const records::Caller& caller) {
  const LibraryRisk* entry = library_risk(key);
  if (!entry) return Error::not_found("no risk \"" + key + "\" in the library");
  records::Record r;
  r.values = {{"title", title.empty() ? entry->title : title},
              {"description", entry->description},
              {"source", entry->source},
              {"objective", entry->objective},
              {"cause", entry->cause},
              {"consequence", entry->consequence},
              {"inherent_likelihood", entry->likelihood},
              {"inherent_impact", entry->impact},
              {"treatment", entry->treatment},
              {"controls", entry->controls},
              {"owner_id", owner_id},
              {"system_ids", system_ids},
              {"organisation_wide", system_ids.empty()},
              {"library_key", entry->key}};
  return records::create(db, risks(), org, r, caller);
}

}  // namespace aims::risk
