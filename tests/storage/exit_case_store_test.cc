// Conformance: the exit case store (src/domain/exit_case/exit_case_store.cc, case_access.cc,
// migrations/*/0007_exit_cases.sql) behaves the same on SQLite and PostgreSQL: case numbers are
// unique per authority and year, a person has one open case, a case is found with its person's
// access facts, and an active share appears and disappears with withdrawal and expiry.
#include "domain/exit_case/exit_case_store.h"

#include <set>
#include <thread>

#include "domain/exit_case/case_access.h"
#include "domain/person/person_store.h"
#include "storage_fixture.h"

namespace fyren::storage::testing {
namespace {

using base::ErrorCode;
using base::OrganisationId;
using base::TenantId;
using exit_case::CaseForUser;
using exit_case::CaseId;
using exit_case::CaseStatus;
using exit_case::ConsentId;
using exit_case::ConsentPurpose;
using exit_case::ExitCaseStore;
using exit_case::SipPart;
using exit_case::StoredCase;
using exit_case::StoredConsent;
using person::PersonId;
using person::PersonStore;

const TenantId kTenant(1);
constexpr std::int64_t kAuthority = 10;
constexpr std::int64_t kOtherAuthority = 30;
constexpr std::int64_t kPartner = 50;
constexpr std::int64_t kOtherPartner = 51;
constexpr std::int64_t kAlice = 101;  // unit 11 under authority 10
constexpr std::int64_t kBob = 102;    // unit 31 under authority 30

class ExitCaseStoreTest : public StorageTest {
 protected:
  void SetUpWorld() {
    auto applied = Migrate(*db_, migrations());
    ASSERT_TRUE(applied) << applied.error().detail;
    FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) -> base::Status {
      if (auto ok = InsertTenant(tx, kTenant.value(), "t"); !ok) return ok;
      for (const auto& [id, parent, kind, code] :
           {std::tuple{10, 0, "authority", "SN-CEN"}, std::tuple{11, 10, "unit", "CEN-U"},
            std::tuple{30, 0, "authority", "SN-HIS"}, std::tuple{31, 30, "unit", "HIS-U"},
            std::tuple{50, 0, "partner", "NGO-A"}, std::tuple{51, 0, "partner", "NGO-B"}}) {
        const std::optional<std::int64_t> parent_id =
            parent == 0 ? std::nullopt : std::optional<std::int64_t>(parent);
        auto done = tx.Execute(
            "INSERT INTO organisations (tenant_id, organisation_id, public_id, parent_id, kind, "
            "code, name_sv, name_en, created_at, updated_at) VALUES (1, $1, $2, $3, $4, $2, 'n', "
            "'n', 0, 0)",
            {id, std::string_view(code), parent_id, std::string_view(kind)});
        if (!done) return std::unexpected(done.error());
      }
      for (const auto& [id, name, unit] :
           {std::tuple{kAlice, "alice", 11}, std::tuple{kBob, "bob", 31}}) {
        auto done = tx.Execute(
            "INSERT INTO users (tenant_id, user_id, public_id, username, display_name, unit_id, "
            "password_hash, created_at, updated_at) VALUES (1, $1, $2, $2, $2, $3, 'x', 0, 0)",
            {id, std::string_view(name), unit});
        if (!done) return std::unexpected(done.error());
      }
      for (const std::int64_t id : {1, 2, 3}) {
        person::StoredPerson p;
        p.id = PersonId(id);
        p.public_id = "p" + std::to_string(id);
        p.owning_authority = OrganisationId(id == 3 ? kOtherAuthority : kAuthority);
        p.identity_kind = person::IdentityKind::kAlias;
        p.alias = std::string("\x01sealed", 7);
        p.birth_year = 1990;
        p.protected_identity = id == 2;
        p.created_by = kAlice;
        p.created_at = id;
        p.updated_at = id;
        if (auto ok = PersonStore::Insert(tx, kTenant, p); !ok) return ok;
      }
      return PersonStore::PutStaff(tx, kTenant, PersonId(1), kAlice, true, false, kAlice, 0);
    }));
  }

  static StoredCase Case(std::int64_t id, std::int64_t person, std::int64_t authority,
                         std::string number) {
    StoredCase c;
    c.id = CaseId(id);
    c.public_id = "c" + std::to_string(id);
    c.case_number = std::move(number);
    c.person = PersonId(person);
    c.owning_authority = OrganisationId(authority);
    c.responsible_user_id = authority == kAuthority ? kAlice : kBob;
    c.created_by = c.responsible_user_id;
    c.created_at = 1000 + id;
    c.updated_at = 1000 + id;
    return c;
  }

  base::Status Insert(const StoredCase& c) {
    return db_->Write([&](Transaction& tx) { return ExitCaseStore::Insert(tx, kTenant, c); });
  }

  static StoredConsent Share(std::int64_t id, std::int64_t case_id, std::int64_t organisation,
                             exit_case::SipParts scope,
                             std::optional<std::int64_t> expires_at = std::nullopt) {
    StoredConsent c;
    c.id = ConsentId(id);
    c.public_id = "k" + std::to_string(id);
    c.case_id = CaseId(case_id);
    c.purpose = ConsentPurpose::kShareWithOrganisation;
    c.organisation = OrganisationId(organisation);
    c.scope = std::move(scope);
    c.how_given = exit_case::ConsentGiven::kWritten;
    c.recorded_by = kAlice;
    c.given_at = 100;
    c.expires_at = expires_at;
    c.created_at = 100 + id;
    return c;
  }

  base::Status InsertConsent(const StoredConsent& c) {
    return db_->Write(
        [&](Transaction& tx) { return ExitCaseStore::InsertConsent(tx, kTenant, c); });
  }

  base::Result<std::optional<exit_case::ActiveShare>> ShareAt(std::int64_t case_id,
                                                              std::int64_t organisation,
                                                              std::int64_t now) {
    return db_->Read([&](Transaction& tx) {
      return exit_case::ActiveShareFor(tx, kTenant, CaseId(case_id), OrganisationId(organisation),
                                       now);
    });
  }
};

