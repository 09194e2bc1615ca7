#include "domain/sip/sip_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "base/ids.h"
#include "base/random.h"
#include "base/swedish_time.h"
#include "domain/exit_case/case_access.h"
#include "domain/exit_case/exit_case_store.h"
#include "domain/sip/plan_cache.h"
#include "domain/sip/sip_columns.h"
#include "domain/sip/sip_plan_json.h"
#include "domain/stats/fact_store.h"
#include "domain/tasks/task_store.h"
#include "trust/access/access_policy.h"

namespace fyren::sip {
namespace {

using base::ErrorCode;
using exit_case::CaseForUser;
using trust::access::Decide;
using trust::access::Decision;
using trust::access::DenyReason;
using trust::access::Permission;
namespace audit = trust::audit;

constexpr std::string_view kNoSuchCase = "No such case.";
constexpr std::string_view kGuardTaskKind = "continuity_guard";

std::int64_t Micros(base::TimePoint t) { return base::ToUnixMicros(t); }

base::Result<audit::AuditEvent> EventOf(const trust::Actor& actor, audit::Action action,
                                        audit::Outcome outcome) {
  trust::Actor acting = actor;
  if (acting.purpose.empty())
    acting.purpose = std::string(audit::ToString(audit::Purpose::kCaseWork));
  return audit::EventFor(acting, action, outcome);
}

// The audit event about the plan of `found` (the case when there is no plan yet).
base::Result<audit::AuditEvent> PlanEvent(const trust::Actor& actor, audit::Action action,
                                          const CaseForUser& found,
                                          const std::optional<StoredSip>& sip,
                                          const Decision& decision) {
  auto event = EventOf(actor, action, audit::Outcome::kAllowed);
  if (!event) return event;
  if (sip) {
    event->record_type = audit::RecordType::kSipPlan;
    event->record_id = sip->sip_id;
  } else {
    event->record_type = audit::RecordType::kCase;
    event->record_id = found.exit_case.id.value();
  }
  event->person_id = found.exit_case.person.value();
  std::uint32_t flags = 0;
  if (found.person.person.protected_identity) flags |= audit::kFlagProtectedIdentity;
  if (decision.flags.emergency_access) flags |= audit::kFlagEmergencyAccess;
  // A partner reading through a share, or staff through emergency access: not their own team.
  if (!found.person.on_team) flags |= audit::kFlagOutsideOwnUnit;
  event->flags = flags;
  return event;
}

CaseHeading HeadingOf(const CaseForUser& found) {
  return CaseHeading{.case_public_id = found.exit_case.public_id,
                     .case_number = found.exit_case.case_number,
                     .case_open = found.exit_case.status == exit_case::CaseStatus::kOpen,
                     .protected_identity = found.person.person.protected_identity};
}

// The case and the decision about it, read in the caller's transaction. `found` is empty when
// there is no such case (or the id is malformed). With `with_plan`, the case's plan row comes in
// the same statement (`plan`, empty when the case has none yet).
struct CaseAccess {
  std::optional<CaseForUser> found;
  Decision decision;
  std::optional<StoredSip> plan;
};

base::Result<CaseAccess> LoadCase(storage::Transaction& tx, const trust::Actor& actor,
                                  std::string_view public_id, Permission permission,
                                  base::TimePoint now, bool with_plan = false) {
  using exit_case::ExitCaseStore;
  CaseAccess access;
  if (!base::IsPublicId(public_id)) return access;
  // No page of the plan shows the person's sealed fields, so they are not even read.
  static const std::string case_only =
      ExitCaseStore::FindForUserSql(ExitCaseStore::PersonFields::kAccessOnly, {}, {});
  static const std::string case_and_plan =
      ExitCaseStore::FindForUserSql(ExitCaseStore::PersonFields::kAccessOnly,
                                    SipStore::kCasePlanColumns, SipStore::kCasePlanJoins);
  auto found = ExitCaseStore::FindForUserWith(
      tx, actor.tenant, public_id, actor.user_id.value_or(0), Micros(now),
      with_plan ? case_and_plan : case_only, [&](const storage::Row& row) -> base::Status {
        if (with_plan) access.plan = SipStore::PlanFromRow(row, ExitCaseStore::kForUserColumnCount);
        return base::Ok();
      });
  if (!found) return std::unexpected(found.error());
  if (!*found) return access;
  access.found = std::move(**found);
  const auto scope = exit_case::ScopeOf(*access.found, /*shared_with_actor=*/false);
  access.decision = Decide(actor, permission, &scope, now);
  return access;
}

// Denials that are about the actor's role, not a record, answer kForbidden before any lookup.
std::optional<Decision> RoleDenial(const trust::Actor& actor, Permission permission,
                                   base::TimePoint now) {
  const Decision role = Decide(actor, permission, nullptr, now);
  if (role.reason == DenyReason::kNotSignedIn || role.reason == DenyReason::kRoleLacksPermission) {
    return role;
  }
  return std::nullopt;
}

std::vector<InterventionRow> Projection(const PlanDocument& plan,
                                        const InterventionCatalogue& catalogue) {
  std::vector<InterventionRow> rows;
  for (const Intervention& i : plan.interventions) {
    const CatalogueEntry* entry = catalogue.Find(i.catalogue_code);
    rows.push_back(InterventionRow{
        .intervention_key = i.key,
        .catalogue_code = i.catalogue_code,
        .actor_key = i.actor_key,
        .status = i.status,
        .starts_on = i.starts_on,
        .planned_end_on =
            i.planned_end_on.empty() ? std::nullopt : std::optional<std::string>(i.planned_end_on),
        .is_foundation = entry != nullptr && entry->foundation});
  }
  return rows;
}

// The task payload of a guard event: codes and keys only, never free text.
std::string GuardPayload(const StoredSip& sip, const GuardEvent& event) {
  return nlohmann::json{{"sip", sip.public_id},
                        {"intervention_key", event.intervention_key},
                        {"catalogue_code", event.catalogue_code},
                        {"new_status", event.new_status},
                        {"reason", event.reason_code},
                        {"dependents", event.dependents}}
      .dump();
}

// Who hears of a continuity-guard change before it takes effect: the case's responsible
// coordinator and, when the plan's overall responsible is one of the city's units, that unit's
// members on the person's case team (the people there who work with the person). An external
// organisation or another actor is outside Fyren; the editor tells the coordinator to contact it.
base::Result<std::vector<std::int64_t>> GuardRecipients(storage::Transaction& tx,
                                                        base::TenantId tenant,
                                                        const exit_case::CaseForUser& found,
                                                        const PlanDocument& plan) {
  std::vector<std::int64_t> users = {found.exit_case.responsible_user_id};
  const PlanActor* overall = plan.FindActor(plan.overall_responsible);
  if (overall != nullptr && overall->kind == kActorUnit) {
    auto members = SipStore::TeamMembersInUnit(tx, tenant, found.exit_case.person.value(),
                                               overall->organisation_id);
    if (!members) return std::unexpected(members.error());
    users.insert(users.end(), members->begin(), members->end());
  }
  std::ranges::sort(users);
  users.erase(std::unique(users.begin(), users.end()), users.end());
  return users;
}

}  // namespace

SipService::SipService(storage::Database& db, const trust::crypto::KeyRing& ring,
                       trust::audit::AuditLog& audit, const base::Clock& clock,
                       const InterventionCatalogue& catalogue)
    : db_(db),
      ring_(ring),
      audit_(audit),
      clock_(clock),
      catalogue_(catalogue),
      plans_(std::make_shared<PlanCache>()) {}

base::Status SipService::AuditDenied(const trust::Actor& actor) const {
  auto event = EventOf(actor, audit::Action::kDenied, audit::Outcome::kDenied);
  if (!event) return std::unexpected(event.error());
  return audit_.Append(*event);
}

base::Result<PlanDocument> SipService::OpenDocument(base::TenantId tenant,
                                                    const StoredRevision& revision) const {
  // What this exact sealed revision opened to before, if kept (plan_cache.h); the caller has
  // checked access and read the revision's row in its own request.
  if (auto kept = plans_->Find(tenant.value(), revision.revision_id, revision.document)) {
    return *kept;
  }
  const trust::crypto::AssociatedData ad{.tenant = tenant,
                                         .table = kRevisionsTable,
                                         .column = kDocumentColumn,
                                         .row_id = revision.revision_id};
  auto text = ring_.Decrypt(tenant, ad, revision.document);
  if (!text) return std::unexpected(text.error());
  auto plan = DecodePlan(*text);
  if (!plan) {
    return base::Fail(ErrorCode::kInternal, "A stored plan could not be read.",
                      "sip revision " + std::to_string(revision.revision_id) + " is not a plan");
  }
  plans_->Store(tenant.value(), revision.revision_id, revision.document,
                std::make_shared<const PlanDocument>(*plan));
  return plan;
}

base::Result<RevisionSummary> SipService::Summarise(base::TenantId tenant,
                                                    const StoredRevision& revision) const {
  RevisionSummary summary{.revision = revision.revision,
                          .saved_by_name = revision.saved_by_name,
                          .saved_at = revision.saved_at,
                          .change_note = {}};
  if (revision.change_note) {
    const trust::crypto::AssociatedData ad{.tenant = tenant,
                                           .table = kRevisionsTable,
                                           .column = kChangeNoteColumn,
                                           .row_id = revision.revision_id};
    auto note = ring_.Decrypt(tenant, ad, *revision.change_note);
    if (!note) return std::unexpected(note.error());
    summary.change_note = std::move(*note);
  }
  return summary;
}

base::Result<std::vector<FollowUpEntry>> SipService::OpenFollowUps(
    base::TenantId tenant, const std::vector<StoredFollowUp>& stored) const {
  std::vector<FollowUpEntry> out;
  for (const StoredFollowUp& f : stored) {
    const trust::crypto::AssociatedData ad{.tenant = tenant,
                                           .table = kFollowUpsTable,
                                           .column = kOutcomeColumn,
                                           .row_id = f.followup_id};
    auto outcome = ring_.Decrypt(tenant, ad, f.outcome);
    if (!outcome) return std::unexpected(outcome.error());
    out.push_back(FollowUpEntry{.held_on = f.held_on,
                                .intervention_key = f.intervention_key.value_or(""),
                                .outcome = std::move(*outcome),
                                .author_name = f.author_name,
                                .created_at = f.created_at});
  }
  return out;
}

base::Result<SipView> SipService::Get(const trust::Actor& actor, std::string_view case_public_id,
                                      const SectionsWanted& sections_wanted) const {
  return Read(actor, case_public_id, /*print=*/false, sections_wanted);
}

base::Result<SipView> SipService::Print(const trust::Actor& actor,
                                        std::string_view case_public_id) const {
  return Read(actor, case_public_id, /*print=*/true, nullptr);
}

base::Result<SipView> SipService::Read(const trust::Actor& actor, std::string_view case_public_id,
                                       bool print, const SectionsWanted& sections_wanted) const {
  const auto now = clock_.Now();
  if (auto denied = RoleDenial(actor, Permission::kReadPersonalData, now)) {
    if (auto audited = AuditDenied(actor); !audited) return std::unexpected(audited.error());
    return std::unexpected(denied->AsStatus().error());
  }
  bool was_denied = false;
  bool protected_print = false;
  SipView view;
  std::optional<audit::AuditEvent> event;
  auto done = db_.Read([&](storage::Transaction& tx) -> base::Status {
    auto access = LoadCase(tx, actor, case_public_id, Permission::kReadPersonalData, now,
                           /*with_plan=*/true);
    if (!access) return std::unexpected(access.error());
    if (!access->found || !access->decision.allowed) {
      was_denied = true;
      return base::Ok();
    }
    const CaseForUser& found = *access->found;
    // A plan printed for the person names them; protected identity blocks it like an export.
    if (print && found.person.person.protected_identity) {
      protected_print = true;
      return base::Ok();
    }
    view.heading = HeadingOf(found);
    const std::optional<StoredSip>& sip = access->plan;
    auto made = PlanEvent(actor, print ? audit::Action::kPrint : audit::Action::kRead, found, sip,
                          access->decision);
    if (!made) return std::unexpected(made.error());
    event = std::move(*made);
    if (sip) {
      view.exists = true;
      view.version = sip->version;
      view.revision = sip->current_revision;
      view.page_key = SipPageKey{.tenant = actor.tenant.value(),
                                 .sip_id = sip->sip_id,
                                 .page_generation = sip->page_generation};
      if (sections_wanted && !sections_wanted(view.page_key)) {
        view.sections_included = false;
        return base::Ok();
      }
    }
    auto organisations = organisations_->List(tx, actor.tenant);
    if (!organisations) return std::unexpected(organisations.error());
    view.organisations = std::move(*organisations);
    if (!sip) return base::Ok();
    auto current = SipStore::GetRevision(tx, actor.tenant, sip->sip_id, sip->current_revision);
    if (!current) return std::unexpected(current.error());
    if (!*current) return base::Fail(ErrorCode::kInternal, "The plan has no current revision.");
    auto plan = OpenDocument(actor.tenant, **current);
    if (!plan) return std::unexpected(plan.error());
    view.plan = std::move(*plan);
    auto revisions = SipStore::ListRevisions(tx, actor.tenant, sip->sip_id);
    if (!revisions) return std::unexpected(revisions.error());
    for (const StoredRevision& r : *revisions) {
      auto summary = Summarise(actor.tenant, r);
      if (!summary) return std::unexpected(summary.error());
      view.revisions.push_back(std::move(*summary));
    }
    auto followups = SipStore::ListFollowUps(tx, actor.tenant, sip->sip_id);
    if (!followups) return std::unexpected(followups.error());
    auto opened = OpenFollowUps(actor.tenant, *followups);
    if (!opened) return std::unexpected(opened.error());
    view.followups = std::move(*opened);
    return base::Ok();
  });
  if (!done) return std::unexpected(done.error());
  if (was_denied || protected_print) {
    if (auto audited = AuditDenied(actor); !audited) return std::unexpected(audited.error());
    if (protected_print) {
      return std::unexpected(
          base::Error{.code = ErrorCode::kForbidden,
                      .message = "A plan for a person with protected identity cannot be printed.",
                      .detail = {},
                      .field = "protected_identity"});
    }
    return base::Fail(ErrorCode::kNotFound, std::string(kNoSuchCase));
  }
  if (auto ok = audit_.Append(*event); !ok) return std::unexpected(ok.error());
  return view;
}

base::Result<RevisionView> SipService::GetRevision(const trust::Actor& actor,
                                                   std::string_view case_public_id,
                                                   std::int64_t revision) const {
  auto compared = Compare(actor, case_public_id, revision, revision);
  if (!compared) return std::unexpected(compared.error());
  return RevisionView{.heading = std::move(compared->heading),
                      .summary = std::move(compared->to),
                      .plan = std::move(compared->to_plan),
                      .organisations = std::move(compared->organisations)};
}

base::Result<Comparison> SipService::Compare(const trust::Actor& actor,
                                             std::string_view case_public_id, std::int64_t from,
                                             std::int64_t to) const {
  const auto now = clock_.Now();
  if (auto denied = RoleDenial(actor, Permission::kReadPersonalData, now)) {
    if (auto audited = AuditDenied(actor); !audited) return std::unexpected(audited.error());
    return std::unexpected(denied->AsStatus().error());
  }
  bool was_denied = false;
  bool no_revision = false;
  Comparison out;
  std::optional<audit::AuditEvent> event;
  auto done = db_.Read([&](storage::Transaction& tx) -> base::Status {
    auto access = LoadCase(tx, actor, case_public_id, Permission::kReadPersonalData, now);
    if (!access) return std::unexpected(access.error());
    if (!access->found || !access->decision.allowed) {
      was_denied = true;
      return base::Ok();
    }
    out.heading = HeadingOf(*access->found);
    auto sip = SipStore::FindByCase(tx, actor.tenant, access->found->exit_case.id.value());
    if (!sip) return std::unexpected(sip.error());
    if (!*sip) {
      no_revision = true;
      return base::Ok();
    }
    auto organisations = organisations_->List(tx, actor.tenant);
    if (!organisations) return std::unexpected(organisations.error());
    out.organisations = std::move(*organisations);
    for (const auto& [number, summary, plan] :
         {std::tuple{from, &out.from, &out.from_plan}, std::tuple{to, &out.to, &out.to_plan}}) {
      auto stored = SipStore::GetRevision(tx, actor.tenant, (*sip)->sip_id, number);
      if (!stored) return std::unexpected(stored.error());
      if (!*stored) {
        no_revision = true;
        return base::Ok();
      }
      auto opened = OpenDocument(actor.tenant, **stored);
      if (!opened) return std::unexpected(opened.error());
      *plan = std::move(*opened);
      auto summarised = Summarise(actor.tenant, **stored);
      if (!summarised) return std::unexpected(summarised.error());
      *summary = std::move(*summarised);
    }
    out.diff = ComparePlans(out.from_plan, out.to_plan);
    auto made = PlanEvent(actor, audit::Action::kRead, *access->found, *sip, access->decision);
    if (!made) return std::unexpected(made.error());
    event = std::move(*made);
    return base::Ok();
  });
  if (!done) return std::unexpected(done.error());
  if (was_denied) {
    if (auto audited = AuditDenied(actor); !audited) return std::unexpected(audited.error());
    return base::Fail(ErrorCode::kNotFound, std::string(kNoSuchCase));
  }
  if (no_revision) return base::Fail(ErrorCode::kNotFound, "No such revision of the plan.");
  if (auto ok = audit_.Append(*event); !ok) return std::unexpected(ok.error());
  return out;
}

base::Result<SaveOutcome> SipService::Save(const trust::Actor& actor,
                                           std::string_view case_public_id,
                                           const SaveInput& input) const {
  const auto now = clock_.Now();
  const std::int64_t now_us = Micros(now);
  if (auto denied = RoleDenial(actor, Permission::kWritePersonalData, now)) {
    if (auto audited = AuditDenied(actor); !audited) return std::unexpected(audited.error());
    return std::unexpected(denied->AsStatus().error());
  }
  const std::string today = base::FormatSwedishDate(now_us);
  bool was_denied = false;
  SaveOutcome outcome;
  outcome.submitted = PreparePlan(input.document, today);
  auto done = db_.Write([&](storage::Transaction& tx) -> base::Status {
    auto access = LoadCase(tx, actor, case_public_id, Permission::kWritePersonalData, now);
    if (!access) return std::unexpected(access.error());
    if (!access->found || !access->decision.allowed) {
      was_denied = true;
      return base::Ok();
    }
    const CaseForUser& found = *access->found;
    const bool case_open = found.exit_case.status == exit_case::CaseStatus::kOpen;
    auto sip = SipStore::FindByCase(tx, actor.tenant, found.exit_case.id.value());
    if (!sip) return std::unexpected(sip.error());
    PlanDocument before;
    if (*sip) {
      auto current =
          SipStore::GetRevision(tx, actor.tenant, (*sip)->sip_id, (*sip)->current_revision);
      if (!current) return std::unexpected(current.error());
      if (!*current) return base::Fail(ErrorCode::kInternal, "The plan has no current revision.");
      auto opened = OpenDocument(actor.tenant, **current);
      if (!opened) return std::unexpected(opened.error());
      before = std::move(*opened);
    }
    const std::int64_t stored_version = *sip ? (*sip)->version : 0;
    if (input.expected_version != stored_version) {
      // Both versions go back to the user: the stored one is a read of the plan.
      outcome.status = SaveStatus::kConflict;
      outcome.version = stored_version;
      outcome.current = std::move(before);
      auto event = PlanEvent(actor, audit::Action::kRead, found, *sip, access->decision);
      if (!event) return std::unexpected(event.error());
      if (auto ok = audit_.AppendInTransaction(tx, *event); !ok) return std::unexpected(ok.error());
      return base::Ok();
    }
    auto organisations = organisations_->List(tx, actor.tenant);
    if (!organisations) return std::unexpected(organisations.error());
    const ValidationContext context{
        .catalogue = catalogue_,
        .organisation_exists =
            [&](std::string_view id) {
              return std::ranges::any_of(
                  *organisations, [&](const OrganisationRef& o) { return o.public_id == id; });
            },
        .case_open = case_open};
    outcome.problems = ValidatePlan(outcome.submitted, context);
    if (!outcome.problems.empty()) {
      outcome.status = SaveStatus::kProblems;
      return base::Ok();
    }
    outcome.events = EvaluateContinuity(before, outcome.submitted, catalogue_, case_open);
    if (AnyNeedsConfirmation(outcome.events) && !input.guard_confirmed) {
      outcome.status = SaveStatus::kGuard;
      return base::Ok();
    }
    StoredSip plan_row = sip->value_or(StoredSip{.sip_id = base::NewRowId(),
                                                 .public_id = base::NewPublicId(),
                                                 .case_id = found.exit_case.id.value(),
                                                 .current_revision = 0,
                                                 .version = 0,
                                                 .next_follow_up_on = std::nullopt,
                                                 .created_at = now_us,
                                                 .updated_at = now_us});
    StoredRevision revision{.revision = stored_version + 1,
                            .revision_id = base::NewRowId(),
                            .document = {},
                            .change_note = std::nullopt,
                            .saved_by = actor.user_id.value_or(0),
                            .saved_by_name = {},
                            .saved_at = now_us};
    const auto seal = [&](std::string_view column,
                          std::string_view plaintext) -> base::Result<std::string> {
      const trust::crypto::AssociatedData ad{.tenant = actor.tenant,
                                             .table = kRevisionsTable,
                                             .column = column,
                                             .row_id = revision.revision_id};
      return ring_.Encrypt(actor.tenant, ad, plaintext);
    };
    auto document = seal(kDocumentColumn, EncodePlan(outcome.submitted));
    if (!document) return std::unexpected(document.error());
    revision.document = std::move(*document);
    if (!input.change_note.empty()) {
      auto note = seal(kChangeNoteColumn, input.change_note);
      if (!note) return std::unexpected(note.error());
      revision.change_note = std::move(*note);
    }
    const NewRevision save{
        .sip_id = plan_row.sip_id,
        .public_id = plan_row.public_id,
        .case_id = plan_row.case_id,
        .expected_version = stored_version,
        .revision = revision,
        .next_follow_up_on = outcome.submitted.next_follow_up_on.empty()
                                 ? std::nullopt
                                 : std::optional<std::string>(outcome.submitted.next_follow_up_on),
        .interventions = Projection(outcome.submitted, catalogue_),
        .now_us = now_us};
    if (auto ok = SipStore::SaveRevision(tx, actor.tenant, save); !ok) return ok;
    plan_row.version = stored_version + 1;
    auto recipients = outcome.events.empty()
                          ? base::Result<std::vector<std::int64_t>>(std::vector<std::int64_t>())
                          : GuardRecipients(tx, actor.tenant, found, outcome.submitted);
    if (!recipients) return std::unexpected(recipients.error());
    for (const GuardEvent& guard : outcome.events) {
      for (const std::int64_t user : *recipients) {
        if (auto ok = tasks::TaskStore::Notify(tx, actor.tenant, user, kGuardTaskKind,
                                               found.exit_case.id.value(),
                                               GuardPayload(plan_row, guard), today, now_us);
            !ok) {
          return ok;
        }
      }
      const std::string reason = guard.reason_code.empty() ? guard.new_status : guard.reason_code;
      const stats::StatFact fact{
          .period = stats::PeriodOf(now_us),
          .authority_id = found.exit_case.owning_authority.value(),
          .district = std::nullopt,
          .age_band = std::string(
              stats::AgeBand(found.person.person.birth_year, base::ToSwedishLocal(now_us).year)),
          .gender = std::string(person::ToString(found.person.person.gender)),
          .category = "continuity_guard." + guard.catalogue_code + "." + reason};
      if (auto ok = stats::FactStore::Record(tx, actor.tenant, fact, now_us); !ok) return ok;
    }
    auto event = PlanEvent(actor, *sip ? audit::Action::kUpdate : audit::Action::kCreate, found,
                           plan_row, access->decision);
    if (!event) return std::unexpected(event.error());
    if (auto ok = audit_.AppendInTransaction(tx, *event); !ok) return std::unexpected(ok.error());
    outcome.status = SaveStatus::kSaved;
    outcome.version = plan_row.version;
    outcome.revision = revision.revision;
    return base::Ok();
  });
  if (!done) {
    // Two first saves racing: the loser sees the plan the winner created as a conflict.
    if (done.error().code == ErrorCode::kConflict) {
      return base::Fail(ErrorCode::kConflict,
                        "The plan was changed by someone else a moment ago. Nothing was saved.");
    }
    return std::unexpected(done.error());
  }
  if (was_denied) {
    if (auto audited = AuditDenied(actor); !audited) return std::unexpected(audited.error());
    return base::Fail(ErrorCode::kNotFound, std::string(kNoSuchCase));
  }
  return outcome;
}

base::Result<std::vector<FieldProblem>> SipService::AddFollowUp(const trust::Actor& actor,
                                                                std::string_view case_public_id,
                                                                const FollowUpInput& input) const {
  const auto now = clock_.Now();
  const std::int64_t now_us = Micros(now);
  if (auto denied = RoleDenial(actor, Permission::kWritePersonalData, now)) {
    if (auto audited = AuditDenied(actor); !audited) return std::unexpected(audited.error());
    return std::unexpected(denied->AsStatus().error());
  }
  bool was_denied = false;
  std::vector<FieldProblem> problems;
  auto done = db_.Write([&](storage::Transaction& tx) -> base::Status {
    auto access = LoadCase(tx, actor, case_public_id, Permission::kWritePersonalData, now);
    if (!access) return std::unexpected(access.error());
    if (!access->found || !access->decision.allowed) {
      was_denied = true;
      return base::Ok();
    }
    auto sip = SipStore::FindByCase(tx, actor.tenant, access->found->exit_case.id.value());
    if (!sip) return std::unexpected(sip.error());
    if (!*sip) return base::FailField("plan", "Save the plan before you log a follow-up.");
    auto current =
        SipStore::GetRevision(tx, actor.tenant, (*sip)->sip_id, (*sip)->current_revision);
    if (!current) return std::unexpected(current.error());
    if (!*current) return base::Fail(ErrorCode::kInternal, "The plan has no current revision.");
    auto plan = OpenDocument(actor.tenant, **current);
    if (!plan) return std::unexpected(plan.error());
    FollowUpInput trimmed = input;
    for (std::string* s : {&trimmed.held_on, &trimmed.intervention_key, &trimmed.outcome}) {
      s->erase(0, s->find_first_not_of(" \t\r\n"));
      s->erase(s->find_last_not_of(" \t\r\n") + 1);
    }
    problems = ValidateFollowUp(*plan, trimmed.held_on, trimmed.intervention_key, trimmed.outcome);
    if (!problems.empty()) return base::Ok();
    const std::int64_t followup_id = base::NewRowId();
    const trust::crypto::AssociatedData ad{.tenant = actor.tenant,
                                           .table = kFollowUpsTable,
                                           .column = kOutcomeColumn,
                                           .row_id = followup_id};
    auto sealed = ring_.Encrypt(actor.tenant, ad, trimmed.outcome);
    if (!sealed) return std::unexpected(sealed.error());
    if (auto ok = SipStore::AddFollowUp(
            tx, actor.tenant,
            StoredFollowUp{.followup_id = followup_id,
                           .sip_id = (*sip)->sip_id,
                           .held_on = trimmed.held_on,
                           .intervention_key = trimmed.intervention_key.empty()
                                                   ? std::nullopt
                                                   : std::optional(trimmed.intervention_key),
                           .outcome = std::move(*sealed),
                           .author_id = actor.user_id.value_or(0),
                           .author_name = {},
                           .created_at = now_us});
        !ok) {
      return ok;
    }
    auto event = PlanEvent(actor, audit::Action::kUpdate, *access->found, *sip, access->decision);
    if (!event) return std::unexpected(event.error());
    if (auto ok = audit_.AppendInTransaction(tx, *event); !ok) return std::unexpected(ok.error());
    return base::Ok();
  });
  if (!done) return std::unexpected(done.error());
  if (was_denied) {
    if (auto audited = AuditDenied(actor); !audited) return std::unexpected(audited.error());
    return base::Fail(ErrorCode::kNotFound, std::string(kNoSuchCase));
  }
  return problems;
}

base::Result<SharedSip> SipService::SharedSections(const trust::Actor& actor,
                                                   std::string_view case_public_id) const {
  const auto now = clock_.Now();
  const std::int64_t now_us = Micros(now);
  if (auto denied = RoleDenial(actor, Permission::kReadShared, now)) {
    if (auto audited = AuditDenied(actor); !audited) return std::unexpected(audited.error());
    return std::unexpected(denied->AsStatus().error());
  }
  bool was_denied = false;
  SharedSip out;
  std::optional<audit::AuditEvent> event;
  auto done = db_.Read([&](storage::Transaction& tx) -> base::Status {
    if (!base::IsPublicId(case_public_id) || !actor.unit) {
      was_denied = true;
      return base::Ok();
    }
    auto found = exit_case::ExitCaseStore::FindForUser(
        tx, actor.tenant, case_public_id, actor.user_id.value_or(0), now_us,
        exit_case::ExitCaseStore::PersonFields::kAccessOnly);
    if (!found) return std::unexpected(found.error());
    if (!*found) {
      was_denied = true;
      return base::Ok();
    }
    auto organisations = organisations_->List(tx, actor.tenant);
    if (!organisations) return std::unexpected(organisations.error());
    // The consent names the partner organisation: the actor's unit or the organisation above it.
    std::vector<base::OrganisationId> candidates{*actor.unit};
    for (const OrganisationRef& o : *organisations) {
      if (o.organisation_id == actor.unit->value() && o.parent_id) {
        candidates.emplace_back(*o.parent_id);
      }
    }
    std::optional<exit_case::ActiveShare> share;
    for (const base::OrganisationId organisation : candidates) {
      auto active =
          exit_case::ActiveShareFor(tx, actor.tenant, (*found)->exit_case.id, organisation, now_us);
      if (!active) return std::unexpected(active.error());
      if (*active) {
        share = std::move(*active);
        break;
      }
    }
    const auto scope = exit_case::ScopeOf(**found, share.has_value());
    const Decision decision = Decide(actor, Permission::kReadShared, &scope, now);
    if (!share || !decision.allowed) {
      was_denied = true;
      return base::Ok();
    }
    out.heading = HeadingOf(**found);
    out.parts = share->parts;
    out.organisations = std::move(*organisations);
    auto sip = SipStore::FindByCase(tx, actor.tenant, (*found)->exit_case.id.value());
    if (!sip) return std::unexpected(sip.error());
    auto made = PlanEvent(actor, audit::Action::kRead, **found, *sip, decision);
    if (!made) return std::unexpected(made.error());
    made->flags &= ~audit::kFlagOutsideOwnUnit;
    made->flags |= audit::kFlagViaShare;
    event = std::move(*made);
    if (!*sip) return base::Ok();
    auto current =
        SipStore::GetRevision(tx, actor.tenant, (*sip)->sip_id, (*sip)->current_revision);
    if (!current) return std::unexpected(current.error());
    if (!*current) return base::Fail(ErrorCode::kInternal, "The plan has no current revision.");
    auto plan = OpenDocument(actor.tenant, **current);
    if (!plan) return std::unexpected(plan.error());
    // Only what the consent covers leaves this function. Actors come with the interventions or
    // meetings that name them, since those parts are meaningless without who does what.
    if (share->Covers(exit_case::SipPart::kGoals)) {
      out.plan.goals = plan->goals;
      out.plan.needs = plan->needs;
    }
    if (share->Covers(exit_case::SipPart::kInterventions)) {
      out.plan.interventions = plan->interventions;
      out.plan.overall_responsible = plan->overall_responsible;
    }
    if (share->Covers(exit_case::SipPart::kMeetings)) {
      out.plan.meetings = plan->meetings;
      out.plan.next_follow_up_on = plan->next_follow_up_on;
    }
    if (share->Covers(exit_case::SipPart::kInterventions) ||
        share->Covers(exit_case::SipPart::kMeetings)) {
      out.plan.actors = plan->actors;
    }
    if (share->Covers(exit_case::SipPart::kFollowups)) {
      auto followups = SipStore::ListFollowUps(tx, actor.tenant, (*sip)->sip_id);
      if (!followups) return std::unexpected(followups.error());
      auto opened = OpenFollowUps(actor.tenant, *followups);
      if (!opened) return std::unexpected(opened.error());
      out.followups = std::move(*opened);
    }
    return base::Ok();
  });
  if (!done) return std::unexpected(done.error());
  if (was_denied) {
    if (auto audited = AuditDenied(actor); !audited) return std::unexpected(audited.error());
    return base::Fail(ErrorCode::kNotFound, std::string(kNoSuchCase));
  }
  if (auto ok = audit_.Append(*event); !ok) return std::unexpected(ok.error());
  return out;
}

}  // namespace fyren::sip
