#pragma once

#include <cstdint>
#include <optional>

#include "domain/concern/concern_service.h"
#include "domain/exit_case/exit_case_service.h"
#include "domain/referral/consultation_service.h"
#include "domain/referral/referral_service.h"
#include "domain/tasks/task_service.h"
#include "render/catalog.h"
#include "render/view.h"
#include "trust/actor.h"

namespace fyren::pages {

// The services the signed-in start page ("Mitt arbete") counts from. Wired once in app/; the
// references must outlive the pages that hold them.
struct MyWorkSources {
  const tasks::TaskService& tasks;
  const exit_case::ExitCaseService& cases;
  const referral::ReferralService& referrals;
  const referral::ConsultationService& consultations;
  const concern::ConcernService& concerns;
};

// One kind of work as a count and the part of it that needs attention first (overdue tasks,
// overdue reports). `failed` when the service could not answer: the page says so in that panel
// and shows the rest.
struct WorkCount {
  bool failed = false;
  std::int64_t total = 0;
  std::int64_t urgent = 0;
};

// What the start page shows. A kind is nullopt when the user's roles lack the permission of the
// page it links to: then it was not counted at all and has no panel.
struct MyWork {
  std::optional<WorkCount> tasks;          // open tasks, urgent = overdue          → /inbox
  std::optional<WorkCount> cases;          // open cases on my team                 → /cases
  std::optional<WorkCount> referrals;      // received, still sent or received      → /referrals
  std::optional<WorkCount> consultations;  // unanswered questions (centre staff)   → inbox
  std::optional<WorkCount> intake;         // new reports, urgent = overdue reports → /intake
};

// Counts the actor's work through each service's own access check and audit (nothing here
// decides more than which panels to ask for: the permission of each linked route, by role).
// Never fails: a service error marks its panel failed. Thread-safe if the services are.
[[nodiscard]] MyWork GatherMyWork(const MyWorkSources& sources, const trust::Actor& actor);

// Adds the panels to `page` as the list "panels" (heading, id, links with href and text, or
// `failed`) and the flag "has_panels". Counts only, so no personal data reaches the page.
void SetMyWork(render::View& page, const render::Catalog& t, const MyWork& work);

}  // namespace fyren::pages