TEST_P(ExitCaseStoreTest, SequencesArePerAuthorityAndYear) {
  SetUpWorld();
  auto next = [&](std::int64_t authority, int year) {
    return db_->Write([&](Transaction& tx) {
      return ExitCaseStore::NextSequence(tx, kTenant, OrganisationId(authority), year);
    });
  };
  for (const std::int64_t expected : {1, 2, 3}) {
    auto seq = next(kAuthority, 2026);
    FYREN_ASSERT_OK(seq);
    EXPECT_EQ(*seq, expected);
  }
  auto other = next(kOtherAuthority, 2026);
  FYREN_ASSERT_OK(other);
  EXPECT_EQ(*other, 1);
  auto next_year = next(kAuthority, 2027);
  FYREN_ASSERT_OK(next_year);
  EXPECT_EQ(*next_year, 1);
  // A rolled-back transaction gives its number back.
  auto rolled_back = db_->Write([&](Transaction& tx) -> base::Result<std::int64_t> {
    auto seq = ExitCaseStore::NextSequence(tx, kTenant, OrganisationId(kAuthority), 2026);
    if (!seq) return seq;
    return base::Fail(ErrorCode::kInvalidInput, "abandon");
  });
  EXPECT_FALSE(rolled_back);
  auto after = next(kAuthority, 2026);
  FYREN_ASSERT_OK(after);
  EXPECT_EQ(*after, 4);
  auto code = db_->Read([](Transaction& tx) {
    return ExitCaseStore::OrganisationCode(tx, kTenant, OrganisationId(kAuthority));
  });
  FYREN_ASSERT_OK(code);
  EXPECT_EQ(code->value_or(""), "SN-CEN");
  EXPECT_EQ(exit_case::FormatCaseNumber("SN-CEN", 2026, 7), "SN-CEN-2026-0007");
}

