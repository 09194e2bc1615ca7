#include "app/routes.h"

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "app/route_gate.h"

namespace fyren::app {
namespace {

using http::Method;
using http::Request;
using http::Response;
using P = trust::access::Permission;
using T = const RouteTargets&;

// Pages first, then the JSON API, then operations. Keep each group in path order.
const auto kRoutes = std::to_array<RouteSpec>({
    // Pages. A signed-in user lands on their own start page ("my work"); everyone else on the
    // public one.
    {Method::kGet, "/", P::kPublic, "Start page (my work when signed in)",
     [](T t, Request& r) -> Response {
       if (r.session && r.session->mfa_verified) return t.account.Home(r);
       return t.pages.Start(r);
     }},
    {Method::kGet, "/organisations", P::kPublic, "The organisation tree",
     [](T t, Request& r) { return t.pages.Organisations(r); }},
    {Method::kGet, "/glossary", P::kPublic, "Definitions from the decision",
     [](T t, Request& r) { return t.pages.Glossary(r); }},
    {Method::kGet, "/about", P::kPublic, "About Fyren",
     [](T t, Request& r) { return t.pages.About(r); }},
    {Method::kGet, "/static/{file}", P::kPublic, "Stylesheet, icons",
     [](T t, Request& r) { return t.static_files.Serve(r); }},

    // Signing in and out (every POST carries the CSRF token; http/csrf.h).
    {Method::kGet, "/sign-in", P::kPublic, "Sign-in form",
     [](T t, Request& r) { return t.sign_in.ShowSignIn(r); }},
    {Method::kPost, "/sign-in", P::kPublic, "Check user name and password (throttled)",
     [](T t, Request& r) { return t.sign_in.SignIn(r); }},
    {Method::kGet, "/sign-in/code", P::kSignInStep, "Ask for the TOTP code",
     [](T t, Request& r) { return t.sign_in.ShowCode(r); }},
    {Method::kPost, "/sign-in/code", P::kSignInStep, "Check the TOTP or recovery code (throttled)",
     [](T t, Request& r) { return t.sign_in.SubmitCode(r); }},
    {Method::kGet, "/sign-in/two-factor", P::kSignInStep, "Set up TOTP: QR code",
     [](T t, Request& r) { return t.sign_in.ShowEnrollment(r); }},
    {Method::kPost, "/sign-in/two-factor", P::kSignInStep, "Confirm TOTP; show recovery codes once",
     [](T t, Request& r) { return t.sign_in.ConfirmEnrollment(r); }},
    {Method::kPost, "/sign-out", P::kPublic, "End this session",
     [](T t, Request& r) { return t.sign_in.SignOut(r); }},
    {Method::kGet, "/account", P::kSignedIn, "My account",
     [](T t, Request& r) { return t.account.Account(r); }},
    {Method::kPost, "/account/sign-out-everywhere", P::kSignedIn, "End all my sessions",
     [](T t, Request& r) { return t.account.SignOutEverywhere(r); }},
    {Method::kGet, "/account/confirm", P::kSignedIn, "Step-up: ask for a TOTP code again",
     [](T t, Request& r) { return t.account.ShowStepUp(r); }},
    {Method::kPost, "/account/confirm", P::kSignedIn, "Step-up: check the code",
     [](T t, Request& r) { return t.account.StepUp(r); }},

    // User administration (own authority for authority administrators; the services decide per
    // user) and the public one-time invite link.
    {Method::kGet, "/admin", P::kManageUsers, "Administration start",
     [](T t, Request& r) { return t.admin.Start(r); }},
    {Method::kGet, "/admin/users", P::kManageUsers, "Users, filtered by unit, role, status",
     [](T t, Request& r) { return t.admin.Users(r); }},
    {Method::kGet, "/admin/users/new", P::kManageUsers, "Invite form",
     [](T t, Request& r) { return t.admin.NewUser(r); }},
    {Method::kPost, "/admin/users/new", P::kManageUsers, "Invite a user; show the link once",
     [](T t, Request& r) { return t.admin.InviteUser(r); }},
    {Method::kGet, "/admin/users/{id}", P::kManageUsers, "One user: roles and actions",
     [](T t, Request& r) { return t.admin.User(r); }},
    {Method::kPost, "/admin/users/{id}/roles", P::kManageUsers, "Set roles (version checked)",
     [](T t, Request& r) { return t.admin.SetRoles(r); }},
    {Method::kPost, "/admin/users/{id}/deactivate", P::kManageUsers,
     "Deactivate (confirmed); ends sessions",
     [](T t, Request& r) { return t.admin.Deactivate(r); }},
    {Method::kPost, "/admin/users/{id}/end-sessions", P::kManageUsers, "End the user's sessions",
     [](T t, Request& r) { return t.admin.EndSessions(r); }},
    {Method::kPost, "/admin/users/{id}/unlock", P::kManageUsers, "Unlock after lockout",
     [](T t, Request& r) { return t.admin.Unlock(r); }},
    {Method::kPost, "/admin/users/{id}/invite", P::kManageUsers, "New invite link (revokes old)",
     [](T t, Request& r) { return t.admin.Reinvite(r); }},
    {Method::kGet, "/admin/units", P::kManageOrganisation, "Own authority's units; add form",
     [](T t, Request& r) { return t.admin_units.Units(r); }},
    {Method::kPost, "/admin/units", P::kManageOrganisation, "Add a unit under a chosen parent",
     [](T t, Request& r) { return t.admin_units.Create(r); }},
    {Method::kPost, "/admin/units/{id}", P::kManageOrganisation, "Rename a unit (version checked)",
     [](T t, Request& r) { return t.admin_units.Rename(r); }},
    {Method::kGet, "/invite/{token}", P::kPublic, "Invite link: choose a password",
     [](T t, Request& r) { return t.invite.Show(r); }},
    {Method::kPost, "/invite/{token}", P::kPublic, "Invite link: set the password (once)",
     [](T t, Request& r) { return t.invite.Accept(r); }},

    // The person register (issue 4 §1): the services decide per person (owning authority, case
    // team, protected identity, emergency grant) and audit every read; denied = missing (404).
    {Method::kGet, "/persons", P::kReadPersonalData, "My persons: initials, birth year, id",
     [](T t, Request& r) { return t.persons.List(r); }},
    {Method::kGet, "/persons/new", P::kWritePersonalData,
     "Search before create (?query=number), register form",
     [](T t, Request& r) { return t.persons.New(r); }},
    {Method::kPost, "/persons/new", P::kWritePersonalData, "Register a person",
     [](T t, Request& r) { return t.persons.Register(r); }},
    {Method::kGet, "/persons/{id}", P::kReadPersonalData,
     "One person, identity masked; audited read",
     [](T t, Request& r) { return t.persons.Show(r); }},
    {Method::kGet, "/persons/{id}/edit", P::kWritePersonalData, "Edit form with the version",
     [](T t, Request& r) { return t.person_changes.Edit(r); }},
    {Method::kPost, "/persons/{id}/edit", P::kWritePersonalData,
     "Save (version checked; a conflict is shown)",
     [](T t, Request& r) { return t.person_changes.Save(r); }},
    {Method::kGet, "/persons/{id}/emergency-access", P::kEmergencyAccess,
     "Emergency access form (step-up)",
     [](T t, Request& r) { return t.person_changes.ShowEmergency(r); }},
    {Method::kPost, "/persons/{id}/emergency-access", P::kEmergencyAccess,
     "Grant emergency access for 4 hours (step-up, reason)",
     [](T t, Request& r) { return t.person_changes.GrantEmergency(r); }},
    {Method::kPost, "/persons/{id}/reveal", P::kReadPersonalData, "Show the full number (audited)",
     [](T t, Request& r) { return t.persons.Reveal(r); }},
    {Method::kPost, "/persons/{id}/team", P::kWritePersonalData, "Add or remove a team member",
     [](T t, Request& r) { return t.persons.Team(r); }},

    // Log review (logguppföljning): the reviewer's own authority only; the service decides and
    // audits every view. The extract is an export and needs a fresh step-up.
    {Method::kGet, "/audit", P::kReviewAuditLog, "Flagged access, filter by flag and period",
     [](T t, Request& r) { return t.log_review.Flagged(r); }},
    {Method::kGet, "/audit/persons", P::kReviewAuditLog, "Go to a person's log by public id",
     [](T t, Request& r) { return t.log_review.FindPerson(r); }},
    {Method::kGet, "/audit/persons/{id}", P::kReviewAuditLog, "A person's access history",
     [](T t, Request& r) { return t.log_review.PersonHistory(r); }},
    {Method::kGet, "/audit/persons/{id}/extract", P::kReviewAuditLog,
     "Access-log extract for a data-subject request, printable (step-up)",
     [](T t, Request& r) { return t.log_review.ExtractPage(r); }},
    {Method::kGet, "/audit/persons/{id}/extract.csv", P::kReviewAuditLog,
     "Access-log extract as CSV (step-up)",
     [](T t, Request& r) { return t.log_review.ExtractCsv(r); }},
    {Method::kGet, "/audit/users/{id}", P::kReviewAuditLog, "A user's activity",
     [](T t, Request& r) { return t.log_review.UserActivity(r); }},

    // JSON API
    {Method::kGet, "/api/v1/organisations", P::kPublic, "List organisations (cursor pages)",
     [](T t, Request& r) { return t.organisations_api.List(r); }},
    {Method::kGet, "/api/v1/organisations/{id}", P::kPublic, "One organisation",
     [](T t, Request& r) { return t.organisations_api.Get(r); }},
    {Method::kGet, "/api/v1/users", P::kManageUsers, "Users in scope, filtered",
     [](T t, Request& r) { return t.users_api.List(r); }},
    {Method::kPost, "/api/v1/users", P::kManageUsers, "Invite a user; the link is in this answer",
     [](T t, Request& r) { return t.users_api.Invite(r); }},
    {Method::kGet, "/api/v1/users/{id}", P::kManageUsers, "One user (ETag)",
     [](T t, Request& r) { return t.users_api.Get(r); }},
    {Method::kPatch, "/api/v1/users/{id}", P::kManageUsers, "Roles, active (If-Match)",
     [](T t, Request& r) { return t.users_api.Patch(r); }},
    {Method::kPost, "/api/v1/users/{id}/end-sessions", P::kManageUsers, "End the user's sessions",
     [](T t, Request& r) { return t.users_api.EndSessions(r); }},
    // Persons: same service as the pages; access checked before If-Match (out of scope = 404).
    {Method::kGet, "/api/v1/persons", P::kReadPersonalData,
     "My persons, or search before create (?query=number)",
     [](T t, Request& r) { return t.persons_api.List(r); }},
    {Method::kPost, "/api/v1/persons", P::kWritePersonalData, "Register a person",
     [](T t, Request& r) { return t.persons_api.Create(r); }},
    {Method::kGet, "/api/v1/persons/{id}", P::kReadPersonalData,
     "One person, identity masked (ETag); audited",
     [](T t, Request& r) { return t.persons_api.Get(r); }},
    {Method::kPatch, "/api/v1/persons/{id}", P::kWritePersonalData, "Change a person (If-Match)",
     [](T t, Request& r) { return t.persons_api.Patch(r); }},

    // Operations: no personal data; /metrics is meant to be firewalled to the monitoring host.
    {Method::kGet, "/healthz", P::kPublic, "Liveness",
     [](T, Request& r) { return api::HealthApi::Live(r); }},
    {Method::kGet, "/readyz", P::kPublic, "Readiness: database reachable, schema current",
     [](T t, Request& r) { return t.health.Ready(r); }},
    {Method::kGet, "/metrics", P::kPublic, "Prometheus metrics",
     [](T t, Request& r) { return t.health.Metrics(r); }},
});

}  // namespace

std::span<const RouteSpec> RouteTable() { return kRoutes; }

http::Router BuildRouter(const RouteTargets& targets, const http::ErrorPage& error_page) {
  // Every route goes through the central gate (route_gate.h): its permission is checked against
  // the session's roles before the handler runs.
  std::vector<GatedRoute> routes;
  for (const RouteSpec& spec : RouteTable()) {
    routes.push_back(GatedRoute{
        .info = http::RouteInfo{.pattern = std::string(spec.pattern),
                                .method = spec.method,
                                .permission = {},
                                .summary = std::string(spec.summary)},
        .permission = spec.permission,
        .handler = [targets, handle = spec.handle](Request& r) { return handle(targets, r); }});
  }
  return BuildGatedRouter(std::move(routes), error_page);
}

}  // namespace fyren::app
