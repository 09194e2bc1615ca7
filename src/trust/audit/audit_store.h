#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "base/ids.h"
#include "base/result.h"
#include "storage/database.h"
#include "trust/audit/audit_event.h"
#include "trust/audit/bulk_access.h"
#include "trust/crypto/chain_hash.h"

namespace fyren::trust::audit {

// The SQL of the audit log (migrations/*/0004_audit.sql). There is deliberately no statement that
// updates or deletes an audit entry. Functions run inside the caller's transaction and are as
// thread-safe as that transaction (i.e. one thread at a time).

// The last entry of a tenant's chain; seq 0 and kGenesisHash before the first entry.
struct ChainHead {
  std::int64_t seq = 0;
  crypto::ChainHash hash{};
};

// Reads the tenant's head and locks it until the transaction ends (PostgreSQL: SELECT ... FOR
// UPDATE on audit_heads, after creating the row if missing; SQLite: the write transaction already
// excludes every other writer). `tx` must be a write transaction.
[[nodiscard]] base::Result<ChainHead> LockChainHead(storage::Transaction& tx,
                                                    base::TenantId tenant);

// Moves the tenant's head forward to `head` (the last entry just inserted).
[[nodiscard]] base::Status StoreChainHead(storage::Transaction& tx, base::TenantId tenant,
                                          const ChainHead& head);

// Inserts `entries` (all of one tenant, in seq order) with as few statements as it can.
[[nodiscard]] base::Status InsertEntries(storage::Transaction& tx,
                                         std::span<const AuditEntry> entries);

// The head without a lock (for verification); nullopt when the tenant has no head row yet.
[[nodiscard]] base::Result<std::optional<ChainHead>> ReadChainHead(storage::Transaction& tx,
                                                                   base::TenantId tenant);

// Every tenant id, ascending.
[[nodiscard]] base::Result<std::vector<base::TenantId>> ListTenants(storage::Transaction& tx);

// Columns of the rows ReadEntryRows and VisitEntryRows give, in this order.
enum EntryColumn : std::size_t {
  kColSeq,
  kColOccurredAt,
  kColActorUserId,
  kColUnitId,
  kColAuthorityId,
  kColAction,
  kColOutcome,
  kColRecordType,
  kColRecordId,
  kColPersonId,
  kColPurpose,
  kColFlags,
  kColRequestId,
  kColPrevHash,
  kColHash,
};

// Up to `limit` raw rows of the tenant with after_seq < seq <= up_to_seq, by seq ascending.
[[nodiscard]] base::Result<storage::Rows> ReadEntryRows(storage::Transaction& tx,
                                                        base::TenantId tenant,
                                                        std::int64_t after_seq,
                                                        std::int64_t up_to_seq, std::int64_t limit);

// The same rows for after_seq < seq <= up_to_seq, passed one at a time to `each` (until it
// returns false) instead of kept: for verifying long chains.
[[nodiscard]] base::Status VisitEntryRows(storage::Transaction& tx, base::TenantId tenant,
                                          std::int64_t after_seq, std::int64_t up_to_seq,
                                          const storage::Transaction::RowVisitor& each);

// One page of a review query: newest first.
struct ReviewQuery {
  std::int64_t from_us = 0;                // occurred_at >= from_us
  std::int64_t to_us = 0;                  // occurred_at < to_us
  std::int64_t limit = 50;                 // 1..500
  std::optional<std::int64_t> before_seq;  // the previous page's next_cursor
};
struct ReviewPage {
  std::vector<AuditEntry> entries;
  std::optional<std::int64_t> next_cursor;  // nullopt on the last page
};

// kInvalidInput for a limit outside 1..500 or an empty time range. kInternal when a stored code is
// not one this build knows (an entry written by a newer fyren).
[[nodiscard]] base::Result<ReviewPage> SelectPersonHistory(storage::Transaction& tx,
                                                           base::TenantId tenant,
                                                           std::int64_t person_id,
                                                           const ReviewQuery& query);
[[nodiscard]] base::Result<ReviewPage> SelectUserActivity(storage::Transaction& tx,
                                                          base::TenantId tenant,
                                                          std::int64_t user_id,
                                                          const ReviewQuery& query);
// Entries carrying any of `flags` (kFlag... bits; 0 means any flag).
[[nodiscard]] base::Result<ReviewPage> SelectFlagged(storage::Transaction& tx,
                                                     base::TenantId tenant, std::uint32_t flags,
                                                     const ReviewQuery& query);

// The same two, confined to entries whose authority_id is `authority` (a reviewer sees the log
// of their own authority only). A user's activity also includes their entries without an
// authority (sign-in, sign-out, lockout: account events name no committee); the caller has
// checked that the user belongs to `authority`.
[[nodiscard]] base::Result<ReviewPage> SelectUserActivityInAuthority(storage::Transaction& tx,
                                                                     base::TenantId tenant,
                                                                     base::OrganisationId authority,
                                                                     std::int64_t user_id,
                                                                     const ReviewQuery& query);
[[nodiscard]] base::Result<ReviewPage> SelectFlaggedInAuthority(storage::Transaction& tx,
                                                                base::TenantId tenant,
                                                                base::OrganisationId authority,
                                                                std::uint32_t flags,
                                                                const ReviewQuery& query);

// Allowed entries about a person by a user of `authority` with from_us <= occurred_at < to_us,
// sorted by (user, time), for FindBulkAccess (bulk_access.h). kInvalidInput (field "from") when
// there are more than `max_rows`: the reviewer chooses a shorter period.
[[nodiscard]] base::Result<std::vector<PersonAccess>> SelectPersonAccesses(
    storage::Transaction& tx, base::TenantId tenant, base::OrganisationId authority,
    std::int64_t from_us, std::int64_t to_us, std::int64_t max_rows);

}  // namespace fyren::trust::audit