TEST_P(ExitCaseStoreTest, TwoServersNeverHandOutTheSameNumber) {
  SetUpWorld();
  auto second = Open();
  ASSERT_NE(second, nullptr);
  constexpr int kPerServer = 15;
  std::vector<std::int64_t> got_a;
  std::vector<std::int64_t> got_b;
  auto run = [](Database& db, std::vector<std::int64_t>& out) {
    for (int i = 0; i < kPerServer; ++i) {
      auto seq = db.Write([](Transaction& tx) {
        return ExitCaseStore::NextSequence(tx, kTenant, OrganisationId(kAuthority), 2026);
      });
      if (seq) out.push_back(*seq);
    }
  };
  std::thread a([&] { run(*db_, got_a); });
  std::thread b([&] { run(*second, got_b); });
  a.join();
  b.join();
  std::set<std::int64_t> all(got_a.begin(), got_a.end());
  all.insert(got_b.begin(), got_b.end());
  EXPECT_EQ(got_a.size() + got_b.size(), 2U * kPerServer);
  EXPECT_EQ(all.size(), 2U * kPerServer);  // no number twice
  EXPECT_EQ(*all.rbegin(), 2 * kPerServer);
}

TEST_P(ExitCaseStoreTest, CaseNumbersAreUniqueAndAPersonHasOneOpenCase) {
  SetUpWorld();
  FYREN_ASSERT_OK(Insert(Case(1, 1, kAuthority, "SN-CEN-2026-0001")));
  auto same_number = Insert(Case(2, 3, kOtherAuthority, "SN-CEN-2026-0001"));
  ASSERT_FALSE(same_number);
  EXPECT_EQ(same_number.error().code, ErrorCode::kConflict);
  auto second_open = Insert(Case(3, 1, kAuthority, "SN-CEN-2026-0002"));
  ASSERT_FALSE(second_open);
  EXPECT_EQ(second_open.error().code, ErrorCode::kConflict);

  auto open = db_->Read(
      [](Transaction& tx) { return ExitCaseStore::FindOpenForPerson(tx, kTenant, PersonId(1)); });
  FYREN_ASSERT_OK(open);
  ASSERT_TRUE(open->has_value());
  EXPECT_EQ((*open)->public_id, "c1");

  // Closing (with a reason; the schema refuses a closed case without one) frees the person.
  StoredCase closed = Case(1, 1, kAuthority, "SN-CEN-2026-0001");
  closed.status = CaseStatus::kClosed;
  auto no_reason = db_->Write(
      [&](Transaction& tx) { return ExitCaseStore::UpdateStatus(tx, kTenant, closed, 1, 2000); });
  EXPECT_FALSE(no_reason);
  closed.closed_reason = exit_case::CloseReason::kGoalsReached;
  closed.closed_note = std::string("\x02note", 5);
  FYREN_ASSERT_OK(db_->Write(
      [&](Transaction& tx) { return ExitCaseStore::UpdateStatus(tx, kTenant, closed, 1, 2000); }));
  auto stale = db_->Write(
      [&](Transaction& tx) { return ExitCaseStore::UpdateStatus(tx, kTenant, closed, 1, 2001); });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  FYREN_ASSERT_OK(Insert(Case(3, 1, kAuthority, "SN-CEN-2026-0002")));
}

