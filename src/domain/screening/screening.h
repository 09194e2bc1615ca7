#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/screening/answers.h"
#include "domain/screening/instrument.h"

namespace fyren::screening {

// Ways to describe an anonymous subject (no names): closed lists, also CHECKed in
// migrations/*/0009_screenings.sql.
[[nodiscard]] std::span<const std::string_view> AgeBandCodes();
[[nodiscard]] std::span<const std::string_view> GenderCodes();
[[nodiscard]] std::span<const std::string_view> SettingCodes();
[[nodiscard]] bool IsCodeIn(std::span<const std::string_view> codes, std::string_view code);

// What a form or the API sends to record a screening. Either `person_public_id` (a registered
// person in the actor's scope) or, when it is empty, the three anonymous fields.
struct ScreeningInput {
  std::string instrument_id;
  std::string subject_kind;  // "at_risk" or "exploits_others"
  std::string person_public_id;
  std::string age_band;
  std::string gender;
  std::string setting;
  std::vector<AnswerInput> answers;
};

// Record's result: the new screening's public id and level, or the problems (nothing written).
// Problems name their field: "instrument", "subject_kind", "person", "age_band", "gender",
// "setting", or an item id.
struct RecordOutcome {
  std::string public_id;
  Level level = Level::kNoConcern;
  std::vector<AnswerProblem> problems;
};

// Describes the subject of an anonymous screening.
struct AnonymousSubject {
  std::string age_band;
  std::string gender;
  std::string setting;
};

// A screening as shown to someone allowed to read it.
struct ScreeningRecord {
  std::string public_id;
  std::string instrument_id;
  std::int32_t instrument_version = 1;
  SubjectKind subject_kind = SubjectKind::kAtRisk;
  std::optional<std::string> person_public_id;  // nullopt: anonymous
  std::optional<AnonymousSubject> anonymous;
  Level level = Level::kNoConcern;
  std::int32_t score = 0;
  std::vector<AnswerInput> answers;  // opened from the sealed JSON
  bool recorded_by_actor = false;
  std::int64_t recorded_at = 0;  // µs since the epoch
};

// A screening in a list: nothing sealed is opened.
struct ScreeningSummary {
  std::string public_id;
  std::string instrument_id;
  SubjectKind subject_kind = SubjectKind::kAtRisk;
  Level level = Level::kNoConcern;
  std::optional<std::string> person_public_id;
  std::int64_t recorded_at = 0;
};

// What a follow-up (a report of concern, a referral) may prefill from a screening: no answers.
struct ScreeningOutline {
  std::string public_id;
  std::string instrument_id;
  Level level = Level::kNoConcern;
  SubjectKind subject_kind = SubjectKind::kAtRisk;
  std::vector<Action> recommended_actions;  // for the screening's level, in instrument order
  std::optional<std::string> person_public_id;
  std::optional<AnonymousSubject> anonymous;
};

}  // namespace fyren::screening
