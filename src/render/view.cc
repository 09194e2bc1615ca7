#include "render/view.h"

#include <stdexcept>
#include <utility>

#include "render/view_value.h"

namespace fyren::render {

View::View() = default;
View::~View() = default;
View::View(View&& other) noexcept = default;
View& View::operator=(View&& other) noexcept = default;

View::Value& View::Slot(std::string_view key) {
  // Appended, not looked up: a view of a 50-row page sets thousands of keys, each once, and
  // Find reads from the back, so a key set again shadows the older value.
  if (entries_.empty()) entries_.reserve(16);
  Entry& entry = entries_.emplace_back();
  entry.hash = KeyHash(key);
  entry.key.assign(key);
  return entry.value;
}

View& View::Set(std::string_view key, std::string_view text) {
  Value& value = Slot(key);
  value.kind = Value::Kind::kText;
  value.text.assign(text);
  return *this;
}

View& View::Set(std::string_view key, std::string&& text) {
  Value& value = Slot(key);
  value.kind = Value::Kind::kText;
  value.text = std::move(text);
  return *this;
}

View& View::SetFlag(std::string_view key, bool on) {
  Value& value = Slot(key);
  value.kind = Value::Kind::kFlag;
  value.flag = on;
  return *this;
}

View& View::SetHtml(std::string_view key, const TrustedHtml& html) {
  if (!key.starts_with("trusted_html_")) {
    throw std::invalid_argument("raw HTML keys must start with trusted_html_");
  }
  Value& value = Slot(key);
  value.kind = Value::Kind::kHtml;
  value.text = html.html();
  return *this;
}

View& View::SetChild(std::string_view key, View child) {
  Value& value = Slot(key);
  value.kind = Value::Kind::kChild;
  value.items.push_back(std::move(child));
  return *this;
}

View& View::Append(std::string_view key, View item) {
  const std::uint32_t hash = KeyHash(key);
  for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
    if (it->hash != hash || it->key != key) continue;
    if (it->value.kind != Value::Kind::kList) break;
    it->value.items.push_back(std::move(item));
    return *this;
  }
  Value& value = Slot(key);
  value.kind = Value::Kind::kList;
  value.items.reserve(8);
  value.items.push_back(std::move(item));
  return *this;
}

const View::Value* View::Find(std::string_view key, std::uint32_t hash) const {
  for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
    if (it->hash == hash && it->key == key) return &it->value;
  }
  return nullptr;
}

}  // namespace fyren::render
