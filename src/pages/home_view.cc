#include "pages/home_view.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/log.h"
#include "trust/access/role_permissions.h"

namespace fyren::pages {
namespace {

using trust::access::Permission;

// The same role check the route gate makes for the linked page (app/route_gate.cc): a panel
// whose link would answer 403 is neither shown nor counted.
bool RoleMay(const trust::Actor& actor, Permission permission) {
  return std::ranges::any_of(actor.roles, [permission](const std::string& role) {
    return trust::access::RoleGrants(role, permission);
  });
}

// The actor as the linked page would act: each service audits with its own page's purpose.
trust::Actor WithPurpose(const trust::Actor& actor, std::string_view purpose) {
  trust::Actor out = actor;
  out.purpose = std::string(purpose);
  return out;
}

WorkCount Failed(const base::Error& error, const trust::Actor& actor, std::string_view panel) {
  base::log::Write(base::log::Level::kWarn, "my_work_count_failed",
                   {{"request_id", actor.request_id},
                    {"panel", panel},
                    {"code", base::ToString(error.code)},
                    {"detail", error.detail}});
  return WorkCount{.failed = true};
}

WorkCount CountTasks(const tasks::TaskService& service, const trust::Actor& actor) {
  auto inbox = service.ListMine(actor);
  if (!inbox) return Failed(inbox.error(), actor, "tasks");
  WorkCount count{.total = static_cast<std::int64_t>(inbox->entries.size())};
  count.urgent = std::ranges::count_if(inbox->entries, [](const auto& e) { return e.overdue; });
  // The inbox stops at its limit; the total does not.
  if (inbox->entries.size() >= static_cast<std::size_t>(tasks::TaskService::kInboxLimit)) {
    auto all = service.CountMine(actor);
    if (!all) return Failed(all.error(), actor, "tasks");
    count.total = *all;
  }
  return count;
}

WorkCount CountCases(const exit_case::ExitCaseService& service, const trust::Actor& actor) {
  auto open = service.CountMineOpen(actor);
  if (!open) return Failed(open.error(), actor, "cases");
  return WorkCount{.total = *open};
}

WorkCount CountReferrals(const referral::ReferralService& service, const trust::Actor& actor) {
  auto lists = service.List(actor);
  if (!lists) return Failed(lists.error(), actor, "referrals");
  WorkCount count;
  count.total = std::ranges::count_if(lists->received, [](const referral::ReferralRow& row) {
    return row.status == referral::Status::kSent || row.status == referral::Status::kReceived;
  });
  return count;
}

std::optional<WorkCount> CountConsultations(const referral::ConsultationService& service,
                                            const trust::Actor& actor) {
  // Inbox answers kForbidden (and audits a denial) for anyone outside the centre, so ask first.
  auto centre = service.IsCentreStaff(actor);
  if (!centre) return Failed(centre.error(), actor, "consultations");
  if (!*centre) return std::nullopt;
  auto rows = service.Inbox(actor);
  if (!rows) return Failed(rows.error(), actor, "consultations");
  WorkCount count;
  count.total = std::ranges::count_if(
      *rows, [](const referral::ConsultationRow& row) { return !row.answered_at.has_value(); });
  return count;
}

WorkCount CountIntake(const concern::ConcernService& service, const trust::Actor& actor) {
  // The queue's counts come from concern::QueueCache; the filter makes `total` the new reports.
  auto queue = service.Queue(actor, concern::QueueFilter{.status = concern::ReportStatus::kNew});
  if (!queue) return Failed(queue.error(), actor, "intake");
  return WorkCount{.total = queue->total, .urgent = queue->overdue_count};
}

// "{count}" in the catalog text replaced by `n`.
std::string WithCount(std::string_view text, std::int64_t n) {
  std::string out(text);
  const auto at = out.find("{count}");
  if (at != std::string::npos) out.replace(at, 7, std::to_string(n));
  return out;
}

// The text for `n` of a kind: `<prefix>.none`, `.one` or `.many` (Swedish and English need
// no more forms than these).
std::string Counted(const render::Catalog& t, const std::string& prefix, std::int64_t n) {
  const char* form = n == 0 ? ".none" : n == 1 ? ".one" : ".many";
  return WithCount(t.Get(prefix + form), n);
}

render::View Link(std::string_view href, std::string text) {
  render::View link;
  link.Set("href", href).Set("text", text);
  return link;
}

void AddPanel(render::View& page, const render::Catalog& t, std::string_view id,
              const WorkCount& count, std::vector<render::View> links) {
  render::View panel;
  panel.Set("id", id)
      .Set("heading", t.Get("home." + std::string(id) + ".heading"))
      .SetFlag("failed", count.failed);
  if (!count.failed) {
    for (render::View& link : links) panel.Append("links", std::move(link));
  }
  page.Append("panels", std::move(panel));
}

}  // namespace

MyWork GatherMyWork(const MyWorkSources& sources, const trust::Actor& actor) {
  MyWork work;
  if (RoleMay(actor, Permission::kSignedIn)) {
    work.tasks = CountTasks(sources.tasks, WithPurpose(actor, "task_work"));
  }
  if (RoleMay(actor, Permission::kReadPersonalData)) {
    work.cases = CountCases(sources.cases, WithPurpose(actor, "case_work"));
  }
  // Referrals belong to units; a user without one has none (List would refuse and audit).
  if (RoleMay(actor, Permission::kSignedIn) && actor.unit) {
    work.referrals = CountReferrals(sources.referrals, WithPurpose(actor, "referral"));
  }
  if (RoleMay(actor, Permission::kAnswerConsultations) && actor.unit) {
    work.consultations = CountConsultations(sources.consultations, WithPurpose(actor, "referral"));
  }
  if (RoleMay(actor, Permission::kWorkIntakeQueue) && actor.authority) {
    work.intake = CountIntake(sources.concerns, WithPurpose(actor, "case_work"));
  }
  return work;
}

void SetMyWork(render::View& page, const render::Catalog& t, const MyWork& work) {
  if (work.tasks) {
    std::string text = Counted(t, "home.tasks", work.tasks->total);
    if (work.tasks->urgent > 0) text += Counted(t, "home.tasks.overdue", work.tasks->urgent);
    std::vector<render::View> links;
    links.push_back(Link("/inbox", std::move(text)));
    AddPanel(page, t, "tasks", *work.tasks, std::move(links));
  }
  if (work.cases) {
    std::vector<render::View> links;
    links.push_back(Link("/cases?status=open", Counted(t, "home.cases", work.cases->total)));
    AddPanel(page, t, "cases", *work.cases, std::move(links));
  }
  if (work.referrals) {
    std::vector<render::View> links;
    links.push_back(Link("/referrals", Counted(t, "home.referrals", work.referrals->total)));
    AddPanel(page, t, "referrals", *work.referrals, std::move(links));
  }
  if (work.consultations) {
    std::vector<render::View> links;
    links.push_back(
        Link("/consultations/inbox", Counted(t, "home.consultations", work.consultations->total)));
    AddPanel(page, t, "consultations", *work.consultations, std::move(links));
  }
  if (work.intake) {
    std::vector<render::View> links;
    links.push_back(Link("/intake?status=new", Counted(t, "home.intake", work.intake->total)));
    links.push_back(
        Link("/intake?overdue=yes", Counted(t, "home.intake.overdue", work.intake->urgent)));
    AddPanel(page, t, "intake", *work.intake, std::move(links));
  }
  page.SetFlag("has_panels",
               work.tasks || work.cases || work.referrals || work.consultations || work.intake);
}

}  // namespace fyren::pages
