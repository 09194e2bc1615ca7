// Conformance: referrals and consultations (src/domain/referral/*_store.cc,
// migrations/*/0010_concerns.sql) behave the same on SQLite and PostgreSQL: sealed bytes round
// trip, lists per unit with the other side's names, the receipt marked once, optimistic versions,
// the history's order, the authority above a unit (recursive query), an answer given once, and
// the exit case a referral was continued in (0015_referral_cases.sql).
#include "domain/referral/referral_store.h"

#include "domain/referral/consultation_store.h"
#include "domain/referral/referral_case_store.h"
#include "storage_fixture.h"

namespace fyren::storage::testing {
namespace {

using base::ErrorCode;
using base::OrganisationId;
using base::TenantId;
using referral::ConsultationStore;
using referral::Kind;
using referral::ReferralStore;
using referral::SourceKind;
using referral::Status;
using referral::StoredConsultation;
using referral::StoredReferral;

const TenantId kTenant(1);
constexpr std::int64_t kUser = 101;

class ReferralStoreTest : public StorageTest {
 protected:
  void SetUpWorld() {
    auto applied = Migrate(*db_, migrations());
    ASSERT_TRUE(applied) << applied.error().detail;
    FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) -> base::Status {
      if (auto ok = InsertTenant(tx, kTenant.value(), "t"); !ok) return ok;
      for (const auto& [id, parent, kind, code] :
           {std::tuple{10, 0, "authority", "CEN"}, std::tuple{11, 10, "department", "CEN-FV"},
            std::tuple{12, 11, "unit", "CEN-MOT"}, std::tuple{13, 11, "unit", "CEN-BH"},
            std::tuple{50, 0, "partner", "NGO"}}) {
        const std::optional<std::int64_t> parent_id =
            parent == 0 ? std::nullopt : std::optional<std::int64_t>(parent);
        auto done = tx.Execute(
            "INSERT INTO organisations (tenant_id, organisation_id, public_id, parent_id, kind, "
            "code, name_sv, name_en, created_at, updated_at) VALUES (1, $1, $2, $3, $4, $2, $2, "
            "$2, 0, 0)",
            {id, std::string_view(code), parent_id, std::string_view(kind)});
        if (!done) return std::unexpected(done.error());
      }
      auto done = tx.Execute(
          "INSERT INTO users (tenant_id, user_id, public_id, username, display_name, unit_id, "
          "password_hash, created_at, updated_at) VALUES (1, $1, 'u', 'u', 'Ulla', 12, 'x', 0, 0)",
          {kUser});
      if (!done) return std::unexpected(done.error());
      return base::Ok();
    }));
  }

  StoredReferral Add(std::int64_t id, std::int64_t at) {
    StoredReferral r;
    r.id = id;
    r.public_id = "ref" + std::to_string(id);
    r.kind = Kind::kChildAbuse;
    r.sender_user_id = kUser;
    r.sender_unit = OrganisationId(12);
    r.sender_authority = OrganisationId(10);
    r.recipient = OrganisationId(13);
    r.source_kind = SourceKind::kScreening;
    r.source_public_id = "scr1";
    r.person_summary = std::string("\x00\xffsummary", 9);
    r.message = std::string("\x01\x00message", 9);
    r.created_at = r.updated_at = at;
    EXPECT_TRUE(db_->Write([&](Transaction& tx) -> base::Status {
      if (auto ok = ReferralStore::Insert(tx, kTenant, r); !ok) return ok;
      return ReferralStore::InsertEvent(tx, kTenant, id, Status::kSent, kUser, at);
    }));
    return r;
  }
};

