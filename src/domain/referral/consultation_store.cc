#include "domain/referral/consultation_store.h"

#include "storage/optimistic.h"

namespace fyren::referral {
namespace {

using storage::BlobView;

constexpr std::string_view kInsert =
    "INSERT INTO consultations (tenant_id, consultation_id, public_id, asker_user_id, "
    "asker_unit_id, question, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";

constexpr std::string_view kFind =
    "SELECT consultation_id, public_id, asker_user_id, asker_unit_id, question, answer, "
    "answered_by, answered_at, created_at FROM consultations "
    "WHERE tenant_id = $1 AND public_id = $2";

constexpr std::string_view kListForUnit =
    "SELECT c.public_id, o.name_sv, o.name_en, c.created_at, c.answered_at FROM consultations c "
    "JOIN organisations o ON o.tenant_id = c.tenant_id AND o.organisation_id = c.asker_unit_id "
    "WHERE c.tenant_id = $1 AND c.asker_unit_id = $2 "
    "ORDER BY c.created_at DESC, c.consultation_id DESC LIMIT $3";

constexpr std::string_view kInbox =
    "SELECT c.public_id, o.name_sv, o.name_en, c.created_at, c.answered_at FROM consultations c "
    "JOIN organisations o ON o.tenant_id = c.tenant_id AND o.organisation_id = c.asker_unit_id "
    "WHERE c.tenant_id = $1 ORDER BY CASE WHEN c.answered_at IS NULL THEN 0 ELSE 1 END, "
    "CASE WHEN c.answered_at IS NULL THEN c.created_at ELSE -c.created_at END, "
    "c.consultation_id LIMIT $2";

// Once only: the WHERE clause makes a second answer change nothing (kConflict).
constexpr std::string_view kAnswer =
    "UPDATE consultations SET answer = $3, answered_by = $4, answered_at = $5 "
    "WHERE tenant_id = $1 AND consultation_id = $2 AND answered_at IS NULL";

base::Result<std::vector<ConsultationRow>> Rows(const base::Result<storage::Rows>& rows) {
  if (!rows) return std::unexpected(rows.error());
  std::vector<ConsultationRow> out;
  for (const storage::Row& row : *rows) {
    out.push_back(ConsultationRow{.public_id = row.Text(0),
                                  .asker_unit_name_sv = row.Text(1),
                                  .asker_unit_name_en = row.Text(2),
                                  .created_at = row.Int(3),
                                  .answered_at = row.OptionalInt(4)});
  }
  return out;
}

}  // namespace

base::Status ConsultationStore::Insert(storage::Transaction& tx, base::TenantId tenant,
                                       const StoredConsultation& c) {
  auto done = tx.Execute(kInsert, {tenant.value(), c.id, c.public_id, c.asker_user_id,
                                   c.asker_unit.value(), BlobView{c.question}, c.created_at});
  if (!done) return std::unexpected(done.error());
  return base::Ok();
}

base::Result<std::optional<StoredConsultation>> ConsultationStore::Find(
    storage::Transaction& tx, base::TenantId tenant, std::string_view public_id) {
  auto rows = tx.Query(kFind, {tenant.value(), public_id});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<StoredConsultation>();
  const storage::Row& row = rows->front();
  StoredConsultation c;
  c.id = row.Int(0);
  c.public_id = row.Text(1);
  c.asker_user_id = row.Int(2);
  c.asker_unit = base::OrganisationId(row.Int(3));
  c.question = row.Bytes(4);
  if (!row.IsNull(5)) c.answer = row.Bytes(5);
  c.answered_by = row.OptionalInt(6);
  c.answered_at = row.OptionalInt(7);
  c.created_at = row.Int(8);
  return std::optional(std::move(c));
}

base::Result<std::vector<ConsultationRow>> ConsultationStore::ListForUnit(storage::Transaction& tx,
                                                                          base::TenantId tenant,
                                                                          base::OrganisationId unit,
                                                                          int limit) {
  return Rows(tx.Query(kListForUnit, {tenant.value(), unit.value(), limit}));
}

base::Result<std::vector<ConsultationRow>> ConsultationStore::Inbox(storage::Transaction& tx,
                                                                    base::TenantId tenant,
                                                                    int limit) {
  return Rows(tx.Query(kInbox, {tenant.value(), limit}));
}

base::Status ConsultationStore::Answer(storage::Transaction& tx, base::TenantId tenant,
                                       std::int64_t consultation_id, std::string_view sealed_answer,
                                       std::int64_t user_id, std::int64_t at_us) {
  return storage::ExpectOneRowUpdated(tx.Execute(
      kAnswer, {tenant.value(), consultation_id, BlobView{sealed_answer}, user_id, at_us}));
}

}  // namespace fyren::referral
