#include "domain/concern/concern_service.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "base/random.h"
#include "base/swedish_time.h"
#include "domain/concern/concern_columns.h"
#include "trust/access/access_policy.h"

namespace fyren::concern {
namespace {

using base::ErrorCode;
using trust::access::Decide;
using trust::access::Decision;
using trust::access::DenyReason;
using trust::access::Permission;
using trust::access::RecordScope;
namespace audit = trust::audit;

constexpr std::string_view kNoSuchRecord = "No such record.";
constexpr std::size_t kMaxText = 10'000;
constexpr std::size_t kMaxShort = 200;

std::int64_t NowMicros(const base::Clock& clock) { return base::ToUnixMicros(clock.Now()); }

std::string Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

base::Result<audit::AuditEvent> EventOf(const trust::Actor& actor, audit::Action action,
                                        audit::Outcome outcome, audit::Purpose purpose) {
  trust::Actor acting = actor;
  acting.purpose = std::string(audit::ToString(purpose));
  return audit::EventFor(acting, action, outcome);
}

void AboutReport(audit::AuditEvent& event, std::int64_t report_id) {
  event.record_type = audit::RecordType::kReportOfConcern;
  event.record_id = report_id;
}

// A phone number as people write it: digits with spaces, dashes, a leading + or brackets, and at
// least six digits.
bool LooksLikePhone(std::string_view text) {
  int digits = 0;
  for (const char c : text) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c != ' ' && c != '-' && c != '+' && c != '(' && c != ')') {
      return false;
    }
  }
  return digits >= 6 && digits <= 20;
}

bool LooksLikeEmail(std::string_view text) {
  const auto at = text.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < text.size() &&
         text.find('@', at + 1) == std::string_view::npos &&
         text.find(' ') == std::string_view::npos;
}

void Problem(std::vector<FieldProblem>& problems, std::string field, std::string code,
             std::string message) {
  problems.push_back(FieldProblem{
      .field = std::move(field), .code = std::move(code), .message = std::move(message)});
}

std::string Reference(std::string_view committee, int year, std::int64_t number) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "%d-%04lld", year, static_cast<long long>(number));
  return "OA-" + std::string(committee) + "-" + digits;
}

}  // namespace

ConcernService::ConcernService(storage::Database& db, const trust::crypto::KeyRing& ring,
                               trust::audit::AuditLog& audit, const base::Clock& clock,
                               std::vector<DeadlineRule> rules, std::vector<District> districts)
    : db_(db),
      sealed_(ring, kReportsTable),
      audit_(audit),
      clock_(clock),
      rules_(std::move(rules)),
      districts_(std::move(districts)) {}

base::Status ConcernService::AuditDenied(const trust::Actor& actor,
                                         std::optional<std::int64_t> report_id) const {
  auto event =
      EventOf(actor, audit::Action::kDenied, audit::Outcome::kDenied, audit::Purpose::kCaseWork);
  if (!event) return std::unexpected(event.error());
  if (report_id) AboutReport(*event, *report_id);
  return audit_.Append(*event);
}

std::vector<DeadlineView> ConcernService::Views(const std::vector<StoredDeadline>& stored,
                                                std::int64_t now_us) const {
  std::vector<DeadlineView> out;
  out.reserve(stored.size());
  for (const StoredDeadline& d : stored) {
    DeadlineView view{.code = d.code,
                      .met_by = d.met_by,
                      .due_at = d.due_at,
                      .escalate_at = d.escalate_at,
                      .met_at = d.met_at,
                      .waived = d.waived,
                      .state = StateAt(d.due_at, d.met_at, d.waived, now_us),
                      .escalated = false,
                      .rule = nullptr};
    view.escalated =
        !d.met_at && !d.waived && d.escalate_at.has_value() && now_us >= *d.escalate_at;
    for (const DeadlineRule& rule : rules_) {
      if (rule.code == d.code) view.rule = &rule;
    }
    out.push_back(view);
  }
  return out;
}

