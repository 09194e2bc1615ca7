#include "trust/sessions/session.h"

namespace fyren::trust::sessions {

std::string_view ToString(SessionStage stage) {
  switch (stage) {
    case SessionStage::kPassword:
      return "password";
    case SessionStage::kEnroll:
      return "enroll";
    case SessionStage::kFull:
      return "full";
  }
  return "unknown";
}

std::optional<SessionStage> ParseSessionStage(std::string_view text) {
  if (text == "password") return SessionStage::kPassword;
  if (text == "enroll") return SessionStage::kEnroll;
  if (text == "full") return SessionStage::kFull;
  return std::nullopt;
}

}  // namespace fyren::trust::sessions
