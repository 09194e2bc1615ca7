#include "domain/person/person_service.h"

#include <algorithm>

#include "base/random.h"
#include "domain/person/person_columns.h"
#include "domain/person/person_validation.h"
#include "trust/accounts/account_service.h"
#include "trust/identity/identity_number.h"

namespace fyren::person {
namespace {

using base::ErrorCode;
using trust::access::Decide;
using trust::access::Decision;
using trust::access::DenyReason;
using trust::access::Permission;
using trust::access::RecordScope;
namespace audit = trust::audit;

constexpr std::string_view kNoSuchPerson = "No such person.";
// The blind-index domain of reserve numbers (identity numbers use the KeyRing's own domain).
constexpr std::string_view kReserveIndexField = "reserve_number";

base::Result<std::string> BlindIndexOf(const trust::crypto::KeyRing& ring, base::TenantId tenant,
                                       IdentityKind kind, std::string_view value) {
  if (kind == IdentityKind::kReserve) return ring.BlindIndex(tenant, kReserveIndexField, value);
  return ring.BlindIndex(tenant, value);
}

std::int64_t Micros(base::TimePoint t) { return base::ToUnixMicros(t); }

std::chrono::year_month_day Today(base::TimePoint now) {
  return std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(now));
}

RecordScope ScopeOf(const PersonForUser& found) {
  return RecordScope{.owning_authority = found.person.owning_authority,
                     .on_case_team = found.on_team,
                     .shared_with_actor = false,
                     .emergency_access_active = found.grant_expires_at.has_value(),
                     .protected_identity = found.person.protected_identity,
                     .named_for_protected = found.named_for_protected};
}

std::uint32_t FlagsFor(const PersonForUser& found, const Decision& decision) {
  std::uint32_t flags = 0;
  if (found.person.protected_identity) flags |= audit::kFlagProtectedIdentity;
  if (decision.flags.emergency_access) flags |= audit::kFlagEmergencyAccess;
  if (!found.on_team) flags |= audit::kFlagOutsideOwnUnit;
  return flags;
}

// The audit event for `actor`. Services are called by pages that may not have set a purpose;
// person records are case work unless the caller said otherwise.
base::Result<audit::AuditEvent> EventOf(const trust::Actor& actor, audit::Action action,
                                        audit::Outcome outcome,
                                        std::optional<audit::Purpose> purpose = std::nullopt) {
  trust::Actor acting = actor;
  if (purpose) {
    acting.purpose = std::string(audit::ToString(*purpose));
  } else if (acting.purpose.empty()) {
    acting.purpose = std::string(audit::ToString(audit::Purpose::kCaseWork));
  }
  return audit::EventFor(acting, action, outcome);
}

void AboutPerson(audit::AuditEvent& event, PersonId person, std::uint32_t flags) {
  event.record_type = audit::RecordType::kPerson;
  event.record_id = person.value();
  event.person_id = person.value();
  event.flags = flags;
}

FieldProblem DuplicateProblem() {
  return FieldProblem{
      .field = "identity_number",
      .code = "identity_number.duplicate",
      .message = "A person with this number is already registered in your authority."};
}

}  // namespace

PersonService::PersonService(storage::Database& db, const trust::crypto::KeyRing& ring,
                             trust::audit::AuditLog& audit, const base::Clock& clock,
                             PersonServiceOptions options)
    : db_(db),
      ring_(ring),
      sealed_(ring, kPersonsTable),
      audit_(audit),
      clock_(clock),
      options_(options) {}

base::Status PersonService::AuditDenied(const trust::Actor& actor,
                                        const PersonForUser* person) const {
  auto event = EventOf(actor, audit::Action::kDenied, audit::Outcome::kDenied);
  if (!event) return std::unexpected(event.error());
  if (person != nullptr) {
    std::uint32_t flags = 0;
    if (person->person.protected_identity) flags |= audit::kFlagProtectedIdentity;
    if (!person->on_team) flags |= audit::kFlagOutsideOwnUnit;
    AboutPerson(*event, person->person.id, flags);
  }
  return audit_.Append(*event);
}

