#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fyren::referral {

// An anonymous consultation (issue 5 §4): a question without personal data from a unit to the
// competence centre, and its answer.
struct ConsultationView {
  std::string public_id;
  std::string question;
  std::string answer;  // empty until answered
  std::string asker_unit_name_sv;
  std::string asker_unit_name_en;
  std::string answered_by_display_name;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> answered_at;
  bool may_answer = false;  // the actor is competence-centre staff and it is still open
};

// One row of a list: no free text.
struct ConsultationRow {
  std::string public_id;
  std::string asker_unit_name_sv;
  std::string asker_unit_name_en;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> answered_at;
};

}  // namespace fyren::referral
