// Conformance: `fyren audit verify` (src/app/audit_command.cc) on both backends.

#include "app/audit_command.h"

#include <sstream>

#include "audit_fixture.h"

namespace fyren::storage::testing {
namespace {

TEST_P(AuditTest, AuditVerifyCommandReportsIntactAndBrokenChains) {
  SetUpAudit();
  AppendEvents(5);
  std::ostringstream out, err;
  EXPECT_EQ(app::RunAuditVerifyOn(*db_, out, err), 0) << err.str();
  EXPECT_NE(out.str().find("tenant 201: intact, 5 entries"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("tenant 202: intact, 0 entries"), std::string::npos) << out.str();

  Tamper("DELETE FROM audit_entries WHERE seq = 3");
  std::ostringstream broken_out, broken_err;
  EXPECT_EQ(app::RunAuditVerifyOn(*db_, broken_out, broken_err), 1);
  EXPECT_NE(broken_out.str().find("tenant 201: BROKEN at seq 3: missing entry"), std::string::npos)
      << broken_out.str();
}

TEST_P(AuditTest, AuditVerifyCommandWithoutASchemaIsAConfigurationError) {
  std::ostringstream out, err;
  EXPECT_EQ(app::RunAuditVerifyOn(*db_, out, err), 2);
  EXPECT_FALSE(err.str().empty());
}

}  // namespace
}  // namespace fyren::storage::testing
