#include "domain/organisation/organisation_service.h"

#include <algorithm>
#include <map>

#include "base/random.h"
#include "base/swedish_order.h"
#include "domain/organisation/unit_rules.h"
#include "trust/accounts/user_admin_lookup.h"
#include "trust/accounts/user_admin_rules.h"

namespace fyren::organisation {
namespace {

constexpr int kMaxPageSize = 200;

// Parents before children, siblings by Swedish name; depth filled in. Organisations whose parent
// is missing (which the foreign key prevents) are treated as roots rather than dropped.
std::vector<Organisation> InTreeOrder(std::vector<Organisation> all) {
  std::map<std::int64_t, std::vector<std::size_t>> children;
  std::vector<std::size_t> roots;
  std::map<std::int64_t, std::size_t> index_of;
  for (std::size_t i = 0; i < all.size(); ++i) index_of[all[i].id.value()] = i;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto& parent = all[i].parent;
    if (parent && index_of.contains(parent->value())) {
      children[parent->value()].push_back(i);
    } else {
      roots.push_back(i);
    }
  }
  std::vector<std::string> keys(all.size());
  for (std::size_t i = 0; i < all.size(); ++i) keys[i] = base::SwedishSortKey(all[i].name_sv);
  const auto by_name = [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; };
  std::sort(roots.begin(), roots.end(), by_name);
  for (auto& [parent, list] : children) std::sort(list.begin(), list.end(), by_name);

  std::vector<Organisation> ordered;
  ordered.reserve(all.size());
  // Iterative depth-first walk; the tree is shallow but its input comes from the database.
  std::vector<std::pair<std::size_t, int>> stack;
  for (auto it = roots.rbegin(); it != roots.rend(); ++it) stack.emplace_back(*it, 0);
  std::vector<bool> visited(all.size(), false);
  while (!stack.empty()) {
    const auto [index, depth] = stack.back();
    stack.pop_back();
    if (visited[index]) continue;
    visited[index] = true;
    Organisation org = std::move(all[index]);
    org.depth = depth;
    const std::int64_t id = org.id.value();
    ordered.push_back(std::move(org));
    if (const auto found = children.find(id); found != children.end()) {
      for (auto it = found->second.rbegin(); it != found->second.rend(); ++it) {
        stack.emplace_back(*it, depth + 1);
      }
    }
  }
  return ordered;
}

using trust::accounts::AdminProblem;
using trust::accounts::AdminScope;
using trust::accounts::Refuse;

std::unexpected<base::Error> NoSuchUnit() {
  return base::Fail(base::ErrorCode::kNotFound, "No such unit.");
}

std::unexpected<base::Error> ReadOnly() {
  return base::Fail(base::ErrorCode::kInternal, "The organisation tree cannot be changed here.",
                    "OrganisationService built without clock and audit log");
}

// Whether `scope` covers organisation `id`. Only what lies within an authority is administered
// here, also by a system administrator: partners are outside the municipality.
bool InScope(const AdminScope& scope, const AuthorityMap& authorities, base::OrganisationId id) {
  const auto found = authorities.find(id.value());
  return found != authorities.end() && trust::accounts::Covers(scope, found->second);
}

// The name checks shared by CreateUnit and Rename; `name_en` may be empty.
base::Status CheckNames(std::string_view name_sv, std::string_view name_en) {
  switch (CheckName(name_sv)) {
    case NameProblem::kMissing:
      return Refuse("name_sv", AdminProblem::kUnitNameMissing);
    case NameProblem::kTooLong:
      return Refuse("name_sv", AdminProblem::kUnitNameTooLong);
    case NameProblem::kNone:
      break;
  }
  if (Trimmed(name_en).empty()) return base::Ok();
  switch (CheckName(name_en)) {
    case NameProblem::kMissing:
      return Refuse("name_en", AdminProblem::kUnitNameMissing);
    case NameProblem::kTooLong:
      return Refuse("name_en", AdminProblem::kUnitNameTooLong);
    case NameProblem::kNone:
      break;
  }
  return base::Ok();
}

std::string EnglishOr(std::string_view name_en, const std::string& name_sv) {
  std::string trimmed = Trimmed(name_en);
  return trimmed.empty() ? name_sv : trimmed;
}

}  // namespace

