#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "storage/value.h"

namespace fyren::storage::postgres {

// Type OIDs from PostgreSQL's pg_type catalogue (fixed since the first releases).
inline constexpr std::uint32_t kBoolOid = 16;
inline constexpr std::uint32_t kByteaOid = 17;
inline constexpr std::uint32_t kInt8Oid = 20;
inline constexpr std::uint32_t kInt2Oid = 21;
inline constexpr std::uint32_t kInt4Oid = 23;
inline constexpr std::uint32_t kOidOid = 26;
inline constexpr std::uint32_t kFloat4Oid = 700;
inline constexpr std::uint32_t kFloat8Oid = 701;
inline constexpr std::uint32_t kNumericOid = 1700;

// Decodes one non-NULL result value sent in text format, by the column's type OID:
//   int2/int4/int8/oid -> int64, bool -> int64 0/1, float4/float8 -> double,
//   numeric -> int64 when integral and in range (SUM and COUNT-like results read the same as on
//              SQLite), otherwise double,
//   bytea (hex format "\x...") -> Blob, every other type -> its text (std::string).
// nullopt when the text does not have the form the type promises (a server bug or an
// unexpected bytea_output setting). Pure function, thread-safe.
std::optional<Value> DecodeText(std::uint32_t type_oid, std::string_view text);

}  // namespace fyren::storage::postgres
