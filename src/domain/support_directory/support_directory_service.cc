#include "domain/support_directory/support_directory_service.h"

#include <algorithm>

#include "base/ids.h"
#include "base/random.h"
#include "base/swedish_order.h"
#include "domain/support_directory/support_directory_store.h"
#include "trust/access/access_policy.h"
#include "trust/accounts/user_admin_lookup.h"

namespace fyren::support_directory {
namespace {

namespace audit = trust::audit;

std::unexpected<base::Error> NoSuchEntry() {
  return base::Fail(base::ErrorCode::kNotFound, "No such entry in the directory.");
}

// National services last: a visitor should first see the local help that knows the city.
int KindOrder(EntryKind kind) {
  switch (kind) {
    case EntryKind::kCityUnit:
      return 0;
    case EntryKind::kRegionalCoordinator:
      return 1;
    case EntryKind::kNgo:
      return 2;
    case EntryKind::kNationalService:
      return 3;
  }
  return 4;
}

void SortForReaders(std::vector<DirectoryEntry>& entries) {
  std::vector<std::pair<std::string, std::size_t>> keys;
  keys.reserve(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    keys.emplace_back(std::to_string(KindOrder(entries[i].draft.kind)) +
                          base::SwedishSortKey(entries[i].Text("sv").name),
                      i);
  }
  std::ranges::sort(keys);
  std::vector<DirectoryEntry> sorted;
  sorted.reserve(entries.size());
  for (const auto& [key, index] : keys) sorted.push_back(std::move(entries[index]));
  entries = std::move(sorted);
}

audit::AuditEvent ChangeEvent(const trust::Actor& actor, audit::Action action,
                              std::int64_t entry_id) {
  return trust::accounts::AdminAuditEvent(actor, action, audit::Outcome::kAllowed, entry_id,
                                          audit::RecordType::kOrganisation);
}

}  // namespace

SupportDirectoryService::SupportDirectoryService(storage::Database& db, const base::Clock& clock,
                                                 trust::audit::AuditLog& audit,
                                                 DirectoryContent content)
    : db_(db), clock_(clock), audit_(audit), content_(std::move(content)) {}

base::Status SupportDirectoryService::RequireEditor(const trust::Actor& actor) const {
  const auto decision = trust::access::Decide(
      actor, trust::access::Permission::kEditSupportDirectory, nullptr, clock_.Now());
  if (decision.allowed) return base::Ok();
  base::Error error{.code = base::ErrorCode::kForbidden,
                    .message = "Your role does not give access to this.",
                    .detail = {},
                    .field = {}};
  if (auto status = decision.AsStatus(); !status) error = status.error();
  return std::unexpected(trust::accounts::AuditDenial(
      &audit_, actor, std::nullopt, std::move(error), audit::RecordType::kOrganisation));
}

base::Result<DirectoryFingerprint> SupportDirectoryService::Fingerprint(
    const trust::Actor& actor) const {
  return db_.Read([&](storage::Transaction& tx) {
    return SupportDirectoryStore::Fingerprint(tx, actor.tenant);
  });
}

base::Result<std::vector<DirectoryEntry>> SupportDirectoryService::ListVisible(
    const trust::Actor& actor) const {
  auto all = db_.Read(
      [&](storage::Transaction& tx) { return SupportDirectoryStore::ListAll(tx, actor.tenant); });
  if (!all) return std::unexpected(all.error());
  std::erase_if(*all, [](const DirectoryEntry& entry) { return !entry.visible; });
  SortForReaders(*all);
  return std::move(*all);
}

base::Result<DirectoryEntry> SupportDirectoryService::GetVisible(const trust::Actor& actor,
                                                                 std::string_view public_id) const {
  if (!base::IsPublicId(public_id)) return NoSuchEntry();
  auto found = db_.Read([&](storage::Transaction& tx) {
    return SupportDirectoryStore::FindByPublicId(tx, actor.tenant, public_id);
  });
  if (!found) return std::unexpected(found.error());
  if (!*found || !(*found)->visible) return NoSuchEntry();
  return std::move(**found);
}

base::Result<std::vector<DirectoryEntry>> SupportDirectoryService::ListForEditing(
    const trust::Actor& actor) const {
  if (auto ok = RequireEditor(actor); !ok) return std::unexpected(ok.error());
  auto all = db_.Read(
      [&](storage::Transaction& tx) { return SupportDirectoryStore::ListAll(tx, actor.tenant); });
  if (!all) return std::unexpected(all.error());
  SortForReaders(*all);
  return std::move(*all);
}

base::Result<DirectoryEntry> SupportDirectoryService::GetForEditing(
    const trust::Actor& actor, std::string_view public_id) const {
  if (auto ok = RequireEditor(actor); !ok) return std::unexpected(ok.error());
  if (!base::IsPublicId(public_id)) return NoSuchEntry();
  auto found = db_.Read([&](storage::Transaction& tx) {
    return SupportDirectoryStore::FindByPublicId(tx, actor.tenant, public_id);
  });
  if (!found) return std::unexpected(found.error());
  if (!*found) return NoSuchEntry();
  return std::move(**found);
}

base::Result<Saved> SupportDirectoryService::Create(const trust::Actor& actor, EntryDraft draft) {
  if (auto ok = RequireEditor(actor); !ok) return std::unexpected(ok.error());
  draft = Normalised(std::move(draft));
  Saved saved;
  saved.problems = CheckDraft(draft, content_.languages);
  if (!saved.ok()) return saved;
  DirectoryEntry entry;
  entry.id = base::NewRowId();
  entry.public_id = base::NewPublicId();
  entry.draft = std::move(draft);
  entry.visible = true;
  entry.version = 1;
  entry.updated_at = base::ToUnixMicros(clock_.Now());
  auto written = db_.Write([&](storage::Transaction& tx) -> base::Status {
    if (auto ok = SupportDirectoryStore::Insert(tx, actor.tenant, entry, entry.updated_at); !ok) {
      return ok;
    }
    auto logged =
        audit_.AppendInTransaction(tx, ChangeEvent(actor, audit::Action::kCreate, entry.id));
    if (!logged) return std::unexpected(logged.error());
    return base::Ok();
  });
  if (!written) return std::unexpected(written.error());
  saved.entry = std::move(entry);
  return saved;
}

base::Result<Saved> SupportDirectoryService::Update(const trust::Actor& actor,
                                                    std::string_view public_id, EntryDraft draft,
                                                    std::int64_t expected_version) {
  if (auto ok = RequireEditor(actor); !ok) return std::unexpected(ok.error());
  if (!base::IsPublicId(public_id)) return NoSuchEntry();
  draft = Normalised(std::move(draft));
  Saved saved;
  saved.problems = CheckDraft(draft, content_.languages);
  if (!saved.ok()) return saved;
  const std::int64_t now = base::ToUnixMicros(clock_.Now());
  auto written = db_.Write([&](storage::Transaction& tx) -> base::Result<DirectoryEntry> {
    auto found = SupportDirectoryStore::FindByPublicId(tx, actor.tenant, public_id);
    if (!found) return std::unexpected(found.error());
    if (!*found) return NoSuchEntry();
    DirectoryEntry entry = std::move(**found);
    if (auto ok =
            SupportDirectoryStore::Update(tx, actor.tenant, entry.id, draft, expected_version, now);
        !ok) {
      return std::unexpected(ok.error());
    }
    auto logged =
        audit_.AppendInTransaction(tx, ChangeEvent(actor, audit::Action::kUpdate, entry.id));
    if (!logged) return std::unexpected(logged.error());
    entry.draft = draft;
    entry.version = expected_version + 1;
    entry.updated_at = now;
    return entry;
  });
  if (!written) return std::unexpected(written.error());
  saved.entry = std::move(*written);
  return saved;
}

base::Result<DirectoryEntry> SupportDirectoryService::SetVisible(const trust::Actor& actor,
                                                                 std::string_view public_id,
                                                                 bool visible,
                                                                 std::int64_t expected_version) {
  if (auto ok = RequireEditor(actor); !ok) return std::unexpected(ok.error());
  if (!base::IsPublicId(public_id)) return NoSuchEntry();
  const std::int64_t now = base::ToUnixMicros(clock_.Now());
  return db_.Write([&](storage::Transaction& tx) -> base::Result<DirectoryEntry> {
    auto found = SupportDirectoryStore::FindByPublicId(tx, actor.tenant, public_id);
    if (!found) return std::unexpected(found.error());
    if (!*found) return NoSuchEntry();
    DirectoryEntry entry = std::move(**found);
    if (auto ok = SupportDirectoryStore::SetVisible(tx, actor.tenant, entry.id, visible,
                                                    expected_version, now);
        !ok) {
      return std::unexpected(ok.error());
    }
    auto logged =
        audit_.AppendInTransaction(tx, ChangeEvent(actor, audit::Action::kUpdate, entry.id));
    if (!logged) return std::unexpected(logged.error());
    entry.visible = visible;
    entry.version = expected_version + 1;
    entry.updated_at = now;
    return entry;
  });
}

base::Result<int> SupportDirectoryService::SeedIfEmpty(const trust::Actor& actor) {
  const std::int64_t now = base::ToUnixMicros(clock_.Now());
  return db_.Write([&](storage::Transaction& tx) -> base::Result<int> {
    auto count = SupportDirectoryStore::Count(tx, actor.tenant);
    if (!count) return std::unexpected(count.error());
    if (*count > 0) return 0;
    int written = 0;
    for (const ContentEntry& content : content_.entries) {
      DirectoryEntry entry;
      entry.id = base::NewRowId();
      entry.public_id = base::NewPublicId();
      entry.entry_key = content.key;
      entry.draft = content.draft;
      if (auto ok = SupportDirectoryStore::Insert(tx, actor.tenant, entry, now); !ok) {
        return std::unexpected(ok.error());
      }
      ++written;
    }
    // One entry per seeded row would be the same configuration change many times; the chain
    // records that the directory was seeded, by whom, once.
    auto logged = audit_.AppendInTransaction(
        tx,
        trust::accounts::AdminAuditEvent(actor, audit::Action::kCreate, audit::Outcome::kAllowed,
                                         std::nullopt, audit::RecordType::kOrganisation));
    if (!logged) return std::unexpected(logged.error());
    return written;
  });
}

}  // namespace fyren::support_directory