TEST_P(ExitCaseStoreTest, FindForUserCarriesThePersonsAccessFacts) {
  SetUpWorld();
  FYREN_ASSERT_OK(Insert(Case(1, 1, kAuthority, "SN-CEN-2026-0001")));
  auto alice = db_->Read(
      [](Transaction& tx) { return ExitCaseStore::FindForUser(tx, kTenant, "c1", kAlice, 0); });
  FYREN_ASSERT_OK(alice);
  ASSERT_TRUE(alice->has_value());
  const CaseForUser& found = **alice;
  EXPECT_EQ(found.exit_case.case_number, "SN-CEN-2026-0001");
  EXPECT_EQ(found.exit_case.status, CaseStatus::kOpen);
  EXPECT_EQ(found.exit_case.version, 1);
  EXPECT_EQ(found.person.person.public_id, "p1");
  EXPECT_TRUE(found.person.on_team);
  const auto scope = exit_case::ScopeOf(found, false);
  EXPECT_EQ(scope.owning_authority, OrganisationId(kAuthority));
  EXPECT_TRUE(scope.on_case_team);
  EXPECT_FALSE(scope.shared_with_actor);
  EXPECT_TRUE(exit_case::ScopeOf(found, true).shared_with_actor);

  auto bob = db_->Read(
      [](Transaction& tx) { return ExitCaseStore::FindForUser(tx, kTenant, "c1", kBob, 0); });
  FYREN_ASSERT_OK(bob);
  ASSERT_TRUE(bob->has_value());
  EXPECT_FALSE((*bob)->person.on_team);
  auto missing = db_->Read(
      [](Transaction& tx) { return ExitCaseStore::FindForUser(tx, kTenant, "nope", kAlice, 0); });
  FYREN_ASSERT_OK(missing);
  EXPECT_FALSE(missing->has_value());
}

// kAccessOnly reads the same case and the same access facts, and none of the person's sealed
// fields: a reader that only decides access (the plan pages) never holds the person's names.
TEST_P(ExitCaseStoreTest, FindForUserCanLeaveThePersonsSealedFieldsUnread) {
  SetUpWorld();
  FYREN_ASSERT_OK(Insert(Case(1, 1, kAuthority, "SN-CEN-2026-0001")));
  FYREN_ASSERT_OK(db_->Write([](Transaction& tx) {
    return tx.Execute(
        "UPDATE persons SET given_name = $1, family_name = $1, identity_number = $1, phone = $1, "
        "email = $1, address = $1, languages = $1, identity_blind_index = $1 WHERE person_id = 1",
        {storage::BlobView{std::string_view("\x02sealed")}});
  }));
  const auto find = [&](ExitCaseStore::PersonFields fields) {
    auto found = db_->Read([&](Transaction& tx) {
      return ExitCaseStore::FindForUser(tx, kTenant, "c1", kAlice, 0, fields);
    });
    EXPECT_TRUE(found && found->has_value());
    return found && found->has_value() ? **found : CaseForUser{};
  };
  const CaseForUser all = find(ExitCaseStore::PersonFields::kAll);
  const CaseForUser access = find(ExitCaseStore::PersonFields::kAccessOnly);
  EXPECT_EQ(all.person.person.given_name, "\x02sealed");
  EXPECT_EQ(all.person.person.alias, std::string("\x01sealed", 7));
  const person::StoredPerson& p = access.person.person;
  for (const auto* field :
       {&p.identity_number, &p.identity_blind_index, &p.given_name, &p.family_name, &p.alias,
        &p.languages, &p.phone, &p.email, &p.address}) {
    EXPECT_FALSE(field->has_value());
  }
  EXPECT_EQ(access.exit_case.case_number, all.exit_case.case_number);
  EXPECT_EQ(p.id, all.person.person.id);
  EXPECT_EQ(p.public_id, all.person.person.public_id);
  EXPECT_EQ(p.owning_authority, all.person.person.owning_authority);
  EXPECT_EQ(p.protected_identity, all.person.person.protected_identity);
  EXPECT_EQ(p.birth_year, all.person.person.birth_year);
  EXPECT_EQ(p.gender, all.person.person.gender);
  EXPECT_EQ(access.person.on_team, all.person.on_team);
  EXPECT_EQ(access.person.named_for_protected, all.person.named_for_protected);
  EXPECT_EQ(access.person.grant_expires_at, all.person.grant_expires_at);
}

