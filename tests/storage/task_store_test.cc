// Conformance: tasks, the task scheduler's pass and statistics facts
// (src/domain/tasks, src/domain/stats, migrations/*/0012_tasks.sql) behave the same on SQLite and
// PostgreSQL: the inbox lists a user's open tasks overdue first, a task is only its assignee's,
// the scheduler creates each due task exactly once (also with two schedulers racing), and a pass
// on PostgreSQL skips at once while another server holds the lease.
#include "domain/tasks/task_store.h"

#include <atomic>
#include <chrono>
#include <set>
#include <thread>
#include <tuple>

#include "base/clock.h"
#include "base/random.h"
#include "base/swedish_time.h"
#include "domain/stats/fact_store.h"
#include "domain/tasks/scheduler_store.h"
#include "domain/tasks/task_scheduler.h"
#include "storage_fixture.h"

namespace fyren::storage::testing {
namespace {

using base::TenantId;
using tasks::NewTask;
using tasks::PassResult;
using tasks::SchedulerOptions;
using tasks::TaskScheduler;
using tasks::TaskStore;

const TenantId kTenant(1);
constexpr std::int64_t kAlice = 101;  // coordinator of cases 1, 2 and 4
constexpr std::int64_t kBob = 102;    // coordinator of case 3
constexpr std::int64_t kDay = 86'400'000'000;

// "Now" in the tests: 2026-03-10 12:00 in Sweden.
std::int64_t Now() {
  return base::FromSwedishLocal(
      {.year = 2026, .month = 3, .day = 10, .hour = 12, .minute = 0, .second = 0});
}

class TaskStoreTest : public StorageTest {
 protected:
  void SetUpWorld() {
    auto applied = Migrate(*db_, migrations());
    ASSERT_TRUE(applied) << applied.error().detail;
    FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) -> base::Status {
      if (auto ok = InsertTenant(tx, kTenant.value(), "t"); !ok) return ok;
      for (const auto& [id, parent, kind] :
           {std::tuple{10, 0, "authority"}, std::tuple{11, 10, "unit"}}) {
        const std::optional<std::int64_t> parent_id =
            parent == 0 ? std::nullopt : std::optional<std::int64_t>(parent);
        const std::string public_id = "org" + std::to_string(id);
        if (auto done = tx.Execute(
                "INSERT INTO organisations (tenant_id, organisation_id, public_id, parent_id, "
                "kind, code, name_sv, name_en, created_at, updated_at) VALUES (1, $1, $2, $3, $4, "
                "$2, 'n', 'n', 0, 0)",
                {id, public_id, parent_id, std::string_view(kind)});
            !done) {
          return std::unexpected(done.error());
        }
      }
      for (const auto& [id, name] : {std::tuple{kAlice, "alice"}, std::tuple{kBob, "bob"}}) {
        if (auto done = tx.Execute(
                "INSERT INTO users (tenant_id, user_id, public_id, username, display_name, "
                "unit_id, password_hash, created_at, updated_at) VALUES (1, $1, $2, $2, $2, 11, "
                "'x', 0, 0)",
                {id, std::string_view(name)});
            !done) {
          return std::unexpected(done.error());
        }
      }
      // Cases 1-4 for persons 1-4; case 4 is closed.
      for (const std::int64_t id : {1, 2, 3, 4}) {
        const std::string person_public_id = "p" + std::to_string(id);
        const std::string case_public_id = "c" + std::to_string(id);
        const std::string case_number = "SN-CEN-2026-000" + std::to_string(id);
        if (auto done = tx.Execute(
                "INSERT INTO persons (tenant_id, person_id, public_id, owning_authority_id, "
                "identity_kind, birth_year, created_by, created_at, updated_at) VALUES (1, $1, "
                "$2, 10, 'alias', 1990, $3, 0, 0)",
                {id, person_public_id, kAlice});
            !done) {
          return std::unexpected(done.error());
        }
        const bool closed = id == 4;
        if (auto done = tx.Execute(
                "INSERT INTO exit_cases (tenant_id, case_id, public_id, case_number, person_id, "
                "owning_authority_id, responsible_user_id, status, closed_reason, created_by, "
                "created_at, updated_at) VALUES (1, $1, $2, $3, $1, 10, $4, $5, $6, $4, 0, 0)",
                {id, case_public_id, case_number, id == 3 ? kBob : kAlice,
                 closed ? "closed" : "open",
                 closed ? std::optional<std::string_view>("other") : std::nullopt});
            !done) {
          return std::unexpected(done.error());
        }
      }
      return base::Ok();
    }));
  }

  // SIPs, interventions and consents with dates around Now().
  void SetUpDueItems() {
    FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) -> base::Status {
      // sip 1 (case 1): follow-up in 3 days -> task; sip 2 (case 2): in 20 days -> none;
      // sip 3 (case 3, Bob): overdue since 2 days -> task for Bob; sip 4 (closed case) -> none.
      for (const auto& [sip, follow_up] :
           {std::tuple{1, "2026-03-13"}, std::tuple{2, "2026-03-30"}, std::tuple{3, "2026-03-08"},
            std::tuple{4, "2026-03-11"}}) {
        const std::string public_id = "s" + std::to_string(sip);
        if (auto done = tx.Execute(
                "INSERT INTO sips (tenant_id, sip_id, public_id, case_id, current_revision, "
                "next_follow_up_on, created_at, updated_at) VALUES (1, $1, $2, $1, 1, $3, 0, 0)",
                {sip, public_id, std::string_view(follow_up)});
            !done) {
          return std::unexpected(done.error());
        }
      }
      // Active and ending within 14 days -> tasks: (1, ea), (4, ea) is in a closed case -> none.
      for (const auto& [sip, key, status, end] :
           {std::tuple{1, "ea", "active", "2026-03-20"},
            std::tuple{1, "tt", "active", "2026-05-01"}, std::tuple{1, "mk", "ended", "2026-03-12"},
            std::tuple{1, "ng", "planned", "2026-03-12"},
            std::tuple{2, "hs", "active", "2026-03-26"},
            std::tuple{4, "ea", "active", "2026-03-12"}}) {
        if (auto done = tx.Execute(
                "INSERT INTO sip_interventions (tenant_id, sip_id, intervention_key, "
                "catalogue_code, actor_key, status, starts_on, planned_end_on) VALUES (1, $1, $2, "
                "'economic_assistance', 'a1', $3, '2026-01-01', $4)",
                {sip, std::string_view(key), std::string_view(status), std::string_view(end)});
            !done) {
          return std::unexpected(done.error());
        }
      }
      // Consents of case 1: expiring in 5 days -> task; withdrawn -> none; already expired ->
      // none; expiring in 30 days -> none; no expiry -> none.
      const std::int64_t now = Now();
      for (const auto& [id, expires, withdrawn] :
           {std::tuple{1, std::optional(now + 5 * kDay), false},
            std::tuple{2, std::optional(now + 5 * kDay), true},
            std::tuple{3, std::optional(now - kDay), false},
            std::tuple{4, std::optional(now + 30 * kDay), false},
            std::tuple{5, std::optional<std::int64_t>(), false}}) {
        const std::string public_id = "k" + std::to_string(id);
        if (auto done = tx.Execute(
                "INSERT INTO consents (tenant_id, consent_id, public_id, case_id, purpose, "
                "how_given, recorded_by, given_at, expires_at, withdrawn_at, withdrawn_by, "
                "created_at) VALUES (1, $1, $2, 1, 'sip_planning', 'written', $3, 0, $4, $5, $6, "
                "0)",
                {id, public_id, kAlice, expires,
                 withdrawn ? std::optional<std::int64_t>(now - kDay) : std::nullopt,
                 withdrawn ? std::optional<std::int64_t>(kAlice) : std::nullopt});
            !done) {
          return std::unexpected(done.error());
        }
      }
      return base::Ok();
    }));
  }

  base::Result<bool> Create(std::int64_t user, std::string kind, std::string source,
                            std::string due, std::optional<std::int64_t> case_id = 1) {
    return db_->Write([&](Transaction& tx) {
      return TaskStore::Create(tx, kTenant,
                               NewTask{.user_id = user,
                                       .kind = std::move(kind),
                                       .case_id = case_id,
                                       .source_key = std::move(source),
                                       .due_on = std::move(due),
                                       .payload = "{}"},
                               Now());
    });
  }

  std::vector<tasks::InboxTask> Inbox(std::int64_t user) {
    auto listed = db_->Read(
        [&](Transaction& tx) { return TaskStore::ListOpenForUser(tx, kTenant, user, 100); });
    EXPECT_TRUE(listed) << listed.error().detail;
    return listed ? *listed : std::vector<tasks::InboxTask>{};
  }

  std::int64_t CountTasks() {
    auto rows = db_->Read([](Transaction& tx) { return tx.Query("SELECT COUNT(*) FROM tasks"); });
    EXPECT_TRUE(rows);
    return rows ? rows->at(0).Int(0) : -1;
  }

  static SchedulerOptions Options(std::string holder) {
    return SchedulerOptions{.interval = std::chrono::seconds(300),
                            .follow_up_days = 7,
                            .ending_days = 14,
                            .consent_days = 14,
                            .holder = std::move(holder)};
  }
};

