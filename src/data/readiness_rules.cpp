// What the data registers prove for Annex A.7, each about the datasets the AI systems in scope
// use: documented with a steward and a purpose of use (A.7.2), their rights reviewed and approved
// where they come from a third party or hold personal data (A.7.3), a version pinned by a hash and
// traced to its source (A.7.5), and each released version used for training prepared on record
// (A.7.6).
#include "data/readiness_rules.h"

#include <map>
#include <mutex>
#include <set>

#include "data/data.h"
#include "inventory/inventory.h"
#include "readiness/readiness.h"

namespace aims::data {
namespace {

using readiness::Finding;
using readiness::Link;
using readiness::Status;
using records::Record;

constexpr const char* kIso42001 = "iso-iec-42001-2023";

Link link_to(const records::Description& d, const Record& r) {
  return {d.display_name(r), std::string(d.page_path) + "/" + std::to_string(r.id)};
}

int64_t first_id(const Record& r, const char* key) {
  const auto ids = r.ids(key);
  return ids.empty() ? 0 : ids.front();
}

// The datasets the AI systems in scope name.
Result<std::vector<Record>> datasets_in_scope(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto systems, records::list_all(db, inventory::ai_systems(), org,
                                                   {.filters = {{"in_scope", "true"}}}));
  std::set<int64_t> used;
  for (const auto& s : systems)
    for (int64_t id : s.ids("dataset_ids"))
      used.insert(id);
  TRY_ASSIGN(auto all, records::list_all(db, inventory::datasets(), org));
  std::erase_if(all, [&](const Record& d) { return !used.count(d.id); });
  return all;
}

// Each dataset's versions.
Result<std::map<int64_t, std::vector<Record>>> versions_by_dataset(store::Database& db,
                                                                   int64_t org) {
  TRY_ASSIGN(const auto all, records::list_all(db, dataset_versions(), org));
  std::map<int64_t, std::vector<Record>> by;
  for (const auto& v : all)
    by[first_id(v, "dataset_id")].push_back(v);
  return by;
}

const std::string kNoDatasets =
    "No AI system in scope names a dataset yet, so no data for AI systems is documented.";
const Link kDatasetsFix = {"Datasets", "/inventory/datasets"};

// The finding over `asked` records of which `short_of` fall short: met when none does, not met
// when none was asked or all fall short, partly met otherwise.
Finding judge(size_t asked, std::vector<Link> short_of, const std::string& none_asked,
              const std::string& met, const std::string& gap, Link fix) {
  Finding f;
  if (asked == 0) {
    f.reason = none_asked;
    f.fix = fix.href.empty() ? kDatasetsFix : fix;
    return f;
  }
  if (short_of.empty()) {
    f.status = Status::met;
    f.reason = met;
    return f;
  }
  f.status = short_of.size() == asked ? Status::not_met : Status::partial;
  f.reason = readiness::counted(int64_t(short_of.size()), "dataset", "datasets") + " of " +
             std::to_string(asked) + " " + gap + ".";
  f.fix = {fix.label, short_of.front().href};
  f.links = std::move(short_of);
  return f;
}

Result<Finding> documented_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto datasets, datasets_in_scope(db, org));
  TRY_ASSIGN(const auto versions, versions_by_dataset(db, org));
  std::vector<Link> short_of;
  for (const auto& d : datasets) {
    bool purpose = false;
    if (auto it = versions.find(d.id); it != versions.end())
      for (const auto& v : it->second)
        purpose = purpose || !v.list("purposes").empty();
    if (!d.is_set("steward_id") || !purpose) short_of.push_back(link_to(inventory::datasets(), d));
  }
  return judge(datasets.size(), std::move(short_of), kNoDatasets,
               "Each of the " +
                   readiness::counted(int64_t(datasets.size()), "dataset", "datasets") +
                   " the AI systems in scope use has a steward and a version that states its "
                   "purposes of use.",
               "the AI systems in scope use have no steward or no version stating its purposes",
               {"Record the steward and a version", ""});
}

