// A request's precondition (store/precondition.h) on both backends: checked once, by the first
// statement of the request's database calls, and when it fails nothing that statement read
// reaches the caller and nothing is written.
#include "store/precondition.h"

#include <gtest/gtest.h>

#include "store/database.h"
#include "support/backends.h"

namespace aims::store {
namespace {

using State = Precondition::State;

class PreconditionTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    auto made = db_->write([](Tx& tx) -> Status {
      TRY(tx.run_script("CREATE TABLE flags (name TEXT PRIMARY KEY, on_off BIGINT NOT NULL)"));
      TRY(tx.run_script("CREATE TABLE notes (id BIGINT PRIMARY KEY, body TEXT NOT NULL)"));
      TRY(tx.exec("INSERT INTO flags (name, on_off) VALUES ('open', 1)"));
      TRY(tx.exec("INSERT INTO notes (id, body) VALUES (1, 'first note')"));
      return {};
    });
    ASSERT_TRUE(made.ok()) << made.error().message;
  }

  // Holds while the flag `open` is on.
  static Precondition while_open() {
    return Precondition("SELECT 1 FROM flags WHERE name = $1 AND on_off = 1", {"open"});
  }

  void set_open(bool on) {
    auto set = db_->write([&](Tx& tx) -> Status {
      TRY(tx.exec("UPDATE flags SET on_off = $1 WHERE name = 'open'", {on}));
      return {};
    });
    ASSERT_TRUE(set.ok()) << set.error().message;
  }

  Result<std::string> first_note() {
    return db_->read([](Tx& tx) -> Result<std::string> {
      TRY_ASSIGN(auto row, tx.query_row("SELECT body FROM notes WHERE id = $1", {1}));
      if (!row) return Error::not_found("no note");
      return row->text(0);
    });
  }

  Result<int64_t> count_notes() {
    return db_->read([](Tx& tx) -> Result<int64_t> {
      TRY_ASSIGN(auto row, tx.query_row("SELECT COUNT(*) FROM notes"));
      return row->int64(0);
    });
  }
  int64_t notes_now() {
    auto n = count_notes();
    EXPECT_TRUE(n.ok()) << n.error().message;
    return n.ok() ? *n : -1;
  }
};

TEST_P(PreconditionTest, AHoldingConditionLetsTheReadAnswerAndIsCheckedOnce) {
  Precondition condition = while_open();
  PreconditionScope scope(condition);
  auto note = first_note();
  ASSERT_TRUE(note.ok()) << note.error().message;
  EXPECT_EQ(*note, "first note");
  EXPECT_EQ(condition.state(), State::held);
  // Checked: a change after it does not reach the request's later calls (they are not checked
  // again), which is what lets a request pay for the check once.
  set_open(false);
  EXPECT_TRUE(first_note().ok());
}

TEST_P(PreconditionTest, AFailedConditionHidesWhatTheStatementReadAndRefusesLaterCalls) {
  set_open(false);
  Precondition condition = while_open();
  {
    PreconditionScope scope(condition);
    auto note = first_note();
    ASSERT_FALSE(note.ok()) << "the note was read under a condition that does not hold";
    EXPECT_EQ(note.error().code, ErrorCode::unavailable);
    EXPECT_EQ(condition.state(), State::failed);
    // Every later call of the request is refused, reads and writes alike, and writes nothing.
    EXPECT_FALSE(count_notes().ok());
    auto wrote = db_->write([](Tx& tx) -> Status {
      TRY(tx.exec("INSERT INTO notes (id, body) VALUES (2, 'should not land')"));
      return {};
    });
    EXPECT_FALSE(wrote.ok());
  }
  // The scope is closed: the same database answers as usual, and holds the one note.
  EXPECT_EQ(notes_now(), 1);
}

TEST_P(PreconditionTest, AWriteUnderAFailedConditionWritesNothing) {
  set_open(false);
  Precondition condition = while_open();
  {
    PreconditionScope scope(condition);
    auto wrote = db_->write([](Tx& tx) -> Status {
      TRY(tx.exec("INSERT INTO notes (id, body) VALUES (2, 'should not land')"));
      return {};
    });
    EXPECT_FALSE(wrote.ok());
    EXPECT_EQ(condition.state(), State::failed);
  }
  EXPECT_EQ(notes_now(), 1);
}

TEST_P(PreconditionTest, AWriteUnderAHoldingConditionCommits) {
  Precondition condition = while_open();
  {
    PreconditionScope scope(condition);
    auto wrote = db_->write([](Tx& tx) -> Status {
      TRY(tx.exec("INSERT INTO notes (id, body) VALUES (2, 'second note')"));
      return {};
    });
    EXPECT_TRUE(wrote.ok()) << wrote.error().message;
    EXPECT_EQ(condition.state(), State::held);
  }
  EXPECT_EQ(notes_now(), 2);
}

TEST_P(PreconditionTest, ConfirmChecksAConditionNoStatementCarried) {
  Precondition unused = while_open();
  {
    PreconditionScope scope(unused);  // a request that reads nothing
  }
  EXPECT_EQ(unused.state(), State::unchecked);
  ASSERT_TRUE(confirm(*db_, unused).ok());
  EXPECT_EQ(unused.state(), State::held);

  set_open(false);
  Precondition closed = while_open();
  ASSERT_TRUE(confirm(*db_, closed).ok());
  EXPECT_EQ(closed.state(), State::failed);
}

// The statement's own error comes back as usual once the condition held, and on PostgreSQL the
// connection leaves the pipeline in good order for the next read. The error comes while the
// statement runs (abs() of the smallest 64-bit integer overflows on both backends), not when it
// is prepared, so that it is the pipelined statement that fails.
TEST_P(PreconditionTest, AStatementErrorAfterAHoldingConditionIsTheStatementsAndHarmsNothing) {
  Precondition condition = while_open();
  {
    PreconditionScope scope(condition);
    auto broken = db_->read([](Tx& tx) -> Status {
      TRY(tx.query("SELECT abs(id - 9223372036854775807 - 2) FROM notes"));
      return {};
    });
    ASSERT_FALSE(broken.ok());
    EXPECT_EQ(broken.error().code, ErrorCode::internal);
    EXPECT_EQ(condition.state(), State::held);
  }
  for (int i = 0; i < 20; ++i) {  // more reads than the pool has connections
    Precondition again = while_open();
    PreconditionScope scope(again);
    auto note = first_note();
    ASSERT_TRUE(note.ok()) << note.error().message;
    EXPECT_EQ(again.state(), State::held);
  }
}

// A condition that cannot run (here: a missing table) leaves the request unchecked and in error;
// it neither holds nor fails, and the statement behind it is not answered.
TEST_P(PreconditionTest, AConditionThatCannotRunIsAnErrorNotAVerdict) {
  Precondition condition("SELECT 1 FROM no_such_table", {});
  {
    PreconditionScope scope(condition);
    auto note = first_note();
    ASSERT_FALSE(note.ok());
    EXPECT_EQ(note.error().code, ErrorCode::internal);
    EXPECT_EQ(condition.state(), State::unchecked);
  }
  auto note = first_note();
  ASSERT_TRUE(note.ok()) << note.error().message;
  EXPECT_EQ(*note, "first note");
}

INSTANTIATE_TEST_SUITE_P(Backends, PreconditionTest, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_name);

}  // namespace
}  // namespace aims::store
