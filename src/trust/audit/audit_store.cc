#include "trust/audit/audit_store.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>

#include "trust/audit/canonical_encoding.h"

namespace fyren::trust::audit {
namespace {

using base::ErrorCode;
using base::Fail;
using storage::BlobView;
using storage::Param;
using storage::Transaction;

constexpr std::string_view kEntryColumns =
    "seq, occurred_at, actor_user_id, unit_id, authority_id, action, outcome, record_type, "
    "record_id, person_id, purpose, flags, request_id, prev_hash, hash";
constexpr int kInsertColumns = 16;  // tenant_id and the 15 of kEntryColumns
constexpr std::int64_t kMaxReviewLimit = 500;

// Multi-row INSERTs of a few fixed sizes, so a batch of 1,000 entries costs ~16 statements and
// the statement caches hold three texts, not one per batch size. The texts hold only
// placeholders; values are always bound.
constexpr std::size_t kChunkSizes[] = {64, 8, 1};

std::string BuildInsert(std::size_t rows) {
  std::string sql =
      "INSERT INTO audit_entries (tenant_id, seq, occurred_at, actor_user_id, unit_id, "
      "authority_id, action, outcome, record_type, record_id, person_id, purpose, flags, "
      "request_id, prev_hash, hash) VALUES ";
  int next = 1;
  for (std::size_t r = 0; r < rows; ++r) {
    sql += r == 0 ? "(" : ", (";
    for (int c = 0; c < kInsertColumns; ++c) {
      if (c > 0) sql += ", ";
      sql += '$';
      sql += std::to_string(next++);
    }
    sql += ")";
  }
  return sql;
}

const std::string& InsertSql(std::size_t rows) {
  static const std::string k64 = BuildInsert(64);
  static const std::string k8 = BuildInsert(8);
  static const std::string k1 = BuildInsert(1);
  if (rows == 64) return k64;
  if (rows == 8) return k8;
  return k1;
}

std::optional<std::int64_t> IdValue(const std::optional<base::OrganisationId>& id) {
  if (!id) return std::nullopt;
  return id->value();
}

// Integers are bound by value; strings and hashes as views into `entry` and the static code tables,
// which outlive the statement.
void AppendParams(const AuditEntry& entry, std::vector<Param>& params) {
  const AuditEvent& e = entry.event;
  params.emplace_back(e.tenant.value());
  params.emplace_back(entry.seq);
  params.emplace_back(entry.occurred_at);
  params.emplace_back(e.actor_user_id);
  params.emplace_back(IdValue(e.unit));
  params.emplace_back(IdValue(e.authority));
  params.emplace_back(ToString(e.action));
  params.emplace_back(ToString(e.outcome));
  if (e.record_type) {
    params.emplace_back(ToString(*e.record_type));
  } else {
    params.emplace_back(nullptr);
  }
  params.emplace_back(e.record_id);
  params.emplace_back(e.person_id);
  params.emplace_back(ToString(e.purpose));
  params.emplace_back(static_cast<std::int64_t>(e.flags));
  params.emplace_back(std::string_view(e.request_id.str()));
  params.emplace_back(BlobView{AsBytes(entry.prev_hash)});
  params.emplace_back(BlobView{AsBytes(entry.hash)});
}

base::Result<crypto::ChainHash> HashFrom(const std::string& bytes) {
  crypto::ChainHash hash{};
  if (bytes.size() != hash.size()) {
    return Fail(ErrorCode::kInternal, "database error", "audit: a stored hash is not 32 bytes");
  }
  std::memcpy(hash.data(), bytes.data(), hash.size());
  return hash;
}

base::Result<AuditEntry> EntryFromRow(base::TenantId tenant, const storage::Row& row) {
  const auto action = ParseAction(row.Text(kColAction));
  const auto outcome = ParseOutcome(row.Text(kColOutcome));
  const auto purpose = ParsePurpose(row.Text(kColPurpose));
  std::optional<RecordType> record_type;
  if (!row.IsNull(kColRecordType)) record_type = ParseRecordType(row.Text(kColRecordType));
  auto request_id = RequestId::Parse(row.Text(kColRequestId));
  if (!action || !outcome || !purpose || (!row.IsNull(kColRecordType) && !record_type) ||
      !request_id) {
    return Fail(ErrorCode::kInternal, "database error",
                "audit: entry " + std::to_string(row.Int(kColSeq)) +
                    " holds a code this build does not know");
  }
  auto prev_hash = HashFrom(row.Bytes(kColPrevHash));
  if (!prev_hash) return std::unexpected(prev_hash.error());
  auto hash = HashFrom(row.Bytes(kColHash));
  if (!hash) return std::unexpected(hash.error());
  const auto org = [&](std::size_t column) -> std::optional<base::OrganisationId> {
    if (row.IsNull(column)) return std::nullopt;
    return base::OrganisationId(row.Int(column));
  };
  return AuditEntry{
      .event = AuditEvent{.tenant = tenant,
                          .actor_user_id = row.OptionalInt(kColActorUserId),
                          .unit = org(kColUnitId),
                          .authority = org(kColAuthorityId),
                          .action = *action,
                          .outcome = *outcome,
                          .record_type = record_type,
                          .record_id = row.OptionalInt(kColRecordId),
                          .person_id = row.OptionalInt(kColPersonId),
                          .purpose = *purpose,
                          .flags = static_cast<std::uint32_t>(row.Int(kColFlags)),
                          .request_id = std::move(*request_id)},
      .seq = row.Int(kColSeq),
      .occurred_at = row.Int(kColOccurredAt),
      .prev_hash = *prev_hash,
      .hash = *hash,
  };
}

base::Status CheckReviewQuery(const ReviewQuery& query) {
  if (query.limit < 1 || query.limit > kMaxReviewLimit) {
    return base::FailField("limit", "the page size is 1 to 500 entries");
  }
  if (query.from_us >= query.to_us) {
    return base::FailField("from", "the time range is empty");
  }
  return base::Ok();
}

// Runs a review statement whose parameters are ($1 tenant, $2 subject, $3 from, $4 to,
// $5 before_seq, $6 limit + 1[, $7 authority]) and turns the extra row into the next cursor.
base::Result<ReviewPage> RunReview(Transaction& tx, std::string_view sql, base::TenantId tenant,
                                   std::int64_t subject, const ReviewQuery& query,
                                   std::optional<base::OrganisationId> authority = std::nullopt) {
  if (auto ok = CheckReviewQuery(query); !ok) return std::unexpected(ok.error());
  const std::int64_t before = query.before_seq.value_or(std::numeric_limits<std::int64_t>::max());
  auto rows = authority ? tx.Query(sql, {tenant.value(), subject, query.from_us, query.to_us,
                                         before, query.limit + 1, authority->value()})
                        : tx.Query(sql, {tenant.value(), subject, query.from_us, query.to_us,
                                         before, query.limit + 1});
  if (!rows) return std::unexpected(rows.error());
  ReviewPage page;
  const auto shown = std::min<std::size_t>(rows->size(), static_cast<std::size_t>(query.limit));
  page.entries.reserve(shown);
  for (std::size_t i = 0; i < shown; ++i) {
    auto entry = EntryFromRow(tenant, (*rows)[i]);
    if (!entry) return std::unexpected(entry.error());
    page.entries.push_back(std::move(*entry));
  }
  if (rows->size() > shown) page.next_cursor = page.entries.back().seq;
  return page;
}

}  // namespace

base::Result<ChainHead> LockChainHead(Transaction& tx, base::TenantId tenant) {
  const bool postgres = tx.backend() == storage::Backend::kPostgres;
  // SQLite has no FOR UPDATE; its write transaction (BEGIN IMMEDIATE) already holds the one
  // database-wide write lock.
  const std::string_view select = postgres
                                      ? "SELECT seq, hash FROM audit_heads WHERE tenant_id = $1 "
                                        "FOR UPDATE"
                                      : "SELECT seq, hash FROM audit_heads WHERE tenant_id = $1";
  auto rows = tx.Query(select, {tenant.value()});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) {
    // The tenant's first entry. ON CONFLICT DO NOTHING makes a second server that races here wait
    // for the first one's row instead of failing; the SELECT below then locks whichever row won.
    auto inserted = tx.Execute(
        "INSERT INTO audit_heads (tenant_id, seq, hash) VALUES ($1, 0, $2) "
        "ON CONFLICT (tenant_id) DO NOTHING",
        {tenant.value(), BlobView{AsBytes(kGenesisHash)}});
    if (!inserted) return std::unexpected(inserted.error());
    rows = tx.Query(select, {tenant.value()});
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) {
      return Fail(ErrorCode::kInternal, "database error", "audit: head row missing after insert");
    }
  }
  auto hash = HashFrom((*rows)[0].Bytes(1));
  if (!hash) return std::unexpected(hash.error());
  return ChainHead{.seq = (*rows)[0].Int(0), .hash = *hash};
}

