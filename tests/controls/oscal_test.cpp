// OSCAL 1.2.1: every built-in catalog and mapping exports as a document NIST's schemas accept
// (checked by ajv through validate-oscal.mjs), identically each time; an export imports back as
// the same framework; any hand-written OSCAL catalog imports; hostile files are refused with the
// member named, never a crash. The SoA and readiness export as a system security plan, a component
// definition and assessment results that the schemas accept and that say what the input says.
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

#include "controls/oscal_implementation.h"

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

// --- Implementation and readiness ---------------------------------------------------------------

// Meridian's SoA by hand: an implemented control with evidence for "Credit scoring", one excluded,
// one partly implemented for no system in particular, one planned for another AI system only, and
// one not yet decided.
Implementation meridian(const std::string& system = "") {
  Implementation impl{.organisation = "Meridian Holdings",
                      .system = system,
                      .system_description = system.empty()
                                                ? "The AI management system of Meridian Holdings."
                                                : "Scores retail credit applications.",
                      .soa_version = "Version 3"};
  impl.controls = {
      {.control = "A.6.2.6",
       .applicability = "applicable",
       .justification = "Credit scoring runs in production and drifts.",
       .implementation = "implemented",
       .owner = "Priya Raman",
       .notes = "Drift and performance are monitored daily;\nalerts go to the model owner.",
       .systems = {"Credit scoring"},
       .evidence = {"Monitoring dashboard export", "Drift report Q3"}},
      {.control = "A.10.3",
       .applicability = "not_applicable",
       .justification = "Meridian supplies no AI to others.",
       .implementation = "not_started"},
      {.control = "A.2.2",
       .applicability = "applicable",
       .justification = "Required for every AIMS.",
       .implementation = "partial",
       .owner = "Tom Okafor"},
      {.control = "A.7.4",
       .applicability = "applicable",
       .justification = "The chatbot is trained on customer conversations.",
       .implementation = "planned",
       .owner = "Priya Raman",
       .systems = {"Customer chatbot"}},
      {.control = "A.9.2", .applicability = "undecided", .implementation = "not_started"},
  };
  return impl;
}

Readiness meridian_readiness() {
  using readiness::Status;
  Readiness r;
  r.items = {
      {.id = "4.3",
       .title = "Determining the scope of the AI management system",
       .kind = "requirement",
       .status = Status::met,
       .reason = "The scope statement is approved.",
       .links = {{"AIMS scope", "/scope"}},
       .source = "records",
       .reads = {"AIMS scope statement"}},
      {.id = "5.2",
       .title = "AI policy",
       .kind = "requirement",
       .status = Status::met,
       .reason = "Assessed by hand on 2026-11-01: the policy is published.",
       .links = {{"AI policy", "/documents/AI policy v2"}},
       .source = "manual"},
      {.id = "6.1.3",
       .title = "AI risk treatment",
       .kind = "requirement",
       .status = Status::partial,
       .reason = "Every Annex A control is decided and justified, but no version is approved.",
       .fix = {"Statement of Applicability", "/controls/soa"},
       .source = "records"},
      {.id = "9.2.2",
       .title = "Internal audit programme",
       .kind = "requirement",
       .status = Status::not_met,
       .reason = "No record shows this yet, and no one has assessed it by hand.",
       .fix = {"Assess it", "/controls/readiness/assessments/new?requirement=9.2.2"},
       .source = "none"},
      {.id = "A.2.2",
       .title = "AI policy",
       .kind = "control",
       .status = Status::partial,
       .reason = "Partially implemented, by the SoA.",
       .source = "soa"},
      {.id = "A.6.2.6",
       .title = "AI system operation and monitoring",
       .kind = "control",
       .status = Status::met,
       .reason = "Implemented, with current evidence: Drift report Q3.",
       .links = {{"SoA entry A.6.2.6", "/controls/soa/entries/6"},
                 {"Drift report Q3", "/controls/evidence/2"}},
       .source = "soa"},
      {.id = "A.10.3",
       .title = "Suppliers",
       .kind = "control",
       .status = Status::not_applicable,
       .reason = "Excluded in the SoA: Meridian supplies no AI to others.",
       .source = "soa"},
  };
  return r;
}

