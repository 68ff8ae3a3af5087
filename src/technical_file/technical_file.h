// The technical file of an AI system (ISO/IEC 42001 A.6.2.3, A.6.2.7; EU AI Act Annex IV):
// generated per system (and model version) from the records that prove its design and
// development, section by section, each knowing whether it is complete and why not; kept as a
// record whose approval freezes the assembled file, so later changes leave it as approved.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "records/records.h"
#include "store/database.h"

namespace aims::technical_file {

// Technical files: the AI system, the model version it covers (all of the system's when empty),
// the design choices and the post-market monitoring plan in words (the parts no other record
// holds), and (read-only) the file assembled at approval with its incomplete sections. Workflow:
// draft -> approved (one approval by an admin or AIMS manager other than the author, refused
// while a section is incomplete; freezes a version) -> superseded when a newer file of the same
// system is approved, or back to draft for a revision.
const records::Description& technical_files();
void define_registers();
// Adds the A.6.2.3 and A.6.2.7 rules; once.
void define_readiness_rules();

struct Section {
  std::string key;    // "general", "versions", "design", "data", "validation", "risk",
                      // "oversight", "changes", "monitoring"
  std::string title;  // "General description and intended purpose"
  bool complete = false;
  std::string missing;   // why it is incomplete, in words; empty when complete
  std::string markdown;  // the section's body
};

struct TechnicalFile {
  int64_t system_id = 0;
  std::optional<int64_t> model_id;
  std::string system_name;
  std::string assembled_at;
  std::vector<Section> sections;  // always the nine, in Annex IV's order
};

// What people write that no other record holds.
struct Authored {
  std::string design_choices;
  std::string monitoring_plan;
};

// Assembles the file from the system's records in the caller's transaction. Errors: not_found
// (no such system); invalid_argument on "model_id" (not a model of the system).
Result<TechnicalFile> assemble(store::Tx& tx, int64_t org, int64_t system_id,
                               std::optional<int64_t> model_id, const Authored& authored,
                               const std::string& now);
// The live draft: assembled now with the texts of the system's newest technical file record
// that is not superseded (none: empty).
Result<TechnicalFile> live_file(store::Database& db, int64_t org, int64_t system_id,
                                std::optional<int64_t> model_id = std::nullopt);

std::vector<std::string> incomplete_titles(const TechnicalFile& file);
std::string to_markdown(const TechnicalFile& file);
nlohmann::json to_json(const TechnicalFile& file);

// Whether the system has an approved technical file that is current: approved, not superseded
// and not being revised, with every section complete when it was approved. For the lifecycle's
// stage gate criterion "technical file current".
struct FileStatus {
  bool current = false;
  std::optional<int64_t> file_id;  // the newest file not superseded
  std::string reason;              // in words, naming the file
};
Result<FileStatus> current_file_status(store::Database& db, int64_t org, int64_t system_id);

}  // namespace aims::technical_file
