#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "domain/screening/instrument.h"

namespace fyren::screening {

// An answer as the index of the chosen option of its item; kUnanswered for none. A free-text item
// is 0 when some text was given (it is kept, never scored).
inline constexpr std::uint8_t kUnanswered = 0xFF;

struct Score {
  Level level = Level::kNoConcern;
  std::int32_t points = 0;
  bool red_flag = false;  // a red-flag item was answered yes
  // Indexes of required items without an answer, in item order. Allocates only when some are
  // missing; then `level` and `points` are not meaningful.
  std::vector<std::uint16_t> missing_required;
};

// An instrument's scoring rules, flattened once at load so scoring one screening is a walk over
// a few small arrays: weight of option k of item i is weights_[offsets_[i] + k]. Immutable after
// construction; thread-safe.
class ScoringTable {
 public:
  explicit ScoringTable(const Instrument& instrument);

  // `answers` holds one entry per item, in item order (size() == item count; a shorter span
  // counts the missing tail as unanswered). An index past an item's options counts as unanswered.
  [[nodiscard]] Score Evaluate(std::span<const std::uint8_t> answers) const;

  [[nodiscard]] std::size_t item_count() const { return offsets_.size(); }

 private:
  std::vector<std::uint32_t> offsets_;
  std::vector<std::uint8_t> option_counts_;
  std::vector<std::int32_t> weights_;
  std::vector<std::uint8_t> required_;
  // Per item, the option index whose choice is a red flag ("yes"), or kUnanswered for none.
  std::vector<std::uint8_t> red_flag_option_;
  Thresholds thresholds_;
};

}  // namespace fyren::screening
