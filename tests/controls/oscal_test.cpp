// OSCAL 1.2.1: every built-in catalog and mapping exports as a document NIST's schemas accept
// (checked by ajv through validate-oscal.mjs), identically each time; an export imports back as
// the same framework; any hand-written OSCAL catalog imports; hostile files are refused with the
// member named, never a crash.
#include "controls/oscal.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

namespace aims::controls {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kLastModified = "2026-11-22T09:30:00Z";

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text)
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// The schemas live beside the repository (../shared/schemas), or where AIMS_SHARED_DIR says.
fs::path schema_dir() {
  const char* shared = std::getenv("AIMS_SHARED_DIR");
  const fs::path root =
      shared && *shared ? fs::path(shared) : fs::path(AIMS_SOURCE_DIR) / ".." / "shared";
  return root / "schemas" / "oscal-1.2.1";
}

std::string node_binary() {
  const std::string configured = AIMS_NODE;
  return configured.empty() || configured.find("NOTFOUND") != std::string::npos ? "node"
                                                                                : configured;
}

struct NodeRun {
  int exit_code = -1;
  std::string output;
};

NodeRun validate(const std::string& schema, const std::vector<fs::path>& files) {
  std::string command =
      shell_quote(node_binary()) + " " +
      shell_quote(std::string(AIMS_SOURCE_DIR) + "/tests/controls/validate-oscal.mjs") + " " +
      shell_quote((schema_dir() / schema).string());
  for (const auto& f : files)
    command += " " + shell_quote(f.string());
  command += " 2>&1";
  NodeRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return run;
  char buffer[4096];
  size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0)
    run.output.append(buffer, n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::printf("%s", run.output.c_str());  // what ajv said, in the test log
  return run;
}

// A directory for the exported files, removed afterwards unless AIMS_OSCAL_KEEP names one to
// keep them in (to look at what aims exports).
class TempDir {
 public:
  TempDir() {
    const char* keep = std::getenv("AIMS_OSCAL_KEEP");
    keep_ = keep && *keep;
    path_ = keep_ ? fs::path(keep)
                  : fs::temp_directory_path() / ("aims-oscal-test-" + std::to_string(getpid()));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    if (!keep_) fs::remove_all(path_, ignored);
  }
  fs::path write(const std::string& name, const json& doc) const {
    const fs::path p = path_ / name;
    std::ofstream(p) << doc.dump(2);
    return p;
  }

 private:
  fs::path path_;
  bool keep_ = false;
};

const Framework& framework(const std::string& key) {
  const Framework* f = built_in_framework(key);
  if (!f) throw std::logic_error("no built-in framework " + key);
  return *f;
}

// Every control id in an exported catalog, nested ones included.
void collect_control_ids(const json& node, std::set<std::string>& out) {
  for (const char* key : {"groups", "controls"}) {
    if (!node.contains(key)) continue;
    for (const auto& child : node[key]) {
      if (std::string(key) == "controls") out.insert(child["id"].get<std::string>());
      collect_control_ids(child, out);
    }
  }
}

TEST(OscalExportTest, EveryBuiltInCatalogIsValidOscal) {
  ASSERT_TRUE(fs::exists(schema_dir() / "oscal_catalog_schema.json")) << schema_dir();
  TempDir dir;
  std::vector<fs::path> files;
  for (const auto& f : built_in_frameworks())
    files.push_back(dir.write("catalog-" + f.key + ".json", oscal_catalog(f, kLastModified)));
  ASSERT_FALSE(files.empty());
  const NodeRun run = validate("oscal_catalog_schema.json", files);
  EXPECT_EQ(run.exit_code, 0) << run.output;
}

TEST(OscalExportTest, EveryBuiltInMappingIsValidOscal) {
  ASSERT_TRUE(fs::exists(schema_dir() / "oscal_mapping_schema.json")) << schema_dir();
  TempDir dir;
  std::vector<fs::path> files;
  for (const auto& m : built_in_mappings()) {
    const json doc = oscal_mapping_collection(m, framework(m.source_framework),
                                              framework(m.target_framework), kLastModified);
    files.push_back(dir.write("mapping-" + m.key + ".json", doc));
  }
  ASSERT_FALSE(files.empty());
  const NodeRun run = validate("oscal_mapping_schema.json", files);
  EXPECT_EQ(run.exit_code, 0) << run.output;
}