const Framework& iso42001() {
  return framework(std::string(kIso42001));
}

json value_of(Result<json> r) {
  if (!r) throw std::logic_error(r.error().message);
  return std::move(r).value();
}

std::vector<std::string> control_ids(const json& requirements) {
  std::vector<std::string> out;
  for (const auto& r : requirements)
    out.push_back(r["control-id"].get<std::string>());
  return out;
}

const json* prop(const json& node, const std::string& name) {
  if (!node.contains("props")) return nullptr;
  for (const auto& p : node["props"]) {
    if (p["name"] == name) return &p;
  }
  return nullptr;
}

TEST(OscalImplementationTest, ExportsAreValidOscal) {
  for (const char* schema : {"oscal_ssp_schema.json", "oscal_component_schema.json",
                             "oscal_assessment-results_schema.json"})
    ASSERT_TRUE(fs::exists(schema_dir() / schema)) << schema;
  TempDir dir;
  const auto& f = iso42001();
  const json aims_ssp = value_of(oscal_ssp(meridian(), f, kLastModified));
  const json system_ssp = value_of(oscal_ssp(meridian("Credit scoring"), f, kLastModified));
  const json component = value_of(oscal_component_definition(meridian(), f, kLastModified));
  const json system_component =
      value_of(oscal_component_definition(meridian("Credit scoring"), f, kLastModified));
  const json results = value_of(
      oscal_assessment_results(meridian_readiness(), f, "Meridian Holdings", kLastModified));

  NodeRun run = validate("oscal_ssp_schema.json", {dir.write("ssp-aims.json", aims_ssp),
                                                   dir.write("ssp-credit.json", system_ssp)});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  run = validate("oscal_component_schema.json",
                 {dir.write("component.json", component),
                  dir.write("component-credit.json", system_component)});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  run = validate("oscal_assessment-results_schema.json", {dir.write("results.json", results)});
  EXPECT_EQ(run.exit_code, 0) << run.output;
}

// Proves the SSP schema is strict enough that a pass above means something.
TEST(OscalImplementationTest, TheValidatorRejectsABrokenPlan) {
  TempDir dir;
  json doc = value_of(oscal_ssp(meridian(), iso42001(), kLastModified));
  doc["system-security-plan"]["control-implementation"]["implemented-requirements"] = json::array();
  const NodeRun run = validate("oscal_ssp_schema.json", {dir.write("broken-ssp.json", doc)});
  EXPECT_EQ(run.exit_code, 1) << run.output;
}

