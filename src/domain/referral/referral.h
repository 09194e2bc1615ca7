#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/ids.h"

namespace fyren::referral {

// What a referral asks the recipient to do (issue 5 §4). Which organisation takes which kinds is
// content (content/referral_recipients.toml, recipients.h).
//   adult_support   — an adult to a district committee's exit coordinator unit (an exit case)
//   child_abuse     — a child to Barnahus
//   consultation    — a named case to the competence centre for advice
//   partner_support — an NGO or other partner
enum class Kind { kAdultSupport, kChildAbuse, kConsultation, kPartnerSupport };
[[nodiscard]] std::string_view ToString(Kind kind);
[[nodiscard]] std::optional<Kind> ParseKind(std::string_view text);
[[nodiscard]] const std::vector<Kind>& AllKinds();

// sent → received (the recipient first opened it) → accepted | declined (with a reason) → done
// (after accepted). Only the recipient moves it.
enum class Status { kSent, kReceived, kAccepted, kDeclined, kDone };
[[nodiscard]] std::string_view ToString(Status status);
[[nodiscard]] std::optional<Status> ParseStatus(std::string_view text);
// True when the recipient may move a referral from `from` to `to` (received counts as reached
// when the recipient acts on a referral still "sent").
[[nodiscard]] bool MayMove(Status from, Status to);

// Where the referral came from: the sender can only name a source they may read.
enum class SourceKind { kNone, kScreening, kCase, kReport };
[[nodiscard]] std::string_view ToString(SourceKind kind);
[[nodiscard]] std::optional<SourceKind> ParseSourceKind(std::string_view text);

// A problem with one field; `code` is stable (catalog key "referral.problem.<code>"), `message`
// the English fallback.
struct FieldProblem {
  std::string field;
  std::string code;
  std::string message;
};

struct ReferralInput {
  std::string kind;         // Kind code
  std::string recipient;    // organisation code
  std::string source_kind;  // SourceKind code; "" = none
  std::string source_id;    // the source's public id (screening, case) or report public id
  std::string message;
  std::string person_summary;  // optional
};

struct SendOutcome {
  std::vector<FieldProblem> problems;
  std::string public_id;
  [[nodiscard]] bool ok() const { return problems.empty(); }
};

struct StatusInput {
  std::string status;  // Status code: received, accepted, declined or done
  std::string reason;  // required for declined
  std::int64_t expected_version = 0;
};

struct StatusOutcome {
  std::vector<FieldProblem> problems;
  // True when the move is not allowed from the current status (HTTP 409), as opposed to bad
  // input (422).
  bool illegal_transition = false;
  [[nodiscard]] bool ok() const { return problems.empty(); }
};

// An organisation that takes referrals, with the kinds it takes.
struct Recipient {
  std::string code;
  std::string name_sv;
  std::string name_en;
  std::vector<Kind> kinds;
};

struct ReferralEvent {
  Status status = Status::kSent;
  std::string user_display_name;
  std::int64_t occurred_at = 0;
};

// Which side of the referral the actor is on.
enum class Side { kSender, kRecipient };

// A referral, opened by the sender's unit or the recipient.
struct ReferralView {
  std::string public_id;
  Kind kind = Kind::kAdultSupport;
  Status status = Status::kSent;
  Side side = Side::kSender;
  std::string sender_display_name;
  std::string sender_unit_name_sv;
  std::string sender_unit_name_en;
  std::string recipient_code;
  std::string recipient_name_sv;
  std::string recipient_name_en;
  SourceKind source_kind = SourceKind::kNone;
  std::string source_id;
  std::string message;
  std::string person_summary;
  std::string decline_reason;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::int64_t version = 1;
  std::vector<ReferralEvent> events;
  // An accepted adult_support referral: the coordinator registers the person in their own
  // authority (/persons/new?referral=<id>) and opens the exit case there; the referral carries no
  // person record across the secrecy boundary between committees.
  bool suggest_register_person = false;
  // The referral was continued in an exit case (both sides see that it led to contact with the
  // coordinator); the case's number and public id are for the recipient only (secrecy between
  // committees: the sender learns nothing of the case).
  bool case_opened = false;
  std::string opened_case_public_id;
  std::string opened_case_number;
  // When that referral came from an exit case, the case to continue in (the exit case service
  // decides whether the coordinator may open it).
  std::string linked_case;
};

// One row of a list: no free text, no names of the person.
struct ReferralRow {
  std::string public_id;
  Kind kind = Kind::kAdultSupport;
  Status status = Status::kSent;
  std::string counterpart_name_sv;  // the recipient for sent, the sender's unit for received
  std::string counterpart_name_en;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

struct ReferralLists {
  std::vector<ReferralRow> sent;
  std::vector<ReferralRow> received;
};

}  // namespace fyren::referral
