#pragma once

#include <string>

namespace fyren::trust::identity {

// Identity numbers for demo and test data that no real person can hold.
//
// Choice (DESIGN.md, "Demo and test data are synthetic"): every synthetic number has a birth
// date in 2090-2099, so it cannot be in the population register, is recognisable at a glance
// (a 12-digit number starting 209) and still passes every other check (calendar date, birth
// number 001-999, Luhn), so demo data exercises the same code as real data. Production parsing
// refuses it as kFutureDate; a demo deployment parses with
// ParseOptions::allow_synthetic_future_dates. The scheme stays impossible for real people until
// 1 January 2090; revisit it before then.
//
// Serials map one-to-one onto numbers: serial / 999 picks the day from 2090-01-01, serial % 999
// the birth number 001-999. Pure functions; thread-safe.

// Serials 0 .. kSyntheticSerialCount - 1 are valid (3,648,348: every day of 2090-2099 times 999).
inline constexpr int kSyntheticSerialCount = 3652 * 999;

// The 12-digit normalised form `YYYYMMDDNNNC` of synthetic personnummer number `serial`.
// Throws std::out_of_range for a serial outside [0, kSyntheticSerialCount): a programmer error.
[[nodiscard]] std::string MakeSyntheticPersonnummer(int serial);

// As MakeSyntheticPersonnummer, for a samordningsnummer (the day written plus 60).
[[nodiscard]] std::string MakeSyntheticSamordningsnummer(int serial);

}  // namespace fyren::trust::identity
