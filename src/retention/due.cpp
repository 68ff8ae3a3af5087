// Which records' retention has ended: each rule's period counted from the record's creation, its
// last change or its archiving, against a date the caller gives (so tests fix the clock).
#include <algorithm>
#include <cstdio>
#include <map>

#include "records/disposal.h"
#include "retention/retention.h"

namespace aims::retention {
namespace {

bool leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && leap(year) ? 29 : kDays[month - 1];
}

// The day the record's period starts from, or empty when it has not started (not archived).
std::string start_of(const records::Record& r, const std::string& starts_from) {
  if (starts_from == kFromCreated) return r.created_at.substr(0, 10);
  if (starts_from == kFromLastChange) return r.updated_at.substr(0, 10);
  return r.archived_at ? r.archived_at->substr(0, 10) : std::string();
}

// Open and executed disposals by register and record id: their state.
Result<std::map<std::pair<std::string, int64_t>, std::string>> disposal_states(store::Tx& tx,
                                                                               int64_t org) {
  TRY_ASSIGN(auto rows, tx.query("SELECT record_type, record_id, state FROM disposals"
                                 " WHERE org_id = $1 AND archived_at IS NULL"
                                 " AND state IN ('requested', 'approved', 'executed')",
                                 {org}));
  std::map<std::pair<std::string, int64_t>, std::string> out;
  for (auto& row : rows) {
    store::RowReader r(row);
    std::string type = r.text();
    const int64_t id = r.opt_int64().value_or(0);
    out[{std::move(type), id}] = r.text();
  }
  return out;
}

}  // namespace

std::string add_months(const std::string& date, int64_t months) {
  int year = 0, month = 0, day = 0;
  if (std::sscanf(date.c_str(), "%d-%d-%d", &year, &month, &day) != 3) return date;
  const int64_t total = int64_t{year} * 12 + (month - 1) + months;
  year = static_cast<int>(total / 12);
  month = static_cast<int>(total % 12) + 1;
  day = std::min(day, days_in(year, month));
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", year, month, day);
  return out;
}

std::string retention_ends_on(const records::Record& rule, const records::Record& record) {
  const std::string start = start_of(record, rule.text("starts_from"));
  if (start.empty()) return start;
  return add_months(start, rule.number("period_years").value_or(0) * 12 +
                               rule.number("period_months").value_or(0));
}

Result<std::vector<DueRecord>> due_for_disposal(store::Tx& tx, int64_t org,
                                                const std::string& today) {
  TRY_ASSIGN(const auto all_rules, records::list_all_in(tx, rules(), org));
  TRY_ASSIGN(const auto disposals_known, disposal_states(tx, org));
  std::vector<DueRecord> due;
  for (const auto& rule : all_rules) {
    const auto* target = records::find(rule.text("record_type"));
    if (!target) continue;
    TRY_ASSIGN(const auto kept,
               records::list_all_in(tx, *target, org, {.archived = records::Archived::include}));
    for (const auto& r : kept) {
      const std::string ends = retention_ends_on(rule, r);
      if (ends.empty() || ends > today) continue;
      const auto known = disposals_known.find({target->type, r.id});
      const std::string state = known == disposals_known.end() ? "" : known->second;
      if (state == "executed") continue;
      TRY_ASSIGN(auto held, holds_on(tx, org, target->type, r.id));
      due.push_back({target, r.id, target->display_name(r), ends, rule.id, rule.text("title"),
                     rule.text("end_action"), std::move(held), state});
    }
  }
  std::stable_sort(due.begin(), due.end(),
                   [](const DueRecord& a, const DueRecord& b) { return a.ends_on < b.ends_on; });
  return due;
}

}  // namespace aims::retention