// Proves the validator fails when it should, so that a passing run above means something.
TEST(OscalExportTest, TheValidatorRejectsABrokenCatalog) {
  TempDir dir;
  json doc = oscal_catalog(framework(std::string(kIso42001)), kLastModified);
  doc["catalog"]["uuid"] = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";  // version 1
  doc["catalog"]["groups"][0]["id"] = "4";                          // not a token
  const NodeRun run = validate("oscal_catalog_schema.json", {dir.write("broken.json", doc)});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("/catalog/uuid"), std::string::npos) << run.output;
}

TEST(OscalExportTest, ExportsAreDeterministic) {
  for (const auto& f : built_in_frameworks()) {
    EXPECT_EQ(oscal_catalog(f, kLastModified).dump(), oscal_catalog(f, kLastModified).dump())
        << f.key;
  }
  for (const auto& m : built_in_mappings()) {
    const auto& s = framework(m.source_framework);
    const auto& t = framework(m.target_framework);
    EXPECT_EQ(oscal_mapping_collection(m, s, t, kLastModified).dump(),
              oscal_mapping_collection(m, s, t, kLastModified).dump())
        << m.key;
  }
}

TEST(OscalExportTest, UuidsAreVersion5FormAndStable) {
  const std::regex v5("^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  for (const char* name : {"", "catalog", "a much longer name with spaces and ü"}) {
    EXPECT_TRUE(std::regex_match(oscal_uuid(name), v5)) << oscal_uuid(name);
    EXPECT_EQ(oscal_uuid(name), oscal_uuid(name));
  }
  EXPECT_NE(oscal_uuid("a"), oscal_uuid("b"));
}

TEST(OscalExportTest, IdsAreTokensDerivedFromTheItemIds) {
  Framework f;
  for (const char* id : {"4", "4.1", "A.6.2.6", "GOVERN 1.1", "Art. 26", "Annex III(1)",
                         "CH-III-S1", "A 1", "a-1", "a-1-2", "(x)"})
    f.items.push_back({.id = id, .kind = "requirement", .title = "t"});
  const auto ids = oscal_ids(f);
  EXPECT_EQ(ids.at("4"), "c-4");
  EXPECT_EQ(ids.at("4.1"), "c-4.1");
  EXPECT_EQ(ids.at("A.6.2.6"), "a.6.2.6");
  EXPECT_EQ(ids.at("GOVERN 1.1"), "govern-1.1");
  EXPECT_EQ(ids.at("Art. 26"), "art-26");
  EXPECT_EQ(ids.at("Annex III(1)"), "annex-iii-1");
  EXPECT_EQ(ids.at("CH-III-S1"), "ch-iii-s1");
  EXPECT_EQ(ids.at("(x)"), "x");
  // "A 1" and "a-1" both come out as "a-1": the second gets a suffix that is nobody else's id.
  EXPECT_EQ(ids.at("A 1"), "a-1");
  EXPECT_EQ(ids.at("a-1"), "a-1-3");
  EXPECT_EQ(ids.at("a-1-2"), "a-1-2");
  const std::regex token("^[A-Za-z_][A-Za-z0-9._-]*$");
  std::set<std::string> unique;
  for (const auto& [id, oscal] : ids) {
    EXPECT_TRUE(std::regex_match(oscal, token)) << id << " -> " << oscal;
    EXPECT_TRUE(unique.insert(oscal).second) << oscal;
  }
}

TEST(OscalExportTest, MapsReferToControlsOfTheExportedCatalogs) {
  for (const auto& m : built_in_mappings()) {
    const auto& s = framework(m.source_framework);
    const auto& t = framework(m.target_framework);
    std::set<std::string> source_ids, target_ids;
    collect_control_ids(oscal_catalog(s, kLastModified)["catalog"], source_ids);
    collect_control_ids(oscal_catalog(t, kLastModified)["catalog"], target_ids);
    const json doc = oscal_mapping_collection(m, s, t, kLastModified)["mapping-collection"];
    const json& maps = doc["mappings"][0]["maps"];
    ASSERT_EQ(maps.size(), m.links.size()) << m.key;
    for (size_t n = 0; n < maps.size(); ++n) {
      EXPECT_TRUE(source_ids.contains(maps[n]["sources"][0]["id-ref"].get<std::string>())) << n;
      EXPECT_TRUE(target_ids.contains(maps[n]["targets"][0]["id-ref"].get<std::string>())) << n;
      EXPECT_EQ(maps[n]["relationship"], m.links[n].relationship);
      EXPECT_EQ(maps[n].contains("remarks"), !m.links[n].note.empty());
    }
    // The resources the mapping points at are in its back-matter, titled with the catalogs.
    std::set<std::string> resources;
    for (const auto& r : doc["back-matter"]["resources"])
      resources.insert("#" + r["uuid"].get<std::string>());
    const json& mapping = doc["mappings"][0];
    EXPECT_TRUE(resources.contains(mapping["source-resource"]["href"].get<std::string>()));
    EXPECT_TRUE(resources.contains(mapping["target-resource"]["href"].get<std::string>()));
  }
}

