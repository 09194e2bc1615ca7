// AuditReviewService on an in-memory SQLite database: access (permission, own authority,
// step-up), confinement, names, bulk runs, and that reviewing is itself audited.
#include "trust/audit/audit_review.h"

#include <gtest/gtest.h>

#include <map>

#include "base/swedish_time.h"
#include "trust/access/access_policy.h"
#include "trust/audit/audit_store.h"
#include "trust/sessions/test_database.h"

namespace fyren::trust::audit {
namespace {

using base::ErrorCode;
using base::OrganisationId;

const base::TenantId kTenant(1);
const OrganisationId kAuthority(10);  // "AUTH" in test_database.h, with unit 11
const OrganisationId kUnit(11);
const OrganisationId kOtherAuthority(30);
const OrganisationId kOtherUnit(31);

// Persons without the person registry: public id -> (id, owner).
class FakePersons final : public PersonDirectory {
 public:
  void Add(std::int64_t id, std::string public_id, OrganisationId owner) {
    by_public_.emplace(
        public_id,
        ReviewedPerson{.person_id = id, .public_id = public_id, .owning_authority = owner});
  }
  base::Result<std::optional<ReviewedPerson>> FindByPublicId(
      storage::Transaction&, base::TenantId, std::string_view public_id) const override {
    const auto it = by_public_.find(std::string(public_id));
    if (it == by_public_.end()) return std::optional<ReviewedPerson>();
    return std::optional(it->second);
  }
  base::Result<std::optional<ReviewedPerson>> FindById(storage::Transaction&, base::TenantId,
                                                       std::int64_t id) const override {
    for (const auto& [key, person] : by_public_) {
      if (person.person_id == id) return std::optional(person);
    }
    return std::optional<ReviewedPerson>();
  }

 private:
  std::map<std::string, ReviewedPerson> by_public_;
};

base::TimePoint Noon() {
  return base::FromUnixMicros(
      base::FromSwedishLocal({.year = 2026, .month = 2, .day = 10, .hour = 12}));
}

class AuditReviewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testing::OpenTestDatabase();
    ASSERT_NE(db_, nullptr);
    Exec(
        "INSERT INTO organisations (tenant_id, organisation_id, public_id, parent_id, kind, code, "
        "name_sv, name_en, created_at, updated_at) VALUES (1, 30, 'o30', NULL, 'authority', "
        "'OTHER', 'Annan nämnd', 'Other committee', 0, 0)");
    Exec(
        "INSERT INTO organisations (tenant_id, organisation_id, public_id, parent_id, kind, code, "
        "name_sv, name_en, created_at, updated_at) VALUES (1, 31, 'o31', 30, 'unit', 'OU', "
        "'Annan enhet', 'Other unit', 0, 0)");
    AddUser(1, "u-reviewer", "Rita Granskare", 11);
    AddUser(2, "u-worker", "Walter Arbetare", 11);
    AddUser(3, "u-other", "Olle Annan", 31);
    persons_.Add(500, "p-own", kAuthority);
    persons_.Add(600, "p-other", kOtherAuthority);
    log_ = std::make_unique<AuditLog>(*db_, clock_);
    service_ = std::make_unique<AuditReviewService>(
        *db_, *log_, clock_, persons_,
        ReviewOptions{.bulk = {.threshold = 2, .window = std::chrono::minutes(10)}});
  }

  void Exec(const std::string& sql) {
    ASSERT_TRUE(db_->Write([&](storage::Transaction& tx) -> base::Status {
      auto done = tx.Execute(sql);
      if (!done) return std::unexpected(done.error());
      return base::Ok();
    }));
  }
  void AddUser(std::int64_t id, const std::string& public_id, const std::string& name,
               std::int64_t unit) {
    Exec(
        "INSERT INTO users (tenant_id, user_id, public_id, username, display_name, unit_id, "
        "password_hash, created_at, updated_at) VALUES (1, " +
        std::to_string(id) + ", '" + public_id + "', '" + public_id + "', '" + name + "', " +
        std::to_string(unit) + ", 'x', 0, 0)");
  }

