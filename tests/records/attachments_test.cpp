// Attachments and comments on records, on both backends: content-addressed storage with its hash
// and deduplication, the size limit and the type taken from the content, removal that keeps shared
// content (also while the same content is attached at that moment, on PostgreSQL), archived
// records, tenancy, comments with their permissions, and the audit trail.
#include "records/attachments.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <thread>

#include <gtest/gtest.h>
#include <unistd.h>

#include "auth/auth.h"
#include "records/file_type.h"
#include "records/records.h"
#include "records/sample_register.h"
#include "support/backends.h"
#include "trail/trail.h"

namespace aims::records {
namespace {

using auth::Role;
using testing::samples;

// `printf 'evidence for the auditor\n' | sha256sum`, computed outside aims.
constexpr const char* kEvidence = "evidence for the auditor\n";
constexpr const char* kEvidenceSha256 =
    "0023b8d9d377058e35ce43579e15d8331360cfc321a6c787846d2e1514975283";

class AttachmentsTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    ASSERT_TRUE(testing::install_sample_registers(*db_).ok());
    org_ = organisation("Acme", {Role::contributor, Role::auditor, Role::viewer});
    other_ = organisation("Other", {Role::contributor});  // each person costs an argon2 hash
    record_ = sample(org_, "Evidence holder");
    second_ = sample(org_, "Second holder");
    foreign_ = sample(other_, "Not yours");
  }

  struct People {
    int64_t org = 0;
    std::map<Role, Caller> by_role;
  };

  People organisation(const std::string& name, std::initializer_list<Role> roles) {
    const trail::Actor cli{"cli", std::nullopt, "cli:test"};
    const std::string domain = "@" + name + ".test";
    auto created = auth::create_organisation(
        *db_, name, {"admin" + domain, "Admin", "admin", testing_password()}, cli);
    EXPECT_TRUE(created.ok());
    People p{created->first.id, {}};
    for (Role role : roles) {
      const std::string r(auth::to_string(role));
      auto user = auth::add_user(*db_, p.org, {r + domain, r, r, testing_password()}, cli);
      EXPECT_TRUE(user.ok());
      p.by_role[role] = {{"user", user->user.id, user->user.email}, user->user.id, role};
    }
    return p;
  }
  static std::string testing_password() { return "a long test passphrase"; }

  int64_t sample(const People& p, const std::string& name) {
    Record r;
    r.values["name"] = name;
    auto created = create(*db_, samples(), p.org, r, p.by_role.at(Role::contributor));
    EXPECT_TRUE(created.ok());
    return created.ok() ? created->id : 0;
  }

  const Caller& editor() const { return org_.by_role.at(Role::contributor); }

  Result<Attachment> attach(int64_t record, const std::string& name, std::string content) {
    return attach_file(*db_, samples(), org_.org, record, name, std::move(content), editor());
  }

  int64_t count(const std::string& table) {
    auto n = db_->read([&](store::Tx& tx) -> Result<int64_t> {
      TRY_ASSIGN(auto row, tx.query_row("SELECT COUNT(*) FROM " + table));
      return row->int64(0);
    });
    return n.ok() ? *n : -1;
  }

  int64_t events() {
    auto n = db_->read([&](store::Tx& tx) { return trail::event_count(tx, org_.org); });
    return n.ok() ? *n : -1;
  }

  // The record's audit events, oldest first.
  std::vector<trail::Event> record_events(int64_t record) {
    trail::Filter f;
    f.entity_type = "sample";
    f.entity_id = record;
    auto list = db_->read([&](store::Tx& tx) { return trail::list(tx, org_.org, f); });
    EXPECT_TRUE(list.ok());
    std::vector<trail::Event> out = list.ok() ? *list : std::vector<trail::Event>{};
    std::reverse(out.begin(), out.end());
    return out;
  }

  People org_, other_;
  int64_t record_ = 0, second_ = 0, foreign_ = 0;
};

