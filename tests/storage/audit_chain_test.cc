// Conformance: the audit chain verifies, names the first entry of every kind of tampering, and
// the append-only triggers refuse changes; review queries page newest first.

#include <algorithm>
#include <chrono>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "audit_fixture.h"
#include "trust/audit/audit_review.h"
#include "trust/audit/audit_store.h"
#include "trust/audit/canonical_encoding.h"
#include "trust/audit/chain_verifier.h"

namespace fyren::storage::testing {
namespace {

using base::ErrorCode;
using trust::audit::BreakKind;
using trust::audit::VerifyChain;

TEST_P(AuditTest, AppendedEntriesVerify) {
  SetUpAudit();
  AppendEvents(25);
  auto report = VerifyChain(*db_, kTenant, {.batch_size = 7});  // several pages
  FYREN_ASSERT_OK(report);
  EXPECT_TRUE(report->intact());
  EXPECT_EQ(report->entries_checked, 25);
  EXPECT_EQ(report->head_seq, 25);
  auto empty = VerifyChain(*db_, kOtherTenant);
  FYREN_ASSERT_OK(empty);
  EXPECT_TRUE(empty->intact());
  EXPECT_EQ(empty->entries_checked, 0);
}

TEST_P(AuditTest, TriggersRefuseUpdateDeleteAndRewindingTheHead) {
  SetUpAudit();
  AppendEvents(3);
  for (const std::string_view sql :
       {std::string_view("UPDATE audit_entries SET person_id = 999 WHERE seq = 2"),
        std::string_view("DELETE FROM audit_entries WHERE seq = 3"),
        std::string_view("UPDATE audit_heads SET seq = 1"),
        std::string_view("DELETE FROM audit_heads")}) {
    auto changed = db_->Write([&](Transaction& tx) { return tx.Execute(sql); });
    EXPECT_FALSE(changed) << sql;
  }
  if (backend() == Backend::kPostgres) {
    auto truncated = db_->Write(
        [](Transaction& tx) { return tx.ExecuteScript("TRUNCATE audit_entries CASCADE"); });
    EXPECT_FALSE(truncated);
  }
  EXPECT_EQ(CountEntries(kTenant), 3);
  auto report = VerifyChain(*db_, kTenant);
  FYREN_ASSERT_OK(report);
  EXPECT_TRUE(report->intact());
}

// Migration 0021 copies the audit table into one stored in key order (WITHOUT ROWID on SQLite;
// a comment only on PostgreSQL). Entries written before it must come through unchanged: the
// chain verifies, both tenants' heads still match, the append-only triggers are back, and new
// entries continue the chain.
TEST_P(AuditTest, EntriesWrittenBeforeMigration0021VerifyAfterItAndTheChainGoesOn) {
  const auto& all = migrations();
  const auto it = std::find_if(all.begin(), all.end(), [](const Migration& m) {
    return m.name == "audit_entries_in_key_order";
  });
  ASSERT_NE(it, all.end());
  const auto before = static_cast<std::size_t>(it - all.begin());
  FYREN_ASSERT_OK(Migrate(*db_, std::span(all).first(before)));
  FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) -> Status {
    if (auto a = InsertTenant(tx, kTenant.value(), "audit-a"); !a) return a;
    return InsertTenant(tx, kOtherTenant.value(), "audit-b");
  }));
  AppendEvents(30);
  {
    trust::audit::AuditLog log(*db_, clock_);
    for (int i = 0; i < 4; ++i) FYREN_ASSERT_OK(log.Append(Event(kOtherTenant, 8, 100 + i, 1)));
  }

  auto applied = Migrate(*db_, all);
  FYREN_ASSERT_OK(applied);
  EXPECT_EQ(*applied, static_cast<int>(all.size() - before));

  for (const auto& [tenant, count] : {std::pair{kTenant, 30}, std::pair{kOtherTenant, 4}}) {
    auto report = VerifyChain(*db_, tenant, {.batch_size = 7});
    FYREN_ASSERT_OK(report);
    EXPECT_TRUE(report->intact()) << tenant.value();
    EXPECT_EQ(report->entries_checked, count);
    EXPECT_EQ(report->head_seq, count);
  }
  for (const std::string_view sql :
       {std::string_view("UPDATE audit_entries SET person_id = 999 WHERE seq = 2"),
        std::string_view("DELETE FROM audit_entries WHERE seq = 3")}) {
    auto changed = db_->Write([&](Transaction& tx) { return tx.Execute(sql); });
    EXPECT_FALSE(changed) << sql;
  }
  AppendEvents(5);
  auto report = VerifyChain(*db_, kTenant);
  FYREN_ASSERT_OK(report);
  EXPECT_TRUE(report->intact());
  EXPECT_EQ(report->entries_checked, 35);

  if (backend() == Backend::kSqlite) {
    auto schema = db_->Read([](Transaction& tx) {
      return tx.Query(
          "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'audit_entries' "
          "ORDER BY type, name");
    });
    FYREN_ASSERT_OK(schema);
    std::vector<std::string> names;
    for (const Row& row : *schema) {
      names.push_back(row.Text(0) + " " + row.Text(1));
      if (row.Text(0) == "table") {
        EXPECT_NE(row.Text(2).find("WITHOUT ROWID"), std::string::npos) << row.Text(2);
      }
    }
    EXPECT_EQ(names, (std::vector<std::string>{
                         "index audit_entries_flagged", "index audit_entries_person",
                         "index audit_entries_user", "table audit_entries",
                         "trigger audit_entries_no_delete", "trigger audit_entries_no_update"}));
  }
}

