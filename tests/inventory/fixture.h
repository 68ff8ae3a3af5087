// A migrated database with two organisations, their people, and helpers to build inventory
// records (for the inventory store and exchange suites).
#pragma once

#include "auth/auth.h"
#include "inventory/inventory.h"
#include "records/exchange.h"
#include "records/records.h"
#include "support/backends.h"

namespace aims::inventory::testing {

using records::Record;

inline const trail::Actor kTrailActor{"user", 1, "owner@alpha.test"};
inline const records::Caller kActor{kTrailActor, 1, auth::Role::admin};

class InventoryTest : public aims::testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    define_registers();
    alpha_ = seed("Alpha", {"owner@alpha.test", "second@alpha.test", "gone@alpha.test"});
    beta_ = seed("Beta", {"owner@beta.test"});
    auto gone = auth::find_user_by_email(*db_, alpha_.org, "gone@alpha.test");
    ASSERT_TRUE(gone.ok());
    ASSERT_TRUE(auth::update_user(*db_, alpha_.org, gone->id,
                                  {std::nullopt, std::nullopt, "disabled", gone->version},
                                  kTrailActor)
                    .ok());
  }

  struct Org {
    int64_t org = 0;
    std::vector<int64_t> users;
  };

  Org seed(const std::string& name, const std::vector<std::string>& emails) {
    Org o;
    auto created = auth::create_organisation(
        *db_, name, {emails[0], "Owner of " + name, "admin", "a long test passphrase"},
        kTrailActor);
    EXPECT_TRUE(created.ok());
    if (!created.ok()) return o;
    o.org = created->first.id;
    o.users.push_back(created->second.user.id);
    for (size_t i = 1; i < emails.size(); ++i) {
      auto u = auth::add_user(*db_, o.org, {emails[i], "", "contributor", "a long test passphrase"},
                              kTrailActor);
      EXPECT_TRUE(u.ok());
      if (u.ok()) o.users.push_back(u->user.id);
    }
    return o;
  }

  // Another person of alpha with `role`, acting as themselves; named "Person <email>" unless
  // `name` says otherwise.
  records::Caller add_person(const std::string& email, auth::Role role, std::string name = "") {
    if (name.empty()) name = "Person " + email;
    auto user = auth::add_user(
        *db_, alpha_.org,
        {email, name, std::string(auth::to_string(role)), "a long test passphrase"}, kTrailActor);
    EXPECT_TRUE(user.ok());
    if (!user.ok()) return {};
    return {{"user", user->user.id, email}, user->user.id, role};
  }

  Record system(const std::string& name, int64_t owner) const {
    Record r;
    r.values = {{"name", name},
                {"purpose", std::string("Purpose of ") + name},
                {"org_role", std::string("deployer")},
                {"owner_id", owner},
                {"eu_ai_act_class", std::string("minimal")},
                {"eu_class_rationale", std::string("No Annex III use")}};
    return r;
  }

  int64_t must_create(int64_t org, const records::Description& kind, const Record& r) {
    auto created = records::create(*db_, kind, org, r, kActor);
    EXPECT_TRUE(created.ok()) << (created.ok()
                                      ? ""
                                      : created.error().field + ": " + created.error().message);
    return created.ok() ? created->id : 0;
  }

  Org alpha_, beta_;
};

}  // namespace aims::inventory::testing
