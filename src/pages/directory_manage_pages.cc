#include "pages/directory_manage_pages.h"

#include <algorithm>
#include <charconv>
#include <string>
#include <utility>

#include "http/csrf.h"
#include "http/url_encoding.h"
#include "pages/directory_view.h"
#include "pages/person_pages.h"
#include "pages/sign_in_pages.h"
#include "pages/signed_in_actor.h"

namespace fyren::pages {
namespace {

namespace sd = support_directory;

constexpr std::string_view kPurpose = "administration";
constexpr std::string_view kManagePath = "/where-to-turn/manage";

std::string EditPath(std::string_view public_id) {
  return std::string(kManagePath) + "/" + std::string(public_id) + "/edit";
}

std::int64_t ParseVersion(std::string_view text) {
  std::int64_t version = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), version);
  if (ec != std::errc() || end != text.data() + text.size() || version < 0) return 0;
  return version;
}

// The draft a posted form describes. Unknown fields are ignored; the service checks the rest.
sd::EntryDraft DraftFromForm(const http::Request& request,
                             std::span<const sd::SpokenLanguage> languages) {
  sd::EntryDraft draft;
  const auto pairs = http::ParseUrlEncoded(request.body);
  if (!pairs) return draft;
  const auto field = [&](std::string_view name) -> std::string {
    for (const auto& [key, value] : *pairs) {
      if (key == name) return value;
    }
    return {};
  };
  // An unknown kind keeps the default; the radio buttons offer only known ones.
  draft.kind = sd::ParseEntryKind(field("kind")).value_or(sd::EntryKind::kCityUnit);
  for (const auto& [key, value] : *pairs) {
    if (key == "target_groups") draft.target_groups.push_back(value);
    if (key == "languages") draft.languages.push_back(value);
  }
  draft.phone = field("phone");
  draft.email = field("email");
  draft.web = field("web");
  draft.address = field("address");
  draft.anonymous = field("anonymous") == "yes";
  draft.free_of_charge = field("free_of_charge") == "yes";
  for (const auto& language : languages) {
    sd::EntryText text{.name = field("name_" + language.code),
                       .description = field("description_" + language.code),
                       .hours = field("hours_" + language.code)};
    const bool required = language.code == "sv" || language.code == "en";
    if (required || !text.name.empty() || !text.description.empty() || !text.hours.empty()) {
      draft.texts[language.code] = std::move(text);
    }
  }
  return draft;
}

}  // namespace

DirectoryManagePages::DirectoryManagePages(const render::TemplateSet& templates,
                                           support_directory::SupportDirectoryService& directory,
                                           SiteInfo site)
    : templates_(templates),
      directory_(directory),
      frame_(templates, site),
      errors_(templates, site) {}

http::Response DirectoryManagePages::Failure(const base::Error& error,
                                             const http::Request& request) const {
  if (error.code == base::ErrorCode::kUnauthenticated) return SignInFor(request);
  return NoStore(errors_.ForError(error, request));
}

http::Response DirectoryManagePages::List(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  auto entries = directory_.ListForEditing(*signed_in);
  if (!entries) return Failure(entries.error(), request);
  render::View page = frame_.NewPage(locale, "directory.manage.title", "directory_manage");
  SetVisitor(page, request);
  const std::string done = request.QueryParam("done").value_or("");
  bool has_done = false;
  for (const std::string_view known :
       {"saved", "created", "hidden_done", "shown_done", "conflict_visibility"}) {
    if (done != known) continue;
    page.Set("done_message", t.Get("directory.manage." + done));
    has_done = true;
  }
  page.SetFlag("has_done", has_done);
  for (const auto& entry : *entries) {
    render::View row;
    row.Set("name", entry.Text(locale).name)
        .Set("kind", t.Get("directory.kind." + std::string(sd::ToString(entry.draft.kind))))
        .Set("edit_href", EditPath(entry.public_id))
        .Set("public_href", DirectoryEntryPath(entry.public_id))
        .Set("visibility_action", std::string(kManagePath) + "/" + entry.public_id + "/visibility")
        .Set("version", std::to_string(entry.version))
        .SetFlag("visible", entry.visible);
    page.Append("entries", std::move(row));
  }
  return NoStore(frame_.Respond(200, "directory_manage", locale, page));
}

