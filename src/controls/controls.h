// Frameworks, controls and the Statement of Applicability (ISO/IEC 42001 clause 6.1.3, Annex A):
// the catalogs as data, the SoA and its approved versions, and evidence, as registers on the
// records platform.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "controls/catalog.h"
#include "readiness/readiness.h"
#include "records/records.h"

namespace aims::controls {

// One entry per Annex A control and organisation: applicability with its justification (required
// either way), implementation status, owner, the AI systems, policies and evidence behind it, and
// its reviews. Its title is the control's number and title.
const records::Description& soa_entries();
// Evidence items: files (attachments) or links with an owner, the date collected and a date after
// which they no longer count; SoA entries and other records refer to them.
const records::Description& evidence();
// Approved versions of the whole Statement of Applicability: created when someone submits the
// SoA (every control decided and justified), approved by an admin or AIMS manager other than the
// submitter, which freezes it. Each holds the entries as they stood when submitted.
const records::Description& soa_versions();
// Manual assessments of clause requirements that no record shows yet: finding, notes, assessor,
// date, evidence. The latest per requirement stands in on the readiness page, marked manual.
const records::Description& assessments();
void define_registers();
// Adds the readiness rule the SoA proves (6.1.3); once.
void define_readiness_rules();

// The 38 Annex A controls of the built-in ISO/IEC 42001 catalog, in the catalog's order.
std::vector<const Item*> annex_a_controls();
// Whether `id` ("A.6.2.4") is one of them: what other registers check a cited control against.
bool is_annex_a_control(std::string_view id);
// Adds a problem on `key` for each control the field cites (one, or a list) that is not in
// Annex A, giving `example` as the number to write.
void check_annex_a_field(const records::Record& r, const std::string& key,
                         records::Problems& problems, std::string_view example = "A.6.2.4");

// Adds an SoA entry (not yet decided) for every Annex A control the organisation has none for,
// in one transaction with their audit events. Returns how many it added.
Result<int64_t> start_soa(store::Database& db, int64_t org, const records::Caller& caller);

// One entry as an SoA version keeps it: names, not ids, as they stood when submitted.
// Adds an SoA entry (not yet decided) for each control of framework `key` that has none: the
// Annex A controls for ISO/IEC 42001, the requirements and controls of one of the organisation's
// own frameworks. Returns how many it added. Errors: not_found (no such framework),
// failed_precondition (another built-in framework: it is covered through its mapping).
Result<int64_t> add_framework_to_soa(store::Database& db, int64_t org, const std::string& key,
                                     const records::Caller& caller);

struct FrozenEntry {
  std::string framework;  // "iso-iec-42001-2023"
  std::string control;    // "A.6.2.6"
  std::string title;      // "A.6.2.6 AI system operation and monitoring"
  std::string applicability;
  std::string justification;
  std::string implementation;
  std::string owner;
  std::string systems;
  std::string documents;
  std::string evidence;
};
Result<std::vector<FrozenEntry>> frozen_entries(store::Database& db, int64_t org,
                                                int64_t version_id);

// A control whose entry differs between two versions, with what changed in words.
struct EntryChange {
  std::string control;
  std::string title;
  std::vector<std::pair<std::string, std::pair<std::string, std::string>>>
      fields;  // label, was, is
};
std::vector<EntryChange> compare_entries(const std::vector<FrozenEntry>& from,
                                         const std::vector<FrozenEntry>& to);

// ---- readiness --------------------------------------------------------------------------------

// One requirement or control of ISO/IEC 42001 with its status and where the status comes from.
struct Assessment {
  std::string id;     // "4.3", "A.6.2.6"
  std::string title;  // "Determining the scope of the AI management system"
  std::string kind;   // requirement or control
  std::string group;  // "4" .. "10", "A.2" .. "A.10"
  readiness::Status status = readiness::Status::not_met;
  std::string reason;
  std::vector<readiness::Link> links;
  readiness::Link fix;
  // records: a rule read the records; soa: the SoA entry and its evidence; manual: a person's
  // assessment; none: nothing shows it yet.
  std::string source;
  std::vector<std::string> reads;
};

// Met counts 1, partially met a half, not met 0; what does not apply is left out.
struct Score {
  std::string id;
  std::string title;
  int met = 0;
  int partial = 0;
  int not_met = 0;
  int excluded = 0;
  double value() const;  // 0..1; 0 when nothing counts
};

// How far another framework's requirements are covered through a mapping to ISO/IEC 42001: a
// requirement is covered when every 42001 item it maps to (and applies) is met.
struct Coverage {
  std::string framework;  // key
  std::string name;       // short name
  bool own_mapping = false;
  int mapped = 0;  // its requirements with at least one link
  int covered = 0;
  int partly = 0;
  double value() const;
};

struct ChecklistItem {
  std::string label;
  std::string requirement;  // the 42001 item whose status it takes
  readiness::Status status = readiness::Status::not_met;
  std::string reason;
  readiness::Link fix;
};

struct Readiness {
  std::vector<Assessment> items;  // clause requirements, then Annex A controls, in catalog order
  std::vector<Score> clauses;     // per main clause 4 .. 10
  std::vector<Score> annex;       // per Annex A group A.2 .. A.10
  Score overall;
  std::vector<Coverage> coverage;
  std::vector<ChecklistItem> stage1;
};

Result<Readiness> assess_readiness(store::Database& db, int64_t org);

}  // namespace aims::controls
