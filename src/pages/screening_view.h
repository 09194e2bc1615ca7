#pragma once

#include <span>
#include <string>
#include <string_view>

#include "domain/screening/instrument.h"
#include "domain/screening/screening.h"
#include "render/catalog.h"
#include "render/view.h"

namespace fyren::pages {

// View models for the screening pages (screening_pages.h): pure functions from domain values to
// template values, text from the instrument in the page's locale or from the catalog.

[[nodiscard]] std::string ScreeningPath(std::string_view public_id);

// The questions of `instrument` with the answers in `input` checked (nothing lost on a
// redisplay) and each problem at its item; the subject fields and the error summary too.
void SetQuestionForm(render::View& page, const render::Catalog& t, std::string_view locale,
                     const screening::Instrument& instrument,
                     const screening::ScreeningInput& input,
                     std::span<const screening::AnswerProblem> problems);

// A recorded screening: level, recommendations as actions (with links to a report of concern or
// a referral), subject and answers.
void SetScreening(render::View& page, const render::Catalog& t, std::string_view locale,
                  const screening::ScreeningRecord& record,
                  const screening::Instrument* instrument);

[[nodiscard]] render::View SummaryRow(const render::Catalog& t,
                                      const screening::ScreeningSummary& summary,
                                      const screening::Instrument* instrument,
                                      std::string_view locale);

// Where an action leads, or "" when it is advice without a page: a report of concern or a
// referral prefilled from the screening (helper pages /concerns/new and /referrals/new).
[[nodiscard]] std::string ActionHref(screening::Action action, std::string_view screening_id);

}  // namespace fyren::pages