TEST_P(ReferralStoreTest, RoundTripListsAndStatus) {
  SetUpWorld();
  const StoredReferral first = Add(1, 1000);
  Add(2, 2000);
  auto found = db_->Read([&](Transaction& tx) { return ReferralStore::Find(tx, kTenant, "ref1"); });
  FYREN_ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->message, first.message);
  EXPECT_EQ((*found)->person_summary, first.person_summary);
  EXPECT_EQ((*found)->source_kind, SourceKind::kScreening);
  EXPECT_EQ((*found)->sender_authority, OrganisationId(10));
  EXPECT_EQ((*found)->status, Status::kSent);
  EXPECT_EQ((*found)->version, 1);

  auto sent = db_->Read([&](Transaction& tx) {
    return ReferralStore::ListSent(tx, kTenant, OrganisationId(12), 10);
  });
  FYREN_ASSERT_OK(sent);
  ASSERT_EQ(sent->size(), 2U);
  EXPECT_EQ(sent->front().public_id, "ref2");  // newest first
  EXPECT_EQ(sent->front().counterpart_name_sv, "CEN-BH");
  auto received = db_->Read([&](Transaction& tx) {
    return ReferralStore::ListReceived(tx, kTenant, OrganisationId(13), 1);
  });
  FYREN_ASSERT_OK(received);
  ASSERT_EQ(received->size(), 1U);
  EXPECT_EQ(received->front().counterpart_name_sv, "CEN-MOT");

  // Received once; then the version moved to 2.
  for (const bool expected : {true, false}) {
    auto marked = db_->Write(
        [&](Transaction& tx) { return ReferralStore::MarkReceived(tx, kTenant, 1, 1500); });
    FYREN_ASSERT_OK(marked);
    EXPECT_EQ(*marked, expected);
  }
  auto stale = db_->Write([&](Transaction& tx) {
    return ReferralStore::SetStatus(tx, kTenant, 1, Status::kDeclined, std::string("\x00r", 2),
                                    1600, 1);
  });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) -> base::Status {
    if (auto ok = ReferralStore::SetStatus(tx, kTenant, 1, Status::kDeclined,
                                           std::string("\x00r", 2), 1600, 2);
        !ok) {
      return ok;
    }
    if (auto ok = ReferralStore::InsertEvent(tx, kTenant, 1, Status::kDeclined, kUser, 1600); !ok) {
      return ok;
    }
    return ReferralStore::InsertEvent(tx, kTenant, 1, Status::kReceived, kUser, 1600);
  }));
  auto after = db_->Read([&](Transaction& tx) { return ReferralStore::Find(tx, kTenant, "ref1"); });
  FYREN_ASSERT_OK(after);
  EXPECT_EQ((*after)->status, Status::kDeclined);
  EXPECT_EQ((*after)->decline_reason, std::string("\x00r", 2));
  EXPECT_EQ((*after)->version, 3);
  auto events = db_->Read([&](Transaction& tx) { return ReferralStore::Events(tx, kTenant, 1); });
  FYREN_ASSERT_OK(events);
  ASSERT_EQ(events->size(), 3U);
  EXPECT_EQ((*events)[0].status, Status::kSent);
  EXPECT_EQ((*events)[1].status, Status::kReceived);  // same time: status order
  EXPECT_EQ((*events)[2].status, Status::kDeclined);
  EXPECT_EQ((*events)[0].user_display_name, "Ulla");
}

TEST_P(ReferralStoreTest, AuthorityAboveAUnit) {
  SetUpWorld();
  for (const auto& [org, expected] : {std::pair{12, std::optional<std::int64_t>(10)},
                                      std::pair{10, std::optional<std::int64_t>(10)},
                                      std::pair{50, std::optional<std::int64_t>()}}) {
    auto authority = db_->Read([&](Transaction& tx) {
      return ReferralStore::AuthorityOf(tx, kTenant, OrganisationId(org));
    });
    FYREN_ASSERT_OK(authority);
    if (expected) {
      ASSERT_TRUE(authority->has_value()) << org;
      EXPECT_EQ(**authority, OrganisationId(*expected));
    } else {
      EXPECT_FALSE(authority->has_value()) << org;
    }
  }
  auto by_code = db_->Read(
      [&](Transaction& tx) { return ReferralStore::OrganisationByCode(tx, kTenant, "CEN-BH"); });
  FYREN_ASSERT_OK(by_code);
  ASSERT_TRUE(by_code->has_value());
  EXPECT_EQ((*by_code)->kind, "unit");
}

