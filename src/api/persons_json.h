#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/person/person.h"

namespace fyren::api {

// The JSON shapes of /api/v1/persons (docs/openapi.yaml, Person, PersonSummary, PersonInput,
// PersonPatch) and their decoding. Pure functions; thread-safe.

// A problem with one member of a request body; `pointer` is a JSON pointer ("/birth_year").
struct BodyError {
  std::string pointer;
  std::string message;
};

[[nodiscard]] nlohmann::json PersonToJson(const person::PersonRecord& record);
[[nodiscard]] nlohmann::json SummaryToJson(const person::PersonSummary& summary);

// A register request: every member optional and typed (strings; birth_year an integer or a
// string; languages a string or an array of strings; the two flags booleans). Unknown members are
// errors, so a typo does not silently drop a value. Empty `errors` means `input` is complete.
struct DecodedInput {
  person::PersonInput input;
  std::vector<BodyError> errors;
};
[[nodiscard]] DecodedInput PersonInputFromJson(const nlohmann::json& body);

// A JSON merge patch (RFC 7396) of the editable members over `current`; null clears a text
// member. The identity kind and number cannot be patched. `expected_version` is the current one.
struct DecodedChange {
  person::PersonChange change;
  std::vector<BodyError> errors;
};
[[nodiscard]] DecodedChange PersonPatchFromJson(const nlohmann::json& body,
                                                const person::PersonRecord& current);

}  // namespace fyren::api
