#include "manifest/fides_file.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <tuple>
#include <type_traits>

#include "base/file.h"
#include "manifest/fides_taxonomy.h"
#include "manifest/register_file.h"
#include "manifest/yaml_fields.h"

namespace dpo::manifest {

namespace {

using namespace model;

constexpr std::string_view kNoPlace = "no place in the register";
constexpr std::string_view kNoCountry =
    "a transfer needs its destination country, which Fides does not give: add it to the activity's transfers";

// Why a field has no place, where more can be said than kNoPlace.
struct Why {
  std::string_view key;
  std::string_view reason;
};
constexpr Why kWhy[] = {
    {"does_international_transfers", kNoCountry},
    {"legal_basis_for_transfers", kNoCountry},
    {"egress", "flows between systems have no place in the register"},
    {"ingress", "flows between systems have no place in the register"},
    {"dpo", "the register's DPO is the organization's data_protection_officer"},
    {"dataset", "a dataset says where data is stored, not why it is processed"},
    {"shared_categories", "the register lists an activity's recipients, not what each receives"},
    {"processes_special_category_data", "the register knows special categories from data_categories"},
    {"uses_profiling",
     "a WP248 criterion needs a DPIA status: add requires_data_protection_assessments, or record it in the "
     "activity's dpia criteria"},
    {"flexible_legal_basis_for_processing", "the register holds the legal basis chosen, not whether it may change"},
    {"impact_assessment_location", "the register records a DPIA's status and dates, not where it is filed"},
    {"third_parties", "data_shared_with_third_parties is false"},
    {"dpa_location", "the register records a processor and its DPA, not where the DPA is filed: add the processor"},
};

std::string_view why(std::string_view key) {
  for (const Why& w : kWhy)
    if (w.key == key) return w.reason;
  return kNoPlace;
}

// Whether a value carries anything: null, "", [] and {} say nothing.
bool says_something(const YAML::Node& n) {
  if (!n || n.IsNull()) return false;
  if (n.IsScalar()) return !trim(n.Scalar()).empty();
  return n.size() > 0;
}

// A taxonomy entry a manifest defines (data_category:, data_use:, data_subject:).
struct Custom {
  std::string label;
  std::string parent;
  Location where;         ///< its fides_key
  Location parent_where;  ///< its parent_key, else its fides_key
  std::string written;    ///< its parent_key as the manifest gives it, if it does
};
using Customs = std::map<std::string, Custom>;

// A key resolved: its label, the default entry it is (or descends from).
template <class Entry>
struct Found {
  std::string label;
  const Entry* base = nullptr;
  bool inherited = false;  ///< not a key of the table: read as a kind of `base`
  bool custom = false;     ///< defined by the manifests
};

template <class Entry>
std::optional<Found<Entry>> find_key(std::span<const Entry> table, const Customs& customs, const std::string& key) {
  if (auto it = customs.find(key); it != customs.end()) {
    std::string parent = it->second.parent;
    for (int hops = 0; customs.count(parent) && hops < 64; ++hops) parent = customs.at(parent).parent;
    return Found<Entry>{it->second.label, nearest(table, parent), false, true};
  }
  const Entry* base = nearest(table, key);
  if (!base) return std::nullopt;
  if (base->key == key) return Found<Entry>{std::string(base->label), base};
  // A root (`user`) says too little: `user.heath` is a typo, not a kind of user data.
  if (base->key.find('.') == std::string_view::npos) return std::nullopt;
  return Found<Entry>{std::string(base->label) + " (" + key.substr(key.rfind('.') + 1) + ")", base, true};
}

template <class Entry>
std::vector<std::string> all_keys(std::span<const Entry> table, const Customs& customs) {
  std::vector<std::string> out;
  for (const Entry& e : table) out.emplace_back(e.key);
  for (const auto& entry : customs) out.push_back(entry.first);
  return out;
}

// A period written as ISO 8601 or as one number and unit ("3 years", "18
// months"); any other text ("until the contract ends") is no period.
std::optional<Duration> period_of(const std::string& text) {
  if (Parsed<Duration> iso = Duration::parse(std::string(trim(text)))) return *iso;
  static const std::regex kPeriod(R"(\s*([0-9]{1,4})\s*(year|month|week|day)s?\s*)", std::regex::icase);
  std::smatch m;
  if (!std::regex_match(text, m, kPeriod)) return std::nullopt;
  int n = std::stoi(m[1].str());
  char unit = static_cast<char>(std::tolower(static_cast<unsigned char>(m[2].str()[0])));
  Duration d;
  if (unit == 'y') d.years = n;
  if (unit == 'm') d.months = n;
  if (unit == 'w') d.days = 7 * n;
  if (unit == 'd') d.days = n;
  return d;
}

class FidesReader {
 public:
  FidesReader(const FidesController& controller, Diagnostics& errors) : options_(controller), errors_(errors) {}

