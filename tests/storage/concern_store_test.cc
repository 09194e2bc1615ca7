// Conformance: reports of concern (src/domain/concern/concern_store.cc,
// migrations/*/0010_concerns.sql) behave the same on SQLite and PostgreSQL: reference counters,
// sealed bytes round trip, the queue's order, filters and overdue counts, optimistic versions.
#include "domain/concern/concern_store.h"

#include "storage_fixture.h"

namespace fyren::storage::testing {
namespace {

using base::ErrorCode;
using base::OrganisationId;
using base::TenantId;
using concern::ConcernStore;
using concern::MetBy;
using concern::ReportStatus;
using concern::StoredDeadline;
using concern::StoredReport;

const TenantId kTenant(1);
const OrganisationId kCommittee(10);
const OrganisationId kOther(30);
constexpr std::int64_t kUser = 101;

class ConcernStoreTest : public StorageTest {
 protected:
  void SetUpWorld() {
    auto applied = Migrate(*db_, migrations());
    ASSERT_TRUE(applied) << applied.error().detail;
    FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) -> base::Status {
      if (auto ok = InsertTenant(tx, kTenant.value(), "t"); !ok) return ok;
      for (const auto& [id, parent, kind, code] :
           {std::tuple{10, 0, "authority", "CEN"}, std::tuple{11, 10, "unit", "CENU"},
            std::tuple{30, 0, "authority", "HIS"}}) {
        const std::optional<std::int64_t> parent_id =
            parent == 0 ? std::nullopt : std::optional<std::int64_t>(parent);
        auto done = tx.Execute(
            "INSERT INTO organisations (tenant_id, organisation_id, public_id, parent_id, kind, "
            "code, name_sv, name_en, created_at, updated_at) VALUES (1, $1, $2, $3, $4, $2, 'n', "
            "'n', 0, 0)",
            {id, std::string_view(code), parent_id, std::string_view(kind)});
        if (!done) return std::unexpected(done.error());
      }
      auto done = tx.Execute(
          "INSERT INTO users (tenant_id, user_id, public_id, username, display_name, unit_id, "
          "password_hash, created_at, updated_at) VALUES (1, $1, 'u', 'u', 'Ulla', 11, 'x', 0, 0)",
          {kUser});
      if (!done) return std::unexpected(done.error());
      return base::Ok();
    }));
  }

  // A report received at `received` with one deadline due at `received + 100`.
  void Add(std::int64_t id, OrganisationId authority, std::int64_t received) {
    StoredReport r;
    r.id = id;
    r.public_id = "r" + std::to_string(id);
    r.reference = "OA-X-2026-" + std::to_string(id);
    r.receiving_authority = authority;
    r.district = "centrum";
    r.reporter_user_id = kUser;
    r.reporter_unit = OrganisationId(11);
    r.child_known = id % 2 == 0;
    r.child_description = std::string("\x00\xffsealed", 8);
    r.concern_text = std::string("\x01\x02text", 6);
    r.reporter_contact = std::string("\x03\x00contact", 9);
    r.received_at = received;
    FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) -> base::Status {
      if (auto ok = ConcernStore::Insert(tx, kTenant, r, received); !ok) return ok;
      return ConcernStore::InsertDeadline(tx, kTenant, id,
                                          StoredDeadline{.code = "protection_assessment",
                                                         .met_by = MetBy::kAssessment,
                                                         .due_at = received + 100,
                                                         .escalate_at = received + 200,
                                                         .met_at = std::nullopt,
                                                         .waived = false});
    }));
  }
};

TEST_P(ConcernStoreTest, ReferenceNumbersCountPerAuthorityAndYear) {
  SetUpWorld();
  std::vector<std::int64_t> numbers;
  FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) -> base::Status {
    for (const auto& [authority, year] :
         {std::pair{kCommittee, 2026}, std::pair{kCommittee, 2026}, std::pair{kOther, 2026},
          std::pair{kCommittee, 2027}, std::pair{kCommittee, 2026}}) {
      auto next = ConcernStore::NextReferenceNumber(tx, kTenant, authority, year);
      if (!next) return std::unexpected(next.error());
      numbers.push_back(*next);
    }
    return base::Ok();
  }));
  EXPECT_EQ(numbers, (std::vector<std::int64_t>{1, 2, 1, 1, 3}));
}

