// Customers and the split of responsibilities (ISO/IEC 42001 Annex A.10.2 and A.10.4): who
// receives the organisation's AI systems, what they were told and acknowledged, the notices sent
// to them, and which party (the organisation, a supplier or a customer) carries each EU AI Act
// duty of an AI system.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "records/records.h"
#include "store/database.h"

namespace aims::customers {

// Customers: name, kind, contact, the AI systems they receive, the information and documents
// they received (the instructions for use), the obligations they acknowledged (on which day, by
// whom), the contract, the relationship owner and the next review (due).
const records::Description& customers();
// Notices sent to customers: which customers, what kind (a change, an incident, new instructions,
// the end of service), the AI system and incident, when, by whom, through which channel, the
// content and when it was acknowledged.
const records::Description& customer_notices();
// One duty of one AI system and the party that carries it: the organisation (with an accountable
// person), a supplier or a customer; how it is met, the evidence, and whether it is agreed.
const records::Description& responsibilities();
void define_registers();

// An EU AI Act duty aims knows by heart, in its own words with the article it comes from.
struct Duty {
  const char* key;      // the responsibility's `duty` value: "art_9"
  const char* article;  // "Art. 9"
  const char* title;    // "Risk management system"
};

// Every duty of the catalog, providers' first.
const std::vector<Duty>& all_duties();
// The duties of an AI system given its `org_role` and `eu_ai_act_class` values: a provider (or
// the developer placing it on the market) of a high-risk system has Art. 16's list, a deployer
// Art. 26's and 27's; a system with transparency obligations has Art. 50's of its role. None for
// other classes and for importers and distributors.
std::vector<Duty> duties_for(const std::string& org_role, const std::string& eu_class);

// Adds a responsibility, not yet allocated nor agreed, for each duty of the system's role that it
// has none for yet, in one transaction; returns how many it added (0 the second time).
// Errors: not_found (no such system in the organisation).
Result<int64_t> add_default_responsibilities(store::Database& db, int64_t org, int64_t system_id,
                                             const records::Caller& caller);

// The split of one AI system's duties as a matrix: a row per duty, a column per party.
struct Cell {
  int64_t responsibility_id = 0;
  std::string status;  // agreed, not_agreed, not_applicable
};
struct MatrixRow {
  std::string duty;      // the duty's key, or "other"
  std::string label;     // "Art. 9 Risk management system", or the duty in the owner's words
  bool of_role = false;  // one of the duties of the system's role
  std::vector<std::vector<Cell>> cells;  // per column of Matrix::parties
  std::vector<Cell> unallocated;         // recorded without a party yet
  std::string gap;                       // why the duty is not settled, in words; empty when it is
};
struct Party {
  std::string kind;  // organisation, supplier, customer
  int64_t id = 0;    // the supplier or customer; 0 for the organisation
  std::string name;
};
struct Matrix {
  int64_t system_id = 0;
  std::string system;
  std::string role;             // org_role's label
  std::vector<Party> parties;   // the organisation first, then suppliers and customers by name
  std::vector<MatrixRow> rows;  // the role's duties in catalog order, then the others
  int gaps = 0;
};
// Errors: not_found (no such system in the organisation).
Result<Matrix> matrix(store::Database& db, int64_t org, int64_t system_id);

}  // namespace aims::customers