base::Result<PersonSummary> PersonService::Summarise(const trust::Actor& actor,
                                                     const PersonForUser& found) const {
  const StoredPerson& p = found.person;
  const bool own_authority = actor.authority && *actor.authority == p.owning_authority;
  const bool hidden = p.protected_identity && !found.named_for_protected;
  PersonSummary summary;
  summary.protected_identity = p.protected_identity && !hidden;
  if (hidden) return summary;  // "registered, protected": no id, no initials, no year
  summary.public_id = p.public_id;
  summary.readable = own_authority && (found.on_team || found.grant_expires_at.has_value());
  if (!summary.readable) return summary;
  auto given = sealed_.Open(actor.tenant, p.id.value(), kGivenNameColumn, p.given_name);
  if (!given) return std::unexpected(given.error());
  auto family = sealed_.Open(actor.tenant, p.id.value(), kFamilyNameColumn, p.family_name);
  if (!family) return std::unexpected(family.error());
  summary.initials = InitialsOf(*given, *family);
  summary.birth_year = p.birth_year;
  return summary;
}

base::Result<WriteOutcome> PersonService::Register(const trust::Actor& actor,
                                                   const PersonInput& input) const {
  const auto now = clock_.Now();
  if (!actor.authority && !actor.IsAnonymous()) {
    return base::Fail(ErrorCode::kForbidden, "Only staff of an authority can register persons.");
  }
  const RecordScope scope{.owning_authority = actor.authority.value_or(base::OrganisationId()),
                          .on_case_team = true,
                          .shared_with_actor = false,
                          .emergency_access_active = false,
                          .protected_identity = input.protected_identity,
                          .named_for_protected = true};
  if (const Decision decision = Decide(actor, Permission::kWritePersonalData, &scope, now);
      !decision.allowed) {
    if (auto audited = AuditDenied(actor, nullptr); !audited)
      return std::unexpected(audited.error());
    return std::unexpected(decision.AsStatus().error());
  }
  const Validated valid = ValidateNewPerson(
      input, {.today = Today(now),
              .allow_synthetic_identity_numbers = options_.allow_synthetic_identity_numbers});
  WriteOutcome outcome;
  if (!valid.problems.empty()) {
    outcome.problems = valid.problems;
    return outcome;
  }
  const ValidPerson& v = valid.person;
  std::optional<std::string> blind_index;
  if (!v.identity_value.empty()) {
    auto index = BlindIndexOf(ring_, actor.tenant, v.identity_kind, v.identity_value);
    if (!index) return std::unexpected(index.error());
    blind_index = std::move(*index);
  }

  StoredPerson p;
  p.id = PersonId(base::NewRowId());
  p.public_id = base::NewPublicId();
  p.owning_authority = *actor.authority;
  p.identity_kind = v.identity_kind;
  p.identity_blind_index = blind_index;
  p.birth_year = v.birth_year;
  p.gender = v.gender;
  p.interpreter_needed = v.interpreter_needed;
  p.protected_identity = v.protected_identity;
  p.created_by = actor.user_id.value_or(0);
  p.created_at = Micros(now);
  p.updated_at = p.created_at;
  const base::TenantId tenant = actor.tenant;
  const std::int64_t row = p.id.value();
  for (const auto& [column, plaintext, target] :
       {std::tuple{kIdentityNumberColumn, std::string_view(v.identity_value), &p.identity_number},
        std::tuple{kGivenNameColumn, std::string_view(v.given_name), &p.given_name},
        std::tuple{kFamilyNameColumn, std::string_view(v.family_name), &p.family_name},
        std::tuple{kAliasColumn, std::string_view(v.alias), &p.alias},
        std::tuple{kPhoneColumn, std::string_view(v.phone), &p.phone},
        std::tuple{kEmailColumn, std::string_view(v.email), &p.email},
        std::tuple{kAddressColumn, std::string_view(v.address), &p.address}}) {
    auto sealed = sealed_.Seal(tenant, row, column, plaintext);
    if (!sealed) return std::unexpected(sealed.error());
    *target = std::move(*sealed);
  }
  const std::string languages = JoinLanguages(v.languages);
  auto sealed_languages = sealed_.Seal(tenant, row, kLanguagesColumn, languages);
  if (!sealed_languages) return std::unexpected(sealed_languages.error());
  p.languages = std::move(*sealed_languages);

  return db_.Write([&](storage::Transaction& tx) -> base::Result<WriteOutcome> {
    if (blind_index) {
      auto existing = PersonStore::FindByBlindIndex(tx, tenant, p.owning_authority, *blind_index,
                                                    actor.user_id.value_or(0), Micros(now));
      if (!existing) return std::unexpected(existing.error());
      if (!existing->empty()) {
        WriteOutcome duplicate;
        duplicate.problems.push_back(DuplicateProblem());
        for (const PersonForUser& found : *existing) {
          auto summary = Summarise(actor, found);
          if (!summary) return std::unexpected(summary.error());
          duplicate.duplicates.push_back(std::move(*summary));
        }
        auto event = EventOf(actor, audit::Action::kSearch, audit::Outcome::kAllowed);
        if (!event) return std::unexpected(event.error());
        if (auto ok = audit_.AppendInTransaction(tx, *event); !ok) {
          return std::unexpected(ok.error());
        }
        return duplicate;
      }
    }
    if (auto ok = PersonStore::Insert(tx, tenant, p); !ok) {
      if (ok.error().code == ErrorCode::kConflict) {
        return base::Fail(ErrorCode::kConflict,
                          "A person with this number was registered a moment ago.");
      }
      return std::unexpected(ok.error());
    }
    if (auto ok =
            PersonStore::PutStaff(tx, tenant, p.id, actor.user_id.value_or(0), true,
                                  p.protected_identity, actor.user_id.value_or(0), p.created_at);
        !ok) {
      return std::unexpected(ok.error());
    }
    auto event = EventOf(actor, audit::Action::kCreate, audit::Outcome::kAllowed);
    if (!event) return std::unexpected(event.error());
    AboutPerson(*event, p.id,
                p.protected_identity ? audit::kFlagProtectedIdentity : std::uint32_t{0});
    if (auto ok = audit_.AppendInTransaction(tx, *event); !ok) return std::unexpected(ok.error());
    WriteOutcome created;
    created.public_id = p.public_id;
    created.version = 1;
    return created;
  });
}

