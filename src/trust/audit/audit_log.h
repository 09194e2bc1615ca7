#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "storage/database.h"
#include "trust/audit/audit_event.h"
#include "trust/audit/audit_mirror.h"

namespace fyren::trust::audit {

class AuditLog;

// Lets a request's page render while its audit entries are being committed. While a scope is
// open on a thread, AuditLog::Append on that thread validates and queues the event and returns at
// once; Await blocks until every event queued through the scope is durable and returns the first
// failure. Whoever opens a scope must call Await before sending the response the entries cover,
// and must send an error instead when it fails: the serve command wraps each routed request in
// one (src/app/serve_command.cc). Code that runs outside a scope (commands, background jobs,
// tests) gets the blocking Append.
//
// Why: Append's wait for the commit's fsync was the middle of every audited request, with the
// rendering after it. With the wait at the end, the rendering overlaps the commit, and the next
// batch can start as soon as the requests' events are queued.
//
// Not copyable or movable; scopes nest (an inner scope awaits its own events). The destructor
// awaits what is still pending (the queued events point into the scope).
class DeferredAppends {
 public:
  DeferredAppends();
  ~DeferredAppends();
  DeferredAppends(const DeferredAppends&) = delete;
  DeferredAppends& operator=(const DeferredAppends&) = delete;

  // Blocks until every event queued through this scope so far is durable. Ok when all were
  // written; otherwise the first failure (the caller must not send what it was about to show).
  [[nodiscard]] base::Status Await();

  // Instead of Await: `done` is called once every event queued through this scope so far is
  // durable, with Ok or the first failure, on the audit writer's thread (at once on this thread
  // when nothing is pending). `done` must be quick: the next batch waits. If it throws on the
  // writer's thread, the exception is logged and the writer goes on.
  void ThenCall(std::function<void(base::Status)> done);

  // How many events are queued and not yet awaited or handed to ThenCall.
  [[nodiscard]] std::size_t pending() const;

 private:
  friend class AuditLog;
  struct Entry;
  struct Group;
  static thread_local DeferredAppends* current_;