TEST_P(TaskStoreTest, InboxListsOpenTasksOverdueFirstWithTheCaseNumber) {
  SetUpWorld();
  FYREN_ASSERT_OK(Create(kAlice, "follow_up_due", "a", "2026-03-20"));
  FYREN_ASSERT_OK(Create(kAlice, "consent_expires", "b", "2026-02-01", 2));
  FYREN_ASSERT_OK(Create(kAlice, "continuity_guard", "c", "2026-03-10", std::nullopt));
  FYREN_ASSERT_OK(Create(kBob, "follow_up_due", "d", "2026-01-01", 3));

  const auto inbox = Inbox(kAlice);
  ASSERT_EQ(inbox.size(), 3U);
  EXPECT_EQ(inbox[0].due_on, "2026-02-01");
  EXPECT_EQ(inbox[0].kind, "consent_expires");
  EXPECT_EQ(inbox[0].case_public_id, "c2");
  EXPECT_EQ(inbox[0].case_number, "SN-CEN-2026-0002");
  EXPECT_EQ(inbox[1].due_on, "2026-03-10");
  EXPECT_FALSE(inbox[1].case_public_id.has_value());
  EXPECT_EQ(inbox[2].due_on, "2026-03-20");
  EXPECT_TRUE(base::IsPublicId(inbox[2].public_id));

  auto count =
      db_->Read([&](Transaction& tx) { return TaskStore::CountOpenForUser(tx, kTenant, kAlice); });
  FYREN_ASSERT_OK(count);
  EXPECT_EQ(*count, 3);
}

