#include "domain/organisation/organisation.h"

#include <array>
#include <utility>

namespace fyren::organisation {
namespace {

constexpr std::array<std::pair<OrganisationKind, std::string_view>, 5> kKinds{{
    {OrganisationKind::kAuthority, "authority"},
    {OrganisationKind::kDepartment, "department"},
    {OrganisationKind::kCompany, "company"},
    {OrganisationKind::kUnit, "unit"},
    {OrganisationKind::kPartner, "partner"},
}};

constexpr std::array<std::pair<PartnerType, std::string_view>, 9> kPartnerTypes{{
    {PartnerType::kNone, "none"},
    {PartnerType::kRegionHealthCare, "region_health_care"},
    {PartnerType::kPolice, "police"},
    {PartnerType::kProsecutor, "prosecutor"},
    {PartnerType::kEmploymentService, "employment_service"},
    {PartnerType::kSocialInsurance, "social_insurance"},
    {PartnerType::kMigrationAgency, "migration_agency"},
    {PartnerType::kNgo, "ngo"},
    {PartnerType::kOther, "other"},
}};

template <typename E, std::size_t N>
std::string_view Name(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [e, name] : table) {
    if (e == value) return name;
  }
  return table.front().second;
}

template <typename E, std::size_t N>
std::optional<E> Parse(const std::array<std::pair<E, std::string_view>, N>& table,
                       std::string_view text) {
  for (const auto& [e, name] : table) {
    if (name == text) return e;
  }
  return std::nullopt;
}

}  // namespace

std::string_view ToString(OrganisationKind kind) { return Name(kKinds, kind); }
std::optional<OrganisationKind> ParseOrganisationKind(std::string_view text) {
  return Parse(kKinds, text);
}
std::string_view ToString(PartnerType type) { return Name(kPartnerTypes, type); }
std::optional<PartnerType> ParsePartnerType(std::string_view text) {
  return Parse(kPartnerTypes, text);
}

}  // namespace fyren::organisation
