#include "trust/accounts/account_service.h"

#include <algorithm>

#include "base/ids.h"
#include "base/random.h"
#include "trust/accounts/account_store.h"
#include "trust/accounts/qr_svg.h"
#include "trust/accounts/recovery_codes.h"
#include "trust/accounts/totp.h"
#include "trust/crypto/tokens.h"
#include "trust/sessions/session_store.h"

namespace fyren::trust::accounts {
namespace {

using base::ErrorCode;
using sessions::SessionRecord;
using sessions::SessionStage;

std::string Hex(std::string_view bytes) {
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string out;
  for (const char c : bytes) {
    const auto u = static_cast<unsigned char>(c);
    out += kHex[u >> 4];
    out += kHex[u & 15];
  }
  return out;
}

bool IsAdministrator(const Actor& actor) {
  if (actor.local_operator) return true;
  return actor.user_id.has_value() &&
         std::ranges::find(actor.roles, ToString(Role::kSystemAdministrator)) != actor.roles.end();
}

base::Status RequireAdministrator(const Actor& actor) {
  if (IsAdministrator(actor)) return base::Ok();
  return base::Fail(ErrorCode::kForbidden, "Only a system administrator may manage accounts.");
}

std::optional<std::int64_t> IdOf(const std::optional<UserRecord>& user) {
  return user ? std::optional(user->user_id) : std::nullopt;
}

SignInResult Outcome(SignInOutcome outcome, std::chrono::seconds retry_after = {}) {
  return SignInResult{.outcome = outcome,
                      .session = std::nullopt,
                      .retry_after = retry_after,
                      .recovery_codes = {}};
}

}  // namespace

std::string NormaliseUsername(std::string_view username) {
  while (!username.empty() && (username.front() == ' ' || username.front() == '\t')) {
    username.remove_prefix(1);
  }
  while (!username.empty() && (username.back() == ' ' || username.back() == '\t')) {
    username.remove_suffix(1);
  }
  std::string lower(username);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

bool IsValidUsername(std::string_view name) {
  if (name.size() < 2 || name.size() > 64) return false;
  return std::ranges::all_of(name, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

std::string AccountSubject(std::string_view normalised_username) {
  return "a:" + Hex(crypto::TokenHash(normalised_username)).substr(0, 32);
}

std::string AddressSubject(std::string_view client_address) {
  return "i:" + Hex(crypto::TokenHash(client_address)).substr(0, 32);
}

AccountService::AccountService(storage::Database& db, const base::Clock& clock,
                               crypto::PasswordHasher& hasher, const PasswordBlocklist& blocklist,
                               const SecretSealer& sealer, SecurityEventSink& events,
                               const sessions::SessionService& sessions, AccountOptions options)
    : db_(db),
      clock_(clock),
      hasher_(hasher),
      blocklist_(blocklist),
      sealer_(sealer),
      events_(events),
      sessions_(sessions),
      options_(std::move(options)) {}

base::Result<AccountService::Throttle> AccountService::CheckThrottle(
    storage::Transaction& tx, base::TenantId tenant, std::string_view account_subject,
    std::string_view address_subject, const std::optional<UserRecord>& user) const {
  const auto now = clock_.Now();
  auto account = AccountStore::FindFailures(tx, tenant, account_subject);
  if (!account) return std::unexpected(account.error());
  auto address = AccountStore::FindFailures(tx, tenant, address_subject);
  if (!address) return std::unexpected(address.error());
  Throttle throttle;
  // An unknown name reaches "locked" after as many failures as a real one, so the answer does
  // not tell which names exist.
  throttle.locked = (user && user->locked_at) ||
                    ReachesLockout(options_.account_rule,
                                   EffectiveFailures(options_.account_rule, *account, now));
  throttle.wait = std::max(RequiredWait(options_.account_rule, *account, now),
                           RequiredWait(options_.address_rule, *address, now));
  return throttle;
}

base::Result<bool> AccountService::RecordFailure(
    storage::Transaction& tx, base::TenantId tenant, std::string_view account_subject,
    std::string_view address_subject, const std::optional<UserRecord>& user, SecurityEventKind kind,
    std::string_view request_id, std::string_view reason) {
  const auto now = clock_.Now();
  bool locked = false;
  for (const auto& [subject, rule] : {std::pair{account_subject, options_.account_rule},
                                      std::pair{address_subject, options_.address_rule}}) {
    auto count = AccountStore::FindFailures(tx, tenant, subject);
    if (!count) return std::unexpected(count.error());
    const FailureCount next{.failures = EffectiveFailures(rule, *count, now) + 1,
                            .last_failure_at = now};
    if (auto ok = AccountStore::StoreFailures(tx, tenant, subject, next); !ok) {
      return std::unexpected(ok.error());
    }
    if (subject == account_subject && ReachesLockout(rule, next.failures)) locked = true;
  }
  const SecurityEvent failed{.kind = kind,
                             .tenant = tenant,
                             .user_id = IdOf(user),
                             .actor_id = std::nullopt,
                             .request_id = std::string(request_id),
                             .reason = std::string(reason)};
  if (auto ok = events_.Record(tx, failed); !ok) return std::unexpected(ok.error());
  if (locked && user && !user->locked_at) {
    if (auto ok = AccountStore::SetLocked(tx, tenant, user->user_id, now, now); !ok) {
      return std::unexpected(ok.error());
    }
    SecurityEvent lock = failed;
    lock.kind = SecurityEventKind::kAccountLocked;
    lock.reason = "too_many_failures";
    if (auto ok = events_.Record(tx, lock); !ok) return std::unexpected(ok.error());
  }
  return locked;
}

base::Result<SignInResult> AccountService::Refuse(base::TenantId tenant,
                                                  std::optional<std::int64_t> user_id,
                                                  SignInOutcome outcome, SecurityEventKind kind,
                                                  std::string_view request_id,
                                                  std::string_view reason,
                                                  std::chrono::seconds retry_after) {
  auto recorded = db_.Write([&](storage::Transaction& tx) {
    return events_.Record(tx, SecurityEvent{.kind = kind,
                                            .tenant = tenant,
                                            .user_id = user_id,
                                            .actor_id = std::nullopt,
                                            .request_id = std::string(request_id),
                                            .reason = std::string(reason)});
  });
  if (!recorded) return std::unexpected(recorded.error());
  return Outcome(outcome, retry_after);
}

base::Result<SignInResult> AccountService::SignInWithPassword(const PasswordAttempt& attempt) {
  const base::TenantId tenant = attempt.tenant;
  const std::string username = NormaliseUsername(attempt.username);
  const std::string account_subject = AccountSubject(username);
  const std::string address_subject = AddressSubject(attempt.client_address);

  struct Before {
    std::optional<UserRecord> user;
    Throttle throttle;
  };
  auto before = db_.Read([&](storage::Transaction& tx) -> base::Result<Before> {
    auto user = AccountStore::FindByUsername(tx, tenant, username);
    if (!user) return std::unexpected(user.error());
    auto throttle = CheckThrottle(tx, tenant, account_subject, address_subject, *user);
    if (!throttle) return std::unexpected(throttle.error());
    return Before{.user = std::move(*user), .throttle = *throttle};
  });
  if (!before) return std::unexpected(before.error());
  const std::optional<UserRecord>& user = before->user;
  if (before->throttle.locked) {
    return Refuse(tenant, IdOf(user), SignInOutcome::kLocked, SecurityEventKind::kSignInThrottled,
                  attempt.request_id, "locked");
  }
  if (before->throttle.wait.count() > 0) {
    return Refuse(tenant, IdOf(user), SignInOutcome::kThrottled,
                  SecurityEventKind::kSignInThrottled, attempt.request_id, "delay",
                  before->throttle.wait);
  }

  // Unknown names cost the same hashing work as known ones (no timing difference).
  auto verified = user ? hasher_.Verify(user->password_hash, attempt.password).get()
                       : hasher_.VerifyUnknownUser(attempt.password).get();
  if (!verified) {
    if (verified.error().code == ErrorCode::kUnavailable) return Outcome(SignInOutcome::kBusy);
    return std::unexpected(verified.error());
  }
  const bool accepted = *verified && user && user->active;
  if (!accepted) {
    auto locked = db_.Write([&](storage::Transaction& tx) {
      return RecordFailure(tx, tenant, account_subject, address_subject, user,
                           SecurityEventKind::kSignInFailed, attempt.request_id,
                           !user ? "unknown_user" : (user->active ? "wrong_password" : "inactive"));
    });
    if (!locked) return std::unexpected(locked.error());
    return Outcome(*locked ? SignInOutcome::kLocked : SignInOutcome::kWrongCredentials);
  }
  if (user->is_demo && !options_.demo_mode) {
    return Refuse(tenant, user->user_id, SignInOutcome::kDemoRefused,
                  SecurityEventKind::kDemoAccountRefused, attempt.request_id, "not_demo_mode");
  }

  std::optional<std::string> rehashed;
  if (hasher_.NeedsRehash(user->password_hash)) {
    auto hashed = hasher_.Hash(attempt.password).get();
    if (hashed) rehashed = std::move(*hashed);
  }
  const auto now = clock_.Now();
  const SessionStage stage = user->HasTotp() ? SessionStage::kPassword : SessionStage::kEnroll;
  return db_.Write([&](storage::Transaction& tx) -> base::Result<SignInResult> {
    if (attempt.previous) {
      if (auto ended = sessions_.End(tx, *attempt.previous, "replaced"); !ended) {
        return std::unexpected(ended.error());
      }
    }
    if (rehashed) {
      if (auto ok = AccountStore::SetPasswordHash(tx, tenant, user->user_id, *rehashed, now); !ok) {
        return std::unexpected(ok.error());
      }
    }
    auto issued = sessions_.Start(tx, tenant, user->user_id, stage, now, std::nullopt);
    if (!issued) return std::unexpected(issued.error());
    SignInResult result =
        Outcome(stage == SessionStage::kPassword ? SignInOutcome::kNeedsCode
                                                 : SignInOutcome::kNeedsEnrollment);
    result.session = std::move(*issued);
    return result;
  });
}

base::Result<UserRecord> AccountService::UserOf(const SessionRecord& session) const {
  auto user = db_.Read([&](storage::Transaction& tx) {
    return AccountStore::FindById(tx, session.tenant, session.user_id);
  });
  if (!user) return std::unexpected(user.error());
  if (!user->has_value()) {
    return base::Fail(ErrorCode::kUnauthenticated, "Please sign in again.",
                      "session user no longer exists");
  }
  return std::move(**user);
}

base::Result<SignInResult> AccountService::CheckCode(const CodeAttempt& attempt,
                                                     SessionStage expected) {
  const SessionRecord& session = attempt.session;
  if (session.stage != expected) {
    return base::Fail(ErrorCode::kUnauthenticated, "Please sign in again.",
                      "session is at another sign-in stage");
  }
  auto user = UserOf(session);
  if (!user) return std::unexpected(user.error());
  const base::TenantId tenant = session.tenant;
  const std::string account_subject = AccountSubject(user->username);
  const std::string address_subject = AddressSubject(attempt.client_address);
  auto throttle = db_.Read([&](storage::Transaction& tx) {
    return CheckThrottle(tx, tenant, account_subject, address_subject, *user);
  });
  if (!throttle) return std::unexpected(throttle.error());
  if (throttle->locked) {
    auto ended =
        db_.Write([&](storage::Transaction& tx) { return sessions_.End(tx, session, "locked"); });
    if (!ended) return std::unexpected(ended.error());
    return Refuse(tenant, user->user_id, SignInOutcome::kLocked,
                  SecurityEventKind::kSignInThrottled, attempt.request_id, "locked");
  }
  if (throttle->wait.count() > 0) {
    return Refuse(tenant, user->user_id, SignInOutcome::kThrottled,
                  SecurityEventKind::kSignInThrottled, attempt.request_id, "delay", throttle->wait);
  }

  const bool enrolling = expected == SessionStage::kEnroll;
  const std::optional<std::string>& sealed = enrolling ? user->totp_pending : user->totp_secret;
  std::optional<std::int64_t> step;
  std::string secret;
  if (sealed) {
    auto opened = sealer_.Open(tenant, user->user_id,
                               enrolling ? kTotpPendingColumn : kTotpSecretColumn, *sealed);
    if (!opened) return std::unexpected(opened.error());
    secret = std::move(*opened);
    step = MatchTotp(secret, attempt.code, clock_.Now(), enrolling ? 0 : user->totp_last_step);
  }
  const std::optional<std::string> recovery =
      enrolling || step ? std::nullopt : NormaliseRecoveryCode(attempt.code);
  const auto now = clock_.Now();

  auto result = db_.Write([&](storage::Transaction& tx) -> base::Result<SignInResult> {
    bool accepted = false;
    SecurityEventKind success = SecurityEventKind::kSignInSucceeded;
    std::vector<std::string> codes;
    if (step && enrolling) {
      auto resealed = sealer_.Seal(tenant, user->user_id, kTotpSecretColumn, secret);
      if (!resealed) return std::unexpected(resealed.error());
      if (auto ok = AccountStore::ConfirmTotp(tx, tenant, user->user_id, *resealed, *step, now);
          !ok) {
        return std::unexpected(ok.error());
      }
      codes = NewRecoveryCodes();
      std::vector<std::string> hashes;
      for (const auto& code : codes)
        hashes.push_back(crypto::TokenHash(*NormaliseRecoveryCode(code)));
      if (auto ok = AccountStore::ReplaceRecoveryCodes(tx, tenant, user->user_id, hashes, now);
          !ok) {
        return std::unexpected(ok.error());
      }
      accepted = true;
      success = SecurityEventKind::kTotpEnrolled;
    } else if (step) {
      // The conditional update is what stops a replay, also between two servers.
      auto advanced = AccountStore::AdvanceTotpStep(tx, tenant, user->user_id, *step);
      if (!advanced) return std::unexpected(advanced.error());
      accepted = *advanced;
    } else if (recovery && expected == SessionStage::kPassword) {
      auto used = AccountStore::UseRecoveryCode(tx, tenant, user->user_id,
                                                crypto::TokenHash(*recovery), now);
      if (!used) return std::unexpected(used.error());
      accepted = *used;
      success = SecurityEventKind::kRecoveryCodeUsed;
    }
    if (!accepted) {
      const std::string_view reason = !sealed ? "not_enrolled" : "wrong_code";
      auto locked =
          RecordFailure(tx, tenant, account_subject, address_subject, user.value(),
                        SecurityEventKind::kSecondFactorFailed, attempt.request_id, reason);
      if (!locked) return std::unexpected(locked.error());
      if (*locked) {
        if (auto ended = sessions_.End(tx, session, "locked"); !ended) {
          return std::unexpected(ended.error());
        }
      }
      return Outcome(*locked ? SignInOutcome::kLocked : SignInOutcome::kWrongCode);
    }
    if (auto ok = events_.Record(tx, SecurityEvent{.kind = success,
                                                   .tenant = tenant,
                                                   .user_id = user->user_id,
                                                   .actor_id = std::nullopt,
                                                   .request_id = attempt.request_id,
                                                   .reason = {}});
        !ok) {
      return std::unexpected(ok.error());
    }
    if (expected == SessionStage::kFull) {
      if (auto ok = sessions_.MarkSecondFactor(tx, session); !ok) {
        return std::unexpected(ok.error());
      }
      return Outcome(SignInOutcome::kSignedIn);
    }
    if (success != SecurityEventKind::kSignInSucceeded) {
      if (auto ok = events_.Record(tx, SecurityEvent{.kind = SecurityEventKind::kSignInSucceeded,
                                                     .tenant = tenant,
                                                     .user_id = user->user_id,
                                                     .actor_id = std::nullopt,
                                                     .request_id = attempt.request_id,
                                                     .reason = {}});
          !ok) {
        return std::unexpected(ok.error());
      }
    }
    if (auto ok = AccountStore::ClearFailures(tx, tenant, account_subject); !ok) {
      return std::unexpected(ok.error());
    }
    if (auto ended = sessions_.End(tx, session, "promoted"); !ended) {
      return std::unexpected(ended.error());
    }
    // A new token for the full session: nothing learnt before this step is worth anything after.
    auto issued = sessions_.Start(tx, tenant, user->user_id, SessionStage::kFull,
                                  session.authenticated_at, now);
    if (!issued) return std::unexpected(issued.error());
    SignInResult done = Outcome(SignInOutcome::kSignedIn);
    done.session = std::move(*issued);
    done.recovery_codes = std::move(codes);
    return done;
  });
  return result;
}

base::Result<SignInResult> AccountService::CompleteSignIn(const CodeAttempt& attempt) {
  return CheckCode(attempt, SessionStage::kPassword);
}

base::Result<SignInResult> AccountService::ConfirmEnrollment(const CodeAttempt& attempt) {
  return CheckCode(attempt, SessionStage::kEnroll);
}

base::Result<SignInResult> AccountService::StepUp(const CodeAttempt& attempt) {
  return CheckCode(attempt, SessionStage::kFull);
}

bool AccountService::HasFreshStepUp(const Actor& actor) const {
  return actor.second_factor_at.has_value() &&
         clock_.Now() - *actor.second_factor_at < options_.step_up_validity;
}

base::Result<Enrollment> AccountService::BeginEnrollment(const SessionRecord& session) {
  if (session.stage != SessionStage::kEnroll) {
    return base::Fail(ErrorCode::kUnauthenticated, "Please sign in again.",
                      "session is not enrolling");
  }
  auto user = UserOf(session);
  if (!user) return std::unexpected(user.error());
  std::string secret;
  if (user->totp_pending) {
    auto opened =
        sealer_.Open(session.tenant, user->user_id, kTotpPendingColumn, *user->totp_pending);
    if (!opened) return std::unexpected(opened.error());
    secret = std::move(*opened);
  } else {
    secret = NewTotpSecret();
    auto sealed = sealer_.Seal(session.tenant, user->user_id, kTotpPendingColumn, secret);
    if (!sealed) return std::unexpected(sealed.error());
    auto stored = db_.Write([&](storage::Transaction& tx) {
      return AccountStore::SetPendingTotp(tx, session.tenant, user->user_id, *sealed, clock_.Now());
    });
    if (!stored) return std::unexpected(stored.error());
  }
  auto svg = QrCodeSvg(TotpProvisioningUri(options_.issuer, user->username, secret));
  if (!svg) return std::unexpected(svg.error());
  std::string grouped;
  const std::string base32 = EncodeBase32(secret);
  for (std::size_t i = 0; i < base32.size(); ++i) {
    if (i > 0 && i % 4 == 0) grouped += ' ';
    grouped += base32[i];
  }
  return Enrollment{.secret_base32 = grouped, .qr_svg_data_uri = SvgDataUri(*svg)};
}

base::Status AccountService::SignOut(const SessionRecord& session, std::string_view request_id) {
  return db_.Write([&](storage::Transaction& tx) -> base::Status {
    auto ended = sessions_.End(tx, session, "signed_out");
    if (!ended) return std::unexpected(ended.error());
    return events_.Record(tx, SecurityEvent{.kind = SecurityEventKind::kSignedOut,
                                            .tenant = session.tenant,
                                            .user_id = session.user_id,
                                            .actor_id = std::nullopt,
                                            .request_id = std::string(request_id),
                                            .reason = {}});
  });
}

base::Result<std::int64_t> AccountService::SignOutEverywhere(const SessionRecord& session,
                                                             std::string_view request_id) {
  return db_.Write([&](storage::Transaction& tx) -> base::Result<std::int64_t> {
    auto ended = sessions_.EndAllForUser(tx, session.tenant, session.user_id, "signed_out_all");
    if (!ended) return ended;
    auto ok = events_.Record(tx, SecurityEvent{.kind = SecurityEventKind::kSessionsEnded,
                                               .tenant = session.tenant,
                                               .user_id = session.user_id,
                                               .actor_id = session.user_id,
                                               .request_id = std::string(request_id),
                                               .reason = "sign_out_everywhere"});
    if (!ok) return std::unexpected(ok.error());
    return ended;
  });
}

base::Result<std::optional<ResolvedSession>> AccountService::ResolveSession(
    base::TenantId tenant, std::string_view token) {
  // The user, unit and authority are read in the session lookup's transaction: every
  // signed-in request comes through here.
  // A user read before at the same generations is the same user (session_user_cache.h); the
  // generations come in the session's own statement.
  static const std::string lookup = sessions::SessionStore::FindByTokenHashSql(
      AccountStore::kSessionUserGenerationColumns, AccountStore::kSessionUserGenerationJoins);
  std::optional<SessionUser> found_user;
  auto session = sessions_.Resolve(
      tenant, token,
      [&](storage::Transaction& tx, const SessionRecord& record,
          const storage::Row& row) -> base::Status {
        const SessionUserGenerations generations =
            AccountStore::SessionUserGenerationsFromRow(row, sessions::SessionStore::kColumnCount);
        found_user = session_users_->Find(tenant, record.user_id, generations);
        if (found_user) return base::Ok();
        auto found = AccountStore::FindSessionUser(tx, tenant, record.user_id);
        if (!found) return std::unexpected(found.error());
        found_user = std::move(*found);
        if (found_user) session_users_->Store(tenant, generations, *found_user);
        return base::Ok();
      },
      &lookup);
  if (!session) return std::unexpected(session.error());
  if (!session->has_value()) return std::optional<ResolvedSession>();
  const bool allowed = found_user && found_user->active && !found_user->locked &&
                       (!found_user->is_demo || options_.demo_mode);
  if (!allowed) {
    auto ended = db_.Write(
        [&](storage::Transaction& tx) { return sessions_.End(tx, **session, "user_refused"); });
    if (!ended) return std::unexpected(ended.error());
    return std::optional<ResolvedSession>();
  }
  const std::int64_t user_id = (*session)->user_id;
  return std::optional(ResolvedSession{
      .session = std::move(**session),
      .user_id = user_id,
      .roles = std::move(found_user->roles),
      .unit = found_user->unit_exists ? std::optional(found_user->unit) : std::nullopt,
      .authority = found_user->authority});
}

base::Result<Profile> AccountService::ProfileOf(const SessionRecord& session) {
  return db_.Read([&](storage::Transaction& tx) -> base::Result<Profile> {
    auto user = AccountStore::FindById(tx, session.tenant, session.user_id);
    if (!user) return std::unexpected(user.error());
    if (!user->has_value()) {
      return base::Fail(ErrorCode::kUnauthenticated, "Please sign in again.", "no such user");
    }
    auto unit = AccountStore::FindUnit(tx, session.tenant, (*user)->unit);
    if (!unit) return std::unexpected(unit.error());
    auto codes = AccountStore::CountUnusedRecoveryCodes(tx, session.tenant, session.user_id);
    if (!codes) return std::unexpected(codes.error());
    return Profile{.user_id = (*user)->user_id,
                   .username = (*user)->username,
                   .display_name = (*user)->display_name,
                   .unit = unit->value_or(UnitInfo{}),
                   .roles = (*user)->roles,
                   .unused_recovery_codes = *codes};
  });
}

base::Result<Actor> AccountService::ActorForSession(const SessionRecord& session,
                                                    std::string request_id) {
  if (session.stage != SessionStage::kFull) {
    return base::Fail(ErrorCode::kUnauthenticated, "Please sign in.",
                      "session has not passed the second factor");
  }
  auto profile = ProfileOf(session);
  if (!profile) return std::unexpected(profile.error());
  std::vector<std::string> roles;
  for (const Role role : profile->roles) roles.emplace_back(ToString(role));
  return Actor{.tenant = session.tenant,
               .user_id = session.user_id,
               .unit = profile->unit.id,
               .authority = profile->unit.authority,
               .roles = std::move(roles),
               .purpose = {},
               .request_id = std::move(request_id),
               .session_handle = session.public_handle,
               .second_factor_at = session.mfa_at,
               .local_operator = false};
}

base::Result<UserRecord> AccountService::RequireUser(storage::Transaction& tx,
                                                     base::TenantId tenant,
                                                     std::string_view username) const {
  auto user = AccountStore::FindByUsername(tx, tenant, NormaliseUsername(username));
  if (!user) return std::unexpected(user.error());
  if (!user->has_value()) return base::Fail(ErrorCode::kNotFound, "There is no such user.");
  return std::move(**user);
}

base::Result<UserRecord> AccountService::CreateUser(const Actor& actor, base::TenantId tenant,
                                                    const NewUser& input) {
  if (auto ok = RequireAdministrator(actor); !ok) return std::unexpected(ok.error());
  const std::string username = NormaliseUsername(input.username);
  if (!IsValidUsername(username)) {
    return base::FailField("username",
                           "The user name must be 2–64 characters: a–z, 0–9, '.', '_' or '-'.");
  }
  if (input.display_name.empty() || input.display_name.size() > 200 ||
      !CountCodePoints(input.display_name)) {
    return base::FailField("name", "Give the user's name (at most 200 characters).");
  }
  if (input.roles.empty()) return base::FailField("role", "Give the user at least one role.");
  if (auto problem = CheckNewPassword(input.password, username, blocklist_)) {
    return base::FailField("password", std::string(Describe(*problem)));
  }
  auto hashed = hasher_.Hash(input.password).get();
  if (!hashed) return std::unexpected(hashed.error());
  const auto now = clock_.Now();
  return db_.Write([&](storage::Transaction& tx) -> base::Result<UserRecord> {
    auto unit = AccountStore::FindUnitByCode(tx, tenant, input.unit_code);
    if (!unit) return std::unexpected(unit.error());
    if (!unit->has_value()) return base::FailField("unit", "There is no unit with that code.");
    UserRecord user{.tenant = tenant,
                    .user_id = base::NewRowId(),
                    .public_id = base::NewPublicId(),
                    .username = username,
                    .display_name = input.display_name,
                    .unit = (*unit)->id,
                    .password_hash = *hashed,
                    .totp_secret = std::nullopt,
                    .totp_pending = std::nullopt,
                    .totp_last_step = 0,
                    .is_demo = input.is_demo,
                    .active = true,
                    .locked_at = std::nullopt,
                    .roles = input.roles,
                    .version = 1};
    if (input.totp_secret) {
      auto sealed = sealer_.Seal(tenant, user.user_id, kTotpSecretColumn, *input.totp_secret);
      if (!sealed) return std::unexpected(sealed.error());
      user.totp_secret = std::move(*sealed);
    }
    if (auto ok = AccountStore::Insert(tx, user, now); !ok) {
      if (ok.error().code == ErrorCode::kConflict) {
        return base::FailField("username", "That user name is already taken.");
      }
      return std::unexpected(ok.error());
    }
    if (auto ok = events_.Record(tx, SecurityEvent{.kind = SecurityEventKind::kUserCreated,
                                                   .tenant = tenant,
                                                   .user_id = user.user_id,
                                                   .actor_id = actor.user_id,
                                                   .request_id = actor.request_id,
                                                   .reason = {}});
        !ok) {
      return std::unexpected(ok.error());
    }
    return user;
  });
}

base::Result<std::vector<UserSummary>> AccountService::ListUsers(const Actor& actor,
                                                                 base::TenantId tenant) {
  if (auto ok = RequireAdministrator(actor); !ok) return std::unexpected(ok.error());
  return db_.Read([&](storage::Transaction& tx) -> base::Result<std::vector<UserSummary>> {
    auto users = AccountStore::ListAll(tx, tenant);
    if (!users) return std::unexpected(users.error());
    std::vector<UserSummary> out;
    for (const UserRecord& u : *users) {
      auto unit = AccountStore::FindUnit(tx, tenant, u.unit);
      if (!unit) return std::unexpected(unit.error());
      out.push_back(UserSummary{.user_id = u.user_id,
                                .username = u.username,
                                .display_name = u.display_name,
                                .unit_code = *unit ? (*unit)->code : std::string(),
                                .roles = u.roles,
                                .active = u.active,
                                .locked = u.locked_at.has_value(),
                                .totp_enrolled = u.HasTotp(),
                                .is_demo = u.is_demo});
    }
    return out;
  });
}

base::Status AccountService::Deactivate(const Actor& actor, base::TenantId tenant,
                                        std::string_view username) {
  if (auto ok = RequireAdministrator(actor); !ok) return ok;
  return db_.Write([&](storage::Transaction& tx) -> base::Status {
    auto user = RequireUser(tx, tenant, username);
    if (!user) return std::unexpected(user.error());
    if (auto ok = AccountStore::SetActive(tx, tenant, user->user_id, false, clock_.Now()); !ok) {
      return ok;
    }
    auto ended = sessions_.EndAllForUser(tx, tenant, user->user_id, "deactivated");
    if (!ended) return std::unexpected(ended.error());
    return events_.Record(tx, SecurityEvent{.kind = SecurityEventKind::kUserDeactivated,
                                            .tenant = tenant,
                                            .user_id = user->user_id,
                                            .actor_id = actor.user_id,
                                            .request_id = actor.request_id,
                                            .reason = {}});
  });
}

base::Result<std::int64_t> AccountService::EndSessionsOf(const Actor& actor, base::TenantId tenant,
                                                         std::string_view username) {
  if (auto ok = RequireAdministrator(actor); !ok) return std::unexpected(ok.error());
  return db_.Write([&](storage::Transaction& tx) -> base::Result<std::int64_t> {
    auto user = RequireUser(tx, tenant, username);
    if (!user) return std::unexpected(user.error());
    auto ended = sessions_.EndAllForUser(tx, tenant, user->user_id, "ended_by_administrator");
    if (!ended) return ended;
    auto ok = events_.Record(tx, SecurityEvent{.kind = SecurityEventKind::kSessionsEnded,
                                               .tenant = tenant,
                                               .user_id = user->user_id,
                                               .actor_id = actor.user_id,
                                               .request_id = actor.request_id,
                                               .reason = "administrator"});
    if (!ok) return std::unexpected(ok.error());
    return ended;
  });
}

base::Status AccountService::Unlock(const Actor& actor, base::TenantId tenant,
                                    std::string_view username) {
  if (auto ok = RequireAdministrator(actor); !ok) return ok;
  return db_.Write([&](storage::Transaction& tx) -> base::Status {
    auto user = RequireUser(tx, tenant, username);
    if (!user) return std::unexpected(user.error());
    const auto now = clock_.Now();
    if (auto ok = AccountStore::SetLocked(tx, tenant, user->user_id, std::nullopt, now); !ok) {
      return ok;
    }
    if (auto ok = AccountStore::ClearFailures(tx, tenant, AccountSubject(user->username)); !ok) {
      return ok;
    }
    return events_.Record(tx, SecurityEvent{.kind = SecurityEventKind::kAccountUnlocked,
                                            .tenant = tenant,
                                            .user_id = user->user_id,
                                            .actor_id = actor.user_id,
                                            .request_id = actor.request_id,
                                            .reason = {}});
  });
}

}  // namespace fyren::trust::accounts
