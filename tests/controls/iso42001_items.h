// The items of ISO/IEC 42001:2023 as the standard numbers them, written out by hand from
// ../shared/reference/standards-facts.md, for the suites that check the catalog and its exports.
#pragma once

#include <string>
#include <vector>

namespace aims::controls::testing {

// standards-facts.md section 1: the 32 lowest-level sub-clauses of clauses 4 to 10.
inline const std::vector<std::string> kIsoClauses = {
    "4.1", "4.2", "4.3", "4.4",   "5.1",   "5.2",   "5.3",   "6.1.1", "6.1.2", "6.1.3", "6.1.4",
    "6.2", "6.3", "7.1", "7.2",   "7.3",   "7.4",   "7.5.1", "7.5.2", "7.5.3", "8.1",   "8.2",
    "8.3", "8.4", "9.1", "9.2.1", "9.2.2", "9.3.1", "9.3.2", "9.3.3", "10.1",  "10.2"};

// Section 2: the 38 Annex A controls.
inline const std::vector<std::string> kAnnexA = {
    "A.2.2",   "A.2.3",   "A.2.4",   "A.3.2",   "A.3.3",   "A.4.2",   "A.4.3",   "A.4.4",
    "A.4.5",   "A.4.6",   "A.5.2",   "A.5.3",   "A.5.4",   "A.5.5",   "A.6.1.2", "A.6.1.3",
    "A.6.2.2", "A.6.2.3", "A.6.2.4", "A.6.2.5", "A.6.2.6", "A.6.2.7", "A.6.2.8", "A.7.2",
    "A.7.3",   "A.7.4",   "A.7.5",   "A.7.6",   "A.8.2",   "A.8.3",   "A.8.4",   "A.8.5",
    "A.9.2",   "A.9.3",   "A.9.4",   "A.10.2",  "A.10.3",  "A.10.4"};

}  // namespace aims::controls::testing
