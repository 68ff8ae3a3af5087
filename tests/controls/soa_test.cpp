// The Statement of Applicability on both backends: one entry per Annex A control, the rules of
// clause 6.1.3 (a justification either way, an owner for what applies), submission refused until
// every control is decided, approval by someone other than the submitter, frozen entries that
// later edits leave alone, the comparison of two versions, and another organisation's records out
// of reach. Also the built-in catalogs loaded once, reloaded when their revision rises, and told
// from the organisation's own.
#include <map>

#include <gtest/gtest.h>

#include "controls/catalog_store.h"
#include "controls/controls.h"
#include "documents/documents.h"
#include "inventory/fixture.h"

namespace aims::controls {
namespace {

using records::Caller;
using records::Record;
using Values = std::map<std::string, records::FieldValue>;

// ISO/IEC 42001:2023 Annex A has 38 controls (standards-facts.md, section 2).
constexpr int64_t kAnnexAControls = 38;

class SoaTest : public inventory::testing::InventoryTest {
 protected:
  void SetUp() override {
    InventoryTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    documents::define_registers();
    define_registers();
    manager_ = add_person("manager@alpha.test", auth::Role::aims_manager);
    approver_ = add_person("approver@alpha.test", auth::Role::aims_manager);
  }

  std::vector<Record> entries(int64_t org) {
    auto page = records::list(*db_, soa_entries(), org, {.sort = "position", .limit = 100});
    EXPECT_TRUE(page.ok());
    return page.ok() ? page->items : std::vector<Record>{};
  }

  Record entry(const std::string& control) {
    for (auto& e : entries(alpha_.org)) {
      if (e.text("control") == control) return e;
    }
    ADD_FAILURE() << "no entry for " << control;
    return {};
  }

  Result<Record> edit(const Record& e, Values values, const Caller& who) {
    Record changes;
    changes.values = std::move(values);
    return records::update(*db_, soa_entries(), alpha_.org, e.id, changes, e.version, who);
  }

  // Every control decided applicable, justified and owned by the manager.
  void decide_all() {
    for (const auto& e : entries(alpha_.org)) {
      if (e.text("applicability") != "undecided") continue;
      auto done = edit(e,
                       {{"applicability", std::string("applicable")},
                        {"justification", std::string("Needed for " + e.text("control"))},
                        {"owner_id", manager_.user_id.value()}},
                       manager_);
      ASSERT_TRUE(done.ok()) << done.error().message;
    }
  }

  Result<Record> submit(const std::string& summary, const Caller& who) {
    Record r;
    r.values = {{"change_summary", summary}};
    return records::create(*db_, soa_versions(), alpha_.org, r, who);
  }

  Result<records::TransitionOutcome> approve(const Record& v, const Caller& who) {
    TRY_ASSIGN(const Record now, records::get(*db_, soa_versions(), alpha_.org, v.id));
    return records::transition(*db_, soa_versions(), alpha_.org, v.id,
                               {"approve", "", {}, now.version}, who);
  }

