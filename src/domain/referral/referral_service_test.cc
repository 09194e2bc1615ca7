// ReferralService: sending to an organisation that takes the kind, the refusal when it does not,
// who sees a referral (and the audited 404 for everyone else), the recipient's status moves with
// their history, illegal moves, a decline without a reason, and a stale version.
#include "domain/referral/referral_service.h"

#include <gtest/gtest.h>

#include "base/random.h"
#include "domain/referral/referral_test_fixture.h"

namespace fyren::referral {
namespace {

using base::ErrorCode;

// The sources a sender may name: only screening "readable" and case "CEN-2026-0001".
class FakeSources final : public SourceReader {
 public:
  base::Status CheckReadable(const trust::Actor&, SourceKind kind,
                             std::string_view id) const override {
    if (kind == SourceKind::kScreening && id == readable_screening) return base::Ok();
    if (kind == SourceKind::kCase && id == "CEN-2026-0001") return base::Ok();
    return base::Fail(ErrorCode::kNotFound, "No such record.");
  }
  std::string readable_screening = base::NewPublicId();
};

class ReferralServiceTest : public testing::Fixture {
 protected:
  void SetUp() override {
    Fixture::SetUp();
    std::vector<RecipientRule> rules = {
        {.organisation = "CEN-BH", .kinds = {Kind::kChildAbuse}},
        {.organisation = "CEN-KC", .kinds = {Kind::kConsultation}},
        {.organisation = "CEN-SAM", .kinds = {Kind::kAdultSupport}},
        {.organisation = "NGO-A", .kinds = {Kind::kPartnerSupport}},
    };
    service_ = std::make_unique<ReferralService>(*db_, *ring_, *audit_, clock_, rules, sources_);
    ASSERT_TRUE(service_->CheckRecipients(base::TenantId(1)));
  }

  ReferralInput ToBarnahus() const {
    return ReferralInput{.kind = "child_abuse",
                         .recipient = "CEN-BH",
                         .source_kind = "screening",
                         .source_id = sources_.readable_screening,
                         .message = "Flicka 14 år, tydlig oro efter kartläggning.",
                         .person_summary = "Elev på skola i Centrum"};
  }

  std::string SendOk(const trust::Actor& actor, const ReferralInput& input) {
    auto sent = service_->Send(actor, input);
    EXPECT_TRUE(sent) << sent.error().message;
    if (!sent) return {};
    EXPECT_TRUE(sent->ok()) << (sent->problems.empty() ? "" : sent->problems.front().message);
    return sent->public_id;
  }

  FakeSources sources_;
  std::unique_ptr<ReferralService> service_;
};

TEST_F(ReferralServiceTest, UnknownRecipientCodeStopsTheStart) {
  ReferralService bad(*db_, *ring_, *audit_, clock_,
                      {{.organisation = "NOPE", .kinds = {Kind::kChildAbuse}}}, sources_);
  auto checked = bad.CheckRecipients(base::TenantId(1));
  ASSERT_FALSE(checked);
  EXPECT_NE(checked.error().message.find("content/referral_recipients.toml: recipient 1"),
            std::string::npos);
  EXPECT_NE(checked.error().message.find("NOPE"), std::string::npos);
}

TEST_F(ReferralServiceTest, RecipientsAreFilteredByKind) {
  auto recipients = service_->Recipients(Intake(), Kind::kChildAbuse);
  ASSERT_TRUE(recipients);
  ASSERT_EQ(recipients->size(), 1U);
  EXPECT_EQ(recipients->front().code, "CEN-BH");
  auto all = service_->Recipients(Intake(), std::nullopt);
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 4U);
  EXPECT_EQ(service_->Recipients(Analyst(), std::nullopt).error().code, ErrorCode::kForbidden);
}

TEST_F(ReferralServiceTest, SendOpenAndHistory) {
  const std::string id = SendOk(Intake(), ToBarnahus());
  // The sender sees it as sent; opening does not mark it received.
  auto mine = service_->Open(Intake(), id);
  ASSERT_TRUE(mine) << mine.error().message;
  EXPECT_EQ(mine->status, Status::kSent);
  EXPECT_EQ(mine->side, Side::kSender);
  EXPECT_EQ(mine->message, "Flicka 14 år, tydlig oro efter kartläggning.");
  EXPECT_EQ(mine->person_summary, "Elev på skola i Centrum");
  EXPECT_EQ(mine->source_kind, SourceKind::kScreening);
  EXPECT_EQ(mine->source_id, sources_.readable_screening);
  EXPECT_EQ(mine->recipient_code, "CEN-BH");

  // Barnahus opens it: received, with an event.
  auto theirs = service_->Open(Barnahus(), id);
  ASSERT_TRUE(theirs) << theirs.error().message;
  EXPECT_EQ(theirs->side, Side::kRecipient);
  EXPECT_EQ(theirs->status, Status::kReceived);
  ASSERT_EQ(theirs->events.size(), 2U);
  EXPECT_EQ(theirs->events[0].status, Status::kSent);
  EXPECT_EQ(theirs->events[1].status, Status::kReceived);

  auto lists = service_->List(Barnahus());
  ASSERT_TRUE(lists);
  ASSERT_EQ(lists->received.size(), 1U);
  EXPECT_TRUE(lists->sent.empty());
  EXPECT_EQ(lists->received.front().status, Status::kReceived);
  EXPECT_EQ(lists->received.front().counterpart_name_en, "Intake");
  auto sent = service_->List(Intake());
  ASSERT_TRUE(sent);
  ASSERT_EQ(sent->sent.size(), 1U);
  EXPECT_EQ(sent->sent.front().counterpart_name_en, "Barnahus");
}

TEST_F(ReferralServiceTest, MessageIsSealedAtRest) {
  const std::string id = SendOk(Intake(), ToBarnahus());
  auto rows = db_->Read([&](storage::Transaction& tx) {
    return tx.Query("SELECT message FROM referrals WHERE public_id = $1", {id});
  });
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->front().Bytes(0).find("Flicka"), std::string::npos);
}

