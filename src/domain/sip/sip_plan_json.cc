#include "domain/sip/sip_plan_json.h"

#include <nlohmann/json.hpp>

namespace fyren::sip {
namespace {

using nlohmann::json;

base::Error TypeError(const std::string& path, std::string_view expected) {
  return base::Error{.code = base::ErrorCode::kInvalidInput,
                     .message = path + " must be " + std::string(expected) + ".",
                     .detail = {},
                     .field = path};
}

std::string Path(std::string_view list, std::size_t index, std::string_view member = {}) {
  std::string path = std::string(list) + "[" + std::to_string(index) + "]";
  if (!member.empty()) path += "." + std::string(member);
  return path;
}

// Reads text member `key` of `object` into `out`; absent or null is empty.
base::Status ReadText(const json& object, std::string_view key, const std::string& path,
                      std::string& out) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return base::Ok();
  if (!it->is_string()) return std::unexpected(TypeError(path, "text"));
  out = it->get<std::string>();
  return base::Ok();
}

// The list member `key`, or nullptr when absent or null.
base::Result<const json*> ReadList(const json& object, std::string_view key,
                                   const std::string& path) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return static_cast<const json*>(nullptr);
  if (!it->is_array()) return std::unexpected(TypeError(path, "a list"));
  return &*it;
}

// Reads each object of list `key` with `read(object, path_prefix, element)`.
template <typename T, typename F>
base::Status ReadObjects(const json& root, std::string_view key, std::vector<T>& out, F read) {
  auto list = ReadList(root, key, std::string(key));
  if (!list) return std::unexpected(list.error());
  if (*list == nullptr) return base::Ok();
  for (std::size_t i = 0; i < (*list)->size(); ++i) {
    const json& item = (**list)[i];
    if (!item.is_object()) return std::unexpected(TypeError(Path(key, i), "an object"));
    T element;
    if (auto ok = read(item, Path(key, i), element); !ok) return ok;
    out.push_back(std::move(element));
  }
  return base::Ok();
}

base::Status ReadStrings(const json& object, std::string_view key, const std::string& path,
                         std::vector<std::string>& out) {
  auto list = ReadList(object, key, path);
  if (!list) return std::unexpected(list.error());
  if (*list == nullptr) return base::Ok();
  for (std::size_t i = 0; i < (*list)->size(); ++i) {
    const json& item = (**list)[i];
    if (!item.is_string())
      return std::unexpected(TypeError(path + "[" + std::to_string(i) + "]", "text"));
    out.push_back(item.get<std::string>());
  }
  return base::Ok();
}

// Reads several text members in order, stopping at the first wrong type.
base::Status ReadTexts(const json& object, const std::string& prefix,
                       std::initializer_list<std::pair<std::string_view, std::string*>> members) {
  for (const auto& [key, target] : members) {
    const std::string path = prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
    if (auto ok = ReadText(object, key, path, *target); !ok) return ok;
  }
  return base::Ok();
}

}  // namespace

json PlanToJson(const PlanDocument& plan) {
  json goals = json::array();
  for (const Goal& goal : plan.goals) {
    goals.push_back({{"text", goal.text}, {"added_on", goal.added_on}});
  }
  json actors = json::array();
  for (const PlanActor& actor : plan.actors) {
    actors.push_back({{"key", actor.key},
                      {"kind", actor.kind},
                      {"organisation_id", actor.organisation_id},
                      {"name", actor.name},
                      {"contact_role", actor.contact_role}});
  }
  json interventions = json::array();
  for (const Intervention& i : plan.interventions) {
    interventions.push_back({{"key", i.key},
                             {"catalogue_code", i.catalogue_code},
                             {"actor_key", i.actor_key},
                             {"starts_on", i.starts_on},
                             {"planned_end_on", i.planned_end_on},
                             {"status", i.status},
                             {"status_reason", i.status_reason},
                             {"note", i.note}});
  }
  json meetings = json::array();
  for (const Meeting& meeting : plan.meetings) {
    meetings.push_back({{"held_on", meeting.held_on},
                        {"participants", meeting.participants},
                        {"note", meeting.note}});
  }
  return json{{"goals", std::move(goals)},
              {"needs", plan.needs},
              {"actors", std::move(actors)},
              {"interventions", std::move(interventions)},
              {"overall_responsible", plan.overall_responsible},
              {"meetings", std::move(meetings)},
              {"next_follow_up_on", plan.next_follow_up_on}};
}

std::string EncodePlan(const PlanDocument& plan) { return PlanToJson(plan).dump(); }

base::Result<PlanDocument> PlanFromJson(const json& root) {
  if (!root.is_object()) return std::unexpected(TypeError("plan", "an object"));
  PlanDocument plan;
  if (auto ok =
          ReadObjects(root, "goals", plan.goals,
                      [](const json& o, const std::string& p, Goal& g) {
                        return ReadTexts(o, p, {{"text", &g.text}, {"added_on", &g.added_on}});
                      });
      !ok) {
    return std::unexpected(ok.error());
  }
  if (auto ok = ReadStrings(root, "needs", "needs", plan.needs); !ok) {
    return std::unexpected(ok.error());
  }
  if (auto ok = ReadObjects(root, "actors", plan.actors,
                            [](const json& o, const std::string& p, PlanActor& a) {
                              return ReadTexts(o, p,
                                               {{"key", &a.key},
                                                {"kind", &a.kind},
                                                {"organisation_id", &a.organisation_id},
                                                {"name", &a.name},
                                                {"contact_role", &a.contact_role}});
                            });
      !ok) {
    return std::unexpected(ok.error());
  }
  if (auto ok = ReadObjects(root, "interventions", plan.interventions,
                            [](const json& o, const std::string& p, Intervention& i) {
                              return ReadTexts(o, p,
                                               {{"key", &i.key},
                                                {"catalogue_code", &i.catalogue_code},
                                                {"actor_key", &i.actor_key},
                                                {"starts_on", &i.starts_on},
                                                {"planned_end_on", &i.planned_end_on},
                                                {"status", &i.status},
                                                {"status_reason", &i.status_reason},
                                                {"note", &i.note}});
                            });
      !ok) {
    return std::unexpected(ok.error());
  }
  if (auto ok = ReadObjects(
          root, "meetings", plan.meetings,
          [](const json& o, const std::string& p, Meeting& m) -> base::Status {
            if (auto read = ReadTexts(o, p, {{"held_on", &m.held_on}, {"note", &m.note}}); !read) {
              return read;
            }
            return ReadStrings(o, "participants", p + ".participants", m.participants);
          });
      !ok) {
    return std::unexpected(ok.error());
  }
  if (auto ok = ReadTexts(root, "",
                          {{"overall_responsible", &plan.overall_responsible},
                           {"next_follow_up_on", &plan.next_follow_up_on}});
      !ok) {
    return std::unexpected(ok.error());
  }
  return plan;
}

base::Result<PlanDocument> DecodePlan(std::string_view text) {
  const json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    return base::Fail(base::ErrorCode::kInvalidInput, "The plan is not valid JSON.");
  }
  return PlanFromJson(parsed);
}

}  // namespace fyren::sip
