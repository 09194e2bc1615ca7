#include "storage/database.h"

namespace fyren::storage {

std::string_view ToString(Backend backend) {
  switch (backend) {
    case Backend::kSqlite:
      return "sqlite";
    case Backend::kPostgres:
      return "postgres";
  }
  return "unknown";
}

thread_local SharedReads* SharedReads::current_ = nullptr;

SharedReads::SharedReads(Database& db) : db_(db), outer_(current_) { current_ = this; }

SharedReads::~SharedReads() {
  End();
  current_ = outer_;
}

void SharedReads::End() {
  if (!tx_) return;
  // A read transaction has nothing to lose; a failed COMMIT only means its snapshot is gone,
  // and the Reads that used it have already returned their results.
  if (auto committed = tx_->Commit(); !committed) tx_->Rollback();
  tx_.reset();
}

Result<SharedReads*> Database::SharedReadScope() {
  SharedReads* scope = SharedReads::current_;
  if (scope == nullptr || &scope->db_ != this || scope->busy_ || scope->writes_running_ > 0) {
    return nullptr;
  }
  if (!scope->tx_) {
    auto begun = Begin(TxMode::kRead);
    if (!begun) return std::unexpected(begun.error());
    scope->tx_ = std::move(*begun);
  }
  scope->busy_ = true;
  return scope;
}

Database::SharedReadUse::~SharedReadUse() {
  scope_.busy_ = false;
  if (!succeeded_ || scope_.stale_) {
    scope_.stale_ = false;
    if (scope_.tx_) scope_.tx_->Rollback();
    scope_.tx_.reset();
  }
}

Database::WriteInScope::WriteInScope(Database& db) : scope_(SharedReads::current_) {
  if (scope_ == nullptr || &scope_->db_ != &db) {
    scope_ = nullptr;
    return;
  }
  ++scope_->writes_running_;
  // A Write inside a shared Read's function cannot end the transaction under it: it ends when
  // that Read returns.
  if (scope_->busy_) {
    scope_->stale_ = true;
  } else {
    scope_->End();
  }
}

Database::WriteInScope::~WriteInScope() {
  if (scope_ != nullptr) --scope_->writes_running_;
}

}  // namespace fyren::storage
