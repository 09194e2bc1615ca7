#include "trust/identity/identity_number_problem.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <string_view>

#include "trust/identity/identity_number.h"

namespace fyren::trust::identity {
namespace {

constexpr IdentityNumberProblem kAll[] = {
    IdentityNumberProblem::kEmpty,       IdentityNumberProblem::kBadCharacters,
    IdentityNumberProblem::kBadLength,   IdentityNumberProblem::kBadSeparator,
    IdentityNumberProblem::kBadDate,     IdentityNumberProblem::kBadCentury,
    IdentityNumberProblem::kFutureDate,  IdentityNumberProblem::kBadBirthNumber,
    IdentityNumberProblem::kBadChecksum,
};

TEST(IdentityNumberProblemTest, EveryProblemHasItsOwnCodeAndTexts) {
  std::set<std::string_view> codes;
  std::set<std::string_view> swedish;
  std::set<std::string_view> english;
  for (const IdentityNumberProblem problem : kAll) {
    EXPECT_TRUE(codes.insert(ToString(problem)).second) << ToString(problem);
    EXPECT_TRUE(swedish.insert(Message(problem, "sv")).second) << ToString(problem);
    EXPECT_TRUE(english.insert(Message(problem, "en")).second) << ToString(problem);
    EXPECT_NE(Message(problem, "sv"), Message(problem, "en"));
    EXPECT_NE(ToString(problem), "unknown");
  }
}

TEST(IdentityNumberProblemTest, SwedishIsTheDefault) {
  EXPECT_EQ(Message(IdentityNumberProblem::kBadChecksum, "de"),
            Message(IdentityNumberProblem::kBadChecksum, "sv"));
  EXPECT_EQ(Message(IdentityNumberProblem::kBadChecksum, ""),
            Message(IdentityNumberProblem::kBadChecksum, "sv"));
  EXPECT_EQ(Message(IdentityNumberProblem::kBadChecksum, "sv"),
            "Kontrollsiffran stämmer inte. Kontrollera att alla siffror är rätt.");
  EXPECT_EQ(Message(IdentityNumberProblem::kBadChecksum, "en"),
            "The check digit does not match. Check that every digit is correct.");
}

TEST(IdentityNumberProblemTest, ToErrorIsInvalidInputForTheField) {
  const base::Error error = ToError(IdentityNumberProblem::kFutureDate, "en", "identity_number");
  EXPECT_EQ(error.code, base::ErrorCode::kInvalidInput);
  EXPECT_EQ(error.message, "The birth date is in the future.");
  EXPECT_EQ(error.detail, "identity_number.future_date");
  EXPECT_EQ(error.field, "identity_number");
}

}  // namespace
}  // namespace fyren::trust::identity
