#include "manifest/receipt_file.h"

#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <span>
#include <string_view>
#include <vector>

#include "base/names.h"
#include "base/strings.h"
#include "manifest/records.h"
#include "model/consent.h"

namespace dpo::manifest {

namespace {

using simdjson::dom::element;
using simdjson::dom::object;

// A file of receipts is read whole; a larger one is to split.
constexpr std::size_t kMaxBytes = std::size_t{256} << 20;

// The terms whose meaning the import relies on: a record whose context maps
// one elsewhere says something else with the same keys.
constexpr std::string_view kTermsRead[] = {
    "dpv",
    "dct",
    "xsd",
    "dpokit",
    "subject",
    "key",
    "events",
    "id",
    "purpose",
    "action",
    "at",
    "channel",
    "notice",
    "version",
    "sha256",
    "evidence",
    "recorded_by",
    "scope",
    "formats",
    "channels",
    "duration",
    "parental",
    "name",
    // Not read, but checked or kept as the record says them: a record that
    // gives them another meaning says something else.
    "consent_status",
    "seq",
    "hash",
    "prev",
};
constexpr std::string_view kEventKeys[] = {"id",    "seq",     "purpose", "action",   "consent_status",
                                           "at",    "channel", "notice",  "evidence", "recorded_by",
                                           "scope", "hash",    "prev"};
constexpr std::string_view kNoticeKeys[] = {"version", "sha256"};
constexpr std::string_view kScopeKeys[] = {"formats", "channels", "duration", "parental"};
constexpr std::string_view kParentKeys[] = {"name", "evidence"};

// A term's definition, compared as what it means: its IRI and its type.
std::string meaning(element definition) {
  std::string_view text;
  if (definition.get(text) == simdjson::SUCCESS) return std::string(text) + "|";  // as {"@id": text}
  std::string_view id, type;
  object o;
  if (definition.get(o) != simdjson::SUCCESS) return "?";
  if (o["@id"].get(id) != simdjson::SUCCESS) id = "?";
  if (o["@type"].get(type) != simdjson::SUCCESS) type = "";
  return std::string(id) + "|" + std::string(type);
}

// Where JSON text stops being JSON: simdjson does not say; the slower
// parser does, on this rare path.
std::string not_json(simdjson::error_code code) {
  std::string why = simdjson::error_message(code);
  while (!why.empty() && (why.back() == '.' || why.back() == ' ')) why.pop_back();
  if (!why.empty()) why[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(why[0])));
  return "not valid JSON: " + why;
}

// The offset in `text` where it stops being JSON.
std::size_t broken_at(std::string_view text) {
  std::size_t position = json_error_position(text);
  return position > 0 ? position - 1 : 0;
}

}  // namespace

struct ReceiptFile::Impl {
  std::string name;
  Diagnostics& d;
  simdjson::padded_string text;
  std::vector<std::size_t> line_starts{0};
  simdjson::dom::parser context_parser, parser;
  object ours;         ///< dpokit's own context
  bool lines = false;  ///< JSON Lines: one record a line
  std::size_t next_line = 0;
  // The record being read: its text and its events.
  std::size_t begin = 0, end = 0;
  std::string subject;
  std::string record_anchor;  ///< the record's @id: its top-level keys are after it, past the @context
  std::vector<element> events;
  std::size_t event = 0;
  bool done = false;

  Impl(const std::filesystem::path& path, Diagnostics& diagnostics) : d(diagnostics) {
    Input input(path);
    name = input.name();
    // Read whole, standard input too, up to the limit.
    std::string content;
    std::vector<char> chunk(std::size_t{1} << 16);
    while (input.stream() && content.size() <= kMaxBytes) {
      input.stream().read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
      content.append(chunk.data(), static_cast<std::size_t>(input.stream().gcount()));
    }
    if (content.size() > kMaxBytes) {
      d.add(Location{name, 1, 1}, "larger than 256 MiB, more than one import reads",
            "split it into several files and import each");
      done = true;
      return;
    }
    text = simdjson::padded_string(content);
    for (std::size_t i = 0; i < content.size(); ++i)
      if (content[i] == '\n') line_starts.push_back(i + 1);
    if (context_parser.parse(model::receipt_context_json()).get(ours) != simdjson::SUCCESS) done = true;
    // JSON Lines when the first line that is not blank is a whole object.
    std::string_view all(text.data(), text.size());
    for (std::size_t at = 0; at < all.size();) {
      std::size_t nl = all.find('\n', at);
      std::string_view line = all.substr(at, nl == std::string_view::npos ? std::string_view::npos : nl - at);
      if (!trim(line).empty()) {
        element e;
        lines = parser.parse(line.data(), line.size()).get(e) == simdjson::SUCCESS && e.is_object();
        break;
      }
      if (nl == std::string_view::npos) break;
      at = nl + 1;
    }
  }

