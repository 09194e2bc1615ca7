#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "base/ids.h"
#include "domain/organisation/organisation.h"

namespace fyren::organisation {

// Pure rules for creating and renaming units (issue 3, item 2). No I/O; thread-safe.

inline constexpr std::size_t kMaxNameCodePoints = 200;

// Which problem a name has, if any: empty after trimming, longer than kMaxNameCodePoints, or not
// text (malformed UTF-8 or control characters count as missing: there is nothing to show).
enum class NameProblem { kNone, kMissing, kTooLong };
[[nodiscard]] NameProblem CheckName(std::string_view name);

// `text` without leading and trailing ASCII whitespace.
[[nodiscard]] std::string Trimmed(std::string_view text);

// A unit code after upper-casing ASCII letters; nullopt unless it is [A-Z0-9-]{2,16}. Codes
// appear in case numbers (HIS-2026-0042), so they stay short and plain.
[[nodiscard]] std::optional<std::string> NormaliseCode(std::string_view code);

// The kinds an administrator may create: units, departments and companies. Authorities (the
// secrecy boundaries) and partners come from the organisation import.
[[nodiscard]] bool IsAdministeredKind(OrganisationKind kind);

// For each organisation of `tree` (by internal id) the nearest authority at or above it; those
// with none (partners) are absent. Walks are bounded, so a corrupt cycle cannot loop.
using AuthorityMap = std::map<std::int64_t, base::OrganisationId>;
[[nodiscard]] AuthorityMap AuthoritiesOf(std::span<const Organisation> tree);

// Whether another organisation than `except` under `parent` has `name_sv` (compared as a Swedish
// reader would: case-insensitive).
[[nodiscard]] bool SiblingHasName(std::span<const Organisation> tree, base::OrganisationId parent,
                                  std::string_view name_sv,
                                  std::optional<base::OrganisationId> except);

}  // namespace fyren::organisation
