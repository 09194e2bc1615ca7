#include "domain/person/person_store.h"

#include "storage/optimistic.h"

namespace fyren::person {
namespace {

using storage::BlobView;
using storage::OptionalBlob;
using storage::Param;

#define FYREN_PERSON_COLUMNS                                                               \
  "p.person_id, p.public_id, p.owning_authority_id, p.identity_kind, p.identity_number, "  \
  "p.identity_blind_index, p.given_name, p.family_name, p.alias, p.birth_year, p.gender, " \
  "p.languages, p.interpreter_needed, p.protected_identity, p.phone, p.email, p.address, " \
  "p.created_by, p.version, p.created_at, p.updated_at"
constexpr std::size_t kPersonColumnCount = 21;

// The staff row and the latest unexpired grant of user $3 at time $4, beside the person.
#define FYREN_FOR_USER_TAIL                                                                   \
  ", s.on_team, s.named_for_protected, "                                                      \
  "(SELECT MAX(g.expires_at) FROM emergency_access_grants g WHERE g.tenant_id = p.tenant_id " \
  "AND g.person_id = p.person_id AND g.user_id = $3 AND g.expires_at > $4)"
#define FYREN_FOR_USER_COLUMNS FYREN_PERSON_COLUMNS FYREN_FOR_USER_TAIL
// The same columns with every sealed field (identity number and blind index, names, alias,
// languages, contact details) read as NULL: what deciding access and auditing it need.
#define FYREN_FOR_USER_ACCESS_COLUMNS                                                          \
  "p.person_id, p.public_id, p.owning_authority_id, p.identity_kind, NULL, NULL, NULL, NULL, " \
  "NULL, p.birth_year, p.gender, NULL, p.interpreter_needed, p.protected_identity, NULL, "     \
  "NULL, NULL, p.created_by, p.version, p.created_at, p.updated_at" FYREN_FOR_USER_TAIL
#define FYREN_FOR_USER_STAFF_JOIN                           \
  " LEFT JOIN person_staff s ON s.tenant_id = p.tenant_id " \
  "AND s.person_id = p.person_id AND s.user_id = $3 "
#define FYREN_FOR_USER "SELECT " FYREN_FOR_USER_COLUMNS " FROM persons p" FYREN_FOR_USER_STAFF_JOIN

constexpr std::string_view kFindForUser =
    FYREN_FOR_USER "WHERE p.tenant_id = $1 AND p.public_id = $2";

constexpr std::string_view kFindByBlindIndex = FYREN_FOR_USER
    "WHERE p.tenant_id = $1 AND p.owning_authority_id = $5 AND p.identity_blind_index = $2";

constexpr std::string_view kListOnTeam =
    "SELECT " FYREN_PERSON_COLUMNS
    " FROM persons p JOIN person_staff s ON s.tenant_id = p.tenant_id "
    "AND s.person_id = p.person_id AND s.user_id = $3 AND s.on_team = 1 "
    "WHERE p.tenant_id = $1 AND p.owning_authority_id = $2 AND p.protected_identity = 0 "
    "ORDER BY p.created_at DESC, p.person_id DESC LIMIT $4";

#undef FYREN_FOR_USER

constexpr std::string_view kInsert =
    "INSERT INTO persons (tenant_id, person_id, public_id, owning_authority_id, identity_kind, "
    "identity_number, identity_blind_index, given_name, family_name, alias, birth_year, gender, "
    "languages, interpreter_needed, protected_identity, phone, email, address, created_by, "
    "version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
    "$13, $14, $15, $16, $17, $18, $19, 1, $20, $20)";

constexpr std::string_view kUpdate =
    "UPDATE persons SET given_name = $3, family_name = $4, alias = $5, birth_year = $6, "
    "gender = $7, languages = $8, interpreter_needed = $9, protected_identity = $10, phone = $11, "
    "email = $12, address = $13, updated_at = $14, version = version + 1 "
    "WHERE tenant_id = $1 AND person_id = $2 AND version = $15";

constexpr std::string_view kListStaff =
    "SELECT u.username, u.display_name, s.on_team, s.named_for_protected FROM person_staff s "
    "JOIN users u ON u.tenant_id = s.tenant_id AND u.user_id = s.user_id "
    "WHERE s.tenant_id = $1 AND s.person_id = $2 ORDER BY u.display_name, u.username";

constexpr std::string_view kPutStaff =
    "INSERT INTO person_staff (tenant_id, person_id, user_id, on_team, named_for_protected, "
    "added_by, added_at) VALUES ($1, $2, $3, $4, $5, $6, $7) "
    "ON CONFLICT (tenant_id, person_id, user_id) DO UPDATE SET on_team = excluded.on_team, "
    "named_for_protected = excluded.named_for_protected";

constexpr std::string_view kRemoveStaff =
    "DELETE FROM person_staff WHERE tenant_id = $1 AND person_id = $2 AND user_id = $3";

constexpr std::string_view kCountTeam =
    "SELECT COUNT(*) FROM person_staff WHERE tenant_id = $1 AND person_id = $2 AND on_team = 1";

constexpr std::string_view kFindUser =
    "SELECT user_id, unit_id FROM users WHERE tenant_id = $1 AND username = $2 AND active = 1";

// The nearest authority above (or at) the unit; the depth bound stops a corrupt cycle.
constexpr std::string_view kAuthorityOfUnit =
    "WITH RECURSIVE up (organisation_id, parent_id, kind, depth) AS ("
    " SELECT organisation_id, parent_id, kind, 0 FROM organisations"
    " WHERE tenant_id = $1 AND organisation_id = $2"
    " UNION ALL"
    " SELECT o.organisation_id, o.parent_id, o.kind, up.depth + 1 FROM organisations o"
    " JOIN up ON o.tenant_id = $1 AND o.organisation_id = up.parent_id WHERE up.depth < 32)"
    " SELECT organisation_id FROM up WHERE kind = 'authority' ORDER BY depth LIMIT 1";

constexpr std::string_view kUserRoles =
    "SELECT role FROM user_roles WHERE tenant_id = $1 AND user_id = $2 ORDER BY role";

constexpr std::string_view kCountPersons = "SELECT COUNT(*) FROM persons WHERE tenant_id = $1";

constexpr std::string_view kInsertGrant =
    "INSERT INTO emergency_access_grants (tenant_id, grant_id, person_id, user_id, "
    "reason_category, reason_text, granted_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
    "$8)";

base::Result<StoredPerson> FromRow(const storage::Row& row) {
  const auto kind = ParseIdentityKind(row.Text(3));
  const auto gender = ParseGender(row.Text(10));
  if (!kind || !gender) {
    return base::Fail(
        base::ErrorCode::kInternal, "Stored person is inconsistent.",
        "unknown identity kind or gender in persons row " + std::to_string(row.Int(0)));
  }
  StoredPerson p;
  p.id = PersonId(row.Int(0));
  p.public_id = row.Text(1);
  p.owning_authority = base::OrganisationId(row.Int(2));
  p.identity_kind = *kind;
  p.identity_number = row.OptionalBytes(4);
  p.identity_blind_index = row.OptionalBytes(5);
  p.given_name = row.OptionalBytes(6);
  p.family_name = row.OptionalBytes(7);
  p.alias = row.OptionalBytes(8);
  if (const auto year = row.OptionalInt(9)) p.birth_year = static_cast<int>(*year);
  p.gender = *gender;
  p.languages = row.OptionalBytes(11);
  p.interpreter_needed = row.Int(12) != 0;
  p.protected_identity = row.Int(13) != 0;
  p.phone = row.OptionalBytes(14);
  p.email = row.OptionalBytes(15);
  p.address = row.OptionalBytes(16);
  p.created_by = row.Int(17);
  p.version = row.Int(18);
  p.created_at = row.Int(19);
  p.updated_at = row.Int(20);
  return p;
}

}  // namespace

const std::string_view PersonStore::kForUserColumns = FYREN_FOR_USER_COLUMNS;
const std::string_view PersonStore::kForUserAccessColumns = FYREN_FOR_USER_ACCESS_COLUMNS;
const std::string_view PersonStore::kForUserStaffJoin = FYREN_FOR_USER_STAFF_JOIN;

base::Result<PersonForUser> PersonStore::ForUserFromRow(const storage::Row& row) {
  auto person = FromRow(row);
  if (!person) return std::unexpected(person.error());
  constexpr std::size_t k = kPersonColumnCount;
  return PersonForUser{.person = std::move(*person),
                       .on_team = row.OptionalInt(k).value_or(0) != 0,
                       .named_for_protected = row.OptionalInt(k + 1).value_or(0) != 0,
                       .grant_expires_at = row.OptionalInt(k + 2)};
}

#undef FYREN_FOR_USER_COLUMNS
#undef FYREN_FOR_USER_ACCESS_COLUMNS
#undef FYREN_FOR_USER_TAIL
#undef FYREN_FOR_USER_STAFF_JOIN
#undef FYREN_PERSON_COLUMNS

base::Status PersonStore::Insert(storage::Transaction& tx, base::TenantId tenant,
                                 const StoredPerson& p) {
  auto done = tx.Execute(kInsert, {tenant.value(),
                                   p.id.value(),
                                   p.public_id,
                                   p.owning_authority.value(),
                                   ToString(p.identity_kind),
                                   OptionalBlob(p.identity_number),
                                   OptionalBlob(p.identity_blind_index),
                                   OptionalBlob(p.given_name),
                                   OptionalBlob(p.family_name),
                                   OptionalBlob(p.alias),
                                   p.birth_year,
                                   ToString(p.gender),
                                   OptionalBlob(p.languages),
                                   p.interpreter_needed,
                                   p.protected_identity,
                                   OptionalBlob(p.phone),
                                   OptionalBlob(p.email),
                                   OptionalBlob(p.address),
                                   p.created_by,
                                   p.created_at});
  if (!done) return std::unexpected(done.error());
  return base::Ok();
}

base::Status PersonStore::Update(storage::Transaction& tx, base::TenantId tenant,
                                 const StoredPerson& p, std::int64_t expected_version,
                                 std::int64_t now_us) {
  return storage::ExpectOneRowUpdated(tx.Execute(
      kUpdate,
      {tenant.value(), p.id.value(), OptionalBlob(p.given_name), OptionalBlob(p.family_name),
       OptionalBlob(p.alias), p.birth_year, ToString(p.gender), OptionalBlob(p.languages),
       p.interpreter_needed, p.protected_identity, OptionalBlob(p.phone), OptionalBlob(p.email),
       OptionalBlob(p.address), now_us, expected_version}));
}

base::Result<std::optional<PersonForUser>> PersonStore::FindForUser(storage::Transaction& tx,
                                                                    base::TenantId tenant,
                                                                    std::string_view public_id,
                                                                    std::int64_t user_id,
                                                                    std::int64_t now_us) {
  auto rows = tx.Query(kFindForUser, {tenant.value(), public_id, user_id, now_us});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<PersonForUser>();
  auto found = ForUserFromRow(rows->front());
  if (!found) return std::unexpected(found.error());
  return std::optional(std::move(*found));
}

base::Result<std::vector<PersonForUser>> PersonStore::FindByBlindIndex(
    storage::Transaction& tx, base::TenantId tenant, base::OrganisationId authority,
    std::string_view blind_index, std::int64_t user_id, std::int64_t now_us) {
  auto rows = tx.Query(kFindByBlindIndex,
                       {tenant.value(), BlobView{blind_index}, user_id, now_us, authority.value()});
  if (!rows) return std::unexpected(rows.error());
  std::vector<PersonForUser> out;
  for (const storage::Row& row : *rows) {
    auto found = ForUserFromRow(row);
    if (!found) return std::unexpected(found.error());
    out.push_back(std::move(*found));
  }
  return out;
}

base::Result<std::vector<StoredPerson>> PersonStore::ListOnTeam(storage::Transaction& tx,
                                                                base::TenantId tenant,
                                                                base::OrganisationId authority,
                                                                std::int64_t user_id, int limit) {
  auto rows = tx.Query(kListOnTeam, {tenant.value(), authority.value(), user_id, limit});
  if (!rows) return std::unexpected(rows.error());
  std::vector<StoredPerson> out;
  out.reserve(rows->size());
  for (const storage::Row& row : *rows) {
    auto person = FromRow(row);
    if (!person) return std::unexpected(person.error());
    out.push_back(std::move(*person));
  }
  return out;
}

base::Result<std::vector<TeamMember>> PersonStore::ListStaff(storage::Transaction& tx,
                                                             base::TenantId tenant,
                                                             PersonId person) {
  auto rows = tx.Query(kListStaff, {tenant.value(), person.value()});
  if (!rows) return std::unexpected(rows.error());
  std::vector<TeamMember> out;
  out.reserve(rows->size());
  for (const storage::Row& row : *rows) {
    out.push_back(TeamMember{.username = row.Text(0),
                             .display_name = row.Text(1),
                             .on_team = row.Int(2) != 0,
                             .named_for_protected = row.Int(3) != 0});
  }
  return out;
}

base::Status PersonStore::PutStaff(storage::Transaction& tx, base::TenantId tenant, PersonId person,
                                   std::int64_t user_id, bool on_team, bool named_for_protected,
                                   std::int64_t added_by, std::int64_t now_us) {
  auto done = tx.Execute(kPutStaff, {tenant.value(), person.value(), user_id, on_team,
                                     named_for_protected, added_by, now_us});
  if (!done) return std::unexpected(done.error());
  return base::Ok();
}

base::Result<bool> PersonStore::RemoveStaff(storage::Transaction& tx, base::TenantId tenant,
                                            PersonId person, std::int64_t user_id) {
  auto done = tx.Execute(kRemoveStaff, {tenant.value(), person.value(), user_id});
  if (!done) return std::unexpected(done.error());
  return *done > 0;
}

base::Result<std::int64_t> PersonStore::CountTeam(storage::Transaction& tx, base::TenantId tenant,
                                                  PersonId person) {
  auto rows = tx.Query(kCountTeam, {tenant.value(), person.value()});
  if (!rows) return std::unexpected(rows.error());
  return rows->front().Int(0);
}

base::Result<std::optional<StaffUser>> PersonStore::FindActiveUser(storage::Transaction& tx,
                                                                   base::TenantId tenant,
                                                                   std::string_view username) {
  auto rows = tx.Query(kFindUser, {tenant.value(), username});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<StaffUser>();
  StaffUser user{.user_id = rows->front().Int(0),
                 .unit = base::OrganisationId(rows->front().Int(1)),
                 .authority = std::nullopt,
                 .roles = {}};
  auto authority = tx.Query(kAuthorityOfUnit, {tenant.value(), rows->front().Int(1)});
  if (!authority) return std::unexpected(authority.error());
  if (!authority->empty()) user.authority = base::OrganisationId(authority->front().Int(0));
  auto roles = tx.Query(kUserRoles, {tenant.value(), user.user_id});
  if (!roles) return std::unexpected(roles.error());
  for (const storage::Row& row : *roles) user.roles.push_back(row.Text(0));
  return std::optional(std::move(user));
}

base::Result<std::int64_t> PersonStore::CountPersons(storage::Transaction& tx,
                                                     base::TenantId tenant) {
  auto rows = tx.Query(kCountPersons, {tenant.value()});
  if (!rows) return std::unexpected(rows.error());
  return rows->front().Int(0);
}

base::Status PersonStore::InsertGrant(storage::Transaction& tx, base::TenantId tenant,
                                      const NewGrant& g) {
  auto done = tx.Execute(
      kInsertGrant, {tenant.value(), g.grant_id, g.person.value(), g.user_id, ToString(g.reason),
                     BlobView{g.sealed_reason_text}, g.granted_at, g.expires_at});
  if (!done) return std::unexpected(done.error());
  return base::Ok();
}

}  // namespace fyren::person
