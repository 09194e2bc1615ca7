#include "render/compiled_template.h"

#include <utility>

#include "render/template_source.h"
#include "render/trusted_html.h"
#include "render/view_value.h"

namespace fyren::render {
namespace {

using Kind = View::Value::Kind;

constexpr std::size_t kMaxNesting = 64;

std::unexpected<base::Error> Invalid(std::string_view template_name, std::string_view what,
                                     std::size_t offset) {
  return base::Fail(base::ErrorCode::kInvalidInput, "template " + std::string(template_name) +
                                                        ": " + std::string(what) + " at offset " +
                                                        std::to_string(offset));
}

// The tags that may stand alone on a line (which then leaves no trace in the output).
bool MayStandAlone(char sigil) {
  return sigil == '#' || sigil == '^' || sigil == '/' || sigil == '!';
}

}  // namespace

class CompiledTemplate::Renderer {
 public:
  Renderer(const std::vector<Node>& nodes, const CatalogSlots& catalog, std::string& out)
      : nodes_(nodes), catalog_(catalog), out_(out) {
    stack_.reserve(8);
  }

  void Push(const View* view, const View::Value* scalar) { stack_.push_back({view, scalar}); }

  void Run(std::size_t begin, std::size_t end) {
    std::size_t i = begin;
    while (i < end) {
      const Node& node = nodes_[i];
      switch (node.kind) {
        case Node::Kind::kText:
          out_.append(node.text);
          break;
        case Node::Kind::kCatalog:
          if (const auto& text = catalog_[node.slot]) out_.append(*text);
          break;
        case Node::Kind::kEscaped:
        case Node::Kind::kRaw:
          Write(node);
          break;
        case Node::Kind::kSection:
          Section(node, i + 1);
          i = node.end;
          continue;
        case Node::Kind::kInverted:
          if (!Present(node)) Run(i + 1, node.end);
          i = node.end;
          continue;
      }
      ++i;
    }
  }

 private:
  struct Frame {
    const View* view;           // an object: names resolve in it
    const View::Value* scalar;  // a text or flag section: only `.` reads it
  };

  const View::Value* Resolve(const std::vector<Name>& path) const {
    if (path.empty()) return stack_.back().scalar;
    const View::Value* value = nullptr;
    for (auto frame = stack_.rbegin(); frame != stack_.rend() && value == nullptr; ++frame) {
      if (frame->view != nullptr) value = frame->view->Find(path.front().part, path.front().hash);
    }
    for (std::size_t i = 1; i < path.size() && value != nullptr; ++i) {
      value =
          value->kind == Kind::kChild ? value->child().Find(path[i].part, path[i].hash) : nullptr;
    }
    return value;
  }

  void Write(const Node& node) {
    const View::Value* value = Resolve(node.path);
    if (value == nullptr) return;
    if (value->kind == Kind::kHtml && node.kind == Node::Kind::kRaw) {
      out_.append(value->text);
    } else if (value->kind == Kind::kText || value->kind == Kind::kHtml) {
      // A plain text under a trusted_html_ tag is escaped all the same: only SetHtml, which
      // takes a TrustedHtml, can put markup on a page.
      AppendEscapedHtml(out_, value->text);
    }
  }

  bool Present(const Node& node) const {
    if (node.catalog) return catalog_[node.slot].has_value();
    const View::Value* value = Resolve(node.path);
    return value != nullptr && value->Truthy();
  }

  void Section(const Node& node, std::size_t first) {
    if (node.catalog) {
      if (catalog_[node.slot]) Run(first, node.end);
      return;
    }
    const View::Value* value = Resolve(node.path);
    if (value == nullptr || !value->Truthy()) return;
    if (value->kind == Kind::kList) {
      for (const View& item : value->items) {
        Push(&item, nullptr);
        Run(first, node.end);
        stack_.pop_back();
      }
      return;
    }
    if (value->kind == Kind::kChild) {
      Push(&value->child(), nullptr);
    } else {
      Push(nullptr, value);
    }
    Run(first, node.end);
    stack_.pop_back();
  }

