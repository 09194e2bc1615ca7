#pragma once

#include <span>
#include <string>
#include <string_view>

#include "domain/referral/referral.h"
#include "render/catalog.h"
#include "render/view.h"

namespace fyren::pages {

// View models shared by the referral and consultation pages. Pure functions.

// The GOV.UK error summary and the message beside each field ("<field>_error"). A kind the
// recipient does not take reads "<recipient> tar inte emot <kind>" with `recipient_name`.
void AddReferralProblems(render::View& page, const render::Catalog& t,
                         std::span<const referral::FieldProblem> problems,
                         std::string_view recipient_name = {});

[[nodiscard]] std::string KindText(const render::Catalog& t, referral::Kind kind);
[[nodiscard]] std::string ReferralStatusText(const render::Catalog& t, referral::Status status);

}  // namespace fyren::pages
