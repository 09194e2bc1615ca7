// Continuing an accepted adult_support referral in an exit case (issue 5 §4): the case, the link
// and the referral's move to done in one transaction; what the recipient and the sender see;
// every referral that may not be continued (unknown, not accepted, not adult_support, another
// unit's, already done, a role without write) gives the same problem and writes nothing; a
// failure inside the write leaves neither case nor link.
#include "domain/referral/case_handover.h"

#include <gtest/gtest.h>

#include "domain/exit_case/exit_case_service.h"
#include "domain/person/person_service.h"
#include "domain/person/person_test_input.h"
#include "domain/referral/referral_service.h"
#include "domain/referral/referral_test_fixture.h"

namespace fyren::referral {
namespace {

using base::ErrorCode;

class NoSources final : public SourceReader {
 public:
  base::Status CheckReadable(const trust::Actor&, SourceKind, std::string_view) const override {
    return base::Fail(ErrorCode::kNotFound, "No such record.");
  }
};

// As app/referral_handover.h wires it (domain tests do not link app/).
class Adapter : public exit_case::ReferralHandover {
 public:
  explicit Adapter(const CaseHandover& handover) : handover_(handover) {}
  base::Status Check(const trust::Actor& actor, std::string_view id) const override {
    return handover_.Check(actor, id);
  }
  base::Status RecordCaseOpened(storage::Transaction& tx, const trust::Actor& actor,
                                std::string_view id,
                                const exit_case::OpenedCase& opened) const override {
    return handover_.RecordCaseOpened(tx, actor, id,
                                      CaseLink{.case_id = opened.case_id,
                                               .case_public_id = opened.public_id,
                                               .case_number = opened.case_number});
  }
  base::Result<std::optional<std::string>> ReferralOfCase(storage::Transaction& tx,
                                                          base::TenantId tenant,
                                                          std::int64_t case_id) const override {
    return CaseHandover::ReferralOfCase(tx, tenant, case_id);
  }

 private:
  const CaseHandover& handover_;
};

// A store failure after the case insert: the handover's write fails inside the transaction.
class FailingAdapter final : public Adapter {
 public:
  using Adapter::Adapter;
  base::Status RecordCaseOpened(storage::Transaction&, const trust::Actor&, std::string_view,
                                const exit_case::OpenedCase&) const override {
    return base::Fail(ErrorCode::kUnavailable, "disk full");
  }
};

class CaseHandoverTest : public testing::Fixture {
 protected:
  void SetUp() override {
    Fixture::SetUp();
    std::vector<RecipientRule> rules = {
        {.organisation = "CEN-BH", .kinds = {Kind::kChildAbuse}},
        {.organisation = "CEN-SAM", .kinds = {Kind::kAdultSupport}},
    };
    referrals_ = std::make_unique<ReferralService>(*db_, *ring_, *audit_, clock_, rules, sources_);
    handover_ = std::make_unique<CaseHandover>(*db_, *ring_, *audit_, clock_);
    adapter_ = std::make_unique<Adapter>(*handover_);
    persons_ = std::make_unique<person::PersonService>(*db_, *ring_, *audit_, clock_);
    cases_ = std::make_unique<exit_case::ExitCaseService>(
        *db_, *ring_, *audit_, clock_, exit_case::ExitCaseServiceOptions{}, adapter_.get());
  }

  std::string Send(std::string kind, std::string recipient) {
    auto sent = referrals_->Send(Intake(), ReferralInput{.kind = std::move(kind),
                                                         .recipient = std::move(recipient),
                                                         .source_kind = "",
                                                         .source_id = "",
                                                         .message = "Vill ha stöd att lämna.",
                                                         .person_summary = "Kvinna, 30 år"});
    EXPECT_TRUE(sent && sent->ok());
    return sent && sent->ok() ? sent->public_id : std::string();
  }

  void Move(const trust::Actor& actor, const std::string& id, std::string status) {
    auto view = referrals_->Open(actor, id);
    ASSERT_TRUE(view);
    auto moved = referrals_->ChangeStatus(
        actor, id, {.status = std::move(status), .reason = {}, .expected_version = view->version});
    ASSERT_TRUE(moved);
    ASSERT_TRUE(moved->ok());
  }

