// `fyren serve`: builds the server from the libraries, once, and runs it until SIGTERM/SIGINT.
#include <malloc.h>

#include <chrono>
#include <iostream>
#include <string>

#include "api/concerns_api.h"
#include "api/health_api.h"
#include "api/organisations_api.h"
#include "api/persons_api.h"
#include "api/referrals_api.h"
#include "api/screenings_api.h"
#include "api/users_api.h"
#include "app/account_stack.h"
#include "app/allocator.h"
#include "app/commands.h"
#include "app/database_url.h"
#include "app/demo_directory.h"
#include "app/durable_audit.h"
#include "app/gate_denial_audit.h"
#include "app/person_directory_store.h"
#include "app/referral_handover.h"
#include "app/referral_sources.h"
#include "app/routes.h"
#include "app/task_scheduling.h"
#include "base/log.h"
#include "domain/concern/concern_service.h"
#include "domain/exit_case/exit_case_service.h"
#include "domain/organisation/organisation_service.h"
#include "domain/person/person_service.h"
#include "domain/referral/consultation_service.h"
#include "domain/referral/recipients.h"
#include "domain/referral/referral_service.h"
#include "domain/screening/instrument_catalog.h"
#include "domain/screening/screening_service.h"
#include "domain/sip/intervention_catalogue.h"
#include "domain/sip/sip_service.h"
#include "domain/support_directory/support_directory_service.h"
#include "domain/tasks/task_service.h"
#include "http/csrf.h"
#include "http/error_mapping.h"
#include "http/metrics.h"
#include "http/middleware.h"
#include "http/server.h"
#include "http/session_middleware.h"
#include "pages/account_pages.h"
#include "pages/admin_pages.h"
#include "pages/admin_unit_pages.h"
#include "pages/concern_intake_pages.h"
#include "pages/concern_pages.h"
#include "pages/consultation_pages.h"
#include "pages/error_pages.h"
#include "pages/invite_pages.h"
#include "pages/log_review_pages.h"
#include "pages/person_change_pages.h"
#include "pages/person_pages.h"
#include "pages/public_pages.h"
#include "pages/referral_pages.h"
#include "pages/screening_pages.h"
#include "pages/sign_in_pages.h"
#include "pages/sip_view.h"
#include "pages/static_files.h"
#include "render/template_set.h"
#include "storage/migrator.h"

