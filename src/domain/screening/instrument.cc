#include "domain/screening/instrument.h"

#include <array>
#include <utility>

namespace fyren::screening {
namespace {

constexpr std::array<std::string_view, 5> kAnswerTypeCodes = {"yes_no", "yes_no_unknown",
                                                              "scale0_3", "choice", "free_text"};
static_assert(kAnswerTypeCodes.size() == std::to_underlying(AnswerType::kFreeText) + 1);

constexpr std::array<std::string_view, 3> kLevelCodes = {"no_concern", "possible_concern",
                                                         "clear_concern"};
static_assert(kLevelCodes.size() == std::to_underlying(Level::kClearConcern) + 1);

constexpr std::array<std::string_view, 2> kSubjectKindCodes = {"at_risk", "exploits_others"};
static_assert(kSubjectKindCodes.size() == std::to_underlying(SubjectKind::kExploitsOthers) + 1);

constexpr std::array<std::string_view, 10> kActionCodes = {
    "consult_competence_centre",
    "report_of_concern",
    "offer_district_coordinator",
    "contact_barnahus",
    "talk_to_guardian_not_if_suspect",
    "offer_support_conversation",
    "give_information",
    "refer_to_kast",
    "refer_to_health_care",
    "continue_routine",
};
static_assert(kActionCodes.size() == std::to_underlying(Action::kContinueRoutine) + 1);

constexpr std::array<std::string_view, 4> kAudienceCodes = {"adult", "youth", "easy_read",
                                                            "professional"};
static_assert(kAudienceCodes.size() == std::to_underlying(Audience::kProfessional) + 1);

constexpr std::array<std::string_view, 2> kYesNo = {"yes", "no"};
constexpr std::array<std::string_view, 3> kYesNoUnknown = {"yes", "no", "unknown"};
constexpr std::array<std::string_view, 4> kScale = {"0", "1", "2", "3"};

template <typename E, std::size_t N>
std::optional<E> ParseCode(const std::array<std::string_view, N>& codes, std::string_view code) {
  for (std::size_t i = 0; i < N; ++i) {
    if (codes[i] == code) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::size_t> Instrument::ItemIndex(std::string_view item_id) const {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].id == item_id) return i;
  }
  return std::nullopt;
}

bool Instrument::Allows(SubjectKind kind) const {
  for (SubjectKind allowed : subject_kinds) {
    if (allowed == kind) return true;
  }
  return false;
}

std::vector<const Recommendation*> Instrument::RecommendationsFor(Level level) const {
  std::vector<const Recommendation*> out;
  for (const Recommendation& r : recommendations) {
    if (r.level == level) out.push_back(&r);
  }
  return out;
}

std::span<const std::string_view> FixedAnswerCodes(AnswerType type) {
  switch (type) {
    case AnswerType::kYesNo:
      return kYesNo;
    case AnswerType::kYesNoUnknown:
      return kYesNoUnknown;
    case AnswerType::kScale0To3:
      return kScale;
    case AnswerType::kChoice:
    case AnswerType::kFreeText:
      break;
  }
  return {};
}

std::string_view ToString(AnswerType type) { return kAnswerTypeCodes.at(std::to_underlying(type)); }
std::string_view ToString(Level level) { return kLevelCodes.at(std::to_underlying(level)); }
std::string_view ToString(SubjectKind kind) {
  return kSubjectKindCodes.at(std::to_underlying(kind));
}
std::string_view ToString(Action action) { return kActionCodes.at(std::to_underlying(action)); }
std::string_view ToString(Audience audience) {
  return kAudienceCodes.at(std::to_underlying(audience));
}

std::optional<AnswerType> ParseAnswerType(std::string_view code) {
  return ParseCode<AnswerType>(kAnswerTypeCodes, code);
}
std::optional<Level> ParseLevel(std::string_view code) {
  return ParseCode<Level>(kLevelCodes, code);
}
std::optional<SubjectKind> ParseSubjectKind(std::string_view code) {
  return ParseCode<SubjectKind>(kSubjectKindCodes, code);
}
std::optional<Action> ParseAction(std::string_view code) {
  return ParseCode<Action>(kActionCodes, code);
}
std::optional<Audience> ParseAudience(std::string_view code) {
  return ParseCode<Audience>(kAudienceCodes, code);
}

}  // namespace fyren::screening
