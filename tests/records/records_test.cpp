// The records platform on both backends, through a register that exists only here: every field
// type accepted and refused, computed fields, references across registers and organisations,
// lists, workflow permissions and separation of duties, frozen versions and their comparison, and
// one audit event per change.
#include "records/records.h"

#include <gtest/gtest.h>

#include "auth/auth.h"
#include "records/exchange.h"
#include "records/sample_register.h"
#include "records/store.h"
#include "records/writes.h"
#include "support/backends.h"
#include "trail/trail.h"

namespace aims::records {
namespace {

using auth::Role;
using testing::samples;

class RecordsTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    ASSERT_TRUE(testing::install_sample_registers(*db_).ok());
    org_ = make_org("Acme");
    other_org_ = make_org("Other");
  }

  struct Org {
    int64_t id = 0;
    std::map<Role, Caller> people;
  };

  Org make_org(const std::string& name) {
    const trail::Actor cli{"cli", std::nullopt, "cli:test"};
    const std::string domain = name + ".test";
    auto created = auth::create_organisation(
        *db_, name, {"admin@" + domain, "Admin", "admin", "a long test passphrase"}, cli);
    EXPECT_TRUE(created.ok());
    Org org;
    org.id = created->first.id;
    auto person = [&](const auth::User& u) {
      return Caller{{"user", u.id, u.email}, u.id, u.role};
    };
    org.people[Role::admin] = person(created->second.user);
    for (Role role : {Role::aims_manager, Role::contributor, Role::viewer}) {
      const std::string r(auth::to_string(role));
      auto user =
          auth::add_user(*db_, org.id, {r + "@" + domain, r, r, "a long test passphrase"}, cli);
      EXPECT_TRUE(user.ok());
      org.people[role] = person(user->user);
    }
    // A second manager, so that two people can approve.
    auto second = auth::add_user(
        *db_, org.id,
        {"manager2@" + domain, "Second manager", "aims-manager", "a long test passphrase"}, cli);
    EXPECT_TRUE(second.ok());
    second_manager_ = person(second->user);
    return org;
  }

  const Caller& as(Role role) { return org_.people.at(role); }

  Record input(const std::string& name) {
    Record r;
    r.values["name"] = name;
    return r;
  }

  Record must_create(const Record& r, Role role = Role::contributor) {
    auto created = create(*db_, samples(), org_.id, r, as(role));
    EXPECT_TRUE(created.ok()) << (created.ok() ? ""
                                               : created.error().message + " [" +
                                                     created.error().field + "]");
    return created.ok() ? *created : Record();
  }

  int64_t events() {
    auto n = db_->read([&](store::Tx& tx) { return trail::event_count(tx, org_.id); });
    return n.ok() ? *n : -1;
  }

  // The fields a refusal named, in order.
  static std::vector<std::string> fields_of(const Error& e) {
    std::vector<std::string> out;
    if (e.problems.empty()) return {e.field};
    for (const auto& p : e.problems)
      out.push_back(p.field);
    return out;
  }

  Org org_, other_org_;
  Caller second_manager_;
};

