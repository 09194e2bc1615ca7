#pragma once

#include <string_view>

#include "app/config.h"
#include "base/ids.h"
#include "base/result.h"
#include "storage/database.h"

namespace fyren::app {

inline constexpr std::string_view kDemoReferralsFile = "content/demo/referrals.toml";

// Sends the synthetic referrals of content/demo/referrals.toml through ReferralService as the demo
// senders, dated `hours_ago` before now, and takes each as far as its `step` as the demo
// recipient; asks (and answers) the demo consultations through ConsultationService. Runs only
// when the tenant has no referrals yet. Returns how many referrals were sent.
[[nodiscard]] base::Result<int> LoadDemoReferrals(storage::Database& db, const Config& config,
                                                  base::TenantId tenant);

}  // namespace fyren::app
