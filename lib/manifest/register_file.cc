#include "manifest/register_file.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <regex>
#include <set>
#include <tuple>

#include "base/file.h"
#include "manifest/yaml_fields.h"
#include "model/countries.h"

namespace dpo::manifest {

namespace {

using namespace model;

// The ids of one kind of entry, with where each was defined, for duplicate and
// dangling-reference checks.
class Ids {
 public:
  Ids(const YamlSource& source, std::string kind) : source_(source), kind_(std::move(kind)) {}

  void define(const std::string& id, const Location& where) {
    if (id.empty()) return;
    if (!valid_id(id)) {
      source_.error(where, "bad " + kind_ + " id" + quoted_id(id),
                    "use letters, digits, '.', '_' and '-', starting with a letter or digit");
      return;
    }
    auto [it, added] = defined_.emplace(id, where);
    if (!added) source_.error(where, "duplicate " + kind_ + " id '" + id + "'", "first defined at " + it->second.str());
  }

  /// Reports `id` at `node` unless it was defined.
  bool check(const std::string& id, const YAML::Node& node) const {
    if (id.empty() || defined_.count(id)) return !id.empty();
    std::vector<std::string> all;
    for (const auto& [k, v] : defined_) all.push_back(k);
    std::string hint = did_you_mean(id, all);
    if (hint.empty()) hint = "define it under " + section();
    source_.error(node, "unknown " + kind_ + quoted_id(id), hint);
    return false;
  }

 private:
  std::string section() const {
    if (kind_ == "data category") return "'data_categories'";
    return "'" + kind_ + "s'";
  }
  const YamlSource& source_;
  std::string kind_;
  std::map<std::string, Location> defined_;
};

class RegisterReader {
 public:
  explicit RegisterReader(const YamlSource& source)
      : source_(source),
        categories_(source, "data category"),
        purposes_(source, "purpose"),
        processors_(source, "processor"),
        activities_(source, "activity") {}

  Register read(const YAML::Node& root) {
    Register reg;
    Fields top(source_, root, "the register",
               {"version", "controller", "data_categories", "purposes", "processors", "activities"});
    if (!top.is_map()) return reg;
    std::optional<int> version = top.integer("version", Need::required);
    if (version && *version != 1)
      source_.error(top.get("version"), "unsupported register version " + std::to_string(*version),
                    "this dpokit reads version 1");
    reg.controller = read_controller(top);
    // Definitions first, whatever their order in the file, so references resolve.
    for (const YAML::Node& n : top.items("data_categories")) reg.data_categories.push_back(read_category(n));
    for (const YAML::Node& n : top.items("purposes")) reg.purposes.push_back(read_purpose(n));
    for (const YAML::Node& n : top.items("processors")) reg.processors.push_back(read_processor(n));
    for (const YAML::Node& n : top.items("activities")) reg.activities.push_back(read_activity(n, reg));
    return reg;
  }

 private:
  const YamlSource& source_;
  Ids categories_, purposes_, processors_, activities_;

  void check_country(const Fields& f, std::string_view key, std::string& out, Need need) {
    out = f.text(key, need);
    if (out.empty()) return;
    if (Countries::builtin().find(out)) return;
    std::string upper = out;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
    std::string hint = Countries::builtin().find(upper) ? "did you mean '" + upper + "'?"
                                                         : "expected an ISO 3166-1 alpha-2 code like FR or US";
    source_.error(f.get(key), "unknown country" + quoted_id(out), hint);
  }

