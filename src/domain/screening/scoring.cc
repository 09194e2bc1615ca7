#include "domain/screening/scoring.h"

namespace fyren::screening {

ScoringTable::ScoringTable(const Instrument& instrument) : thresholds_(instrument.thresholds) {
  const std::size_t n = instrument.items.size();
  offsets_.reserve(n);
  option_counts_.reserve(n);
  required_.reserve(n);
  red_flag_option_.reserve(n);
  for (const Item& item : instrument.items) {
    offsets_.push_back(static_cast<std::uint32_t>(weights_.size()));
    // Free text is never scored: it has one pseudo-option "given" of weight 0, so a required
    // free-text item left empty is missing like any other.
    if (item.type == AnswerType::kFreeText) {
      option_counts_.push_back(1);
      weights_.push_back(0);
    } else {
      option_counts_.push_back(static_cast<std::uint8_t>(item.options.size()));
      for (const AnswerOption& option : item.options) weights_.push_back(option.weight);
    }
    required_.push_back(item.required ? 1 : 0);
    // The loader allows red flags only on yes/no items, where "yes" is option 0.
    red_flag_option_.push_back(item.red_flag ? 0 : kUnanswered);
  }
}

Score ScoringTable::Evaluate(std::span<const std::uint8_t> answers) const {
  Score score;
  const std::size_t n = offsets_.size();
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t answer = i < answers.size() ? answers[i] : kUnanswered;
    if (answer >= option_counts_[i]) {
      if (required_[i] != 0) score.missing_required.push_back(static_cast<std::uint16_t>(i));
      continue;
    }
    score.points += weights_[offsets_[i] + answer];
    score.red_flag |= answer == red_flag_option_[i];
  }
  if (score.red_flag || score.points >= thresholds_.clear_concern) {
    score.level = Level::kClearConcern;
  } else if (score.points >= thresholds_.possible_concern) {
    score.level = Level::kPossibleConcern;
  }
  return score;
}

}  // namespace fyren::screening
