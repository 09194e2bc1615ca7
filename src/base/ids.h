#pragma once

#include <cstdint>

#include "base/strong_id.h"

namespace fyren::base {

struct TenantTag {};
struct OrganisationTag {};
using TenantId = StrongId<TenantTag>;
using OrganisationId = StrongId<OrganisationTag>;

// A new internal row id: milliseconds since 2020-01-01 in the high 41 bits and 22 random bits
// below, so ids are positive, roughly time-ordered (good B-tree locality on both backends) and
// generated without a round trip or a shared sequence between servers. Within one process the
// ids only grow (an id that would not be above the last one given is the last one plus one), so
// a bulk load that makes thousands of rows a millisecond never repeats one. Across servers a
// collision needs two inserts in the same millisecond drawing the same 22 bits; the primary key
// then rejects the second insert as a conflict rather than overwriting anything. Thread-safe.
std::int64_t NewRowId();

}  // namespace fyren::base
