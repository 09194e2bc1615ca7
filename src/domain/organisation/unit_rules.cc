#include "domain/organisation/unit_rules.h"

#include <algorithm>

#include "base/swedish_order.h"
#include "base/utf8.h"

namespace fyren::organisation {
namespace {

constexpr int kMaxDepth = 64;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::string Trimmed(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return std::string(text);
}

NameProblem CheckName(std::string_view name) {
  const std::string trimmed = Trimmed(name);
  if (trimmed.empty() || !base::IsValidUtf8(trimmed)) return NameProblem::kMissing;
  std::size_t code_points = 0;
  for (std::size_t i = 0; i < trimmed.size();) {
    const auto byte = static_cast<unsigned char>(trimmed[i]);
    if (byte < 0x20 || byte == 0x7f) return NameProblem::kMissing;
    i += base::Utf8SequenceLength(trimmed, i);
    ++code_points;
  }
  return code_points > kMaxNameCodePoints ? NameProblem::kTooLong : NameProblem::kNone;
}

std::optional<std::string> NormaliseCode(std::string_view code) {
  const std::string trimmed = Trimmed(code);
  if (trimmed.size() < 2 || trimmed.size() > 16) return std::nullopt;
  std::string out;
  for (char c : trimmed) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return std::nullopt;
    out.push_back(c);
  }
  return out;
}

bool IsAdministeredKind(OrganisationKind kind) {
  return kind == OrganisationKind::kUnit || kind == OrganisationKind::kDepartment ||
         kind == OrganisationKind::kCompany;
}

AuthorityMap AuthoritiesOf(std::span<const Organisation> tree) {
  std::map<std::int64_t, const Organisation*> by_id;
  for (const Organisation& org : tree) by_id[org.id.value()] = &org;
  AuthorityMap authorities;
  for (const Organisation& org : tree) {
    std::optional<base::OrganisationId> current = org.id;
    for (int depth = 0; current && depth < kMaxDepth; ++depth) {
      const auto found = by_id.find(current->value());
      if (found == by_id.end()) break;
      if (found->second->kind == OrganisationKind::kAuthority) {
        authorities.emplace(org.id.value(), found->second->id);
        break;
      }
      current = found->second->parent;
    }
  }
  return authorities;
}

bool SiblingHasName(std::span<const Organisation> tree, base::OrganisationId parent,
                    std::string_view name_sv, std::optional<base::OrganisationId> except) {
  const std::string key = base::SwedishSortKey(Trimmed(name_sv));
  return std::ranges::any_of(tree, [&](const Organisation& org) {
    return org.parent == parent && org.id != except && base::SwedishSortKey(org.name_sv) == key;
  });
}

}  // namespace fyren::organisation
