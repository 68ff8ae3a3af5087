#include "records/sample_register.h"

#include <any>

namespace aims::testing {
namespace {

using records::FieldType;
using T = records::FieldType;

constexpr const char* kPlatformColumns =
    "state TEXT NOT NULL DEFAULT '', state_since TEXT NOT NULL DEFAULT '', version BIGINT NOT NULL,"
    " frozen_version BIGINT NOT NULL DEFAULT 0, created_by BIGINT, created_at TEXT NOT NULL,"
    " updated_at TEXT NOT NULL, archived_at TEXT";

records::Description make_samples() {
  using records::Transition;
  return {
      .type = "sample",
      .table = "samples",
      .singular = "sample",
      .plural = "samples",
      .api_path = "/api/v1/samples",
      .page_path = "/samples",
      .command = "samples",
      .fields =
          {
              {.key = "name", .label = "Name", .required = true, .searchable = true},
              {.key = "summary", .label = "Summary", .type = T::markdown, .searchable = true},
              {.key = "notes", .label = "Notes", .type = T::long_text},
              {.key = "kind",
               .label = "Kind",
               .type = T::choice,
               .required = true,
               .choices = {{"alpha", "Alpha"}, {"beta", "Beta"}, {"gamma", "Gamma"}},
               .default_value = "alpha"},
              {.key = "urgent", .label = "Urgent", .type = T::flag},
              {.key = "due_on", .label = "Due on", .type = T::date, .due = true},
              {.key = "seen_at", .label = "Seen at", .type = T::date_time},
              {.key = "quantity", .label = "Quantity", .type = T::integer, .min = 0, .max = 1000},
              {.key = "ratio", .label = "Ratio", .type = T::decimal, .min = 0, .max = 1},
              {.key = "likelihood", .label = "Likelihood", .type = T::score, .min = 1, .max = 5},
              {.key = "impact", .label = "Impact", .type = T::score, .min = 1, .max = 5},
              {.key = "level",
               .label = "Level",
               .type = T::integer,
               .min = 1,
               .max = 25,
               .computed = true},
              {.key = "tags", .label = "Tags", .type = T::text_list},
              {.key = "contact", .label = "Contact", .type = T::email},
              {.key = "link", .label = "Link", .type = T::url},
              {.key = "digest", .label = "Digest", .type = T::sha256},
              {.key = "owner_id", .label = "Owner", .type = T::user_ref, .responsible = true},
              {.key = "parent_id", .label = "Parent", .type = T::record_ref, .target = "sample"},
              {.key = "related_ids",
               .label = "Related samples",
               .type = T::record_ref,
               .target = "sample",
               .many = true},
          },
      .unique_title = true,
      .list_columns = {"name", "kind", "state"},
      .filters = {"kind", "urgent", "owner_id", "related_ids", "state", "tags"},
      .sort_keys = {"kind", "due_on", "quantity", "ratio", "state"},
      .workflow =
          records::Workflow{
              .states = {{"draft", "Draft"},
                         {"in_review", "In review", false},
                         {"approved", "Approved", false},
                         {"withdrawn", "Withdrawn", false, /*done=*/true}},
              .transitions =
                  {
                      Transition{.name = "submit",
                                 .label = "Submit for approval",
                                 .from = {"draft"},
                                 .to = "in_review"},
                      Transition{.name = "approve",
                                 .label = "Approve",
                                 .from = {"in_review"},
                                 .to = "approved",
                                 .permission = auth::Action::approve_records,
                                 .approvals = 2,
                                 .approver_roles = {auth::Role::admin, auth::Role::aims_manager},
                                 .freezes = true},
                      Transition{.name = "reject",
                                 .label = "Send back",
                                 .from = {"in_review"},
                                 .to = "draft",
                                 .permission = auth::Action::approve_records,
                                 .reason_required = true,
                                 .reason_label = "Reason for sending back"},
                      Transition{
                          .name = "revise", .label = "Revise", .from = {"approved"}, .to = "draft"},
                      // Withdrawn is done (no due date of a withdrawn sample is anyone's
                      // work) although "reinstate" leaves it: done is said, not inferred.
                      Transition{.name = "withdraw",
                                 .label = "Withdraw",
                                 .from = {"draft"},
                                 .to = "withdrawn"},
                      Transition{.name = "reinstate",
                                 .label = "Reinstate",
                                 .from = {"withdrawn"},
                                 .to = "draft"},
                  }},
      .versioned = true,
      .hooks = {.check =
                    [](const records::Record& r, const records::Record*, records::Problems& p) {
                      if (r.flag("urgent") && !r.is_set("due_on")) {
                        p.add("due_on", "an urgent sample needs a due date");
                      }
                    },
                .compute =
                    [](records::Record& r) {
                      auto l = r.number("likelihood"), i = r.number("impact");
                      r.values["level"] =
                          l && i ? records::FieldValue(*l * *i) : records::FieldValue();
                    }},
  };
}

records::Description make_notes() {
  return {
      .type = "note",
      .table = "notes",
      .singular = "note",
      .plural = "notes",
      .api_path = "/api/v1/notes",
      .page_path = "/notes",
      .command = "notes",
      .fields = {{.key = "title", .label = "Title", .required = true, .searchable = true},
                 {.key = "sample_ids",
                  .label = "Samples concerned",
                  .type = T::record_ref,
                  .target = "sample",
                  .many = true}},
      .title_field = "title",
      // A rule that only the transaction applies, so that tests can have the database side of a
      // write refuse a record that passed every check before it.
      .hooks = {.before_write =
                    [](const records::WriteContext&, records::Record& r, const records::Record*) {
                      if (!r.text("title").starts_with("Refused")) return Status{};
                      return Status{Error::invalid("title", "refused inside the transaction")};
                    }},
  };
}

// The receipt is what the route prepared, written as the errand is finished.
Status write_receipt(const records::WriteContext& ctx, records::Record& after,
                     const records::Record* before) {
  if (!before || after.state != "finished" || before->state == "finished") return {};
  if (const auto* receipt = ctx.prepared ? std::any_cast<std::string>(ctx.prepared) : nullptr)
    after.values["receipt"] = *receipt;
  return {};
}

records::Description make_errands() {
  return {
      .type = "errand",
      .table = "errands",
      .singular = "errand",
      .plural = "errands",
      .api_path = "/api/v1/errands",
      .page_path = "/errands",
      .command = "errands",
      .fields = {{.key = "name", .label = "Name", .required = true},
                 {.key = "receipt", .label = "Receipt", .read_only = true}},
      .workflow =
          records::Workflow{
              .states = {{"open", "Open"}, {"finished", "Finished", false}},
              .transitions = {records::Transition{
                  .name = "finish",
                  .label = "Finish the errand",
                  .from = {"open"},
                  .to = "finished",
                  .permission = auth::Action::approve_records,
                  .approvals = 1,
                  .approver_roles = {auth::Role::admin, auth::Role::aims_manager},
                  .own_route = records::OwnRoute{.path = "/{id}/finish",
                                                 .prepares = "check the errand first",
                                                 .on_page = "finished with the form below"}}}},
      .hooks = {.before_write = write_receipt},
  };
}

}  // namespace

const records::Description& samples() {
  static const records::Description d = make_samples();
  return d;
}

const records::Description& notes() {
  static const records::Description d = make_notes();
  return d;
}

const records::Description& errands() {
  static const records::Description d = make_errands();
  return d;
}

Status install_sample_registers(store::Database& db) {
  records::define(samples());
  records::define(notes());
  records::define(errands());
  return db.write([&](store::Tx& tx) -> Status {
    const std::string pk = tx.dialect() == store::Dialect::sqlite
                               ? "INTEGER PRIMARY KEY AUTOINCREMENT"
                               : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
    TRY(tx.run_script(
        "CREATE TABLE samples (id " + pk +
        ", org_id BIGINT NOT NULL, title_key TEXT NOT NULL, name TEXT NOT NULL,"
        " summary TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '', kind TEXT NOT NULL,"
        " urgent INTEGER NOT NULL DEFAULT 0, due_on TEXT, seen_at TEXT, quantity BIGINT,"
        " ratio DOUBLE PRECISION, likelihood BIGINT, impact BIGINT, level BIGINT,"
        " tags TEXT NOT NULL DEFAULT '', contact TEXT NOT NULL DEFAULT '',"
        " link TEXT NOT NULL DEFAULT '', digest TEXT NOT NULL DEFAULT '', owner_id BIGINT, " +
        kPlatformColumns +
        ", UNIQUE (org_id, title_key));"
        "CREATE TABLE notes (id " +
        pk + ", org_id BIGINT NOT NULL, title_key TEXT NOT NULL, title TEXT NOT NULL, " +
        kPlatformColumns +
        ");"
        "CREATE TABLE errands (id " +
        pk +
        ", org_id BIGINT NOT NULL, title_key TEXT NOT NULL, name TEXT NOT NULL,"
        " receipt TEXT NOT NULL DEFAULT '', " +
        kPlatformColumns + ");"));
    return {};
  });
}

}  // namespace aims::testing
