#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "domain/screening/instrument.h"

namespace fyren::screening {

// One answer as a form or the API sends it: item id and answer code (or the text of a free-text
// item).
struct AnswerInput {
  std::string item_id;
  std::string value;
};

// What is wrong with the answers, per item. `field` is the item id ("" for the whole set);
// `code` is "answer.required", "answer.invalid" or "answer.unknown_item"; `message` is English
// (pages translate by code).
struct AnswerProblem {
  std::string field;
  std::string code;
  std::string message;
};

// Answers in item order, ready for ScoringTable::Evaluate, with the free texts beside them.
struct EncodedAnswers {
  std::vector<std::uint8_t> indexes;    // one per item; kUnanswered when none
  std::vector<std::string> free_texts;  // one per item; empty except for free-text items
  std::vector<AnswerProblem> problems;  // unknown items and codes that are not an answer
};

inline constexpr std::size_t kMaxFreeTextBytes = 2000;

// Pure; empty values count as unanswered. A later answer to the same item replaces an earlier.
[[nodiscard]] EncodedAnswers EncodeAnswers(const Instrument& instrument,
                                           std::span<const AnswerInput> answers);

// The answers as a JSON object {"item id": "answer code or text", ...}: what is sealed at rest.
[[nodiscard]] std::string AnswersToJson(const Instrument& instrument,
                                        const EncodedAnswers& answers);
// The inverse, for showing a stored screening. kInvalidInput for text that is not such an object.
[[nodiscard]] base::Result<std::vector<AnswerInput>> AnswersFromJson(std::string_view json);

// A problem per required item left unanswered, from Evaluate's missing_required.
[[nodiscard]] std::vector<AnswerProblem> MissingProblems(const Instrument& instrument,
                                                         std::span<const std::uint16_t> missing);

}  // namespace fyren::screening
