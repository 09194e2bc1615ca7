#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "domain/screening/instrument.h"
#include "domain/screening/scoring.h"

namespace fyren::screening {

// An instrument with its scoring table, built once.
struct LoadedInstrument {
  Instrument instrument;
  ScoringTable scoring;
};

// The instruments a server offers: the embedded content/instruments/*.toml, then every *.toml in
// the override directory (the `instruments.dir` setting), which replaces an embedded instrument
// of the same id or adds a new one. One version per id. Immutable after Load; thread-safe.
class InstrumentCatalog {
 public:
  // kInvalidInput listing every problem of every file (ParseInstrument's messages), so `serve`
  // can refuse to start and name them all; kInvalidInput too when `override_dir` is set but is not
  // a readable directory, or when no instrument is left.
  [[nodiscard]] static base::Result<InstrumentCatalog> Load(std::string_view override_dir);
  // From given files (path, text): for tests.
  [[nodiscard]] static base::Result<InstrumentCatalog> FromFiles(
      const std::vector<std::pair<std::string, std::string>>& files);

  // nullptr when there is no such instrument.
  [[nodiscard]] const LoadedInstrument* Find(std::string_view id) const;
  // Every instrument, ordered by id.
  [[nodiscard]] const std::vector<std::shared_ptr<const LoadedInstrument>>& All() const {
    return instruments_;
  }

 private:
  std::vector<std::shared_ptr<const LoadedInstrument>> instruments_;
};

}  // namespace fyren::screening
