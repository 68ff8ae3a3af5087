// The AI policy's commitments (clause 5.2): each one the author ties to a heading of the policy's
// text, and whether the text has that heading.
#include <algorithm>

#include "base/text.h"
#include "documents/documents.h"

namespace aims::documents {

const std::vector<Commitment>& commitments() {
  static const std::vector<Commitment> all = {
      {"commitment_purpose", "Fits the purpose of the organisation"},
      {"commitment_objectives", "A framework for setting AI objectives"},
      {"commitment_requirements", "A commitment to meet applicable requirements"},
      {"commitment_improvement", "A commitment to continual improvement of the AIMS"},
      {"commitment_communication", "How the policy is communicated and made available"},
  };
  return all;
}

// ATX headings only ("## Scope"); the closing hashes some authors add are not part of the name.
std::vector<std::string> headings(const std::string& markdown) {
  std::vector<std::string> out;
  bool fenced = false;
  for (auto line : split(markdown, '\n')) {
    const std::string text(trim(line));
    if (text.starts_with("```") || text.starts_with("~~~")) fenced = !fenced;
    if (fenced || !text.starts_with('#')) continue;
    const size_t level = text.find_first_not_of('#');
    if (level == std::string::npos || level > 6 || text[level] != ' ') continue;
    std::string name(trim(std::string_view(text).substr(level)));
    while (!name.empty() && name.back() == '#')
      name.pop_back();
    out.emplace_back(trim(name));
  }
  return out;
}

std::vector<CommitmentCheck> check_commitments(const records::Record& document) {
  const auto present = headings(document.text("body"));
  std::vector<CommitmentCheck> out;
  for (const auto& c : commitments()) {
    const std::string wanted(trim(document.text(c.field)));
    const bool found =
        !wanted.empty() && std::any_of(present.begin(), present.end(), [&](const std::string& h) {
          return to_lower_ascii(h) == to_lower_ascii(wanted);
        });
    out.push_back({&c, wanted, found});
  }
  return out;
}

}  // namespace aims::documents
