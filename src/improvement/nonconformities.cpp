// Nonconformities (clause 10.2) as a description on the records platform: what was found, how
// grave it is and where it came from, always keeping the link to its source.
#include "base/time.h"
#include "improvement/improvement.h"

namespace aims::improvement {
namespace {

using records::Record;
using T = records::FieldType;

// The day it was raised defaults to the day of the write.
Status stamp_raised_on(const records::WriteContext& ctx, Record& after, const Record*) {
  if (!after.is_set("raised_on")) after.values["raised_on"] = ctx.now.substr(0, 10);
  return {};
}

records::Description make_nonconformities() {
  return {
      .type = "nonconformity",
      .table = "nonconformities",
      .singular = "nonconformity",
      .plural = "nonconformities",
      .api_path = "/api/v1/nonconformities",
      .page_path = "/improvement/nonconformities",
      .command = "nonconformities",
      .fields =
          {
              {.key = "title", .label = "Title", .required = true, .searchable = true},
              {.key = "description",
               .label = "What was found",
               .type = T::long_text,
               .searchable = true},
              {.key = "grade",
               .label = "Grade",
               .type = T::choice,
               .required = true,
               .choices = {{"minor", "Minor"}, {"major", "Major"}},
               .default_value = "minor"},
              {.key = "source",
               .label = "Raised from",
               .type = T::choice,
               .required = true,
               .choices = {{"audit", "An internal audit"},
                           {"incident", "An incident"},
                           {"monitoring", "A monitoring breach"},
                           {"concern", "A concern"},
                           {"review", "A management review"},
                           {"manual", "Found by a person"}},
               .default_value = "manual"},
              {.key = "owner_id", .label = "Owner", .type = T::user_ref, .responsible = true},
              {.key = "raised_on", .label = "Raised on", .type = T::date},
              {.key = "system_ids",
               .label = "AI systems",
               .type = T::record_ref,
               .target = "ai_system",
               .many = true,
               .csv_key = "ai_systems"},
              {.key = "incident_id",
               .label = "Incident",
               .type = T::record_ref,
               .target = "incident",
               .csv_key = "incident"},
          },
      .title_field = "title",
      .list_columns = {"title", "grade", "source", "owner_id", "raised_on"},
      .filters = {"grade", "source", "owner_id", "system_ids"},
      .sort_keys = {"grade", "raised_on"},
      .default_sort = "-created_at",
      .nav = {.group = "Operate",
              .group_order = 30,
              .label = "Nonconformities",
              .section = "nonconformities",
              .order = 40},
      .hooks = {.before_write = stamp_raised_on},
  };
}

}  // namespace

const records::Description& nonconformities() {
  static const records::Description d = make_nonconformities();
  return d;
}

}  // namespace aims::improvement
