#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/support_directory/support_directory.h"

namespace fyren::support_directory {

// What a visitor asks the public directory: free text, and optionally one target group and one
// spoken language (codes; empty for any).
struct DirectoryQuery {
  std::string text;
  std::string target_group;
  std::string language;
  [[nodiscard]] bool Empty() const {
    return text.empty() && target_group.empty() && language.empty();
  }
};

// Lower-cases ASCII and the Latin letters of U+00C0..U+00DE (Å, Ä, Ö, É, ...) so "mika" finds
// "Mikamottagningen" and "ÅKLAGARE" finds "åklagare"; other scripts (Arabic, Thai) have no case
// and pass unchanged. Pure.
[[nodiscard]] std::string FoldCase(std::string_view text);

// The entries matching `query`, in the given order. Every word of the free text must occur in the
// entry's name or description (in `locale`, Swedish or English) or in the name of one of its
// target groups as `target_label` gives it for `locale`. Pure; the entries must outlive the
// result.
[[nodiscard]] std::vector<const DirectoryEntry*> Filter(
    std::span<const DirectoryEntry> entries, const DirectoryQuery& query, std::string_view locale,
    const std::function<std::string(std::string_view code)>& target_label);

}  // namespace fyren::support_directory
