#include "domain/organisation/organisation_service.h"

#include <algorithm>
#include <map>

#include "base/random.h"
#include "base/swedish_order.h"

namespace fyren::organisation {
namespace {

constexpr int kMaxPageSize = 200;

// Parents before children, siblings by Swedish name; depth filled in. Organisations whose parent
// is missing (which the foreign key prevents) are treated as roots rather than dropped.
std::vector<Organisation> InTreeOrder(std::vector<Organisation> all) {
  std::map<std::int64_t, std::vector<std::size_t>> children;
  std::vector<std::size_t> roots;
  std::map<std::int64_t, std::size_t> index_of;
  for (std::size_t i = 0; i < all.size(); ++i) index_of[all[i].id.value()] = i;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto& parent = all[i].parent;
    if (parent && index_of.contains(parent->value())) {
      children[parent->value()].push_back(i);
    } else {
      roots.push_back(i);
    }
  }
  std::vector<std::string> keys(all.size());
  for (std::size_t i = 0; i < all.size(); ++i) keys[i] = base::SwedishSortKey(all[i].name_sv);
  const auto by_name = [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; };
  std::sort(roots.begin(), roots.end(), by_name);
  for (auto& [parent, list] : children) std::sort(list.begin(), list.end(), by_name);

  std::vector<Organisation> ordered;
  ordered.reserve(all.size());
  // Iterative depth-first walk; the tree is shallow but its input comes from the database.
  std::vector<std::pair<std::size_t, int>> stack;
  for (auto it = roots.rbegin(); it != roots.rend(); ++it) stack.emplace_back(*it, 0);
  std::vector<bool> visited(all.size(), false);
  while (!stack.empty()) {
    const auto [index, depth] = stack.back();
    stack.pop_back();
    if (visited[index]) continue;
    visited[index] = true;
    Organisation org = std::move(all[index]);
    org.depth = depth;
    const std::int64_t id = org.id.value();
    ordered.push_back(std::move(org));
    if (const auto found = children.find(id); found != children.end()) {
      for (auto it = found->second.rbegin(); it != found->second.rend(); ++it) {
        stack.emplace_back(*it, depth + 1);
      }
    }
  }
  return ordered;
}

}  // namespace

base::Result<Tenant> OrganisationService::FindTenant(std::string_view slug) const {
  auto found = db_.Read(
      [&](storage::Transaction& tx) { return OrganisationStore::FindTenantBySlug(tx, slug); });
  if (!found) return std::unexpected(found.error());
  if (!*found) return base::Fail(base::ErrorCode::kNotFound, "No such tenant.");
  return std::move(**found);
}

base::Result<std::vector<Organisation>> OrganisationService::ListTree(
    const trust::Actor& actor) const {
  auto all = db_.Read(
      [&](storage::Transaction& tx) { return OrganisationStore::ListAll(tx, actor.tenant); });
  if (!all) return std::unexpected(all.error());
  return InTreeOrder(std::move(*all));
}

base::Result<Organisation> OrganisationService::Get(const trust::Actor& actor,
                                                    std::string_view public_id) const {
  if (!base::IsPublicId(public_id)) {
    return base::Fail(base::ErrorCode::kNotFound, "No such organisation.");
  }
  auto found = db_.Read([&](storage::Transaction& tx) {
    return OrganisationStore::FindByPublicId(tx, actor.tenant, public_id);
  });
  if (!found) return std::unexpected(found.error());
  if (!*found) return base::Fail(base::ErrorCode::kNotFound, "No such organisation.");
  return std::move(**found);
}

base::Result<OrganisationPage> OrganisationService::List(const trust::Actor& actor,
                                                         std::string_view cursor, int limit) const {
  // The cursor is the last public id of the previous page; public ids are opaque, random and of
  // one fixed shape, so anything else is a tampered cursor.
  if (!cursor.empty() && !base::IsPublicId(cursor)) {
    return base::FailField("cursor", "The cursor is not valid. Start again from the first page.");
  }
  const int page_size = std::clamp(limit, 1, kMaxPageSize);
  auto items = db_.Read([&](storage::Transaction& tx) {
    // One extra row tells whether another page follows.
    return OrganisationStore::ListAfter(tx, actor.tenant, cursor, page_size + 1);
  });
  if (!items) return std::unexpected(items.error());
  OrganisationPage page;
  if (static_cast<int>(items->size()) > page_size) {
    items->resize(static_cast<std::size_t>(page_size));
    page.next_cursor = items->back().public_id;
  }
  page.items = std::move(*items);
  return page;
}

}  // namespace fyren::organisation
