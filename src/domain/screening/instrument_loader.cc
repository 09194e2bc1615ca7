#include "domain/screening/instrument_loader.h"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <functional>
#include <limits>
#include <set>
#include <vector>

#include "base/utf8.h"

namespace fyren::screening {
namespace {

// Bounds that keep a form usable and let scoring hold an answer in one byte.
constexpr std::size_t kMaxItems = 200;
constexpr std::size_t kMaxOptions = 20;
constexpr std::int64_t kMaxWeight = 1000;

constexpr std::array<std::string_view, 9> kTopKeys = {
    "id",    "version", "audience",        "title",        "intro",
    "items", "scoring", "recommendations", "subject_kinds"};
constexpr std::array<std::string_view, 8> kItemKeys = {"id",   "type",    "required", "text",
                                                       "help", "options", "weights",  "red_flag"};

// Collects problems; each line is "<source>: [item <id>: ]<problem>".
class Problems {
 public:
  explicit Problems(std::string_view source) : source_(source) {}
  void Add(std::string problem) { lines_.push_back(std::string(source_) + ": " + problem); }
  void AddItem(std::string_view item, std::string problem) {
    lines_.push_back(std::string(source_) + ": item " + std::string(item) + ": " + problem);
  }
  [[nodiscard]] bool empty() const { return lines_.empty(); }
  [[nodiscard]] std::string Joined() const {
    std::string out;
    for (const std::string& line : lines_) {
      if (!out.empty()) out += '\n';
      out += line;
    }
    return out;
  }

