#include "manifest/subjects_file.h"

#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "base/strings.h"
#include "manifest/records.h"

namespace dpo::manifest {

using namespace model;

namespace {

constexpr std::size_t kMaxKeyLength = 200;
// A name or an address line longer than this is not one a letter prints.
constexpr std::size_t kMaxLineLength = 200;
constexpr std::size_t kMaxAddressLines = 6;

bool valid_kind(const std::string& kind) {
  if (kind.empty() || kind.size() > 32 || !std::islower(static_cast<unsigned char>(kind[0]))) return false;
  for (char c : kind)
    if (!std::islower(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c)) && c != '-')
      return false;
  return true;
}

// Where something is, worked out only when a problem needs it: finding a key
// in a JSON line costs a scan, and most lines have no problem.
using Where = std::function<Location()>;
// Where a field of the record being read is: a CSV cell, or a JSON line.
using Locate = std::function<Location(std::string_view field)>;

// Checks what a record says against the register. Every message names the
// field, never its value: subjects files hold personal data.
class Checker {
 public:
  Checker(const Register& reg, const Zone& zone, Diagnostics& diagnostics)
      : zone_(zone), diagnostics_(diagnostics), region_(reg.controller.country) {
    for (const Activity& a : reg.activities) {
      activity_names_.push_back(a.id.str());
      auto& cats = categories_[a.id.str()];
      for (const CategoryId& c : a.data) cats.insert(c.str());
    }
    for (const DataCategory& c : reg.data_categories) category_names_.push_back(c.id.str());
  }

  void error(const Location& where, std::string message, std::string hint = {}) {
    diagnostics_.add(where, std::move(message), std::move(hint));
  }

  bool key(const std::string& key, const Where& where) {
    if (key.empty()) {
      error(where(), "missing subject 'key'");
      return false;
    }
    if (utf8_characters(key) > kMaxKeyLength) {
      error(where(), "subject key longer than " + std::to_string(kMaxKeyLength) + " characters");
      return false;
    }
    for (unsigned char c : key)
      if (c < 0x20 || c == 0x7f) {
        error(where(), "control character in a subject key");
        return false;
      }
    if (TextFault f = invisible_fault(key)) {
      error(where(), std::string(f.what) + " in a subject key", "keys are plain text: remove it");
      return false;
    }
    return true;
  }

  // The identifier as the store keeps it (normalise_identifier), or nullopt
  // after reporting why it cannot be one.
  std::optional<std::string> identifier(const std::string& kind, const std::string& value, const Where& where) {
    if (!valid_kind(kind)) {
      error(where(), "bad identifier kind" + quoted_id(kind), "use lower-case letters, digits and '-', like email or crm");
      return std::nullopt;
    }
    if (trim(value).empty()) {
      error(where(), "empty identifier '" + kind + "'");
      return std::nullopt;
    }
    std::optional<std::string> normal = normalise_identifier(kind, value, region_);
    if (!normal) {
      error(where(), "identifier 'phone' is not a valid phone number (one without its country code is read as " +
                         (region_.empty() ? std::string("nowhere's") : region_ + "'s") + ")",
            "write it whole, with its country code, like +33 6 12 34 56 78");
      return std::nullopt;
    }
    if (kind == "email" && normal->find('@') == std::string::npos) {
      error(where(), "identifier 'email' is not an email address");
      return std::nullopt;
    }
    return normal;
  }

  std::optional<ActivityId> activity(const std::string& id, const std::string& field, const Where& where) {
    if (id.empty()) {
      error(where(), "missing '" + field + "'");
      return std::nullopt;
    }
    if (!categories_.count(id)) {
      std::string hint = did_you_mean(id, activity_names_);
      error(where(), "unknown activity" + quoted_id(id) + " in '" + field + "'",
            hint.empty() ? "define it in the register and import it first" : hint);
      return std::nullopt;
    }
    return ActivityId(id);
  }