TEST_F(ReferralServiceTest, KindTheRecipientDoesNotTakeIsRefused) {
  ReferralInput input = ToBarnahus();
  input.kind = "adult_support";
  auto sent = service_->Send(Intake(), input);
  ASSERT_TRUE(sent);
  ASSERT_EQ(sent->problems.size(), 1U);
  EXPECT_EQ(sent->problems.front().field, "recipient");
  EXPECT_EQ(sent->problems.front().code, "recipient.kind_not_taken");
  EXPECT_NE(sent->problems.front().message.find("Barnahus does not take"), std::string::npos);
  auto count = db_->Read(
      [](storage::Transaction& tx) { return tx.Query("SELECT COUNT(*) FROM referrals"); });
  EXPECT_EQ(count->front().Int(0), 0);
}

TEST_F(ReferralServiceTest, BadInputNamesEachField) {
  auto sent = service_->Send(Intake(), ReferralInput{.kind = "hugs",
                                                     .recipient = "NOPE",
                                                     .source_kind = "screening",
                                                     .source_id = base::NewPublicId(),
                                                     .message = "  ",
                                                     .person_summary = {}});
  ASSERT_TRUE(sent);
  std::vector<std::string> fields;
  for (const auto& p : sent->problems) fields.push_back(p.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"kind", "recipient", "source", "message"}));
}

TEST_F(ReferralServiceTest, SourceTheSenderCannotReadIsRefused) {
  ReferralInput input = ToBarnahus();
  input.source_id = base::NewPublicId();
  auto sent = service_->Send(Intake(), input);
  ASSERT_TRUE(sent);
  ASSERT_EQ(sent->problems.size(), 1U);
  EXPECT_EQ(sent->problems.front().code, "source.unknown");
}

TEST_F(ReferralServiceTest, OutsidersGetNotFoundAndTheDenialIsAudited) {
  const std::string id = SendOk(Intake(), ToBarnahus());
  const std::int64_t denied_before = CountAudit("denied", "denied");
  for (const trust::Actor& outsider : {Other(), Centre(), Partner(), Analyst()}) {
    auto opened = service_->Open(outsider, id);
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(opened.error().message, "No such record.");
  }
  auto missing = service_->Open(Other(), base::NewPublicId());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "No such record.");
  EXPECT_EQ(CountAudit("denied", "denied"), denied_before + 5);
  auto changed = service_->ChangeStatus(
      Other(), id, {.status = "accepted", .reason = {}, .expected_version = 1});
  ASSERT_FALSE(changed);
  EXPECT_EQ(changed.error().code, ErrorCode::kNotFound);
}

TEST_F(ReferralServiceTest, StatusesWithHistoryAndIllegalMoves) {
  const std::string id = SendOk(Intake(), ToBarnahus());
  auto opened = service_->Open(Barnahus(), id);
  ASSERT_TRUE(opened);
  // Done before accepted: illegal.
  auto early = service_->ChangeStatus(
      Barnahus(), id, {.status = "done", .reason = {}, .expected_version = opened->version});
  ASSERT_TRUE(early);
  EXPECT_TRUE(early->illegal_transition);
  auto accepted = service_->ChangeStatus(
      Barnahus(), id, {.status = "accepted", .reason = {}, .expected_version = opened->version});
  ASSERT_TRUE(accepted) << accepted.error().message;
  EXPECT_TRUE(accepted->ok());
  // A stale version is a conflict, and nothing changes.
  auto stale = service_->ChangeStatus(
      Barnahus(), id, {.status = "done", .reason = {}, .expected_version = opened->version});
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  auto done = service_->ChangeStatus(
      Barnahus(), id, {.status = "done", .reason = {}, .expected_version = opened->version + 1});
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_TRUE(done->ok());
  auto again = service_->ChangeStatus(
      Barnahus(), id,
      {.status = "declined", .reason = "x", .expected_version = opened->version + 2});
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->illegal_transition);

  auto view = service_->Open(Intake(), id);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->status, Status::kDone);
  std::vector<Status> history;
  for (const auto& e : view->events) history.push_back(e.status);
  EXPECT_EQ(history, (std::vector<Status>{Status::kSent, Status::kReceived, Status::kAccepted,
                                          Status::kDone}));
}

