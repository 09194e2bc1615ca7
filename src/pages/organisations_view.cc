#include "pages/organisations_view.h"

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace fyren::pages {
namespace {

using organisation::Organisation;
using organisation::OrganisationKind;
using organisation::PartnerType;

// The template nests a root and three levels of children.
constexpr int kMaxLevel = 4;

struct Tree {
  std::span<const Organisation> all;
  std::unordered_map<std::int64_t, std::size_t> index;  // organisation id -> position in `all`
  std::vector<std::vector<std::size_t>> children;       // internal children only
  std::vector<std::size_t> internal_roots;
};

bool IsPartner(const Organisation& org) { return org.kind == OrganisationKind::kPartner; }

Tree Index(std::span<const Organisation> all) {
  Tree tree{.all = all, .index = {}, .children = {}, .internal_roots = {}};
  tree.children.resize(all.size());
  for (std::size_t i = 0; i < all.size(); ++i) tree.index.emplace(all[i].id.value(), i);
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (IsPartner(all[i])) continue;
    const auto parent = all[i].parent ? tree.index.find(all[i].parent->value()) : tree.index.end();
    if (parent != tree.index.end() && !IsPartner(all[parent->second])) {
      tree.children[parent->second].push_back(i);
    } else {
      tree.internal_roots.push_back(i);
    }
  }
  return tree;
}

render::View NodeBase(const Organisation& org, const render::Catalog& catalog) {
  const std::string_view locale = catalog.locale();
  const std::string& description = org.Description(locale);
  render::View view;
  view.Set("public_id", org.public_id)
      .Set("name", org.Name(locale))
      .Set("kind", catalog.Get("kind." + std::string(organisation::ToString(org.kind))))
      .SetFlag("has_description", !description.empty())
      .Set("description", description);
  return view;
}

void AppendDescendants(const Tree& tree, std::size_t node, std::vector<std::size_t>& out) {
  for (const std::size_t child : tree.children[node]) {
    out.push_back(child);
    AppendDescendants(tree, child, out);
  }
}

render::View BuildNode(const Tree& tree, std::size_t node, int level,
                       const render::Catalog& catalog) {
  render::View view = NodeBase(tree.all[node], catalog);
  std::vector<std::size_t> children;
  if (level + 1 < kMaxLevel) {
    children = tree.children[node];
  } else {
    AppendDescendants(tree, node, children);
  }
  view.SetFlag("has_children", !children.empty());
  for (const std::size_t child : children) {
    render::View child_view = level + 1 < kMaxLevel ? BuildNode(tree, child, level + 1, catalog)
                                                    : NodeBase(tree.all[child], catalog);
    if (level + 1 >= kMaxLevel) child_view.SetFlag("has_children", false);
    view.Append("children", std::move(child_view));
  }
  return view;
}

// The order partner groups appear in. A partner without a type is listed as "other".
constexpr PartnerType kPartnerOrder[] = {
    PartnerType::kRegionHealthCare,
    PartnerType::kPolice,
    PartnerType::kProsecutor,
    PartnerType::kEmploymentService,
    PartnerType::kSocialInsurance,
    PartnerType::kMigrationAgency,
    PartnerType::kNgo,
    PartnerType::kOther,
};

}  // namespace

render::View BuildOrganisationsView(std::span<const Organisation> tree_order,
                                    const render::Catalog& catalog) {
  const Tree tree = Index(tree_order);
  render::View page;
  for (const std::size_t root : tree.internal_roots) {
    page.Append("internal", BuildNode(tree, root, 1, catalog));
  }
  for (const PartnerType type : kPartnerOrder) {
    render::View group;
    bool any = false;
    for (const auto& org : tree_order) {
      const PartnerType effective =
          org.partner_type == PartnerType::kNone ? PartnerType::kOther : org.partner_type;
      if (!IsPartner(org) || effective != type) continue;
      render::View item = NodeBase(org, catalog);
      const auto parent = org.parent ? tree.index.find(org.parent->value()) : tree.index.end();
      const bool has_parent = parent != tree.index.end();
      item.SetFlag("has_parent", has_parent)
          .Set("parent_name",
               has_parent ? std::string_view(tree_order[parent->second].Name(catalog.locale()))
                          : std::string_view());
      group.Append("items", std::move(item));
      any = true;
    }
    if (!any) continue;
    const std::string code(organisation::ToString(type));
    group.Set("group_id", code).Set("label", catalog.Get("partner_type." + code));
    page.Append("partner_groups", std::move(group));
  }
  return page;
}

}  // namespace fyren::pages
