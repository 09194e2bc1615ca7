#include "trust/audit/audit_log.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <vector>

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

// The batch's events grouped by tenant, ascending, each group in queue order. Two servers lock
// tenants' heads in the same (ascending) order, so their batches cannot deadlock.
struct TenantGroup {
  base::TenantId tenant;
  std::vector<const AuditEvent*> events;
  std::vector<std::int64_t> occurred_at;
  std::vector<std::size_t> positions;  // indexes into the batch, to report results
};

}  // namespace

AuditLog::AuditLog(storage::Database& db, const base::Clock& clock, AuditLogOptions options)
    : db_(db), clock_(clock), options_(options), writer_([this] { WriterLoop(); }) {}

AuditLog::~AuditLog() { Shutdown(); }

void AuditLog::Shutdown() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  work_.notify_one();
  if (writer_.joinable()) writer_.join();
}

base::Status AuditLog::Append(const AuditEvent& event) {
  if (auto valid = ValidateEvent(event); !valid) return valid;
  Pending pending{.event = &event, .occurred_at = 0, .result = base::Ok()};
  {
    std::lock_guard lock(mu_);
    if (stopping_) return Fail(ErrorCode::kUnavailable, "the audit log is shutting down");
    // Stamped under the lock so that, within this process, seq order and time order agree.
    pending.occurred_at = base::ToUnixMicros(clock_.Now());
    queue_.push_back(&pending);
  }
  work_.notify_one();
  pending.done.acquire();
  return pending.result;
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
  const std::size_t max_batch = std::max<std::size_t>(options_.max_batch, 1);
  std::size_t previous = 0;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      work_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything queued is written
      const std::size_t target = std::min(previous, max_batch);
      if (queue_.size() < target && options_.coalesce_wait.count() > 0) {
        work_.wait_for(lock, options_.coalesce_wait,
                       [&] { return stopping_ || queue_.size() >= target; });
      }
      const std::size_t take = std::min(queue_.size(), max_batch);
      previous = take;
      batch.assign(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(take));
      queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(take));
    }
    WriteBatch(batch);
  }
}

void AuditLog::WriteBatch(std::span<Pending* const> batch) {
  std::map<base::TenantId, TenantGroup> by_tenant;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    TenantGroup& group = by_tenant[batch[i]->event->tenant];
    group.tenant = batch[i]->event->tenant;
    group.events.push_back(batch[i]->event);
    group.occurred_at.push_back(batch[i]->occurred_at);
    group.positions.push_back(i);
  }
  std::vector<base::Status> results(batch.size(), base::Ok());
  std::vector<AuditEntry> committed;
  committed.reserve(batch.size());

  const auto write_groups = [&](auto first, auto last) -> base::Status {
    std::vector<AuditEntry> entries;
    entries.reserve(batch.size());
    auto written = db_.Write([&](storage::Transaction& tx) -> base::Status {
      for (auto it = first; it != last; ++it) {
        const TenantGroup& group = it->second;
        if (auto ok = ChainAndInsert(tx, group.tenant, group.events, group.occurred_at, entries);
            !ok) {
          return ok;
        }
      }
      return base::Ok();
    });
    if (written) std::move(entries.begin(), entries.end(), std::back_inserter(committed));
    return written;
  };

  base::Status all = write_groups(by_tenant.begin(), by_tenant.end());
  if (!all && by_tenant.size() > 1) {
    for (auto it = by_tenant.begin(); it != by_tenant.end(); ++it) {
      const base::Status one = write_groups(it, std::next(it));
      for (const std::size_t position : it->second.positions) results[position] = one;
    }
  } else if (!all) {
    std::fill(results.begin(), results.end(), all);
  }

  for (std::size_t i = 0; i < batch.size(); ++i) {
    batch[i]->result = std::move(results[i]);
    batch[i]->done.release();  // the last touch: the appender may return at once
  }
  // After waking the appenders: the mirror must not add to their latency.
  if (options_.mirror != nullptr && !committed.empty()) options_.mirror->Publish(committed);
}

}  // namespace fyren::trust::audit
