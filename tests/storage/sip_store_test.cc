// Conformance: the SIP's SQL (src/domain/sip/sip_store.cc, migrations/*/0008_sip.sql) behaves the
// same on SQLite and PostgreSQL, including optimistic concurrency and a failure in the middle of
// the multi-row save. The store only moves sealed bytes, so "ciphertexts" are arbitrary bytes.
#include "domain/sip/sip_store.h"

#include "faulty_database.h"
#include "storage_fixture.h"

namespace fyren::storage::testing {
namespace {

using base::ErrorCode;
using base::TenantId;
using sip::InterventionRow;
using sip::NewRevision;
using sip::SipStore;
using sip::StoredFollowUp;
using sip::StoredRevision;
using storage::BlobView;

const TenantId kTenant(1);
constexpr std::int64_t kAlice = 101;
constexpr std::int64_t kCase = 500;
constexpr std::int64_t kSip = 900;

class SipStoreTest : public StorageTest {
 protected:
  void SetUpWorld() {
    auto applied = Migrate(*db_, migrations());
    ASSERT_TRUE(applied) << applied.error().detail;
    FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) -> base::Status {
      if (auto ok = InsertTenant(tx, kTenant.value(), "t"); !ok) return ok;
      for (const auto& [sql, params] : std::vector<std::pair<std::string_view, std::vector<Param>>>{
               {"INSERT INTO organisations (tenant_id, organisation_id, public_id, parent_id, "
                "kind, code, name_sv, name_en, created_at, updated_at) VALUES (1, 10, 'a', NULL, "
                "'authority', 'A', 'n', 'n', 0, 0)",
                {}},
               {"INSERT INTO organisations (tenant_id, organisation_id, public_id, parent_id, "
                "kind, code, name_sv, name_en, created_at, updated_at) VALUES (1, 11, 'au', 10, "
                "'unit', 'AU', 'n', 'n', 0, 0)",
                {}},
               {"INSERT INTO users (tenant_id, user_id, public_id, username, display_name, "
                "unit_id, password_hash, created_at, updated_at) VALUES (1, 101, 'alice', "
                "'alice', 'Alice A', 11, 'x', 0, 0)",
                {}},
               {"INSERT INTO persons (tenant_id, person_id, public_id, owning_authority_id, "
                "identity_kind, created_by, created_at, updated_at) VALUES (1, 300, 'p', 10, "
                "'alias', 101, 0, 0)",
                {}},
               {"INSERT INTO exit_cases (tenant_id, case_id, public_id, case_number, person_id, "
                "owning_authority_id, responsible_user_id, status, created_by, created_at, "
                "updated_at) VALUES (1, 500, 'c', 'A-2026-0001', 300, 10, 101, 'open', 101, 0, 0)",
                {}}}) {
        auto done = tx.ExecuteSpan(sql, params);
        if (!done) return std::unexpected(done.error());
      }
      return base::Ok();
    }));
  }

  static NewRevision Save(std::int64_t expected_version, std::string document,
                          std::vector<InterventionRow> interventions) {
    return NewRevision{.sip_id = kSip,
                       .public_id = "sip-public",
                       .case_id = kCase,
                       .expected_version = expected_version,
                       .revision = StoredRevision{.revision = expected_version + 1,
                                                  .revision_id = 7000 + expected_version,
                                                  .document = std::move(document),
                                                  .change_note = std::string("\x00note", 5),
                                                  .saved_by = kAlice,
                                                  .saved_by_name = {},
                                                  .saved_at = 1000 + expected_version},
                       .next_follow_up_on = "2026-03-0" + std::to_string(expected_version + 1),
                       .interventions = std::move(interventions),
                       .now_us = 1000 + expected_version};
  }

  static InterventionRow Row(std::string key, std::string status, bool foundation = false) {
    return InterventionRow{.intervention_key = std::move(key),
                           .catalogue_code = "economic_assistance",
                           .actor_key = "social",
                           .status = std::move(status),
                           .starts_on = "2026-01-01",
                           .planned_end_on = std::nullopt,
                           .is_foundation = foundation};
  }

  base::Status Write(Database& db, const NewRevision& save) {
    return db.Write([&](Transaction& tx) { return SipStore::SaveRevision(tx, kTenant, save); });
  }

  std::vector<InterventionRow> Projection() {
    auto rows =
        db_->Read([](Transaction& tx) { return SipStore::ListInterventions(tx, kTenant, kSip); });
    EXPECT_TRUE(rows);
    return rows ? *rows : std::vector<InterventionRow>{};
  }
};

