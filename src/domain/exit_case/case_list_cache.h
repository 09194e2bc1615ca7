#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>

#include "domain/exit_case/exit_case_service.h"

namespace fyren::exit_case {

// The case list pages this process has listed, per user and filter, kept while their
// authority's case list generation is unchanged (issue 4, Speed: walking the authority's cases
// and opening every listed person's names was most of a list view's time).
//
// The generation (migrations/*/0017) moves on in the transaction of every change to the
// authority's cases, teams, persons, or a coordinator's name or unit, so a write through another
// server on the same PostgreSQL is seen at the next view. Nothing in a list depends on the clock.
//
// What is kept: the page a user was shown, with the initials and birth years of persons on
// their own teams (never full names or identity numbers), in this process's memory only, under
// a key that includes the user, so a page is only ever given back to the user it was listed
// for, after the service has checked their role again. A page listed after a change in the
// authority drops every page of the authority listed before it; past kMaxPages every page is
// dropped.
//
// Thread-safe: the map is guarded; two views that miss at once both list, and either result is
// right for its generation.
class CaseListCache {
 public:
  static constexpr std::size_t kMaxPages = 1024;

  struct Key {
    std::int64_t tenant = 0;
    std::int64_t authority = 0;
    std::int64_t user = 0;
    std::int64_t unit = 0;
    bool unit_list = false;
    std::string status;
    std::string number_pattern;
    int page = 1;

    [[nodiscard]] auto Tied() const {
      return std::tie(tenant, authority, user, unit, unit_list, status, number_pattern, page);
    }
    bool operator<(const Key& other) const { return Tied() < other.Tied(); }
  };

  // The page listed for `key` at `generation`, or null.
  [[nodiscard]] std::shared_ptr<const CaseListPage> Find(const Key& key,
                                                         std::int64_t generation) const;
  // Keeps `page` as listed at `generation` (read before the page's rows), numbered with a new
  // CaseListPage::version, which it returns.
  std::uint64_t Store(Key key, std::int64_t generation, CaseListPage page);

 private:
  struct Entry {
    std::int64_t generation = 0;
    std::shared_ptr<const CaseListPage> page;
  };
  mutable std::mutex mutex_;
  std::map<Key, Entry> entries_;
  std::uint64_t last_version_ = 0;  // guarded by mutex_
};

}  // namespace fyren::exit_case