  // A read of `person` by `user` of `unit`/`authority`, one minute after the previous one.
  void Read(std::int64_t user, OrganisationId unit, OrganisationId authority, std::int64_t person,
            std::uint32_t flags = 0) {
    clock_.Advance(std::chrono::minutes(1));
    AuditEvent event{.tenant = kTenant,
                     .actor_user_id = user,
                     .unit = unit,
                     .authority = authority,
                     .action = Action::kRead,
                     .outcome = Outcome::kAllowed,
                     .record_type = RecordType::kPerson,
                     .record_id = person,
                     .person_id = person,
                     .purpose = Purpose::kCaseWork,
                     .flags = flags,
                     .request_id = *RequestId::Parse("req-review-test-01")};
    ASSERT_TRUE(log_->Append(event));
  }

  Actor Reviewer() const {
    Actor actor = Actor::Public(kTenant, "req-review-test-02");
    actor.user_id = 1;
    actor.unit = kUnit;
    actor.authority = kAuthority;
    actor.roles = {"log_reviewer"};
    actor.second_factor_at = clock_.Now();
    return actor;
  }

  ReviewQuery All() const {
    return ReviewQuery{.from_us = 0,
                       .to_us = base::ToUnixMicros(clock_.Now()) + 1,
                       .limit = 100,
                       .before_seq = std::nullopt};
  }

  // The audit entries the reviewer (user 1) wrote, oldest first.
  std::vector<AuditEntry> ReviewerEntries() {
    auto page = audit::ActivityOfUser(*db_, kTenant, 1,
                                      {.from_us = 0,
                                       .to_us = std::numeric_limits<std::int64_t>::max(),
                                       .limit = 500,
                                       .before_seq = std::nullopt});
    EXPECT_TRUE(page);
    std::vector<AuditEntry> entries(page->entries.rbegin(), page->entries.rend());
    return entries;
  }

  std::unique_ptr<storage::Database> db_;
  base::FakeClock clock_{Noon()};
  FakePersons persons_;
  std::unique_ptr<AuditLog> log_;
  std::unique_ptr<AuditReviewService> service_;
};

TEST_F(AuditReviewTest, PersonHistoryShowsEveryAccessWithNamesAndIsAudited) {
  Read(2, kUnit, kAuthority, 500);
  Read(3, kOtherUnit, kOtherAuthority, 600);
  Read(2, kUnit, kAuthority, 500, kFlagNightTime);
  auto review = service_->AccessHistoryForPerson(Reviewer(), "p-own", All());
  ASSERT_TRUE(review) << review.error().message;
  ASSERT_EQ(review->page.entries.size(), 2U);
  EXPECT_EQ(review->page.entries[0].event.flags, kFlagNightTime);  // newest first
  EXPECT_EQ(review->person.person_id, 500);
  EXPECT_EQ(review->names.staff.at(2).display_name, "Walter Arbetare");
  EXPECT_EQ(review->names.organisations.at(11).name_sv, "Enhet");
  EXPECT_EQ(review->names.person_public_ids.at(500), "p-own");

  const auto audited = ReviewerEntries();
  ASSERT_EQ(audited.size(), 1U);
  EXPECT_EQ(audited[0].event.action, Action::kRead);
  EXPECT_EQ(audited[0].event.purpose, Purpose::kLogReview);
  EXPECT_EQ(audited[0].event.person_id, 500);
  EXPECT_EQ(audited[0].event.record_type, RecordType::kPerson);
}

