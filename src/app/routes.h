#pragma once

#include <span>
#include <string_view>

#include "api/health_api.h"
#include "api/organisations_api.h"
#include "api/persons_api.h"
#include "api/users_api.h"
#include "http/middleware.h"
#include "http/router.h"
#include "pages/account_pages.h"
#include "pages/admin_pages.h"
#include "pages/admin_unit_pages.h"
#include "pages/invite_pages.h"
#include "pages/log_review_pages.h"
#include "pages/person_change_pages.h"
#include "pages/person_pages.h"
#include "pages/public_pages.h"
#include "pages/sign_in_pages.h"
#include "pages/static_files.h"
#include "trust/access/permission.h"

namespace fyren::app {

// The handlers the route table dispatches to, built once in serve_command.cc. The router keeps
// a copy of this struct (it holds references), so the objects must outlive the router.
struct RouteTargets {
  const pages::PublicPages& pages;
  const pages::StaticFiles& static_files;
  const api::OrganisationsApi& organisations_api;
  const api::HealthApi& health;
  const pages::SignInPages& sign_in;
  const pages::AccountPages& account;
  const pages::AdminPages& admin;
  const pages::InvitePages& invite;
  const pages::LogReviewPages& log_review;
  const pages::PersonPages& persons;
  const pages::PersonChangePages& person_changes;
  const api::PersonsApi& persons_api;
  const pages::AdminUnitPages& admin_units;
  const api::UsersApi& users_api;
};

// One row of the route table: what a request must match, what it requires, and which handler
// answers. `handle` is a plain function (a captureless lambda) so the table is data that
// `fyren routes` and the access-matrix test can read without building a server.
struct RouteSpec {
  http::Method method;
  std::string_view pattern;
  trust::access::Permission permission;
  std::string_view summary;
  http::Response (*handle)(const RouteTargets&, http::Request&);
};

// Every route of Fyren with the permission it requires: the whole attack surface in one place
// (routes.cc).
[[nodiscard]] std::span<const RouteSpec> RouteTable();

// The router for RouteTable() bound to `targets`, whose references must outlive the router.
// Every handler sits behind the route gate (route_gate.h), which answers with `error_page` (401,
// 403) or a redirect to the sign-in page when the route's permission is not met.
http::Router BuildRouter(const RouteTargets& targets, const http::ErrorPage& error_page);

}  // namespace fyren::app
