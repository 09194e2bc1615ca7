#include "trust/audit/audit_log.h"

#include <algorithm>
#include <exception>
#include <functional>
#include <iterator>
#include <map>
#include <utility>
#include <vector>

#include "base/log.h"
#include "trust/audit/audit_store.h"
#include "trust/audit/canonical_encoding.h"

namespace fyren::trust::audit {
namespace {

using base::ErrorCode;
using base::Fail;

// Chains `events` (all of one tenant, in order) onto the tenant's head inside `tx`: locks the
// head, assigns seq and hashes, inserts, moves the head. `entries` receives the new entries.
base::Status ChainAndInsert(storage::Transaction& tx, base::TenantId tenant,
                            std::span<const AuditEvent* const> events,
                            std::span<const std::int64_t> occurred_at,
                            std::vector<AuditEntry>& entries) {
  auto head = LockChainHead(tx, tenant);
  if (!head) return std::unexpected(head.error());
  const std::size_t first = entries.size();
  std::string scratch;
  crypto::ChainHash prev = head->hash;
  std::int64_t seq = head->seq;
  for (std::size_t i = 0; i < events.size(); ++i) {
    AuditEntry entry{.event = *events[i],
                     .seq = ++seq,
                     .occurred_at = occurred_at[i],
                     .prev_hash = prev,
                     .hash = {}};
    entry.hash = ChainEntryHash(AsBytes(prev), ViewOf(entry), scratch);
    prev = entry.hash;
    entries.push_back(std::move(entry));
  }
  if (auto inserted = InsertEntries(tx, std::span(entries).subspan(first)); !inserted) {
    return inserted;
  }
  return StoreChainHead(tx, tenant, ChainHead{.seq = seq, .hash = prev});
}

// Events grouped by tenant, ascending, each group in queue order. Two servers lock tenants'
// heads in the same (ascending) order, so their batches cannot deadlock.
struct TenantGroup {
  std::vector<const AuditEvent*> events;
  std::vector<std::int64_t> occurred_at;
  std::vector<std::size_t> positions;  // indexes into the grouped span, to report results
};

template <typename PendingPtr>
std::map<base::TenantId, TenantGroup> GroupByTenant(std::span<const PendingPtr> pendings) {
  std::map<base::TenantId, TenantGroup> groups;
  for (std::size_t i = 0; i < pendings.size(); ++i) {
    TenantGroup& group = groups[pendings[i]->event->tenant];
    group.events.push_back(pendings[i]->event);
    group.occurred_at.push_back(pendings[i]->occurred_at);
    group.positions.push_back(i);
  }
  return groups;
}

}  // namespace

AuditLog::AuditLog(storage::Database& db, const base::Clock& clock, AuditLogOptions options)
    : db_(db),
      clock_(clock),
      options_(options),
      gather_in_transaction_(db.backend() == storage::Backend::kSqlite),
      writer_([this] { WriterLoop(); }) {}

AuditLog::~AuditLog() { Shutdown(); }

void AuditLog::Shutdown() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  work_.notify_one();
  if (writer_.joinable()) writer_.join();
}

// A deferred Append: the scope keeps the event (the caller's may be gone before the writer
// reads it) and the Pending the writer fills.
struct DeferredAppends::Entry {
  Entry(const AuditEvent& appended, AuditLog& into, Group* group) : event(appended), log(&into) {
    pending.event = &event;
    pending.group = group;
  }
  AuditEvent event;
  AuditLog::Pending pending{.event = nullptr, .occurred_at = 0, .result = base::Ok()};
  AuditLog* log;
};

// The entries of one scope. Counted: one reference for the scope until it awaits or hands over
// (ThenCall), one for each entry the writer has not finished. Whoever drops the last reference
// (the writer, or the scope when everything was already written) calls `done`, if set, and
// deletes the group; the entries live until then.
struct DeferredAppends::Group {
  std::vector<std::unique_ptr<Entry>> entries;
  std::atomic<std::size_t> refs{1};
  std::function<void(base::Status)> done;

  [[nodiscard]] base::Status FirstFailure() const {
    for (const auto& entry : entries) {
      if (!entry->pending.result) return entry->pending.result;
    }
    return base::Ok();
  }

