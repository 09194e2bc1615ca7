#include "trust/audit/audit_event.h"

#include <gtest/gtest.h>

namespace fyren::trust::audit {
namespace {

AuditEvent ValidEvent() {
  return AuditEvent{.tenant = base::TenantId(1),
                    .actor_user_id = 10,
                    .unit = base::OrganisationId(20),
                    .authority = base::OrganisationId(30),
                    .action = Action::kRead,
                    .outcome = Outcome::kAllowed,
                    .record_type = RecordType::kPerson,
                    .record_id = 40,
                    .person_id = 40,
                    .purpose = Purpose::kCaseWork,
                    .flags = 0,
                    .request_id = *RequestId::Parse("0123456789abcdef")};
}

template <typename E>
void ExpectRoundTrip(E last, std::optional<E> (*parse)(std::string_view)) {
  for (int i = 0; i <= static_cast<int>(last); ++i) {
    const auto value = static_cast<E>(i);
    const std::string_view code = ToString(value);
    EXPECT_FALSE(code.empty());
    EXPECT_EQ(parse(code), value) << code;
  }
}

TEST(AuditCodes, EveryCodeRoundTrips) {
  ExpectRoundTrip(Action::kRetentionRun, &ParseAction);
  ExpectRoundTrip(Outcome::kDenied, &ParseOutcome);
  ExpectRoundTrip(Purpose::kPublic, &ParsePurpose);
  ExpectRoundTrip(RecordType::kAuditLog, &ParseRecordType);
  ExpectRoundTrip(RecordType::kScreening, &ParseRecordType);
  ExpectRoundTrip(RecordType::kReferral, &ParseRecordType);
  ExpectRoundTrip(RecordType::kConsultation, &ParseRecordType);
}

TEST(AuditCodes, UnknownCodesAreRejected) {
  EXPECT_EQ(ParseAction("READ"), std::nullopt);
  EXPECT_EQ(ParseAction(""), std::nullopt);
  EXPECT_EQ(ParsePurpose("because I wanted to"), std::nullopt);
  EXPECT_EQ(ParseRecordType("person "), std::nullopt);
  EXPECT_EQ(ParseOutcome("maybe"), std::nullopt);
}

TEST(RequestId, AcceptsOnlyTheDocumentedShape) {
  EXPECT_TRUE(RequestId::Parse("abcdEFGH"));
  EXPECT_TRUE(RequestId::Parse("0f3c1b2a-9d8e-4c7b-a6f5-e4d3c2b1a098"));
  EXPECT_TRUE(RequestId::Parse(std::string(64, 'a')));
  for (const std::string_view bad :
       {std::string_view("short"), std::string_view("abcdefg"), std::string_view("Anna Svensson"),
        std::string_view("19121212-1212 x"), std::string_view("abc_defgh"),
        std::string_view("åäöåäöåäö")}) {
    auto parsed = RequestId::Parse(bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().code, base::ErrorCode::kInvalidInput);
    EXPECT_EQ(parsed.error().field, "request_id");
  }
  EXPECT_FALSE(RequestId::Parse(std::string(65, 'a')));
}

TEST(ValidateEvent, AcceptsAWellFormedEvent) { EXPECT_TRUE(ValidateEvent(ValidEvent())); }

TEST(ValidateEvent, RejectsMalformedEventsNamingTheField) {
  struct Case {
    const char* name;
    void (*change)(AuditEvent&);
    const char* field;
  };
  const Case cases[] = {
      {"tenant zero", [](AuditEvent& e) { e.tenant = base::TenantId(0); }, "tenant"},
      {"negative user", [](AuditEvent& e) { e.actor_user_id = -1; }, "actor_user_id"},
      {"unit zero", [](AuditEvent& e) { e.unit = base::OrganisationId(0); }, "unit"},
      {"authority negative", [](AuditEvent& e) { e.authority = base::OrganisationId(-5); },
       "authority"},
      {"type without id", [](AuditEvent& e) { e.record_id = std::nullopt; }, "record_id"},
      {"id without type", [](AuditEvent& e) { e.record_type = std::nullopt; }, "record_id"},
      {"record zero", [](AuditEvent& e) { e.record_id = 0; }, "record_id"},
      {"person zero", [](AuditEvent& e) { e.person_id = 0; }, "person_id"},
      {"unknown flag", [](AuditEvent& e) { e.flags = 1U << 20; }, "flags"},
      {"allowed denial", [](AuditEvent& e) { e.action = Action::kDenied; }, "outcome"},
  };
  for (const Case& c : cases) {
    AuditEvent event = ValidEvent();
    c.change(event);
    auto valid = ValidateEvent(event);
    ASSERT_FALSE(valid) << c.name;
    EXPECT_EQ(valid.error().code, base::ErrorCode::kInvalidInput) << c.name;
    EXPECT_EQ(valid.error().field, c.field) << c.name;
  }
}

TEST(ValidateEvent, AnonymousAndRecordlessEventsAreFine) {
  AuditEvent event = ValidEvent();
  event.actor_user_id = std::nullopt;
  event.unit = std::nullopt;
  event.authority = std::nullopt;
  event.record_type = std::nullopt;
  event.record_id = std::nullopt;
  event.person_id = std::nullopt;
  event.action = Action::kLoginFailed;
  event.outcome = Outcome::kDenied;
  event.flags = kAllAuditFlags;
  EXPECT_TRUE(ValidateEvent(event));
}

TEST(EventFor, CopiesTheActorsIdsAndCodes) {
  Actor actor = Actor::Public(base::TenantId(3), "abcdefgh-1234");
  actor.user_id = 11;
  actor.unit = base::OrganisationId(12);
  actor.authority = base::OrganisationId(13);
  actor.purpose = "outreach";
  auto event = EventFor(actor, Action::kSearch);
  ASSERT_TRUE(event);
  EXPECT_EQ(event->tenant, base::TenantId(3));
  EXPECT_EQ(event->actor_user_id, 11);
  EXPECT_EQ(event->unit, base::OrganisationId(12));
  EXPECT_EQ(event->authority, base::OrganisationId(13));
  EXPECT_EQ(event->action, Action::kSearch);
  EXPECT_EQ(event->outcome, Outcome::kAllowed);
  EXPECT_EQ(event->purpose, Purpose::kOutreach);
  EXPECT_EQ(event->request_id.str(), "abcdefgh-1234");
}

TEST(EventFor, RefusesFreeTextPurposeAndBadRequestIds) {
  Actor actor = Actor::Public(base::TenantId(3), "abcdefgh-1234");
  EXPECT_TRUE(EventFor(actor, Action::kRead));
  actor.purpose = "checking on my neighbour";
  EXPECT_EQ(EventFor(actor, Action::kRead).error().field, "purpose");
  actor.purpose = "public";
  actor.request_id = "x";
  EXPECT_EQ(EventFor(actor, Action::kRead).error().field, "request_id");
}

}  // namespace
}  // namespace fyren::trust::audit
