#pragma once

#include <cstddef>
#include <future>
#include <mutex>
#include <string>
#include <string_view>

#include "base/result.h"
#include "trust/crypto/bounded_worker_pool.h"
#include "trust/crypto/password_hash.h"

namespace fyren::trust::crypto {

struct PasswordHasherOptions {
  // Each running hash holds cost.mem_limit bytes (256 MiB at Moderate), so threads × mem_limit is
  // the memory sign-ins may take at once.
  int threads = 2;
  // Sign-ins waiting beyond this are refused at once (kUnavailable) rather than queued.
  std::size_t max_queued = 32;
  PasswordCost cost = PasswordCost::Moderate();
};

// Runs password hashing and verification on a small bounded pool of its own threads, so an I/O
// thread only waits on (or polls) a future. Each method returns a future that is already ready
// with kUnavailable ("try again in a moment") when the queue is full.
//
// Passwords are moved in and wiped from memory once hashed. Ownership: owns its threads.
// Thread-safety: every method may be called from any thread. Destruction finishes queued work.
class PasswordHasher {
 public:
  explicit PasswordHasher(PasswordHasherOptions options);

  // A new Argon2id hash string at the configured cost.
  [[nodiscard]] std::future<base::Result<std::string>> Hash(std::string password);
  // Whether `password` matches the stored `hash`.
  [[nodiscard]] std::future<base::Result<bool>> Verify(std::string hash, std::string password);
  // For a sign-in with an unknown user name: does the same work as Verify against a fixed dummy
  // hash and answers false, so the response time does not reveal which user names exist.
  [[nodiscard]] std::future<base::Result<bool>> VerifyUnknownUser(std::string password);
  // Cheap (no hashing): whether a hash that just verified should be replaced.
  [[nodiscard]] bool NeedsRehash(std::string_view hash) const;

  [[nodiscard]] const PasswordCost& cost() const { return cost_; }

 private:
  template <typename T>
  std::future<base::Result<T>> Submit(std::move_only_function<base::Result<T>()> work);
  const std::string& DummyHash();

  const PasswordCost cost_;
  std::once_flag dummy_once_;
  std::string dummy_hash_;
  BoundedWorkerPool pool_;  // last: its threads stop before the members they use are destroyed
};

}  // namespace fyren::trust::crypto
