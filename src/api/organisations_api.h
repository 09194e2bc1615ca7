#pragma once

#include "base/ids.h"
#include "domain/organisation/organisation_service.h"
#include "http/message.h"

namespace fyren::api {

// GET /api/v1/organisations and /api/v1/organisations/{id}: the tenant's public organisation
// tree for integrations (e.g. a partner's system that needs the ids of the units it refers to).
// Thread-safe; holds references that must outlive it.
class OrganisationsApi {
 public:
  OrganisationsApi(const organisation::OrganisationService& service, base::TenantId tenant)
      : service_(service), tenant_(tenant) {}

  // ?cursor=<opaque>&limit=1..200 (default 50). A bad limit or cursor is a 400 problem.
  [[nodiscard]] http::Response List(http::Request& request) const;
  // ETag from the version; If-None-Match gives 304. Unknown id: 404 problem.
  [[nodiscard]] http::Response Get(http::Request& request) const;

 private:
  const organisation::OrganisationService& service_;
  base::TenantId tenant_;
};

}  // namespace fyren::api
