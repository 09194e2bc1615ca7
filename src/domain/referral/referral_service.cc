#include "domain/referral/referral_service.h"

#include <algorithm>

#include "base/random.h"
#include "domain/referral/referral_case_store.h"
#include "domain/referral/referral_columns.h"
#include "trust/access/access_policy.h"

namespace fyren::referral {
namespace {

using base::ErrorCode;
using trust::access::Decide;
using trust::access::Decision;
using trust::access::DenyReason;
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

void AboutReferral(audit::AuditEvent& event, std::int64_t referral_id) {
  event.record_type = audit::RecordType::kReferral;
  event.record_id = referral_id;
}

void Problem(std::vector<FieldProblem>& problems, std::string field, std::string code,
             std::string message) {
  problems.push_back(FieldProblem{
      .field = std::move(field), .code = std::move(code), .message = std::move(message)});
}

std::string_view KindWords(Kind kind) {
  switch (kind) {
    case Kind::kAdultSupport:
      return "referrals of adults for support to leave";
    case Kind::kChildAbuse:
      return "referrals of children exposed to sexual exploitation";
    case Kind::kConsultation:
      return "consultations about a case";
    case Kind::kPartnerSupport:
      return "referrals for partner support";
  }
  return "this kind of referral";
}

}  // namespace

ReferralService::ReferralService(storage::Database& db, const trust::crypto::KeyRing& ring,
                                 trust::audit::AuditLog& audit, const base::Clock& clock,
                                 std::vector<RecipientRule> rules, const SourceReader& sources)
    : db_(db),
      sealed_(ring, kReferralsTable),
      audit_(audit),
      clock_(clock),
      rules_(std::move(rules)),
      sources_(sources) {}

const RecipientRule* ReferralService::RuleFor(std::string_view code) const {
  for (const RecipientRule& rule : rules_) {
    if (rule.organisation == code) return &rule;
  }
  return nullptr;
}

base::Status ReferralService::AuditDenied(const trust::Actor& actor,
                                          std::optional<std::int64_t> referral_id) const {
  auto event = EventOf(actor, audit::Action::kDenied, audit::Outcome::kDenied);
  if (!event) return std::unexpected(event.error());
  if (referral_id) AboutReferral(*event, *referral_id);
  return audit_.Append(*event);
}

base::Status ReferralService::CheckRecipients(base::TenantId tenant) const {
  return db_.Read([&](storage::Transaction& tx) -> base::Status {
    int number = 0;
    for (const RecipientRule& rule : rules_) {
      ++number;
      auto found = ReferralStore::OrganisationByCode(tx, tenant, rule.organisation);
      if (!found) return std::unexpected(found.error());
      if (!*found) {
        return base::Fail(ErrorCode::kInvalidInput, std::string(kRecipientsFile) + ": recipient " +
                                                        std::to_string(number) +
                                                        ": organisation \"" + rule.organisation +
                                                        "\" is not in the organisation tree");
      }
    }
    return base::Ok();
  });
}

base::Result<std::vector<Recipient>> ReferralService::Recipients(const trust::Actor& actor,
                                                                 std::optional<Kind> kind) const {
  if (const Decision role = Decide(actor, Permission::kWritePersonalData, nullptr, clock_.Now());
      role.reason == DenyReason::kNotSignedIn || role.reason == DenyReason::kRoleLacksPermission) {
    return std::unexpected(role.AsStatus().error());
  }
  return db_.Read([&](storage::Transaction& tx) -> base::Result<std::vector<Recipient>> {
    std::vector<Recipient> out;
    for (const RecipientRule& rule : rules_) {
      if (kind && std::ranges::find(rule.kinds, *kind) == rule.kinds.end()) continue;
      auto found = ReferralStore::OrganisationByCode(tx, actor.tenant, rule.organisation);
      if (!found) return std::unexpected(found.error());
      if (!*found) continue;
      out.push_back(Recipient{.code = (*found)->code,
                              .name_sv = (*found)->name_sv,
                              .name_en = (*found)->name_en,
                              .kinds = rule.kinds});
    }
    std::ranges::sort(out,
                      [](const Recipient& a, const Recipient& b) { return a.name_sv < b.name_sv; });
    return out;
  });
}

base::Result<SendOutcome> ReferralService::Send(const trust::Actor& actor,
                                                const ReferralInput& input) const {
  const auto now = clock_.Now();
  const std::int64_t now_us = base::ToUnixMicros(now);
  // The sender acts within their own unit and authority: the referral is the unit's record.
  const RecordScope scope{.owning_authority = actor.authority.value_or(base::OrganisationId()),
                          .on_case_team = true};
  if (const Decision decision = Decide(actor, Permission::kWritePersonalData, &scope, now);
      !decision.allowed || !actor.unit || !actor.authority) {
    if (auto audited = AuditDenied(actor, std::nullopt); !audited) {
      return std::unexpected(audited.error());
    }
    if (!decision.allowed) return std::unexpected(decision.AsStatus().error());
    return base::Fail(ErrorCode::kForbidden, "Only staff of a unit can send a referral.");
  }

  SendOutcome outcome;
  auto& problems = outcome.problems;
  const auto kind = ParseKind(input.kind);
  if (!kind) Problem(problems, "kind", "kind.missing", "Choose what the referral is for.");
  const std::string recipient_code = Trim(input.recipient);
  const RecipientRule* rule = RuleFor(recipient_code);
  std::optional<OrganisationRow> recipient;
  if (recipient_code.empty()) {
    Problem(problems, "recipient", "recipient.missing", "Choose who the referral goes to.");
  } else {
    auto found = db_.Read([&](storage::Transaction& tx) {
      return ReferralStore::OrganisationByCode(tx, actor.tenant, recipient_code);
    });
    if (!found) return std::unexpected(found.error());
    recipient = std::move(*found);
    if (!recipient || rule == nullptr) {
      Problem(problems, "recipient", "recipient.unknown",
              "Choose one of the organisations on the list.");
    } else if (kind && std::ranges::find(rule->kinds, *kind) == rule->kinds.end()) {
      Problem(problems, "recipient", "recipient.kind_not_taken",
              recipient->name_en + " does not take " + std::string(KindWords(*kind)) + ".");
    }
  }
  const auto source_kind = ParseSourceKind(Trim(input.source_kind));
  const std::string source_id = Trim(input.source_id);
  if (!source_kind) {
    Problem(problems, "source", "source.unknown", "The source of the referral was not found.");
  } else if (*source_kind != SourceKind::kNone) {
    const bool shaped =
        *source_kind == SourceKind::kCase ? !source_id.empty() : base::IsPublicId(source_id);
    if (!shaped || !sources_.CheckReadable(actor, *source_kind, source_id)) {
      Problem(problems, "source", "source.unknown", "The source of the referral was not found.");
    }
  }
  const std::string message = Trim(input.message);
  const std::string summary = Trim(input.person_summary);
  if (message.empty()) {
    Problem(problems, "message", "message.missing", "Write what you ask the recipient to do.");
  } else if (message.size() > kMaxReferralText) {
    Problem(problems, "message", "text.too_long", "The text is too long.");
  }
  if (summary.size() > kMaxReferralText) {
    Problem(problems, "person_summary", "text.too_long", "The text is too long.");
  }
  if (!problems.empty()) return outcome;

  StoredReferral referral;
  referral.id = base::NewRowId();
  referral.public_id = base::NewPublicId();
  referral.kind = *kind;
  referral.sender_user_id = actor.user_id.value_or(0);
  referral.sender_unit = *actor.unit;
  referral.sender_authority = actor.authority;
  referral.recipient = recipient->id;
  referral.source_kind = *source_kind;
  if (*source_kind != SourceKind::kNone) referral.source_public_id = source_id;
  referral.status = Status::kSent;
  referral.created_at = referral.updated_at = now_us;
  auto sealed_message = sealed_.Seal(actor.tenant, referral.id, kMessageColumn, message);
  if (!sealed_message) return std::unexpected(sealed_message.error());
  referral.message = std::move(**sealed_message);
  auto sealed_summary = sealed_.Seal(actor.tenant, referral.id, kPersonSummaryColumn, summary);
  if (!sealed_summary) return std::unexpected(sealed_summary.error());
  referral.person_summary = std::move(*sealed_summary);

  return db_.Write([&](storage::Transaction& tx) -> base::Result<SendOutcome> {
    if (auto ok = ReferralStore::Insert(tx, actor.tenant, referral); !ok) {
      return std::unexpected(ok.error());
    }
    if (auto ok = ReferralStore::InsertEvent(tx, actor.tenant, referral.id, Status::kSent,
                                             referral.sender_user_id, now_us);
        !ok) {
      return std::unexpected(ok.error());
    }
    auto event = EventOf(actor, audit::Action::kCreate, audit::Outcome::kAllowed);
    if (!event) return std::unexpected(event.error());
    AboutReferral(*event, referral.id);
    if (auto ok = audit_.AppendInTransaction(tx, *event); !ok) return std::unexpected(ok.error());
    SendOutcome done;
    done.public_id = referral.public_id;
    return done;
  });
}

base::Result<ReferralLists> ReferralService::List(const trust::Actor& actor) const {
  const Decision role = Decide(actor, Permission::kSignedIn, nullptr, clock_.Now());
  if (!role.allowed || !actor.unit) {
    if (auto audited = AuditDenied(actor, std::nullopt); !audited) {
      return std::unexpected(audited.error());
    }
    if (!role.allowed) return std::unexpected(role.AsStatus().error());
    return base::Fail(ErrorCode::kForbidden, "Only staff of a unit have referrals.");
  }
  auto lists = db_.Read([&](storage::Transaction& tx) -> base::Result<ReferralLists> {
    ReferralLists out;
    for (const auto& [rows, sent] : {std::pair{&out.sent, true}, std::pair{&out.received, false}}) {
      auto stored = sent ? ReferralStore::ListSent(tx, actor.tenant, *actor.unit, kListLimit)
                         : ReferralStore::ListReceived(tx, actor.tenant, *actor.unit, kListLimit);
      if (!stored) return std::unexpected(stored.error());
      for (StoredRow& row : *stored) {
        rows->push_back(ReferralRow{.public_id = std::move(row.public_id),
                                    .kind = row.kind,
                                    .status = row.status,
                                    .counterpart_name_sv = std::move(row.counterpart_name_sv),
                                    .counterpart_name_en = std::move(row.counterpart_name_en),
                                    .created_at = row.created_at,
                                    .updated_at = row.updated_at});
      }
    }
    return out;
  });
  if (!lists) return std::unexpected(lists.error());
  auto event = EventOf(actor, audit::Action::kSearch, audit::Outcome::kAllowed);
  if (!event) return std::unexpected(event.error());
  if (auto ok = audit_.Append(*event); !ok) return std::unexpected(ok.error());
  return lists;
}

base::Result<ReferralService::Access> ReferralService::LoadReadable(
    const trust::Actor& actor, std::string_view public_id) const {
  const auto now = clock_.Now();
  if (const Decision signed_in = Decide(actor, Permission::kSignedIn, nullptr, now);
      !signed_in.allowed) {
    if (auto audited = AuditDenied(actor, std::nullopt); !audited) {
      return std::unexpected(audited.error());
    }
    return std::unexpected(signed_in.AsStatus().error());
  }
  auto found = db_.Read(
      [&](storage::Transaction& tx) { return ReferralStore::Find(tx, actor.tenant, public_id); });
  if (!found) return std::unexpected(found.error());
  if (!*found || !actor.unit) {
    if (auto audited = AuditDenied(actor, std::nullopt); !audited) {
      return std::unexpected(audited.error());
    }
    return base::Fail(ErrorCode::kNotFound, std::string(kNoSuchRecord));
  }
  StoredReferral& r = **found;
  const base::OrganisationId owner = r.sender_authority.value_or(base::OrganisationId());
  std::optional<Side> side;
  if (*actor.unit == r.sender_unit) {
    // The sending unit is the referral's team within the sender's authority.
    const RecordScope scope{.owning_authority = owner, .on_case_team = true};
    if (Decide(actor, Permission::kReadPersonalData, &scope, now).allowed) side = Side::kSender;
  }
  if (!side && *actor.unit == r.recipient) {
    // Sending is sharing with the receiving organisation: its members read through the share,
    // whether they hold read_personal_data (a unit) or read_shared (a partner).
    const RecordScope scope{.owning_authority = owner, .shared_with_actor = true};
    if (Decide(actor, Permission::kReadPersonalData, &scope, now).allowed ||
        Decide(actor, Permission::kReadShared, &scope, now).allowed) {
      side = Side::kRecipient;
    }
  }
  if (!side) {
    if (auto audited = AuditDenied(actor, r.id); !audited) return std::unexpected(audited.error());
    return base::Fail(ErrorCode::kNotFound, std::string(kNoSuchRecord));
  }
  return Access{.referral = std::move(r), .side = *side};
}

base::Result<ReferralView> ReferralService::Open(const trust::Actor& actor,
                                                 std::string_view public_id) const {
  auto loaded = LoadReadable(actor, public_id);
  if (!loaded) return std::unexpected(loaded.error());
  StoredReferral& r = loaded->referral;
  auto event = EventOf(actor, audit::Action::kRead, audit::Outcome::kAllowed);
  if (!event) return std::unexpected(event.error());
  AboutReferral(*event, r.id);
  if (loaded->side == Side::kRecipient && r.status == Status::kSent) {
    // The recipient's first opening is what the sender sees as "received".
    const std::int64_t now_us = base::ToUnixMicros(clock_.Now());
    auto marked = db_.Write([&](storage::Transaction& tx) -> base::Result<bool> {
      auto first = ReferralStore::MarkReceived(tx, actor.tenant, r.id, now_us);
      if (!first) return std::unexpected(first.error());
      if (*first) {
        if (auto ok = ReferralStore::InsertEvent(tx, actor.tenant, r.id, Status::kReceived,
                                                 actor.user_id.value_or(0), now_us);
            !ok) {
          return std::unexpected(ok.error());
        }
      }
      if (auto ok = audit_.AppendInTransaction(tx, *event); !ok) {
        return std::unexpected(ok.error());
      }
      return *first;
    });
    if (!marked) return std::unexpected(marked.error());
    if (*marked) {
      r.status = Status::kReceived;
      r.version += 1;
      r.updated_at = now_us;
    }
  } else if (auto ok = audit_.Append(*event); !ok) {
    return std::unexpected(ok.error());
  }

  struct Extra {
    std::vector<ReferralEvent> events;
    std::string sender;
    std::optional<OrganisationRow> unit;
    std::optional<OrganisationRow> recipient;
    std::optional<CaseLink> link;
  };
  auto extra = db_.Read([&](storage::Transaction& tx) -> base::Result<Extra> {
    Extra out;
    auto events = ReferralStore::Events(tx, actor.tenant, r.id);
    if (!events) return std::unexpected(events.error());
    out.events = std::move(*events);
    auto sender = ReferralStore::UserDisplayName(tx, actor.tenant, r.sender_user_id);
    if (!sender) return std::unexpected(sender.error());
    out.sender = std::move(*sender);
    auto unit = ReferralStore::OrganisationById(tx, actor.tenant, r.sender_unit);
    if (!unit) return std::unexpected(unit.error());
    out.unit = std::move(*unit);
    auto recipient = ReferralStore::OrganisationById(tx, actor.tenant, r.recipient);
    if (!recipient) return std::unexpected(recipient.error());
    out.recipient = std::move(*recipient);
    auto link = ReferralCaseStore::ForReferral(tx, actor.tenant, r.id);
    if (!link) return std::unexpected(link.error());
    out.link = std::move(*link);
    return out;
  });
  if (!extra) return std::unexpected(extra.error());

  ReferralView view;
  view.public_id = r.public_id;
  view.kind = r.kind;
  view.status = r.status;
  view.side = loaded->side;
  view.sender_display_name = extra->sender;
  if (extra->unit) {
    view.sender_unit_name_sv = extra->unit->name_sv;
    view.sender_unit_name_en = extra->unit->name_en;
  }
  if (extra->recipient) {
    view.recipient_code = extra->recipient->code;
    view.recipient_name_sv = extra->recipient->name_sv;
    view.recipient_name_en = extra->recipient->name_en;
  }
  view.source_kind = r.source_kind;
  view.source_id = r.source_public_id.value_or("");
  auto message = sealed_.Open(actor.tenant, r.id, kMessageColumn, std::optional(r.message));
  if (!message) return std::unexpected(message.error());
  view.message = std::move(*message);
  auto summary = sealed_.Open(actor.tenant, r.id, kPersonSummaryColumn, r.person_summary);
  if (!summary) return std::unexpected(summary.error());
  view.person_summary = std::move(*summary);
  auto reason = sealed_.Open(actor.tenant, r.id, kDeclineReasonColumn, r.decline_reason);
  if (!reason) return std::unexpected(reason.error());
  view.decline_reason = std::move(*reason);
  view.created_at = r.created_at;
  view.updated_at = r.updated_at;
  view.version = r.version;
  view.events = std::move(extra->events);
  const bool accepted_adult = view.side == Side::kRecipient && r.kind == Kind::kAdultSupport &&
                              (r.status == Status::kAccepted || r.status == Status::kDone);
  view.case_opened = extra->link.has_value();
  if (extra->link && view.side == Side::kRecipient) {
    view.opened_case_public_id = extra->link->case_public_id;
    view.opened_case_number = extra->link->case_number;
  }
  if (accepted_adult && r.source_kind == SourceKind::kCase) {
    view.linked_case = view.source_id;
  } else {
    // Registering continues the referral, which only an accepted one (not yet done) can.
    view.suggest_register_person = accepted_adult && r.status == Status::kAccepted;
  }
  return view;
}

base::Result<StatusOutcome> ReferralService::ChangeStatus(const trust::Actor& actor,
                                                          std::string_view public_id,
                                                          const StatusInput& input) const {
  auto loaded = LoadReadable(actor, public_id);
  if (!loaded) return std::unexpected(loaded.error());
  const StoredReferral& r = loaded->referral;
  const auto now = clock_.Now();
  const std::int64_t now_us = base::ToUnixMicros(now);
  if (loaded->side != Side::kRecipient) {
    if (auto audited = AuditDenied(actor, r.id); !audited) return std::unexpected(audited.error());
    return base::Fail(ErrorCode::kForbidden, "Only the recipient changes the status.");
  }
  // Changing the status is the recipient's own work: write_personal_data within the recipient's
  // authority, or (a partner without an authority in the tree) the share.
  auto authority = db_.Read([&](storage::Transaction& tx) {
    return ReferralStore::AuthorityOf(tx, actor.tenant, r.recipient);
  });
  if (!authority) return std::unexpected(authority.error());
  bool may_write = false;
  if (*authority) {
    const RecordScope scope{.owning_authority = **authority, .on_case_team = true};
    may_write = Decide(actor, Permission::kWritePersonalData, &scope, now).allowed;
  } else {
    const RecordScope scope{.owning_authority = r.sender_authority.value_or(base::OrganisationId()),
                            .shared_with_actor = true};
    may_write = Decide(actor, Permission::kReadShared, &scope, now).allowed;
  }
  if (!may_write) {
    if (auto audited = AuditDenied(actor, r.id); !audited) return std::unexpected(audited.error());
    return base::Fail(ErrorCode::kForbidden, "Your role does not give access to this.");
  }

  StatusOutcome outcome;
  const auto to = ParseStatus(Trim(input.status));
  const std::string reason = Trim(input.reason);
  if (!to || *to == Status::kSent) {
    Problem(outcome.problems, "status", "status.missing", "Choose the new status.");
  } else if (!MayMove(r.status, *to)) {
    outcome.illegal_transition = true;
    Problem(outcome.problems, "status", "status.illegal",
            "The referral cannot move from " + std::string(ToString(r.status)) + " to " +
                std::string(ToString(*to)) + ".");
  }
  if (to == Status::kDeclined && reason.empty()) {
    Problem(outcome.problems, "reason", "reason.missing", "Write why the referral is declined.");
  } else if (reason.size() > kMaxReferralText) {
    Problem(outcome.problems, "reason", "text.too_long", "The text is too long.");
  }
  if (!outcome.problems.empty()) return outcome;

  std::optional<std::string> sealed_reason = r.decline_reason;
  if (*to == Status::kDeclined) {
    auto sealed = sealed_.Seal(actor.tenant, r.id, kDeclineReasonColumn, reason);
    if (!sealed) return std::unexpected(sealed.error());
    sealed_reason = std::move(*sealed);
  }
  auto written = db_.Write([&](storage::Transaction& tx) -> base::Status {
    // Acting on a referral still "sent" (the API, without opening it first) records its receipt.
    if (r.status == Status::kSent && *to != Status::kReceived) {
      if (auto ok = ReferralStore::InsertEvent(tx, actor.tenant, r.id, Status::kReceived,
                                               actor.user_id.value_or(0), now_us);
          !ok) {
        return ok;
      }
    }
    if (auto ok = ReferralStore::SetStatus(tx, actor.tenant, r.id, *to, sealed_reason, now_us,
                                           input.expected_version);
        !ok) {
      return ok;
    }
    if (auto ok = ReferralStore::InsertEvent(tx, actor.tenant, r.id, *to, actor.user_id.value_or(0),
                                             now_us);
        !ok) {
      return ok;
    }
    auto event = EventOf(actor, audit::Action::kUpdate, audit::Outcome::kAllowed);
    if (!event) return std::unexpected(event.error());
    AboutReferral(*event, r.id);
    if (auto ok = audit_.AppendInTransaction(tx, *event); !ok) return std::unexpected(ok.error());
    return base::Ok();
  });
  if (!written) {
    if (written.error().code == ErrorCode::kConflict) {
      return base::Fail(ErrorCode::kConflict,
                        "Someone else changed this referral a moment ago. Check it and try again.");
    }
    return std::unexpected(written.error());
  }
  return outcome;
}

}  // namespace fyren::referral