base::Status ConcernService::CheckDistricts(base::TenantId tenant) const {
  return db_.Read([&](storage::Transaction& tx) -> base::Status {
    for (const District& district : districts_) {
      auto found = ConcernStore::AuthorityByCode(tx, tenant, district.committee);
      if (!found) return std::unexpected(found.error());
      if (!*found) {
        return base::Fail(ErrorCode::kInvalidInput,
                          std::string(kDistrictsFile) + ": district " + district.code +
                              ": committee \"" + district.committee +
                              "\" is not an authority in the organisation tree");
      }
    }
    return base::Ok();
  });
}

base::Result<FormChoices> ConcernService::Choices(const trust::Actor& actor) const {
  FormChoices choices;
  choices.districts = districts_;
  std::set<std::string> seen;
  auto committees = db_.Read([&](storage::Transaction& tx) -> base::Result<std::vector<Committee>> {
    std::vector<Committee> out;
    for (const District& district : districts_) {
      if (!seen.insert(district.committee).second) continue;
      auto found = ConcernStore::AuthorityByCode(tx, actor.tenant, district.committee);
      if (!found) return std::unexpected(found.error());
      if (!*found) continue;
      out.push_back(Committee{
          .code = (*found)->code, .name_sv = (*found)->name_sv, .name_en = (*found)->name_en});
    }
    return out;
  });
  if (!committees) return std::unexpected(committees.error());
  choices.committees = std::move(*committees);
  return choices;
}

