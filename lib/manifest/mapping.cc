#include "manifest/mapping.h"

#include <date/date.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

#include "base/crypto.h"
#include "base/file.h"
#include "base/strings.h"
#include "manifest/yaml_fields.h"
#include "model/consent.h"

namespace dpo::manifest {

using namespace model;

namespace {

// A column named under `key` of `f`, with where the mapping names it.
MappedColumn column(const Fields& f, std::string_view key, Need need = Need::optional) {
  std::string name = f.text(key, need);
  return MappedColumn{std::string(trim(name)), f.where(key)};
}

// A strftime-style format is checked by writing a date with it and reading
// it back: one that cannot read what it writes (no day, a typo) is refused.
bool reads_back(const std::string& format) {
  // A '%' that starts no conversion ("%d/%m/%Y%") writes itself and would
  // make every cell fail: a typo.
  for (std::size_t i = 0; i < format.size(); ++i)
    if (format[i] == '%') {
      if (i + 1 == format.size() || !(std::isalpha(static_cast<unsigned char>(format[i + 1])) || format[i + 1] == '%'))
        return false;
      ++i;
    }
  date::year_month_day day{date::year{2026} / 12 / 3};
  std::string written;
  try {
    written = date::format(format, date::sys_days(day));
  } catch (const std::exception&) {
    return false;
  }
  std::istringstream in(written);
  date::year_month_day read{};
  in >> date::parse(format, read);
  return !in.fail() && read == day;
}

const Activity* activity_of(const YamlSource& source, const Fields& f, const Register& reg) {
  std::string id = f.text("activity", Need::required);
  if (id.empty()) return nullptr;
  const Activity* a = reg.activity(ActivityId(id));
  if (!a) {
    std::vector<std::string> known;
    for (const Activity& x : reg.activities) known.push_back(x.id.str());
    std::string hint = did_you_mean(id, known);
    source.error(f.get("activity"), "unknown activity" + quoted_id(id),
                 hint.empty() ? "define it in the register and import it first" : hint);
  }
  return a;
}

// One column, or a list of them, under `key`.
std::vector<MappedColumn> columns(const YamlSource& source, const Fields& f, std::string_view key) {
  YAML::Node node = f.get(key);
  if (!node) return {};
  if (node.IsScalar()) return {column(f, key)};
  std::vector<MappedColumn> out;
  if (!node.IsSequence()) {
    source.error(node, "expected a column or a list of columns for '" + std::string(key) + "'");
    return out;
  }
  for (const YAML::Node& item : node) {
    if (!item.IsScalar() || trim(item.Scalar()).empty())
      source.error(item, "expected a column name in '" + std::string(key) + "'");
    else
      out.push_back({std::string(trim(item.Scalar())), source.at(item)});
  }
  return out;
}

// The form of address: a column whose cells say madam or sir, or
// {column, madam, sir} with the export's own words.
CivilityColumn civility_column(const YamlSource& source, const Fields& f) {
  CivilityColumn c;
  YAML::Node node = f.get("civility");
  if (!node) return c;
  if (node.IsScalar()) {
    c.column = column(f, "civility");
    return c;
  }
  Fields g(source, node, "'civility'", {"column", "madam", "sir"});
  if (!g.is_map()) return c;
  c.column = column(g, "column", Need::required);
  if (g.has("madam")) c.madam = g.texts("madam");
  if (g.has("sir")) c.sir = g.texts("sir");
  for (const std::string& w : c.madam)
    if (std::find(c.sir.begin(), c.sir.end(), w) != c.sir.end())
      source.error(g.get("sir"), "'" + w + "' is listed as both madam and sir");
  return c;
}

void read_identifiers(const YamlSource& source, const YAML::Node& node, Mapping& m) {
  if (!node) return;
  if (!node.IsMap()) {
    source.error(node, "expected a mapping of identifier kinds to columns for 'identifiers'",
                 "like identifiers: {email: Courriel, phone: Portable}");
    return;
  }
  std::set<std::string> seen;
  for (auto it = node.begin(); it != node.end(); ++it) {
    std::string kind = it->first.IsScalar() ? it->first.Scalar() : std::string();
    bool shaped = !kind.empty() && kind.size() <= 32 && std::islower(static_cast<unsigned char>(kind[0])) &&
                  std::all_of(kind.begin(), kind.end(), [](char c) {
                    return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
                           c == '-';
                  });
    if (!shaped) {
      source.error(it->first, "bad identifier kind in 'identifiers'",
                   "use lower-case letters, digits and '-', like email or crm");
      continue;
    }
    if (!seen.insert(kind).second) {
      source.error(it->first, "identifier '" + kind + "' mapped twice");
      continue;
    }
    if (!it->second.IsScalar() || trim(it->second.Scalar()).empty()) {
      source.error(it->second, "expected a column name for 'identifiers." + kind + "'");
      continue;
    }
    MappedColumn c{std::string(trim(it->second.Scalar())), source.at(it->second)};
    // The format's first version mapped a person's name and address as
    // identifiers: they still read, into the fields that hold them now.
    if (kind == "name" || kind == "address") {
      std::string now = kind == "name" ? "name" : "postal_address";
      m.warnings.push_back({source.at(it->first), "identifier '" + kind + "' is now mapped as '" + now + "'",
                            "write '" + now + ": " + c.name + "' beside 'identifiers'"});
      (kind == "name" ? m.name : m.postal_address).push_back(std::move(c));
      continue;
    }
    m.identifiers.emplace_back(kind, std::move(c));
  }
}

void read_engagement(const YamlSource& source, const YAML::Node& node, const Register& reg, Mapping& m) {
  Fields f(source, node, "an engagement", {"activity", "started", "ended", "last_contact"});
  if (!f.is_map()) return;
  const Activity* a = activity_of(source, f, reg);
  EngagementColumns e{a ? a->id : ActivityId(""), column(f, "started"), column(f, "ended"), column(f, "last_contact")};
  if (!a) return;
  if (std::any_of(m.engagements.begin(), m.engagements.end(),
                  [&](const EngagementColumns& x) { return x.activity == a->id; })) {
    source.error(f.get("activity"), "two engagements of activity '" + a->id.str() + "'",
                 "one item an activity: its started, ended and last_contact columns together");
    return;
  }
  m.engagements.push_back(std::move(e));
}

void read_holding(const YamlSource& source, const YAML::Node& node, const Register& reg, Mapping& m) {
  Fields f(source, node, "a holding", {"column", "activity", "data", "system", "collected"});
  if (!f.is_map()) return;
  HoldingColumn h;
  h.value = column(f, "column", Need::required);
  h.collected = column(f, "collected", Need::required);
  h.system = f.text("system", Need::required);
  const Activity* a = activity_of(source, f, reg);
  std::string data = f.text("data", Need::required);
  if (!a || data.empty()) return;
  h.activity = a->id;
  if (std::find(a->data.begin(), a->data.end(), CategoryId(data)) == a->data.end()) {
    if (!reg.category(CategoryId(data))) {
      std::vector<std::string> known;
      for (const DataCategory& c : reg.data_categories) known.push_back(c.id.str());
      std::string hint = did_you_mean(data, known);
      source.error(f.get("data"), "unknown data category" + quoted_id(data),
                   hint.empty() ? "define it in the register and import it first" : hint);
    } else {
      source.error(f.get("data"), "activity '" + a->id.str() + "' does not list data category '" + data + "'",
                   "add it to the activity's 'data' in the register, or map the column to another activity");
    }
    return;
  }
  h.data = CategoryId(data);
  if (h.value.mapped() && h.collected.mapped() && !h.system.empty()) m.holdings.push_back(std::move(h));
}

// The notice a consent column names by version: the one file of the notices
// directory whose name without extension is the version; its SHA-256 is what
// the ledger records as shown.
std::string notice_hash(const YamlSource& source, const YAML::Node& node, const std::filesystem::path& dir,
                        const std::string& version) {
  std::error_code ec;
  std::vector<std::filesystem::path> found;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.is_regular_file() && entry.path().stem() == version) found.push_back(entry.path());
  if (ec) {
    source.error(node, "cannot read the notices directory '" + dir.string() + "'",
                 "put the notices shown, one file a version, in it");
    return {};
  }
  if (found.size() != 1) {
    source.error(node, found.empty() ? "no notice '" + version + "' in '" + dir.string() + "'"
                                     : "more than one notice '" + version + "' in '" + dir.string() + "'",
                 "one file a version, named after it (" + version + ".md)");
    return {};
  }
  return sha256_hex(read_file(found.front()));
}

void read_consent(const YamlSource& source, const YAML::Node& node, const Register& reg,
                  const std::filesystem::path& notices, Mapping& m) {
  Fields f(source, node, "a consent", {"column", "purpose", "at", "channel", "notice", "evidence"});
  if (!f.is_map()) return;
  ConsentColumn c;
  c.answer = column(f, "column", Need::required);
  c.at = column(f, "at", Need::required);
  c.evidence = column(f, "evidence");
  std::string purpose = f.text("purpose", Need::required);
  if (!purpose.empty() && !reg.purpose(PurposeId(purpose))) {
    std::vector<std::string> known;
    for (const Purpose& p : reg.purposes) known.push_back(p.id.str());
    std::string hint = did_you_mean(purpose, known);
    source.error(f.get("purpose"), "unknown purpose" + quoted_id(purpose),
                 hint.empty() ? "define it in the register and import it first" : hint);
    return;
  }
  c.purpose = PurposeId(purpose);
  if (std::optional<ConsentChannel> channel = f.choice("channel", consent_channels(), "channel"))
    c.channel = std::string(name_of(consent_channels(), *channel));
  c.notice_version = f.text("notice");
  if (!c.notice_version.empty()) {
    c.notice_sha256 = notice_hash(source, f.get("notice"), notices, c.notice_version);
    if (c.notice_sha256.empty()) return;
  }
  if (c.answer.mapped() && c.at.mapped() && !purpose.empty()) m.consents.push_back(std::move(c));
}

Mapping read(const YamlSource& source, const YAML::Node& root, const Register& reg) {
  Mapping m;
  m.file = source.file();
  Fields f(source, root, "the mapping",
           {"version", "delimiter", "encoding", "date_format", "true_values", "false_values", "notices", "key", "identifiers", "name",
            "postal_address", "civility", "birth_date", "cpf_funded", "legal_hold", "engagements", "holdings", "consents"});
  if (!f.is_map()) return m;
  if (std::optional<int> v = f.integer("version", Need::required); v && *v != 1)
    source.error(f.get("version"), "unknown mapping version " + std::to_string(*v), "this dpokit reads version 1");
  if (f.has("delimiter")) {
    std::string d = f.text("delimiter");
    if (d == "," || d == ";" || d == "\t" || d == "tab")
      m.dialect.delimiter = d == "tab" ? '\t' : d[0];
    else
      source.error(f.get("delimiter"), "unknown delimiter", "write \",\", \";\" or tab (or leave it out to detect it)");
  }
  if (f.has("encoding")) {
    std::string e = to_lower(f.text("encoding"));
    if (e == "utf-8" || e == "utf8")
      m.dialect.encoding = CsvEncoding::utf8;
    else if (e == "windows-1252" || e == "cp1252")
      m.dialect.encoding = CsvEncoding::windows_1252;
    else
      source.error(f.get("encoding"), "unknown encoding" + quoted_id(e),
                   "write utf-8 or windows-1252 (or leave it out: a cell that is not UTF-8 is read as windows-1252)");
  }
  // Every date goes through the format, so a problem is named by its column.
  m.date_format = f.has("date_format") ? f.text("date_format") : std::string("%Y-%m-%d");
  if (!reads_back(m.date_format))
    source.error(f.get("date_format"), "date format cannot read back the dates it writes",
                 "give the day, month and year, like \"%d/%m/%Y\"");
  // Not 'true' and 'false' as keys: YAML reads those as booleans.
  m.yes = f.has("true_values") ? f.texts("true_values")
                               : std::vector<std::string>{"true", "1", "oui", "yes", "x", "vrai"};
  m.no = f.has("false_values") ? f.texts("false_values") : std::vector<std::string>{"false", "0", "non", "no", "faux"};
  for (const std::string& y : m.yes)
    if (std::find(m.no.begin(), m.no.end(), y) != m.no.end())
      source.error(f.get("true_values"), "'" + y + "' is listed as both true and false");
  m.key = column(f, "key", Need::required);
  read_identifiers(source, f.get("identifiers"), m);
  if (f.has("name") && !m.name.empty())
    source.error(f.get("name"), "'name' mapped twice", "keep 'name' and remove 'identifiers.name'");
  else if (f.has("name"))
    m.name = columns(source, f, "name");
  if (f.has("postal_address") && !m.postal_address.empty())
    source.error(f.get("postal_address"), "'postal_address' mapped twice",
                 "keep 'postal_address' and remove 'identifiers.address'");
  else if (f.has("postal_address"))
    m.postal_address = columns(source, f, "postal_address");
  m.civility = civility_column(source, f);
  m.birth_date = column(f, "birth_date");
  m.cpf_funded = column(f, "cpf_funded");
  m.legal_hold = column(f, "legal_hold");
  for (const YAML::Node& e : f.items("engagements")) read_engagement(source, e, reg, m);
  for (const YAML::Node& h : f.items("holdings")) read_holding(source, h, reg, m);
  // Notices are found beside the mapping unless it says where.
  std::filesystem::path base = std::filesystem::path(source.file()).parent_path();
  std::filesystem::path notices = base / (f.has("notices") ? f.text("notices") : std::string("notices"));
  for (const YAML::Node& c : f.items("consents")) read_consent(source, c, reg, notices, m);
  if (!f.has("identifiers") && !f.has("name") && !f.has("postal_address") && !f.has("engagements") && !f.has("holdings") && !f.has("consents"))
    source.error(Location{m.file, 1, 1}, "the mapping maps nothing but the key",
                 "map identifiers, a name, engagements, holdings or consents; see dpo-mapping(5)");
  return m;
}

bool before(const Diagnostic& a, const Diagnostic& b) {
  return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
}

}  // namespace

