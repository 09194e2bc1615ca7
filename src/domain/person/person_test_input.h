#pragma once

#include "domain/person/person.h"

namespace fyren::person::testing {

// A synthetic person known by an alias (no identity number), for the tests of modules that need
// someone on record before they can start (exit cases, referral handover).
inline PersonInput SyntheticAliasPerson(bool protected_identity = false) {
  return PersonInput{.identity_kind = "alias",
                     .identity_number = {},
                     .given_name = "Testa",
                     .family_name = "Påhittsson",
                     .alias = "Stjärna",
                     .birth_year = "1990",
                     .gender = {},
                     .languages = {},
                     .interpreter_needed = false,
                     .protected_identity = protected_identity,
                     .phone = {},
                     .email = {},
                     .address = {}};
}

}  // namespace fyren::person::testing
