#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace fyren::person {

// A person's sealed fields as the record view opens them, in a fixed order: languages, given
// name, family name, alias, phone, email, address, identity number.
inline constexpr std::size_t kOpenedFieldCount = 8;
using SealedFields = std::array<const std::optional<std::string>*, kOpenedFieldCount>;
using OpenedFields = std::array<std::string, kOpenedFieldCount>;

// Persons' fields this process has opened, by (tenant, person) and the exact sealed bytes they
// were opened from (issue 3, Speed: opening eight fields was ~8 % of a record view's CPU). A
// field that changes, through this server, another one or by hand, no longer matches its sealed
// bytes, so it is opened again (and tampering is found), never answered from memory; a kept
// entry is only ever as old as the row it was read with.
//
// What is kept is personal data in clear, in this process's memory only (decision 0014): the
// master key is in the same memory, so keeping opened fields adds no reader who could not
// already decrypt them. PersonService hands them out only inside Read, after it has decided the
// viewer's access to the person and masked what the decision masks. Bounded: past kMaxPersons
// everything is dropped. Thread-safe.
class OpenedPersonCache {
 public:
  static constexpr std::size_t kMaxPersons = 1024;

  [[nodiscard]] std::shared_ptr<const OpenedFields> Find(std::int64_t tenant,
                                                         std::int64_t person_id,
                                                         const SealedFields& sealed) const {
    const std::lock_guard lock(mutex_);
    const auto found = entries_.find({tenant, person_id});
    if (found == entries_.end()) return nullptr;
    for (std::size_t i = 0; i < kOpenedFieldCount; ++i) {
      if (found->second.sealed[i] != *sealed[i]) return nullptr;
    }
    return found->second.opened;
  }

  void Store(std::int64_t tenant, std::int64_t person_id, const SealedFields& sealed,
             std::shared_ptr<const OpenedFields> opened) {
    Entry entry{.sealed = {}, .opened = std::move(opened)};
    for (std::size_t i = 0; i < kOpenedFieldCount; ++i) entry.sealed[i] = *sealed[i];
    const std::lock_guard lock(mutex_);
    if (entries_.size() >= kMaxPersons) entries_.clear();
    entries_.insert_or_assign({tenant, person_id}, std::move(entry));
  }

 private:
  struct Entry {
    std::array<std::optional<std::string>, kOpenedFieldCount> sealed;
    std::shared_ptr<const OpenedFields> opened;
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::int64_t, std::int64_t>, Entry> entries_;
};

}  // namespace fyren::person
