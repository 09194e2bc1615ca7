#include "trust/accounts/security_events.h"

namespace fyren::trust::accounts {

std::string_view ToString(SecurityEventKind kind) {
  switch (kind) {
    case SecurityEventKind::kSignInSucceeded:
      return "sign_in_succeeded";
    case SecurityEventKind::kSignInFailed:
      return "sign_in_failed";
    case SecurityEventKind::kSecondFactorFailed:
      return "second_factor_failed";
    case SecurityEventKind::kSignInThrottled:
      return "sign_in_throttled";
    case SecurityEventKind::kAccountLocked:
      return "account_locked";
    case SecurityEventKind::kAccountUnlocked:
      return "account_unlocked";
    case SecurityEventKind::kDemoAccountRefused:
      return "demo_account_refused";
    case SecurityEventKind::kTotpEnrolled:
      return "totp_enrolled";
    case SecurityEventKind::kRecoveryCodeUsed:
      return "recovery_code_used";
    case SecurityEventKind::kStepUpSucceeded:
      return "step_up_succeeded";
    case SecurityEventKind::kSignedOut:
      return "signed_out";
    case SecurityEventKind::kSessionsEnded:
      return "sessions_ended";
    case SecurityEventKind::kUserCreated:
      return "user_created";
    case SecurityEventKind::kUserDeactivated:
      return "user_deactivated";
    case SecurityEventKind::kUserInvited:
      return "user_invited";
    case SecurityEventKind::kInviteAccepted:
      return "invite_accepted";
    case SecurityEventKind::kRolesChanged:
      return "roles_changed";
  }
  return "unknown";
}

base::Status LogSecurityEventSink::Record(storage::Transaction& /*tx*/,
                                          const SecurityEvent& event) {
  base::log::Info("security_event", {{"kind", ToString(event.kind)},
                                     {"tenant_id", event.tenant.value()},
                                     {"user_id", event.user_id.value_or(0)},
                                     {"actor_id", event.actor_id.value_or(0)},
                                     {"request_id", event.request_id},
                                     {"reason", event.reason}});
  return base::Ok();
}

base::Status CompositeSecurityEventSink::Record(storage::Transaction& tx,
                                                const SecurityEvent& event) {
  for (const auto& sink : sinks_) {
    if (auto ok = sink->Record(tx, event); !ok) return ok;
  }
  return base::Ok();
}

}  // namespace fyren::trust::accounts
