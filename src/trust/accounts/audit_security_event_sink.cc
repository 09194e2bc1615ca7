#include "trust/accounts/audit_security_event_sink.h"

#include "base/random.h"
#include "trust/accounts/account_store.h"

namespace fyren::trust::accounts {
namespace {

using audit::Action;
using audit::Outcome;
using audit::Purpose;

// Who acted, by kind: the events before a password (and code) is accepted have no known actor.
bool ActedByTheUser(SecurityEventKind kind) {
  switch (kind) {
    case SecurityEventKind::kSignInSucceeded:
    case SecurityEventKind::kTotpEnrolled:
    case SecurityEventKind::kRecoveryCodeUsed:
    case SecurityEventKind::kStepUpSucceeded:
    case SecurityEventKind::kSignedOut:
    case SecurityEventKind::kSessionsEnded:
    case SecurityEventKind::kInviteAccepted:
      return true;
    default:
      return false;
  }
}

}  // namespace

SecurityAuditMapping AuditMappingOf(SecurityEventKind kind) {
  using K = SecurityEventKind;
  switch (kind) {
    case K::kSignInSucceeded:
      return {Action::kLogin, Outcome::kAllowed, Purpose::kAuthentication};
    case K::kStepUpSucceeded:
      return {Action::kStepUp, Outcome::kAllowed, Purpose::kAuthentication};
    case K::kSignInFailed:
    case K::kSecondFactorFailed:
    case K::kSignInThrottled:
    case K::kDemoAccountRefused:
      return {Action::kLoginFailed, Outcome::kDenied, Purpose::kAuthentication};
    case K::kAccountLocked:
      return {Action::kLockout, Outcome::kDenied, Purpose::kAuthentication};
    // A change to the account's second factor; the login itself follows as its own entry.
    case K::kTotpEnrolled:
    case K::kRecoveryCodeUsed:
      return {Action::kUpdate, Outcome::kAllowed, Purpose::kAuthentication};
    case K::kSignedOut:
    case K::kSessionsEnded:
      return {Action::kLogout, Outcome::kAllowed, Purpose::kAuthentication};
    case K::kUserCreated:
    case K::kUserInvited:
      return {Action::kCreate, Outcome::kAllowed, Purpose::kAdministration};
    // The invited user chose their password with the one-time link.
    case K::kInviteAccepted:
      return {Action::kPasswordChange, Outcome::kAllowed, Purpose::kAuthentication};
    case K::kRolesChanged:
      return {Action::kUpdate, Outcome::kAllowed, Purpose::kAdministration};
    case K::kAccountUnlocked:
    case K::kUserDeactivated:
      return {Action::kUpdate, Outcome::kAllowed, Purpose::kAdministration};
  }
  return {Action::kLoginFailed, Outcome::kDenied, Purpose::kAuthentication};
}

base::Result<audit::AuditEvent> ToAuditEvent(const SecurityEvent& event) {
  SecurityAuditMapping mapping = AuditMappingOf(event.kind);
  std::optional<std::int64_t> actor = event.actor_id;
  if (!actor && ActedByTheUser(event.kind)) actor = event.user_id;
  // An administrator ending someone else's sessions is administration, not their own sign-out.
  if (event.actor_id && event.user_id && *event.actor_id != *event.user_id) {
    mapping.purpose = Purpose::kAdministration;
  }
  auto request_id = audit::RequestId::Parse(event.request_id);
  if (!request_id) request_id = audit::RequestId::Parse("cli-" + base::NewPublicId());
  if (!request_id) return std::unexpected(request_id.error());
  audit::AuditEvent out{.tenant = event.tenant,
                        .actor_user_id = actor,
                        .unit = std::nullopt,
                        .authority = std::nullopt,
                        .action = mapping.action,
                        .outcome = mapping.outcome,
                        .record_type = std::nullopt,
                        .record_id = std::nullopt,
                        .person_id = std::nullopt,
                        .purpose = mapping.purpose,
                        .flags = 0,
                        .request_id = std::move(*request_id)};
  if (event.user_id) {
    out.record_type = audit::RecordType::kUser;
    out.record_id = event.user_id;
  }
  if (auto ok = audit::ValidateEvent(out); !ok) return std::unexpected(ok.error());
  return out;
}

base::Status AuditSecurityEventSink::Record(storage::Transaction& tx, const SecurityEvent& event) {
  auto audited = ToAuditEvent(event);
  if (!audited) return std::unexpected(audited.error());
  // The acting user's unit and authority, so the authority's log reviewers see these entries
  // with the rest of the user's activity (a failed attempt by an unknown name has neither).
  if (audited->actor_user_id) {
    auto user = AccountStore::FindById(tx, event.tenant, *audited->actor_user_id);
    if (!user) return std::unexpected(user.error());
    if (user->has_value()) {
      auto unit = AccountStore::FindUnit(tx, event.tenant, (**user).unit);
      if (!unit) return std::unexpected(unit.error());
      if (unit->has_value()) {
        audited->unit = (**unit).id;
        audited->authority = (**unit).authority;
      }
    }
  }
  auto appended = log_.AppendInTransaction(tx, *audited);
  if (!appended) return std::unexpected(appended.error());
  return base::Ok();
}

}  // namespace fyren::trust::accounts
