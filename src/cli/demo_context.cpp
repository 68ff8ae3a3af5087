// Meridian's context, interested parties and communication for `aims demo seed`: issues inside and
// outside the bank (the EU AI Act, a shortage of validators, public trust in automated credit
// decisions, climate judged of low relevance with the reason), the parties with their requirements
// linked to the documents, risks and SoA entries that address them (one not yet addressed, one not
// applicable), and a communication plan whose next due dates follow the communications made (the
// supervisory update is overdue). Dates follow the day the demo is seeded.
#include <map>

#include "base/time.h"
#include "cli/demo.h"
#include "context/context.h"
#include "controls/controls.h"
#include "documents/documents.h"
#include "records/records.h"
#include "risk/risk.h"

namespace aims::cli {
namespace {

using records::Ids;
using records::Record;
using Values = std::map<std::string, records::FieldValue>;

constexpr const char* kPolicy = "Meridian Holdings AI policy";
constexpr const char* kRiskProcedure = "AI risk management procedure";
constexpr const char* kValidation = "Model validation guideline";

std::string months_from_today(int64_t months) {
  return documents::add_months(now_timestamp().substr(0, 10), months).value();
}

// Writes the demo's records as Priya, the AIMS manager, and finds what they link to by name.
class Seeder {
 public:
  Seeder(store::Database& db, int64_t org, const DemoPeople& people)
      : db_(db),
        org_(org),
        priya_{people.manager, people.manager.user_id, auth::Role::aims_manager},
        people_{{'a', people.admin.user_id.value()},
                {'p', people.manager.user_id.value()},
                {'t', people.scientist.user_id.value()}} {}

  int64_t person(char who) const { return people_.at(who); }

  Result<int64_t> add(const records::Description& d, Values values) {
    Record r;
    r.values = std::move(values);
    TRY_ASSIGN(const Record created, records::create(db_, d, org_, r, priya_));
    return created.id;
  }

  Status move(const records::Description& d, int64_t id, const char* step, const char* reason) {
    TRY_ASSIGN(const Record now, records::get(db_, d, org_, id));
    TRY(records::transition(db_, d, org_, id, {step, reason, {}, now.version}, priya_));
    return {};
  }

  // The records of `d` with these names; a name the demo does not have is a bug in the demo.
  Result<Ids> named(const records::Description& d, const std::vector<const char*>& names) {
    if (!cache_.count(d.type)) {
      TRY_ASSIGN(const auto all, records::all_names(db_, d, org_));
      for (const auto& n : all)
        cache_[d.type][n.name] = n.id;
    }
    Ids out;
    for (const char* name : names) {
      const auto it = cache_[d.type].find(name);
      if (it == cache_[d.type].end())
        return Error::not_found(std::string(d.singular) + " \"" + name + "\" is not in the demo");
      out.push_back(it->second);
    }
    return out;
  }

  // The SoA entries of these Annex A controls.
  Result<Ids> soa(const std::vector<std::string>& controls) {
    TRY_ASSIGN(const auto entries, records::list_all(db_, controls::soa_entries(), org_));
    Ids out;
    for (const auto& control : controls)
      for (const auto& e : entries)
        if (e.text("control") == control) out.push_back(e.id);
    return out;
  }