  std::optional<CategoryId> category(const ActivityId& activity, const std::string& id, const std::string& field,
                                     const Where& where) {
    if (id.empty()) {
      error(where(), "missing '" + field + "'");
      return std::nullopt;
    }
    const auto& listed = categories_.at(activity.str());
    if (listed.count(id)) return CategoryId(id);
    if (std::find(category_names_.begin(), category_names_.end(), id) == category_names_.end()) {
      std::string hint = did_you_mean(id, category_names_);
      error(where(), "unknown data category" + quoted_id(id) + " in '" + field + "'",
            hint.empty() ? "define it in the register and import it first" : hint);
    } else {
      error(where(), "activity '" + activity.str() + "' does not list data category '" + id + "' ('" + field + "')",
            "add it to the activity's 'data' in the register, or file the holding under another activity");
    }
    return std::nullopt;
  }

  std::optional<Instant> instant(const std::string& text, const std::string& field, const Where& where) {
    if (text.empty()) return std::nullopt;
    Parsed<Instant> t = parse_instant(text, zone_);
    if (!t) error(where(), "bad time in '" + field + "'", t.error());
    return t ? std::optional<Instant>(*t) : std::nullopt;
  }

  std::optional<Date> date(const std::string& text, const std::string& field, const Where& where) {
    if (text.empty()) return std::nullopt;
    Parsed<Date> d = parse_date(text);
    if (!d) error(where(), "bad date in '" + field + "'", d.error());
    return d ? std::optional<Date>(*d) : std::nullopt;
  }

  std::optional<bool> flag(const std::string& text, const std::string& field, const Where& where) {
    if (text.empty()) return std::nullopt;
    if (text == "true" || text == "1") return true;
    if (text == "false" || text == "0") return false;
    error(where(), "expected true or false in '" + field + "'");
    return std::nullopt;
  }

  // The person's name as a letter is addressed: one line of plain text;
  // nullopt when not given.
  std::optional<std::string> name(const std::string& text, const std::string& field, const Where& where) {
    std::string_view name = trim(text);
    if (name.empty()) return std::nullopt;
    if (!plain_line(name, field, where)) return std::nullopt;
    return std::string(name);
  }

  // A postal address, a line each (docs/design.md 2.2); blank lines are
  // left out, and an address of none is not given.
  std::optional<std::vector<std::string>> postal_address(const std::vector<std::string>& lines,
                                                         const std::string& field, const Where& where) {
    std::vector<std::string> out;
    for (const std::string& line : lines) {
      std::string_view l = trim(line);
      if (l.empty()) continue;
      if (!plain_line(l, field, where)) return std::nullopt;
      out.emplace_back(l);
    }
    if (out.empty()) return std::nullopt;
    if (out.size() > kMaxAddressLines) {
      error(where(), "more than " + std::to_string(kMaxAddressLines) + " lines in '" + field + "'",
            "a postal address has at most six lines (NF Z10-011); join the others");
      return std::nullopt;
    }
    return out;
  }

  std::optional<Civility> civility(const std::string& text, const std::string& field, const Where& where) {
    if (text.empty()) return std::nullopt;
    std::optional<Civility> c = from_name(civilities(), text);
    if (!c) error(where(), "expected madam or sir in '" + field + "'", "leave it out when the person has not said");
    return c;
  }

  // A field of the format's first version that is now written elsewhere: one
  // warning for each, at its first place, with how many lines wrote it.
  void replaced(const std::string& what, const std::string& how, const Location& where) {
    for (Replaced& r : replaced_)
      if (r.what == what) {
        ++r.count;
        return;
      }
    replaced_.push_back({what, how, where, 1});
  }

  [[nodiscard]] std::vector<Diagnostic> warnings() const {
    std::vector<Diagnostic> out;
    for (const Replaced& r : replaced_)
      out.push_back({r.where,
                     r.what + (r.count > 1 ? " (on " + std::to_string(r.count) + " lines)" : std::string()),
                     r.how});
    return out;
  }

