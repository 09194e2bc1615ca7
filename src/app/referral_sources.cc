#include "app/referral_sources.h"

namespace fyren::app {

base::Status ReferralSources::CheckReadable(const trust::Actor& actor, referral::SourceKind kind,
                                            std::string_view public_id) const {
  switch (kind) {
    case referral::SourceKind::kNone:
      return base::Ok();
    case referral::SourceKind::kScreening: {
      auto outline = screenings_.Outline(actor, public_id);
      if (!outline) return std::unexpected(outline.error());
      return base::Ok();
    }
    case referral::SourceKind::kCase: {
      auto found = cases_.Get(actor, public_id);
      if (!found) return std::unexpected(found.error());
      return base::Ok();
    }
    case referral::SourceKind::kReport: {
      // The reporter holds the receipt; the receiving intake works the report itself.
      if (concerns_.GetReceipt(actor, public_id)) return base::Ok();
      auto opened = concerns_.Open(actor, public_id);
      if (!opened) return std::unexpected(opened.error());
      return base::Ok();
    }
  }
  return base::Fail(base::ErrorCode::kNotFound, "No such record.");
}

}  // namespace fyren::app