TEST_P(AttachmentsTest, HashIsSha256OfTheContentAndIdenticalContentIsStoredOnce) {
  auto first = attach(record_, "evidence.txt", kEvidence);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->sha256, kEvidenceSha256);
  EXPECT_EQ(first->size, 25);
  EXPECT_EQ(first->media_type, "text/plain; charset=utf-8");
  EXPECT_EQ(first->added_by, editor().user_id);
  ASSERT_TRUE(attach(record_, "copy.txt", kEvidence).ok());
  ASSERT_TRUE(attach(second_, "C:\\Users\\me\\again.txt", kEvidence).ok());
  EXPECT_EQ(count("attachment_blobs"), 1);
  EXPECT_EQ(count("record_attachments"), 3);

  auto listed = attachments(*db_, samples(), org_.org, second_);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().name, "again.txt");  // a path's folders are dropped
  auto content = attachment_content(*db_, samples(), org_.org, second_, listed->front().id);
  ASSERT_TRUE(content.ok());
  EXPECT_EQ(content->bytes, kEvidence);
}

TEST_P(AttachmentsTest, TheSameContentInAnotherOrganisationIsItsOwn) {
  ASSERT_TRUE(attach(record_, "evidence.txt", kEvidence).ok());
  ASSERT_TRUE(attach_file(*db_, samples(), other_.org, foreign_, "theirs.txt", kEvidence,
                          other_.by_role.at(Role::contributor))
                  .ok());
  EXPECT_EQ(count("attachment_blobs"), 2);
}

TEST_P(AttachmentsTest, ALargerFileIsRefusedAndNothingIsWritten) {
  const int64_t before = events();
  auto refused = attach(record_, "big.bin", std::string(kMaxAttachmentBytes + 1, 'x'));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::too_large);
  EXPECT_EQ(refused.error().field, "file");
  EXPECT_EQ(count("attachment_blobs"), 0);
  EXPECT_EQ(count("record_attachments"), 0);
  EXPECT_EQ(events(), before);

  // A file on disk is refused by its size, before it is read.
  const auto path =
      std::filesystem::temp_directory_path() / ("aims-big-" + std::to_string(getpid()));
  { std::ofstream(path, std::ios::binary); }
  std::filesystem::resize_file(path, kMaxAttachmentBytes + 1);
  auto read = read_attachment_file(path.string());
  std::filesystem::remove(path);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code, ErrorCode::too_large);
  EXPECT_EQ(read.error().field, "file");
}

TEST_P(AttachmentsTest, EmptyAndExecutableFilesAreRefusedByField) {
  const int64_t before = events();
  auto empty = attach(record_, "empty.txt", "");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().field, "file");
  auto program = attach(record_, "report.pdf",
                        std::string("\x7f"
                                    "ELF\x02\x01\x01",
                                    7) +
                            "code");
  ASSERT_FALSE(program.ok());
  EXPECT_EQ(program.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(program.error().field, "file");
  auto unnamed = attach(record_, "  ", kEvidence);
  ASSERT_FALSE(unnamed.ok());
  EXPECT_EQ(unnamed.error().field, "name");
  EXPECT_EQ(count("attachment_blobs"), 0);
  EXPECT_EQ(events(), before);
}

TEST_P(AttachmentsTest, RemovalKeepsContentAnotherAttachmentUses) {
  auto kept = attach(record_, "kept.txt", kEvidence);
  auto removed = attach(second_, "removed.txt", kEvidence);
  ASSERT_TRUE(kept.ok() && removed.ok());
  ASSERT_TRUE(remove_attachment(*db_, samples(), org_.org, second_, removed->id, editor()).ok());
  EXPECT_EQ(count("attachment_blobs"), 1);
  auto content = attachment_content(*db_, samples(), org_.org, record_, kept->id);
  ASSERT_TRUE(content.ok());
  EXPECT_EQ(content->bytes, kEvidence);
  EXPECT_EQ(attachment_content(*db_, samples(), org_.org, second_, removed->id).error().code,
            ErrorCode::not_found);

  ASSERT_TRUE(remove_attachment(*db_, samples(), org_.org, record_, kept->id, editor()).ok());
  EXPECT_EQ(count("attachment_blobs"), 0);  // the last one took the content with it
  // The same content attached again is stored again.
  ASSERT_TRUE(attach(record_, "back.txt", kEvidence).ok());
  EXPECT_EQ(count("attachment_blobs"), 1);
}

