#pragma once

#include "domain/exit_case/referral_handover.h"
#include "domain/referral/case_handover.h"

namespace fyren::app {

// Lets the exit case service continue an accepted referral without depending on the referral
// module: the referral module decides who may continue it and records the link and the move to
// "done" inside the case's transaction (referral::CaseHandover). Thread-safe; the reference must
// outlive it.
class ReferralHandover final : public exit_case::ReferralHandover {
 public:
  explicit ReferralHandover(const referral::CaseHandover& handover) : handover_(handover) {}

  [[nodiscard]] base::Status Check(const trust::Actor& actor,
                                   std::string_view referral_public_id) const override {
    return handover_.Check(actor, referral_public_id);
  }
  [[nodiscard]] base::Status RecordCaseOpened(storage::Transaction& tx, const trust::Actor& actor,
                                              std::string_view referral_public_id,
                                              const exit_case::OpenedCase& opened) const override {
    return handover_.RecordCaseOpened(tx, actor, referral_public_id,
                                      referral::CaseLink{.case_id = opened.case_id,
                                                         .case_public_id = opened.public_id,
                                                         .case_number = opened.case_number});
  }
  [[nodiscard]] base::Result<std::optional<std::string>> ReferralOfCase(
      storage::Transaction& tx, base::TenantId tenant, std::int64_t case_id) const override {
    return referral::CaseHandover::ReferralOfCase(tx, tenant, case_id);
  }

 private:
  const referral::CaseHandover& handover_;
};

}  // namespace fyren::app
