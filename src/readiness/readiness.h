// The readiness rules: how a requirement's status is worked out from records. Each domain module
// adds the rules for what its own records prove; the controls module reads them all. Platform
// code: it knows no module and no framework beyond the keys rules give.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/result.h"
#include "store/database.h"

namespace aims::readiness {

enum class Status { met, partial, not_met, not_applicable };

std::string_view label(Status status);  // "Met", "Partially met", "Not met", "Not applicable"
std::string_view key(Status status);    // "met", "partial", "not_met", "not_applicable"

// A record a finding was read from, as a person follows it.
struct Link {
  std::string label;  // "Retail credit scoring"
  std::string href;   // "/inventory/systems/1"
};

// What a rule found, in words, with the records it read and where the gap is closed.
struct Finding {
  Status status = Status::not_met;
  std::string reason;  // "3 of 7 AI systems in scope have no active monitor."
  std::vector<Link> links;
  Link fix;  // the page that closes the gap (empty label: none)
};

struct Rule {
  std::string framework;    // the catalog's key: "iso-iec-42001-2023"
  std::string requirement;  // the item's id: "4.3", "A.6.2.6"
  // What the rule reads, in people's words ("AI system inventory", "AIMS scope statement"): the
  // readiness page says so, so nobody has to guess where a status comes from.
  std::vector<std::string> reads;
  std::function<Result<Finding>(store::Database& db, int64_t org)> assess;
};

// "1 risk", "3 risks": counts in a finding's reason read as sentences.
std::string counted(int64_t n, std::string_view one, std::string_view many);

// A finding over `total` records of which `gaps` fall short: met, saying `all_met`, when none
// does; otherwise partial (some) or not met (all) with the reason "2 AI systems of 7 in use have
// no approved plan.", the gaps as its links and `fix`. `what_is_missing` follows the count
// ("in use {have} no approved plan for {their} decisions."): "{have}" and "{their}" agree with
// the number of gaps.
Finding counted_gaps(size_t total, std::vector<Link> gaps, std::string_view one,
                     std::string_view many, const std::string& what_is_missing,
                     const std::string& all_met, Link fix);

// Adds a rule; a second rule for the same requirement is a bug and throws. Modules call it once
// at start-up (from their define_registers, behind a std::once_flag).
void add_rule(Rule rule);
const std::vector<Rule>& rules();
const Rule* rule_for(std::string_view framework, std::string_view requirement);

}  // namespace aims::readiness