  // A holding needs its activity and category, a system, a collection time and
  // exactly one of value and ref.
  void holding(Subject& s, const std::string& activity, const std::string& category, const std::string& system,
               const std::string& collected, const std::string& value, const std::string& ref,
               const std::string& prefix, const Locate& at) {
    std::optional<ActivityId> a = this->activity(activity, prefix + "activity", [&] { return at("activity"); });
    std::optional<CategoryId> c = a ? this->category(*a, category, prefix + "data", [&] { return at("data"); }) : std::nullopt;
    if (system.empty())
      error(at("system"), "missing '" + prefix + "system'", "name the system that holds it, like crm or lms");
    if (collected.empty()) error(at("collected"), "missing '" + prefix + "collected'", "give when it was collected");
    std::optional<Instant> when = instant(collected, prefix + "collected", [&] { return at("collected"); });
    if (value.empty() == ref.empty())
      error(at("value"), "a holding needs exactly one of '" + prefix + "value' and '" + prefix + "ref'");
    if (a && c && when && !system.empty() && value.empty() != ref.empty())
      s.holdings.push_back(Holding{*a, *c, system, *when, value, ref});
  }

  void engagement(Subject& s, const std::string& activity, const std::string& started, const std::string& ended,
                  const std::string& last_contact, const std::string& prefix, const Locate& at) {
    std::optional<ActivityId> a = this->activity(activity, prefix + "activity", [&] { return at("activity"); });
    Engagement e;
    e.started = instant(started, prefix + "started", [&] { return at("started"); });
    e.ended = instant(ended, prefix + "ended", [&] { return at("ended"); });
    e.last_contact = instant(last_contact, prefix + "last_contact", [&] { return at("last_contact"); });
    if (e.started && e.ended && *e.ended < *e.started)
      error(at("ended"), "'" + prefix + "ended' is before '" + prefix + "started'");
    if (!a) return;
    e.activity = *a;
    s.engagements.push_back(std::move(e));
  }

 private:
  struct Replaced {
    std::string what, how;
    Location where;
    long long count = 0;
  };
  std::vector<Replaced> replaced_;

  bool plain_line(std::string_view text, const std::string& field, const Where& where) {
    if (utf8_characters(text) > kMaxLineLength) {
      error(where(), "'" + field + "' longer than " + std::to_string(kMaxLineLength) + " characters");
      return false;
    }
    if (TextFault f = invisible_fault(text)) {
      error(where(), std::string(f.what) + " in '" + field + "'", "write it as plain text");
      return false;
    }
    return true;
  }

