#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/ids.h"
#include "trust/accounts/role.h"

namespace fyren::trust::accounts {

// One row of `users` with its roles. The user name and display name are personal data: they
// are shown to the user and to administrators, never written to a log (log user_id instead).
struct UserRecord {
  base::TenantId tenant;
  std::int64_t user_id = 0;
  std::string public_id;
  std::string username;  // lower case, see NormaliseUsername
  std::string display_name;
  base::OrganisationId unit;
  std::string password_hash;                // Argon2id string
  std::optional<std::string> totp_secret;   // sealed; nullopt until enrolled
  std::optional<std::string> totp_pending;  // sealed; shown as a QR code, not yet confirmed
  std::int64_t totp_last_step = 0;
  bool is_demo = false;
  bool active = true;
  std::optional<base::TimePoint> locked_at;
  std::vector<Role> roles;
  std::int64_t version = 1;

  [[nodiscard]] bool HasTotp() const { return totp_secret.has_value(); }
};

// What a signed-in request needs of its user: whether the account may act, its unit and roles.
// No password hash or TOTP secret: those are read only where a credential is checked.
struct SessionUser {
  std::int64_t user_id = 0;
  base::OrganisationId unit;
  bool unit_exists = false;
  // The nearest authority at or above the unit (as UnitInfo::authority).
  std::optional<base::OrganisationId> authority;
  bool is_demo = false;
  bool active = true;
  bool locked = false;
  std::vector<Role> roles;
};

// The user's and the organisation tree's generations: while both stand still, FindSessionUser
// answers the same for the user.
struct SessionUserGenerations {
  std::int64_t user = 0;
  std::int64_t organisations = 0;
  bool operator==(const SessionUserGenerations&) const = default;
};

// The unit a user belongs to and the authority above it (nullopt for external partners).
struct UnitInfo {
  base::OrganisationId id;
  std::string code;
  std::string name_sv;
  std::string name_en;
  std::optional<base::OrganisationId> authority;
};

}  // namespace fyren::trust::accounts
