#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "base/ids.h"
#include "base/result.h"
#include "domain/organisation/organisation.h"
#include "domain/sip/sip_store.h"
#include "storage/database.h"

namespace fyren::sip {

// The tenant's organisations as the directory read them, shared by every view that names them
// instead of copied into each (a plan view copied ~30 rows of strings: 3.6 % of its CPU). Reads
// as a contiguous range, so it converts to std::span<const OrganisationRef>.
class OrganisationList {
 public:
  OrganisationList() = default;
  explicit OrganisationList(std::shared_ptr<const std::vector<OrganisationRef>> rows)
      : rows_(std::move(rows)) {}

  [[nodiscard]] const OrganisationRef* data() const { return rows_ ? rows_->data() : nullptr; }
  [[nodiscard]] std::size_t size() const { return rows_ ? rows_->size() : 0; }
  [[nodiscard]] bool empty() const { return size() == 0; }
  [[nodiscard]] const OrganisationRef* begin() const { return data(); }
  [[nodiscard]] const OrganisationRef* end() const { return data() + size(); }

 private:
  std::shared_ptr<const std::vector<OrganisationRef>> rows_;
};

// The tenant's organisations as a plan names its actors (SipStore::ListOrganisations), kept in
// this process between views (issue 4, Speed: reading and sorting every organisation was ~11 %
// of a plan view's CPU). A kept list is used while the tree's fingerprint (row count, sum of
// versions, latest update: OrganisationStore::Fingerprint, one aggregate row) is the one it was
// read at, so a change through any server on the same database shows at the next view.
// Organisation names are public information, not personal data.
//
// Thread-safe; two views that miss at once both read, and either list is right.
class OrganisationDirectory {
 public:
  [[nodiscard]] base::Result<OrganisationList> List(storage::Transaction& tx,
                                                    base::TenantId tenant);

 private:
  struct Entry {
    organisation::TreeFingerprint fingerprint;
    OrganisationList organisations;
  };
  std::mutex mutex_;
  std::map<std::int64_t, Entry> entries_;
};

}  // namespace fyren::sip