std::vector<const MappedColumn*> Mapping::columns() const {
  std::vector<const MappedColumn*> all{&key};
  for (const auto& [kind, c] : identifiers) all.push_back(&c);
  for (const std::vector<MappedColumn>* list : {&name, &postal_address})
    for (const MappedColumn& c : *list) all.push_back(&c);
  for (const MappedColumn* c : {&civility.column, &birth_date, &cpf_funded, &legal_hold}) all.push_back(c);
  for (const EngagementColumns& e : engagements)
    for (const MappedColumn* c : {&e.started, &e.ended, &e.last_contact}) all.push_back(c);
  for (const HoldingColumn& h : holdings) {
    all.push_back(&h.value);
    all.push_back(&h.collected);
  }
  for (const ConsentColumn& c : consents)
    for (const MappedColumn* x : {&c.answer, &c.at, &c.evidence}) all.push_back(x);
  std::vector<const MappedColumn*> out;
  for (const MappedColumn* c : all)
    if (c->mapped() && std::none_of(out.begin(), out.end(), [&](const MappedColumn* o) { return o->name == c->name; }))
      out.push_back(c);
  return out;
}

bool has_columns(const CsvTable& table, const Mapping& mapping, Diagnostics& diagnostics) {
  if (!table.ok()) return false;
  bool all = true;
  for (const MappedColumn* c : mapping.columns())
    if (!table.has(c->name)) {
      diagnostics.add(Location{table.file(), 1, 1}, "no column '" + c->name + "' in the file",
                      "the mapping reads it at " + c->where.str() + "; correct the mapping or the export");
      all = false;
    }
  return all;
}

