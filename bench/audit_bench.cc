// Throughput of the audit log on a SQLite file with synchronous=FULL (every commit is fsynced):
// group-committed Append with N concurrent appenders, and VerifyChain over a long chain.
//   build/h-audit-rel/bench/fyren_bench_audit
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "storage/database.h"
#include "storage/migrator.h"
#include "trust/audit/audit_log.h"
#include "trust/audit/audit_store.h"
#include "trust/audit/canonical_encoding.h"
#include "trust/audit/chain_verifier.h"

namespace {

using namespace fyren;  // NOLINT(google-build-using-namespace): a benchmark's own file
using namespace fyren::trust::audit;  // NOLINT(google-build-using-namespace)

// A fresh migrated database with `tenants` tenants (ids 1..tenants), removed afterwards.
struct BenchDatabase {
  std::filesystem::path dir;
  std::unique_ptr<storage::Database> db;

  explicit BenchDatabase(const std::string& name) {
    dir = std::filesystem::temp_directory_path() /
          ("fyren-bench-audit-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto opened = storage::OpenDatabase("sqlite:" + (dir / "audit.db").string(), {});
    if (!opened) throw std::runtime_error(opened.error().message);
    db = std::move(*opened);
    auto migrations = storage::LoadMigrations(db->backend());
    if (!migrations || !storage::Migrate(*db, *migrations)) throw std::runtime_error("migrate");
    auto inserted = db->Write([](storage::Transaction& tx) {
      return tx.Execute(
          "INSERT INTO tenants (tenant_id, public_id, slug, name, created_at) "
          "VALUES (1, 'bench', 'bench', 'Benchkommun', 0)");
    });
    if (!inserted) throw std::runtime_error(inserted.error().detail);
  }
  ~BenchDatabase() {
    db->Close();
    std::filesystem::remove_all(dir);
  }
};

AuditEvent Event(std::int64_t user, std::int64_t person) {
  static const RequestId kRequestId = *RequestId::Parse("bench-0123456789abcdef");
  return AuditEvent{.tenant = base::TenantId(1),
                    .actor_user_id = user,
                    .unit = base::OrganisationId(100),
                    .authority = base::OrganisationId(10),
                    .action = Action::kRead,
                    .outcome = Outcome::kAllowed,
                    .record_type = RecordType::kPerson,
                    .record_id = person,
                    .person_id = person,
                    .purpose = Purpose::kCaseWork,
                    .flags = 0,
                    .request_id = kRequestId};
}

// state.range(0) appender threads, each appending 200 entries per iteration and waiting for each
// to be durable, as request handlers do.
void BM_AppendGroupCommit(benchmark::State& state) {
  BenchDatabase bench("append");
  base::SystemClock clock;
  AuditLog log(*bench.db, clock);
  const int threads = static_cast<int>(state.range(0));
  constexpr int kPerThread = 200;
  std::int64_t appended = 0;
  for (auto _ : state) {
    std::atomic<int> failures = 0;
    std::vector<std::thread> workers;
    workers.reserve(static_cast<std::size_t>(threads));
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        for (int i = 0; i < kPerThread; ++i) {
          if (!log.Append(Event(t + 1, i + 1))) ++failures;
        }
      });
    }
    for (auto& worker : workers) worker.join();
    if (failures > 0) state.SkipWithError("append failed");
    appended += static_cast<std::int64_t>(threads) * kPerThread;
  }
  state.counters["entries_per_s"] =
      benchmark::Counter(static_cast<double>(appended), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_AppendGroupCommit)->Arg(1)->Arg(8)->Arg(64)->Arg(128)->UseRealTime()->MinTime(3.0);

// Builds a chain of `count` entries directly with the store (large transactions), then verifies
// it once per iteration.
void BM_VerifyChain(benchmark::State& state) {
  BenchDatabase bench("verify");
  const std::int64_t count = state.range(0);
  constexpr std::int64_t kPerTx = 50'000;
  trust::crypto::ChainHash prev = kGenesisHash;
  std::string scratch;
  for (std::int64_t first = 1; first <= count; first += kPerTx) {
    std::vector<AuditEntry> entries;
    entries.reserve(static_cast<std::size_t>(kPerTx));
    for (std::int64_t seq = first; seq < first + kPerTx && seq <= count; ++seq) {
      AuditEntry entry{.event = Event(1 + seq % 50, 1 + seq % 5000),
                       .seq = seq,
                       .occurred_at = 1767225600000000 + seq,
                       .prev_hash = prev,
                       .hash = {}};
      entry.hash = ChainEntryHash(AsBytes(prev), ViewOf(entry), scratch);
      prev = entry.hash;
      entries.push_back(std::move(entry));
    }
    auto written = bench.db->Write([&](storage::Transaction& tx) -> base::Status {
      if (auto head = LockChainHead(tx, base::TenantId(1)); !head) {
        return std::unexpected(head.error());
      }
      if (auto ok = InsertEntries(tx, entries); !ok) return ok;
      return StoreChainHead(tx, base::TenantId(1),
                            ChainHead{.seq = entries.back().seq, .hash = entries.back().hash});
    });
    if (!written) throw std::runtime_error(written.error().detail);
  }
  std::int64_t verified = 0;
  for (auto _ : state) {
    auto report = VerifyChain(*bench.db, base::TenantId(1));
    if (!report || !report->intact() || report->entries_checked != count) {
      state.SkipWithError("verification failed");
      break;
    }
    verified += report->entries_checked;
  }
  state.counters["entries_per_s"] =
      benchmark::Counter(static_cast<double>(verified), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_VerifyChain)->Arg(1'000'000)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
