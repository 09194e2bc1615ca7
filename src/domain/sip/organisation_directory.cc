#include "domain/sip/organisation_directory.h"

#include "domain/organisation/organisation_store.h"

namespace fyren::sip {

base::Result<OrganisationList> OrganisationDirectory::List(storage::Transaction& tx,
                                                           base::TenantId tenant) {
  // The fingerprint first: a list read after it is at least as new, so a change in between only
  // costs one more read at the next view, never a stale name.
  auto fingerprint = organisation::OrganisationStore::Fingerprint(tx, tenant);
  if (!fingerprint) return std::unexpected(fingerprint.error());
  {
    const std::lock_guard lock(mutex_);
    const auto found = entries_.find(tenant.value());
    if (found != entries_.end() && found->second.fingerprint == *fingerprint) {
      return found->second.organisations;
    }
  }
  auto listed = SipStore::ListOrganisations(tx, tenant);
  if (!listed) return std::unexpected(listed.error());
  OrganisationList organisations(
      std::make_shared<const std::vector<OrganisationRef>>(std::move(*listed)));
  const std::lock_guard lock(mutex_);
  entries_[tenant.value()] = Entry{.fingerprint = *fingerprint, .organisations = organisations};
  return organisations;
}

}  // namespace fyren::sip