  Controller read_controller(const Fields& top) {
    Controller c;
    if (!top.has("controller")) {
      source_.error(top.node(), "missing 'controller' in the register");
      return c;
    }
    Fields f(source_, top.get("controller"), "'controller'",
             {"name", "id", "address", "sector", "headcount", "contact", "dpo", "representative", "public_body",
              "authority", "country", "timezone", "language", "reviewed", "suppression"});
    if (!f.is_map()) return c;
    c.name = f.text("name", Need::required);
    if (f.has("id")) {
      Fields id(source_, f.get("id"), "'controller.id'", {"siren"});
      c.siren = id.text("siren");
      if (!c.siren.empty() && !std::regex_match(c.siren, std::regex("[0-9]{9}")))
        source_.error(id.get("siren"), "bad SIREN" + quoted_id(c.siren), "a SIREN is nine digits");
    }
    c.address = f.text("address");
    c.sector = f.text("sector");
    if (std::optional<int> n = f.integer("headcount")) {
      if (*n < 1)
        source_.error(f.get("headcount"), "a headcount of " + std::to_string(*n) + " people",
                      "give the number of staff, 1 or more");
      else
        c.headcount = *n;
    }
    c.contact = f.text("contact");
    if (f.has("dpo")) {
      Fields d(source_, f.get("dpo"), "'controller.dpo'", {"name", "email", "phone", "designation"});
      Dpo dpo{d.text("name"), d.text("email"), d.text("phone"), d.text("designation")};
      if (!dpo.email.empty() && dpo.email.find('@') == std::string::npos)
        source_.error(d.get("email"), "bad email address for the DPO", "an address has an '@'");
      if (d.is_map()) c.dpo = dpo;
    }
    c.representative = f.text("representative");
    c.public_body = f.flag("public_body");
    c.authority = f.text("authority");
    check_country(f, "country", c.country, Need::required);
    std::string tz = f.text("timezone", Need::required);
    if (!tz.empty()) {
      Parsed<Zone> zone = Zone::find(tz);
      if (zone) {
        c.timezone = tz;
      } else {
        source_.error(f.get("timezone"), zone.error(), "use an IANA name like Europe/Paris");
      }
    }
    std::string lang = f.text("language");
    if (!lang.empty()) {
      if (lang == "en" || lang == "fr")
        c.language = lang;
      else
        source_.error(f.get("language"), "unsupported language '" + lang + "'", "expected en or fr");
    }
    c.reviewed = f.date("reviewed");
    if (std::optional<Duration> d = f.duration("suppression")) {
      if (d->is_zero())
        source_.error(f.get("suppression"), "a suppression period of zero lists nobody",
                      "give how long erased or objecting people stay listed, such as P3Y");
      else
        c.suppression = *d;
    }
    return c;
  }

  DataCategory read_category(const YAML::Node& n) {
    DataCategory c;
    Fields f(source_, n, "a data category", {"id", "label", "kind", "special", "free_text"});
    c.id = CategoryId(f.text("id", Need::required));
    categories_.define(c.id.str(), f.where("id"));
    c.label = f.text("label", Need::required);
    c.special = f.flag("special");
    c.kind = f.choice("kind", data_kinds(), "data kind");
    // `special: true` is the older way to say `kind: special`.
    if (c.special && c.kind && *c.kind != DataKind::special)
      source_.error(f.where("kind"),
                    "data category '" + c.id.str() + "' is special (Art. 9) but of kind '" +
                        std::string(name_of(data_kinds(), *c.kind)) + "'",
                    "write kind: special, or remove special: true");
    if (c.special) c.kind = DataKind::special;
    if (c.kind == DataKind::special) c.special = true;
    c.free_text = f.flag("free_text");
    return c;
  }

