#include "trust/audit/audit_review.h"

#include <limits>

#include "trust/access/access_policy.h"
#include "trust/audit/review_directory_store.h"
#include "trust/audit/unusual_access.h"

namespace fyren::trust::audit {
namespace {

using base::ErrorCode;

// The same words as a record that does not exist (access::Decision::AsStatus): a reviewer of one
// authority cannot learn that another authority's person or user exists.
base::Error NotFound() {
  return base::Error{
      .code = ErrorCode::kNotFound, .message = "No such record.", .detail = {}, .field = {}};
}

bool InAuthority(const Actor& actor, std::optional<base::OrganisationId> authority) {
  return actor.authority && authority && *actor.authority == *authority;
}

// Names for every user, unit and person a page refers to, one lookup per distinct id. Person
// public ids are given only for the reviewer's own authority (links to their histories).
base::Status AddNames(storage::Transaction& tx, const Actor& actor, const PersonDirectory& persons,
                      std::span<const AuditEntry> entries, std::span<const BulkAccess> bulk,
                      ReviewNames& names) {
  const auto add_user = [&](std::int64_t user_id) -> base::Status {
    if (names.staff.contains(user_id)) return base::Ok();
    auto staff = FindStaffById(tx, actor.tenant, user_id);
    if (!staff) return std::unexpected(staff.error());
    if (*staff) names.staff.emplace(user_id, std::move(**staff));
    return base::Ok();
  };
  const auto add_organisation = [&](std::optional<base::OrganisationId> id) -> base::Status {
    if (!id || names.organisations.contains(id->value())) return base::Ok();
    auto name = FindOrganisationName(tx, actor.tenant, *id);
    if (!name) return std::unexpected(name.error());
    if (*name) names.organisations.emplace(id->value(), std::move(**name));
    return base::Ok();
  };
  for (const AuditEntry& entry : entries) {
    const AuditEvent& e = entry.event;
    if (e.actor_user_id) {
      if (auto ok = add_user(*e.actor_user_id); !ok) return ok;
    }
    if (auto ok = add_organisation(e.unit); !ok) return ok;
    if (e.person_id && !names.person_public_ids.contains(*e.person_id)) {
      auto person = persons.FindById(tx, actor.tenant, *e.person_id);
      if (!person) return std::unexpected(person.error());
      if (*person && InAuthority(actor, (*person)->owning_authority)) {
        names.person_public_ids.emplace(*e.person_id, (*person)->public_id);
      }
    }
  }
  for (const BulkAccess& run : bulk) {
    if (auto ok = add_user(run.user_id); !ok) return ok;
  }
  for (const auto& [id, staff] : names.staff) {
    if (auto ok = add_organisation(staff.unit); !ok) return ok;
  }
  return base::Ok();
}

}  // namespace

base::Result<ReviewPage> AccessHistoryForPerson(storage::Database& db, base::TenantId tenant,
                                                std::int64_t person_id, const ReviewQuery& query) {
  return db.Read(
      [&](storage::Transaction& tx) { return SelectPersonHistory(tx, tenant, person_id, query); });
}

base::Result<ReviewPage> ActivityOfUser(storage::Database& db, base::TenantId tenant,
                                        std::int64_t user_id, const ReviewQuery& query) {
  return db.Read(
      [&](storage::Transaction& tx) { return SelectUserActivity(tx, tenant, user_id, query); });
}

base::Result<ReviewPage> FlaggedEntries(storage::Database& db, base::TenantId tenant,
                                        std::uint32_t flags, const ReviewQuery& query) {
  return db.Read([&](storage::Transaction& tx) { return SelectFlagged(tx, tenant, flags, query); });
}

AuditReviewService::AuditReviewService(storage::Database& db, AuditLog& log,
                                       const base::Clock& clock, const PersonDirectory& persons,
                                       ReviewOptions options)
    : db_(db), log_(log), clock_(clock), persons_(persons), options_(options) {}

base::Status AuditReviewService::Record(const Actor& actor, Action action,
                                        std::optional<RecordType> type,
                                        std::optional<std::int64_t> id,
                                        std::optional<std::int64_t> person) {
  Actor reviewer = actor;
  reviewer.purpose = std::string(ToString(Purpose::kLogReview));
  auto event =
      EventFor(reviewer, action, action == Action::kDenied ? Outcome::kDenied : Outcome::kAllowed);
  if (!event) return std::unexpected(event.error());
  event->record_type = type;
  event->record_id = id;
  event->person_id = person;
  if (IsNightTime(clock_.Now())) event->flags |= kFlagNightTime;
  return log_.Append(*event);
}

base::Status AuditReviewService::Deny(const Actor& actor, const base::Error& error,
                                      std::optional<RecordType> type,
                                      std::optional<std::int64_t> id,
                                      std::optional<std::int64_t> person) {
  // An anonymous request never gets here through the pages (the route gate sends it to sign
  // in); there is nobody to record, and the error says what is wrong.
  if (!actor.IsAnonymous()) {
    if (auto recorded = Record(actor, Action::kDenied, type, id, person); !recorded) {
      return recorded;
    }
  }
  return std::unexpected(error);
}

base::Status AuditReviewService::Authorise(const Actor& actor, bool needs_step_up) {
  const base::TimePoint now = clock_.Now();
  const access::Decision decision =
      access::Decide(actor, access::Permission::kReviewAuditLog, nullptr, now);
  if (!decision.allowed) {
    auto status = decision.AsStatus();
    return Deny(actor, status.error());
  }
  if (!actor.authority) return Deny(actor, NotFound());
  if (needs_step_up) {
    const bool recent = actor.second_factor_at && *actor.second_factor_at <= now &&
                        now - *actor.second_factor_at <= access::kStepUpWindow;
    if (!recent) {
      const access::Decision stale{.allowed = false,
                                   .reason = access::DenyReason::kSecondFactorTooOld,
                                   .mask_identity = false,
                                   .flags = {}};
      return Deny(actor, stale.AsStatus().error());
    }
  }
  return base::Ok();
}

base::Result<FlaggedReview> AuditReviewService::Flagged(const Actor& actor,
                                                        const FlagFilter& filter,
                                                        const ReviewQuery& query) {
  if (auto ok = Authorise(actor, false); !ok) return std::unexpected(ok.error());
  const base::OrganisationId authority = *actor.authority;
  auto review = db_.Read([&](storage::Transaction& tx) -> base::Result<FlaggedReview> {
    FlaggedReview out;
    if (filter.entries) {
      auto page = SelectFlaggedInAuthority(tx, actor.tenant, authority, filter.flags, query);
      if (!page) return std::unexpected(page.error());
      out.page = std::move(*page);
    }
    // Bulk runs belong to the period, not to a page of entries: shown with the first page only.
    if (filter.bulk && !query.before_seq) {
      auto accesses = SelectPersonAccesses(tx, actor.tenant, authority, query.from_us, query.to_us,
                                           options_.max_bulk_scan);
      if (accesses) {
        out.bulk = FindBulkAccess(*accesses, options_.bulk);
      } else if (accesses.error().code == ErrorCode::kInvalidInput) {
        out.bulk_too_many = true;
      } else {
        return std::unexpected(accesses.error());
      }
    }
    if (auto ok = AddNames(tx, actor, persons_, out.page.entries, out.bulk, out.names); !ok) {
      return std::unexpected(ok.error());
    }
    return out;
  });
  if (!review) return review;
  if (auto ok = Record(actor, Action::kSearch, std::nullopt, std::nullopt, std::nullopt); !ok) {
    return std::unexpected(ok.error());
  }
  return review;
}

base::Result<PersonReview> AuditReviewService::PersonEntries(const Actor& actor,
                                                             std::string_view public_id,
                                                             const ReviewQuery& query,
                                                             bool extract) {
  if (auto ok = Authorise(actor, extract); !ok) return std::unexpected(ok.error());
  std::optional<std::int64_t> denied_person;
  auto review = db_.Read([&](storage::Transaction& tx) -> base::Result<PersonReview> {
    auto person = persons_.FindByPublicId(tx, actor.tenant, public_id);
    if (!person) return std::unexpected(person.error());
    if (!*person) return std::unexpected(NotFound());
    if (!InAuthority(actor, (*person)->owning_authority)) {
      denied_person = (*person)->person_id;
      return std::unexpected(NotFound());
    }
    PersonReview out{.person = std::move(**person), .page = {}, .names = {}};
    ReviewQuery page_query = query;
    const std::int64_t max_entries = extract ? options_.max_extract_entries : query.limit;
    if (extract) page_query.limit = 500;
    for (;;) {
      auto page = SelectPersonHistory(tx, actor.tenant, out.person.person_id, page_query);
      if (!page) return std::unexpected(page.error());
      for (AuditEntry& entry : page->entries) out.page.entries.push_back(std::move(entry));
      out.page.next_cursor = page->next_cursor;
      const bool full = static_cast<std::int64_t>(out.page.entries.size()) >= max_entries;
      if (!extract || !page->next_cursor || full) break;
      page_query.before_seq = page->next_cursor;
    }
    if (auto ok = AddNames(tx, actor, persons_, out.page.entries, {}, out.names); !ok) {
      return std::unexpected(ok.error());
    }
    return out;
  });
  if (!review) {
    if (review.error().code != ErrorCode::kNotFound) return review;
    auto denied = Deny(actor, review.error(),
                       denied_person ? std::optional(RecordType::kPerson) : std::nullopt,
                       denied_person, denied_person);
    return std::unexpected(denied.error());
  }
  const std::int64_t person_id = review->person.person_id;
  if (auto ok = Record(actor, extract ? Action::kExport : Action::kRead, RecordType::kPerson,
                       person_id, person_id);
      !ok) {
    return std::unexpected(ok.error());
  }
  return review;
}

base::Result<PersonReview> AuditReviewService::AccessHistoryForPerson(
    const Actor& actor, std::string_view person_public_id, const ReviewQuery& query) {
  return PersonEntries(actor, person_public_id, query, false);
}

base::Result<PersonReview> AuditReviewService::ExtractForPerson(const Actor& actor,
                                                                std::string_view person_public_id,
                                                                std::int64_t from_us,
                                                                std::int64_t to_us) {
  return PersonEntries(
      actor, person_public_id,
      ReviewQuery{.from_us = from_us, .to_us = to_us, .limit = 500, .before_seq = std::nullopt},
      true);
}

base::Result<UserReview> AuditReviewService::ActivityOfUser(const Actor& actor,
                                                            std::string_view user_public_id,
                                                            const ReviewQuery& query) {
  if (auto ok = Authorise(actor, false); !ok) return std::unexpected(ok.error());
  const base::OrganisationId authority = *actor.authority;
  std::optional<std::int64_t> denied_user;
  auto review = db_.Read([&](storage::Transaction& tx) -> base::Result<UserReview> {
    auto user = FindStaffByPublicId(tx, actor.tenant, user_public_id);
    if (!user) return std::unexpected(user.error());
    if (!*user) return std::unexpected(NotFound());
    if (!InAuthority(actor, (*user)->authority)) {
      denied_user = (*user)->user_id;
      return std::unexpected(NotFound());
    }
    UserReview out{.user = std::move(**user), .page = {}, .names = {}};
    auto page = SelectUserActivityInAuthority(tx, actor.tenant, authority, out.user.user_id, query);
    if (!page) return std::unexpected(page.error());
    out.page = std::move(*page);
    out.names.staff.emplace(out.user.user_id, out.user);
    if (auto ok = AddNames(tx, actor, persons_, out.page.entries, {}, out.names); !ok) {
      return std::unexpected(ok.error());
    }
    return out;
  });
  if (!review) {
    if (review.error().code != ErrorCode::kNotFound) return review;
    auto denied = Deny(actor, review.error(),
                       denied_user ? std::optional(RecordType::kUser) : std::nullopt, denied_user);
    return std::unexpected(denied.error());
  }
  if (auto ok = Record(actor, Action::kRead, RecordType::kUser, review->user.user_id, std::nullopt);
      !ok) {
    return std::unexpected(ok.error());
  }
  return review;
}

}  // namespace fyren::trust::audit
