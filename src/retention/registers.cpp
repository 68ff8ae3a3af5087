// The retention rules, legal holds and disposals as descriptions on the records platform, with
// the rules clause 7.5.3 sets for them: a disposal names a record that exists and is not held, is
// approved by someone other than who asked, and executing it disposes of the record.
#include <cctype>
#include <deque>
#include <mutex>
#include <string>

#include "base/json_text.h"
#include "base/time.h"
#include "records/disposal.h"
#include "retention/retention.h"

namespace aims::retention {
namespace {

using records::Problems;
using records::Record;
using records::Transition;
using T = records::FieldType;

// A register's name as a list shows it ("Models", not "models"). Kept for the process's life,
// since a choice holds its label as a pointer; a deque does not move what it holds.
const char* capitalised(const char* plural) {
  static std::deque<std::string> names;
  std::string name = plural;
  if (!name.empty()) name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  return names.emplace_back(std::move(name)).c_str();
}

// The registers whose records a rule may govern and a disposal may remove: every one defined so
// far, except retention's own (a disposal's record is its evidence).
std::vector<records::Choice> register_choices() {
  std::vector<records::Choice> out;
  for (const auto* d : records::all()) {
    const std::string type = d->type;
    if (type == "retention_rule" || type == "legal_hold" || type == "disposal") continue;
    out.push_back({d->type, capitalised(d->plural)});
  }
  return out;
}

void rule_rules(const Record& r, const Record*, Problems& p) {
  if (r.number("period_years").value_or(0) + r.number("period_months").value_or(0) <= 0)
    p.add("period_years", "give the retention period: at least one month");
}

records::Description make_rules() {
  return {
      .type = "retention_rule",
      .table = "retention_rules",
      .singular = "retention rule",
      .plural = "retention rules",
      .api_path = "/api/v1/retention-rules",
      .page_path = "/support/retention-rules",
      .command = "retention-rules",
      .fields =
          {
              {.key = "title",
               .label = "Rule",
               .required = true,
               .group = "Rule",
               .searchable = true},
              {.key = "record_type",
               .label = "Records kept",
               .type = T::choice,
               .required = true,
               .choices = register_choices(),
               .hint = "The register whose records the rule governs.",
               .group = "Rule"},
              {.key = "ai_act_role",
               .label = "EU AI Act role",
               .type = T::choice,
               .required = true,
               .choices = {{"provider", "Provider"}, {"deployer", "Deployer"}, {"any", "Any role"}},
               .hint = "Whose obligation the period comes from.",
               .group = "Rule",
               .default_value = "any"},
              {.key = "period_years",
               .label = "Years",
               .type = T::integer,
               .group = "Period",
               .min = 0,
               .max = 100},
              {.key = "period_months",
               .label = "Months",
               .type = T::integer,
               .group = "Period",
               .min = 0,
               .max = 1200},
              {.key = "starts_from",
               .label = "Counted from",
               .type = T::choice,
               .required = true,
               .choices = {{kFromCreated, "When the record was created"},
                           {kFromLastChange, "Its last change"},
                           {kFromArchived, "When it was archived (retired, closed)"}},
               .group = "Period",
               .default_value = kFromArchived},
              {.key = "basis",
               .label = "Basis",
               .type = T::long_text,
               .required = true,
               .hint = "The law, contract or decision the period comes from, such as EU AI Act "
                       "Art. 18 (10 years for a provider's technical documentation).",
               .group = "Rule",
               .searchable = true},
              {.key = "end_action",
               .label = "When it ends",
               .type = T::choice,
               .required = true,
               .choices = {{"dispose", "Dispose of the record"},
                           {"review", "Review whether to keep it"}},
               .group = "Rule",
               .default_value = "dispose"},
              {.key = "owner_id",
               .label = "Owner",
               .type = T::user_ref,
               .group = "Rule",
               .csv_key = "owner_email",
               .responsible = true},
          },
      .title_field = "title",
      .unique_title = true,
      .list_columns = {"title", "record_type", "period_years", "period_months", "starts_from",
                       "end_action"},
      .filters = {"record_type", "ai_act_role", "end_action", "owner_id"},
      .nav = {.group = "Support",
              .group_order = 22,
              .label = "Retention rules",
              .section = "retention-rules",
              .order = 60},
      .hooks = {.check = rule_rules},
  };
}

std::string today_of(const records::WriteContext& ctx) {
  return ctx.now.substr(0, 10);
}

// A hold's release date is the day it was released, not one typed.
Status stamp_release(const records::WriteContext& ctx, Record& after, const Record* before) {
  if (before && before->state != "released" && after.state == "released")
    after.values["released_on"] = today_of(ctx);
  return {};
}

records::Description make_holds() {
  return {
      .type = "legal_hold",
      .table = "legal_holds",
      .singular = "legal hold",
      .plural = "legal holds",
      .api_path = "/api/v1/legal-holds",
      .page_path = "/support/legal-holds",
      .command = "legal-holds",
      .fields =
          {
              {.key = "title", .label = "Hold", .required = true, .searchable = true},
              {.key = "reason",
               .label = "Reason",
               .type = T::long_text,
               .required = true,
               .hint = "The claim, complaint, investigation or request the records are kept for.",
               .searchable = true},
              {.key = "placed_by_id",
               .label = "Placed by",
               .type = T::user_ref,
               .required = true,
               .csv_key = "placed_by_email",
               .responsible = true},
              {.key = "placed_on", .label = "Placed on", .type = T::date, .required = true},
              {.key = "released_on", .label = "Released on", .type = T::date, .read_only = true},
          },
      .title_field = "title",
      .list_columns = {"title", "placed_by_id", "placed_on", "released_on", "state"},
      .filters = {"state", "placed_by_id"},
      .sort_keys = {"placed_on"},
      .default_sort = "-placed_on",
      .workflow =
          records::Workflow{.states = {{"active", "Active"}, {"released", "Released", false, true}},
                            .transitions = {Transition{
                                .name = "release",
                                .label = "Release",
                                .from = {"active"},
                                .to = "released",
                                .reason_required = true,
                                .reason_label = "Why the records need no longer be kept",
                                .approvals = 1,
                                .approver_roles = {auth::Role::admin, auth::Role::aims_manager}}}},
      .nav = {.group = "Support",
              .group_order = 22,
              .label = "Legal holds",
              .section = "legal-holds",
              .order = 61},
      .hooks = {.before_write = stamp_release},
  };
}

// The title names the register and id only: the record's name is content the disposal removes.
void name_disposal(Record& r) {
  const auto* target = records::find(r.text("record_type"));
  r.values["title"] = std::string("Disposal of ") + (target ? target->singular : "a record") +
                      " #" + std::to_string(r.number("record_id").value_or(0));
}

const records::Description& target_of(const Record& r) {
  const auto* target = records::find(r.text("record_type"));
  if (!target) throw std::logic_error("a disposal of an unknown register passed its checks");
  return *target;
}

// The rule must govern the record's register, end in disposal, and its period must have run out
// for this record.
Status check_rule(const records::WriteContext& ctx, const Record& r,
                  const records::Description& target, const Record& record) {
  const auto ids = r.ids("rule_id");
  if (ids.empty()) return {};  // the required field's own check names it
  TRY_ASSIGN(const auto rule, records::find(ctx, rules(), ids.front()));
  if (!rule) return Error::invalid("rule_id", "no retention rule has this number");
  const std::string title = "the rule \"" + rule->text("title") + "\"";
  if (rule->text("record_type") != target.type)
    return Error::invalid("rule_id", title + " governs another register, not " + target.plural);
  if (rule->text("end_action") != "dispose")
    return Error::invalid("rule_id", title +
                                         " asks for a review when the period ends, not a "
                                         "disposal");
  const std::string ends = retention_ends_on(*rule, record);
  if (ends.empty())
    return Error::invalid("rule_id", title +
                                         " counts from archiving, and the record is not "
                                         "archived");
  if (ends > ctx.now.substr(0, 10))
    return Error::invalid("rule_id", title + " keeps this record until " + ends);
  return {};
}

// Records that cannot exist without this one (a dataset's versions, their preparation records,
// its rights reviews) carry its name: they are disposed of first, so none is left behind.
Status check_dependants(const records::WriteContext& ctx, const records::Description& target,
                        int64_t id) {
  TRY_ASSIGN(const auto kept, records::dependants(ctx.tx, target, ctx.org, id));
  if (kept.empty()) return {};
  std::string list;
  for (const auto& k : kept)
    list += (list.empty() ? "" : ", ") + std::string(k.register_->singular) + " #" +
            std::to_string(k.id);
  return Error{
      ErrorCode::failed_precondition,
      "records that belong to it would keep its name: dispose of them first (" + list + ")",
      {}};
}

// The record must exist, not be disposed of, not be held, be due under its rule, and have no
// record left that belongs to it.
Status check_disposable(const records::WriteContext& ctx, const Record& r) {
  const auto& target = target_of(r);
  const int64_t id = r.number("record_id").value_or(0);
  TRY_ASSIGN(const auto record, records::find(ctx, target, id));
  if (!record)
    return Error::invalid("record_id", std::string("no ") + target.singular + " has this number");
  TRY_ASSIGN(const bool gone, records::is_disposed(ctx.tx, target, ctx.org, id));
  if (gone) return Error::invalid("record_id", "this record was disposed of already");
  TRY(check_rule(ctx, r, target, *record));
  TRY(check_dependants(ctx, target, id));
  TRY_ASSIGN(const auto held, holds_on(ctx.tx, ctx.org, target.type, id));
  if (!held.empty()) {
    return Error{ErrorCode::failed_precondition,
                 "the record is under the legal hold \"" + held.front() +
                     "\": it cannot be disposed of until the hold is released",
                 {}};
  }
  return {};
}

std::string rule_name(const records::WriteContext& ctx, const Record& r) {
  const auto ids = r.ids("rule_id");
  if (ids.empty()) return "";
  auto rule = records::find(ctx, rules(), ids.front());
  return rule && *rule ? (*rule)->text("title") : "";
}

Status execute(const records::WriteContext& ctx, Record& after) {
  TRY(check_disposable(ctx, after));
  const std::string rule = rule_name(ctx, after);
  const std::string tombstone = "Disposed of on " + ctx.now.substr(0, 10) +
                                (rule.empty() ? "" : " under the rule \"" + rule + "\"") + " by " +
                                ctx.caller.actor.label;
  trail::Fields notes = {
      {"disposal_id", json_text::number(after.id)},
      {"rule", json_text::quote(rule)},
      {"approved_by", json_text::optional_number(after.number("approved_by_id"))},
      {"requested_by", json_text::optional_number(after.number("requested_by_id"))}};
  TRY_ASSIGN(const auto done,
             records::dispose(ctx, target_of(after), after.number("record_id").value_or(0),
                              tombstone, std::move(notes)));
  after.values["content_sha256"] = done.content_sha256;
  after.values["executed_at"] = ctx.now;
  return {};
}

Status before_disposal_write(const records::WriteContext& ctx, Record& after,
                             const Record* before) {
  if (!before) return check_disposable(ctx, after);
  if (before->state == "requested" && after.state == "approved" && ctx.caller.user_id)
    after.values["approved_by_id"] = *ctx.caller.user_id;
  if (before->state == "approved" && after.state == "executed") return execute(ctx, after);
  return {};
}

void disposal_rules(const Record& r, const Record* before, Problems& p) {
  if (!records::find(r.text("record_type"))) p.add("record_type", "choose a register");
  if (before && (r.text("record_type") != before->text("record_type") ||
                 r.number("record_id") != before->number("record_id")))
    p.add("record_id", "a disposal keeps the record it was requested for; request another");
}

records::Description make_disposals() {
  return {
      .type = "disposal",
      .table = "disposals",
      .singular = "disposal",
      .plural = "disposals",
      .api_path = "/api/v1/disposals",
      .page_path = "/support/disposals",
      .command = "disposals",
      .fields =
          {
              {.key = "title", .label = "Disposal", .searchable = true, .computed = true},
              {.key = "record_type",
               .label = "Register",
               .type = T::choice,
               .required = true,
               .choices = register_choices(),
               .group = "Record"},
              {.key = "record_id",
               .label = "Record number",
               .type = T::integer,
               .required = true,
               .hint = "As listed under Retention, records due for disposal.",
               .group = "Record",
               .min = 1,
               .max = 1e15},
              {.key = "rule_id",
               .label = "Rule applied",
               .type = T::record_ref,
               .required = true,
               .group = "Record",
               .target = "retention_rule",
               .csv_key = "rule"},
              {.key = "reason",
               .label = "Reason",
               .type = T::long_text,
               .required = true,
               .hint = "Why the record is no longer needed.",
               .group = "Record"},
              {.key = "requested_by_id",
               .label = "Requested by",
               .type = T::user_ref,
               .required = true,
               .group = "Decision",
               .csv_key = "requested_by_email",
               .responsible = true},
              {.key = "approved_by_id",
               .label = "Approved by",
               .type = T::user_ref,
               .group = "Decision",
               .csv_key = "approved_by_email",
               .read_only = true},
              {.key = "executed_at",
               .label = "Executed",
               .type = T::date_time,
               .group = "Decision",
               .read_only = true},
              {.key = "content_sha256",
               .label = "SHA-256 of the content removed",
               .type = T::sha256,
               .group = "Decision",
               .read_only = true},
          },
      .title_field = "title",
      .list_columns = {"title", "rule_id", "requested_by_id", "approved_by_id", "state"},
      .filters = {"state", "record_type", "rule_id", "requested_by_id"},
      .default_sort = "-created_at",
      .workflow =
          records::Workflow{
              .states = {{"requested", "Requested"},
                         {"approved", "Approved", false},
                         {"executed", "Executed", false, true},
                         {"rejected", "Rejected", false, true}},
              .transitions = {Transition{
                                  .name = "approve",
                                  .label = "Approve",
                                  .from = {"requested"},
                                  .to = "approved",
                                  .approvals = 1,
                                  .approver_roles = {auth::Role::admin, auth::Role::aims_manager}},
                              Transition{.name = "execute",
                                         .label = "Dispose of the record now",
                                         .from = {"approved"},
                                         .to = "executed",
                                         .permission = auth::Action::archive_records},
                              Transition{.name = "reject",
                                         .label = "Reject",
                                         .from = {"requested", "approved"},
                                         .to = "rejected",
                                         .reason_required = true}}},
      .nav = {.group = "Support",
              .group_order = 22,
              .label = "Disposals",
              .section = "disposals",
              .order = 62},
      .hooks = {.check = disposal_rules,
                .compute = name_disposal,
                .before_write = before_disposal_write},
  };
}

}  // namespace

const records::Description& rules() {
  static const records::Description d = make_rules();
  return d;
}

const records::Description& holds() {
  static const records::Description d = make_holds();
  return d;
}

const records::Description& disposals() {
  static const records::Description d = make_disposals();
  return d;
}

void define_registers() {
  static std::once_flag once;
  std::call_once(once, [] {
    records::define(rules());
    records::define(holds());
    records::define(disposals());
    define_readiness_rules();
  });
}

}  // namespace aims::retention