http::Response DirectoryManagePages::RenderForm(const http::Request& request, int status,
                                                const sd::EntryDraft& draft,
                                                std::string_view action, std::int64_t version,
                                                std::span<const sd::FieldProblem> problems,
                                                const sd::DirectoryEntry* saved) const {
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  const bool editing = version > 0;
  render::View page =
      frame_.NewPage(locale, editing ? "directory.manage.edit_title" : "directory.manage.new_title",
                     "directory_manage");
  SetVisitor(page, request);
  page.Set("action", action)
      .Set("version", std::to_string(version))
      .SetFlag("editing", editing)
      .Set("heading", t.Get(editing ? "directory.manage.edit_title" : "directory.manage.new_title"))
      .Set("phone", draft.phone)
      .Set("email", draft.email)
      .Set("web", draft.web)
      .Set("address", draft.address)
      .SetFlag("anonymous", draft.anonymous)
      .SetFlag("free_of_charge", draft.free_of_charge);
  AddDirectoryProblems(page, t, problems);
  for (const sd::EntryKind kind : sd::AllEntryKinds()) {
    const std::string code(sd::ToString(kind));
    render::View option;
    option.Set("code", code)
        .Set("name", t.Get("directory.kind." + code))
        .SetFlag("checked", kind == draft.kind);
    page.Append("kinds", std::move(option));
  }
  for (const std::string_view code : sd::TargetGroupCodes()) {
    render::View option;
    option.Set("code", code)
        .Set("name", t.Get("directory.target." + std::string(code)))
        .SetFlag("checked",
                 std::ranges::find(draft.target_groups, code) != draft.target_groups.end());
    page.Append("targets", std::move(option));
  }
  for (const auto& language : directory_.Languages()) {
    render::View option;
    option.Set("code", language.code)
        .Set("name", language.NameFor(locale))
        .SetFlag("checked",
                 std::ranges::find(draft.languages, language.code) != draft.languages.end());
    page.Append("spoken", std::move(option));
  }
  // One block of texts per language the public pages are offered in (the catalogs), Swedish and
  // English required, the others optional.
  for (const std::string& code : templates_.Locales()) {
    const auto found = draft.texts.find(code);
    const sd::EntryText text = found == draft.texts.end() ? sd::EntryText{} : found->second;
    render::View block;
    block.Set("code", code)
        .Set("language", templates_.catalog(code).Get("lang.name"))
        .Set("dir", templates_.catalog(code).Get("lang.dir"))
        .SetFlag("optional", code != "sv" && code != "en")
        .Set("name", text.name)
        .Set("description", text.description)
        .Set("hours", text.hours);
    for (const auto& problem : problems) {
      for (const std::string_view what : {"name", "description", "hours"}) {
        if (problem.field == std::string(what) + "_" + code) {
          block.Set(std::string(what) + "_error", t.Get("directory.problem." + problem.code));
        }
      }
    }
    page.Append("texts", std::move(block));
  }
  if (saved != nullptr) {
    render::View card = EntryCard(*saved, t, locale, directory_.Languages());
    card.Set("saved_name", saved->Text(locale).name);
    page.SetChild("saved", std::move(card));
  }
  return NoStore(frame_.Respond(status, "directory_form", locale, page));
}

http::Response DirectoryManagePages::New(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  // The list call is the permission check (audited when refused); the form needs nothing else.
  auto allowed = directory_.ListForEditing(*signed_in);
  if (!allowed) return Failure(allowed.error(), request);
  sd::EntryDraft draft;
  draft.free_of_charge = true;
  return RenderForm(request, 200, draft, std::string(kManagePath) + "/new", 0, {}, nullptr);
}

http::Response DirectoryManagePages::Create(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  sd::EntryDraft draft = DraftFromForm(request, directory_.Languages());
  auto saved = directory_.Create(*signed_in, draft);
  if (!saved) return Failure(saved.error(), request);
  if (!saved->ok()) {
    return RenderForm(request, 422, draft, std::string(kManagePath) + "/new", 0, saved->problems,
                      nullptr);
  }
  return http::Response::Redirect(std::string(kManagePath) + "?done=created");
}

http::Response DirectoryManagePages::Edit(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  auto entry = directory_.GetForEditing(*signed_in, request.PathParam("id"));
  if (!entry) return Failure(entry.error(), request);
  return RenderForm(request, 200, entry->draft, EditPath(entry->public_id), entry->version, {},
                    nullptr);
}

http::Response DirectoryManagePages::Save(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  const std::string public_id(request.PathParam("id"));
  sd::EntryDraft draft = DraftFromForm(request, directory_.Languages());
  const std::int64_t version = ParseVersion(http::FormField(request, "version").value_or(""));
  auto saved = directory_.Update(*signed_in, public_id, draft, version);
  if (saved && saved->ok())
    return http::Response::Redirect(std::string(kManagePath) + "?done=saved");
  if (saved) {
    return RenderForm(request, 422, draft, EditPath(public_id), std::max<std::int64_t>(version, 1),
                      saved->problems, nullptr);
  }
  if (saved.error().code != base::ErrorCode::kConflict) return Failure(saved.error(), request);
  // Someone saved in between: nothing was overwritten. Keep what was typed, show what is saved,
  // and let a second save (with the current version) be a deliberate choice.
  auto current = directory_.GetForEditing(*signed_in, public_id);
  if (!current) return Failure(current.error(), request);
  const sd::FieldProblem conflict{.field = "conflict", .code = "conflict"};
  return RenderForm(request, 409, draft, EditPath(public_id), current->version,
                    std::span(&conflict, 1), &*current);
}

http::Response DirectoryManagePages::Visibility(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  const std::string public_id(request.PathParam("id"));
  const bool visible = http::FormField(request, "visible").value_or("") == "yes";
  const std::int64_t version = ParseVersion(http::FormField(request, "version").value_or(""));
  auto changed = directory_.SetVisible(*signed_in, public_id, visible, version);
  if (changed) {
    return http::Response::Redirect(std::string(kManagePath) +
                                    (visible ? "?done=shown_done" : "?done=hidden_done"));
  }
  if (changed.error().code == base::ErrorCode::kConflict) {
    // The list shows what is saved now; the user decides again.
    return http::Response::Redirect(std::string(kManagePath) + "?done=conflict_visibility");
  }
  return Failure(changed.error(), request);
}

}  // namespace fyren::pages