TEST(OscalImplementationTest, ThePlanHoldsTheApplicableControls) {
  const json ssp =
      value_of(oscal_ssp(meridian(), iso42001(), kLastModified))["system-security-plan"];
  const json& requirements = ssp["control-implementation"]["implemented-requirements"];
  // A.10.3 is excluded and A.9.2 undecided: neither has an implementation to describe.
  EXPECT_EQ(control_ids(requirements), (std::vector<std::string>{"a.6.2.6", "a.2.2", "a.7.4"}));
  EXPECT_NE(ssp["control-implementation"]["description"].get<std::string>().find(
                "as is the one control it has not yet decided on"),
            std::string::npos);

  const json& monitoring = requirements[0];
  EXPECT_EQ((*prop(monitoring, "applicability"))["value"], "applicable");
  EXPECT_EQ((*prop(monitoring, "implementation"))["value"], "implemented");
  EXPECT_EQ((*prop(monitoring, "evidence"))["value"], "Monitoring dashboard export");
  EXPECT_EQ((*prop(monitoring, "ai-system"))["ns"], std::string(kOscalNamespace));
  EXPECT_EQ(monitoring["remarks"], "Why it applies: Credit scoring runs in production and drifts.");
  const json& by = monitoring["by-components"][0];
  EXPECT_EQ(by["component-uuid"], ssp["system-implementation"]["components"][0]["uuid"]);
  EXPECT_EQ(ssp["system-implementation"]["components"][0]["type"], "this-system");
  EXPECT_EQ(by["implementation-status"]["state"], "implemented");
  EXPECT_EQ(by["description"],
            "Drift and performance are monitored daily;\nalerts go to the model owner.");
  EXPECT_EQ(requirements[1]["by-components"][0]["implementation-status"]["state"], "partial");
  EXPECT_EQ(requirements[2]["by-components"][0]["implementation-status"]["state"], "planned");

  // The owner is a party in the control-owner role; Priya owns two controls and is one party.
  const json& parties = ssp["metadata"]["parties"];
  ASSERT_EQ(parties.size(), 3u);  // Meridian, Priya Raman, Tom Okafor
  EXPECT_EQ(parties[0]["name"], "Meridian Holdings");
  EXPECT_EQ(parties[1]["name"], "Priya Raman");
  EXPECT_EQ(monitoring["responsible-roles"][0]["role-id"], "control-owner");
  EXPECT_EQ(monitoring["responsible-roles"][0]["party-uuids"][0], parties[1]["uuid"]);
  EXPECT_EQ(requirements[2]["responsible-roles"][0]["party-uuids"][0], parties[1]["uuid"]);

  // The profile is the 42001 catalog, named in the back-matter by the uuid every export uses.
  const json& resource = ssp["back-matter"]["resources"][0];
  EXPECT_EQ(ssp["import-profile"]["href"], "#" + resource["uuid"].get<std::string>());
  EXPECT_EQ(resource, oscal_catalog_resource(iso42001()));
  EXPECT_EQ(ssp["metadata"]["version"], "Version 3");
  EXPECT_EQ(ssp["system-characteristics"]["system-name"], "Meridian Holdings AI management system");
}

TEST(OscalImplementationTest, APlanForOneSystemHoldsItsControlsAndTheGeneralOnes) {
  const json ssp = value_of(
      oscal_ssp(meridian("Credit scoring"), iso42001(), kLastModified))["system-security-plan"];
  // A.6.2.6 covers Credit scoring, A.2.2 no system in particular; A.7.4 only the chatbot.
  EXPECT_EQ(control_ids(ssp["control-implementation"]["implemented-requirements"]),
            (std::vector<std::string>{"a.6.2.6", "a.2.2"}));
  EXPECT_EQ(ssp["system-characteristics"]["system-name"], "Credit scoring");
  EXPECT_EQ(ssp["metadata"]["parties"].size(), 3u);
  const json other = value_of(
      oscal_ssp(meridian("Customer chatbot"), iso42001(), kLastModified))["system-security-plan"];
  EXPECT_EQ(control_ids(other["control-implementation"]["implemented-requirements"]),
            (std::vector<std::string>{"a.2.2", "a.7.4"}));
  // The plans are different documents of the same organisation.
  const json aims = value_of(oscal_ssp(meridian(), iso42001(), kLastModified));
  EXPECT_NE(ssp["uuid"], aims["system-security-plan"]["uuid"]);
  EXPECT_NE(ssp["uuid"], other["uuid"]);
}