std::string MappedCells::date(const MappedColumn& c) const {
  std::string written = text(c);
  if (written.empty()) return written;
  std::istringstream in(written);
  date::year_month_day day{};
  in >> date::parse(m_.date_format, day);
  if (in.fail() || in.peek() != std::char_traits<char>::eof()) {
    // Once a cell: a date several holdings share is one mistake.
    if (reported_.insert(c.name).second)
      diagnostics_.add(where(c), "'" + c.name + "' is not a date written " + m_.date_format,
                       "correct the cell, or the mapping's date_format");
    return {};
  }
  return format_date(day);
}

std::string MappedCells::flag(const MappedColumn& c) const {
  std::string written = text(c);
  if (written.empty()) return written;
  std::string lower = to_lower(written);
  auto listed = [&](const std::vector<std::string>& words) {
    return std::any_of(words.begin(), words.end(), [&](const std::string& w) { return to_lower(w) == lower; });
  };
  if (listed(m_.yes)) return "true";
  if (listed(m_.no)) return "false";
  diagnostics_.add(where(c), "'" + c.name + "' is neither true nor false",
                   "the mapping's 'true_values' and 'false_values' list how the export writes them");
  return {};
}

Mapping load_mapping(const std::filesystem::path& path, const Register& reg) {
  std::string text = read_file(path);
  Diagnostics diagnostics;
  YamlSource source(path.string(), diagnostics);
  YAML::Node root = parse_yaml(text, source);
  Mapping m;
  if (root && !root.IsNull())
    m = read(source, root, reg);
  else if (diagnostics.empty())
    source.error(Location{path.string(), 1, 1}, "empty mapping file",
                 "start from examples/training-org/mappings/crm.yaml");
  if (!diagnostics.empty()) {
    std::vector<Diagnostic> sorted = diagnostics.items();
    std::stable_sort(sorted.begin(), sorted.end(), before);
    throw InputError(quote(path.string()), std::move(sorted));
  }
  return m;
}

}  // namespace dpo::manifest