  Caller manager_, approver_;
};

TEST_P(SoaTest, StartingAddsOneUndecidedEntryPerAnnexAControlOnce) {
  auto added = start_soa(*db_, alpha_.org, manager_);
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_EQ(*added, kAnnexAControls);
  const auto all = entries(alpha_.org);
  ASSERT_EQ(int64_t(all.size()), kAnnexAControls);
  // Annex A order, not text order: A.2.2 first, A.10.4 last ("A.10" sorts before "A.2" as text).
  EXPECT_EQ(all.front().text("title"), "A.2.2 AI policy");
  EXPECT_EQ(all.back().text("title"), "A.10.4 Customers");
  EXPECT_EQ(all.front().text("applicability"), "undecided");

  auto again = start_soa(*db_, alpha_.org, manager_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
  EXPECT_TRUE(entries(beta_.org).empty()) << "another organisation's SoA is its own";
}

TEST_P(SoaTest, ADecisionNeedsAJustificationEitherWayAndWhatAppliesNeedsAnOwner) {
  ASSERT_TRUE(start_soa(*db_, alpha_.org, manager_).ok());
  const Record customers = entry("A.10.4");

  auto unjustified = edit(customers, {{"applicability", std::string("not_applicable")}}, manager_);
  ASSERT_FALSE(unjustified.ok());
  EXPECT_EQ(unjustified.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(unjustified.error().field, "justification");

  auto unowned = edit(customers,
                      {{"applicability", std::string("applicable")},
                       {"justification", std::string("We sell AI products.")}},
                      manager_);
  ASSERT_FALSE(unowned.ok());
  EXPECT_EQ(unowned.error().field, "owner_id");

  auto excluded = edit(customers,
                       {{"applicability", std::string("not_applicable")},
                        {"implementation", std::string("implemented")},
                        {"justification", std::string("We provide no AI to customers.")}},
                       manager_);
  ASSERT_TRUE(excluded.ok()) << excluded.error().message;
  EXPECT_EQ(excluded->text("implementation"), "not_started")
      << "a control that does not apply has nothing implemented";

  auto moved = edit(*excluded, {{"control", std::string("A.10.3")}}, manager_);
  ASSERT_FALSE(moved.ok());
  EXPECT_EQ(moved.error().field, "control");
}

TEST_P(SoaTest, SubmittingWaitsForEveryDecisionAndTheSubmitterCannotApprove) {
  ASSERT_TRUE(start_soa(*db_, alpha_.org, manager_).ok());
  auto early = submit("First version", manager_);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(early.error().message.find("A.2.2"), std::string::npos) << early.error().message;

  decide_all();
  // One control excluded, so the counts below are not all the same number.
  const Record customers = entry("A.10.4");
  ASSERT_TRUE(edit(customers,
                   {{"applicability", std::string("not_applicable")},
                    {"justification", std::string("No AI is provided to customers.")}},
                   manager_)
                  .ok());
  ASSERT_TRUE(
      edit(entry("A.6.2.6"), {{"implementation", std::string("implemented")}}, manager_).ok());

  auto first = submit("First version", manager_);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->text("title"), "Version 1");
  EXPECT_EQ(first->state, "submitted");
  EXPECT_EQ(first->number("controls"), kAnnexAControls);
  EXPECT_EQ(first->number("applicable"), kAnnexAControls - 1);
  EXPECT_EQ(first->number("implemented"), 1);

  auto second = submit("Second, while the first waits", manager_);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::failed_precondition);

  auto self = approve(*first, manager_);
  ASSERT_FALSE(self.ok());
  EXPECT_EQ(self.error().code, ErrorCode::permission_denied);

  auto approved = approve(*first, approver_);
  ASSERT_TRUE(approved.ok()) << approved.error().message;
  EXPECT_TRUE(approved->moved);
  EXPECT_EQ(approved->record.state, "approved");
  EXPECT_EQ(approved->record.frozen, 1);
}

TEST_P(SoaTest, AVersionKeepsItsEntriesAndTwoVersionsCompareControlByControl) {
  ASSERT_TRUE(start_soa(*db_, alpha_.org, manager_).ok());
  decide_all();
  auto first = submit("First version", manager_);
  ASSERT_TRUE(first.ok()) << first.error().message;
  ASSERT_TRUE(approve(*first, approver_).ok());

  ASSERT_TRUE(
      edit(entry("A.3.3"),
           {{"implementation", std::string("partial")}, {"owner_id", approver_.user_id.value()}},
           manager_)
          .ok());
  auto second = submit("Concerns channel", manager_);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->text("title"), "Version 2");

  auto was = frozen_entries(*db_, alpha_.org, first->id);
  auto is = frozen_entries(*db_, alpha_.org, second->id);
  ASSERT_TRUE(was.ok() && is.ok());
  ASSERT_EQ(int64_t(was->size()), kAnnexAControls);
  const auto changes = compare_entries(*was, *is);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].control, "A.3.3");
  ASSERT_EQ(changes[0].fields.size(), 2u);
  EXPECT_EQ(changes[0].fields[0].first, "Implementation");
  EXPECT_EQ(changes[0].fields[0].second.first, "Not started");
  EXPECT_EQ(changes[0].fields[0].second.second, "Partially implemented");
  EXPECT_EQ(changes[0].fields[1].first, "Owner");
  EXPECT_EQ(changes[0].fields[1].second.first, "Person manager@alpha.test");
  EXPECT_EQ(changes[0].fields[1].second.second, "Person approver@alpha.test");

  auto elsewhere = frozen_entries(*db_, beta_.org, first->id);
  ASSERT_TRUE(elsewhere.ok());
  EXPECT_TRUE(elsewhere->empty()) << "another organisation reads nothing of this SoA";
  auto foreign = records::get(*db_, soa_versions(), beta_.org, first->id);
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().code, ErrorCode::not_found);
}

