#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "domain/organisation/organisation.h"
#include "domain/organisation/organisation_store.h"
#include "storage/database.h"
#include "trust/actor.h"
#include "trust/audit/audit_log.h"

namespace fyren::organisation {

// A page of organisations for the API's cursor pagination. `next_cursor` is empty on the last
// page; cursors are opaque to clients.
struct OrganisationPage {
  std::vector<Organisation> items;
  std::string next_cursor;
};

// A unit to create (issue 3, item 2). `parent_public_id` names an organisation within the
// administrator's scope; `name_en` may be empty (then it is the Swedish name); `code` is unique in
// the tenant and is upper-cased.
struct NewUnit {
  std::string parent_public_id;
  std::string name_sv;
  std::string name_en;
  std::string code;
  OrganisationKind kind = OrganisationKind::kUnit;
};

// New names for a unit and the version the administrator saw.
struct UnitRename {
  std::string name_sv;
  std::string name_en;  // empty: the Swedish name
  std::int64_t expected_version = 0;
};

// The tenant's organisation tree. The tree itself (names, kinds, structure) is public
// information about the municipality, so reading it is allowed for every actor of the tenant,
// including the anonymous public; it holds no personal data and is therefore not audited.
//
// Administrators change it (CreateUnit, Rename): an authority administrator within their own
// authority, a system administrator within any authority of the tenant (permission
// manage_organisation, trust/accounts/user_admin_rules.h). Each change is appended to the audit
// log in its own transaction (record type organisation); denials are appended too. Anything
// outside the actor's scope is kNotFound, like a missing record. Bad input is kInvalidInput with
// `field` and an AdminProblem code in `detail`.
//
// Thread-safe: holds only references. A service built without a clock and audit log is
// read-only: its writes fail with kInternal (a wiring mistake, not a user's).
class OrganisationService {
 public:
  explicit OrganisationService(storage::Database& db) : db_(db) {}
  OrganisationService(storage::Database& db, const base::Clock& clock,
                      trust::audit::AuditLog& audit)
      : db_(db), clock_(&clock), audit_(&audit) {}

  // The tenant a server is configured for (tenant.slug), looked up once at start. No actor: this
  // is configuration, not a user's request. kNotFound when there is no such tenant.
  [[nodiscard]] base::Result<Tenant> FindTenant(std::string_view slug) const;

  // All organisations of the actor's tenant in tree order: each parent before its children,
  // siblings by Swedish name. kUnavailable when the database cannot be reached.
  [[nodiscard]] base::Result<std::vector<Organisation>> ListTree(const trust::Actor& actor) const;

  // The fingerprint of the actor's tenant's tree (organisation.h): one small query, for pages
  // that cache what they render from ListTree.
  [[nodiscard]] base::Result<TreeFingerprint> Fingerprint(const trust::Actor& actor) const;

  // One organisation by public id. kNotFound for an unknown or malformed id.
  [[nodiscard]] base::Result<Organisation> Get(const trust::Actor& actor,
                                               std::string_view public_id) const;

  // A page ordered by public id, `limit` clamped to 1..200. A malformed cursor is kInvalidInput.
  [[nodiscard]] base::Result<OrganisationPage> List(const trust::Actor& actor,
                                                    std::string_view cursor, int limit) const;

  // The part of the tree the actor administers, in tree order (the authority first, depth
  // relative to it): one authority for an authority administrator, every authority for a system
  // administrator. Partners are left out. kForbidden for anyone else (audited).
  [[nodiscard]] base::Result<std::vector<Organisation>> ManagedTree(
      const trust::Actor& actor) const;

  // Creates a unit, department or company under `unit.parent_public_id`. Field errors: parent
  // (unknown_parent: missing or outside the scope), kind (bad_kind), name_sv / name_en
  // (unit_name_missing, unit_name_too_long, unit_name_taken: a sibling has the Swedish name),
  // code (bad_unit_code, unit_code_taken).
  [[nodiscard]] base::Result<Organisation> CreateUnit(const trust::Actor& actor,
                                                      const NewUnit& unit);

  // Renames a unit, department or company. kNotFound for an unknown id, one outside the scope,
  // and authorities and partners (they come from the import); kConflict when it changed since
  // `rename.expected_version`; name field errors as for CreateUnit.
  [[nodiscard]] base::Result<Organisation> Rename(const trust::Actor& actor,
                                                  std::string_view public_id,
                                                  const UnitRename& rename);

 private:
  storage::Database& db_;
  const base::Clock* clock_ = nullptr;
  trust::audit::AuditLog* audit_ = nullptr;
};

}  // namespace fyren::organisation
