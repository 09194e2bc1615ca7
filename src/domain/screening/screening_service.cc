#include "domain/screening/screening_service.h"

#include "base/random.h"
#include "domain/person/person_store.h"
#include "domain/screening/screening_columns.h"
#include "domain/screening/screening_store.h"
#include "trust/access/access_policy.h"

namespace fyren::screening {
namespace {

using base::ErrorCode;
using trust::access::Decide;
using trust::access::Decision;
using trust::access::DenyReason;
using trust::access::Permission;
using trust::access::RecordScope;
namespace audit = trust::audit;

constexpr std::string_view kNoSuchScreening = "No such screening.";
constexpr std::string_view kScreeningNoSuchPerson = "No such person.";
constexpr int kListLimit = 100;

// Screenings are case work unless the caller said otherwise.
base::Result<audit::AuditEvent> ScreeningEvent(const trust::Actor& actor, audit::Action action,
                                               audit::Outcome outcome) {
  trust::Actor acting = actor;
  if (acting.purpose.empty())
    acting.purpose = std::string(audit::ToString(audit::Purpose::kCaseWork));
  return audit::EventFor(acting, action, outcome);
}

RecordScope PersonScope(const person::PersonForUser& found) {
  return RecordScope{.owning_authority = found.person.owning_authority,
                     .on_case_team = found.on_team,
                     .shared_with_actor = false,
                     .emergency_access_active = found.grant_expires_at.has_value(),
                     .protected_identity = found.person.protected_identity,
                     .named_for_protected = found.named_for_protected};
}

bool RoleRefused(const Decision& role) {
  return role.reason == DenyReason::kNotSignedIn || role.reason == DenyReason::kRoleLacksPermission;
}

base::Result<ScreeningSummary> SummaryOf(const StoredScreening& s) {
  const auto kind = ParseSubjectKind(s.subject_kind);
  const auto level = ParseLevel(s.level);
  if (!kind || !level) {
    return base::Fail(ErrorCode::kInternal, "Stored screening is inconsistent.",
                      "unknown subject kind or level in screenings row " + std::to_string(s.id));
  }
  return ScreeningSummary{.public_id = s.public_id,
                          .instrument_id = s.instrument_id,
                          .subject_kind = *kind,
                          .level = *level,
                          .person_public_id = s.person_public_id,
                          .recorded_at = s.recorded_at};
}

std::optional<AnonymousSubject> AnonymousOf(const StoredScreening& s) {
  if (s.person_id) return std::nullopt;
  return AnonymousSubject{.age_band = s.age_band.value_or(""),
                          .gender = s.gender.value_or(""),
                          .setting = s.setting.value_or("")};
}

AnswerProblem ScreeningProblem(std::string field, std::string code, std::string message) {
  return AnswerProblem{
      .field = std::move(field), .code = std::move(code), .message = std::move(message)};
}

}  // namespace

struct ScreeningService::Loaded {
  StoredScreening stored;
  std::uint32_t flags = 0;
};

ScreeningService::ScreeningService(storage::Database& db, const trust::crypto::KeyRing& ring,
                                   trust::audit::AuditLog& audit, const base::Clock& clock,
                                   const InstrumentCatalog& instruments)
    : db_(db), ring_(ring), audit_(audit), clock_(clock), instruments_(instruments) {}

base::Result<ScreeningService::Loaded> ScreeningService::LoadReadable(
    const trust::Actor& actor, std::string_view public_id) const {
  const auto now = clock_.Now();
  const auto deny = [&](const StoredScreening* about, std::uint32_t flags,
                        base::Error error) -> base::Result<Loaded> {
    auto event = ScreeningEvent(actor, audit::Action::kDenied, audit::Outcome::kDenied);
    if (!event) return std::unexpected(event.error());
    if (about != nullptr) {
      event->record_type = audit::RecordType::kScreening;
      event->record_id = about->id;
      event->person_id = about->person_id;
      event->flags = flags;
    }
    if (auto ok = audit_.Append(*event); !ok) return std::unexpected(ok.error());
    return std::unexpected(std::move(error));
  };
  const base::Error not_found{.code = ErrorCode::kNotFound,
                              .message = std::string(kNoSuchScreening),
                              .detail = {},
                              .field = {}};
  if (const Decision role = Decide(actor, Permission::kReadPersonalData, nullptr, now);
      RoleRefused(role)) {
    return deny(nullptr, 0, role.AsStatus().error());
  }
  if (!base::IsPublicId(public_id)) return deny(nullptr, 0, not_found);

  struct Found {
    std::optional<StoredScreening> screening;
    std::optional<person::PersonForUser> person;
  };
  const std::int64_t user = actor.user_id.value_or(0);
  auto found = db_.Read([&](storage::Transaction& tx) -> base::Result<Found> {
    Found out;
    auto screening = ScreeningStore::Find(tx, actor.tenant, public_id);
    if (!screening) return std::unexpected(screening.error());
    out.screening = std::move(*screening);
    if (out.screening && out.screening->person_public_id) {
      auto p = person::PersonStore::FindForUser(tx, actor.tenant, *out.screening->person_public_id,
                                                user, base::ToUnixMicros(now));
      if (!p) return std::unexpected(p.error());
      out.person = std::move(*p);
    }
    return out;
  });
  if (!found) return std::unexpected(found.error());
  if (!found->screening) return deny(nullptr, 0, not_found);
  const StoredScreening& s = *found->screening;
  const person::PersonForUser* p = found->person ? &*found->person : nullptr;
  const bool recorder = s.recorded_by == user;
  const bool same_unit = actor.unit && *actor.unit == s.unit;
  const RecordScope scope{
      .owning_authority = s.owning_authority,
      .on_case_team = recorder || (p != nullptr ? p->on_team : same_unit),
      .shared_with_actor = false,
      .emergency_access_active = p != nullptr && p->grant_expires_at.has_value(),
      .protected_identity = p != nullptr && p->person.protected_identity,
      .named_for_protected = p != nullptr && p->named_for_protected};
  const Decision decision = Decide(actor, Permission::kReadPersonalData, &scope, now);
  std::uint32_t flags = 0;
  if (scope.protected_identity) flags |= audit::kFlagProtectedIdentity;
  if (decision.flags.emergency_access) flags |= audit::kFlagEmergencyAccess;
  if (!same_unit) flags |= audit::kFlagOutsideOwnUnit;
  if (!decision.allowed) return deny(&s, flags, not_found);
  return Loaded{.stored = s, .flags = flags};
}

base::Result<ScreeningRecord> ScreeningService::Get(const trust::Actor& actor,
                                                    std::string_view public_id) const {
  auto loaded = LoadReadable(actor, public_id);
  if (!loaded) return std::unexpected(loaded.error());
  const StoredScreening& s = loaded->stored;
  auto summary = SummaryOf(s);
  if (!summary) return std::unexpected(summary.error());
  const trust::crypto::AssociatedData ad{
      .tenant = actor.tenant, .table = kScreeningsTable, .column = kAnswersColumn, .row_id = s.id};
  auto opened = ring_.Decrypt(actor.tenant, ad, s.answers);
  if (!opened) return std::unexpected(opened.error());
  auto answers = AnswersFromJson(*opened);
  if (!answers) {
    return base::Fail(ErrorCode::kInternal, "Stored screening is inconsistent.",
                      "answers of screening " + std::to_string(s.id) + " are not an object");
  }
  auto event = ScreeningEvent(actor, audit::Action::kRead, audit::Outcome::kAllowed);
  if (!event) return std::unexpected(event.error());
  event->record_type = audit::RecordType::kScreening;
  event->record_id = s.id;
  event->person_id = s.person_id;
  event->flags = loaded->flags;
  if (auto ok = audit_.Append(*event); !ok) return std::unexpected(ok.error());
  return ScreeningRecord{.public_id = s.public_id,
                         .instrument_id = s.instrument_id,
                         .instrument_version = s.instrument_version,
                         .subject_kind = summary->subject_kind,
                         .person_public_id = s.person_public_id,
                         .anonymous = AnonymousOf(s),
                         .level = summary->level,
                         .score = s.score,
                         .answers = std::move(*answers),
                         .recorded_by_actor = actor.user_id && *actor.user_id == s.recorded_by,
                         .recorded_at = s.recorded_at};
}

base::Result<ScreeningOutline> ScreeningService::Outline(const trust::Actor& actor,
                                                         std::string_view public_id) const {
  auto loaded = LoadReadable(actor, public_id);
  if (!loaded) return std::unexpected(loaded.error());
  const StoredScreening& s = loaded->stored;
  auto summary = SummaryOf(s);
  if (!summary) return std::unexpected(summary.error());
  ScreeningOutline outline{.public_id = s.public_id,
                           .instrument_id = s.instrument_id,
                           .level = summary->level,
                           .subject_kind = summary->subject_kind,
                           .recommended_actions = {},
                           .person_public_id = s.person_public_id,
                           .anonymous = AnonymousOf(s)};
  if (const LoadedInstrument* instrument = instruments_.Find(s.instrument_id)) {
    for (const Recommendation* r : instrument->instrument.RecommendationsFor(summary->level)) {
      outline.recommended_actions.push_back(r->action);
    }
  }
  auto event = ScreeningEvent(actor, audit::Action::kRead, audit::Outcome::kAllowed);
  if (!event) return std::unexpected(event.error());
  event->record_type = audit::RecordType::kScreening;
  event->record_id = s.id;
  event->person_id = s.person_id;
  event->flags = loaded->flags;
  if (auto ok = audit_.Append(*event); !ok) return std::unexpected(ok.error());
  return outline;
}

base::Result<RecordOutcome> ScreeningService::Record(const trust::Actor& actor,
                                                     const ScreeningInput& input) const {
  const auto now = clock_.Now();
  const auto audit_denied = [&](const person::PersonForUser* about) -> base::Status {
    auto event = ScreeningEvent(actor, audit::Action::kDenied, audit::Outcome::kDenied);
    if (!event) return std::unexpected(event.error());
    if (about != nullptr) {
      event->record_type = audit::RecordType::kPerson;
      event->record_id = about->person.id.value();
      event->person_id = about->person.id.value();
      if (about->person.protected_identity) event->flags |= audit::kFlagProtectedIdentity;
    }
    return audit_.Append(*event);
  };
  if (const Decision role = Decide(actor, Permission::kWritePersonalData, nullptr, now);
      RoleRefused(role)) {
    if (auto ok = audit_denied(nullptr); !ok) return std::unexpected(ok.error());
    return std::unexpected(role.AsStatus().error());
  }
  if (!actor.authority || !actor.unit || !actor.user_id) {
    return base::Fail(ErrorCode::kForbidden, "Only staff of an authority can record screenings.");
  }
  RecordOutcome outcome;
  const LoadedInstrument* loaded = instruments_.Find(input.instrument_id);
  if (loaded == nullptr) {
    outcome.problems.push_back(
        ScreeningProblem("instrument", "instrument.unknown", "Choose one of the instruments."));
    return outcome;
  }
  const Instrument& instrument = loaded->instrument;
  const auto kind = ParseSubjectKind(input.subject_kind);
  if (!kind || !instrument.Allows(*kind)) {
    outcome.problems.push_back(ScreeningProblem("subject_kind", "subject_kind.invalid",
                                                "Choose who the screening is about."));
  }

  std::optional<std::int64_t> person_id;
  std::optional<AnonymousSubject> anonymous;
  if (!input.person_public_id.empty()) {
    std::optional<person::PersonForUser> found;
    if (base::IsPublicId(input.person_public_id)) {
      auto read = db_.Read([&](storage::Transaction& tx) {
        return person::PersonStore::FindForUser(tx, actor.tenant, input.person_public_id,
                                                *actor.user_id, base::ToUnixMicros(now));
      });
      if (!read) return std::unexpected(read.error());
      found = std::move(*read);
    }
    const RecordScope scope = found ? PersonScope(*found) : RecordScope{};
    if (!found || !Decide(actor, Permission::kWritePersonalData, &scope, now).allowed) {
      if (auto ok = audit_denied(found ? &*found : nullptr); !ok) {
        return std::unexpected(ok.error());
      }
      outcome.problems.push_back(
          ScreeningProblem("person", "person.not_found", std::string(kScreeningNoSuchPerson)));
    } else {
      person_id = found->person.id.value();
    }
  } else {
    anonymous = AnonymousSubject{
        .age_band = input.age_band, .gender = input.gender, .setting = input.setting};
    if (!IsCodeIn(AgeBandCodes(), input.age_band)) {
      outcome.problems.push_back(
          ScreeningProblem("age_band", "age_band.required", "Choose an age band."));
    }
    if (!IsCodeIn(GenderCodes(), input.gender)) {
      outcome.problems.push_back(ScreeningProblem("gender", "gender.required", "Choose a gender."));
    }
    if (!IsCodeIn(SettingCodes(), input.setting)) {
      outcome.problems.push_back(
          ScreeningProblem("setting", "setting.required", "Choose a setting."));
    }
  }

  const EncodedAnswers encoded = EncodeAnswers(instrument, input.answers);
  for (const AnswerProblem& p : encoded.problems) outcome.problems.push_back(p);
  Score score = loaded->scoring.Evaluate(encoded.indexes);
  // An item with an invalid answer already has its problem; do not add "required" as well.
  for (AnswerProblem& missing : MissingProblems(instrument, score.missing_required)) {
    bool reported = false;
    for (const AnswerProblem& p : encoded.problems) reported |= p.field == missing.field;
    if (!reported) outcome.problems.push_back(std::move(missing));
  }
  if (!outcome.problems.empty()) return outcome;

  StoredScreening s;
  s.id = base::NewRowId();
  s.public_id = base::NewPublicId();
  s.owning_authority = *actor.authority;
  s.unit = *actor.unit;
  s.recorded_by = *actor.user_id;
  s.person_id = person_id;
  if (anonymous) {
    s.age_band = anonymous->age_band;
    s.gender = anonymous->gender;
    s.setting = anonymous->setting;
  }
  s.subject_kind = std::string(ToString(*kind));
  s.instrument_id = instrument.id;
  s.instrument_version = instrument.version;
  s.score = score.points;
  s.level = std::string(ToString(score.level));
  s.recorded_at = base::ToUnixMicros(now);
  const trust::crypto::AssociatedData ad{
      .tenant = actor.tenant, .table = kScreeningsTable, .column = kAnswersColumn, .row_id = s.id};
  auto sealed = ring_.Encrypt(actor.tenant, ad, AnswersToJson(instrument, encoded));
  if (!sealed) return std::unexpected(sealed.error());
  s.answers = std::move(*sealed);

  auto written = db_.Write([&](storage::Transaction& tx) -> base::Status {
    if (auto ok = ScreeningStore::Insert(tx, actor.tenant, s); !ok) return ok;
    auto event = ScreeningEvent(actor, audit::Action::kCreate, audit::Outcome::kAllowed);
    if (!event) return std::unexpected(event.error());
    event->record_type = audit::RecordType::kScreening;
    event->record_id = s.id;
    event->person_id = s.person_id;
    if (auto ok = audit_.AppendInTransaction(tx, *event); !ok) return std::unexpected(ok.error());
    return base::Ok();
  });
  if (!written) return std::unexpected(written.error());
  outcome.public_id = s.public_id;
  outcome.level = score.level;
  return outcome;
}

base::Result<std::vector<ScreeningSummary>> ScreeningService::ListMine(
    const trust::Actor& actor) const {
  const auto now = clock_.Now();
  if (const Decision role = Decide(actor, Permission::kReadPersonalData, nullptr, now);
      RoleRefused(role)) {
    auto event = ScreeningEvent(actor, audit::Action::kDenied, audit::Outcome::kDenied);
    if (!event) return std::unexpected(event.error());
    if (auto ok = audit_.Append(*event); !ok) return std::unexpected(ok.error());
    return std::unexpected(role.AsStatus().error());
  }
  auto rows = db_.Read([&](storage::Transaction& tx) {
    return ScreeningStore::ListRecordedBy(tx, actor.tenant, actor.user_id.value_or(0), kListLimit);
  });
  if (!rows) return std::unexpected(rows.error());
  std::vector<ScreeningSummary> out;
  for (const StoredScreening& s : *rows) {
    auto summary = SummaryOf(s);
    if (!summary) return std::unexpected(summary.error());
    out.push_back(std::move(*summary));
  }
  auto event = ScreeningEvent(actor, audit::Action::kSearch, audit::Outcome::kAllowed);
  if (!event) return std::unexpected(event.error());
  if (auto ok = audit_.Append(*event); !ok) return std::unexpected(ok.error());
  return out;
}

base::Result<std::vector<ScreeningSummary>> ScreeningService::ListForPerson(
    const trust::Actor& actor, std::string_view person_public_id) const {
  const auto now = clock_.Now();
  const auto deny = [&](const person::PersonForUser* about,
                        base::Error error) -> base::Result<std::vector<ScreeningSummary>> {
    auto event = ScreeningEvent(actor, audit::Action::kDenied, audit::Outcome::kDenied);
    if (!event) return std::unexpected(event.error());
    if (about != nullptr) {
      event->record_type = audit::RecordType::kPerson;
      event->record_id = about->person.id.value();
      event->person_id = about->person.id.value();
    }
    if (auto ok = audit_.Append(*event); !ok) return std::unexpected(ok.error());
    return std::unexpected(std::move(error));
  };
  const base::Error not_found{.code = ErrorCode::kNotFound,
                              .message = std::string(kScreeningNoSuchPerson),
                              .detail = {},
                              .field = {}};
  if (const Decision role = Decide(actor, Permission::kReadPersonalData, nullptr, now);
      RoleRefused(role)) {
    return deny(nullptr, role.AsStatus().error());
  }
  if (!base::IsPublicId(person_public_id)) return deny(nullptr, not_found);
  struct Found {
    std::optional<person::PersonForUser> person;
    std::vector<StoredScreening> screenings;
  };
  auto found = db_.Read([&](storage::Transaction& tx) -> base::Result<Found> {
    Found out;
    auto p = person::PersonStore::FindForUser(tx, actor.tenant, person_public_id,
                                              actor.user_id.value_or(0), base::ToUnixMicros(now));
    if (!p) return std::unexpected(p.error());
    out.person = std::move(*p);
    if (!out.person) return out;
    auto rows =
        ScreeningStore::ListForPerson(tx, actor.tenant, out.person->person.id.value(), kListLimit);
    if (!rows) return std::unexpected(rows.error());
    out.screenings = std::move(*rows);
    return out;
  });
  if (!found) return std::unexpected(found.error());
  if (!found->person) return deny(nullptr, not_found);
  const RecordScope scope = PersonScope(*found->person);
  const Decision decision = Decide(actor, Permission::kReadPersonalData, &scope, now);
  if (!decision.allowed) return deny(&*found->person, not_found);
  std::vector<ScreeningSummary> out;
  for (const StoredScreening& s : found->screenings) {
    auto summary = SummaryOf(s);
    if (!summary) return std::unexpected(summary.error());
    out.push_back(std::move(*summary));
  }
  auto event = ScreeningEvent(actor, audit::Action::kRead, audit::Outcome::kAllowed);
  if (!event) return std::unexpected(event.error());
  event->record_type = audit::RecordType::kPerson;
  event->record_id = found->person->person.id.value();
  event->person_id = found->person->person.id.value();
  if (found->person->person.protected_identity) event->flags |= audit::kFlagProtectedIdentity;
  if (decision.flags.emergency_access) event->flags |= audit::kFlagEmergencyAccess;
  if (auto ok = audit_.Append(*event); !ok) return std::unexpected(ok.error());
  return out;
}

}  // namespace fyren::screening