base::Status StoreChainHead(Transaction& tx, base::TenantId tenant, const ChainHead& head) {
  auto updated = tx.Execute("UPDATE audit_heads SET seq = $2, hash = $3 WHERE tenant_id = $1",
                            {tenant.value(), head.seq, BlobView{AsBytes(head.hash)}});
  if (!updated) return std::unexpected(updated.error());
  if (*updated != 1) {
    return Fail(ErrorCode::kInternal, "database error", "audit: head row missing on update");
  }
  return base::Ok();
}

base::Status InsertEntries(Transaction& tx, std::span<const AuditEntry> entries) {
  std::vector<Param> params;
  params.reserve(std::min<std::size_t>(entries.size(), kChunkSizes[0]) * kInsertColumns);
  while (!entries.empty()) {
    const std::size_t chunk =
        *std::find_if(std::begin(kChunkSizes), std::end(kChunkSizes),
                      [&](std::size_t size) { return size <= entries.size(); });
    params.clear();
    for (const AuditEntry& entry : entries.first(chunk)) {
      AppendParams(entry, params);
    }
    auto inserted = tx.ExecuteSpan(InsertSql(chunk), params);
    if (!inserted) return std::unexpected(inserted.error());
    entries = entries.subspan(chunk);
  }
  return base::Ok();
}

