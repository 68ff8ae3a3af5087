// A small prediction log several suites reason about by hand: 16 decisions, 8 per group of the
// column g, the first `positives_a` of group a and `positives_b` of group b predicted 1; labels
// equal predictions, so accuracy is 1 and only fairness (or a robustness pair) can fail.
#pragma once

#include <string>
#include <utility>

namespace aims::testing {

inline std::string two_group_log(int positives_a, int positives_b) {
  std::string csv = "id,g,pred,label\n";
  int id = 0;
  for (const auto& [group, positives] : {std::pair{"a", positives_a}, {"b", positives_b}}) {
    for (int i = 0; i < 8; ++i) {
      const int p = i < positives ? 1 : 0;
      csv += "r" + std::to_string(++id) + "," + group + "," + std::to_string(p) + "," +
             std::to_string(p) + "\n";
    }
  }
  return csv;
}

}  // namespace aims::testing