TEST_P(ReferralStoreTest, ConsultationAnsweredOnce) {
  SetUpWorld();
  for (const std::int64_t id : {1, 2}) {
    StoredConsultation c{.id = id,
                         .public_id = "c" + std::to_string(id),
                         .asker_user_id = kUser,
                         .asker_unit = OrganisationId(12),
                         .question = std::string("\x00q", 2),
                         .answer = std::nullopt,
                         .answered_by = std::nullopt,
                         .answered_at = std::nullopt,
                         .created_at = 100 * id};
    FYREN_ASSERT_OK(
        db_->Write([&](Transaction& tx) { return ConsultationStore::Insert(tx, kTenant, c); }));
  }
  FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) {
    return ConsultationStore::Answer(tx, kTenant, 1, std::string("\x00a", 2), kUser, 300);
  }));
  auto twice = db_->Write([&](Transaction& tx) {
    return ConsultationStore::Answer(tx, kTenant, 1, "again", kUser, 400);
  });
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  auto found =
      db_->Read([&](Transaction& tx) { return ConsultationStore::Find(tx, kTenant, "c1"); });
  FYREN_ASSERT_OK(found);
  EXPECT_EQ((*found)->answer, std::string("\x00a", 2));
  EXPECT_EQ((*found)->answered_at, 300);
  auto inbox =
      db_->Read([&](Transaction& tx) { return ConsultationStore::Inbox(tx, kTenant, 10); });
  FYREN_ASSERT_OK(inbox);
  ASSERT_EQ(inbox->size(), 2U);
  EXPECT_EQ(inbox->front().public_id, "c2");  // open first
  auto mine = db_->Read([&](Transaction& tx) {
    return ConsultationStore::ListForUnit(tx, kTenant, OrganisationId(12), 10);
  });
  FYREN_ASSERT_OK(mine);
  ASSERT_EQ(mine->size(), 2U);
  EXPECT_EQ(mine->front().asker_unit_name_sv, "CEN-MOT");
}

// referral_cases (migrations/*/0015_referral_cases.sql): one case per referral, found both ways.
TEST_P(ReferralStoreTest, CaseLinkOncePerReferral) {
  SetUpWorld();
  const StoredReferral r = Add(1, 1000);
  Add(2, 2000);
  const referral::CaseLink link{.case_id = 77,
                                .case_public_id = "case77",
                                .case_number = "CEN-2026-0007",
                                .user_id = kUser,
                                .created_at = 3000};
  FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) {
    return referral::ReferralCaseStore::Insert(tx, kTenant, r.id, link);
  }));
  auto found = db_->Read(
      [&](Transaction& tx) { return referral::ReferralCaseStore::ForReferral(tx, kTenant, r.id); });
  FYREN_ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->case_id, 77);
  EXPECT_EQ((*found)->case_public_id, "case77");
  EXPECT_EQ((*found)->case_number, "CEN-2026-0007");
  EXPECT_EQ((*found)->created_at, 3000);
  auto none = db_->Read(
      [&](Transaction& tx) { return referral::ReferralCaseStore::ForReferral(tx, kTenant, 2); });
  FYREN_ASSERT_OK(none);
  EXPECT_FALSE(none->has_value());
  auto of_case = db_->Read([&](Transaction& tx) {
    return referral::ReferralCaseStore::ReferralOfCase(tx, kTenant, 77);
  });
  FYREN_ASSERT_OK(of_case);
  EXPECT_EQ(of_case->value_or(""), "ref1");
  // A second case for the same referral is refused by the key.
  auto again = db_->Write([&](Transaction& tx) {
    return referral::ReferralCaseStore::Insert(tx, kTenant, r.id, link);
  });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

}  // namespace

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(StorageTest);

INSTANTIATE_TEST_SUITE_P(Backends, ReferralStoreTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const ::testing::TestParamInfo<Backend>& param_info) {
                           return std::string(ToString(param_info.param));
                         });

}  // namespace fyren::storage::testing
