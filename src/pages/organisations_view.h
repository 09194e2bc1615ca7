#pragma once

#include <span>

#include "domain/organisation/organisation.h"
#include "render/catalog.h"
#include "render/view.h"

namespace fyren::pages {

// The view model of the organisations page, from the tree in tree order (parents before
// children, as OrganisationService::ListTree returns it):
//   internal        the municipality's own organisations with no internal parent, each with
//                   `children` nested up to four levels in all; deeper organisations are listed
//                   flat at the fourth level so nothing is hidden.
//   partner_groups  external partners grouped by partner type, in the type's order, each with
//                   `label` and `items` (`parent_name` when a partner is part of another).
// Names and descriptions are in the catalog's locale; kinds are plain words from the catalog.
// Every node sets every key it is read by, so a section never falls through to its parent's.
[[nodiscard]] render::View BuildOrganisationsView(std::span<const organisation::Organisation> tree,
                                                  const render::Catalog& catalog);

}  // namespace fyren::pages
