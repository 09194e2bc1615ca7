#include "audit_fixture.h"

namespace fyren::storage::testing {

using trust::audit::AuditEvent;

void AuditTest::SetUpAudit() {
  auto applied = Migrate(*db_, migrations());
  ASSERT_TRUE(applied) << applied.error().detail;
  FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) -> Status {
    if (auto a = InsertTenant(tx, kTenant.value(), "audit-a"); !a) return a;
    return InsertTenant(tx, kOtherTenant.value(), "audit-b");
  }));
}

AuditEvent AuditTest::Event(base::TenantId tenant, std::int64_t user, std::int64_t person,
                            std::uint32_t flags) {
  using namespace trust::audit;  // NOLINT(google-build-using-namespace): enum-heavy literal
  return AuditEvent{.tenant = tenant,
                    .actor_user_id = user,
                    .unit = base::OrganisationId(100),
                    .authority = base::OrganisationId(10),
                    .action = Action::kRead,
                    .outcome = Outcome::kAllowed,
                    .record_type = RecordType::kPerson,
                    .record_id = person,
                    .person_id = person,
                    .purpose = Purpose::kCaseWork,
                    .flags = flags,
                    .request_id = *RequestId::Parse("req-conformance-01")};
}

void AuditTest::AppendEvents(int count) {
  trust::audit::AuditLog log(*db_, clock_);
  for (int i = 1; i <= count; ++i) {
    clock_.Advance(std::chrono::seconds(1));
    FYREN_ASSERT_OK(log.Append(Event(kTenant, 7, i)));
  }
}

void AuditTest::Tamper(std::string_view sql) {
  FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) -> Status {
    const std::string_view off = backend() == Backend::kSqlite
                                     ? "DROP TRIGGER IF EXISTS audit_entries_no_update; "
                                       "DROP TRIGGER IF EXISTS audit_entries_no_delete; "
                                       "DROP TRIGGER IF EXISTS audit_heads_forward_only; "
                                       "DROP TRIGGER IF EXISTS audit_heads_no_delete"
                                     : "ALTER TABLE audit_entries DISABLE TRIGGER USER; "
                                       "ALTER TABLE audit_heads DISABLE TRIGGER USER";
    if (auto disabled = tx.ExecuteScript(off); !disabled) return disabled;
    return tx.ExecuteScript(sql);
  }));
}

std::int64_t AuditTest::CountEntries(base::TenantId tenant) {
  auto rows = db_->Read([&](Transaction& tx) {
    return tx.Query("SELECT COUNT(*) FROM audit_entries WHERE tenant_id = $1", {tenant.value()});
  });
  EXPECT_TRUE(rows);
  return rows ? (*rows)[0].Int(0) : -1;
}

// This program links the shared fixture (which instantiates StorageTest) but defines its tests on
// AuditTest only.
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(StorageTest);

INSTANTIATE_TEST_SUITE_P(Backends, AuditTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const ::testing::TestParamInfo<Backend>& param_info) {
                           return std::string(ToString(param_info.param));
                         });

}  // namespace fyren::storage::testing
