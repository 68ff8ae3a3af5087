// Meridian's AI risk management and impact assessments for `aims demo seed`: risk criteria in the
// bank's own words, a register of risks in every workflow state (one accepted above the threshold
// by an approver who is neither its owner nor its author), treatment actions (one overdue), a risk
// whose indicator is a monitored metric, and impact assessments approved, re-assessment flagged by
// a model change, and in review. A second version of the criteria, adopted last, re-scores the
// open risks so the versions table and the moved levels show.
#include <map>

#include "base/time.h"
#include "cli/demo.h"
#include "impact/impact.h"
#include "inventory/inventory.h"
#include "records/records.h"
#include "risk/risk.h"

namespace aims::cli {
namespace {

using records::FieldValue;
using records::Ids;
using records::Record;
using Values = std::map<std::string, FieldValue>;

// Who does what, by the letters the tables below use: 'a' Ada (admin), 'p' Priya (AIMS manager),
// 't' Tomás (data scientist).
struct Cast {
  std::map<char, records::Caller> callers;
  std::map<char, int64_t> ids;

  explicit Cast(const DemoPeople& people) {
    callers.emplace('a', records::Caller{people.admin, people.admin.user_id, auth::Role::admin});
    callers.emplace(
        'p', records::Caller{people.manager, people.manager.user_id, auth::Role::aims_manager});
    callers.emplace(
        't', records::Caller{people.scientist, people.scientist.user_id, auth::Role::contributor});
    for (const auto& [who, caller] : callers)
      ids[who] = caller.user_id.value();
  }
  const records::Caller& by(char who) const { return callers.at(who); }
  int64_t id(char who) const { return ids.at(who); }
};

// Due dates and assessment dates follow the day the demo is seeded, so "overdue" and "valid" stay
// true whenever it is run.
std::string days_from_today(int64_t days) {
  const auto today = parse_date_days(now_timestamp().substr(0, 10));
  return format_timestamp((*today + days) * 86'400'000'000LL).substr(0, 10);
}

std::vector<std::string> texts(const std::vector<const char*>& items) {
  return {items.begin(), items.end()};
}

// Records or other things records refer to (monitors), by their name: the demo's data says names.
Result<std::map<std::string, int64_t>> ids_by_name(store::Database& db, int64_t org,
                                                   const records::ReferenceTarget& target) {
  TRY_ASSIGN(const auto all, records::all_names(db, target, org));
  std::map<std::string, int64_t> out;
  for (const auto& n : all)
    out[n.name] = n.id;
  return out;
}

Result<std::map<std::string, int64_t>> ids_by_name(store::Database& db, int64_t org,
                                                   const records::Description& d) {
  return ids_by_name(db, org, *records::reference_target(d.type));
}

Ids pick(const std::map<std::string, int64_t>& by_name, const std::vector<const char*>& names) {
  Ids out;
  for (const char* n : names)
    if (const auto it = by_name.find(n); it != by_name.end()) out.push_back(it->second);
  return out;
}

Status move(store::Database& db, int64_t org, const records::Description& d, int64_t id,
            const std::string& step, const std::string& reason, const records::Caller& who,
            Record values = {}) {
  TRY_ASSIGN(const Record current, records::get(db, d, org, id));
  TRY(records::transition(db, d, org, id, {step, reason, std::move(values), current.version}, who));
  return {};
}

// ---- criteria ---------------------------------------------------------------------------------

// aims' default 5 x 5 matrix, with each step defined as Meridian's operational risk framework
// defines it, so AI risks and other operational risks are scored on one scale.
risk::Criteria meridian_criteria() {
  risk::Criteria c = risk::default_criteria();
  c.likelihood = {
      {"Rare", "Less than once in 10 years; would need several controls to fail together"},
      {"Unlikely", "Once in 3 to 10 years; not seen at Meridian, seen at peer banks"},
      {"Possible", "Once in 1 to 3 years; seen at Meridian or often at peers"},
      {"Likely", "Once a year or more; has happened at Meridian in the last two years"},
      {"Almost certain", "Expected within months, or already happening in production"}};
  c.impact = {
      {"Negligible", "No customer detriment; loss under EUR 10,000; put right in routine work"},
      {"Minor",
       "A few customers affected and fully remediated; loss under EUR 100,000; no supervisory "
       "interest"},
      {"Moderate",
       "Detriment to a group of customers or staff, reversible with effort; loss under EUR 1 "
       "million; complaints and supervisory questions likely"},
      {"Major",
       "Serious or lasting detriment to many customers or to a vulnerable group; breach of "
       "consumer credit, data protection or equality law likely; loss under EUR 10 million; "
       "reportable to a supervisor"},
      {"Severe",
       "Irreversible harm to health, rights or livelihoods; enforcement action or licence at "
       "risk; loss of EUR 10 million or more"}};
  c.threshold = "medium";
  c.reason =
      "First adoption, agreed by the Model Risk Committee: AI risks are scored on the likelihood "
      "and impact steps of Meridian's operational risk framework, so the AI risk register and the "
      "operational risk register can be read together. Owners may accept up to Medium; higher "
      "residual risk needs an approver, as the AI risk management procedure says.";
  return c;
}

// After the bureau feed incident the committee tightened what an owner may accept alone: an
// unlikely but major harm now needs an approver, and unlawful discrimination is major however
// few people it reaches. Adopted once the risks exist, so the re-scoring shows.
Status adopt_second_criteria(store::Database& db, int64_t org, const Cast& cast) {
  TRY_ASSIGN(risk::Criteria c, risk::current_criteria(db, org));
  c.matrix[1][3] = "high";  // Unlikely x Major: was Medium
  c.impact[3].definition =
      "Serious or lasting detriment to many customers or to a vulnerable group, or unlawful "
      "discrimination against anyone; breach of consumer credit, data protection or equality law "
      "likely; loss under EUR 10 million; reportable to a supervisor";
  c.reason =
      "Model Risk Committee, after the Atlas Credit Bureau feed incident: an unlikely but major "
      "harm to customers is no longer within an owner's own authority to accept (Unlikely x Major "
      "becomes High), and unlawful discrimination counts as Major however few people it reaches.";
  TRY(risk::adopt_criteria(db, org, c, cast.by('p')));
  return {};
}

// ---- risks ------------------------------------------------------------------------------------

struct Score {
  int64_t likelihood = 0;  // 0: not scored
  int64_t impact = 0;
};

struct Step {
  const char* transition;
  char by;
  const char* reason;
};

// One risk as Meridian wrote it. With a library key it starts from the library's entry (source,
// objective and usual controls) and Meridian's words replace the generic ones; without, it is
// written from scratch.
struct DemoRisk {
  const char* library;
  const char* title;
  std::vector<const char*> systems;  // empty: organisation-wide
  char owner;
  char author;
  const char* description;
  const char* cause;
  const char* consequence;
  Score inherent;
  const char* existing_controls;
  const char* treatment;
  std::vector<const char*> controls;
  Score residual;
  int64_t review_months;
  std::vector<Step> path;
  const char* source = "";  // written from scratch only
  const char* objective = "";
  const char* source_detail = "";
};

constexpr const char* kCredit = "Retail credit scoring";
constexpr const char* kSupport = "Customer support assistant";
constexpr const char* kXray = "Chest X-ray triage aid";
constexpr const char* kCoding = "Engineering coding assistant";

constexpr const char* kUnfairCredit = "Unfair credit decisions for women and part-time applicants";
constexpr const char* kBureauDrift =
    "Credit bureau data drifts away from what the PD model learned";
constexpr const char* kInjection =
    "Prompt injection makes the support assistant disclose or promise what it must not";
constexpr const char* kWrongAnswers =
    "Support assistant gives confident but wrong answers on fees and products";
constexpr const char* kNorthstarChange =
    "Northstar changes the assistant's model before Meridian has tested it";
constexpr const char* kTriageDelay =
    "Urgent X-rays the triage aid misses are read late and less carefully";
constexpr const char* kFraudBlocks = "Card fraud blocks stop genuine customers paying";
constexpr const char* kCvSkew = "CV ranking reproduces the male skew of past engineering hires";
constexpr const char* kValidators = "Too few independent model validators for the 2027 releases";

const std::vector<DemoRisk>& demo_risks() {
  static const std::vector<DemoRisk> list = {
      {"unfair-outcomes",
       kUnfairCredit,
       {kCredit},
       't',
       't',
       "The PD model, or the data it is fed, approves women, part-time workers or older applicants "
       "less often than equally creditworthy others, so they are refused credit or offered worse "
       "terms.",
       "Secondary and part-time incomes missing or halved in the Atlas Credit Bureau feed; "
       "applicants under 21 and over 70 under-represented in the 2019-2025 applications; "
       "employment type acting as a proxy for sex.",
       "Creditworthy applicants refused credit; breach of the creditworthiness rules of consumer "
       "credit law and of equal-treatment law; supervisory findings, redress and remediation "
       "cost; loss of trust in Meridian's lending.",
       {4, 4},
       "Independent fairness validation before every release (Q3 2026 report); weekly disparate "
       "impact by sex and age band with a floor of 0.8; the monitor switches the system to human "
       "review on a breach; credit officers decide every referral and may override.",
       "modify",
       {"A.5.4", "A.7.4", "A.6.2.4", "A.6.2.6"},
       {2, 4},
       3,
       {{"assess", 't',
         "Likelihood raised to Likely: the bureau feed change has already happened."},
        {"treat", 't', "Feed validation and re-validation planned; human review in place."}}},
      {"data-drift",
       kBureauDrift,
       {kCredit},
       't',
       't',
       "Bureau attributes and applicants' incomes change (a feed format change, new products, wage "
       "growth), so the model scores applicants unlike those it was trained on and its accuracy "
       "and fairness degrade unnoticed.",
       "Atlas Credit Bureau changes field definitions without a test feed; wage growth and new "
       "patterns of employment; changes to the application form.",
       "Wrong approvals and declines, higher defaults or unfair refusals; capital estimates "
       "understated; days of slower decisions while every application is reviewed by hand.",
       {4, 3},
       "PSI thresholds on income and on the score in the weekly monitor, which switches the "
       "system to human review on a breach.",
       "modify",
       {"A.6.2.6", "A.7.4", "A.10.2"},
       {2, 3},
       6,
       {{"assess", 't', ""}, {"treat", 't', "Contract clause and drift alerts chosen."}}},
      {"prompt-injection",
       kInjection,
       {kSupport},
       'p',
       'p',
       "Text a customer types, or hides in an attachment or help article the assistant reads, "
       "tells the Northstar model to ignore its rules: to reveal another customer's data, promise "
       "a refund or give advice Meridian may not give.",
       "The model cannot reliably tell instructions from data; the assistant reads customer "
       "attachments; account look-ups can be called from the chat.",
       "Personal data disclosed (a GDPR breach to notify within 72 hours); commitments Meridian "
       "must honour; screenshots in the press.",
       {4, 4},
       "A system prompt with refusal rules; agents can take over any conversation; account "
       "look-ups need the customer signed in to the app.",
       "modify",
       {"A.6.2.2", "A.6.2.4", "A.6.2.8"},
       {2, 3},
       6,
       {{"assess", 'p', ""}, {"treat", 'p', "Tools made read-only; red-team test planned."}}},
      {"hallucination",
       kWrongAnswers,
       {kSupport},
       'p',
       'p',
       "The assistant states fees, interest rates or complaint deadlines that are not Meridian's, "
       "and customers act on them.",
       "The model answers from its general knowledge when the help centre has no answer; "
       "outdated help articles.",
       "Customers pay charges they did not expect or miss a complaint deadline; refunds and "
       "corrections; conduct risk under consumer protection rules.",
       {4, 3},
       "Answers grounded in the help-centre articles with a link to the source; a weekly sample "
       "of 200 conversations reviewed by service quality.",
       "modify",
       {"A.6.2.4", "A.8.2", "A.9.2"},
       {2, 3},
       6,
       {{"assess", 'p', ""},
        {"treat", 'p', ""},
        {"accept", 'p',
         "Residual Medium is within the threshold. Since fee, rate and complaint questions go to "
         "an agent, the weekly sample found 3 wrong answers in 2,400, none about money. Accepted "
         "until the next review; reassessed at once if the sample finds a wrong fee or rate."}}},
      {"supplier-model-change",
       kNorthstarChange,
       {kSupport},
       'a',
       'a',
       "Northstar AI updates or replaces the hosted model behind the assistant, and answers "
       "change in accuracy, tone and refusals before Meridian has tested the new version.",
       "Model-as-a-service terms let the supplier retire versions; Meridian has called a moving "
       "alias rather than a pinned version.",
       "Wrong or unsafe answers to customers from one day to the next; the impact assessment no "
       "longer describes the system in use.",
       {4, 3},
       "30 days' notice of model changes in the Northstar contract; release notes read by the "
       "platform team.",
       "modify",
       {"A.10.3", "A.10.2", "A.6.2.6"},
       {},
       6,
       {{"assess", 'a', "Scored after Northstar announced the retirement of 2026-03."}}},
      {"automation-bias",
       kTriageDelay,
       {kXray},
       't',
       't',
       "Images the Radiant aid does not flag go to the back of the reading queue. An urgent "
       "finding it misses (a pneumothorax, a misplaced line) is read hours later, by a "
       "radiologist primed to expect nothing urgent.",
       "The aid's sensitivity is 94 to 97% depending on the finding; queues grow at night and at "
       "weekends; staff trust a CE-marked device.",
       "Delayed treatment of a patient with an urgent finding: harm to health that may not be "
       "reversible; liability of the partner hospitals and of Meridian Health Services.",
       {4, 5},
       "Every image is still read by a radiologist the same day; the aid only changes the reading "
       "order.",
       "modify",
       {"A.9.2", "A.8.2", "A.4.6", "A.6.2.6"},
       {2, 5},
       6,
       {{"assess", 't', ""},
        {"treat", 't', "Reading-time cap and training chosen."},
        {"request_acceptance", 't',
         "Residual High is above the threshold and Meridian cannot lower it alone: only the "
         "supplier's next model can raise sensitivity. Without the aid, urgent findings wait 4.5 "
         "hours on average at night; with it, 40 minutes, so withdrawing it would harm more "
         "patients than it protects. Acceptance asked for six months, with the 4-hour cap and "
         "the monthly audit of missed findings in place."},
        {"approve_acceptance", 'p',
         "Accepted above the threshold until the six-month review: the aid's benefit to patients "
         "outweighs the residual risk. Conditions: unflagged images read within 4 hours at all "
         "times; the monthly audit of missed urgent findings goes to the AIMS manager; any missed "
         "urgent finding that harmed a patient reopens the risk."}}},
      {"",
       kFraudBlocks,
       {"Card fraud detection"},
       'p',
       'p',
       "Sentinel FraudScore blocks or challenges genuine card payments. Customers abroad, or "
       "without the app to confirm a payment, can be left unable to pay for essentials.",
       "The block threshold is tuned to keep fraud losses low; unusual but genuine spending "
       "(travel, large one-off purchases, money sent home) scores like fraud.",
       "Customers stranded without a means of payment; complaints and compensation; customers "
       "without a smartphone are hit hardest.",
       {4, 4},
       "The fraud team reviews blocks within 2 hours; customers confirm payments in the app; a "
       "24-hour phone line.",
       "modify",
       {"A.9.2", "A.8.5", "A.6.2.6"},
       {3, 4},
       6,
       {{"assess", 'p', ""},
        {"treat", 'p', ""},
        {"request_acceptance", 'p',
         "SMS confirmation for customers without the app halved stranded payments. Lowering "
         "false blocks further means raising the block threshold, which Sentinel's simulation "
         "puts at EUR 2.1 million more card fraud a year, borne largely by customers. Asking to "
         "accept High until FraudScore 6 has been evaluated."}},
       "level_of_automation",
       "robustness"},
      {"confidential-data-in-external-ai",
       "Proprietary source code sent to CodeForge's cloud",
       {kCoding},
       'a',
       'a',
       "Code completion sends the surrounding source code, which may hold credentials and "
       "customer-data schemas, to CodeForge's hosted service outside Meridian's control.",
       "The assistant's default set-up calls CodeForge's public endpoint.",
       "Confidential code and secrets disclosed; attacks made easier; breach of outsourcing rules "
       "for critical ICT services.",
       {4, 4},
       "Secret scanning in the repositories.",
       "avoid",
       {"A.10.3", "A.9.2", "A.2.2"},
       {1, 2},
       12,
       {{"assess", 'a', ""},
        {"treat", 'a', "Avoid: move CodeForge into Meridian's own tenant."},
        {"close", 'a',
         "Avoided: CodeForge Completion now runs self-hosted in Meridian's EU tenant and the "
         "public endpoint is blocked at the proxy; the October penetration test confirmed that "
         "no code leaves Meridian. Nothing is left to treat."}}},
      {"shadow-ai",
       "Staff use public generative AI tools outside the inventory",
       {},
       'p',
       'a',
       "Staff paste customer letters, credit memos or code into public chatbots and translation "
       "tools that are not in the AI inventory, so that use is neither assessed nor controlled.",
       "Free tools are one click away; the AI policy is new and staff are not yet trained on it; "
       "proxy logs show daily visits to public chatbots.",
       "Customers' personal data and confidential information given to third parties; decisions "
       "shaped by AI nobody assessed; GDPR breaches and supervisory findings.",
       {},
       "",
       "",
       {},
       {},
       6,
       {}},
      {"",
       kCvSkew,
       {"CV screening"},
       'p',
       't',
       "TalentLens Ranker is tuned on Meridian's hiring decisions of 2018 to 2024, in which 78% of "
       "engineering hires were men. The ranking may push qualified women and career returners "
       "down the list recruiters read.",
       "Past decisions used as labels; career gaps and part-time roles scored as weaker; CV "
       "wording that correlates with sex.",
       "Qualified candidates never considered; breach of equal treatment in employment; a "
       "high-risk AI system used unlawfully under the EU AI Act; harm to Meridian as an employer.",
       {4, 4},
       "Recruiters see every application and the ranking rejects nobody on its own; a 5% weekly "
       "sample of low-ranked applications.",
       "modify",
       {"A.5.4", "A.7.4", "A.6.2.4"},
       {},
       3,
       {{"assess", 'p', "Found in the validation of TalentLens Ranker 2.4 before go-live."}},
       "machine_learning",
       "fairness"},
      {"",
       kValidators,
       {},
       'p',
       'p',
       "Nine model releases are planned for 2027 and two people in Model Risk can validate them "
       "independently. Releases either wait or are validated by people close to the build.",
       "Validation skills are scarce; one of the two validators leaves in March 2027.",
       "Models reach production without independent validation, against the AI policy and "
       "A.6.2.4, or releases slip; supervisors question the independence of validation.",
       {4, 3},
       "A validation calendar agreed with model owners each quarter.",
       "modify",
       {"A.4.6", "A.3.2", "A.6.2.4"},
       {2, 3},
       6,
       {{"assess", 'p', ""}, {"treat", 'p', "Recruitment and an external framework contract."}},
       "other",
       "ai_expertise",
       "Resourcing of the second line of defence"},
      {"",
       "Coding assistant suggests code under a restrictive licence",
       {kCoding},
       'a',
       'a',
       "CodeForge Completion reproduces snippets of open-source code under copyleft licences, "
       "which could then ship in Meridian's banking apps.",
       "The model was trained on public repositories; developers accept long suggestions without "
       "checking where they come from.",
       "Licence claims, forced disclosure of source code or rework of released apps.",
       {3, 3},
       "CodeForge's duplicate-code filter is on; every change is code-reviewed; the build "
       "pipeline runs a licence scanner.",
       "retain",
       {"A.10.3", "A.9.2"},
       {2, 2},
       12,
       {{"assess", 'a', ""},
        {"accept", 'a',
         "Residual Low is within the threshold: the licence scanner has found no copyleft match "
         "in 14 months of builds. Retained as it is and reviewed yearly."}},
       "machine_learning",
       "accountability"},
  };
  return list;
}

// What Meridian says of a risk beyond its identity: analysis, scores, treatment, review.
Record meridian_words(const DemoRisk& s) {
  Record r;
  const auto text = [&](const char* key, const char* value) {
    if (*value) r.values[key] = std::string(value);
  };
  text("description", s.description);
  text("cause", s.cause);
  text("consequence", s.consequence);
  text("existing_controls", s.existing_controls);
  text("treatment", s.treatment);
  if (s.inherent.likelihood) {
    r.values["inherent_likelihood"] = s.inherent.likelihood;
    r.values["inherent_impact"] = s.inherent.impact;
  }
  if (s.residual.likelihood) {
    r.values["residual_likelihood"] = s.residual.likelihood;
    r.values["residual_impact"] = s.residual.impact;
  }
  if (!s.controls.empty()) r.values["controls"] = texts(s.controls);
  r.values["review_interval_months"] = s.review_months;
  return r;
}

Result<Record> write_from_scratch(store::Database& db, int64_t org, const DemoRisk& s,
                                  const Ids& systems, const Cast& cast) {
  Record r = meridian_words(s);
  r.values["title"] = std::string(s.title);
  r.values["owner_id"] = cast.id(s.owner);
  r.values["system_ids"] = systems;
  r.values["organisation_wide"] = systems.empty();
  r.values["source"] = std::string(s.source);
  r.values["objective"] = std::string(s.objective);
  if (*s.source_detail) r.values["source_detail"] = std::string(s.source_detail);
  return records::create(db, risk::risks(), org, r, cast.by(s.author));
}

// The library gives a starting point; its owner then makes it Meridian's.
Result<Record> adapt_from_library(store::Database& db, int64_t org, const DemoRisk& s,
                                  const Ids& systems, const Cast& cast) {
  TRY_ASSIGN(const Record added, risk::add_from_library(db, org, s.library, s.title, systems,
                                                        cast.id(s.owner), cast.by(s.author)));
  return records::update(db, risk::risks(), org, added.id, meridian_words(s), added.version,
                         cast.by(s.author));
}

Status add_risk(store::Database& db, int64_t org, const DemoRisk& s,
                const std::map<std::string, int64_t>& systems, const Cast& cast) {
  const Ids concerned = pick(systems, s.systems);
  // A misspelt system would otherwise make the risk organisation-wide without a word.
  if (concerned.size() != s.systems.size())
    return Error::not_found(std::string(s.title) + ": an AI system it names is not in the demo");
  auto written = *s.library ? adapt_from_library(db, org, s, concerned, cast)
                            : write_from_scratch(db, org, s, concerned, cast);
  if (!written)
    return Error{written.error().code, std::string(s.title) + ": " + written.error().message,
                 written.error().field};
  for (const Step& step : s.path) {
    if (Status moved = move(db, org, risk::risks(), written->id, step.transition, step.reason,
                            cast.by(step.by));
        !moved)
      return Error{moved.error().code,
                   std::string(s.title) + ", " + step.transition + ": " + moved.error().message,
                   moved.error().field};
  }
  return {};
}

// The fairness risk's indicator is the metric the credit monitor already alerts on, so the next
// breach of the four-fifths floor lands on the risk and raises its review.
Status watch_fairness_indicator(store::Database& db, int64_t org, int64_t risk_id,
                                const Cast& cast) {
  TRY_ASSIGN(const auto monitors, ids_by_name(db, org, *records::reference_target("monitor")));
  const auto monitor = monitors.find("Weekly credit decisions (Retail credit scoring)");
  if (monitor == monitors.end())
    return Error::not_found("the demo has no monitor \"Weekly credit decisions\"");
  TRY_ASSIGN(const Record current, records::get(db, risk::risks(), org, risk_id));
  Record changes;
  changes.values = {{"indicator_monitor_id", monitor->second},
                    {"indicator_metric", std::string("fairness.disparate_impact")}};
  TRY(records::update(db, risk::risks(), org, risk_id, changes, current.version, cast.by('t')));
  return {};
}

Result<std::map<std::string, int64_t>> add_risks(store::Database& db, int64_t org,
                                                 const Cast& cast) {
  TRY_ASSIGN(const auto systems, ids_by_name(db, org, inventory::ai_systems()));
  for (const DemoRisk& s : demo_risks())
    TRY(add_risk(db, org, s, systems, cast));
  TRY_ASSIGN(const auto risks, ids_by_name(db, org, risk::risks()));
  TRY(watch_fairness_indicator(db, org, risks.at(kUnfairCredit), cast));
  return risks;
}

// ---- treatment actions ------------------------------------------------------------------------

struct DemoAction {
  const char* risk;
  const char* title;
  const char* control;
  char owner;
  int64_t due_in_days;  // negative: due in the past
  const char* state;    // planned, in_progress or done
  const char* notes;
  const char* effectiveness = "";  // how a done action was checked (clause 8.3)
};

const std::vector<DemoAction>& demo_actions() {
  static const std::vector<DemoAction> list = {
      {kUnfairCredit, "Credit officers review every decision while the bureau feed is broken",
       "A.9.2", 't', -14, "done", "Switched on by the monitor's breach; stays on until the fix.",
       "Every decline since the breach was reviewed; 41 declines of part-time applicants were "
       "overturned once income was checked on payslips, and those applicants were contacted."},
      {kUnfairCredit, "Validate secondary income fields in the bureau feed before scoring", "A.7.4",
       't', 21, "in_progress",
       "Rejects records whose secondary income is missing but was present last month."},
      {kUnfairCredit, "Independent fairness re-validation after the feed fix", "A.6.2.4", 'p', 45,
       "planned", "By Model Risk, not the model's builders; four clean weeks needed first."},
      {kBureauDrift, "Change-notice and test-feed clause in the Atlas Credit Bureau contract",
       "A.10.2", 'p', -12, "in_progress",
       "Atlas agreed in principle; Legal still reviewing the amendment."},
      {kBureauDrift, "Alert on income and score drift in the weekly monitor", "A.6.2.6", 't', -30,
       "done", "PSI above 0.2 on income or score raises an alert and human review.",
       "In the week of 16 November the PSI on income crossed 0.2 and the alert reached the "
       "on-call data scientist the same day; human review started before the next batch."},
      {kInjection, "Make account look-ups read-only and callable only from the signed-in app",
       "A.6.2.2", 'a', 14, "in_progress", "Web chat loses account tools altogether."},
      {kInjection, "Red-team the assistant with instructions hidden in articles and attachments",
       "A.6.2.4", 't', 40, "planned", "External testers; results to the AIMS manager."},
      {kWrongAnswers, "Route questions on fees, rates and complaints to an agent", "A.9.2", 'a',
       -20, "done", "Topic detection hands the chat over with a summary.",
       "Weekly samples since go-live: no answer on fees or rates given by the assistant; 3 of "
       "2,400 sampled answers wrong, all about branch opening hours."},
      {kTriageDelay, "Read every unflagged X-ray within 4 hours, day and night", "A.9.2", 't', -25,
       "done", "A second radiologist on call when the unflagged queue passes 30 images.",
       "Queue reports for the last two months: 99.2% of unflagged images read within 4 hours, "
       "the rest within 6."},
      {kTriageDelay, "Monthly audit of urgent findings the aid did not flag", "A.6.2.6", 't', 30,
       "in_progress", "A condition of the acceptance; first audit covered 1,900 images."},
      {kValidators, "Recruit a second-line model validator", "A.4.6", 'p', 75, "in_progress",
       "Role approved; interviews under way."},
      {kValidators, "Framework contract with an external validation firm for peaks", "A.3.2", 'p',
       50, "planned", "Validators must not have worked on the model they validate."},
  };
  return list;
}

Status add_action(store::Database& db, int64_t org, const DemoAction& a,
                  const std::map<std::string, int64_t>& risks, const Cast& cast) {
  const records::Caller& owner = cast.by(a.owner);
  Record r;
  r.values = {{"title", std::string(a.title)},
              {"risk_id", risks.at(a.risk)},
              {"control", std::string(a.control)},
              {"owner_id", cast.id(a.owner)},
              {"due_date", days_from_today(a.due_in_days)},
              {"notes", std::string(a.notes)}};
  TRY_ASSIGN(const Record created, records::create(db, risk::treatment_actions(), org, r, owner));
  const std::string state = a.state;
  if (state == "planned") return {};
  TRY(move(db, org, risk::treatment_actions(), created.id, "start", "", owner));
  if (state == "in_progress") return {};
  Record outcome;
  outcome.values["effectiveness"] = std::string(a.effectiveness);
  return move(db, org, risk::treatment_actions(), created.id, "complete", "", owner, outcome);
}

// ---- impact assessments -----------------------------------------------------------------------

struct DemoImpact {
  const char* title;
  const char* kind;
  const char* dimension;
  const char* affected;
  const char* severity;
  const char* likelihood;
  const char* reversibility;
  const char* mitigation;
  std::vector<const char*> risks = {};
  std::vector<const char*> controls = {};
};

struct DemoAssessment {
  const char* title;
  const char* system;
  const char* version;
  char assessor;
  char approver;  // 0: left in review
  int64_t assessed_days_ago;
  std::map<std::string, std::string> texts;  // scope, who is affected, decision, Art. 27 items
  std::vector<const char*> risks;
  std::vector<const char*> controls;
  std::vector<DemoImpact> impacts;
  const char* findings;  // the summary the assessor submits it with
  const char* approval;
};

DemoAssessment credit_assessment() {
  return {
      "Retail credit scoring impact assessment 2026",
      kCredit,
      "Retail PD model 3.2.0",
      't',
      'p',
      8,
      {{"scope",
        "Retail credit scoring as used by Retail Banking for loan applications up to EUR 75,000: "
        "the PD model 3.2.0, the Atlas Credit Bureau feed, the approve, refer or decline "
        "recommendation and the credit officers' review. Pricing, collections and business "
        "lending are out of scope. Meridian both provides and deploys the system."},
       {"data_used",
        "Application data (income, employment, debts, loan amount), bureau attributes and "
        "repayment history 2019-2025; personal data processed to assess creditworthiness (GDPR "
        "Art. 6(1)(b) and (c)). Sex and age band are kept only to measure fairness and are not "
        "model inputs."},
       {"deployment_context",
        "Branch and online applications in Germany, Austria and the Netherlands, in German, Dutch "
        "and English; about 2,500 decisions a week."},
       {"affected_individuals",
        "Applicants and co-applicants for retail loans, about 130,000 a "
        "year."},
       {"affected_groups",
        "Women and part-time workers, whose secondary incomes the bureau feed dropped; applicants "
        "under 21 and over 70, under-represented in the training data; self-employed applicants "
        "with irregular income."},
       {"vulnerable_groups",
        "Applicants in financial difficulty, for whom a wrong decline or an unaffordable loan "
        "weighs most; older applicants less able to challenge a decision online."},
       {"societal_effects",
        "Access to affordable credit in the communities Meridian serves; a systematic bias would "
        "widen the gap in access to credit between women and men."},
       {"environmental_effects",
        "Small: a monthly retraining on shared cloud compute (about 40 kWh) and light scoring."},
       {"decision", "proceed_with_conditions"},
       {"conditions",
        "1. Credit officers review every decision until the bureau feed is validated and the "
        "disparate impact by sex stays above 0.8 for four weeks in a row. 2. Independent fairness "
        "re-validation before the next model release. 3. Applicants are told that AI supports "
        "the decision and how to ask for a person to review it."},
       {"fria_process",
        "Creditworthiness assessment of retail loan applicants (EU AI Act Annex III point 5(b)): "
        "the model recommends approve, refer or decline; a credit officer decides referrals and "
        "reviews declines above EUR 20,000."},
       {"fria_period",
        "Every business day since March 2024, about 2,500 applications a week, until retired."},
       {"fria_persons",
        "Retail loan applicants and co-applicants in Germany, Austria and the Netherlands, "
        "including people on low or irregular incomes, part-time workers and older people."},
       {"fria_risks",
        "Discrimination on grounds of sex or age (Charter Art. 21); refusal of credit needed for "
        "essentials; over-indebtedness from loans approved on wrong income; declines people "
        "cannot understand or contest (Charter Arts. 8 and 47)."},
       {"fria_oversight",
        "Credit officers trained on the model's limits decide every referral, may override any "
        "recommendation and review declines above EUR 20,000; the monitor switches every "
        "decision to human review when a fairness or drift threshold is breached."},
       {"fria_measures",
        "On a breach: human review of all decisions, an incident opened, affected decisions "
        "re-examined and applicants contacted. Applicants may ask for a human review, complain "
        "to the complaints service (answer within 15 business days) and to the ombudsman. The "
        "AIMS manager reports to the executive committee every quarter."}},
      {kUnfairCredit, kBureauDrift},
      {"A.5.2", "A.5.4", "A.5.5", "A.9.2", "A.6.2.6"},
      {{"Creditworthy women and part-time workers declined",
        "harm",
        "fairness",
        "Women and part-time applicants",
        "high",
        "likely",
        "hard_to_reverse",
        "Human review of every decision until the feed is fixed; feed validation; declines since "
        "the feed change re-examined and applicants contacted.",
        {kUnfairCredit},
        {"A.5.4", "A.7.4"}},
       {"Loans approved on wrong income",
        "harm",
        "economic",
        "Applicants who take on debt they cannot repay",
        "moderate",
        "possible",
        "hard_to_reverse",
        "Payslip checks above EUR 20,000; drift alerts on income; calibration reviewed monthly.",
        {kBureauDrift},
        {"A.6.2.6"}},
       {"Declines applicants cannot understand or contest",
        "harm",
        "transparency",
        "Declined applicants",
        "moderate",
        "possible",
        "reversible",
        "Decline letters give the main reasons; anyone may ask for a person to review the "
        "decision.",
        {},
        {"A.8.5"}},
       {"Answers in minutes instead of days", "benefit", "economic", "All applicants", "moderate",
        "almost_certain", "reversible", ""},
       {"The same rules for every applicant", "benefit", "fairness", "All applicants", "moderate",
        "likely", "reversible", ""}},
      "Proceed with conditions: the model itself is sound, but the bureau feed change showed how "
      "much its fairness depends on the data it is fed.",
      "Conditions are proportionate and already in place or planned in the risk register."};
}

DemoAssessment support_assessment() {
  return {
      "Customer support assistant impact assessment 2026",
      kSupport,
      "Northstar Assist 2026-03",
      'p',
      'a',
      30,
      {{"scope",
        "The chat assistant on the website and in the app, and the reply drafts it writes for "
        "agents, in English and German. Phone support and complaints handling are out of scope."},
       {"data_used",
        "Customers' chat messages, which may hold personal and account data; help-centre "
        "articles; the 2024 support transcripts used to test it. Chats are processed in "
        "Northstar AI's EU region and not used for training (contract clause)."},
       {"deployment_context",
        "Web and app chat, day and night, about 9,000 conversations a week; agents watch the "
        "queue and take over on request."},
       {"affected_individuals", "Customers who chat with Meridian; agents who use the drafts."},
       {"affected_groups", "Customers with little German or English; customers with complaints."},
       {"vulnerable_groups",
        "Customers in financial difficulty or bereavement, who need a person rather than an AI; "
        "older customers."},
       {"societal_effects", "Little beyond Meridian's customers."},
       {"environmental_effects", "About 0.3 Wh per conversation by the supplier's figures."},
       {"decision", "proceed_with_conditions"},
       {"conditions",
        "Customers are told at the start that they are chatting with an AI and can ask for a "
        "person at any time; fees, rates, complaints, hardship and bereavement go to an agent."}},
      {kInjection, kWrongAnswers, kNorthstarChange},
      {"A.8.2", "A.8.5", "A.9.2", "A.10.3"},
      {{"Wrong information on fees, rates or deadlines",
        "harm",
        "economic",
        "Chat customers",
        "moderate",
        "possible",
        "reversible",
        "Answers grounded in help articles; money questions routed to agents; weekly sample.",
        {kWrongAnswers},
        {"A.9.2"}},
       {"Personal data disclosed through a manipulated conversation",
        "harm",
        "privacy",
        "Chat customers",
        "high",
        "unlikely",
        "irreversible",
        "Read-only account tools, only from the signed-in app; red-team testing.",
        {kInjection},
        {"A.6.2.2"}},
       {"Answers at any hour without a wait", "benefit", "economic", "Chat customers", "moderate",
        "almost_certain", "reversible", ""}},
      "Proceed with conditions: useful for simple questions, kept away from money and hardship.",
      "Approved with the conditions; reassess when Northstar's model changes."};
}

DemoAssessment cv_assessment() {
  return {
      "CV screening impact assessment before go-live",
      "CV screening",
      "TalentLens Ranker 2.4",
      't',
      0,
      3,
      {{"scope",
        "The TalentLens ranking of applicants for Meridian's vacancies, before it goes live for "
        "engineering and branch roles. EU AI Act Art. 27 does not bind Meridian here (a private "
        "deployer, not a public service); this assessment covers the same ground by choice."},
       {"affected_individuals", "Applicants for Meridian's vacancies, about 18,000 a year."},
       {"affected_groups",
        "Women applying for engineering roles; career returners; older applicants."},
       {"vulnerable_groups", "Applicants with disabilities whose CVs show gaps."},
       {"societal_effects", "The gender balance of engineering in financial services."},
       {"environmental_effects", "Negligible."},
       {"decision", "proceed_with_conditions"},
       {"conditions",
        "Not used for engineering roles until the ranking's disparate impact by sex is at least "
        "0.8 on the last two years of applications; recruiters keep reading every application."}},
      {kCvSkew},
      {"A.5.4", "A.7.4"},
      {{"Qualified women ranked low for engineering roles",
        "harm",
        "fairness",
        "Women applying for engineering roles",
        "high",
        "likely",
        "hard_to_reverse",
        "Not used for engineering roles until re-validated; weekly sample of low-ranked "
        "applications.",
        {kCvSkew},
        {"A.5.4"}},
       {"Every application read against the same criteria", "benefit", "fairness", "Applicants",
        "moderate", "likely", "reversible", ""}},
      "Proceed with conditions: the ranking must not be used for engineering roles yet.",
      ""};
}

Status add_impact(store::Database& db, int64_t org, int64_t assessment, const DemoImpact& i,
                  const std::map<std::string, int64_t>& risks, const records::Caller& author) {
  Record r;
  r.values = {{"title", std::string(i.title)},
              {"assessment_id", assessment},
              {"kind", std::string(i.kind)},
              {"dimension", std::string(i.dimension)},
              {"affected", std::string(i.affected)},
              {"severity", std::string(i.severity)},
              {"likelihood", std::string(i.likelihood)},
              {"reversibility", std::string(i.reversibility)},
              {"risk_ids", pick(risks, i.risks)},
              {"controls", texts(i.controls)}};
  if (*i.mitigation) r.values["mitigation"] = std::string(i.mitigation);
  TRY(records::create(db, impact::impacts(), org, r, author));
  return {};
}

// Written and submitted by its assessor with its harms and benefits while a draft, then approved
// by someone who is neither author nor assessor, as clause 8.4 and separation of duties expect.
Status add_assessment(store::Database& db, int64_t org, const DemoAssessment& a,
                      const std::map<std::string, int64_t>& risks, const Cast& cast) {
  TRY_ASSIGN(const auto systems, ids_by_name(db, org, inventory::ai_systems()));
  const records::Caller& assessor = cast.by(a.assessor);
  Record r;
  r.values = {{"title", std::string(a.title)},
              {"system_id", systems.at(a.system)},
              {"system_version", std::string(a.version)},
              {"assessor_id", cast.id(a.assessor)},
              {"assessed_on", days_from_today(-a.assessed_days_ago)},
              {"fria", a.texts.count("fria_process") > 0},
              {"risk_ids", pick(risks, a.risks)},
              {"controls", texts(a.controls)}};
  for (const auto& [key, value] : a.texts)
    r.values[key] = value;
  TRY_ASSIGN(const Record created, records::create(db, impact::assessments(), org, r, assessor));
  for (const DemoImpact& i : a.impacts)
    TRY(add_impact(db, org, created.id, i, risks, assessor));
  TRY(move(db, org, impact::assessments(), created.id, "submit", a.findings, assessor));
  if (!a.approver) return {};
  return move(db, org, impact::assessments(), created.id, "approve", a.approval,
              cast.by(a.approver));
}

// Northstar retires the model version the assistant was assessed on; moving to its successor is a
// significant change, so the approved assessment is flagged for re-assessment by itself.
Status move_support_to_new_model(store::Database& db, int64_t org, const Cast& cast) {
  TRY_ASSIGN(const auto suppliers, ids_by_name(db, org, inventory::suppliers()));
  TRY_ASSIGN(const auto systems, ids_by_name(db, org, inventory::ai_systems()));
  Record model;
  model.values = {{"name", std::string("Northstar Assist")},
                  {"model_version", std::string("2026-11")},
                  {"model_type", std::string("generative")},
                  {"provider", std::string("supplier")},
                  {"supplier_id", suppliers.at("Northstar AI")},
                  {"intended_use", std::string("Drafting answers to customer questions; replaces "
                                               "2026-03, which Northstar retires in January.")}};
  TRY_ASSIGN(const Record added,
             records::create(db, inventory::models(), org, model, cast.by('p')));
  TRY_ASSIGN(const Record system,
             records::get(db, inventory::ai_systems(), org, systems.at(kSupport)));
  Record changes;
  changes.values["model_ids"] = Ids{added.id};
  TRY(records::update(db, inventory::ai_systems(), org, system.id, changes, system.version,
                      cast.by('p')));
  return {};
}

}  // namespace

Status seed_demo_risk(store::Database& db, int64_t org, const DemoPeople& people) {
  const Cast cast(people);
  TRY(risk::adopt_criteria(db, org, meridian_criteria(), cast.by('p')));
  TRY_ASSIGN(const auto risks, add_risks(db, org, cast));
  for (const DemoAction& a : demo_actions())
    TRY(add_action(db, org, a, risks, cast));
  for (const DemoAssessment& a : {credit_assessment(), support_assessment(), cv_assessment()})
    TRY(add_assessment(db, org, a, risks, cast));
  TRY(move_support_to_new_model(db, org, cast));
  return adopt_second_criteria(db, org, cast);
}

}  // namespace aims::cli
