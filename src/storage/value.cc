#include "storage/value.h"

#include <stdexcept>

namespace fyren::storage {
namespace {

template <typename T>
const T& Get(const std::vector<Value>& values, std::size_t column, const char* what) {
  const Value& v = values.at(column);
  if (const T* p = std::get_if<T>(&v)) return *p;
  throw std::logic_error(std::string("column ") + std::to_string(column) + " is not " + what);
}

}  // namespace

bool Row::IsNull(std::size_t column) const {
  return std::holds_alternative<std::nullptr_t>(values_.at(column));
}

std::int64_t Row::Int(std::size_t column) const {
  return Get<std::int64_t>(values_, column, "an integer");
}

double Row::Real(std::size_t column) const {
  const Value& v = values_.at(column);
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  return Get<double>(values_, column, "a real");
}

const std::string& Row::Text(std::size_t column) const {
  return Get<std::string>(values_, column, "text");
}

const std::string& Row::Bytes(std::size_t column) const {
  return Get<Blob>(values_, column, "a blob").bytes;
}

std::optional<std::int64_t> Row::OptionalInt(std::size_t column) const {
  if (IsNull(column)) return std::nullopt;
  return Int(column);
}

std::optional<std::string> Row::OptionalText(std::size_t column) const {
  if (IsNull(column)) return std::nullopt;
  return Text(column);
}

std::optional<std::string> Row::OptionalBytes(std::size_t column) const {
  if (IsNull(column)) return std::nullopt;
  return Bytes(column);
}

}  // namespace fyren::storage