TEST(OscalExportTest, KindsAndLabelsAreKept) {
  const json catalog = oscal_catalog(framework(std::string(kIso42001)), kLastModified)["catalog"];
  // Annex A group A.2 holds control A.2.2, labelled with its id and marked with its kind.
  const json* a2 = nullptr;
  for (const auto& g : catalog["groups"]) {
    if (g["id"] == "a") {
      for (const auto& sub : g["groups"]) {
        if (sub["id"] == "a.2") a2 = &sub;
      }
    }
  }
  ASSERT_NE(a2, nullptr);
  const json& control = (*a2)["controls"][0];
  EXPECT_EQ(control["id"], "a.2.2");
  EXPECT_EQ(control["class"], "control");
  EXPECT_EQ(control["props"][0], (json{{"name", "label"}, {"value", "A.2.2"}}));
  EXPECT_EQ(control["props"][1],
            (json{{"name", "kind"}, {"ns", std::string(kOscalNamespace)}, {"value", "control"}}));
  EXPECT_EQ(control["parts"][0]["name"], "statement");
  EXPECT_EQ(catalog["metadata"]["oscal-version"], "1.2.1");
  EXPECT_EQ(catalog["metadata"]["last-modified"], kLastModified);
  EXPECT_EQ(catalog["metadata"]["version"], "2023 (aims catalog revision 1)");
}

// --- Import -----------------------------------------------------------------------------------

TEST(OscalImportTest, AnExportRoundTrips) {
  for (const auto& original : built_in_frameworks()) {
    const std::string text = oscal_catalog(original, kLastModified).dump();
    auto f = framework_from_oscal(text, original.key + "-copy");
    ASSERT_TRUE(f.ok()) << original.key << ": " << f.error().field << " " << f.error().message;
    EXPECT_EQ(f->key, original.key + "-copy");
    EXPECT_EQ(f->name, original.name);
    EXPECT_EQ(f->short_name, original.short_name);
    EXPECT_EQ(f->publisher, original.publisher);
    EXPECT_EQ(f->edition, original.edition);
    EXPECT_EQ(f->source, original.source);
    EXPECT_EQ(f->revision, original.revision);
    ASSERT_EQ(f->items.size(), original.items.size()) << original.key;
    for (size_t n = 0; n < original.items.size(); ++n) {
      const Item& a = original.items[n];
      const Item& b = f->items[n];
      EXPECT_EQ(b.id, a.id) << original.key << " " << n;
      EXPECT_EQ(b.parent, a.parent) << a.id;
      EXPECT_EQ(b.kind, a.kind) << a.id;
      EXPECT_EQ(b.title, a.title) << a.id;
      EXPECT_EQ(b.description, a.description) << a.id;
      EXPECT_EQ(b.guidance, a.guidance) << a.id;
      EXPECT_EQ(b.documented_information, a.documented_information) << a.id;
      EXPECT_EQ(b.applies_from, a.applies_from) << a.id;
      EXPECT_EQ(b.roles, a.roles) << a.id;
      EXPECT_EQ(b.note, a.note) << a.id;
    }
  }
}

