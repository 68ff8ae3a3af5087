// What technical files prove about the AI systems in scope: design and development documented in
// every section of the file for those past design (A.6.2.3), and an approved, current file for
// those in deployment or operation (A.6.2.7).
#include <mutex>

#include "inventory/inventory.h"
#include "readiness/readiness.h"
#include "technical_file/technical_file.h"

namespace aims::technical_file {
namespace {

using readiness::Finding;
using readiness::Link;
using readiness::Status;
using records::Record;

constexpr const char* kIso42001 = "iso-iec-42001-2023";

Result<std::vector<Record>> systems_where(store::Database& db, int64_t org,
                                          bool (*which)(const std::string& stage)) {
  TRY_ASSIGN(auto systems, records::list_all(db, inventory::ai_systems(), org,
                                             {.filters = {{"in_scope", "true"}}}));
  std::erase_if(systems, [which](const Record& s) { return !which(s.text("lifecycle_stage")); });
  return systems;
}

bool past_design(const std::string& stage) {
  return !stage.empty() && stage != "design";
}

bool in_service(const std::string& stage) {
  return stage == "deployment" || stage == "operation_monitoring";
}

Link link_to(const Record& s, const std::string& why) {
  return {inventory::ai_systems().display_name(s) + ": " + why,
          "/inventory/systems/" + std::to_string(s.id) + "/technical-file"};
}

Finding finding_of(size_t total, std::vector<Link> gaps, const std::string& missing,
                   const std::string& all_met) {
  if (gaps.empty()) return {Status::met, all_met, {}, {}};
  Finding f;
  f.status = gaps.size() < total ? Status::partial : Status::not_met;
  f.reason = readiness::counted(static_cast<int64_t>(gaps.size()), "AI system", "AI systems") +
             " of " + std::to_string(total) + " " + missing;
  f.links = std::move(gaps);
  f.fix = {"Technical files", "/lifecycle/technical-files"};
  return f;
}

Result<Finding> documented_finding(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto systems, systems_where(db, org, past_design));
  if (systems.empty())
    return Finding{Status::not_applicable, "No AI system in scope is past design yet.", {}, {}};
  std::vector<Link> gaps;
  for (const auto& s : systems) {
    TRY_ASSIGN(const auto file, live_file(db, org, s.id));
    const auto incomplete = incomplete_titles(file);
    if (!incomplete.empty())
      gaps.push_back(link_to(s, std::to_string(incomplete.size()) + " incomplete sections"));
  }
  return finding_of(systems.size(), std::move(gaps),
                    "past design have a technical file with incomplete sections.",
                    "Every AI system in scope past design has every section of its technical "
                    "file documented.");
}

Result<Finding> current_finding(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto systems, systems_where(db, org, in_service));
  if (systems.empty())
    return Finding{
        Status::not_applicable, "No AI system in scope is in deployment or operation yet.", {}, {}};
  std::vector<Link> gaps;
  for (const auto& s : systems) {
    TRY_ASSIGN(const auto status, current_file_status(db, org, s.id));
    if (!status.current) gaps.push_back(link_to(s, status.reason));
  }
  return finding_of(systems.size(), std::move(gaps),
                    "in deployment or operation have no approved, current technical file.",
                    "Every AI system in scope in deployment or operation has an approved "
                    "technical file that is current.");
}

}  // namespace

void define_readiness_rules() {
  static std::once_flag once;
  std::call_once(once, [] {
    readiness::add_rule({kIso42001,
                         "A.6.2.3",
                         {"AI systems (stage, scope)", "Technical file sections (assembled)"},
                         documented_finding});
    readiness::add_rule({kIso42001,
                         "A.6.2.7",
                         {"AI systems (stage, scope, models)", "Technical files (approved)"},
                         current_finding});
  });
}

}  // namespace aims::technical_file
