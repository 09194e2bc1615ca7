#pragma once

#include "api/health_api.h"
#include "api/organisations_api.h"
#include "http/router.h"
#include "pages/account_pages.h"
#include "pages/public_pages.h"
#include "pages/sign_in_pages.h"
#include "pages/static_files.h"

namespace fyren::app {

// The handlers the route table dispatches to, built once in serve_command.cc. Handlers capture
// this struct by value (it holds references), never by reference: callers pass a temporary.
struct RouteTargets {
  const pages::PublicPages& pages;
  const pages::StaticFiles& static_files;
  const api::OrganisationsApi& organisations_api;
  const api::HealthApi& health;
  const pages::SignInPages& sign_in;
  const pages::AccountPages& account;
};

// Every route of Fyren with the permission it requires: the whole attack surface in one place
// (routes.cc). The references in `targets` must outlive the router.
http::Router BuildRouter(const RouteTargets& targets);

// Permission names. "public" routes need no sign-in and show no personal data.
inline constexpr std::string_view kPublic = "public";
// Part of signing in: needs a session that has passed the password (pending), or none.
inline constexpr std::string_view kSignIn = "sign_in";
// Any user with a full session (password and second factor); the handler checks it.
inline constexpr std::string_view kSignedIn = "signed_in";

}  // namespace fyren::app
