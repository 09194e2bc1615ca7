#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "base/result.h"
#include "storage/database.h"

namespace fyren::storage {

// A bounded pool of connections of type C, shared by both backends (header-only so the backend
// libraries need nothing from fyren_storage at link time).
//
// Connections are opened lazily by `factory`, at most `size` at a time. Acquire() waits up to
// `acquire_timeout` for one and then fails with kUnavailable, so an overloaded server answers
// "try again" instead of queueing without bound. When a lease ends, `reusable` decides whether
// the connection goes back to the pool; a lost connection, or one left inside a transaction, is
// closed instead, and the next Acquire() opens a fresh one. That is how the server recovers
// without a restart when the database comes back.
//
// Thread-safety: every member function may be called from any thread. The pool must outlive
// every Lease it hands out. Connections are opened and closed outside the pool's lock.
template <typename C>
class ConnectionPool {
 public:
  using Factory = std::function<Result<std::unique_ptr<C>>()>;
  using Reusable = std::function<bool(C&)>;

  // Exclusive use of one connection until destroyed. Move-only.
  class Lease {
   public:
    Lease() = default;
    Lease(Lease&& other) noexcept
        : pool_(std::exchange(other.pool_, nullptr)), conn_(std::move(other.conn_)) {}
    Lease& operator=(Lease&& other) noexcept {
      if (this != &other) {
        Release();
        pool_ = std::exchange(other.pool_, nullptr);
        conn_ = std::move(other.conn_);
      }
      return *this;
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { Release(); }

    C& operator*() const { return *conn_; }
    C* operator->() const { return conn_.get(); }

   private:
    friend class ConnectionPool;
    Lease(ConnectionPool* pool, std::unique_ptr<C> conn) : pool_(pool), conn_(std::move(conn)) {}
    void Release() {
      if (pool_ != nullptr) std::exchange(pool_, nullptr)->Return(std::move(conn_));
    }

    ConnectionPool* pool_ = nullptr;
    std::unique_ptr<C> conn_;
  };

  ConnectionPool(int size, std::chrono::milliseconds acquire_timeout, Factory factory,
                 Reusable reusable)
      : size_(size),
        acquire_timeout_(acquire_timeout),
        factory_(std::move(factory)),
        reusable_(std::move(reusable)) {}
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;
  ~ConnectionPool() { Close(); }

  // A connection, or kUnavailable on timeout, after Close(), or when a new connection cannot be
  // opened (the factory's error is passed on).
  [[nodiscard]] Result<Lease> Acquire() {
    std::unique_lock lock(mutex_);
    const auto deadline = std::chrono::steady_clock::now() + acquire_timeout_;
    ++waiting_;
    const bool ready = available_.wait_until(
        lock, deadline, [this] { return closed_ || !idle_.empty() || open_ < size_; });
    --waiting_;
    if (closed_) {
      return base::Fail(ErrorCode::kUnavailable, "the database is shutting down",
                        "connection pool is closed");
    }
    if (!ready) {
      ++acquire_timeouts_total_;
      return base::Fail(ErrorCode::kUnavailable, "the database is busy; please try again",
                        "timed out waiting for a pooled connection");
    }
    ++in_use_;
    ++acquired_total_;
    if (!idle_.empty()) {
      std::unique_ptr<C> conn = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(conn));
    }
    ++open_;  // reserve the slot, then connect without holding the lock
    lock.unlock();
    Result<std::unique_ptr<C>> made = factory_();
    if (!made) {
      lock.lock();
      --open_;
      --in_use_;
      available_.notify_one();
      return std::unexpected(made.error());
    }
    return Lease(this, std::move(*made));
  }

  [[nodiscard]] PoolStats Stats() const {
    std::lock_guard lock(mutex_);
    return PoolStats{.size = open_,
                     .in_use = in_use_,
                     .waiting = waiting_,
                     .acquired_total = acquired_total_,
                     .acquire_timeouts_total = acquire_timeouts_total_};
  }

  // Closes idle connections now and leased ones when they come back; Acquire() then fails.
  void Close() {
    std::vector<std::unique_ptr<C>> closing;
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
      closing.swap(idle_);
      open_ -= static_cast<int>(closing.size());
    }
    available_.notify_all();
  }

 private:
  using ErrorCode = base::ErrorCode;

  void Return(std::unique_ptr<C> conn) {
    const bool keep = conn != nullptr && reusable_(*conn);
    {
      std::lock_guard lock(mutex_);
      --in_use_;
      if (keep && !closed_) {
        idle_.push_back(std::move(conn));
      } else {
        --open_;
      }
    }
    available_.notify_one();
    // A connection not kept is destroyed here, outside the lock.
  }

  const int size_;
  const std::chrono::milliseconds acquire_timeout_;
  const Factory factory_;
  const Reusable reusable_;

  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<C>> idle_;
  bool closed_ = false;
  int open_ = 0;
  int in_use_ = 0;
  int waiting_ = 0;
  std::int64_t acquired_total_ = 0;
  std::int64_t acquire_timeouts_total_ = 0;
};

}  // namespace fyren::storage
