#pragma once

#include "domain/concern/concern_service.h"
#include "domain/exit_case/exit_case_service.h"
#include "domain/referral/referral_service.h"
#include "domain/screening/screening_service.h"

namespace fyren::app {

// What a referral may name as its source, decided by the module that owns it: a screening the
// sender may read (ScreeningService::Outline), an exit case they may read (ExitCaseService::Get),
// a report of concern they sent or work as intake (ConcernService::GetReceipt / Open). Each of
// those services audits the read or the denial. Thread-safe; the references must outlive it.
class ReferralSources final : public referral::SourceReader {
 public:
  ReferralSources(const screening::ScreeningService& screenings,
                  const exit_case::ExitCaseService& cases, const concern::ConcernService& concerns)
      : screenings_(screenings), cases_(cases), concerns_(concerns) {}

  [[nodiscard]] base::Status CheckReadable(const trust::Actor& actor, referral::SourceKind kind,
                                           std::string_view public_id) const override;

 private:
  const screening::ScreeningService& screenings_;
  const exit_case::ExitCaseService& cases_;
  const concern::ConcernService& concerns_;
};

}  // namespace fyren::app