base::Result<SubmitOutcome> ConcernService::Submit(const trust::Actor& actor,
                                                   const ReportInput& raw) const {
  const auto now = clock_.Now();
  const std::int64_t now_us = base::ToUnixMicros(now);
  if (!actor.IsAnonymous() && !actor.authority) {
    return base::Fail(ErrorCode::kForbidden, "Only staff of an authority can send a report.");
  }
  // The reporter acts within their own authority: the report leaves it for the receiving
  // committee, which owns it from then on.
  const RecordScope scope{.owning_authority = actor.authority.value_or(base::OrganisationId()),
                          .on_case_team = true};
  if (const Decision decision = Decide(actor, Permission::kWritePersonalData, &scope, now);
      !decision.allowed) {
    if (auto audited = AuditDenied(actor, std::nullopt); !audited) {
      return std::unexpected(audited.error());
    }
    return std::unexpected(decision.AsStatus().error());
  }

  ReportInput input{.district = Trim(raw.district),
                    .committee = Trim(raw.committee),
                    .child_name = Trim(raw.child_name),
                    .child_description = Trim(raw.child_description),
                    .concern_text = Trim(raw.concern_text),
                    .reporter_phone = Trim(raw.reporter_phone),
                    .reporter_email = Trim(raw.reporter_email),
                    .screening_public_id = Trim(raw.screening_public_id)};
  SubmitOutcome outcome;
  std::vector<FieldProblem>& problems = outcome.problems;
  std::string committee_code;
  if (!input.district.empty()) {
    const auto found = std::find_if(districts_.begin(), districts_.end(),
                                    [&](const District& d) { return d.code == input.district; });
    if (found == districts_.end()) {
      Problem(problems, "district", "district.unknown", "Choose a district from the list.");
    } else {
      committee_code = found->committee;
    }
  } else if (!input.committee.empty()) {
    const bool known = std::any_of(districts_.begin(), districts_.end(), [&](const District& d) {
      return d.committee == input.committee;
    });
    if (known) {
      committee_code = input.committee;
    } else {
      Problem(problems, "committee", "committee.unknown",
              "Choose a social committee from the list.");
    }
  } else {
    Problem(problems, "district", "receiver.missing",
            "Choose the child's district, or the social committee if you do not know it.");
  }
  if (input.child_name.empty() && input.child_description.empty()) {
    Problem(problems, "child_name", "child.missing",
            "Give the child's name, or describe the child if you do not know who it is.");
  }
  if (input.child_name.size() > kMaxShort) {
    Problem(problems, "child_name", "child_name.too_long", "The name is too long.");
  }
  if (input.child_description.size() > kMaxText) {
    Problem(problems, "child_description", "text.too_long", "The text is too long.");
  }
  if (input.concern_text.empty()) {
    Problem(problems, "concern_text", "concern_text.missing",
            "Describe what worries you about the child.");
  } else if (input.concern_text.size() > kMaxText) {
    Problem(problems, "concern_text", "text.too_long", "The text is too long.");
  }
  if (input.reporter_phone.empty() && input.reporter_email.empty()) {
    Problem(problems, "reporter_phone", "reporter_contact.missing",
            "Give a phone number or an e-mail address where the social services can reach you.");
  }
  if (!input.reporter_phone.empty() && !LooksLikePhone(input.reporter_phone)) {
    Problem(problems, "reporter_phone", "reporter_phone.invalid",
            "Write the phone number with digits, for example 031-123 45 67.");
  }
  if (!input.reporter_email.empty() &&
      (!LooksLikeEmail(input.reporter_email) || input.reporter_email.size() > kMaxShort)) {
    Problem(problems, "reporter_email", "reporter_email.invalid",
            "Write the e-mail address like name@example.se.");
  }
  if (!input.screening_public_id.empty() && !base::IsPublicId(input.screening_public_id)) {
    input.screening_public_id.clear();  // a tampered link: the report is still worth sending
  }
  if (!problems.empty()) return outcome;

  StoredReport report;
  report.id = base::NewRowId();
  report.public_id = base::NewPublicId();
  report.district = input.district;
  report.reporter_user_id = actor.user_id.value_or(0);
  report.reporter_unit = actor.unit;
  report.child_known = !input.child_name.empty();
  report.received_at = now_us;
  if (!input.screening_public_id.empty()) report.screening_public_id = input.screening_public_id;
  std::string contact = input.reporter_phone;
  if (!input.reporter_email.empty())
    contact += (contact.empty() ? "" : ", ") + input.reporter_email;
  const base::TenantId tenant = actor.tenant;
  for (const auto& [column, plaintext, target] :
       {std::tuple{kChildNameColumn, std::string_view(input.child_name), &report.child_name},
        std::tuple{kChildDescriptionColumn, std::string_view(input.child_description),
                   &report.child_description}}) {
    auto sealed = sealed_.Seal(tenant, report.id, column, plaintext);
    if (!sealed) return std::unexpected(sealed.error());
    *target = std::move(*sealed);
  }
  auto concern = sealed_.Seal(tenant, report.id, kConcernTextColumn, input.concern_text);
  if (!concern) return std::unexpected(concern.error());
  report.concern_text = std::move(**concern);
  auto sealed_contact = sealed_.Seal(tenant, report.id, kReporterContactColumn, contact);
  if (!sealed_contact) return std::unexpected(sealed_contact.error());
  report.reporter_contact = std::move(**sealed_contact);
  const int year = base::ToSwedishLocal(now_us).year;

  return db_.Write([&](storage::Transaction& tx) -> base::Result<SubmitOutcome> {
    auto committee = ConcernStore::AuthorityByCode(tx, tenant, committee_code);
    if (!committee) return std::unexpected(committee.error());
    if (!*committee) {
      return base::Fail(
          ErrorCode::kInternal, "The receiving committee is not set up.",
          "districts.toml names committee " + committee_code + " which is not an authority");
    }
    report.receiving_authority = (*committee)->id;
    auto number = ConcernStore::NextReferenceNumber(tx, tenant, report.receiving_authority, year);
    if (!number) return std::unexpected(number.error());
    report.reference = Reference((*committee)->code, year, *number);
    if (auto ok = ConcernStore::Insert(tx, tenant, report, now_us); !ok) {
      return std::unexpected(ok.error());
    }
    for (const DeadlineRule& rule : rules_) {
      StoredDeadline deadline{.code = rule.code,
                              .met_by = rule.met_by,
                              .due_at = DeadlineEnd(rule.duration, now_us),
                              .escalate_at = std::nullopt,
                              .met_at = std::nullopt,
                              .waived = false};
      if (rule.escalate_after) deadline.escalate_at = DeadlineEnd(*rule.escalate_after, now_us);
      if (auto ok = ConcernStore::InsertDeadline(tx, tenant, report.id, deadline); !ok) {
        return std::unexpected(ok.error());
      }
    }
    if (auto ok = ConcernStore::InsertEvent(tx, tenant, report.id, "submitted",
                                            report.reporter_user_id, now_us);
        !ok) {
      return std::unexpected(ok.error());
    }
    auto event =
        EventOf(actor, audit::Action::kCreate, audit::Outcome::kAllowed, audit::Purpose::kReferral);
    if (!event) return std::unexpected(event.error());
    AboutReport(*event, report.id);
    if (auto ok = audit_.AppendInTransaction(tx, *event); !ok) return std::unexpected(ok.error());
    SubmitOutcome done;
    done.public_id = report.public_id;
    done.reference = report.reference;
    return done;
  });
}

