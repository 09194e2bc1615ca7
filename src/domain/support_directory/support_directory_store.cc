#include "domain/support_directory/support_directory_store.h"

#include <map>

#include "storage/optimistic.h"

namespace fyren::support_directory {
namespace {

constexpr std::string_view kColumns =
    "entry_id, public_id, entry_key, kind, target_groups, languages, phone, email, web, address, "
    "anonymous, free_of_charge, visible, version, updated_at";

const std::string kSelectAll =
    "SELECT " + std::string(kColumns) + " FROM support_directory_entries WHERE tenant_id = $1";
const std::string kSelectOne = "SELECT " + std::string(kColumns) +
                               " FROM support_directory_entries WHERE tenant_id = $1 AND "
                               "public_id = $2";

constexpr std::string_view kSelectTexts =
    "SELECT entry_id, lang, name, description, hours FROM support_directory_texts "
    "WHERE tenant_id = $1";
constexpr std::string_view kSelectTextsOf =
    "SELECT entry_id, lang, name, description, hours FROM support_directory_texts "
    "WHERE tenant_id = $1 AND entry_id = $2";

constexpr std::string_view kSelectFingerprint =
    "SELECT COUNT(*), CAST(COALESCE(SUM(version), 0) AS BIGINT), COALESCE(MAX(updated_at), 0) "
    "FROM support_directory_entries WHERE tenant_id = $1";

constexpr std::string_view kCount =
    "SELECT COUNT(*) FROM support_directory_entries WHERE tenant_id = $1";

constexpr std::string_view kInsert =
    "INSERT INTO support_directory_entries (tenant_id, entry_id, public_id, entry_key, kind, "
    "target_groups, languages, phone, email, web, address, anonymous, free_of_charge, visible, "
    "version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
    "$13, $14, 1, $15, $15)";

constexpr std::string_view kInsertText =
    "INSERT INTO support_directory_texts (tenant_id, entry_id, lang, name, description, hours) "
    "VALUES ($1, $2, $3, $4, $5, $6)";

constexpr std::string_view kDeleteTexts =
    "DELETE FROM support_directory_texts WHERE tenant_id = $1 AND entry_id = $2";

constexpr std::string_view kUpdate =
    "UPDATE support_directory_entries SET kind = $1, target_groups = $2, languages = $3, "
    "phone = $4, email = $5, web = $6, address = $7, anonymous = $8, free_of_charge = $9, "
    "version = version + 1, updated_at = $10 WHERE tenant_id = $11 AND entry_id = $12 AND "
    "version = $13";

constexpr std::string_view kSetVisible =
    "UPDATE support_directory_entries SET visible = $1, version = version + 1, updated_at = $2 "
    "WHERE tenant_id = $3 AND entry_id = $4 AND version = $5";

std::string JoinCodes(const std::vector<std::string>& codes) {
  std::string out;
  for (const std::string& code : codes) {
    if (!out.empty()) out += ' ';
    out += code;
  }
  return out;
}

std::vector<std::string> SplitCodes(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto space = text.find(' ');
    if (space != 0) out.emplace_back(text.substr(0, space));
    if (space == std::string_view::npos) break;
    text.remove_prefix(space + 1);
  }
  return out;
}

base::Result<DirectoryEntry> FromRow(const storage::Row& row) {
  const auto kind = ParseEntryKind(row.Text(3));
  if (!kind) {
    return base::Fail(
        base::ErrorCode::kInternal, "Stored directory entry is inconsistent.",
        "unknown kind in support_directory_entries row " + std::to_string(row.Int(0)));
  }
  DirectoryEntry entry;
  entry.id = row.Int(0);
  entry.public_id = row.Text(1);
  entry.entry_key = row.Text(2);
  entry.draft.kind = *kind;
  entry.draft.target_groups = SplitCodes(row.Text(4));
  entry.draft.languages = SplitCodes(row.Text(5));
  entry.draft.phone = row.Text(6);
  entry.draft.email = row.Text(7);
  entry.draft.web = row.Text(8);
  entry.draft.address = row.Text(9);
  entry.draft.anonymous = row.Int(10) != 0;
  entry.draft.free_of_charge = row.Int(11) != 0;
  entry.visible = row.Int(12) != 0;
  entry.version = row.Int(13);
  entry.updated_at = row.Int(14);
  return entry;
}

base::Status InsertTexts(storage::Transaction& tx, base::TenantId tenant, std::int64_t entry_id,
                         const EntryDraft& draft) {
  for (const auto& [lang, text] : draft.texts) {
    auto inserted = tx.Execute(
        kInsertText, {tenant.value(), entry_id, lang, text.name, text.description, text.hours});
    if (!inserted) return std::unexpected(inserted.error());
  }
  return base::Ok();
}

base::Status AttachTexts(const storage::Rows& rows, std::vector<DirectoryEntry>& entries) {
  std::map<std::int64_t, DirectoryEntry*> by_id;
  for (DirectoryEntry& entry : entries) by_id[entry.id] = &entry;
  for (const storage::Row& row : rows) {
    const auto found = by_id.find(row.Int(0));
    if (found == by_id.end()) continue;
    found->second->draft.texts[row.Text(1)] =
        EntryText{.name = row.Text(2), .description = row.Text(3), .hours = row.Text(4)};
  }
  return base::Ok();
}

}  // namespace