TEST_P(TaskStoreTest, SameKindAndSourceKeyIsCreatedOnce) {
  SetUpWorld();
  auto first = Create(kAlice, "follow_up_due", "sip:1:followup:2026-03-13", "2026-03-13");
  FYREN_ASSERT_OK(first);
  EXPECT_TRUE(*first);
  auto second = Create(kAlice, "follow_up_due", "sip:1:followup:2026-03-13", "2026-03-13");
  FYREN_ASSERT_OK(second);
  EXPECT_FALSE(*second);
  // Another kind with the same source key is another task.
  auto other_kind = Create(kAlice, "intervention_ends", "sip:1:followup:2026-03-13", "2026-03-13");
  FYREN_ASSERT_OK(other_kind);
  EXPECT_TRUE(*other_kind);
  EXPECT_EQ(CountTasks(), 2);
}

TEST_P(TaskStoreTest, NotifyCreatesATaskEveryTime) {
  SetUpWorld();
  for (int i = 0; i < 2; ++i) {
    FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) {
      return TaskStore::Notify(tx, kTenant, kAlice, tasks::kKindContinuityGuard, 1,
                               R"({"catalogue_code":"economic_assistance"})", "2026-03-10", Now());
    }));
  }
  const auto inbox = Inbox(kAlice);
  ASSERT_EQ(inbox.size(), 2U);
  EXPECT_EQ(inbox[0].kind, "continuity_guard");
  EXPECT_EQ(inbox[0].payload, R"({"catalogue_code":"economic_assistance"})");
}