base::Result<Receipt> ConcernService::GetReceipt(const trust::Actor& actor,
                                                 std::string_view public_id) const {
  const auto now = clock_.Now();
  if (const Decision decision = Decide(actor, Permission::kSignedIn, nullptr, now);
      !decision.allowed) {
    if (auto audited = AuditDenied(actor, std::nullopt); !audited) {
      return std::unexpected(audited.error());
    }
    return std::unexpected(decision.AsStatus().error());
  }
  struct Found {
    std::optional<StoredReport> report;
    std::optional<AuthorityRow> committee;
  };
  auto found = db_.Read([&](storage::Transaction& tx) -> base::Result<Found> {
    auto report = ConcernStore::Find(tx, actor.tenant, public_id);
    if (!report) return std::unexpected(report.error());
    Found out{.report = std::move(*report), .committee = std::nullopt};
    if (!out.report) return out;
    auto committee =
        ConcernStore::OrganisationById(tx, actor.tenant, out.report->receiving_authority);
    if (!committee) return std::unexpected(committee.error());
    out.committee = std::move(*committee);
    return out;
  });
  if (!found) return std::unexpected(found.error());
  // Only the user who sent it: anyone else learns nothing, not even that it exists.
  if (!found->report || !actor.user_id || found->report->reporter_user_id != *actor.user_id) {
    std::optional<std::int64_t> id;
    if (found->report) id = found->report->id;
    if (auto audited = AuditDenied(actor, id); !audited) return std::unexpected(audited.error());
    return base::Fail(ErrorCode::kNotFound, std::string(kNoSuchRecord));
  }
  auto event =
      EventOf(actor, audit::Action::kRead, audit::Outcome::kAllowed, audit::Purpose::kReferral);
  if (!event) return std::unexpected(event.error());
  AboutReport(*event, found->report->id);
  if (auto ok = audit_.Append(*event); !ok) return std::unexpected(ok.error());
  const StoredReport& r = *found->report;
  Receipt receipt{.public_id = r.public_id,
                  .reference = r.reference,
                  .committee_code = {},
                  .committee_name_sv = {},
                  .committee_name_en = {},
                  .received_at = r.received_at,
                  .intake_opened_at = r.intake_opened_at};
  if (found->committee) {
    receipt.committee_code = found->committee->code;
    receipt.committee_name_sv = found->committee->name_sv;
    receipt.committee_name_en = found->committee->name_en;
  }
  return receipt;
}

