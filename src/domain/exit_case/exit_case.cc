#include "domain/exit_case/exit_case.h"

#include <algorithm>
#include <array>
#include <utility>

namespace fyren::exit_case {
namespace {

template <typename E, std::size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& names, E value) {
  for (const auto& [e, name] : names) {
    if (e == value) return name;
  }
  return "unknown";
}

template <typename E, std::size_t N>
std::optional<E> ParseName(const std::array<std::pair<E, std::string_view>, N>& names,
                           std::string_view code) {
  for (const auto& [e, name] : names) {
    if (name == code) return e;
  }
  return std::nullopt;
}

// The codes stored in the database and used in forms and JSON (migrations/*/0007_exit_cases.sql).
constexpr std::array<std::pair<CaseStatus, std::string_view>, 3> kStatusNames{{
    {CaseStatus::kOpen, "open"},
    {CaseStatus::kPaused, "paused"},
    {CaseStatus::kClosed, "closed"},
}};
constexpr std::array<std::pair<CloseReason, std::string_view>, 7> kReasonNames{{
    {CloseReason::kGoalsReached, "goals_reached"},
    {CloseReason::kMovedAway, "moved_away"},
    {CloseReason::kPersonDeclined, "person_declined"},
    {CloseReason::kNoContact, "no_contact"},
    {CloseReason::kTransferred, "transferred"},
    {CloseReason::kDeceased, "deceased"},
    {CloseReason::kOther, "other"},
}};
constexpr std::array<std::pair<ConsentPurpose, std::string_view>, 3> kPurposeNames{{
    {ConsentPurpose::kSipPlanning, "sip_planning"},
    {ConsentPurpose::kShareWithOrganisation, "share_with_organisation"},
    {ConsentPurpose::kStatistics, "statistics"},
}};
constexpr std::array<std::pair<ConsentGiven, std::string_view>, 3> kGivenNames{{
    {ConsentGiven::kWritten, "written"},
    {ConsentGiven::kOral, "oral"},
    {ConsentGiven::kDigital, "digital"},
}};
constexpr std::array<std::pair<SipPart, std::string_view>, 5> kPartNames{{
    {SipPart::kGoals, "goals"},
    {SipPart::kInterventions, "interventions"},
    {SipPart::kMeetings, "meetings"},
    {SipPart::kFollowups, "followups"},
    {SipPart::kContact, "contact"},
}};

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string_view ToString(CaseStatus status) { return NameOf(kStatusNames, status); }
std::string_view ToString(CloseReason reason) { return NameOf(kReasonNames, reason); }
std::string_view ToString(ConsentPurpose purpose) { return NameOf(kPurposeNames, purpose); }
std::string_view ToString(ConsentGiven how) { return NameOf(kGivenNames, how); }
std::string_view ToString(SipPart part) { return NameOf(kPartNames, part); }

std::optional<CaseStatus> ParseCaseStatus(std::string_view code) {
  return ParseName(kStatusNames, code);
}
std::optional<CloseReason> ParseCloseReason(std::string_view code) {
  return ParseName(kReasonNames, code);
}
std::optional<ConsentPurpose> ParseConsentPurpose(std::string_view code) {
  return ParseName(kPurposeNames, code);
}
std::optional<ConsentGiven> ParseConsentGiven(std::string_view code) {
  return ParseName(kGivenNames, code);
}
std::optional<SipPart> ParseSipPart(std::string_view code) { return ParseName(kPartNames, code); }

std::string JoinSipParts(const SipParts& parts) {
  std::string out;
  for (const SipPart part : parts) {
    if (!out.empty()) out += ',';
    out += ToString(part);
  }
  return out;
}

std::optional<SipParts> ParseSipParts(std::string_view text) {
  SipParts parts;
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    const std::string_view code = Trim(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    if (code.empty()) continue;
    const auto part = ParseSipPart(code);
    if (!part) return std::nullopt;
    if (!Contains(parts, *part)) parts.push_back(*part);
  }
  // Canonical order (kAllSipParts is in enum order) so equal sets compare and store equal.
  std::ranges::sort(parts);
  return parts;
}

bool Contains(const SipParts& parts, SipPart part) {
  return std::ranges::find(parts, part) != parts.end();
}

std::string FormatCaseNumber(std::string_view authority_code, int year, std::int64_t seq) {
  std::string digits = std::to_string(seq);
  if (digits.size() < 4) digits.insert(0, 4 - digits.size(), '0');
  std::string out(authority_code);
  out += '-';
  out += std::to_string(year);
  out += '-';
  out += digits;
  return out;
}

}  // namespace fyren::exit_case