TEST_P(RecordsTest, EveryFieldTypeIsStoredAndReadBackNormalised) {
  Record r = input("  Complete sample  ");
  r.values["summary"] = std::string("# Heading\r\n\r\nText with **bold**.");
  r.values["notes"] = std::string("line one\nline two");
  r.values["kind"] = std::string("beta");
  r.values["urgent"] = true;
  r.values["due_on"] = std::string("2026-12-31");
  r.values["seen_at"] = std::string("2026-11-22T10:30:00+01:00");
  r.values["quantity"] = int64_t{42};
  r.values["ratio"] = 0.25;
  r.values["likelihood"] = int64_t{3};
  r.values["impact"] = int64_t{4};
  r.values["tags"] = std::vector<std::string>{"b", " a ", "b"};
  r.values["contact"] = std::string("Someone@Example.ORG");
  r.values["link"] = std::string("https://example.org/policy");
  r.values["digest"] = std::string(64, 'A');
  r.values["owner_id"] = as(Role::contributor).user_id.value();
  const Record created = must_create(r);
  auto read = get(*db_, samples(), org_.id, created.id);
  ASSERT_TRUE(read.ok());
  // create answers from the inserted row rather than reading it back: the same record either way.
  EXPECT_TRUE(created.values == read->values);
  EXPECT_EQ(created.created_at, read->created_at);
  EXPECT_EQ(created.state_since, read->state_since);
  EXPECT_EQ(read->text("name"), "Complete sample");
  EXPECT_EQ(read->text("summary"), "# Heading\n\nText with **bold**.");
  EXPECT_EQ(read->text("notes"), "line one\nline two");
  EXPECT_EQ(read->text("kind"), "beta");
  EXPECT_TRUE(read->flag("urgent"));
  EXPECT_EQ(read->text("due_on"), "2026-12-31");
  EXPECT_EQ(read->text("seen_at"), "2026-11-22T09:30:00.000000Z");  // +01:00 is 09:30 UTC
  EXPECT_EQ(read->number("quantity"), 42);
  EXPECT_EQ(read->decimal("ratio"), 0.25);
  EXPECT_EQ(read->number("level"), 12);  // computed: likelihood 3 x impact 4
  EXPECT_EQ(read->list("tags"), (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(read->text("contact"), "someone@example.org");
  EXPECT_EQ(read->text("link"), "https://example.org/policy");
  EXPECT_EQ(read->text("digest"), std::string(64, 'a'));
  EXPECT_EQ(read->number("owner_id"), as(Role::contributor).user_id);
  EXPECT_EQ(read->state, "draft");
  EXPECT_EQ(read->created_by, as(Role::contributor).user_id);
  EXPECT_EQ(read->version, 1);
}

struct BadValue {
  const char* field;
  FieldValue value;
};

TEST_P(RecordsTest, EveryFieldTypeRefusesWhatItCannotHoldAndNamesEveryField) {
  const std::vector<BadValue> bad = {
      {"name", std::string("two\nlines")},
      {"summary", std::string("bell\x07")},
      {"kind", std::string("delta")},
      {"urgent", std::string("maybe")},
      {"due_on", std::string("2026-02-30")},
      {"seen_at", std::string("yesterday")},
      {"quantity", int64_t{1001}},
      {"ratio", 1.5},
      {"likelihood", int64_t{0}},
      {"tags", std::vector<std::string>{std::string(101, 'x')}},
      {"contact", std::string("not an email")},
      {"link", std::string("javascript:alert(1)")},
      {"digest", std::string("abc")},
      {"owner_id", int64_t{-3}},
      {"parent_id", int64_t{0}},
  };
  Record r = input("Bad sample");
  std::vector<std::string> expected;
  for (const auto& b : bad) {
    r.values[b.field] = b.value;
    expected.push_back(b.field);
    Record one = input("One bad " + std::string(b.field));
    one.values[b.field] = b.value;
    auto refused = create(*db_, samples(), org_.id, one, as(Role::contributor));
    ASSERT_FALSE(refused.ok()) << b.field;
    EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(refused.error().field, b.field);
  }
  const int64_t before = events();
  auto refused = create(*db_, samples(), org_.id, r, as(Role::contributor));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(fields_of(refused.error()), expected) << "every problem at once, in field order";
  EXPECT_EQ(events(), before);
  auto page = list(*db_, samples(), org_.id, {});
  EXPECT_EQ(page->total, 0) << "nothing is written when a value is refused";
}

TEST_P(RecordsTest, RequiredFieldsRulesAndComputedFields) {
  Record empty;
  auto refused = create(*db_, samples(), org_.id, empty, as(Role::contributor));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "name");
  EXPECT_NE(refused.error().message.find("required"), std::string::npos);

  Record urgent = input("Urgent without date");
  urgent.values["urgent"] = true;
  EXPECT_EQ(create(*db_, samples(), org_.id, urgent, as(Role::contributor)).error().field,
            "due_on");

  Record typed_level = input("Typed level");
  typed_level.values["level"] = int64_t{25};
  EXPECT_EQ(create(*db_, samples(), org_.id, typed_level, as(Role::contributor)).error().field,
            "level");

  const Record r = must_create(input("Defaults"));
  EXPECT_EQ(r.text("kind"), "alpha") << "the declared default";
  EXPECT_FALSE(r.flag("urgent"));
  EXPECT_FALSE(r.number("level").has_value()) << "no level until both scores are set";

  Record scores;
  scores.values["likelihood"] = int64_t{5};
  scores.values["impact"] = int64_t{5};
  auto updated = update(*db_, samples(), org_.id, r.id, scores, r.version, as(Role::contributor));
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->number("level"), 25);
}

