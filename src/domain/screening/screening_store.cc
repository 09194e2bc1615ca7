#include "domain/screening/screening_store.h"

namespace fyren::screening {
namespace {

using storage::BlobView;
using storage::Param;

#define FYREN_SCREENING_SELECT                                                                   \
  "SELECT s.screening_id, s.public_id, s.owning_authority_id, s.unit_id, s.recorded_by, "        \
  "s.person_id, p.public_id, s.age_band, s.gender, s.setting, s.subject_kind, s.instrument_id, " \
  "s.instrument_version, s.score, s.level, s.answers, s.recorded_at FROM screenings s "          \
  "LEFT JOIN persons p ON p.tenant_id = s.tenant_id AND p.person_id = s.person_id "

constexpr std::string_view kFind =
    FYREN_SCREENING_SELECT "WHERE s.tenant_id = $1 AND s.public_id = $2";
constexpr std::string_view kListRecordedBy = FYREN_SCREENING_SELECT
    "WHERE s.tenant_id = $1 AND s.recorded_by = $2 "
    "ORDER BY s.recorded_at DESC, s.screening_id DESC LIMIT $3";
constexpr std::string_view kListForPerson = FYREN_SCREENING_SELECT
    "WHERE s.tenant_id = $1 AND s.person_id = $2 "
    "ORDER BY s.recorded_at DESC, s.screening_id DESC LIMIT $3";

#undef FYREN_SCREENING_SELECT

constexpr std::string_view kCount = "SELECT COUNT(*) FROM screenings WHERE tenant_id = $1";

constexpr std::string_view kInsert =
    "INSERT INTO screenings (tenant_id, screening_id, public_id, owning_authority_id, unit_id, "
    "recorded_by, person_id, age_band, gender, setting, subject_kind, instrument_id, "
    "instrument_version, score, level, answers, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
    "$8, $9, $10, $11, $12, $13, $14, $15, $16, $17)";

Param OptionalTextParam(const std::optional<std::string>& value) {
  if (!value) return Param(nullptr);
  return Param(std::string_view(*value));
}

std::optional<std::string> OptionalTextAt(const storage::Row& row, std::size_t column) {
  if (row.IsNull(column)) return std::nullopt;
  return row.Text(column);
}

StoredScreening ScreeningFromRow(const storage::Row& row) {
  StoredScreening s;
  s.id = row.Int(0);
  s.public_id = row.Text(1);
  s.owning_authority = base::OrganisationId(row.Int(2));
  s.unit = base::OrganisationId(row.Int(3));
  s.recorded_by = row.Int(4);
  s.person_id = row.OptionalInt(5);
  s.person_public_id = OptionalTextAt(row, 6);
  s.age_band = OptionalTextAt(row, 7);
  s.gender = OptionalTextAt(row, 8);
  s.setting = OptionalTextAt(row, 9);
  s.subject_kind = row.Text(10);
  s.instrument_id = row.Text(11);
  s.instrument_version = static_cast<std::int32_t>(row.Int(12));
  s.score = static_cast<std::int32_t>(row.Int(13));
  s.level = row.Text(14);
  s.answers = row.Bytes(15);
  s.recorded_at = row.Int(16);
  return s;
}

base::Result<std::vector<StoredScreening>> ScreeningsFrom(base::Result<storage::Rows> rows) {
  if (!rows) return std::unexpected(rows.error());
  std::vector<StoredScreening> out;
  out.reserve(rows->size());
  for (const storage::Row& row : *rows) out.push_back(ScreeningFromRow(row));
  return out;
}

}  // namespace

base::Status ScreeningStore::Insert(storage::Transaction& tx, base::TenantId tenant,
                                    const StoredScreening& s) {
  auto done = tx.Execute(
      kInsert,
      {tenant.value(), s.id, s.public_id, s.owning_authority.value(), s.unit.value(), s.recorded_by,
       s.person_id ? Param(*s.person_id) : Param(nullptr), OptionalTextParam(s.age_band),
       OptionalTextParam(s.gender), OptionalTextParam(s.setting), s.subject_kind, s.instrument_id,
       std::int64_t{s.instrument_version}, std::int64_t{s.score}, s.level, BlobView{s.answers},
       s.recorded_at});
  if (!done) return std::unexpected(done.error());
  return base::Ok();
}

base::Result<std::optional<StoredScreening>> ScreeningStore::Find(storage::Transaction& tx,
                                                                  base::TenantId tenant,
                                                                  std::string_view public_id) {
  auto rows = tx.Query(kFind, {tenant.value(), public_id});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<StoredScreening>();
  return std::optional(ScreeningFromRow(rows->front()));
}

base::Result<std::vector<StoredScreening>> ScreeningStore::ListRecordedBy(storage::Transaction& tx,
                                                                          base::TenantId tenant,
                                                                          std::int64_t user_id,
                                                                          int limit) {
  return ScreeningsFrom(tx.Query(kListRecordedBy, {tenant.value(), user_id, std::int64_t{limit}}));
}

base::Result<std::vector<StoredScreening>> ScreeningStore::ListForPerson(storage::Transaction& tx,
                                                                         base::TenantId tenant,
                                                                         std::int64_t person_id,
                                                                         int limit) {
  return ScreeningsFrom(tx.Query(kListForPerson, {tenant.value(), person_id, std::int64_t{limit}}));
}

base::Result<std::int64_t> ScreeningStore::Count(storage::Transaction& tx, base::TenantId tenant) {
  auto rows = tx.Query(kCount, {tenant.value()});
  if (!rows) return std::unexpected(rows.error());
  return rows->front().Int(0);
}

}  // namespace fyren::screening
