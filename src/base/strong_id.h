#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace fyren::base {

// An integer key that cannot be mixed up with another kind of key: a TenantId is not an
// OrganisationId even though both are int64 in the database. Internal ids never appear in URLs;
// public ids (base/random.h) do.
template <typename Tag>
class StrongId {
 public:
  constexpr StrongId() = default;
  constexpr explicit StrongId(std::int64_t value) : value_(value) {}
  [[nodiscard]] constexpr std::int64_t value() const { return value_; }
  constexpr auto operator<=>(const StrongId&) const = default;

 private:
  std::int64_t value_ = 0;
};

}  // namespace fyren::base

template <typename Tag>
struct std::hash<fyren::base::StrongId<Tag>> {
  std::size_t operator()(const fyren::base::StrongId<Tag>& id) const noexcept {
    return std::hash<std::int64_t>{}(id.value());
  }
};