base::Result<SearchOutcome> PersonService::Search(const trust::Actor& actor,
                                                  std::string_view query) const {
  const auto now = clock_.Now();
  if (const Decision role = Decide(actor, Permission::kReadPersonalData, nullptr, now);
      role.reason == DenyReason::kNotSignedIn || role.reason == DenyReason::kRoleLacksPermission) {
    if (auto audited = AuditDenied(actor, nullptr); !audited)
      return std::unexpected(audited.error());
    return std::unexpected(role.AsStatus().error());
  }
  SearchOutcome outcome;
  if (!actor.authority) return outcome;  // no authority: no persons to find
  std::string trimmed(query);
  trimmed.erase(0, trimmed.find_first_not_of(' '));
  trimmed.erase(trimmed.find_last_not_of(' ') + 1);
  std::optional<std::string> blind_index;
  if (!base::IsPublicId(trimmed)) {
    const SearchKey key = ParseSearchKey(
        trimmed, {.today = Today(now),
                  .allow_synthetic_identity_numbers = options_.allow_synthetic_identity_numbers});
    if (key.problem) {
      outcome.problems.push_back(*key.problem);
      return outcome;
    }
    auto index = BlindIndexOf(ring_, actor.tenant, key.kind, key.value);
    if (!index) return std::unexpected(index.error());
    blind_index = std::move(*index);
  }
  auto found = db_.Read([&](storage::Transaction& tx) -> base::Result<std::vector<PersonForUser>> {
    if (blind_index) {
      return PersonStore::FindByBlindIndex(tx, actor.tenant, *actor.authority, *blind_index,
                                           actor.user_id.value_or(0), Micros(now));
    }
    auto one =
        PersonStore::FindForUser(tx, actor.tenant, trimmed, actor.user_id.value_or(0), Micros(now));
    if (!one) return std::unexpected(one.error());
    std::vector<PersonForUser> out;
    // Inside the actor's authority only: another committee's person is simply not found.
    if (*one && (*one)->person.owning_authority == *actor.authority) out.push_back(**one);
    return out;
  });
  if (!found) return std::unexpected(found.error());
  for (const PersonForUser& person : *found) {
    auto summary = Summarise(actor, person);
    if (!summary) return std::unexpected(summary.error());
    outcome.matches.push_back(std::move(*summary));
  }
  auto event = EventOf(actor, audit::Action::kSearch, audit::Outcome::kAllowed);
  if (!event) return std::unexpected(event.error());
  if (auto ok = audit_.Append(*event); !ok) return std::unexpected(ok.error());
  return outcome;
}

base::Result<PersonRecord> PersonService::Get(const trust::Actor& actor,
                                              std::string_view public_id) const {
  return Read(actor, public_id, /*reveal=*/false);
}

base::Result<PersonRecord> PersonService::RevealIdentity(const trust::Actor& actor,
                                                         std::string_view public_id) const {
  return Read(actor, public_id, /*reveal=*/true);
}

