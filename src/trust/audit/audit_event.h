#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/ids.h"
#include "base/result.h"
#include "trust/actor.h"
#include "trust/crypto/chain_hash.h"

namespace fyren::trust::audit {

// What an audit entry may say, and nothing more. DESIGN.md (Audit): no names, identity numbers
// or free text in the audit log. That rule is enforced by the types below: every field is an
// internal id, a code from a closed list, a bitset, or a RequestId whose shape is checked. There
// is no field a caller could put a name into.
//
// Every closed list is stored as its text code (stable, readable in SQL). Adding a value is a
// code change; renaming or removing one would break the meaning of old entries and is not done.

enum class Action {
  kRead,
  kSearch,
  kRevealIdentity,  // the deliberate click that shows a person's full identity
  kCreate,
  kUpdate,
  kDelete,
  kExport,
  kPrint,
  kShare,
  kLogin,
  kLoginFailed,
  kLogout,
  kDenied,
  kEmergencyAccess,
  kLockout,
  kPasswordChange,
  kKeyRotation,
  kRetentionRun,
  kStepUp,  // the second factor asked again before an export or emergency access
};

enum class Outcome { kAllowed, kDenied };

// Why the data was used. Actor::purpose carries one of these codes.
enum class Purpose {
  kCaseWork,  // handläggning
  kOutreach,  // uppsökande arbete
  kReferral,  // remiss, orosanmälan
  kFollowUp,  // uppföljning
  kStatistics,
  kLogReview,       // logguppföljning
  kAdministration,  // users, organisations, keys
  kAuthentication,  // login, logout, lockout
  kEmergency,       // nödåtkomst
  kSystem,          // background jobs (retention, key rotation)
  kPublic,          // an anonymous visitor of a public page
};

// The kind of record an entry is about.
enum class RecordType {
  kPerson,
  kCase,
  kSipPlan,
  kReportOfConcern,
  kIntervention,
  kConsent,
  kDocument,
  kOutreachShift,
  kOrganisation,
  kUser,
  kSession,
  kDataKey,
  kStatisticsRelease,
  kAuditLog,
  kScreening,     // a recorded screening (domain/screening)
  kReferral,      // a referral between organisations (domain/referral)
  kConsultation,  // an anonymous consultation to the competence centre (domain/referral)
};

// What made an access unusual (bits of AuditEvent::flags); log reviewers filter on these
// (FlaggedEntries). The caller decides them: the access policy knows the unit, the protected
// identity and the emergency; night time is judged in the tenant's local time.
inline constexpr std::uint32_t kFlagProtectedIdentity = 1U << 0;
inline constexpr std::uint32_t kFlagEmergencyAccess = 1U << 1;
inline constexpr std::uint32_t kFlagOutsideOwnUnit = 1U << 2;
inline constexpr std::uint32_t kFlagNightTime = 1U << 3;
inline constexpr std::uint32_t kFlagBulk = 1U << 4;
// A partner organisation's user read what an active consent shares with it. Lawful by consent,
// but outside the owning authority, so reviewers see it apart from outside-own-unit access and
// can check that a consent covered it.
inline constexpr std::uint32_t kFlagViaShare = 1U << 5;
inline constexpr std::uint32_t kAllAuditFlags = kFlagProtectedIdentity | kFlagEmergencyAccess |
                                                kFlagOutsideOwnUnit | kFlagNightTime | kFlagBulk |
                                                kFlagViaShare;

[[nodiscard]] std::string_view ToString(Action action);
[[nodiscard]] std::string_view ToString(Outcome outcome);
[[nodiscard]] std::string_view ToString(Purpose purpose);
[[nodiscard]] std::string_view ToString(RecordType type);
// nullopt for a code that is not on the list.
[[nodiscard]] std::optional<Action> ParseAction(std::string_view code);
[[nodiscard]] std::optional<Outcome> ParseOutcome(std::string_view code);
[[nodiscard]] std::optional<Purpose> ParsePurpose(std::string_view code);
[[nodiscard]] std::optional<RecordType> ParseRecordType(std::string_view code);

// The id that ties an entry to the request log: 8 to 64 characters of [A-Za-z0-9-]. The shape
// check is what keeps free text out of the one string an entry carries.
class RequestId {
 public:
  // kInvalidInput (field "request_id") for any other shape.
  [[nodiscard]] static base::Result<RequestId> Parse(std::string_view text);
  [[nodiscard]] const std::string& str() const { return value_; }
  bool operator==(const RequestId&) const = default;

 private:
  explicit RequestId(std::string value) : value_(std::move(value)) {}
  std::string value_;
};

// One thing that happened, as a service reports it. The time, sequence number and hashes are
// added when it is appended (AuditEntry).
struct AuditEvent {
  base::TenantId tenant;
  std::optional<std::int64_t> actor_user_id;  // nullopt: anonymous or unknown (failed login)
  std::optional<base::OrganisationId> unit;
  std::optional<base::OrganisationId> authority;
  Action action = Action::kRead;
  Outcome outcome = Outcome::kAllowed;
  std::optional<RecordType> record_type;  // set together with record_id, or neither
  std::optional<std::int64_t> record_id;
  std::optional<std::int64_t> person_id;  // the person the record is about, if any
  Purpose purpose = Purpose::kCaseWork;
  std::uint32_t flags = 0;  // kFlag... bits
  RequestId request_id;
};

// kInvalidInput naming the field when: the tenant or an id is not positive, only one of
// record_type / record_id is set, flags hold an unknown bit, or the action is kDenied with an
// allowed outcome.
[[nodiscard]] base::Status ValidateEvent(const AuditEvent& event);

// An event for `actor` (tenant, user, unit, authority, purpose, request id). kInvalidInput when
// the actor's purpose is not a Purpose code or its request id has the wrong shape.
[[nodiscard]] base::Result<AuditEvent> EventFor(const Actor& actor, Action action,
                                                Outcome outcome = Outcome::kAllowed);

// An appended event: its place in the tenant's chain and the hashes that link it.
struct AuditEntry {
  AuditEvent event;
  std::int64_t seq = 0;          // 1, 2, 3, ... per tenant, without gaps
  std::int64_t occurred_at = 0;  // microseconds since the Unix epoch (UTC)
  crypto::ChainHash prev_hash{};
  crypto::ChainHash hash{};
};

}  // namespace fyren::trust::audit
