#include "trust/crypto/password_hasher.h"

#include <memory>

#include "trust/crypto/secret_bytes.h"
#include "trust/crypto/tokens.h"

namespace fyren::trust::crypto {
namespace {

base::Error Busy() {
  return base::Error{.code = base::ErrorCode::kUnavailable,
                     .message = "Too many sign-ins at once. Please try again in a moment.",
                     .detail = "password hashing queue is full",
                     .field = {}};
}

}  // namespace

PasswordHasher::PasswordHasher(PasswordHasherOptions options)
    : cost_(options.cost), pool_(options.threads, options.max_queued) {}

template <typename T>
std::future<base::Result<T>> PasswordHasher::Submit(
    std::move_only_function<base::Result<T>()> work) {
  std::promise<base::Result<T>> promise;
  std::future<base::Result<T>> future = promise.get_future();
  // The promise is shared with the task so it can still be answered here when the pool refuses
  // (and drops) the task.
  auto shared = std::make_shared<std::promise<base::Result<T>>>(std::move(promise));
  const bool accepted =
      pool_.TrySubmit([shared, work = std::move(work)]() mutable { shared->set_value(work()); });
  if (!accepted) shared->set_value(std::unexpected(Busy()));
  return future;
}

std::future<base::Result<std::string>> PasswordHasher::Hash(std::string password) {
  return Submit<std::string>([this, password = std::move(password)]() mutable {
    auto hash = HashPassword(password, cost_);
    Wipe(password);
    return hash;
  });
}

std::future<base::Result<bool>> PasswordHasher::Verify(std::string hash, std::string password) {
  return Submit<bool>(
      [hash = std::move(hash), password = std::move(password)]() mutable -> base::Result<bool> {
        auto matches = VerifyPassword(hash, password);
        Wipe(password);
        return matches;
      });
}

std::future<base::Result<bool>> PasswordHasher::VerifyUnknownUser(std::string password) {
  return Submit<bool>([this, password = std::move(password)]() mutable -> base::Result<bool> {
    auto matches = VerifyPassword(DummyHash(), password);
    Wipe(password);
    if (!matches) return std::unexpected(matches.error());
    return false;
  });
}

bool PasswordHasher::NeedsRehash(std::string_view hash) const {
  return PasswordNeedsRehash(hash, cost_);
}

const std::string& PasswordHasher::DummyHash() {
  // Made on first use, on a worker thread, from a random password nobody knows; at the
  // configured cost so verifying against it takes as long as a real verification.
  std::call_once(dummy_once_, [this] {
    auto hash = HashPassword(NewRandomToken(), cost_);
    dummy_hash_ = hash ? *hash : std::string();
  });
  return dummy_hash_;
}

}  // namespace fyren::trust::crypto
