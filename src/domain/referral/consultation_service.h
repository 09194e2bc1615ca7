#pragma once

#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "domain/referral/consultation.h"
#include "domain/referral/recipients.h"
#include "domain/referral/referral.h"
#include "storage/database.h"
#include "trust/access/permission.h"
#include "trust/actor.h"
#include "trust/audit/audit_log.h"
#include "trust/crypto/key_ring.h"

namespace fyren::referral {

struct AskOutcome {
  std::vector<FieldProblem> problems;
  std::string public_id;
  [[nodiscard]] bool ok() const { return problems.empty(); }
};

// Anonymous consultations to the competence centre (issue 5 §4). Any signed-in user with
// write_personal_data asks from their unit; the question must hold no personal data (the form
// says so), and is sealed anyway because staff write free text and may slip. The competence
// centre is whichever organisation content/referral_recipients.toml lists as taking
// "consultation": its members see the inbox and answer, once. The asker's unit sees its own
// questions and the answers. Anyone else, and a question that does not exist, gets kNotFound
// "No such record." (audited kDenied).
//
// Every ask, read and answer is audited (record type consultation, purpose referral): reads and
// denials with AuditLog::Append, writes with AppendInTransaction. Thread-safe; every reference
// must outlive the service.
class ConsultationService {
 public:
  ConsultationService(storage::Database& db, const trust::crypto::KeyRing& ring,
                      trust::audit::AuditLog& audit, const base::Clock& clock,
                      std::vector<RecipientRule> rules);

  [[nodiscard]] base::Result<AskOutcome> Ask(const trust::Actor& actor,
                                             std::string_view question) const;
  // The questions of the actor's unit, newest first. Audited kSearch.
  [[nodiscard]] base::Result<std::vector<ConsultationRow>> ListMine(
      const trust::Actor& actor) const;
  // Competence-centre staff only (kForbidden otherwise): open questions first. Audited kSearch.
  [[nodiscard]] base::Result<std::vector<ConsultationRow>> Inbox(const trust::Actor& actor) const;
  // True when the actor works in an organisation that takes consultations (for the navigation).
  [[nodiscard]] base::Result<bool> IsCentreStaff(const trust::Actor& actor) const;
  [[nodiscard]] base::Result<ConsultationView> Get(const trust::Actor& actor,
                                                   std::string_view public_id) const;
  // Competence-centre staff answer an open question. Problems: no answer, too long, already
  // answered.
  [[nodiscard]] base::Result<std::vector<FieldProblem>> Answer(const trust::Actor& actor,
                                                               std::string_view public_id,
                                                               std::string_view answer) const;

 private:
  [[nodiscard]] base::Status AuditDenied(const trust::Actor& actor,
                                         std::optional<std::int64_t> id) const;
  [[nodiscard]] base::Status AuditAllowed(const trust::Actor& actor, trust::audit::Action action,
                                          std::optional<std::int64_t> id) const;
  // Centre staff with `permission` in their own authority: their unit takes consultations.
  [[nodiscard]] base::Result<bool> Centre(const trust::Actor& actor,
                                          trust::access::Permission permission) const;

  storage::Database& db_;
  const trust::crypto::KeyRing& ring_;
  trust::audit::AuditLog& audit_;
  const base::Clock& clock_;
  const std::vector<RecipientRule> rules_;
};

}  // namespace fyren::referral
