#include "domain/referral/case_handover.h"

#include "base/random.h"
#include "domain/referral/referral_columns.h"
#include "domain/referral/referral_store.h"
#include "trust/access/access_policy.h"

namespace fyren::referral {
namespace {

using base::ErrorCode;
using trust::access::Decide;
using trust::access::Permission;
using trust::access::RecordScope;
namespace audit = trust::audit;

base::Result<audit::AuditEvent> HandoverAuditEvent(const trust::Actor& actor, audit::Action action,
                                                   audit::Outcome outcome) {
  trust::Actor acting = actor;
  acting.purpose = std::string(audit::ToString(audit::Purpose::kReferral));
  return audit::EventFor(acting, action, outcome);
}

// A referral looked up for continuing: `usable` when the actor may continue it; `seen_id` names
// the referral in a denial's audit entry when it exists.
struct HandoverLookup {
  std::optional<StoredReferral> usable;
  std::optional<std::int64_t> seen_id;
};

base::Result<HandoverLookup> FindContinuable(storage::Transaction& tx, const trust::Actor& actor,
                                             std::string_view public_id, base::TimePoint now) {
  HandoverLookup out;
  if (!actor.unit || !actor.authority || !base::IsPublicId(public_id)) return out;
  auto found = ReferralStore::Find(tx, actor.tenant, public_id);
  if (!found) return std::unexpected(found.error());
  if (!*found) return out;
  StoredReferral& r = **found;
  out.seen_id = r.id;
  if (r.kind != Kind::kAdultSupport || r.status != Status::kAccepted ||
      *actor.unit != r.recipient) {
    return out;
  }
  // The case will belong to the receiving committee: only its own staff continue the referral.
  auto authority = ReferralStore::AuthorityOf(tx, actor.tenant, r.recipient);
  if (!authority) return std::unexpected(authority.error());
  if (!*authority || **authority != *actor.authority) return out;
  const RecordScope scope{.owning_authority = **authority, .on_case_team = true};
  if (!Decide(actor, Permission::kWritePersonalData, &scope, now).allowed) return out;
  auto link = ReferralCaseStore::ForReferral(tx, actor.tenant, r.id);
  if (!link) return std::unexpected(link.error());
  if (*link) return out;
  out.usable = std::move(r);
  return out;
}

}  // namespace

CaseHandover::CaseHandover(storage::Database& db, const trust::crypto::KeyRing& ring,
                           trust::audit::AuditLog& audit, const base::Clock& clock)
    : db_(db), ring_(ring), audit_(audit), clock_(clock) {}

base::Status CaseHandover::AuditDenied(const trust::Actor& actor,
                                       std::optional<std::int64_t> referral_id) const {
  auto event = HandoverAuditEvent(actor, audit::Action::kDenied, audit::Outcome::kDenied);
  if (!event) return std::unexpected(event.error());
  if (referral_id) {
    event->record_type = audit::RecordType::kReferral;
    event->record_id = *referral_id;
  }
  return audit_.Append(*event);
}

base::Status CaseHandover::Check(const trust::Actor& actor, std::string_view public_id) const {
  auto lookup = db_.Read([&](storage::Transaction& tx) {
    return FindContinuable(tx, actor, public_id, clock_.Now());
  });
  if (!lookup) return std::unexpected(lookup.error());
  if (!lookup->usable) {
    if (auto audited = AuditDenied(actor, lookup->seen_id); !audited) return audited;
    return base::Fail(ErrorCode::kNotFound, std::string(kReferralNotUsable));
  }
  return base::Ok();
}

base::Result<HandoverView> CaseHandover::Show(const trust::Actor& actor,
                                              std::string_view public_id) const {
  struct Loaded {
    HandoverLookup lookup;
    std::optional<OrganisationRow> unit;
  };
  auto loaded = db_.Read([&](storage::Transaction& tx) -> base::Result<Loaded> {
    Loaded out;
    auto lookup = FindContinuable(tx, actor, public_id, clock_.Now());
    if (!lookup) return std::unexpected(lookup.error());
    out.lookup = std::move(*lookup);
    if (!out.lookup.usable) return out;
    auto unit = ReferralStore::OrganisationById(tx, actor.tenant, out.lookup.usable->sender_unit);
    if (!unit) return std::unexpected(unit.error());
    out.unit = std::move(*unit);
    return out;
  });
  if (!loaded) return std::unexpected(loaded.error());
  if (!loaded->lookup.usable) {
    if (auto audited = AuditDenied(actor, loaded->lookup.seen_id); !audited) {
      return std::unexpected(audited.error());
    }
    return base::Fail(ErrorCode::kNotFound, std::string(kReferralNotUsable));
  }
  const StoredReferral& r = *loaded->lookup.usable;
  HandoverView view;
  view.public_id = r.public_id;
  if (loaded->unit) {
    view.sender_unit_name_sv = loaded->unit->name_sv;
    view.sender_unit_name_en = loaded->unit->name_en;
  }
  auto summary = ring_.DecryptOptional(actor.tenant,
                                       {.tenant = actor.tenant,
                                        .table = kReferralsTable,
                                        .column = kPersonSummaryColumn,
                                        .row_id = r.id},
                                       r.person_summary);
  if (!summary) return std::unexpected(summary.error());
  view.person_summary = std::move(*summary);
  auto event = HandoverAuditEvent(actor, audit::Action::kRead, audit::Outcome::kAllowed);
  if (!event) return std::unexpected(event.error());
  event->record_type = audit::RecordType::kReferral;
  event->record_id = r.id;
  if (auto ok = audit_.Append(*event); !ok) return std::unexpected(ok.error());
  return view;
}

base::Status CaseHandover::RecordCaseOpened(storage::Transaction& tx, const trust::Actor& actor,
                                            std::string_view public_id,
                                            const CaseLink& link) const {
  const auto now = clock_.Now();
  const std::int64_t now_us = base::ToUnixMicros(now);
  auto lookup = FindContinuable(tx, actor, public_id, now);
  if (!lookup) return std::unexpected(lookup.error());
  if (!lookup->usable) {
    // Declined, finished or continued by someone else between the form and this write.
    return base::Fail(ErrorCode::kConflict,
                      "The referral changed a moment ago. Open it again and check it.",
                      std::string(kReferralChanged));
  }
  const StoredReferral& r = *lookup->usable;
  if (auto ok = ReferralStore::SetStatus(tx, actor.tenant, r.id, Status::kDone, r.decline_reason,
                                         now_us, r.version);
      !ok) {
    return ok;
  }
  if (auto ok = ReferralStore::InsertEvent(tx, actor.tenant, r.id, Status::kDone,
                                           actor.user_id.value_or(0), now_us);
      !ok) {
    return ok;
  }
  CaseLink stored = link;
  stored.user_id = actor.user_id.value_or(0);
  stored.created_at = now_us;
  if (auto ok = ReferralCaseStore::Insert(tx, actor.tenant, r.id, stored); !ok) return ok;
  auto event = HandoverAuditEvent(actor, audit::Action::kUpdate, audit::Outcome::kAllowed);
  if (!event) return std::unexpected(event.error());
  event->record_type = audit::RecordType::kReferral;
  event->record_id = r.id;
  if (auto ok = audit_.AppendInTransaction(tx, *event); !ok) return std::unexpected(ok.error());
  return base::Ok();
}

base::Result<std::optional<std::string>> CaseHandover::ReferralOfCase(storage::Transaction& tx,
                                                                      base::TenantId tenant,
                                                                      std::int64_t case_id) {
  return ReferralCaseStore::ReferralOfCase(tx, tenant, case_id);
}

}  // namespace fyren::referral