  // Pass 1: what other entries refer to (taxonomy entries) and the organization.
  // Whether `root` is a mapping: a manifest that is none is reported, and
  // read no further.
  bool read_definitions(const YamlSource& source, const YAML::Node& root) {
    Fields top(source, root, "a Fides manifest",
               {"system", "organization", "dataset", "data_category", "data_use", "data_subject", "data_qualifier",
                "policy", "registry", "evaluation"});
    if (!top.is_map()) return false;
    for (const YAML::Node& system : top.items("system")) systems_.push_back({&source, system});
    define(source, top, "data_category", categories_);
    define(source, top, "data_use", uses_);
    define(source, top, "data_subject", subjects_);
    std::vector<YAML::Node> orgs = top.items("organization");
    for (std::size_t i = 0; i < orgs.size(); ++i)
      read_organization(source, orgs[i], "organization[" + std::to_string(i) + "]");
    for (std::string_view key : {"dataset", "data_qualifier", "policy", "registry", "evaluation"}) {
      std::vector<YAML::Node> items = top.items(key);
      for (std::size_t i = 0; i < items.size(); ++i)
        note(source, items[i], std::string(key) + "[" + std::to_string(i) + "]", why(key));
    }
    return true;
  }

  // Pass 2: each system's privacy declarations become activities.
  void read_systems() {
    std::map<const YamlSource*, int> index;  // system[N] counts within its file
    for (const auto& [source, node] : systems_)
      read_system(*source, node, "system[" + std::to_string(index[source]++) + "]");
  }

  // Each parent_key a manifest gives names a default key or another
  // entry of the manifests: the kind of a custom entry comes from it.
  void check_parents() {
    check_parents(categories_, fides::data_categories(), "data_category");
    check_parents(uses_, fides::data_uses(), "data_use");
    check_parents(subjects_, fides::data_subjects(), "data_subject");
  }

  // What the manifests as a whole must give, and what the command line gives.
  // When a manifest could not be read (`complete` false), what it may have
  // held is not missing: only its own problem is reported.
  FidesImport finish(const std::string& input, bool complete) {
    Controller& c = reg_.controller;
    if (!options_.name.empty()) c.name = options_.name;
    if (c.name.empty() && complete)
      errors_.add(Location{input, 0, 0}, "no organization names the controller",
                  "add an organization with a name, or give --name");
    if (systems_.empty() && complete)
      errors_.add(Location{input, 0, 0}, "no system in the manifests",
                  "each privacy declaration of a Fides system becomes an activity of the register");
    c.country = options_.country;
    c.timezone = options_.timezone;
    c.language = options_.language;
    for (Purpose& p : reg_.purposes) {
      p.consent_required = consent_purposes_.contains(p.id.str());
      p.explicit_consent = explicit_purposes_.contains(p.id.str());
    }
    return FidesImport{std::move(reg_), std::move(notes_)};
  }