base::Result<std::shared_ptr<const OpenedFields>> PersonService::OpenFields(
    base::TenantId tenant, std::int64_t row, const SealedFields& sealed) const {
  if (auto kept = opened_->Find(tenant.value(), row, sealed)) return kept;
  static constexpr std::array<std::string_view, kOpenedFieldCount> kColumns{
      kLanguagesColumn, kGivenNameColumn, kFamilyNameColumn, kAliasColumn,
      kPhoneColumn,     kEmailColumn,     kAddressColumn,    kIdentityNumberColumn};
  auto fields = std::make_shared<OpenedFields>();
  for (std::size_t i = 0; i < kOpenedFieldCount; ++i) {
    auto opened = sealed_.Open(tenant, row, kColumns[i], *sealed[i]);
    if (!opened) return std::unexpected(opened.error());
    (*fields)[i] = std::move(*opened);
  }
  opened_->Store(tenant.value(), row, sealed, fields);
  return fields;
}

base::Result<PersonRecord> PersonService::Read(const trust::Actor& actor,
                                               std::string_view public_id, bool reveal) const {
  const auto now = clock_.Now();
  if (const Decision role = Decide(actor, Permission::kReadPersonalData, nullptr, now);
      role.reason == DenyReason::kNotSignedIn || role.reason == DenyReason::kRoleLacksPermission) {
    if (auto audited = AuditDenied(actor, nullptr); !audited)
      return std::unexpected(audited.error());
    return std::unexpected(role.AsStatus().error());
  }
  struct Loaded {
    std::optional<PersonForUser> found;
    Decision decision;
    std::vector<TeamMember> team;
  };
  // One read transaction: the person with the actor's scope, the decision, and the team list.
  auto loaded = db_.Read([&](storage::Transaction& tx) -> base::Result<Loaded> {
    Loaded out;
    if (!base::IsPublicId(public_id)) return out;
    auto found = PersonStore::FindForUser(tx, actor.tenant, public_id, actor.user_id.value_or(0),
                                          Micros(now));
    if (!found) return std::unexpected(found.error());
    if (!*found) return out;
    out.found = std::move(**found);
    const RecordScope scope = ScopeOf(*out.found);
    out.decision = Decide(actor, Permission::kReadPersonalData, &scope, now);
    if (!out.decision.allowed) return out;
    auto team = PersonStore::ListStaff(tx, actor.tenant, out.found->person.id);
    if (!team) return std::unexpected(team.error());
    out.team = std::move(*team);
    return out;
  });
  if (!loaded) return std::unexpected(loaded.error());
  if (!loaded->found || !loaded->decision.allowed) {
    const PersonForUser* person = loaded->found ? &*loaded->found : nullptr;
    if (auto audited = AuditDenied(actor, person); !audited) {
      return std::unexpected(audited.error());
    }
    return base::Fail(ErrorCode::kNotFound, std::string(kNoSuchPerson));
  }
  const PersonForUser& found = *loaded->found;
  const StoredPerson& p = found.person;
  const Decision& decision = loaded->decision;
  if (reveal && decision.mask_identity) {
    if (auto audited = AuditDenied(actor, &found); !audited) {
      return std::unexpected(audited.error());
    }
    return base::Fail(ErrorCode::kForbidden,
                      "This person has a protected identity: only named staff can see it.");
  }

  PersonRecord record;
  record.id = p.id;
  record.public_id = p.public_id;
  record.owning_authority = p.owning_authority;
  record.identity_kind = p.identity_kind;
  record.birth_year = p.birth_year;
  record.gender = p.gender;
  record.interpreter_needed = p.interpreter_needed;
  record.protected_identity = p.protected_identity;
  record.version = p.version;
  record.created_at = p.created_at;
  record.updated_at = p.updated_at;
  record.identity_masked = decision.mask_identity;
  record.via_emergency_access = decision.flags.emergency_access;
  if (record.via_emergency_access) record.emergency_expires_at = found.grant_expires_at;
  record.actor_named_for_protected = found.named_for_protected;
  record.team = loaded->team;
  if (record.identity_masked) {
    // Only what the viewer may see is opened: the identity stays sealed, even in memory.
    auto languages = sealed_.Open(actor.tenant, p.id.value(), kLanguagesColumn, p.languages);
    if (!languages) return std::unexpected(languages.error());
    record.languages = SplitLanguages(*languages);
  } else {
    // Opened now, or kept from an earlier view of the same sealed bytes (opened_person_cache.h).
    const SealedFields sealed{&p.languages, &p.given_name, &p.family_name, &p.alias,
                              &p.phone,     &p.email,      &p.address,     &p.identity_number};
    auto opened = OpenFields(actor.tenant, p.id.value(), sealed);
    if (!opened) return std::unexpected(opened.error());
    const OpenedFields& fields = **opened;
    record.languages = SplitLanguages(fields[0]);
    record.given_name = fields[1];
    record.family_name = fields[2];
    record.alias = fields[3];
    record.phone = fields[4];
    record.email = fields[5];
    record.address = fields[6];
    const std::string& number = fields[7];
    record.identity_number =
        reveal ? FormatIdentity(p.identity_kind, number) : MaskIdentity(p.identity_kind, number);
    record.identity_revealed = reveal && !number.empty();
  }

  auto event = EventOf(actor, reveal ? audit::Action::kRevealIdentity : audit::Action::kRead,
                       audit::Outcome::kAllowed);
  if (!event) return std::unexpected(event.error());
  AboutPerson(*event, p.id, FlagsFor(found, decision));
  if (auto ok = audit_.Append(*event); !ok) return std::unexpected(ok.error());
  return record;
}

