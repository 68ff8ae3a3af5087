// Concerns and incident reporting for `aims demo seed`: the public concerns channel open, one
// anonymous concern about the customer support assistant triaged into a risk and answered, and
// the credit-scoring fairness incident (opened by the monitor's breach) owned, marked serious
// (the system is high-risk) and reported to the authority within its 15 days.
#include "cli/demo.h"
#include "concerns/channel.h"
#include "concerns/concerns.h"
#include "concerns/triage.h"
#include "improvement/improvement.h"
#include "inventory/inventory.h"
#include "records/attachments.h"
#include "records/records.h"

namespace aims::cli {
namespace {

using records::Record;

constexpr const char* kConcern =
    "When I asked the chat assistant in your app how to complain about my declined loan, it "
    "told me that decisions made by the credit system are final and cannot be reviewed, and it "
    "did not offer to put me through to a person. I understand I have the right to ask for a "
    "human to look at the decision. I do not want to give my name.";

constexpr const char* kReport =
    "Serious incident report to the national market surveillance authority (EU AI Act Art. 73)\n"
    "Provider: Meridian Financial Group. AI system: Retail credit scoring (high-risk, Annex III "
    "5(b)).\n"
    "Became aware: 23 November 2026 09:10 UTC, when the weekly fairness monitor breached.\n"
    "What happened: from the week of 16 November the approval ratio of women fell to 0.75 of "
    "men's, below the 0.80 threshold, because a change in the Atlas Credit Bureau feed dropped "
    "secondary incomes, mostly of part-time applicants.\n"
    "Containment: every decision reviewed by a credit officer since 23 November; 312 declined "
    "applicants re-assessed, 41 decisions reversed.\n"
    "Corrective action: the feed is validated against a schema before scoring; the supplier "
    "restored the field on 27 November.\n";

Result<int64_t> system_id(store::Database& db, int64_t org, const std::string& name) {
  TRY_ASSIGN(const auto systems, inventory::system_names(db, org));
  for (const auto& [id, n] : systems)
    if (n == name) return id;
  return Error::not_found("the demo inventory has no AI system called " + name);
}

Status seed_concern(store::Database& db, int64_t org, const records::Caller& manager) {
  TRY(concerns::rotate_link(db, org, manager));
  TRY(concerns::set_channel(db, org, true, true, manager));
  TRY_ASSIGN(const concerns::Channel channel, concerns::channel_of(db, org));
  TRY_ASSIGN(const int64_t assistant, system_id(db, org, "Customer support assistant"));
  TRY(concerns::submit(db, channel, {assistant, "", kConcern, true, ""}));
  TRY_ASSIGN(const auto received, records::list_all(db, concerns::concerns(), org, {}));
  if (received.empty()) return Error::internal("the demo concern was not stored");
  TRY_ASSIGN(const Record triaged,
             concerns::triage(db, org, received.front().id,
                              {"risk",
                               "Support assistant misstates the right to human review of "
                               "credit decisions",
                               manager.user_id, assistant},
                              manager));
  Record close;
  close.values["public_answer"] = std::string(
      "Thank you. You were right: the assistant gave wrong information. We have corrected it, "
      "and you can ask for a person to review any credit decision by phone or in a branch.");
  TRY(records::transition(db, concerns::concerns(), org, triaged.id,
                          {"close",
                           "Recorded as a risk; the assistant's instructions now state the right "
                           "to human review.",
                           close, triaged.version},
                          manager));
  return {};
}

Status seed_report(store::Database& db, int64_t org, const records::Caller& manager) {
  TRY_ASSIGN(const int64_t credit, system_id(db, org, "Retail credit scoring"));
  TRY_ASSIGN(const auto open, records::list_all(db, improvement::incidents(), org,
                                                {.filters = {{"system_id", std::to_string(credit)},
                                                             {"source", "monitoring"}}}));
  if (open.empty()) return Error::internal("the demo monitor opened no incident");
  const Record& incident = open.front();
  Record changes;
  changes.values = {
      {"owner_id", *manager.user_id},
      {"harm", std::string("Applicants with secondary incomes, mostly part-time workers and "
                           "more often women, were declined or offered less credit than their "
                           "full income supports: an unfair outcome in access to an essential "
                           "service.")},
      {"people_affected", int64_t{312}},
      {"containment", std::string("Since 23 November credit officers review every decision; the "
                                  "312 applicants declined from 16 November were re-assessed and "
                                  "41 decisions reversed.")},
      {"root_cause", std::string("Atlas Credit Bureau changed its feed on 14 November and dropped "
                                 "the secondary income field; scoring had no schema check on the "
                                 "feed, so missing incomes read as zero.")},
      {"communication", std::string("Affected applicants written to on 28 November with an offer "
                                    "of re-assessment; the executive sponsor briefed on 24 "
                                    "November; Atlas asked to confirm future changes in advance.")},
      {"serious", true},
      {"serious_kind", std::string("general")},
      {"became_aware_at", std::string("2026-11-23T09:10:00Z")},
      {"report_sent_at", std::string("2026-12-01T16:30:00Z")},
      {"authority_reference", std::string("MSA-AI-2026-0117")}};
  TRY_ASSIGN(const Record reported, records::update(db, improvement::incidents(), org, incident.id,
                                                    changes, incident.version, manager));
  TRY(records::attach_file(db, improvement::incidents(), org, reported.id,
                           "serious-incident-report-MSA-AI-2026-0117.txt", kReport, manager));
  return {};
}

}  // namespace

Status seed_demo_concerns(store::Database& db, int64_t org, const DemoPeople& people) {
  const records::Caller manager{people.manager, people.manager.user_id, auth::Role::aims_manager};
  TRY(seed_concern(db, org, manager));
  return seed_report(db, org, manager);
}

}  // namespace aims::cli