TEST(OscalImplementationTest, TheComponentDefinitionHoldsTheApplicableControls) {
  const json doc = value_of(
      oscal_component_definition(meridian(), iso42001(), kLastModified))["component-definition"];
  ASSERT_EQ(doc["components"].size(), 1u);
  const json& component = doc["components"][0];
  EXPECT_EQ(component["type"], "service");
  ASSERT_EQ(component["control-implementations"].size(), 1u);
  const json& ci = component["control-implementations"][0];
  EXPECT_EQ(ci["source"], "#" + doc["back-matter"]["resources"][0]["uuid"].get<std::string>());
  const json& requirements = ci["implemented-requirements"];
  EXPECT_EQ(control_ids(requirements), (std::vector<std::string>{"a.6.2.6", "a.2.2", "a.7.4"}));
  EXPECT_EQ(requirements[0]["description"],
            "Drift and performance are monitored daily;\nalerts go to the model owner.");
  // No notes: the description says how far it is implemented and that the SoA says no more.
  EXPECT_EQ(requirements[1]["description"],
            "Partially implemented; the Statement of Applicability gives no notes on how.");
  const json credit = value_of(oscal_component_definition(meridian("Credit scoring"), iso42001(),
                                                          kLastModified))["component-definition"];
  EXPECT_EQ(credit["components"][0]["type"], "software");
  EXPECT_EQ(control_ids(
                credit["components"][0]["control-implementations"][0]["implemented-requirements"]),
            (std::vector<std::string>{"a.6.2.6", "a.2.2"}));
}

TEST(OscalImplementationTest, TheResultsHoldOneFindingPerApplicableAssessment) {
  const json doc = value_of(oscal_assessment_results(
      meridian_readiness(), iso42001(), "Meridian Holdings", kLastModified))["assessment-results"];
  ASSERT_EQ(doc["results"].size(), 1u);
  const json& result = doc["results"][0];
  EXPECT_EQ(result["title"], "Readiness for ISO/IEC 42001");
  EXPECT_EQ(result["start"], kLastModified);
  // All seven were reviewed; A.10.3, not applicable, has no finding.
  EXPECT_EQ(result["reviewed-controls"]["control-selections"][0]["include-controls"].size(), 7u);
  const json& findings = result["findings"];
  ASSERT_EQ(findings.size(), 6u);
  ASSERT_EQ(result["observations"].size(), 6u);
  const std::vector<std::string> targets = {"c-4.3",   "c-5.2", "c-6.1.3",
                                            "c-9.2.2", "a.2.2", "a.6.2.6"};
  const std::vector<std::string> statuses = {"met", "met", "partial", "not_met", "partial", "met"};
  const std::vector<std::string> sources = {"records", "manual", "records", "none", "soa", "soa"};
  int satisfied = 0;
  for (size_t n = 0; n < findings.size(); ++n) {
    const json& f = findings[n];
    EXPECT_EQ(f["target"]["type"], "objective-id");
    EXPECT_EQ(f["target"]["target-id"], targets[n]);
    EXPECT_EQ((*prop(f, "status"))["value"], statuses[n]);
    EXPECT_EQ((*prop(f, "source"))["value"], sources[n]);
    const bool met = statuses[n] == "met";
    EXPECT_EQ(f["target"]["status"]["state"], met ? "satisfied" : "not-satisfied") << n;
    satisfied += f["target"]["status"]["state"] == "satisfied";
    EXPECT_EQ(f["related-observations"][0]["observation-uuid"], result["observations"][n]["uuid"]);
  }
  EXPECT_EQ(satisfied, 3);
  EXPECT_EQ(findings[0]["description"], "The scope statement is approved.");
  EXPECT_EQ(findings[3]["links"][0]["href"],
            "/controls/readiness/assessments/new?requirement=9.2.2");
  // The links become the observation's evidence, made fit for a URI reference.
  const json& policy = result["observations"][1]["relevant-evidence"][0];
  EXPECT_EQ(policy["href"], "/documents/AI%20policy%20v2");
  EXPECT_EQ(policy["description"], "AI policy");
  EXPECT_EQ(result["observations"][1]["methods"][0], "UNKNOWN");  // assessed by hand
  EXPECT_EQ(result["observations"][5]["relevant-evidence"].size(), 2u);
  EXPECT_EQ((*prop(result, "not-applicable"))["value"], "1");
  const json& plan = doc["back-matter"]["resources"][0];
  EXPECT_EQ(doc["import-ap"]["href"], "#" + plan["uuid"].get<std::string>());
}