 private:
  store::Database& db_;
  int64_t org_;
  records::Caller priya_;
  std::map<char, int64_t> people_;
  std::map<std::string, std::map<std::string, int64_t>> cache_;
};

// ---- issues -------------------------------------------------------------------------------------

struct DemoIssue {
  const char* title;
  const char* origin;
  const char* category;
  const char* relevance;
  const char* description;
  const char* effect;
  const char* response;
  std::vector<const char*> risks;
  std::vector<const char*> documents;
  char owner;
  int64_t review_in_months;
  const char* monitored = nullptr;  // what is watched, when the issue is monitored
};

const std::vector<DemoIssue>& demo_issues() {
  static const std::vector<DemoIssue> list = {
      {"EU AI Act obligations for high-risk credit scoring",
       "external",
       "legal_regulatory",
       "high",
       "Creditworthiness scoring of natural persons is a high-risk use under the EU AI Act. "
       "Meridian both builds and deploys the retail credit scoring system, so it carries the "
       "provider's obligations (risk management, data governance, technical documentation, logs, "
       "human oversight, accuracy) and the deployer's (a fundamental-rights impact assessment, "
       "informing applicants). The Act's prohibited practices (social scoring, emotion recognition "
       "at work) rule out two ideas HR raised in 2025.",
       "Sets much of what the AIMS must prove for the credit system and when: the high-risk "
       "obligations apply from August 2026, and the supervisor will ask for the evidence.",
       "The AI risk management procedure and the fairness and drift risks cover risk management; "
       "the SoA maps Annex A to the Act through the crosswalk; the conformity file is tracked as "
       "a treatment action of the fairness risk.",
       {"Unfair credit decisions for women and part-time applicants",
        "Credit bureau data drifts away from what the PD model learned"},
       {kPolicy, kRiskProcedure},
       'p',
       3},
      {"Shortage of model validators and ML engineers",
       "internal",
       "organisational",
       "high",
       "Two of five model validators left in 2026 and the market for ML engineers with banking "
       "experience is tight; the 2027 releases of the PD model and the triage aid need independent "
       "validation at the same time.",
       "Validation could become the bottleneck that delays releases or, worse, is shortened; "
       "independence of validation (the model validation guideline) is at stake.",
       "Two validator posts advertised; a framework contract with an external validation firm for "
       "peaks; releases scheduled so validations do not overlap.",
       {"Too few independent model validators for the 2027 releases"},
       {kValidation},
       'a',
       2,
       "Validator headcount and the validation queue, reported monthly by the Head of Model Risk"},
      {"Public trust in automated credit decisions",
       "external",
       "societal_ethical",
       "high",
       "Consumer surveys and press coverage in 2025 show applicants distrust credit decisions "
       "made by algorithms and expect to be told why they were refused and to reach a person.",
       "Customers and the supervisor judge the AIMS by whether refusals are explained and can be "
       "contested; a fairness failure would cost trust well beyond the credit product.",
       "Every decline is decided or confirmed by a credit officer; refusal letters give the main "
       "reasons; the annual public statement explains how Meridian uses AI.",
       {"Unfair credit decisions for women and part-time applicants"},
       {kPolicy},
       'p',
       4},
      {"Climate change and the environmental footprint of AI use",
       "external",
       "environmental_climate",
       "low",
       "Whether climate change is a relevant issue for the AIMS was assessed in 2026: Meridian "
       "trains gradient-boosted models on a few servers, and the support assistant's language "
       "model is run by Northstar AI, whose energy use falls under its own reporting.",
       "Low. Meridian's AI workloads use under 2% of the group's data-centre energy (2025 "
       "estimate), and climate risk reaches the loan book through the credit risk framework, not "
       "through the AIMS. Revisited yearly, or earlier if Meridian starts training large models.",
       "Data-centre energy is reported in the group sustainability report as a whole; the "
       "supplier review asks Northstar for its energy and emissions figures.",
       {},
       {},
       'p',
       10,
       "The AI share of data-centre energy, read from the yearly sustainability figures"},
      {"Dependence on one foundation-model supplier",
       "external",
       "technological",
       "medium",
       "The customer support assistant runs on Northstar AI's hosted model, which Northstar may "
       "change or retire at short notice; no second supplier is qualified yet.",
       "A model change could alter the assistant's answers before Meridian has tested them, and "
       "an outage leaves customer service without the assistant.",
       "Contractual notice of model changes; a regression test set run on every announced change; "
       "agents take over conversations when the assistant is down.",
       {"Northstar changes the assistant's model before Meridian has tested it"},
       {kRiskProcedure},
       'a',
       6},
      {"Cost pressure to automate lending decisions end to end",
       "external",
       "economic_market",
       "medium",
       "Digital lenders approve loans in minutes without human review; Retail Banking's 2027 plan "
       "asks for fully automated declines on small loans.",
       "Pressure to remove the human decision the AI policy requires for declines, which the "
       "fairness treatment and the fundamental-rights assessment rely on.",
       "The AI policy keeps a credit officer on every decline; any change goes through an impact "
       "assessment and the Model Risk Committee.",
       {"Unfair credit decisions for women and part-time applicants"},
       {kPolicy},
       'p',
       0},  // its review date passed last month
      {"Data lineage gaps in the core banking platform",
       "internal",
       "technological",
       "medium",
       "The core banking platform predates the data standards: income and employment fields pass "
       "through three transformations no one documents end to end.",
       "Data quality for the credit models (A.7) is hard to prove, and a feed change like the "
       "2026 bureau incident is found late.",
       "Feed validation on every bureau and core-banking delivery; lineage documented field by "
       "field for the PD model's inputs by the end of next quarter.",
       {"Credit bureau data drifts away from what the PD model learned"},
       {kValidation},
       't',
       3},
  };
  return list;
}

Status seed_issues(Seeder& s) {
  for (const auto& i : demo_issues()) {
    TRY_ASSIGN(const Ids risks, s.named(risk::risks(), i.risks));
    TRY_ASSIGN(const Ids documents, s.named(documents::documents(), i.documents));
    const std::string review =
        i.review_in_months == 0 ? months_from_today(-1) : months_from_today(i.review_in_months);
    TRY_ASSIGN(const int64_t id,
               s.add(context::issues(), {{"title", std::string(i.title)},
                                         {"origin", std::string(i.origin)},
                                         {"category", std::string(i.category)},
                                         {"relevance", std::string(i.relevance)},
                                         {"description", std::string(i.description)},
                                         {"effect", std::string(i.effect)},
                                         {"response", std::string(i.response)},
                                         {"risk_ids", risks},
                                         {"document_ids", documents},
                                         {"owner_id", s.person(i.owner)},
                                         {"next_review", review}}));
    if (i.monitored) {
      TRY(s.move(context::issues(), id, "monitor", i.monitored));
    }
  }
  return {};
}

// ---- interested parties and their requirements --------------------------------------------------

struct DemoRequirement {
  const char* title;
  const char* source;
  const char* decision;
  const char* detail;
  const char* how = "";
  std::vector<const char*> documents = {};
  std::vector<const char*> risks = {};
  std::vector<std::string> soa = {};
  const char* not_applicable_reason = "";
};

struct DemoParty {
  const char* name;
  const char* origin;
  const char* type;
  const char* contact;
  char owner;
  const char* interest;
  std::vector<DemoRequirement> requirements;
};

const std::vector<DemoParty>& demo_parties() {
  static const std::vector<DemoParty> list = {
      {"Banking supervisor",
       "external",
       "regulator",
       "Joint supervisory team for Meridian, through the Regulatory Affairs office",
       'a',
       "Sound credit models and fair treatment of borrowers; as the authority that supervises "
       "high-risk AI in credit, evidence that Meridian meets the EU AI Act.",
       {{"Risk management, data governance, logs and human oversight for high-risk credit scoring",
         "law_regulation",
         "partly",
         "EU AI Act Chapter III, Section 2 (Art. 9 to 15), for the retail credit scoring system.",
         "Risk register, data standards and the weekly credit monitor cover risk management, data "
         "quality and logs; the technical documentation is still being written.",
         {kRiskProcedure},
         {"Unfair credit decisions for women and part-time applicants",
          "Credit bureau data drifts away from what the PD model learned"},
         {"A.6.2.6", "A.7.4"}},
        {"Independent validation of internal credit models",
         "law_regulation",
         "addressed",
         "Supervisory expectations on model risk management: validation independent of the "
         "people who build the model, before use and after material change.",
         "",
         {kValidation},
         {"Too few independent model validators for the 2027 releases"}},
        {"Report serious incidents of high-risk AI systems within the legal deadlines",
         "law_regulation", "not_yet",
         "EU AI Act Art. 73: a serious incident is reported to the authority within 15 days, "
         "sooner for deaths or widespread infringement. The incident procedure does not name "
         "these deadlines yet; to be added before the 2027 release."}}},
      {"Loan applicants and borrowers",
       "external",
       "affected_individuals",
       "Through Retail Banking's complaints team",
       'p',
       "Fair decisions on their applications, an explanation when refused, a person to contest "
       "a decision with, and their personal data used only for the application.",
       {{"An explanation of a refusal and a person to contest it with",
         "law_regulation",
         "addressed",
         "Consumer credit law on creditworthiness assessment and GDPR Art. 22 on automated "
         "decisions.",
         "A credit officer decides every decline; refusal letters give the main reasons.",
         {kPolicy},
         {},
         {"A.8.2", "A.8.5"}},
        {"Equal treatment whatever their sex, age or type of employment",
         "law_regulation",
         "addressed",
         "Equal-treatment law and the consumer credit rules; part-time workers are mostly women.",
         "",
         {},
         {"Unfair credit decisions for women and part-time applicants"}}}},
      {"Customers of the support chat",
       "external",
       "customer",
       "Customer Service, through the chat feedback form",
       'a',
       "Correct answers about their accounts, fees and products, and to know when they deal "
       "with an AI system.",
       {{"To know they are talking to an AI system",
         "law_regulation",
         "addressed",
         "EU AI Act Art. 50(1): people are told they interact with an AI system.",
         "The assistant says so in its first message and the chat window is labelled.",
         {kPolicy}},
        {"Correct answers on fees and products, or a person who gives them",
         "societal_expectation",
         "partly",
         "Customers act on what the assistant tells them; consumer protection law binds Meridian "
         "to what it says.",
         "Answers on fees come from the product database only; agents can take over any "
         "conversation. Wrong answers still reach about 2% of fee questions.",
         {},
         {"Support assistant gives confident but wrong answers on fees and products"}}}},
      {"Staff and the works council",
       "internal",
       "employees",
       "Works council secretary; HR business partners",
       'p',
       "To be consulted before AI is used on them, trained before they use AI at work, and "
       "treated fairly by CV screening.",
       {{"Consultation before AI is used in recruitment or to monitor staff",
         "law_regulation",
         "addressed",
         "Labour law on the works council's co-determination for technical monitoring and "
         "selection guidelines.",
         "CV screening was agreed with the works council before use; the agreement is kept with "
         "the HR documents and revisited with each new model version.",
         {},
         {"CV ranking reproduces the male skew of past engineering hires"}},
        {"Training before using the engineering coding assistant",
         "voluntary_commitment",
         "partly",
         "Meridian's AI policy commits to training everyone who uses an AI system at work.",
         "The e-learning exists; completion is tracked for engineering but not yet for "
         "contractors.",
         {kPolicy}}}},
      {"Board of directors",
       "internal",
       "investor_board",
       "Company secretary; Board Risk Committee",
       'a',
       "Assurance that AI risks stay within the risk appetite and that the AIMS works, and "
       "figures for the group's sustainability report.",
       {{"A quarterly report on AI risks, incidents and the AIMS' performance",
         "voluntary_commitment", "addressed", "Board Risk Committee terms of reference, section 4.",
         "Quarterly AIMS report to the Board Risk Committee (the communication plan)."},
        {"AI's energy use reported separately in the sustainability report",
         "climate_related",
         "not_applicable",
         "Raised by an investor at the 2026 general meeting.",
         "",
         {},
         {},
         {},
         "AI workloads use under 2% of the group's data-centre energy (2025 estimate), which the "
         "sustainability report covers as a whole; the board agreed not to report AI separately "
         "and to look again if Meridian starts training large models."}}},
      {"Northstar AI",
       "external",
       "supplier_partner",
       "Northstar enterprise account team",
       't',
       "That Meridian uses its hosted model within its acceptable use policy and the contract, "
       "and reports misuse or security issues it finds.",
       {{"Use the model within Northstar's acceptable use policy",
         "contract",
         "addressed",
         "Enterprise agreement, schedule 3 (acceptable use).",
         "The AI policy forbids the uses Northstar's policy forbids; checked in the yearly "
         "supplier review.",
         {kPolicy},
         {"Northstar changes the assistant's model before Meridian has tested it"},
         {"A.10.3"}}}},
  };
  return list;
}

Status seed_requirement(Seeder& s, int64_t party, char owner, const DemoRequirement& r) {
  TRY_ASSIGN(const Ids documents, s.named(documents::documents(), r.documents));
  TRY_ASSIGN(const Ids risks, s.named(risk::risks(), r.risks));
  TRY_ASSIGN(const Ids entries, s.soa(r.soa));
  TRY(s.add(context::requirements(),
            {{"title", std::string(r.title)},
             {"party_id", party},
             {"source", std::string(r.source)},
             {"decision", std::string(r.decision)},
             {"detail", std::string(r.detail)},
             {"how_addressed", std::string(r.how)},
             {"not_applicable_reason", std::string(r.not_applicable_reason)},
             {"document_ids", documents},
             {"risk_ids", risks},
             {"soa_entry_ids", entries},
             {"owner_id", s.person(owner)},
             {"next_review", months_from_today(6)}}));
  return {};
}

Status seed_parties(Seeder& s) {
  for (const auto& p : demo_parties()) {
    TRY_ASSIGN(const int64_t id,
               s.add(context::parties(), {{"name", std::string(p.name)},
                                          {"origin", std::string(p.origin)},
                                          {"party_type", std::string(p.type)},
                                          {"contact", std::string(p.contact)},
                                          {"owner_id", s.person(p.owner)},
                                          {"interest", std::string(p.interest)}}));
    for (const auto& r : p.requirements)
      TRY(seed_requirement(s, id, p.owner, r));
  }
  return {};
}

// ---- the communication plan and communications made ---------------------------------------------

struct DemoCommunication {
  const char* title;
  int64_t months_ago;
  const char* summary;
};

struct DemoPlanItem {
  const char* title;
  std::vector<const char*> parties;
  const char* audience;
  const char* origin;
  const char* channel;
  const char* frequency;
  char communicator;
  std::vector<DemoCommunication> made;  // oldest first: each moves the item's next due on
};

const std::vector<DemoPlanItem>& demo_plan() {
  static const std::vector<DemoPlanItem> list = {
      {"AIMS performance report to the Board Risk Committee",
       {"Board of directors"},
       "Board Risk Committee",
       "internal",
       "report",
       "quarterly",
       'p',
       {{"AIMS report: the credit bureau feed incident and its remediation", 7,
         "The feed change, the two weeks of human review it triggered, the fairness re-validation "
         "and the new feed checks. The committee asked for the validator shortage to be reported "
         "as a risk."},
        {"AIMS report: readiness for the EU AI Act high-risk obligations", 4,
         "Readiness by clause, the conformity file's progress and the incident-reporting gap. "
         "The committee approved budget for two validator posts."},
        {"AIMS report: first quarter of the fairness monitor", 1,
         "Disparate impact by sex and age band stayed above 0.8 every week; one drift alert on "
         "income, resolved. No question outstanding."}}},
      {"Responsible-AI bulletin to staff",
       {"Staff and the works council"},
       "All staff; team leads in Retail Banking, Customer Service and Health Services",
       "internal",
       "intranet",
       "twice_a_year",
       'p',
       {{"Responsible-AI bulletin: the AI policy in practice", 5,
         "What the AI policy asks of staff, the training for the coding assistant, and how to "
         "raise a concern about an AI system. 1,240 reads; six questions to the AIMS mailbox."}}},
      {"Public statement on how Meridian uses AI",
       {"Loan applicants and borrowers", "Customers of the support chat"},
       "Customers and the public",
       "external",
       "website",
       "yearly",
       'p',
       {{"How Meridian uses AI: 2026 statement", 11,
         "The AI systems customers meet (credit scoring, the support assistant, fraud detection), "
         "what a person still decides, and how to ask for a human review."}}},
      {"Supervisory update on AI in credit decisions",
       {"Banking supervisor"},
       "Joint supervisory team",
       "external",
       "meeting",
       "twice_a_year",
       'a',
       {{"Supervisory meeting on the credit scoring system", 8,
         "Presented the fairness validation and the AIMS scope; the supervisor asked to see the "
         "conformity file before August and the incident-reporting procedure."}}},
      {"Serious AI incident notice to the supervisor",
       {"Banking supervisor"},
       "Joint supervisory team",
       "external",
       "regulatory_filing",
       "on_event",
       'p',
       {}},
  };
  return list;
}

Status seed_plan(Seeder& s) {
  for (const auto& item : demo_plan()) {
    TRY_ASSIGN(const Ids parties, s.named(context::parties(), item.parties));
    TRY_ASSIGN(const int64_t id,
               s.add(context::plan_items(), {{"title", std::string(item.title)},
                                             {"party_ids", parties},
                                             {"audience", std::string(item.audience)},
                                             {"origin", std::string(item.origin)},
                                             {"channel", std::string(item.channel)},
                                             {"frequency", std::string(item.frequency)},
                                             {"communicator_id", s.person(item.communicator)}}));
    for (const auto& c : item.made)
      TRY(s.add(context::communications(), {{"title", std::string(c.title)},
                                            {"plan_item_id", id},
                                            {"made_on", months_from_today(-c.months_ago)},
                                            {"summary", std::string(c.summary)},
                                            {"made_by_id", s.person(item.communicator)}}));
  }
  return {};
}

}  // namespace

Status seed_demo_context(store::Database& db, int64_t org, const DemoPeople& people) {
  Seeder s(db, org, people);
  TRY(seed_issues(s));
  TRY(seed_parties(s));
  TRY(seed_plan(s));
  return {};
}

}  // namespace aims::cli
