// Information for users and the technical files for `aims demo seed`: the credit system's
// instructions for use, written by the data scientist and approved by the AIMS manager (freezing
// the accuracy by group of the credit monitor's latest run), published on a public transparency
// page that links to a new concerns channel link; the credit system's technical file, complete and
// approved before its deployment gate is checked; and CV screening's, still a draft whose design
// choices nobody has written down.
#include <iostream>

#include "cli/demo.h"
#include "concerns/channel.h"
#include "inventory/inventory.h"
#include "technical_file/technical_file.h"
#include "transparency/transparency.h"

namespace aims::cli {
namespace {

using records::Caller;
using namespace std::string_literals;

constexpr const char* kSystem = "Retail credit scoring";

}  // namespace

Status seed_demo_sysdocs(store::Database& db, int64_t org, const DemoPeople& people) {
  TRY_ASSIGN(const int64_t system, id_named(db, org, "ai_system", kSystem));
  const Caller scientist{people.scientist, people.scientist.user_id, auth::Role::contributor};
  const Caller manager{people.manager, people.manager.user_id, auth::Role::aims_manager};
  // The intended use, written for the technical file.
  TRY_ASSIGN(const auto credit, records::get(db, inventory::ai_systems(), org, system));
  records::Record intended;
  intended.values["intended_use"] =
      "Proposing approve or decline on applications for unsecured personal loans of up to EUR "
      "75,000 by residents of the EU, for a credit officer or the automated flow to decide."s;
  TRY(records::update(db, inventory::ai_systems(), org, system, intended, credit.version,
                      scientist));
  // The channel's link is shown once: a new one, for the public page to point appeals at.
  TRY_ASSIGN(const std::string channel, concerns::rotate_link(db, org, manager));
  TRY_ASSIGN(
      const auto instructions,
      add(db, org, transparency::instructions(),
          {{"name", "Retail credit scoring: instructions for use 3.2"s},
           {"ai_system_id", system},
           {"version_label", "3.2.0"s},
           {"does",
            "Estimates how likely an applicant for a personal loan of up to EUR 75,000 is to "
            "repay, from the application and the credit bureau's file, and proposes approve or "
            "decline."s},
           {"does_not",
            "- It does not decide mortgages, business loans or overdrafts.\n- It does not use "
            "sex, age or nationality to score: these are kept only to check that it is fair.\n- "
            "It does not decide alone any decline above EUR 25,000."s},
           {"limitations",
            "Applicants with less than a year of credit history get less reliable scores. "
            "Applicants aged 65 and over are fewer in the training data, so their scores are "
            "checked by a credit officer."s},
           {"human_role",
            "A credit officer reviews every proposed decline above EUR 25,000 and every "
            "application of someone aged 65 or over, and may override the proposal with a "
            "reason that is kept."s},
           {"contest",
            "Ask for a review within 30 days of the decision through your branch or the "
            "concerns channel below. A credit officer who did not take the first decision "
            "answers within 15 working days."s},
           {"concerns_link", "/concerns/" + channel},
           {"publish_accuracy", true}},
          scientist));
  TRY(step(db, org, transparency::instructions(), instructions.id, "approve", manager));
  TRY_ASSIGN(const std::string page, transparency::publish(db, org, system, manager));
  std::cout << "The credit system's public transparency page: /transparency/" << page << "\n";

  return {};
}

Status seed_demo_technical_files(store::Database& db, int64_t org, const DemoPeople& people) {
  TRY_ASSIGN(const int64_t credit, id_named(db, org, "ai_system", kSystem));
  TRY_ASSIGN(const int64_t cv, id_named(db, org, "ai_system", "CV screening"));
  const Caller scientist{people.scientist, people.scientist.user_id, auth::Role::contributor};
  const Caller manager{people.manager, people.manager.user_id, auth::Role::aims_manager};
  TRY_ASSIGN(
      const auto file,
      add(db, org, technical_file::technical_files(),
          {{"name", "Retail credit scoring 3.2: technical file"s},
           {"ai_system_id", credit},
           {"design_choices",
            "- **Gradient-boosted trees** rather than a neural network: credit officers and the "
            "regulator read the reasons for a decline from the features' contributions.\n- **No "
            "sex, age or nationality among the features**: they are kept beside each decision "
            "only to measure fairness.\n- **Decided at 0.5**, with scores below 0.70 held for a "
            "credit officer under the oversight plan."s},
           {"monitoring_plan",
            "The data science lead reads the weekly credit monitor's results every Monday; a "
            "breach of approval parity or accuracy opens an incident, and the AI governance "
            "committee reviews the quarter's trend."s}},
          scientist));
  TRY(step(db, org, technical_file::technical_files(), file.id, "approve", manager));
  TRY(add(db, org, technical_file::technical_files(),
          {{"name", "CV screening: technical file"s},
           {"ai_system_id", cv},
           {"monitoring_plan",
            "Recruiting's analyst compares shortlist rates by sex and age band every month and "
            "reports them to the AIMS manager."s}},
          manager));
  return {};
}

}  // namespace aims::cli