base::Result<std::optional<ChainHead>> ReadChainHead(Transaction& tx, base::TenantId tenant) {
  auto rows = tx.Query("SELECT seq, hash FROM audit_heads WHERE tenant_id = $1", {tenant.value()});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<ChainHead>();
  auto hash = HashFrom((*rows)[0].Bytes(1));
  if (!hash) return std::unexpected(hash.error());
  return std::optional(ChainHead{.seq = (*rows)[0].Int(0), .hash = *hash});
}

base::Result<std::vector<base::TenantId>> ListTenants(Transaction& tx) {
  auto rows = tx.Query("SELECT tenant_id FROM tenants ORDER BY tenant_id");
  if (!rows) return std::unexpected(rows.error());
  std::vector<base::TenantId> tenants;
  tenants.reserve(rows->size());
  for (const storage::Row& row : *rows) tenants.emplace_back(row.Int(0));
  return tenants;
}

base::Result<storage::Rows> ReadEntryRows(Transaction& tx, base::TenantId tenant,
                                          std::int64_t after_seq, std::int64_t up_to_seq,
                                          std::int64_t limit) {
  static const std::string sql = "SELECT " + std::string(kEntryColumns) +
                                 " FROM audit_entries WHERE tenant_id = $1 AND seq > $2 AND "
                                 "seq <= $3 ORDER BY seq LIMIT $4";
  return tx.Query(sql, {tenant.value(), after_seq, up_to_seq, limit});
}

base::Status VisitEntryRows(Transaction& tx, base::TenantId tenant, std::int64_t after_seq,
                            std::int64_t up_to_seq, const Transaction::RowVisitor& each) {
  static const std::string sql = "SELECT " + std::string(kEntryColumns) +
                                 " FROM audit_entries WHERE tenant_id = $1 AND seq > $2 AND "
                                 "seq <= $3 ORDER BY seq";
  return tx.QueryEach(sql, {tenant.value(), after_seq, up_to_seq}, each);
}

base::Result<ReviewPage> SelectPersonHistory(Transaction& tx, base::TenantId tenant,
                                             std::int64_t person_id, const ReviewQuery& query) {
  static const std::string sql =
      "SELECT " + std::string(kEntryColumns) +
      " FROM audit_entries WHERE tenant_id = $1 AND person_id = $2 AND occurred_at >= $3 AND "
      "occurred_at < $4 AND seq < $5 ORDER BY seq DESC LIMIT $6";
  return RunReview(tx, sql, tenant, person_id, query);
}

