#include "manifest/subjects_file.h"

#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "base/strings.h"
#include "manifest/csv_reader.h"

namespace dpo::manifest {

using namespace model;
using Json = nlohmann::json;

std::optional<SubjectFormat> format_of(const std::filesystem::path& path) {
  std::string ext = to_lower(path.extension().string());
  if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") return SubjectFormat::jsonl;
  if (ext == ".csv") return SubjectFormat::csv;
  return std::nullopt;
}

namespace {

constexpr std::size_t kMaxKeyLength = 200;

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
      : zone_(zone), diagnostics_(diagnostics) {
    for (const Activity& a : reg.activities) {
      activity_names_.push_back(a.id.str());
      auto& cats = categories_[a.id.str()];
      for (const CategoryId& c : a.data) cats.insert(c.str());
    }
    for (const DataCategory& c : reg.data_categories) category_names_.push_back(c.id.str());
  }

  void error(const Location& where, std::string message, std::string hint = {}) {
    diagnostics_.add(where, std::move(message), std::move(hint));
    ++errors_;
  }
  [[nodiscard]] int errors() const { return errors_; }

  bool key(const std::string& key, const Where& where) {
    if (key.empty()) {
      error(where(), "missing subject 'key'");
      return false;
    }
    if (key.size() > kMaxKeyLength) {
      error(where(), "subject key longer than " + std::to_string(kMaxKeyLength) + " characters");
      return false;
    }
    for (unsigned char c : key)
      if (c < 0x20 || c == 0x7f) {
        error(where(), "control character in a subject key");
        return false;
      }
    return true;
  }

  bool identifier(const std::string& kind, const std::string& value, const Where& where) {
    if (!valid_kind(kind)) {
      error(where(), "bad identifier kind '" + kind + "'", "use lower-case letters, digits and '-', like email or crm");
      return false;
    }
    std::string normal = normalise_identifier(kind, value);
    if (normal.empty()) {
      error(where(), "empty identifier '" + kind + "'");
      return false;
    }
    if (kind == "email" && normal.find('@') == std::string::npos) {
      error(where(), "identifier 'email' is not an email address");
      return false;
    }
    return true;
  }

