#include "domain/concern/concern.h"

#include <array>

namespace fyren::concern {
namespace {

constexpr std::array<std::string_view, 6> kStatusCodes = {"new",           "received",   "assessed",
                                                          "investigating", "not_opened", "closed"};
constexpr std::array<std::string_view, 2> kOutcomeCodes = {"immediate_protection",
                                                           "no_immediate_protection"};
constexpr std::array<std::string_view, 2> kDecisionCodes = {"open_investigation",
                                                            "no_investigation"};

template <typename E, std::size_t N>
std::optional<E> ParseCode(const std::array<std::string_view, N>& codes, std::string_view text) {
  for (std::size_t i = 0; i < N; ++i) {
    if (codes[i] == text) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view ToString(ReportStatus status) {
  return kStatusCodes.at(static_cast<std::size_t>(status));
}
std::optional<ReportStatus> ParseReportStatus(std::string_view text) {
  return ParseCode<ReportStatus>(kStatusCodes, text);
}
std::string_view ToString(AssessmentOutcome outcome) {
  return kOutcomeCodes.at(static_cast<std::size_t>(outcome));
}
std::optional<AssessmentOutcome> ParseAssessmentOutcome(std::string_view text) {
  return ParseCode<AssessmentOutcome>(kOutcomeCodes, text);
}
std::string_view ToString(InvestigationDecision decision) {
  return kDecisionCodes.at(static_cast<std::size_t>(decision));
}
std::optional<InvestigationDecision> ParseInvestigationDecision(std::string_view text) {
  return ParseCode<InvestigationDecision>(kDecisionCodes, text);
}

}  // namespace fyren::concern