TEST_P(TaskStoreTest, OnlyTheAssigneeMarksATaskDone) {
  SetUpWorld();
  FYREN_ASSERT_OK(Create(kAlice, "follow_up_due", "a", "2026-03-20"));
  const std::string id = Inbox(kAlice).at(0).public_id;
  auto mark = [&](std::int64_t user, std::string_view task) {
    return db_->Write(
        [&](Transaction& tx) { return TaskStore::MarkDone(tx, kTenant, task, user, Now()); });
  };
  auto by_bob = mark(kBob, id);
  FYREN_ASSERT_OK(by_bob);
  EXPECT_FALSE(*by_bob);
  EXPECT_EQ(Inbox(kAlice).size(), 1U);
  auto missing = mark(kAlice, "aaaaaaaaaaaaaaaaaaaaaaaaaa");
  FYREN_ASSERT_OK(missing);
  EXPECT_FALSE(*missing);
  auto by_alice = mark(kAlice, id);
  FYREN_ASSERT_OK(by_alice);
  EXPECT_TRUE(*by_alice);
  EXPECT_TRUE(Inbox(kAlice).empty());
  auto again = mark(kAlice, id);
  FYREN_ASSERT_OK(again);
  EXPECT_FALSE(*again);
  auto done = db_->Read([&](Transaction& tx) {
    return tx.Query("SELECT state, done_by FROM tasks WHERE public_id = $1", {id});
  });
  FYREN_ASSERT_OK(done);
  EXPECT_EQ(done->at(0).Text(0), "done");
  EXPECT_EQ(done->at(0).Int(1), kAlice);
}

TEST_P(TaskStoreTest, SchedulerCreatesDueTasksOnceForTheCoordinator) {
  SetUpWorld();
  SetUpDueItems();
  base::FakeClock clock(base::FromUnixMicros(Now()));
  TaskScheduler scheduler(*db_, kTenant, clock, Options("test"));

  auto first = scheduler.RunOnce();
  FYREN_ASSERT_OK(first);
  EXPECT_EQ(*first,
            (PassResult{
                .ran = true, .follow_ups = 2, .interventions_ending = 1, .consents_expiring = 1}));
  auto second = scheduler.RunOnce();
  FYREN_ASSERT_OK(second);
  EXPECT_EQ(*second, (PassResult{.ran = true}));

  const auto alice = Inbox(kAlice);
  ASSERT_EQ(alice.size(), 3U);
  EXPECT_EQ(alice[0].kind, "follow_up_due");
  EXPECT_EQ(alice[0].due_on, "2026-03-13");
  EXPECT_EQ(alice[0].case_number, "SN-CEN-2026-0001");
  EXPECT_EQ(alice[1].kind, "consent_expires");
  EXPECT_EQ(alice[1].due_on, "2026-03-15");
  EXPECT_EQ(alice[2].kind, "intervention_ends");
  EXPECT_EQ(alice[2].due_on, "2026-03-20");
  EXPECT_EQ(alice[2].payload,
            R"({"catalogue_code":"economic_assistance","intervention_key":"ea","sip_id":1})");
  const auto bob = Inbox(kBob);
  ASSERT_EQ(bob.size(), 1U);
  EXPECT_EQ(bob[0].due_on, "2026-03-08");  // overdue: first in Bob's inbox

  // A week later the second SIP's follow-up and intervention come within reach.
  clock.Advance(std::chrono::days(8));
  auto later = scheduler.RunOnce();
  FYREN_ASSERT_OK(later);
  EXPECT_EQ(later->follow_ups, 0);
  EXPECT_EQ(later->interventions_ending, 1);  // sip 2 "hs" on 2026-03-26
  clock.Advance(std::chrono::days(6));
  auto latest = scheduler.RunOnce();
  FYREN_ASSERT_OK(latest);
  EXPECT_EQ(latest->follow_ups, 1);  // sip 2 on 2026-03-30
}