base::Result<std::vector<PersonSummary>> PersonService::ListMine(const trust::Actor& actor,
                                                                 std::string_view filter) const {
  const auto now = clock_.Now();
  if (const Decision role = Decide(actor, Permission::kReadPersonalData, nullptr, now);
      role.reason == DenyReason::kNotSignedIn || role.reason == DenyReason::kRoleLacksPermission) {
    if (auto audited = AuditDenied(actor, nullptr); !audited)
      return std::unexpected(audited.error());
    return std::unexpected(role.AsStatus().error());
  }
  std::vector<PersonSummary> out;
  if (!actor.authority || !actor.user_id) return out;
  auto rows = db_.Read([&](storage::Transaction& tx) {
    return PersonStore::ListOnTeam(tx, actor.tenant, *actor.authority, *actor.user_id,
                                   options_.list_limit);
  });
  if (!rows) return std::unexpected(rows.error());
  for (const StoredPerson& p : *rows) {
    auto summary = Summarise(actor, PersonForUser{.person = p,
                                                  .on_team = true,
                                                  .named_for_protected = false,
                                                  .grant_expires_at = std::nullopt});
    if (!summary) return std::unexpected(summary.error());
    if (!filter.empty()) {
      const std::string year = summary->birth_year ? std::to_string(*summary->birth_year) : "";
      const bool keep = summary->initials.find(filter) != std::string::npos ||
                        year.find(filter) != std::string::npos ||
                        summary->public_id.find(filter) != std::string::npos;
      if (!keep) continue;
    }
    out.push_back(std::move(*summary));
  }
  auto event = EventOf(actor, audit::Action::kSearch, audit::Outcome::kAllowed);
  if (!event) return std::unexpected(event.error());
  if (auto ok = audit_.Append(*event); !ok) return std::unexpected(ok.error());
  return out;
}

