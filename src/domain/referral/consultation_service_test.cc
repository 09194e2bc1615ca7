// ConsultationService: a unit asks, the competence centre sees its inbox and answers once, the
// asker's unit reads the answer, everyone else gets the audited 404.
#include "domain/referral/consultation_service.h"

#include <gtest/gtest.h>

#include "domain/referral/referral_test_fixture.h"

namespace fyren::referral {
namespace {

using base::ErrorCode;

class ConsultationServiceTest : public testing::Fixture {
 protected:
  void SetUp() override {
    Fixture::SetUp();
    service_ = std::make_unique<ConsultationService>(
        *db_, *ring_, *audit_, clock_,
        std::vector<RecipientRule>{{.organisation = "CEN-KC", .kinds = {Kind::kConsultation}},
                                   {.organisation = "CEN-BH", .kinds = {Kind::kChildAbuse}}});
  }
  std::unique_ptr<ConsultationService> service_;
};

TEST_F(ConsultationServiceTest, AskedAnsweredAndVisibleToTheAskerOnly) {
  auto asked = service_->Ask(Intake(), "Hur frågar vi om ersättning för sex i ett första samtal?");
  ASSERT_TRUE(asked) << asked.error().message;
  ASSERT_TRUE(asked->ok());
  const std::string id = asked->public_id;

  auto inbox = service_->Inbox(Centre());
  ASSERT_TRUE(inbox) << inbox.error().message;
  ASSERT_EQ(inbox->size(), 1U);
  EXPECT_FALSE(inbox->front().answered_at);
  EXPECT_EQ(inbox->front().asker_unit_name_en, "Intake");

  auto open = service_->Get(Centre(), id);
  ASSERT_TRUE(open) << open.error().message;
  EXPECT_TRUE(open->may_answer);
  EXPECT_TRUE(open->answer.empty());

  auto empty = service_->Answer(Centre(), id, " ");
  ASSERT_TRUE(empty);
  ASSERT_EQ(empty->size(), 1U);
  EXPECT_EQ(empty->front().code, "answer.missing");
  auto answered = service_->Answer(Centre(), id, "Använd de korta frågorna i instrumentet.");
  ASSERT_TRUE(answered) << answered.error().message;
  EXPECT_TRUE(answered->empty());
  auto twice = service_->Answer(Centre(), id, "Igen");
  ASSERT_TRUE(twice);
  ASSERT_EQ(twice->size(), 1U);
  EXPECT_EQ(twice->front().code, "answer.already");

  auto mine = service_->Get(Intake(), id);
  ASSERT_TRUE(mine) << mine.error().message;
  EXPECT_EQ(mine->answer, "Använd de korta frågorna i instrumentet.");
  EXPECT_EQ(mine->answered_by_display_name, "centre");
  EXPECT_FALSE(mine->may_answer);
  auto listed = service_->ListMine(Intake());
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1U);
  EXPECT_TRUE(listed->front().answered_at);

  const std::int64_t denied_before = CountAudit("denied", "denied");
  for (const trust::Actor& outsider : {Other(), Barnahus(), Partner()}) {
    auto read = service_->Get(outsider, id);
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(read.error().message, "No such record.");
  }
  EXPECT_EQ(CountAudit("denied", "denied"), denied_before + 3);
  EXPECT_TRUE(service_->ListMine(Other())->empty());
}

TEST_F(ConsultationServiceTest, InboxAndAnswerAreForTheCentreOnly) {
  auto asked = service_->Ask(Intake(), "En fråga");
  ASSERT_TRUE(asked);
  EXPECT_EQ(service_->Inbox(Barnahus()).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(service_->Inbox(Intake()).error().code, ErrorCode::kForbidden);
  auto answered = service_->Answer(Intake(), asked->public_id, "Svar");
  ASSERT_FALSE(answered);
  EXPECT_EQ(answered.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(*service_->IsCentreStaff(Centre()));
  EXPECT_FALSE(*service_->IsCentreStaff(Barnahus()));
}

TEST_F(ConsultationServiceTest, EmptyQuestionAndRoleWithoutWriteAreRefused) {
  auto empty = service_->Ask(Intake(), "   ");
  ASSERT_TRUE(empty);
  ASSERT_EQ(empty->problems.size(), 1U);
  EXPECT_EQ(empty->problems.front().field, "question");
  auto analyst = service_->Ask(Analyst(), "Fråga");
  ASSERT_FALSE(analyst);
  EXPECT_EQ(analyst.error().code, ErrorCode::kForbidden);
}

TEST_F(ConsultationServiceTest, QuestionIsSealedAtRest) {
  auto asked = service_->Ask(Intake(), "Hemlig fråga");
  ASSERT_TRUE(asked);
  auto rows = db_->Read(
      [](storage::Transaction& tx) { return tx.Query("SELECT question FROM consultations"); });
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->front().Bytes(0).find("Hemlig"), std::string::npos);
}

}  // namespace
}  // namespace fyren::referral