TEST_P(RecordsTest, ReferencesReachOnlyActiveRecordsOfTheOrganisationAndShowOnBothSides) {
  const Record parent = must_create(input("Parent"));
  const Record sibling = must_create(input("Sibling"));
  auto foreign =
      create(*db_, samples(), other_org_.id, input("Foreign"), other_org_.people.at(Role::admin));
  ASSERT_TRUE(foreign.ok());

  Record child = input("Child");
  child.values["parent_id"] = parent.id;
  child.values["related_ids"] = Ids{sibling.id, parent.id, sibling.id};
  const Record created = must_create(child);
  EXPECT_EQ(created.number("parent_id"), parent.id);
  EXPECT_EQ(created.ids("related_ids"), (Ids{sibling.id, parent.id}))
      << "order kept, repeat dropped";
  auto read = get(*db_, samples(), org_.id, created.id);
  ASSERT_TRUE(read.ok());
  EXPECT_TRUE(created.values == read->values) << "references as the database holds them";

  Record to_foreign = input("Reaching out");
  to_foreign.values["related_ids"] = Ids{foreign->id};
  auto refused = create(*db_, samples(), org_.id, to_foreign, as(Role::contributor));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "related_ids");

  Record other_owner = input("Other owner");
  other_owner.values["owner_id"] = other_org_.people.at(Role::admin).user_id.value();
  EXPECT_EQ(create(*db_, samples(), org_.id, other_owner, as(Role::contributor)).error().field,
            "owner_id");

  Record note;
  note.values["title"] = std::string("Note on the parent");
  note.values["sample_ids"] = Ids{parent.id};
  ASSERT_TRUE(create(*db_, testing::notes(), org_.id, note, as(Role::contributor)).ok());

  auto referrers = referred_by(*db_, org_.id, samples(), parent.id);
  ASSERT_TRUE(referrers.ok());
  std::set<std::string> seen;
  for (const auto& r : referrers.value())
    seen.insert(r.name + " / " + r.field_label);
  EXPECT_EQ(seen, (std::set<std::string>{"Child / Parent", "Child / Related samples",
                                         "Note on the parent / Samples concerned"}));

  // An archived record cannot be newly referred to, but a reference that exists stays.
  ASSERT_TRUE(archive(*db_, samples(), org_.id, sibling.id, as(Role::admin)).ok());
  Record again = input("Late");
  again.values["related_ids"] = Ids{sibling.id};
  EXPECT_EQ(create(*db_, samples(), org_.id, again, as(Role::contributor)).error().field,
            "related_ids");
  Record rename;
  rename.values["name"] = std::string("Child renamed");
  EXPECT_TRUE(
      update(*db_, samples(), org_.id, created.id, rename, created.version, as(Role::contributor))
          .ok());
}

// The rows of an import are written by a second thread (records/import_writer.h). When the
// database refuses the first row, that thread is done long before the file is: the reading thread
// must neither wait for room in its queue nor lose the row's reason.
TEST_P(RecordsTest, AnImportWhoseTransactionRefusesARowEndsAndNamesTheRow) {
  std::string file = "title\r\nRefused at the start\r\n";
  for (int i = 0; i < 6000; ++i)  // more rows than the writer's queue holds
    file += "Note " + std::to_string(i) + "\r\n";
  auto report = import_csv(*db_, testing::notes(), org_.id, file, false, as(Role::contributor));
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_FALSE(report->committed);
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0].row, 1);
  EXPECT_EQ(report->errors[0].column, "title");
  EXPECT_EQ(report->errors[0].message, "refused inside the transaction");
  auto listed = list(*db_, testing::notes(), org_.id, {});
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->total, 0);
}

TEST_P(RecordsTest, TitlesAreUniqueIgnoringCase) {
  must_create(input("Credit scorer"));
  auto clash = create(*db_, samples(), org_.id, input("  CREDIT scorer "), as(Role::contributor));
  ASSERT_FALSE(clash.ok());
  EXPECT_EQ(clash.error().code, ErrorCode::already_exists);
  EXPECT_TRUE(create(*db_, samples(), other_org_.id, input("Credit scorer"),
                     other_org_.people.at(Role::admin))
                  .ok())
      << "another organisation may use the same title";
}