base::Result<Tenant> OrganisationService::FindTenant(std::string_view slug) const {
  auto found = db_.Read(
      [&](storage::Transaction& tx) { return OrganisationStore::FindTenantBySlug(tx, slug); });
  if (!found) return std::unexpected(found.error());
  if (!*found) return base::Fail(base::ErrorCode::kNotFound, "No such tenant.");
  return std::move(**found);
}

base::Result<std::vector<Organisation>> OrganisationService::ListTree(
    const trust::Actor& actor) const {
  auto all = db_.Read(
      [&](storage::Transaction& tx) { return OrganisationStore::ListAll(tx, actor.tenant); });
  if (!all) return std::unexpected(all.error());
  return InTreeOrder(std::move(*all));
}

base::Result<TreeFingerprint> OrganisationService::Fingerprint(const trust::Actor& actor) const {
  return db_.Read(
      [&](storage::Transaction& tx) { return OrganisationStore::Fingerprint(tx, actor.tenant); });
}

base::Result<Organisation> OrganisationService::Get(const trust::Actor& actor,
                                                    std::string_view public_id) const {
  if (!base::IsPublicId(public_id)) {
    return base::Fail(base::ErrorCode::kNotFound, "No such organisation.");
  }
  auto found = db_.Read([&](storage::Transaction& tx) {
    return OrganisationStore::FindByPublicId(tx, actor.tenant, public_id);
  });
  if (!found) return std::unexpected(found.error());
  if (!*found) return base::Fail(base::ErrorCode::kNotFound, "No such organisation.");
  return std::move(**found);
}

base::Result<OrganisationPage> OrganisationService::List(const trust::Actor& actor,
                                                         std::string_view cursor, int limit) const {
  // The cursor is the last public id of the previous page; public ids are opaque, random and of
  // one fixed shape, so anything else is a tampered cursor.
  if (!cursor.empty() && !base::IsPublicId(cursor)) {
    return base::FailField("cursor", "The cursor is not valid. Start again from the first page.");
  }
  const int page_size = std::clamp(limit, 1, kMaxPageSize);
  auto items = db_.Read([&](storage::Transaction& tx) {
    // One extra row tells whether another page follows.
    return OrganisationStore::ListAfter(tx, actor.tenant, cursor, page_size + 1);
  });
  if (!items) return std::unexpected(items.error());
  OrganisationPage page;
  if (static_cast<int>(items->size()) > page_size) {
    items->resize(static_cast<std::size_t>(page_size));
    page.next_cursor = items->back().public_id;
  }
  page.items = std::move(*items);
  return page;
}

base::Result<std::vector<Organisation>> OrganisationService::ManagedTree(
    const trust::Actor& actor) const {
  if (clock_ == nullptr || audit_ == nullptr) return ReadOnly();
  auto scope = trust::accounts::RequireAdminScope(
      actor, trust::access::Permission::kManageOrganisation, clock_->Now(), audit_);
  if (!scope) return std::unexpected(scope.error());
  auto all = db_.Read(
      [&](storage::Transaction& tx) { return OrganisationStore::ListAll(tx, actor.tenant); });
  if (!all) return std::unexpected(all.error());
  const AuthorityMap authorities = AuthoritiesOf(*all);
  std::vector<Organisation> managed;
  for (Organisation& org : *all) {
    if (InScope(*scope, authorities, org.id)) managed.push_back(std::move(org));
  }
  return InTreeOrder(std::move(managed));
}