TEST_P(TaskStoreTest, SharedIntervalSkipsUntilItHasPassed) {
  SetUpWorld();
  SetUpDueItems();
  base::FakeClock clock(base::FromUnixMicros(Now()));
  TaskScheduler one(*db_, kTenant, clock, Options("one"));
  TaskScheduler two(*db_, kTenant, clock, Options("two"));
  auto ran = one.RunOnce(/*share_interval=*/true);
  FYREN_ASSERT_OK(ran);
  EXPECT_TRUE(ran->ran);
  auto skipped = two.RunOnce(/*share_interval=*/true);
  FYREN_ASSERT_OK(skipped);
  EXPECT_FALSE(skipped->ran);
  clock.Advance(std::chrono::seconds(301));
  auto next = two.RunOnce(/*share_interval=*/true);
  FYREN_ASSERT_OK(next);
  EXPECT_TRUE(next->ran);
}

TEST_P(TaskStoreTest, TwoSchedulersRacingCreateEachTaskExactlyOnce) {
  SetUpWorld();
  SetUpDueItems();
  db_ = Open(DatabaseOptions{.pool_size = 2, .acquire_timeout_ms = 20000});
  auto other_db = Open(DatabaseOptions{.pool_size = 2, .acquire_timeout_ms = 20000});
  base::FakeClock clock(base::FromUnixMicros(Now()));
  TaskScheduler one(*db_, kTenant, clock, Options("one"));
  TaskScheduler two(*other_db, kTenant, clock, Options("two"));

  std::atomic<int> created{0};
  std::atomic<int> failures{0};
  auto race = [&](TaskScheduler& scheduler) {
    for (int i = 0; i < 10; ++i) {
      auto pass = scheduler.RunOnce();
      if (!pass) {
        ++failures;
        continue;
      }
      created += pass->follow_ups + pass->interventions_ending + pass->consents_expiring;
    }
  };
  std::thread a(race, std::ref(one));
  std::thread b(race, std::ref(two));
  a.join();
  b.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(created.load(), 4);
  EXPECT_EQ(CountTasks(), 4);
  auto keys = db_->Read([](Transaction& tx) {
    return tx.Query("SELECT kind, source_key, COUNT(*) FROM tasks GROUP BY kind, source_key");
  });
  FYREN_ASSERT_OK(keys);
  for (const Row& row : *keys) EXPECT_EQ(row.Int(2), 1) << row.Text(1);
}

