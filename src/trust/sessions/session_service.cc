#include "trust/sessions/session_service.h"

#include "base/ids.h"
#include "base/random.h"
#include "trust/crypto/tokens.h"
#include "trust/sessions/session_store.h"

namespace fyren::trust::sessions {

bool IsWellFormedToken(std::string_view token) {
  if (token.size() != 43) return false;
  for (const char c : token) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

SessionService::SessionService(storage::Database& db, const base::Clock& clock,
                               SessionPolicy policy)
    : db_(db), clock_(clock), policy_(policy) {}

base::Result<IssuedSession> SessionService::Start(storage::Transaction& tx, base::TenantId tenant,
                                                  std::int64_t user_id, SessionStage stage,
                                                  base::TimePoint authenticated_at,
                                                  std::optional<base::TimePoint> mfa_at) const {
  const base::TimePoint now = clock_.Now();
  IssuedSession issued{.record = SessionRecord{.tenant = tenant,
                                               .session_id = base::NewRowId(),
                                               .public_handle = base::NewPublicId(),
                                               .user_id = user_id,
                                               .stage = stage,
                                               .csrf_token = crypto::NewRandomToken(),
                                               .created_at = now,
                                               .last_seen_at = now,
                                               .authenticated_at = authenticated_at,
                                               .mfa_at = mfa_at,
                                               .ended_at = std::nullopt},
                       .token = crypto::NewRandomToken()};
  if (auto ok = SessionStore::Insert(tx, issued.record, crypto::TokenHash(issued.token)); !ok) {
    return std::unexpected(ok.error());
  }
  return issued;
}

bool SessionService::IsExpired(const SessionRecord& record, base::TimePoint now) const {
  if (record.ended_at) return true;
  if (now - record.last_seen_at >= policy_.idle_timeout) return true;
  if (now - record.created_at >= policy_.absolute_timeout) return true;
  if (record.stage != SessionStage::kFull && now - record.created_at >= policy_.pending_timeout) {
    return true;
  }
  return false;
}

base::Result<std::optional<SessionRecord>> SessionService::Resolve(base::TenantId tenant,
                                                                   std::string_view token) const {
  return Resolve(tenant, token, {});
}

base::Result<std::optional<SessionRecord>> SessionService::Resolve(
    base::TenantId tenant, std::string_view token, const AlsoRead& also,
    const std::string* lookup_sql) const {
  if (!IsWellFormedToken(token)) return std::optional<SessionRecord>();
  const std::string hash = crypto::TokenHash(token);
  static const std::string kPlainLookup = SessionStore::FindByTokenHashSql({}, {});
  auto found =
      db_.Read([&](storage::Transaction& tx) -> base::Result<std::optional<SessionRecord>> {
        return SessionStore::FindByTokenHashWith(
            tx, tenant, hash, lookup_sql != nullptr ? *lookup_sql : kPlainLookup,
            [&](const SessionRecord& record, const storage::Row& row) -> base::Status {
              if (!also || record.ended_at) return base::Ok();
              return also(tx, record, row);
            });
      });
  if (!found) return std::unexpected(found.error());
  if (!found->has_value()) return std::optional<SessionRecord>();
  SessionRecord record = std::move(**found);
  const base::TimePoint now = clock_.Now();
  if (record.ended_at) return std::optional<SessionRecord>();
  if (IsExpired(record, now)) {
    auto ended = db_.Write([&](storage::Transaction& tx) {
      return SessionStore::End(tx, tenant, record.session_id, now, "expired");
    });
    if (!ended) return std::unexpected(ended.error());
    return std::optional<SessionRecord>();
  }
  if (now - record.last_seen_at >= policy_.touch_interval) {
    auto touched = db_.Write([&](storage::Transaction& tx) {
      return SessionStore::Touch(tx, tenant, record.session_id, now);
    });
    if (!touched) return std::unexpected(touched.error());
    record.last_seen_at = now;
  }
  return std::optional(std::move(record));
}

base::Result<bool> SessionService::End(storage::Transaction& tx, const SessionRecord& record,
                                       std::string_view reason) const {
  return SessionStore::End(tx, record.tenant, record.session_id, clock_.Now(), reason);
}

base::Result<std::int64_t> SessionService::EndAllForUser(storage::Transaction& tx,
                                                         base::TenantId tenant,
                                                         std::int64_t user_id,
                                                         std::string_view reason) const {
  return SessionStore::EndAllForUser(tx, tenant, user_id, clock_.Now(), reason);
}

base::Status SessionService::MarkSecondFactor(storage::Transaction& tx,
                                              const SessionRecord& record) const {
  return SessionStore::SetMfaAt(tx, record.tenant, record.session_id, clock_.Now());
}

}  // namespace fyren::trust::sessions
