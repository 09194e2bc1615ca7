#include "domain/referral/referral_store.h"

#include "storage/optimistic.h"

namespace fyren::referral {
namespace {

using storage::BlobView;
using storage::OptionalBlob;
using storage::Param;

constexpr std::string_view kInsert =
    "INSERT INTO referrals (tenant_id, referral_id, public_id, kind, sender_user_id, "
    "sender_unit_id, sender_authority_id, recipient_id, source_kind, source_public_id, "
    "person_summary, message, status, version, created_at, updated_at) VALUES ($1, $2, $3, $4, "
    "$5, $6, $7, $8, $9, $10, $11, $12, 'sent', 1, $13, $13)";

constexpr std::string_view kInsertEvent =
    "INSERT INTO referral_events (tenant_id, event_id, referral_id, status, user_id, "
    "occurred_at) VALUES ($1, $2, $3, $4, $5, $6)";

constexpr std::string_view kFind =
    "SELECT referral_id, public_id, kind, sender_user_id, sender_unit_id, sender_authority_id, "
    "recipient_id, source_kind, source_public_id, person_summary, message, status, "
    "decline_reason, version, created_at, updated_at FROM referrals "
    "WHERE tenant_id = $1 AND public_id = $2";

// Statuses only move forward (sent, received, accepted or declined, done), so within one
// microsecond (a receipt recorded with the acceptance) the status order is the event order. Event
// ids are random: ordering by them alone made "accepted, done" come out as "done, accepted".
constexpr std::string_view kEvents =
    "SELECT e.status, COALESCE(u.display_name, ''), e.occurred_at FROM referral_events e "
    "LEFT JOIN users u ON u.tenant_id = e.tenant_id AND u.user_id = e.user_id "
    "WHERE e.tenant_id = $1 AND e.referral_id = $2 ORDER BY e.occurred_at, CASE e.status "
    "WHEN 'sent' THEN 0 WHEN 'received' THEN 1 WHEN 'done' THEN 3 ELSE 2 END, e.event_id";

constexpr std::string_view kListSent =
    "SELECT r.public_id, r.kind, r.status, o.name_sv, o.name_en, r.created_at, r.updated_at "
    "FROM referrals r JOIN organisations o ON o.tenant_id = r.tenant_id AND "
    "o.organisation_id = r.recipient_id WHERE r.tenant_id = $1 AND r.sender_unit_id = $2 "
    "ORDER BY r.created_at DESC, r.referral_id DESC LIMIT $3";

constexpr std::string_view kListReceived =
    "SELECT r.public_id, r.kind, r.status, o.name_sv, o.name_en, r.created_at, r.updated_at "
    "FROM referrals r JOIN organisations o ON o.tenant_id = r.tenant_id AND "
    "o.organisation_id = r.sender_unit_id WHERE r.tenant_id = $1 AND r.recipient_id = $2 "
    "ORDER BY r.created_at DESC, r.referral_id DESC LIMIT $3";

constexpr std::string_view kMarkReceived =
    "UPDATE referrals SET status = 'received', updated_at = $3, version = version + 1 "
    "WHERE tenant_id = $1 AND referral_id = $2 AND status = 'sent'";

constexpr std::string_view kSetStatus =
    "UPDATE referrals SET status = $3, decline_reason = $4, updated_at = $5, "
    "version = version + 1 WHERE tenant_id = $1 AND referral_id = $2 AND version = $6";

constexpr std::string_view kOrganisationByCode =
    "SELECT organisation_id, code, name_sv, name_en, kind FROM organisations "
    "WHERE tenant_id = $1 AND code = $2";

constexpr std::string_view kOrganisationById =
    "SELECT organisation_id, code, name_sv, name_en, kind FROM organisations "
    "WHERE tenant_id = $1 AND organisation_id = $2";

// Walks up the tree; the depth bound keeps a (corrupt) cycle from running forever.
constexpr std::string_view kAuthorityOf =
    "WITH RECURSIVE up (organisation_id, parent_id, kind, depth) AS ("
    "SELECT organisation_id, parent_id, kind, 0 FROM organisations "
    "WHERE tenant_id = $1 AND organisation_id = $2 "
    "UNION ALL SELECT o.organisation_id, o.parent_id, o.kind, up.depth + 1 FROM organisations o "
    "JOIN up ON o.organisation_id = up.parent_id WHERE o.tenant_id = $1 AND up.depth < 32) "
    "SELECT organisation_id FROM up WHERE kind = 'authority' ORDER BY depth LIMIT 1";

constexpr std::string_view kCount = "SELECT COUNT(*) FROM referrals WHERE tenant_id = $1";

constexpr std::string_view kUserDisplayName =
    "SELECT display_name FROM users WHERE tenant_id = $1 AND user_id = $2";

base::Error Inconsistent(std::string_view what, std::int64_t id) {
  return base::Error{.code = base::ErrorCode::kInternal,
                     .message = "Stored referral is inconsistent.",
                     .detail = std::string(what) + " in referral row " + std::to_string(id),
                     .field = {}};
}

base::Result<StoredReferral> FromRow(const storage::Row& row) {
  StoredReferral r;
  r.id = row.Int(0);
  const auto kind = ParseKind(row.Text(2));
  const auto source = ParseSourceKind(row.Text(7));
  const auto status = ParseStatus(row.Text(11));
  if (!kind || !source || !status) return std::unexpected(Inconsistent("unknown code", r.id));
  r.public_id = row.Text(1);
  r.kind = *kind;
  r.sender_user_id = row.Int(3);
  r.sender_unit = base::OrganisationId(row.Int(4));
  if (const auto authority = row.OptionalInt(5)) {
    r.sender_authority = base::OrganisationId(*authority);
  }
  r.recipient = base::OrganisationId(row.Int(6));
  r.source_kind = *source;
  r.source_public_id = row.OptionalText(8);
  r.person_summary = row.OptionalBytes(9);
  r.message = row.Bytes(10);
  r.status = *status;
  r.decline_reason = row.OptionalBytes(12);
  r.version = row.Int(13);
  r.created_at = row.Int(14);
  r.updated_at = row.Int(15);
  return r;
}

base::Status Done(const base::Result<std::int64_t>& result) {
  if (!result) return std::unexpected(result.error());
  return base::Ok();
}

base::Result<std::optional<OrganisationRow>> OneOrganisation(
    const base::Result<storage::Rows>& rows) {
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<OrganisationRow>();
  const storage::Row& row = rows->front();
  return std::optional(OrganisationRow{.id = base::OrganisationId(row.Int(0)),
                                       .code = row.Text(1),
                                       .name_sv = row.Text(2),
                                       .name_en = row.Text(3),
                                       .kind = row.Text(4)});
}

base::Result<std::vector<StoredRow>> ListRows(const base::Result<storage::Rows>& rows) {
  if (!rows) return std::unexpected(rows.error());
  std::vector<StoredRow> out;
  for (const storage::Row& row : *rows) {
    const auto kind = ParseKind(row.Text(1));
    const auto status = ParseStatus(row.Text(2));
    if (!kind || !status) return std::unexpected(Inconsistent("unknown code", 0));
    out.push_back(StoredRow{.public_id = row.Text(0),
                            .kind = *kind,
                            .status = *status,
                            .counterpart_name_sv = row.Text(3),
                            .counterpart_name_en = row.Text(4),
                            .created_at = row.Int(5),
                            .updated_at = row.Int(6)});
  }
  return out;
}

}  // namespace

base::Status ReferralStore::Insert(storage::Transaction& tx, base::TenantId tenant,
                                   const StoredReferral& r) {
  std::optional<std::int64_t> authority;
  if (r.sender_authority) authority = r.sender_authority->value();
  return Done(tx.Execute(
      kInsert,
      {tenant.value(), r.id, r.public_id, ToString(r.kind), r.sender_user_id, r.sender_unit.value(),
       authority, r.recipient.value(), ToString(r.source_kind), r.source_public_id,
       OptionalBlob(r.person_summary), BlobView{r.message}, r.created_at}));
}

base::Status ReferralStore::InsertEvent(storage::Transaction& tx, base::TenantId tenant,
                                        std::int64_t referral_id, Status status,
                                        std::int64_t user_id, std::int64_t at_us) {
  return Done(tx.Execute(kInsertEvent, {tenant.value(), base::NewRowId(), referral_id,
                                        ToString(status), user_id, at_us}));
}

base::Result<std::optional<StoredReferral>> ReferralStore::Find(storage::Transaction& tx,
                                                                base::TenantId tenant,
                                                                std::string_view public_id) {
  auto rows = tx.Query(kFind, {tenant.value(), public_id});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<StoredReferral>();
  auto referral = FromRow(rows->front());
  if (!referral) return std::unexpected(referral.error());
  return std::optional(std::move(*referral));
}

base::Result<std::vector<ReferralEvent>> ReferralStore::Events(storage::Transaction& tx,
                                                               base::TenantId tenant,
                                                               std::int64_t referral_id) {
  auto rows = tx.Query(kEvents, {tenant.value(), referral_id});
  if (!rows) return std::unexpected(rows.error());
  std::vector<ReferralEvent> out;
  for (const storage::Row& row : *rows) {
    const auto status = ParseStatus(row.Text(0));
    if (!status) return std::unexpected(Inconsistent("unknown event status", referral_id));
    out.push_back(ReferralEvent{
        .status = *status, .user_display_name = row.Text(1), .occurred_at = row.Int(2)});
  }
  return out;
}

base::Result<std::vector<StoredRow>> ReferralStore::ListSent(storage::Transaction& tx,
                                                             base::TenantId tenant,
                                                             base::OrganisationId unit, int limit) {
  return ListRows(tx.Query(kListSent, {tenant.value(), unit.value(), limit}));
}

base::Result<std::vector<StoredRow>> ReferralStore::ListReceived(storage::Transaction& tx,
                                                                 base::TenantId tenant,
                                                                 base::OrganisationId unit,
                                                                 int limit) {
  return ListRows(tx.Query(kListReceived, {tenant.value(), unit.value(), limit}));
}

base::Result<bool> ReferralStore::MarkReceived(storage::Transaction& tx, base::TenantId tenant,
                                               std::int64_t referral_id, std::int64_t at_us) {
  auto changed = tx.Execute(kMarkReceived, {tenant.value(), referral_id, at_us});
  if (!changed) return std::unexpected(changed.error());
  return *changed > 0;
}

base::Status ReferralStore::SetStatus(storage::Transaction& tx, base::TenantId tenant,
                                      std::int64_t referral_id, Status status,
                                      const std::optional<std::string>& sealed_reason,
                                      std::int64_t at_us, std::int64_t expected_version) {
  return storage::ExpectOneRowUpdated(
      tx.Execute(kSetStatus, {tenant.value(), referral_id, ToString(status),
                              OptionalBlob(sealed_reason), at_us, expected_version}));
}

base::Result<std::optional<OrganisationRow>> ReferralStore::OrganisationByCode(
    storage::Transaction& tx, base::TenantId tenant, std::string_view code) {
  return OneOrganisation(tx.Query(kOrganisationByCode, {tenant.value(), code}));
}

base::Result<std::optional<OrganisationRow>> ReferralStore::OrganisationById(
    storage::Transaction& tx, base::TenantId tenant, base::OrganisationId id) {
  return OneOrganisation(tx.Query(kOrganisationById, {tenant.value(), id.value()}));
}

base::Result<std::optional<base::OrganisationId>> ReferralStore::AuthorityOf(
    storage::Transaction& tx, base::TenantId tenant, base::OrganisationId organisation) {
  auto rows = tx.Query(kAuthorityOf, {tenant.value(), organisation.value()});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<base::OrganisationId>();
  return std::optional(base::OrganisationId(rows->front().Int(0)));
}

base::Result<std::int64_t> ReferralStore::Count(storage::Transaction& tx, base::TenantId tenant) {
  auto rows = tx.Query(kCount, {tenant.value()});
  if (!rows) return std::unexpected(rows.error());
  return rows->front().Int(0);
}

base::Result<std::string> ReferralStore::UserDisplayName(storage::Transaction& tx,
                                                         base::TenantId tenant,
                                                         std::int64_t user_id) {
  auto rows = tx.Query(kUserDisplayName, {tenant.value(), user_id});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::string();
  return rows->front().Text(0);
}

}  // namespace fyren::referral