  void Unref() {
    if (refs.fetch_sub(1, std::memory_order_acq_rel) != 1) return;
    if (done) {
      // On the writer thread: a callback that throws must not stop every later append. The
      // response it was to release is then never sent, which is the safe way to fail.
      try {
        done(FirstFailure());
      } catch (const std::exception& e) {
        base::log::Error("audit_deferred_callback_failed", {{"what", std::string(e.what())}});
      } catch (...) {
        base::log::Error("audit_deferred_callback_failed", {{"what", "unknown"}});
      }
    }
    delete this;
  }
};

thread_local DeferredAppends* DeferredAppends::current_ = nullptr;

DeferredAppends::DeferredAppends() : outer_(current_) { current_ = this; }

DeferredAppends::~DeferredAppends() {
  (void)Await();
  current_ = outer_;
}

std::size_t DeferredAppends::pending() const { return group_ ? group_->entries.size() : 0; }

base::Status DeferredAppends::Await() {
  if (group_ == nullptr) return base::Ok();
  for (const auto& entry : group_->entries) entry->log->WaitWritten(entry->pending);
  base::Status first = group_->FirstFailure();
  std::exchange(group_, nullptr)->Unref();
  return first;
}

void DeferredAppends::ThenCall(std::function<void(base::Status)> done) {
  if (group_ == nullptr) {
    done(base::Ok());
    return;
  }
  group_->done = std::move(done);
  std::exchange(group_, nullptr)->Unref();
}

base::Status AuditLog::Append(const AuditEvent& event) {
  if (auto valid = ValidateEvent(event); !valid) return valid;
  if (DeferredAppends* scope = DeferredAppends::current_; scope != nullptr) {
    if (scope->group_ == nullptr) scope->group_ = new DeferredAppends::Group();
    DeferredAppends::Group& group = *scope->group_;
    auto entry = std::make_unique<DeferredAppends::Entry>(event, *this, &group);
    group.refs.fetch_add(1, std::memory_order_relaxed);
    if (auto queued = Enqueue(entry->pending); !queued) {
      group.refs.fetch_sub(1, std::memory_order_relaxed);  // the scope's reference remains
      return queued;
    }
    group.entries.push_back(std::move(entry));
    return base::Ok();
  }
  Pending pending{.event = &event, .occurred_at = 0, .result = base::Ok()};
  if (auto queued = Enqueue(pending); !queued) return queued;
  WaitWritten(pending);
  return pending.result;
}

base::Status AuditLog::Enqueue(Pending& pending) {
  bool wake = false;
  {
    std::lock_guard lock(mu_);
    if (stopping_) return Fail(ErrorCode::kUnavailable, "the audit log is shutting down");
    // Stamped under the lock so that, within this process, seq order and time order agree.
    pending.occurred_at = base::ToUnixMicros(clock_.Now());
    queue_.push_back(&pending);
    wake = writer_wants_ != 0 && queue_.size() >= writer_wants_;
  }
  if (wake) work_.notify_one();
  return base::Ok();
}

void AuditLog::WaitWritten(const Pending& pending) {
  for (;;) {
    const std::uint32_t seen = batches_written_.load(std::memory_order_acquire);
    if (pending.written.load(std::memory_order_acquire)) return;
    batches_written_.wait(seen, std::memory_order_acquire);
  }
}

base::Result<AuditEntry> AuditLog::AppendInTransaction(storage::Transaction& tx,
                                                       const AuditEvent& event) {
  if (auto valid = ValidateEvent(event); !valid) return std::unexpected(valid.error());
  const AuditEvent* events[] = {&event};
  const std::int64_t occurred_at[] = {base::ToUnixMicros(clock_.Now())};
  std::vector<AuditEntry> entries;
  entries.reserve(1);
  if (auto ok = ChainAndInsert(tx, event.tenant, events, occurred_at, entries); !ok) {
    return std::unexpected(ok.error());
  }
  if (AuditMirror* mirror = options_.mirror; mirror != nullptr) {
    tx.AfterCommit([mirror, entry = entries.front()] { mirror->Publish({&entry, 1}); });
  }
  return std::move(entries.front());
}

