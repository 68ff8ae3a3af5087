// What the documents tests share: a database with two organisations, an author and an approver
// (AIMS managers), an AI policy whose commitments are tied to its sections, and helpers to move a
// document along its workflow.
#pragma once

#include <map>
#include <string>

#include <gtest/gtest.h>

#include "documents/documents.h"
#include "inventory/fixture.h"
#include "trail/trail.h"

namespace aims::documents {

using records::Caller;
using records::Record;
using Values = std::map<std::string, records::FieldValue>;

// One heading for each of the five commitments, under the title.
constexpr const char* kPolicyText =
    "# AI policy\n\n## Purpose\n\nWe score credit fairly.\n\n## Objectives\n\nWe set objectives "
    "for responsible AI.\n\n## Obligations\n\nWe meet the law.\n\n## Improvement\n\nWe review "
    "this policy yearly.\n\n## Communication\n\nEvery employee reads it.";

class DocumentsTest : public inventory::testing::InventoryTest {
 protected:
  void SetUp() override {
    InventoryTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    define_registers();
    admin_ = person(alpha_.users[0], "owner@alpha.test", auth::Role::admin);
    contributor_ = person(alpha_.users[1], "second@alpha.test", auth::Role::contributor);
    author_ = add_person("author@alpha.test", auth::Role::aims_manager, "author@alpha.test");
    approver_ = add_person("approver@alpha.test", auth::Role::aims_manager, "approver@alpha.test");
  }

  static Caller person(int64_t id, const std::string& email, auth::Role role) {
    return {{"user", id, email}, id, role};
  }

  // An AI policy written by the author and owned by the admin, each commitment tied to a section.
  Record policy(Values extra = {}) const {
    Record r;
    r.values = {{"title", std::string("AI policy")},
                {"document_type", std::string("ai_policy")},
                {"owner_id", admin_.user_id.value()},
                {"body", std::string(kPolicyText)},
                {"review_interval_months", int64_t(12)},
                {"effective_date", std::string("2026-01-15")},
                {"commitment_purpose", std::string("Purpose")},
                {"commitment_objectives", std::string("Objectives")},
                {"commitment_requirements", std::string("Obligations")},
                {"commitment_improvement", std::string("Improvement")},
                {"commitment_communication", std::string("Communication")}};
    for (auto& [k, v] : extra)
      r.values[k] = v;
    return r;
  }

  Record must_create(const Record& r) {
    auto created = records::create(*db_, documents(), alpha_.org, r, author_);
    EXPECT_TRUE(created.ok()) << (created.ok()
                                      ? ""
                                      : created.error().field + ": " + created.error().message);
    return created.ok() ? *created : Record{};
  }

  Result<Record> read(int64_t id) { return records::get(*db_, documents(), alpha_.org, id); }

  Result<records::TransitionOutcome> step(int64_t id, const std::string& name, const Caller& who,
                                          const std::string& reason = "", Values values = {}) {
    TRY_ASSIGN(const Record current, read(id));
    Record set;
    set.values = std::move(values);
    return records::transition(*db_, documents(), alpha_.org, id,
                               {name, reason, set, current.version}, who);
  }

  // Submitted by the author naming `approver`.
  Result<records::TransitionOutcome> submit(int64_t id, const std::string& summary,
                                            const Caller& approver) {
    return step(id, "submit", author_, summary, {{"approver_id", approver.user_id.value()}});
  }

  Result<Record> edit(int64_t id, Values values) {
    TRY_ASSIGN(const Record current, read(id));
    Record changes;
    changes.values = std::move(values);
    return records::update(*db_, documents(), alpha_.org, id, changes, current.version, author_);
  }

  // Submitted with a change summary naming the approver, who neither wrote nor owns it and
  // approves it.
  void publish(int64_t id, const std::string& summary) {
    auto submitted = submit(id, summary, approver_);
    ASSERT_TRUE(submitted.ok()) << submitted.error().field << ": " << submitted.error().message;
    auto approved = step(id, "approve", approver_, "reviewed");
    ASSERT_TRUE(approved.ok()) << approved.error().message;
    ASSERT_TRUE(approved->moved);
  }

  Caller admin_, contributor_, author_, approver_;
};

}  // namespace aims::documents