TEST_P(SipStoreTest, CreatesThenAddsRevisionsAndReplacesTheProjection) {
  SetUpWorld();
  FYREN_ASSERT_OK(Write(*db_, Save(0, std::string("\x01\x00doc1", 6),
                                   {Row("a", "active", true), Row("b", "planned")})));
  FYREN_ASSERT_OK(Write(*db_, Save(1, "doc2", {Row("b", "ended")})));

  auto sip = db_->Read([](Transaction& tx) { return SipStore::FindByCase(tx, kTenant, kCase); });
  FYREN_ASSERT_OK(sip);
  ASSERT_TRUE(sip->has_value());
  EXPECT_EQ((*sip)->public_id, "sip-public");
  EXPECT_EQ((*sip)->current_revision, 2);
  EXPECT_EQ((*sip)->version, 2);
  EXPECT_EQ((*sip)->next_follow_up_on, "2026-03-02");
  EXPECT_EQ(Projection(), std::vector<InterventionRow>{Row("b", "ended")});

  auto revisions =
      db_->Read([](Transaction& tx) { return SipStore::ListRevisions(tx, kTenant, kSip); });
  FYREN_ASSERT_OK(revisions);
  ASSERT_EQ(revisions->size(), 2u);
  EXPECT_EQ((*revisions)[0].revision, 2);
  EXPECT_EQ((*revisions)[0].saved_by_name, "Alice A");
  EXPECT_TRUE((*revisions)[0].document.empty());
  auto first =
      db_->Read([](Transaction& tx) { return SipStore::GetRevision(tx, kTenant, kSip, 1); });
  FYREN_ASSERT_OK(first);
  ASSERT_TRUE(first->has_value());
  EXPECT_EQ((*first)->document, std::string("\x01\x00doc1", 6));  // bytes intact
  EXPECT_EQ((*first)->change_note, std::string("\x00note", 5));
  EXPECT_EQ((*first)->revision_id, 7000);
  auto missing =
      db_->Read([](Transaction& tx) { return SipStore::GetRevision(tx, kTenant, kSip, 9); });
  FYREN_ASSERT_OK(missing);
  EXPECT_FALSE(missing->has_value());
}

TEST_P(SipStoreTest, AnOutdatedVersionIsAConflictAndWritesNothing) {
  SetUpWorld();
  FYREN_ASSERT_OK(Write(*db_, Save(0, "doc1", {Row("a", "active")})));
  FYREN_ASSERT_OK(Write(*db_, Save(1, "doc2", {Row("a", "paused")})));
  // A second coordinator who loaded version 1 saves on top of it.
  NewRevision stale = Save(1, "stale", {Row("z", "planned")});
  stale.revision.revision_id = 7999;
  auto conflict = Write(*db_, stale);
  ASSERT_FALSE(conflict);
  EXPECT_EQ(conflict.error().code, ErrorCode::kConflict);
  // Creating the plan twice is a conflict too.
  NewRevision twice = Save(0, "again", {});
  twice.sip_id = kSip + 1;
  twice.public_id = "other";
  twice.revision.revision_id = 7998;
  auto duplicate = Write(*db_, twice);
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);

  auto revisions =
      db_->Read([](Transaction& tx) { return SipStore::ListRevisions(tx, kTenant, kSip); });
  FYREN_ASSERT_OK(revisions);
  EXPECT_EQ(revisions->size(), 2u);
  EXPECT_EQ(Projection(), std::vector<InterventionRow>{Row("a", "paused")});
}

TEST_P(SipStoreTest, AFailureInTheMiddleOfASaveLeavesNoPartialRevision) {
  SetUpWorld();
  FYREN_ASSERT_OK(Write(*db_, Save(0, "doc1", {Row("a", "active"), Row("b", "planned")})));
  const auto before = Projection();
  // Statements of a save: update sips, insert revision, delete projection, insert 3 rows.
  for (int fail_at = 1; fail_at <= 6; ++fail_at) {
    FaultyDatabase faulty(*db_, fail_at);
    auto failed =
        Write(faulty, Save(1, "doc2", {Row("a", "ended"), Row("c", "active"), Row("d", "active")}));
    ASSERT_FALSE(failed) << fail_at;
    EXPECT_EQ(failed.error().code, ErrorCode::kUnavailable);
    auto sip = db_->Read([](Transaction& tx) { return SipStore::FindByCase(tx, kTenant, kCase); });
    FYREN_ASSERT_OK(sip);
    EXPECT_EQ((*sip)->version, 1) << fail_at;
    EXPECT_EQ((*sip)->current_revision, 1) << fail_at;
    auto revisions =
        db_->Read([](Transaction& tx) { return SipStore::ListRevisions(tx, kTenant, kSip); });
    FYREN_ASSERT_OK(revisions);
    EXPECT_EQ(revisions->size(), 1u) << fail_at;
    EXPECT_EQ(Projection(), before) << fail_at;
  }
  // And the same save goes through once nothing fails.
  FYREN_ASSERT_OK(Write(*db_, Save(1, "doc2", {Row("a", "ended")})));
}

