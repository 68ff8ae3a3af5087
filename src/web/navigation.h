// The sidebar's entries, registered by the modules that own the pages: the platform keeps no
// list of domain sections.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/roles.h"

namespace aims::web {

struct NavEntry {
  std::string group;    // "" for the top entries, else "Inventory", "Operate", ...
  int group_order = 0;  // groups appear by this number, then by name
  std::string section;  // the PageInfo::section that highlights it
  std::string label;
  std::string href;
  int order = 100;                    // within the group
  std::optional<auth::Action> needs;  // shown only to roles that may do this
};

// Adds an entry (at start-up, from the composition root). A second entry with the same section
// replaces the first, so registering twice is harmless.
void add_nav_entry(NavEntry entry);

// The entries `role` sees, grouped and ordered.
struct NavGroupView {
  std::string label;
  std::vector<const NavEntry*> entries;
};
std::vector<NavGroupView> navigation_for(auth::Role role);

}  // namespace aims::web
