#include "trust/audit/audit_event.h"

#include <array>
#include <utility>

namespace fyren::trust::audit {
namespace {

using base::ErrorCode;
using base::FailField;

// The code tables. Indexed by the enum's value, so a new enumerator without a code fails the
// static_asserts below instead of printing garbage.
constexpr std::array<std::string_view, 19> kActionCodes = {
    "read",
    "search",
    "reveal_identity",
    "create",
    "update",
    "delete",
    "export",
    "print",
    "share",
    "login",
    "login_failed",
    "logout",
    "denied",
    "emergency_access",
    "lockout",
    "password_change",
    "key_rotation",
    "retention_run",
    "step_up",
};
static_assert(kActionCodes.size() == static_cast<std::size_t>(Action::kStepUp) + 1);

constexpr std::array<std::string_view, 2> kOutcomeCodes = {"allowed", "denied"};
static_assert(kOutcomeCodes.size() == static_cast<std::size_t>(Outcome::kDenied) + 1);

constexpr std::array<std::string_view, 11> kPurposeCodes = {
    "case_work",      "outreach",       "referral",  "follow_up", "statistics", "log_review",
    "administration", "authentication", "emergency", "system",    "public",
};
static_assert(kPurposeCodes.size() == static_cast<std::size_t>(Purpose::kPublic) + 1);

constexpr std::array<std::string_view, 17> kRecordTypeCodes = {
    "person",   "case",         "sip_plan",           "report_of_concern", "intervention",
    "consent",  "document",     "outreach_shift",     "organisation",      "user",
    "session",  "data_key",     "statistics_release", "audit_log",         "screening",
    "referral", "consultation",
};
static_assert(kRecordTypeCodes.size() == static_cast<std::size_t>(RecordType::kConsultation) + 1);

template <typename E, std::size_t N>
std::optional<E> ParseCode(const std::array<std::string_view, N>& codes, std::string_view code) {
  for (std::size_t i = 0; i < N; ++i) {
    if (codes[i] == code) return static_cast<E>(i);
  }
  return std::nullopt;
}

bool IsRequestIdChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

}  // namespace

std::string_view ToString(Action action) { return kActionCodes.at(std::to_underlying(action)); }
std::string_view ToString(Outcome outcome) { return kOutcomeCodes.at(std::to_underlying(outcome)); }
std::string_view ToString(Purpose purpose) { return kPurposeCodes.at(std::to_underlying(purpose)); }
std::string_view ToString(RecordType type) { return kRecordTypeCodes.at(std::to_underlying(type)); }

std::optional<Action> ParseAction(std::string_view code) {
  return ParseCode<Action>(kActionCodes, code);
}
std::optional<Outcome> ParseOutcome(std::string_view code) {
  return ParseCode<Outcome>(kOutcomeCodes, code);
}
std::optional<Purpose> ParsePurpose(std::string_view code) {
  return ParseCode<Purpose>(kPurposeCodes, code);
}
std::optional<RecordType> ParseRecordType(std::string_view code) {
  return ParseCode<RecordType>(kRecordTypeCodes, code);
}

base::Result<RequestId> RequestId::Parse(std::string_view text) {
  if (text.size() < 8 || text.size() > 64) {
    return FailField("request_id", "a request id has 8 to 64 characters");
  }
  for (const char c : text) {
    if (!IsRequestIdChar(c)) {
      return FailField("request_id", "a request id holds only letters A-Z, digits and '-'");
    }
  }
  return RequestId(std::string(text));
}

base::Status ValidateEvent(const AuditEvent& event) {
  if (event.tenant.value() <= 0) return FailField("tenant", "the tenant id must be positive");
  const auto positive = [](const auto& id) { return !id || id->value() > 0; };
  const auto positive_int = [](const std::optional<std::int64_t>& id) { return !id || *id > 0; };
  if (!positive_int(event.actor_user_id)) {
    return FailField("actor_user_id", "a user id must be positive");
  }
  if (!positive(event.unit)) return FailField("unit", "a unit id must be positive");
  if (!positive(event.authority)) return FailField("authority", "an authority id must be positive");
  if (event.record_type.has_value() != event.record_id.has_value()) {
    return FailField("record_id", "record type and record id are given together or not at all");
  }
  if (!positive_int(event.record_id)) return FailField("record_id", "a record id must be positive");
  if (!positive_int(event.person_id)) return FailField("person_id", "a person id must be positive");
  if ((event.flags & ~kAllAuditFlags) != 0) return FailField("flags", "unknown audit flag");
  if (event.action == Action::kDenied && event.outcome != Outcome::kDenied) {
    return FailField("outcome", "a denial has the outcome denied");
  }
  return base::Ok();
}

base::Result<AuditEvent> EventFor(const Actor& actor, Action action, Outcome outcome) {
  const auto purpose = ParsePurpose(actor.purpose);
  if (!purpose) return FailField("purpose", "the actor's purpose is not a known purpose code");
  auto request_id = RequestId::Parse(actor.request_id);
  if (!request_id) return std::unexpected(request_id.error());
  return AuditEvent{.tenant = actor.tenant,
                    .actor_user_id = actor.user_id,
                    .unit = actor.unit,
                    .authority = actor.authority,
                    .action = action,
                    .outcome = outcome,
                    .record_type = std::nullopt,
                    .record_id = std::nullopt,
                    .person_id = std::nullopt,
                    .purpose = *purpose,
                    .flags = 0,
                    .request_id = std::move(*request_id)};
}

}  // namespace fyren::trust::audit
