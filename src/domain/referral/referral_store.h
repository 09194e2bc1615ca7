#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/ids.h"
#include "base/result.h"
#include "domain/referral/referral.h"
#include "storage/database.h"

namespace fyren::referral {

// A referral row as stored: sealed columns as ciphertext bytes.
struct StoredReferral {
  std::int64_t id = 0;
  std::string public_id;
  Kind kind = Kind::kAdultSupport;
  std::int64_t sender_user_id = 0;
  base::OrganisationId sender_unit;
  std::optional<base::OrganisationId> sender_authority;
  base::OrganisationId recipient;
  SourceKind source_kind = SourceKind::kNone;
  std::optional<std::string> source_public_id;
  std::optional<std::string> person_summary;
  std::string message;
  Status status = Status::kSent;
  std::optional<std::string> decline_reason;
  std::int64_t version = 1;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

struct OrganisationRow {
  base::OrganisationId id;
  std::string code;
  std::string name_sv;
  std::string name_en;
  std::string kind;  // authority, department, company, unit, partner
};

// A list row: the referral without sealed columns, with the other side's names.
struct StoredRow {
  std::string public_id;
  Kind kind = Kind::kAdultSupport;
  Status status = Status::kSent;
  std::string counterpart_name_sv;
  std::string counterpart_name_en;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// SQL for referrals (migrations/*/0010_concerns.sql: referrals, referral_events), and nothing
// else: no access decisions, no audit, no crypto. Every function runs inside the caller's
// transaction. Stateless.
class ReferralStore {
 public:
  [[nodiscard]] static base::Status Insert(storage::Transaction& tx, base::TenantId tenant,
                                           const StoredReferral& referral);
  [[nodiscard]] static base::Status InsertEvent(storage::Transaction& tx, base::TenantId tenant,
                                                std::int64_t referral_id, Status status,
                                                std::int64_t user_id, std::int64_t at_us);
  [[nodiscard]] static base::Result<std::optional<StoredReferral>> Find(storage::Transaction& tx,
                                                                        base::TenantId tenant,
                                                                        std::string_view public_id);
  [[nodiscard]] static base::Result<std::vector<ReferralEvent>> Events(storage::Transaction& tx,
                                                                       base::TenantId tenant,
                                                                       std::int64_t referral_id);
  // Sent from `unit` (counterpart = recipient) or to `unit` (counterpart = sending unit), newest
  // first, at most `limit`.
  [[nodiscard]] static base::Result<std::vector<StoredRow>> ListSent(storage::Transaction& tx,
                                                                     base::TenantId tenant,
                                                                     base::OrganisationId unit,
                                                                     int limit);
  [[nodiscard]] static base::Result<std::vector<StoredRow>> ListReceived(storage::Transaction& tx,
                                                                         base::TenantId tenant,
                                                                         base::OrganisationId unit,
                                                                         int limit);
  // status sent -> received (once). False when it was not "sent".
  [[nodiscard]] static base::Result<bool> MarkReceived(storage::Transaction& tx,
                                                       base::TenantId tenant,
                                                       std::int64_t referral_id,
                                                       std::int64_t at_us);
  // Sets the status (and the sealed decline reason, or NULL); kConflict when `expected_version`
  // is not current.
  [[nodiscard]] static base::Status SetStatus(storage::Transaction& tx, base::TenantId tenant,
                                              std::int64_t referral_id, Status status,
                                              const std::optional<std::string>& sealed_reason,
                                              std::int64_t at_us, std::int64_t expected_version);

  [[nodiscard]] static base::Result<std::optional<OrganisationRow>> OrganisationByCode(
      storage::Transaction& tx, base::TenantId tenant, std::string_view code);
  [[nodiscard]] static base::Result<std::optional<OrganisationRow>> OrganisationById(
      storage::Transaction& tx, base::TenantId tenant, base::OrganisationId id);
  // The nearest authority at or above `organisation` in the tree; nullopt for a partner or an
  // organisation outside any authority.
  [[nodiscard]] static base::Result<std::optional<base::OrganisationId>> AuthorityOf(
      storage::Transaction& tx, base::TenantId tenant, base::OrganisationId organisation);
  // Referrals of the tenant (the demo loader runs only on a tenant without any).
  [[nodiscard]] static base::Result<std::int64_t> Count(storage::Transaction& tx,
                                                        base::TenantId tenant);
  [[nodiscard]] static base::Result<std::string> UserDisplayName(storage::Transaction& tx,
                                                                 base::TenantId tenant,
                                                                 std::int64_t user_id);
};

}  // namespace fyren::referral
