#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/ids.h"
#include "domain/concern/deadline_rules.h"

namespace fyren::concern {

// Where a report of concern stands. new: submitted, intake has not opened it; received: intake
// opened it; assessed: the protection assessment is recorded; investigating / not_opened: the
// decision whether to open an investigation; closed: finished.
enum class ReportStatus { kNew, kReceived, kAssessed, kInvestigating, kNotOpened, kClosed };
[[nodiscard]] std::string_view ToString(ReportStatus status);
[[nodiscard]] std::optional<ReportStatus> ParseReportStatus(std::string_view text);

// The outcome of the protection assessment (skyddsbedömning).
enum class AssessmentOutcome { kImmediateProtection, kNoImmediateProtection };
[[nodiscard]] std::string_view ToString(AssessmentOutcome outcome);
[[nodiscard]] std::optional<AssessmentOutcome> ParseAssessmentOutcome(std::string_view text);

// The decision whether to open an investigation (beslut om att inleda utredning).
enum class InvestigationDecision { kOpenInvestigation, kNoInvestigation };
[[nodiscard]] std::string_view ToString(InvestigationDecision decision);
[[nodiscard]] std::optional<InvestigationDecision> ParseInvestigationDecision(
    std::string_view text);

// A problem with one field of a form or request body; `code` is stable (catalog key
// "concern.problem.<code>"), `message` the English fallback.
struct FieldProblem {
  std::string field;
  std::string code;
  std::string message;
};

// What the reporter sends. The receiving committee comes from `district` (content/districts.toml)
// or, when the district is not known, from `committee` (an authority's code) chosen by hand.
// The child may be unknown: then `child_description` says what is known. At least one way to
// reach the reporter is required.
struct ReportInput {
  std::string district;
  std::string committee;
  std::string child_name;
  std::string child_description;
  std::string concern_text;
  std::string reporter_phone;
  std::string reporter_email;
  std::string screening_public_id;  // from /concerns/new?screening=<id>; kept as a link only
};

struct SubmitOutcome {
  std::vector<FieldProblem> problems;
  std::string public_id;
  std::string reference;  // "OA-CEN-2026-0042"
  [[nodiscard]] bool ok() const { return problems.empty(); }
};

// One legal deadline of one report, with its rule's texts and its state now.
struct DeadlineView {
  std::string code;
  MetBy met_by = MetBy::kAssessment;
  std::int64_t due_at = 0;  // exclusive end, µs since the epoch
  std::optional<std::int64_t> escalate_at;
  std::optional<std::int64_t> met_at;
  bool waived = false;
  DeadlineState state = DeadlineState::kOpen;
  bool escalated = false;              // not met and past escalate_at
  const DeadlineRule* rule = nullptr;  // null when the rule was removed from the content since
};

// What the reporter may see later: never the investigation.
struct Receipt {
  std::string public_id;
  std::string reference;
  std::string committee_code;
  std::string committee_name_sv;
  std::string committee_name_en;
  std::int64_t received_at = 0;
  std::optional<std::int64_t> intake_opened_at;
};

struct ReportEvent {
  std::string kind;  // submitted, opened, assessed, decided, closed
  std::string user_display_name;
  std::int64_t occurred_at = 0;
};

// A report as the receiving intake sees it, opened.
struct ReportRecord {
  std::string public_id;
  std::string reference;
  std::string committee_code;
  std::string district;
  ReportStatus status = ReportStatus::kNew;
  bool child_known = false;
  std::string child_name;
  std::string child_description;
  std::string concern_text;
  std::string reporter_contact;
  std::string reporter_display_name;
  std::string reporter_unit_name_sv;
  std::string reporter_unit_name_en;
  std::string screening_public_id;
  std::int64_t received_at = 0;
  std::optional<AssessmentOutcome> assessment_outcome;
  std::string assessment_note;
  std::optional<std::int64_t> assessed_at;
  std::optional<InvestigationDecision> decision;
  std::string decision_date;  // YYYY-MM-DD
  std::optional<std::int64_t> closed_at;
  std::int64_t version = 1;
  std::vector<DeadlineView> deadlines;
  std::vector<ReportEvent> events;
  bool overdue = false;
  bool escalated = false;
};

// One row of the intake queue: no names (DESIGN.md: names hidden in lists).
struct QueueRow {
  std::string public_id;
  std::string reference;
  std::string district;
  bool child_known = false;
  ReportStatus status = ReportStatus::kNew;
  std::int64_t received_at = 0;
  std::vector<DeadlineView> deadlines;
  bool overdue = false;
  bool escalated = false;
};

struct QueueFilter {
  std::optional<ReportStatus> status;
  bool overdue_only = false;
  int page = 1;  // 1-based
};

inline constexpr int kQueuePageSize = 50;

struct QueuePage {
  std::vector<QueueRow> rows;
  std::int64_t total = 0;          // rows matching the filter
  std::int64_t overdue_count = 0;  // reports of the authority with an overdue deadline
  std::int64_t escalated_count = 0;
  int page = 1;
  int pages = 1;
  // Nonzero: every page with this number shows the same rows, in the same states (the queue
  // cache's page while it holds; queue_cache.h), so what is made of them may be reused.
  std::uint64_t rows_version = 0;
};

// A social committee a report can go to (for the form's choice by hand).
struct Committee {
  std::string code;
  std::string name_sv;
  std::string name_en;
};

}  // namespace fyren::concern
