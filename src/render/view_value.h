#pragma once

// The inside of a View, for render/ only: pages build views through view.h and never see this.

#include <cstdint>
#include <string>
#include <vector>

#include "render/view.h"

namespace fyren::render {

struct View::Value {
  enum class Kind : std::uint8_t { kText, kFlag, kHtml, kChild, kList };

  Kind kind = Kind::kFlag;
  bool flag = false;        // kFlag
  std::string text;         // kText, kHtml
  std::vector<View> items;  // kList: never empty; kChild: the one child

  [[nodiscard]] const View& child() const { return items.front(); }

  // Whether {{#key}} renders its section (the Mustache rule: everything but false and an empty
  // list, so an empty text still counts as present).
  [[nodiscard]] bool Truthy() const {
    return kind == Kind::kFlag ? flag : kind != Kind::kList || !items.empty();
  }
};

struct View::Entry {
  std::uint32_t hash = 0;
  std::string key;
  Value value;
};

}  // namespace fyren::render
