#include "domain/screening/answers.h"

#include <nlohmann/json.hpp>

#include "base/utf8.h"
#include "domain/screening/scoring.h"

namespace fyren::screening {

EncodedAnswers EncodeAnswers(const Instrument& instrument, std::span<const AnswerInput> answers) {
  EncodedAnswers out;
  out.indexes.assign(instrument.items.size(), kUnanswered);
  out.free_texts.assign(instrument.items.size(), std::string());
  // Forms and clients send answers in item order, so the item after the previous one is tried
  // before a search: decoding stays linear in the number of answers.
  std::size_t next = 0;
  for (const AnswerInput& answer : answers) {
    std::optional<std::size_t> index;
    if (next < instrument.items.size() && instrument.items[next].id == answer.item_id) {
      index = next;
    } else {
      index = instrument.ItemIndex(answer.item_id);
    }
    if (index) next = *index + 1;
    if (!index) {
      out.problems.push_back({.field = "",
                              .code = "answer.unknown_item",
                              .message = "The instrument has no such question."});
      continue;
    }
    const Item& item = instrument.items[*index];
    if (answer.value.empty()) {
      out.indexes[*index] = kUnanswered;
      out.free_texts[*index].clear();
      continue;
    }
    if (item.type == AnswerType::kFreeText) {
      if (answer.value.size() > kMaxFreeTextBytes || !base::IsValidUtf8(answer.value)) {
        out.problems.push_back({.field = item.id,
                                .code = "answer.too_long",
                                .message = "The answer is longer than 2000 characters."});
        continue;
      }
      out.indexes[*index] = 0;
      out.free_texts[*index] = answer.value;
      continue;
    }
    bool found = false;
    for (std::size_t k = 0; k < item.options.size(); ++k) {
      if (item.options[k].code == answer.value) {
        out.indexes[*index] = static_cast<std::uint8_t>(k);
        found = true;
        break;
      }
    }
    if (!found) {
      out.problems.push_back({.field = item.id,
                              .code = "answer.invalid",
                              .message = "Choose one of the answers given."});
    }
  }
  return out;
}

std::string AnswersToJson(const Instrument& instrument, const EncodedAnswers& answers) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (std::size_t i = 0; i < instrument.items.size() && i < answers.indexes.size(); ++i) {
    const Item& item = instrument.items[i];
    if (answers.indexes[i] == kUnanswered) continue;
    if (item.type == AnswerType::kFreeText) {
      out[item.id] = answers.free_texts[i];
    } else if (answers.indexes[i] < item.options.size()) {
      out[item.id] = item.options[answers.indexes[i]].code;
    }
  }
  return out.dump();
}

base::Result<std::vector<AnswerInput>> AnswersFromJson(std::string_view json) {
  const nlohmann::json parsed = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) {
    return base::Fail(base::ErrorCode::kInvalidInput, "Stored answers are not an object.");
  }
  std::vector<AnswerInput> out;
  for (const auto& [key, value] : parsed.items()) {
    if (!value.is_string()) {
      return base::Fail(base::ErrorCode::kInvalidInput, "Stored answers are not text.");
    }
    out.push_back({.item_id = key, .value = value.get<std::string>()});
  }
  return out;
}

std::vector<AnswerProblem> MissingProblems(const Instrument& instrument,
                                           std::span<const std::uint16_t> missing) {
  std::vector<AnswerProblem> out;
  out.reserve(missing.size());
  for (std::uint16_t index : missing) {
    if (index >= instrument.items.size()) continue;
    out.push_back({.field = instrument.items[index].id,
                   .code = "answer.required",
                   .message = "Answer question " + std::to_string(index + 1) + "."});
  }
  return out;
}

}  // namespace fyren::screening