  Group* group_ = nullptr;  // created by the first Append; owned by its references
  DeferredAppends* const outer_;
};

struct AuditLogOptions {
  // At most this many events per transaction; more waiting appenders go into the next one.
  std::size_t max_batch = 4096;
  // After a large batch, the writer waits up to this long for the appenders it just woke to
  // queue their next events (on SQLite with the next transaction open, inserting them as they
  // come; on PostgreSQL before beginning it, see gather_in_transaction_). Without it
  // the next batch would often hold the few that arrived first, and the rest would wait a whole
  // commit (an fsync) longer. A lone appender never waits: the target is the previous batch's
  // size.
  std::chrono::microseconds coalesce_wait{1000};
  // Receives every entry after its commit (group-committed Appends and AppendInTransaction);
  // nullptr for none. Not owned: it must outlive the AuditLog.
  AuditMirror* mirror = nullptr;
};

// The tenant audit chains (DESIGN.md, Audit). Two ways to append, one rule for choosing:
//
//  - A read (or a denial, a login, anything that changes no other row) calls Append before the
//    response is sent. Append returns once the entry is durable, so a reader never sees data whose
//    access is not on record. Concurrent Appends are group-committed: one writer thread takes
//    every waiting event, writes them in ONE write transaction (seq numbers and hashes assigned in
//    order, per tenant) and wakes all their callers, so the cost of a durable commit (an fsync)
//    is shared by the whole batch.
//  - A write calls AppendInTransaction inside its own business transaction, so the change and its
//    audit entry commit together or not at all. Call it as the LAST statement before commit: on
//    PostgreSQL it locks the tenant's chain head until the transaction ends, and every other
//    audited write of that tenant waits for it.
//
// Several servers may append to one PostgreSQL database: every append locks the tenant's row in
// audit_heads (SELECT ... FOR UPDATE) and reads the head inside its transaction, so the chain
// never forks. On SQLite the single writer serialises appends anyway.
//
// Thread-safety: all methods may be called from any thread. occurred_at is the clock's time when
// Append was called (AppendInTransaction: when it ran); seq is the commit order and may disagree
// with occurred_at by the time a batch takes.
//
// Append-only: nothing here updates or deletes an entry, and triggers refuse it (see
// migrations/*/0004_audit.sql). Whoever can drop those triggers can still change rows; the hash
// chain and VerifyChain (chain_verifier.h) detect it.
class AuditLog {
 public:
  // `db` and `clock` must outlive the log. Starts the writer thread.
  AuditLog(storage::Database& db, const base::Clock& clock, AuditLogOptions options = {});
  // Writes everything already queued, then stops the writer (Shutdown).
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Appends `event` and blocks until it is durable (inside a DeferredAppends scope: queues it and
  // returns; the scope's Await blocks and reports the failure). Fails with ValidateEvent's
  // kInvalidInput without writing; with kUnavailable after Shutdown; otherwise with the database's
  // error for the whole batch (then none of the batch's entries was written, and the caller must
  // not send the data it was about to show). A batch with several tenants that fails is retried
  // once per tenant, so one tenant's failure does not fail another's appends.
  [[nodiscard]] base::Status Append(const AuditEvent& event);

  // Appends `event` inside `tx` (a write transaction the caller commits) and returns the entry.
  // It is durable only when the caller's commit succeeds; if the caller rolls back, the entry was
  // never there. The mirror receives it from the transaction's AfterCommit hook, so a rolled-back
  // entry is never mirrored.
  [[nodiscard]] base::Result<AuditEntry> AppendInTransaction(storage::Transaction& tx,
                                                             const AuditEvent& event);

  // Refuses new Appends, writes the queued ones and joins the writer. Idempotent.
  void Shutdown();

 private:
  friend class DeferredAppends;

  // One waiting Append, on the appender's stack (or in its DeferredAppends scope). The writer sets
  // `result`, then `written`, and does not touch the Pending after that. Appenders sleep on
  // batches_written_, which the writer bumps once per batch with ONE wake-up for all of them:
  // waking each appender on its own semaphore cost the writer a system call per entry, on the path
  // every next batch waits for, and a mutex-bound condition variable made the woken appenders queue
  // for the mutex.
  struct Pending {
    const AuditEvent* event;
    std::int64_t occurred_at;
    base::Status result;
    DeferredAppends::Group* group = nullptr;  // set for a deferred Append
    std::atomic<bool> written{false};
  };

  // Queues `pending` for the writer; kUnavailable after Shutdown.
  [[nodiscard]] base::Status Enqueue(Pending& pending);
  // Blocks until the writer has written `pending` (set its result).
  void WaitWritten(const Pending& pending);

  void WriterLoop();
  // Writes `batch` and any events that join it while its transaction is open (up to `target`
  // events, until `gather_until`), then wakes their appenders.
  void WriteBatch(std::vector<Pending*>& batch, std::size_t target,
                  std::chrono::steady_clock::time_point gather_until);
  // Moves queued events to `batch` (mu_ held), up to max_batch, stopping at the first event of
  // a tenant below `lowest_tenant`.
  void TakeQueued(std::vector<Pending*>& batch, base::TenantId lowest_tenant);
  // Waits (until `until`) for enough queued events to bring `batch` to `target` and takes what
  // has come; false when nothing was added.
  bool GatherMore(std::vector<Pending*>& batch, std::size_t target,
                  std::chrono::steady_clock::time_point until, base::TenantId lowest_tenant);

  storage::Database& db_;
  const base::Clock& clock_;
  const AuditLogOptions options_;
  // Where the writer waits for a batch to fill. On SQLite inside the open transaction, inserting
  // what arrives while it waits. On PostgreSQL before beginning it: there each gathered group is
  // more round trips in a transaction that holds the tenants' chain heads locked, and the case
  // list (64 signed-in clients) fell from ~510 to ~320 req/s when the writer gathered inside.
  const bool gather_in_transaction_;

  std::mutex mu_;
  std::condition_variable work_;  // the writer waits for pending events
  // Guarded by mu_. Pendings live on the appenders' stacks or in their DeferredAppends scopes.
  std::deque<Pending*> queue_;
  bool stopping_ = false;  // guarded by mu_
  // Guarded by mu_: how many queued events make it worth waking the writer; 0 while it writes.
  // While it gathers a batch, each appender's wake-up would only make it count and sleep again.
  std::size_t writer_wants_ = 0;
  // Batches finished so far (wrapping); appenders wait for it to change. Appenders queued while
  // a batch is written wake once for nothing and wait again.
  std::atomic<std::uint32_t> batches_written_{0};
  std::thread writer_;  // last: started after everything above is ready
};

}  // namespace fyren::trust::audit