Result<Finding> rights_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto datasets, datasets_in_scope(db, org));
  TRY_ASSIGN(const auto reviews, records::list_all(db, data_rights_reviews(), org));
  std::set<int64_t> approved, from_supplier;
  for (const auto& r : reviews) {
    const int64_t dataset = first_id(r, "dataset_id");
    if (r.state == "approved") approved.insert(dataset);
    if (r.is_set("supplier_id") || r.flag("personal_data")) from_supplier.insert(dataset);
  }
  size_t asked = 0;
  std::vector<Link> short_of;
  for (const auto& d : datasets) {
    // Someone else's data: a licence names its terms, or a review names the party it came from.
    const bool needs = d.flag("personal_data") || d.is_set("licence") || from_supplier.count(d.id);
    if (!needs) continue;
    ++asked;
    if (!approved.count(d.id)) short_of.push_back(link_to(inventory::datasets(), d));
  }
  return judge(asked, std::move(short_of),
               "None of the datasets the AI systems in scope use holds personal data or comes "
               "under another party's licence, so no rights review is needed; record them if "
               "that is wrong.",
               "Each of the " + readiness::counted(int64_t(asked), "dataset", "datasets") +
                   " with personal data or another party's licence has an approved rights review.",
               "with personal data or another party's licence have no approved rights review",
               {"Review the rights", "/data/rights-reviews/new"});
}

Result<Finding> provenance_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto datasets, datasets_in_scope(db, org));
  TRY_ASSIGN(const auto versions, versions_by_dataset(db, org));
  std::vector<Link> short_of;
  for (const auto& d : datasets) {
    bool traced = false;
    if (auto it = versions.find(d.id); it != versions.end())
      for (const auto& v : it->second)
        traced = traced ||
                 (v.is_set("sha256") && (v.is_set("origin") || !v.ids("derived_from_ids").empty()));
    if (!traced) short_of.push_back(link_to(inventory::datasets(), d));
  }
  return judge(datasets.size(), std::move(short_of), kNoDatasets,
               "Each of the " +
                   readiness::counted(int64_t(datasets.size()), "dataset", "datasets") +
                   " the AI systems in scope use has a version pinned by its SHA-256 and traced "
                   "to its origin or the versions it came from.",
               "the AI systems in scope use have no version with a hash and its lineage",
               {"Record a version", "/data/dataset-versions/new"});
}

Result<Finding> preparation_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto released,
             records::list_all(db, dataset_versions(), org, {.filters = {{"state", "released"}}}));
  std::set<int64_t> trained_on;
  if (const records::Description* models = records::find("model")) {
    TRY_ASSIGN(const auto all, records::list_all(db, *models, org));
    for (const auto& m : all)
      for (int64_t id : m.ids("trained_on_ids"))
        trained_on.insert(id);
  }
  TRY_ASSIGN(const auto preparations, records::list_all(db, data_preparations(), org));
  std::set<int64_t> prepared;
  for (const auto& p : preparations)
    prepared.insert(first_id(p, "dataset_version_id"));
  size_t asked = 0;
  std::vector<Link> short_of;
  for (const auto& v : released) {
    const auto purposes = v.list("purposes");
    const bool training = trained_on.count(v.id) ||
                          std::find(purposes.begin(), purposes.end(), "training") != purposes.end();
    if (!training) continue;
    ++asked;
    if (!prepared.count(v.id)) short_of.push_back(link_to(dataset_versions(), v));
  }
  Finding f = judge(
      asked, std::move(short_of),
      "No released dataset version is used for training yet, so no preparation is on record.",
      "Each of the " + readiness::counted(int64_t(asked), "released version", "released versions") +
          " used for training has its preparation on record.",
      "", {"Record the preparation", "/data/preparations/new"});
  if (f.status != Status::met && asked > 0)
    f.reason =
        readiness::counted(int64_t(f.links.size()), "released version", "released versions") +
        " of " + std::to_string(asked) +
        " used for training have no preparation record (cleaning, labelling, ...).";
  return f;
}

}  // namespace

void define_readiness_rules() {
  static std::once_flag once;
  std::call_once(once, [] {
    readiness::add_rule({kIso42001,
                         "A.7.2",
                         {"datasets of AI systems in scope: steward", "dataset versions: purposes"},
                         documented_rule});
    readiness::add_rule(
        {kIso42001,
         "A.7.3",
         {"datasets of AI systems in scope: personal data and licence", "data rights reviews"},
         rights_rule});
    readiness::add_rule({kIso42001,
                         "A.7.5",
                         {"datasets of AI systems in scope", "dataset versions: hash and lineage"},
                         provenance_rule});
    readiness::add_rule(
        {kIso42001,
         "A.7.6",
         {"dataset versions released for training", "models: trained on", "preparation records"},
         preparation_rule});
  });
}

}  // namespace aims::data
