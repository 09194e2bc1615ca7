#include "trust/crypto/bounded_worker_pool.h"

#include <algorithm>

namespace fyren::trust::crypto {

BoundedWorkerPool::BoundedWorkerPool(int threads, std::size_t max_queued)
    : max_queued_(max_queued) {
  const int count = std::max(threads, 1);
  threads_.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) threads_.emplace_back([this] { Work(); });
}

BoundedWorkerPool::~BoundedWorkerPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (std::thread& t : threads_) t.join();
}

bool BoundedWorkerPool::TrySubmit(std::move_only_function<void()> task) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || queue_.size() >= max_queued_) return false;
    queue_.push_back(std::move(task));
  }
  ready_.notify_one();
  return true;
}

std::size_t BoundedWorkerPool::queued() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

void BoundedWorkerPool::Work() {
  for (;;) {
    std::move_only_function<void()> task;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      // Queued work is finished even when stopping: each task holds a promise someone waits on.
      if (queue_.empty()) return;
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
  }
}

}  // namespace fyren::trust::crypto