TEST_P(AttachmentsTest, EveryChangeIsAnAuditEventOfTheRecord) {
  auto file = attach(record_, "evidence.txt", kEvidence);
  ASSERT_TRUE(file.ok());
  auto link =
      attach_link(*db_, samples(), org_.org, record_, "Policy", "https://example.org/p", editor());
  ASSERT_TRUE(link.ok()) << link.error().message;
  ASSERT_TRUE(remove_attachment(*db_, samples(), org_.org, record_, file->id, editor()).ok());
  ASSERT_TRUE(add_comment(*db_, samples(), org_.org, record_, "Where is the test report?",
                          std::nullopt, org_.by_role.at(Role::auditor))
                  .ok());
  const auto all = record_events(record_);
  ASSERT_EQ(all.size(), 5u);  // create, attach, attach, detach, comment
  EXPECT_EQ(all[1].action, "attach");
  EXPECT_NE(all[1].changes.find(kEvidenceSha256), std::string::npos);
  EXPECT_NE(all[1].changes.find("evidence.txt"), std::string::npos);
  EXPECT_EQ(all[2].action, "attach");
  EXPECT_NE(all[2].changes.find("https://example.org/p"), std::string::npos);
  EXPECT_EQ(all[3].action, "detach");
  EXPECT_NE(all[3].changes.find(kEvidenceSha256), std::string::npos);
  EXPECT_EQ(all[4].action, "comment");
  EXPECT_EQ(all[4].actor_label, org_.by_role.at(Role::auditor).actor.label);
  EXPECT_NE(all[4].changes.find("Where is the test report?"), std::string::npos);
}

TEST_P(AttachmentsTest, AnArchivedRecordsAttachmentsStayReadableButCannotChange) {
  auto file = attach(record_, "evidence.txt", kEvidence);
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE(archive(*db_, samples(), org_.org, record_, editor()).ok());
  const int64_t before = events();
  auto again = attach(record_, "more.txt", "more");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::failed_precondition);
  EXPECT_EQ(attach_link(*db_, samples(), org_.org, record_, "", "https://example.org", editor())
                .error()
                .code,
            ErrorCode::failed_precondition);
  EXPECT_EQ(remove_attachment(*db_, samples(), org_.org, record_, file->id, editor()).error().code,
            ErrorCode::failed_precondition);
  EXPECT_EQ(events(), before);
  EXPECT_EQ(attachments(*db_, samples(), org_.org, record_)->size(), 1u);
  EXPECT_EQ(attachment_content(*db_, samples(), org_.org, record_, file->id)->bytes, kEvidence);
}

TEST_P(AttachmentsTest, AnotherOrganisationsRecordsAndAttachmentsAreNotFound) {
  auto theirs = attach_file(*db_, samples(), other_.org, foreign_, "theirs.txt", "secret",
                            other_.by_role.at(Role::contributor));
  ASSERT_TRUE(theirs.ok());
  const auto not_found = [](const auto& result) {
    return !result.ok() && result.error().code == ErrorCode::not_found;
  };
  // Their record through our organisation.
  EXPECT_TRUE(not_found(attach(foreign_, "mine.txt", kEvidence)));
  EXPECT_TRUE(not_found(attachments(*db_, samples(), org_.org, foreign_)));
  EXPECT_TRUE(not_found(attachment_content(*db_, samples(), org_.org, foreign_, theirs->id)));
  EXPECT_TRUE(not_found(comments(*db_, samples(), org_.org, foreign_)));
  EXPECT_TRUE(
      not_found(add_comment(*db_, samples(), org_.org, foreign_, "hello", std::nullopt, editor())));
  // Their attachment's id under our own record.
  EXPECT_TRUE(not_found(attachment_content(*db_, samples(), org_.org, record_, theirs->id)));
  EXPECT_TRUE(
      not_found(remove_attachment(*db_, samples(), org_.org, record_, theirs->id, editor())));
  EXPECT_EQ(count("record_attachments"), 1);
}

TEST_P(AttachmentsTest, LinksNeedAWebAddress) {
  auto bad = attach_link(*db_, samples(), org_.org, record_, "x", "javascript:alert(1)", editor());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "url");
  auto unlabelled =
      attach_link(*db_, samples(), org_.org, record_, "", " https://example.org/a ", editor());
  ASSERT_TRUE(unlabelled.ok()) << unlabelled.error().message;
  EXPECT_TRUE(unlabelled->is_link);
  EXPECT_EQ(unlabelled->url, "https://example.org/a");
  EXPECT_EQ(unlabelled->name, "https://example.org/a");
  // A link has no content to download.
  EXPECT_EQ(attachment_content(*db_, samples(), org_.org, record_, unlabelled->id).error().code,
            ErrorCode::not_found);
}

