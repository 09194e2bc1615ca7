#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace fyren::sip {

// One kind of intervention a plan can hold (content/catalogues/interventions.toml).
struct CatalogueEntry {
  std::string code;
  std::string name_sv;
  std::string name_en;
  std::string description_sv;
  std::string description_en;
  // Others rest on it (economic assistance, housing, protection): stopping it triggers the
  // continuity guard.
  bool foundation = false;
  std::vector<std::string> rests_on;  // codes of the entries this one depends on

  [[nodiscard]] std::string_view Name(std::string_view language) const;
  [[nodiscard]] std::string_view Description(std::string_view language) const;
};

// The intervention catalogue, kept as data so a municipality can edit it (issue 4 §3).
// Immutable after Parse; thread-safe to share.
class InterventionCatalogue {
 public:
  // The embedded file's path.
  static constexpr std::string_view kPath = "content/catalogues/interventions.toml";

  // Parses and validates TOML text. Failure (kInvalidInput) names `source`, the line and the
  // entry: a duplicate code, a code that is not [a-z0-9_]+, a name or description missing in a
  // language, an unknown code in `rests_on`, or an empty catalogue. The server refuses to start
  // on such an error.
  [[nodiscard]] static base::Result<InterventionCatalogue> Parse(std::string_view text,
                                                                 std::string_view source);
  // The catalogue compiled into the binary.
  [[nodiscard]] static base::Result<InterventionCatalogue> LoadEmbedded();

  [[nodiscard]] const std::vector<CatalogueEntry>& entries() const { return entries_; }
  // nullptr for an unknown code.
  [[nodiscard]] const CatalogueEntry* Find(std::string_view code) const;
  // The codes whose `rests_on` names `code`.
  [[nodiscard]] std::vector<std::string> DependentsOf(std::string_view code) const;

 private:
  std::vector<CatalogueEntry> entries_;
};

}  // namespace fyren::sip
