// `aims frameworks` run as the real binary on both backends: the list people read, the OSCAL export
// of ISO/IEC 42001 with every Annex A control, an OSCAL catalog imported as the organisation's own
// framework with its audit event, and the imports refused (a taken key, a file that is no JSON, a
// JSON file that is no catalog) with a message naming the problem and a non-zero exit status.
#include <map>
#include <set>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "controls/iso42001_items.h"
#include "support/backends.h"
#include "support/process.h"

namespace aims {
namespace {

using controls::testing::kAnnexA;
using nlohmann::json;
using testing::CommandResult;
using ::testing::HasSubstr;
using testing::run_aims;

constexpr const char* kIso42001 = "iso-iec-42001-2023";

// Two controls in a group and one outside it, as a small published catalog is written.
constexpr const char* kSmallCatalog = R"({"catalog": {
  "uuid": "0b6f6c9e-8a4e-4c61-9e0a-2f6d1d3c9a01",
  "metadata": {"title": "Acme AI controls", "last-modified": "2026-01-01T00:00:00Z",
               "version": "1.0", "oscal-version": "1.2.1"},
  "groups": [{"id": "gv", "title": "Governance",
              "controls": [{"id": "gv-1", "title": "AI policy"},
                           {"id": "gv-2", "title": "AI roles"}]}],
  "controls": [{"id": "op-1", "title": "Monitoring"}]
}})";

// The tab-separated rows of `aims frameworks list` after its header, by key.
std::map<std::string, std::vector<std::string>> rows_by_key(const std::string& output) {
  std::map<std::string, std::vector<std::string>> out;
  std::istringstream lines(output);
  std::string line;
  std::getline(lines, line);  // the header
  while (std::getline(lines, line)) {
    std::vector<std::string> cells;
    std::istringstream cols(line);
    for (std::string cell; std::getline(cols, cell, '\t');)
      cells.push_back(cell);
    if (!cells.empty()) out[cells[0]] = cells;
  }
  return out;
}

// Every "label" prop of the catalog's controls, at any depth of groups and controls.
void collect_labels(const json& node, std::set<std::string>& out) {
  for (const char* member : {"groups", "controls"}) {
    if (!node.contains(member)) continue;
    for (const auto& child : node[member]) {
      for (const auto& p : child.value("props", json::array())) {
        if (p["name"] == "label") out.insert(p["value"].get<std::string>());
      }
      collect_labels(child, out);
    }
  }
}

class FrameworksCommandTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    const auto init = testing::init_organisation(url_, "Frame Co", "admin@frame.test");
    ASSERT_EQ(init.exit_code, 0) << init.output;
  }
  std::string write(const std::string& name, const std::string& text) const {
    return scratch_.write(name, text);
  }
  // No --org: the database holds one organisation.
  CommandResult frameworks(std::vector<std::string> args) const {
    args.insert(args.begin(), "frameworks");
    args.insert(args.end(), {"--db", url_});
    return run_aims(args);
  }

  testing::ScratchDir scratch_{"aims-frameworks-cli"};
};

