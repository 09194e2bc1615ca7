#include "domain/organisation/organisation_import.h"

#include <toml++/toml.h>

#include <map>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/ids.h"
#include "base/random.h"
#include "base/utf8.h"
#include "domain/organisation/organisation.h"
#include "domain/organisation/organisation_store.h"

namespace fyren::organisation {
namespace {

struct ParsedTree {
  Tenant tenant;
  std::vector<Organisation> organisations;
};

base::Error At(std::string_view source, const toml::node& node, std::string problem) {
  return base::Error{.code = base::ErrorCode::kInvalidInput,
                     .message = std::string(source) + ":" +
                                std::to_string(node.source().begin.line) + ": " +
                                std::move(problem),
                     .detail = {},
                     .field = {}};
}

base::Result<std::string> RequiredText(std::string_view source, const toml::table& table,
                                       std::string_view key) {
  const toml::node* node = table.get(key);
  if (node == nullptr || !node->is_string()) {
    return std::unexpected(At(source, table, "'" + std::string(key) + "' must be text"));
  }
  std::string value = *node->value<std::string>();
  if (value.empty() || !base::IsValidUtf8(value)) {
    return std::unexpected(At(source, *node, "'" + std::string(key) + "' must not be empty"));
  }
  return value;
}

std::string OptionalText(const toml::table& table, std::string_view key) {
  return table[key].value_or(std::string());
}

base::Result<ParsedTree> Parse(std::string_view text, std::string_view source) {
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    return base::Fail(base::ErrorCode::kInvalidInput, std::string(source) + ":" +
                                                          std::to_string(e.source().begin.line) +
                                                          ": " + std::string(e.description()));
  }
  ParsedTree tree;
  const toml::table* tenant = root["tenant"].as_table();
  if (tenant == nullptr)
    return base::Fail(base::ErrorCode::kInvalidInput,
                      std::string(source) + ": [tenant] is missing");
  auto slug = RequiredText(source, *tenant, "slug");
  auto name = RequiredText(source, *tenant, "name");
  if (!slug) return std::unexpected(slug.error());
  if (!name) return std::unexpected(name.error());
  tree.tenant = Tenant{.id = base::TenantId(base::NewRowId()),
                       .public_id = base::NewPublicId(),
                       .slug = *slug,
                       .name = *name};

  const toml::array* list = root["organisation"].as_array();
  if (list == nullptr) return tree;
  std::map<std::string, base::OrganisationId> id_by_code;
  for (const toml::node& node : *list) {
    const toml::table* entry = node.as_table();
    if (entry == nullptr) return std::unexpected(At(source, node, "expected [[organisation]]"));
    Organisation org;
    auto code = RequiredText(source, *entry, "code");
    auto kind_text = RequiredText(source, *entry, "kind");
    auto name_sv = RequiredText(source, *entry, "name_sv");
    auto name_en = RequiredText(source, *entry, "name_en");
    for (const auto* r : {&code, &kind_text, &name_sv, &name_en}) {
      if (!*r) return std::unexpected(r->error());
    }
    const auto kind = ParseOrganisationKind(*kind_text);
    if (!kind) return std::unexpected(At(source, *entry, "unknown kind '" + *kind_text + "'"));
    const auto partner_type = ParsePartnerType(
        entry->get("partner_type") ? OptionalText(*entry, "partner_type") : std::string("none"));
    if (!partner_type) return std::unexpected(At(source, *entry, "unknown partner_type"));
    if ((*kind == OrganisationKind::kPartner) != (*partner_type != PartnerType::kNone)) {
      return std::unexpected(
          At(source, *entry, "partners, and only partners, need a partner_type"));
    }
    if (id_by_code.contains(*code)) {
      return std::unexpected(At(source, *entry, "code '" + *code + "' is used twice"));
    }
    if (const std::string parent = OptionalText(*entry, "parent"); !parent.empty()) {
      const auto found = id_by_code.find(parent);
      if (found == id_by_code.end()) {
        return std::unexpected(
            At(source, *entry, "parent '" + parent + "' must be defined above this entry"));
      }
      org.parent = found->second;
    }
    org.id = base::OrganisationId(base::NewRowId());
    org.public_id = base::NewPublicId();
    org.kind = *kind;
    org.partner_type = *partner_type;
    org.code = *code;
    org.name_sv = *name_sv;
    org.name_en = *name_en;
    org.description_sv = OptionalText(*entry, "description_sv");
    org.description_en = OptionalText(*entry, "description_en");
    id_by_code.emplace(org.code, org.id);
    tree.organisations.push_back(std::move(org));
  }
  return tree;
}

}  // namespace

base::Result<ImportSummary> ImportTenantTree(storage::Database& db, std::string_view toml_text,
                                             std::string_view source_name) {
  auto tree = Parse(toml_text, source_name);
  if (!tree) return std::unexpected(tree.error());
  const std::int64_t now = base::ToUnixMicros(base::SystemClock().Now());
  return db.Write([&](storage::Transaction& tx) -> base::Result<ImportSummary> {
    auto existing = OrganisationStore::FindTenantBySlug(tx, tree->tenant.slug);
    if (!existing) return std::unexpected(existing.error());
    if (*existing) return ImportSummary{.created = false, .organisations = 0};
    if (auto ok = OrganisationStore::InsertTenant(tx, tree->tenant, now); !ok) {
      return std::unexpected(ok.error());
    }
    for (const Organisation& org : tree->organisations) {
      if (auto ok = OrganisationStore::Insert(tx, tree->tenant.id, org, now); !ok) {
        return std::unexpected(ok.error());
      }
    }
    return ImportSummary{.created = true,
                         .organisations = static_cast<int>(tree->organisations.size())};
  });
}

}  // namespace fyren::organisation