TEST_P(ConcernStoreTest, SealedBytesRoundTripAndOpeningIsOnce) {
  SetUpWorld();
  Add(1, kCommittee, 1000);
  auto found = db_->Read([](Transaction& tx) { return ConcernStore::Find(tx, kTenant, "r1"); });
  FYREN_ASSERT_OK(found);
  ASSERT_TRUE(*found);
  EXPECT_EQ((*found)->child_description, std::string("\x00\xffsealed", 8));
  EXPECT_EQ((*found)->reporter_contact, std::string("\x03\x00contact", 9));
  EXPECT_FALSE((*found)->child_name);
  EXPECT_EQ((*found)->status, ReportStatus::kNew);
  for (const bool expected : {true, false}) {
    auto first =
        db_->Write([](Transaction& tx) { return ConcernStore::MarkOpened(tx, kTenant, 1, 2000); });
    FYREN_ASSERT_OK(first);
    EXPECT_EQ(*first, expected);
  }
}

TEST_P(ConcernStoreTest, QueueIsNewFirstWithDeadlinesAndCountsOverdue) {
  SetUpWorld();
  Add(1, kCommittee, 1000);
  Add(2, kCommittee, 2000);
  Add(3, kCommittee, 3000);
  Add(4, kOther, 4000);
  // Report 3 is opened, so the older new ones come first.
  FYREN_ASSERT_OK(
      db_->Write([](Transaction& tx) { return ConcernStore::MarkOpened(tx, kTenant, 3, 3050); }));
  auto rows = db_->Read([](Transaction& tx) {
    return ConcernStore::Queue(tx, kTenant, kCommittee, std::nullopt, false, 2150, 50, 0);
  });
  FYREN_ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), 3U);
  EXPECT_EQ((*rows)[0].report.public_id, "r2");
  EXPECT_EQ((*rows)[1].report.public_id, "r1");
  EXPECT_EQ((*rows)[2].report.public_id, "r3");
  ASSERT_EQ((*rows)[0].deadlines.size(), 1U);
  EXPECT_EQ((*rows)[0].deadlines[0].due_at, 2100);
  EXPECT_EQ((*rows)[0].deadlines[0].escalate_at, 2200);

  auto counts = db_->Read([](Transaction& tx) -> base::Result<std::vector<std::int64_t>> {
    std::vector<std::int64_t> out;
    for (auto count :
         {ConcernStore::CountOverdue(tx, kTenant, kCommittee, 2150),
          ConcernStore::CountEscalated(tx, kTenant, kCommittee, 2150),
          ConcernStore::CountQueue(tx, kTenant, kCommittee, std::nullopt, true, 2150),
          ConcernStore::CountQueue(tx, kTenant, kCommittee, ReportStatus::kNew, false, 2150)}) {
      if (!count) return std::unexpected(count.error());
      out.push_back(*count);
    }
    return out;
  });
  FYREN_ASSERT_OK(counts);
  EXPECT_EQ(*counts, (std::vector<std::int64_t>{2, 1, 2, 2}));

  auto page = db_->Read([](Transaction& tx) {
    return ConcernStore::Queue(tx, kTenant, kCommittee, ReportStatus::kNew, true, 1500, 1, 0);
  });
  FYREN_ASSERT_OK(page);
  ASSERT_EQ(page->size(), 1U);
  EXPECT_EQ((*page)[0].report.public_id, "r1");
}

TEST_P(ConcernStoreTest, AssessmentChecksTheVersionAndMeetsItsDeadlines) {
  SetUpWorld();
  Add(1, kCommittee, 1000);
  auto stale = db_->Write([](Transaction& tx) {
    return ConcernStore::RecordAssessment(tx, kTenant, 1,
                                          concern::AssessmentOutcome::kImmediateProtection,
                                          std::string_view("\x01note", 5), kUser, 1050, 9);
  });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  FYREN_ASSERT_OK(db_->Write([](Transaction& tx) -> base::Status {
    if (auto ok = ConcernStore::RecordAssessment(tx, kTenant, 1,
                                                 concern::AssessmentOutcome::kImmediateProtection,
                                                 std::string_view("\x01note", 5), kUser, 1050, 1);
        !ok) {
      return ok;
    }
    return ConcernStore::MeetDeadlines(tx, kTenant, 1, MetBy::kAssessment, 1050);
  }));
  auto deadlines =
      db_->Read([](Transaction& tx) { return ConcernStore::Deadlines(tx, kTenant, 1); });
  FYREN_ASSERT_OK(deadlines);
  ASSERT_EQ(deadlines->size(), 1U);
  EXPECT_EQ((*deadlines)[0].met_at, 1050);
  auto found = db_->Read([](Transaction& tx) { return ConcernStore::Find(tx, kTenant, "r1"); });
  FYREN_ASSERT_OK(found);
  EXPECT_EQ((*found)->status, ReportStatus::kAssessed);
  EXPECT_EQ((*found)->version, 2);
  EXPECT_EQ((*found)->intake_opened_at, 1050);
}

