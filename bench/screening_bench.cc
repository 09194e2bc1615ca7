// Scoring speed of a 40-item instrument (issue 5, Speed: ≥ 100,000 screenings/s in one thread).
//   build/h-sec-rel/bench/fyren_bench_screening
// BM_Score: ScoringTable::Evaluate over complete answer sets (what the server does once answers
// are decoded). BM_EncodeAndScore: from item id/answer code pairs, as a form or the API sends
// them, to a level. Answer sets are random but fixed (seeded) and cycled, so the branch
// predictor cannot learn one set.
#include <benchmark/benchmark.h>

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/screening/answers.h"
#include "domain/screening/instrument_loader.h"
#include "domain/screening/scoring.h"

namespace {

using namespace fyren::screening;  // NOLINT(google-build-using-namespace): a benchmark's own file

const Instrument& Synthetic() {
  static const Instrument instrument = [] {
    const std::string path = std::string(FYREN_SOURCE_DIR) + "/bench/instruments/synthetic_40.toml";
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    auto parsed = ParseInstrument(text.str(), path);
    if (!parsed) throw std::runtime_error(parsed.error().message);
    return *parsed;
  }();
  return instrument;
}

std::vector<std::vector<std::uint8_t>> AnswerSets(const Instrument& instrument, std::size_t n) {
  std::mt19937 rng(42);
  std::vector<std::vector<std::uint8_t>> sets(n);
  for (auto& set : sets) {
    for (const Item& item : instrument.items) {
      std::uniform_int_distribution<int> pick(0, static_cast<int>(item.options.size()) - 1);
      set.push_back(static_cast<std::uint8_t>(pick(rng)));
    }
  }
  return sets;
}

void BM_Score(benchmark::State& state) {
  const Instrument& instrument = Synthetic();
  const ScoringTable table(instrument);
  const auto sets = AnswerSets(instrument, 1024);
  std::size_t i = 0;
  for (auto _ : state) {
    Score score = table.Evaluate(sets[i++ & 1023]);
    benchmark::DoNotOptimize(score);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Score);

void BM_EncodeAndScore(benchmark::State& state) {
  const Instrument& instrument = Synthetic();
  const ScoringTable table(instrument);
  std::vector<std::vector<AnswerInput>> inputs;
  for (const auto& set : AnswerSets(instrument, 256)) {
    std::vector<AnswerInput> input;
    for (std::size_t k = 0; k < set.size(); ++k) {
      input.push_back(
          {.item_id = instrument.items[k].id, .value = instrument.items[k].options[set[k]].code});
    }
    inputs.push_back(std::move(input));
  }
  std::size_t i = 0;
  for (auto _ : state) {
    const EncodedAnswers encoded = EncodeAnswers(instrument, inputs[i++ & 255]);
    Score score = table.Evaluate(encoded.indexes);
    benchmark::DoNotOptimize(score);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EncodeAndScore);

}  // namespace

BENCHMARK_MAIN();
