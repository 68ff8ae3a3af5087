// Human oversight for `aims demo seed`: the credit system's oversight plan (decisions below 0.70
// confidence wait for a credit officer, 5 % of the others are reviewed after the fact), written by
// the data scientist and approved by the AIMS manager; two weeks of decisions submitted to the
// queue, most held ones confirmed, some overridden with their reasons, the newest still pending.
#include <cmath>
#include <random>

#include "base/time.h"
#include "cli/demo.h"
#include "oversight/oversight.h"

namespace aims::cli {
namespace {

using records::Caller;

const char* const kOverrideReasons[] = {
    "Payslips show a permanent contract the bureau file does not yet list.",
    "Debt-to-income counts a loan repaid last month; without it the applicant qualifies.",
    "Second applicant's income was left out of the score; the joint file is affordable.",
    "Recent missed payments on two cards: refer to a credit officer for a full review.",
};

std::string text(const char* t) {
  return t;
}

Result<int64_t> add_plan(store::Database& db, int64_t org, int64_t system, const Caller& author,
                         const Caller& manager) {
  TRY_ASSIGN(
      const auto plan,
      add(db, org, oversight::plans(),
          {{"name", text("Retail credit: officer review below 0.70")},
           {"ai_system_id", system},
           {"acceptable_use",
            text("- Consumer credit decisions up to **EUR 75,000** for applicants with a credit "
                 "file in the EU.\n- Never for employment, insurance pricing or collections.\n- "
                 "A decline is never final without a credit officer when the score is below "
                 "0.70.\n- Reviewers check income evidence, the affordability rules and the "
                 "applicant's explanation before confirming.")},
           {"mode", text("below_threshold")},
           {"confidence_threshold", 0.7},
           {"sampling_rate", 0.05},
           {"reviewer_role", text("contributor")},
           {"target_hours", int64_t{8}},
           {"max_override_rate", 0.25}},
          author));
  TRY(step(db, org, oversight::plans(), plan.id, "approve", manager));
  return plan.id;
}

// 160 decisions over 14 days, one every two hours or so; held and sampled ones reviewed within
// hours, about one in seven overridden, the last held ones left pending.
Status add_decisions(store::Database& db, int64_t org, int64_t system, const Caller& submitter,
                     const Caller& officer, const Caller& manager) {
  std::mt19937 random(20261207);
  std::uniform_real_distribution<double> unit(0, 1);
  const int64_t hour = 3'600'000'000LL;
  const int64_t start = now_micros() - 321 * hour;  // the newest about two hours ago
  const char* const bands[] = {"18-34", "35-64", "65+"};
  const char* const sexes[] = {"female", "male"};
  for (int i = 0; i < 160; ++i) {
    const int64_t at = start + i * 2 * hour + static_cast<int64_t>(unit(random) * hour);
    const double score = 0.35 + 0.65 * unit(random);
    const bool approve = unit(random) < 0.7;
    oversight::DecisionInput in{
        .decision_id = "APP-2026-" + std::to_string(41200 + i),
        .outcome = approve ? "approve" : "decline",
        .score = std::round(score * 100) / 100,
        .groups = {{"age_band", bands[random() % 3]}, {"sex", sexes[random() % 2]}},
        .summary = std::string(approve ? "Approve" : "Decline") + " EUR " +
                   std::to_string(2000 + (i * 733) % 40000) + " over " +
                   std::to_string(12 + (i % 5) * 12) + " months"};
    in.context = {{"debt_to_income", std::round(unit(random) * 60) / 100},
                  {"bureau_file_months", 6 + i % 90}};
    TRY_ASSIGN(const auto sent,
               oversight::submit(db, org, system, in, submitter, format_timestamp(at)));
    const auto& d = sent.decision;
    if (d.state != "pending" || i >= 154) continue;  // the newest wait in the queue
    const int64_t reviewed = at + static_cast<int64_t>((0.3 + unit(random) * 7) * hour);
    const bool overrides = unit(random) < 0.15;
    oversight::Review r;
    if (overrides) {
      r = {.overrides = true,
           .outcome = d.outcome == "approve" ? "refer" : "approve",
           .reason = kOverrideReasons[random() % 4]};
    }
    TRY(oversight::review(db, org, d.id, r, i % 4 == 0 ? manager : officer,
                          format_timestamp(reviewed)));
  }
  return {};
}

}  // namespace

Status seed_demo_oversight(store::Database& db, int64_t org, const DemoPeople& people) {
  TRY_ASSIGN(const int64_t system, id_named(db, org, "ai_system", "Retail credit scoring"));
  const Caller scientist{people.scientist, people.scientist.user_id, auth::Role::contributor};
  const Caller manager{people.manager, people.manager.user_id, auth::Role::aims_manager};
  // The scoring service submits through its own token; people review.
  const Caller service{
      {"token", std::nullopt, "token credit-scoring-service"}, std::nullopt, std::nullopt};
  TRY(add_plan(db, org, system, scientist, manager));
  return add_decisions(db, org, system, service, scientist, manager);
}

}  // namespace aims::cli