void AuditLog::WriterLoop() {
  std::vector<Pending*> batch;
  std::size_t previous = 0;
  for (;;) {
    std::chrono::steady_clock::time_point gather_until;
    {
      std::unique_lock lock(mu_);
      writer_wants_ = 1;
      work_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      writer_wants_ = 0;
      if (queue_.empty()) return;  // stopping, and everything queued is written
      gather_until = std::chrono::steady_clock::now() + options_.coalesce_wait;
      batch.clear();
      TakeQueued(batch, base::TenantId(0));
    }
    if (gather_in_transaction_) {
      WriteBatch(batch, previous, gather_until);
    } else {
      // No transaction yet, so no chain head is locked and any tenant may join.
      (void)GatherMore(batch, previous, gather_until, base::TenantId(0));
      WriteBatch(batch, 0, gather_until);
    }
    previous = batch.size();
  }
}

void AuditLog::TakeQueued(std::vector<Pending*>& batch, base::TenantId lowest_tenant) {
  const std::size_t max_batch = std::max<std::size_t>(options_.max_batch, 1);
  while (!queue_.empty() && batch.size() < max_batch &&
         queue_.front()->event->tenant >= lowest_tenant) {
    batch.push_back(queue_.front());
    queue_.pop_front();
  }
}

bool AuditLog::GatherMore(std::vector<Pending*>& batch, std::size_t target,
                          std::chrono::steady_clock::time_point until,
                          base::TenantId lowest_tenant) {
  if (batch.size() >= target) return false;
  const std::size_t before = batch.size();
  std::unique_lock lock(mu_);
  const std::size_t wanted = target - batch.size();
  if (queue_.size() < wanted) {
    writer_wants_ = wanted;
    work_.wait_until(lock, until, [&] { return stopping_ || queue_.size() >= wanted; });
    writer_wants_ = 0;
  }
  TakeQueued(batch, lowest_tenant);
  return batch.size() > before;
}

void AuditLog::WriteBatch(std::vector<Pending*>& batch, std::size_t target,
                          std::chrono::steady_clock::time_point gather_until) {
  std::vector<AuditEntry> committed;
  committed.reserve(std::max(batch.size(), target));

  // While the transaction is open, the appenders woken by the previous batch queue their next
  // events; they join this transaction until it holds as many as the previous one or the
  // coalesce time is up. Their inserts overlap that wait instead of following it. Only tenants
  // at or above the highest one locked so far may join, to keep the ascending lock order.
  base::Status all = db_.Write([&](storage::Transaction& tx) -> base::Status {
    std::size_t inserted = 0;
    base::TenantId highest(0);
    do {
      const auto groups = GroupByTenant(std::span<Pending* const>(batch).subspan(inserted));
      for (const auto& [tenant, group] : groups) {
        if (auto ok = ChainAndInsert(tx, tenant, group.events, group.occurred_at, committed); !ok) {
          return ok;
        }
        highest = tenant;
      }
      inserted = batch.size();
    } while (GatherMore(batch, target, gather_until, highest));
    return base::Ok();
  });

  std::vector<base::Status> results(batch.size(), base::Ok());
  if (!all) {
    committed.clear();
    // Once more, one transaction per tenant, so that one tenant's failure does not fail another's.
    const auto groups = GroupByTenant(std::span<Pending* const>(batch));
    for (const auto& [tenant, group] : groups) {
      std::vector<AuditEntry> entries;
      base::Status one =
          groups.size() == 1 ? all : db_.Write([&](storage::Transaction& tx) -> base::Status {
            entries.clear();
            return ChainAndInsert(tx, tenant, group.events, group.occurred_at, entries);
          });
      if (one) std::move(entries.begin(), entries.end(), std::back_inserter(committed));
      for (const std::size_t position : group.positions) results[position] = one;
    }
  }

  std::vector<DeferredAppends::Group*> deferred;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    DeferredAppends::Group* group = batch[i]->group;
    batch[i]->result = std::move(results[i]);
    batch[i]->written.store(true, std::memory_order_release);  // the last touch of the Pending
    if (group != nullptr) deferred.push_back(group);
  }
  batches_written_.fetch_add(1, std::memory_order_release);
  batches_written_.notify_all();
  // Scopes that handed their entries over (a response waiting to be sent) hear it here.
  for (DeferredAppends::Group* group : deferred) group->Unref();

  // After waking the appenders: the mirror must not add to their latency.
  if (options_.mirror != nullptr && !committed.empty()) options_.mirror->Publish(committed);
}

}  // namespace fyren::trust::audit