base::Result<QueuePage> ConcernService::Queue(const trust::Actor& actor, const QueueFilter& filter,
                                              const RowsWanted& rows_wanted) const {
  const auto now = clock_.Now();
  const std::int64_t now_us = base::ToUnixMicros(now);
  // The queue is the committee's own intake work: the role decides, the committee is the
  // actor's own authority.
  const Decision decision = Decide(actor, Permission::kWorkIntakeQueue, nullptr, now);
  if (!decision.allowed || !actor.authority) {
    if (auto audited = AuditDenied(actor, std::nullopt); !audited) {
      return std::unexpected(audited.error());
    }
    if (decision.reason == DenyReason::kNotSignedIn) {
      return std::unexpected(decision.AsStatus().error());
    }
    return base::Fail(ErrorCode::kForbidden,
                      "Only the intake of the receiving social committee sees this queue.");
  }
  const base::OrganisationId authority = *actor.authority;
  auto snapshot = db_.Read([&](storage::Transaction& tx) {
    // One point lookup while nothing changed (queue_cache.h), not a count and a page read.
    return queue_cache_->Get(tx, actor.tenant, authority, filter, now_us);
  });
  if (!snapshot) return std::unexpected(snapshot.error());
  auto event =
      EventOf(actor, audit::Action::kSearch, audit::Outcome::kAllowed, audit::Purpose::kCaseWork);
  if (!event) return std::unexpected(event.error());
  if (auto ok = audit_.Append(*event); !ok) return std::unexpected(ok.error());
  QueuePage page;
  page.total = snapshot->counts.Total(filter.status, filter.overdue_only);
  page.overdue_count = snapshot->counts.Overdue();
  page.escalated_count = snapshot->counts.Escalated();
  page.page = snapshot->page;
  page.pages = snapshot->pages;
  page.rows_version = snapshot->rows_version;
  if (page.rows_version != 0 && rows_wanted && !rows_wanted(page.rows_version)) return page;
  const std::vector<QueueStoredRow>& rows = *snapshot->rows;
  page.rows.reserve(rows.size());
  for (const QueueStoredRow& stored : rows) {
    QueueRow row{.public_id = stored.report.public_id,
                 .reference = stored.report.reference,
                 .district = stored.report.district,
                 .child_known = stored.report.child_known,
                 .status = stored.report.status,
                 .received_at = stored.report.received_at,
                 .deadlines = Views(stored.deadlines, now_us),
                 .overdue = false,
                 .escalated = false};
    for (const DeadlineView& d : row.deadlines) {
      row.overdue = row.overdue || d.state == DeadlineState::kOverdue;
      row.escalated = row.escalated || d.escalated;
    }
    page.rows.push_back(std::move(row));
  }
  return page;
}

base::Result<StoredReport> ConcernService::LoadForIntake(const trust::Actor& actor,
                                                         std::string_view public_id,
                                                         bool write) const {
  const auto now = clock_.Now();
  const Permission permission =
      write ? Permission::kWritePersonalData : Permission::kReadPersonalData;
  // Intake staff of some committee, with the read or write permission; the report's committee is
  // checked below. Anyone else gets what a missing report gets.
  const Decision intake = Decide(actor, Permission::kWorkIntakeQueue, nullptr, now);
  if (intake.reason == DenyReason::kNotSignedIn) {
    if (auto audited = AuditDenied(actor, std::nullopt); !audited) {
      return std::unexpected(audited.error());
    }
    return std::unexpected(intake.AsStatus().error());
  }
  if (const Decision role = Decide(actor, permission, nullptr, now);
      role.reason == DenyReason::kRoleLacksPermission) {
    if (auto audited = AuditDenied(actor, std::nullopt); !audited) {
      return std::unexpected(audited.error());
    }
    return std::unexpected(role.AsStatus().error());
  }
  auto found = db_.Read(
      [&](storage::Transaction& tx) { return ConcernStore::Find(tx, actor.tenant, public_id); });
  if (!found) return std::unexpected(found.error());
  if (!*found) {
    if (auto audited = AuditDenied(actor, std::nullopt); !audited) {
      return std::unexpected(audited.error());
    }
    return base::Fail(ErrorCode::kNotFound, std::string(kNoSuchRecord));
  }
  // The receiving committee's intake works every report of the committee: its intake is the
  // report's team.
  const RecordScope scope{.owning_authority = (*found)->receiving_authority,
                          .on_case_team = intake.allowed};
  if (const Decision decision = Decide(actor, permission, &scope, now); !decision.allowed) {
    if (auto audited = AuditDenied(actor, (*found)->id); !audited) {
      return std::unexpected(audited.error());
    }
    return std::unexpected(decision.AsStatus().error());
  }
  return std::move(**found);
}