TEST_P(AttachmentsTest, EditorsAndAuditorsCommentViewersRead) {
  auto question = add_comment(*db_, samples(), org_.org, record_, "Who approved **this**?",
                              std::nullopt, org_.by_role.at(Role::auditor));
  ASSERT_TRUE(question.ok()) << question.error().message;
  auto answer = add_comment(*db_, samples(), org_.org, record_, "The risk committee.", question->id,
                            editor());
  ASSERT_TRUE(answer.ok()) << answer.error().message;
  EXPECT_EQ(answer->reply_to, question->id);

  const int64_t before = events();
  auto viewer = add_comment(*db_, samples(), org_.org, record_, "me too", std::nullopt,
                            org_.by_role.at(Role::viewer));
  ASSERT_FALSE(viewer.ok());
  EXPECT_EQ(viewer.error().code, ErrorCode::permission_denied);
  auto empty = add_comment(*db_, samples(), org_.org, record_, "  \n ", std::nullopt, editor());
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().field, "body");
  // A reply to a comment of another record is refused.
  auto elsewhere =
      add_comment(*db_, samples(), org_.org, second_, "off topic", question->id, editor());
  ASSERT_FALSE(elsewhere.ok());
  EXPECT_EQ(elsewhere.error().field, "reply_to");
  EXPECT_EQ(events(), before);

  auto thread = comments(*db_, samples(), org_.org, record_);
  ASSERT_TRUE(thread.ok());
  ASSERT_EQ(thread->size(), 2u);
  EXPECT_EQ((*thread)[0].body, "Who approved **this**?");
  EXPECT_EQ((*thread)[0].author_label, org_.by_role.at(Role::auditor).actor.label);
  EXPECT_EQ((*thread)[1].reply_to, question->id);
}

INSTANTIATE_TEST_SUITE_P(Backends, AttachmentsTest, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_name);

// ---- removal racing an attach of the same content (PostgreSQL) -----------------------------

// Two transactions interleaved on PostgreSQL: the test holds the organisation's audit-trail head,
// where every attach and removal stops last, so each stands still with its other locks held
// until the test lets go.
class AttachmentRaceTest : public AttachmentsTest {
 protected:
  void SetUp() override {
    if (GetParam() != testing::Backend::postgres) {
      GTEST_SKIP() << "SQLite runs one write transaction at a time";
    }
    AttachmentsTest::SetUp();
  }

  // Holds the head in a transaction of its own until release_head().
  void hold_head() {
    holder_ = std::thread([this] {
      auto held = db_->write([this](store::Tx& tx) -> Status {
        TRY(trail::lock_head(tx, org_.org));
        head_held_.set_value();
        release_.get_future().wait();
        return {};
      });
      EXPECT_TRUE(held.ok());
    });
    head_held_.get_future().wait();
  }
  void release_head() {
    release_.set_value();
    holder_.join();
  }