TEST_P(TaskStoreTest, PostgresPassSkipsAtOnceWhileAnotherServerHoldsTheLease) {
  if (backend() != Backend::kPostgres) {
    GTEST_SKIP() << "SQLite has one writer: a second pass waits for the lock instead";
  }
  SetUpWorld();
  SetUpDueItems();
  auto other_db = Open(DatabaseOptions{.pool_size = 1});
  base::FakeClock clock(base::FromUnixMicros(Now()));
  TaskScheduler scheduler(*db_, kTenant, clock, Options("second"));

  FYREN_ASSERT_OK(db_->Write([](Transaction& tx) {
    return tasks::SchedulerStore::EnsureJob(tx, kTenant, TaskScheduler::kJobName);
  }));
  auto holder = other_db->Begin(TxMode::kWrite);
  FYREN_ASSERT_OK(holder);
  auto claimed = tasks::SchedulerStore::ClaimPass(**holder, kTenant, TaskScheduler::kJobName,
                                                  "first", Now(), 0);
  FYREN_ASSERT_OK(claimed);
  ASSERT_TRUE(*claimed);

  const auto started = std::chrono::steady_clock::now();
  auto skipped = scheduler.RunOnce();
  FYREN_ASSERT_OK(skipped);
  EXPECT_FALSE(skipped->ran);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
  EXPECT_EQ(CountTasks(), 0);

  (*holder)->Rollback();
  auto ran = scheduler.RunOnce();
  FYREN_ASSERT_OK(ran);
  EXPECT_TRUE(ran->ran);
  EXPECT_EQ(CountTasks(), 4);
}

TEST_P(TaskStoreTest, BackgroundThreadRunsAPassAtOnceAndStopsPromptly) {
  SetUpWorld();
  SetUpDueItems();
  base::FakeClock clock(base::FromUnixMicros(Now()));
  auto options = Options("thread");
  options.interval = std::chrono::hours(1);
  TaskScheduler scheduler(*db_, kTenant, clock, options);
  scheduler.Start();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (CountTasks() < 4 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(CountTasks(), 4);
  const auto stopping = std::chrono::steady_clock::now();
  scheduler.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - stopping, std::chrono::seconds(2));
  scheduler.Stop();  // idempotent
}

TEST_P(TaskStoreTest, ZeroIntervalStartsNoThread) {
  SetUpWorld();
  SetUpDueItems();
  base::FakeClock clock(base::FromUnixMicros(Now()));
  auto options = Options("off");
  options.interval = std::chrono::seconds(0);
  TaskScheduler scheduler(*db_, kTenant, clock, options);
  scheduler.Start();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(CountTasks(), 0);
}

TEST_P(TaskStoreTest, FactsAreRecordedWithoutTimeOrPerson) {
  SetUpWorld();
  const stats::StatFact fact{.period = "2026-03",
                             .authority_id = 10,
                             .district = std::nullopt,
                             .age_band = std::string(stats::AgeBand(1990, 2026)),
                             .gender = "woman",
                             .category = "continuity_guard.economic_assistance.ended"};
  for (int i = 0; i < 3; ++i) {
    FYREN_ASSERT_OK(db_->Write(
        [&](Transaction& tx) { return stats::FactStore::Record(tx, kTenant, fact, Now() + i); }));
  }
  auto counts = db_->Read([&](Transaction& tx) {
    return stats::FactStore::CountByCategory(tx, kTenant, "2026-03", 10);
  });
  FYREN_ASSERT_OK(counts);
  ASSERT_EQ(counts->size(), 1U);
  EXPECT_EQ(counts->at(0).category, "continuity_guard.economic_assistance.ended");
  EXPECT_EQ(counts->at(0).count, 3);
  auto rows = db_->Read([](Transaction& tx) {
    return tx.Query("SELECT DISTINCT created_at, age_band FROM stat_facts");
  });
  FYREN_ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), 1U);  // the three facts share the day, not their microsecond
  EXPECT_EQ(rows->at(0).Int(0) % kDay, 0);
  EXPECT_EQ(rows->at(0).Text(1), "35-44");

  stats::StatFact bad = fact;
  bad.age_band = "36";
  EXPECT_FALSE(db_->Write(
      [&](Transaction& tx) { return stats::FactStore::Record(tx, kTenant, bad, Now()); }));
}

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(StorageTest);

INSTANTIATE_TEST_SUITE_P(Backends, TaskStoreTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const ::testing::TestParamInfo<Backend>& param_info) {
                           return std::string(ToString(param_info.param));
                         });

}  // namespace
}  // namespace fyren::storage::testing
