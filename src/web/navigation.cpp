#include "web/navigation.h"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>

namespace aims::web {
namespace {

struct Registry {
  std::mutex mutex;
  std::vector<std::unique_ptr<NavEntry>> entries;
};

Registry& registry() {
  static Registry r;
  return r;
}

}  // namespace

void add_nav_entry(NavEntry entry) {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  for (auto& existing : r.entries) {
    if (existing->section == entry.section) {
      *existing = std::move(entry);
      return;
    }
  }
  r.entries.push_back(std::make_unique<NavEntry>(std::move(entry)));
}

std::vector<NavGroupView> navigation_for(auth::Role role) {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  std::vector<const NavEntry*> visible;
  for (const auto& e : r.entries) {
    if (!e->needs || auth::can(role, *e->needs)) visible.push_back(e.get());
  }
  std::stable_sort(visible.begin(), visible.end(), [](const NavEntry* a, const NavEntry* b) {
    if (a->group_order != b->group_order) return a->group_order < b->group_order;
    if (a->group != b->group) return a->group < b->group;
    return a->order < b->order;
  });
  std::vector<NavGroupView> groups;
  for (const NavEntry* e : visible) {
    if (groups.empty() || groups.back().label != e->group) groups.push_back({e->group, {}});
    groups.back().entries.push_back(e);
  }
  return groups;
}

}  // namespace aims::web