TEST_P(SipStoreTest, FollowUpsAreAppendedAndListedNewestFirst) {
  SetUpWorld();
  FYREN_ASSERT_OK(Write(*db_, Save(0, "doc1", {Row("a", "active")})));
  for (const auto& [id, date, key] : {std::tuple{1, "2026-02-01", std::optional<std::string>("a")},
                                      std::tuple{2, "2026-03-01", std::optional<std::string>()}}) {
    FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) {
      return SipStore::AddFollowUp(tx, kTenant,
                                   StoredFollowUp{.followup_id = id,
                                                  .sip_id = kSip,
                                                  .held_on = date,
                                                  .intervention_key = key,
                                                  .outcome = std::string("\x00out", 4),
                                                  .author_id = kAlice,
                                                  .author_name = {},
                                                  .created_at = id});
    }));
  }
  auto list = db_->Read([](Transaction& tx) { return SipStore::ListFollowUps(tx, kTenant, kSip); });
  FYREN_ASSERT_OK(list);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].followup_id, 2);
  EXPECT_FALSE((*list)[0].intervention_key.has_value());
  EXPECT_EQ((*list)[1].intervention_key, "a");
  EXPECT_EQ((*list)[1].outcome, std::string("\x00out", 4));
  EXPECT_EQ((*list)[1].author_name, "Alice A");
}

// The plan page's generation (migrations/*/0019) moves with every change the page shows: the
// plan row, a revision (also one rewritten behind the application's back), a follow-up, a user's
// name, an organisation. Servers keep the rendered page parts while it stands still.
TEST_P(SipStoreTest, ThePageGenerationMovesWithEveryChangeThePageShows) {
  SetUpWorld();
  FYREN_ASSERT_OK(Write(*db_, Save(0, "doc1", {Row("a", "active")})));
  const auto generation = [&]() -> std::int64_t {
    auto sip = db_->Read([](Transaction& tx) { return SipStore::FindByCase(tx, kTenant, kCase); });
    EXPECT_TRUE(sip && sip->has_value());
    return sip && sip->has_value() ? (*sip)->page_generation : -1;
  };
  std::int64_t last = generation();
  EXPECT_GT(last, 0);
  const auto exec = [&](std::string_view sql) {
    FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) -> base::Status {
      auto done = tx.Execute(sql, {kSip});
      if (!done) return std::unexpected(done.error());
      return base::Ok();
    }));
  };
  const auto moved = [&](const char* what) {
    const std::int64_t now = generation();
    EXPECT_GT(now, last) << what;
    last = now;
  };
  FYREN_ASSERT_OK(Write(*db_, Save(1, "doc2", {Row("a", "ended")})));
  moved("a saved revision");
  FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) {
    return SipStore::AddFollowUp(tx, kTenant,
                                 StoredFollowUp{.followup_id = 1,
                                                .sip_id = kSip,
                                                .held_on = "2026-02-01",
                                                .intervention_key = std::nullopt,
                                                .outcome = "out",
                                                .author_id = kAlice,
                                                .author_name = {},
                                                .created_at = 1});
  }));
  moved("a follow-up");
  FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) -> base::Status {
    auto done = tx.Execute("UPDATE sip_revisions SET document = $1 WHERE sip_id = $2",
                           {BlobView{std::string_view("forged")}, kSip});
    if (!done) return std::unexpected(done.error());
    return base::Ok();
  }));
  moved("a revision rewritten behind the application's back");
  exec("UPDATE sip_followups SET held_on = '2026-02-02' WHERE sip_id = $1");
  moved("a follow-up rewritten");
  exec("UPDATE sips SET next_follow_up_on = '2026-05-01' WHERE sip_id = $1");
  moved("the plan row");
  exec("UPDATE users SET display_name = 'Alice B' WHERE user_id = 101 AND $1 > 0");
  moved("a user's name");
  exec("UPDATE organisations SET name_sv = 'm' WHERE organisation_id = 11 AND $1 > 0");
  moved("an organisation's name");
  exec(
      "INSERT INTO organisations (tenant_id, organisation_id, public_id, parent_id, kind, code, "
      "name_sv, name_en, created_at, updated_at) VALUES (1, 12, 'b', 10, 'unit', 'B', 'n', 'n', "
      "0, 0 + $1 - $1)");
  moved("a new organisation");
  // A user's other columns (sign-in bookkeeping) and other tables leave the page alone.
  exec("UPDATE users SET updated_at = 5 WHERE user_id = 101 AND $1 > 0");
  exec("UPDATE sip_interventions SET status = 'paused' WHERE sip_id = $1");
  EXPECT_EQ(generation(), last) << "nothing the page shows";
}

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(StorageTest);

INSTANTIATE_TEST_SUITE_P(Backends, SipStoreTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const ::testing::TestParamInfo<Backend>& param_info) {
                           return std::string(ToString(param_info.param));
                         });

}  // namespace
}  // namespace fyren::storage::testing