base::Result<WriteOutcome> PersonService::Update(const trust::Actor& actor,
                                                 std::string_view public_id,
                                                 const PersonChange& change) const {
  const auto now = clock_.Now();
  if (const Decision role = Decide(actor, Permission::kWritePersonalData, nullptr, now);
      role.reason == DenyReason::kNotSignedIn || role.reason == DenyReason::kRoleLacksPermission) {
    if (auto audited = AuditDenied(actor, nullptr); !audited)
      return std::unexpected(audited.error());
    return std::unexpected(role.AsStatus().error());
  }
  struct Written {
    std::optional<PersonForUser> denied;  // set with `was_denied`
    bool was_denied = false;
    WriteOutcome outcome;
  };
  auto written = db_.Write([&](storage::Transaction& tx) -> base::Result<Written> {
    Written out;
    if (!base::IsPublicId(public_id)) {
      out.was_denied = true;
      return out;
    }
    auto found = PersonStore::FindForUser(tx, actor.tenant, public_id, actor.user_id.value_or(0),
                                          Micros(now));
    if (!found) return std::unexpected(found.error());
    if (!*found) {
      out.was_denied = true;
      return out;
    }
    const RecordScope scope = ScopeOf(**found);
    const Decision decision = Decide(actor, Permission::kWritePersonalData, &scope, now);
    if (!decision.allowed) {
      out.was_denied = true;
      out.denied = std::move(**found);
      return out;
    }
    const StoredPerson& stored = (*found)->person;
    if (decision.mask_identity) {
      return base::Fail(ErrorCode::kForbidden,
                        "This person has a protected identity: only named staff can change it.");
    }
    if (stored.version != change.expected_version) {
      return base::Fail(ErrorCode::kConflict,
                        "Someone else changed this person while you were editing. Nothing was "
                        "saved; the form shows the current version.");
    }
    const bool numbered = stored.identity_kind == IdentityKind::kPersonnummer ||
                          stored.identity_kind == IdentityKind::kSamordningsnummer;
    const Validated valid = ValidatePersonChange(
        change, stored.identity_kind, numbered ? stored.birth_year : std::nullopt,
        {.today = Today(now),
         .allow_synthetic_identity_numbers = options_.allow_synthetic_identity_numbers});
    if (!valid.problems.empty()) {
      out.outcome.problems = valid.problems;
      return out;
    }
    const ValidPerson& v = valid.person;
    StoredPerson next = stored;
    const std::int64_t row = stored.id.value();
    for (const auto& [column, plaintext, target] :
         {std::tuple{kGivenNameColumn, std::string_view(v.given_name), &next.given_name},
          std::tuple{kFamilyNameColumn, std::string_view(v.family_name), &next.family_name},
          std::tuple{kAliasColumn, std::string_view(v.alias), &next.alias},
          std::tuple{kPhoneColumn, std::string_view(v.phone), &next.phone},
          std::tuple{kEmailColumn, std::string_view(v.email), &next.email},
          std::tuple{kAddressColumn, std::string_view(v.address), &next.address}}) {
      auto sealed = sealed_.Seal(actor.tenant, row, column, plaintext);
      if (!sealed) return std::unexpected(sealed.error());
      *target = std::move(*sealed);
    }
    auto languages = sealed_.Seal(actor.tenant, row, kLanguagesColumn, JoinLanguages(v.languages));
    if (!languages) return std::unexpected(languages.error());
    next.languages = std::move(*languages);
    next.birth_year = v.birth_year;
    next.gender = v.gender;
    next.interpreter_needed = v.interpreter_needed;
    next.protected_identity = v.protected_identity;
    if (auto ok = PersonStore::Update(tx, actor.tenant, next, change.expected_version, Micros(now));
        !ok) {
      return std::unexpected(ok.error());
    }
    // Whoever marks an identity protected stays able to see it.
    if (next.protected_identity && !stored.protected_identity && actor.user_id) {
      if (auto ok = PersonStore::PutStaff(tx, actor.tenant, stored.id, *actor.user_id,
                                          (*found)->on_team, true, *actor.user_id, Micros(now));
          !ok) {
        return std::unexpected(ok.error());
      }
    }
    auto event = EventOf(actor, audit::Action::kUpdate, audit::Outcome::kAllowed);
    if (!event) return std::unexpected(event.error());
    AboutPerson(*event, stored.id, FlagsFor(**found, decision));
    if (auto ok = audit_.AppendInTransaction(tx, *event); !ok) return std::unexpected(ok.error());
    out.outcome.public_id = stored.public_id;
    out.outcome.version = stored.version + 1;
    return out;
  });
  if (!written) return std::unexpected(written.error());
  if (written->was_denied) {
    const PersonForUser* person = written->denied ? &*written->denied : nullptr;
    if (auto audited = AuditDenied(actor, person); !audited) {
      return std::unexpected(audited.error());
    }
    return base::Fail(ErrorCode::kNotFound, std::string(kNoSuchPerson));
  }
  return std::move(written->outcome);
}

namespace {

// Shared by the team methods: loads the person in a write transaction and decides write access.
struct TeamContext {
  std::optional<PersonForUser> found;
  Decision decision;
};

base::Result<TeamContext> LoadForWrite(storage::Transaction& tx, const trust::Actor& actor,
                                       std::string_view public_id, base::TimePoint now) {
  TeamContext context;
  if (!base::IsPublicId(public_id)) return context;
  auto found = PersonStore::FindForUser(tx, actor.tenant, public_id, actor.user_id.value_or(0),
                                        base::ToUnixMicros(now));
  if (!found) return std::unexpected(found.error());
  if (!*found) return context;
  context.found = std::move(**found);
  const RecordScope scope = ScopeOf(*context.found);
  context.decision = Decide(actor, Permission::kWritePersonalData, &scope, now);
  return context;
}

// A problem with the user name of a team change; `code` (the error's detail) is stable so pages
// can translate it.
base::Status UsernameProblem(std::string_view code, std::string message) {
  return std::unexpected(base::Error{.code = ErrorCode::kInvalidInput,
                                     .message = std::move(message),
                                     .detail = std::string(code),
                                     .field = "username"});
}

base::Status NoSuchUser() {
  return UsernameProblem("username.unknown",
                         "There is no active user with that name in this authority.");
}

}  // namespace

