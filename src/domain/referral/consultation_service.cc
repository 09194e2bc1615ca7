#include "domain/referral/consultation_service.h"

#include <algorithm>

#include "base/random.h"
#include "domain/referral/consultation_store.h"
#include "domain/referral/referral_columns.h"
#include "domain/referral/referral_service.h"
#include "domain/referral/referral_store.h"
#include "trust/access/access_policy.h"

namespace fyren::referral {
namespace {

using base::ErrorCode;
using trust::access::Decide;
using trust::access::Decision;
using trust::access::Permission;
using trust::access::RecordScope;
namespace audit = trust::audit;

constexpr std::string_view kNoSuchRecord = "No such record.";
constexpr int kListLimit = 200;

std::string Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

base::Result<audit::AuditEvent> EventOf(const trust::Actor& actor, audit::Action action,
                                        audit::Outcome outcome) {
  trust::Actor acting = actor;
  acting.purpose = std::string(audit::ToString(audit::Purpose::kReferral));
  return audit::EventFor(acting, action, outcome);
}

trust::crypto::AssociatedData Bound(base::TenantId tenant, std::string_view column,
                                    std::int64_t id) {
  return trust::crypto::AssociatedData{
      .tenant = tenant, .table = kConsultationsTable, .column = column, .row_id = id};
}

}  // namespace

ConsultationService::ConsultationService(storage::Database& db, const trust::crypto::KeyRing& ring,
                                         trust::audit::AuditLog& audit, const base::Clock& clock,
                                         std::vector<RecipientRule> rules)
    : db_(db), ring_(ring), audit_(audit), clock_(clock), rules_(std::move(rules)) {}

base::Status ConsultationService::AuditDenied(const trust::Actor& actor,
                                              std::optional<std::int64_t> id) const {
  auto event = EventOf(actor, audit::Action::kDenied, audit::Outcome::kDenied);
  if (!event) return std::unexpected(event.error());
  if (id) {
    event->record_type = audit::RecordType::kConsultation;
    event->record_id = *id;
  }
  return audit_.Append(*event);
}

base::Status ConsultationService::AuditAllowed(const trust::Actor& actor, audit::Action action,
                                               std::optional<std::int64_t> id) const {
  auto event = EventOf(actor, action, audit::Outcome::kAllowed);
  if (!event) return std::unexpected(event.error());
  if (id) {
    event->record_type = audit::RecordType::kConsultation;
    event->record_id = *id;
  }
  return audit_.Append(*event);
}

base::Result<bool> ConsultationService::Centre(const trust::Actor& actor,
                                               Permission permission) const {
  if (!actor.unit || !actor.authority) return false;
  auto unit = db_.Read([&](storage::Transaction& tx) {
    return ReferralStore::OrganisationById(tx, actor.tenant, *actor.unit);
  });
  if (!unit) return std::unexpected(unit.error());
  if (!*unit) return false;
  const bool takes = std::ranges::any_of(rules_, [&](const RecipientRule& rule) {
    return rule.organisation == (*unit)->code &&
           std::ranges::find(rule.kinds, Kind::kConsultation) != rule.kinds.end();
  });
  // The centre's inbox is the centre's own work within its authority: the role answers
  // consultations, and the unit is one the content names as taking them.
  const auto now = clock_.Now();
  const RecordScope scope{.owning_authority = *actor.authority, .on_case_team = takes};
  return takes && Decide(actor, Permission::kAnswerConsultations, nullptr, now).allowed &&
         Decide(actor, permission, &scope, now).allowed;
}

base::Result<bool> ConsultationService::IsCentreStaff(const trust::Actor& actor) const {
  return Centre(actor, Permission::kReadPersonalData);
}

base::Result<AskOutcome> ConsultationService::Ask(const trust::Actor& actor,
                                                  std::string_view raw) const {
  const auto now = clock_.Now();
  const RecordScope scope{.owning_authority = actor.authority.value_or(base::OrganisationId()),
                          .on_case_team = true};
  if (const Decision decision = Decide(actor, Permission::kWritePersonalData, &scope, now);
      !decision.allowed || !actor.unit) {
    if (auto audited = AuditDenied(actor, std::nullopt); !audited) {
      return std::unexpected(audited.error());
    }
    if (!decision.allowed) return std::unexpected(decision.AsStatus().error());
    return base::Fail(ErrorCode::kForbidden, "Only staff of a unit can ask.");
  }
  AskOutcome outcome;
  const std::string question = Trim(raw);
  if (question.empty()) {
    outcome.problems.push_back(
        {.field = "question", .code = "question.missing", .message = "Write your question."});
  } else if (question.size() > kMaxReferralText) {
    outcome.problems.push_back(
        {.field = "question", .code = "text.too_long", .message = "The text is too long."});
  }
  if (!outcome.ok()) return outcome;
  StoredConsultation c;
  c.id = base::NewRowId();
  c.public_id = base::NewPublicId();
  c.asker_user_id = actor.user_id.value_or(0);
  c.asker_unit = *actor.unit;
  c.created_at = base::ToUnixMicros(now);
  auto sealed = ring_.Encrypt(actor.tenant, Bound(actor.tenant, kQuestionColumn, c.id), question);
  if (!sealed) return std::unexpected(sealed.error());
  c.question = std::move(*sealed);
  return db_.Write([&](storage::Transaction& tx) -> base::Result<AskOutcome> {
    if (auto ok = ConsultationStore::Insert(tx, actor.tenant, c); !ok) {
      return std::unexpected(ok.error());
    }
    auto event = EventOf(actor, audit::Action::kCreate, audit::Outcome::kAllowed);
    if (!event) return std::unexpected(event.error());
    event->record_type = audit::RecordType::kConsultation;
    event->record_id = c.id;
    if (auto ok = audit_.AppendInTransaction(tx, *event); !ok) return std::unexpected(ok.error());
    AskOutcome done;
    done.public_id = c.public_id;
    return done;
  });
}

base::Result<std::vector<ConsultationRow>> ConsultationService::ListMine(
    const trust::Actor& actor) const {
  const Decision role = Decide(actor, Permission::kSignedIn, nullptr, clock_.Now());
  if (!role.allowed || !actor.unit) {
    if (auto audited = AuditDenied(actor, std::nullopt); !audited) {
      return std::unexpected(audited.error());
    }
    if (!role.allowed) return std::unexpected(role.AsStatus().error());
    return std::vector<ConsultationRow>();
  }
  auto rows = db_.Read([&](storage::Transaction& tx) {
    return ConsultationStore::ListForUnit(tx, actor.tenant, *actor.unit, kListLimit);
  });
  if (!rows) return std::unexpected(rows.error());
  if (auto ok = AuditAllowed(actor, audit::Action::kSearch, std::nullopt); !ok) {
    return std::unexpected(ok.error());
  }
  return rows;
}

base::Result<std::vector<ConsultationRow>> ConsultationService::Inbox(
    const trust::Actor& actor) const {
  if (const Decision role = Decide(actor, Permission::kSignedIn, nullptr, clock_.Now());
      !role.allowed) {
    if (auto audited = AuditDenied(actor, std::nullopt); !audited) {
      return std::unexpected(audited.error());
    }
    return std::unexpected(role.AsStatus().error());
  }
  auto centre = Centre(actor, Permission::kReadPersonalData);
  if (!centre) return std::unexpected(centre.error());
  if (!*centre) {
    if (auto audited = AuditDenied(actor, std::nullopt); !audited) {
      return std::unexpected(audited.error());
    }
    return base::Fail(ErrorCode::kForbidden, "Only the competence centre sees this inbox.");
  }
  auto rows = db_.Read([&](storage::Transaction& tx) {
    return ConsultationStore::Inbox(tx, actor.tenant, kListLimit);
  });
  if (!rows) return std::unexpected(rows.error());
  if (auto ok = AuditAllowed(actor, audit::Action::kSearch, std::nullopt); !ok) {
    return std::unexpected(ok.error());
  }
  return rows;
}

base::Result<ConsultationView> ConsultationService::Get(const trust::Actor& actor,
                                                        std::string_view public_id) const {
  const auto now = clock_.Now();
  if (const Decision role = Decide(actor, Permission::kSignedIn, nullptr, now); !role.allowed) {
    if (auto audited = AuditDenied(actor, std::nullopt); !audited) {
      return std::unexpected(audited.error());
    }
    return std::unexpected(role.AsStatus().error());
  }
  struct Found {
    std::optional<StoredConsultation> c;
    std::optional<OrganisationRow> unit;
    std::optional<base::OrganisationId> authority;
    std::string answered_by;
  };
  auto found = db_.Read([&](storage::Transaction& tx) -> base::Result<Found> {
    Found out;
    auto c = ConsultationStore::Find(tx, actor.tenant, public_id);
    if (!c) return std::unexpected(c.error());
    out.c = std::move(*c);
    if (!out.c) return out;
    auto unit = ReferralStore::OrganisationById(tx, actor.tenant, out.c->asker_unit);
    if (!unit) return std::unexpected(unit.error());
    out.unit = std::move(*unit);
    auto authority = ReferralStore::AuthorityOf(tx, actor.tenant, out.c->asker_unit);
    if (!authority) return std::unexpected(authority.error());
    out.authority = *authority;
    if (out.c->answered_by) {
      auto name = ReferralStore::UserDisplayName(tx, actor.tenant, *out.c->answered_by);
      if (!name) return std::unexpected(name.error());
      out.answered_by = std::move(*name);
    }
    return out;
  });
  if (!found) return std::unexpected(found.error());
  auto centre = Centre(actor, Permission::kReadPersonalData);
  if (!centre) return std::unexpected(centre.error());
  bool asker = false;
  if (found->c && actor.unit && *actor.unit == found->c->asker_unit) {
    const RecordScope scope{.owning_authority = found->authority.value_or(base::OrganisationId()),
                            .on_case_team = true};
    asker = Decide(actor, Permission::kSignedIn, nullptr, now).allowed &&
            (Decide(actor, Permission::kReadPersonalData, &scope, now).allowed ||
             Decide(actor, Permission::kWritePersonalData, &scope, now).allowed);
  }
  if (!found->c || (!asker && !*centre)) {
    std::optional<std::int64_t> id;
    if (found->c) id = found->c->id;
    if (auto audited = AuditDenied(actor, id); !audited) return std::unexpected(audited.error());
    return base::Fail(ErrorCode::kNotFound, std::string(kNoSuchRecord));
  }
  const StoredConsultation& c = *found->c;
  if (auto ok = AuditAllowed(actor, audit::Action::kRead, c.id); !ok) {
    return std::unexpected(ok.error());
  }
  ConsultationView view;
  view.public_id = c.public_id;
  auto question =
      ring_.Decrypt(actor.tenant, Bound(actor.tenant, kQuestionColumn, c.id), c.question);
  if (!question) return std::unexpected(question.error());
  view.question = std::move(*question);
  if (c.answer) {
    auto answer = ring_.Decrypt(actor.tenant, Bound(actor.tenant, kAnswerColumn, c.id), *c.answer);
    if (!answer) return std::unexpected(answer.error());
    view.answer = std::move(*answer);
  }
  if (found->unit) {
    view.asker_unit_name_sv = found->unit->name_sv;
    view.asker_unit_name_en = found->unit->name_en;
  }
  view.answered_by_display_name = found->answered_by;
  view.created_at = c.created_at;
  view.answered_at = c.answered_at;
  view.may_answer =
      *centre && !c.answered_at && Centre(actor, Permission::kWritePersonalData).value_or(false);
  return view;
}

base::Result<std::vector<FieldProblem>> ConsultationService::Answer(const trust::Actor& actor,
                                                                    std::string_view public_id,
                                                                    std::string_view raw) const {
  const auto now = clock_.Now();
  if (const Decision role = Decide(actor, Permission::kSignedIn, nullptr, now); !role.allowed) {
    if (auto audited = AuditDenied(actor, std::nullopt); !audited) {
      return std::unexpected(audited.error());
    }
    return std::unexpected(role.AsStatus().error());
  }
  auto found = db_.Read([&](storage::Transaction& tx) {
    return ConsultationStore::Find(tx, actor.tenant, public_id);
  });
  if (!found) return std::unexpected(found.error());
  auto centre = Centre(actor, Permission::kWritePersonalData);
  if (!centre) return std::unexpected(centre.error());
  if (!*found || !*centre) {
    std::optional<std::int64_t> id;
    if (*found) id = (*found)->id;
    if (auto audited = AuditDenied(actor, id); !audited) return std::unexpected(audited.error());
    return base::Fail(ErrorCode::kNotFound, std::string(kNoSuchRecord));
  }
  const StoredConsultation& c = **found;
  std::vector<FieldProblem> problems;
  const std::string answer = Trim(raw);
  if (c.answered_at) {
    problems.push_back({.field = "answer",
                        .code = "answer.already",
                        .message = "The question is already answered."});
  } else if (answer.empty()) {
    problems.push_back(
        {.field = "answer", .code = "answer.missing", .message = "Write your answer."});
  } else if (answer.size() > kMaxReferralText) {
    problems.push_back(
        {.field = "answer", .code = "text.too_long", .message = "The text is too long."});
  }
  if (!problems.empty()) return problems;
  auto sealed = ring_.Encrypt(actor.tenant, Bound(actor.tenant, kAnswerColumn, c.id), answer);
  if (!sealed) return std::unexpected(sealed.error());
  const std::int64_t now_us = base::ToUnixMicros(now);
  auto written = db_.Write([&](storage::Transaction& tx) -> base::Status {
    if (auto ok = ConsultationStore::Answer(tx, actor.tenant, c.id, *sealed,
                                            actor.user_id.value_or(0), now_us);
        !ok) {
      return ok;
    }
    auto event = EventOf(actor, audit::Action::kUpdate, audit::Outcome::kAllowed);
    if (!event) return std::unexpected(event.error());
    event->record_type = audit::RecordType::kConsultation;
    event->record_id = c.id;
    if (auto ok = audit_.AppendInTransaction(tx, *event); !ok) return std::unexpected(ok.error());
    return base::Ok();
  });
  if (!written) {
    if (written.error().code == ErrorCode::kConflict) {
      return std::vector<FieldProblem>{{.field = "answer",
                                        .code = "answer.already",
                                        .message = "The question is already answered."}};
    }
    return std::unexpected(written.error());
  }
  return problems;
}

}  // namespace fyren::referral
