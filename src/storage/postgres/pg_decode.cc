#include "storage/postgres/pg_decode.h"

#include <charconv>
#include <string>

namespace fyren::storage::postgres {
namespace {

std::optional<std::int64_t> ParseInt(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<double> ParseDouble(std::string_view text) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<Blob> ParseByteaHex(std::string_view text) {
  if (!text.starts_with("\\x") || text.size() % 2 != 0) return std::nullopt;
  Blob blob;
  blob.bytes.reserve((text.size() - 2) / 2);
  for (std::size_t i = 2; i < text.size(); i += 2) {
    const int high = HexDigit(text[i]);
    const int low = HexDigit(text[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    blob.bytes.push_back(static_cast<char>((high << 4) | low));
  }
  return blob;
}

}  // namespace

std::optional<Value> DecodeText(std::uint32_t type_oid, std::string_view text) {
  switch (type_oid) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid:
      if (auto v = ParseInt(text)) return Value(*v);
      return std::nullopt;
    case kBoolOid:
      if (text == "t") return Value(std::int64_t{1});
      if (text == "f") return Value(std::int64_t{0});
      return std::nullopt;
    case kFloat4Oid:
    case kFloat8Oid:
      if (auto v = ParseDouble(text)) return Value(*v);
      return std::nullopt;
    case kNumericOid:
      if (auto i = ParseInt(text)) return Value(*i);
      if (auto d = ParseDouble(text)) return Value(*d);
      return std::nullopt;
    case kByteaOid:
      if (auto b = ParseByteaHex(text)) return Value(std::move(*b));
      return std::nullopt;
    default:
      return Value(std::string(text));
  }
}

}  // namespace fyren::storage::postgres