// An import checks titles against the keys it read once in its transaction (import_writer.cpp):
// a name already held, or held by an earlier row of the same transaction in another case, is
// refused as a single create would refuse it.
TEST_P(RecordsTest, ATransactionsTitleKeysRefuseWhatTheDatabaseHolds) {
  must_create(input("Credit scorer"));
  auto planned = [&](const std::string& name) {
    auto prepared = prepare(samples(), input(name));
    EXPECT_TRUE(prepared.ok());
    return plan_create(samples(), *prepared, as(Role::contributor));
  };
  auto outcome = db_->write([&](store::Tx& tx) -> Result<std::vector<std::string>> {
    const WriteContext ctx{tx, org_.id, as(Role::contributor), "2026-12-07T10:00:00.000000Z"};
    TRY_ASSIGN(auto taken, sql::title_keys(tx, samples(), org_.id));
    std::vector<std::string> refused;
    for (const char* name : {"Fraud screen", " CREDIT scorer", "fraud SCREEN", "Triage aid"}) {
      CreatePlan plan = planned(name);
      auto id = insert_planned(ctx, samples(), plan, &taken);
      if (!id) {
        EXPECT_EQ(id.error().code, ErrorCode::already_exists);
        EXPECT_EQ(id.error().field, "name");
        refused.emplace_back(name);
      }
    }
    return refused;
  });
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  EXPECT_EQ(*outcome, (std::vector<std::string>{" CREDIT scorer", "fraud SCREEN"}));
  EXPECT_EQ(list(*db_, samples(), org_.id, {})->total, 3);  // Credit scorer, Fraud screen, Triage
}

TEST_P(RecordsTest, ListsSearchFilterSortAndPageThroughEveryRecordOnce) {
  for (int i = 0; i < 7; ++i) {
    Record r = input("Model review " + std::to_string(i));
    r.values["kind"] = std::string(i % 2 ? "beta" : "alpha");
    r.values["quantity"] = int64_t{10 - i};
    r.values["tags"] = std::vector<std::string>{i < 3 ? "credit" : "fraud"};
    r.values["summary"] = std::string(i == 4 ? "Checks affordability of mortgages" : "Other text");
    must_create(r);
  }
  auto search = list(*db_, samples(), org_.id, {.search = "affordab"});
  ASSERT_TRUE(search.ok()) << search.error().message;
  ASSERT_EQ(search->items.size(), 1u);
  EXPECT_EQ(search->items[0].text("name"), "Model review 4");
  EXPECT_EQ(list(*db_, samples(), org_.id, {.search = "review model"})->total, 7);
  // Only the last word typed may be the start of a word.
  EXPECT_EQ(list(*db_, samples(), org_.id, {.search = "mortgages affordab"})->total, 1);
  EXPECT_EQ(list(*db_, samples(), org_.id, {.search = "mortg affordability"})->total, 0);
  EXPECT_EQ(list(*db_, samples(), org_.id, {.search = "nothing like it"})->total, 0);

  // Counting stops past count_limit: 7 match "review", 3 of them beta (i = 1, 3, 5).
  auto capped = list(*db_, samples(), org_.id, {.search = "review", .count_limit = 5});
  ASSERT_TRUE(capped.ok()) << capped.error().message;
  EXPECT_EQ(capped->total, 5);
  EXPECT_FALSE(capped->total_exact);
  EXPECT_EQ(capped->items.size(), 7u);  // the page itself is not capped
  auto exact = list(*db_, samples(), org_.id,
                    {.search = "review", .filters = {{"kind", "beta"}}, .count_limit = 3});
  ASSERT_TRUE(exact.ok()) << exact.error().message;
  EXPECT_EQ(exact->total, 3);
  EXPECT_TRUE(exact->total_exact);

  EXPECT_EQ(list(*db_, samples(), org_.id, {.filters = {{"kind", "beta"}}})->total, 3);
  EXPECT_EQ(list(*db_, samples(), org_.id, {.filters = {{"tags", "credit"}}})->total, 3);
  EXPECT_EQ(list(*db_, samples(), org_.id, {.filters = {{"state", "draft"}}})->total, 7);
  EXPECT_EQ(list(*db_, samples(), org_.id, {.filters = {{"kind", "delta"}}}).error().field, "kind");
  EXPECT_EQ(list(*db_, samples(), org_.id, {.filters = {{"name", "x"}}}).error().field, "name");

  auto by_quantity = list(*db_, samples(), org_.id, {.sort = "quantity", .limit = 3});
  ASSERT_TRUE(by_quantity.ok());
  EXPECT_EQ(by_quantity->items[0].number("quantity"), 4);  // 10 - 6
  EXPECT_EQ(list(*db_, samples(), org_.id, {.sort = "notes"}).error().field, "sort");

  // Paging one at a time in both directions reaches every record exactly once.
  for (bool descending : {false, true}) {
    std::set<int64_t> seen;
    std::optional<std::string> cursor;
    int pages = 0;
    do {
      auto page = list(*db_, samples(), org_.id,
                       {.sort = "kind", .descending = descending, .limit = 1, .cursor = cursor});
      ASSERT_TRUE(page.ok());
      for (const auto& r : page->items)
        EXPECT_TRUE(seen.insert(r.id).second) << "seen twice";
      cursor = page->next_cursor;
      ASSERT_LT(++pages, 20);
    } while (cursor);
    EXPECT_EQ(seen.size(), 7u);
  }
}

