#include "pages/admin_unit_pages.h"

#include <algorithm>
#include <string>

#include "domain/organisation/unit_rules.h"
#include "http/csrf.h"
#include "pages/admin_pages.h"
#include "pages/sign_in_pages.h"
#include "trust/accounts/user_admin_rules.h"

namespace fyren::pages {
namespace {

using organisation::Organisation;
using organisation::OrganisationKind;

constexpr std::string_view kPath = "/admin/units";

// The message for a service's error in the page's language ("admin.problem.<detail>").
std::string MessageFor(const render::Catalog& t, const base::Error& error) {
  const std::string key = "admin.problem." + error.detail;
  if (!error.detail.empty() && t.Contains(key)) return std::string(t.Get(key));
  return error.message;
}

void AddError(render::View& page, std::string_view anchor, std::string_view message) {
  render::View item;
  item.Set("field", anchor).Set("message", message);
  page.Append("errors", std::move(item));
  page.SetFlag("has_errors", true);
}

std::int64_t VersionFrom(std::string_view text) {
  try {
    return std::stoll(std::string(text));
  } catch (const std::exception&) {
    return 0;  // a missing or broken version can only conflict
  }
}

// Indents an option by depth: selects cannot nest, and the tree must still read as one.
std::string Indented(const Organisation& org, std::string_view locale) {
  std::string text;
  for (int i = 0; i < org.depth; ++i) text += "— ";
  return text + org.Name(locale);
}

}  // namespace

AdminUnitPages::AdminUnitPages(const render::TemplateSet& templates, SiteInfo site,
                               organisation::OrganisationService& organisations)
    : frame_(templates, site), errors_(templates, site), organisations_(organisations) {}

http::Response AdminUnitPages::Render(const http::Request& request, const trust::Actor& actor,
                                      int status, const FormState& form) const {
  auto tree = organisations_.ManagedTree(actor);
  if (!tree) {
    if (tree.error().code == base::ErrorCode::kUnauthenticated) {
      return http::Response::Redirect("/sign-in");
    }
    return errors_.ForError(tree.error(), request);
  }
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "admin.units_title", "");
  SetVisitor(page, request);

  for (const Organisation& org : *tree) {
    render::View option;
    option.Set("id", org.public_id)
        .Set("name", Indented(org, locale))
        .SetFlag("selected", org.public_id == form.add.parent_public_id);
    page.Append("parents", std::move(option));

    render::View row;
    const bool editing = org.public_id == form.rename_id;
    row.Set("id", org.public_id)
        .Set("name", org.Name(locale))
        .Set("kind", t.Get("kind." + std::string(organisation::ToString(org.kind))))
        .Set("code", org.code)
        .Set("depth", std::to_string(std::min(org.depth, 5)))
        .Set("version", std::to_string(org.version))
        .Set("name_sv", editing ? form.rename.name_sv : org.name_sv)
        .Set("name_en", editing ? form.rename.name_en : org.name_en)
        .SetFlag("renamable", organisation::IsAdministeredKind(org.kind));
    if (editing && form.rename_error != nullptr) {
      const base::Error& error = *form.rename_error;
      const bool conflict = error.code == base::ErrorCode::kConflict;
      const std::string field = conflict || error.field.empty() ? "name_sv" : error.field;
      const std::string message =
          conflict ? std::string(t.Get("admin.unit_conflict")) + " " + org.Name(locale)
                   : MessageFor(t, error);
      row.Set(field + "_error", message);
      AddError(page, field + "-" + org.public_id, message);
    }
    page.Append("units", std::move(row));
  }

  const std::string kind =
      form.kind_text.empty() ? std::string(ToString(form.add.kind)) : form.kind_text;
  for (const OrganisationKind k :
       {OrganisationKind::kUnit, OrganisationKind::kDepartment, OrganisationKind::kCompany}) {
    const std::string code(organisation::ToString(k));
    render::View option;
    option.Set("code", code).Set("name", t.Get("kind." + code)).SetFlag("selected", code == kind);
    page.Append("kinds", std::move(option));
  }
  page.Set("add_name_sv", form.add.name_sv)
      .Set("add_name_en", form.add.name_en)
      .Set("add_code", form.add.code);
  if (form.add_error != nullptr) {
    const std::string field = form.add_error->field.empty() ? "name_sv" : form.add_error->field;
    const std::string message = MessageFor(t, *form.add_error);
    page.Set("add_" + field + "_error", message);
    AddError(page, "add-" + field, message);
  }
  const std::string done = request.QueryParam("done").value_or("");
  if (done == "created" || done == "renamed") {
    page.Set("done_message", t.Get("admin.unit_done_" + done));
  }
  return frame_.Respond(status, "admin_units", locale, page);
}

http::Response AdminUnitPages::Units(http::Request& request) const {
  auto actor = RequireSignedInActor(request, frame_.site().tenant_id);
  if (!actor) return std::move(actor.error());
  return Render(request, *actor, 200, FormState{});
}

http::Response AdminUnitPages::Create(http::Request& request) const {
  auto actor = RequireSignedInActor(request, frame_.site().tenant_id);
  if (!actor) return std::move(actor.error());
  FormState form;
  form.kind_text = http::FormField(request, "kind").value_or("");
  form.add =
      organisation::NewUnit{.parent_public_id = http::FormField(request, "parent").value_or(""),
                            .name_sv = http::FormField(request, "name_sv").value_or(""),
                            .name_en = http::FormField(request, "name_en").value_or(""),
                            .code = http::FormField(request, "code").value_or(""),
                            .kind = OrganisationKind::kUnit};
  const auto kind = organisation::ParseOrganisationKind(form.kind_text);
  if (!kind) {
    const base::Error unknown =
        trust::accounts::Refuse("kind", trust::accounts::AdminProblem::kBadKind).error();
    form.add_error = &unknown;
    return Render(request, *actor, 422, form);
  }
  form.add.kind = *kind;
  auto created = organisations_.CreateUnit(*actor, form.add);
  if (!created) {
    if (created.error().code != base::ErrorCode::kInvalidInput) {
      return errors_.ForError(created.error(), request);
    }
    form.add_error = &created.error();
    return Render(request, *actor, 422, form);
  }
  return http::Response::Redirect(std::string(kPath) + "?done=created#unit-" + created->public_id);
}

http::Response AdminUnitPages::Rename(http::Request& request) const {
  auto actor = RequireSignedInActor(request, frame_.site().tenant_id);
  if (!actor) return std::move(actor.error());
  FormState form;
  form.rename_id = std::string(request.PathParam("id"));
  form.rename = organisation::UnitRename{
      .name_sv = http::FormField(request, "name_sv").value_or(""),
      .name_en = http::FormField(request, "name_en").value_or(""),
      .expected_version = VersionFrom(http::FormField(request, "version").value_or(""))};
  auto renamed = organisations_.Rename(*actor, form.rename_id, form.rename);
  if (!renamed) {
    const auto code = renamed.error().code;
    if (code != base::ErrorCode::kInvalidInput && code != base::ErrorCode::kConflict) {
      return errors_.ForError(renamed.error(), request);
    }
    form.rename_error = &renamed.error();
    return Render(request, *actor, code == base::ErrorCode::kConflict ? 409 : 422, form);
  }
  return http::Response::Redirect(std::string(kPath) + "?done=renamed#unit-" + renamed->public_id);
}

}  // namespace fyren::pages