 private:
  const FidesController& options_;
  Diagnostics& errors_;
  Register reg_;
  std::vector<Diagnostic> notes_;
  Customs categories_, uses_, subjects_;
  std::map<std::string, Location> systems_seen_, activities_seen_;
  std::set<std::string> consent_purposes_, explicit_purposes_;
  std::vector<std::pair<const YamlSource*, YAML::Node>> systems_;
  int organizations_ = 0;

  template <class Entry>
  void check_parents(const Customs& customs, std::span<const Entry> table, std::string_view section) {
    for (const auto& entry : customs) {
      const std::string& parent = entry.second.parent;
      if (parent.empty() || customs.count(parent)) continue;
      const Entry* base = nearest(table, parent);
      if (base && base->key == parent) continue;
      if (!entry.second.written.empty() && entry.second.written != parent) continue;  // reported as a mismatch
      if (entry.second.written.empty()) {
        errors_.add(entry.second.where,
                    std::string(section) + quoted_id(entry.first) + " has no parent_key, and its parent '" + parent +
                        "' is neither a fideslang key nor defined in the manifests",
                    "define '" + parent + "' under " + std::string(section) + " too, or place the key below a " +
                        "fideslang key, with that key as its parent_key");
        continue;
      }
      std::string hint = did_you_mean(parent, all_keys(table, customs));
      errors_.add(entry.second.parent_where,
                  "unknown parent_key" + quoted_id(parent) + " of " + std::string(section) + quoted_id(entry.first),
                  hint.empty() ? "name a fideslang key, or define the parent too" : hint);
    }
  }

  void note(const YamlSource& source, const YAML::Node& node, const std::string& path, std::string_view reason) {
    notes_.push_back(Diagnostic{source.at(node), "not imported: " + path, std::string(reason)});
  }

  // Notes every field of `fields` that says something and is not `used`.
  void rest(const YamlSource& source, const Fields& fields, const std::string& path,
            const std::vector<std::string_view>& used) {
    if (!fields.is_map()) return;
    for (auto it = fields.node().begin(); it != fields.node().end(); ++it) {
      if (!it->first.IsScalar()) continue;
      const std::string& key = it->first.Scalar();
      if (std::find(used.begin(), used.end(), key) != used.end() || !says_something(it->second)) continue;
      note(source, it->first, path + "." + key, why(key));
    }
  }

  void define(const YamlSource& source, const Fields& top, std::string_view section, Customs& customs) {
    std::vector<YAML::Node> items = top.items(section);
    for (std::size_t i = 0; i < items.size(); ++i) {
      std::string path = std::string(section) + "[" + std::to_string(i) + "]";
      Fields f(source, items[i], "a " + std::string(section) + " entry",
               {"fides_key", "name", "description", "parent_key", "organization_fides_key", "tags", "is_default",
                "version_added", "version_deprecated", "replaced_by", "active"});
      std::string key = f.text("fides_key", Need::required);
      if (key.empty()) continue;
      if (!valid_id(key)) {
        source.error(f.get("fides_key"), "fides_key" + quoted_id(key) + " cannot be a register id",
                     "use letters, digits, '.', '_' and '-'");
        continue;
      }
      std::string name = f.text("name");
      // As fideslang: a parent_key is the fides_key without its last part,
      // so that a key below an Art. 9 branch takes its kind, and no two
      // entries are each other's parent.
      std::string written = f.text("parent_key");
      std::string parent = key.rfind('.') == std::string::npos ? "" : key.substr(0, key.rfind('.'));
      if (!written.empty() && written != parent)
        source.error(f.get("parent_key"),
                     "parent_key" + quoted_id(written) + " of " + std::string(section) + quoted_id(key) +
                         " does not match its fides_key",
                     parent.empty() ? "a fides_key without '.' has no parent: remove parent_key"
                                    : "a parent_key is the fides_key without its last part: write parent_key: " +
                                          parent + ", or rename the key below '" + written + "'");
      auto [it, added] = customs.emplace(key, Custom{name.empty() ? key : name, parent, f.where("fides_key"),
                                                     f.where("parent_key"), written});
      if (!added)
        source.error(f.get("fides_key"), "duplicate " + std::string(section) + quoted_id(key),
                     "first defined at " + it->second.where.str());
      rest(source, f, path, {"fides_key", "name", "parent_key"});
    }
  }

