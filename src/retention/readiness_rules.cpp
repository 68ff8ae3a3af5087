// What retention records prove for readiness (clause 7.5.3): documented information is kept for
// a defined period and disposed of under control: retention rules cover the registers that hold
// it, no record is past its retention without a disposal decision or a hold, every disposal was
// approved by someone other than who asked, and every document in force states its retention.
#include <mutex>
#include <set>

#include "base/time.h"
#include "readiness/readiness.h"
#include "retention/retention.h"

namespace aims::retention {
namespace {

using readiness::Finding;
using readiness::Link;
using readiness::Status;

constexpr const char* kIso42001 = "iso-iec-42001-2023";

// The registers that hold documented information the standard and the EU AI Act ask to keep:
// documents, evidence, AI systems' technical records and logs (a register that this program does
// not define is passed over).
constexpr const char* kKeptRegisters[] = {"document", "evidence", "ai_system",
                                          "logging_requirement"};

Link link_to(const records::Description& d, int64_t id, const std::string& name) {
  return {name, std::string(d.page_path) + "/" + std::to_string(id)};
}

// Registers of kKeptRegisters that no rule covers, by their names.
std::vector<std::string> uncovered(const std::vector<records::Record>& all_rules) {
  std::set<std::string> covered;
  for (const auto& r : all_rules)
    covered.insert(r.text("record_type"));
  std::vector<std::string> out;
  for (const char* type : kKeptRegisters) {
    const auto* d = records::find(type);
    if (d && !covered.contains(type)) out.push_back(d->plural);
  }
  return out;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i)
    out += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
  return out;
}

// Documents in force (approved at least once, not retired) that state no retention.
Result<std::vector<Link>> documents_without_retention(store::Tx& tx, int64_t org) {
  std::vector<Link> out;
  const auto* documents = records::find("document");
  if (!documents || !documents->field("retention")) return out;
  TRY_ASSIGN(const auto all, records::list_all_in(tx, *documents, org));
  for (const auto& d : all) {
    if (d.frozen > 0 && d.state != "retired" && !d.is_set("retention"))
      out.push_back(link_to(*documents, d.id, documents->display_name(d)));
  }
  return out;
}

// Executed disposals that no one but the requester approved.
Result<std::vector<Link>> unapproved_disposals(store::Tx& tx, int64_t org) {
  TRY_ASSIGN(const auto all, records::list_all_in(tx, disposals(), org));
  std::vector<Link> out;
  for (const auto& d : all) {
    const auto approver = d.number("approved_by_id");
    if (d.state == "executed" && (!approver || approver == d.number("requested_by_id")))
      out.push_back(link_to(disposals(), d.id, d.text("title")));
  }
  return out;
}

Result<Finding> assess(store::Tx& tx, int64_t org, const std::string& today) {
  TRY_ASSIGN(const auto all_rules, records::list_all_in(tx, rules(), org));
  Finding f;
  f.fix = {"Retention", "/support/retention"};
  if (all_rules.empty()) {
    f.reason = "No retention rule says how long documented information is kept.";
    f.fix = {"Retention rules", rules().page_path};
    return f;
  }
  std::vector<std::string> gaps;
  const auto missing = uncovered(all_rules);
  if (!missing.empty()) gaps.push_back("no retention rule covers " + joined(missing));
  TRY_ASSIGN(const auto due, due_for_disposal(tx, org, today));
  int64_t undecided = 0;
  for (const auto& d : due) {
    if (!d.holds.empty() || !d.disposal_state.empty()) continue;
    ++undecided;
    f.links.push_back(link_to(*d.register_, d.id, d.name));
  }
  if (undecided > 0)
    gaps.push_back(readiness::counted(undecided, "record is", "records are") +
                   " past retention without a disposal decision or a hold");
  TRY_ASSIGN(const auto unapproved, unapproved_disposals(tx, org));
  if (!unapproved.empty())
    gaps.push_back(readiness::counted(static_cast<int64_t>(unapproved.size()), "disposal was",
                                      "disposals were") +
                   " executed without the approval of someone other than the requester");
  TRY_ASSIGN(const auto undated, documents_without_retention(tx, org));
  if (!undated.empty())
    gaps.push_back(
        readiness::counted(static_cast<int64_t>(undated.size()), "document", "documents") +
        " in force state no retention");
  f.links.insert(f.links.end(), unapproved.begin(), unapproved.end());
  f.links.insert(f.links.end(), undated.begin(), undated.end());
  if (gaps.empty()) {
    f.status = Status::met;
    f.reason = readiness::counted(static_cast<int64_t>(all_rules.size()), "retention rule",
                                  "retention rules") +
               " cover documents, evidence, AI systems and logs; no record is past its retention "
               "without a decision, and disposals are approved by someone other than the "
               "requester.";
    f.fix = {};
    return f;
  }
  f.status = Status::partial;
  f.reason = "Retention rules exist, but " + joined(gaps) + ".";
  return f;
}

}  // namespace

Result<Finding> assess_retention(store::Database& db, int64_t org, const std::string& today) {
  return db.read([&](store::Tx& tx) { return assess(tx, org, today); });
}

void define_readiness_rules() {
  static std::once_flag once;
  std::call_once(once, [] {
    readiness::add_rule(
        {kIso42001,
         "7.5.3",
         {"retention rules", "legal holds", "disposals", "controlled documents: retention"},
         [](store::Database& db, int64_t org) {
           return assess_retention(db, org, now_timestamp().substr(0, 10));
         }});
  });
}

}  // namespace aims::retention
