// Under-representation flags: a dataset's latest run failing a representativeness requirement,
// carried to the models trained on the dataset and the AI systems using it directly or through a
// model. The inventory's registers are reached by type so this module does not include them.
#include <set>

#include "data_quality/data_quality.h"

namespace aims::data_quality {
namespace {

Result<records::Record> inventory_record(store::Database& db, int64_t org, const char* type,
                                         int64_t id) {
  const records::Description* d = records::find(type);
  if (d == nullptr) return Error::not_found(std::string("no register ") + type);
  return records::get(db, *d, org, id);
}

Result<std::vector<Shortfall>> shortfalls_of_datasets(store::Database& db, int64_t org,
                                                      const std::set<int64_t>& dataset_ids) {
  std::vector<Shortfall> all;
  for (int64_t id : dataset_ids) {
    TRY_ASSIGN(auto found, shortfalls_of_dataset(db, org, id));
    all.insert(all.end(), found.begin(), found.end());
  }
  return all;
}

}  // namespace

Result<std::vector<Shortfall>> shortfalls_of_dataset(store::Database& db, int64_t org,
                                                     int64_t dataset_id) {
  TRY_ASSIGN(const auto run, latest_run(db, org, dataset_id));
  std::vector<Shortfall> found;
  if (!run || !run->report.is_object()) return found;
  TRY_ASSIGN(const records::Record dataset, inventory_record(db, org, "dataset", dataset_id));
  const std::string name = records::find("dataset")->display_name(dataset);
  for (const auto& result : run->report.value("results", nlohmann::json::array())) {
    if (result.value("kind", "") != "representativeness" || result.value("pass", true)) continue;
    if (result.value("groups", nlohmann::json::array()).empty()) continue;  // not measured
    found.push_back({dataset_id, name, run->id, result.value("summary", "")});
  }
  return found;
}

Result<std::vector<Shortfall>> shortfalls_of_model(store::Database& db, int64_t org,
                                                   int64_t model_id) {
  TRY_ASSIGN(const records::Record model, inventory_record(db, org, "model", model_id));
  const records::Ids ids = model.ids("dataset_ids");
  return shortfalls_of_datasets(db, org, {ids.begin(), ids.end()});
}

Result<std::vector<Shortfall>> shortfalls_of_system(store::Database& db, int64_t org,
                                                    int64_t system_id) {
  TRY_ASSIGN(const records::Record system, inventory_record(db, org, "ai_system", system_id));
  const records::Ids direct = system.ids("dataset_ids");
  std::set<int64_t> datasets(direct.begin(), direct.end());
  for (int64_t model_id : system.ids("model_ids")) {
    TRY_ASSIGN(const records::Record model, inventory_record(db, org, "model", model_id));
    for (int64_t id : model.ids("dataset_ids"))
      datasets.insert(id);
  }
  return shortfalls_of_datasets(db, org, datasets);
}

}  // namespace aims::data_quality