base::Result<ReportRecord> ConcernService::Open(const trust::Actor& actor,
                                                std::string_view public_id) const {
  auto loaded = LoadForIntake(actor, public_id, /*write=*/false);
  if (!loaded) return std::unexpected(loaded.error());
  const StoredReport& r = *loaded;
  const std::int64_t now_us = NowMicros(clock_);
  auto event =
      EventOf(actor, audit::Action::kRead, audit::Outcome::kAllowed, audit::Purpose::kCaseWork);
  if (!event) return std::unexpected(event.error());
  AboutReport(*event, r.id);
  std::optional<std::int64_t> opened_at = r.intake_opened_at;
  if (!opened_at) {
    // The first opening by intake is what the reporter's receipt shows as "received".
    auto marked = db_.Write([&](storage::Transaction& tx) -> base::Status {
      auto first = ConcernStore::MarkOpened(tx, actor.tenant, r.id, now_us);
      if (!first) return std::unexpected(first.error());
      if (*first) {
        if (auto ok = ConcernStore::InsertEvent(tx, actor.tenant, r.id, "opened",
                                                actor.user_id.value_or(0), now_us);
            !ok) {
          return ok;
        }
      }
      if (auto ok = audit_.AppendInTransaction(tx, *event); !ok) {
        return std::unexpected(ok.error());
      }
      return base::Ok();
    });
    if (!marked) return std::unexpected(marked.error());
    opened_at = now_us;
  } else if (auto ok = audit_.Append(*event); !ok) {
    return std::unexpected(ok.error());
  }

  struct Extra {
    std::vector<StoredDeadline> deadlines;
    std::vector<ReportEvent> events;
    std::string reporter;
    std::optional<AuthorityRow> committee;
    std::optional<AuthorityRow> unit;
  };
  auto extra = db_.Read([&](storage::Transaction& tx) -> base::Result<Extra> {
    Extra out;
    auto deadlines = ConcernStore::Deadlines(tx, actor.tenant, r.id);
    if (!deadlines) return std::unexpected(deadlines.error());
    out.deadlines = std::move(*deadlines);
    auto events = ConcernStore::Events(tx, actor.tenant, r.id);
    if (!events) return std::unexpected(events.error());
    out.events = std::move(*events);
    auto reporter = ConcernStore::UserDisplayName(tx, actor.tenant, r.reporter_user_id);
    if (!reporter) return std::unexpected(reporter.error());
    out.reporter = std::move(*reporter);
    auto committee = ConcernStore::OrganisationById(tx, actor.tenant, r.receiving_authority);
    if (!committee) return std::unexpected(committee.error());
    out.committee = std::move(*committee);
    if (r.reporter_unit) {
      auto unit = ConcernStore::OrganisationById(tx, actor.tenant, *r.reporter_unit);
      if (!unit) return std::unexpected(unit.error());
      out.unit = std::move(*unit);
    }
    return out;
  });
  if (!extra) return std::unexpected(extra.error());

  ReportRecord record;
  record.public_id = r.public_id;
  record.reference = r.reference;
  record.committee_code = extra->committee ? extra->committee->code : "";
  record.district = r.district;
  record.status = r.status == ReportStatus::kNew ? ReportStatus::kReceived : r.status;
  record.child_known = r.child_known;
  for (const auto& [column, sealed, target] :
       {std::tuple{kChildNameColumn, &r.child_name, &record.child_name},
        std::tuple{kChildDescriptionColumn, &r.child_description, &record.child_description},
        std::tuple{kAssessmentNoteColumn, &r.assessment_note, &record.assessment_note}}) {
    auto opened = sealed_.Open(actor.tenant, r.id, column, *sealed);
    if (!opened) return std::unexpected(opened.error());
    *target = std::move(*opened);
  }
  auto concern_text =
      sealed_.Open(actor.tenant, r.id, kConcernTextColumn, std::optional(r.concern_text));
  if (!concern_text) return std::unexpected(concern_text.error());
  record.concern_text = std::move(*concern_text);
  auto contact =
      sealed_.Open(actor.tenant, r.id, kReporterContactColumn, std::optional(r.reporter_contact));
  if (!contact) return std::unexpected(contact.error());
  record.reporter_contact = std::move(*contact);
  record.reporter_display_name = extra->reporter;
  if (extra->unit) {
    record.reporter_unit_name_sv = extra->unit->name_sv;
    record.reporter_unit_name_en = extra->unit->name_en;
  }
  record.screening_public_id = r.screening_public_id.value_or("");
  record.received_at = r.received_at;
  record.assessment_outcome = r.assessment_outcome;
  record.assessed_at = r.assessed_at;
  record.decision = r.decision;
  record.decision_date = r.decision_date.value_or("");
  record.closed_at = r.closed_at;
  record.version = r.version;
  record.deadlines = Views(extra->deadlines, now_us);
  record.events = std::move(extra->events);
  for (const DeadlineView& d : record.deadlines) {
    record.overdue = record.overdue || d.state == DeadlineState::kOverdue;
    record.escalated = record.escalated || d.escalated;
  }
  return record;
}