TEST(OscalImportTest, AHandWrittenCatalogImports) {
  const char* text = R"({"catalog": {
    "uuid": "0b6f6c9e-8a4e-4c61-9e0a-2f6d1d3c9a01",
    "metadata": {"title": "Example controls", "last-modified": "2026-01-01T00:00:00Z",
                 "version": "2.0", "oscal-version": "1.2.1", "remarks": "Written for a test."},
    "groups": [{
      "id": "ac", "title": "Access control",
      "parts": [{"name": "overview", "prose": "Not a statement."}],
      "controls": [{
        "id": "ac-1", "title": "Policy and procedures",
        "props": [{"name": "label", "value": "AC-01", "class": "zero-padded"},
                  {"name": "label", "value": "AC-1"},
                  {"name": "sort-id", "value": "ac-01"}],
        "parts": [
          {"id": "ac-1_smt", "name": "statement", "prose": "Develop a policy:",
           "parts": [{"name": "item", "prose": "document it;"},
                     {"name": "item", "parts": [{"name": "item", "prose": "review it."}]}]},
          {"id": "ac-1_gdn", "name": "guidance", "prose": "Keep it short."},
          {"name": "assessment-objective", "prose": "Not imported."}],
        "controls": [{"id": "ac-1.1", "title": "Automated review",
                      "parts": [{"name": "statement", "prose": "Review it by machine."}]}]
      }]
    }],
    "controls": [{"id": "x-1", "title": "A control outside any group"}]
  }})";
  auto f = framework_from_oscal(text, "example-1");
  ASSERT_TRUE(f.ok()) << f.error().field << " " << f.error().message;
  EXPECT_EQ(f->key, "example-1");
  EXPECT_EQ(f->name, "Example controls");
  EXPECT_EQ(f->short_name, "Example controls");
  EXPECT_EQ(f->edition, "2.0");
  EXPECT_EQ(f->source, "Written for a test.");
  EXPECT_EQ(f->revision, 1);
  ASSERT_EQ(f->items.size(), 4u);
  // Controls before groups at each level, parents before children.
  EXPECT_EQ(f->items[0].id, "x-1");
  EXPECT_EQ(f->items[0].kind, "control");
  EXPECT_EQ(f->items[0].parent, "");
  EXPECT_EQ(f->items[0].description, "");
  EXPECT_EQ(f->items[1].id, "ac");
  EXPECT_EQ(f->items[1].kind, "section");
  EXPECT_EQ(f->items[1].title, "Access control");
  EXPECT_EQ(f->items[1].description, "");
  EXPECT_EQ(f->items[2].id, "AC-1");  // the plain label, not the zero-padded one nor the id
  EXPECT_EQ(f->items[2].parent, "ac");
  EXPECT_EQ(f->items[2].kind, "control");
  EXPECT_EQ(f->items[2].title, "Policy and procedures");
  EXPECT_EQ(f->items[2].description, "Develop a policy:\n\ndocument it;\n\nreview it.");
  EXPECT_EQ(f->items[2].guidance, "Keep it short.");
  EXPECT_EQ(f->items[3].id, "ac-1.1");  // no label: the id
  EXPECT_EQ(f->items[3].parent, "AC-1");
  EXPECT_EQ(f->items[3].kind, "control");
  EXPECT_EQ(f->items[3].description, "Review it by machine.");
}

// A catalog of `controls` controls, each nested `depth` deep (1: no nesting).
std::string generated_catalog(size_t controls, size_t depth) {
  json leaf;
  for (size_t d = depth; d-- > 0;) {
    json c = {{"id", "c" + std::to_string(d)}, {"title", "Level " + std::to_string(d)}};
    if (!leaf.is_null()) c["controls"] = json::array({std::move(leaf)});
    leaf = std::move(c);
  }
  json list = json::array();
  for (size_t n = 0; n < controls; ++n) {
    json c = leaf;
    c["id"] = "x" + std::to_string(n);
    list.push_back(std::move(c));
  }
  return json{{"catalog",
               {{"uuid", "0b6f6c9e-8a4e-4c61-9e0a-2f6d1d3c9a01"},
                {"metadata", {{"title", "Generated"}}},
                {"controls", std::move(list)}}}}
      .dump();
}

void expect_refused(std::string_view text, ErrorCode code, const std::string& field) {
  auto f = framework_from_oscal(text, "hostile");
  ASSERT_FALSE(f.ok()) << text.substr(0, 200);
  EXPECT_EQ(f.error().code, code) << f.error().message;
  EXPECT_EQ(f.error().field, field) << f.error().message;
  EXPECT_FALSE(f.error().message.empty());
}

TEST(OscalImportTest, RefusesWhatIsNoCatalog) {
  expect_refused("", ErrorCode::malformed, "");
  expect_refused("{\"catalog\": ", ErrorCode::malformed, "");
  expect_refused("not json at all", ErrorCode::malformed, "");
  expect_refused("[1, 2]", ErrorCode::malformed, "");
  expect_refused("{\"catalog\": {\"title\": \"\xff\"}}", ErrorCode::malformed, "");
  expect_refused("{}", ErrorCode::invalid_argument, "catalog");
  expect_refused(R"({"catalog": []})", ErrorCode::invalid_argument, "catalog");
  expect_refused(R"({"catalog": {}})", ErrorCode::invalid_argument, "catalog.metadata");
  expect_refused(R"({"catalog": {"metadata": {"title": "T"}}})", ErrorCode::invalid_argument,
                 "catalog.controls");
  expect_refused(R"({"catalog": {"metadata": {"title": "T"}, "groups": [{"title": "G"}]}})",
                 ErrorCode::invalid_argument, "catalog.controls");
}