TEST_P(ExitCaseStoreTest, ListsLeaveOutProtectedAndFilter) {
  SetUpWorld();
  FYREN_ASSERT_OK(Insert(Case(1, 1, kAuthority, "SN-CEN-2026-0001")));
  FYREN_ASSERT_OK(Insert(Case(2, 2, kAuthority, "SN-CEN-2026-0002")));  // protected person
  FYREN_ASSERT_OK(db_->Write([](Transaction& tx) {
    return PersonStore::PutStaff(tx, kTenant, PersonId(2), kAlice, true, true, kAlice, 0);
  }));
  auto mine = db_->Read([](Transaction& tx) {
    return ExitCaseStore::ListOnTeam(tx, kTenant, OrganisationId(kAuthority), kAlice, {});
  });
  FYREN_ASSERT_OK(mine);
  ASSERT_EQ(mine->size(), 1U);
  EXPECT_EQ((*mine)[0].exit_case.public_id, "c1");
  EXPECT_EQ((*mine)[0].person_public_id, "p1");
  EXPECT_EQ((*mine)[0].birth_year, 1990);
  EXPECT_EQ((*mine)[0].responsible_name, "alice");
  EXPECT_TRUE((*mine)[0].on_team);

  exit_case::CaseListQuery paused{.status = CaseStatus::kPaused};
  auto none = db_->Read([&](Transaction& tx) {
    return ExitCaseStore::ListOnTeam(tx, kTenant, OrganisationId(kAuthority), kAlice, paused);
  });
  FYREN_ASSERT_OK(none);
  EXPECT_TRUE(none->empty());
  exit_case::CaseListQuery by_number{.number_pattern = "%2026-0001%"};
  auto unit = db_->Read([&](Transaction& tx) {
    return ExitCaseStore::ListForUnit(tx, kTenant, OrganisationId(kAuthority), OrganisationId(11),
                                      kBob, by_number);
  });
  FYREN_ASSERT_OK(unit);
  ASSERT_EQ(unit->size(), 1U);
  EXPECT_FALSE((*unit)[0].on_team);  // bob may see the row, not open it
}

// "My cases" walks the authority's cases newest-changed first and stops at the page's end
// (migrations/*/0014): the order, the paging and who is on the team must not change with it.
TEST_P(ExitCaseStoreTest, MyCasesAreNewestChangedFirstInPagesAndOnlyOnTheTeam) {
  SetUpWorld();
  for (const std::int64_t id : {1, 2, 3, 4}) {
    StoredCase c = Case(id, 1, kAuthority, "SN-CEN-2026-000" + std::to_string(id));
    if (id != 3) {  // one case of a person may be open; the others are closed
      c.status = CaseStatus::kClosed;
      c.closed_reason = exit_case::CloseReason::kGoalsReached;
    }
    c.created_at = 5000 - 10 * id;  // case 1 changed last
    c.updated_at = c.created_at;
    FYREN_ASSERT_OK(Insert(c));
  }
  FYREN_ASSERT_OK(Insert(Case(5, 2, kAuthority, "SN-CEN-2026-0005")));  // protected person
  // Bob is on person 1's staff list but not on the team.
  FYREN_ASSERT_OK(db_->Write([](Transaction& tx) {
    return PersonStore::PutStaff(tx, kTenant, PersonId(1), kBob, false, false, kAlice, 0);
  }));
  auto page = [&](std::int64_t user, int limit, int offset) {
    exit_case::CaseListQuery query{
        .status = std::nullopt, .number_pattern = {}, .limit = limit, .offset = offset};
    auto rows = db_->Read([&](Transaction& tx) {
      return ExitCaseStore::ListOnTeam(tx, kTenant, OrganisationId(kAuthority), user, query);
    });
    EXPECT_TRUE(rows) << (rows ? "" : rows.error().detail);
    std::vector<std::string> ids;
    if (rows) {
      for (const auto& row : *rows) ids.push_back(row.exit_case.public_id);
    }
    return ids;
  };
  EXPECT_EQ(page(kAlice, 2, 0), (std::vector<std::string>{"c1", "c2"}));
  EXPECT_EQ(page(kAlice, 2, 2), (std::vector<std::string>{"c3", "c4"}));
  EXPECT_EQ(page(kAlice, 50, 0), (std::vector<std::string>{"c1", "c2", "c3", "c4"}));
  EXPECT_TRUE(page(kBob, 50, 0).empty());
}

