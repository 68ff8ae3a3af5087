// Under-representation flags: a dataset's latest run failing a representativeness requirement,
// carried to the models that name the dataset or were trained, validated or tested on one of its
// versions, and to the AI systems using it directly or through a model. The inventory's registers
// are reached by type so this module does not include them.
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

// The datasets a model names, and those of the versions it was trained, validated and tested on.
Result<std::set<int64_t>> datasets_of_model(store::Database& db, int64_t org,
                                            const records::Record& model) {
  const records::Ids named = model.ids("dataset_ids");
  std::set<int64_t> out(named.begin(), named.end());
  for (const char* key : {"trained_on_ids", "validated_on_ids", "tested_on_ids"}) {
    for (int64_t version_id : model.ids(key)) {
      TRY_ASSIGN(const auto version, inventory_record(db, org, "dataset_version", version_id));
      for (int64_t id : version.ids("dataset_id"))
        out.insert(id);
    }
  }
  return out;
}

}  // namespace

Result<std::vector<Shortfall>> shortfalls_of_dataset(store::Database& db, int64_t org,
                                                     int64_t dataset_id) {
  // First, so another organisation's dataset is not found: a run is looked up by id alone.
  TRY_ASSIGN(const records::Record dataset, inventory_record(db, org, "dataset", dataset_id));
  TRY_ASSIGN(const auto run, latest_run(db, org, dataset_id));
  std::vector<Shortfall> found;
  if (!run || !run->report.is_object()) return found;
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
  TRY_ASSIGN(const auto datasets, datasets_of_model(db, org, model));
  return shortfalls_of_datasets(db, org, datasets);
}

Result<std::vector<Shortfall>> shortfalls_of_system(store::Database& db, int64_t org,
                                                    int64_t system_id) {
  TRY_ASSIGN(const records::Record system, inventory_record(db, org, "ai_system", system_id));
  const records::Ids direct = system.ids("dataset_ids");
  std::set<int64_t> datasets(direct.begin(), direct.end());
  for (int64_t model_id : system.ids("model_ids")) {
    TRY_ASSIGN(const records::Record model, inventory_record(db, org, "model", model_id));
    TRY_ASSIGN(const auto of_model, datasets_of_model(db, org, model));
    datasets.insert(of_model.begin(), of_model.end());
  }
  return shortfalls_of_datasets(db, org, datasets);
}

}  // namespace aims::data_quality