struct TamperCase {
  const char* name;
  const char* sql;
  BreakKind kind;
  std::int64_t seq;
};

TEST_P(AuditTest, TamperingIsNamedBySeqAndKind) {
  const TamperCase cases[] = {
      {"changed person", "UPDATE audit_entries SET person_id = 999 WHERE seq = 7",
       BreakKind::kHashMismatch, 7},
      {"changed time", "UPDATE audit_entries SET occurred_at = occurred_at + 1 WHERE seq = 3",
       BreakKind::kHashMismatch, 3},
      {"changed action", "UPDATE audit_entries SET action = 'update' WHERE seq = 1",
       BreakKind::kHashMismatch, 1},
      {"nulled user", "UPDATE audit_entries SET actor_user_id = NULL WHERE seq = 9",
       BreakKind::kHashMismatch, 9},
      {"deleted row", "DELETE FROM audit_entries WHERE seq = 4", BreakKind::kSeqGap, 4},
      {"deleted tail", "DELETE FROM audit_entries WHERE seq >= 9", BreakKind::kSeqGap, 9},
      {"swapped rows",
       "UPDATE audit_entries SET seq = 1000 WHERE seq = 5; "
       "UPDATE audit_entries SET seq = 5 WHERE seq = 6; "
       "UPDATE audit_entries SET seq = 6 WHERE seq = 1000",
       BreakKind::kPrevHashMismatch, 5},
      {"replaced hash", "UPDATE audit_entries SET hash = prev_hash WHERE seq = 6",
       BreakKind::kHashMismatch, 6},
      {"rewound head with deleted tail",
       "DELETE FROM audit_entries WHERE seq = 10; UPDATE audit_heads SET seq = 9",
       BreakKind::kHeadMismatch, 9},
  };
  // Each case tampers with a fresh database (a new SQLite file or PostgreSQL schema).
  bool first = true;
  for (const TamperCase& c : cases) {
    SCOPED_TRACE(c.name);
    if (!first) {
      TearDown();
      SetUp();
    }
    first = false;
    SetUpAudit();
    AppendEvents(10);
    Tamper(c.sql);
    auto report = VerifyChain(*db_, kTenant, {.batch_size = 3});
    FYREN_ASSERT_OK(report);
    ASSERT_FALSE(report->intact());
    EXPECT_EQ(report->first_break->kind, c.kind) << ToString(report->first_break->kind);
    EXPECT_EQ(report->first_break->seq, c.seq);
  }
}

TEST_P(AuditTest, ARowRehashedAfterItsChangeBreaksTheNextLink) {
  SetUpAudit();
  AppendEvents(10);
  // The attacker changes entry 6 and recomputes its hash correctly; entry 7 still points at the
  // old hash.
  auto rows =
      db_->Read([&](Transaction& tx) { return trust::audit::ReadEntryRows(tx, kTenant, 5, 6, 1); });
  FYREN_ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), 1U);
  const Row& row = (*rows)[0];
  trust::audit::EntryView view{
      .tenant_id = kTenant.value(),
      .seq = 6,
      .occurred_at = row.Int(trust::audit::kColOccurredAt),
      .actor_user_id = row.OptionalInt(trust::audit::kColActorUserId),
      .unit_id = row.OptionalInt(trust::audit::kColUnitId),
      .authority_id = row.OptionalInt(trust::audit::kColAuthorityId),
      .action = row.Text(trust::audit::kColAction),
      .outcome = row.Text(trust::audit::kColOutcome),
      .record_type = row.Text(trust::audit::kColRecordType),
      .record_id = row.OptionalInt(trust::audit::kColRecordId),
      .person_id = 999,
      .purpose = row.Text(trust::audit::kColPurpose),
      .flags = row.Int(trust::audit::kColFlags),
      .request_id = row.Text(trust::audit::kColRequestId),
  };
  std::string scratch;
  const auto forged =
      trust::audit::ChainEntryHash(row.Bytes(trust::audit::kColPrevHash), view, scratch);
  Tamper("SELECT 1");
  FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) {
    return tx.Execute(
        "UPDATE audit_entries SET person_id = 999, hash = $1 WHERE tenant_id = $2 AND seq = 6",
        {BlobView{trust::audit::AsBytes(forged)}, kTenant.value()});
  }));
  auto report = VerifyChain(*db_, kTenant);
  FYREN_ASSERT_OK(report);
  ASSERT_FALSE(report->intact());
  EXPECT_EQ(report->first_break->kind, BreakKind::kPrevHashMismatch);
  EXPECT_EQ(report->first_break->seq, 7);
}

