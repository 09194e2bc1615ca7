#include "domain/referral/referral.h"

#include <array>

namespace fyren::referral {
namespace {

constexpr std::array<std::string_view, 4> kKindCodes = {"adult_support", "child_abuse",
                                                        "consultation", "partner_support"};
constexpr std::array<std::string_view, 5> kStatusCodes = {"sent", "received", "accepted",
                                                          "declined", "done"};
constexpr std::array<std::string_view, 4> kSourceCodes = {"none", "screening", "case", "report"};

template <typename E, std::size_t N>
std::optional<E> ParseCode(const std::array<std::string_view, N>& codes, std::string_view text) {
  for (std::size_t i = 0; i < N; ++i) {
    if (codes[i] == text) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view ToString(Kind kind) { return kKindCodes.at(static_cast<std::size_t>(kind)); }
std::optional<Kind> ParseKind(std::string_view text) { return ParseCode<Kind>(kKindCodes, text); }
const std::vector<Kind>& AllKinds() {
  static const std::vector<Kind> kinds = {Kind::kAdultSupport, Kind::kChildAbuse,
                                          Kind::kConsultation, Kind::kPartnerSupport};
  return kinds;
}

std::string_view ToString(Status status) {
  return kStatusCodes.at(static_cast<std::size_t>(status));
}
std::optional<Status> ParseStatus(std::string_view text) {
  return ParseCode<Status>(kStatusCodes, text);
}

bool MayMove(Status from, Status to) {
  switch (to) {
    case Status::kReceived:
      return from == Status::kSent;
    case Status::kAccepted:
    case Status::kDeclined:
      return from == Status::kSent || from == Status::kReceived;
    case Status::kDone:
      return from == Status::kAccepted;
    case Status::kSent:
      return false;
  }
  return false;
}

std::string_view ToString(SourceKind kind) {
  return kSourceCodes.at(static_cast<std::size_t>(kind));
}
std::optional<SourceKind> ParseSourceKind(std::string_view text) {
  if (text.empty()) return SourceKind::kNone;
  return ParseCode<SourceKind>(kSourceCodes, text);
}

}  // namespace fyren::referral
