// The data module's three registers as descriptions on the records platform, with their rules.
#include <set>

#include "base/text.h"
#include "data/data.h"
#include "data/readiness_rules.h"
#include "data/version_rules.h"

namespace aims::data {
namespace {

using records::Problems;
using records::Record;
using records::Transition;
using T = records::FieldType;

const std::vector<auth::Role> kApprovers = {auth::Role::admin, auth::Role::aims_manager};

records::Navigation data_entry(const char* label, const char* section, int order) {
  return {.group = "Data", .group_order = 12, .label = label, .section = section, .order = order};
}

// The name of the record `id` of register `type`, read in the write's transaction.
Result<std::string> name_in(const records::WriteContext& ctx, const char* type, int64_t id) {
  const records::Description* d = records::find(type);
  if (!d) return std::string();
  TRY_ASSIGN(const auto found, records::find(ctx, *d, id));
  return found ? d->display_name(*found) : std::string();
}

// ---- dataset versions --------------------------------------------------------------------------

const std::set<std::string> kPurposes = {"training", "validation", "test", "other"};

void version_rules(const Record& r, const Record*, Problems& p) {
  for (const auto& purpose : r.list("purposes"))
    if (!kPurposes.count(purpose)) {
      p.add("purposes",
            "a purpose of use is training, validation, test or other, not \"" + purpose + "\"");
      break;
    }
}

void version_tidy(Record& r) {
  std::vector<std::string> purposes;
  for (const auto& purpose : r.list("purposes")) {
    std::string lower = to_lower_ascii(trim(purpose));
    if (std::find(purposes.begin(), purposes.end(), lower) == purposes.end())
      purposes.push_back(lower);
  }
  r.values["purposes"] = purposes;
  r.values["sha256"] = to_lower_ascii(r.text("sha256"));
}

// The version is known by its dataset's name and its version; a hash given by a person is
// declared (aims marks the ones it computed itself through record_content).
Status version_before_write(const records::WriteContext& ctx, Record& after, const Record* before) {
  TRY(check_version_unique(ctx, after));
  TRY(check_no_cycle(ctx, after));
  const auto dataset = after.ids("dataset_id");
  std::string dataset_name;
  if (!dataset.empty()) {
    TRY_ASSIGN(dataset_name, name_in(ctx, "dataset", dataset.front()));
  }
  after.values["name"] = std::string(trim(dataset_name + " " + after.text("version_label")));
  const std::string had = before ? before->text("sha256") : std::string();
  if (after.text("sha256").empty())
    after.values["hash_origin"] = std::string();
  else if (after.text("sha256") != had)
    after.values["hash_origin"] = std::string("declared");
  return {};
}

records::Description make_versions() {
  return {
      .type = "dataset_version",
      .table = "dataset_versions",
      .singular = "dataset version",
      .plural = "dataset versions",
      .api_path = "/api/v1/dataset-versions",
      .page_path = "/data/dataset-versions",
      .command = "dataset-versions",
      .fields =
          {
              {.key = "name",
               .label = "Name",
               .group = "Version",
               .searchable = true,
               .read_only = true,
               .shown = false},
              {.key = "dataset_id",
               .label = "Dataset",
               .type = T::record_ref,
               .required = true,
               .group = "Version",
               .target = "dataset",
               .csv_key = "dataset"},
              // Not "version": that is the record's own version (its ETag) in the API and the
              // table.
              {.key = "version_label",
               .label = "Version",
               .required = true,
               .hint = "e.g. v2 or 2025-06; unique within the dataset.",
               .group = "Version",
               .searchable = true},
              {.key = "created_on", .label = "Created on", .type = T::date, .group = "Version"},
              {.key = "purposes",
               .label = "Purposes of use",
               .type = T::text_list,
               .hint = "training, validation, test or other; one per line.",
               .group = "Version"},
              {.key = "origin",
               .label = "Source or origin",
               .type = T::long_text,
               .hint = "Where this version's content came from and how it was extracted.",
               .group = "Lineage (A.7.5)",
               .searchable = true},
              {.key = "derived_from_ids",
               .label = "Derived from",
               .type = T::record_ref,
               .hint = "The versions, of this or other datasets, this one was made from.",
               .group = "Lineage (A.7.5)",
               .target = "dataset_version",
               .many = true,
               .csv_key = "derived_from"},
              {.key = "sha256",
               .label = "Content SHA-256",
               .type = T::sha256,
               .hint = "64 hexadecimal digits; upload the file on the version's page to have aims "
                       "compute it.",
               .group = "Content"},
              {.key = "hash_origin",
               .label = "Hash",
               .type = T::choice,
               .choices = {{"computed", "Computed by aims from the content"},
                           {"declared", "Declared"}},
               .group = "Content",
               .read_only = true},
              {.key = "size_bytes",
               .label = "Size in bytes",
               .type = T::integer,
               .group = "Content"},
              {.key = "row_count", .label = "Rows", .type = T::integer, .group = "Content"},
              {.key = "schema_summary",
               .label = "Schema",
               .type = T::long_text,
               .hint = "One column a line: name and type.",
               .group = "Content"},
          },
      .title_field = "name",
      .list_columns = {"name", "dataset_id", "created_on", "row_count", "hash_origin", "state"},
      .filters = {"state", "dataset_id", "derived_from_ids", "hash_origin", "purposes"},
      .sort_keys = {"created_on", "state"},
      .default_sort = "-created_at",
      .workflow =
          records::Workflow{
              .states = {{"draft", "Draft"},
                         {"released", "Released", false},
                         {"deprecated", "Deprecated", false, true}},
              .transitions = {Transition{.name = "release",
                                         .label = "Release",
                                         .from = {"draft"},
                                         .to = "released",
                                         .required_fields = {"sha256"}},
                              Transition{.name = "deprecate",
                                         .label = "Deprecate",
                                         .from = {"released"},
                                         .to = "deprecated",
                                         .reason_required = true}},
          },
      .nav = data_entry("Dataset versions", "dataset-versions", 10),
      .hooks = {.check = version_rules,
                .compute = version_tidy,
                .before_write = version_before_write},
  };
}

// ---- preparation -------------------------------------------------------------------------------

void preparation_rules(const Record& r, const Record*, Problems& p) {
  const bool labelling = r.text("kind") == "labelling";
  if (!labelling) {
    for (const char* key : {"labellers", "agreement", "agreement_measure"})
      if (r.is_set(key)) p.add(key, "only a labelling record has labellers and their agreement");
    if (!r.ids("guidelines_id").empty())
      p.add("guidelines_id", "only a labelling record has labelling guidelines");
    return;
  }
  if (r.is_set("agreement") && !r.is_set("agreement_measure"))
    p.add("agreement_measure", "say how the agreement was measured");
  if (r.is_set("agreement_measure") && !r.is_set("agreement"))
    p.add("agreement", "give the agreement the measure found");
}

Status preparation_before_write(const records::WriteContext& ctx, Record& after, const Record*) {
  const auto version = after.ids("dataset_version_id");
  std::string version_name;
  if (!version.empty()) {
    TRY_ASSIGN(version_name, name_in(ctx, "dataset_version", version.front()));
  }
  after.values["title"] =
      data_preparations().choice_label("kind", after.text("kind")) + ": " + version_name;
  return {};
}

records::Description make_preparations() {
  return {
      .type = "data_preparation",
      .table = "data_preparations",
      .singular = "preparation record",
      .plural = "preparation records",
      .api_path = "/api/v1/data-preparations",
      .page_path = "/data/preparations",
      .command = "data-preparations",
      .fields =
          {
              {.key = "title",
               .label = "Preparation",
               .group = "Preparation",
               .searchable = true,
               .read_only = true,
               .shown = false},
              {.key = "dataset_version_id",
               .label = "Dataset version",
               .type = T::record_ref,
               .required = true,
               .group = "Preparation",
               .target = "dataset_version",
               .csv_key = "dataset_version"},
              {.key = "kind",
               .label = "Kind",
               .type = T::choice,
               .required = true,
               .choices = {{"cleaning", "Cleaning"},
                           {"labelling", "Labelling"},
                           {"augmentation", "Augmentation"},
                           {"feature_engineering", "Feature engineering"},
                           {"sampling_splitting", "Sampling or splitting"},
                           {"anonymisation", "Anonymisation or pseudonymisation"}},
               .group = "Preparation"},
              {.key = "what_was_done",
               .label = "What was done",
               .type = T::long_text,
               .required = true,
               .hint = "The steps, their criteria and what they changed, so it can be repeated.",
               .group = "Preparation",
               .searchable = true},
              {.key = "performed_by_id",
               .label = "Done by",
               .type = T::user_ref,
               .group = "Preparation",
               .csv_key = "performed_by_email",
               .responsible = true},
              {.key = "tool", .label = "Tool", .group = "Preparation", .searchable = true},
              {.key = "performed_on", .label = "Date", .type = T::date, .group = "Preparation"},
              {.key = "labellers",
               .label = "Labellers",
               .hint = "Who labelled: a team, a vendor, how many people.",
               .group = "Labelling"},
              {.key = "guidelines_id",
               .label = "Labelling guidelines",
               .type = T::record_ref,
               .group = "Labelling",
               .target = "document",
               .csv_key = "guidelines"},
              {.key = "agreement",
               .label = "Inter-annotator agreement",
               .type = T::decimal,
               .hint = "Between 0 and 1.",
               .group = "Labelling",
               .min = 0,
               .max = 1},
              {.key = "agreement_measure",
               .label = "Agreement measure",
               .type = T::choice,
               .choices = {{"cohen_kappa", "Cohen's kappa"},
                           {"krippendorff_alpha", "Krippendorff's alpha"},
                           {"percent_agreement", "Percent agreement"}},
               .group = "Labelling"},
          },
      .title_field = "title",
      .list_columns = {"title", "kind", "performed_by_id", "performed_on"},
      .filters = {"kind", "dataset_version_id", "performed_by_id"},
      .sort_keys = {"performed_on", "kind"},
      .default_sort = "-performed_on",
      .nav = data_entry("Preparation records", "data-preparations", 20),
      .hooks = {.check = preparation_rules, .before_write = preparation_before_write},
  };
}

// ---- rights reviews ----------------------------------------------------------------------------

void rights_rules(const Record& r, const Record*, Problems& p) {
  if (r.flag("personal_data") && r.text("legal_basis") == "not_personal_data")
    p.add("legal_basis", "personal data needs a legal basis other than \"not personal data\"");
}

// Rejecting is a decision like approving: the platform keeps the reviewer from approving their own
// review, and this keeps them from rejecting it.
Result<std::optional<std::string>> rights_closed_for(store::Tx&, int64_t, const Record& review,
                                                     const Transition& t,
                                                     const records::Caller& caller) {
  const auto reviewer = review.number("reviewer_id");
  if (std::string_view(t.name) == "reject" && reviewer && caller.user_id == reviewer)
    return std::optional<std::string>("the reviewer cannot decide their own review");
  return std::optional<std::string>();
}

Status rights_before_transition(const records::WriteContext& ctx, const Record& review,
                                const Transition& t) {
  TRY_ASSIGN(const auto closed, rights_closed_for(ctx.tx, ctx.org, review, t, ctx.caller));
  if (closed) return Error{ErrorCode::permission_denied, *closed, {}};
  return {};
}

Status rights_before_write(const records::WriteContext& ctx, Record& after, const Record*) {
  const auto dataset = after.ids("dataset_id");
  std::string dataset_name;
  if (!dataset.empty()) {
    TRY_ASSIGN(dataset_name, name_in(ctx, "dataset", dataset.front()));
  }
  after.values["title"] = "Rights to " + dataset_name;
  return {};
}

records::Description make_rights_reviews() {
  return {
      .type = "data_rights_review",
      .table = "data_rights_reviews",
      .singular = "rights review",
      .plural = "rights reviews",
      .api_path = "/api/v1/data-rights-reviews",
      .page_path = "/data/rights-reviews",
      .command = "data-rights-reviews",
      .fields =
          {
              {.key = "title",
               .label = "Review",
               .group = "Data",
               .searchable = true,
               .read_only = true,
               .shown = false},
              {.key = "dataset_id",
               .label = "Dataset",
               .type = T::record_ref,
               .required = true,
               .group = "Data",
               .target = "dataset",
               .csv_key = "dataset"},
              {.key = "supplier_id",
               .label = "Source party",
               .type = T::record_ref,
               .hint = "The supplier the data comes from, if any.",
               .group = "Data",
               .target = "supplier",
               .csv_key = "supplier"},
              {.key = "personal_data",
               .label = "Contains personal data",
               .type = T::flag,
               .group = "Data"},
              {.key = "licence",
               .label = "Licence or contract",
               .group = "Rights",
               .searchable = true},
              {.key = "legal_basis",
               .label = "Consent or legal basis",
               .type = T::choice,
               .required = true,
               .choices = {{"consent", "Consent"},
                           {"contract", "Contract"},
                           {"legal_obligation", "Legal obligation"},
                           {"vital_interests", "Vital interests"},
                           {"public_task", "Public task"},
                           {"legitimate_interests", "Legitimate interests"},
                           {"not_personal_data", "Not personal data"}},
               .group = "Rights"},
              {.key = "restrictions",
               .label = "Restrictions on use",
               .type = T::long_text,
               .group = "Rights",
               .searchable = true},
              {.key = "conclusion",
               .label = "Conclusion",
               .type = T::long_text,
               .hint = "Whether the data may be used for the intended purposes, and on what terms.",
               .group = "Conclusion"},
              {.key = "reviewer_id",
               .label = "Reviewer",
               .type = T::user_ref,
               .required = true,
               .hint = "Answers for the review; someone else approves it.",
               .group = "Conclusion",
               .csv_key = "reviewer_email",
               .responsible = true},
              {.key = "next_review",
               .label = "Next review",
               .type = T::date,
               .group = "Conclusion",
               .due = true},
          },
      .title_field = "title",
      .list_columns = {"title", "supplier_id", "legal_basis", "reviewer_id", "next_review",
                       "state"},
      .filters = {"state", "dataset_id", "supplier_id", "legal_basis", "personal_data",
                  "reviewer_id"},
      .sort_keys = {"next_review", "state"},
      .workflow =
          records::Workflow{
              .states = {{"draft", "Draft"},
                         {"submitted", "Submitted", false},
                         {"approved", "Approved", false},
                         {"rejected", "Rejected", false}},
              .transitions = {Transition{.name = "submit",
                                         .label = "Submit for approval",
                                         .from = {"draft"},
                                         .to = "submitted",
                                         .required_fields = {"conclusion"}},
                              Transition{.name = "approve",
                                         .label = "Approve",
                                         .from = {"submitted"},
                                         .to = "approved",
                                         .permission = auth::Action::approve_records,
                                         .approvals = 1,
                                         .approver_roles = kApprovers},
                              Transition{.name = "reject",
                                         .label = "Reject",
                                         .from = {"submitted"},
                                         .to = "rejected",
                                         .permission = auth::Action::approve_records,
                                         .reason_required = true},
                              Transition{.name = "revise",
                                         .label = "Revise",
                                         .from = {"approved", "rejected"},
                                         .to = "draft",
                                         .reason_required = true,
                                         .reason_label = "What changes"}},
          },
      .nav = data_entry("Rights reviews", "data-rights-reviews", 30),
      .hooks = {.check = rights_rules,
                .before_write = rights_before_write,
                .before_transition = rights_before_transition,
                .closed_for = rights_closed_for},
  };
}

}  // namespace

const records::Description& dataset_versions() {
  static const records::Description d = make_versions();
  return d;
}

const records::Description& data_preparations() {
  static const records::Description d = make_preparations();
  return d;
}

const records::Description& data_rights_reviews() {
  static const records::Description d = make_rights_reviews();
  return d;
}

void define_registers() {
  records::define(dataset_versions());
  records::define(data_preparations());
  records::define(data_rights_reviews());
  define_readiness_rules();
}

}  // namespace aims::data
