#include "trust/accounts/invite_service.h"

#include "base/ids.h"
#include "base/random.h"
#include "trust/accounts/account_service.h"
#include "trust/accounts/account_store.h"
#include "trust/accounts/invite_store.h"
#include "trust/accounts/user_admin_lookup.h"
#include "trust/crypto/tokens.h"

namespace fyren::trust::accounts {
namespace {

using base::ErrorCode;

AcceptResult Outcome(AcceptOutcome outcome) {
  return AcceptResult{.outcome = outcome, .problem = std::nullopt, .username = {}};
}

}  // namespace

InviteService::InviteService(storage::Database& db, const base::Clock& clock,
                             crypto::PasswordHasher& hasher, const PasswordBlocklist& blocklist,
                             SecurityEventSink& events, const sessions::SessionService& sessions,
                             audit::AuditLog* audit)
    : db_(db),
      clock_(clock),
      hasher_(hasher),
      blocklist_(blocklist),
      events_(events),
      sessions_(sessions),
      audit_(audit) {}

base::Result<IssuedInvite> InviteService::Issue(storage::Transaction& tx, const Actor& actor,
                                                std::int64_t user_id, std::string public_id,
                                                std::string_view reason) {
  const auto now = clock_.Now();
  auto revoked = InviteStore::RevokeOpen(tx, actor.tenant, user_id, now);
  if (!revoked) return std::unexpected(revoked.error());
  std::string token = crypto::NewRandomToken();
  const InviteRecord invite{.tenant = actor.tenant,
                            .invite_id = base::NewRowId(),
                            .user_id = user_id,
                            .created_by = actor.user_id,
                            .created_at = now,
                            .expires_at = now + kInviteValidity,
                            .used_at = std::nullopt,
                            .revoked_at = std::nullopt};
  if (auto ok = InviteStore::Insert(tx, invite, crypto::TokenHash(token)); !ok) {
    return std::unexpected(ok.error());
  }
  if (auto ok = events_.Record(
          tx, SecurityEvent{.kind = SecurityEventKind::kUserInvited,
                            .tenant = actor.tenant,
                            .user_id = user_id,
                            .actor_id = actor.user_id,
                            .request_id = actor.request_id,
                            .reason = *revoked > 0 ? "revoked_previous" : std::string(reason)});
      !ok) {
    return std::unexpected(ok.error());
  }
  return IssuedInvite{.user_public_id = std::move(public_id),
                      .token = std::move(token),
                      .expires_at = invite.expires_at};
}

base::Result<IssuedInvite> InviteService::InviteUser(const Actor& actor,
                                                     const InviteRequest& request) {
  const auto scope =
      RequireAdminScope(actor, access::Permission::kManageUsers, clock_.Now(), audit_);
  if (!scope) return std::unexpected(scope.error());
  const std::string username = NormaliseUsername(request.username);
  if (!IsValidUsername(username)) return Refuse("username", AdminProblem::kBadUsername);
  if (request.display_name.empty() || request.display_name.size() > 200 ||
      !CountCodePoints(request.display_name)) {
    return Refuse("display_name", AdminProblem::kBadDisplayName);
  }
  auto roles = CheckRoleGrant(*scope, request.roles);
  if (!roles) return std::unexpected(roles.error());
  // Nobody knows this password: the account cannot be signed in to until the invite is used.
  // A real Argon2id hash (not a marker) keeps sign-in timing the same as for any other account.
  auto unusable = hasher_.Hash(crypto::NewRandomToken()).get();
  if (!unusable) return std::unexpected(unusable.error());
  return db_.Write([&](storage::Transaction& tx) -> base::Result<IssuedInvite> {
    auto unit = FindManagedUnit(tx, *scope, actor.tenant, request.unit_code);
    if (!unit) return std::unexpected(unit.error());
    if (!unit->has_value()) return Refuse("unit", AdminProblem::kUnknownUnit);
    UserRecord user{.tenant = actor.tenant,
                    .user_id = base::NewRowId(),
                    .public_id = base::NewPublicId(),
                    .username = username,
                    .display_name = request.display_name,
                    .unit = (*unit)->id,
                    .password_hash = *unusable,
                    .totp_secret = std::nullopt,
                    .totp_pending = std::nullopt,
                    .totp_last_step = 0,
                    .is_demo = false,
                    .active = true,
                    .locked_at = std::nullopt,
                    .roles = *roles,
                    .version = 1};
    if (auto ok = AccountStore::Insert(tx, user, clock_.Now()); !ok) {
      if (ok.error().code == ErrorCode::kConflict) {
        return Refuse("username", AdminProblem::kUsernameTaken);
      }
      return std::unexpected(ok.error());
    }
    if (auto ok = events_.Record(tx, SecurityEvent{.kind = SecurityEventKind::kUserCreated,
                                                   .tenant = actor.tenant,
                                                   .user_id = user.user_id,
                                                   .actor_id = actor.user_id,
                                                   .request_id = actor.request_id,
                                                   .reason = "invite"});
        !ok) {
      return std::unexpected(ok.error());
    }
    return Issue(tx, actor, user.user_id, user.public_id, "new_user");
  });
}

base::Result<IssuedInvite> InviteService::Reinvite(const Actor& actor,
                                                   std::string_view user_public_id) {
  const auto scope =
      RequireAdminScope(actor, access::Permission::kManageUsers, clock_.Now(), audit_);
  if (!scope) return std::unexpected(scope.error());
  auto issued = db_.Write([&](storage::Transaction& tx) -> base::Result<IssuedInvite> {
    auto managed = FindManagedUser(tx, *scope, actor.tenant, user_public_id);
    if (!managed) return std::unexpected(managed.error());
    if (!managed->user.active) {
      return base::Fail(ErrorCode::kConflict, "A deactivated user cannot be invited again.");
    }
    return Issue(tx, actor, managed->user.user_id, managed->user.public_id, "reinvite");
  });
  if (!issued && issued.error().code == ErrorCode::kNotFound) {
    return std::unexpected(AuditDenial(audit_, actor, std::nullopt, issued.error()));
  }
  return issued;
}

base::Result<std::optional<InviteView>> InviteService::Check(base::TenantId tenant,
                                                             std::string_view token) const {
  return db_.Read([&](storage::Transaction& tx) -> base::Result<std::optional<InviteView>> {
    auto invite = InviteStore::FindByTokenHash(tx, tenant, crypto::TokenHash(token));
    if (!invite) return std::unexpected(invite.error());
    if (!invite->has_value() || !(*invite)->IsOpen(clock_.Now())) {
      return std::optional<InviteView>();
    }
    auto user = AccountStore::FindById(tx, tenant, (*invite)->user_id);
    if (!user) return std::unexpected(user.error());
    if (!user->has_value() || !(*user)->active) return std::optional<InviteView>();
    return std::optional(
        InviteView{.username = (*user)->username, .expires_at = (*invite)->expires_at});
  });
}

base::Result<AcceptResult> InviteService::Accept(base::TenantId tenant, std::string_view token,
                                                 std::string_view password, std::string_view repeat,
                                                 std::string_view request_id) {
  auto view = Check(tenant, token);
  if (!view) return std::unexpected(view.error());
  if (!view->has_value()) return Outcome(AcceptOutcome::kInvalidLink);
  if (password != repeat) return Outcome(AcceptOutcome::kMismatch);
  if (auto problem = CheckNewPassword(password, (*view)->username, blocklist_)) {
    AcceptResult weak = Outcome(AcceptOutcome::kWeakPassword);
    weak.problem = problem;
    return weak;
  }
  auto hashed = hasher_.Hash(std::string(password)).get();
  if (!hashed) return std::unexpected(hashed.error());
  const std::string token_hash = crypto::TokenHash(token);
  return db_.Write([&](storage::Transaction& tx) -> base::Result<AcceptResult> {
    const auto now = clock_.Now();
    auto invite = InviteStore::FindByTokenHash(tx, tenant, token_hash);
    if (!invite) return std::unexpected(invite.error());
    if (!invite->has_value() || !(*invite)->IsOpen(now)) {
      return Outcome(AcceptOutcome::kInvalidLink);
    }
    // The conditional update is what makes the link work once, also when two requests race.
    auto used = InviteStore::MarkUsed(tx, tenant, (*invite)->invite_id, now);
    if (!used) return std::unexpected(used.error());
    if (!*used) return Outcome(AcceptOutcome::kInvalidLink);
    const std::int64_t user_id = (*invite)->user_id;
    if (auto ok = AccountStore::SetPasswordHash(tx, tenant, user_id, *hashed, now); !ok) {
      return std::unexpected(ok.error());
    }
    // A re-invite is how an administrator resets a password: sessions opened with the old one
    // (perhaps by someone else) end with it, in the same transaction.
    auto ended = sessions_.EndAllForUser(tx, tenant, user_id, "invite_accepted");
    if (!ended) return std::unexpected(ended.error());
    if (auto ok = events_.Record(tx, SecurityEvent{.kind = SecurityEventKind::kInviteAccepted,
                                                   .tenant = tenant,
                                                   .user_id = user_id,
                                                   .actor_id = std::nullopt,
                                                   .request_id = std::string(request_id),
                                                   .reason = {}});
        !ok) {
      return std::unexpected(ok.error());
    }
    AcceptResult accepted = Outcome(AcceptOutcome::kAccepted);
    accepted.username = (*view)->username;
    return accepted;
  });
}

}  // namespace fyren::trust::accounts
