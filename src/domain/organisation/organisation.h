#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/ids.h"

namespace fyren::organisation {

// The kinds of organisation in a tenant's tree (DESIGN.md, Tenancy). An authority (a committee,
// nämnd) is a secrecy boundary; departments, companies and units sit under one; partners are
// outside the municipality (region health care, police, NGOs, ...).
enum class OrganisationKind { kAuthority, kDepartment, kCompany, kUnit, kPartner };

std::string_view ToString(OrganisationKind kind);
std::optional<OrganisationKind> ParseOrganisationKind(std::string_view text);

// What a partner is, for routing referrals and sharing (data, so a municipality can add more).
enum class PartnerType {
  kNone,
  kRegionHealthCare,
  kPolice,
  kProsecutor,
  kEmploymentService,
  kSocialInsurance,
  kMigrationAgency,
  kNgo,
  kOther,
};

std::string_view ToString(PartnerType type);
std::optional<PartnerType> ParsePartnerType(std::string_view text);

struct Organisation {
  base::OrganisationId id;
  std::string public_id;
  std::optional<base::OrganisationId> parent;
  std::string parent_public_id;  // empty for roots; what URLs and the API show
  OrganisationKind kind = OrganisationKind::kUnit;
  PartnerType partner_type = PartnerType::kNone;
  std::string code;  // short code, used in case numbers (e.g. "HIS" in HIS-2026-0042)
  std::string name_sv;
  std::string name_en;
  std::string description_sv;
  std::string description_en;
  std::int64_t version = 1;
  int depth = 0;  // 0 for roots; filled by tree listings

  [[nodiscard]] const std::string& Name(std::string_view locale) const {
    return locale == "en" ? name_en : name_sv;
  }
  [[nodiscard]] const std::string& Description(std::string_view locale) const {
    return locale == "en" ? description_en : description_sv;
  }
};

// A number that changes whenever a tenant's organisation tree does: the tenant's organisation
// generation, moved by triggers in the transaction of every insert, update or delete
// (migrations/*/0018). Pages that render the whole tree compare fingerprints instead of reading
// and comparing every row. 0 for a tenant that has never had an organisation.
struct TreeFingerprint {
  std::int64_t generation = 0;
  bool operator==(const TreeFingerprint&) const = default;
};

struct Tenant {
  base::TenantId id;
  std::string public_id;
  std::string slug;
  std::string name;
};

}  // namespace fyren::organisation
