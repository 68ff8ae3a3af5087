// The data-quality requirements register as a description on the records platform, and its rules.
#include "base/text.h"
#include "base/time.h"
#include "data_quality/data_quality.h"
#include "data_quality/readiness_rules.h"
#include "data_quality/schedule.h"

namespace aims::data_quality {
namespace {

using monitoring::QualityKind;
using records::Problems;
using records::Record;
using T = records::FieldType;

constexpr int64_t kMicrosPerDay = int64_t{86'400} * 1'000'000;

std::optional<QualityKind> kind_of(const Record& r) {
  return monitoring::quality_kind_from(r.text("kind"));
}

void require(const Record& r, Problems& p, const char* key, const char* why) {
  if (!r.is_set(key)) p.add(key, why);
}

void requirement_rules(const Record& r, const Record*, Problems& p) {
  const auto kind = kind_of(r);
  if (!kind) return;  // the platform names an unknown choice
  switch (*kind) {
    case QualityKind::completeness:
      require(r, p, "columns", "name the columns whose completeness is required");
      require(r, p, "threshold", "give the minimum share of values present, such as 0.98");
      break;
    case QualityKind::duplicates:
      require(r, p, "threshold", "give the maximum share of duplicate rows, such as 0.005");
      break;
    case QualityKind::label_consistency:
      require(r, p, "label_column", "name the column that holds the label");
      require(r, p, "threshold", "give the maximum share of conflicting groups, such as 0.01");
      break;
    case QualityKind::value_range:
      require(r, p, "columns", "name the columns whose values are checked");
      if (!r.is_set("minimum") && !r.is_set("maximum") && !r.is_set("allowed_values"))
        p.add("minimum", "give a minimum, a maximum or the allowed values");
      break;
    case QualityKind::representativeness:
      require(r, p, "group_column", "name the column that holds the group");
      if (!r.is_set("target_shares")) {
        p.add("target_shares", "give each group's share of the target population");
      } else if (auto parsed = monitoring::parse_target_shares(r.text("target_shares")); !parsed) {
        p.add("target_shares", parsed.error().message);
      }
      break;
  }
  const auto low = r.decimal("minimum");
  const auto high = r.decimal("maximum");
  if (low && high && *low > *high) p.add("maximum", "the maximum is below the minimum");
}

std::string day_plus(std::string_view day, int64_t days) {
  const auto start = parse_date_days(day);
  if (!start) return std::string(day);
  return format_timestamp((*start + days) * kMicrosPerDay).substr(0, 10);
}

// A requirement never run is due today.
Status schedule_check(const records::WriteContext& ctx, Record& after, const Record*) {
  after.values["next_check_due"] = after.is_set("last_run_on")
                                       ? next_check_after(after, after.text("last_run_on"))
                                       : ctx.now.substr(0, 10);
  return {};
}

records::Field kept(const char* key, const char* label, T type) {
  return {.key = key, .label = label, .type = type, .group = "Schedule", .read_only = true};
}

records::Description make_requirements() {
  return {
      .type = "data_quality_requirement",
      .table = "data_quality_requirements",
      .singular = "data-quality requirement",
      .plural = "data-quality requirements",
      .api_path = "/api/v1/data-quality-requirements",
      .page_path = "/data/quality-requirements",
      .command = "data-quality-requirements",
      .fields =
          {
              {.key = "name",
               .label = "Requirement",
               .required = true,
               .hint = "What is required, in a few words: \"income is at least 98 % complete\".",
               .group = "Requirement",
               .searchable = true},
              {.key = "dataset_id",
               .label = "Dataset",
               .type = T::record_ref,
               .required = true,
               .group = "Requirement",
               .target = "dataset",
               .csv_key = "dataset"},
              {.key = "kind",
               .label = "Kind of check",
               .type = T::choice,
               .required = true,
               .choices = {{"completeness", "Completeness of columns"},
                           {"duplicates", "Duplicate rows"},
                           {"label_consistency", "Label consistency"},
                           {"value_range", "Value range or allowed values"},
                           {"representativeness", "Representativeness of groups"}},
               .group = "Requirement"},
              {.key = "rationale",
               .label = "Why it matters",
               .type = T::long_text,
               .group = "Requirement",
               .searchable = true},
              {.key = "columns",
               .label = "Columns",
               .type = T::text_list,
               .hint = "One per line. Duplicates: the key columns (none: every column). Label "
                       "consistency: the feature columns (none: every column but the label).",
               .group = "Measure"},
              {.key = "label_column", .label = "Label column", .group = "Measure"},
              {.key = "threshold",
               .label = "Threshold",
               .type = T::decimal,
               .hint = "A share from 0 to 1. Completeness: the minimum share present; duplicates, "
                       "label consistency, value range: the maximum share allowed (value range: "
                       "0 when empty).",
               .group = "Measure",
               .min = 0,
               .max = 1},
              {.key = "minimum",
               .label = "Minimum value",
               .type = T::decimal,
               .group = "Measure",
               .min = -1e15,
               .max = 1e15},
              {.key = "maximum",
               .label = "Maximum value",
               .type = T::decimal,
               .group = "Measure",
               .min = -1e15,
               .max = 1e15},
              {.key = "allowed_values",
               .label = "Allowed values",
               .type = T::text_list,
               .hint = "One per line, for a column of categories.",
               .group = "Measure"},
              {.key = "group_column", .label = "Group column", .group = "Measure"},
              {.key = "target_shares",
               .label = "Target population shares",
               .type = T::long_text,
               .hint = "Each group's share of the population the system serves: "
                       "\"18-25: 0.15, 26-40: 0.35, 65+: 0.12\".",
               .group = "Measure"},
              {.key = "tolerance",
               .label = "Tolerance ratio",
               .type = T::decimal,
               .hint = "A group's minimum share is its target share times this ratio.",
               .group = "Measure",
               .default_value = "0.8",
               .min = 0,
               .max = 1},
              {.key = "check_every_days",
               .label = "Check every (days)",
               .type = T::integer,
               .group = "Schedule",
               .default_value = "91",
               .min = 1,
               .max = 3660},
              {.key = "owner_id",
               .label = "Owner",
               .type = T::user_ref,
               .group = "Schedule",
               .csv_key = "owner_email",
               .responsible = true},
              kept("last_run_on", "Last run", T::date),
              {.key = "last_outcome",
               .label = "Last outcome",
               .type = T::choice,
               .choices = {{"pass", "Met"}, {"fail", "Not met"}},
               .group = "Schedule",
               .read_only = true},
              {.key = "next_check_due",
               .label = "Next check due",
               .type = T::date,
               .group = "Schedule",
               .due = true,
               .read_only = true},
          },
      .list_columns = {"name", "dataset_id", "kind", "last_outcome", "next_check_due"},
      .filters = {"dataset_id", "kind", "last_outcome", "owner_id"},
      .sort_keys = {"next_check_due"},
      .nav = {.group = "Data",
              .group_order = 12,
              .label = "Data-quality requirements",
              .section = "data-quality-requirements",
              .order = 40},
      .hooks = {.check = requirement_rules, .before_write = schedule_check},
  };
}

}  // namespace

std::string next_check_after(const Record& requirement, std::string_view day) {
  return day_plus(day, requirement.number("check_every_days").value_or(kDefaultCheckDays));
}

const records::Description& requirements() {
  static const records::Description d = make_requirements();
  return d;
}

void define_registers() {
  records::define(requirements());
  define_readiness_rules();
}

Result<monitoring::QualityRequirement> engine_requirement(const Record& r) {
  monitoring::QualityRequirement out;
  out.key = std::to_string(r.id);
  out.name = r.text("name");
  const auto kind = kind_of(r);
  if (!kind) return Error::invalid("kind", "unknown kind of check");
  out.kind = *kind;
  out.columns = r.list("columns");
  out.label_column = std::string(trim(r.text("label_column")));
  out.threshold = r.decimal("threshold").value_or(0);
  out.min = r.decimal("minimum");
  out.max = r.decimal("maximum");
  out.allowed_values = r.list("allowed_values");
  out.group_column = std::string(trim(r.text("group_column")));
  out.tolerance = r.decimal("tolerance").value_or(0.8);
  if (*kind == QualityKind::representativeness) {
    auto targets = monitoring::parse_target_shares(r.text("target_shares"));
    if (!targets) return Error::invalid("target_shares", targets.error().message);
    out.targets = std::move(*targets);
  }
  return out;
}

}  // namespace aims::data_quality
