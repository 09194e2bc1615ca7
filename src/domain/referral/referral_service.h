#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "domain/referral/recipients.h"
#include "domain/referral/referral.h"
#include "domain/referral/referral_store.h"
#include "storage/database.h"
#include "trust/actor.h"
#include "trust/audit/audit_log.h"
#include "trust/crypto/key_ring.h"
#include "trust/crypto/sealed_table.h"

namespace fyren::referral {

// What a sender may name as the referral's source. The module that owns the source decides
// (screening, exit case, report of concern), so a referral never becomes a way around their
// access rules. Wired in app/ over those services; tests pass a fake. Implementations are
// thread-safe.
class SourceReader {
 public:
  virtual ~SourceReader() = default;
  // Ok when `actor` may read the source; an error (kNotFound for one they may not read or that
  // does not exist) otherwise. The owning service audits the read or the denial.
  [[nodiscard]] virtual base::Status CheckReadable(const trust::Actor& actor, SourceKind kind,
                                                   std::string_view public_id) const = 0;
};

// Referrals between organisations (issue 5 §4): any signed-in user with write_personal_data sends
// one from their unit to an organisation that takes its kind (content/referral_recipients.toml);
// the recipient moves it received → accepted | declined (reason required) → done.
//
// Who sees a referral: members of the sending unit (read_personal_data within the sender's
// authority) and members of the receiving organisation (the referral is shared with it: Decide
// with shared_with_actor, so a partner's read_shared role sees it too). Anyone else, and a
// referral that does not exist, gets the same kNotFound "No such record." (audited kDenied).
// Only the recipient changes the status; the sender gets kForbidden.
//
// Every method takes the acting user first, asks trust::access::Decide and audits (record type
// referral, purpose referral): reads and denials with AuditLog::Append, writes with
// AppendInTransaction in the same transaction as the change and its referral_events row. The
// message, the person summary and the decline reason are sealed with the tenant's data key.
// Thread-safe; every reference must outlive the service.
class ReferralService {
 public:
  ReferralService(storage::Database& db, const trust::crypto::KeyRing& ring,
                  trust::audit::AuditLog& audit, const base::Clock& clock,
                  std::vector<RecipientRule> rules, const SourceReader& sources);

  // Every recipient of the rules must be an organisation of `tenant`: kInvalidInput naming
  // content/referral_recipients.toml, the entry and the code otherwise (checked at start).
  [[nodiscard]] base::Status CheckRecipients(base::TenantId tenant) const;

  // The organisations that take `kind` (all recipients when nullopt), for the form. Needs a
  // signed-in user with write_personal_data.
  [[nodiscard]] base::Result<std::vector<Recipient>> Recipients(const trust::Actor& actor,
                                                                std::optional<Kind> kind) const;

  // Sends a referral. Problems (unknown kind, recipient unknown or not taking the kind, a source
  // the actor may not read, no message, text too long) leave nothing written.
  [[nodiscard]] base::Result<SendOutcome> Send(const trust::Actor& actor,
                                               const ReferralInput& input) const;

  // Referrals sent from and received by the actor's unit, newest first (at most 200 each).
  // Audited kSearch.
  [[nodiscard]] base::Result<ReferralLists> List(const trust::Actor& actor) const;

  // One referral with its history. The recipient's first opening marks it received (an event
  // and an audit entry in one transaction).
  [[nodiscard]] base::Result<ReferralView> Open(const trust::Actor& actor,
                                                std::string_view public_id) const;

  // The recipient moves the status. Problems: unknown status, a decline without a reason, a move
  // the current status does not allow (illegal_transition). kConflict for a stale version.
  [[nodiscard]] base::Result<StatusOutcome> ChangeStatus(const trust::Actor& actor,
                                                         std::string_view public_id,
                                                         const StatusInput& input) const;

  [[nodiscard]] const std::vector<RecipientRule>& rules() const { return rules_; }

 private:
  struct Access {
    StoredReferral referral;
    Side side = Side::kSender;
  };
  // The referral when the actor is on one of its sides and may read it; kNotFound (audited)
  // otherwise.
  [[nodiscard]] base::Result<Access> LoadReadable(const trust::Actor& actor,
                                                  std::string_view public_id) const;
  [[nodiscard]] base::Status AuditDenied(const trust::Actor& actor,
                                         std::optional<std::int64_t> referral_id) const;
  [[nodiscard]] const RecipientRule* RuleFor(std::string_view code) const;

  storage::Database& db_;
  trust::crypto::SealedTable sealed_;
  trust::audit::AuditLog& audit_;
  const base::Clock& clock_;
  const std::vector<RecipientRule> rules_;
  const SourceReader& sources_;
};

// Free text limits shared by referrals and consultations (as reports of concern).
inline constexpr std::size_t kMaxReferralText = 10'000;

}  // namespace fyren::referral