template <typename F>
base::Result<std::vector<FieldProblem>> ConcernService::Mutate(const trust::Actor& actor,
                                                               std::string_view public_id,
                                                               F&& change) const {
  auto loaded = LoadForIntake(actor, public_id, /*write=*/true);
  if (!loaded) return std::unexpected(loaded.error());
  const std::int64_t now_us = NowMicros(clock_);
  auto result = db_.Write([&](storage::Transaction& tx) -> base::Result<std::vector<FieldProblem>> {
    auto problems = change(tx, *loaded, now_us);
    if (!problems || !problems->empty()) return problems;
    auto event =
        EventOf(actor, audit::Action::kUpdate, audit::Outcome::kAllowed, audit::Purpose::kCaseWork);
    if (!event) return std::unexpected(event.error());
    AboutReport(*event, loaded->id);
    if (auto ok = audit_.AppendInTransaction(tx, *event); !ok) return std::unexpected(ok.error());
    return problems;
  });
  if (!result && result.error().code == ErrorCode::kConflict) {
    return base::Fail(ErrorCode::kConflict,
                      "Someone else changed this report a moment ago. Check it and try again.");
  }
  return result;
}

base::Result<std::vector<FieldProblem>> ConcernService::RecordAssessment(
    const trust::Actor& actor, std::string_view public_id, const AssessmentInput& input) const {
  const auto outcome = ParseAssessmentOutcome(input.outcome);
  const std::string note = Trim(input.note);
  return Mutate(
      actor, public_id,
      [&](storage::Transaction& tx, const StoredReport& r,
          std::int64_t now_us) -> base::Result<std::vector<FieldProblem>> {
        std::vector<FieldProblem> problems;
        if (r.assessed_at) {
          Problem(problems, "outcome", "assessment.already",
                  "The protection assessment is already recorded.");
        }
        if (!outcome) {
          Problem(problems, "outcome", "outcome.missing",
                  "Choose the outcome of the protection assessment.");
        }
        if (note.empty()) {
          Problem(problems, "note", "note.missing", "Write what the assessment was based on.");
        } else if (note.size() > kMaxText) {
          Problem(problems, "note", "text.too_long", "The text is too long.");
        }
        if (!problems.empty()) return problems;
        auto sealed = sealed_.Seal(actor.tenant, r.id, kAssessmentNoteColumn, note);
        if (!sealed) return std::unexpected(sealed.error());
        const std::int64_t user = actor.user_id.value_or(0);
        if (auto ok = ConcernStore::RecordAssessment(tx, actor.tenant, r.id, *outcome, **sealed,
                                                     user, now_us, input.expected_version);
            !ok) {
          return std::unexpected(ok.error());
        }
        if (auto ok =
                ConcernStore::MeetDeadlines(tx, actor.tenant, r.id, MetBy::kAssessment, now_us);
            !ok) {
          return std::unexpected(ok.error());
        }
        if (auto ok = ConcernStore::InsertEvent(tx, actor.tenant, r.id, "assessed", user, now_us);
            !ok) {
          return std::unexpected(ok.error());
        }
        return problems;
      });
}

