// Checks the layering docs/architecture.md draws: a folder of src/ includes only its own files,
// folders of lower layers, and (between domain modules) another module's public header.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

struct Layer {
  std::string folder;  // below src/, e.g. "auth/routes"; a file's folder is the longest match
  int level = 0;
  bool domain = false;  // domain modules may use each other, through <module>/<module>.h only
};

// The same table as the diagram in docs/architecture.md; a new folder must be placed in both.
const std::vector<Layer>& layers() {
  static const std::vector<Layer> table = {
      {"base", 0},
      {"assets", 0},
      {"monitoring/engine", 1},
      {"store", 1},
      {"trail", 2},
      {"auth", 3},
      {"http", 4},
      {"report", 4},
      {"command", 4},
      {"web", 5},
      {"records", 5},
      {"readiness", 5},
      {"auth/routes", 6},
      {"trail/routes", 6},
      {"overview", 6},
      {"notify", 6},
      {"records/routes", 7},
      {"notify/routes", 7},
      {"inventory", 8, true},
      {"improvement", 8, true},
      {"monitoring", 8, true},
      {"documents", 8, true},
      {"controls", 8, true},
      {"risk", 8, true},
      {"impact", 8, true},
      {"context", 8, true},
      {"objectives", 8, true},
      {"leadership", 8, true},
      {"roles", 8, true},
      {"review", 8, true},
      {"concerns", 8, true},
      {"data", 8, true},
      {"internal_audit", 8, true},
      {"customers", 8, true},
      {"suppliers", 8, true},
      {"resources", 8, true},
      {"data_quality", 8, true},
      {"lifecycle", 8, true},
      {"retention", 8, true},
      {"transparency", 8, true},
      {"technical_file", 8, true},
      {"oversight", 8, true},
      {"cli", 9},
      {"main.cpp", 10},
  };
  return table;
}

// The layer `path` (relative to src/: "auth/routes/api.cpp", "auth/auth.h") belongs to.
std::optional<Layer> layer_of(const std::string& path) {
  std::optional<Layer> best;
  for (const Layer& layer : layers()) {
    const bool inside = path == layer.folder || path.starts_with(layer.folder + "/");
    if (inside && (!best || layer.folder.size() > best->folder.size())) best = layer;
  }
  return best;
}

bool is_public_header(const Layer& module, const std::string& include) {
  const std::string name = module.folder.substr(module.folder.rfind('/') + 1);
  return include == module.folder + "/" + name + ".h";
}

// What is wrong with `file` (relative to src/) including `include`, or nothing.
std::optional<std::string> violation(const fs::path& src, const std::string& file,
                                     const std::string& include) {
  if (include.find('/') == std::string::npos || !fs::exists(src / include))
    return std::nullopt;  // a sibling file or a third-party header
  auto from = layer_of(file);
  auto to = layer_of(include);
  if (!from) return file + " is in a folder with no layer: add it to the table";
  if (!to) return include + " is in a folder with no layer: add it to the table";
  if (from->folder == to->folder || to->level < from->level) return std::nullopt;
  if (from->domain && to->domain && to->level == from->level && is_public_header(*to, include))
    return std::nullopt;
  return file + " (" + from->folder + ", layer " + std::to_string(from->level) + ") includes " +
         include + " (" + to->folder + ", layer " + std::to_string(to->level) + ")";
}

std::vector<std::string> layering_violations(const fs::path& src) {
  static const std::regex quoted_include(R"(^\s*#\s*include\s+"([^"]+)\")");
  std::vector<std::string> found;
  for (const auto& entry : fs::recursive_directory_iterator(src)) {
    const auto ext = entry.path().extension();
    if (!entry.is_regular_file() || (ext != ".h" && ext != ".cpp")) continue;
    const std::string file = entry.path().lexically_relative(src).generic_string();
    std::ifstream in(entry.path());
    std::smatch match;
    for (std::string line; std::getline(in, line);) {
      if (!std::regex_search(line, match, quoted_include)) continue;
      if (auto problem = violation(src, file, match[1].str())) found.push_back(*problem);
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

TEST(Layering, TheSourceTreeKeepsItsLayers) {
  const auto found = layering_violations(fs::path(AIMS_SOURCE_DIR) / "src");
  EXPECT_TRUE(found.empty()) << [&] {
    std::string all;
    for (const auto& f : found)
      all += "\n  " + f;
    return "layering broken:" + all;
  }();
}

// The check itself, on a small tree with one of each case, so a regex that matches nothing
// cannot make the test above pass by finding nothing.
TEST(Layering, NamesEachIncludeThatReachesUp) {
  const fs::path src = fs::temp_directory_path() / ("aims-layering-" + std::to_string(::getpid()));
  fs::remove_all(src);
  write_file(src / "auth/auth.h", "#pragma once\n");
  write_file(src / "http/app.h", "#pragma once\n");
  write_file(src / "web/web.h", "#pragma once\n");
  write_file(src / "inventory/inventory.h", "#pragma once\n");
  write_file(src / "inventory/store.h", "#pragma once\n");
  // Allowed: a lower layer, its own folder, another domain module's public header, a sibling.
  write_file(src / "http/app.cpp", "#include \"http/app.h\"\n#include \"auth/auth.h\"\n");
  write_file(src / "improvement/incidents.cpp",
             "#include \"inventory/inventory.h\"\n#include \"local.h\"\n");
  // Refused: a core folder reaching up to http/ and web/, and a domain module's private header.
  write_file(src / "auth/sessions.cpp", "#include \"http/app.h\"\n  #  include \"web/web.h\"\n");
  write_file(src / "monitoring/runs.cpp", "#include \"inventory/store.h\"\n");

  const std::vector<std::string> expected = {
      "auth/sessions.cpp (auth, layer 3) includes http/app.h (http, layer 4)",
      "auth/sessions.cpp (auth, layer 3) includes web/web.h (web, layer 5)",
      "monitoring/runs.cpp (monitoring, layer 8) includes inventory/store.h (inventory, layer 8)",
  };
  EXPECT_EQ(layering_violations(src), expected);
  fs::remove_all(src);
}

}  // namespace
