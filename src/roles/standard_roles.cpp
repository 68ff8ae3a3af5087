// The five roles most AI management systems name, and adding the ones an organisation lacks as
// starting points it then edits (as the risk library adds risks).
#include <set>

#include "base/time.h"
#include "roles/roles.h"

namespace aims::roles {
namespace {

std::vector<StandardRole> make_standard_roles() {
  return {
      {"aims-manager", "AIMS manager",
       "Runs the AI management system day to day and reports on how well it works.",
       "- Keeps the AIMS scope, policy, objectives and Statement of Applicability current.\n"
       "- Plans internal audits and management reviews and follows up their actions.\n"
       "- Reports the performance of the AIMS to top management at least quarterly.\n"
       "- Makes sure every AIMS role is filled and its holders are competent.",
       "- Asks any system owner for the records the AIMS needs, with a deadline.\n"
       "- Raises a nonconformity against any process of the AIMS.\n"
       "- Escalates an unresolved issue directly to top management."},
      {"ai-ethics-lead", "AI ethics lead",
       "Speaks for the people affected by AI systems and for the organisation's AI principles.",
       "- Reviews every impact assessment before it is approved.\n"
       "- Advises owners on fairness, transparency and human oversight.\n"
       "- Keeps the internal channel for concerns about AI systems open and answered.\n"
       "- Reports ethical concerns and how they were handled to the AIMS manager.",
       "- Asks for a release of a high-impact AI system to wait until a concern is answered.\n"
       "- Calls for an impact assessment to be redone after a significant change."},
      {"data-steward", "Data steward",
       "Answers for the quality, provenance and lawful use of the data AI systems learn from.",
       "- Keeps the dataset register complete: sources, provenance, consent and retention.\n"
       "- Checks data quality and representativeness before data is used for training.\n"
       "- Approves the preparation steps applied to each dataset.\n"
       "- Makes sure personal data is used only for the purposes recorded.",
       "- Refuses a dataset for training until its provenance or quality is shown.\n"
       "- Withdraws a dataset from use when its legal basis lapses."},
      {"model-validator", "Model validator",
       "Checks models independently of the people who built them before and after release.",
       "- Validates each model against its requirements: performance, fairness, robustness.\n"
       "- Records validation results and the limits of each model.\n"
       "- Reviews monitoring results and alerts after release.\n"
       "- Confirms that retrained models still meet their acceptance criteria.",
       "- Withholds validation, which stops a release, when acceptance criteria are not met.\n"
       "- Asks for a model in production to be retrained or rolled back after a breach."},
      {"ai-system-owner", "AI system owner",
       "Answers for one or more AI systems over their whole life cycle.",
       "- Keeps the system's inventory entry, risks and impact assessments current.\n"
       "- Decides releases with the validation results in hand.\n"
       "- Makes sure monitoring, human oversight and incident handling are in place.\n"
       "- Tells users and affected people what they need to know about the system.",
       "- Accepts residual risks within the acceptance threshold.\n"
       "- Suspends the system or switches it to human review when it misbehaves."},
  };
}

// The standard keys the organisation's roles already stand for; archived roles count too, so a
// role the organisation archived on purpose is not brought back.
std::set<std::string> present_keys(const std::vector<records::Record>& roles) {
  std::set<std::string> out;
  for (const auto& r : roles)
    if (r.is_set("standard_key")) out.insert(r.text("standard_key"));
  return out;
}

}  // namespace

const std::vector<StandardRole>& standard_roles() {
  static const std::vector<StandardRole> all = make_standard_roles();
  return all;
}

Result<std::vector<records::Record>> add_standard_roles(store::Database& db, int64_t org,
                                                        const records::Caller& caller) {
  // One transaction: the roles arrive together or, when one is refused, none does.
  return db.write([&](store::Tx& tx) -> Result<std::vector<records::Record>> {
    const records::WriteContext ctx{tx, org, caller, now_timestamp()};
    records::Query all;
    all.archived = records::Archived::include;
    TRY_ASSIGN(const auto existing, records::list_all_in(tx, aims_roles(), org, all));
    const auto present = present_keys(existing);
    std::vector<records::Record> added;
    for (const auto& s : standard_roles()) {
      if (present.count(s.key)) continue;
      records::Record r;
      r.values = {{"name", s.name},
                  {"standard_key", s.key},
                  {"purpose", s.purpose},
                  {"responsibilities", s.responsibilities},
                  {"authorities", s.authorities}};
      TRY_ASSIGN(auto created, records::create_in(ctx, aims_roles(), r));
      added.push_back(std::move(created));
    }
    return added;
  });
}

}  // namespace aims::roles
