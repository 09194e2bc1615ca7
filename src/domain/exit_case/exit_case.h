#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/ids.h"
#include "base/strong_id.h"

namespace fyren::exit_case {

struct CaseTag {};
using CaseId = base::StrongId<CaseTag>;
struct ConsentTag {};
using ConsentId = base::StrongId<ConsentTag>;

// An exit case is open (work goes on), paused (kept, nothing planned for now) or closed (with a
// reason). Only a closed case lets the person have a new one.
enum class CaseStatus { kOpen, kPaused, kClosed };

// Why a case was closed; the optional sealed note says the rest.
enum class CloseReason {
  kGoalsReached,
  kMovedAway,
  kPersonDeclined,
  kNoContact,
  kTransferred,
  kDeceased,
  kOther
};

// What a consent is for: planning the SIP, sharing named SIP parts with one organisation, or
// counting the case in de-identified statistics.
enum class ConsentPurpose { kSipPlanning, kShareWithOrganisation, kStatistics };

enum class ConsentGiven { kWritten, kOral, kDigital };

// The parts of a SIP a share consent can name (the partner sees only these).
enum class SipPart { kGoals, kInterventions, kMeetings, kFollowups, kContact };

inline constexpr SipPart kAllSipParts[] = {SipPart::kGoals, SipPart::kInterventions,
                                           SipPart::kMeetings, SipPart::kFollowups,
                                           SipPart::kContact};

[[nodiscard]] std::string_view ToString(CaseStatus status);
[[nodiscard]] std::string_view ToString(CloseReason reason);
[[nodiscard]] std::string_view ToString(ConsentPurpose purpose);
[[nodiscard]] std::string_view ToString(ConsentGiven how);
[[nodiscard]] std::string_view ToString(SipPart part);
[[nodiscard]] std::optional<CaseStatus> ParseCaseStatus(std::string_view code);
[[nodiscard]] std::optional<CloseReason> ParseCloseReason(std::string_view code);
[[nodiscard]] std::optional<ConsentPurpose> ParseConsentPurpose(std::string_view code);
[[nodiscard]] std::optional<ConsentGiven> ParseConsentGiven(std::string_view code);
[[nodiscard]] std::optional<SipPart> ParseSipPart(std::string_view code);

// A set of SIP parts, kept sorted in kAllSipParts order without repeats.
using SipParts = std::vector<SipPart>;
// "goals,meetings" (the stored form); empty for no parts.
[[nodiscard]] std::string JoinSipParts(const SipParts& parts);
// Parses codes separated by commas (spaces around them ignored); nullopt if any code is unknown.
[[nodiscard]] std::optional<SipParts> ParseSipParts(std::string_view text);
[[nodiscard]] bool Contains(const SipParts& parts, SipPart part);

// "<authority code>-<year>-<seq 4 digits>", e.g. "SN-CEN-2026-0007" (more digits past 9999).
[[nodiscard]] std::string FormatCaseNumber(std::string_view authority_code, int year,
                                           std::int64_t seq);

}  // namespace fyren::exit_case
