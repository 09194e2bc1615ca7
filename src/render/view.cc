#include "render/view.h"

#include <algorithm>
#include <kainjow/mustache.hpp>
#include <stdexcept>
#include <utility>
#include <vector>

namespace fyren::render {
namespace {

using Type = TemplateData::type;

// kainjow's set() and push_back() deep-copy their argument. Views are built per request, so the
// helpers below move values into place instead: operator[] creates the slot and move-assignment
// fills it.
TemplateData& Slot(TemplateData& object, std::string_view key) { return object[std::string(key)]; }

}  // namespace

View::View() : data_(std::make_unique<TemplateData>()) {}
View::~View() = default;
View::View(View&& other) noexcept = default;
View& View::operator=(View&& other) noexcept = default;

View& View::Set(std::string_view key, std::string_view text) {
  Slot(*data_, key) = TemplateData(std::string(text));
  return *this;
}

View& View::SetFlag(std::string_view key, bool on) {
  Slot(*data_, key) = TemplateData(on);
  return *this;
}

View& View::SetHtml(std::string_view key, const TrustedHtml& html) {
  if (!key.starts_with("trusted_html_")) {
    throw std::invalid_argument("raw HTML keys must start with trusted_html_");
  }
  Slot(*data_, key) = TemplateData(html.html());
  return *this;
}

View& View::SetChild(std::string_view key, View child) {
  Slot(*data_, key) = std::move(*child.data_);
  return *this;
}

View& View::Append(std::string_view key, View item) {
  TemplateData& list = Slot(*data_, key);
  if (!list.is_list()) list = TemplateData(Type::list);
  // kainjow exposes the list only as const, but `list` owns it (non-const), so changing it
  // through const_cast is well-defined. Its move constructor is not noexcept, so a growing
  // std::vector would deep-copy every item already appended (a 50-row page: ~1,300 copies of
  // nested objects); the list grows here by moving the items instead, which cannot throw.
  auto& items = const_cast<std::vector<TemplateData>&>(list.list_value());
  if (items.size() == items.capacity()) {
    std::vector<TemplateData> grown;
    grown.reserve(std::max<std::size_t>(8, 2 * items.capacity()));
    for (TemplateData& existing : items) grown.emplace_back(std::move(existing));
    items.swap(grown);
  }
  items.emplace_back(std::move(*item.data_));
  return *this;
}

}  // namespace fyren::render