TEST_F(AuditReviewTest, AnotherAuthoritysPersonLooksLikeAMissingOneAndIsAuditedAsDenied) {
  Read(3, kOtherUnit, kOtherAuthority, 600);
  auto other = service_->AccessHistoryForPerson(Reviewer(), "p-other", All());
  auto missing = service_->AccessHistoryForPerson(Reviewer(), "p-missing", All());
  ASSERT_FALSE(other);
  ASSERT_FALSE(missing);
  EXPECT_EQ(other.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(other.error().message, missing.error().message);
  const auto audited = ReviewerEntries();
  ASSERT_EQ(audited.size(), 2U);
  EXPECT_EQ(audited[0].event.action, Action::kDenied);
  EXPECT_EQ(audited[0].event.outcome, Outcome::kDenied);
  EXPECT_EQ(audited[0].event.person_id, 600);
  EXPECT_EQ(audited[1].event.action, Action::kDenied);
  EXPECT_FALSE(audited[1].event.person_id);
}

TEST_F(AuditReviewTest, RolesWithoutThePermissionAreForbiddenAndAudited) {
  Actor worker = Reviewer();
  worker.user_id = 2;
  worker.roles = {"coordinator"};
  auto flagged = service_->Flagged(worker, {}, All());
  ASSERT_FALSE(flagged);
  EXPECT_EQ(flagged.error().code, ErrorCode::kForbidden);
  auto history = service_->AccessHistoryForPerson(worker, "p-own", All());
  ASSERT_FALSE(history);
  EXPECT_EQ(history.error().code, ErrorCode::kForbidden);
  auto denials = audit::ActivityOfUser(*db_, kTenant, 2, All());
  ASSERT_TRUE(denials);
  ASSERT_EQ(denials->entries.size(), 2U);
  EXPECT_EQ(denials->entries[0].event.action, Action::kDenied);
  EXPECT_EQ(denials->entries[0].event.purpose, Purpose::kLogReview);

  auto anonymous = service_->Flagged(Actor::Public(kTenant, "req-review-test-03"), {}, All());
  ASSERT_FALSE(anonymous);
  EXPECT_EQ(anonymous.error().code, ErrorCode::kUnauthenticated);
}

TEST_F(AuditReviewTest, FlaggedIsConfinedToTheReviewersAuthority) {
  Read(2, kUnit, kAuthority, 500, kFlagOutsideOwnUnit);
  Read(3, kOtherUnit, kOtherAuthority, 600, kFlagOutsideOwnUnit);
  Read(2, kUnit, kAuthority, 500, kFlagProtectedIdentity);
  Read(2, kUnit, kAuthority, 500);
  auto all = service_->Flagged(Reviewer(), {.flags = 0, .entries = true, .bulk = false}, All());
  ASSERT_TRUE(all) << all.error().message;
  ASSERT_EQ(all->page.entries.size(), 2U);
  for (const auto& entry : all->page.entries) EXPECT_EQ(entry.event.authority, kAuthority);
  auto protected_only = service_->Flagged(
      Reviewer(), {.flags = kFlagProtectedIdentity, .entries = true, .bulk = false}, All());
  ASSERT_TRUE(protected_only);
  ASSERT_EQ(protected_only->page.entries.size(), 1U);
  EXPECT_EQ(protected_only->page.entries[0].event.flags, kFlagProtectedIdentity);
  const auto audited = ReviewerEntries();
  ASSERT_EQ(audited.size(), 2U);
  EXPECT_EQ(audited[0].event.action, Action::kSearch);
}

TEST_F(AuditReviewTest, BulkRunsComeFromThePeriodOfTheOwnAuthority) {
  Read(2, kUnit, kAuthority, 501);
  Read(2, kUnit, kAuthority, 502);
  Read(2, kUnit, kAuthority, 503);  // three distinct persons in three minutes > threshold 2
  Read(3, kOtherUnit, kOtherAuthority, 601);
  Read(3, kOtherUnit, kOtherAuthority, 602);
  Read(3, kOtherUnit, kOtherAuthority, 603);
  auto review = service_->Flagged(Reviewer(), {.flags = 0, .entries = false, .bulk = true}, All());
  ASSERT_TRUE(review) << review.error().message;
  ASSERT_EQ(review->bulk.size(), 1U);
  EXPECT_EQ(review->bulk[0].user_id, 2);
  EXPECT_EQ(review->bulk[0].distinct_persons, 3);
  EXPECT_EQ(review->names.staff.at(2).display_name, "Walter Arbetare");
  EXPECT_FALSE(review->bulk_too_many);

  AuditReviewService tight(*db_, *log_, clock_, persons_,
                           ReviewOptions{.bulk = {}, .max_bulk_scan = 2});
  auto too_many = tight.Flagged(Reviewer(), {.flags = 0, .entries = false, .bulk = true}, All());
  ASSERT_TRUE(too_many);
  EXPECT_TRUE(too_many->bulk_too_many);
}

TEST_F(AuditReviewTest, UserActivityOnlyForUsersOfTheOwnAuthority) {
  Read(2, kUnit, kAuthority, 500);
  Read(2, kOtherUnit, kOtherAuthority, 600);  // from a time in another committee: hidden
  Read(3, kOtherUnit, kOtherAuthority, 600);
  {
    // A sign-in names no authority; it is part of the user's activity.
    AuditEvent login{.tenant = kTenant,
                     .actor_user_id = 2,
                     .unit = std::nullopt,
                     .authority = std::nullopt,
                     .action = Action::kLogin,
                     .outcome = Outcome::kAllowed,
                     .record_type = RecordType::kUser,
                     .record_id = 2,
                     .person_id = std::nullopt,
                     .purpose = Purpose::kAuthentication,
                     .flags = 0,
                     .request_id = *RequestId::Parse("req-review-test-04")};
    ASSERT_TRUE(log_->Append(login));
  }
  auto worker = service_->ActivityOfUser(Reviewer(), "u-worker", All());
  ASSERT_TRUE(worker) << worker.error().message;
  EXPECT_EQ(worker->user.display_name, "Walter Arbetare");
  ASSERT_EQ(worker->page.entries.size(), 2U);
  EXPECT_EQ(worker->page.entries[0].event.action, Action::kLogin);
  EXPECT_EQ(worker->page.entries[1].event.authority, kAuthority);
  auto other = service_->ActivityOfUser(Reviewer(), "u-other", All());
  auto missing = service_->ActivityOfUser(Reviewer(), "u-missing", All());
  ASSERT_FALSE(other);
  ASSERT_FALSE(missing);
  EXPECT_EQ(other.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(other.error().message, missing.error().message);
  const auto audited = ReviewerEntries();
  ASSERT_EQ(audited.size(), 3U);
  EXPECT_EQ(audited[0].event.record_type, RecordType::kUser);
  EXPECT_EQ(audited[0].event.record_id, 2);
  EXPECT_EQ(audited[1].event.action, Action::kDenied);
  EXPECT_EQ(audited[1].event.record_id, 3);
}

TEST_F(AuditReviewTest, ExtractNeedsAFreshSecondFactorAndIsAnExport) {
  Read(2, kUnit, kAuthority, 500);
  Actor stale = Reviewer();
  stale.second_factor_at = clock_.Now() - trust::access::kStepUpWindow - std::chrono::seconds(1);
  const std::int64_t to = base::ToUnixMicros(clock_.Now()) + 1;
  auto refused = service_->ExtractForPerson(stale, "p-own", 0, to);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(refused.error().field, "step_up");
  // Step-up is asked before the person is looked up, so it reveals nothing either.
  auto refused_other = service_->ExtractForPerson(stale, "p-other", 0, to);
  ASSERT_FALSE(refused_other);
  EXPECT_EQ(refused_other.error().field, "step_up");

  auto extract = service_->ExtractForPerson(Reviewer(), "p-own", 0, to);
  ASSERT_TRUE(extract) << extract.error().message;
  ASSERT_EQ(extract->page.entries.size(), 1U);
  const auto audited = ReviewerEntries();
  ASSERT_EQ(audited.size(), 3U);
  EXPECT_EQ(audited[0].event.action, Action::kDenied);
  EXPECT_EQ(audited[2].event.action, Action::kExport);
  EXPECT_EQ(audited[2].event.person_id, 500);
}

TEST_F(AuditReviewTest, ExtractCollectsMoreThanOnePage) {
  for (int i = 0; i < 7; ++i) Read(2, kUnit, kAuthority, 500);
  AuditReviewService small(
      *db_, *log_, clock_, persons_,
      ReviewOptions{.bulk = {}, .max_bulk_scan = 10, .max_extract_entries = 5});
  auto capped =
      small.ExtractForPerson(Reviewer(), "p-own", 0, base::ToUnixMicros(clock_.Now()) + 1);
  ASSERT_TRUE(capped);
  EXPECT_GE(capped->page.entries.size(), 5U);
  auto all =
      service_->ExtractForPerson(Reviewer(), "p-own", 0, base::ToUnixMicros(clock_.Now()) + 1);
  ASSERT_TRUE(all);
  // Seven reads plus the audited export before it.
  EXPECT_EQ(all->page.entries.size(), 8U);
  EXPECT_FALSE(all->page.next_cursor);
}

TEST_F(AuditReviewTest, ReviewingAtNightIsFlagged) {
  clock_.Set(base::FromUnixMicros(
      base::FromSwedishLocal({.year = 2026, .month = 2, .day = 10, .hour = 23})));
  ASSERT_TRUE(service_->Flagged(Reviewer(), {}, All()));
  const auto audited = ReviewerEntries();
  ASSERT_EQ(audited.size(), 1U);
  EXPECT_EQ(audited[0].event.flags, kFlagNightTime);
}

}  // namespace
}  // namespace fyren::trust::audit
