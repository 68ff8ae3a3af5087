#include "data/version_rules.h"

#include <set>

#include "base/text.h"
#include "data/data.h"

namespace aims::data {

Status check_version_unique(const records::WriteContext& ctx, const records::Record& version) {
  const auto dataset = version.ids("dataset_id");
  if (dataset.empty()) return {};
  TRY_ASSIGN(const auto same_dataset,
             records::list_all_in(ctx.tx, dataset_versions(), ctx.org,
                                  {.filters = {{"dataset_id", std::to_string(dataset.front())}},
                                   .archived = records::Archived::include}));
  const std::string wanted = to_lower_ascii(trim(version.text("version_label")));
  for (const auto& other : same_dataset)
    if (other.id != version.id && to_lower_ascii(trim(other.text("version_label"))) == wanted)
      return Error{ErrorCode::already_exists,
                   "this dataset already has a version " + version.text("version_label"),
                   "version_label"};
  return {};
}

// Walks the versions this one is derived from, step by step, looking for itself. A new record
// (id 0) cannot be reached: nothing refers to it yet.
Status check_no_cycle(const records::WriteContext& ctx, const records::Record& version) {
  const auto parents = version.ids("derived_from_ids");
  if (version.id == 0 || parents.empty()) return {};
  const std::string field = "derived_from_ids";
  if (std::find(parents.begin(), parents.end(), version.id) != parents.end())
    return Error::invalid(field, "a version cannot be derived from itself");
  std::set<int64_t> seen;
  std::vector<int64_t> pending(parents.begin(), parents.end());
  while (!pending.empty()) {
    const int64_t id = pending.back();
    pending.pop_back();
    if (!seen.insert(id).second) continue;
    TRY_ASSIGN(const auto parent, records::find(ctx, dataset_versions(), id));
    if (!parent) continue;
    for (int64_t grandparent : parent->ids("derived_from_ids")) {
      if (grandparent == version.id)
        return Error::invalid(field, parent->text("name") + " is already derived from " +
                                         version.text("name") +
                                         ", so this would make the lineage a cycle");
      pending.push_back(grandparent);
    }
  }
  return {};
}

}  // namespace aims::data