TEST_P(FrameworksCommandTest, ListShowsTheBuiltInFrameworksUnderAHeaderRow) {
  const auto r = frameworks({"list"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.substr(0, r.output.find('\n')),
            "Key\tShort name\tName\tOrigin\tRequirements and controls");
  const auto rows = rows_by_key(r.output);
  ASSERT_TRUE(rows.count(kIso42001)) << r.output;
  const auto& iso = rows.at(kIso42001);
  ASSERT_EQ(iso.size(), 5u) << r.output;
  EXPECT_EQ(iso[1], "ISO/IEC 42001");
  EXPECT_EQ(iso[3], "built-in");
  EXPECT_EQ(iso[4], "70") << "32 clause requirements and 38 Annex A controls";
  for (const auto& [key, cells] : rows)
    EXPECT_EQ(cells[3], "built-in") << key << ": nothing is imported yet";
}

TEST_P(FrameworksCommandTest, ExportPrintsAnOscalCatalogWithEveryAnnexAControl) {
  const auto r = frameworks({"export", kIso42001});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const json doc = json::parse(r.output, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << r.output.substr(0, 500);
  ASSERT_TRUE(doc.contains("catalog"));
  EXPECT_EQ(doc["catalog"]["metadata"]["oscal-version"], "1.2.1");
  std::set<std::string> labels;
  collect_labels(doc["catalog"], labels);
  for (const auto& id : kAnnexA)
    EXPECT_TRUE(labels.count(id)) << id << " is missing from the export";
  EXPECT_TRUE(labels.count("6.1.3")) << "and the clauses are there too";

  const auto unknown = frameworks({"export", "no-such-framework"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.output, HasSubstr("no framework \"no-such-framework\""));
}

TEST_P(FrameworksCommandTest, AnImportedCatalogIsListedAsTheOrganisationsOwn) {
  const auto r = frameworks({"import", "--key", "acme-ai", write("acme.json", kSmallCatalog)});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_THAT(r.output, HasSubstr("\"Acme AI controls\" as acme-ai"));

  const auto listed = frameworks({"list"});
  ASSERT_EQ(listed.exit_code, 0) << listed.output;
  const auto rows = rows_by_key(listed.output);
  ASSERT_TRUE(rows.count("acme-ai")) << listed.output;
  EXPECT_EQ(rows.at("acme-ai")[2], "Acme AI controls");
  EXPECT_EQ(rows.at("acme-ai")[3], "own");
  EXPECT_EQ(rows.at("acme-ai")[4], "3") << "gv-1, gv-2 and op-1; the group is a section";
  EXPECT_EQ(rows.at(kIso42001)[3], "built-in");

  // The same event the API writes, with the shell's user as the actor.
  auto event = db_->read([](store::Tx& tx) {
    return tx.query_row(
        "SELECT action, actor_label, changes FROM trail_events WHERE entity_type = 'framework'");
  });
  ASSERT_TRUE(event.ok() && event->has_value());
  EXPECT_EQ((*event)->text(0), "create");
  EXPECT_THAT((*event)->text(1), ::testing::StartsWith("cli:"));
  EXPECT_THAT((*event)->text(2), HasSubstr("acme-ai"));
  const auto verified = run_aims({"audit", "verify", "--db", url_});
  EXPECT_EQ(verified.exit_code, 0) << verified.output;

  // What was imported exports again.
  const auto exported = frameworks({"export", "acme-ai"});
  ASSERT_EQ(exported.exit_code, 0) << exported.output;
  std::set<std::string> labels;
  collect_labels(json::parse(exported.output)["catalog"], labels);
  EXPECT_EQ(labels, (std::set<std::string>{"gv", "gv-1", "gv-2", "op-1"}));
}

TEST_P(FrameworksCommandTest, AnImportUnderATakenKeyIsRefused) {
  const std::string file = write("acme.json", kSmallCatalog);
  ASSERT_EQ(frameworks({"import", "--key", "acme-ai", file}).exit_code, 0);
  const auto again = frameworks({"import", "--key", "acme-ai", file});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_THAT(again.output, HasSubstr("a framework \"acme-ai\" exists (key)"));
  const auto built_in = frameworks({"import", "--key", kIso42001, file});
  EXPECT_EQ(built_in.exit_code, 1);
  EXPECT_THAT(built_in.output, HasSubstr("a framework \"iso-iec-42001-2023\" exists"));
  const auto rows = rows_by_key(frameworks({"list"}).output);
  EXPECT_EQ(rows.count("acme-ai"), 1u);
}

TEST_P(FrameworksCommandTest, AFileThatIsNoCatalogIsRefusedNamingTheProblem) {
  auto r = frameworks({"import", "--key", "broken", write("broken.json", "{\"catalog\": ")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.output, HasSubstr("the file is not JSON"));

  r = frameworks({"import", "--key", "empty", write("empty.json", R"({"catalog": {}})")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.output, HasSubstr("(catalog")) << "names the OSCAL member";

  r = frameworks({"import", "--key", "missing", scratch_.path("no-such.json")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.output, HasSubstr("cannot read"));
  EXPECT_THAT(r.output, HasSubstr("no-such.json"));

  // None of them left a framework behind.
  const auto rows = rows_by_key(frameworks({"list"}).output);
  for (const char* key : {"broken", "empty", "missing"})
    EXPECT_EQ(rows.count(key), 0u) << key;
}

INSTANTIATE_TEST_SUITE_P(Backends, FrameworksCommandTest,
                         ::testing::ValuesIn(testing::all_backends()), testing::backend_name);

}  // namespace
}  // namespace aims