TEST_P(SoaTest, EvidenceCannotExpireBeforeItWasCollected) {
  Record r;
  r.values = {{"title", std::string("Validation report")},
              {"evidence_type", std::string("report")},
              {"owner_id", manager_.user_id.value()},
              {"collected_on", std::string("2026-10-05")},
              {"valid_until", std::string("2026-10-04")}};
  auto refused = records::create(*db_, evidence(), alpha_.org, r, manager_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "valid_until");
  r.values["valid_until"] = std::string("2027-04-05");
  EXPECT_TRUE(records::create(*db_, evidence(), alpha_.org, r, manager_).ok());
}

TEST_P(SoaTest, CatalogsLoadOnceAndReloadWhenTheirRevisionRises) {
  ASSERT_TRUE(ensure_catalogs(*db_).ok());
  auto iso = stored_framework(*db_, alpha_.org, std::string(kIso42001));
  ASSERT_TRUE(iso.ok()) << iso.error().message;
  int64_t controls = 0;
  for (const auto& i : iso->items)
    controls += i.kind == "control";
  EXPECT_EQ(controls, kAnnexAControls);

  // An older revision in the database (as after an upgrade) is replaced by the built-in one.
  ASSERT_TRUE(db_->write([&](store::Tx& tx) -> Status {
                   TRY(
                       tx.exec("UPDATE frameworks SET revision = 0, name = 'old' WHERE "
                               "framework_key = $1",
                               {std::string(kIso42001)}));
                   TRY(tx.exec("DELETE FROM framework_items WHERE item_id = 'A.6.2.6'"));
                   return {};
                 })
                  .ok());
  ASSERT_TRUE(ensure_catalogs(*db_).ok());
  auto reloaded = stored_framework(*db_, alpha_.org, std::string(kIso42001));
  ASSERT_TRUE(reloaded.ok());
  EXPECT_NE(reloaded->name, "old");
  ASSERT_NE(reloaded->item("A.6.2.6"), nullptr);
  EXPECT_EQ(reloaded->item("A.6.2.6")->title, "AI system operation and monitoring");

  auto unknown = stored_framework(*db_, alpha_.org, "no-such-framework");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::not_found);

  // The published crosswalk links NIST AI RMF GOVERN 1.6 to A.4.3 (standards-facts.md 7.1).
  auto related = related_items(*db_, alpha_.org, std::string(kIso42001), "A.4.3");
  ASSERT_TRUE(related.ok()) << related.error().message;
  bool govern_1_6 = false;
  for (const auto& r : *related)
    govern_1_6 |= r.framework_key == "nist-ai-rmf-1.0" && r.item_id == "GOVERN 1.6";
  EXPECT_TRUE(govern_1_6);
}

