#include "pages/admin_pages.h"

#include <algorithm>
#include <string>
#include <utility>

#include "http/csrf.h"
#include "http/url_encoding.h"
#include "pages/account_pages.h"
#include "pages/sign_in_pages.h"
#include "pages/signed_in_actor.h"
#include "trust/accounts/session_actor.h"

namespace fyren::pages {
namespace {

using trust::accounts::AdminUserView;
using trust::accounts::Role;

http::Response RedirectToSignIn() { return http::Response::Redirect("/sign-in"); }

std::string UserPath(std::string_view public_id) {
  return "/admin/users/" + std::string(public_id);
}

void AddFieldError(render::View& page, std::string_view field, std::string_view message) {
  render::View item;
  item.Set("field", field).Set("message", message);
  page.Append("errors", std::move(item));
  page.SetFlag("has_errors", true).Set(std::string(field) + "_error", message);
}

std::string RoleNames(const render::Catalog& t, const std::vector<Role>& roles) {
  std::string out;
  for (const Role role : roles) {
    if (!out.empty()) out += ", ";
    out += t.Get("role." + std::string(ToString(role)));
  }
  return out;
}

// A checkbox per role the actor may see (authority administrators never see the system role).
void AddRoleBoxes(render::View& page, const render::Catalog& t, const trust::Actor& actor,
                  const std::vector<std::string>& checked) {
  const bool system = std::ranges::find(actor.roles, "system_administrator") != actor.roles.end() ||
                      actor.local_operator;
  for (const Role role : trust::accounts::AllRoles()) {
    if (role == Role::kSystemAdministrator && !system) continue;
    const std::string code(ToString(role));
    render::View box;
    box.Set("code", code)
        .Set("name", t.Get("role." + code))
        .SetFlag("checked", std::ranges::find(checked, code) != checked.end());
    page.Append("role_boxes", std::move(box));
  }
}

void AddUnitOptions(render::View& page, std::string_view locale,
                    const std::vector<trust::accounts::UnitInfo>& units, std::string_view chosen) {
  for (const auto& unit : units) {
    render::View option;
    option.Set("code", unit.code)
        .Set("name", locale == "en" ? unit.name_en : unit.name_sv)
        .SetFlag("selected", unit.code == chosen);
    page.Append("units", std::move(option));
  }
}

render::View UserRow(const render::Catalog& t, std::string_view locale, const AdminUserView& u) {
  render::View row;
  row.Set("href", UserPath(u.public_id))
      .Set("username", u.username)
      .Set("display_name", u.display_name)
      .Set("unit", locale == "en" ? u.unit.name_en : u.unit.name_sv)
      .Set("roles", RoleNames(t, u.roles))
      .Set("status",
           t.Get(!u.active                                         ? "admin.status_inactive"
                 : u.locked                                        ? "admin.status_locked"
                 : u.invite == trust::accounts::InviteState::kOpen ? "admin.status_invited"
                                                                   : "admin.status_active"));
  return row;
}

}  // namespace

std::vector<std::string> FormValues(const http::Request& request, std::string_view name) {
  std::vector<std::string> values;
  auto pairs = http::ParseUrlEncoded(request.body);
  if (!pairs) return values;
  for (auto& [key, value] : *pairs) {
    if (key == name) values.push_back(std::move(value));
  }
  return values;
}

AdminPages::AdminPages(const render::TemplateSet& templates, SiteInfo site,
                       trust::accounts::UserAdminService& admin,
                       trust::accounts::InviteService& invites, http::SessionCookieOptions cookie)
    : frame_(templates, site),
      errors_(templates, site),
      admin_(admin),
      invites_(invites),
      cookie_(cookie) {}

std::expected<trust::Actor, http::Response> RequireSignedInActor(const http::Request& request,
                                                                 base::TenantId tenant) {
  auto actor = SignedInActor(tenant, request, "administration");
  if (!actor) return std::unexpected(RedirectToSignIn());
  return std::move(*actor);
}

std::expected<trust::Actor, http::Response> AdminPages::Administrator(
    const http::Request& request) const {
  return RequireSignedInActor(request, frame_.site().tenant_id);
}

http::Response AdminPages::Failure(const base::Error& error, const http::Request& request) const {
  if (error.code == base::ErrorCode::kUnauthenticated) return RedirectToSignIn();
  return errors_.ForError(error, request);
}

std::string AdminPages::Message(std::string_view locale, const base::Error& error) const {
  const auto& t = frame_.catalog(locale);
  const std::string key = "admin.problem." + error.detail;
  if (!error.detail.empty() && t.Contains(key)) return std::string(t.Get(key));
  if (error.code == base::ErrorCode::kConflict) return std::string(t.Get("admin.conflict"));
  return error.message;
}

http::Response AdminPages::Start(http::Request& request) const {
  auto signed_in = Administrator(request);
  if (!signed_in) return std::move(signed_in.error());
  const trust::Actor& actor = *signed_in;
  auto units = admin_.Units(actor);  // also the access check: administrators only
  if (!units) return Failure(units.error(), request);
  const auto locale = PageFrame::Locale(request.locale);
  render::View page = frame_.NewPage(locale, "admin.title", "");
  SetVisitor(page, request);
  return frame_.Respond(200, "admin", locale, page);
}

http::Response AdminPages::Users(http::Request& request) const {
  auto signed_in = Administrator(request);
  if (!signed_in) return std::move(signed_in.error());
  const trust::Actor& actor = *signed_in;
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  trust::accounts::UserFilter filter;
  filter.unit_code = request.QueryParam("unit").value_or("");
  const std::string role = request.QueryParam("role").value_or("");
  filter.role = trust::accounts::ParseRole(role);
  const std::string active = request.QueryParam("active").value_or("");
  if (active == "yes") filter.active = true;
  if (active == "no") filter.active = false;
  auto users = admin_.List(actor, filter);
  if (!users) return Failure(users.error(), request);
  auto units = admin_.Units(actor);
  if (!units) return Failure(units.error(), request);
  render::View page = frame_.NewPage(locale, "admin.users_title", "");
  SetVisitor(page, request);
  AddUnitOptions(page, locale, *units, filter.unit_code);
  for (const Role r : trust::accounts::AllRoles()) {
    const std::string code(ToString(r));
    render::View option;
    option.Set("code", code).Set("name", t.Get("role." + code)).SetFlag("selected", code == role);
    page.Append("role_options", std::move(option));
  }
  page.SetFlag("active_yes", active == "yes").SetFlag("active_no", active == "no");
  for (const auto& user : *users) page.Append("users", UserRow(t, locale, user));
  page.SetFlag("no_users", users->empty()).Set("count", std::to_string(users->size()));
  return frame_.Respond(200, "admin_users", locale, page);
}

http::Response AdminPages::RenderNewUser(const http::Request& request, const trust::Actor& actor,
                                         int status, const trust::accounts::InviteRequest& input,
                                         const base::Error* error) const {
  const auto locale = PageFrame::Locale(request.locale);
  auto units = admin_.Units(actor);
  if (!units) return Failure(units.error(), request);
  render::View page = frame_.NewPage(locale, "admin.new_title", "");
  SetVisitor(page, request);
  page.Set("username", input.username).Set("display_name", input.display_name);
  AddUnitOptions(page, locale, *units, input.unit_code);
  AddRoleBoxes(page, frame_.catalog(locale), actor, input.roles);
  if (error != nullptr) {
    const std::string field = error->field.empty() ? "username" : error->field;
    AddFieldError(page, field, Message(locale, *error));
  }
  return frame_.Respond(status, "admin_user_new", locale, page);
}

http::Response AdminPages::NewUser(http::Request& request) const {
  auto signed_in = Administrator(request);
  if (!signed_in) return std::move(signed_in.error());
  const trust::Actor& actor = *signed_in;
  return RenderNewUser(request, actor, 200, {}, nullptr);
}

http::Response AdminPages::RenderLink(const http::Request& request,
                                      const trust::accounts::IssuedInvite& issued,
                                      std::string_view username) const {
  const auto locale = PageFrame::Locale(request.locale);
  render::View page = frame_.NewPage(locale, "admin.link_title", "");
  SetVisitor(page, request);
  const std::string host(request.Header("host").value_or("localhost"));
  const std::string link =
      (cookie_.secure ? "https://" : "http://") + host + "/invite/" + issued.token;
  page.Set("link", link)
      .Set("username", username)
      .Set("user_href", UserPath(issued.user_public_id));
  http::Response response = frame_.Respond(200, "admin_invite_link", locale, page);
  // The link is a credential: keep it out of every cache.
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

http::Response AdminPages::InviteUser(http::Request& request) const {
  auto signed_in = Administrator(request);
  if (!signed_in) return std::move(signed_in.error());
  const trust::Actor& actor = *signed_in;
  trust::accounts::InviteRequest input{
      .username = http::FormField(request, "username").value_or(""),
      .display_name = http::FormField(request, "display_name").value_or(""),
      .unit_code = http::FormField(request, "unit").value_or(""),
      .roles = FormValues(request, "roles")};
  auto issued = invites_.InviteUser(actor, input);
  if (!issued) {
    if (issued.error().code != base::ErrorCode::kInvalidInput) {
      return Failure(issued.error(), request);
    }
    return RenderNewUser(request, actor, 422, input, &issued.error());
  }
  return RenderLink(request, *issued, trust::accounts::NormaliseUsername(input.username));
}

http::Response AdminPages::RenderUser(const http::Request& request, const trust::Actor& actor,
                                      int status, const base::Error* error,
                                      const std::vector<std::string>* chosen_roles) const {
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  auto user = admin_.Get(actor, request.PathParam("id"));
  if (!user) return Failure(user.error(), request);
  render::View page = frame_.NewPage(locale, "admin.user_title", "");
  SetVisitor(page, request);
  std::vector<std::string> current;
  for (const Role role : user->roles) current.emplace_back(ToString(role));
  page.Set("href", UserPath(user->public_id))
      .Set("username", user->username)
      .Set("display_name", user->display_name)
      .Set("unit", locale == "en" ? user->unit.name_en : user->unit.name_sv)
      .Set("roles_text", RoleNames(t, user->roles))
      .Set("version", std::to_string(user->version))
      .Set("status",
           t.Get(!user->active                                         ? "admin.status_inactive"
                 : user->locked                                        ? "admin.status_locked"
                 : user->invite == trust::accounts::InviteState::kOpen ? "admin.status_invited"
                                                                       : "admin.status_active"))
      .Set("totp", t.Get(user->totp_enrolled ? "admin.yes" : "admin.no"))
      .SetFlag("active", user->active)
      .SetFlag("locked", user->locked);
  AddRoleBoxes(page, t, actor, chosen_roles != nullptr ? *chosen_roles : current);
  const std::string done = request.QueryParam("done").value_or("");
  if (done == "roles" || done == "deactivated" || done == "sessions" || done == "unlocked") {
    page.Set("done_message", t.Get("admin.done_" + done));
  }
  if (error != nullptr) AddFieldError(page, error->field, Message(locale, *error));
  return frame_.Respond(status, "admin_user", locale, page);
}

http::Response AdminPages::User(http::Request& request) const {
  auto signed_in = Administrator(request);
  if (!signed_in) return std::move(signed_in.error());
  const trust::Actor& actor = *signed_in;
  return RenderUser(request, actor, 200, nullptr, nullptr);
}

http::Response AdminPages::SetRoles(http::Request& request) const {
  auto signed_in = Administrator(request);
  if (!signed_in) return std::move(signed_in.error());
  const trust::Actor& actor = *signed_in;
  const std::string public_id(request.PathParam("id"));
  const std::vector<std::string> roles = FormValues(request, "roles");
  const std::string version = http::FormField(request, "version").value_or("");
  std::int64_t expected = 0;
  try {
    expected = std::stoll(version);
  } catch (const std::exception&) {
    expected = 0;  // a missing or broken version can only conflict
  }
  auto changed = admin_.SetRoles(actor, public_id, {.roles = roles, .expected_version = expected});
  if (!changed) {
    const auto code = changed.error().code;
    if (code != base::ErrorCode::kInvalidInput && code != base::ErrorCode::kConflict) {
      return Failure(changed.error(), request);
    }
    base::Error shown = changed.error();
    shown.field = "roles";
    return RenderUser(request, actor, code == base::ErrorCode::kConflict ? 409 : 422, &shown,
                      &roles);
  }
  return http::Response::Redirect(UserPath(public_id) + "?done=roles");
}

http::Response AdminPages::Deactivate(http::Request& request) const {
  auto signed_in = Administrator(request);
  if (!signed_in) return std::move(signed_in.error());
  const trust::Actor& actor = *signed_in;
  const std::string public_id(request.PathParam("id"));
  if (http::FormField(request, "confirm").value_or("") != "yes") {
    const base::Error unconfirmed{.code = base::ErrorCode::kInvalidInput,
                                  .message = {},
                                  .detail = "confirm_deactivation",
                                  .field = "confirm"};
    return RenderUser(request, actor, 422, &unconfirmed, nullptr);
  }
  auto done = admin_.Deactivate(actor, public_id);
  if (!done) {
    if (done.error().code != base::ErrorCode::kInvalidInput) return Failure(done.error(), request);
    base::Error shown = done.error();
    shown.field = "confirm";
    return RenderUser(request, actor, 422, &shown, nullptr);
  }
  return http::Response::Redirect(UserPath(public_id) + "?done=deactivated");
}

http::Response AdminPages::EndSessions(http::Request& request) const {
  auto signed_in = Administrator(request);
  if (!signed_in) return std::move(signed_in.error());
  const trust::Actor& actor = *signed_in;
  const std::string public_id(request.PathParam("id"));
  auto ended = admin_.EndSessions(actor, public_id);
  if (!ended) return Failure(ended.error(), request);
  return http::Response::Redirect(UserPath(public_id) + "?done=sessions");
}

http::Response AdminPages::Unlock(http::Request& request) const {
  auto signed_in = Administrator(request);
  if (!signed_in) return std::move(signed_in.error());
  const trust::Actor& actor = *signed_in;
  const std::string public_id(request.PathParam("id"));
  auto done = admin_.Unlock(actor, public_id);
  if (!done) return Failure(done.error(), request);
  return http::Response::Redirect(UserPath(public_id) + "?done=unlocked");
}

http::Response AdminPages::Reinvite(http::Request& request) const {
  auto signed_in = Administrator(request);
  if (!signed_in) return std::move(signed_in.error());
  const trust::Actor& actor = *signed_in;
  auto issued = invites_.Reinvite(actor, request.PathParam("id"));
  if (!issued) return Failure(issued.error(), request);
  auto user = admin_.Get(actor, issued->user_public_id);
  if (!user) return Failure(user.error(), request);
  return RenderLink(request, *issued, user->username);
}

}  // namespace fyren::pages
