#include "domain/exit_case/case_access.h"

#include <algorithm>

namespace fyren::exit_case {

trust::access::RecordScope ScopeOf(const CaseForUser& found, bool shared_with_actor) {
  const person::PersonForUser& p = found.person;
  return trust::access::RecordScope{.owning_authority = found.exit_case.owning_authority,
                                    .on_case_team = p.on_team,
                                    .shared_with_actor = shared_with_actor,
                                    .emergency_access_active = p.grant_expires_at.has_value(),
                                    .protected_identity = p.person.protected_identity,
                                    .named_for_protected = p.named_for_protected};
}

base::Result<std::optional<ActiveShare>> ActiveShareFor(storage::Transaction& tx,
                                                        base::TenantId tenant, CaseId case_id,
                                                        base::OrganisationId organisation,
                                                        std::int64_t now_us) {
  auto consents = ExitCaseStore::ActiveSharesFor(tx, tenant, case_id, organisation, now_us);
  if (!consents) return std::unexpected(consents.error());
  if (consents->empty()) return std::optional<ActiveShare>();
  // Newest first: the newest consent names the share; overlapping consents add their parts.
  const StoredConsent& newest = consents->front();
  ActiveShare share{.consent = newest.id,
                    .consent_public_id = newest.public_id,
                    .organisation = organisation,
                    .parts = {},
                    .expires_at = std::nullopt};
  bool unlimited = false;
  for (const StoredConsent& c : *consents) {
    for (const SipPart part : c.scope) {
      if (!share.Covers(part)) share.parts.push_back(part);
    }
    if (!c.expires_at) {
      unlimited = true;
    } else if (!share.expires_at || *c.expires_at > *share.expires_at) {
      share.expires_at = c.expires_at;
    }
  }
  // Sharing lasts as long as the longest-running consent; with one unlimited, no expiry shows.
  if (unlimited) share.expires_at = std::nullopt;
  std::ranges::sort(share.parts);
  return std::optional(std::move(share));
}

}  // namespace fyren::exit_case