TEST_P(AuditTest, ReviewQueriesPageNewestFirst) {
  SetUpAudit();
  {
    trust::audit::AuditLog log(*db_, clock_);
    for (int i = 1; i <= 12; ++i) {
      clock_.Advance(std::chrono::minutes(1));
      // Person 5 is read by users 1 and 2 in turn; every third read is flagged.
      const std::uint32_t flags = i % 3 == 0 ? trust::audit::kFlagNightTime : 0;
      FYREN_ASSERT_OK(log.Append(Event(kTenant, 1 + (i % 2), 5, flags)));
    }
    FYREN_ASSERT_OK(log.Append(Event(kTenant, 1, 6)));
    FYREN_ASSERT_OK(log.Append(Event(kOtherTenant, 1, 5)));
  }
  const trust::audit::ReviewQuery all{
      .from_us = 0, .to_us = std::int64_t{1} << 60, .limit = 5, .before_seq = std::nullopt};
  std::vector<std::int64_t> seqs;
  trust::audit::ReviewQuery query = all;
  for (;;) {
    auto page = trust::audit::AccessHistoryForPerson(*db_, kTenant, 5, query);
    FYREN_ASSERT_OK(page);
    for (const auto& entry : page->entries) seqs.push_back(entry.seq);
    if (!page->next_cursor) break;
    query.before_seq = page->next_cursor;
  }
  EXPECT_EQ(seqs, (std::vector<std::int64_t>{12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}));

  auto activity = trust::audit::ActivityOfUser(
      *db_, kTenant, 1,
      {.from_us = 0, .to_us = std::int64_t{1} << 60, .limit = 100, .before_seq = std::nullopt});
  FYREN_ASSERT_OK(activity);
  EXPECT_EQ(activity->entries.size(), 7U);  // six even i, plus person 6
  EXPECT_FALSE(activity->next_cursor);

  auto flagged = trust::audit::FlaggedEntries(
      *db_, kTenant, trust::audit::kFlagNightTime,
      {.from_us = 0, .to_us = std::int64_t{1} << 60, .limit = 100, .before_seq = std::nullopt});
  FYREN_ASSERT_OK(flagged);
  ASSERT_EQ(flagged->entries.size(), 4U);
  EXPECT_EQ(flagged->entries[0].seq, 12);
  EXPECT_EQ(flagged->entries[0].event.flags, trust::audit::kFlagNightTime);
  auto bulk = trust::audit::FlaggedEntries(*db_, kTenant, trust::audit::kFlagBulk, all);
  FYREN_ASSERT_OK(bulk);
  EXPECT_TRUE(bulk->entries.empty());

  // A time window: the first three minutes only.
  auto window =
      trust::audit::AccessHistoryForPerson(*db_, kTenant, 5,
                                           {.from_us = 1767225600000000,
                                            .to_us = 1767225600000000 + 3 * 60'000'000 + 1,
                                            .limit = 100,
                                            .before_seq = std::nullopt});
  FYREN_ASSERT_OK(window);
  EXPECT_EQ(window->entries.size(), 3U);

  // A reviewer sees their own authority only (AuditReviewService uses these; the access
  // decisions themselves are unit-tested in src/trust/audit/audit_review_test.cc).
  FYREN_ASSERT_OK(db_->Read([&](Transaction& tx) -> Status {
    auto own = trust::audit::SelectFlaggedInAuthority(tx, kTenant, base::OrganisationId(10),
                                                      trust::audit::kFlagNightTime, all);
    if (!own) return std::unexpected(own.error());
    EXPECT_EQ(own->entries.size(), 4U);
    auto other =
        trust::audit::SelectFlaggedInAuthority(tx, kTenant, base::OrganisationId(11), 0, all);
    if (!other) return std::unexpected(other.error());
    EXPECT_TRUE(other->entries.empty());
    auto user =
        trust::audit::SelectUserActivityInAuthority(tx, kTenant, base::OrganisationId(10), 1, all);
    if (!user) return std::unexpected(user.error());
    EXPECT_EQ(user->entries.size(), 5U);  // a page of five of user 1's seven
    EXPECT_TRUE(user->next_cursor);
    auto accesses = trust::audit::SelectPersonAccesses(tx, kTenant, base::OrganisationId(10), 0,
                                                       std::int64_t{1} << 60, 100);
    if (!accesses) return std::unexpected(accesses.error());
    EXPECT_EQ(accesses->size(), 13U);
    EXPECT_EQ(accesses->front().user_id, 1);  // sorted by user, then time
    EXPECT_EQ(accesses->back().user_id, 2);
    auto too_many = trust::audit::SelectPersonAccesses(tx, kTenant, base::OrganisationId(10), 0,
                                                       std::int64_t{1} << 60, 12);
    EXPECT_FALSE(too_many);
    return base::Ok();
  }));

  auto bad_limit = trust::audit::AccessHistoryForPerson(
      *db_, kTenant, 5, {.from_us = 0, .to_us = 1, .limit = 501, .before_seq = std::nullopt});
  ASSERT_FALSE(bad_limit);
  EXPECT_EQ(bad_limit.error().code, ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace fyren::storage::testing