TEST(OscalImplementationTest, ExportsAreDeterministic) {
  const auto& f = iso42001();
  EXPECT_EQ(value_of(oscal_ssp(meridian(), f, kLastModified)).dump(),
            value_of(oscal_ssp(meridian(), f, kLastModified)).dump());
  EXPECT_EQ(value_of(oscal_ssp(meridian("Credit scoring"), f, kLastModified)).dump(),
            value_of(oscal_ssp(meridian("Credit scoring"), f, kLastModified)).dump());
  EXPECT_EQ(value_of(oscal_component_definition(meridian(), f, kLastModified)).dump(),
            value_of(oscal_component_definition(meridian(), f, kLastModified)).dump());
  EXPECT_EQ(value_of(oscal_assessment_results(meridian_readiness(), f, "Meridian Holdings",
                                              kLastModified))
                .dump(),
            value_of(oscal_assessment_results(meridian_readiness(), f, "Meridian Holdings",
                                              kLastModified))
                .dump());
  // A control keeps its uuid from one export to the next; the document gets a new one.
  const json now = value_of(oscal_ssp(meridian(), f, kLastModified))["system-security-plan"];
  const json later =
      value_of(oscal_ssp(meridian(), f, "2026-12-01T08:00:00Z"))["system-security-plan"];
  EXPECT_NE(now["uuid"], later["uuid"]);
  EXPECT_EQ(now["control-implementation"]["implemented-requirements"][0]["uuid"],
            later["control-implementation"]["implemented-requirements"][0]["uuid"]);
}

// What a refused export says, without touching the error of one that succeeded.
std::string refusal(const Result<json>& r) {
  return r.ok() ? "(exported)" : std::string(to_string(r.error().code)) + " " + r.error().field;
}

TEST(OscalImplementationTest, RefusesWhatCannotBeAValidDocument) {
  const auto& f = iso42001();
  Implementation none = meridian();
  for (auto& c : none.controls) {
    if (c.applicability == "applicable") c.applicability = "undecided";
  }
  EXPECT_EQ(refusal(oscal_ssp(none, f, kLastModified)), "failed_precondition ");
  EXPECT_EQ(refusal(oscal_component_definition(none, f, kLastModified)), "failed_precondition ");
  // For the chatbot, without A.2.2 and with A.7.4 excluded, nothing applies.
  Implementation chatbot = meridian("Customer chatbot");
  chatbot.controls.erase(chatbot.controls.begin() + 2);
  ASSERT_EQ(chatbot.controls[2].control, "A.7.4");
  chatbot.controls[2].applicability = "not_applicable";
  EXPECT_EQ(refusal(oscal_ssp(chatbot, f, kLastModified)), "failed_precondition ");

  Implementation unknown = meridian();
  unknown.controls[1].control = "A.99";
  EXPECT_EQ(refusal(oscal_ssp(unknown, f, kLastModified)), "invalid_argument controls[1].control");
  unknown.controls[1].control = "A.10";  // a section: an OSCAL group, no control
  EXPECT_EQ(refusal(oscal_component_definition(unknown, f, kLastModified)),
            "invalid_argument controls[1].control");
  Implementation twice = meridian();
  twice.controls[4].control = "A.2.2";
  EXPECT_EQ(refusal(oscal_ssp(twice, f, kLastModified)), "invalid_argument controls[4].control");

  Readiness r = meridian_readiness();
  r.items[3].id = "9.9";
  EXPECT_EQ(refusal(oscal_assessment_results(r, f, "Meridian Holdings", kLastModified)),
            "invalid_argument items[3].id");
  EXPECT_EQ(refusal(oscal_assessment_results(Readiness{}, f, "Meridian Holdings", kLastModified)),
            "failed_precondition ");
}

}  // namespace
}  // namespace aims::controls
