// Conformance: transactions are all-or-nothing, durable, and fail the same way on both backends.

#include <stdexcept>

#include "storage/optimistic.h"
#include "storage_fixture.h"

namespace fyren::storage::testing {
namespace {

using base::ErrorCode;

Result<std::int64_t> InsertValue(Transaction& tx, std::int64_t id) {
  return tx.Execute("INSERT INTO conformance_values (id) VALUES ($1)", {id});
}

TEST_P(StorageTest, ErrorReturnRollsBack) {
  MigrateAndCreateTestTable();
  const Status status = db_->Write([](Transaction& tx) -> Status {
    if (auto r = InsertValue(tx, 1); !r) return std::unexpected(r.error());
    return base::Fail(ErrorCode::kInvalidInput, "changed my mind");
  });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().message, "changed my mind");
  EXPECT_EQ(CountConformanceValues(*db_).value_or(-1), 0);
}

TEST_P(StorageTest, ExceptionRollsBackAndFreesTheConnection) {
  MigrateAndCreateTestTable();
  EXPECT_THROW((void)db_->Write([](Transaction& tx) -> Status {
    (void)InsertValue(tx, 1);
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  EXPECT_EQ(CountConformanceValues(*db_).value_or(-1), 0);
  EXPECT_EQ(db_->Stats().in_use, 0);
  FYREN_ASSERT_OK(db_->Write([](Transaction& tx) { return InsertValue(tx, 2); }));
  EXPECT_EQ(CountConformanceValues(*db_).value_or(-1), 1);
}

TEST_P(StorageTest, UncommittedHandleRollsBackWhenDestroyed) {
  MigrateAndCreateTestTable();
  {
    auto tx = db_->Begin(TxMode::kWrite);
    FYREN_ASSERT_OK(tx);
    FYREN_ASSERT_OK(InsertValue(**tx, 1));
  }
  EXPECT_EQ(CountConformanceValues(*db_).value_or(-1), 0);
  EXPECT_EQ(db_->Stats().in_use, 0);
}

TEST_P(StorageTest, CommittedWritesSurviveReopening) {
  MigrateAndCreateTestTable();
  FYREN_ASSERT_OK(db_->Write([](Transaction& tx) { return InsertValue(tx, 1); }));
  db_->Close();
  db_.reset();
  db_ = Open();
  ASSERT_NE(db_, nullptr);
  EXPECT_EQ(CountConformanceValues(*db_).value_or(-1), 1);
}

TEST_P(StorageTest, AFailedStatementPoisonsTheTransaction) {
  MigrateAndCreateTestTable();
  FYREN_ASSERT_OK(db_->Write([](Transaction& tx) { return InsertValue(tx, 1); }));
  auto tx = db_->Begin(TxMode::kWrite);
  FYREN_ASSERT_OK(tx);
  FYREN_ASSERT_OK(InsertValue(**tx, 2));
  EXPECT_FALSE(InsertValue(**tx, 1));  // duplicate key
  EXPECT_FALSE(InsertValue(**tx, 3));  // refused: the transaction already failed
  EXPECT_FALSE((*tx)->Commit());
  tx->reset();
  EXPECT_EQ(CountConformanceValues(*db_).value_or(-1), 1);
}

TEST_P(StorageTest, ReadTransactionsCannotWrite) {
  MigrateAndCreateTestTable();
  auto written = db_->Read([](Transaction& tx) { return InsertValue(tx, 1); });
  EXPECT_FALSE(written);
  EXPECT_EQ(CountConformanceValues(*db_).value_or(-1), 0);
}

TEST_P(StorageTest, UniqueViolationIsAConflictWithoutTheValueInTheError) {
  FYREN_ASSERT_OK(Migrate(*db_, migrations()));
  FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) { return InsertTenant(tx, 1, "malmo-9f3k"); }));
  const Status again =
      db_->Write([&](Transaction& tx) { return InsertTenant(tx, 2, "malmo-9f3k"); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_FALSE(again.error().detail.empty());
  // Values may be personal data; they must not reach the message or the logged detail.
  EXPECT_EQ(again.error().message.find("malmo-9f3k"), std::string::npos);
  EXPECT_EQ(again.error().detail.find("malmo-9f3k"), std::string::npos) << again.error().detail;
}

TEST_P(StorageTest, ForeignKeyCheckAndNotNullViolationsAreInvalidInput) {
  FYREN_ASSERT_OK(Migrate(*db_, migrations()));
  FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) { return InsertTenant(tx, 1, "lund"); }));
  constexpr std::string_view kInsertOrganisation =
      "INSERT INTO organisations (tenant_id, organisation_id, public_id, kind, code, name_sv, "
      "name_en, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 0, 0)";
  struct Case {
    std::int64_t tenant;
    std::string_view kind;
    std::optional<std::string> name;
  };
  const Case cases[] = {
      {99, "unit", "Enhet"},      // no such tenant
      {1, "bogus", "Enhet"},      // CHECK on kind
      {1, "unit", std::nullopt},  // NOT NULL name
  };
  for (const Case& c : cases) {
    const auto inserted = db_->Write([&](Transaction& tx) {
      return tx.Execute(kInsertOrganisation, {c.tenant, 10, "pub", c.kind, "c", c.name, "Unit"});
    });
    ASSERT_FALSE(inserted) << c.kind;
    EXPECT_EQ(inserted.error().code, ErrorCode::kInvalidInput) << inserted.error().detail;
  }
}

TEST_P(StorageTest, StaleVersionIsAConflictAndNothingIsOverwritten) {
  MigrateAndCreateTestTable();
  FYREN_ASSERT_OK(db_->Write([](Transaction& tx) {
    return tx.Execute("INSERT INTO conformance_values (id, t) VALUES (1, 'original')");
  }));
  constexpr std::string_view kUpdate =
      "UPDATE conformance_values SET t = $1, version = version + 1 WHERE id = $2 AND version = $3";
  const std::int64_t seen_by_both = 1;
  FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) {
    return ExpectOneRowUpdated(tx.Execute(kUpdate, {"first", 1, seen_by_both}));
  }));
  const Status second = db_->Write([&](Transaction& tx) {
    return ExpectOneRowUpdated(tx.Execute(kUpdate, {"second", 1, seen_by_both}));
  });
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::kConflict);
  auto rows = db_->Read([](Transaction& tx) {
    return tx.Query("SELECT t, version FROM conformance_values WHERE id = 1");
  });
  FYREN_ASSERT_OK(rows);
  EXPECT_EQ((*rows)[0].Text(0), "first");
  EXPECT_EQ((*rows)[0].Int(1), 2);
}

}  // namespace
}  // namespace fyren::storage::testing
