#pragma once

#include <expected>

#include "base/ids.h"
#include "domain/screening/screening_service.h"
#include "http/message.h"

namespace fyren::api {

// /api/v1/instruments and /api/v1/screenings (issue 5 §1–2), over the same ScreeningService as
// the /screenings pages, so access, scoring and audit are the same. Authenticated by the session
// cookie of a fully signed-in user; POST must be `Content-Type: application/json` (415
// otherwise). Screening answers carry Cache-Control: no-store. Thread-safe; the references must
// outlive it.
class ScreeningsApi {
 public:
  ScreeningsApi(const screening::ScreeningService& screenings, base::TenantId tenant);

  // GET /api/v1/instruments: id, version, audience and titles of every instrument.
  [[nodiscard]] http::Response ListInstruments(http::Request& request) const;
  // GET /api/v1/instruments/{id}: the whole instrument (items, answer codes, thresholds,
  // recommendations), 404 for an unknown id.
  [[nodiscard]] http::Response GetInstrument(http::Request& request) const;
  // POST /api/v1/screenings {instrument, subject_kind, person | age_band+gender+setting,
  // answers: {item id: answer code}}: 201 with Location, the level computed by the server and
  // the recommended actions; 422 with one error per problem (/answers/<item id> for items).
  [[nodiscard]] http::Response Create(http::Request& request) const;
  // GET /api/v1/screenings/{id}: level, subject, answers. Another authority's or a missing
  // screening: the same 404.
  [[nodiscard]] http::Response Get(http::Request& request) const;

 private:
  [[nodiscard]] std::expected<trust::Actor, http::Response> Caller(
      const http::Request& request) const;

  const screening::ScreeningService& screenings_;
  base::TenantId tenant_;
};

}  // namespace fyren::api