  Location at_offset(std::size_t offset) const {
    auto line = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
    std::size_t start = *(line - 1);
    return Location{name, static_cast<int>(line - line_starts.begin()), static_cast<int>(offset - start) + 1};
  }

  // Where `key` is written in the record, at or after `anchor` (an event's
  // id) when given; the record's start when it cannot be found.
  Location where(std::string_view key, std::string_view anchor = {}) const { return where_in(begin, end, key, anchor); }

  Location where_in(std::size_t b, std::size_t e, std::string_view key, std::string_view anchor) const {
    std::string_view record(text.data() + b, e - b);
    std::size_t from = 0;
    if (!anchor.empty()) {
      std::size_t a = record.find("\"" + std::string(anchor) + "\"");
      if (a != std::string_view::npos) from = a;
    }
    std::size_t k = key.empty() ? from : record.find("\"" + std::string(key) + "\"", from);
    if (k == std::string_view::npos) k = from;
    return at_offset(b + k);
  }

  void error(const Location& l, std::string message, std::string hint = {}) {
    d.add(l, std::move(message), std::move(hint));
  }

  void unknown_keys(object o, std::span<const std::string_view> allowed, const std::string& path,
                    std::string_view anchor) {
    for (auto field : o) {
      if (std::find(allowed.begin(), allowed.end(), field.key) != allowed.end()) continue;
      // Not named: a key may be anything, personal data included.
      std::string in = path.empty() ? "" : " (in '" + path.substr(0, path.size() - 1) + "')";
      error(where(field.key, anchor), "unknown key in a receipt's event" + in,
            "the import would have no place for it; a receipt written by 'dpo consent receipt' has none");
    }
  }

  std::string string_of(object o, std::string_view key, const std::string& path, std::string_view anchor) {
    element v;
    if (o[key].get(v) != simdjson::SUCCESS || v.is_null()) return "";
    std::string_view s;
    if (v.get(s) == simdjson::SUCCESS) return std::string(s);
    error(where(key, anchor), "'" + path + std::string(key) + "' is not a string");
    return "";
  }

  std::vector<std::string> strings_of(object o, std::string_view key, const std::string& path,
                                      std::string_view anchor) {
    std::vector<std::string> out;
    element v;
    if (o[key].get(v) != simdjson::SUCCESS || v.is_null()) return out;
    simdjson::dom::array list;
    if (v.get(list) == simdjson::SUCCESS) {
      for (element item : list) {
        std::string_view s;
        if (item.get(s) == simdjson::SUCCESS)
          out.emplace_back(s);
        else
          error(where(key, anchor), "'" + path + std::string(key) + "' holds something other than strings");
      }
      return out;
    }
    error(where(key, anchor), "'" + path + std::string(key) + "' is not a list of strings");
    return out;
  }

  std::optional<object> object_of(object o, std::string_view key, const std::string& path, std::string_view anchor) {
    element v;
    if (o[key].get(v) != simdjson::SUCCESS || v.is_null()) return std::nullopt;
    object inner;
    if (v.get(inner) == simdjson::SUCCESS) return inner;
    error(where(key, anchor), "'" + path + std::string(key) + "' is not an object");
    return std::nullopt;
  }