  Purpose read_purpose(const YAML::Node& n) {
    Purpose p;
    Fields f(source_, n, "a purpose",
             {"id", "label", "consent", "validity", "proof", "explicit", "marketing", "cpf_eligible",
              "marketing_exception", "channels"});
    p.id = PurposeId(f.text("id", Need::required));
    purposes_.define(p.id.str(), f.where("id"));
    p.label = f.text("label", Need::required);
    std::string consent = f.text("consent");
    if (consent == "required")
      p.consent_required = true;
    else if (!consent.empty() && consent != "not-required")
      source_.error(f.get("consent"), "unknown consent need" + quoted_id(consent), "expected required or not-required");
    p.validity = f.duration("validity");
    if (p.validity && !p.consent_required)
      source_.error(f.get("validity"), "'validity' set on purpose '" + p.id.str() + "', which needs no consent",
                    "add 'consent: required' or remove 'validity'");
    p.proof = f.duration("proof");
    if (p.proof && !p.consent_required)
      source_.error(f.get("proof"), "'proof' set on purpose '" + p.id.str() + "', which needs no consent",
                    "add 'consent: required' or remove 'proof'");
    p.explicit_consent = f.flag("explicit");
    if (p.explicit_consent && !p.consent_required)
      source_.error(f.get("explicit"), "'explicit' set on purpose '" + p.id.str() + "', which needs no consent",
                    "add 'consent: required' or remove 'explicit'");
    p.marketing = f.flag("marketing");
    p.cpf_eligible = f.flag("cpf_eligible");
    // The ban is on commercial prospecting: a purpose that is not canvassing
    // cannot be CPF canvassing (docs/design.md 5).
    if (p.cpf_eligible && !p.marketing)
      source_.error(f.get("cpf_eligible"), "'cpf_eligible' set on purpose '" + p.id.str() + "', which is not marketing",
                    "add 'marketing: true' or remove 'cpf_eligible'");
    p.marketing_exception = f.choice("marketing_exception", marketing_exceptions(), "marketing exception");
    if (p.marketing_exception && !p.marketing)
      source_.error(f.get("marketing_exception"),
                    "'marketing_exception' set on purpose '" + p.id.str() + "', which is not marketing",
                    "add 'marketing: true' or remove 'marketing_exception'");
    p.channels = f.choices("channels", channels(), "channel");
    return p;
  }

  Processor read_processor(const YAML::Node& n) {
    Processor p;
    Fields f(source_, n, "a processor",
             {"id", "name", "country", "covered_by_adequacy", "services", "dpa", "subprocessors"});
    p.id = ProcessorId(f.text("id", Need::required));
    processors_.define(p.id.str(), f.where("id"));
    p.name = f.text("name", Need::required);
    check_country(f, "country", p.country, Need::required);
    p.covered_by_adequacy = f.flag("covered_by_adequacy");
    p.services = f.texts("services");
    if (f.has("dpa")) {
      std::string context = "the DPA of processor '" + p.id.str() + "'";
      Fields d(source_, f.get("dpa"), context, {"signed", "review", "clauses", "particulars"});
      Dpa dpa;
      dpa.signed_on = d.date("signed");
      dpa.review_on = d.date("review");
      dpa.clauses = read_clauses(d);
      dpa.particulars = d.choices("particulars", dpa_particulars(), "Art. 28(3) particular");
      if (dpa.signed_on && dpa.review_on && *dpa.review_on < *dpa.signed_on)
        source_.error(d.get("review"), "DPA review date before its signature in " + context);
      if (d.is_map()) p.dpa = std::move(dpa);
    }
    for (const YAML::Node& s : f.items("subprocessors")) {
      Fields sf(source_, s, "a sub-processor of '" + p.id.str() + "'",
                {"name", "country", "authorised", "safeguard", "covered_by_adequacy"});
      SubProcessor sub;
      sub.name = sf.text("name", Need::required);
      check_country(sf, "country", sub.country, Need::required);
      sub.authorised = sf.date("authorised");
      sub.safeguard = sf.choice("safeguard", safeguards(), "transfer safeguard");
      sub.covered_by_adequacy = sf.flag("covered_by_adequacy");
      p.subprocessors.push_back(std::move(sub));
    }
    return p;
  }

  // The Art. 28(3)(a)-(h) clauses. (f) was 'breach-notice' before it was
  // named for all it covers, assistance with Arts. 32-36: the old name
  // still reads, with a warning.
  std::vector<DpaClause> read_clauses(const Fields& d) {
    std::vector<DpaClause> out;
    YAML::Node list = d.get("clauses");
    if (!list) return out;
    if (!list.IsSequence()) return d.choices("clauses", dpa_clauses(), "DPA clause");  // reports it
    for (const YAML::Node& item : list) {
      std::optional<DpaClause> v;
      if (item.IsScalar() && item.Scalar() == "breach-notice") {
        source_.warn(item, "DPA clause 'breach-notice' is now called 'assistance-32-36'",
                     "Art. 28(3)(f) covers assistance with security, breaches, DPIAs and prior consultation");
        v = DpaClause::assistance_32_36;
      } else if (!item.IsScalar()) {
        source_.error(item, "expected a single value in 'clauses'");
      } else if (trim(item.Scalar()).empty()) {
        source_.error(item, "blank item in 'clauses'", "remove it, or write the clause");
      } else {
        v = d.pick(item, item.Scalar(), dpa_clauses(), "DPA clause");
      }
      if (!v) continue;
      if (std::find(out.begin(), out.end(), *v) != out.end())
        source_.error(item, "clause '" + std::string(name_of(dpa_clauses(), *v)) + "' listed twice in 'clauses'",
                      "keep one");
      else
        out.push_back(*v);
    }
    return out;
  }

