#pragma once

#include <span>
#include <string>
#include <string_view>

#include "domain/sip/intervention_catalogue.h"
#include "domain/sip/sip_service.h"
#include "http/message.h"
#include "pages/exit_case_shared_pages.h"
#include "render/catalog.h"
#include "render/view.h"

namespace fyren::pages {

// View models of the SIP pages (pages/sip_pages.h): the editor's form decoded into a plan, plans,
// revisions, comparisons and problems turned into template values in the page's language. Pure
// functions of their arguments; thread-safe.

// The editor's POST: every repeated group ("goals[0].text", "interventions[2].status", ...,
// participants as "meetings[0].participant.<actor key>"), the version, the change note, whether
// the guard was confirmed, and which "add another" button was pressed (empty: save).
struct SipForm {
  sip::SaveInput input;
  std::string add;
};
[[nodiscard]] SipForm SipFormFromRequest(const http::Request& request);

// Readable values of `plan` under `key` on `page` (goals, needs, actors, interventions with
// their actor and catalogue names, overall responsible, meetings, next follow-up).
[[nodiscard]] render::View PlanValues(const render::Catalog& t, std::string_view locale,
                                      const sip::InterventionCatalogue& catalogue,
                                      std::span<const sip::OrganisationRef> organisations,
                                      const sip::PlanDocument& plan);

// The editor's groups with `plan` in them, one spare row added for `add` (or for every empty
// list), the choices (catalogue, actors, organisations, statuses, reasons) and each problem
// beside its field.
void SetEditor(render::View& page, const render::Catalog& t, std::string_view locale,
               const sip::InterventionCatalogue& catalogue,
               std::span<const sip::OrganisationRef> organisations, const sip::PlanDocument& plan,
               std::string_view add, std::span<const sip::FieldProblem> problems);

// The error summary from "sip.problem.<reason>" (the service's English sentence when the catalog
// has none), each message linking to its field.
void AddSipProblems(render::View& page, const render::Catalog& t,
                    std::span<const sip::FieldProblem> problems);

// The continuity guard's events: the intervention, its dependents and the guidance texts; and
// who will be told (an overall responsible outside the city's units must be contacted by hand).
void SetGuard(render::View& page, const render::Catalog& t, std::string_view locale,
              const sip::InterventionCatalogue& catalogue,
              std::span<const sip::OrganisationRef> organisations, const sip::PlanDocument& plan,
              std::span<const sip::GuardEvent> events);

// What changed between two revisions, as sentences.
void SetDiff(render::View& page, const render::Catalog& t, std::string_view locale,
             const sip::InterventionCatalogue& catalogue, const sip::Comparison& comparison);

// The revision list and follow-up log of the plan page.
void SetHistory(render::View& page, const render::Catalog& t, std::string_view locale,
                const sip::InterventionCatalogue& catalogue, const sip::SipView& view,
                std::string_view case_href);

// The partner's sections of a shared plan (ExitCaseSharedPages' hook): only what `shared` holds,
// which SipService::SharedSections already limited to the consented parts.
[[nodiscard]] std::vector<SharedSection> SharedSipSections(
    const render::Catalog& t, std::string_view locale, const sip::InterventionCatalogue& catalogue,
    const sip::SharedSip& shared);

}  // namespace fyren::pages
