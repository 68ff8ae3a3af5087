// Meridian's own model risk standard for `aims demo seed`: an imported OSCAL catalog of three
// controls, mapped to ISO/IEC 42001 by the AIMS manager and decided in the SoA beside Annex A.
#include "cli/demo.h"
#include "controls/catalog_store.h"
#include "controls/controls.h"
#include "records/records.h"

namespace aims::cli {
namespace {

// The internal standard as its owners publish it: a small OSCAL 1.2 catalog.
constexpr const char* kStandard = R"({"catalog": {
  "uuid": "6f1d2c3b-9a8e-4b7c-8d6e-5f4a3b2c1d0e",
  "metadata": {"title": "Meridian model risk standard", "last-modified": "2026-09-01T00:00:00Z",
               "version": "3.1", "oscal-version": "1.2.1"},
  "groups": [{"id": "mrs", "title": "Model risk", "controls": [
    {"id": "mrs-1", "title": "Model inventory and tiering",
     "parts": [{"id": "mrs-1_smt", "name": "statement",
                "prose": "Every model in use is registered with its owner and a risk tier."}]},
    {"id": "mrs-2", "title": "Independent validation before use",
     "parts": [{"id": "mrs-2_smt", "name": "statement",
                "prose": "A validator independent of the developers approves each model before its first use and after each material change."}]},
    {"id": "mrs-3", "title": "Ongoing performance monitoring",
     "parts": [{"id": "mrs-3_smt", "name": "statement",
                "prose": "Models in use are monitored against thresholds agreed at validation."}]}
  ]}]}})";

constexpr const char* kKey = "meridian-mrs-3.1";

struct OwnDecision {
  const char* control;
  std::vector<controls::Link> links;
  const char* implementation;
  const char* justification;
};

const std::vector<OwnDecision>& own_decisions() {
  static const std::vector<OwnDecision> list = {
      {"mrs-1",
       {{.target = "A.4.2", .relationship = "intersects-with"},
        {.target = "4.3", .relationship = "intersects-with"}},
       "implemented",
       "The group's model risk policy requires it of every model; the AI inventory is where it "
       "is met."},
      {"mrs-2",
       {{.target = "A.6.2.4",
         .relationship = "equivalent-to",
         .note = "Both ask for validation against agreed criteria before release."}},
       "implemented",
       "Required by the banking supervisor for credit models; applied to every AI system."},
      {"mrs-3",
       {{.target = "A.6.2.6", .relationship = "subset-of"}},
       "partial",
       "Credit models are monitored weekly; the fraud model's thresholds are still being agreed."},
  };
  return list;
}

}  // namespace

Status seed_demo_own_framework(store::Database& db, int64_t org, const DemoPeople& people) {
  const records::Caller manager{people.manager, people.manager.user_id, auth::Role::aims_manager};
  TRY(controls::import_own_framework(db, org, kKey, kStandard, people.manager));
  for (const auto& d : own_decisions())
    TRY(controls::set_own_links(db, org, kKey, d.control, d.links, people.manager));
  TRY(controls::add_framework_to_soa(db, org, kKey, manager));
  TRY_ASSIGN(const auto entries, records::list_all(db, controls::soa_entries(), org));
  for (const auto& e : entries) {
    for (const auto& d : own_decisions()) {
      if (e.text("framework") != kKey || e.text("control") != d.control) continue;
      records::Record changes;
      changes.values = {{"applicability", std::string("applicable")},
                        {"implementation", std::string(d.implementation)},
                        {"owner_id", people.scientist.user_id.value()},
                        {"justification", std::string(d.justification)}};
      TRY(records::update(db, controls::soa_entries(), org, e.id, changes, e.version, manager));
    }
  }
  return {};
}

}  // namespace aims::cli
