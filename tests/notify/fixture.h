// Alpha's organisation (from the inventory fixture) with a server key, the registers announcing
// their writes, and a clock the test moves by hand.
#pragma once

#include <gtest/gtest.h>

#include "base/time.h"
#include "inventory/fixture.h"
#include "inventory/inventory.h"
#include "notify/local_servers.h"
#include "notify/notify.h"
#include "notify/settings.h"
#include "notify/worker.h"
#include "support/backends.h"

namespace aims::notify::testing {

class NotifyTest : public inventory::testing::InventoryTest {
 protected:
  void SetUp() override {
    InventoryTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    inventory::define_registers();
    watch_registers();
    auto keys = trail::SigningKeys::open_or_create(aims::testing::fresh_key_file_path());
    ASSERT_TRUE(keys.ok());
    keys_.emplace(std::move(*keys));
    clock_ = now_micros() + 60 * 1'000'000;  // a minute ahead: what a test queues is due
  }

  Deliverer deliverer(store::Database& db) {
    return Deliverer(db, *keys_, {.allow_private = true, .clock = [this] { return clock_; }});
  }

  void advance(int64_t seconds) { clock_ += seconds * 1'000'000; }

  const trail::Actor admin_actor_{"user", std::nullopt, "owner@alpha.test"};
  std::optional<trail::SigningKeys> keys_;
  int64_t clock_ = 0;
};

}  // namespace aims::notify::testing
