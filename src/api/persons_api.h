#pragma once

#include <expected>

#include "base/ids.h"
#include "domain/person/person_service.h"
#include "http/message.h"
#include "http/session_middleware.h"
#include "trust/accounts/account_service.h"

namespace fyren::api {

// /api/v1/persons: the person register for integrations and scripts (issue 4 §1), over the same
// PersonService as the /persons pages, so both decide access and audit alike: a person of
// another authority, outside the caller's case team without an emergency grant, or missing is
// the same 404. Authenticated by the session cookie of a fully signed-in user; like
// /api/v1/users, every POST and PATCH must be `Content-Type: application/json` (415 otherwise),
// which a cross-site form cannot send without a CORS preflight Fyren never grants. Answers carry
// Cache-Control: no-store. Names are never in lists (initials and birth year only).
// Thread-safe; the references must outlive it.
class PersonsApi {
 public:
  PersonsApi(const person::PersonService& persons, base::TenantId tenant);

  // GET /api/v1/persons?filter=TEXT: the caller's case-team persons (never protected ones).
  // GET /api/v1/persons?query=NUMBER: search before create inside the caller's authority by
  // personnummer, samordningsnummer, reserve number or public id (400 for a malformed number).
  [[nodiscard]] http::Response List(http::Request& request) const;
  // POST /api/v1/persons {identity_kind, identity_number, given_name, ...}: 201 with Location and
  // ETag; 422 with one error per field; 409 with `duplicates` when the number is registered.
  [[nodiscard]] http::Response Create(http::Request& request) const;
  // GET /api/v1/persons/{id}: identity number masked; ETag from the version (If-None-Match 304).
  [[nodiscard]] http::Response Get(http::Request& request) const;
  // PATCH /api/v1/persons/{id} (JSON merge patch of the editable fields): access first (404),
  // then If-Match (428 without, 412 on a stale ETag), then the body (400/422), then the save
  // (412 when someone saved in between; 403 for a protected identity the caller is not named
  // for). 200 with the new version and ETag.
  [[nodiscard]] http::Response Patch(http::Request& request) const;

 private:
  [[nodiscard]] std::expected<trust::Actor, http::Response> Caller(
      const http::Request& request) const;

  const person::PersonService& persons_;
  base::TenantId tenant_;
};

}  // namespace fyren::api
