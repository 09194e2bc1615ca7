#pragma once

#include <expected>

#include "base/ids.h"
#include "domain/referral/consultation_service.h"
#include "domain/referral/referral_service.h"
#include "http/message.h"

namespace fyren::api {

// /api/v1/referrals and /api/v1/consultations (issue 5 §4) over the same ReferralService and
// ConsultationService as the pages, so access and audit are the same: a referral or question the
// caller is not a party to, or a missing one, is the same 404. Authenticated by the session
// cookie of a fully signed-in user; POSTs must be `Content-Type: application/json` (415
// otherwise). Answers carry Cache-Control: no-store. Thread-safe; the references must outlive it.
class ReferralsApi {
 public:
  ReferralsApi(const referral::ReferralService& referrals,
               const referral::ConsultationService& consultations, base::TenantId tenant);

  // GET /api/v1/referrals: {sent: [...], received: [...]} of the caller's unit.
  [[nodiscard]] http::Response List(http::Request& request) const;
  // POST /api/v1/referrals {kind, recipient, source_kind, source_id, message, person_summary}:
  // 201 {id} with Location; 422 with one error per field (a recipient that does not take the
  // kind: /recipient).
  [[nodiscard]] http::Response Create(http::Request& request) const;
  // GET /api/v1/referrals/{id}: the referral with its history; ETag "<version>".
  [[nodiscard]] http::Response Get(http::Request& request) const;
  // POST /api/v1/referrals/{id}/status {status, reason} with If-Match: "<version>" (428 without):
  // 204; 422 bad input; 409 a move the current status does not allow; 412 a stale version.
  [[nodiscard]] http::Response ChangeStatus(http::Request& request) const;

  // GET /api/v1/consultations: the caller's unit's questions (?inbox=true: the centre's inbox).
  [[nodiscard]] http::Response ListConsultations(http::Request& request) const;
  // POST /api/v1/consultations {question}: 201 {id}; 422.
  [[nodiscard]] http::Response Ask(http::Request& request) const;
  // GET /api/v1/consultations/{id}: question and answer (asker's unit or the centre).
  [[nodiscard]] http::Response GetConsultation(http::Request& request) const;
  // POST /api/v1/consultations/{id}/answer {answer}: 204; 422 (also when already answered).
  [[nodiscard]] http::Response Answer(http::Request& request) const;

 private:
  [[nodiscard]] std::expected<trust::Actor, http::Response> Caller(
      const http::Request& request) const;

  const referral::ReferralService& referrals_;
  const referral::ConsultationService& consultations_;
  base::TenantId tenant_;
};

}  // namespace fyren::api
