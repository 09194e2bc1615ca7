#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "domain/support_directory/directory_content.h"
#include "domain/support_directory/entry_rules.h"
#include "domain/support_directory/support_directory.h"
#include "storage/database.h"
#include "trust/actor.h"
#include "trust/audit/audit_log.h"

namespace fyren::support_directory {

// The outcome of an add or an edit: the saved entry, or the problems with the draft (nothing
// was written then).
struct Saved {
  std::optional<DirectoryEntry> entry;
  std::vector<FieldProblem> problems;
  [[nodiscard]] bool ok() const { return problems.empty(); }
};

// "Where to turn": the public directory of support services (issue 5, item 5).
//
// Reading the visible entries is public (Permission::kPublic): anyone, signed in or not. The
// directory holds organisation information only, no personal data, so reads are not audited.
// Adding, editing, hiding and showing entries needs Permission::kEditSupportDirectory
// (competence-centre staff); every change is appended to the audit log in its own transaction as
// a configuration change (record type organisation, purpose administration, the entry's internal
// id), and a refusal is appended as a denial. Edits use optimistic concurrency: a stale
// `expected_version` is kConflict and nothing is overwritten. A hidden entry is kNotFound to the
// public, like a missing one.
//
// Thread-safe: holds references and immutable content. `db`, `clock` and `audit` must outlive it.
class SupportDirectoryService {
 public:
  SupportDirectoryService(storage::Database& db, const base::Clock& clock,
                          trust::audit::AuditLog& audit, DirectoryContent content);

  // The spoken languages the directory knows (content/directory/languages.toml).
  [[nodiscard]] std::span<const SpokenLanguage> Languages() const { return content_.languages; }

  // The fingerprint of the actor's tenant's directory: one small query, for pages that cache.
  [[nodiscard]] base::Result<DirectoryFingerprint> Fingerprint(const trust::Actor& actor) const;

  // The visible entries: national services last, otherwise by kind and Swedish name.
  [[nodiscard]] base::Result<std::vector<DirectoryEntry>> ListVisible(
      const trust::Actor& actor) const;

  // One visible entry. kNotFound for an unknown, malformed or hidden id.
  [[nodiscard]] base::Result<DirectoryEntry> GetVisible(const trust::Actor& actor,
                                                        std::string_view public_id) const;

  // Every entry, hidden ones included, for editors. kForbidden (audited) for anyone else.
  [[nodiscard]] base::Result<std::vector<DirectoryEntry>> ListForEditing(
      const trust::Actor& actor) const;

  // One entry, hidden or not, for editors. kForbidden (audited) for others; kNotFound.
  [[nodiscard]] base::Result<DirectoryEntry> GetForEditing(const trust::Actor& actor,
                                                           std::string_view public_id) const;

  // Adds an entry (visible). Problems with the draft come back in Saved::problems.
  [[nodiscard]] base::Result<Saved> Create(const trust::Actor& actor, EntryDraft draft);

  // Replaces an entry's fields and texts. kConflict when it changed since `expected_version`.
  [[nodiscard]] base::Result<Saved> Update(const trust::Actor& actor, std::string_view public_id,
                                           EntryDraft draft, std::int64_t expected_version);

  // Shows or hides an entry. kConflict when it changed since `expected_version`.
  [[nodiscard]] base::Result<DirectoryEntry> SetVisible(const trust::Actor& actor,
                                                        std::string_view public_id, bool visible,
                                                        std::int64_t expected_version);

  // Copies the content's entries into an empty directory (first start, `fyren demo-data`); a
  // directory with any entry is left alone, so running it again is safe and staff edits are
  // never overwritten. `actor` is the server or the operator (Actor::local_operator); the seeding
  // is audited once, as a create, in the same transaction. Returns the number of entries written.
  [[nodiscard]] base::Result<int> SeedIfEmpty(const trust::Actor& actor);

 private:
  [[nodiscard]] base::Status RequireEditor(const trust::Actor& actor) const;

  storage::Database& db_;
  const base::Clock& clock_;
  trust::audit::AuditLog& audit_;
  const DirectoryContent content_;
};

}  // namespace fyren::support_directory