TEST_P(RecordsTest, WorkflowNeedsTheRightRoleAReasonAndTwoIndependentApprovals) {
  Record r = input("Policy draft");
  r.values["owner_id"] = as(Role::aims_manager).user_id.value();
  Record draft = must_create(r, Role::admin);
  auto step = [&](const std::string& name, const Caller& who, const std::string& reason = "") {
    auto current = get(*db_, samples(), org_.id, draft.id);
    return transition(*db_, samples(), org_.id, draft.id, {name, reason, {}, current->version},
                      who);
  };
  // A viewer may not submit; a contributor may.
  EXPECT_EQ(step("submit", as(Role::viewer)).error().code, ErrorCode::permission_denied);
  auto submitted = step("submit", as(Role::contributor));
  ASSERT_TRUE(submitted.ok()) << submitted.error().message;
  EXPECT_EQ(submitted->record.state, "in_review");
  // In review, the record cannot be edited.
  Record edit;
  edit.values["notes"] = std::string("sneaky change");
  EXPECT_EQ(update(*db_, samples(), org_.id, draft.id, edit, submitted->record.version,
                   as(Role::contributor))
                .error()
                .code,
            ErrorCode::failed_precondition);
  // Sending back needs a reason, asked for by the name the transition gives it.
  auto unexplained = step("reject", second_manager_);
  EXPECT_EQ(unexplained.error().field, "reason");
  EXPECT_EQ(unexplained.error().message, "a reason for sending back is needed to send back");
  // The author (admin) and the owner (aims manager) may not approve; a contributor's role may not.
  auto by_author = step("approve", as(Role::admin));
  EXPECT_EQ(by_author.error().code, ErrorCode::permission_denied);
  EXPECT_EQ(by_author.error().message,
            "separation of duties: you wrote or own this sample, so someone else must approve it");
  EXPECT_EQ(step("approve", as(Role::aims_manager)).error().code, ErrorCode::permission_denied);
  EXPECT_EQ(step("approve", as(Role::contributor)).error().code, ErrorCode::permission_denied);
  // One independent approval is recorded but does not move the record...
  auto first = step("approve", second_manager_, "reviewed against the checklist");
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_FALSE(first->moved);
  EXPECT_EQ(first->approvals_given, 1);
  EXPECT_EQ(first->record.state, "in_review");
  // ...and the same person cannot give the second.
  auto twice = step("approve", second_manager_);
  EXPECT_EQ(twice.error().code, ErrorCode::permission_denied);
  EXPECT_NE(twice.error().message.find("already approved"), std::string::npos);
  // A second admin gives it: the record is approved and version 1 is frozen.
  auto admin2 = auth::add_user(
      *db_, org_.id, {"admin2@acme.test", "Second admin", "admin", "a long test passphrase"},
      {"cli", std::nullopt, "cli:test"});
  ASSERT_TRUE(admin2.ok());
  const Caller second_admin{
      {"user", admin2->user.id, "admin2@acme.test"}, admin2->user.id, Role::admin};
  auto second = step("approve", second_admin, "fine");
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_TRUE(second->moved);
  EXPECT_EQ(second->record.state, "approved");
  EXPECT_EQ(second->record.frozen, 1);
  auto frozen = versions(*db_, samples(), org_.id, draft.id);
  ASSERT_TRUE(frozen.ok());
  ASSERT_EQ(frozen->size(), 1u);
  EXPECT_EQ(frozen->front().frozen_by, "admin2@acme.test");
  EXPECT_EQ(frozen->front().snapshot.text("name"), "Policy draft");
}

