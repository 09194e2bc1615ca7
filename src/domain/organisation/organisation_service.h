#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "domain/organisation/organisation.h"
#include "domain/organisation/organisation_store.h"
#include "storage/database.h"
#include "trust/actor.h"

namespace fyren::organisation {

// A page of organisations for the API's cursor pagination. `next_cursor` is empty on the last
// page; cursors are opaque to clients.
struct OrganisationPage {
  std::vector<Organisation> items;
  std::string next_cursor;
};

// The tenant's organisation tree. The tree itself (names, kinds, structure) is public
// information about the municipality, so reading it is allowed for every actor of the tenant,
// including the anonymous public; it holds no personal data and is therefore not audited.
// Thread-safe: holds only a reference to the database.
class OrganisationService {
 public:
  explicit OrganisationService(storage::Database& db) : db_(db) {}

  // The tenant a server is configured for (tenant.slug), looked up once at start. No actor: this
  // is configuration, not a user's request. kNotFound when there is no such tenant.
  [[nodiscard]] base::Result<Tenant> FindTenant(std::string_view slug) const;

  // All organisations of the actor's tenant in tree order: each parent before its children,
  // siblings by Swedish name. kUnavailable when the database cannot be reached.
  [[nodiscard]] base::Result<std::vector<Organisation>> ListTree(const trust::Actor& actor) const;

  // One organisation by public id. kNotFound for an unknown or malformed id.
  [[nodiscard]] base::Result<Organisation> Get(const trust::Actor& actor,
                                               std::string_view public_id) const;

  // A page ordered by public id, `limit` clamped to 1..200. A malformed cursor is kInvalidInput.
  [[nodiscard]] base::Result<OrganisationPage> List(const trust::Actor& actor,
                                                    std::string_view cursor, int limit) const;

 private:
  storage::Database& db_;
};

}  // namespace fyren::organisation
