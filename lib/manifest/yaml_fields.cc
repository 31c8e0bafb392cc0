#include "manifest/yaml_fields.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <vector>

#include "base/strings.h"
#include "manifest/limits.h"

namespace dpo::manifest {

Location YamlSource::at(const YAML::Node& node) const {
  YAML::Mark mark = node.Mark();
  if (mark.is_null()) return Location{file_, 0, 0};
  return Location{file_, mark.line + 1, mark.column + 1};
}

void YamlSource::error(const YAML::Node& node, std::string message, std::string hint) const {
  diagnostics_.add(at(node), std::move(message), std::move(hint));
}

void YamlSource::error(Location where, std::string message, std::string hint) const {
  diagnostics_.add(std::move(where), std::move(message), std::move(hint));
}

void YamlSource::warn(const YAML::Node& node, std::string message, std::string hint) const {
  if (warnings_) warnings_->add(at(node), std::move(message), std::move(hint));
}

namespace {

const char* kind_of(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Scalar: return "a single value";
    default: return "nothing";
  }
}

}  // namespace

Fields::Fields(const YamlSource& source, const YAML::Node& node, std::string context,
               std::initializer_list<std::string_view> keys)
    : source_(source), node_(node), context_(std::move(context)) {
  if (!node.IsMap()) {
    source_.error(node, "expected a mapping for " + context_ + ", found " + kind_of(node));
    return;
  }
  is_map_ = true;
  std::vector<std::string_view> allowed(keys);
  std::set<std::string> seen;
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (!it->first.IsScalar()) {
      source_.error(it->first, "expected a plain key in " + context_);
      continue;
    }
    std::string key = it->first.Scalar();
    if (!seen.insert(key).second) {
      source_.error(it->first, "duplicate key" + quoted_id(key) + " in " + context_);
      continue;
    }
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string hint = did_you_mean(key, allowed);
      if (hint.empty()) hint = "expected one of " + join_views(allowed);
      source_.error(it->first, "unknown key" + quoted_id(key) + " in " + context_, hint);
    }
  }
}

YAML::Node Fields::get(std::string_view key) const {
  if (!is_map_) return YAML::Node(YAML::NodeType::Undefined);
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == key) {
      if (it->second.IsNull()) return YAML::Node(YAML::NodeType::Undefined);
      return it->second;
    }
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

Location Fields::where(std::string_view key) const {
  YAML::Node value = get(key);
  return source_.at(value ? value : node_);
}

std::string Fields::scalar_text(const YAML::Node& node, std::string_view key) const {
  if (!node.IsScalar()) {
    source_.error(node, "expected a single value for '" + std::string(key) + "' in " + context_ + ", found " +
                            kind_of(node));
    return {};
  }
  // An escape in a quoted scalar ("\e", "\0") can still make a control character.
  if (TextFault fault = text_fault(node.Scalar())) {
    source_.error(node, std::string(fault.what) + " in '" + std::string(key) + "' in " + context_,
                  "write the text itself, without escapes for control characters");
    return {};
  }
  return node.Scalar();
}

std::string Fields::text(std::string_view key, Need need) const {
  YAML::Node value = get(key);
  if (!value) {
    if (need == Need::required && is_map_)
      source_.error(node_, "missing '" + std::string(key) + "' in " + context_);
    return {};
  }
  std::string out = scalar_text(value, key);
  if (out.empty() && need == Need::required && value.IsScalar())
    source_.error(value, "empty '" + std::string(key) + "' in " + context_);
  return out;
}

bool Fields::flag(std::string_view key, bool fallback) const {
  YAML::Node value = get(key);
  if (!value) return fallback;
  std::string v = scalar_text(value, key);
  if (v == "true") return true;
  if (v == "false") return false;
  if (!v.empty()) source_.error(value, "expected true or false for '" + std::string(key) + "' in " + context_);
  return fallback;
}

std::optional<int> Fields::integer(std::string_view key, Need need) const {
  std::string v = text(key, need);
  if (v.empty()) return std::nullopt;
  std::size_t used = 0;
  try {
    int n = std::stoi(v, &used);
    if (used == v.size()) return n;
  } catch (const std::exception&) {
  }
  source_.error(get(key), "expected a whole number for '" + std::string(key) + "' in " + context_);
  return std::nullopt;
}

std::optional<Date> Fields::date(std::string_view key, Need need) const {
  std::string v = text(key, need);
  if (v.empty()) return std::nullopt;
  Parsed<Date> d = parse_date(v);
  if (!d) {
    source_.error(get(key), "bad date" + quoted_id(v) + " for '" + std::string(key) + "' in " + context_, d.error());
    return std::nullopt;
  }
  return *d;
}

std::optional<Instant> Fields::instant(std::string_view key, const Zone& zone, Need need) const {
  std::string v = text(key, need);
  if (v.empty()) return std::nullopt;
  Parsed<Instant> t = parse_instant(v, zone);
  if (!t) {
    source_.error(get(key), "bad time" + quoted_id(v) + " for '" + std::string(key) + "' in " + context_, t.error());
    return std::nullopt;
  }
  return *t;
}