  std::optional<ActivityId> activity(const std::string& id, const std::string& field, const Where& where) {
    if (id.empty()) {
      error(where(), "missing '" + field + "'");
      return std::nullopt;
    }
    if (!categories_.count(id)) {
      std::string hint = did_you_mean(id, activity_names_);
      error(where(), "unknown activity '" + id + "' in '" + field + "'",
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
      error(where(), "unknown data category '" + id + "' in '" + field + "'",
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
  Zone zone_;
  Diagnostics& diagnostics_;
  std::unordered_map<std::string, std::unordered_set<std::string>> categories_;
  std::vector<std::string> activity_names_;
  std::vector<std::string> category_names_;
  int errors_ = 0;
};

// ---- JSON Lines ----

constexpr std::string_view kTopKeys[] = {"key",        "identifiers", "birth_date", "cpf_funded",
                                         "legal_hold", "engagements", "holdings"};
constexpr std::string_view kEngagementKeys[] = {"activity", "started", "ended", "last_contact"};
constexpr std::string_view kHoldingKeys[] = {"activity", "data", "system", "collected", "value", "ref"};

class JsonLines {
 public:
  JsonLines(std::istream& in, std::string file, Checker& check) : in_(in), file_(std::move(file)), check_(check) {}

  bool next(SubjectRecord& out) {
    while (std::getline(in_, line_)) {
      ++line_no_;
      if (!line_.empty() && line_.back() == '\r') line_.pop_back();
      if (trim(line_).empty()) continue;
      int before = check_.errors();
      out.subject = Subject{};
      out.where = Location{file_, line_no_, 0};
      read(out.subject);
      if (check_.errors() == before) return true;
    }
    return false;
  }

 private:
  std::istream& in_;
  std::string file_;
  Checker& check_;
  std::string line_;
  int line_no_ = 0;

  Location at(std::string_view key = {}) const {
    if (key.empty()) return Location{file_, line_no_, 0};
    std::size_t pos = line_.find("\"" + std::string(key) + "\"");
    return Location{file_, line_no_, pos == std::string::npos ? 0 : static_cast<int>(pos) + 1};
  }

  // Reports keys outside `allowed`; `path` prefixes nested fields in messages.
  void keys(const Json& object, std::span<const std::string_view> allowed, const std::string& path) {
    for (const auto& [k, v] : object.items()) {
      if (std::find(allowed.begin(), allowed.end(), k) != allowed.end()) continue;
      std::string hint = did_you_mean(k, allowed);
      if (path.empty() && (k == "email" || k == "phone" || k == "crm"))
        hint = "put identifiers under 'identifiers', like {\"identifiers\": {\"" + k + "\": ...}}";
      check_.error(at(path.empty() ? k : std::string()), "unknown key '" + path + k + "'",
                   hint.empty() ? "remove it, or see dpo-register(5) for the subjects format" : hint);
    }
  }

  // A string field; numbers and booleans are errors, null and absence are "".
  std::string text(const Json& object, const std::string& key, const std::string& path) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return {};
    if (!it->is_string()) {
      check_.error(at(path.empty() ? key : std::string()), "expected a string in '" + path + key + "'");
      return {};
    }
    return it->get<std::string>();
  }

  std::optional<bool> boolean(const Json& object, const std::string& key) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return std::nullopt;
    if (!it->is_boolean()) {
      check_.error(at(key), "expected true or false in '" + key + "'");
      return std::nullopt;
    }
    return it->get<bool>();
  }

  const Json* list(const Json& object, const std::string& key) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return nullptr;
    if (!it->is_array()) {
      check_.error(at(key), "expected a list in '" + key + "'");
      return nullptr;
    }
    return &*it;
  }

  void read(Subject& s) {
    Json j;
    try {
      j = Json::parse(line_);
    } catch (const Json::parse_error& e) {
      check_.error(Location{file_, line_no_, static_cast<int>(e.byte)}, "bad JSON",
                   "each line must be one JSON object");
      return;
    }
    if (!j.is_object()) {
      check_.error(at(), "expected a JSON object", "each line must be one JSON object");
      return;
    }
    keys(j, kTopKeys, "");
    std::string key = text(j, "key", "");
    if (!check_.key(key, [&] { return at("key"); })) return;
    s.key = SubjectKey(key);

    if (auto it = j.find("identifiers"); it != j.end() && !it->is_null()) {
      if (!it->is_object()) {
        check_.error(at("identifiers"), "expected an object in 'identifiers'", "like {\"email\": \"...\"}");
      } else {
        for (const auto& [kind, value] : it->items()) {
          std::vector<Json> values = value.is_array() ? value.get<std::vector<Json>>() : std::vector<Json>{value};
          for (const Json& v : values) {
            if (!v.is_string()) {
              check_.error(at("identifiers"), "expected a string in 'identifiers." + kind + "'");
              continue;
            }
            if (check_.identifier(kind, v.get<std::string>(), [&] { return at("identifiers"); }))
              s.identifiers.push_back({kind, normalise_identifier(kind, v.get<std::string>())});
          }
        }
      }
    }
    s.birth_date = check_.date(text(j, "birth_date", ""), "birth_date", [&] { return at("birth_date"); });
    s.cpf_funded = boolean(j, "cpf_funded");
    s.legal_hold = boolean(j, "legal_hold");

    if (const Json* engagements = list(j, "engagements")) {
      for (std::size_t i = 0; i < engagements->size(); ++i) {
        const Json& e = (*engagements)[i];
        std::string path = "engagements[" + std::to_string(i) + "].";
        if (!e.is_object()) {
          check_.error(at("engagements"), "expected an object in '" + path.substr(0, path.size() - 1) + "'");
          continue;
        }
        keys(e, kEngagementKeys, path);
        check_.engagement(s, text(e, "activity", path), text(e, "started", path), text(e, "ended", path),
                          text(e, "last_contact", path), path, [&](std::string_view) { return at("engagements"); });
      }
    }
    if (const Json* holdings = list(j, "holdings")) {
      for (std::size_t i = 0; i < holdings->size(); ++i) {
        const Json& h = (*holdings)[i];
        std::string path = "holdings[" + std::to_string(i) + "].";
        if (!h.is_object()) {
          check_.error(at("holdings"), "expected an object in '" + path.substr(0, path.size() - 1) + "'");
          continue;
        }
        keys(h, kHoldingKeys, path);
        check_.holding(s, text(h, "activity", path), text(h, "data", path), text(h, "system", path),
                       text(h, "collected", path), text(h, "value", path), text(h, "ref", path), path,
                       [&](std::string_view) { return at("holdings"); });
      }
    }
  }
};

// ---- CSV: the same fields flattened, one engagement and holding a row ----

constexpr std::string_view kCsvColumns[] = {"key",      "email",   "phone", "crm",          "birth_date",
                                            "cpf_funded", "legal_hold", "activity", "started", "ended",
                                            "last_contact", "data",  "system", "collected", "value",
                                            "ref"};

class CsvRows {
 public:
  CsvRows(std::istream& in, std::string file, Checker& check, Diagnostics& diagnostics)
      : reader_(in, file), file_(std::move(file)), check_(check), diagnostics_(diagnostics) {
    read_header();
  }

  bool next(SubjectRecord& out) {
    if (!header_ok_) return false;
    while (reader_.next(row_, diagnostics_)) {
      if (row_.size() == 1 && trim(row_[0].text).empty()) continue;
      int before = check_.errors();
      out.subject = Subject{};
      out.where = Location{file_, reader_.row_line(), 0};
      read(out.subject);
      if (check_.errors() == before) return true;
    }
    return false;
  }