// The case lists' generation (migrations/*/0017) moves on with every change a list can show,
// on the authority of the change only: servers keep listed pages while it stands still.
TEST_P(ExitCaseStoreTest, TheListGenerationMovesWithEveryChangeAListCanShow) {
  SetUpWorld();
  const auto generation = [&](std::int64_t authority) {
    auto read = db_->Read([&](Transaction& tx) {
      return ExitCaseStore::ListGeneration(tx, kTenant, OrganisationId(authority));
    });
    EXPECT_TRUE(read) << (read ? "" : read.error().detail);
    return read ? *read : -1;
  };
  // Putting Alice on person 1's team in SetUpWorld counted already.
  std::int64_t own = generation(kAuthority);
  EXPECT_GT(own, 0);
  const std::int64_t other = generation(kOtherAuthority);
  const auto exec = [&](std::string_view sql) {
    FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) -> base::Status {
      auto done = tx.Execute(sql, {kAlice});
      if (!done) return std::unexpected(done.error());
      return base::Ok();
    }));
  };
  const auto moved = [&](const char* what) {
    const std::int64_t now = generation(kAuthority);
    EXPECT_GT(now, own) << what;
    own = now;
  };
  FYREN_ASSERT_OK(Insert(Case(1, 1, kAuthority, "SN-CEN-2026-0001")));
  moved("a new case");
  exec("UPDATE exit_cases SET status = 'paused' WHERE case_id = 1 AND $1 > 0");
  moved("a case's status");
  FYREN_ASSERT_OK(db_->Write([](Transaction& tx) {
    return PersonStore::PutStaff(tx, kTenant, PersonId(1), kBob, false, false, kAlice, 0);
  }));
  moved("a person's staff list");
  FYREN_ASSERT_OK(db_->Write([](Transaction& tx) -> base::Status {
    auto removed = PersonStore::RemoveStaff(tx, kTenant, PersonId(1), kBob);
    if (!removed) return std::unexpected(removed.error());
    return base::Ok();
  }));
  moved("leaving a person's staff list");
  exec("UPDATE persons SET protected_identity = 1 WHERE person_id = 1 AND $1 > 0");
  moved("a person's protection");
  exec("UPDATE users SET display_name = 'Alice B' WHERE user_id = $1");
  moved("a coordinator's name");
  // A user's other columns (sign-in bookkeeping) leave the lists alone.
  exec("UPDATE users SET updated_at = 5 WHERE user_id = $1");
  EXPECT_EQ(generation(kAuthority), own);
  // Nothing happened to the other authority's lists until its own case (it has no generation row
  // yet, so the tenant-wide start-over after the name change had nothing to move).
  EXPECT_EQ(generation(kOtherAuthority), other);
  FYREN_ASSERT_OK(Insert(Case(2, 3, kOtherAuthority, "SN-HIS-2026-0001")));
  EXPECT_GT(generation(kOtherAuthority), other);
  EXPECT_EQ(generation(kAuthority), own);
}