  // Refuses a controller's name of several lines, as --name does.
  static void one_line(const YamlSource& source, const YAML::Node& node, const std::string& name,
                       const std::string& path) {
    if (name.find_first_of("\t\r\n") == std::string::npos) return;
    source.error(node, path + ", the controller's name, must be one line",
                 "write it on one line (a '|' block keeps its line breaks), or give --name");
  }

  // Reads one contact block of the organization into the controller: its
  // own (address, contact), its DPO's, or its representative's, returned as
  // one line ("name, address, email, phone") for the register's one field.
  std::string contact(const YamlSource& source, const Fields& org, std::string_view key, const std::string& path,
                      Controller& c) {
    Fields f(source, org.get(key), "'" + path + "." + std::string(key) + "'", {"name", "address", "email", "phone"});
    if (!f.is_map()) return {};
    std::string name = f.text("name"), address = f.text("address"), email = f.text("email"), phone = f.text("phone");
    if (key == "controller") {
      if (c.name.empty() && options_.name.empty()) one_line(source, f.get("name"), name, path + ".controller.name");
      c.address = address;
      c.contact = !email.empty() ? email : phone;
      if (c.name.empty())
        c.name = name;
      else if (!name.empty())
        note(source, f.get("name"), path + ".controller.name", "the organization's name names the controller");
      if (!email.empty() && !phone.empty())
        note(source, f.get("phone"), path + ".controller.phone", "the register keeps one contact");
      return {};
    }
    if (key == "data_protection_officer") {
      c.dpo = Dpo{name, email, phone, {}};
      if (!address.empty()) note(source, f.get("address"), path + ".data_protection_officer.address", kNoPlace);
      return {};
    }
    std::string joined;
    for (const std::string* part : {&name, &address, &email, &phone})
      if (!part->empty()) joined += (joined.empty() ? "" : ", ") + *part;
    return joined;
  }

  void read_organization(const YamlSource& source, const YAML::Node& n, const std::string& path) {
    Fields f(source, n, "an organization",
             {"fides_key", "organization_fides_key", "tags", "name", "description", "parent_key", "controller",
              "data_protection_officer", "representative", "security_policy", "fidesctl_meta"});
    if (!f.is_map()) return;
    if (++organizations_ > 1) {
      source.error(n, "a second organization in the manifests", "import one organization's manifests at a time");
      return;
    }
    Controller& c = reg_.controller;
    c.name = f.text("name");
    if (options_.name.empty()) one_line(source, f.get("name"), c.name, path + ".name");
    if (!options_.name.empty() && !c.name.empty())
      note(source, f.get("name"), path + ".name", "--name gives the controller's name");
    if (f.has("controller")) contact(source, f, "controller", path, c);
    if (f.has("data_protection_officer")) contact(source, f, "data_protection_officer", path, c);
    if (f.has("representative")) c.representative = contact(source, f, "representative", path, c);
    rest(source, f, path, {"name", "controller", "data_protection_officer", "representative"});
  }

  // The keys listed under `key` (required), each with its node.
  static std::vector<std::pair<YAML::Node, std::string>> keys(const YamlSource& source, const Fields& f,
                                                              std::string_view key) {
    std::vector<std::pair<YAML::Node, std::string>> out;
    for (const YAML::Node& item : f.items(key, Need::required)) {
      if (!item.IsScalar() || trim(item.Scalar()).empty())
        source.error(item, "expected a fideslang key in '" + std::string(key) + "'", "write one key per item");
      else
        out.emplace_back(item, item.Scalar());
    }
    return out;
  }