 private:
  CsvReader reader_;
  std::string file_;
  Checker& check_;
  Diagnostics& diagnostics_;
  std::vector<CsvField> row_;
  std::map<std::string, std::size_t, std::less<>> column_;
  bool header_ok_ = false;

  void read_header() {
    std::vector<CsvField> header;
    if (!reader_.next(header, diagnostics_)) {
      check_.error(Location{file_, 1, 1}, "empty CSV file", "the first row names the columns, starting with key");
      return;
    }
    header_ok_ = true;
    for (std::size_t i = 0; i < header.size(); ++i) {
      std::string name(trim(header[i].text));
      Location where{file_, header[i].line, header[i].column};
      if (std::find(std::begin(kCsvColumns), std::end(kCsvColumns), name) == std::end(kCsvColumns)) {
        std::string hint = did_you_mean(name, kCsvColumns);
        check_.error(where, "unknown column '" + name + "'", hint.empty() ? "see dpo-register(5)" : hint);
        header_ok_ = false;
      } else if (!column_.emplace(name, i).second) {
        check_.error(where, "column '" + name + "' appears twice");
        header_ok_ = false;
      }
    }
    if (header_ok_ && !column_.count("key")) {
      check_.error(Location{file_, 1, 1}, "no 'key' column");
      header_ok_ = false;
    }
  }

  std::string cell(std::string_view name) const {
    auto it = column_.find(name);
    if (it == column_.end() || it->second >= row_.size()) return {};
    return std::string(trim(row_[it->second].text));
  }

  Location where(std::string_view name) const {
    auto it = column_.find(name);
    if (it == column_.end() || it->second >= row_.size()) return Location{file_, reader_.row_line(), 0};
    return Location{file_, row_[it->second].line, row_[it->second].column};
  }

  void read(Subject& s) {
    if (row_.size() != column_.size())
      check_.error(Location{file_, reader_.row_line(), 0},
                   "row has " + std::to_string(row_.size()) + " cells, the header " + std::to_string(column_.size()));
    std::string key = cell("key");
    if (!check_.key(key, [&] { return where("key"); })) return;
    s.key = SubjectKey(key);
    for (std::string_view kind : {"email", "phone", "crm"}) {
      std::string value = cell(kind);
      if (!value.empty() && check_.identifier(std::string(kind), value, [&] { return where(kind); }))
        s.identifiers.push_back({std::string(kind), normalise_identifier(std::string(kind), value)});
    }
    s.birth_date = check_.date(cell("birth_date"), "birth_date", [&] { return where("birth_date"); });
    s.cpf_funded = check_.flag(cell("cpf_funded"), "cpf_funded", [&] { return where("cpf_funded"); });
    s.legal_hold = check_.flag(cell("legal_hold"), "legal_hold", [&] { return where("legal_hold"); });
    std::string activity = cell("activity");
    bool dated = !cell("started").empty() || !cell("ended").empty() || !cell("last_contact").empty();
    Locate at = [this](std::string_view field) { return where(field); };
    if (dated || (!activity.empty() && cell("data").empty()))
      check_.engagement(s, activity, cell("started"), cell("ended"), cell("last_contact"), "", at);
    bool has_holding = !cell("data").empty() || !cell("value").empty() || !cell("ref").empty();
    if (has_holding)
      check_.holding(s, activity, cell("data"), cell("system"), cell("collected"), cell("value"), cell("ref"), "", at);
  }
};

}  // namespace

struct SubjectReader::Impl {
  std::ifstream file;
  std::istream* in = nullptr;
  std::string name;
  Checker check;
  std::optional<JsonLines> jsonl;
  std::optional<CsvRows> csv;

  Impl(const Register& reg, const Zone& zone, Diagnostics& diagnostics) : check(reg, zone, diagnostics) {}
};

SubjectReader::SubjectReader(const std::filesystem::path& path, SubjectFormat format, const Register& reg,
                             const Zone& zone, Diagnostics& diagnostics)
    : impl_(std::make_unique<Impl>(reg, zone, diagnostics)) {
  if (path == "-") {
    impl_->in = &std::cin;
    impl_->name = "<stdin>";
  } else {
    impl_->file.open(path, std::ios::binary);
    if (!impl_->file) throw Error(ExitCode::invalid_input, "cannot read '" + path.string() + "'");
    impl_->in = &impl_->file;
    impl_->name = path.string();
  }
  if (format == SubjectFormat::jsonl)
    impl_->jsonl.emplace(*impl_->in, impl_->name, impl_->check);
  else
    impl_->csv.emplace(*impl_->in, impl_->name, impl_->check, diagnostics);
}

SubjectReader::~SubjectReader() = default;

bool SubjectReader::next(SubjectRecord& out) {
  return impl_->jsonl ? impl_->jsonl->next(out) : impl_->csv->next(out);
}

const std::string& SubjectReader::name() const { return impl_->name; }

}  // namespace dpo::manifest