  Zone zone_;
  Diagnostics& diagnostics_;
  std::string region_;  ///< the controller's country: numbers written without their country code
  std::unordered_map<std::string, std::unordered_set<std::string>> categories_;
  std::vector<std::string> activity_names_;
  std::vector<std::string> category_names_;
};

// ---- JSON Lines ----

constexpr std::string_view kTopKeys[] = {"key",        "identifiers", "name",        "postal_address", "civility",
                                         "birth_date", "cpf_funded",  "legal_hold", "engagements",    "holdings"};
constexpr std::string_view kEngagementKeys[] = {"activity", "started", "ended", "last_contact"};
constexpr std::string_view kHoldingKeys[] = {"activity", "data", "system", "collected", "value", "ref"};

// Identifiers written at the top of a line belong under "identifiers".
std::string misplaced_identifier(const std::string& key) {
  if (key == "email" || key == "phone" || key == "crm")
    return "put identifiers under 'identifiers', like {\"identifiers\": {\"" + key + "\": ...}}";
  return {};
}

// An identifier of kind 'name' or 'address' (the format's first version)
// read into the field that holds it now, with a warning; the first of
// several is kept, and one the line also gives in the new field yields.
template <class Field>
void legacy(Checker& check, std::optional<Field>& field, const std::vector<std::string>& values,
            const std::string& now, const std::string& written, const Location& where) {
  if (values.empty()) return;
  std::string kind = now == "name" ? "name" : "address";
  check.replaced("identifier '" + kind + "' is now the subject's '" + now + "'",
                 "write " + written + " beside \"identifiers\"" +
                     (values.size() > 1 ? "; of several, the first is kept" : ""),
                 where);
  if (field) return;
  Where at = [&] { return where; };
  if constexpr (std::is_same_v<Field, std::string>)
    field = check.name(values.front(), "identifiers.name", at);
  else
    field = check.postal_address({values.front()}, "identifiers.address", at);
}

void read_json(JsonLineReader& in, const JsonObject& j, Checker& check, Subject& s) {
  in.keys(j, kTopKeys, "", misplaced_identifier);
  std::string key = in.text(j, "key");
  if (!check.key(key, [&] { return in.at("key"); })) return;
  s.key = SubjectKey(key);

  // Identifiers of kinds 'name' and 'address' were how the format's first
  // version held them: they still read, into the fields that hold them now.
  std::vector<std::string> legacy_name, legacy_address;
  if (std::optional<JsonObject> ids = in.object(j, "identifiers")) {
    in.unique_keys(*ids, "identifiers.");
    for (auto [name, value] : *ids) {
      std::string kind(name);
      // One value, or a list of them.
      std::vector<JsonElement> values;
      JsonArray many;
      if (value.get(many) == simdjson::SUCCESS)
        for (JsonElement v : many) values.push_back(v);
      else
        values.push_back(value);
      for (JsonElement v : values) {
        std::string_view text;
        if (v.get(text) != simdjson::SUCCESS) {
          in.error(in.at("identifiers"), "expected a string in 'identifiers." + kind + "'");
          continue;
        }
        if (!in.clean(text, kind, "identifiers.")) continue;
        if (kind == "name" || kind == "address") {
          (kind == "name" ? legacy_name : legacy_address).emplace_back(text);
          continue;
        }
        if (std::optional<std::string> normal =
                check.identifier(kind, std::string(text), [&] { return in.at("identifiers"); }))
          s.identifiers.push_back({kind, std::move(*normal)});
      }
    }
  }
  Where at_name = [&] { return in.at("name"); }, at_address = [&] { return in.at("postal_address"); };
  s.name = check.name(in.text(j, "name"), "name", at_name);
  JsonElement address;
  if (j.at_key("postal_address").get(address) == simdjson::SUCCESS && address.is_string())
    s.postal_address = check.postal_address({in.text(j, "postal_address")}, "postal_address", at_address);
  else
    s.postal_address = check.postal_address(in.texts(j, "postal_address"), "postal_address", at_address);
  s.civility = check.civility(in.text(j, "civility"), "civility", [&] { return in.at("civility"); });
  legacy(check, s.name, legacy_name, "name", "\"name\": \"...\"", in.at("identifiers"));
  legacy(check, s.postal_address, legacy_address, "postal_address", "\"postal_address\": [\"...\", \"...\"]",
         in.at("identifiers"));
  s.birth_date = check.date(in.text(j, "birth_date"), "birth_date", [&] { return in.at("birth_date"); });
  s.cpf_funded = in.boolean(j, "cpf_funded");
  s.legal_hold = in.boolean(j, "legal_hold");

  // Problems inside a list point at the list's key; the message names the element.
  in.each(j, "engagements", [&](const JsonObject& e, const std::string& path) {
    in.keys(e, kEngagementKeys, path);
    check.engagement(s, in.text(e, "activity", path), in.text(e, "started", path), in.text(e, "ended", path),
                     in.text(e, "last_contact", path), path, [&](std::string_view) { return in.at("engagements"); });
  });
  in.each(j, "holdings", [&](const JsonObject& h, const std::string& path) {
    in.keys(h, kHoldingKeys, path);
    check.holding(s, in.text(h, "activity", path), in.text(h, "data", path), in.text(h, "system", path),
                  in.text(h, "collected", path), in.text(h, "value", path), in.text(h, "ref", path), path,
                  [&](std::string_view) { return in.at("holdings"); });
  });
}

// ---- CSV: the same fields flattened, one engagement and holding a row ----

constexpr std::string_view kCsvColumns[] = {"key",      "email",   "phone", "crm",          "name",
                                            "postal_address", "civility", "birth_date",
                                            "cpf_funded", "legal_hold", "activity", "started", "ended",
                                            "last_contact", "data",  "system", "collected", "value",
                                            "ref"};

constexpr std::string_view kCsvRequired[] = {"key"};

// A cell's lines, however the file breaks them.
std::vector<std::string> address_cell(const std::string& cell) {
  std::vector<std::string> lines;
  for (std::string& line : split(cell, '\n')) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
  }
  return lines;
}