  const std::vector<Node>& nodes_;
  const CatalogSlots& catalog_;
  std::string& out_;
  std::vector<Frame> stack_;
};

base::Result<CompiledTemplate> CompiledTemplate::Parse(std::string_view name, std::string_view text,
                                                       const SlotOf& slot_of) {
  auto tags = ScanTags(name, text);
  if (!tags) return std::unexpected(tags.error());
  CompiledTemplate compiled;
  auto& nodes = compiled.nodes_;
  // Whether the last node is text that nothing has ended since (a comment or a standalone line
  // between two runs of text joins them; a section's end does not).
  bool text_continues = false;
  const auto add_text = [&](std::string_view literal) {
    if (literal.empty()) return;
    compiled.literal_size_ += literal.size();
    if (text_continues) {
      nodes.back().text.append(literal);
    } else {
      Node node;
      node.text = std::string(literal);
      nodes.push_back(std::move(node));
    }
    text_continues = true;
  };
  struct OpenSection {
    std::size_t node;
    std::string_view name;  // the name that must close it
    std::size_t offset;
  };
  std::vector<OpenSection> open;
  std::size_t copied = 0;
  for (const TemplateTag& tag : *tags) {
    std::size_t literal_end = tag.begin;
    std::size_t resume = tag.end;
    if (MayStandAlone(tag.sigil)) {
      // Only blanks between the line's start and the tag, and between the tag and the line's
      // end. Both scans stop at the first other character, so a long line of tags costs no more
      // than a short one.
      const std::string_view before = text.substr(copied, tag.begin - copied);
      const std::size_t blank_from = before.find_last_not_of(" \t\r");
      const bool line_starts_blank = blank_from == std::string_view::npos
                                         ? copied == 0 || text[copied - 1] == '\n'
                                         : before[blank_from] == '\n';
      const std::size_t after = text.find_first_not_of(" \t\r", tag.end);
      const bool line_ends_blank = after == std::string_view::npos || text[after] == '\n';
      if (line_starts_blank && line_ends_blank) {
        literal_end = blank_from == std::string_view::npos ? copied : copied + blank_from + 1;
        resume = after == std::string_view::npos ? text.size() : after + 1;
      }
    }
    add_text(text.substr(copied, literal_end - copied));
    copied = resume;
    if (tag.sigil != '!') text_continues = false;

    if (tag.sigil == '!') continue;
    if (tag.sigil == '>') return Invalid(name, "a partial left unexpanded", tag.begin);
    if (tag.sigil == '=') return Invalid(name, "a set-delimiter tag", tag.begin);
    if (tag.name.empty()) return Invalid(name, "an empty tag", tag.begin);
    if (tag.sigil == '/') {
      if (open.empty()) return Invalid(name, "{{/" + tag.name + "}} closes nothing", tag.begin);
      if (open.back().name != tag.name) {
        return Invalid(name,
                       "{{/" + tag.name + "}} closes {{#" + std::string(open.back().name) + "}}",
                       tag.begin);
      }
      nodes[open.back().node].end = static_cast<std::uint32_t>(nodes.size());
      open.pop_back();
      continue;
    }

    Node node;
    const std::string_view tag_name(tag.name);
    if (tag_name.starts_with("t.") && tag.sigil != '{' && tag.sigil != '&') {
      if (tag_name.size() == 2) return Invalid(name, "an empty catalog key", tag.begin);
      node.catalog = true;
      node.slot = slot_of(tag_name.substr(2));
    } else if (tag_name != ".") {
      std::size_t from = 0;
      while (true) {
        const std::size_t dot = tag_name.find('.', from);
        const std::string_view part = tag_name.substr(from, dot - from);
        if (part.empty()) return Invalid(name, "an empty part in \"" + tag.name + "\"", tag.begin);
        node.path.push_back(Name{.part = std::string(part), .hash = KeyHash(part)});
        if (dot == std::string_view::npos) break;
        from = dot + 1;
      }
    }
    switch (tag.sigil) {
      case '#':
      case '^':
        node.kind = tag.sigil == '#' ? Node::Kind::kSection : Node::Kind::kInverted;
        // Rendering recurses once per open section; a bound keeps a broken template from
        // exhausting the stack (ours nest four deep).
        if (open.size() >= kMaxNesting) {
          return Invalid(name, "sections nested deeper than " + std::to_string(kMaxNesting),
                         tag.begin);
        }
        open.push_back({.node = nodes.size(), .name = tag_name, .offset = tag.begin});
        break;
      case '{':
      case '&':
        node.kind = Node::Kind::kRaw;
        break;
      default:
        node.kind = node.catalog ? Node::Kind::kCatalog : Node::Kind::kEscaped;
    }
    nodes.push_back(std::move(node));
  }
  add_text(text.substr(copied));
  if (!open.empty()) {
    return Invalid(name, "{{#" + std::string(open.back().name) + "}} is never closed",
                   open.back().offset);
  }
  return compiled;
}

void CompiledTemplate::Render(const View& page, const View* shared, const CatalogSlots& catalog,
                              std::string& out) const {
  Renderer renderer(nodes_, catalog, out);
  if (shared != nullptr) renderer.Push(shared, nullptr);
  renderer.Push(&page, nullptr);
  renderer.Run(0, nodes_.size());
}

}  // namespace fyren::render
