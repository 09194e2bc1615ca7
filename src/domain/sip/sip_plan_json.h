#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "base/result.h"
#include "domain/sip/sip_plan.h"

namespace fyren::sip {

// The plan document as JSON: the sealed revision format and the API body. Every field is always
// written (empty strings and lists included), so a stored revision reads back equal.
// Keys: goals [{text, added_on}], needs [text], actors [{key, kind, organisation_id, name,
// contact_role}], interventions [{key, catalogue_code, actor_key, starts_on, planned_end_on,
// status, status_reason, note}], overall_responsible, meetings [{held_on, participants, note}],
// next_follow_up_on. Pure functions; thread-safe.
[[nodiscard]] nlohmann::json PlanToJson(const PlanDocument& plan);
[[nodiscard]] std::string EncodePlan(const PlanDocument& plan);

// Reads a document. A member of the wrong type (a number where text belongs, an object where a
// list belongs) is kInvalidInput with `field` set to its JSON path ("interventions[2].status");
// missing members are empty; unknown members are ignored. Content (codes, dates, lengths) is
// ValidatePlan's job.
[[nodiscard]] base::Result<PlanDocument> PlanFromJson(const nlohmann::json& json);
// As PlanFromJson from text; text that is not JSON is kInvalidInput.
[[nodiscard]] base::Result<PlanDocument> DecodePlan(std::string_view text);

}  // namespace fyren::sip
