// Data for AI systems (ISO/IEC 42001 Annex A.7): the versions of each dataset with their content
// hash, size, rows, schema and lineage (A.7.5), what was done to prepare them (A.7.6) and the
// review of the rights to use them (A.7.3), as registers on the records platform; the content of
// a version hashed and profiled by aims from an uploaded file; the lineage graph drawn as SVG.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "records/records.h"
#include "store/database.h"

namespace aims::data {

// Dataset versions: the dataset (required), the version (unique per dataset), the content's
// SHA-256, size in bytes, rows and schema summary, whether aims computed them or they were
// declared, the origin, the versions it was derived from (no cycle), when it was created, its
// purposes of use; draft, released, deprecated.
const records::Description& dataset_versions();
// Preparation records: the version prepared, the kind of preparation, what was done, by whom and
// with which tool; for labelling the labellers, guidelines and inter-annotator agreement.
const records::Description& data_preparations();
// Data rights reviews: the dataset, the source party, licence, legal basis, restrictions,
// personal data and the conclusion; draft, submitted, approved or rejected by an approver who is
// not the reviewer.
const records::Description& data_rights_reviews();
void define_registers();

// What aims read from a dataset's content (CSV or JSON Lines, gzip or not).
struct ContentProfile {
  std::string sha256;  // of the bytes as given (compressed ones for a gzip file)
  int64_t size_bytes = 0;
  int64_t row_count = 0;       // records, without the CSV header
  std::string schema_summary;  // one "name: type" line per column, types from the first rows
  bool gzip = false;
};

// Reads the file once, streaming: hashes it, counts its bytes and records, and names its columns
// with types inferred from the first rows. Errors: not_found, malformed (a corrupt gzip stream,
// a record longer than 64 MiB), too_large (beyond the engine's limits).
Result<ContentProfile> profile_file(const std::string& path, const std::string& name);

// Writes a profile on a version as computed by aims (sha256, size, rows, schema, "computed"),
// with its audit event. Errors: not_found, failed_precondition (archived or not editable).
Result<records::Record> record_content(store::Database& db, int64_t org, int64_t version_id,
                                       const ContentProfile& profile,
                                       const records::Caller& caller);

// A model that used a version, and how ("trained on").
struct ModelUse {
  std::string model;
  std::string href;
  std::string use;
};

// One box and its arrows in a lineage graph.
struct LineageNode {
  int64_t id = 0;
  std::string label;  // "Credit applications 2019-2025 v2"
  std::string href;
  std::vector<int64_t> derived_from;  // ids of other nodes
  std::vector<ModelUse> models;
  int depth = 0;        // derivation steps from a version derived from none of the graph's
  std::string dataset;  // the box's two lines: "Credit applications 2019-2025", "v2"
  std::string version;
};

// The versions connected to the given dataset's (or to one version) through derivation, both
// ways, with the models trained, validated or tested on them.
Result<std::vector<LineageNode>> lineage_of_dataset(store::Database& db, int64_t org,
                                                    int64_t dataset_id);
Result<std::vector<LineageNode>> lineage_of_version(store::Database& db, int64_t org,
                                                    int64_t version_id);
// Its text alternative: one sentence per edge ("A was derived from B", "M was trained on A").
std::vector<std::string> lineage_edges(const std::vector<LineageNode>& nodes);

}  // namespace aims::data