base::Result<std::vector<DirectoryEntry>> SupportDirectoryStore::ListAll(storage::Transaction& tx,
                                                                         base::TenantId tenant) {
  auto rows = tx.Query(kSelectAll, {tenant.value()});
  if (!rows) return std::unexpected(rows.error());
  std::vector<DirectoryEntry> entries;
  entries.reserve(rows->size());
  for (const storage::Row& row : *rows) {
    auto entry = FromRow(row);
    if (!entry) return std::unexpected(entry.error());
    entries.push_back(std::move(*entry));
  }
  auto texts = tx.Query(kSelectTexts, {tenant.value()});
  if (!texts) return std::unexpected(texts.error());
  if (auto ok = AttachTexts(*texts, entries); !ok) return std::unexpected(ok.error());
  return entries;
}

base::Result<std::optional<DirectoryEntry>> SupportDirectoryStore::FindByPublicId(
    storage::Transaction& tx, base::TenantId tenant, std::string_view public_id) {
  auto rows = tx.Query(kSelectOne, {tenant.value(), public_id});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<DirectoryEntry>();
  auto entry = FromRow(rows->front());
  if (!entry) return std::unexpected(entry.error());
  std::vector<DirectoryEntry> one{std::move(*entry)};
  auto texts = tx.Query(kSelectTextsOf, {tenant.value(), one.front().id});
  if (!texts) return std::unexpected(texts.error());
  if (auto ok = AttachTexts(*texts, one); !ok) return std::unexpected(ok.error());
  return std::optional<DirectoryEntry>(std::move(one.front()));
}

base::Result<DirectoryFingerprint> SupportDirectoryStore::Fingerprint(storage::Transaction& tx,
                                                                      base::TenantId tenant) {
  auto rows = tx.Query(kSelectFingerprint, {tenant.value()});
  if (!rows) return std::unexpected(rows.error());
  if (rows->size() != 1) return DirectoryFingerprint{};
  const storage::Row& row = rows->front();
  return DirectoryFingerprint{
      .rows = row.Int(0), .version_sum = row.Int(1), .last_updated_at = row.Int(2)};
}

base::Result<std::int64_t> SupportDirectoryStore::Count(storage::Transaction& tx,
                                                        base::TenantId tenant) {
  auto rows = tx.Query(kCount, {tenant.value()});
  if (!rows) return std::unexpected(rows.error());
  return rows->empty() ? 0 : rows->front().Int(0);
}

base::Status SupportDirectoryStore::Insert(storage::Transaction& tx, base::TenantId tenant,
                                           const DirectoryEntry& entry, std::int64_t now_us) {
  const EntryDraft& d = entry.draft;
  const std::string groups = JoinCodes(d.target_groups);
  const std::string languages = JoinCodes(d.languages);
  auto inserted =
      tx.Execute(kInsert, {tenant.value(), entry.id, entry.public_id, entry.entry_key,
                           ToString(d.kind), groups, languages, d.phone, d.email, d.web, d.address,
                           d.anonymous, d.free_of_charge, entry.visible, now_us});
  if (!inserted) return std::unexpected(inserted.error());
  return InsertTexts(tx, tenant, entry.id, d);
}

base::Status SupportDirectoryStore::Update(storage::Transaction& tx, base::TenantId tenant,
                                           std::int64_t entry_id, const EntryDraft& d,
                                           std::int64_t expected_version, std::int64_t now_us) {
  const std::string groups = JoinCodes(d.target_groups);
  const std::string languages = JoinCodes(d.languages);
  auto updated = storage::ExpectOneRowUpdated(tx.Execute(
      kUpdate,
      {ToString(d.kind), groups, languages, d.phone, d.email, d.web, d.address, d.anonymous,
       d.free_of_charge, now_us, tenant.value(), entry_id, expected_version}));
  if (!updated) return updated;
  auto deleted = tx.Execute(kDeleteTexts, {tenant.value(), entry_id});
  if (!deleted) return std::unexpected(deleted.error());
  return InsertTexts(tx, tenant, entry_id, d);
}

base::Status SupportDirectoryStore::SetVisible(storage::Transaction& tx, base::TenantId tenant,
                                               std::int64_t entry_id, bool visible,
                                               std::int64_t expected_version, std::int64_t now_us) {
  return storage::ExpectOneRowUpdated(
      tx.Execute(kSetVisible, {visible, now_us, tenant.value(), entry_id, expected_version}));
}

}  // namespace fyren::support_directory
