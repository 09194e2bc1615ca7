#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace fyren::storage {

// Bytes that are stored as BLOB (SQLite) or BYTEA (PostgreSQL), such as ciphertexts and hashes.
struct Blob {
  std::string bytes;
  bool operator==(const Blob&) const = default;
};
struct BlobView {
  std::string_view bytes;
};

// A statement parameter. Views, not copies: a Param only lives for the call it is passed to.
// Booleans are stored as integers 0/1 and times as int64 microseconds since the epoch, so the
// same SQL and the same decoding work on both backends.
class Param {
 public:
  using Variant = std::variant<std::nullptr_t, std::int64_t, double, std::string_view, BlobView>;

  // NOLINTBEGIN(google-explicit-constructor): parameters read like a list of values.
  Param(std::nullptr_t) : v_(nullptr) {}
  Param(std::int64_t v) : v_(v) {}
  Param(int v) : v_(static_cast<std::int64_t>(v)) {}
  Param(bool v) : v_(static_cast<std::int64_t>(v ? 1 : 0)) {}
  Param(double v) : v_(v) {}
  Param(std::string_view v) : v_(v) {}
  Param(const std::string& v) : v_(std::string_view(v)) {}
  Param(const char* v) : v_(std::string_view(v)) {}
  Param(BlobView v) : v_(v) {}
  Param(const Blob& v) : v_(BlobView{v.bytes}) {}
  template <typename T>
  Param(const std::optional<T>& v) : v_(nullptr) {
    if (v) v_ = Param(*v).v_;
  }
  // NOLINTEND(google-explicit-constructor)
  Param(std::string&&) = delete;  // would dangle

  [[nodiscard]] const Variant& value() const { return v_; }

 private:
  Variant v_;
};

// NULL for nullopt, else the bytes as a BLOB (e.g. an optional sealed field). The Param refers
// to `bytes`, which must outlive the statement.
[[nodiscard]] inline Param OptionalBlob(const std::optional<std::string>& bytes) {
  if (!bytes) return Param(nullptr);
  return Param(BlobView{*bytes});
}

// A column value read back. TEXT and BLOB are told apart by the column's declared type.
using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string, Blob>;

// One row of a result. Accessors check the type: asking for an int where the column holds text is
// a programming error in a store and throws std::logic_error (caught and reported as kInternal).
class Row {
 public:
  Row() = default;
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  // For a backend that reads each result row into the same Row (Transaction::QueryEach), so
  // that strings keep their capacity from row to row.
  [[nodiscard]] std::vector<Value>& mutable_values() { return values_; }
  [[nodiscard]] std::size_t size() const { return values_.size(); }
  [[nodiscard]] bool IsNull(std::size_t column) const;
  [[nodiscard]] std::int64_t Int(std::size_t column) const;
  [[nodiscard]] double Real(std::size_t column) const;
  [[nodiscard]] const std::string& Text(std::size_t column) const;
  [[nodiscard]] const std::string& Bytes(std::size_t column) const;
  [[nodiscard]] std::optional<std::int64_t> OptionalInt(std::size_t column) const;
  [[nodiscard]] std::optional<std::string> OptionalText(std::size_t column) const;
  // A BLOB column that may be NULL (e.g. an optional sealed field): nullopt for NULL.
  [[nodiscard]] std::optional<std::string> OptionalBytes(std::size_t column) const;
  [[nodiscard]] const Value& at(std::size_t column) const { return values_.at(column); }

 private:
  std::vector<Value> values_;
};

using Rows = std::vector<Row>;

}  // namespace fyren::storage
