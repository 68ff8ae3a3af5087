// Meridian's nonconformities for `aims demo seed`: the internal audit's finding that retraining the
// credit model skipped the bias review, analysed with five whys, its corrective action completed
// and its effectiveness check still ahead; and an older one raised from a support assistant
// incident, corrected, found effective and closed.
//
// Both stories took months. Each step is written with the clock of its own day (a WriteContext,
// as a test injects one), so the dates the records keep (raised, completed, check due, the state's
// since) read as the story happened; the audit trail still records when the demo wrote them.
// Moves go through records::move_in inside those transactions after the fields each move requires
// are set, so the same hooks as a person's moves run (the effectiveness date, the move to actions
// done).
#include "base/time.h"
#include "cli/demo.h"
#include "improvement/improvement.h"
#include "records/records.h"

namespace aims::cli {
namespace {

using records::FieldValue;
using records::Record;
using Values = std::map<std::string, FieldValue>;

// Noon UTC `days` from today: a step of the story.
std::string day_at_noon(int64_t days) {
  const auto today = parse_date_days(now_timestamp().substr(0, 10));
  return format_timestamp((*today + days) * 86'400'000'000LL + 12 * 3'600'000'000LL);
}

Result<int64_t> named(store::Database& db, int64_t org, const std::string& type,
                      const std::string& name) {
  TRY_ASSIGN(const auto all, records::all_names(db, *records::reference_target(type), org));
  for (const auto& n : all)
    if (n.name == name) return n.id;
  return Error::not_found("the demo has no " + type + " called " + name);
}

struct Story {
  store::Database& db;
  int64_t org;
  records::Caller caller;

