#pragma once

#include <atomic>
#include <memory>

#include "storage/database.h"

namespace fyren::storage::testing {

// A Database decorator for tests that makes the Nth Execute of each write transaction fail with
// kUnavailable (as a lost connection would), to prove that a multi-row save leaves nothing
// half-written. Reads and other statements pass through to the wrapped database.
class FaultyDatabase final : public Database {
 public:
  FaultyDatabase(Database& inner, int fail_at_execute)
      : inner_(inner), fail_at_execute_(fail_at_execute) {}

  [[nodiscard]] Backend backend() const override { return inner_.backend(); }
  [[nodiscard]] Result<std::unique_ptr<TransactionHandle>> Begin(TxMode mode) override;
  [[nodiscard]] Status Ping() override { return inner_.Ping(); }
  [[nodiscard]] PoolStats Stats() const override { return inner_.Stats(); }
  void Close() override { inner_.Close(); }

  // How many Execute calls the last transaction made before it failed or finished.
  [[nodiscard]] int executes() const { return executes_; }

 private:
  class FaultyTransaction;
  Database& inner_;
  const int fail_at_execute_;
  std::atomic<int> executes_{0};
};

class FaultyDatabase::FaultyTransaction final : public TransactionHandle {
 public:
  FaultyTransaction(std::unique_ptr<TransactionHandle> inner, FaultyDatabase& owner)
      : inner_(std::move(inner)), owner_(owner) {}

  [[nodiscard]] Result<Rows> QuerySpan(std::string_view sql,
                                       std::span<const Param> params) override {
    return inner_->QuerySpan(sql, params);
  }
  [[nodiscard]] Result<std::int64_t> ExecuteSpan(std::string_view sql,
                                                 std::span<const Param> params) override {
    if (++owner_.executes_ == owner_.fail_at_execute_) {
      return base::Fail(base::ErrorCode::kUnavailable, "Injected failure.",
                        "FaultyDatabase: execute " + std::to_string(owner_.fail_at_execute_));
    }
    return inner_->ExecuteSpan(sql, params);
  }
  [[nodiscard]] Status ExecuteScript(std::string_view sql) override {
    return inner_->ExecuteScript(sql);
  }
  [[nodiscard]] Backend backend() const override { return inner_->backend(); }
  [[nodiscard]] Status DoCommit() override { return inner_->Commit(); }
  void Rollback() override { inner_->Rollback(); }

 private:
  std::unique_ptr<TransactionHandle> inner_;
  FaultyDatabase& owner_;
};

inline Result<std::unique_ptr<TransactionHandle>> FaultyDatabase::Begin(TxMode mode) {
  auto tx = inner_.Begin(mode);
  if (!tx) return std::unexpected(tx.error());
  executes_ = 0;
  return std::unique_ptr<TransactionHandle>(
      std::make_unique<FaultyTransaction>(std::move(*tx), *this));
}

}  // namespace fyren::storage::testing
