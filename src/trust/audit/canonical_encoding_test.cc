#include "trust/audit/canonical_encoding.h"

#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>

namespace fyren::trust::audit {
namespace {

// The reference values below were computed independently with Python's hashlib
// (blake2b(digest_size=32)) and struct.pack('>q' / '>I'), so a change to the encoding that would
// make old chains unverifiable fails here first.
EntryView ReferenceEntry() {
  return EntryView{.tenant_id = 7,
                   .seq = 1,
                   .occurred_at = 1767225600000000,
                   .actor_user_id = 42,
                   .unit_id = 1001,
                   .authority_id = 1000,
                   .action = "read",
                   .outcome = "allowed",
                   .record_type = "person",
                   .record_id = 555,
                   .person_id = 555,
                   .purpose = "case_work",
                   .flags = 5,
                   .request_id = "req-0001-abcd"};
}

EntryView SecondEntry() {
  return EntryView{.tenant_id = 7,
                   .seq = 2,
                   .occurred_at = 1767225600000001,
                   .actor_user_id = std::nullopt,
                   .unit_id = std::nullopt,
                   .authority_id = std::nullopt,
                   .action = "login_failed",
                   .outcome = "denied",
                   .record_type = std::nullopt,
                   .record_id = std::nullopt,
                   .person_id = std::nullopt,
                   .purpose = "authentication",
                   .flags = 0,
                   .request_id = "req-0002-abcd"};
}

TEST(CanonicalEncoding, MatchesTheDocumentedFormatByteForByte) {
  std::string out;
  EncodeEntry(ReferenceEntry(), out);
  EXPECT_EQ(ToHex(out),
            "667972656e2e61756469742e763100000000000000070000000000000001000647484620400001000000"
            "000000002a0100000000000003e90100000000000003e8000000047265616400000007616c6c6f776564"
            "0100000006706572736f6e01000000000000022b01000000000000022b00000009636173655f776f726b"
            "00000000000000050000000d7265712d303030312d61626364");
}

TEST(CanonicalEncoding, ChainHashesMatchAnIndependentImplementation) {
  std::string scratch;
  const crypto::ChainHash first = ChainEntryHash(AsBytes(kGenesisHash), ReferenceEntry(), scratch);
  EXPECT_EQ(ToHex(AsBytes(first)),
            "8febc00ad68b9799c8c7cdcad995a93a450bac253fbbc889baa162afcce4a0a7");
  const crypto::ChainHash second = ChainEntryHash(AsBytes(first), SecondEntry(), scratch);
  EXPECT_EQ(ToHex(AsBytes(second)),
            "f2d7d3374ec2416e8a3471d3e28d5f7056fcb63404dcea8f9dbe946d37cbf9c4");
}

TEST(CanonicalEncoding, EveryColumnChangesTheEncoding) {
  const std::vector<std::function<void(EntryView&)>> changes = {
      [](EntryView& e) { e.tenant_id = 8; },
      [](EntryView& e) { e.seq = 2; },
      [](EntryView& e) { e.occurred_at += 1; },
      [](EntryView& e) { e.actor_user_id = 43; },
      [](EntryView& e) { e.actor_user_id = std::nullopt; },
      [](EntryView& e) { e.unit_id = 1002; },
      [](EntryView& e) { e.authority_id = std::nullopt; },
      [](EntryView& e) { e.action = "update"; },
      [](EntryView& e) { e.outcome = "denied"; },
      [](EntryView& e) { e.record_type = "case"; },
      [](EntryView& e) { e.record_type = std::nullopt; },
      [](EntryView& e) { e.record_id = 556; },
      [](EntryView& e) { e.person_id = std::nullopt; },
      [](EntryView& e) { e.purpose = "outreach"; },
      [](EntryView& e) { e.flags = 4; },
      [](EntryView& e) { e.request_id = "req-0001-abce"; },
  };
  std::set<std::string> seen;
  std::string out;
  EncodeEntry(ReferenceEntry(), out);
  seen.insert(out);
  for (std::size_t i = 0; i < changes.size(); ++i) {
    EntryView entry = ReferenceEntry();
    changes[i](entry);
    EncodeEntry(entry, out);
    EXPECT_TRUE(seen.insert(out).second) << "change " << i << " did not change the encoding";
  }
}

TEST(CanonicalEncoding, IsUnambiguousAcrossFieldBoundaries) {
  // Moving bytes from one string to the next, or a zero id versus an absent one, must differ.
  EntryView a = ReferenceEntry();
  a.action = "readx";
  a.outcome = "allowed";
  EntryView b = ReferenceEntry();
  b.action = "read";
  b.outcome = "xallowed";
  EntryView zero = ReferenceEntry();
  zero.actor_user_id = 0;
  EntryView absent = ReferenceEntry();
  absent.actor_user_id = std::nullopt;
  std::string ea, eb, ez, en;
  EncodeEntry(a, ea);
  EncodeEntry(b, eb);
  EncodeEntry(zero, ez);
  EncodeEntry(absent, en);
  EXPECT_NE(ea, eb);
  EXPECT_NE(ez, en);
}

TEST(CanonicalEncoding, TheHashCoversThePreviousHash) {
  std::string scratch;
  crypto::ChainHash other_prev{};
  other_prev[31] = 1;
  EXPECT_NE(ChainEntryHash(AsBytes(kGenesisHash), ReferenceEntry(), scratch),
            ChainEntryHash(AsBytes(other_prev), ReferenceEntry(), scratch));
}

TEST(CanonicalEncoding, ViewOfAnEntryUsesTheStoredCodes) {
  auto request_id = RequestId::Parse("req-0001-abcd");
  ASSERT_TRUE(request_id);
  const AuditEntry entry{.event = AuditEvent{.tenant = base::TenantId(7),
                                             .actor_user_id = 42,
                                             .unit = base::OrganisationId(1001),
                                             .authority = base::OrganisationId(1000),
                                             .action = Action::kRead,
                                             .outcome = Outcome::kAllowed,
                                             .record_type = RecordType::kPerson,
                                             .record_id = 555,
                                             .person_id = 555,
                                             .purpose = Purpose::kCaseWork,
                                             .flags = kFlagProtectedIdentity | kFlagOutsideOwnUnit,
                                             .request_id = *request_id},
                         .seq = 1,
                         .occurred_at = 1767225600000000,
                         .prev_hash = kGenesisHash,
                         .hash = {}};
  std::string from_entry, reference;
  EncodeEntry(ViewOf(entry), from_entry);
  EncodeEntry(ReferenceEntry(), reference);
  EXPECT_EQ(from_entry, reference);
}

}  // namespace
}  // namespace fyren::trust::audit
