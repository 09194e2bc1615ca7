#include "trust/audit/audit_mirror.h"

#include <gtest/gtest.h>

#include "trust/audit/canonical_encoding.h"

namespace fyren::trust::audit {
namespace {

TEST(MirrorLine, HoldsEveryColumnAsIdsCodesAndHex) {
  crypto::ChainHash hash{};
  hash[0] = 0xAB;
  hash[31] = 0x01;
  const AuditEntry entry{.event = AuditEvent{.tenant = base::TenantId(7),
                                             .actor_user_id = 42,
                                             .unit = base::OrganisationId(1001),
                                             .authority = std::nullopt,
                                             .action = Action::kExport,
                                             .outcome = Outcome::kDenied,
                                             .record_type = RecordType::kSipPlan,
                                             .record_id = 9,
                                             .person_id = std::nullopt,
                                             .purpose = Purpose::kFollowUp,
                                             .flags = kFlagBulk,
                                             .request_id = *RequestId::Parse("req-0001-abcd")},
                         .seq = 3,
                         .occurred_at = 1767225600000000,
                         .prev_hash = kGenesisHash,
                         .hash = hash};
  EXPECT_EQ(MirrorLine(entry),
            "{\"tenant\":7,\"seq\":3,\"at\":1767225600000000,\"user\":42,\"unit\":1001,"
            "\"authority\":null,\"action\":\"export\",\"outcome\":\"denied\","
            "\"record_type\":\"sip_plan\",\"record\":9,\"person\":null,\"purpose\":\"follow_up\","
            "\"flags\":16,\"request_id\":\"req-0001-abcd\",\"prev_hash\":\"" +
                std::string(64, '0') + "\",\"hash\":\"ab" + std::string(60, '0') + "01\"}");
}

}  // namespace
}  // namespace fyren::trust::audit