  template <class IdType>
  struct Ref {
    IdType id;
    Location where;
  };

  // Reads a list of references to one kind of entry, reporting unknown and repeated ones.
  template <class IdType>
  std::vector<Ref<IdType>> references(const Fields& f, std::string_view key, const Ids& ids, const std::string& what) {
    std::vector<Ref<IdType>> out;
    YAML::Node list = f.get(key);
    if (!list) return out;
    if (!list.IsSequence()) {
      source_.error(list, "expected a list of " + what + " ids in '" + std::string(key) + "'",
                    "like " + std::string(key) + ": [a, b]");
      return out;
    }
    std::set<std::string> seen;
    for (const YAML::Node& item : list) {
      if (!item.IsScalar()) {
        source_.error(item, "expected " + what + " ids in '" + std::string(key) + "'");
        continue;
      }
      const std::string& id = item.Scalar();
      if (trim(id).empty()) {
        source_.error(item, "blank item in '" + std::string(key) + "'", "remove it, or write the " + what + " id");
        continue;
      }
      if (!seen.insert(id).second) {
        source_.error(item, what + " '" + id + "' listed twice in '" + std::string(key) + "'");
        continue;
      }
      if (ids.check(id, item)) out.push_back(Ref<IdType>{IdType(id), source_.at(item)});
    }
    return out;
  }

  template <class IdType>
  static std::vector<IdType> ids_of(const std::vector<Ref<IdType>>& refs) {
    std::vector<IdType> out;
    for (const auto& r : refs) out.push_back(r.id);
    return out;
  }

  static bool rests_on_consent(const Activity& a, const Register& reg) {
    if (rests_on(a, LegalBasis::consent) || a.special_condition == SpecialCondition::explicit_consent) return true;
    return std::any_of(a.purposes.begin(), a.purposes.end(), [&](const PurposeId& id) {
      const Purpose* p = reg.purpose(id);
      return p && p->consent_required;
    });
  }

  static bool consent_can_expire(const Activity& a, const Register& reg) {
    return std::any_of(a.purposes.begin(), a.purposes.end(), [&](const PurposeId& id) {
      const Purpose* p = reg.purpose(id);
      return p && p->consent_required && p->validity;
    });
  }