base::Result<Organisation> OrganisationService::CreateUnit(const trust::Actor& actor,
                                                           const NewUnit& unit) {
  if (clock_ == nullptr || audit_ == nullptr) return ReadOnly();
  auto scope = trust::accounts::RequireAdminScope(
      actor, trust::access::Permission::kManageOrganisation, clock_->Now(), audit_);
  if (!scope) return std::unexpected(scope.error());
  if (!IsAdministeredKind(unit.kind)) return Refuse("kind", AdminProblem::kBadKind);
  if (auto ok = CheckNames(unit.name_sv, unit.name_en); !ok) return std::unexpected(ok.error());
  const auto code = NormaliseCode(unit.code);
  if (!code) return Refuse("code", AdminProblem::kBadUnitCode);

  // Set when the parent exists but lies outside the scope: a denial, recorded as one.
  bool denied = false;
  auto created = db_.Write([&](storage::Transaction& tx) -> base::Result<Organisation> {
    auto all = OrganisationStore::ListAll(tx, actor.tenant);
    if (!all) return std::unexpected(all.error());
    const auto parent = std::ranges::find(*all, unit.parent_public_id, &Organisation::public_id);
    if (parent == all->end()) return Refuse("parent", AdminProblem::kUnknownParent);
    if (!InScope(*scope, AuthoritiesOf(*all), parent->id)) {
      denied = true;
      return Refuse("parent", AdminProblem::kUnknownParent);
    }
    Organisation org;
    org.id = base::OrganisationId(base::NewRowId());
    org.public_id = base::NewPublicId();
    org.parent = parent->id;
    org.parent_public_id = parent->public_id;
    org.kind = unit.kind;
    org.code = *code;
    org.name_sv = Trimmed(unit.name_sv);
    org.name_en = EnglishOr(unit.name_en, org.name_sv);
    if (SiblingHasName(*all, parent->id, org.name_sv, std::nullopt)) {
      return Refuse("name_sv", AdminProblem::kUnitNameTaken);
    }
    if (std::ranges::find(*all, org.code, &Organisation::code) != all->end()) {
      return Refuse("code", AdminProblem::kUnitCodeTaken);
    }
    const std::int64_t now = base::ToUnixMicros(clock_->Now());
    if (auto ok = OrganisationStore::Insert(tx, actor.tenant, org, now); !ok) {
      // Another administrator took the code between the check and the insert.
      if (ok.error().code == base::ErrorCode::kConflict) {
        return Refuse("code", AdminProblem::kUnitCodeTaken);
      }
      return std::unexpected(ok.error());
    }
    auto logged = audit_->AppendInTransaction(
        tx, trust::accounts::AdminAuditEvent(actor, trust::audit::Action::kCreate,
                                             trust::audit::Outcome::kAllowed, org.id.value(),
                                             trust::audit::RecordType::kOrganisation));
    if (!logged) return std::unexpected(logged.error());
    return org;
  });
  if (!created && denied) {
    return std::unexpected(trust::accounts::AuditDenial(
        audit_, actor, std::nullopt, created.error(), trust::audit::RecordType::kOrganisation));
  }
  return created;
}

base::Result<Organisation> OrganisationService::Rename(const trust::Actor& actor,
                                                       std::string_view public_id,
                                                       const UnitRename& rename) {
  if (clock_ == nullptr || audit_ == nullptr) return ReadOnly();
  auto scope = trust::accounts::RequireAdminScope(
      actor, trust::access::Permission::kManageOrganisation, clock_->Now(), audit_);
  if (!scope) return std::unexpected(scope.error());
  auto renamed = db_.Write([&](storage::Transaction& tx) -> base::Result<Organisation> {
    // The scope is checked before the input, so a unit outside it answers "not found" whatever
    // was sent.
    auto all = OrganisationStore::ListAll(tx, actor.tenant);
    if (!all) return std::unexpected(all.error());
    const auto found = std::ranges::find(*all, public_id, &Organisation::public_id);
    if (found == all->end() || !IsAdministeredKind(found->kind) ||
        !InScope(*scope, AuthoritiesOf(*all), found->id)) {
      return NoSuchUnit();
    }
    if (auto ok = CheckNames(rename.name_sv, rename.name_en); !ok) {
      return std::unexpected(ok.error());
    }
    Organisation org = *found;
    org.name_sv = Trimmed(rename.name_sv);
    org.name_en = EnglishOr(rename.name_en, org.name_sv);
    if (org.parent && SiblingHasName(*all, *org.parent, org.name_sv, org.id)) {
      return Refuse("name_sv", AdminProblem::kUnitNameTaken);
    }
    const std::int64_t now = base::ToUnixMicros(clock_->Now());
    if (auto ok = OrganisationStore::UpdateNames(tx, actor.tenant, org.id, org.name_sv, org.name_en,
                                                 rename.expected_version, now);
        !ok) {
      return std::unexpected(ok.error());
    }
    auto logged = audit_->AppendInTransaction(
        tx, trust::accounts::AdminAuditEvent(actor, trust::audit::Action::kUpdate,
                                             trust::audit::Outcome::kAllowed, org.id.value(),
                                             trust::audit::RecordType::kOrganisation));
    if (!logged) return std::unexpected(logged.error());
    org.version = rename.expected_version + 1;
    return org;
  });
  if (!renamed && renamed.error().code == base::ErrorCode::kNotFound) {
    return std::unexpected(trust::accounts::AuditDenial(
        audit_, actor, std::nullopt, renamed.error(), trust::audit::RecordType::kOrganisation));
  }
  return renamed;
}

}  // namespace fyren::organisation
