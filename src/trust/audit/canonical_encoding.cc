#include "trust/audit/canonical_encoding.h"

#include <bit>
#include <cstring>

namespace fyren::trust::audit {
namespace {

constexpr std::string_view kLabel = "fyren.audit.v1";

void PutInt(std::int64_t value, std::string& out) {
  auto bits = static_cast<std::uint64_t>(value);
  if constexpr (std::endian::native == std::endian::little) bits = std::byteswap(bits);
  char bytes[8];  // big-endian
  std::memcpy(bytes, &bits, sizeof bytes);
  out.append(bytes, sizeof bytes);
}

void PutOptionalInt(const std::optional<std::int64_t>& value, std::string& out) {
  out.push_back(value ? '\1' : '\0');
  if (value) PutInt(*value, out);
}

void PutString(std::string_view value, std::string& out) {
  const auto size = static_cast<std::uint32_t>(value.size());
  const char bytes[4] = {static_cast<char>((size >> 24) & 0xFFU),
                         static_cast<char>((size >> 16) & 0xFFU),
                         static_cast<char>((size >> 8) & 0xFFU), static_cast<char>(size & 0xFFU)};
  out.append(bytes, sizeof bytes);
  out.append(value);
}

std::optional<std::int64_t> CanonicalId(const std::optional<base::OrganisationId>& id) {
  if (!id) return std::nullopt;
  return id->value();
}

}  // namespace

EntryView ViewOf(const AuditEntry& entry) {
  const AuditEvent& e = entry.event;
  return EntryView{
      .tenant_id = e.tenant.value(),
      .seq = entry.seq,
      .occurred_at = entry.occurred_at,
      .actor_user_id = e.actor_user_id,
      .unit_id = CanonicalId(e.unit),
      .authority_id = CanonicalId(e.authority),
      .action = ToString(e.action),
      .outcome = ToString(e.outcome),
      .record_type = e.record_type ? std::optional(ToString(*e.record_type)) : std::nullopt,
      .record_id = e.record_id,
      .person_id = e.person_id,
      .purpose = ToString(e.purpose),
      .flags = static_cast<std::int64_t>(e.flags),
      .request_id = e.request_id.str(),
  };
}

void EncodeEntry(const EntryView& entry, std::string& out) {
  out.clear();
  out.append(kLabel);
  PutInt(entry.tenant_id, out);
  PutInt(entry.seq, out);
  PutInt(entry.occurred_at, out);
  PutOptionalInt(entry.actor_user_id, out);
  PutOptionalInt(entry.unit_id, out);
  PutOptionalInt(entry.authority_id, out);
  PutString(entry.action, out);
  PutString(entry.outcome, out);
  out.push_back(entry.record_type ? '\1' : '\0');
  if (entry.record_type) PutString(*entry.record_type, out);
  PutOptionalInt(entry.record_id, out);
  PutOptionalInt(entry.person_id, out);
  PutString(entry.purpose, out);
  PutInt(entry.flags, out);
  PutString(entry.request_id, out);
}

crypto::ChainHash ChainEntryHash(std::string_view prev_hash, const EntryView& entry,
                                 std::string& scratch) {
  EncodeEntry(entry, scratch);
  return crypto::Blake2b256({prev_hash, scratch});
}

std::string ToHex(std::string_view bytes) {
  constexpr std::string_view kDigits = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0x0FU]);
  }
  return out;
}

}  // namespace fyren::trust::audit
