// The AI inventory (ISO/IEC 42001 clauses 4.1, 4.3; Annex A.4, A.6.2.2, A.7, A.9.4, A.10.3): its
// four registers live on the records platform (inventory/registers.h); this module adds the AIMS
// scope statement and the in-scope and excluded systems computed from the inventory.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "inventory/registers.h"
#include "store/database.h"
#include "trail/trail.h"

namespace aims::inventory {

struct ScopedSystem {
  int64_t id = 0;
  std::string name;
  std::string lifecycle_stage;
  std::string eu_ai_act_class;
  std::string owner;
  std::string reason;  // for excluded systems
};

struct Scope {
  std::string statement;
  int64_t version = 0;  // 0 until the statement is first written
  std::vector<ScopedSystem> in_scope;
  std::vector<ScopedSystem> excluded;
};

Result<Scope> scope(store::Database& db, int64_t org);
// For other modules: every AI system's id and name (archived ones included), by name.
Result<std::vector<std::pair<int64_t, std::string>>> system_names(store::Database& db, int64_t org);
// Errors: invalid_argument on "statement", stale_version.
Result<Scope> set_scope_statement(store::Database& db, int64_t org, const std::string& statement,
                                  int64_t expected_version, const trail::Actor& actor);

}  // namespace aims::inventory