  // The entry of `key`, a default one or one the manifests define under
  // `section`; notes a key read as a kind of a known one, and reports an
  // unknown key or one the register cannot take as an id.
  template <class Entry>
  std::optional<Found<Entry>> resolve(const YamlSource& source, const YAML::Node& item, const std::string& key,
                                      std::span<const Entry> table, const Customs& customs, std::string_view section) {
    std::string what = std::string(section == "data_category" ? "data category"
                                   : section == "data_use"    ? "data use"
                                                              : "data subject");
    auto found = find_key(table, customs, key);
    if (!found) {
      std::string hint = did_you_mean(key, all_keys(table, customs));
      source.error(item, "unknown fideslang " + what + quoted_id(key),
                   hint.empty() ? "define it under " + std::string(section) +
                                      (section == "data_subject" ? "" : ", with its parent_key")
                                : hint);
      return std::nullopt;
    }
    if constexpr (std::is_same_v<Entry, fides::CategoryEntry>) {
      if (found->inherited && fides::mixes_kinds(*found->base)) {
        source.error(item,
                     what + quoted_id(key) + " is not in fideslang's taxonomy, and '" + std::string(found->base->key) +
                         "' holds keys of several kinds, Art. 9 ones among them",
                     "define it under data_category as a child of the key of its kind below '" +
                         std::string(found->base->key) + "', that key as its parent_key");
        return std::nullopt;
      }
    }
    if (found->inherited)
      notes_.push_back(Diagnostic{source.at(item), what + quoted_id(key) + " is not in fideslang's taxonomy",
                                  "read as a kind of '" + std::string(found->base->key) + "'"});
    if (!valid_id(key)) {
      source.error(item, what + quoted_id(key) + " cannot be a register id", "use letters, digits, '.', '_' and '-'");
      return std::nullopt;
    }
    return found;
  }

  std::optional<CategoryId> category(const YamlSource& source, const YAML::Node& item, const std::string& key) {
    auto found = resolve(source, item, key, fides::data_categories(), categories_, "data_category");
    if (!found) return std::nullopt;
    CategoryId id(key);
    if (!reg_.category(id)) {
      DataCategory c;
      c.id = id;
      c.label = found->label;
      c.kind = found->base ? found->base->kind : DataKind::other;
      c.special = c.kind == DataKind::special;
      reg_.data_categories.push_back(std::move(c));
      // Defined below a branch of mixed kinds, it takes the branch's kind,
      // which may not be its own: said, so that the DPO may place it better.
      if (found->custom && found->base && fides::mixes_kinds(*found->base))
        notes_.push_back(Diagnostic{categories_.at(key).where,
                                    "data_category" + quoted_id(key) + " takes the kind of '" +
                                        std::string(found->base->key) + "', which also holds Art. 9 keys",
                                    "if it is special category data, define it below the Art. 9 key of its kind"});
    }
    return id;
  }

  std::optional<PurposeId> purpose(const YamlSource& source, const YAML::Node& item, const std::string& key) {
    auto found = resolve(source, item, key, fides::data_uses(), uses_, "data_use");
    if (!found) return std::nullopt;
    PurposeId id(key);
    if (!reg_.purpose(id)) {
      Purpose p;
      p.id = id;
      p.label = found->label;
      p.marketing = found->base && found->base->marketing;
      if (found->base && found->base->channel) p.channels.push_back(*found->base->channel);
      reg_.purposes.push_back(std::move(p));
    }
    return id;
  }

  std::vector<std::string> subjects(const YamlSource& source, const Fields& f) {
    std::vector<std::string> out;
    for (const auto& [node, key] : keys(source, f, "data_subjects")) {
      auto found = resolve(source, node, key, fides::data_subjects(), subjects_, "data_subject");
      if (found && std::find(out.begin(), out.end(), found->label) == out.end()) out.push_back(found->label);
    }
    return out;
  }