TEST(OscalImportTest, RefusesTooManyOrTooDeep) {
  EXPECT_TRUE(framework_from_oscal(generated_catalog(5000, 1), "k").ok());
  expect_refused(generated_catalog(6000, 1), ErrorCode::invalid_argument, "catalog");
  EXPECT_TRUE(framework_from_oscal(generated_catalog(1, 20), "k").ok());
  std::string deep_path = "catalog.controls[0]";
  for (int level = 2; level <= 21; ++level)
    deep_path += ".controls[0]";
  expect_refused(generated_catalog(1, 30), ErrorCode::invalid_argument, deep_path);

  // Nesting that is only JSON: parsed without recursion, refused as no catalog.
  const std::string arrays = std::string(100000, '[') + std::string(100000, ']');
  expect_refused(arrays, ErrorCode::malformed, "");
  std::string objects;
  for (int n = 0; n < 100000; ++n)
    objects += "{\"catalog\":";
  objects += "{}" + std::string(100000, '}');
  expect_refused(objects, ErrorCode::invalid_argument, "catalog.metadata");

  std::string parts = R"({"name": "item", "prose": "deep"})";
  for (int n = 0; n < 30; ++n)
    parts = R"({"name": "item", "parts": [)" + parts + "]}";
  expect_refused(R"({"catalog": {"metadata": {"title": "T"}, "controls": [{"id": "a", "title": "A",
                     "parts": [{"name": "statement", "parts": [)" +
                     parts + "]}]}]}}",
                 ErrorCode::invalid_argument, [] {
                   std::string p = "catalog.controls[0].parts[0]";
                   for (int n = 2; n <= 21; ++n)
                     p += ".parts[0]";
                   return p;
                 }());
}

TEST(OscalImportTest, NamesTheOscalMemberThatBreaksARule) {
  const auto catalog = [](const std::string& controls) {
    return R"({"catalog": {"metadata": {"title": "T"}, "controls": [)" + controls + "]}}";
  };
  expect_refused(catalog(R"({"title": "No id"})"), ErrorCode::invalid_argument,
                 "catalog.controls[0].id");
  expect_refused(catalog(R"({"id": "a"})"), ErrorCode::invalid_argument,
                 "catalog.controls[0].title");
  expect_refused(catalog(R"({"id": "a", "title": 7})"), ErrorCode::invalid_argument,
                 "catalog.controls[0].title");
  expect_refused(catalog(R"({"id": "a", "title": ")" + std::string(600, 'x') + "\"}"),
                 ErrorCode::invalid_argument, "catalog.controls[0].title");
  expect_refused(catalog(R"({"id": "a", "title": "A", "parts": [{"name": "statement", "prose": ")" +
                         std::string(20001, 'x') + "\"}]}"),
                 ErrorCode::invalid_argument, "catalog.controls[0].parts");
  expect_refused(catalog(R"({"id": ")" + std::string(101, 'a') + R"(", "title": "A"})"),
                 ErrorCode::invalid_argument, "catalog.controls[0].id");
  expect_refused(catalog(R"({"id": "a", "title": "A"}, {"id": "b", "title": "B",
                             "props": [{"name": "label", "value": "a"}]})"),
                 ErrorCode::invalid_argument, "catalog.controls[1].props");
  expect_refused(catalog(R"({"id": "a", "title": "A", "props": {"name": "label"}})"),
                 ErrorCode::invalid_argument, "catalog.controls[0].props");
  expect_refused(catalog(R"({"id": "a", "title": "A", "props": [{"name": "label"}]})"),
                 ErrorCode::invalid_argument, "catalog.controls[0].props[0]");
  expect_refused(catalog(R"({"id": "a", "title": "A", "controls": "b"})"),
                 ErrorCode::invalid_argument, "catalog.controls[0].controls");
  expect_refused(catalog(R"("a")"), ErrorCode::invalid_argument, "catalog.controls[0]");
  expect_refused(catalog(R"({"id": "a", "title": "A", "props": [{"name": "kind", "value": "x",
                             "ns": "https://aims.example.org/ns/oscal"}]})"),
                 ErrorCode::invalid_argument, "catalog.controls[0].props");
  expect_refused(R"({"catalog": {"metadata": {"title": ")" + std::string(501, 't') +
                     R"("}, "controls": [{"id": "a", "title": "A"}]}})",
                 ErrorCode::invalid_argument, "catalog.metadata.title");
  auto bad_key = framework_from_oscal(catalog(R"({"id": "a", "title": "A"})"), "no spaces please");
  ASSERT_FALSE(bad_key.ok());
  EXPECT_EQ(bad_key.error().field, "key");
}

}  // namespace
}  // namespace aims::controls