void read_csv(const CsvTable& row, Checker& check, Subject& s) {
  std::string key = row.cell("key");
  if (!check.key(key, [&] { return row.where("key"); })) return;
  s.key = SubjectKey(key);
  for (std::string_view kind : {"email", "phone", "crm"}) {
    std::string value = row.cell(kind);
    if (value.empty()) continue;
    if (std::optional<std::string> normal = check.identifier(std::string(kind), value, [&] { return row.where(kind); }))
      s.identifiers.push_back({std::string(kind), std::move(*normal)});
  }
  s.name = check.name(row.cell("name"), "name", [&] { return row.where("name"); });
  // The address's lines are the cell's: line breaks inside its quotes.
  s.postal_address = check.postal_address(address_cell(row.cell("postal_address")), "postal_address",
                                          [&] { return row.where("postal_address"); });
  s.civility = check.civility(row.cell("civility"), "civility", [&] { return row.where("civility"); });
  s.birth_date = check.date(row.cell("birth_date"), "birth_date", [&] { return row.where("birth_date"); });
  s.cpf_funded = check.flag(row.cell("cpf_funded"), "cpf_funded", [&] { return row.where("cpf_funded"); });
  s.legal_hold = check.flag(row.cell("legal_hold"), "legal_hold", [&] { return row.where("legal_hold"); });
  std::string activity = row.cell("activity");
  bool dated = !row.cell("started").empty() || !row.cell("ended").empty() || !row.cell("last_contact").empty();
  Locate at = [&](std::string_view field) { return row.where(field); };
  if (dated || (!activity.empty() && row.cell("data").empty()))
    check.engagement(s, activity, row.cell("started"), row.cell("ended"), row.cell("last_contact"), "", at);
  bool has_holding = !row.cell("data").empty() || !row.cell("value").empty() || !row.cell("ref").empty();
  if (has_holding)
    check.holding(s, activity, row.cell("data"), row.cell("system"), row.cell("collected"), row.cell("value"),
                  row.cell("ref"), "", at);
}

// ---- a CSV export read through a mapping (dpo-mapping(5)) ----

void read_mapped(const CsvTable& row, const Mapping& m, Checker& check, Diagnostics& d, Subject& s) {
  MappedCells cells(row, m, d);
  std::string key = cells.text(m.key);
  if (!check.key(key, [&] { return cells.where(m.key); })) return;
  s.key = SubjectKey(key);
  for (const auto& identifier : m.identifiers) {
    // Not a structured binding: clang 14 cannot capture one in a lambda.
    const std::string& kind = identifier.first;
    const MappedColumn& c = identifier.second;
    std::string value = cells.text(c);
    if (value.empty()) continue;
    if (std::optional<std::string> normal = check.identifier(kind, value, [&] { return cells.where(c); }))
      s.identifiers.push_back({kind, std::move(*normal)});
  }
  // The name's columns joined by a space ("Léa" "Lefèvre"), the address's a
  // line each; empty cells left out.
  std::string name;
  std::vector<std::string> address;
  for (const MappedColumn& c : m.name)
    if (std::string cell(trim(cells.text(c))); !cell.empty()) name += (name.empty() ? "" : " ") + cell;
  for (const MappedColumn& c : m.postal_address)
    for (std::string& line : address_cell(cells.text(c))) address.push_back(std::move(line));
  if (!m.name.empty()) s.name = check.name(name, m.name.front().name, [&] { return cells.where(m.name.front()); });
  if (!m.postal_address.empty())
    s.postal_address = check.postal_address(address, m.postal_address.front().name,
                                            [&] { return cells.where(m.postal_address.front()); });
  if (std::string word(trim(cells.text(m.civility.column))); !word.empty()) {
    auto listed = [&](const std::vector<std::string>& words) {
      return std::any_of(words.begin(), words.end(), [&](const std::string& w) { return to_lower(w) == to_lower(word); });
    };
    if (listed(m.civility.madam))
      s.civility = Civility::madam;
    else if (listed(m.civility.sir))
      s.civility = Civility::sir;
    else
      check.error(cells.where(m.civility.column), "'" + m.civility.column.name + "' is neither madam nor sir",
                  "the mapping's 'civility.madam' and 'civility.sir' list how the export writes them");
  }
  s.birth_date = check.date(cells.date(m.birth_date), m.birth_date.name, [&] { return cells.where(m.birth_date); });
  s.cpf_funded = check.flag(cells.flag(m.cpf_funded), m.cpf_funded.name, [&] { return cells.where(m.cpf_funded); });
  s.legal_hold = check.flag(cells.flag(m.legal_hold), m.legal_hold.name, [&] { return cells.where(m.legal_hold); });
  for (const EngagementColumns& e : m.engagements) {
    std::string started = cells.date(e.started), ended = cells.date(e.ended), last = cells.date(e.last_contact);
    if (started.empty() && ended.empty() && last.empty()) continue;  // not engaged in that activity
    Locate at = [&](std::string_view field) {
      return cells.where(field == "ended" ? e.ended : field == "last_contact" ? e.last_contact : e.started);
    };
    check.engagement(s, e.activity.str(), started, ended, last, "", at);
  }
  for (const HoldingColumn& h : m.holdings) {
    std::string value = cells.text(h.value);
    if (value.empty()) continue;  // nothing held in that column for this person
    if (cells.text(h.collected).empty()) {
      check.error(cells.where(h.collected), "no date in '" + h.collected.name + "' for the holding in '" +
                                                h.value.name + "'",
                  "give when it was collected");
      continue;
    }
    std::string collected = cells.date(h.collected);
    if (collected.empty()) continue;  // reported: not a date written as the mapping says
    Locate at = [&](std::string_view field) { return cells.where(field == "collected" ? h.collected : h.value); };
    check.holding(s, h.activity.str(), h.data.str(), h.system, collected, value, "", h.value.name + ".", at);
  }
}

}  // namespace