std::optional<Duration> Fields::duration(std::string_view key, Need need) const {
  std::string v = text(key, need);
  if (v.empty()) return std::nullopt;
  Parsed<Duration> d = Duration::parse(v);
  if (!d) {
    source_.error(get(key), "bad duration" + quoted_id(v) + " for '" + std::string(key) + "' in " + context_, d.error());
    return std::nullopt;
  }
  return *d;
}

std::vector<YAML::Node> Fields::list_of(std::string_view key, const YAML::Node& list) const {
  std::vector<YAML::Node> out;
  if (list.IsSequence()) {
    for (const YAML::Node& item : list) out.push_back(item);
  } else {
    source_.error(list, "expected a list for '" + std::string(key) + "' in " + context_ + ", found " + kind_of(list));
  }
  return out;
}

void Fields::blank_item(const YAML::Node& item, std::string_view key) const {
  source_.error(item, "blank item in '" + std::string(key) + "' in " + context_, "remove it, or write the value");
}

void Fields::twice(const YAML::Node& item, std::string_view key, const std::string& value) const {
  source_.error(item, "'" + value + "' listed twice in '" + std::string(key) + "' in " + context_, "keep one");
}

std::vector<std::string> Fields::texts(std::string_view key, Need need) const {
  std::vector<std::string> out;
  YAML::Node list = get(key);
  if (!list) {
    if (need == Need::required && is_map_)
      source_.error(node_, "missing '" + std::string(key) + "' in " + context_);
    return out;
  }
  for (const YAML::Node& item : list_of(key, list)) {
    std::string v = scalar_text(item, key);
    if (!v.empty()) out.push_back(std::move(v));
  }
  return out;
}

std::vector<YAML::Node> Fields::items(std::string_view key, Need need) const {
  YAML::Node list = get(key);
  if (!list) {
    if (need == Need::required && is_map_)
      source_.error(node_, "missing '" + std::string(key) + "' in " + context_);
    return {};
  }
  if (!list.IsSequence()) {
    source_.error(list, "expected a list for '" + std::string(key) + "' in " + context_ + ", found " + kind_of(list));
    return {};
  }
  std::vector<YAML::Node> out;
  for (const YAML::Node& item : list) out.push_back(item);
  return out;
}

std::string Fields::join_views(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) out += ", ";
    out += names[i];
  }
  return out;
}

namespace {

/// Line and column (in characters) of byte `at` of `text`, from 1.
Location place(std::string_view text, std::size_t at, const std::string& file) {
  std::size_t start = text.rfind('\n', at == 0 ? 0 : at - 1);
  start = start == std::string_view::npos || at == 0 ? 0 : start + 1;
  auto line = static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(start), '\n')) + 1;
  int column = 1;
  for (std::size_t i = start; i < at; ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  return Location{file, line, column};
}

/// Refuses what YAML would take but no dpokit file needs: bytes that are not
/// UTF-8, control characters, lines past kMaxLineBytes.
bool plain_text(std::string_view text, const YamlSource& source) {
  if (TextFault fault = text_fault(text)) {
    source.error(place(text, fault.at, source.file()), std::string(fault.what),
                 "save the file as UTF-8 text; no entry needs one");
    return false;
  }
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (end - start > kMaxLineBytes) {
      source.error(place(text, start, source.file()), std::string("line longer than ") + kMaxLineText,
                   "no entry needs this much");
      return false;
    }
    start = end + 1;
  }
  return true;
}

// Whether the quoted scalar starting at `at` ends before the end of the text.
bool closed_quote(std::string_view text, std::size_t at) {
  char quote = text[at];
  for (std::size_t i = at + 1; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') {
      ++i;
    } else if (text[i] == quote) {
      if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;  // '' is a quote inside single quotes
        continue;
      }
      return true;
    }
  }
  return false;
}