base::Status PersonService::ChangeTeam(const trust::Actor& actor, std::string_view public_id,
                                       const TeamChange& change) const {
  const auto now = clock_.Now();
  if (const Decision role = Decide(actor, Permission::kWritePersonalData, nullptr, now);
      role.reason == DenyReason::kNotSignedIn || role.reason == DenyReason::kRoleLacksPermission) {
    if (auto audited = AuditDenied(actor, nullptr); !audited) return audited;
    return role.AsStatus();
  }
  std::optional<PersonForUser> denied;
  bool was_denied = false;
  auto done = db_.Write([&](storage::Transaction& tx) -> base::Status {
    auto context = LoadForWrite(tx, actor, public_id, now);
    if (!context) return std::unexpected(context.error());
    if (!context->found || !context->decision.allowed) {
      was_denied = true;
      denied = context->found;
      return base::Ok();
    }
    const PersonForUser& found = *context->found;
    if (auto changed = change(tx, found, now); !changed) return changed;
    auto event = EventOf(actor, audit::Action::kUpdate, audit::Outcome::kAllowed);
    if (!event) return std::unexpected(event.error());
    AboutPerson(*event, found.person.id, FlagsFor(found, context->decision));
    if (auto ok = audit_.AppendInTransaction(tx, *event); !ok) return std::unexpected(ok.error());
    return base::Ok();
  });
  if (!done) return done;
  if (was_denied) {
    if (auto audited = AuditDenied(actor, denied ? &*denied : nullptr); !audited) return audited;
    return base::Fail(ErrorCode::kNotFound, std::string(kNoSuchPerson));
  }
  return base::Ok();
}

base::Status PersonService::AddTeamMember(const trust::Actor& actor, std::string_view public_id,
                                          std::string_view username,
                                          bool named_for_protected) const {
  // User names are compared as accounts store them (trust/accounts).
  const std::string normalised = trust::accounts::NormaliseUsername(username);
  return ChangeTeam(
      actor, public_id,
      [&](storage::Transaction& tx, const PersonForUser& found,
          base::TimePoint now) -> base::Status {
        if (named_for_protected && found.person.protected_identity && !found.named_for_protected) {
          return base::Fail(ErrorCode::kForbidden,
                            "Only staff named for this protected identity can name others.");
        }
        if (normalised.empty()) {
          return UsernameProblem("username.required", "Enter a user name.");
        }
        auto user = PersonStore::FindActiveUser(tx, actor.tenant, normalised);
        if (!user) return std::unexpected(user.error());
        if (!*user || (*user)->authority != found.person.owning_authority) {
          return NoSuchUser();
        }
        return PersonStore::PutStaff(tx, actor.tenant, found.person.id, (*user)->user_id, true,
                                     named_for_protected, actor.user_id.value_or(0),
                                     base::ToUnixMicros(now));
      });
}

base::Status PersonService::RemoveTeamMember(const trust::Actor& actor, std::string_view public_id,
                                             std::string_view username) const {
  const std::string normalised = trust::accounts::NormaliseUsername(username);
  return ChangeTeam(
      actor, public_id,
      [&](storage::Transaction& tx, const PersonForUser& found, base::TimePoint) -> base::Status {
        auto user = PersonStore::FindActiveUser(tx, actor.tenant, normalised);
        if (!user) return std::unexpected(user.error());
        if (!*user) return NoSuchUser();
        auto removed =
            PersonStore::RemoveStaff(tx, actor.tenant, found.person.id, (*user)->user_id);
        if (!removed) return std::unexpected(removed.error());
        if (!*removed) {
          return UsernameProblem("username.not_on_team", "That user is not on the team.");
        }
        auto left = PersonStore::CountTeam(tx, actor.tenant, found.person.id);
        if (!left) return std::unexpected(left.error());
        if (*left == 0) {
          return UsernameProblem("username.last_member",
                                 "A person must keep at least one team member.");
        }
        return base::Ok();
      });
}

base::Status PersonService::PrepareEmergencyAccess(const trust::Actor& actor,
                                                   std::string_view public_id) const {
  auto outcome = Emergency(actor, public_id, std::nullopt);
  if (!outcome) return std::unexpected(outcome.error());
  return base::Ok();
}