  void read_system(const YamlSource& source, const YAML::Node& n, const std::string& path) {
    Fields f(source, n, "a system",
             {"fides_key",
              "organization_fides_key",
              "tags",
              "name",
              "description",
              "meta",
              "fidesctl_meta",
              "system_type",
              "egress",
              "ingress",
              "privacy_declarations",
              "administrating_department",
              "vendor_id",
              "previous_vendor_id",
              "vendor_deleted_date",
              "dataset_references",
              "processes_personal_data",
              "exempt_from_privacy_regulations",
              "reason_for_exemption",
              "uses_profiling",
              "legal_basis_for_profiling",
              "does_international_transfers",
              "legal_basis_for_transfers",
              "requires_data_protection_assessments",
              "dpa_location",
              "dpa_progress",
              "privacy_policy",
              "legal_name",
              "legal_address",
              "responsibility",
              "dpo",
              "joint_controller_info",
              "data_security_practices",
              "cookie_max_age_seconds",
              "uses_cookies",
              "cookie_refresh",
              "uses_non_cookie_access",
              "legitimate_interest_disclosure_url",
              "cookies",
              "data_stewards",
              "system_dependencies",
              "third_country_transfers",
              "joint_controller",
              "data_responsibility_title",
              "data_protection_impact_assessment",
              "registry_id",
              "user_id"});
    if (!f.is_map()) return;
    std::string key = f.text("fides_key", Need::required);
    if (!key.empty() && !valid_id(key))
      source.error(f.get("fides_key"), "system fides_key" + quoted_id(key) + " cannot be a register id",
                   "use letters, digits, '.', '_' and '-'");
    else if (!key.empty()) {
      auto [it, added] = systems_seen_.emplace(key, f.where("fides_key"));
      if (!added)
        source.error(f.get("fides_key"), "duplicate system" + quoted_id(key), "first defined at " + it->second.str());
    }
    // What every activity of the system shares.
    Activity shared;
    std::string name = f.text("name");
    shared.description = f.text("description");
    shared.joint_controller = f.text("joint_controller_info");
    if (std::string s = f.text("data_security_practices"); !trim(s).empty()) shared.security.push_back(s);
    if (f.has("requires_data_protection_assessments"))
      shared.dpia.status = f.flag("requires_data_protection_assessments") ? Dpia::required : Dpia::not_required;
    bool profiling = f.flag("uses_profiling");
    if (profiling && shared.dpia.status) shared.dpia.criteria.push_back(DpiaCriterion::evaluation);
    std::vector<std::string_view> used{"fides_key",
                                       "name",
                                       "description",
                                       "joint_controller_info",
                                       "data_security_practices",
                                       "requires_data_protection_assessments",
                                       "privacy_declarations"};
    if (profiling && shared.dpia.status) used.push_back("uses_profiling");
    std::vector<YAML::Node> declarations = f.items("privacy_declarations", Need::required);
    if (declarations.empty() && f.get("privacy_declarations").IsSequence())
      notes_.push_back(Diagnostic{f.where("privacy_declarations"),
                                  path + " has no privacy declaration: nothing imported from it",
                                  "each privacy declaration becomes an activity of the register"});
    for (std::size_t i = 0; i < declarations.size(); ++i)
      read_declaration(source, declarations[i], path + ".privacy_declarations[" + std::to_string(i) + "]", key,
                       name.empty() ? key : name, shared);
    rest(source, f, path, used);
  }

