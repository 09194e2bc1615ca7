#include "api/organisations_api.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "api/query.h"
#include "http/error_mapping.h"
#include "http/etag.h"

namespace fyren::api {
namespace {

constexpr int kDefaultLimit = 50;
constexpr int kMaxLimit = 200;

// Parents are referred to by public id; internal ids never leave the server.
nlohmann::json ToJson(const organisation::Organisation& org) {
  nlohmann::json parent = nullptr;
  if (!org.parent_public_id.empty()) parent = org.parent_public_id;
  return {
      {"id", org.public_id},
      {"code", org.code},
      {"kind", organisation::ToString(org.kind)},
      {"partner_type", organisation::ToString(org.partner_type)},
      {"parent_id", parent},
      {"name", {{"sv", org.name_sv}, {"en", org.name_en}}},
      {"description", {{"sv", org.description_sv}, {"en", org.description_en}}},
      {"version", org.version},
  };
}

// Not no-store: the organisation tree is public (api/json_io.h is for answers about people).
http::Response PublicJson(int status, const nlohmann::json& body) {
  // Invalid UTF-8 cannot reach here (inputs are checked), but replace rather than throw if it
  // ever did: a 500 for a stored byte would be worse than a replacement character.
  return http::Response::Json(status,
                              body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

base::Result<int> ParseLimit(const std::optional<std::string>& text) {
  if (!text) return kDefaultLimit;
  int value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < 1 || value > kMaxLimit) {
    return base::FailField("limit", "limit must be a whole number from 1 to 200.");
  }
  return value;
}

}  // namespace

http::Response OrganisationsApi::List(http::Request& request) const {
  const auto limit_text = QueryValue(request, "limit");
  if (!limit_text) return QueryProblem(limit_text.error(), request.request_id);
  const auto limit = ParseLimit(*limit_text);
  if (!limit) return QueryProblem(limit.error(), request.request_id);
  const auto cursor = QueryValue(request, "cursor");
  if (!cursor) return QueryProblem(cursor.error(), request.request_id);

  const auto actor = trust::Actor::Public(tenant_, request.request_id);
  auto page = service_.List(actor, cursor->value_or(""), *limit);
  if (!page) return QueryProblem(page.error(), request.request_id);

  nlohmann::json items = nlohmann::json::array();
  for (const auto& org : page->items) items.push_back(ToJson(org));
  nlohmann::json body = {{"items", std::move(items)}, {"next_cursor", nullptr}};
  if (!page->next_cursor.empty()) body["next_cursor"] = page->next_cursor;
  return PublicJson(200, body);
}

http::Response OrganisationsApi::Get(http::Request& request) const {
  const auto actor = trust::Actor::Public(tenant_, request.request_id);
  auto org = service_.Get(actor, request.PathParam("id"));
  if (!org) return http::ProblemJson(org.error(), request.request_id);
  const std::string etag = http::ETagForVersion(org->public_id, org->version);
  if (http::IsNotModified(request, etag)) return http::NotModified(etag);
  http::Response response = PublicJson(200, ToJson(*org));
  response.SetHeader("ETag", etag);
  return response;
}

}  // namespace fyren::api
