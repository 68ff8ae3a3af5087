// Lineage as a graph: the versions linked to a starting set through derivation, both ways, each
// at the depth of its longest derivation chain, with the models that used them.
#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "data/data.h"
#include "records/registry.h"

namespace aims::data {
namespace {

using records::Record;

// How a model's reference fields to versions read in words.
constexpr std::pair<const char*, const char*> kModelUses[] = {
    {"trained_on_ids", "trained on"},
    {"validated_on_ids", "validated on"},
    {"tested_on_ids", "tested on"},
};

std::string href_of(const records::Description& d, int64_t id) {
  return std::string(d.page_path) + "/" + std::to_string(id);
}

Result<std::vector<LineageNode>> build(store::Database& db, int64_t org,
                                       const std::function<bool(const Record&)>& starts) {
  TRY_ASSIGN(const auto all, records::list_all(db, dataset_versions(), org,
                                               {.archived = records::Archived::include}));
  std::map<int64_t, const Record*> by_id;
  std::map<int64_t, std::vector<int64_t>> children;
  for (const auto& v : all) {
    by_id[v.id] = &v;
    for (int64_t parent : v.ids("derived_from_ids"))
      children[parent].push_back(v.id);
  }
  std::set<int64_t> reached;
  std::vector<int64_t> pending;
  for (const auto& v : all)
    if (starts(v)) pending.push_back(v.id);
  while (!pending.empty()) {
    const int64_t id = pending.back();
    pending.pop_back();
    if (!by_id.count(id) || !reached.insert(id).second) continue;
    for (int64_t parent : by_id[id]->ids("derived_from_ids"))
      pending.push_back(parent);
    for (int64_t child : children[id])
      pending.push_back(child);
  }
  std::vector<LineageNode> nodes;
  std::map<int64_t, size_t> index;
  for (int64_t id : reached) {  // ids ascending: the order versions were made in
    const Record& v = *by_id[id];
    LineageNode node{id, dataset_versions().display_name(v), href_of(dataset_versions(), id)};
    node.version = v.text("version_label");
    node.dataset = node.label.substr(
        0, node.label.size() - std::min(node.label.size(), node.version.size() + 1));
    for (int64_t parent : v.ids("derived_from_ids"))
      if (reached.count(parent)) node.derived_from.push_back(parent);
    index[id] = nodes.size();
    nodes.push_back(std::move(node));
  }
  // Longest chain from a source; the write rules keep the graph acyclic, and a chain is never
  // longer than the graph, which bounds the passes even if a cycle slipped in.
  for (size_t pass = 0; pass < nodes.size(); ++pass) {
    bool changed = false;
    for (auto& node : nodes)
      for (int64_t parent : node.derived_from) {
        const int depth = nodes[index[parent]].depth + 1;
        if (depth > node.depth && depth <= int(nodes.size())) {
          node.depth = depth;
          changed = true;
        }
      }
    if (!changed) break;
  }
  if (const records::Description* models = records::find("model")) {
    TRY_ASSIGN(const auto all_models, records::list_all(db, *models, org));
    for (const auto& m : all_models)
      for (const auto& [key, use] : kModelUses)
        for (int64_t id : m.ids(key))
          if (index.count(id))
            nodes[index[id]].models.push_back(
                {models->display_name(m), href_of(*models, m.id), use});
  }
  return nodes;
}

}  // namespace

Result<std::vector<LineageNode>> lineage_of_dataset(store::Database& db, int64_t org,
                                                    int64_t dataset_id) {
  return build(db, org, [dataset_id](const Record& v) {
    const auto ids = v.ids("dataset_id");
    return !ids.empty() && ids.front() == dataset_id;
  });
}

Result<std::vector<LineageNode>> lineage_of_version(store::Database& db, int64_t org,
                                                    int64_t version_id) {
  return build(db, org, [version_id](const Record& v) { return v.id == version_id; });
}

std::vector<std::string> lineage_edges(const std::vector<LineageNode>& nodes) {
  std::map<int64_t, std::string> label;
  for (const auto& n : nodes)
    label[n.id] = n.label;
  std::vector<std::string> edges;
  for (const auto& n : nodes) {
    for (int64_t parent : n.derived_from)
      edges.push_back(n.label + " was derived from " + label[parent]);
    for (const auto& m : n.models)
      edges.push_back(m.model + " was " + m.use + " " + n.label);
  }
  return edges;
}

}  // namespace aims::data