  // Waits until `n` statements of the database wait for a lock.
  void wait_for_blocked(int n) {
    for (int i = 0; i < 1000; ++i) {
      auto waiting = db_->read([](store::Tx& tx) -> Result<int64_t> {
        TRY_ASSIGN(auto row, tx.query_row("SELECT COUNT(*) FROM pg_stat_activity WHERE datname ="
                                          " current_database() AND wait_event_type = 'Lock'"));
        return row->int64(0);
      });
      ASSERT_TRUE(waiting.ok());
      if (*waiting >= n) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    FAIL() << "the transactions never met at their locks";
  }

  // Attaches kEvidence, then removes that attachment while the same content is attached to
  // another record, starting the attach first or the removal first: both succeed, and the content
  // stays readable through the new attachment.
  void race(bool attach_first) {
    auto first = attach(record_, "first.txt", kEvidence);
    ASSERT_TRUE(first.ok());
    hold_head();
    Result<Attachment> again = Error::internal("not run");
    Status removed = Error::internal("not run");
    auto attaching = [&] { again = attach(second_, "again.txt", kEvidence); };
    auto removing = [&] {
      removed = remove_attachment(*db_, samples(), org_.org, record_, first->id, editor());
    };
    std::thread one(attach_first ? std::function<void()>(attaching) : removing);
    wait_for_blocked(1);
    std::thread other(attach_first ? std::function<void()>(removing) : attaching);
    wait_for_blocked(2);
    release_head();
    one.join();
    other.join();
    ASSERT_TRUE(again.ok()) << again.error().message;
    ASSERT_TRUE(removed.ok()) << removed.error().message;
    EXPECT_EQ(count("attachment_blobs"), 1);
    auto content = attachment_content(*db_, samples(), org_.org, second_, again->id);
    ASSERT_TRUE(content.ok());
    EXPECT_EQ(content->bytes, kEvidence);
  }

  std::thread holder_;
  std::promise<void> head_held_, release_;
};

TEST_P(AttachmentRaceTest, RemovingTheLastUseWhileTheSameContentIsAttachedKeepsTheContent) {
  // The attach takes the content's row, inserts its attachment and waits at the head; the removal
  // of the content's last committed use then waits for the attach to finish.
  race(true);
}

TEST_P(AttachmentRaceTest, AttachingWhileTheLastUseIsRemovedStoresTheContentAgain) {
  // The removal deletes the content and waits at the head; the attach, finding the content being
  // deleted, waits for the removal to finish.
  race(false);
}

INSTANTIATE_TEST_SUITE_P(Backends, AttachmentRaceTest, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_name);

// ---- the type, from the content alone ------------------------------------------------------

std::string type_of(std::string_view content, std::string_view name) {
  auto type = detect_media_type(content, name);
  return type.ok() ? *type : "refused: " + type.error().message;
}

TEST(FileTypeTest, TheContentDecidesNotTheName) {
  EXPECT_EQ(type_of("%PDF-1.7\n%fake", "photo.png"), "application/pdf");
  EXPECT_EQ(type_of("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "report.pdf"), "image/png");
  EXPECT_EQ(type_of("\xff\xd8\xff\xe0\0\x10JFIF", "a.txt"), "image/jpeg");
  EXPECT_EQ(type_of("GIF89a\x01\0\x01\0", "a.txt"), "image/gif");
  EXPECT_EQ(type_of("PK\x03\x04...[Content_Types].xml...word/document.xml", "a.zip"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_EQ(type_of("PK\x03\x04...[Content_Types].xml...xl/workbook.xml", "a.docx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(type_of("PK\x03\x04 data.csv", "a.xlsx"), "application/zip");
  EXPECT_EQ(type_of(" {\"metric\": 0.93}\n", "a.txt"), "application/json");
  EXPECT_EQ(type_of("{not json", "a.json"), "text/plain; charset=utf-8");
  EXPECT_EQ(type_of("a,b\n1,2\n", "data.CSV"), "text/csv; charset=utf-8");
  EXPECT_EQ(type_of("# Notes\n\nZoë", "notes.md"), "text/markdown; charset=utf-8");
  EXPECT_EQ(type_of(std::string("\0\1\2\3", 4), "a.pdf"), "application/octet-stream");
  EXPECT_EQ(type_of("caf\xe9", "a.txt"), "application/octet-stream");  // Latin-1, not UTF-8
}

TEST(FileTypeTest, ActiveContentIsNeverNamedAsSuch) {
  // HTML and SVG are text: they download as text/plain, which no browser runs.
  EXPECT_EQ(type_of("<html><script>alert(1)</script></html>", "page.html"),
            "text/plain; charset=utf-8");
  EXPECT_EQ(type_of("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", "i.svg"),
            "text/plain; charset=utf-8");
}

TEST(FileTypeTest, ProgramsAreRefused) {
  for (std::string_view program :
       {std::string_view("\x7f"
                         "ELF\x02\x01",
                         6),
        std::string_view("MZ\x90\0\x03\0", 6), std::string_view("\xcf\xfa\xed\xfe\x07\0", 6),
        std::string_view("\xca\xfe\xba\xbe\0", 5)}) {
    auto type = detect_media_type(program, "harmless.pdf");
    ASSERT_FALSE(type.ok());
    EXPECT_EQ(type.error().field, "file");
  }
  EXPECT_EQ(type_of("MZ is how this note starts", "a.txt"), "text/plain; charset=utf-8");
}

}  // namespace
}  // namespace aims::records