// An imported framework's controls map to ISO/IEC 42001 in the organisation's own mapping: the
// links show from both sides and count towards its coverage, a change is in the trail, and
// neither another organisation nor a built-in framework can be mapped this way.
TEST_P(SoaTest, AnOwnFrameworksControlsMapToIso42001ForItsOrganisationOnly) {
  Framework own{.key = "acme-code", .short_name = "ACME", .name = "ACME code", .revision = 1};
  own.items = {{.id = "G", .kind = "section", .title = "Governance"},
               {.id = "C-1", .parent = "G", .kind = "control", .title = "Validate models"},
               {.id = "C-2", .parent = "G", .kind = "control", .title = "Watch production"}};
  ASSERT_TRUE(store_own_framework(*db_, alpha_.org, own, inventory::testing::kTrailActor).ok());
  const auto map = [&](int64_t org, const std::string& key, const std::string& item,
                       std::vector<Link> links) {
    return set_own_links(*db_, org, key, item, std::move(links), inventory::testing::kTrailActor);
  };
  ASSERT_TRUE(map(alpha_.org, "acme-code", "C-1",
                  {{.target = "A.7.4", .relationship = "subset-of"},
                   {.target = "A.6.2.4", .relationship = "intersects-with", .note = "same test"}})
                  .ok());

  auto from_own = related_items(*db_, alpha_.org, "acme-code", "C-1");
  ASSERT_TRUE(from_own.ok()) << from_own.error().message;
  ASSERT_EQ(from_own->size(), 2u);
  EXPECT_EQ((*from_own)[0].item_id, "A.6.2.4");
  EXPECT_EQ((*from_own)[0].provenance, "organisation");
  EXPECT_EQ((*from_own)[0].note, "same test");
  EXPECT_EQ((*from_own)[1].item_id, "A.7.4");
  EXPECT_EQ((*from_own)[1].relationship, "subset-of");
  // Read from ISO's side, "C-1 is a subset of A.7.4" is "A.7.4 is a superset of C-1".
  const auto iso_side = [&](int64_t org) {
    std::vector<std::string> out;
    auto r = related_items(*db_, org, std::string(kIso42001), "A.7.4");
    EXPECT_TRUE(r.ok());
    for (const auto& x : r.ok() ? *r : std::vector<Related>{})
      if (x.framework_key == "acme-code") out.push_back(x.item_id + " " + x.relationship);
    return out;
  };
  EXPECT_EQ(iso_side(alpha_.org), std::vector<std::string>{"C-1 superset-of"});
  EXPECT_TRUE(iso_side(beta_.org).empty());

  // Coverage by hand: C-1 is the one mapped control; nothing in ISO is met yet.
  auto readiness = assess_readiness(*db_, alpha_.org);
  ASSERT_TRUE(readiness.ok()) << readiness.error().message;
  bool found = false;
  for (const auto& c : readiness->coverage) {
    if (c.framework != "acme-code") continue;
    found = true;
    EXPECT_EQ(c.name, "ACME");
    EXPECT_EQ(c.mapped, 1);
    EXPECT_EQ(c.covered, 0);
  }
  EXPECT_TRUE(found) << "the own mapping counts towards coverage";

  auto bad = map(alpha_.org, "acme-code", "C-2", {{.target = "A.99", .relationship = "equal-to"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "links[0].target");
  bad = map(alpha_.org, "acme-code", "C-2", {{.target = "A.7.4", .relationship = "close-to"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "links[0].relationship");
  bad = map(alpha_.org, "acme-code", "G", {{.target = "A.7.4", .relationship = "equal-to"}});
  EXPECT_EQ(bad.error().code, ErrorCode::not_found) << "a section is not a control";
  bad = map(beta_.org, "acme-code", "C-1", {{.target = "A.7.4", .relationship = "equal-to"}});
  EXPECT_EQ(bad.error().code, ErrorCode::not_found) << "another organisation's framework";
  bad = map(alpha_.org, "nist-ai-rmf-1.0", "GOVERN 1.6",
            {{.target = "A.7.4", .relationship = "equal-to"}});
  EXPECT_EQ(bad.error().code, ErrorCode::failed_precondition) << "a built-in framework";

  // An empty list removes the item's links; both changes are in the trail, the refusals are not.
  ASSERT_TRUE(map(alpha_.org, "acme-code", "C-1", {}).ok());
  EXPECT_TRUE(iso_side(alpha_.org).empty());
  auto events = db_->read([&](store::Tx& tx) -> Result<int64_t> {
    TRY_ASSIGN(auto row, tx.query_row("SELECT COUNT(*) FROM trail_events WHERE org_id = $1 AND "
                                      "entity_type = 'framework_mapping'",
                                      {alpha_.org}));
    return row->int64(0);
  });
  ASSERT_TRUE(events.ok()) << events.error().message;
  EXPECT_EQ(*events, 2);
}

// The SoA holds the controls of the organisation's own frameworks beside Annex A: added once each,
// named after their framework, kept apart from an Annex A control of the same number, decided
// before a version is submitted, and frozen with their framework.
TEST_P(SoaTest, AnOwnFrameworksControlsJoinTheSoAApartFromAnnexA) {
  Framework own{.key = "acme-code", .short_name = "ACME", .name = "ACME code", .revision = 1};
  // "A.6.2.4" on purpose: an imported catalog may number its controls as Annex A does.
  own.items = {{.id = "G", .kind = "section", .title = "Governance"},
               {.id = "C-1", .parent = "G", .kind = "control", .title = "Validate models"},
               {.id = "A.6.2.4", .parent = "G", .kind = "control", .title = "Their own check"}};
  ASSERT_TRUE(store_own_framework(*db_, alpha_.org, own, inventory::testing::kTrailActor).ok());
  ASSERT_TRUE(start_soa(*db_, alpha_.org, manager_).ok());

  auto added = add_framework_to_soa(*db_, alpha_.org, "acme-code", manager_);
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_EQ(*added, 2) << "two controls; the section is not one";
  added = add_framework_to_soa(*db_, alpha_.org, "acme-code", manager_);
  ASSERT_TRUE(added.ok());
  EXPECT_EQ(*added, 0) << "adding again adds nothing";

  std::vector<std::string> titles;
  for (const auto& e : entries(alpha_.org)) {
    if (e.text("framework") == "acme-code") titles.push_back(e.text("title"));
    if (e.text("framework") == std::string(kIso42001) && e.text("control") == "A.6.2.4") {
      EXPECT_EQ(e.text("title"), "A.6.2.4 AI system verification and validation");
    }
  }
  // After the 38 Annex A controls, in the framework's order.
  EXPECT_EQ(titles,
            (std::vector<std::string>{"ACME C-1 Validate models", "ACME A.6.2.4 Their own check"}));
  EXPECT_EQ(entries(alpha_.org).size(), size_t(kAnnexAControls + 2));

  auto refused = add_framework_to_soa(*db_, beta_.org, "acme-code", manager_);
  EXPECT_EQ(refused.error().code, ErrorCode::not_found) << "another organisation's framework";
  refused = add_framework_to_soa(*db_, alpha_.org, "nist-ai-rmf-1.0", manager_);
  EXPECT_EQ(refused.error().code, ErrorCode::failed_precondition);

  // By hand, through the records API: an Annex A entry names an Annex A control; the framework is
  // aims' to set, so a person's entry is always ISO's.
  Record bad;
  bad.values = {{"control", std::string("A.99")}};
  auto created = records::create(*db_, soa_entries(), alpha_.org, bad, manager_);
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().field, "control");
  bad.values = {{"framework", std::string("acme-code")}, {"control", std::string("NOPE")}};
  created = records::create(*db_, soa_entries(), alpha_.org, bad, manager_);
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().field, "control");

  // Every Annex A control decided, ACME's not yet: submission names them.
  for (const auto& e : entries(alpha_.org)) {
    if (e.text("framework") != std::string(kIso42001)) continue;
    ASSERT_TRUE(edit(e,
                     {{"applicability", std::string("applicable")},
                      {"justification", std::string("Needed")},
                      {"owner_id", manager_.user_id.value()}},
                     manager_)
                    .ok());
  }
  auto early = submit("With ACME undecided", manager_);
  ASSERT_FALSE(early.ok());
  EXPECT_NE(early.error().message.find("ACME C-1 Validate models"), std::string::npos)
      << early.error().message;

  decide_all();
  auto version = submit("First version", manager_);
  ASSERT_TRUE(version.ok()) << version.error().message;
  EXPECT_EQ(version->number("controls"), kAnnexAControls + 2);
  auto frozen = frozen_entries(*db_, alpha_.org, version->id);
  ASSERT_TRUE(frozen.ok());
  int acme = 0;
  for (const auto& f : *frozen) {
    if (f.framework != "acme-code") continue;
    ++acme;
    EXPECT_TRUE(f.control == "C-1" || f.control == "A.6.2.4") << f.control;
  }
  EXPECT_EQ(acme, 2);
  // Compared with itself nothing changed, although two entries share the number A.6.2.4.
  EXPECT_TRUE(compare_entries(*frozen, *frozen).empty());
}

// PostgreSQL answers `org_id IS NULL` as 't' or 'f': the lists must still tell built-in catalogs
// and mappings from the organisation's own.
TEST_P(SoaTest, BuiltInCatalogsAndMappingsAreToldFromTheOrganisationsOwn) {
  auto own = import_own_framework(*db_, alpha_.org, "acme-ai",
                                  R"({"catalog": {"metadata": {"title": "Acme AI controls"},
                                      "controls": [{"id": "gv-1", "title": "AI policy"}]}})",
                                  inventory::testing::kTrailActor);
  ASSERT_TRUE(own.ok()) << own.error().message;
  auto frameworks = list_frameworks(*db_, alpha_.org);
  ASSERT_TRUE(frameworks.ok()) << frameworks.error().message;
  std::map<std::string, bool> built_in;
  for (const auto& f : *frameworks)
    built_in[f.key] = f.built_in;
  EXPECT_TRUE(built_in.at(std::string(kIso42001)));
  EXPECT_TRUE(built_in.at("nist-ai-rmf-1.0"));
  EXPECT_FALSE(built_in.at("acme-ai"));
  auto mappings = list_mappings(*db_, alpha_.org);
  ASSERT_TRUE(mappings.ok()) << mappings.error().message;
  ASSERT_FALSE(mappings->empty());
  for (const auto& m : *mappings)
    EXPECT_TRUE(m.built_in) << m.mapping.key;
}

INSTANTIATE_TEST_SUITE_P(Backends, SoaTest, ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::controls