  Activity read_activity(const YAML::Node& n, const Register& reg) {
    Activity a;
    Fields f(source_, n, "an activity",
             {"id", "name", "description", "joint_controller", "purposes", "legal_basis", "special_condition",
              "subjects", "data", "recipients", "processors", "transfers", "security", "source",
              "automated_decisions", "authorisation", "monitoring", "dpia", "retention"});
    a.id = ActivityId(f.text("id", Need::required));
    activities_.define(a.id.str(), f.where("id"));
    std::string context = "activity '" + a.id.str() + "'";
    a.name = f.text("name", Need::required);
    a.description = f.text("description");
    a.joint_controller = f.text("joint_controller");
    a.purposes = ids_of(references<PurposeId>(f, "purposes", purposes_, "purpose"));
    a.bases = read_bases(f, a, context);
    a.special_condition = f.choice("special_condition", special_conditions(), "Art. 9(2) condition");
    a.subjects = f.texts("subjects");
    a.data = ids_of(references<CategoryId>(f, "data", categories_, "data category"));
    a.recipients = f.texts("recipients");
    a.processors = ids_of(references<ProcessorId>(f, "processors", processors_, "processor"));
    for (const YAML::Node& t : f.items("transfers")) {
      Fields tf(source_, t, "a transfer of " + context,
                {"country", "recipient", "safeguard", "occasional", "covered_by_adequacy"});
      Transfer transfer;
      check_country(tf, "country", transfer.country, Need::required);
      transfer.recipient = tf.text("recipient");
      transfer.safeguard = tf.choice("safeguard", safeguards(), "transfer safeguard");
      transfer.occasional = tf.flag("occasional");
      transfer.covered_by_adequacy = tf.flag("covered_by_adequacy");
      a.transfers.push_back(std::move(transfer));
    }
    a.security = f.texts("security");
    a.source = f.text("source");
    a.automated_decisions = std::string(trim(f.text("automated_decisions")));  // blank: none
    a.authorisation = std::string(trim(f.text("authorisation")));  // blank names no text
    a.monitoring = f.flag("monitoring");
    a.dpia = read_dpia(f, context);
    read_retention(f, a, reg, context);
    return a;
  }

  // `legal_basis:` is one basis for the whole activity (a name, or a mapping
  // that adds the interest pursued) or, when its purposes rest on different
  // ones, a list of { basis, purposes }: each basis once, each purpose of the
  // activity under one basis at most (Art. 6(1); the EDPB's Guidelines
  // 2/2019: a basis is chosen per purpose, before the processing, and not
  // swapped later).
  std::vector<BasisUse> read_bases(const Fields& f, const Activity& a, const std::string& context) {
    YAML::Node node = f.get("legal_basis");
    if (!node) return {};
    if (node.IsScalar()) {
      std::optional<LegalBasis> basis = f.choice("legal_basis", legal_bases(), "legal basis");
      return basis ? std::vector<BasisUse>{{*basis, {}}} : std::vector<BasisUse>{};
    }
    if (node.IsMap()) return read_whole_basis(node, context);
    std::vector<BasisUse> out;
    std::map<std::string, Location> grounded;  // purpose -> where its basis is given
    if (node.size() == 0)
      source_.error(node, "empty 'legal_basis' list in " + context,
                    "give one basis for the whole activity, or one { basis, purposes } per basis");
    for (const YAML::Node& item : node) {
      Fields bf(source_, item, "a legal basis of " + context, {"basis", "purposes", "interest", "balancing"});
      if (!bf.is_map()) continue;
      std::optional<LegalBasis> basis = bf.choice("basis", legal_bases(), "legal basis", Need::required);
      BasisUse use{basis.value_or(LegalBasis::consent), {}};
      if (basis && std::any_of(out.begin(), out.end(), [&](const BasisUse& u) { return u.basis == *basis; }))
        source_.error(bf.where("basis"),
                      "legal basis '" + std::string(name_of(legal_bases(), *basis)) + "' given twice in " + context,
                      "list all the purposes it grounds in one entry");
      read_interest(bf, basis, use, context);
      YAML::Node listed = bf.get("purposes");
      if (!listed || (listed.IsSequence() && listed.size() == 0))
        source_.error(listed ? listed : item, "a legal basis of " + context + " names no purposes",
                      "add purposes: [...], or give one legal_basis for the whole activity");
      for (const auto& [id, where] : references<PurposeId>(bf, "purposes", purposes_, "purpose")) {
        if (std::find(a.purposes.begin(), a.purposes.end(), id) == a.purposes.end()) {
          source_.error(where, "legal basis names purpose '" + id.str() + "', which " + context +
                                   " does not list in 'purposes'",
                        "add it to 'purposes' or remove it here");
          continue;
        }
        auto [it, added] = grounded.emplace(id.str(), where);
        if (!added) {
          source_.error(where, "purpose '" + id.str() + "' has two legal bases in " + context,
                        "one purpose rests on one basis; the other is at " + it->second.str());
          continue;
        }
        use.purposes.push_back(id);
      }
      if (basis && !use.purposes.empty()) out.push_back(std::move(use));
    }
    return out;
  }