base::Result<ReviewPage> SelectUserActivity(Transaction& tx, base::TenantId tenant,
                                            std::int64_t user_id, const ReviewQuery& query) {
  static const std::string sql =
      "SELECT " + std::string(kEntryColumns) +
      " FROM audit_entries WHERE tenant_id = $1 AND actor_user_id = $2 AND occurred_at >= $3 "
      "AND occurred_at < $4 AND seq < $5 ORDER BY seq DESC LIMIT $6";
  return RunReview(tx, sql, tenant, user_id, query);
}

base::Result<ReviewPage> SelectFlagged(Transaction& tx, base::TenantId tenant, std::uint32_t flags,
                                       const ReviewQuery& query) {
  if ((flags & ~kAllAuditFlags) != 0) return base::FailField("flags", "unknown audit flag");
  // "flags <> 0" is spelled out so both planners can use the partial index audit_entries_flagged.
  static const std::string sql =
      "SELECT " + std::string(kEntryColumns) +
      " FROM audit_entries WHERE tenant_id = $1 AND flags <> 0 AND (flags & $2) <> 0 AND "
      "occurred_at >= $3 AND occurred_at < $4 AND seq < $5 ORDER BY seq DESC LIMIT $6";
  const std::int64_t mask = flags == 0 ? kAllAuditFlags : flags;
  return RunReview(tx, sql, tenant, mask, query);
}

base::Result<ReviewPage> SelectUserActivityInAuthority(Transaction& tx, base::TenantId tenant,
                                                       base::OrganisationId authority,
                                                       std::int64_t user_id,
                                                       const ReviewQuery& query) {
  static const std::string sql =
      "SELECT " + std::string(kEntryColumns) +
      " FROM audit_entries WHERE tenant_id = $1 AND actor_user_id = $2 AND occurred_at >= $3 "
      "AND occurred_at < $4 AND seq < $5 AND (authority_id = $7 OR authority_id IS NULL) "
      "ORDER BY seq DESC LIMIT $6";
  return RunReview(tx, sql, tenant, user_id, query, authority);
}

base::Result<ReviewPage> SelectFlaggedInAuthority(Transaction& tx, base::TenantId tenant,
                                                  base::OrganisationId authority,
                                                  std::uint32_t flags, const ReviewQuery& query) {
  if ((flags & ~kAllAuditFlags) != 0) return base::FailField("flags", "unknown audit flag");
  static const std::string sql =
      "SELECT " + std::string(kEntryColumns) +
      " FROM audit_entries WHERE tenant_id = $1 AND flags <> 0 AND (flags & $2) <> 0 AND "
      "occurred_at >= $3 AND occurred_at < $4 AND seq < $5 AND authority_id = $7 "
      "ORDER BY seq DESC LIMIT $6";
  const std::int64_t mask = flags == 0 ? kAllAuditFlags : flags;
  return RunReview(tx, sql, tenant, mask, query, authority);
}

base::Result<std::vector<PersonAccess>> SelectPersonAccesses(Transaction& tx, base::TenantId tenant,
                                                             base::OrganisationId authority,
                                                             std::int64_t from_us,
                                                             std::int64_t to_us,
                                                             std::int64_t max_rows) {
  if (from_us >= to_us) return base::FailField("from", "the time range is empty");
  auto rows = tx.Query(
      "SELECT actor_user_id, occurred_at, person_id FROM audit_entries WHERE tenant_id = $1 AND "
      "authority_id = $2 AND occurred_at >= $3 AND occurred_at < $4 AND person_id IS NOT NULL "
      "AND actor_user_id IS NOT NULL AND outcome = 'allowed' "
      "ORDER BY actor_user_id, occurred_at, seq LIMIT $5",
      {tenant.value(), authority.value(), from_us, to_us, max_rows + 1});
  if (!rows) return std::unexpected(rows.error());
  if (static_cast<std::int64_t>(rows->size()) > max_rows) {
    return base::FailField("from", "too many entries in this period: choose a shorter one");
  }
  std::vector<PersonAccess> accesses;
  accesses.reserve(rows->size());
  for (const storage::Row& row : *rows) {
    accesses.push_back(
        PersonAccess{.user_id = row.Int(0), .occurred_at = row.Int(1), .person_id = row.Int(2)});
  }
  return accesses;
}

}  // namespace fyren::trust::audit
