#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "base/ids.h"
#include "base/result.h"
#include "storage/database.h"

namespace fyren::trust::audit {

// How a chain can be broken. The verifier reports the first break it meets, walking by seq.
enum class BreakKind {
  kSeqGap,            // an entry is missing (deleted row): `seq` is the first missing number
  kPrevHashMismatch,  // the entry does not link to the one before it (rows reordered or replaced)
  kHashMismatch,      // the entry's columns do not match its hash (row changed)
  kHeadMismatch,      // the last entry is not the recorded head (tail deleted, or head altered)
};
[[nodiscard]] std::string_view ToString(BreakKind kind);

struct ChainBreak {
  BreakKind kind = BreakKind::kHashMismatch;
  std::int64_t seq = 0;
};

struct VerifyReport {
  base::TenantId tenant;
  std::int64_t entries_checked = 0;
  std::int64_t head_seq = 0;  // the recorded head when verification started
  std::optional<ChainBreak> first_break;
  [[nodiscard]] bool intact() const { return !first_break.has_value(); }
};

struct VerifyOptions {
  std::int64_t batch_size = 20'000;  // seq numbers per query (keyset pagination by seq)
  // Batches are read and hashed by this many threads at once (each with its own read
  // transaction), and their boundaries are linked afterwards: reading rows costs more than
  // hashing them, so one thread per core roughly multiplies the throughput.
  int threads = 2;
};

// Recomputes every hash of `tenant`'s chain from seq 1 up to the head recorded when it starts
// (entries appended meanwhile are left for the next run) and checks each link and the head.
// Streams in batches, each in its own read transaction: memory stays bounded (one batch per
// thread) and no transaction is held open for minutes. A broken chain is a successful verification
// with first_break set; an error means the database could not be read. Thread-safe (uses only
// `db`).
[[nodiscard]] base::Result<VerifyReport> VerifyChain(storage::Database& db, base::TenantId tenant,
                                                     const VerifyOptions& options = {});

}  // namespace fyren::trust::audit
