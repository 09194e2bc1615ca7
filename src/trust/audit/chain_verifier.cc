#include "trust/audit/chain_verifier.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <limits>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "trust/audit/audit_store.h"
#include "trust/audit/canonical_encoding.h"

namespace fyren::trust::audit {
namespace {

EntryView ViewOfRow(std::int64_t tenant_id, const storage::Row& row) {
  std::optional<std::string_view> record_type;
  if (!row.IsNull(kColRecordType)) record_type = row.Text(kColRecordType);
  return EntryView{
      .tenant_id = tenant_id,
      .seq = row.Int(kColSeq),
      .occurred_at = row.Int(kColOccurredAt),
      .actor_user_id = row.OptionalInt(kColActorUserId),
      .unit_id = row.OptionalInt(kColUnitId),
      .authority_id = row.OptionalInt(kColAuthorityId),
      .action = row.Text(kColAction),
      .outcome = row.Text(kColOutcome),
      .record_type = record_type,
      .record_id = row.OptionalInt(kColRecordId),
      .person_id = row.OptionalInt(kColPersonId),
      .purpose = row.Text(kColPurpose),
      .flags = row.Int(kColFlags),
      .request_id = row.Text(kColRequestId),
  };
}

bool SameBytes(std::string_view stored, const crypto::ChainHash& expected) {
  return stored.size() == expected.size() &&
         std::memcmp(stored.data(), expected.data(), expected.size()) == 0;
}

crypto::ChainHash HashOf(std::string_view stored) {
  crypto::ChainHash hash{};
  std::memcpy(hash.data(), stored.data(), std::min(stored.size(), hash.size()));
  return hash;
}

// What one batch (the seq range (after, up_to]) found on its own. Its link to the batch before it
// is checked afterwards, when both are known.
struct BatchResult {
  bool done = false;
  std::optional<ChainBreak> first_break;        // inside the batch
  std::optional<crypto::ChainHash> first_prev;  // the stored prev_hash of its first entry
  crypto::ChainHash last_hash{};                // the recomputed hash of its last entry
  std::int64_t checked = 0;
};

// Verifies the entries (after, up_to], every one of which must exist (up_to <= head). The first
// entry's prev_hash is taken as given and returned for the caller to link.
base::Result<BatchResult> VerifyBatch(storage::Database& db, base::TenantId tenant,
                                      std::int64_t after, std::int64_t up_to,
                                      std::string& scratch) {
  BatchResult result;
  std::int64_t expected = after + 1;
  crypto::ChainHash prev{};
  // Returns false at the first break, which ends the scan.
  const auto check = [&](const storage::Row& row) {
    const EntryView view = ViewOfRow(tenant.value(), row);
    if (view.seq != expected) {
      result.first_break = ChainBreak{.kind = BreakKind::kSeqGap, .seq = expected};
      return false;
    }
    const std::string& stored_prev = row.Bytes(kColPrevHash);
    if (view.seq == after + 1) {
      result.first_prev = HashOf(stored_prev);
      prev = *result.first_prev;
      if (stored_prev.size() != prev.size()) {
        result.first_break = ChainBreak{.kind = BreakKind::kPrevHashMismatch, .seq = view.seq};
        return false;
      }
    } else if (!SameBytes(stored_prev, prev)) {
      result.first_break = ChainBreak{.kind = BreakKind::kPrevHashMismatch, .seq = view.seq};
      return false;
    }
    const crypto::ChainHash hash = ChainEntryHash(stored_prev, view, scratch);
    if (!SameBytes(row.Bytes(kColHash), hash)) {
      result.first_break = ChainBreak{.kind = BreakKind::kHashMismatch, .seq = view.seq};
      return false;
    }
    prev = hash;
    ++expected;
    ++result.checked;
    return true;
  };
  auto scanned = db.Read(
      [&](storage::Transaction& tx) { return VisitEntryRows(tx, tenant, after, up_to, check); });
  if (!scanned) return std::unexpected(scanned.error());
  if (!result.first_break && expected <= up_to) {
    result.first_break = ChainBreak{.kind = BreakKind::kSeqGap, .seq = expected};
  }
  result.last_hash = prev;
  return result;
}

}  // namespace

std::string_view ToString(BreakKind kind) {
  switch (kind) {
    case BreakKind::kSeqGap:
      return "missing entry";
    case BreakKind::kPrevHashMismatch:
      return "entry does not link to its predecessor";
    case BreakKind::kHashMismatch:
      return "entry changed";
    case BreakKind::kHeadMismatch:
      return "last entry is not the recorded head";
  }
  return "unknown";
}

base::Result<VerifyReport> VerifyChain(storage::Database& db, base::TenantId tenant,
                                       const VerifyOptions& options) {
  VerifyReport report{.tenant = tenant, .entries_checked = 0, .head_seq = 0, .first_break = {}};
  auto head = db.Read([&](storage::Transaction& tx) { return ReadChainHead(tx, tenant); });
  if (!head) return std::unexpected(head.error());
  if (!*head) {
    // No head row: nothing was ever appended through fyren, so any entry is foreign.
    auto any = db.Read([&](storage::Transaction& tx) {
      return ReadEntryRows(tx, tenant, 0, std::numeric_limits<std::int64_t>::max(), 1);
    });
    if (!any) return std::unexpected(any.error());
    if (!any->empty()) report.first_break = ChainBreak{.kind = BreakKind::kHeadMismatch, .seq = 1};
    return report;
  }
  const ChainHead recorded = **head;
  report.head_seq = recorded.seq;
  if (recorded.seq == 0) return report;

  // Every seq in 1..head must exist, so the chain splits into fixed seq ranges that threads
  // verify independently; a range stops being claimed once an earlier one is known broken.
  const std::int64_t batch = std::max<std::int64_t>(options.batch_size, 1);
  const std::int64_t batches = (recorded.seq + batch - 1) / batch;
  std::vector<BatchResult> results(static_cast<std::size_t>(batches));
  std::atomic<std::int64_t> next = 0;
  std::atomic<std::int64_t> first_broken = batches;
  std::mutex error_mu;
  std::optional<base::Error> error;

  const auto work = [&] {
    std::string scratch;
    for (;;) {
      const std::int64_t index = next.fetch_add(1);
      if (index >= batches || index > first_broken.load()) return;
      const std::int64_t after = index * batch;
      auto result = VerifyBatch(db, tenant, after, std::min(after + batch, recorded.seq), scratch);
      if (!result) {
        std::lock_guard lock(error_mu);
        if (!error) error = result.error();
        first_broken = -1;
        return;
      }
      result->done = true;
      if (result->first_break) {
        std::int64_t seen = first_broken.load();
        while (index < seen && !first_broken.compare_exchange_weak(seen, index)) {
        }
      }
      results[static_cast<std::size_t>(index)] = *result;
    }
  };
  const int threads = std::clamp(options.threads, 1, 16);
  std::vector<std::thread> helpers;
  for (int t = 1; t < threads; ++t) helpers.emplace_back(work);
  work();
  for (auto& helper : helpers) helper.join();
  if (error) return std::unexpected(*error);

  crypto::ChainHash prev = kGenesisHash;
  for (const BatchResult& result : results) {
    if (!result.done) break;  // only after a broken batch
    const std::int64_t first_seq = static_cast<std::int64_t>(&result - results.data()) * batch + 1;
    if (result.first_prev && *result.first_prev != prev) {
      report.first_break = ChainBreak{.kind = BreakKind::kPrevHashMismatch, .seq = first_seq};
      return report;
    }
    report.entries_checked += result.checked;
    if (result.first_break) {
      report.first_break = result.first_break;
      return report;
    }
    prev = result.last_hash;
  }
  if (prev != recorded.hash) {
    report.first_break = ChainBreak{.kind = BreakKind::kHeadMismatch, .seq = recorded.seq};
  }
  return report;
}

}  // namespace fyren::trust::audit