  // Runs `step` in one transaction whose clock reads noon `days` from today.
  template <typename Step>
  Result<int64_t> on_day(int64_t days, Step step) {
    return db.write([&](store::Tx& tx) -> Result<int64_t> {
      const records::WriteContext ctx{tx, org, caller, day_at_noon(days)};
      return step(ctx);
    });
  }
};

Result<int64_t> create(const records::WriteContext& ctx, const records::Description& d,
                       Values values) {
  Record r;
  r.values = std::move(values);
  TRY_ASSIGN(const Record created, records::create_in(ctx, d, r));
  return created.id;
}

Status change(const records::WriteContext& ctx, const records::Description& d, int64_t id,
              Values values) {
  Record r;
  r.values = std::move(values);
  TRY(records::update_in(ctx, d, id, r, std::nullopt));
  return {};
}

Status move(const records::WriteContext& ctx, const records::Description& d, int64_t id,
            const char* transition, const std::string& reason = "") {
  TRY(records::move_in(ctx, d, id, transition, reason));
  return {};
}

using namespace std::string_literals;

// The minor nonconformity of the internal audit (October's audit of the model lifecycle).
Status bias_review_finding(Story& s, const DemoPeople& people) {
  const auto& ncs = improvement::nonconformities();
  const auto& actions = improvement::corrective_actions();
  TRY_ASSIGN(const int64_t credit, named(s.db, s.org, "ai_system", "Retail credit scoring"));
  TRY_ASSIGN(
      const int64_t risk,
      named(s.db, s.org, "risk", "Unfair credit decisions for women and part-time applicants"));
  TRY_ASSIGN(const int64_t nc, s.on_day(-42, [&](const records::WriteContext& ctx) {
    return create(
        ctx, ncs,
        {{"title", "Retraining of the credit model did not trigger a fresh bias review"s},
         {"description",
          "The internal audit of the model lifecycle sampled the three retrainings of the Retail "
          "PD model this year. The August retraining (v3.2) went live with the fairness report of "
          "v3.1: no bias review was run on the retrained model, although the model release "
          "procedure requires one before every release."s},
         {"grade", "minor"s},
         {"source", "audit"s},
         {"owner_id", people.scientist.user_id.value()},
         {"system_ids", records::Ids{credit}},
         {"risk_ids", records::Ids{risk}}});
  }));
  TRY_ASSIGN(
      const int64_t action, s.on_day(-38, [&](const records::WriteContext& ctx) -> Result<int64_t> {
        TRY(change(
            ctx, ncs, nc,
            {{"containment",
              "Ran the bias review on v3.2 by hand the day the audit reported: disparate impact "
              "0.91 for women and "
              "0.88 for part-time applicants, within the 0.8 threshold. Until the corrective "
              "action is "
              "in place, retraining releases wait for the AIMS manager to sign off a bias review."s},
             {"root_cause",
              "The bias review is a manual step of the release checklist, but retraining runs as a "
              "scheduled pipeline job that releases without passing through the checklist."s},
             {"why_1",
              "Why was v3.2 released without a bias review? The release did not go through "
              "the model release checklist."s},
             {"why_2",
              "Why not? Retraining releases are made by the scheduled pipeline, not by a "
              "person working through the checklist."s},
             {"why_3",
              "Why does the pipeline skip it? The bias review was never built into the "
              "pipeline; it lives in a separate checklist document."s},
             {"why_4",
              "Why was it left out? The pipeline was built in 2025 for a model that had no "
              "fairness requirements yet."s},
             {"why_5",
              "Why was that not caught? Pipeline changes are not reviewed against the AI "
              "policy's release requirements."s},
             {"similar_elsewhere", "being_checked"s},
             {"similar_where",
              "The chest X-ray triage aid and card fraud detection also retrain on a schedule; the "
              "data "
              "science team is checking whether their pipelines bypass the release checklist too."s}}));
        TRY_ASSIGN(
            const int64_t id,
            create(ctx, actions,
                   {{"title", "Add an automated bias check to the retraining pipeline"s},
                    {"nonconformity_id", nc},
                    {"details",
                     "The pipeline computes disparate impact and equal opportunity on the "
                     "hold-out set for every retrained model and stops the release when either "
                     "breaches the monitor's thresholds, attaching the fairness report to the "
                     "model version."s},
                    {"owner_id", people.scientist.user_id.value()},
                    {"due_on", day_at_noon(-5).substr(0, 10)}}));
        TRY(move(ctx, ncs, nc, "analyse"));
        return id;
      }));
  TRY(s.on_day(-30, [&](const records::WriteContext& ctx) -> Result<int64_t> {
    TRY(move(ctx, actions, action, "start"));
    return action;
  }));
  TRY(s.on_day(-9, [&](const records::WriteContext& ctx) -> Result<int64_t> {
    TRY(change(ctx, actions, action,
               {{"completion_note",
                 "The bias check runs as a stage of the retraining pipeline; a test "
                 "retraining with a deliberately skewed sample was stopped with the fairness "
                 "report attached. The release checklist now points to the stage."s}}));
    TRY(move(ctx, actions, action, "complete"));  // the nonconformity moves to actions done
    return action;
  }));
  return {};
}

// The support assistant quoted a withdrawn fee; the nonconformity raised from the incident was
// closed once three later price changes reached the assistant in time.
Status withdrawn_fee_incident(Story& s, const DemoPeople& people) {
  const auto& ncs = improvement::nonconformities();
  const auto& actions = improvement::corrective_actions();
  TRY_ASSIGN(const int64_t assistant,
             named(s.db, s.org, "ai_system", "Customer support assistant"));
  TRY_ASSIGN(const int64_t risk,
             named(s.db, s.org, "risk",
                   "Support assistant gives confident but wrong answers on fees and products"));
  const std::string title = "Support assistant quoted the withdrawn overdraft fee";
  TRY_ASSIGN(const int64_t incident, s.on_day(-190, [&](const records::WriteContext& ctx) {
    return create(ctx, improvement::incidents(),
                  {{"title", title},
                   {"system_id", assistant},
                   {"description",
                    "The arranged overdraft fee was withdrawn, but for five days the assistant "
                    "kept telling customers the old monthly fee applied. 37 customers were told "
                    "the old fee before complaints reached the contact centre."s},
                   {"severity", "medium"s},
                   {"owner_id", people.manager.user_id.value()},
                   {"harm",
                    "Customers were told to expect a monthly fee they would not be charged; "
                    "some may have chosen another product because of it."s},
                   {"people_affected", int64_t{37}},
                   {"control", "A.8.4"s}});
  }));
  TRY_ASSIGN(const int64_t nc, s.on_day(-188, [&](const records::WriteContext& ctx) {
    return create(ctx, ncs,
                  {{"title", title},
                   {"description",
                    "Customers were given a fee that no longer applied: the assistant's answers "
                    "did not follow a published product change."s},
                   {"grade", "minor"s},
                   {"source", "incident"s},
                   {"incident_id", incident},
                   {"owner_id", people.manager.user_id.value()},
                   {"system_ids", records::Ids{assistant}},
                   {"risk_ids", records::Ids{risk}}});
  }));
  TRY(s.on_day(-186, [&](const records::WriteContext& ctx) -> Result<int64_t> {
    TRY(change(ctx, improvement::incidents(), incident,
               {{"status", "closed"s},
                {"resolution",
                 "The knowledge base snapshot was refreshed the next day; the 37 customers were "
                 "contacted with the right fee and an apology."s}}));
    return incident;
  }));
  TRY_ASSIGN(
      const int64_t action,
      s.on_day(-185, [&](const records::WriteContext& ctx) -> Result<int64_t> {
        TRY(change(
            ctx, ncs, nc,
            {{"containment",
              "Knowledge base refreshed by hand at once; the assistant answered fee questions "
              "with a link to the tariff page until the action below was in place."s},
             {"root_cause",
              "The assistant answers from a knowledge base snapshot refreshed once a month, "
              "and nobody was responsible for telling the AI team about price changes."s},
             {"similar_elsewhere", "no"s}}));
        TRY_ASSIGN(
            const int64_t id,
            create(ctx, actions,
                   {{"title",
                     "Refresh the assistant's knowledge base on every published "
                     "price change"s},
                    {"nonconformity_id", nc},
                    {"details",
                     "The pricing system's release notice triggers the knowledge base refresh; "
                     "the product owner confirms the assistant's answer within one working "
                     "day."s},
                    {"owner_id", people.scientist.user_id.value()},
                    {"due_on", day_at_noon(-150).substr(0, 10)}}));
        TRY(move(ctx, ncs, nc, "analyse"));
        return id;
      }));
  TRY(s.on_day(-152, [&](const records::WriteContext& ctx) -> Result<int64_t> {
    TRY(change(
        ctx, actions, action,
        {{"completion_note",
          "Trigger live since the next tariff change; the refresh runbook names the product owner "
          "as the one who confirms."s}}));
    TRY(move(ctx, actions, action, "complete"));
    return action;
  }));
  TRY(s.on_day(-60, [&](const records::WriteContext& ctx) -> Result<int64_t> {
    TRY(change(
        ctx, ncs, nc,
        {{"effectiveness_result", "effective"s},
         {"effectiveness_notes",
          "The three price changes since the trigger went live each reached the assistant "
          "within a day. 400 sampled fee answers checked against the tariff: none wrong."s}}));
    TRY(move(ctx, ncs, nc, "close", "Effective: no wrong fee since the trigger went live."));
    return nc;
  }));
  return {};
}

}  // namespace

Status seed_demo_improvement(store::Database& db, int64_t org, const DemoPeople& people) {
  Story story{db, org, {people.manager, people.manager.user_id, auth::Role::aims_manager}};
  TRY(bias_review_finding(story, people));
  return withdrawn_fee_incident(story, people);
}

}  // namespace aims::cli