// The start page's count agrees with ListOnTeam: the status, the team and protected identities.
TEST_P(ExitCaseStoreTest, CountOnTeamCountsWhatMyListShows) {
  SetUpWorld();
  FYREN_ASSERT_OK(Insert(Case(1, 1, kAuthority, "SN-CEN-2026-0001")));
  StoredCase closed = Case(2, 1, kAuthority, "SN-CEN-2026-0002");
  closed.status = CaseStatus::kClosed;
  closed.closed_reason = exit_case::CloseReason::kGoalsReached;
  FYREN_ASSERT_OK(Insert(closed));
  FYREN_ASSERT_OK(Insert(Case(3, 2, kAuthority, "SN-CEN-2026-0003")));  // protected person
  FYREN_ASSERT_OK(Insert(Case(4, 3, kOtherAuthority, "SN-HIS-2026-0001")));
  FYREN_ASSERT_OK(db_->Write([](Transaction& tx) -> base::Status {
    if (auto ok = PersonStore::PutStaff(tx, kTenant, PersonId(2), kAlice, true, true, kAlice, 0);
        !ok) {
      return ok;
    }
    // Bob is on person 1's staff list but not on the team, and on person 3's team.
    if (auto ok = PersonStore::PutStaff(tx, kTenant, PersonId(1), kBob, false, false, kAlice, 0);
        !ok) {
      return ok;
    }
    return PersonStore::PutStaff(tx, kTenant, PersonId(3), kBob, true, false, kBob, 0);
  }));
  auto count = [&](std::int64_t authority, std::int64_t user, CaseStatus status) {
    auto n = db_->Read([&](Transaction& tx) {
      return ExitCaseStore::CountOnTeam(tx, kTenant, OrganisationId(authority), user, status);
    });
    EXPECT_TRUE(n) << (n ? "" : n.error().detail);
    return n ? *n : -1;
  };
  EXPECT_EQ(count(kAuthority, kAlice, CaseStatus::kOpen), 1);
  EXPECT_EQ(count(kAuthority, kAlice, CaseStatus::kClosed), 1);
  EXPECT_EQ(count(kAuthority, kAlice, CaseStatus::kPaused), 0);
  EXPECT_EQ(count(kAuthority, kBob, CaseStatus::kOpen), 0);
  EXPECT_EQ(count(kOtherAuthority, kBob, CaseStatus::kOpen), 1);
  EXPECT_EQ(count(kOtherAuthority, kAlice, CaseStatus::kOpen), 0);
}

