#pragma once

#include <span>
#include <string_view>

#include "api/concerns_api.h"
#include "api/directory_api.h"
#include "api/exit_cases_api.h"
#include "api/health_api.h"
#include "api/organisations_api.h"
#include "api/persons_api.h"
#include "api/referrals_api.h"
#include "api/screenings_api.h"
#include "api/sip_api.h"
#include "api/tasks_api.h"
#include "api/users_api.h"
#include "app/route_gate.h"
#include "http/middleware.h"
#include "http/router.h"
#include "pages/account_pages.h"
#include "pages/admin_pages.h"
#include "pages/admin_unit_pages.h"
#include "pages/concern_intake_pages.h"
#include "pages/concern_pages.h"
#include "pages/consultation_pages.h"
#include "pages/directory_manage_pages.h"
#include "pages/directory_pages.h"
#include "pages/exit_case_pages.h"
#include "pages/exit_case_shared_pages.h"
#include "pages/inbox_pages.h"
#include "pages/invite_pages.h"
#include "pages/log_review_pages.h"
#include "pages/person_change_pages.h"
#include "pages/person_pages.h"
#include "pages/public_pages.h"
#include "pages/referral_pages.h"
#include "pages/screening_pages.h"
#include "pages/sign_in_pages.h"
#include "pages/sip_pages.h"
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
  const pages::ScreeningPages& screenings;
  const api::ScreeningsApi& screenings_api;
  const pages::ConcernPages& concerns;
  const pages::ConcernIntakePages& intake;
  const api::ConcernsApi& concerns_api;
  const pages::DirectoryPages& directory;
  const pages::DirectoryManagePages& directory_manage;
  const api::DirectoryApi& directory_api;
  const pages::ExitCasePages& cases;
  const pages::ExitCaseSharedPages& shared_cases;
  const api::ExitCasesApi& cases_api;
  const pages::SipPages& sips;
  const api::SipApi& sips_api;
  const pages::InboxPages& inbox;
  const api::TasksApi& tasks_api;
  const pages::ReferralPages& referrals;
  const pages::ConsultationPages& consultations;
  const api::ReferralsApi& referrals_api;
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
// 403) or a redirect to the sign-in page when the route's permission is not met; `on_forbidden`
// hears of each 403 so it can be audited.
http::Router BuildRouter(const RouteTargets& targets, const http::ErrorPage& error_page,
                         const GateDenialRecorder& on_forbidden = {});

}  // namespace fyren::app
