#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "trust/audit/audit_event.h"
#include "trust/crypto/chain_hash.h"

namespace fyren::trust::audit {

// Every column of one audit entry except the hashes, as stored. The writer builds it from an
// AuditEntry; the verifier builds it from a database row without parsing the codes, so an entry
// written by a newer fyren (with a code this build does not know) still verifies.
struct EntryView {
  std::int64_t tenant_id = 0;
  std::int64_t seq = 0;
  std::int64_t occurred_at = 0;
  std::optional<std::int64_t> actor_user_id;
  std::optional<std::int64_t> unit_id;
  std::optional<std::int64_t> authority_id;
  std::string_view action;
  std::string_view outcome;
  std::optional<std::string_view> record_type;
  std::optional<std::int64_t> record_id;
  std::optional<std::int64_t> person_id;
  std::string_view purpose;
  std::int64_t flags = 0;
  std::string_view request_id;
};

// The view of `entry`; its string views point into `entry` and the static code tables.
[[nodiscard]] EntryView ViewOf(const AuditEntry& entry);

// Format version 1, unambiguous by construction: the label "fyren.audit.v1", then the columns in
// the order of EntryView; integers as 8-byte big-endian two's complement; an optional value as
// one byte 0 (absent) or 1 followed by the value; a string as a 4-byte big-endian length and its
// bytes. Replaces the contents of `out` (reuse one buffer to avoid an allocation per entry).
void EncodeEntry(const EntryView& entry, std::string& out);

// hash = BLAKE2b-256(prev_hash || EncodeEntry(entry)). `prev_hash` is the previous entry's hash,
// or kGenesisHash for seq 1. `scratch` is the reusable encoding buffer.
[[nodiscard]] crypto::ChainHash ChainEntryHash(std::string_view prev_hash, const EntryView& entry,
                                               std::string& scratch);

// The prev_hash of every tenant's first entry: 32 zero bytes. The tenant id and seq inside the
// encoding already make each chain's first hash distinct.
inline constexpr crypto::ChainHash kGenesisHash{};

[[nodiscard]] inline std::string_view AsBytes(const crypto::ChainHash& hash) {
  return {reinterpret_cast<const char*>(hash.data()), hash.size()};
}

// Lower-case hex, for reports and the syslog mirror.
[[nodiscard]] std::string ToHex(std::string_view bytes);

}  // namespace fyren::trust::audit
