// The one list of readiness rules, filled by the modules at start-up and read-only after.
#include "readiness/readiness.h"

#include <mutex>
#include <stdexcept>
#include <tuple>

namespace aims::readiness {
namespace {

std::vector<Rule>& registry() {
  static std::vector<Rule> list;
  return list;
}

std::mutex& registry_mutex() {
  static std::mutex m;
  return m;
}

}  // namespace

std::string_view label(Status status) {
  switch (status) {
    case Status::met:
      return "Met";
    case Status::partial:
      return "Partially met";
    case Status::not_met:
      return "Not met";
    case Status::not_applicable:
      return "Not applicable";
  }
  return "";
}

std::string_view key(Status status) {
  switch (status) {
    case Status::met:
      return "met";
    case Status::partial:
      return "partial";
    case Status::not_met:
      return "not_met";
    case Status::not_applicable:
      return "not_applicable";
  }
  return "";
}

void add_rule(Rule rule) {
  std::lock_guard lock(registry_mutex());
  for (const auto& r : registry()) {
    if (r.framework != rule.framework || r.requirement != rule.requirement) continue;
    throw std::logic_error("two readiness rules for " + rule.framework + " " + rule.requirement);
  }
  registry().push_back(std::move(rule));
}

const std::vector<Rule>& rules() {
  return registry();
}

const Rule* rule_for(std::string_view framework, std::string_view requirement) {
  for (const auto& r : registry()) {
    if (r.framework == framework && r.requirement == requirement) return &r;
  }
  return nullptr;
}

std::string counted(int64_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

namespace {

std::string agreeing(std::string text, bool one) {
  for (const auto& [word, single, plural] :
       {std::tuple{"{have}", "has", "have"}, std::tuple{"{their}", "its", "their"}}) {
    for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at))
      text.replace(at, std::string_view(word).size(), one ? single : plural);
  }
  return text;
}

}  // namespace

Finding counted_gaps(size_t total, std::vector<Link> gaps, std::string_view one,
                     std::string_view many, const std::string& what_is_missing,
                     const std::string& all_met, Link fix) {
  if (gaps.empty()) return {Status::met, all_met, {}, {}};
  Finding f;
  f.status = gaps.size() < total ? Status::partial : Status::not_met;
  f.reason = counted(static_cast<int64_t>(gaps.size()), one, many) + " of " +
             std::to_string(total) + " " + agreeing(what_is_missing, gaps.size() == 1);
  f.links = std::move(gaps);
  f.fix = std::move(fix);
  return f;
}

}  // namespace aims::readiness
