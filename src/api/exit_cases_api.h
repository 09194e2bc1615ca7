#pragma once

#include <expected>

#include "base/ids.h"
#include "domain/exit_case/exit_case_service.h"
#include "http/message.h"

namespace fyren::api {

// /api/v1/cases: exit cases and their consents for integrations and scripts (issue 4 §1, §2,
// §7), over the same ExitCaseService as the /cases pages, so access and audit are the same: a
// case of another authority, outside the caller's teams, or missing is the same 404. Signed-in
// session cookie; writes must be `Content-Type: application/json` (415 otherwise). Answers carry
// Cache-Control: no-store. Thread-safe; the references must outlive it.
class ExitCasesApi {
 public:
  ExitCasesApi(const exit_case::ExitCaseService& cases, base::TenantId tenant);

  // GET /api/v1/cases?list=mine|unit&status=&number=&page=: 50 rows a page, `has_more`.
  [[nodiscard]] http::Response List(http::Request& request) const;
  // POST /api/v1/cases {person, responsible?}: 201 with Location and ETag; 422 per field.
  [[nodiscard]] http::Response Create(http::Request& request) const;
  // GET /api/v1/cases/{id}: ETag from the version (If-None-Match 304).
  [[nodiscard]] http::Response Get(http::Request& request) const;
  // PATCH /api/v1/cases/{id} {status, reason?, note?}: access (404), If-Match (428/412), body
  // (400/422), save (412 when changed in between).
  [[nodiscard]] http::Response Patch(http::Request& request) const;
  // GET /api/v1/cases/{id}/consents: every consent, `active` computed now.
  [[nodiscard]] http::Response Consents(http::Request& request) const;
  // POST /api/v1/cases/{id}/consents {purpose, organisation?, scope?, how_given, given_on?,
  // expires_on?}: 201 with the consent's id; 422 per field.
  [[nodiscard]] http::Response RecordConsent(http::Request& request) const;
  // POST /api/v1/cases/{id}/consents/{consent}/withdraw: 204; 404 when not active.
  [[nodiscard]] http::Response WithdrawConsent(http::Request& request) const;

 private:
  [[nodiscard]] std::expected<trust::Actor, http::Response> Caller(
      const http::Request& request) const;

  const exit_case::ExitCaseService& cases_;
  base::TenantId tenant_;
};

}  // namespace fyren::api
