#include "app/demo_directory.h"

#include "app/account_stack.h"
#include "domain/support_directory/support_directory_service.h"

namespace fyren::app {

trust::Actor DirectorySeedingActor(base::TenantId tenant) {
  trust::Actor actor = trust::Actor::Public(tenant, "seed-support-directory");
  actor.purpose = "system";
  actor.local_operator = true;
  return actor;
}

base::Result<int> LoadDemoDirectory(storage::Database& db, const Config& config,
                                    base::TenantId tenant) {
  auto content = support_directory::LoadEmbeddedDirectoryContent();
  if (!content) return std::unexpected(content.error());
  Config demo = config;
  demo.demo_enabled = true;
  auto stack = BuildAccountStack(db, demo);
  if (!stack) return std::unexpected(stack.error());
  support_directory::SupportDirectoryService directory(db, (*stack)->clock, *(*stack)->audit,
                                                       std::move(*content));
  return directory.SeedIfEmpty(DirectorySeedingActor(tenant));
}

}  // namespace fyren::app