  // Whether no object of the record holds a key twice: JSON readers differ
  // on which one counts (simdjson the first, most the last), so a record
  // that does could say one thing to dpokit and another to everyone else.
  // A key is named only when it is one of the receipt's terms.
  bool unique_keys(element e, std::string_view anchor) {
    bool ok = true;
    object o;
    simdjson::dom::array list;
    if (e.get(o) == simdjson::SUCCESS) {
      std::vector<std::string_view> seen;
      for (auto field : o) {
        if (std::find(seen.begin(), seen.end(), field.key) != seen.end()) {
          element term;
          bool known = field.key.starts_with("@") || ours[field.key].get(term) == simdjson::SUCCESS;
          error(second(field.key, anchor), known ? "duplicate key '" + std::string(field.key) + "'" : "duplicate key",
                "keep one: JSON readers differ on which of the two counts");
          ok = false;
        }
        seen.push_back(field.key);
        ok = unique_keys(field.value, anchor) && ok;
      }
    } else if (e.get(list) == simdjson::SUCCESS) {
      for (element item : list) {
        // Inside an event, places are found past its id.
        object event;
        std::string_view id;
        bool has_id = item.get(event) == simdjson::SUCCESS && event["id"].get(id) == simdjson::SUCCESS;
        ok = unique_keys(item, has_id ? id : anchor) && ok;
      }
    }
    return ok;
  }

  // Where `key` is written a second time past `anchor`.
  Location second(std::string_view key, std::string_view anchor) const {
    std::string_view record(text.data() + begin, end - begin);
    std::size_t from = anchor.empty() ? 0 : record.find("\"" + std::string(anchor) + "\"");
    if (from == std::string_view::npos) from = 0;
    std::string quoted = "\"" + std::string(key) + "\"";
    std::size_t first = record.find(quoted, from);
    std::size_t again = first == std::string_view::npos ? first : record.find(quoted, first + 1);
    return at_offset(begin + (again == std::string_view::npos ? from : again));
  }

  // The record's own checks: its format, its context, its subject. False
  // (reported) when its events cannot be read with dpokit's meaning.
  bool open(element record) {
    object r;
    if (record.get(r) != simdjson::SUCCESS) {
      error(where(""), "a receipt is a JSON object", "one record, or JSON Lines with one a line");
      return false;
    }
    if (!unique_keys(record, {})) return false;
    std::string_view id;
    record_anchor = r["@id"].get(id) == simdjson::SUCCESS ? std::string(id) : "";
    std::string_view format;
    if (r["format"].get(format) != simdjson::SUCCESS || format != model::kReceiptFormat) {
      error(where("format", record_anchor), "not a record in the format '" + std::string(model::kReceiptFormat) + "'",
            "import records as 'dpo consent receipt' writes them");
      return false;
    }
    object theirs;
    if (r["@context"].get(theirs) != simdjson::SUCCESS) {
      error(where("@context"), "the record has no inline '@context'",
            "import records as 'dpo consent receipt' writes them");
      return false;
    }
    bool same = true;
    for (std::string_view term : kTermsRead) {
      element mine, other;
      if (ours[term].get(mine) != simdjson::SUCCESS) continue;
      if (theirs[term].get(other) == simdjson::SUCCESS && meaning(mine) == meaning(other)) continue;
      error(where("@context"), "the record's '@context' does not map '" + std::string(term) + "' as dpokit does",
            "its events would not mean what the ledger records; import records as 'dpo consent receipt' "
            "writes them");
      same = false;
    }
    if (!same) return false;
    std::optional<object> who = object_of(r, "subject", "", {});
    subject = who ? string_of(*who, "key", "subject.", {}) : "";
    if (subject.empty()) {
      error(where("subject", record_anchor), "the record names no subject ('subject.key')");
      return false;
    }
    simdjson::dom::array list;
    if (r["events"].get(list) != simdjson::SUCCESS) {
      error(where("events", record_anchor), "the record has no list of 'events'");
      return false;
    }
    events.assign(list.begin(), list.end());
    event = 0;
    return true;
  }

  // Moves to the next record with events; false at the end of the file.
  bool advance() {
    while (!done) {
      events.clear();
      element record;
      if (!lines) {
        done = true;
        begin = 0;
        end = text.size();
        if (simdjson::error_code code = parser.parse(text).get(record); code != simdjson::SUCCESS) {
          error(at_offset(std::min(broken_at(std::string_view(text.data(), text.size())), text.size())), not_json(code),
                "one record, or JSON Lines with one a line");
          return false;
        }
      } else {
        if (next_line >= line_starts.size()) {
          done = true;
          return false;
        }
        begin = line_starts[next_line];
        end = next_line + 1 < line_starts.size() ? line_starts[next_line + 1] : text.size();
        ++next_line;
        std::string_view line(text.data() + begin, end - begin);
        if (trim(line).empty()) continue;
        if (simdjson::error_code code = parser.parse(line.data(), line.size()).get(record); code != simdjson::SUCCESS) {
          error(at_offset(begin + std::min(broken_at(line), line.size())), not_json(code),
                "JSON Lines: one record a line");
          continue;
        }
      }
      if (open(record) && !events.empty()) return true;
    }
    return false;
  }

