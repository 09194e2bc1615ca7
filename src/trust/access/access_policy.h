#pragma once

#include <chrono>
#include <optional>

#include "base/clock.h"
#include "base/ids.h"
#include "base/result.h"
#include "trust/access/permission.h"
#include "trust/actor.h"

namespace fyren::trust::access {

// What the policy needs to know about one record (a person, a case, a plan) to decide. The
// calling service fills it from its own store; the policy never reads the database itself.
struct RecordScope {
  base::OrganisationId owning_authority;  // the committee (nämnd) that owns the record
  bool on_case_team = false;              // the actor is responsible for it or on its team
  bool shared_with_actor = false;  // an active share or consent covers the actor's organisation
  bool emergency_access_active = false;  // the actor holds an unexpired emergency grant for it
  bool protected_identity = false;       // skyddade personuppgifter
  bool named_for_protected = false;      // the actor is on the protected person's staff list
};

enum class DenyReason {
  kNone,
  kNotSignedIn,
  kRoleLacksPermission,
  kOutsideScope,        // other authority, not on the case team, no share, no emergency grant
  kProtectedIdentity,   // export or print of a protected identity
  kSecondFactorTooOld,  // export and emergency access need a recent second factor (step-up)
};

// Facts the audit entry carries about the access (DESIGN.md, Audit: flag unusual access).
struct AccessFlags {
  bool protected_identity = false;
  bool emergency_access = false;
  bool via_share = false;
};

struct Decision {
  bool allowed = false;
  DenyReason reason = DenyReason::kNone;
  // Identity fields must be masked: a protected identity and the actor is not named for it.
  bool mask_identity = false;
  AccessFlags flags;

  // The error a service returns for a denial. Denials about a record are kNotFound with the same
  // text as a missing record, so a denied user cannot learn that the record exists; a role that
  // lacks the permission altogether is kForbidden; a stale second factor is kForbidden with
  // field "step_up" so the page can ask for the code again.
  [[nodiscard]] base::Status AsStatus() const;
};

// How recent the second factor must be for exports and emergency access.
inline constexpr std::chrono::minutes kStepUpWindow{5};

// The one access decision every service calls (DESIGN.md, Access): role permission AND owning
// authority AND (case team OR active share OR emergency access). `scope` is null for permissions
// that are not about one record (manage users, statistics, public pages). Pure function of its
// inputs; thread-safe.
[[nodiscard]] Decision Decide(const Actor& actor, Permission permission, const RecordScope* scope,
                              base::TimePoint now);

}  // namespace fyren::trust::access