  // `legal_basis: { basis: legitimate-interests, interest: ..., balancing:
  // ... }`: one basis for the whole activity, written as a mapping so that
  // the interest has its place beside it.
  std::vector<BasisUse> read_whole_basis(const YAML::Node& node, const std::string& context) {
    Fields bf(source_, node, "the legal basis of " + context, {"basis", "purposes", "interest", "balancing"});
    std::optional<LegalBasis> basis = bf.choice("basis", legal_bases(), "legal basis", Need::required);
    if (bf.has("purposes"))
      source_.error(bf.where("purposes"), "a single legal basis of " + context + " lists purposes",
                    "one mapping grounds every purpose of the activity: remove 'purposes', or write a list of "
                    "{ basis, purposes }");
    BasisUse use{basis.value_or(LegalBasis::consent), {}};
    read_interest(bf, basis, use, context);
    return basis ? std::vector<BasisUse>{std::move(use)} : std::vector<BasisUse>{};
  }

  // `interest:` and `balancing:` belong to legitimate interests alone (Art.
  // 6(1)(f)): on another basis they would state an interest no notice may
  // give as the ground of the processing.
  void read_interest(const Fields& bf, std::optional<LegalBasis> basis, BasisUse& use, const std::string& context) {
    use.interest = std::string(trim(bf.text("interest")));    // blank states no interest
    use.balancing = std::string(trim(bf.text("balancing")));  // blank references nothing
    if (!basis || *basis == LegalBasis::legitimate_interests) return;
    for (std::string_view key : {"interest", "balancing"})
      if (bf.has(key))
        source_.error(bf.where(key),
                      "'" + std::string(key) + "' given on legal basis '" +
                          std::string(name_of(legal_bases(), *basis)) + "' in " + context,
                      "only legitimate-interests (Art. 6(1)(f)) pursues an interest: remove '" + std::string(key) +
                          "', or set basis: legitimate-interests if that is the basis");
  }

  // `dpia:` is a mapping (status, date, review, reason, criteria,
  // cnil_list) or, as registers wrote it before, a bare status: 'done' and
  // 'not-required' alone then say neither when nor why, and are warned of.
  DpiaRecord read_dpia(const Fields& f, const std::string& context) {
    DpiaRecord d;
    YAML::Node node = f.get("dpia");
    if (!node) return d;
    if (node.IsScalar()) {
      d.status = f.choice("dpia", dpia_states(), "DPIA status");
      if (d.status == Dpia::done)
        source_.warn(node, "'dpia: done' does not say when the DPIA was carried out nor when it is reviewed",
                     "write dpia: { status: done, date: YYYY-MM-DD, review: YYYY-MM-DD }");
      else if (d.status == Dpia::not_required)
        source_.warn(node, "'dpia: not-required' does not say why nor since when",
                     "write dpia: { status: not-required, date: YYYY-MM-DD, reason: \"...\" }");
      return d;
    }
    Fields df(source_, node, "the DPIA of " + context,
              {"status", "date", "review", "reason", "criteria", "cnil_list"});
    d.status = df.choice("status", dpia_states(), "DPIA status", Need::required);
    d.date = df.date("date");
    d.review = df.date("review");
    d.reason = std::string(trim(df.text("reason")));  // blank gives no reason
    d.criteria = df.choices("criteria", dpia_criteria(), "WP248 criterion");
    d.cnil_list = df.choices("cnil_list", cnil_dpia_types(), "entry of the CNIL's DPIA list");
    if (d.review && d.status && d.status != Dpia::done)
      source_.error(df.where("review"), "the DPIA of " + context + " has a review date but is not done",
                    "set 'status: done', or remove 'review'");
    if (d.date && d.review && *d.review < *d.date)
      source_.error(df.where("review"), "the DPIA of " + context + " is reviewed before it was carried out",
                    "give a review date after 'date'");
    if (d.date && d.status == Dpia::required)
      source_.error(df.where("date"), "the DPIA of " + context + " is dated but still 'required'",
                    "set 'status: done' with the day it was concluded, or remove 'date'");
    if (!d.reason.empty() && d.status && d.status != Dpia::not_required)
      source_.error(df.where("reason"), "the DPIA of " + context + " gives a reason but is not 'not-required'",
                    "set 'status: not-required', or remove 'reason'");
    return d;
  }