  // The fields of the current event; false when it is not an object.
  bool read(ReceiptEventFields& out) {
    element e = events[event++];
    object o;
    if (e.get(o) != simdjson::SUCCESS) {
      error(where("events", record_anchor), "an event of the record is not an object");
      return false;
    }
    std::string id = string_of(o, "id", "", {});
    std::string_view anchor = id;  // problems point past the event's id, into the event
    unknown_keys(o, kEventKeys, "", anchor);
    ConsentFields& f = out.fields;
    f = ConsentFields{};
    f.subject = subject;
    f.purpose = string_of(o, "purpose", "", anchor);
    f.action = string_of(o, "action", "", anchor);
    // The status the record states must be the one its action leaves: a
    // JSON-LD reader takes the first, the ledger the second.
    std::string status = string_of(o, "consent_status", "", anchor);
    std::optional<model::ConsentAction> action = from_name(model::consent_actions(), f.action);
    if (!status.empty() && action && status != model::dpv_term(*action))
      error(where("consent_status", anchor), "'consent_status' does not agree with 'action'",
            "the status an event leaves is " + std::string(model::dpv_term(*action)) + " for '" + f.action + "'");
    f.at = string_of(o, "at", "", anchor);
    f.channel = string_of(o, "channel", "", anchor);
    f.evidence = string_of(o, "evidence", "", anchor);
    f.recorded_by = string_of(o, "recorded_by", "", anchor);
    if (std::optional<object> notice = object_of(o, "notice", "", anchor)) {
      unknown_keys(*notice, kNoticeKeys, "notice.", anchor);
      f.notice_version = string_of(*notice, "version", "notice.", anchor);
      f.notice_sha256 = string_of(*notice, "sha256", "notice.", anchor);
    }
    if (std::optional<object> scope = object_of(o, "scope", "", anchor)) {
      unknown_keys(*scope, kScopeKeys, "scope.", anchor);
      f.scope_formats = strings_of(*scope, "formats", "scope.", anchor);
      f.scope_channels = strings_of(*scope, "channels", "scope.", anchor);
      f.scope_duration = string_of(*scope, "duration", "scope.", anchor);
      if (std::optional<object> parent = object_of(*scope, "parental", "scope.", anchor)) {
        unknown_keys(*parent, kParentKeys, "scope.parental.", anchor);
        f.has_parent = true;
        f.parent_name = string_of(*parent, "name", "scope.parental.", anchor);
        f.parent_evidence = string_of(*parent, "evidence", "scope.parental.", anchor);
      }
    }
    out.id = id;
    // Places point into this record, whatever record is read next.
    out.places.where = [this, anchor = id, record_id = record_anchor, b = begin, e = end](std::string_view field) {
      if (field == "subject") return where_in(b, e, "subject", record_id);
      return where_in(b, e, field.substr(field.rfind('.') + 1), anchor);
    };
    out.places.name = [](std::string_view field) {
      if (field == "subject") return std::string("'subject.key'");
      return "'events[]." + std::string(field) + "'";
    };
    return true;
  }
};

ReceiptFile::ReceiptFile(const std::filesystem::path& path, Diagnostics& diagnostics)
    : impl_(std::make_unique<Impl>(path, diagnostics)) {}

ReceiptFile::~ReceiptFile() = default;

bool ReceiptFile::next(ReceiptEventFields& out) {
  Impl& i = *impl_;
  while (true) {
    if (i.event >= i.events.size() && !i.advance()) return false;
    if (i.read(out)) return true;
  }
}

const std::string& ReceiptFile::name() const { return impl_->name; }
long long ReceiptFile::size() const { return static_cast<long long>(impl_->text.size()); }
long long ReceiptFile::position() const { return static_cast<long long>(impl_->begin); }

}  // namespace dpo::manifest
