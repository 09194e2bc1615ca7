#pragma once

#include <cstdint>
#include <optional>

#include "base/ids.h"
#include "base/result.h"
#include "domain/exit_case/exit_case.h"
#include "domain/exit_case/exit_case_store.h"
#include "storage/database.h"
#include "trust/access/access_policy.h"

namespace fyren::exit_case {

// The access scope of a case: its person's (owning authority, case team, emergency grant,
// protected identity, named staff), since access to a case is access to its person.
// `shared_with_actor` is true when the caller found an active share consent naming the actor's
// organisation (ActiveShareFor); only the partner view and the SIP's shared parts pass true.
[[nodiscard]] trust::access::RecordScope ScopeOf(const CaseForUser& found, bool shared_with_actor);

// What an active share_with_organisation consent lets one organisation see of a case's SIP.
struct ActiveShare {
  ConsentId consent;
  std::string consent_public_id;
  base::OrganisationId organisation;
  SipParts parts;  // the union of the active consents' scopes for this organisation
  std::optional<std::int64_t> expires_at;  // when sharing ends unless renewed; nullopt = no expiry

  [[nodiscard]] bool Covers(SipPart part) const { return Contains(parts, part); }
};

// The active (at `now_us`, never cached) share consent of `case_id` for `organisation`, or
// nullopt when there is none: withdrawal or expiry ends sharing at the next read.
[[nodiscard]] base::Result<std::optional<ActiveShare>> ActiveShareFor(
    storage::Transaction& tx, base::TenantId tenant, CaseId case_id,
    base::OrganisationId organisation, std::int64_t now_us);

}  // namespace fyren::exit_case
