#pragma once

#include <string>

#include "base/ids.h"

namespace fyren::pages {

// Facts about the running site that every page shows, from app/'s configuration.
struct SiteInfo {
  base::TenantId tenant_id;  // the tenant this server answers for (one per deployment for now)
  std::string tenant_name;   // shown in the header, e.g. "Göteborgs Stad"
  std::string version;       // shown in the footer
  bool demo_mode = false;    // shows the "synthetic data only" banner and footer notice
};

}  // namespace fyren::pages