struct SubjectReader::Impl {
  Checker check;
  RecordStream records;
  std::optional<Mapping> mapping;
  bool columns_ok = true;
  Impl(const std::filesystem::path& path, RecordFormat format, const Register& reg, const Zone& zone, Diagnostics& d)
      : check(reg, zone, d), records(path, format, kCsvColumns, kCsvRequired, d) {}
  Diagnostics* diagnostics = nullptr;
  Impl(const std::filesystem::path& path, const Mapping& m, const Register& reg, const Zone& zone, Diagnostics& d)
      : check(reg, zone, d), records(path, RecordFormat::csv, {}, {}, d, m.dialect), mapping(m),
        columns_ok(has_columns(*records.csv(), m, d)), diagnostics(&d) {}
};

SubjectReader::SubjectReader(const std::filesystem::path& path, RecordFormat format, const Register& reg,
                             const Zone& zone, Diagnostics& diagnostics)
    : impl_(std::make_unique<Impl>(path, format, reg, zone, diagnostics)) {}

SubjectReader::SubjectReader(const std::filesystem::path& path, const Mapping& mapping, const Register& reg,
                             const Zone& zone, Diagnostics& diagnostics)
    : impl_(std::make_unique<Impl>(path, mapping, reg, zone, diagnostics)) {}

SubjectReader::~SubjectReader() = default;

bool SubjectReader::next(SubjectRecord& out) {
  Checker& check = impl_->check;
  if (!impl_->columns_ok) return false;
  return impl_->records.next(
      out.where,
      [&](JsonLineReader& in, const JsonObject& j) {
        out.subject = Subject{};
        read_json(in, j, check, out.subject);
      },
      [&](const CsvTable& row) {
        out.subject = Subject{};
        if (impl_->mapping)
          read_mapped(row, *impl_->mapping, check, *impl_->diagnostics, out.subject);
        else
          read_csv(row, check, out.subject);
      });
}

long long SubjectReader::converted() const {
  const CsvTable* table = impl_->records.csv();
  return table ? table->converted() : 0;
}

std::vector<Diagnostic> SubjectReader::warnings() const { return impl_->check.warnings(); }

const std::string& SubjectReader::name() const { return impl_->records.name(); }
long long SubjectReader::size() const { return impl_->records.size(); }
long long SubjectReader::position() { return impl_->records.position(); }

}  // namespace dpo::manifest
