#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/ids.h"
#include "base/result.h"
#include "domain/person/person.h"
#include "storage/database.h"

namespace fyren::person {

// A persons row as stored: sealed columns hold ciphertext (nullopt for SQL NULL). The store
// never sees plaintext of a sealed column; the service seals and opens.
struct StoredPerson {
  PersonId id;
  std::string public_id;
  base::OrganisationId owning_authority;
  IdentityKind identity_kind = IdentityKind::kAlias;
  std::optional<std::string> identity_number;
  std::optional<std::string> identity_blind_index;
  std::optional<std::string> given_name;
  std::optional<std::string> family_name;
  std::optional<std::string> alias;
  std::optional<int> birth_year;
  Gender gender = Gender::kNotStated;
  std::optional<std::string> languages;
  bool interpreter_needed = false;
  bool protected_identity = false;
  std::optional<std::string> phone;
  std::optional<std::string> email;
  std::optional<std::string> address;
  std::int64_t created_by = 0;
  std::int64_t version = 1;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// A person with what the access policy needs to know about one user's relation to it.
struct PersonForUser {
  StoredPerson person;
  bool on_team = false;
  bool named_for_protected = false;
  std::optional<std::int64_t> grant_expires_at;  // the latest unexpired emergency grant
};

// A user found by user name, with the authority above their unit.
struct StaffUser {
  std::int64_t user_id = 0;
  base::OrganisationId unit;
  std::optional<base::OrganisationId> authority;
  std::vector<std::string> roles;
};

struct NewGrant {
  std::int64_t grant_id = 0;
  PersonId person;
  std::int64_t user_id = 0;
  EmergencyReason reason = EmergencyReason::kOther;
  std::string sealed_reason_text;
  std::int64_t granted_at = 0;
  std::int64_t expires_at = 0;
};

// SQL for persons, person_staff and emergency_access_grants (migrations/*/0005_persons.sql).
// Every function runs in the caller's transaction and is scoped by tenant; none decides access.
// Failures: database errors pass through; a duplicate identity number in one authority is
// kConflict (unique index persons_identity).
class PersonStore {
 public:
  [[nodiscard]] static base::Status Insert(storage::Transaction& tx, base::TenantId tenant,
                                           const StoredPerson& person);
  // Replaces the editable columns when the stored version is `expected_version`, and bumps it.
  // kConflict when the version moved on (storage/optimistic.h).
  [[nodiscard]] static base::Status Update(storage::Transaction& tx, base::TenantId tenant,
                                           const StoredPerson& person,
                                           std::int64_t expected_version, std::int64_t now_us);

  // For a store that reads a person beside its own row in one statement (ExitCaseStore): the
  // columns FindForUser reads, of persons aliased `p`, for user $3 at time $4, and the join that
  // brings the staff row (alias `s`). ForUserFromRow reads a row whose first columns are these.
  static const std::string_view kForUserColumns;
  // kForUserColumns with every sealed field read as NULL (empty in the result): for a reader that
  // only decides access to the person and audits it.
  static const std::string_view kForUserAccessColumns;
  static const std::string_view kForUserStaffJoin;
  [[nodiscard]] static base::Result<PersonForUser> ForUserFromRow(const storage::Row& row);

  // One person by public id, with `user_id`'s staff row and unexpired grant (at `now_us`), in one
  // statement. nullopt when there is no such person in the tenant.
  [[nodiscard]] static base::Result<std::optional<PersonForUser>> FindForUser(
      storage::Transaction& tx, base::TenantId tenant, std::string_view public_id,
      std::int64_t user_id, std::int64_t now_us);
  // The persons of `authority` whose identity blind index is `blind_index` (normally 0 or 1).
  [[nodiscard]] static base::Result<std::vector<PersonForUser>> FindByBlindIndex(
      storage::Transaction& tx, base::TenantId tenant, base::OrganisationId authority,
      std::string_view blind_index, std::int64_t user_id, std::int64_t now_us);
  // Persons of `authority` on whose case team `user_id` is, protected identities left out,
  // newest first, at most `limit`.
  [[nodiscard]] static base::Result<std::vector<StoredPerson>> ListOnTeam(
      storage::Transaction& tx, base::TenantId tenant, base::OrganisationId authority,
      std::int64_t user_id, int limit);

  [[nodiscard]] static base::Result<std::vector<TeamMember>> ListStaff(storage::Transaction& tx,
                                                                       base::TenantId tenant,
                                                                       PersonId person);
  // Adds or replaces `user_id`'s staff row.
  [[nodiscard]] static base::Status PutStaff(storage::Transaction& tx, base::TenantId tenant,
                                             PersonId person, std::int64_t user_id, bool on_team,
                                             bool named_for_protected, std::int64_t added_by,
                                             std::int64_t now_us);
  // Returns whether a row was removed.
  [[nodiscard]] static base::Result<bool> RemoveStaff(storage::Transaction& tx,
                                                      base::TenantId tenant, PersonId person,
                                                      std::int64_t user_id);
  [[nodiscard]] static base::Result<std::int64_t> CountTeam(storage::Transaction& tx,
                                                            base::TenantId tenant, PersonId person);

  // An active user by user name (already normalised), with their unit's authority.
  [[nodiscard]] static base::Result<std::optional<StaffUser>> FindActiveUser(
      storage::Transaction& tx, base::TenantId tenant, std::string_view username);

  // How many persons the tenant has (the demo loader runs only on an empty register).
  [[nodiscard]] static base::Result<std::int64_t> CountPersons(storage::Transaction& tx,
                                                               base::TenantId tenant);

  [[nodiscard]] static base::Status InsertGrant(storage::Transaction& tx, base::TenantId tenant,
                                                const NewGrant& grant);
};

}  // namespace fyren::person
