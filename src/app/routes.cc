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
    // "Where to turn" (issue 5 §5): the public support directory, ?lang= for every catalog
    // language; edited by competence-centre staff (SupportDirectoryService decides and audits).
    {Method::kGet, "/where-to-turn", P::kPublic,
     "Support directory: search (?q=, ?target=, ?language=, ?lang=)",
     [](T t, Request& r) { return t.directory.Index(r); }},
    {Method::kGet, "/where-to-turn/{id}", P::kPublic, "One support directory entry",
     [](T t, Request& r) { return t.directory.Show(r); }},
    {Method::kGet, "/where-to-turn/manage", P::kEditSupportDirectory,
     "Edit the support directory: every entry, hidden ones too",
     [](T t, Request& r) { return t.directory_manage.List(r); }},
    {Method::kGet, "/where-to-turn/manage/new", P::kEditSupportDirectory, "Add-entry form",
     [](T t, Request& r) { return t.directory_manage.New(r); }},
    {Method::kPost, "/where-to-turn/manage/new", P::kEditSupportDirectory, "Add an entry; audited",
     [](T t, Request& r) { return t.directory_manage.Create(r); }},
    {Method::kGet, "/where-to-turn/manage/{id}/edit", P::kEditSupportDirectory, "Edit-entry form",
     [](T t, Request& r) { return t.directory_manage.Edit(r); }},
    {Method::kPost, "/where-to-turn/manage/{id}/edit", P::kEditSupportDirectory,
     "Save an entry (version checked); audited",
     [](T t, Request& r) { return t.directory_manage.Save(r); }},
    {Method::kPost, "/where-to-turn/manage/{id}/visibility", P::kEditSupportDirectory,
     "Hide or show an entry (version checked); audited",
     [](T t, Request& r) { return t.directory_manage.Visibility(r); }},
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

    // Exit cases (issue 4 §1-2, §6): a case is decided as its person is (owning authority, the
    // person's team, emergency grant); partners see a case only through an active share consent.
    {Method::kGet, "/cases", P::kReadPersonalData, "My cases: number, initials, status, filters",
     [](T t, Request& r) { return t.cases.ListMine(r); }},
    {Method::kGet, "/cases/unit", P::kReadPersonalData, "My unit's cases",
     [](T t, Request& r) { return t.cases.ListUnit(r); }},
    {Method::kGet, "/persons/{id}/cases/new", P::kWritePersonalData, "Open a case: the form",
     [](T t, Request& r) { return t.cases.New(r); }},
    {Method::kPost, "/persons/{id}/cases/new", P::kWritePersonalData, "Open a case for a person",
     [](T t, Request& r) { return t.cases.Open(r); }},
    {Method::kGet, "/cases/{id}", P::kReadPersonalData,
     "One case: status, team, consents now, history; audited",
     [](T t, Request& r) { return t.cases.Show(r); }},
    {Method::kPost, "/cases/{id}/status", P::kWritePersonalData,
     "Change status (closing needs a reason)", [](T t, Request& r) { return t.cases.Status(r); }},
    {Method::kPost, "/cases/{id}/consents", P::kWritePersonalData, "Record a consent",
     [](T t, Request& r) { return t.cases.Consent(r); }},
    {Method::kPost, "/cases/{id}/consents/{consent}/withdraw", P::kWritePersonalData,
     "Withdraw a consent (sharing stops at once)",
     [](T t, Request& r) { return t.cases.Withdraw(r); }},
    // The SIP of a case (issue 4 §3-4, §9): the case's scope decides, as for /cases/{id}.
    {Method::kGet, "/cases/{id}/sip", P::kReadPersonalData,
     "The plan, revision history and follow-up log; audited",
     [](T t, Request& r) { return t.sips.Show(r); }},
    {Method::kGet, "/cases/{id}/sip/edit", P::kWritePersonalData, "The plan editor",
     [](T t, Request& r) { return t.sips.Edit(r); }},
    {Method::kPost, "/cases/{id}/sip/edit", P::kWritePersonalData,
     "Save the plan (version, continuity guard) or add a row",
     [](T t, Request& r) { return t.sips.Save(r); }},
    {Method::kGet, "/cases/{id}/sip/revisions/{rev}", P::kReadPersonalData,
     "One revision of the plan", [](T t, Request& r) { return t.sips.Revision(r); }},
    {Method::kGet, "/cases/{id}/sip/compare", P::kReadPersonalData,
     "What changed between two revisions", [](T t, Request& r) { return t.sips.Compare(r); }},
    {Method::kGet, "/cases/{id}/sip/print", P::kReadPersonalData,
     "Print view for the person (sv, en); audited as print, not for protected identity",
     [](T t, Request& r) { return t.sips.Print(r); }},
    {Method::kPost, "/cases/{id}/sip/followups", P::kWritePersonalData, "Log a follow-up",
     [](T t, Request& r) { return t.sips.FollowUp(r); }},
    {Method::kGet, "/shared/cases", P::kReadShared, "Cases shared with my organisation",
     [](T t, Request& r) { return t.shared_cases.List(r); }},
    {Method::kGet, "/shared/cases/{id}", P::kReadShared,
     "A shared case: the consented parts only; audited",
     [](T t, Request& r) { return t.shared_cases.Show(r); }},

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
    {Method::kGet, "/api/v1/directory", P::kPublic,
     "Support directory (?lang=, ?q=, ?target=, ?language=)",
     [](T t, Request& r) { return t.directory_api.List(r); }},
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
    {Method::kGet, "/api/v1/cases", P::kReadPersonalData, "My or my unit's cases (filters, pages)",
     [](T t, Request& r) { return t.cases_api.List(r); }},
    {Method::kPost, "/api/v1/cases", P::kWritePersonalData, "Open a case for a person",
     [](T t, Request& r) { return t.cases_api.Create(r); }},
    {Method::kGet, "/api/v1/cases/{id}", P::kReadPersonalData, "One case (ETag); audited",
     [](T t, Request& r) { return t.cases_api.Get(r); }},
    {Method::kPatch, "/api/v1/cases/{id}", P::kWritePersonalData, "Change status (If-Match)",
     [](T t, Request& r) { return t.cases_api.Patch(r); }},
    {Method::kGet, "/api/v1/cases/{id}/consents", P::kReadPersonalData, "A case's consents",
     [](T t, Request& r) { return t.cases_api.Consents(r); }},
    {Method::kPost, "/api/v1/cases/{id}/consents", P::kWritePersonalData, "Record a consent",
     [](T t, Request& r) { return t.cases_api.RecordConsent(r); }},
    {Method::kPost, "/api/v1/cases/{id}/consents/{consent}/withdraw", P::kWritePersonalData,
     "Withdraw a consent", [](T t, Request& r) { return t.cases_api.WithdrawConsent(r); }},
    {Method::kGet, "/api/v1/cases/{id}/sip", P::kReadPersonalData, "The case's SIP (ETag)",
     [](T t, Request& r) { return t.sips_api.Get(r); }},
    {Method::kPut, "/api/v1/cases/{id}/sip", P::kWritePersonalData,
     "Save the SIP (If-Match; 412 with both versions; continuity guard)",
     [](T t, Request& r) { return t.sips_api.Put(r); }},
    {Method::kGet, "/api/v1/cases/{id}/sip/revisions", P::kReadPersonalData, "The SIP's revisions",
     [](T t, Request& r) { return t.sips_api.Revisions(r); }},
    {Method::kGet, "/api/v1/cases/{id}/sip/revisions/{rev}", P::kReadPersonalData,
     "One revision of the SIP", [](T t, Request& r) { return t.sips_api.Revision(r); }},
    {Method::kPost, "/api/v1/cases/{id}/sip/followups", P::kWritePersonalData,
     "Log a follow-up of the SIP", [](T t, Request& r) { return t.sips_api.AddFollowUp(r); }},

    // Tasks (issue 4 §5): each user's own inbox. A task holds no personal data (kind, due date,
    // case number); another user's task id is the same 404 as a missing one.
    {Method::kGet, "/inbox", P::kSignedIn, "My open tasks, overdue first",
     [](T t, Request& r) { return t.inbox.Show(r); }},
    {Method::kPost, "/inbox/{task}/done", P::kSignedIn, "Mark my task done",
     [](T t, Request& r) { return t.inbox.Done(r); }},
    {Method::kGet, "/api/v1/tasks", P::kSignedIn, "My open tasks, overdue first",
     [](T t, Request& r) { return t.tasks_api.List(r); }},
    {Method::kPost, "/api/v1/tasks/{id}/done", P::kSignedIn, "Mark my task done",
     [](T t, Request& r) { return t.tasks_api.Done(r); }},

    // Screening (issue 5 §1-2): instruments are content; a screening is personal data, scored and
    // audited by ScreeningService whether it comes from a page or the API.
    {Method::kGet, "/screenings", P::kReadPersonalData, "Screenings I recorded",
     [](T t, Request& r) { return t.screenings.List(r); }},
    {Method::kGet, "/screenings/new", P::kWritePersonalData, "Choose a screening instrument",
     [](T t, Request& r) { return t.screenings.Choose(r); }},
    {Method::kGet, "/screenings/new/{instrument}", P::kWritePersonalData,
     "The instrument's questions and the subject",
     [](T t, Request& r) { return t.screenings.Questions(r); }},
    {Method::kPost, "/screenings/new/{instrument}", P::kWritePersonalData,
     "Record a screening (level computed on the server)",
     [](T t, Request& r) { return t.screenings.Record(r); }},
    {Method::kGet, "/screenings/{id}", P::kReadPersonalData,
     "A screening: level, recommended actions, answers; audited",
     [](T t, Request& r) { return t.screenings.Show(r); }},
    {Method::kGet, "/api/v1/instruments", P::kSignedIn, "Screening instruments",
     [](T t, Request& r) { return t.screenings_api.ListInstruments(r); }},
    {Method::kGet, "/api/v1/instruments/{id}", P::kSignedIn, "One instrument with its scoring",
     [](T t, Request& r) { return t.screenings_api.GetInstrument(r); }},
    {Method::kPost, "/api/v1/screenings", P::kWritePersonalData, "Record a screening",
     [](T t, Request& r) { return t.screenings_api.Create(r); }},
    {Method::kGet, "/api/v1/screenings/{id}", P::kReadPersonalData, "One screening; audited",
     [](T t, Request& r) { return t.screenings_api.Get(r); }},

    // Reports of concern about a child (issue 5 §3): any staff with write_personal_data reports
    // to the receiving committee's intake; the reporter sees only the receipt. ConcernService
    // decides per report (receiving committee, intake roles); another committee's report = 404.
    {Method::kGet, "/concerns/new", P::kWritePersonalData,
     "Report-of-concern form (?screening=<id> links a screening)",
     [](T t, Request& r) { return t.concerns.New(r); }},
    {Method::kPost, "/concerns/new", P::kWritePersonalData, "Send a report of concern",
     [](T t, Request& r) { return t.concerns.Submit(r); }},
    {Method::kGet, "/concerns/receipts/{ref}", P::kSignedIn,
     "The reporter's receipt: reference, received by intake (reporter only)",
     [](T t, Request& r) { return t.concerns.Receipt(r); }},
    {Method::kGet, "/intake", P::kWorkIntakeQueue,
     "Intake queue of my committee: new first, overdue counted, 50 a page",
     [](T t, Request& r) { return t.intake.Queue(r); }},
    {Method::kGet, "/intake/{id}", P::kWorkIntakeQueue,
     "One report of concern with its deadlines; audited",
     [](T t, Request& r) { return t.intake.Show(r); }},
    {Method::kPost, "/intake/{id}/assessment", P::kWorkIntakeQueue,
     "Record the protection assessment (version checked)",
     [](T t, Request& r) { return t.intake.Assess(r); }},
    {Method::kPost, "/intake/{id}/decision", P::kWorkIntakeQueue,
     "Record whether an investigation is opened (version checked)",
     [](T t, Request& r) { return t.intake.Decide(r); }},
    {Method::kPost, "/intake/{id}/close", P::kWorkIntakeQueue, "Close the report",
     [](T t, Request& r) { return t.intake.Close(r); }},
    {Method::kGet, "/api/v1/concerns", P::kWorkIntakeQueue,
     "Intake queue of my committee (?status, ?overdue=true, ?page)",
     [](T t, Request& r) { return t.concerns_api.Queue(r); }},
    {Method::kPost, "/api/v1/concerns", P::kWritePersonalData, "Send a report of concern",
     [](T t, Request& r) { return t.concerns_api.Create(r); }},
    {Method::kGet, "/api/v1/concerns/{id}", P::kWorkIntakeQueue,
     "One report for its intake, with deadlines; audited",
     [](T t, Request& r) { return t.concerns_api.Get(r); }},
    {Method::kGet, "/api/v1/concerns/{id}/receipt", P::kSignedIn,
     "The reporter's receipt (reporter only)",
     [](T t, Request& r) { return t.concerns_api.Receipt(r); }},
    {Method::kPost, "/api/v1/concerns/{id}/assessment", P::kWorkIntakeQueue,
     "Record the protection assessment", [](T t, Request& r) { return t.concerns_api.Assess(r); }},
    {Method::kPost, "/api/v1/concerns/{id}/decision", P::kWorkIntakeQueue,
     "Record whether an investigation is opened",
     [](T t, Request& r) { return t.concerns_api.Decide(r); }},

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

http::Router BuildRouter(const RouteTargets& targets, const http::ErrorPage& error_page,
                         const GateDenialRecorder& on_forbidden) {
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
  return BuildGatedRouter(std::move(routes), error_page, on_forbidden);
}

}  // namespace fyren::app
