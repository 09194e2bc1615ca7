#pragma once

#include <expected>

#include "base/ids.h"
#include "domain/sip/sip_service.h"
#include "http/message.h"

namespace fyren::api {

// /api/v1/cases/{id}/sip: the coordinated individual plan for integrations (issue 4 §3, §7),
// over the same SipService as the /cases/{id}/sip pages, so access and audit are the same: a
// case outside the caller's scope and a missing one are the same 404. Signed-in session cookie;
// writes must be `Content-Type: application/json` (415 otherwise). Answers carry
// Cache-Control: no-store. The plan's ETag is "<case id>.<version>" (version 0 before the first
// save). Thread-safe; the references must outlive it.
class SipApi {
 public:
  SipApi(const sip::SipService& sips, base::TenantId tenant);

  // GET /api/v1/cases/{id}/sip: {case, case_number, exists, version, revision, plan} + ETag.
  [[nodiscard]] http::Response Get(http::Request& request) const;
  // PUT /api/v1/cases/{id}/sip {plan, change_note?, confirm_guard?}: If-Match required (428);
  // a stale one is 412 with `current` and `submitted` plans in the problem body; 422 with
  // per-field errors ("/interventions/2/planned_end_on"); 409 type /problems/continuity-guard
  // with `events` when the guard needs confirmation (send again with confirm_guard true);
  // 200 {version, revision, events} + ETag.
  [[nodiscard]] http::Response Put(http::Request& request) const;
  // GET /api/v1/cases/{id}/sip/revisions: newest first.
  [[nodiscard]] http::Response Revisions(http::Request& request) const;
  // GET /api/v1/cases/{id}/sip/revisions/{rev}: {revision, saved_by, saved_at, change_note, plan}.
  [[nodiscard]] http::Response Revision(http::Request& request) const;
  // POST /api/v1/cases/{id}/sip/followups {held_on, intervention_key?, outcome}: 201; 422.
  [[nodiscard]] http::Response AddFollowUp(http::Request& request) const;

 private:
  [[nodiscard]] std::expected<trust::Actor, http::Response> Caller(
      const http::Request& request) const;

  const sip::SipService& sips_;
  base::TenantId tenant_;
};

}  // namespace fyren::api
