#include "trust/access/access_policy.h"

#include "trust/access/role_permissions.h"

namespace fyren::trust::access {
namespace {

bool AnyRoleGrants(const Actor& actor, Permission permission) {
  for (const std::string& role : actor.roles) {
    if (RoleGrants(role, permission)) return true;
  }
  return false;
}

// The command-line operator administers accounts and the organisation tree; it has no case
// work and therefore no personal data.
bool OperatorMay(Permission permission) {
  return permission == Permission::kSignedIn || permission == Permission::kManageUsers ||
         permission == Permission::kManageOrganisation;
}

bool NeedsRecordScope(Permission permission) {
  return permission == Permission::kReadPersonalData ||
         permission == Permission::kWritePersonalData ||
         permission == Permission::kExportPersonalData ||
         permission == Permission::kEmergencyAccess || permission == Permission::kReadShared;
}

bool NeedsStepUp(Permission permission) {
  return permission == Permission::kExportPersonalData ||
         permission == Permission::kEmergencyAccess;
}

Decision Allow() {
  return Decision{
      .allowed = true, .reason = DenyReason::kNone, .mask_identity = false, .flags = {}};
}

Decision Deny(DenyReason reason, AccessFlags flags = {}) {
  return Decision{.allowed = false, .reason = reason, .mask_identity = false, .flags = flags};
}

}  // namespace

base::Status Decision::AsStatus() const {
  switch (reason) {
    case DenyReason::kNone:
      return base::Ok();
    case DenyReason::kNotSignedIn:
      return base::Fail(base::ErrorCode::kUnauthenticated, "Sign in to continue.");
    case DenyReason::kRoleLacksPermission:
      return base::Fail(base::ErrorCode::kForbidden, "Your role does not give access to this.");
    case DenyReason::kOutsideScope:
      // Same text as a record that does not exist: a denial must not confirm existence.
      return base::Fail(base::ErrorCode::kNotFound, "No such record.");
    case DenyReason::kProtectedIdentity:
      return base::Fail(base::ErrorCode::kForbidden,
                        "This person has a protected identity: printing and export are blocked.");
    case DenyReason::kSecondFactorTooOld:
      return std::unexpected(
          base::Error{.code = base::ErrorCode::kForbidden,
                      .message = "Confirm with a code from your authenticator app first.",
                      .detail = {},
                      .field = "step_up"});
  }
  return base::Fail(base::ErrorCode::kForbidden, "Access denied.");
}

Decision Decide(const Actor& actor, Permission permission, const RecordScope* scope,
                base::TimePoint now) {
  if (permission == Permission::kPublic || permission == Permission::kSignInStep) return Allow();
  if (actor.local_operator) {
    return OperatorMay(permission) ? Allow() : Deny(DenyReason::kRoleLacksPermission);
  }
  if (actor.IsAnonymous()) return Deny(DenyReason::kNotSignedIn);
  if (!AnyRoleGrants(actor, permission)) return Deny(DenyReason::kRoleLacksPermission);
  if (!NeedsRecordScope(permission)) return Allow();
  // Fail closed: a record permission asked for without the record is never granted.
  if (scope == nullptr) return Deny(DenyReason::kOutsideScope);

  AccessFlags flags{.protected_identity = scope->protected_identity,
                    .emergency_access = false,
                    .via_share = false};
  const bool own_authority = actor.authority && *actor.authority == scope->owning_authority;
  if (permission == Permission::kReadShared) {
    if (!scope->shared_with_actor) return Deny(DenyReason::kOutsideScope, flags);
    flags.via_share = true;
  } else if (permission == Permission::kEmergencyAccess) {
    // Emergency access opens records of one's own authority only: secrecy between committees
    // (each is its own authority) is not lifted by an emergency.
    if (!own_authority) return Deny(DenyReason::kOutsideScope, flags);
    flags.emergency_access = true;
  } else {
    const bool by_team = own_authority && scope->on_case_team;
    const bool by_emergency = own_authority && scope->emergency_access_active;
    // A share gives read access only; changing a record needs the owning authority's team.
    const bool by_share = permission == Permission::kReadPersonalData && scope->shared_with_actor;
    if (!by_team && !by_emergency && !by_share) return Deny(DenyReason::kOutsideScope, flags);
    flags.emergency_access = !by_team && by_emergency;
    flags.via_share = !by_team && !by_emergency && by_share;
  }

  if (permission == Permission::kExportPersonalData && scope->protected_identity) {
    return Deny(DenyReason::kProtectedIdentity, flags);
  }
  if (NeedsStepUp(permission)) {
    const bool recent = actor.second_factor_at && *actor.second_factor_at <= now &&
                        now - *actor.second_factor_at <= kStepUpWindow;
    if (!recent) return Deny(DenyReason::kSecondFactorTooOld, flags);
  }
  return Decision{.allowed = true,
                  .reason = DenyReason::kNone,
                  .mask_identity = scope->protected_identity && !scope->named_for_protected,
                  .flags = flags};
}

}  // namespace fyren::trust::access
