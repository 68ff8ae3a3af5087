// Technical files as a description on the records platform: approval refused while a section is
// incomplete, the assembled file written into the record as it is approved (so the frozen version
// keeps it), and older approved files of the system superseded.
#include <mutex>

#include "data/data.h"
#include "inventory/inventory.h"
#include "lifecycle/lifecycle.h"
#include "monitoring/monitoring.h"
#include "risk/risk.h"
#include "technical_file/technical_file.h"
#include "transparency/transparency.h"

namespace aims::technical_file {
namespace {

using records::Record;
using records::Transition;
using T = records::FieldType;

bool entering_approved(const Record& after, const Record* before) {
  return before && after.state == "approved" && before->state != "approved";
}

Result<TechnicalFile> assemble_for(const records::WriteContext& ctx, const Record& r) {
  const auto systems = r.ids("ai_system_id");
  const auto models = r.ids("model_id");
  return assemble(ctx.tx, ctx.org, systems.empty() ? 0 : systems.front(),
                  models.empty() ? std::optional<int64_t>() : models.front(),
                  {r.text("design_choices"), r.text("monitoring_plan")}, ctx.now);
}

std::string joined(const std::vector<std::string>& titles) {
  std::string out;
  for (const auto& t : titles)
    out += (out.empty() ? "" : ", ") + t;
  return out;
}

// An incomplete file is not approved: the approver would sign for sections that say nothing.
// Checked only when approval is attempted, not as a closed move on every page view and My work:
// assembling the file reads most of the system's records, and the AI system page's panel and the
// printable file name the incomplete sections beforehand.
Status before_transition(const records::WriteContext& ctx, const Record& record,
                         const Transition& t) {
  if (std::string_view(t.name) != "approve") return {};
  TRY_ASSIGN(const auto file, assemble_for(ctx, record));
  const auto incomplete = incomplete_titles(file);
  if (incomplete.empty()) return {};
  return Error{ErrorCode::failed_precondition,
               "complete these sections before approving: " + joined(incomplete),
               {}};
}

// The file as approved is written into the record, so the version frozen with it keeps it.
Status before_write(const records::WriteContext& ctx, Record& after, const Record* before) {
  if (!entering_approved(after, before)) return {};
  TRY_ASSIGN(const auto file, assemble_for(ctx, after));
  after.values["content"] = to_markdown(file);
  after.values["incomplete_sections"] = joined(incomplete_titles(file));
  after.values["assembled_at"] = ctx.now;
  return {};
}

Status after_write(const records::WriteContext& ctx, const Record& after, const Record* before) {
  return transparency::supersede_older(ctx, technical_files(), after, before);
}

// The lifecycle's "technical_file" gate criterion.
Result<lifecycle::GateCriterion> technical_file_criterion(store::Database& db, int64_t org,
                                                          const Record& system) {
  TRY_ASSIGN(const auto status, current_file_status(db, org, system.id));
  return lifecycle::GateCriterion{{}, {}, status.current, status.reason};
}

records::Description make_technical_files() {
  return {
      .type = "technical_file",
      .table = "technical_files",
      .singular = "technical file",
      .plural = "technical files",
      .api_path = "/api/v1/technical-files",
      .page_path = "/lifecycle/technical-files",
      .command = "technical-files",
      .fields =
          {
              {.key = "name",
               .label = "Name",
               .required = true,
               .hint = "Such as \"Retail credit scoring 3.2: technical file\".",
               .group = "Subject",
               .searchable = true},
              {.key = "ai_system_id",
               .label = "AI system",
               .type = T::record_ref,
               .required = true,
               .group = "Subject",
               .target = "ai_system",
               .csv_key = "ai_system"},
              {.key = "model_id",
               .label = "Model version",
               .type = T::record_ref,
               .hint = "Only when the file covers one model version; every model of the system "
                       "when empty.",
               .group = "Subject",
               .target = "model",
               .csv_key = "model"},
              {.key = "design_choices",
               .label = "Design choices",
               .type = T::markdown,
               .hint = "The choices made in design and development and why: the approach, "
                       "features left out, trade-offs accepted.",
               .group = "Written for the file",
               .searchable = true},
              {.key = "monitoring_plan",
               .label = "Post-market monitoring plan",
               .type = T::markdown,
               .hint = "Who reviews the monitors' results, how often, and what triggers action; "
                       "the monitors, thresholds and schedules are added from their records.",
               .group = "Written for the file",
               .searchable = true},
              {.key = "content",
               .label = "File as approved",
               .type = T::markdown,
               .group = "Approved file",
               .read_only = true,
               .shown = false},
              {.key = "incomplete_sections",
               .label = "Incomplete when approved",
               .group = "Approved file",
               .read_only = true},
              {.key = "assembled_at",
               .label = "Assembled",
               .type = T::date_time,
               .group = "Approved file",
               .read_only = true},
          },
      .title_field = "name",
      .list_columns = {"name", "ai_system_id", "model_id", "state"},
      .filters = {"ai_system_id", "model_id", "state"},
      .default_sort = "-created_at",
      .workflow = transparency::approved_document_workflow(),
      .versioned = true,
      .nav = {.group = "Lifecycle",
              .group_order = 16,
              .label = "Technical files",
              .section = "technical-files",
              .order = 50},
      .hooks = {.before_write = before_write,
                .after_write = after_write,
                .before_transition = before_transition},
  };
}

}  // namespace

const records::Description& technical_files() {
  static const records::Description d = make_technical_files();
  return d;
}

void define_registers() {
  static std::once_flag once;
  std::call_once(once, [] {
    // The file reads the inventory, data, lifecycle, risk and monitoring records.
    inventory::define_registers();
    data::define_registers();
    lifecycle::define_registers();
    risk::define_registers();
    monitoring::define_reference_target();
    records::define(technical_files());
    define_readiness_rules();
    lifecycle::define_gate_criterion("technical_file", "A current, approved technical file",
                                     technical_file_criterion);
  });
}

}  // namespace aims::technical_file
