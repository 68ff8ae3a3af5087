// A migrated database with alpha's people in the roles a nonconformity's life tells apart (who
// raises it, who owns it, who owns its action, who approves closing), and helpers to raise
// nonconformities, add corrective actions and move both, as those people or with a set clock.
#pragma once

#include <gtest/gtest.h>

#include "improvement/improvement.h"
#include "inventory/fixture.h"
#include "risk/fixture.h"

namespace aims::improvement::testing {

using records::Caller;
using records::Record;
using Values = std::map<std::string, records::FieldValue>;
using namespace std::string_literals;

using risk::testing::date_in;    // "YYYY-MM-DD" `days` from today
using risk::testing::fields_of;  // every field an error names

class ImprovementTest : public inventory::testing::InventoryTest {
 protected:
  void SetUp() override {
    InventoryTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    define_registers();
    manager_ = add_person("manager@alpha.test", auth::Role::aims_manager, "Priya Manager");
    owner_ = add_person("nc-owner@alpha.test", auth::Role::contributor, "Olu Owner");
    doer_ = add_person("doer@alpha.test", auth::Role::aims_manager, "Dana Doer");
    approver_ = add_person("approver@alpha.test", auth::Role::aims_manager, "Ari Approver");
    system_ =
        must_create(alpha_.org, inventory::ai_systems(), system("Credit scorer", alpha_.users[0]));
  }

  Record with(Values values) const {
    Record r;
    r.values = std::move(values);
    return r;
  }

  // Raised by the manager, owned by the owner: only what other modules give on create.
  Record raise(const std::string& title, const std::string& grade = "minor") {
    auto created = records::create(
        *db_, nonconformities(), alpha_.org,
        with({{"title", title}, {"grade", grade}, {"source", "manual"s}, {"owner_id", owner_id()}}),
        manager_);
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    return created.ok() ? *created : Record{};
  }

  // An action on `nc` owned by the doer, due in a month.
  Record add_action(int64_t nc, const std::string& title = "Fix the pipeline") {
    auto created = records::create(*db_, corrective_actions(), alpha_.org,
                                   with({{"title", title},
                                         {"nonconformity_id", nc},
                                         {"owner_id", doer_.user_id.value()},
                                         {"due_on", date_in(30)}}),
                                   manager_);
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    return created.ok() ? *created : Record{};
  }

  Result<Record> read(const records::Description& d, int64_t id) {
    return records::get(*db_, d, alpha_.org, id);
  }

  // Moves the record as it is now, by `caller`.
  Result<records::TransitionOutcome> move(const records::Description& d, int64_t id,
                                          const std::string& name, const Caller& caller,
                                          Values values = {}, const std::string& reason = "") {
    auto current = read(d, id);
    if (!current) return current.error();
    return records::transition(*db_, d, alpha_.org, id,
                               {name, reason, with(std::move(values)), current->version}, caller);
  }

  Values analysis() const {
    return {{"containment", "Held the releases"s}, {"root_cause", "No check in the pipeline"s}};
  }

  // Moves the action to completed as its owner.
  void complete(int64_t action) {
    auto done = move(corrective_actions(), action, "complete", doer_,
                     {{"completion_note", "Check added"s}});
    ASSERT_TRUE(done.ok()) << done.error().message;
  }

  // Runs `step` in one transaction whose clock reads `now`, as the manager.
  template <typename Step>
  void at(const std::string& now, Step step) {
    auto done = db_->write([&](store::Tx& tx) -> Status {
      const records::WriteContext ctx{tx, alpha_.org, manager_, now};
      return step(ctx);
    });
    ASSERT_TRUE(done.ok()) << now << ": " << done.error().message;
  }

  int64_t owner_id() const { return owner_.user_id.value(); }

  Caller manager_, owner_, doer_, approver_;
  int64_t system_ = 0;
};

}  // namespace aims::improvement::testing
