#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fyren::tasks {

// A task in one user's inbox (migrations/*/0012_tasks.sql). Tasks hold no personal data: a kind,
// a due date, the case they are about and a payload of codes and ids; the inbox shows the case
// number, and opening the case is what reads (and audits) personal data.

// What made the task.
inline constexpr std::string_view kKindFollowUpDue = "follow_up_due";  // sips.next_follow_up_on
inline constexpr std::string_view kKindInterventionEnds = "intervention_ends";  // planned_end_on
inline constexpr std::string_view kKindConsentExpires = "consent_expires";    // consents.expires_at
inline constexpr std::string_view kKindContinuityGuard = "continuity_guard";  // a guard event

inline constexpr std::string_view kStateOpen = "open";
inline constexpr std::string_view kStateDone = "done";

// A task to create. `source_key` names its cause, unique per tenant and kind: creating the same
// (kind, source_key) twice leaves the first task alone.
struct NewTask {
  std::int64_t user_id = 0;
  std::string kind;
  std::optional<std::int64_t> case_id;
  std::string source_key;
  std::string due_on;          // Swedish calendar date 'YYYY-MM-DD'
  std::string payload = "{}";  // JSON of codes and internal ids, never free text
};

// An open task as the inbox shows it, with the case's public id and number when it has a case.
struct InboxTask {
  std::string public_id;
  std::string kind;
  std::string due_on;
  std::string payload;
  std::optional<std::string> case_public_id;
  std::optional<std::string> case_number;
  std::int64_t created_at = 0;
};

}  // namespace fyren::tasks
