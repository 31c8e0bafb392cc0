#include "manifest/incident_file.h"

#include <algorithm>
#include <iterator>
#include <regex>
#include <set>

#include "base/file.h"
#include "manifest/yaml_fields.h"

namespace dpo::manifest {

namespace {

using namespace model;

std::optional<long long> estimate(const YamlSource& source, const Fields& top, std::string_view key) {
  YAML::Node node = top.get(key);
  if (!node) return std::nullopt;
  Fields f(source, node, "'" + std::string(key) + "'", {"estimate"});
  if (!f.is_map()) return std::nullopt;
  std::optional<int> n = f.integer("estimate", Need::required);
  if (n && *n < 0) {
    source.error(f.get("estimate"), "'estimate' must not be negative");
    return std::nullopt;
  }
  return n ? std::optional<long long>(*n) : std::nullopt;
}

// Every id in `key` must name an entry of the register.
template <class IdT, class Find>
std::vector<IdT> references(const YamlSource& source, const Fields& top, std::string_view key, std::string_view what,
                            const std::vector<std::string>& known, Find find) {
  std::vector<IdT> out;
  YAML::Node list = top.get(key);
  std::vector<std::string> values = top.texts(key, Need::required);
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (find(IdT(values[i]))) {
      out.push_back(IdT(values[i]));
      continue;
    }
    std::string hint = did_you_mean(values[i], known);
    source.error(list.IsSequence() && i < list.size() ? list[i] : list,
                 "unknown " + std::string(what) + quoted_id(values[i]),
                 hint.empty() ? "it must be in the register imported in the store" : hint);
  }
  return out;
}

// The keys of the people affected, one a line, from a file beside the
// incident's: blank lines and lines starting with '#' are skipped. Each key
// is added once; a repeat is an error at its line.
void read_keys_file(const YamlSource& source, const YAML::Node& node, const std::filesystem::path& base,
                    std::set<std::string>& seen, std::vector<std::string>& keys) {
  std::string name = node.IsScalar() ? std::string(trim(node.Scalar())) : std::string();
  if (name.empty()) {
    source.error(node, "expected a file name in 'affected.subjects_file'", "name a file of keys, one a line");
    return;
  }
  std::filesystem::path path = std::filesystem::path(name).is_absolute() ? std::filesystem::path(name) : base / name;
  std::string text;
  try {
    text = read_file(path);
  } catch (const Error& e) {
    source.error(node, e.what(), "name a readable file, relative to the incident file");
    return;
  }
  int line_no = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    ++line_no;
    std::string key(trim(std::string_view(text).substr(start, end - start)));
    start = end + 1;
    if (key.empty() || key.front() == '#') continue;
    if (!seen.insert(key).second)
      source.error(Location{path.string(), line_no, 1}, "subject listed twice among the people affected",
                   "keep one");
    else
      keys.push_back(key);
  }
}