// The queue's counts in one grouped query agree with the separate counts, and say when the clock
// alone next changes them; the generation (0014's triggers) moves on with every change to an
// authority's reports or deadlines, and only that authority's.
TEST_P(ConcernStoreTest, GroupedCountsAgreeAndTheGenerationFollowsEveryChange) {
  SetUpWorld();
  auto generation = [&](OrganisationId authority) {
    auto value = db_->Read(
        [&](Transaction& tx) { return ConcernStore::QueueGeneration(tx, kTenant, authority); });
    EXPECT_TRUE(value) << (value ? "" : value.error().detail);
    return value.value_or(-1);
  };
  EXPECT_EQ(generation(kCommittee), 0);
  Add(1, kCommittee, 1000);
  const std::int64_t after_one = generation(kCommittee);
  EXPECT_GT(after_one, 0);
  EXPECT_EQ(generation(kOther), 0);
  Add(2, kCommittee, 2000);
  Add(3, kCommittee, 3000);
  const std::int64_t after_three = generation(kCommittee);
  EXPECT_GT(after_three, after_one);
  Add(4, kOther, 4000);
  EXPECT_EQ(generation(kCommittee), after_three);
  EXPECT_GT(generation(kOther), 0);

  FYREN_ASSERT_OK(
      db_->Write([](Transaction& tx) { return ConcernStore::MarkOpened(tx, kTenant, 3, 3050); }));
  const std::int64_t after_open = generation(kCommittee);
  EXPECT_GT(after_open, after_three);
  // Opening again changes nothing, so the generation stays.
  FYREN_ASSERT_OK(
      db_->Write([](Transaction& tx) { return ConcernStore::MarkOpened(tx, kTenant, 3, 3060); }));
  EXPECT_EQ(generation(kCommittee), after_open);

  auto counts = db_->Read([](Transaction& tx) {
    return ConcernStore::CountQueueByStatus(tx, kTenant, kCommittee, 2150);
  });
  FYREN_ASSERT_OK(counts);
  EXPECT_EQ(counts->Overdue(), 2);
  EXPECT_EQ(counts->Escalated(), 1);
  EXPECT_EQ(counts->Total(std::nullopt, false), 3);
  EXPECT_EQ(counts->Total(std::nullopt, true), 2);
  EXPECT_EQ(counts->Total(ReportStatus::kNew, false), 2);
  EXPECT_EQ(counts->Total(ReportStatus::kReceived, false), 1);
  EXPECT_EQ(counts->Total(ReportStatus::kClosed, false), 0);
  // Report 2 escalates at 2200; report 3 is due at 3100.
  EXPECT_EQ(counts->next_change, 2200);

  FYREN_ASSERT_OK(db_->Write([](Transaction& tx) {
    return ConcernStore::MeetDeadlines(tx, kTenant, 1, MetBy::kAssessment, 2160);
  }));
  EXPECT_GT(generation(kCommittee), after_open);
  counts = db_->Read([](Transaction& tx) {
    return ConcernStore::CountQueueByStatus(tx, kTenant, kCommittee, 2170);
  });
  FYREN_ASSERT_OK(counts);
  EXPECT_EQ(counts->Overdue(), 1);
  EXPECT_EQ(counts->Escalated(), 0);
}

// storage_fixture.cc instantiates StorageTest for the shared suite; this program has no TEST_P of
// its own on it.
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(StorageTest);

INSTANTIATE_TEST_SUITE_P(Backends, ConcernStoreTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const ::testing::TestParamInfo<Backend>& param_info) {
                           return std::string(ToString(param_info.param));
                         });

}  // namespace
}  // namespace fyren::storage::testing
