#include "trust/accounts/user_admin_service.h"

#include <algorithm>

#include "trust/accounts/account_service.h"
#include "trust/accounts/account_store.h"
#include "trust/accounts/invite_store.h"
#include "trust/accounts/user_admin_lookup.h"

namespace fyren::trust::accounts {
namespace {

using access::Permission;
using base::ErrorCode;

InviteState StateOf(const std::optional<InviteRecord>& invite, base::TimePoint now) {
  if (!invite) return InviteState::kNone;
  if (invite->used_at) return InviteState::kUsed;
  if (invite->revoked_at) return InviteState::kRevoked;
  if (now >= invite->expires_at) return InviteState::kExpired;
  return InviteState::kOpen;
}

base::Result<AdminUserView> ViewOf(storage::Transaction& tx, UserRecord user, UnitInfo unit,
                                   base::TimePoint now) {
  auto invite = InviteStore::FindLatestForUser(tx, user.tenant, user.user_id);
  if (!invite) return std::unexpected(invite.error());
  return AdminUserView{.public_id = std::move(user.public_id),
                       .username = std::move(user.username),
                       .display_name = std::move(user.display_name),
                       .unit = std::move(unit),
                       .roles = std::move(user.roles),
                       .active = user.active,
                       .locked = user.locked_at.has_value(),
                       .totp_enrolled = user.totp_secret.has_value(),
                       .is_demo = user.is_demo,
                       .invite = StateOf(*invite, now),
                       .version = user.version};
}

bool Matches(const UserFilter& filter, const UserRecord& user, const UnitInfo& unit) {
  if (!filter.unit_code.empty() && unit.code != filter.unit_code) return false;
  if (filter.role && std::ranges::find(user.roles, *filter.role) == user.roles.end()) return false;
  if (filter.active && user.active != *filter.active) return false;
  return true;
}

}  // namespace

std::string_view ToString(InviteState state) {
  switch (state) {
    case InviteState::kNone:
      return "none";
    case InviteState::kOpen:
      return "open";
    case InviteState::kUsed:
      return "used";
    case InviteState::kExpired:
      return "expired";
    case InviteState::kRevoked:
      return "revoked";
  }
  return "none";
}

UserAdminService::UserAdminService(storage::Database& db, const base::Clock& clock,
                                   SecurityEventSink& events,
                                   const sessions::SessionService& sessions, audit::AuditLog* audit)
    : db_(db), clock_(clock), events_(events), sessions_(sessions), audit_(audit) {}

base::Status UserAdminService::Record(storage::Transaction& tx, const Actor& actor,
                                      SecurityEventKind kind, std::int64_t user_id,
                                      std::string_view reason) const {
  return events_.Record(tx, SecurityEvent{.kind = kind,
                                          .tenant = actor.tenant,
                                          .user_id = user_id,
                                          .actor_id = actor.user_id,
                                          .request_id = actor.request_id,
                                          .reason = std::string(reason)});
}

base::Result<std::vector<AdminUserView>> UserAdminService::List(const Actor& actor,
                                                                const UserFilter& filter) const {
  auto scope = RequireAdminScope(actor, Permission::kManageUsers, clock_.Now(), audit_);
  if (!scope) return std::unexpected(scope.error());
  auto users = db_.Read([&](storage::Transaction& tx) -> base::Result<std::vector<AdminUserView>> {
    auto all = AccountStore::ListAll(tx, actor.tenant);
    if (!all) return std::unexpected(all.error());
    std::vector<AdminUserView> out;
    for (UserRecord& user : *all) {
      auto unit = AccountStore::FindUnit(tx, actor.tenant, user.unit);
      if (!unit) return std::unexpected(unit.error());
      if (!unit->has_value() || !Covers(*scope, (*unit)->authority, user.roles)) continue;
      if (!Matches(filter, user, **unit)) continue;
      auto view = ViewOf(tx, std::move(user), std::move(**unit), clock_.Now());
      if (!view) return std::unexpected(view.error());
      out.push_back(std::move(*view));
    }
    return out;
  });
  if (!users) return users;
  if (audit_ != nullptr) {
    auto logged = audit_->Append(
        AdminAuditEvent(actor, audit::Action::kSearch, audit::Outcome::kAllowed, std::nullopt));
    if (!logged) return std::unexpected(logged.error());
  }
  return users;
}

base::Result<AdminUserView> UserAdminService::Get(const Actor& actor,
                                                  std::string_view public_id) const {
  auto scope = RequireAdminScope(actor, Permission::kManageUsers, clock_.Now(), audit_);
  if (!scope) return std::unexpected(scope.error());
  std::int64_t user_id = 0;
  auto view = db_.Read([&](storage::Transaction& tx) -> base::Result<AdminUserView> {
    auto managed = FindManagedUser(tx, *scope, actor.tenant, public_id);
    if (!managed) return std::unexpected(managed.error());
    user_id = managed->user.user_id;
    return ViewOf(tx, std::move(managed->user), std::move(managed->unit), clock_.Now());
  });
  if (!view) {
    if (view.error().code != ErrorCode::kNotFound) return view;
    return std::unexpected(AuditDenial(audit_, actor, std::nullopt, view.error()));
  }
  if (audit_ != nullptr) {
    auto logged = audit_->Append(
        AdminAuditEvent(actor, audit::Action::kRead, audit::Outcome::kAllowed, user_id));
    if (!logged) return std::unexpected(logged.error());
  }
  return view;
}

base::Result<std::vector<UnitInfo>> UserAdminService::Units(const Actor& actor) const {
  auto scope = RequireAdminScope(actor, Permission::kManageUsers, clock_.Now(), audit_);
  if (!scope) return std::unexpected(scope.error());
  return db_.Read(
      [&](storage::Transaction& tx) { return ListManagedUnits(tx, *scope, actor.tenant); });
}

base::Status UserAdminService::CheckLastAdministrator(storage::Transaction& tx, const Actor& actor,
                                                      const UserRecord& user,
                                                      std::optional<base::OrganisationId> authority,
                                                      const std::vector<Role>& remaining) const {
  if (!actor.user_id || *actor.user_id != user.user_id) return base::Ok();
  for (const Role role : {Role::kSystemAdministrator, Role::kAuthorityAdministrator}) {
    const bool held = std::ranges::find(user.roles, role) != user.roles.end();
    const bool kept = std::ranges::find(remaining, role) != remaining.end();
    if (!held || kept) continue;
    const auto within = role == Role::kSystemAdministrator ? std::nullopt : authority;
    auto others = CountOtherActiveHolders(tx, actor.tenant, role, within, user.user_id);
    if (!others) return std::unexpected(others.error());
    if (*others == 0) return Refuse("roles", AdminProblem::kLastAdministrator);
  }
  return base::Ok();
}

base::Result<AdminUserView> UserAdminService::SetRoles(const Actor& actor,
                                                       std::string_view public_id,
                                                       const RoleChange& change) {
  auto scope = RequireAdminScope(actor, Permission::kManageUsers, clock_.Now(), audit_);
  if (!scope) return std::unexpected(scope.error());
  auto view = db_.Write([&](storage::Transaction& tx) -> base::Result<AdminUserView> {
    auto managed = FindManagedUser(tx, *scope, actor.tenant, public_id);
    if (!managed) return std::unexpected(managed.error());
    auto roles = CheckRoleGrant(*scope, change.roles);
    if (!roles) return std::unexpected(roles.error());
    if (auto ok = CheckLastAdministrator(tx, actor, managed->user, managed->unit.authority, *roles);
        !ok) {
      return std::unexpected(ok.error());
    }
    const auto now = clock_.Now();
    if (auto ok = AccountStore::ReplaceRoles(tx, actor.tenant, managed->user.user_id, *roles,
                                             change.expected_version, now);
        !ok) {
      return std::unexpected(ok.error());
    }
    if (auto ok = Record(tx, actor, SecurityEventKind::kRolesChanged, managed->user.user_id, {});
        !ok) {
      return std::unexpected(ok.error());
    }
    managed->user.roles = *roles;
    managed->user.version = change.expected_version + 1;
    return ViewOf(tx, std::move(managed->user), std::move(managed->unit), now);
  });
  if (!view && view.error().code == ErrorCode::kNotFound) {
    return std::unexpected(AuditDenial(audit_, actor, std::nullopt, view.error()));
  }
  return view;
}

base::Status UserAdminService::DeactivateIn(storage::Transaction& tx, const Actor& actor,
                                            const ManagedUser& managed) const {
  if (auto ok = CheckLastAdministrator(tx, actor, managed.user, managed.unit.authority, {}); !ok) {
    return ok;
  }
  const std::int64_t user_id = managed.user.user_id;
  if (auto ok = AccountStore::SetActive(tx, actor.tenant, user_id, false, clock_.Now()); !ok) {
    return ok;
  }
  // Their open sessions end in the same transaction: the next request they make is refused.
  auto ended = sessions_.EndAllForUser(tx, actor.tenant, user_id, "deactivated");
  if (!ended) return std::unexpected(ended.error());
  auto revoked = InviteStore::RevokeOpen(tx, actor.tenant, user_id, clock_.Now());
  if (!revoked) return std::unexpected(revoked.error());
  return Record(tx, actor, SecurityEventKind::kUserDeactivated, user_id, {});
}

base::Status UserAdminService::Deactivate(const Actor& actor, std::string_view public_id) {
  auto scope = RequireAdminScope(actor, Permission::kManageUsers, clock_.Now(), audit_);
  if (!scope) return std::unexpected(scope.error());
  auto done = db_.Write([&](storage::Transaction& tx) -> base::Status {
    auto managed = FindManagedUser(tx, *scope, actor.tenant, public_id);
    if (!managed) return std::unexpected(managed.error());
    return DeactivateIn(tx, actor, *managed);
  });
  if (!done && done.error().code == ErrorCode::kNotFound) {
    return std::unexpected(AuditDenial(audit_, actor, std::nullopt, done.error()));
  }
  return done;
}

base::Result<AdminUserView> UserAdminService::Update(const Actor& actor, std::string_view public_id,
                                                     const UserUpdate& update) {
  auto scope = RequireAdminScope(actor, Permission::kManageUsers, clock_.Now(), audit_);
  if (!scope) return std::unexpected(scope.error());
  auto view = db_.Write([&](storage::Transaction& tx) -> base::Result<AdminUserView> {
    auto managed = FindManagedUser(tx, *scope, actor.tenant, public_id);
    if (!managed) return std::unexpected(managed.error());
    if (managed->user.version != update.expected_version) {
      return base::Fail(ErrorCode::kConflict, "The user was changed by someone else.");
    }
    if (update.active == true && !managed->user.active) {
      return Refuse("active", AdminProblem::kReactivationRefused);
    }
    const auto now = clock_.Now();
    std::int64_t version = managed->user.version;
    if (update.roles) {
      auto roles = CheckRoleGrant(*scope, *update.roles);
      if (!roles) return std::unexpected(roles.error());
      const bool leaving = update.active == false;
      if (auto ok = CheckLastAdministrator(tx, actor, managed->user, managed->unit.authority,
                                           leaving ? std::vector<Role>{} : *roles);
          !ok) {
        return std::unexpected(ok.error());
      }
      if (auto ok = AccountStore::ReplaceRoles(tx, actor.tenant, managed->user.user_id, *roles,
                                               version, now);
          !ok) {
        return std::unexpected(ok.error());
      }
      if (auto ok = Record(tx, actor, SecurityEventKind::kRolesChanged, managed->user.user_id, {});
          !ok) {
        return std::unexpected(ok.error());
      }
      managed->user.roles = *roles;
      ++version;
    }
    if (update.active == false && managed->user.active) {
      if (auto ok = DeactivateIn(tx, actor, *managed); !ok) return std::unexpected(ok.error());
      managed->user.active = false;
      ++version;
    }
    managed->user.version = version;
    return ViewOf(tx, std::move(managed->user), std::move(managed->unit), now);
  });
  if (!view && view.error().code == ErrorCode::kNotFound) {
    return std::unexpected(AuditDenial(audit_, actor, std::nullopt, view.error()));
  }
  return view;
}

base::Result<std::int64_t> UserAdminService::EndSessions(const Actor& actor,
                                                         std::string_view public_id) {
  auto scope = RequireAdminScope(actor, Permission::kManageUsers, clock_.Now(), audit_);
  if (!scope) return std::unexpected(scope.error());
  auto ended = db_.Write([&](storage::Transaction& tx) -> base::Result<std::int64_t> {
    auto managed = FindManagedUser(tx, *scope, actor.tenant, public_id);
    if (!managed) return std::unexpected(managed.error());
    const std::int64_t user_id = managed->user.user_id;
    auto count = sessions_.EndAllForUser(tx, actor.tenant, user_id, "ended_by_administrator");
    if (!count) return count;
    if (auto ok = Record(tx, actor, SecurityEventKind::kSessionsEnded, user_id, "administrator");
        !ok) {
      return std::unexpected(ok.error());
    }
    return count;
  });
  if (!ended && ended.error().code == ErrorCode::kNotFound) {
    return std::unexpected(AuditDenial(audit_, actor, std::nullopt, ended.error()));
  }
  return ended;
}

base::Status UserAdminService::Unlock(const Actor& actor, std::string_view public_id) {
  auto scope = RequireAdminScope(actor, Permission::kManageUsers, clock_.Now(), audit_);
  if (!scope) return std::unexpected(scope.error());
  auto done = db_.Write([&](storage::Transaction& tx) -> base::Status {
    auto managed = FindManagedUser(tx, *scope, actor.tenant, public_id);
    if (!managed) return std::unexpected(managed.error());
    const std::int64_t user_id = managed->user.user_id;
    const auto now = clock_.Now();
    if (auto ok = AccountStore::SetLocked(tx, actor.tenant, user_id, std::nullopt, now); !ok) {
      return ok;
    }
    if (auto ok =
            AccountStore::ClearFailures(tx, actor.tenant, AccountSubject(managed->user.username));
        !ok) {
      return ok;
    }
    return Record(tx, actor, SecurityEventKind::kAccountUnlocked, user_id, {});
  });
  if (!done && done.error().code == ErrorCode::kNotFound) {
    return std::unexpected(AuditDenial(audit_, actor, std::nullopt, done.error()));
  }
  return done;
}

}  // namespace fyren::trust::accounts
