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

// Every open scope of the thread on this database, the outer ones too: a Write must end each
// shared transaction that a later Read of this request could use.
Database::WriteInScope::WriteInScope(Database& db) : db_(db) {
  for (SharedReads* scope = SharedReads::current_; scope != nullptr; scope = scope->outer_) {
    if (&scope->db_ != &db_) continue;
    ++scope->writes_running_;
    // A Write inside a shared Read's function cannot end the transaction under it: it ends when
    // that Read returns.
    if (scope->busy_) {
      scope->stale_ = true;
    } else {
      scope->End();
    }
  }
}

// Scopes nest like the stack they live on, so the chain is the one the constructor walked.
Database::WriteInScope::~WriteInScope() {
  for (SharedReads* scope = SharedReads::current_; scope != nullptr; scope = scope->outer_) {
    if (&scope->db_ == &db_) --scope->writes_running_;
  }
}

}  // namespace fyren::storage
