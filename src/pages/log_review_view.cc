#include "pages/log_review_view.h"

#include <array>

#include "base/swedish_time.h"

namespace fyren::pages {
namespace {

using trust::audit::AuditEntry;
using trust::audit::ReviewNames;

struct FlagName {
  std::uint32_t bit;
  std::string_view key;
};
constexpr std::array<FlagName, 6> kFlagNames = {{
    {trust::audit::kFlagProtectedIdentity, "audit_flag.protected_identity"},
    {trust::audit::kFlagEmergencyAccess, "audit_flag.emergency_access"},
    {trust::audit::kFlagOutsideOwnUnit, "audit_flag.outside_own_unit"},
    {trust::audit::kFlagNightTime, "audit_flag.night_time"},
    {trust::audit::kFlagBulk, "audit_flag.bulk"},
    {trust::audit::kFlagViaShare, "audit_flag.via_share"},
}};

std::string Word(const render::Catalog& catalog, std::string_view prefix, std::string_view code) {
  std::string key(prefix);
  key += code;
  return std::string(catalog.Get(key));
}

std::string UserName(const AuditEntry& entry, const ReviewNames& names,
                     const render::Catalog& catalog) {
  if (!entry.event.actor_user_id) return std::string(catalog.Get("log_review.no_user"));
  const auto it = names.staff.find(*entry.event.actor_user_id);
  if (it == names.staff.end()) return std::string(catalog.Get("log_review.unknown_user"));
  return it->second.display_name;
}

std::string UnitName(const AuditEntry& entry, const ReviewNames& names, std::string_view locale) {
  if (!entry.event.unit) return "";
  const auto it = names.organisations.find(entry.event.unit->value());
  if (it == names.organisations.end()) return "";
  return locale == "en" ? it->second.name_en : it->second.name_sv;
}

std::string ActionWord(const AuditEntry& entry, const render::Catalog& catalog) {
  return Word(catalog, "audit_action.", trust::audit::ToString(entry.event.action));
}

std::string Joined(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& word : words) {
    if (!out.empty()) out += ", ";
    out += word;
  }
  return out;
}

}  // namespace

std::vector<std::string> FlagWords(std::uint32_t flags, const render::Catalog& catalog) {
  std::vector<std::string> words;
  for (const FlagName& flag : kFlagNames) {
    if ((flags & flag.bit) != 0) words.emplace_back(catalog.Get(flag.key));
  }
  return words;
}

render::View EntryRowView(const AuditEntry& entry, const ReviewNames& names,
                          const render::Catalog& catalog, std::string_view locale) {
  const trust::audit::AuditEvent& e = entry.event;
  render::View row;
  row.Set("time", base::FormatSwedishDateTime(entry.occurred_at))
      .Set("user", UserName(entry, names, catalog))
      .Set("unit", UnitName(entry, names, locale))
      .Set("action", ActionWord(entry, catalog))
      .Set("purpose", Word(catalog, "audit_purpose.", trust::audit::ToString(e.purpose)))
      .SetFlag("denied", e.outcome == trust::audit::Outcome::kDenied);
  if (e.record_type) {
    row.Set("record", Word(catalog, "audit_record.", trust::audit::ToString(*e.record_type)));
  }
  if (e.actor_user_id) {
    const auto staff = names.staff.find(*e.actor_user_id);
    if (staff != names.staff.end()) row.Set("user_href", "/audit/users/" + staff->second.public_id);
  }
  if (e.person_id) {
    const auto person = names.person_public_ids.find(*e.person_id);
    if (person != names.person_public_ids.end()) {
      row.Set("person_href", "/audit/persons/" + person->second);
    }
  }
  for (const std::string& word : FlagWords(e.flags, catalog)) {
    render::View flag;
    flag.Set("name", word);
    row.Append("flags", std::move(flag));
  }
  return row;
}

std::string CsvField(std::string_view text) {
  std::string value;
  // A leading =, +, - or @ (or a tab/CR that some programs skip) makes a spreadsheet evaluate
  // the cell; staff names come from administrators, so never trust them to be harmless.
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) {
    value += '\'';
  }
  value += text;
  if (value.find_first_of(",\"\r\n;") == std::string::npos) return value;
  std::string quoted = "\"";
  for (const char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string ExtractCsv(std::span<const AuditEntry> entries, const ReviewNames& names,
                       const render::Catalog& catalog, std::string_view locale) {
  std::string csv = "\xEF\xBB\xBF";
  const std::array<std::string_view, 6> header = {"log_review.col_time",    "log_review.col_user",
                                                  "log_review.col_unit",    "log_review.col_action",
                                                  "log_review.col_purpose", "log_review.col_flags"};
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (i > 0) csv += ',';
    csv += CsvField(catalog.Get(header[i]));
  }
  csv += "\r\n";
  for (const AuditEntry& entry : entries) {
    std::string action = ActionWord(entry, catalog);
    if (entry.event.record_type) {
      action += " (";
      action += Word(catalog, "audit_record.", trust::audit::ToString(*entry.event.record_type));
      action += ")";
    }
    const std::array<std::string, 6> cells = {
        base::FormatSwedishDateTime(entry.occurred_at),
        UserName(entry, names, catalog),
        UnitName(entry, names, locale),
        action,
        Word(catalog, "audit_purpose.", trust::audit::ToString(entry.event.purpose)),
        Joined(FlagWords(entry.event.flags, catalog))};
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) csv += ',';
      csv += CsvField(cells[i]);
    }
    csv += "\r\n";
  }
  return csv;
}

}  // namespace fyren::pages
