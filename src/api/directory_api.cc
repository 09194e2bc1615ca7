#include "api/directory_api.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "api/query.h"
#include "domain/support_directory/directory_search.h"
#include "http/error_mapping.h"

namespace fyren::api {
namespace {

namespace sd = support_directory;

constexpr std::size_t kMaxQuery = 200;

nlohmann::json ToJson(const sd::DirectoryEntry& entry, std::string_view lang) {
  const sd::EntryDraft& d = entry.draft;
  const sd::EntryText& text = entry.Text(lang);
  const auto optional = [](const std::string& value) -> nlohmann::json {
    if (value.empty()) return nullptr;
    return value;
  };
  return {
      {"id", entry.public_id},
      {"kind", sd::ToString(d.kind)},
      {"text_lang", entry.HasText(lang) ? std::string(lang) : std::string("en")},
      {"name", text.name},
      {"description", text.description},
      {"hours", optional(text.hours)},
      {"target_groups", d.target_groups},
      {"languages", d.languages},
      {"phone", optional(d.phone)},
      {"email", optional(d.email)},
      {"web", optional(d.web)},
      {"address", optional(d.address)},
      {"anonymous", d.anonymous},
      {"free_of_charge", d.free_of_charge},
      {"version", entry.version},
  };
}

http::Response BadParam(std::string field, std::string message, std::string_view request_id) {
  return QueryProblem(base::Error{.code = base::ErrorCode::kInvalidInput,
                                  .message = std::move(message),
                                  .detail = {},
                                  .field = std::move(field)},
                      request_id);
}

bool KnownLanguage(std::span<const sd::SpokenLanguage> languages, std::string_view code) {
  return std::ranges::find(languages, code, &sd::SpokenLanguage::code) != languages.end();
}

}  // namespace

http::Response DirectoryApi::List(http::Request& request) const {
  const auto lang = QueryValue(request, "lang");
  if (!lang) return QueryProblem(lang.error(), request.request_id);
  const auto q = QueryValue(request, "q");
  if (!q) return QueryProblem(q.error(), request.request_id);
  const auto target = QueryValue(request, "target");
  if (!target) return QueryProblem(target.error(), request.request_id);
  const auto language = QueryValue(request, "language");
  if (!language) return QueryProblem(language.error(), request.request_id);

  const auto languages = service_.Languages();
  const std::string text_lang = lang->value_or("sv");
  if (!KnownLanguage(languages, text_lang)) {
    return BadParam("lang", "lang must be a language code of the directory.", request.request_id);
  }
  sd::DirectoryQuery query{.text = q->value_or(""),
                           .target_group = target->value_or(""),
                           .language = language->value_or("")};
  if (query.text.size() > kMaxQuery) {
    return BadParam("q", "q must be at most 200 bytes.", request.request_id);
  }
  if (!query.target_group.empty() && !sd::IsTargetGroup(query.target_group)) {
    return BadParam("target", "target must be a target-group code.", request.request_id);
  }
  if (!query.language.empty() && !KnownLanguage(languages, query.language)) {
    return BadParam("language", "language must be a language code of the directory.",
                    request.request_id);
  }

  const auto actor = trust::Actor::Public(tenant_, request.request_id);
  auto entries = service_.ListVisible(actor);
  if (!entries) return http::ProblemJson(entries.error(), request.request_id);
  nlohmann::json items = nlohmann::json::array();
  for (const sd::DirectoryEntry* entry : sd::Filter(
           *entries, query, text_lang, [](std::string_view code) { return std::string(code); })) {
    items.push_back(ToJson(*entry, text_lang));
  }
  const nlohmann::json body = {{"lang", text_lang}, {"items", std::move(items)}};
  return http::Response::Json(200,
                              body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace fyren::api