  std::string AcceptedAdult() {
    const std::string id = Send("adult_support", "CEN-SAM");
    Move(Coordinator(), id, "accepted");
    return id;
  }

  std::string RegisterPerson(const trust::Actor& actor) {
    auto outcome = persons_->Register(actor, person::testing::SyntheticAliasPerson());
    EXPECT_TRUE(outcome && outcome->ok());
    return outcome && outcome->ok() ? outcome->public_id : std::string();
  }

  std::int64_t Count(std::string_view sql) {
    auto rows = db_->Read([&](storage::Transaction& tx) { return tx.Query(sql); });
    return rows ? rows->front().Int(0) : -1;
  }

  NoSources sources_;
  std::unique_ptr<ReferralService> referrals_;
  std::unique_ptr<CaseHandover> handover_;
  std::unique_ptr<Adapter> adapter_;
  std::unique_ptr<person::PersonService> persons_;
  std::unique_ptr<exit_case::ExitCaseService> cases_;
};

TEST_F(CaseHandoverTest, OpeningTheCaseLinksItAndFinishesTheReferral) {
  const std::string id = AcceptedAdult();
  auto shown = handover_->Show(Coordinator(), id);
  ASSERT_TRUE(shown) << shown.error().message;
  EXPECT_EQ(shown->person_summary, "Kvinna, 30 år");
  EXPECT_EQ(shown->sender_unit_name_sv, "Mottagning");

  const std::string person = RegisterPerson(Coordinator());
  auto prepared = cases_->PrepareOpenFromReferral(Coordinator(), person, id);
  ASSERT_TRUE(prepared);
  EXPECT_TRUE(prepared->referral_usable);
  auto opened = cases_->Open(Coordinator(), person, {.responsible_username = {}, .referral = id});
  ASSERT_TRUE(opened) << opened.error().message;
  ASSERT_TRUE(opened->ok()) << opened->problems.front().code;

  // The recipient sees the case; the sender only that it is done and led to contact.
  auto recipient = referrals_->Open(Coordinator(), id);
  ASSERT_TRUE(recipient);
  EXPECT_EQ(recipient->status, Status::kDone);
  EXPECT_TRUE(recipient->case_opened);
  EXPECT_EQ(recipient->opened_case_number, opened->case_number);
  EXPECT_EQ(recipient->opened_case_public_id, opened->public_id);
  EXPECT_FALSE(recipient->suggest_register_person);
  EXPECT_EQ(recipient->events.back().status, Status::kDone);
  auto sender = referrals_->Open(Intake(), id);
  ASSERT_TRUE(sender);
  EXPECT_EQ(sender->status, Status::kDone);
  EXPECT_TRUE(sender->case_opened);
  EXPECT_TRUE(sender->opened_case_number.empty());
  EXPECT_TRUE(sender->opened_case_public_id.empty());

  // The case page names the referral.
  auto view = cases_->Get(Coordinator(), opened->public_id);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->from_referral, id);
  // The move was audited as an update of the referral, without personal data.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_entries WHERE action = 'update' AND "
                  "record_type = 'referral'"),
            2);  // accepted, then done with the case

  // Done now: it cannot be continued a second time.
  const std::string second = RegisterPerson(Coordinator());
  auto again = cases_->Open(Coordinator(), second, {.responsible_username = {}, .referral = id});
  ASSERT_TRUE(again);
  ASSERT_FALSE(again->ok());
  EXPECT_EQ(again->problems.front().code, "referral.unusable");
}