base::Result<std::vector<FieldProblem>> ConcernService::RecordDecision(
    const trust::Actor& actor, std::string_view public_id, const DecisionInput& input) const {
  const auto decision = ParseInvestigationDecision(input.decision);
  const std::string date_text = Trim(input.decision_date);
  const auto date = base::ParseIsoDate(date_text);
  return Mutate(
      actor, public_id,
      [&](storage::Transaction& tx, const StoredReport& r,
          std::int64_t now_us) -> base::Result<std::vector<FieldProblem>> {
        std::vector<FieldProblem> problems;
        if (!r.assessed_at) {
          Problem(problems, "decision", "decision.needs_assessment",
                  "Record the protection assessment first.");
        } else if (r.decision) {
          Problem(problems, "decision", "decision.already", "The decision is already recorded.");
        }
        if (!decision) {
          Problem(problems, "decision", "decision.missing",
                  "Choose whether an investigation is opened.");
        }
        if (!date) {
          Problem(problems, "decision_date", "decision_date.invalid",
                  "Write the date of the decision as YYYY-MM-DD.");
        } else {
          const std::int64_t day = base::FromSwedishLocal(*date);
          if (day > now_us) {
            Problem(problems, "decision_date", "decision_date.future",
                    "The date of the decision cannot be in the future.");
          } else if (day < base::StartOfSwedishDay(r.received_at)) {
            Problem(problems, "decision_date", "decision_date.before_receipt",
                    "The decision cannot be dated before the report was received.");
          }
        }
        if (!problems.empty()) return problems;
        const std::int64_t user = actor.user_id.value_or(0);
        if (auto ok = ConcernStore::RecordDecision(tx, actor.tenant, r.id, *decision, date_text,
                                                   user, now_us, input.expected_version);
            !ok) {
          return std::unexpected(ok.error());
        }
        if (auto ok = ConcernStore::MeetDeadlines(tx, actor.tenant, r.id, MetBy::kDecision, now_us);
            !ok) {
          return std::unexpected(ok.error());
        }
        // No investigation: the investigation deadline no longer applies.
        if (*decision == InvestigationDecision::kNoInvestigation) {
          if (auto ok = ConcernStore::WaiveDeadlines(tx, actor.tenant, r.id, MetBy::kClosed); !ok) {
            return std::unexpected(ok.error());
          }
        }
        if (auto ok = ConcernStore::InsertEvent(tx, actor.tenant, r.id, "decided", user, now_us);
            !ok) {
          return std::unexpected(ok.error());
        }
        return problems;
      });
}

base::Result<std::vector<FieldProblem>> ConcernService::Close(const trust::Actor& actor,
                                                              std::string_view public_id,
                                                              std::int64_t expected_version) const {
  return Mutate(
      actor, public_id,
      [&](storage::Transaction& tx, const StoredReport& r,
          std::int64_t now_us) -> base::Result<std::vector<FieldProblem>> {
        std::vector<FieldProblem> problems;
        if (r.closed_at) {
          Problem(problems, "close", "close.already", "The report is already closed.");
        } else if (!r.decision) {
          Problem(problems, "close", "close.needs_decision",
                  "Record the decision whether to open an investigation first.");
        }
        if (!problems.empty()) return problems;
        const std::int64_t user = actor.user_id.value_or(0);
        if (auto ok = ConcernStore::Close(tx, actor.tenant, r.id, user, now_us, expected_version);
            !ok) {
          return std::unexpected(ok.error());
        }
        if (auto ok = ConcernStore::MeetDeadlines(tx, actor.tenant, r.id, MetBy::kClosed, now_us);
            !ok) {
          return std::unexpected(ok.error());
        }
        if (auto ok = ConcernStore::InsertEvent(tx, actor.tenant, r.id, "closed", user, now_us);
            !ok) {
          return std::unexpected(ok.error());
        }
        return problems;
      });
}

}  // namespace fyren::concern
