// Change management for `aims demo seed`: the retraining of the retail PD model as 3.2.0 on the
// 2019-2025 applications, a significant change the data scientist raised and the AIMS manager
// approved, which re-opened validation and deployment (the lifecycle seed then signs off the new
// validation, so the deployment gate passes again); and a non-significant move of the scoring
// service to the new cluster, approved and implemented.
#include "cli/demo.h"
#include "lifecycle/lifecycle.h"

namespace aims::cli {
namespace {

using records::Caller;

std::string text(const char* t) {
  return t;
}

Status approve(store::Database& db, int64_t org, int64_t id, const Caller& requester,
               const Caller& manager) {
  TRY(step(db, org, lifecycle::change_requests(), id, "submit", requester));
  return step(db, org, lifecycle::change_requests(), id, "approve", manager);
}

}  // namespace

Status seed_demo_changes(store::Database& db, int64_t org, const DemoPeople& people) {
  TRY_ASSIGN(const int64_t system, id_named(db, org, "ai_system", "Retail credit scoring"));
  TRY_ASSIGN(const int64_t model, id_named(db, org, "model", "Retail PD model 3.2.0"));
  TRY_ASSIGN(const int64_t data,
             id_named(db, org, "dataset", "Retail loan applications 2019-2025"));
  const Caller scientist{people.scientist, people.scientist.user_id, auth::Role::contributor};
  const Caller manager{people.manager, people.manager.user_id, auth::Role::aims_manager};

  TRY_ASSIGN(
      const auto retrain,
      add(db, org, lifecycle::change_requests(),
          {{"title", text("Retrain the retail PD model as 3.2.0")},
           {"ai_system_id", system},
           {"kind", text("new_model_version")},
           {"model_id", model},
           {"dataset_id", data},
           {"description",
            text("Retrain the probability-of-default model on the 2019-2025 applications, adding "
                 "2025's repayment outcomes, to recover the calibration lost since 3.1 (Brier "
                 "0.079 against 0.071 at release). Same features and algorithm; new weights.")},
           {"changes_outputs", true},
           {"changes_data", true}},
          scientist));
  TRY(approve(db, org, retrain.id, scientist, manager));
  TRY(step(db, org, lifecycle::change_requests(), retrain.id, "implement", scientist,
           {{"implemented_on", days_from_today(0)}}));

  TRY_ASSIGN(const auto cluster,
             add(db, org, lifecycle::change_requests(),
                 {{"title", text("Move credit scoring to the 2026 cluster")},
                  {"ai_system_id", system},
                  {"kind", text("configuration")},
                  {"description",
                   text("The scoring service moves to the new Kubernetes cluster in the same "
                        "region, with the same image, model artefact and thresholds.")}},
                 scientist));
  TRY(approve(db, org, cluster.id, scientist, manager));
  return step(db, org, lifecycle::change_requests(), cluster.id, "implement", scientist,
              {{"implemented_on", days_from_today(0)}});
}

}  // namespace aims::cli