TEST_P(ExitCaseStoreTest, ActiveShareFollowsWithdrawalAndExpiry) {
  SetUpWorld();
  FYREN_ASSERT_OK(Insert(Case(1, 1, kAuthority, "SN-CEN-2026-0001")));
  auto before = ShareAt(1, kPartner, 500);
  FYREN_ASSERT_OK(before);
  EXPECT_FALSE(before->has_value());

  FYREN_ASSERT_OK(InsertConsent(Share(1, 1, kPartner, {SipPart::kGoals, SipPart::kMeetings})));
  FYREN_ASSERT_OK(InsertConsent(Share(2, 1, kOtherPartner, {SipPart::kContact}, 600)));
  auto active = ShareAt(1, kPartner, 500);
  FYREN_ASSERT_OK(active);
  ASSERT_TRUE(active->has_value());
  EXPECT_EQ((*active)->consent_public_id, "k1");
  EXPECT_TRUE((*active)->Covers(SipPart::kGoals));
  EXPECT_TRUE((*active)->Covers(SipPart::kMeetings));
  EXPECT_FALSE((*active)->Covers(SipPart::kContact));  // that was another organisation's

  auto shared = db_->Read([](Transaction& tx) {
    return ExitCaseStore::ListSharedWith(tx, kTenant, {OrganisationId(kPartner)}, 500, 50);
  });
  FYREN_ASSERT_OK(shared);
  ASSERT_EQ(shared->size(), 1U);
  EXPECT_EQ((*shared)[0].exit_case.public_id, "c1");

  // Expiry: active before, gone at and after expires_at.
  auto other_before = ShareAt(1, kOtherPartner, 599);
  FYREN_ASSERT_OK(other_before);
  EXPECT_TRUE(other_before->has_value());
  auto other_after = ShareAt(1, kOtherPartner, 600);
  FYREN_ASSERT_OK(other_after);
  EXPECT_FALSE(other_after->has_value());

  // Withdrawal: takes effect at the next read; a second withdrawal changes nothing.
  auto withdrawn = db_->Write([](Transaction& tx) {
    return ExitCaseStore::WithdrawConsent(tx, kTenant, CaseId(1), "k1", kAlice, 550);
  });
  FYREN_ASSERT_OK(withdrawn);
  EXPECT_TRUE(*withdrawn);
  auto again = db_->Write([](Transaction& tx) {
    return ExitCaseStore::WithdrawConsent(tx, kTenant, CaseId(1), "k1", kAlice, 551);
  });
  FYREN_ASSERT_OK(again);
  EXPECT_FALSE(*again);
  auto after = ShareAt(1, kPartner, 552);
  FYREN_ASSERT_OK(after);
  EXPECT_FALSE(after->has_value());
  auto shared_after = db_->Read([](Transaction& tx) {
    return ExitCaseStore::ListSharedWith(tx, kTenant, {OrganisationId(kPartner)}, 552, 50);
  });
  FYREN_ASSERT_OK(shared_after);
  EXPECT_TRUE(shared_after->empty());

  auto all = db_->Read(
      [](Transaction& tx) { return ExitCaseStore::ListConsents(tx, kTenant, CaseId(1)); });
  FYREN_ASSERT_OK(all);
  ASSERT_EQ(all->size(), 2U);
  EXPECT_EQ((*all)[1].public_id, "k1");
  EXPECT_EQ((*all)[1].withdrawn_by, kAlice);
  EXPECT_FALSE((*all)[1].IsActiveAt(552));
}

TEST_P(ExitCaseStoreTest, EventsAreKeptInOrder) {
  SetUpWorld();
  FYREN_ASSERT_OK(Insert(Case(1, 1, kAuthority, "SN-CEN-2026-0001")));
  FYREN_ASSERT_OK(db_->Write([](Transaction& tx) -> base::Status {
    for (const auto& e : {exit_case::CaseEvent{.event_id = 1,
                         .case_id = CaseId(1),
                         .user_id = kAlice,
                         .at = 10,
                         .to = CaseStatus::kOpen},
                          exit_case::CaseEvent{.event_id = 2,
                          .case_id = CaseId(1),
                          .user_id = kAlice,
                          .at = 20,
                          .from = CaseStatus::kOpen,
                          .to = CaseStatus::kClosed,
                          .reason = exit_case::CloseReason::kMovedAway}}) {
      if (auto ok = ExitCaseStore::InsertEvent(tx, kTenant, e); !ok) return ok;
    }
    return base::Ok();
  }));
  auto events =
      db_->Read([](Transaction& tx) { return ExitCaseStore::ListEvents(tx, kTenant, CaseId(1)); });
  FYREN_ASSERT_OK(events);
  ASSERT_EQ(events->size(), 2U);
  EXPECT_FALSE((*events)[0].from.has_value());
  EXPECT_EQ((*events)[1].from, CaseStatus::kOpen);
  EXPECT_EQ((*events)[1].to, CaseStatus::kClosed);
  EXPECT_EQ((*events)[1].reason, exit_case::CloseReason::kMovedAway);
  EXPECT_EQ((*events)[1].user_display_name, "alice");
}

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(StorageTest);

INSTANTIATE_TEST_SUITE_P(Backends, ExitCaseStoreTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const ::testing::TestParamInfo<Backend>& param_info) {
                           return std::string(ToString(param_info.param));
                         });

}  // namespace
}  // namespace fyren::storage::testing