TEST_F(ReferralServiceTest, DeclineNeedsAReasonAndOnlyTheRecipientMoves) {
  const std::string id = SendOk(Intake(), ToBarnahus());
  auto by_sender = service_->ChangeStatus(
      Intake(), id, {.status = "accepted", .reason = {}, .expected_version = 1});
  ASSERT_FALSE(by_sender);
  EXPECT_EQ(by_sender.error().code, ErrorCode::kForbidden);

  // Acting on a referral still "sent" (the API) records the receipt first.
  auto no_reason = service_->ChangeStatus(
      Barnahus(), id, {.status = "declined", .reason = {}, .expected_version = 1});
  ASSERT_TRUE(no_reason);
  ASSERT_EQ(no_reason->problems.size(), 1U);
  EXPECT_EQ(no_reason->problems.front().field, "reason");
  EXPECT_FALSE(no_reason->illegal_transition);
  auto declined = service_->ChangeStatus(
      Barnahus(), id,
      {.status = "declined", .reason = "Barnet bor i annan kommun.", .expected_version = 1});
  ASSERT_TRUE(declined) << declined.error().message;
  EXPECT_TRUE(declined->ok());
  auto view = service_->Open(Intake(), id);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->status, Status::kDeclined);
  EXPECT_EQ(view->decline_reason, "Barnet bor i annan kommun.");
  ASSERT_EQ(view->events.size(), 3U);
  EXPECT_EQ(view->events[1].status, Status::kReceived);
}

TEST_F(ReferralServiceTest, AcceptedAdultReferralSuggestsRegisteringThePerson) {
  ReferralInput input = ToBarnahus();
  input.kind = "adult_support";
  input.recipient = "CEN-SAM";
  input.source_kind = "case";
  input.source_id = "CEN-2026-0001";
  const std::string id = SendOk(Intake(), input);
  auto opened = service_->Open(Coordinator(), id);
  ASSERT_TRUE(opened);
  EXPECT_FALSE(opened->suggest_register_person);
  auto accepted = service_->ChangeStatus(
      Coordinator(), id, {.status = "accepted", .reason = {}, .expected_version = opened->version});
  ASSERT_TRUE(accepted);
  ASSERT_TRUE(accepted->ok());
  auto view = service_->Open(Coordinator(), id);
  ASSERT_TRUE(view);
  // It came from a case: the coordinator continues in that case instead.
  EXPECT_FALSE(view->suggest_register_person);
  EXPECT_EQ(view->linked_case, "CEN-2026-0001");
  EXPECT_TRUE(service_->Open(Intake(), id)->linked_case.empty());
  // Without a case behind it, the coordinator is pointed to registering the person.
  input.source_kind = "";
  input.source_id = "";
  const std::string bare = SendOk(Intake(), input);
  auto received = service_->Open(Coordinator(), bare);
  ASSERT_TRUE(received);
  ASSERT_TRUE(service_
                  ->ChangeStatus(
                      Coordinator(), bare,
                      {.status = "accepted", .reason = {}, .expected_version = received->version})
                  ->ok());
  auto bare_view = service_->Open(Coordinator(), bare);
  ASSERT_TRUE(bare_view);
  EXPECT_TRUE(bare_view->suggest_register_person);
  EXPECT_FALSE(service_->Open(Intake(), bare)->suggest_register_person);
}

TEST_F(ReferralServiceTest, PartnerRecipientSeesAndMovesThroughTheShare) {
  ReferralInput input = ToBarnahus();
  input.kind = "partner_support";
  input.recipient = "NGO-A";
  input.source_kind = "";
  input.source_id = "";
  const std::string id = SendOk(Intake(), input);
  auto opened = service_->Open(Partner(), id);
  ASSERT_TRUE(opened) << opened.error().message;
  EXPECT_EQ(opened->side, Side::kRecipient);
  auto accepted = service_->ChangeStatus(
      Partner(), id, {.status = "accepted", .reason = {}, .expected_version = opened->version});
  ASSERT_TRUE(accepted) << accepted.error().message;
  EXPECT_TRUE(accepted->ok());
}

TEST_F(ReferralServiceTest, RoleWithoutWriteCannotSend) {
  auto sent = service_->Send(Analyst(), ToBarnahus());
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().code, ErrorCode::kForbidden);
}

}  // namespace
}  // namespace fyren::referral
