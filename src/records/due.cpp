// My work, the calendar feed's items and the overdue counts: due fields and approvals gathered
// from every register the program knows.
#include "records/due.h"

#include <algorithm>

#include "base/time.h"
#include "records/registry.h"
#include "records/store.h"

namespace aims::records {
namespace {

constexpr int64_t kMicrosPerDay = 86'400'000'000LL;

std::string date_of_days(int64_t days) {
  return format_timestamp(days * kMicrosPerDay).substr(0, 10);
}

Result<int64_t> today_days(std::string_view today) {
  auto days = parse_date_days(today);
  if (!days) return Error::invalid("today", "today must be a date (YYYY-MM-DD)");
  return *days;
}

std::vector<const Field*> due_fields(const Description& d) {
  std::vector<const Field*> out;
  for (const auto& f : d.fields) {
    if (f.due && f.type == FieldType::date) out.push_back(&f);
  }
  return out;
}

std::vector<std::string> done_states(const Description& d) {
  std::vector<std::string> out;
  if (!d.workflow) return out;
  for (const auto& s : d.workflow->states) {
    if (d.is_done(s.value)) out.emplace_back(s.value);
  }
  return out;
}

// Each due date on or before `until` of the records `person` (or anyone) answers for.
Result<std::vector<DueItem>> due_items(store::Tx& tx, int64_t org, std::optional<int64_t> person,
                                       int64_t today, int64_t until) {
  std::vector<DueItem> items;
  for (const Description* d : all()) {
    const auto fields = due_fields(*d);
    if (fields.empty()) continue;
    TRY_ASSIGN(auto rows, sql::due_by(tx, *d, org, date_of_days(until), done_states(*d), person));
    for (const auto& r : rows) {
      for (const Field* f : fields) {
        const std::string date = r.text(f->key);
        const auto days = parse_date_days(date);
        if (!days || *days > until) continue;
        items.push_back({d, f, r.id, d->display_name(r), date, *days - today});
      }
    }
  }
  std::stable_sort(items.begin(), items.end(), [](const DueItem& a, const DueItem& b) {
    return a.date != b.date ? a.date < b.date : a.name < b.name;
  });
  return items;
}

bool approves(const Transition& t, const Caller& person) {
  return t.approvals > 0 && person.role &&
         std::find(t.approver_roles.begin(), t.approver_roles.end(), *person.role) !=
             t.approver_roles.end();
}

Result<std::vector<AwaitingApproval>> awaiting(store::Tx& tx, int64_t org, const Caller& person) {
  std::vector<AwaitingApproval> out;
  if (!person.user_id || !person.role) return out;
  for (const Description* d : all()) {
    if (!d->workflow) continue;
    std::vector<std::string> states;  // where a move the person may approve starts
    for (const auto& t : d->workflow->transitions) {
      if (!approves(t, person)) continue;
      for (const char* from : t.from) {
        if (!d->is_done(from) && std::find(states.begin(), states.end(), from) == states.end())
          states.emplace_back(from);
      }
    }
    TRY_ASSIGN(auto rows, sql::in_states(tx, *d, org, states));
    for (const auto& r : rows) {
      // The separation of duties is the workflow's own: approvable applies it.
      TRY_ASSIGN(auto pending, approvable(tx, *d, org, r, person));
      for (const auto& p : pending) {
        out.push_back(
            {d, r.id, d->display_name(r), d->state(r.state), p.transition, p.given, r.state_since});
      }
    }
  }
  return out;
}

}  // namespace

std::string day_of(std::string_view timestamp) {
  return std::string(timestamp.substr(0, 10));
}

Result<MyWork> my_work(store::Database& db, int64_t org, const Caller& person,
                       std::string_view today) {
  TRY_ASSIGN(const int64_t day, today_days(today));
  if (!person.user_id) return MyWork();
  return db.read([&](store::Tx& tx) -> Result<MyWork> {
    MyWork work;
    TRY_ASSIGN(auto items, due_items(tx, org, person.user_id, day, day + kHorizonDays));
    for (auto& item : items) {
      if (item.days_left < 0) {
        work.overdue.push_back(std::move(item));
      } else if (item.days_left < kWeekDays) {
        work.this_week.push_back(std::move(item));
      } else {
        work.later.push_back(std::move(item));
      }
    }
    TRY_ASSIGN(work.awaiting, awaiting(tx, org, person));
    return work;
  });
}

Result<std::vector<DueItem>> due_for(store::Database& db, int64_t org, int64_t person,
                                     std::string_view today, int days_ahead) {
  TRY_ASSIGN(const int64_t day, today_days(today));
  return db.read([&](store::Tx& tx) { return due_items(tx, org, person, day, day + days_ahead); });
}

Result<std::vector<OverdueCount>> overdue_counts(store::Database& db, int64_t org,
                                                 std::string_view today,
                                                 std::optional<int64_t> person) {
  TRY_ASSIGN(const int64_t day, today_days(today));
  return db.read([&](store::Tx& tx) -> Result<std::vector<OverdueCount>> {
    std::vector<OverdueCount> out;
    for (const Description* d : all()) {
      if (due_fields(*d).empty()) continue;
      TRY_ASSIGN(auto rows,
                 sql::due_by(tx, *d, org, date_of_days(day - 1), done_states(*d), person));
      if (!rows.empty()) out.push_back({d, static_cast<int64_t>(rows.size())});
    }
    return out;
  });
}

}  // namespace aims::records