Incident read(const YamlSource& source, const YAML::Node& root, const Register& reg, const Zone& zone,
              const std::filesystem::path& base) {
  Incident in;
  Fields top(source, root, "the incident",
             {"id", "title", "aware_at", "occurred_at", "ended_at", "ongoing", "discovery", "nature", "cause",
              "origin", "malicious", "activities", "data", "systems", "subjects", "records", "data_context",
              "context", "consequences", "measures_taken", "measures_planned", "cross_border", "notified_at",
              "late_reasons", "affected"});
  if (!top.is_map()) return in;
  in.id = top.text("id", Need::required);
  static const std::regex kId("[A-Za-z0-9][A-Za-z0-9._-]*");
  if (!in.id.empty() && !std::regex_match(in.id, kId))
    source.error(top.get("id"), "bad incident id" + quoted_id(in.id),
                 "use letters, digits, '.', '_' and '-', starting with a letter or digit");
  in.title = top.text("title", Need::required);
  if (auto t = top.instant("aware_at", zone, Need::required)) {
    in.aware_at = *t;
    if (*t + kNotificationClock > last_instant())
      source.error(top.get("aware_at"), "'aware_at' is so late that its 72-hour deadline would fall after 9999",
                   "give the time the controller became aware of the breach");
  }
  in.occurred_at = top.instant("occurred_at", zone);
  if (in.occurred_at && top.has("aware_at") && *in.occurred_at > in.aware_at)
    source.error(top.get("occurred_at"), "'occurred_at' is after 'aware_at'", "a breach is known after it happens");
  in.ended_at = top.instant("ended_at", zone);
  in.ongoing = top.flag("ongoing");
  if (in.ended_at && in.occurred_at && *in.ended_at < *in.occurred_at)
    source.error(top.get("ended_at"), "'ended_at' is before 'occurred_at'", "give when the breach stopped");
  if (in.ended_at && in.ongoing)
    source.error(top.get("ongoing"), "the breach is 'ongoing' but has an 'ended_at'",
                 "keep 'ended_at' if it has stopped, 'ongoing: true' if not");
  in.discovery = top.text("discovery");
  in.nature = top.choices("nature", breach_natures(), "breach nature");
  if (in.nature.empty() && !top.has("nature"))
    source.error(top.where("nature"), "missing 'nature' in the incident",
                 "list one or more of confidentiality, integrity, availability");
  if (auto c = top.choice("cause", breach_causes(), "cause", Need::required)) in.cause = *c;
  if (auto o = top.choice("origin", breach_origins(), "origin")) in.origin = *o;
  in.malicious = top.flag("malicious");
  std::vector<std::string> activities, categories;
  for (const Activity& a : reg.activities) activities.push_back(a.id.str());
  for (const DataCategory& c : reg.data_categories) categories.push_back(c.id.str());
  in.activities = references<ActivityId>(source, top, "activities", "activity", activities,
                                         [&](const ActivityId& id) { return reg.activity(id) != nullptr; });
  in.data = references<CategoryId>(source, top, "data", "data category", categories,
                                   [&](const CategoryId& id) { return reg.category(id) != nullptr; });
  in.systems = top.texts("systems");
  if (YAML::Node a = top.get("affected")) {
    Fields f(source, a, "'affected'", {"subjects", "subjects_file", "categories", "collected_from", "collected_until"});
    std::set<std::string> seen;
    for (const YAML::Node& item : f.items("subjects")) {
      std::string key = item.IsScalar() ? std::string(trim(item.Scalar())) : std::string();
      if (key.empty()) {
        source.error(item, "expected a subject key in 'affected.subjects'");
        continue;
      }
      if (!seen.insert(key).second) {
        source.error(item, "subject listed twice in 'affected.subjects'", "keep one");
        continue;
      }
      in.affected_subjects.push_back(key);
    }
    if (YAML::Node file = f.get("subjects_file")) read_keys_file(source, file, base, seen, in.affected_subjects);
    // Categories of people: those the incident's activities list.
    std::vector<std::string> known;
    for (const ActivityId& id : in.activities)
      if (const Activity* act = reg.activity(id))
        for (const std::string& c : act->subjects)
          if (std::find(known.begin(), known.end(), c) == known.end()) known.push_back(c);
    YAML::Node category_list = f.get("categories");
    std::vector<std::string> listed = f.texts("categories");
    for (std::size_t i = 0; i < listed.size(); ++i) {
      if (std::find(known.begin(), known.end(), listed[i]) != known.end()) {
        in.affected_categories.push_back(listed[i]);
        continue;
      }
      std::string hint = did_you_mean(listed[i], known);
      source.error(category_list.IsSequence() && i < category_list.size() ? category_list[i] : category_list,
                   "category of people" + quoted_id(listed[i]) + " is not among the incident's activities'",
                   hint.empty() ? "name one of: " + join(known, ", ") : hint);
    }
    in.collected_from = f.date("collected_from");
    in.collected_until = f.date("collected_until");
    if (in.collected_from && in.collected_until && *in.collected_until < *in.collected_from)
      source.error(f.get("collected_until"), "'collected_until' is before 'collected_from'",
                   "give the range's first day, then its last");
  }
  in.subjects_estimate = estimate(source, top, "subjects");
  in.records_estimate = estimate(source, top, "records");
  in.data_context = top.choice("data_context", data_contexts(), "data context");
  if (YAML::Node c = top.get("context")) {
    Fields f(source, c, "'context'",
             {"encryption", "backup", "exfiltration", "recipients", "recovered", "identifiability",
              "vulnerable_subjects", "disproportionate_effort", "unavailable_for"});
    if (f.is_map()) {
      BreachContext& x = in.context;
      if (auto v = f.choice("encryption", encryptions(), "encryption")) x.encryption = *v;
      if (auto v = f.choice("backup", backup_states(), "backup state")) x.backup = *v;
      if (auto v = f.choice("exfiltration", exfiltrations(), "exfiltration")) x.exfiltration = *v;
      if (auto v = f.choice("recipients", exposures(), "recipients")) x.recipients = *v;
      x.recovered = f.flag("recovered");
      if (auto v = f.choice("identifiability", identifiabilities(), "identifiability")) x.identifiability = *v;
      x.vulnerable_subjects = f.flag("vulnerable_subjects");
      x.disproportionate_effort = f.flag("disproportionate_effort");
      x.unavailable_for = f.duration("unavailable_for");
    }
  }
  in.consequences = top.text("consequences");
  in.measures_taken = top.texts("measures_taken");
  in.measures_planned = top.texts("measures_planned");
  in.cross_border = top.flag("cross_border");
  if (!top.text("notified_at").empty())
    source.error(top.get("notified_at"), "'notified_at' is not set in the file",
                 "record the notification with 'dpo breach notified " + in.id + " --at TIME'");
  in.late_reasons = top.text("late_reasons");
  return in;
}

bool before(const Diagnostic& a, const Diagnostic& b) {
  return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
}

}  // namespace

Incident parse_incident(std::string_view yaml_text, const std::string& file_name, const Register& reg,
                        const Zone& zone) {
  Diagnostics diagnostics;
  YamlSource source(file_name, diagnostics);
  YAML::Node root = parse_yaml(yaml_text, source);
  Incident in;
  // A file the incident names is found beside it (from standard input, in
  // the working directory).
  std::filesystem::path base =
      file_name == "<stdin>" ? std::filesystem::path(".") : std::filesystem::path(file_name).parent_path();
  if (base.empty()) base = ".";
  if (root && !root.IsNull())
    in = read(source, root, reg, zone, base);
  else if (diagnostics.empty())
    source.error(Location{file_name, 1, 1}, "empty incident file",
                 "start from examples/training-org/incidents/laptop-theft.yaml");
  if (!diagnostics.empty()) {
    std::vector<Diagnostic> sorted = diagnostics.items();
    std::stable_sort(sorted.begin(), sorted.end(), before);
    throw InputError(quote(file_name), std::move(sorted));
  }
  return in;
}

Incident load_incident(const std::filesystem::path& path, const Register& reg, const Zone& zone) {
  if (path == "-") {
    std::string text = read_stdin();
    return parse_incident(text, "<stdin>", reg, zone);
  }
  return parse_incident(read_file(path), path.string(), reg, zone);
}

}  // namespace dpo::manifest