TEST_P(RecordsTest, AMoveWithItsOwnRouteIsRefusedGenericallyAndTakesWhatTheRoutePrepared) {
  const auto& d = testing::errands();
  Record r;
  r.values["name"] = std::string("Fetch the audit binder");
  auto created = create(*db_, d, org_.id, r, as(Role::contributor));
  ASSERT_TRUE(created.ok()) << created.error().message;
  const Record& errand = *created;
  // A manager who may give the approval sees no generic button: the move is theirs through the
  // module's route, and the page says where it is offered.
  auto manager = workflow_view(*db_, d, org_.id, errand, as(Role::aims_manager));
  ASSERT_TRUE(manager.ok());
  EXPECT_TRUE(manager->open.empty());
  ASSERT_EQ(manager->own.size(), 1u);
  EXPECT_STREQ(manager->own.front()->name, "finish");
  ASSERT_EQ(manager->closed.size(), 1u);
  EXPECT_EQ(manager->closed.front().second, "finished with the form below");
  // A viewer may not make it at all: closed with the role's reason, not theirs to make.
  auto viewer = workflow_view(*db_, d, org_.id, errand, as(Role::viewer));
  ASSERT_TRUE(viewer.ok());
  EXPECT_TRUE(viewer->own.empty());
  ASSERT_EQ(viewer->closed.size(), 1u);
  EXPECT_EQ(viewer->closed.front().second, "your role may not finish the errand");
  // My work lists it to the manager, with no approval given yet.
  auto pending = db_->read(
      [&](store::Tx& tx) { return approvable(tx, d, org_.id, errand, as(Role::aims_manager)); });
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ(pending->front().given, 0);
  // The generic transition refuses it, naming the route (written out by hand from the
  // description), and records no approval.
  const TransitionRequest generic{.name = "finish", .expected_version = errand.version};
  auto refused = transition(*db_, d, org_.id, errand.id, generic, as(Role::aims_manager));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::failed_precondition);
  EXPECT_EQ(refused.error().message,
            "finish the errand from its page or POST /api/v1/errands/{id}/finish, which check the "
            "errand first");
  auto approvals = workflow_view(*db_, d, org_.id, errand, as(Role::aims_manager));
  ASSERT_TRUE(approvals.ok());
  EXPECT_TRUE(approvals->approvals.empty());
  // Through the route, with what it prepared: the hooks read it in the move's transaction.
  TransitionRequest routed = generic;
  routed.prepared = std::string("binder found on shelf 3");
  auto finished = transition(*db_, d, org_.id, errand.id, routed, as(Role::aims_manager));
  ASSERT_TRUE(finished.ok()) << finished.error().message;
  EXPECT_TRUE(finished->moved);
  EXPECT_EQ(finished->record.state, "finished");
  EXPECT_EQ(finished->record.text("receipt"), "binder found on shelf 3");
}

