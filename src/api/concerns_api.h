#pragma once

#include <expected>

#include "base/ids.h"
#include "domain/concern/concern_service.h"
#include "http/message.h"

namespace fyren::api {

// /api/v1/concerns: reports of concern for integrations and scripts (issue 5 §3), over the same
// ConcernService as the /concerns and /intake pages, so access and audit are the same: a report
// of another committee, one the caller is not intake staff for, or a missing one is the same 404.
// Authenticated by the session cookie of a fully signed-in user; POSTs must be
// `Content-Type: application/json` (415 otherwise). Answers carry Cache-Control: no-store.
// Thread-safe; the references must outlive it.
class ConcernsApi {
 public:
  ConcernsApi(const concern::ConcernService& concerns, base::TenantId tenant);

  // POST /api/v1/concerns {district | committee, child_name, child_description, concern_text,
  // reporter_phone, reporter_email, screening}: 201 {id, reference, receipt} with Location;
  // 422 with one error per field (e.g. /reporter_phone when there is no way to reach the reporter).
  [[nodiscard]] http::Response Create(http::Request& request) const;
  // GET /api/v1/concerns?status=&overdue=true&page=: the caller's intake queue (403 otherwise):
  // {items: [{id, reference, status, received_at, district, child_known, overdue, escalated,
  // deadlines}], total, overdue_count, escalated_count, page, pages}. No names.
  [[nodiscard]] http::Response Queue(http::Request& request) const;
  // GET /api/v1/concerns/{id}: the report for its intake, with deadlines; audited.
  [[nodiscard]] http::Response Get(http::Request& request) const;
  // GET /api/v1/concerns/{id}/receipt: the reporter's receipt (reporter only).
  [[nodiscard]] http::Response Receipt(http::Request& request) const;
  // POST /api/v1/concerns/{id}/assessment {outcome, note, version}: 204; 422; 409 stale version.
  [[nodiscard]] http::Response Assess(http::Request& request) const;
  // POST /api/v1/concerns/{id}/decision {decision, decision_date, version}: 204; 422; 409.
  [[nodiscard]] http::Response Decide(http::Request& request) const;

 private:
  [[nodiscard]] std::expected<trust::Actor, http::Response> Caller(
      const http::Request& request) const;

  const concern::ConcernService& concerns_;
  base::TenantId tenant_;
};

}  // namespace fyren::api