  void read_retention(const Fields& f, Activity& a, const Register& reg, const std::string& context) {
    // A category may have several rules, the earliest deadline applying
    // (docs/design.md 2.1); two with the same trigger and action are one too
    // many: the shorter always ends first and the other never applies.
    std::map<std::tuple<std::string, Trigger, std::optional<Trigger>, RetentionAction>, Location> covered;
    std::map<std::string, Location> archived;  // categories an archive rule moves out of active use
    std::set<std::string> finally_removed;     // categories a delete or anonymise rule ends
    for (const YAML::Node& r : f.items("retention")) {
      Fields rf(source_, r, "a retention rule of " + context,
                {"data", "keep", "from", "else", "action", "basis", "obligation", "justification"});
      RetentionRule rule;
      YAML::Node data = rf.get("data");
      if (!data && rf.is_map()) source_.error(r, "missing 'data' in a retention rule of " + context);
      if (auto keep = rf.duration("keep", Need::required)) rule.keep = *keep;
      std::optional<Trigger> from = rf.choice("from", triggers(), "retention trigger", Need::required);
      if (from) {
        rule.from = *from;
        if ((*from == Trigger::consent_withdrawn || *from == Trigger::consent_expired) &&
            !rests_on_consent(a, reg))
          source_.error(rf.get("from"),
                        "retention trigger '" + std::string(name_of(triggers(), *from)) + "' cannot apply to " +
                            context + ", which does not rest on consent",
                        "use collected, last-contact or end");
        else if (*from == Trigger::consent_expired && !consent_can_expire(a, reg))
          source_.error(rf.get("from"),
                        "retention trigger 'consent-expired' cannot apply to " + context +
                            ": none of its purposes sets a consent 'validity'",
                        "set 'validity' on the purpose or use consent-withdrawn");
      }
      rule.fallback = rf.choice("else", triggers(), "retention trigger");
      if (from && rule.fallback) read_fallback(rf, rule);
      std::optional<RetentionAction> action =
          rf.choice("action", retention_actions(), "retention action", Need::required);
      if (action) rule.action = *action;
      rule.basis = rf.text("basis");
      // Blank is no justification.
      rule.justification = std::string(trim(rf.text("justification")));
      if (!rule.justification.empty() && action && *action != RetentionAction::anonymise)
        source_.error(rf.where("justification"),
                      "a retention rule of " + context + " justifies an anonymisation but does not anonymise",
                      "remove 'justification', or set 'action: anonymise'");
      if (rf.has("obligation")) {
        rule.obligation = rf.flag("obligation");
        if (*rule.obligation && rule.basis.empty())
          source_.error(rf.get("obligation"), "a retention rule of " + context +
                                                  " says a legal obligation sets it, but names no 'basis'",
                        "name the text, e.g. basis: \"C. com. L123-22\"");
      }
      for (const auto& [id, where] : references<CategoryId>(rf, "data", categories_, "data category")) {
        if (std::find(a.data.begin(), a.data.end(), id) == a.data.end()) {
          source_.error(where, "retention rule names data category '" + id.str() + "', which " + context +
                                   " does not list in 'data'",
                        "add it to 'data' or remove it from the rule");
          continue;
        }
        if (from && action) {
          auto [it, added] = covered.emplace(std::make_tuple(id.str(), *from, rule.fallback, *action), where);
          if (!added) {
            source_.error(where,
                          "data category '" + id.str() + "' has two retention rules from '" +
                              std::string(name_of(triggers(), *from)) + "' that " +
                              std::string(name_of(retention_actions(), *action)) + " in " + context,
                          "keep one, the shorter always applies first; the other is at " + it->second.str());
            continue;
          }
        }
        if (action) {
          const DataCategory* category = reg.category(id);
          // Blanking the identifiers around free text leaves a text that
          // may still name or describe the person: pseudonymisation, not
          // anonymisation (EDPB-WP29 Opinion 05/2014), unless the register
          // says how the text itself is made to identify nobody.
          if (*action == RetentionAction::anonymise && category && category->free_text &&
              rule.justification.empty())
            source_.error(where,
                          "retention rule of " + context + " anonymises data category '" + id.str() +
                              "', which is free text: removing the identifiers around it does not anonymise it",
                          "delete it instead, or say how the text is anonymised in 'justification'");
          if (*action == RetentionAction::archive) archived.emplace(id.str(), where);
          if (*action == RetentionAction::erase || *action == RetentionAction::anonymise)
            finally_removed.insert(id.str());
        }
        rule.data.push_back(id);
      }
      a.retention.push_back(std::move(rule));
    }
    // Intermediate archiving is a phase before the final deletion, never
    // instead of it (Art. 5(1)(e)).
    for (const auto& [id, where] : archived)
      if (!finally_removed.contains(id))
        source_.error(where,
                      "data category '" + id + "' is archived by " + context +
                          " but no retention rule of it deletes or anonymises it at the end",
                      "add a rule with 'action: delete' counted from the same date, longer than the archive's");
  }