TEST_P(RecordsTest, FrozenVersionsAreImmutableInTheDatabaseAndCanBeCompared) {
  Record r = input("Versioned");
  r.values["summary"] = std::string("first line\nsecond line\nthird line");
  Record draft = must_create(r, Role::contributor);
  auto approve_cycle = [&](const std::string& summary) {
    auto current = get(*db_, samples(), org_.id, draft.id);
    if (current->state == "approved") {
      ASSERT_TRUE(transition(*db_, samples(), org_.id, draft.id,
                             {"revise", "", {}, current->version}, as(Role::contributor))
                      .ok());
      current = get(*db_, samples(), org_.id, draft.id);
    }
    if (!summary.empty()) {
      Record change;
      change.values["summary"] = summary;
      change.values["kind"] = std::string("gamma");
      ASSERT_TRUE(update(*db_, samples(), org_.id, draft.id, change, current->version,
                         as(Role::contributor))
                      .ok());
      current = get(*db_, samples(), org_.id, draft.id);
    }
    ASSERT_TRUE(transition(*db_, samples(), org_.id, draft.id, {"submit", "", {}, current->version},
                           as(Role::contributor))
                    .ok());
    for (const Caller* who :
         {&as(Role::aims_manager), static_cast<const Caller*>(&second_manager_)}) {
      current = get(*db_, samples(), org_.id, draft.id);
      auto done = transition(*db_, samples(), org_.id, draft.id,
                             {"approve", "ok", {}, current->version}, *who);
      ASSERT_TRUE(done.ok()) << done.error().message;
    }
  };
  approve_cycle("");
  approve_cycle("first line\nsecond line changed\nthird line\nfourth line");
  auto all = versions(*db_, samples(), org_.id, draft.id);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(all->at(0).snapshot.text("kind"), "alpha");
  EXPECT_EQ(all->at(1).snapshot.text("kind"), "gamma");

  auto changes = compare(*db_, samples(), org_.id, draft.id, 1, 2);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 2u);
  EXPECT_EQ(changes->at(0).key, "summary");
  // Worked by hand: line 2 replaced, line 4 added.
  std::string diff;
  for (const auto& line : changes->at(0).lines)
    diff += std::string(1, line.kind) + line.text + "|";
  EXPECT_EQ(diff, " first line|-second line|+second line changed| third line|+fourth line|");
  EXPECT_EQ(changes->at(1).before, "Alpha");
  EXPECT_EQ(changes->at(1).after, "Gamma");

  for (const char* sql :
       {"UPDATE record_versions SET snapshot = '{}'", "DELETE FROM record_versions"}) {
    auto tampered = db_->write([&](store::Tx& tx) { return tx.exec(sql); });
    EXPECT_FALSE(tampered.ok()) << sql << " must be refused by the database";
  }
  EXPECT_EQ(versions(*db_, samples(), org_.id, draft.id)->size(), 2u);
}

TEST_P(RecordsTest, EveryChangeIsOneAuditEventAndANoOpIsNone) {
  const int64_t start = events();
  Record created = must_create(input("Audited"));
  EXPECT_EQ(events(), start + 1);
  Record change;
  change.values["notes"] = std::string("new notes");
  auto updated =
      update(*db_, samples(), org_.id, created.id, change, created.version, as(Role::contributor));
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(events(), start + 2);
  auto same =
      update(*db_, samples(), org_.id, created.id, change, updated->version, as(Role::contributor));
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->version, updated->version);
  EXPECT_EQ(events(), start + 2) << "a no-op writes no event";
  EXPECT_EQ(
      update(*db_, samples(), org_.id, created.id, change, created.version, as(Role::contributor))
          .error()
          .code,
      ErrorCode::stale_version);
  ASSERT_TRUE(archive(*db_, samples(), org_.id, created.id, as(Role::admin)).ok());
  EXPECT_EQ(archive(*db_, samples(), org_.id, created.id, as(Role::admin)).error().code,
            ErrorCode::failed_precondition);
  ASSERT_TRUE(restore(*db_, samples(), org_.id, created.id, as(Role::admin)).ok());
  EXPECT_EQ(events(), start + 4);
  auto history = db_->read([&](store::Tx& tx) {
    return trail::list(tx, org_.id, {.entity_type = "sample", .entity_id = created.id});
  });
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 4u);
  EXPECT_EQ(history->front().action, "restore");
  EXPECT_NE(history->at(2).changes.find("new notes"), std::string::npos);
}

TEST_P(RecordsTest, AnotherOrganisationsRecordIsNotFound) {
  const Record mine = must_create(input("Mine"));
  const Caller& stranger = other_org_.people.at(Role::admin);
  EXPECT_EQ(get(*db_, samples(), other_org_.id, mine.id).error().code, ErrorCode::not_found);
  EXPECT_EQ(update(*db_, samples(), other_org_.id, mine.id, input("x"), 1, stranger).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(archive(*db_, samples(), other_org_.id, mine.id, stranger).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(transition(*db_, samples(), other_org_.id, mine.id, {"submit", "", {}, 1}, stranger)
                .error()
                .code,
            ErrorCode::not_found);
}

INSTANTIATE_TEST_SUITE_P(Backends, RecordsTest, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_name);

}  // namespace
}  // namespace aims::records
