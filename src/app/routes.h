#pragma once

#include <span>
#include <string_view>

#include "api/health_api.h"
#include "api/organisations_api.h"
#include "http/router.h"
#include "pages/account_pages.h"
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
http::Router BuildRouter(const RouteTargets& targets);

}  // namespace fyren::app
