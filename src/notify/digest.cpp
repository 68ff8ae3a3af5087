// The daily digest (worker.h): what My work shows a person, sent once a UTC day when there is
// something on it and the person has not turned digests off.
#include "base/time.h"
#include "notify/notify.h"
#include "notify/worker.h"
#include "records/due.h"

namespace aims::notify {
namespace {

struct Person {
  int64_t org = 0;
  int64_t id = 0;
  std::string email;
  auth::Role role = auth::Role::viewer;
};

Result<std::vector<Person>> people_wanting_digests(store::Database& db, const std::string& today) {
  return db.read([&](store::Tx& tx) -> Result<std::vector<Person>> {
    TRY_ASSIGN(auto rows,
               tx.query("SELECT u.org_id, u.id, u.email, u.role FROM users u JOIN notify_smtp s ON"
                        " s.org_id = u.org_id LEFT JOIN notify_preferences p ON p.org_id ="
                        " u.org_id AND p.user_id = u.id WHERE u.status = 'active' AND"
                        " (p.user_id IS NULL OR (p.digest_enabled = 1 AND p.last_digest_on < $1))"
                        " ORDER BY u.org_id, u.id",
                        {today}));
    std::vector<Person> out;
    for (auto& row : rows) {
      store::RowReader r(row);
      Person p{r.int64(), r.int64(), r.text()};
      p.role = auth::parse_role(r.text()).value_or(auth::Role::viewer);
      out.push_back(std::move(p));
    }
    return out;
  });
}

void list_items(std::string& out, const char* heading, const std::vector<records::DueItem>& items) {
  if (items.empty()) return;
  out += std::string(heading) + "\n";
  for (const auto& item : items)
    out += "- " + std::string(item.register_->singular) + " \"" + item.name +
           "\": " + item.field->label + " " + item.date + "\n";
  out += "\n";
}

}  // namespace

// The text of a digest, empty when there is nothing to do.
std::string digest_text(const records::MyWork& work) {
  std::string out;
  list_items(out, "Overdue:", work.overdue);
  list_items(out, "Due this week:", work.this_week);
  if (!work.awaiting.empty()) {
    out += "Awaiting your approval:\n";
    for (const auto& a : work.awaiting)
      out += "- " + std::string(a.register_->singular) + " \"" + a.name +
             "\": " + a.transition->label + "\n";
    out += "\n";
  }
  if (out.empty()) return out;
  return "Good morning. This is what aims has for you today.\n\n" + out +
         "To stop these emails, turn the daily digest off on your account page.";
}

Result<int> Deliverer::queue_digests() {
  const std::string today = format_timestamp(now()).substr(0, 10);
  TRY_ASSIGN(const auto people, people_wanting_digests(db_, today));
  int queued = 0;
  for (const auto& p : people) {
    const records::Caller caller{{"user", p.id, p.email}, p.id, p.role};
    TRY_ASSIGN(const auto work, records::my_work(db_, p.org, caller, today));
    const std::string text = digest_text(work);
    TRY(db_.write([&](store::Tx& tx) -> Status {
      TRY(
          tx.exec("INSERT INTO notify_preferences (org_id, user_id) VALUES ($1, $2)"
                  " ON CONFLICT (org_id, user_id) DO NOTHING",
                  {p.org, p.id}));
      // Whoever moves the day on first queues the digest: two servers never send it twice.
      TRY_ASSIGN(const int64_t claimed,
                 tx.exec("UPDATE notify_preferences SET last_digest_on = $3 WHERE org_id = $1"
                         " AND user_id = $2 AND digest_enabled = 1 AND last_digest_on < $3",
                         {p.org, p.id, today}));
      if (claimed == 0 || text.empty()) return Status{};
      TRY_ASSIGN(const bool sent,
                 email_person(tx, p.org, p.id, "Your aims work for " + today, text, "/my-work"));
      queued += sent;
      return Status{};
    }));
  }
  return queued;
}

}  // namespace aims::notify