  // `else:` counts from another date when `from` never happens: only an
  // engagement's end or last contact may never happen, and the fallback must
  // be a date that can stand in for it.
  void read_fallback(const Fields& rf, RetentionRule& rule) {
    auto engagement_date = [](Trigger t) { return t == Trigger::end || t == Trigger::last_contact; };
    std::string from(name_of(triggers(), rule.from));
    if (!engagement_date(rule.from)) {
      source_.error(rf.get("else"),
                    "a retention rule from '" + from + "' cannot have 'else': " +
                        (rule.from == Trigger::collected ? "every holding has a collection date"
                                                         : "a consent still given is not a missing date"),
                    rule.from == Trigger::collected ? "remove 'else'"
                                                    : "remove 'else', or write a second rule for the other date");
      rule.fallback.reset();
    } else if (*rule.fallback == rule.from || !(engagement_date(*rule.fallback) ||
                                                *rule.fallback == Trigger::collected)) {
      source_.error(rf.get("else"),
                    "retention trigger '" + std::string(name_of(triggers(), *rule.fallback)) +
                        "' cannot stand in for '" + from + "'",
                    "use collected, or the other of end and last-contact");
      rule.fallback.reset();
    }
  }
};

bool before(const Diagnostic& a, const Diagnostic& b) {
  return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
}

}  // namespace

bool valid_id(const std::string& id) {
  static const std::regex kId("[A-Za-z0-9][A-Za-z0-9._-]*");
  return std::regex_match(id, kId);
}

RegisterFile read_register(std::string_view yaml_text, const std::string& file_name) {
  Diagnostics diagnostics, warnings;
  YamlSource source(file_name, diagnostics, &warnings);
  YAML::Node root = parse_yaml(yaml_text, source);
  Register reg;
  if (root && !root.IsNull()) {
    RegisterReader reader(source);
    reg = reader.read(root);
  } else if (diagnostics.empty()) {
    source.error(Location{file_name, 1, 1}, "empty register", "start from examples/training-org/register.yaml");
  }
  if (!diagnostics.empty()) {
    // Report in file order, however the reader walked the tree.
    std::vector<Diagnostic> sorted = diagnostics.items();
    std::stable_sort(sorted.begin(), sorted.end(), before);
    throw InputError(quote(file_name), std::move(sorted));
  }
  std::vector<Diagnostic> sorted = warnings.items();
  std::stable_sort(sorted.begin(), sorted.end(), before);
  return RegisterFile{std::move(reg), std::move(sorted)};
}

model::Register parse_register(std::string_view yaml_text, const std::string& file_name) {
  return read_register(yaml_text, file_name).reg;
}

RegisterFile load_register(const std::filesystem::path& path) {
  if (path == "-") {
    std::string text = read_stdin();
    return read_register(text, "<stdin>");
  }
  return read_register(read_file(path), path.string());
}

}  // namespace dpo::manifest
