#include "domain/screening/screening.h"

#include <algorithm>
#include <array>

namespace fyren::screening {
namespace {

constexpr std::array<std::string_view, 8> kAgeBands = {"under_13", "13_15", "16_17",   "18_20",
                                                       "21_29",    "30_49", "50_plus", "unknown"};
constexpr std::array<std::string_view, 5> kGenders = {"woman", "man", "non_binary", "other",
                                                      "not_stated"};
constexpr std::array<std::string_view, 6> kSettings = {
    "school", "social_services", "disability_support", "health_care", "outreach", "other"};

}  // namespace

std::span<const std::string_view> AgeBandCodes() { return kAgeBands; }
std::span<const std::string_view> GenderCodes() { return kGenders; }
std::span<const std::string_view> SettingCodes() { return kSettings; }

bool IsCodeIn(std::span<const std::string_view> codes, std::string_view code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

}  // namespace fyren::screening
