#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <utility>

#include "base/result.h"
#include "storage/connection_pool.h"
#include "storage/database.h"

namespace fyren::storage {

// The TransactionHandle of both backends: one open transaction on a leased connection C, which
// provides Query, Execute, ExecuteScript, Commit and Rollback. Header-only for the same reason as
// ConnectionPool.
//
// The rule that makes both backends behave alike: after one failed statement every further
// statement fails and Commit refuses (and rolls back). PostgreSQL enforces this itself; SQLite
// would let the transaction go on, so a store that ignored an error could commit half its work.
// Destroying an uncommitted transaction rolls it back; the connection then returns to the pool
// (or is closed, if it is lost or still inside a transaction).
// Thread-safety: none; a transaction belongs to the thread that runs it.
template <typename C, Backend kBackend>
class PooledTransaction final : public TransactionHandle {
 public:
  using Lease = typename ConnectionPool<C>::Lease;

  // `lease` must already be inside a transaction (BEGIN has run).
  explicit PooledTransaction(Lease lease) : lease_(std::move(lease)) {}
  ~PooledTransaction() override { PooledTransaction::Rollback(); }
  PooledTransaction(const PooledTransaction&) = delete;
  PooledTransaction& operator=(const PooledTransaction&) = delete;

  Result<Rows> QuerySpan(std::string_view sql, std::span<const Param> params) override {
    if (auto usable = CheckUsable(); !usable) return std::unexpected(usable.error());
    return Remember(lease_->Query(sql, params));
  }
  Status QueryEachSpan(std::string_view sql, std::span<const Param> params,
                       const RowVisitor& each) override {
    if constexpr (requires(C & c) { c.QueryEach(sql, params, each); }) {
      if (auto usable = CheckUsable(); !usable) return usable;
      return Remember(lease_->QueryEach(sql, params, each));
    } else {
      return TransactionHandle::QueryEachSpan(sql, params, each);
    }
  }
  Result<std::int64_t> ExecuteSpan(std::string_view sql, std::span<const Param> params) override {
    if (auto usable = CheckUsable(); !usable) return std::unexpected(usable.error());
    return Remember(lease_->Execute(sql, params));
  }
  Status ExecuteScript(std::string_view sql) override {
    if (auto usable = CheckUsable(); !usable) return usable;
    return Remember(lease_->ExecuteScript(sql));
  }
  Backend backend() const override { return kBackend; }

  Status DoCommit() override {
    if (auto usable = CheckUsable(); !usable) {
      Rollback();
      return usable;
    }
    Status committed = lease_->Commit();
    if (!committed) {
      Rollback();
      return committed;
    }
    finished_ = true;
    return base::Ok();
  }

  void Rollback() override {
    if (finished_) return;
    finished_ = true;
    lease_->Rollback();
  }

 private:
  Status CheckUsable() const {
    if (finished_) {
      return base::Fail(base::ErrorCode::kInternal, "database error",
                        "the transaction has already ended");
    }
    if (failed_) {
      return base::Fail(base::ErrorCode::kInternal, "database error",
                        "an earlier statement in this transaction failed; roll back");
    }
    return base::Ok();
  }
  template <typename R>
  R Remember(R result) {
    if (!result) failed_ = true;
    return result;
  }

  Lease lease_;
  bool finished_ = false;
  bool failed_ = false;
};

}  // namespace fyren::storage