// The first quoted scalar whose closing quote is missing: yaml-cpp reads such
// a value to the end of the file, swallowing every key after it. Each node
// is looked at once, by its place in the text: an alias repeats a node, and
// a file of aliases of aliases would otherwise take forever.
std::optional<YAML::Mark> unclosed_quote(const YAML::Node& node, std::string_view text, std::set<int>& seen) {
  YAML::Mark m = node.Mark();
  if (!seen.insert(m.pos).second) return std::nullopt;
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      if (m.pos >= 0 && static_cast<std::size_t>(m.pos) < text.size() &&
          (text[static_cast<std::size_t>(m.pos)] == '"' || text[static_cast<std::size_t>(m.pos)] == '\'') &&
          !closed_quote(text, static_cast<std::size_t>(m.pos)))
        return m;
      return std::nullopt;
    case YAML::NodeType::Sequence:
      for (const YAML::Node& item : node)
        if (auto found = unclosed_quote(item, text, seen)) return found;
      return std::nullopt;
    case YAML::NodeType::Map:
      for (const auto& entry : node) {
        if (auto found = unclosed_quote(entry.first, text, seen)) return found;
        if (auto found = unclosed_quote(entry.second, text, seen)) return found;
      }
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

// What a document holds once its aliases are expanded, in bytes of scalar
// text (and one per node), saturating past kMaxExpandedBytes. Each node's size
// is computed once, by its place in the text, so aliases of aliases cost no
// more time than the text they are written in; a node that holds itself
// (`&s [a, *s]`) expands for ever.
constexpr std::size_t kTooMuch = kMaxExpandedBytes + 1;

// A node by its place and type: a block mapping and its first key start at
// the same place.
using NodeId = std::pair<int, int>;
NodeId id_of(const YAML::Node& node) { return {node.Mark().pos, static_cast<int>(node.Type())}; }

std::size_t expanded_size(const YAML::Node& node, std::map<NodeId, std::size_t>& sizes) {
  NodeId id = id_of(node);
  if (auto it = sizes.find(id); it != sizes.end()) return it->second;
  sizes[id] = kTooMuch;  // while its children are counted: a cycle is too much
  std::size_t size = 1;
  auto add = [&](std::size_t n) { size = std::min(kTooMuch, size + n); };
  switch (node.Type()) {
    case YAML::NodeType::Scalar: add(node.Scalar().size()); break;
    case YAML::NodeType::Sequence:
      for (const YAML::Node& item : node) add(expanded_size(item, sizes));
      break;
    case YAML::NodeType::Map:
      for (const auto& entry : node) {
        add(expanded_size(entry.first, sizes));
        add(expanded_size(entry.second, sizes));
      }
      break;
    default: break;
  }
  sizes[id] = size;
  return size;
}

// The innermost node that expands past the limit: where to point the reader.
YAML::Mark crossing(const YAML::Node& node, std::map<NodeId, std::size_t>& sizes, std::set<NodeId>& seen) {
  if (!seen.insert(id_of(node)).second) return node.Mark();
  auto over = [&](const YAML::Node& n) { return expanded_size(n, sizes) > kMaxExpandedBytes; };
  if (node.IsSequence()) {
    for (const YAML::Node& item : node)
      if (over(item)) return crossing(item, sizes, seen);
  } else if (node.IsMap()) {
    for (const auto& entry : node) {
      if (over(entry.first)) return crossing(entry.first, sizes, seen);
      if (over(entry.second)) return crossing(entry.second, sizes, seen);
    }
  }
  return node.Mark();
}

// Where a second document starts, if the text holds one. yaml-cpp 0.7's
// LoadAll builds nodes for ever on some malformed tails (`- a\n, b`), so the
// second document is never built: its first event stops the parser.
class SecondDocument : public YAML::EventHandler {
 public:
  struct Found {
    YAML::Mark mark;
  };
  void OnDocumentStart(const YAML::Mark& mark) override {
    if (stop_) throw Found{mark};
  }
  void OnDocumentEnd() override { stop_ = true; }
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

 private:
  bool stop_ = false;
};

std::optional<YAML::Mark> second_document(const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  SecondDocument handler;
  try {
    if (parser.HandleNextDocument(handler)) parser.HandleNextDocument(handler);
  } catch (const SecondDocument::Found& found) {
    return found.mark;
  }
  return std::nullopt;
}

}  // namespace

YAML::Node parse_yaml(std::string_view text, const YamlSource& source) {
  if (!plain_text(text, source)) return YAML::Node(YAML::NodeType::Undefined);
  try {
    std::string owned(text);
    YAML::Node root = YAML::Load(owned);
    if (std::optional<YAML::Mark> m = second_document(owned)) {
      source.error(Location{source.file(), std::max(m->line, 0) + 1, std::max(m->column, 0) + 1},
                   "bad YAML: a second document",
                   "one file holds one document: indent this line under its entry, or remove it and what follows");
      return YAML::Node(YAML::NodeType::Undefined);
    }
    std::map<NodeId, std::size_t> sizes;
    if (expanded_size(root, sizes) > kMaxExpandedBytes) {
      std::set<NodeId> visited;
      YAML::Mark m = crossing(root, sizes, visited);
      source.error(Location{source.file(), std::max(m.line, 0) + 1, std::max(m.column, 0) + 1},
                   "bad YAML: its aliases expand it past " + std::to_string(kMaxExpandedBytes >> 20) + " MiB",
                   "write values out instead of repeating them through aliases");
      return YAML::Node(YAML::NodeType::Undefined);
    }
    std::set<int> seen;
    if (std::optional<YAML::Mark> m = unclosed_quote(root, text, seen)) {
      source.error(Location{source.file(), m->line + 1, m->column + 1}, "bad YAML: a quote that is never closed",
                   "end the value with the quote it starts with");
      return YAML::Node(YAML::NodeType::Undefined);
    }
    return root;
  } catch (const YAML::DeepRecursion& e) {
    source.error(Location{source.file(), e.mark.line + 1, e.mark.column + 1},
                 "bad YAML: nested " + std::to_string(e.depth()) + " levels deep", "no entry needs more than a few");
    return YAML::Node(YAML::NodeType::Undefined);
  } catch (const YAML::ParserException& e) {
    source.error(Location{source.file(), e.mark.line + 1, e.mark.column + 1}, "bad YAML: " + e.msg);
    return YAML::Node(YAML::NodeType::Undefined);
  }
}

}  // namespace dpo::manifest
