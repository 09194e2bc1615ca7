#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/ids.h"
#include "base/result.h"
#include "storage/database.h"
#include "trust/actor.h"

namespace fyren::exit_case {

// The case an accepted referral is continued in, as the referral module records it.
struct OpenedCase {
  std::int64_t case_id = 0;
  std::string public_id;
  std::string case_number;
};

// The referral side of opening a case from an accepted adult_support referral (issue 5 §4). The
// referral module owns the referral's state and decides who may continue it; the exit case
// service decides the case and calls RecordCaseOpened inside its own write transaction, so the
// case, the link and the referral's move to "done" are written together or not at all. Wired in
// app/ over referral::CaseHandover; tests pass the real one or a fake. Implementations are
// thread-safe.
class ReferralHandover {
 public:
  virtual ~ReferralHandover() = default;
  // Ok when `actor` may continue the referral; kNotFound (the same for every reason, audited)
  // otherwise.
  [[nodiscard]] virtual base::Status Check(const trust::Actor& actor,
                                           std::string_view referral_public_id) const = 0;
  // Inside the case's write transaction. kConflict with detail "referral.changed" when the
  // referral can no longer be continued.
  [[nodiscard]] virtual base::Status RecordCaseOpened(storage::Transaction& tx,
                                                      const trust::Actor& actor,
                                                      std::string_view referral_public_id,
                                                      const OpenedCase& opened) const = 0;
  // The public id of the referral the case was started from, if any.
  [[nodiscard]] virtual base::Result<std::optional<std::string>> ReferralOfCase(
      storage::Transaction& tx, base::TenantId tenant, std::int64_t case_id) const = 0;
};

}  // namespace fyren::exit_case