  void read_declaration(const YamlSource& source, const YAML::Node& n, const std::string& path,
                        const std::string& system, const std::string& system_name, const Activity& shared) {
    Fields f(source, n, "a privacy declaration",
             {"name",
              "data_categories",
              "data_use",
              "data_qualifier",
              "data_subjects",
              "dataset_references",
              "egress",
              "ingress",
              "features",
              "legal_basis_for_processing",
              "flexible_legal_basis_for_processing",
              "impact_assessment_location",
              "retention_period",
              "processes_special_category_data",
              "special_category_legal_basis",
              "data_shared_with_third_parties",
              "third_parties",
              "shared_categories",
              "cookies",
              "id",
              "legal_basis_for_profiling"});
    if (!f.is_map()) return;
    Activity a = shared;
    std::string use = f.text("data_use", Need::required);
    std::optional<PurposeId> purpose_id = use.empty() ? std::nullopt : purpose(source, f.get("data_use"), use);
    std::string label = f.text("name");
    if (label.empty() && purpose_id) label = reg_.purpose(*purpose_id)->label;
    a.name = system_name + ": " + label;
    // One activity per declaration, named by its system and use.
    std::string id = system + "." + use;
    for (int k = 2; activities_seen_.count(id); ++k) id = system + "." + use + "-" + std::to_string(k);
    activities_seen_.emplace(id, source.at(n));
    a.id = ActivityId(id);
    if (purpose_id) a.purposes.push_back(*purpose_id);

    for (const auto& [node, key] : keys(source, f, "data_categories"))
      if (std::optional<CategoryId> c = category(source, node, key))
        if (std::find(a.data.begin(), a.data.end(), *c) == a.data.end()) a.data.push_back(*c);
    a.subjects = subjects(source, f);

    if (auto basis = f.choice("legal_basis_for_processing", fides::legal_bases(), "fideslang legal basis")) {
      a.bases.push_back(BasisUse{*basis, {}});
      if (*basis == LegalBasis::consent && purpose_id) consent_purposes_.insert(purpose_id->str());
    }
    a.special_condition =
        f.choice("special_category_legal_basis", fides::special_conditions(), "fideslang special category basis");
    // Consent to special category data is the explicit consent of Art. 9(2)(a).
    if (a.special_condition == SpecialCondition::explicit_consent && purpose_id && !a.bases.empty() &&
        a.bases.front().basis == LegalBasis::consent)
      explicit_purposes_.insert(purpose_id->str());

    bool shared_out = f.flag("data_shared_with_third_parties", true);
    std::string third = f.text("third_parties");
    if (shared_out && !trim(third).empty()) a.recipients.push_back(third);

    std::string retention = f.text("retention_period");
    if (!trim(retention).empty() && !a.data.empty()) {
      RetentionRule rule;
      rule.data = a.data;
      std::optional<Duration> keep = period_of(retention);
      if (!keep)
        notes_.push_back(Diagnostic{source.at(f.get("retention_period")),
                                    "retention_period of " + path + " is no period dpokit reads",
                                    "kept as a rule to review at collection (P0D) with its text as basis: write "
                                    "the period, its start and its action in the register"});
      rule.keep = keep.value_or(Duration{});
      rule.action = RetentionAction::review;
      rule.basis = "Fides retention_period: " + retention;
      a.retention.push_back(std::move(rule));
    }
    reg_.activities.push_back(std::move(a));

    std::vector<std::string_view> used{"name",
                                       "data_categories",
                                       "data_use",
                                       "data_subjects",
                                       "legal_basis_for_processing",
                                       "special_category_legal_basis",
                                       "data_shared_with_third_parties",
                                       "retention_period"};
    if (shared_out) used.push_back("third_parties");
    rest(source, f, path, used);
  }
};

bool is_merge_key(const YAML::Node& key) { return key.IsScalar() && key.Tag() == "?" && key.Scalar() == "<<"; }

// Expands YAML 1.1 merge keys (`<<: *declaration`), as PyYAML, and so Fides,
// does and yaml-cpp does not: a mapping takes each key of the mappings it
// merges that it does not give itself, the first merged mapping first.
// `seen` holds the collections expanded (an alias repeats one).
void expand_merges(const YAML::Node& node, const YamlSource& source, std::set<std::pair<int, int>>& seen) {
  if (!node || !(node.IsMap() || node.IsSequence())) return;
  if (!seen.emplace(node.Mark().pos, static_cast<int>(node.Type())).second) return;
  if (node.IsSequence()) {
    for (const YAML::Node& child : node) expand_merges(child, source, seen);
    return;
  }
  std::vector<YAML::Node> merged;
  bool merges = false;
  for (auto it = node.begin(); it != node.end(); ++it) {
    expand_merges(it->second, source, seen);
    if (!is_merge_key(it->first)) continue;
    merges = true;
    std::vector<YAML::Node> maps;
    if (it->second.IsSequence())
      for (const YAML::Node& m : it->second) maps.push_back(m);
    else
      maps.push_back(it->second);
    for (const YAML::Node& m : maps) {
      if (m.IsMap())
        merged.push_back(m);
      else
        source.error(m, "bad YAML: '<<' merges a mapping, or a list of mappings",
                     "name a mapping's anchor: <<: *declaration");
    }
  }
  if (!merges) return;
  YAML::Node map = node;
  while (map.remove("<<")) {
  }
  std::set<std::string> given;
  for (auto it = map.begin(); it != map.end(); ++it)
    if (it->first.IsScalar()) given.insert(it->first.Scalar());
  for (const YAML::Node& m : merged)
    for (auto it = m.begin(); it != m.end(); ++it)
      if (it->first.IsScalar() && given.insert(it->first.Scalar()).second) map.force_insert(it->first, it->second);
}

struct Read {
  std::string name;
  std::unique_ptr<YamlSource> source;
  YAML::Node root;
};

}  // namespace

FidesImport read_fides(const std::vector<FidesManifest>& manifests, const FidesController& controller,
                       const std::string& input) {
  Diagnostics errors;
  FidesReader reader(controller, errors);
  std::vector<Read> read;
  for (const FidesManifest& m : manifests) {
    auto source = std::make_unique<YamlSource>(m.name, errors);
    YAML::Node root = parse_yaml(m.text, *source);
    std::set<std::pair<int, int>> seen;
    expand_merges(root, *source, seen);
    if (root && root.IsNull())
      source->error(Location{m.name, 1, 1}, "empty manifest", "remove the file, or describe a system in it");
    read.push_back(Read{m.name, std::move(source), root});
  }
  // Definitions from every manifest first, so that a system may use a data
  // category another file defines.
  bool complete = true;
  for (const Read& r : read)
    complete = r.root && !r.root.IsNull() && reader.read_definitions(*r.source, r.root) && complete;
  reader.check_parents();
  reader.read_systems();
  FidesImport out = reader.finish(input, complete);

  // Report in the manifests' order, then each file's line order.
  auto order = [&](const Diagnostic& a, const Diagnostic& b) {
    auto rank = [&](const Diagnostic& d) {
      auto it = std::find_if(manifests.begin(), manifests.end(),
                             [&](const FidesManifest& m) { return m.name == d.where.file; });
      return std::make_tuple(it - manifests.begin(), d.where.line, d.where.column);
    };
    return rank(a) < rank(b);
  };
  if (!errors.empty()) {
    std::vector<Diagnostic> sorted = errors.items();
    std::stable_sort(sorted.begin(), sorted.end(), order);
    throw InputError(quote(input), std::move(sorted), errors.size());
  }
  std::stable_sort(out.notes.begin(), out.notes.end(), order);
  return out;
}

FidesImport load_fides(const std::filesystem::path& path, const FidesController& controller) {
  std::vector<FidesManifest> manifests;
  if (path == "-") {
    manifests.push_back({"<stdin>", read_stdin()});
  } else if (std::filesystem::is_directory(path)) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(path)) {
      std::string ext = entry.path().extension().string();
      if ((ext == ".yml" || ext == ".yaml") && !entry.is_directory()) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    if (files.empty())
      throw InputError(quote(path.string()),
                       {Diagnostic{Location{path.string(), 0, 0}, "no .yml or .yaml manifest in the directory",
                                   "name the directory that holds the Fides manifests"}});
    for (const auto& file : files) manifests.push_back({file.string(), read_file(file)});
  } else {
    manifests.push_back({path.string(), read_file(path)});
  }
  return read_fides(manifests, controller, path == "-" ? "<stdin>" : path.string());
}

}  // namespace dpo::manifest
