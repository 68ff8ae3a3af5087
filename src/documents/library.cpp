// The document templates shipped with aims (documents/library/: an index and one Markdown file
// each, embedded), and a new draft from one of them.
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "assets/assets.h"
#include "documents/documents.h"

namespace aims::documents {
namespace {

std::string embedded(const std::string& path) {
  const auto text = assets::find(path);
  if (!text) throw std::logic_error(path + " is not embedded");
  return std::string(*text);
}

// The files ship inside the binary and a test checks every entry: a fault in them is a bug.
std::vector<DocumentTemplate> load() {
  const auto index = nlohmann::json::parse(embedded("documents/library/index.json"));
  std::vector<DocumentTemplate> out;
  for (const auto& t : index.at("templates")) {
    DocumentTemplate d;
    d.key = t.at("key").get<std::string>();
    d.title = t.at("title").get<std::string>();
    d.document_type = t.at("document_type").get<std::string>();
    d.summary = t.at("summary").get<std::string>();
    d.body = embedded("documents/library/" + t.at("file").get<std::string>());
    d.review_interval_months = t.at("review_interval_months").get<int64_t>();
    for (const auto& item : t.at("commitments").items())
      d.commitments.emplace_back(item.key(), item.value().get<std::string>());
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

const std::vector<DocumentTemplate>& document_templates() {
  static const std::vector<DocumentTemplate> all = load();
  return all;
}

const DocumentTemplate* document_template(const std::string& key) {
  for (const auto& t : document_templates())
    if (t.key == key) return &t;
  return nullptr;
}

Result<records::Record> create_from_template(store::Database& db, int64_t org,
                                             const std::string& key, const std::string& title,
                                             int64_t owner_id, const records::Caller& caller) {
  const DocumentTemplate* t = document_template(key);
  if (!t) return Error::not_found("no document template \"" + key + "\"");
  records::Record r;
  r.values = {{"title", title.empty() ? t->title : title},
              {"document_type", t->document_type},
              {"owner_id", owner_id},
              {"body", t->body},
              {"review_interval_months", t->review_interval_months}};
  for (const auto& [field, heading] : t->commitments)
    r.values[field] = heading;
  return records::create(db, documents(), org, r, caller);
}

}  // namespace aims::documents