 private:
  std::string_view source_;
  std::vector<std::string> lines_;
};

template <std::size_t N>
void CheckKeys(const toml::table& table, const std::array<std::string_view, N>& known,
               const std::function<void(std::string)>& report) {
  for (const auto& [key, node] : table) {
    if (std::find(known.begin(), known.end(), key.str()) == known.end()) {
      report("unknown key '" + std::string(key.str()) + "'");
    }
  }
}

bool IsCode(std::string_view text) {
  if (text.empty() || text.size() > 40) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

// A {sv = "...", en = "..."} table. Empty text is allowed only when `optional`.
std::optional<LocalText> ReadText(const toml::node* node, std::string_view name, bool optional,
                                  const std::function<void(std::string)>& report) {
  if (node == nullptr) {
    if (optional) return LocalText{};
    report("'" + std::string(name) + "' is missing (needs sv and en)");
    return std::nullopt;
  }
  const toml::table* table = node->as_table();
  if (table == nullptr) {
    report("'" + std::string(name) + "' must be a table with sv and en");
    return std::nullopt;
  }
  LocalText text;
  bool ok = true;
  for (const auto& [lang, target] : {std::pair{"sv", &text.sv}, std::pair{"en", &text.en}}) {
    const auto value = (*table)[lang].value<std::string>();
    if (!value || (value->empty() && !optional) || !base::IsValidUtf8(*value)) {
      // Appended piecewise: g++ 12 -O2 warns (-Wrestrict, a false positive) on the `+` chain.
      std::string problem = "'";
      problem.append(name).append(".").append(lang).append("' must be non-empty text");
      report(std::move(problem));
      ok = false;
      continue;
    }
    *target = *value;
  }
  if (ok && optional && text.sv.empty() != text.en.empty()) {
    report("'" + std::string(name) + "' needs both sv and en, or neither");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return text;
}

void ReadOptions(const toml::table& entry, Item& item,
                 const std::function<void(std::string)>& report) {
  const toml::node* node = entry.get("options");
  if (item.type != AnswerType::kChoice) {
    if (node != nullptr) report("'options' is only for answer type choice");
    for (std::string_view code : FixedAnswerCodes(item.type)) {
      item.options.push_back(AnswerOption{.code = std::string(code), .label = {}, .weight = 0});
    }
    return;
  }
  const toml::array* list = node == nullptr ? nullptr : node->as_array();
  if (list == nullptr || list->size() < 2) {
    report("a choice needs 'options' with at least two entries");
    return;
  }
  if (list->size() > kMaxOptions) report("more than 20 options");
  std::set<std::string> seen;
  for (const toml::node& option_node : *list) {
    const toml::table* option = option_node.as_table();
    const auto code = option == nullptr ? std::nullopt : (*option)["code"].value<std::string>();
    if (!code || !IsCode(*code)) {
      report("every option needs a 'code' of a-z, 0-9, _ or -");
      continue;
    }
    if (!seen.insert(*code).second) report("option '" + *code + "' appears twice");
    auto label = ReadText(option, "options." + *code, false, report);
    item.options.push_back(
        AnswerOption{.code = *code, .label = label.value_or(LocalText{}), .weight = 0});
  }
}

void ReadWeights(const toml::table& entry, Item& item,
                 const std::function<void(std::string)>& report) {
  const toml::node* node = entry.get("weights");
  if (node == nullptr) return;  // every answer weighs 0
  if (item.type == AnswerType::kFreeText) {
    report("free text is not scored, so it cannot have 'weights'");
    return;
  }
  const toml::table* weights = node->as_table();
  if (weights == nullptr) {
    report("'weights' must be a table of answer = number");
    return;
  }
  for (const auto& [key, value] : *weights) {
    const std::string answer(key.str());
    auto option = std::find_if(item.options.begin(), item.options.end(),
                               [&](const AnswerOption& o) { return o.code == answer; });
    if (option == item.options.end()) {
      report("weight for unknown answer '" + answer + "'");
      continue;
    }
    const auto weight = value.value<std::int64_t>();
    if (!value.is_integer() || !weight || *weight < -kMaxWeight || *weight > kMaxWeight) {
      report("weight for answer '" + answer + "' must be a whole number from -1000 to 1000");
      continue;
    }
    option->weight = static_cast<std::int32_t>(*weight);
  }
}

std::optional<Item> ReadItem(const toml::node& node, std::size_t position,
                             std::set<std::string>& seen_ids, Problems& problems) {
  const toml::table* entry = node.as_table();
  if (entry == nullptr) {
    problems.Add("item " + std::to_string(position + 1) + " must be an [[items]] table");
    return std::nullopt;
  }
  Item item;
  const auto id = (*entry)["id"].value<std::string>();
  if (!id || !IsCode(*id)) {
    problems.Add("item " + std::to_string(position + 1) +
                 ": 'id' must be a code of a-z, 0-9, _ or -");
    return std::nullopt;
  }
  item.id = *id;
  const auto report = [&](std::string problem) { problems.AddItem(item.id, std::move(problem)); };
  if (!seen_ids.insert(item.id).second) report("the id is used by another item");
  CheckKeys(*entry, kItemKeys, report);
  const auto type_code = (*entry)["type"].value<std::string>();
  const auto type = type_code ? ParseAnswerType(*type_code) : std::nullopt;
  if (!type) {
    report("answer type '" + type_code.value_or("") +
           "' is not one of yes_no, yes_no_unknown, scale0_3, choice, free_text");
    return std::nullopt;
  }
  item.type = *type;
  if (const toml::node* required = entry->get("required")) {
    if (!required->is_boolean()) {
      report("'required' must be true or false");
    } else {
      item.required = *required->value<bool>();
    }
  }
  if (auto text = ReadText(entry->get("text"), "text", false, report)) item.text = *text;
  if (auto help = ReadText(entry->get("help"), "help", true, report)) item.help = *help;
  ReadOptions(*entry, item, report);
  ReadWeights(*entry, item, report);
  if (entry->get("red_flag") != nullptr) report("red flags are listed in [scoring] red_flags");
  // Kept even with problems (they are already reported), so later checks that refer to the item
  // do not add misleading ones such as "red flag 'q1' is not an item".
  return item;
}

void ReadScoring(const toml::table& root, Instrument& instrument, Problems& problems) {
  const toml::table* scoring = root["scoring"].as_table();
  if (scoring == nullptr) {
    problems.Add("[scoring] is missing");
    return;
  }
  const auto possible = (*scoring)["possible_concern"].value<std::int64_t>();
  const auto clear = (*scoring)["clear_concern"].value<std::int64_t>();
  if (!possible || *possible < 1 || *possible > kMaxWeight * 100) {
    problems.Add("scoring: 'possible_concern' must be a whole number of at least 1");
  }
  if (!clear || *clear > kMaxWeight * 100) {
    problems.Add("scoring: 'clear_concern' must be a whole number");
  }
  if (possible && clear && *clear <= *possible) {
    problems.Add("scoring: 'clear_concern' must be greater than 'possible_concern'");
  }
  if (possible && clear) {
    instrument.thresholds = {.possible_concern = static_cast<std::int32_t>(*possible),
                             .clear_concern = static_cast<std::int32_t>(*clear)};
  }
  std::int64_t reachable = 0;
  for (const Item& item : instrument.items) {
    std::int32_t best = 0;
    for (const AnswerOption& o : item.options) best = std::max(best, o.weight);
    reachable += best;
  }
  if (clear && reachable < *clear && !instrument.items.empty()) {
    problems.Add("scoring: 'clear_concern' " + std::to_string(*clear) +
                 " cannot be reached (the highest possible score is " + std::to_string(reachable) +
                 ")");
  }
  for (const auto& [key, node] : *scoring) {
    if (key != "possible_concern" && key != "clear_concern" && key != "red_flags") {
      problems.Add("scoring: unknown key '" + std::string(key.str()) + "'");
    }
  }
  const toml::node* red = scoring->get("red_flags");
  if (red == nullptr) return;
  const toml::array* list = red->as_array();
  if (list == nullptr) {
    problems.Add("scoring: 'red_flags' must be a list of item ids");
    return;
  }
  for (const toml::node& entry : *list) {
    const auto id = entry.value<std::string>();
    const auto index = id ? instrument.ItemIndex(*id) : std::nullopt;
    if (!index) {
      problems.Add("scoring: red flag '" + id.value_or("?") + "' is not an item");
      continue;
    }
    Item& item = instrument.items[*index];
    if (item.type != AnswerType::kYesNo && item.type != AnswerType::kYesNoUnknown) {
      problems.AddItem(item.id, "a red flag must be a yes_no or yes_no_unknown question");
      continue;
    }
    item.red_flag = true;
  }
}

void ReadRecommendations(const toml::table& root, Instrument& instrument, Problems& problems) {
  const toml::array* list = root["recommendations"].as_array();
  if (list == nullptr || list->empty()) {
    problems.Add("[[recommendations]] is missing");
    return;
  }
  std::size_t position = 0;
  for (const toml::node& node : *list) {
    ++position;
    const std::string where = "recommendation " + std::to_string(position) + ": ";
    const auto report = [&](std::string problem) { problems.Add(where + problem); };
    const toml::table* entry = node.as_table();
    if (entry == nullptr) {
      report("must be a [[recommendations]] table");
      continue;
    }
    Recommendation r;
    const auto level_code = (*entry)["level"].value<std::string>();
    const auto level = level_code ? ParseLevel(*level_code) : std::nullopt;
    if (!level) {
      report("level '" + level_code.value_or("") +
             "' is not no_concern, possible_concern or clear_concern");
    }
    const auto action_code = (*entry)["action"].value<std::string>();
    const auto action = action_code ? ParseAction(*action_code) : std::nullopt;
    if (!action) report("unknown action '" + action_code.value_or("") + "'");
    auto text = ReadText(entry->get("text"), "text", false, report);
    if (!level || !action || !text) continue;
    r.level = *level;
    r.action = *action;
    r.text = *text;
    instrument.recommendations.push_back(std::move(r));
  }
  for (Level level : {Level::kPossibleConcern, Level::kClearConcern}) {
    if (instrument.RecommendationsFor(level).empty()) {
      problems.Add("no recommendation for level " + std::string(ToString(level)));
    }
  }
}

void ReadSubjectKinds(const toml::table& root, Instrument& instrument, Problems& problems) {
  const toml::array* list = root["subject_kinds"].as_array();
  if (list == nullptr || list->empty()) {
    problems.Add("'subject_kinds' must list at_risk and/or exploits_others");
    return;
  }
  for (const toml::node& node : *list) {
    const auto code = node.value<std::string>();
    const auto kind = code ? ParseSubjectKind(*code) : std::nullopt;
    if (!kind) {
      problems.Add("subject kind '" + code.value_or("") + "' is not at_risk or exploits_others");
      continue;
    }
    if (!instrument.Allows(*kind)) instrument.subject_kinds.push_back(*kind);
  }
}

std::string_view StemOf(std::string_view source) {
  const auto slash = source.find_last_of('/');
  if (slash != std::string_view::npos) source.remove_prefix(slash + 1);
  if (source.ends_with(".toml")) source.remove_suffix(5);
  return source;
}

}  // namespace

base::Result<Instrument> ParseInstrument(std::string_view text, std::string_view source) {
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    return base::Fail(base::ErrorCode::kInvalidInput, std::string(source) + ":" +
                                                          std::to_string(e.source().begin.line) +
                                                          ": " + std::string(e.description()));
  }
  Problems problems(source);
  const auto top = [&](std::string problem) { problems.Add(std::move(problem)); };
  Instrument instrument;
  instrument.source = std::string(source);
  CheckKeys(root, kTopKeys, top);

  const auto id = root["id"].value<std::string>();
  if (!id || !IsCode(*id)) {
    top("'id' must be a code of a-z, 0-9, _ or -");
  } else if (StemOf(source) != *id) {
    top("'id' is '" + *id + "' but the file is named " + std::string(StemOf(source)) + ".toml");
  } else {
    instrument.id = *id;
  }
  const auto version = root["version"].value<std::int64_t>();
  if (!version || *version < 1 || *version > std::numeric_limits<std::int32_t>::max()) {
    top("'version' must be a whole number of at least 1");
  } else {
    instrument.version = static_cast<std::int32_t>(*version);
  }
  const auto audience_code = root["audience"].value<std::string>();
  const auto audience = audience_code ? ParseAudience(*audience_code) : std::nullopt;
  if (!audience) {
    top("audience '" + audience_code.value_or("") +
        "' is not adult, youth, easy_read or professional");
  } else {
    instrument.audience = *audience;
  }
  if (auto title = ReadText(root.get("title"), "title", false, top)) instrument.title = *title;
  if (auto intro = ReadText(root.get("intro"), "intro", false, top)) instrument.intro = *intro;

  const toml::array* items = root["items"].as_array();
  if (items == nullptr || items->empty()) {
    top("[[items]] is missing");
  } else if (items->size() > kMaxItems) {
    top("more than 200 items");
  } else {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < items->size(); ++i) {
      if (auto item = ReadItem(*items->get(i), i, seen, problems)) {
        instrument.items.push_back(std::move(*item));
      }
    }
  }
  ReadScoring(root, instrument, problems);
  ReadRecommendations(root, instrument, problems);
  ReadSubjectKinds(root, instrument, problems);
  if (!problems.empty()) return base::Fail(base::ErrorCode::kInvalidInput, problems.Joined());
  return instrument;
}

}  // namespace fyren::screening
