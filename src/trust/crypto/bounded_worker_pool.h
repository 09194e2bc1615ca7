#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace fyren::trust::crypto {

// A fixed set of worker threads with a bounded queue, for CPU- and memory-heavy work (password
// hashing) that must not run on I/O threads and must not pile up without limit under load: when
// `max_queued` tasks are already waiting, TrySubmit refuses at once and the caller answers
// "try again" instead of queueing more memory-hungry work.
//
// Ownership: owns its threads. Thread-safety: TrySubmit may be called from any thread.
// Destruction stops accepting work, runs every task already queued, and joins the threads.
// Tasks must not throw (an exception escaping a task terminates the process).
class BoundedWorkerPool {
 public:
  BoundedWorkerPool(int threads, std::size_t max_queued);
  ~BoundedWorkerPool();
  BoundedWorkerPool(const BoundedWorkerPool&) = delete;
  BoundedWorkerPool& operator=(const BoundedWorkerPool&) = delete;

  // Queues `task`; false (and `task` is dropped) when the queue is full or the pool is stopping.
  [[nodiscard]] bool TrySubmit(std::move_only_function<void()> task);

  // Tasks waiting for a thread (not counting those running).
  [[nodiscard]] std::size_t queued() const;

 private:
  void Work();

  const std::size_t max_queued_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::move_only_function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace fyren::trust::crypto