namespace fyren::app {
namespace {

http::ServerOptions ServerOptionsFrom(const Config& config) {
  return http::ServerOptions{
      .address = config.server_address,
      .port = static_cast<std::uint16_t>(config.server_port),
      .threads = static_cast<int>(config.server_threads),
      .max_header_bytes = 16 * 1024,
      .max_body_bytes = static_cast<std::size_t>(config.server_max_body_bytes),
      .request_timeout = std::chrono::milliseconds(config.server_request_timeout_ms),
      .idle_timeout = std::chrono::milliseconds(config.server_idle_timeout_ms),
      .max_connections = static_cast<int>(config.server_max_connections),
      .drain_timeout = std::chrono::milliseconds(config.server_drain_timeout_ms),
      .blocking_threads = static_cast<int>(config.server_blocking_threads),
      .may_block = {},
  };
}

// Which requests run on the blocking pool rather than on the I/O threads (http/server.h). Liveness
// and static files never wait. On PostgreSQL every database read is a network round trip. On
// SQLite a GET reads the local file (WAL readers never wait for the writer) and stays on the I/O
// thread, where it is fastest: its audit entries do not hold the thread, because the response
// waits for them instead (RunWithDurableAudit). A POST may hash a password (Argon2id) or wait for
// the write lock, and the log review pages (/audit/...) may scan many entries: those go to the
// pool, so that they do not hold up the other connections of an I/O thread.
std::function<bool(const http::Request&)> MayBlock(bool network_database) {
  return [network_database](const http::Request& request) {
    if (request.path == "/healthz" || request.path.starts_with("/static/")) return false;
    if (network_database) return true;
    const bool reads_only =
        request.method == http::Method::kGet || request.method == http::Method::kHead;
    return !reads_only || request.path.starts_with("/audit");
  };
}

std::string AllowHeader(const std::vector<http::Method>& methods) {
  std::string allow;
  for (const http::Method m : methods) {
    if (!allow.empty()) allow += ", ";
    allow += http::ToString(m);
  }
  return allow;
}

void RegisterDatabaseMetrics(http::Metrics& metrics, const storage::Database& db) {
  const auto gauge = [&](std::string name, std::string help, auto read) {
    metrics.AddGauge(std::move(name), std::move(help),
                     [&db, read] { return static_cast<double>(read(db.Stats())); });
  };
  gauge("fyren_db_pool_size", "Database connections in the pool",
        [](const storage::PoolStats& s) { return s.size; });
  gauge("fyren_db_pool_in_use", "Database connections lent out",
        [](const storage::PoolStats& s) { return s.in_use; });
  gauge("fyren_db_pool_waiting", "Callers waiting for a database connection",
        [](const storage::PoolStats& s) { return s.waiting; });
  gauge("fyren_db_pool_acquired_total", "Database connections handed out since start",
        [](const storage::PoolStats& s) { return s.acquired_total; });
  gauge("fyren_db_pool_acquire_timeouts_total", "Waits for a connection that timed out",
        [](const storage::PoolStats& s) { return s.acquire_timeouts_total; });
}

void RegisterServerMetrics(http::Metrics& metrics, const http::Server& server) {
  metrics.AddGauge("fyren_http_connections_open", "Open client connections",
                   [&server] { return static_cast<double>(server.Stats().connections_open); });
  metrics.AddGauge("fyren_http_connections_rejected_total",
                   "Connections refused because the connection limit was reached",
                   [&server] { return static_cast<double>(server.Stats().connections_rejected); });
}

// glibc hands freed memory back to the kernel as soon as more than 128 KiB lies free at the top
// of a thread's arena. A server's request threads allocate and free the same sizes over and over,
// so that became madvise calls, TLB shootdowns and page faults on every request: a signed-in page
// view spent more CPU in them than in its own work, and ran 2.5 times slower (perf,
// docs/performance.md). Keeping up to this much free per arena bounds the memory held back.
// The default build runs on jemalloc instead (decision 0015), which ignores this; it still
// matters for builds on glibc's allocator (sanitizers, FYREN_JEMALLOC=OFF).
constexpr int kMallocTrimThresholdBytes = 32 * 1024 * 1024;

}  // namespace

int RunServe(const Config& config) {
  const auto started = std::chrono::steady_clock::now();
  mallopt(M_TRIM_THRESHOLD, kMallocTrimThresholdBytes);
  base::log::Init(base::log::ParseLevel(config.log_level, base::log::Level::kInfo));

  auto opened = storage::OpenDatabase(config.database_url, DatabaseOptionsFrom(config));
  if (!opened) {
    std::cerr << "fyren: cannot reach the database " << storage::RedactUrl(config.database_url)
              << ": " << opened.error().message << "\n";
    return kExitFailure;
  }
  storage::Database& db = **opened;
  auto migrations = storage::LoadMigrations(db.backend());
  if (!migrations) {
    std::cerr << "fyren: " << migrations.error().message << "\n";
    return kExitFailure;
  }
  const int schema_version = static_cast<int>(migrations->size());
  if (auto ok = storage::CheckSchema(db, schema_version); !ok) {
    std::cerr << "fyren: " << ok.error().message << "\n";
    return kExitFailure;
  }

  organisation::OrganisationService organisations(db);
  auto tenant = organisations.FindTenant(config.tenant_slug);
  if (!tenant) {
    std::cerr << "fyren: tenant '" << config.tenant_slug << "' is not in the database"
              << (config.demo_enabled ? " (run fyren demo-data)" : "") << ": "
              << tenant.error().message << "\n";
    return kExitFailure;
  }
  // Parsing continues while the server starts; a page needed before it is done parses its own.
  auto templates = render::TemplateSet::LoadEmbedded(render::TemplateSet::Parsing::kInBackground);
  if (!templates) {
    std::cerr << "fyren: " << templates.error().message << "\n";
    return kExitFailure;
  }
  // Screening instruments are content a municipality edits: a broken file stops the start and
  // every problem is named (file, item, what), rather than failing in front of a user.
  auto instruments = screening::InstrumentCatalog::Load(config.instruments_dir);
  if (!instruments) {
    std::cerr << "fyren: screening instruments are not valid:\n"
              << instruments.error().message << "\n";
    return kExitFailure;
  }

  const pages::SiteInfo site{.tenant_id = tenant->id,
                             .tenant_name = tenant->name,
                             .version = FYREN_VERSION,
                             .demo_mode = config.demo_enabled};
  const pages::ErrorPages error_pages(*templates, site);
  const pages::PublicPages public_pages(*templates, organisations, site);
  const pages::StaticFiles static_files(error_pages);
  const api::OrganisationsApi organisations_api(organisations, tenant->id);

  auto account_stack = BuildAccountStack(db, config, /*require_master_key=*/false);
  if (!account_stack) {
    std::cerr << "fyren: " << account_stack.error().message << "\n";
    return kExitFailure;
  }
  trust::accounts::AccountService& accounts = *(*account_stack)->accounts;
  const http::SessionCookieOptions session_cookie{.secure = config.server_behind_tls};
  const pages::SignInPages sign_in_pages(*templates, site, accounts, session_cookie);
  AccountStack& stack = **account_stack;
  trust::accounts::UserAdminService user_admin(db, stack.clock, *stack.events, *stack.sessions,
                                               stack.audit.get());
  trust::accounts::InviteService invites(db, stack.clock, *stack.hasher, stack.blocklist,
                                         *stack.events, *stack.sessions, stack.audit.get());
  const pages::AdminPages admin_pages(*templates, site, user_admin, invites, session_cookie);
  const pages::InvitePages invite_pages(*templates, site, invites);
  // The tree's writes (units) are audited, so this one has the clock and the audit log.
  organisation::OrganisationService organisation_admin(db, stack.clock, *stack.audit);
  const pages::AdminUnitPages admin_unit_pages(*templates, site, organisation_admin);
  const api::UsersApi users_api(user_admin, invites, tenant->id, session_cookie);
  const SqlPersonDirectory person_directory;
  trust::audit::AuditReviewService audit_review(
      db, *stack.audit, stack.clock, person_directory,
      trust::audit::ReviewOptions{
          .bulk = {.threshold = config.audit_bulk_records,
                   .window = std::chrono::minutes(config.audit_bulk_minutes)}});
  const pages::LogReviewPages log_review_pages(*templates, site, audit_review);
  // Without the master key nobody gets past the second factor, so the person pages are
  // unreachable; an empty key ring (no tenant keys) makes any stray use fail closed.
  std::unique_ptr<trust::crypto::KeyRing> keyless_ring;
  if (!stack.ring) {
    keyless_ring = std::make_unique<trust::crypto::KeyRing>(trust::crypto::MasterKey::Generate());
  }
  const person::PersonService persons(
      db, stack.ring ? *stack.ring : *keyless_ring, *stack.audit, stack.clock,
      person::PersonServiceOptions{.allow_synthetic_identity_numbers = config.demo_enabled});
  // An accepted adult referral continued in an exit case: the referral module decides who may and
  // records the link inside the case's transaction (issue 5 §4).
  const referral::CaseHandover case_handover(db, stack.ring ? *stack.ring : *keyless_ring,
                                             *stack.audit, stack.clock);
  const ReferralHandover referral_handover(case_handover);
  const pages::PersonPages person_pages(*templates, site, persons, case_handover);
  const pages::PersonChangePages person_change_pages(*templates, site, persons);
  const api::PersonsApi persons_api(persons, tenant->id);
  const screening::ScreeningService screenings(db, stack.ring ? *stack.ring : *keyless_ring,
                                               *stack.audit, stack.clock, *instruments);
  const pages::ScreeningPages screening_pages(*templates, site, screenings);
  const api::ScreeningsApi screenings_api(screenings, tenant->id);
  // Deadlines and districts are content too: a wrong entry, or a district whose committee is not
  // an authority of this tenant, stops the start with the file, entry and problem named.
  auto deadline_rules = concern::LoadDeadlineRules();
  auto districts = concern::LoadDistricts();
  if (!deadline_rules || !districts) {
    std::cerr << "fyren: "
              << (!deadline_rules ? deadline_rules.error().message : districts.error().message)
              << "\n";
    return kExitFailure;
  }
  const concern::ConcernService concerns(db, stack.ring ? *stack.ring : *keyless_ring, *stack.audit,
                                         stack.clock, std::move(*deadline_rules),
                                         std::move(*districts));
  if (auto checked = concerns.CheckDistricts(tenant->id); !checked) {
    std::cerr << "fyren: " << checked.error().message << "\n";
    return kExitFailure;
  }
  const pages::ConcernPages concern_pages(*templates, site, concerns, screenings);
  const pages::ConcernIntakePages intake_pages(*templates, site, concerns);
  const api::ConcernsApi concerns_api(concerns, tenant->id);
  // "Where to turn": the content files are checked at start (a bad file stops the server naming
  // file, entry and problem) and copied into an empty directory; after that staff edit it.
  auto directory_content = support_directory::LoadEmbeddedDirectoryContent();
  if (!directory_content) {
    std::cerr << "fyren: " << directory_content.error().message << "\n";
    return kExitFailure;
  }
  support_directory::SupportDirectoryService directory(db, stack.clock, *stack.audit,
                                                       std::move(*directory_content));
  if (auto seeded = directory.SeedIfEmpty(DirectorySeedingActor(tenant->id)); !seeded) {
    std::cerr << "fyren: the support directory could not be seeded: " << seeded.error().message
              << "\n";
    return kExitFailure;
  }
  const pages::DirectoryPages directory_pages(*templates, directory, site);
  const pages::DirectoryManagePages directory_manage_pages(*templates, directory, site);
  const api::DirectoryApi directory_api(directory, tenant->id);
  const exit_case::ExitCaseService exit_cases(
      db, stack.ring ? *stack.ring : *keyless_ring, *stack.audit, stack.clock,
      exit_case::ExitCaseServiceOptions{}, &referral_handover);
  const pages::ExitCasePages exit_case_pages(*templates, site, exit_cases);
  // The intervention catalogue is data (content/catalogues/interventions.toml): a broken entry
  // stops the server here, naming the file and the entry.
  const auto intervention_catalogue = sip::InterventionCatalogue::LoadEmbedded();
  if (!intervention_catalogue) {
    std::cerr << "fyren: " << intervention_catalogue.error().message << "\n";
    return kExitFailure;
  }
  const sip::SipService sips(db, stack.ring ? *stack.ring : *keyless_ring, *stack.audit,
                             stack.clock, *intervention_catalogue);
  const pages::SipPages sip_pages(*templates, site, sips, *intervention_catalogue);
  const api::SipApi sip_api(sips, tenant->id);
  // The SIP module (domain/sip) supplies the shared plan sections through this hook; the SIP
  // service decides and audits the partner's read again, and returns only the consented parts.
  const pages::ExitCaseSharedPages shared_case_pages(
      *templates, site, exit_cases,
      [&sips, &templates, &intervention_catalogue](const trust::Actor& actor,
                                                   const exit_case::PartnerCaseView& view,
                                                   std::string_view locale) {
        auto shared = sips.SharedSections(actor, view.public_id);
        if (!shared) return std::vector<pages::SharedSection>{};
        return pages::SharedSipSections(templates->catalog(locale), locale, *intervention_catalogue,
                                        *shared);
      });
  const api::ExitCasesApi exit_cases_api(exit_cases, tenant->id);
  const tasks::TaskService task_service(db, stack.clock);
  const pages::InboxPages inbox_pages(*templates, site, task_service);
  // Who takes which referral is content: an unknown kind, or an organisation code not in this
  // tenant's tree, stops the start with the file, entry and problem named.
  auto recipient_rules = referral::LoadRecipients();
  if (!recipient_rules) {
    std::cerr << "fyren: " << recipient_rules.error().message << "\n";
    return kExitFailure;
  }
  const ReferralSources referral_sources(screenings, exit_cases, concerns);
  const referral::ReferralService referrals(db, stack.ring ? *stack.ring : *keyless_ring,
                                            *stack.audit, stack.clock, *recipient_rules,
                                            referral_sources);
  if (auto checked = referrals.CheckRecipients(tenant->id); !checked) {
    std::cerr << "fyren: " << checked.error().message << "\n";
    return kExitFailure;
  }
  const referral::ConsultationService consultations(db, stack.ring ? *stack.ring : *keyless_ring,
                                                    *stack.audit, stack.clock,
                                                    std::move(*recipient_rules));
  const pages::ReferralPages referral_pages(*templates, site, referrals);
  const pages::ConsultationPages consultation_pages(*templates, site, consultations);
  const api::ReferralsApi referrals_api(referrals, consultations, tenant->id);
  const api::TasksApi tasks_api(task_service, tenant->id);
  // The signed-in start page counts the user's work through these services ("Mitt arbete").
  const pages::AccountPages account_pages(*templates, site, accounts, session_cookie,
                                          pages::MyWorkSources{.tasks = task_service,
                                                               .cases = exit_cases,
                                                               .referrals = referrals,
                                                               .consultations = consultations,
                                                               .concerns = concerns});

  // Metrics are sized from the route table, and the table routes /metrics to `health`, which
  // renders them: `metrics` is set right after the router exists, before any request arrives.
  std::unique_ptr<http::Metrics> metrics;
  const api::HealthApi health(db, schema_version, [&metrics] { return metrics->Render(); });
  const auto error_page = [&error_pages](const http::Request& request, int status) {
    if (request.IsApi()) return http::ProblemJsonForStatus(status, request.request_id);
    return error_pages.Render(status, request);
  };
  const http::Router router = BuildRouter({public_pages,
                                           static_files,
                                           organisations_api,
                                           health,
                                           sign_in_pages,
                                           account_pages,
                                           admin_pages,
                                           invite_pages,
                                           log_review_pages,
                                           person_pages,
                                           person_change_pages,
                                           persons_api,
                                           admin_unit_pages,
                                           users_api,
                                           screening_pages,
                                           screenings_api,
                                           concern_pages,
                                           intake_pages,
                                           concerns_api,
                                           directory_pages,
                                           directory_manage_pages,
                                           directory_api,
                                           exit_case_pages,
                                           shared_case_pages,
                                           exit_cases_api,
                                           sip_pages,
                                           sip_api,
                                           inbox_pages,
                                           tasks_api,
                                           referral_pages,
                                           consultation_pages,
                                           referrals_api},
                                          error_page, AuditGateDenials(*stack.audit, tenant->id));
  std::vector<std::string> patterns;
  for (const auto& info : router.routes()) patterns.push_back(info.pattern);
  metrics = std::make_unique<http::Metrics>(patterns);
  RegisterDatabaseMetrics(*metrics, db);

  http::Handler dispatch = [&router, &error_page](http::Request& request) {
    const http::Router::Match match = router.Find(request);
    if (match.handler != nullptr) return RunWithDurableAudit(*match.handler, request);
    if (!match.allowed_methods.empty()) {
      http::Response response = error_page(request, 405);
      response.SetHeader("Allow", AllowHeader(match.allowed_methods));
      return response;
    }
    return error_page(request, 404);
  };
  const bool tls = config.server_behind_tls;
  // The cookie names the session; the resolver checks it in the database (any server can
  // answer any request) and hands http/ only ids and the CSRF token.
  const base::TenantId tenant_id = tenant->id;
  http::SessionResolver resolve_session =
      [&accounts, tenant_id](
          const http::Request&,
          std::string_view token) -> base::Result<std::optional<http::SessionView>> {
    auto resolved = accounts.ResolveSession(tenant_id, token);
    if (!resolved) return std::unexpected(resolved.error());
    if (!resolved->has_value()) return std::optional<http::SessionView>();
    const trust::sessions::SessionRecord& s = (*resolved)->session;
    http::SessionView view;
    view.user_id = s.user_id;
    view.tenant_id = s.tenant.value();
    view.csrf_token = s.csrf_token;
    view.public_handle = s.public_handle;
    view.authenticated_at = s.authenticated_at;
    view.mfa_verified = s.stage == trust::sessions::SessionStage::kFull;
    view.stage = std::string(trust::sessions::ToString(s.stage));
    for (const trust::accounts::Role role : (*resolved)->roles) {
      view.roles.emplace_back(trust::accounts::ToString(role));
    }
    view.unit_id = (*resolved)->unit ? (*resolved)->unit->value() : 0;
    view.authority_id = (*resolved)->authority ? (*resolved)->authority->value() : 0;
    view.second_factor_at = s.mfa_at;
    return std::optional(std::move(view));
  };
  http::Handler pages_chain =
      http::WithSession(http::WithCsrf(std::move(dispatch), {.secure = tls}, error_page,
                                       [&router](const http::Request& request) {
                                         // Unknown paths and methods keep their 404 and 405.
                                         http::Request probe;
                                         probe.method = request.method;
                                         probe.path = request.path;
                                         return router.Find(probe).handler != nullptr;
                                       }),
                        session_cookie, std::move(resolve_session), error_page);
  // A page view reads its session and then its data: one read transaction for both
  // (storage::SharedReads). Only for GET and HEAD, which change nothing but sessions and audit
  // entries; it closes when the handler returns, before the response waits for its audit.
  http::Handler reads_chain = [&db, next = std::move(pages_chain)](http::Request& request) {
    if (request.method != http::Method::kGet && request.method != http::Method::kHead) {
      return next(request);
    }
    storage::SharedReads reads(db);
    return next(request);
  };
  http::Handler chain = http::WithRequestId(http::WithAccessLog(
      http::WithMetrics(http::WithSecurityHeaders(
                            http::WithExceptionBarrier(
                                http::WithLocale(std::move(reads_chain),
                                                 {.supported = {"sv", "en"}, .behind_tls = tls}),
                                error_page),
                            {.behind_tls = tls}),
                        *metrics)));

  // Requests the server rejects before routing (400, 408, 413, 431, 503) get the same request
  // id, security headers and access-log line as every other answer.
  const auto rejection = [&error_pages, tls](int status, std::string_view target) {
    http::Request request;
    request.target = std::string(target);
    request.path = request.target.substr(0, request.target.find('?'));
    http::Handler answer = [&error_pages, status](http::Request& r) {
      if (r.IsApi()) return http::ProblemJsonForStatus(status, r.request_id);
      return error_pages.Render(status, r.locale, r.request_id);
    };
    return http::WithRequestId(http::WithAccessLog(
        http::WithSecurityHeaders(std::move(answer), {.behind_tls = tls})))(request);
  };
  http::ServerOptions server_options = ServerOptionsFrom(config);
  server_options.may_block = MayBlock(db.backend() == storage::Backend::kPostgres);
  http::Server server(std::move(server_options), std::move(chain), rejection);
  if (auto ok = server.Listen(); !ok) {
    std::cerr << "fyren: cannot listen on " << config.server_address << ":" << config.server_port
              << ": " << ok.error().message << "\n";
    return kExitFailure;
  }
  RegisterServerMetrics(*metrics, server);
  const auto ready_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - started)
                            .count();
  base::log::Info("server.listening", {{"port", static_cast<std::int64_t>(server.port())},
                                       {"backend", storage::ToString(db.backend())},
                                       {"startup_ms", static_cast<std::int64_t>(ready_ms)},
                                       {"demo", config.demo_enabled},
                                       {"allocator", AllocatorInUse()}});
  std::cout << "Fyren is listening on http://" << config.server_address << ":" << server.port()
            << "/" << std::endl;
  // Due dates become inbox tasks on a thread of this server; with several servers on one
  // PostgreSQL the job lease lets one of them run each pass. Stopped before the database closes.
  tasks::TaskScheduler task_scheduler(db, tenant->id, stack.clock, SchedulerOptionsFrom(config));
  task_scheduler.Start();
  server.Run();
  task_scheduler.Stop();
  db.Close();
  base::log::Info("server.stopped");
  base::log::Flush();
  return 0;
}

}  // namespace fyren::app
