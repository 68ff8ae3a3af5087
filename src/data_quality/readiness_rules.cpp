// What data quality proves for A.7.4: every dataset an in-scope AI system uses (directly or
// through a model) has quality requirements, each measured within its interval, and no dataset's
// latest run under-represents a group.
#include "data_quality/readiness_rules.h"

#include <map>
#include <mutex>
#include <set>

#include "base/time.h"
#include "data_quality/data_quality.h"
#include "readiness/readiness.h"

namespace aims::data_quality {
namespace {

using readiness::Finding;
using readiness::Status;

std::string dataset_href(int64_t id) {
  return "/inventory/datasets/" + std::to_string(id);
}

// The datasets in-scope AI systems use, by id, with their names.
Result<std::map<int64_t, std::string>> datasets_in_use(store::Database& db, int64_t org) {
  std::map<int64_t, std::string> used;
  const records::Description* systems = records::find("ai_system");
  const records::Description* models = records::find("model");
  const records::Description* datasets = records::find("dataset");
  if (!systems || !models || !datasets) return used;
  TRY_ASSIGN(const auto in_scope,
             records::list_all(db, *systems, org, {.filters = {{"in_scope", "true"}}}));
  std::set<int64_t> ids;
  for (const auto& system : in_scope) {
    for (int64_t id : system.ids("dataset_ids"))
      ids.insert(id);
    for (int64_t model_id : system.ids("model_ids")) {
      TRY_ASSIGN(const auto model, records::get(db, *models, org, model_id));
      for (int64_t id : model.ids("dataset_ids"))
        ids.insert(id);
    }
  }
  for (int64_t id : ids) {
    TRY_ASSIGN(const auto dataset, records::get(db, *datasets, org, id));
    if (!dataset.archived_at) used[id] = datasets->display_name(dataset);
  }
  return used;
}

Result<Finding> quality_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto used, datasets_in_use(db, org));
  Finding f;
  f.fix = {"Data-quality requirements", "/data/quality-requirements"};
  if (used.empty()) {
    f.reason =
        "No in-scope AI system names a dataset, directly or through a model, so no data "
        "quality can be shown.";
    f.fix = {"Datasets", "/inventory/datasets"};
    return f;
  }
  const std::string today = now_timestamp().substr(0, 10);
  std::vector<std::string> gaps;
  size_t without_requirements = 0;
  for (const auto& [id, name] : used) {
    TRY_ASSIGN(const auto reqs,
               records::list_all(db, requirements(), org,
                                 {.filters = {{"dataset_id", std::to_string(id)}}}));
    f.links.push_back({name, dataset_href(id)});
    if (reqs.empty()) {
      gaps.push_back(name + " has no quality requirements");
      ++without_requirements;
      continue;
    }
    size_t late = 0;
    for (const auto& r : reqs)
      if (!r.is_set("last_run_on") || r.text("next_check_due") < today) ++late;
    if (late > 0) {
      gaps.push_back(name + ": " +
                     readiness::counted(int64_t(late), "requirement was", "requirements were") +
                     " not measured within its interval");
    }
    TRY_ASSIGN(const auto shortfalls, shortfalls_of_dataset(db, org, id));
    for (const auto& s : shortfalls)
      gaps.push_back(name + " " + s.text);
  }
  const std::string counted =
      readiness::counted(int64_t(used.size()), "dataset is", "datasets are") +
      " used by in-scope AI systems";
  if (gaps.empty()) {
    f.status = Status::met;
    f.reason = counted +
               "; each has quality requirements measured within their interval, and "
               "no group falls below its minimum share.";
    f.fix = {};
    return f;
  }
  f.status = without_requirements == used.size() ? Status::not_met : Status::partial;
  f.reason = counted + ". Gaps: ";
  for (size_t i = 0; i < gaps.size(); ++i)
    f.reason += (i ? "; " : "") + gaps[i];
  f.reason += ".";
  return f;
}

}  // namespace

void define_readiness_rules() {
  static std::once_flag once;
  std::call_once(once, [] {
    readiness::add_rule(
        {"iso-iec-42001-2023",
         "A.7.4",
         {"datasets used by in-scope AI systems", "data-quality requirements", "data-quality runs"},
         quality_rule});
  });
}

}  // namespace aims::data_quality