base::Result<GrantOutcome> PersonService::GrantEmergencyAccess(const trust::Actor& actor,
                                                               std::string_view public_id,
                                                               std::string_view reason_category,
                                                               std::string_view reason_text) const {
  return Emergency(
      actor, public_id,
      EmergencyRequest{.category = std::string(reason_category), .text = std::string(reason_text)});
}

base::Result<GrantOutcome> PersonService::Emergency(
    const trust::Actor& actor, std::string_view public_id,
    const std::optional<EmergencyRequest>& request) const {
  const auto now = clock_.Now();
  const Decision role = Decide(actor, Permission::kEmergencyAccess, nullptr, now);
  if (role.reason == DenyReason::kNotSignedIn || role.reason == DenyReason::kRoleLacksPermission) {
    if (auto audited = AuditDenied(actor, nullptr); !audited)
      return std::unexpected(audited.error());
    return std::unexpected(role.AsStatus().error());
  }
  // The scope is decided before the step-up and the reason, so a person of another authority
  // (or none) gets exactly the answer of a missing one, whatever else is wrong.
  std::optional<PersonForUser> denied;
  bool was_denied = false;
  GrantOutcome outcome;
  auto done = db_.Write([&](storage::Transaction& tx) -> base::Status {
    if (!base::IsPublicId(public_id)) {
      was_denied = true;
      return base::Ok();
    }
    auto found = PersonStore::FindForUser(tx, actor.tenant, public_id, actor.user_id.value_or(0),
                                          Micros(now));
    if (!found) return std::unexpected(found.error());
    if (!*found) {
      was_denied = true;
      return base::Ok();
    }
    const RecordScope scope = ScopeOf(**found);
    const Decision decision = Decide(actor, Permission::kEmergencyAccess, &scope, now);
    if (decision.reason == DenyReason::kSecondFactorTooOld) return decision.AsStatus();
    if (!decision.allowed) {
      was_denied = true;
      denied = std::move(**found);
      return base::Ok();
    }
    outcome.public_id = (*found)->person.public_id;
    if (!request) return base::Ok();
    outcome.problems = ValidateEmergencyReason(request->category, request->text);
    if (!outcome.problems.empty()) return base::Ok();
    std::string text = request->text;
    text.erase(0, text.find_first_not_of(" \t\r\n"));
    text.erase(text.find_last_not_of(" \t\r\n") + 1);
    std::string category = request->category;
    category.erase(0, category.find_first_not_of(' '));
    category.erase(category.find_last_not_of(' ') + 1);
    const std::int64_t grant_id = base::NewRowId();
    const trust::crypto::AssociatedData ad{.tenant = actor.tenant,
                                           .table = kGrantsTable,
                                           .column = kReasonTextColumn,
                                           .row_id = grant_id};
    auto sealed = ring_.Encrypt(actor.tenant, ad, text);
    if (!sealed) return std::unexpected(sealed.error());
    const std::int64_t expires_at =
        Micros(now + std::chrono::duration_cast<base::TimePoint::duration>(
                         options_.emergency_access_duration));
    if (auto ok = PersonStore::InsertGrant(
            tx, actor.tenant,
            NewGrant{.grant_id = grant_id,
                     .person = (*found)->person.id,
                     .user_id = actor.user_id.value_or(0),
                     .reason = ParseEmergencyReason(category).value_or(EmergencyReason::kOther),
                     .sealed_reason_text = *sealed,
                     .granted_at = Micros(now),
                     .expires_at = expires_at});
        !ok) {
      return ok;
    }
    auto event = EventOf(actor, audit::Action::kEmergencyAccess, audit::Outcome::kAllowed,
                         audit::Purpose::kEmergency);
    if (!event) return std::unexpected(event.error());
    std::uint32_t flags = audit::kFlagEmergencyAccess;
    if (!(*found)->on_team) flags |= audit::kFlagOutsideOwnUnit;
    if ((*found)->person.protected_identity) flags |= audit::kFlagProtectedIdentity;
    AboutPerson(*event, (*found)->person.id, flags);
    if (auto ok = audit_.AppendInTransaction(tx, *event); !ok) return std::unexpected(ok.error());
    outcome.expires_at = expires_at;
    return base::Ok();
  });
  if (!done) return std::unexpected(done.error());
  if (was_denied) {
    if (auto audited = AuditDenied(actor, denied ? &*denied : nullptr); !audited) {
      return std::unexpected(audited.error());
    }
    return base::Fail(ErrorCode::kNotFound, std::string(kNoSuchPerson));
  }
  return outcome;
}

}  // namespace fyren::person