TEST_F(CaseHandoverTest, ReferralsThatMayNotBeContinuedGiveOneAnswerAndWriteNothing) {
  const std::string received = Send("adult_support", "CEN-SAM");
  ASSERT_TRUE(referrals_->Open(Coordinator(), received));  // received, not accepted
  const std::string child = Send("child_abuse", "CEN-BH");
  Move(Barnahus(), child, "accepted");
  const std::string finished = AcceptedAdult();
  Move(Coordinator(), finished, "done");
  const std::string accepted = AcceptedAdult();
  const std::string person = RegisterPerson(Coordinator());
  const std::int64_t denied_before = CountAudit("denied", "denied");

  struct Attempt {
    trust::Actor actor;
    std::string referral;
  };
  const std::vector<Attempt> attempts = {
      {Coordinator(), "AAAAAAAAAAAAAAAAAAAAAAAAAA"},  // unknown
      {Coordinator(), "not a public id"},
      {Coordinator(), received},
      {Coordinator(), child},     // not adult_support, and not the coordinator's unit's
      {Coordinator(), finished},  // done by hand
      {Barnahus(), accepted},     // another unit of the same authority
      {Intake(), accepted},       // the sender
      {Other(), accepted},        // another authority
      {Actor(testing::kCoordinator, 14, 10, "analyst"), accepted},  // a role without write
  };
  int denials = 0;
  for (const Attempt& attempt : attempts) {
    SCOPED_TRACE(attempt.referral);
    auto shown = handover_->Show(attempt.actor, attempt.referral);
    ASSERT_FALSE(shown);
    EXPECT_EQ(shown.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(shown.error().message, kReferralNotUsable);
    ++denials;
  }
  for (const std::string& id :
       {std::string("AAAAAAAAAAAAAAAAAAAAAAAAAA"), received, child, finished}) {
    SCOPED_TRACE(id);
    auto opened = cases_->Open(Coordinator(), person, {.responsible_username = {}, .referral = id});
    ASSERT_TRUE(opened);
    ASSERT_FALSE(opened->ok());
    EXPECT_EQ(opened->problems.front().code, "referral.unusable");
    auto prepared = cases_->PrepareOpenFromReferral(Coordinator(), person, id);
    ASSERT_TRUE(prepared);
    EXPECT_FALSE(prepared->referral_usable);
    denials += 2;
  }
  EXPECT_EQ(CountAudit("denied", "denied"), denied_before + denials);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM exit_cases"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM referral_cases"), 0);
  // The accepted one is untouched by all of that.
  auto still = referrals_->Open(Coordinator(), accepted);
  ASSERT_TRUE(still);
  EXPECT_EQ(still->status, Status::kAccepted);
  EXPECT_TRUE(still->suggest_register_person);
}

TEST_F(CaseHandoverTest, AFailureInTheWriteLeavesNeitherCaseNorLink) {
  const std::string id = AcceptedAdult();
  const std::string person = RegisterPerson(Coordinator());
  const FailingAdapter failing(*handover_);
  const exit_case::ExitCaseService cases(*db_, *ring_, *audit_, clock_,
                                         exit_case::ExitCaseServiceOptions{}, &failing);
  auto opened = cases.Open(Coordinator(), person, {.responsible_username = {}, .referral = id});
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM exit_cases"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM exit_case_events"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM referral_cases"), 0);
  auto view = referrals_->Open(Coordinator(), id);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->status, Status::kAccepted);
  // Without the failure the same referral still goes through.
  auto retried = cases_->Open(Coordinator(), person, {.responsible_username = {}, .referral = id});
  ASSERT_TRUE(retried);
  EXPECT_TRUE(retried->ok());
}

TEST_F(CaseHandoverTest, ARaceAfterTheCheckRollsTheCaseBack) {
  const std::string id = AcceptedAdult();
  const std::string person = RegisterPerson(Coordinator());
  ASSERT_TRUE(handover_->Check(Coordinator(), id));
  // Someone finishes the referral by hand between the form and the write.
  ASSERT_TRUE(db_->Write([&](storage::Transaction& tx) -> base::Status {
    auto done = tx.Execute("UPDATE referrals SET status = 'done' WHERE public_id = $1", {id});
    if (!done) return std::unexpected(done.error());
    return base::Ok();
  }));
  auto linked = db_->Write([&](storage::Transaction& tx) {
    return handover_->RecordCaseOpened(
        tx, Coordinator(), id,
        CaseLink{.case_id = 1, .case_public_id = "x", .case_number = "CEN-2026-0001"});
  });
  ASSERT_FALSE(linked);
  EXPECT_EQ(linked.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM referral_cases"), 0);
}

}  // namespace
}  // namespace fyren::referral
