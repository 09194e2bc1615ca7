#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace fyren::screening {

// A screening instrument as data (content/instruments/*.toml, docs/instruments.md). Instruments
// are editable content written for Fyren, not validated instruments; a municipality swaps in its
// licensed one with the `instruments.dir` setting. Everything here is immutable after loading.

// Text in both UI languages. Both are required by the loader.
struct LocalText {
  std::string sv;
  std::string en;
  [[nodiscard]] const std::string& In(std::string_view locale) const {
    return locale == "en" ? en : sv;
  }
};

enum class AnswerType { kYesNo, kYesNoUnknown, kScale0To3, kChoice, kFreeText };

enum class Level { kNoConcern, kPossibleConcern, kClearConcern };

// Who the screening is about: someone exposed or at risk, or someone who exploits others.
enum class SubjectKind { kAtRisk, kExploitsOthers };

// What an instrument recommends at a level. A closed list, because pages turn some of them into
// links (report of concern, referral) and the codes are stored with nothing else to explain them.
enum class Action {
  kConsultCompetenceCentre,
  kReportOfConcern,
  kOfferDistrictCoordinator,
  kContactBarnahus,
  kTalkToGuardianNotIfSuspect,
  kOfferSupportConversation,
  kGiveInformation,
  kReferToKast,
  kReferToHealthCare,
  kContinueRoutine,
};

enum class Audience { kAdult, kYouth, kEasyRead, kProfessional };

// One possible answer of an item: its code (stored and sent by forms), label and weight.
struct AnswerOption {
  std::string code;
  LocalText label;
  std::int32_t weight = 0;
};

struct Item {
  std::string id;
  LocalText text;
  LocalText help;  // may be empty in both languages
  AnswerType type = AnswerType::kYesNo;
  bool required = true;
  std::vector<AnswerOption> options;  // empty for free text
  bool red_flag = false;              // answered "yes" → clear concern, whatever the score
};

struct Recommendation {
  Level level = Level::kNoConcern;
  Action action = Action::kContinueRoutine;
  LocalText text;
};

struct Thresholds {
  std::int32_t possible_concern = 1;  // score ≥ this → possible concern
  std::int32_t clear_concern = 2;     // score ≥ this → clear concern
};

struct Instrument {
  std::string id;
  std::int32_t version = 1;
  Audience audience = Audience::kAdult;
  LocalText title;
  LocalText intro;
  std::vector<Item> items;
  Thresholds thresholds;
  std::vector<Recommendation> recommendations;
  std::vector<SubjectKind> subject_kinds;
  std::string source;  // where it was loaded from (for messages), e.g. "content/instruments/x.toml"

  // The index of the item with this id, or nullopt.
  [[nodiscard]] std::optional<std::size_t> ItemIndex(std::string_view item_id) const;
  [[nodiscard]] bool Allows(SubjectKind kind) const;
  // The recommendations for `level`, in file order.
  [[nodiscard]] std::vector<const Recommendation*> RecommendationsFor(Level level) const;
};

// The answer codes of a fixed answer type (choice and free text have none).
[[nodiscard]] std::span<const std::string_view> FixedAnswerCodes(AnswerType type);

[[nodiscard]] std::string_view ToString(AnswerType type);
[[nodiscard]] std::string_view ToString(Level level);
[[nodiscard]] std::string_view ToString(SubjectKind kind);
[[nodiscard]] std::string_view ToString(Action action);
[[nodiscard]] std::string_view ToString(Audience audience);
[[nodiscard]] std::optional<AnswerType> ParseAnswerType(std::string_view code);
[[nodiscard]] std::optional<Level> ParseLevel(std::string_view code);
[[nodiscard]] std::optional<SubjectKind> ParseSubjectKind(std::string_view code);
[[nodiscard]] std::optional<Action> ParseAction(std::string_view code);
[[nodiscard]] std::optional<Audience> ParseAudience(std::string_view code);

}  // namespace fyren::screening
