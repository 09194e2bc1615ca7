#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "domain/concern/concern.h"
#include "domain/concern/concern_store.h"
#include "domain/concern/deadline_rules.h"
#include "domain/concern/districts.h"
#include "domain/concern/queue_cache.h"
#include "storage/database.h"
#include "trust/actor.h"
#include "trust/audit/audit_log.h"
#include "trust/crypto/key_ring.h"
#include "trust/crypto/sealed_table.h"

namespace fyren::concern {

struct AssessmentInput {
  std::string outcome;  // AssessmentOutcome code
  std::string note;
  std::int64_t expected_version = 0;
};

struct DecisionInput {
  std::string decision;       // InvestigationDecision code
  std::string decision_date;  // YYYY-MM-DD, Swedish calendar
  std::int64_t expected_version = 0;
};

// What the report form offers: districts (content/districts.toml) and the committees they map
// to, for the choice by hand.
struct FormChoices {
  std::vector<District> districts;
  std::vector<Committee> committees;
};

// Reports of concern about a child (orosanmälan, issue 5 §3): any staff member with
// write_personal_data of any authority sends one to the intake of the social committee of the
// child's district (or one chosen by hand); the report is then owned by that committee. The
// reporter keeps a receipt with a reference ("OA-CEN-2026-0042") and sees whether intake has
// received it, never the investigation. Intake staff (permission work_intake_queue) of the
// receiving committee see the queue, open reports, and record the protection assessment,
// the decision whether to open an investigation, and the closing. Each report carries the legal
// deadlines of content/deadlines.toml, computed at receipt in Swedish local time.
//
// Every method takes the acting user first, asks trust::access::Decide and audits (record type
// report_of_concern; purpose referral for the reporter, case_work for intake): reads and denials
// with AuditLog::Append before returning, writes with AppendInTransaction in the same
// transaction. A report of another committee, or one the actor is not intake staff for, is
// kNotFound "No such record." like a missing one. Child details, the concern, the reporter's
// contact and the assessment note are sealed with the tenant's data key. Thread-safe; every
// reference must outlive the service.
class ConcernService {
 public:
  ConcernService(storage::Database& db, const trust::crypto::KeyRing& ring,
                 trust::audit::AuditLog& audit, const base::Clock& clock,
                 std::vector<DeadlineRule> rules, std::vector<District> districts);

  // Every district's committee must be an authority of `tenant`: kInvalidInput naming
  // content/districts.toml, the district and the code otherwise (checked at start).
  [[nodiscard]] base::Status CheckDistricts(base::TenantId tenant) const;

  [[nodiscard]] base::Result<FormChoices> Choices(const trust::Actor& actor) const;

  // Sends a report. Problems (no receiving committee, no concern text, neither the child's name
  // nor a description, no way to reach the reporter) leave nothing written.
  [[nodiscard]] base::Result<SubmitOutcome> Submit(const trust::Actor& actor,
                                                   const ReportInput& input) const;

  // The reporter's receipt; only the user who sent the report.
  [[nodiscard]] base::Result<Receipt> GetReceipt(const trust::Actor& actor,
                                                 std::string_view public_id) const;

  // The intake queue of the actor's committee (kForbidden for anyone but its intake staff).
  // `rows_wanted`, when set, is asked with the page's rows_version (nonzero only) whether the
  // rows are needed at all: a caller that already holds what it made of that version answers
  // false and gets the page without rows (its counts, page and version only).
  using RowsWanted = std::function<bool(std::uint64_t rows_version)>;
  [[nodiscard]] base::Result<QueuePage> Queue(const trust::Actor& actor, const QueueFilter& filter,
                                              const RowsWanted& rows_wanted = nullptr) const;

  // One report, opened; the first opening by intake marks it received.
  [[nodiscard]] base::Result<ReportRecord> Open(const trust::Actor& actor,
                                                std::string_view public_id) const;

  // The protection assessment. Returns the problems (empty when recorded); kConflict for a stale
  // version.
  [[nodiscard]] base::Result<std::vector<FieldProblem>> RecordAssessment(
      const trust::Actor& actor, std::string_view public_id, const AssessmentInput& input) const;
  // The decision whether to open an investigation (after the assessment).
  [[nodiscard]] base::Result<std::vector<FieldProblem>> RecordDecision(
      const trust::Actor& actor, std::string_view public_id, const DecisionInput& input) const;
  // Closes the report (after the decision).
  [[nodiscard]] base::Result<std::vector<FieldProblem>> Close(const trust::Actor& actor,
                                                              std::string_view public_id,
                                                              std::int64_t expected_version) const;

  [[nodiscard]] const std::vector<DeadlineRule>& rules() const { return rules_; }

 private:
  [[nodiscard]] base::Result<StoredReport> LoadForIntake(const trust::Actor& actor,
                                                         std::string_view public_id,
                                                         bool write) const;
  [[nodiscard]] base::Status AuditDenied(const trust::Actor& actor,
                                         std::optional<std::int64_t> report_id) const;
  [[nodiscard]] std::vector<DeadlineView> Views(const std::vector<StoredDeadline>& stored,
                                                std::int64_t now_us) const;
  // Loads the report for an intake write, then runs `change(tx, report, now_us)` in one write
  // transaction (the change writes its own audit entry there).
  template <typename F>
  [[nodiscard]] base::Result<std::vector<FieldProblem>> Mutate(const trust::Actor& actor,
                                                               std::string_view public_id,
                                                               F&& change) const;

  storage::Database& db_;
  trust::crypto::SealedTable sealed_;
  trust::audit::AuditLog& audit_;
  const base::Clock& clock_;
  const std::vector<DeadlineRule> rules_;
  const std::vector<District> districts_;
  // The queue between views (queue_cache.h); behind a pointer so the service stays movable.
  std::unique_ptr<QueueCache> queue_cache_ = std::make_unique<QueueCache>();
};

}  // namespace fyren::concern
