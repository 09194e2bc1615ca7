#include "domain/exit_case/exit_case_service.h"

#include <algorithm>
#include <cctype>

#include "base/random.h"
#include "base/swedish_time.h"
#include "domain/exit_case/case_list_cache.h"
#include "domain/exit_case/exit_case_columns.h"
#include "domain/person/person_columns.h"
#include "trust/access/access_policy.h"
#include "trust/access/role_permissions.h"

namespace fyren::exit_case {
namespace {

using base::ErrorCode;
using trust::access::Decide;
using trust::access::Decision;
using trust::access::DenyReason;
using trust::access::Permission;
namespace audit = trust::audit;

constexpr std::string_view kNoSuchCase = "No such case.";
constexpr std::string_view kNoSuchPerson = "No such person.";

std::int64_t Micros(base::TimePoint t) { return base::ToUnixMicros(t); }

// Case numbers count per Swedish calendar year: a case opened at 00:30 on New Year's Day belongs to
// the new year, although it is still the old year in UTC.
int YearOf(base::TimePoint now) { return base::ToSwedishLocal(Micros(now)).year; }

base::Result<audit::AuditEvent> EventOf(const trust::Actor& actor, audit::Action action,
                                        audit::Outcome outcome) {
  trust::Actor acting = actor;
  if (acting.purpose.empty())
    acting.purpose = std::string(audit::ToString(audit::Purpose::kCaseWork));
  return audit::EventFor(acting, action, outcome);
}

void AboutCase(audit::AuditEvent& event, const CaseForUser& found, std::uint32_t flags) {
  event.record_type = audit::RecordType::kCase;
  event.record_id = found.exit_case.id.value();
  event.person_id = found.exit_case.person.value();
  event.flags = flags;
}

std::uint32_t FlagsFor(const CaseForUser& found, const Decision& decision) {
  std::uint32_t flags = 0;
  if (found.person.person.protected_identity) flags |= audit::kFlagProtectedIdentity;
  if (decision.flags.emergency_access) flags |= audit::kFlagEmergencyAccess;
  // A partner reading through a share is flagged as such, apart from outside-own-unit access.
  if (decision.flags.via_share) {
    flags |= audit::kFlagViaShare;
  } else if (!found.person.on_team) {
    flags |= audit::kFlagOutsideOwnUnit;
  }
  return flags;
}

FieldProblem Problem(std::string field, std::string code, std::string message) {
  return FieldProblem{
      .field = std::move(field), .code = std::move(code), .message = std::move(message)};
}

FieldProblem OpenCaseExists() {
  return Problem("person", "person.open_case_exists",
                 "This person already has a case that is not closed.");
}

// The escaped LIKE pattern for a case number fragment ("" for none): case numbers are upper case.
std::string NumberPattern(std::string_view fragment) {
  std::string pattern;
  for (const char c : fragment) {
    if (c == ' ') continue;
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (pattern.empty()) return pattern;
  return "%" + pattern + "%";
}

bool MayCoordinate(const std::vector<std::string>& roles) {
  return std::ranges::any_of(roles, [](const std::string& role) {
    return trust::access::RoleGrants(role, Permission::kWritePersonalData);
  });
}

}  // namespace

ExitCaseService::ExitCaseService(storage::Database& db, const trust::crypto::KeyRing& ring,
                                 trust::audit::AuditLog& audit, const base::Clock& clock,
                                 ExitCaseServiceOptions options, const ReferralHandover* referrals)
    : db_(db),
      ring_(ring),
      audit_(audit),
      clock_(clock),
      options_(options),
      referrals_(referrals),
      list_cache_(std::make_shared<CaseListCache>()) {}

base::Status ExitCaseService::AuditDenied(const trust::Actor& actor,
                                          const CaseForUser* found) const {
  auto event = EventOf(actor, audit::Action::kDenied, audit::Outcome::kDenied);
  if (!event) return std::unexpected(event.error());
  if (found != nullptr) {
    std::uint32_t flags = audit::kFlagOutsideOwnUnit;
    if (found->person.person.protected_identity) flags |= audit::kFlagProtectedIdentity;
    AboutCase(*event, *found, flags);
  }
  return audit_.Append(*event);
}

base::Status ExitCaseService::CheckRole(const trust::Actor& actor, Permission permission) const {
  const Decision role = Decide(actor, permission, nullptr, clock_.Now());
  if (role.reason == DenyReason::kNotSignedIn || role.reason == DenyReason::kRoleLacksPermission) {
    if (auto audited = AuditDenied(actor, nullptr); !audited) return audited;
    return role.AsStatus();
  }
  return base::Ok();
}

base::Result<CaseForUser> ExitCaseService::FindAllowed(const trust::Actor& actor,
                                                       std::string_view case_public_id,
                                                       Permission permission) const {
  if (auto role = CheckRole(actor, permission); !role) return std::unexpected(role.error());
  const auto now = clock_.Now();
  auto found = db_.Read([&](storage::Transaction& tx) {
    return ExitCaseStore::FindForUser(tx, actor.tenant, case_public_id, actor.user_id.value_or(0),
                                      Micros(now));
  });
  if (!found) return std::unexpected(found.error());
  if (!found->has_value()) {
    if (auto audited = AuditDenied(actor, nullptr); !audited) {
      return std::unexpected(audited.error());
    }
    return base::Fail(ErrorCode::kNotFound, std::string(kNoSuchCase));
  }
  const auto scope = ScopeOf(**found, false);
  if (const Decision decision = Decide(actor, permission, &scope, now); !decision.allowed) {
    if (auto audited = AuditDenied(actor, &**found); !audited) {
      return std::unexpected(audited.error());
    }
    if (decision.reason == DenyReason::kOutsideScope) {
      return base::Fail(ErrorCode::kNotFound, std::string(kNoSuchCase));
    }
    return std::unexpected(decision.AsStatus().error());
  }
  return std::move(**found);
}

base::Result<std::string> ExitCaseService::Initials(
    base::TenantId tenant, person::PersonId person, const std::optional<std::string>& given,
    const std::optional<std::string>& family) const {
  std::string names[2];
  const std::optional<std::string>* sealed[2] = {&given, &family};
  const std::string_view columns[2] = {person::kGivenNameColumn, person::kFamilyNameColumn};
  for (int i = 0; i < 2; ++i) {
    if (!*sealed[i]) continue;
    const trust::crypto::AssociatedData ad{.tenant = tenant,
                                           .table = person::kPersonsTable,
                                           .column = columns[i],
                                           .row_id = person.value()};
    auto plain = ring_.Decrypt(tenant, ad, **sealed[i]);
    if (!plain) return std::unexpected(plain.error());
    names[i] = std::move(*plain);
  }
  return person::InitialsOf(names[0], names[1]);
}

base::Result<person::PersonForUser> ExitCaseService::WritablePerson(
    const trust::Actor& actor, std::string_view person_public_id) const {
  if (auto role = CheckRole(actor, Permission::kWritePersonalData); !role) {
    return std::unexpected(role.error());
  }
  const auto now = clock_.Now();
  const std::int64_t now_us = Micros(now);
  const base::TenantId tenant = actor.tenant;
  const std::int64_t actor_id = actor.user_id.value_or(0);
  // The person, decided exactly as the person register decides it.
  auto person = db_.Read([&](storage::Transaction& tx) {
    return person::PersonStore::FindForUser(tx, tenant, person_public_id, actor_id, now_us);
  });
  if (!person) return std::unexpected(person.error());
  const trust::access::RecordScope person_scope =
      person->has_value()
          ? trust::access::RecordScope{.owning_authority = (*person)->person.owning_authority,
                                       .on_case_team = (*person)->on_team,
                                       .shared_with_actor = false,
                                       .emergency_access_active =
                                           (*person)->grant_expires_at.has_value(),
                                       .protected_identity = (*person)->person.protected_identity,
                                       .named_for_protected = (*person)->named_for_protected}
          : trust::access::RecordScope{};
  if (!person->has_value() ||
      !Decide(actor, Permission::kWritePersonalData, &person_scope, now).allowed) {
    if (auto audited = AuditDenied(actor, nullptr); !audited) {
      return std::unexpected(audited.error());
    }
    return base::Fail(ErrorCode::kNotFound, std::string(kNoSuchPerson));
  }
  return std::move(**person);
}

base::Status ExitCaseService::PrepareOpen(const trust::Actor& actor,
                                          std::string_view person_public_id) const {
  auto person = WritablePerson(actor, person_public_id);
  if (!person) return std::unexpected(person.error());
  return base::Ok();
}

base::Result<OpenPreparation> ExitCaseService::PrepareOpenFromReferral(
    const trust::Actor& actor, std::string_view person_public_id,
    std::string_view referral_public_id) const {
  auto person = WritablePerson(actor, person_public_id);
  if (!person) return std::unexpected(person.error());
  OpenPreparation out;
  if (referral_public_id.empty() || referrals_ == nullptr) return out;
  auto usable = referrals_->Check(actor, referral_public_id);
  if (!usable && usable.error().code != ErrorCode::kNotFound) {
    return std::unexpected(usable.error());
  }
  out.referral_usable = usable.has_value();
  return out;
}

base::Result<CaseWriteOutcome> ExitCaseService::Open(const trust::Actor& actor,
                                                     std::string_view person_public_id,
                                                     const OpenCaseInput& input) const {
  auto person = WritablePerson(actor, person_public_id);
  if (!person) return std::unexpected(person.error());
  const auto now = clock_.Now();
  const std::int64_t now_us = Micros(now);
  const base::TenantId tenant = actor.tenant;
  const std::int64_t actor_id = actor.user_id.value_or(0);
  const person::StoredPerson& p = person->person;
  if (!input.referral.empty()) {
    // Checked before the transaction so the denial's audit entry is durable; checked again
    // inside it by RecordCaseOpened.
    const base::Status usable =
        referrals_ != nullptr ? referrals_->Check(actor, input.referral)
                              : base::Status(base::Fail(ErrorCode::kNotFound, "No such referral."));
    if (!usable) {
      if (usable.error().code != ErrorCode::kNotFound) return std::unexpected(usable.error());
      CaseWriteOutcome outcome;
      outcome.problems.push_back(Problem("referral", "referral.unusable",
                                         "This referral cannot be continued here. Open the case "
                                         "without it, or go back to the referral."));
      return outcome;
    }
  }

  return db_.Write([&](storage::Transaction& tx) -> base::Result<CaseWriteOutcome> {
    CaseWriteOutcome outcome;
    // The coordinator: the actor, or a named active user of the person's authority.
    std::int64_t responsible = actor_id;
    if (!input.responsible_username.empty()) {
      auto user = person::PersonStore::FindActiveUser(tx, tenant, input.responsible_username);
      if (!user) return std::unexpected(user.error());
      if (!user->has_value() || (*user)->authority != p.owning_authority ||
          !MayCoordinate((*user)->roles)) {
        outcome.problems.push_back(
            Problem("responsible", "responsible.unknown",
                    "Choose an active coordinator or social worker of the person's authority."));
      } else {
        responsible = (*user)->user_id;
      }
    }
    auto open = ExitCaseStore::FindOpenForPerson(tx, tenant, p.id);
    if (!open) return std::unexpected(open.error());
    if (open->has_value()) outcome.problems.push_back(OpenCaseExists());
    if (!outcome.problems.empty()) return outcome;

    auto code = ExitCaseStore::OrganisationCode(tx, tenant, p.owning_authority);
    if (!code) return std::unexpected(code.error());
    const int year = YearOf(now);
    auto seq = ExitCaseStore::NextSequence(tx, tenant, p.owning_authority, year);
    if (!seq) return std::unexpected(seq.error());

    StoredCase c;
    c.id = CaseId(base::NewRowId());
    c.public_id = base::NewPublicId();
    c.case_number = FormatCaseNumber(code->value_or("X"), year, *seq);
    c.person = p.id;
    c.owning_authority = p.owning_authority;
    c.responsible_user_id = responsible;
    c.status = CaseStatus::kOpen;
    c.created_by = actor_id;
    c.created_at = now_us;
    c.updated_at = now_us;
    if (auto ok = ExitCaseStore::Insert(tx, tenant, c); !ok) {
      // Another coordinator opened one a moment ago (exit_cases_one_open).
      if (ok.error().code == ErrorCode::kConflict) {
        return base::Fail(ErrorCode::kConflict, "This person got a case a moment ago.");
      }
      return std::unexpected(ok.error());
    }
    if (auto ok = ExitCaseStore::InsertEvent(tx, tenant,
                                             CaseEvent{.event_id = base::NewRowId(),
                                                       .case_id = c.id,
                                                       .user_id = actor_id,
                                                       .user_display_name = {},
                                                       .at = now_us,
                                                       .from = std::nullopt,
                                                       .to = CaseStatus::kOpen,
                                                       .reason = std::nullopt});
        !ok) {
      return std::unexpected(ok.error());
    }
    // The coordinator joins the person's team; a named-staff mark they already have is kept.
    auto relation = person::PersonStore::FindForUser(tx, tenant, p.public_id, responsible, now_us);
    if (!relation) return std::unexpected(relation.error());
    const bool named = relation->has_value() && (*relation)->named_for_protected;
    if (auto ok = person::PersonStore::PutStaff(tx, tenant, p.id, responsible, true, named,
                                                actor_id, now_us);
        !ok) {
      return std::unexpected(ok.error());
    }
    auto event = EventOf(actor, audit::Action::kCreate, audit::Outcome::kAllowed);
    if (!event) return std::unexpected(event.error());
    event->record_type = audit::RecordType::kCase;
    event->record_id = c.id.value();
    event->person_id = p.id.value();
    if (p.protected_identity) event->flags |= audit::kFlagProtectedIdentity;
    if (auto ok = audit_.AppendInTransaction(tx, *event); !ok) return std::unexpected(ok.error());
    if (!input.referral.empty()) {
      // The referral moves to done with the case, or neither is written.
      if (auto ok = referrals_->RecordCaseOpened(
              tx, actor, input.referral,
              OpenedCase{
                  .case_id = c.id.value(), .public_id = c.public_id, .case_number = c.case_number});
          !ok) {
        return std::unexpected(ok.error());
      }
    }
    outcome.public_id = c.public_id;
    outcome.case_number = c.case_number;
    outcome.version = 1;
    return outcome;
  });
}

base::Result<CaseView> ExitCaseService::Get(const trust::Actor& actor,
                                            std::string_view case_public_id) const {
  auto found = FindAllowed(actor, case_public_id, Permission::kReadPersonalData);
  if (!found) return std::unexpected(found.error());
  const auto now = clock_.Now();
  const std::int64_t now_us = Micros(now);
  const StoredCase& c = found->exit_case;
  const person::PersonForUser& pf = found->person;
  const auto scope = ScopeOf(*found, false);
  const Decision decision = Decide(actor, Permission::kReadPersonalData, &scope, now);

  CaseView view;
  view.public_id = c.public_id;
  view.case_number = c.case_number;
  view.status = c.status;
  view.closed_reason = c.closed_reason;
  view.person_public_id = pf.person.public_id;
  view.protected_identity = pf.person.protected_identity;
  view.via_emergency_access = decision.flags.emergency_access;
  view.version = c.version;
  view.created_at = c.created_at;
  view.updated_at = c.updated_at;
  view.person_birth_year = pf.person.birth_year;
  if (!decision.mask_identity) {
    auto initials =
        Initials(actor.tenant, pf.person.id, pf.person.given_name, pf.person.family_name);
    if (!initials) return std::unexpected(initials.error());
    view.person_initials = std::move(*initials);
  }
  if (c.closed_note) {
    const trust::crypto::AssociatedData ad{.tenant = actor.tenant,
                                           .table = kCasesTable,
                                           .column = kClosedNoteColumn,
                                           .row_id = c.id.value()};
    auto note = ring_.Decrypt(actor.tenant, ad, *c.closed_note);
    if (!note) return std::unexpected(note.error());
    view.closed_note = std::move(*note);
  }

  auto loaded = db_.Read([&](storage::Transaction& tx) -> base::Status {
    auto responsible = ExitCaseStore::FindUser(tx, actor.tenant, c.responsible_user_id);
    if (!responsible) return std::unexpected(responsible.error());
    if (responsible->has_value()) {
      view.responsible_username = (*responsible)->username;
      view.responsible_name = (*responsible)->display_name;
    }
    auto team = person::PersonStore::ListStaff(tx, actor.tenant, pf.person.id);
    if (!team) return std::unexpected(team.error());
    view.team = std::move(*team);
    auto consents = ExitCaseStore::ListConsents(tx, actor.tenant, c.id);
    if (!consents) return std::unexpected(consents.error());
    for (const StoredConsent& k : *consents) {
      view.consents.push_back(ConsentView{.public_id = k.public_id,
                                          .purpose = k.purpose,
                                          .organisation_public_id = k.organisation_public_id,
                                          .organisation_name_sv = k.organisation_name_sv,
                                          .organisation_name_en = k.organisation_name_en,
                                          .scope = k.scope,
                                          .how_given = k.how_given,
                                          .recorded_by = k.recorded_by_name,
                                          .given_at = k.given_at,
                                          .expires_at = k.expires_at,
                                          .withdrawn_at = k.withdrawn_at,
                                          .withdrawn_by = k.withdrawn_by_name,
                                          .active = k.IsActiveAt(now_us)});
    }
    auto events = ExitCaseStore::ListEvents(tx, actor.tenant, c.id);
    if (!events) return std::unexpected(events.error());
    for (const CaseEvent& e : *events) {
      view.events.push_back(EventView{
          .at = e.at, .by = e.user_display_name, .from = e.from, .to = e.to, .reason = e.reason});
    }
    if (referrals_ != nullptr) {
      auto referral = referrals_->ReferralOfCase(tx, actor.tenant, c.id.value());
      if (!referral) return std::unexpected(referral.error());
      view.from_referral = referral->value_or("");
    }
    return base::Ok();
  });
  if (!loaded) return std::unexpected(loaded.error());

  auto event = EventOf(actor, audit::Action::kRead, audit::Outcome::kAllowed);
  if (!event) return std::unexpected(event.error());
  AboutCase(*event, *found, FlagsFor(*found, decision));
  if (auto ok = audit_.Append(*event); !ok) return std::unexpected(ok.error());
  return view;
}

base::Result<CaseListPage> ExitCaseService::ListMine(const trust::Actor& actor,
                                                     const CaseListFilter& filter,
                                                     const ItemsWanted& items_wanted) const {
  return List(actor, filter, false, items_wanted);
}

base::Result<std::int64_t> ExitCaseService::CountMineOpen(const trust::Actor& actor) const {
  if (auto role = CheckRole(actor, Permission::kReadPersonalData); !role) {
    return std::unexpected(role.error());
  }
  if (!actor.authority || !actor.user_id) return std::int64_t{0};
  return db_.Read([&](storage::Transaction& tx) {
    return ExitCaseStore::CountOnTeam(tx, actor.tenant, *actor.authority, *actor.user_id,
                                      CaseStatus::kOpen);
  });
}

base::Result<CaseListPage> ExitCaseService::ListUnit(const trust::Actor& actor,
                                                     const CaseListFilter& filter,
                                                     const ItemsWanted& items_wanted) const {
  return List(actor, filter, true, items_wanted);
}

base::Result<CaseListPage> ExitCaseService::List(const trust::Actor& actor,
                                                 const CaseListFilter& filter, bool unit,
                                                 const ItemsWanted& items_wanted) const {
  if (auto role = CheckRole(actor, Permission::kReadPersonalData); !role) {
    return std::unexpected(role.error());
  }
  CaseListPage page;
  page.page = std::max(filter.page, 1);
  CaseListQuery query;
  if (!filter.status.empty()) {
    query.status = ParseCaseStatus(filter.status);
    if (!query.status) {
      page.problems.push_back(
          Problem("status", "status.unknown", "Choose a status from the list."));
    }
  }
  if (filter.number.size() > 40) {
    page.problems.push_back(
        Problem("number", "number.too_long", "A case number is at most 40 characters."));
  }
  if (!page.problems.empty()) return page;
  if (!actor.authority || !actor.user_id || !actor.unit) return page;
  query.number_pattern = NumberPattern(filter.number);
  query.limit = options_.page_size + 1;  // one more tells whether there is a next page
  query.offset = (page.page - 1) * options_.page_size;
  CaseListCache::Key key{.tenant = actor.tenant.value(),
                         .authority = actor.authority->value(),
                         .user = *actor.user_id,
                         .unit = actor.unit->value(),
                         .unit_list = unit,
                         .status = query.status ? std::string(ToString(*query.status)) : "",
                         .number_pattern = query.number_pattern,
                         .page = page.page};

  // The generation first: rows read after it are at least as new, so a write that lands in
  // between costs one more listing at the next view, never a stale list (case_list_cache.h).
  std::int64_t generation = 0;
  std::shared_ptr<const CaseListPage> kept;
  auto rows = db_.Read([&](storage::Transaction& tx) -> base::Result<std::vector<CaseListRow>> {
    auto read = ExitCaseStore::ListGeneration(tx, actor.tenant, *actor.authority);
    if (!read) return std::unexpected(read.error());
    generation = *read;
    kept = list_cache_->Find(key, generation);
    if (kept) return std::vector<CaseListRow>();
    return unit ? ExitCaseStore::ListForUnit(tx, actor.tenant, *actor.authority, *actor.unit,
                                             *actor.user_id, query)
                : ExitCaseStore::ListOnTeam(tx, actor.tenant, *actor.authority, *actor.user_id,
                                            query);
  });
  if (!rows) return std::unexpected(rows.error());
  if (kept && items_wanted && !items_wanted(kept->version)) {
    page.item_count = kept->item_count;
    page.page = kept->page;
    page.has_more = kept->has_more;
    page.version = kept->version;
  } else if (kept) {
    page = *kept;
  } else {
    if (rows->size() > static_cast<std::size_t>(options_.page_size)) {
      page.has_more = true;
      rows->resize(static_cast<std::size_t>(options_.page_size));
    }
    for (const CaseListRow& row : *rows) {
      CaseListItem item{.public_id = row.exit_case.public_id,
                        .case_number = row.exit_case.case_number,
                        .initials = {},
                        .birth_year = std::nullopt,
                        .status = row.exit_case.status,
                        .responsible_name = row.responsible_name,
                        .readable = row.on_team,
                        .next_follow_up = std::nullopt};
      if (row.on_team) {
        auto initials =
            Initials(actor.tenant, row.exit_case.person, row.given_name, row.family_name);
        if (!initials) return std::unexpected(initials.error());
        item.initials = std::move(*initials);
        item.birth_year = row.birth_year;
      }
      page.items.push_back(std::move(item));
    }
    page.item_count = page.items.size();
    page.version = list_cache_->Store(std::move(key), generation, page);
  }
  auto event = EventOf(actor, audit::Action::kSearch, audit::Outcome::kAllowed);
  if (!event) return std::unexpected(event.error());
  if (auto ok = audit_.Append(*event); !ok) return std::unexpected(ok.error());
  return page;
}

base::Result<CaseWriteOutcome> ExitCaseService::ChangeStatus(const trust::Actor& actor,
                                                             std::string_view case_public_id,
                                                             const StatusChangeInput& input) const {
  auto found = FindAllowed(actor, case_public_id, Permission::kWritePersonalData);
  if (!found) return std::unexpected(found.error());
  const auto now_us = Micros(clock_.Now());
  CaseWriteOutcome outcome;
  const auto status = ParseCaseStatus(input.status);
  std::optional<CloseReason> reason;
  if (!status) {
    outcome.problems.push_back(Problem("status", "status.unknown", "Choose a status."));
  } else if (*status == found->exit_case.status) {
    outcome.problems.push_back(
        Problem("status", "status.unchanged", "The case already has this status."));
  }
  if (status == CaseStatus::kClosed) {
    reason = ParseCloseReason(input.reason);
    if (!reason) {
      outcome.problems.push_back(
          Problem("reason", input.reason.empty() ? "reason.required" : "reason.unknown",
                  "Choose why the case is closed."));
    }
    if (input.note.size() > options_.note_max_length) {
      outcome.problems.push_back(
          Problem("note", "note.too_long", "The note is at most 2000 characters."));
    }
  }
  if (!outcome.problems.empty()) return outcome;

  StoredCase changed = found->exit_case;
  changed.status = *status;
  changed.closed_reason = reason;
  changed.closed_note.reset();
  if (*status == CaseStatus::kClosed && !input.note.empty()) {
    const trust::crypto::AssociatedData ad{.tenant = actor.tenant,
                                           .table = kCasesTable,
                                           .column = kClosedNoteColumn,
                                           .row_id = changed.id.value()};
    auto sealed = ring_.Encrypt(actor.tenant, ad, input.note);
    if (!sealed) return std::unexpected(sealed.error());
    changed.closed_note = std::move(*sealed);
  }
  const std::int64_t actor_id = actor.user_id.value_or(0);
  return db_.Write([&](storage::Transaction& tx) -> base::Result<CaseWriteOutcome> {
    // Reopening a closed case: the person may have got another case meanwhile.
    if (found->exit_case.status == CaseStatus::kClosed) {
      auto open = ExitCaseStore::FindOpenForPerson(tx, actor.tenant, changed.person);
      if (!open) return std::unexpected(open.error());
      if (open->has_value()) {
        CaseWriteOutcome refused;
        refused.problems.push_back(Problem("status", "status.open_case_exists",
                                           "The person has another case that is not closed."));
        return refused;
      }
    }
    if (auto ok =
            ExitCaseStore::UpdateStatus(tx, actor.tenant, changed, input.expected_version, now_us);
        !ok) {
      return std::unexpected(ok.error());
    }
    if (auto ok = ExitCaseStore::InsertEvent(tx, actor.tenant,
                                             CaseEvent{.event_id = base::NewRowId(),
                                                       .case_id = changed.id,
                                                       .user_id = actor_id,
                                                       .user_display_name = {},
                                                       .at = now_us,
                                                       .from = found->exit_case.status,
                                                       .to = changed.status,
                                                       .reason = reason});
        !ok) {
      return std::unexpected(ok.error());
    }
    auto event = EventOf(actor, audit::Action::kUpdate, audit::Outcome::kAllowed);
    if (!event) return std::unexpected(event.error());
    AboutCase(*event, *found,
              found->person.person.protected_identity ? audit::kFlagProtectedIdentity : 0U);
    if (auto ok = audit_.AppendInTransaction(tx, *event); !ok) return std::unexpected(ok.error());
    CaseWriteOutcome done;
    done.public_id = changed.public_id;
    done.case_number = changed.case_number;
    done.version = input.expected_version + 1;
    return done;
  });
}

base::Result<CaseWriteOutcome> ExitCaseService::SetResponsible(
    const trust::Actor& actor, std::string_view case_public_id, std::string_view username,
    std::int64_t expected_version) const {
  auto found = FindAllowed(actor, case_public_id, Permission::kWritePersonalData);
  if (!found) return std::unexpected(found.error());
  const auto now_us = Micros(clock_.Now());
  const std::int64_t actor_id = actor.user_id.value_or(0);
  return db_.Write([&](storage::Transaction& tx) -> base::Result<CaseWriteOutcome> {
    CaseWriteOutcome outcome;
    auto user = person::PersonStore::FindActiveUser(tx, actor.tenant, username);
    if (!user) return std::unexpected(user.error());
    if (!user->has_value() || (*user)->authority != found->exit_case.owning_authority ||
        !MayCoordinate((*user)->roles)) {
      outcome.problems.push_back(
          Problem("responsible", "responsible.unknown",
                  "Choose an active coordinator or social worker of the person's authority."));
      return outcome;
    }
    const std::int64_t responsible = (*user)->user_id;
    if (auto ok = ExitCaseStore::UpdateResponsible(tx, actor.tenant, found->exit_case.id,
                                                   responsible, expected_version, now_us);
        !ok) {
      return std::unexpected(ok.error());
    }
    const person::StoredPerson& p = found->person.person;
    auto relation =
        person::PersonStore::FindForUser(tx, actor.tenant, p.public_id, responsible, now_us);
    if (!relation) return std::unexpected(relation.error());
    const bool named = relation->has_value() && (*relation)->named_for_protected;
    if (auto ok = person::PersonStore::PutStaff(tx, actor.tenant, p.id, responsible, true, named,
                                                actor_id, now_us);
        !ok) {
      return std::unexpected(ok.error());
    }
    auto event = EventOf(actor, audit::Action::kUpdate, audit::Outcome::kAllowed);
    if (!event) return std::unexpected(event.error());
    AboutCase(*event, *found, p.protected_identity ? audit::kFlagProtectedIdentity : 0U);
    if (auto ok = audit_.AppendInTransaction(tx, *event); !ok) return std::unexpected(ok.error());
    outcome.public_id = found->exit_case.public_id;
    outcome.case_number = found->exit_case.case_number;
    outcome.version = expected_version + 1;
    return outcome;
  });
}

base::Result<CaseWriteOutcome> ExitCaseService::RecordConsent(const trust::Actor& actor,
                                                              std::string_view case_public_id,
                                                              const ConsentInput& input) const {
  auto found = FindAllowed(actor, case_public_id, Permission::kWritePersonalData);
  if (!found) return std::unexpected(found.error());
  const std::int64_t now_us = Micros(clock_.Now());
  // Dates are Swedish calendar days: a consent given "today" or valid "through 31 December" means
  // the day in Sweden, not in UTC.
  const std::int64_t today = base::StartOfSwedishDay(now_us);
  CaseWriteOutcome outcome;

  const auto purpose = ParseConsentPurpose(input.purpose);
  if (!purpose) {
    outcome.problems.push_back(
        Problem("purpose", "purpose.unknown", "Choose what the consent is for."));
  }
  const auto how = ParseConsentGiven(input.how_given);
  if (!how) {
    outcome.problems.push_back(
        Problem("how_given", "how_given.unknown", "Choose how the consent was given."));
  }
  std::int64_t given_at = now_us;
  if (!input.given_on.empty()) {
    const auto date = base::ParseIsoDate(input.given_on);
    const auto day = date ? std::optional(base::FromSwedishLocal(*date)) : std::nullopt;
    if (!day) {
      outcome.problems.push_back(
          Problem("given_on", "given_on.invalid", "Write the date as YYYY-MM-DD."));
    } else if (*day > today) {
      outcome.problems.push_back(
          Problem("given_on", "given_on.future", "The date it was given cannot be in the future."));
    } else {
      given_at = *day;
    }
  }
  std::optional<std::int64_t> expires_at;
  if (!input.expires_on.empty()) {
    const auto date = base::ParseIsoDate(input.expires_on);
    const auto day = date ? std::optional(base::FromSwedishLocal(*date)) : std::nullopt;
    if (!day) {
      outcome.problems.push_back(
          Problem("expires_on", "expires_on.invalid", "Write the date as YYYY-MM-DD."));
    } else if (*day < today) {
      outcome.problems.push_back(
          Problem("expires_on", "expires_on.past", "The end date cannot be in the past."));
    } else {
      expires_at = base::StartOfNextSwedishDay(*date);  // valid through the whole of that day
    }
  }
  SipParts scope;
  for (const std::string& code : input.scope) {
    const auto part = ParseSipPart(code);
    if (!part) {
      outcome.problems.push_back(Problem("scope", "scope.unknown", "Choose parts from the list."));
      break;
    }
    if (!Contains(scope, *part)) scope.push_back(*part);
  }
  std::ranges::sort(scope);
  const bool sharing = purpose == ConsentPurpose::kShareWithOrganisation;
  if (sharing && scope.empty() && input.scope.empty()) {
    outcome.problems.push_back(
        Problem("scope", "scope.required", "Choose what the organisation may see."));
  }
  if (!sharing) scope.clear();  // only a share names parts

  return db_.Write([&](storage::Transaction& tx) -> base::Result<CaseWriteOutcome> {
    std::optional<base::OrganisationId> organisation;
    if (sharing) {
      std::optional<CaseOrganisation> target;
      if (!input.organisation.empty()) {
        auto looked_up =
            ExitCaseStore::FindOrganisationByPublicId(tx, actor.tenant, input.organisation);
        if (!looked_up) return std::unexpected(looked_up.error());
        target = std::move(*looked_up);
      }
      if (!target || (target->kind != "partner" && target->kind != "unit")) {
        outcome.problems.push_back(Problem("organisation", "organisation.unknown",
                                           "Choose the organisation to share with."));
      } else {
        organisation = target->id;
      }
    }
    if (!outcome.problems.empty()) return outcome;
    StoredConsent consent;
    consent.id = ConsentId(base::NewRowId());
    consent.public_id = base::NewPublicId();
    consent.case_id = found->exit_case.id;
    consent.purpose = *purpose;
    consent.organisation = organisation;
    consent.scope = scope;
    consent.how_given = *how;
    consent.recorded_by = actor.user_id.value_or(0);
    consent.given_at = given_at;
    consent.expires_at = expires_at;
    consent.created_at = now_us;
    if (auto ok = ExitCaseStore::InsertConsent(tx, actor.tenant, consent); !ok) {
      return std::unexpected(ok.error());
    }
    auto event = EventOf(actor, audit::Action::kCreate, audit::Outcome::kAllowed);
    if (!event) return std::unexpected(event.error());
    event->record_type = audit::RecordType::kConsent;
    event->record_id = consent.id.value();
    event->person_id = found->exit_case.person.value();
    if (auto ok = audit_.AppendInTransaction(tx, *event); !ok) return std::unexpected(ok.error());
    CaseWriteOutcome done;
    done.public_id = consent.public_id;
    done.case_number = found->exit_case.case_number;
    done.version = found->exit_case.version;
    return done;
  });
}

base::Status ExitCaseService::WithdrawConsent(const trust::Actor& actor,
                                              std::string_view case_public_id,
                                              std::string_view consent_public_id) const {
  auto found = FindAllowed(actor, case_public_id, Permission::kWritePersonalData);
  if (!found) return std::unexpected(found.error());
  const std::int64_t now_us = Micros(clock_.Now());
  return db_.Write([&](storage::Transaction& tx) -> base::Status {
    auto withdrawn =
        ExitCaseStore::WithdrawConsent(tx, actor.tenant, found->exit_case.id, consent_public_id,
                                       actor.user_id.value_or(0), now_us);
    if (!withdrawn) return std::unexpected(withdrawn.error());
    if (!*withdrawn) {
      return base::Fail(ErrorCode::kNotFound, "No such consent, or it is already withdrawn.");
    }
    auto event = EventOf(actor, audit::Action::kUpdate, audit::Outcome::kAllowed);
    if (!event) return std::unexpected(event.error());
    AboutCase(*event, *found, 0U);
    event->record_type = audit::RecordType::kConsent;
    if (auto ok = audit_.AppendInTransaction(tx, *event); !ok) return std::unexpected(ok.error());
    return base::Ok();
  });
}

base::Result<std::vector<ShareTarget>> ExitCaseService::ShareTargets(
    const trust::Actor& actor) const {
  if (auto role = CheckRole(actor, Permission::kWritePersonalData); !role) {
    return std::unexpected(role.error());
  }
  auto rows = db_.Read(
      [&](storage::Transaction& tx) { return ExitCaseStore::ListShareTargets(tx, actor.tenant); });
  if (!rows) return std::unexpected(rows.error());
  std::vector<ShareTarget> out;
  for (const CaseOrganisation& o : *rows) {
    // Never the actor's own unit: sharing is with someone outside it.
    if (actor.unit && o.id == *actor.unit) continue;
    out.push_back(ShareTarget{
        .public_id = o.public_id, .name_sv = o.name_sv, .name_en = o.name_en, .kind = o.kind});
  }
  return out;
}

base::Result<std::vector<base::OrganisationId>> ExitCaseService::PartnerOrganisations(
    storage::Transaction& tx, const trust::Actor& actor) {
  std::vector<base::OrganisationId> out;
  if (!actor.unit) return out;
  out.push_back(*actor.unit);
  auto unit = ExitCaseStore::FindOrganisation(tx, actor.tenant, *actor.unit);
  if (!unit) return std::unexpected(unit.error());
  if (unit->has_value() && (*unit)->parent) {
    auto parent = ExitCaseStore::FindOrganisation(tx, actor.tenant, *(*unit)->parent);
    if (!parent) return std::unexpected(parent.error());
    if (parent->has_value() && (*parent)->kind == "partner") out.push_back((*parent)->id);
  }
  return out;
}

base::Result<std::vector<SharedCaseItem>> ExitCaseService::ListShared(
    const trust::Actor& actor) const {
  if (auto role = CheckRole(actor, Permission::kReadShared); !role) {
    return std::unexpected(role.error());
  }
  const std::int64_t now_us = Micros(clock_.Now());
  auto rows = db_.Read([&](storage::Transaction& tx) -> base::Result<std::vector<SharedCaseRow>> {
    auto organisations = PartnerOrganisations(tx, actor);
    if (!organisations) return std::unexpected(organisations.error());
    return ExitCaseStore::ListSharedWith(tx, actor.tenant, *organisations, now_us, 200);
  });
  if (!rows) return std::unexpected(rows.error());
  std::vector<SharedCaseItem> out;
  for (const SharedCaseRow& row : *rows) {
    out.push_back(SharedCaseItem{.public_id = row.exit_case.public_id,
                                 .case_number = row.exit_case.case_number,
                                 .status = row.exit_case.status,
                                 .parts = row.scope,
                                 .share_expires_at = row.expires_at});
  }
  auto event = EventOf(actor, audit::Action::kSearch, audit::Outcome::kAllowed);
  if (!event) return std::unexpected(event.error());
  if (auto ok = audit_.Append(*event); !ok) return std::unexpected(ok.error());
  return out;
}

base::Result<PartnerCaseView> ExitCaseService::ForPartner(const trust::Actor& actor,
                                                          std::string_view case_public_id) const {
  if (auto role = CheckRole(actor, Permission::kReadShared); !role) {
    return std::unexpected(role.error());
  }
  const auto now = clock_.Now();
  const std::int64_t now_us = Micros(now);
  struct Loaded {
    std::optional<CaseForUser> found;
    std::optional<ActiveShare> share;
    std::optional<CaseOrganisation> organisation;
    std::optional<CaseUser> coordinator;
  };
  // Active shares are computed at this read, never cached: a withdrawal ends access at once.
  auto loaded = db_.Read([&](storage::Transaction& tx) -> base::Result<Loaded> {
    Loaded out;
    auto found = ExitCaseStore::FindForUser(tx, actor.tenant, case_public_id,
                                            actor.user_id.value_or(0), now_us);
    if (!found) return std::unexpected(found.error());
    out.found = std::move(*found);
    if (!out.found) return out;
    auto organisations = PartnerOrganisations(tx, actor);
    if (!organisations) return std::unexpected(organisations.error());
    for (const base::OrganisationId organisation : *organisations) {
      auto share = ActiveShareFor(tx, actor.tenant, out.found->exit_case.id, organisation, now_us);
      if (!share) return std::unexpected(share.error());
      if (share->has_value()) {
        out.share = std::move(*share);
        break;
      }
    }
    if (!out.share) return out;
    auto organisation = ExitCaseStore::FindOrganisation(tx, actor.tenant, out.share->organisation);
    if (!organisation) return std::unexpected(organisation.error());
    out.organisation = std::move(*organisation);
    auto coordinator =
        ExitCaseStore::FindUser(tx, actor.tenant, out.found->exit_case.responsible_user_id);
    if (!coordinator) return std::unexpected(coordinator.error());
    out.coordinator = std::move(*coordinator);
    return out;
  });
  if (!loaded) return std::unexpected(loaded.error());
  if (!loaded->found) {
    if (auto audited = AuditDenied(actor, nullptr); !audited) {
      return std::unexpected(audited.error());
    }
    return base::Fail(ErrorCode::kNotFound, std::string(kNoSuchCase));
  }
  const CaseForUser& found = *loaded->found;
  const auto scope = ScopeOf(found, loaded->share.has_value());
  const Decision decision = Decide(actor, Permission::kReadShared, &scope, now);
  if (!decision.allowed) {
    if (auto audited = AuditDenied(actor, &found); !audited) {
      return std::unexpected(audited.error());
    }
    if (decision.reason == DenyReason::kOutsideScope) {
      return base::Fail(ErrorCode::kNotFound, std::string(kNoSuchCase));
    }
    return std::unexpected(decision.AsStatus().error());
  }
  PartnerCaseView view;
  view.public_id = found.exit_case.public_id;
  view.case_number = found.exit_case.case_number;
  view.status = found.exit_case.status;
  view.parts = loaded->share->parts;
  view.share_expires_at = loaded->share->expires_at;
  if (loaded->organisation) {
    view.organisation_name_sv = loaded->organisation->name_sv;
    view.organisation_name_en = loaded->organisation->name_en;
  }
  if (loaded->coordinator) view.coordinator_name = loaded->coordinator->display_name;
  view.case_id = found.exit_case.id;
  auto event = EventOf(actor, audit::Action::kRead, audit::Outcome::kAllowed);
  if (!event) return std::unexpected(event.error());
  AboutCase(*event, found, FlagsFor(found, decision));
  if (auto ok = audit_.Append(*event); !ok) return std::unexpected(ok.error());
  return view;
}

}  // namespace fyren::exit_case
