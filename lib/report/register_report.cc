#include "report/register_report.h"

#include <fmt/color.h>
#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "base/strings.h"
#include "l10n/format.h"
#include "model/countries.h"
#include "report/csv.h"
#include "report/escape.h"
#include "report/summary.h"

namespace dpo::report {

using model::human;
using model::wording;

namespace {

using namespace model;
using Json = nlohmann::ordered_json;

// ---- the register as data ----

template <class IdList>
Json id_array(const IdList& ids) {
  Json out = Json::array();
  for (const auto& id : ids) out.push_back(id.str());
  return out;
}

template <class E>
Json name_array(std::span<const Named<E>> table, const std::vector<E>& values) {
  Json out = Json::array();
  for (E v : values) out.push_back(std::string(name_of(table, v)));
  return out;
}

void put_text(Json& j, const char* key, const std::string& value) {
  if (!value.empty()) j[key] = value;
}

Json controller_json(const Controller& c) {
  Json j;
  j["name"] = c.name;
  if (!c.siren.empty()) j["id"] = Json{{"siren", c.siren}};
  put_text(j, "address", c.address);
  put_text(j, "sector", c.sector);
  if (c.headcount) j["headcount"] = *c.headcount;
  put_text(j, "contact", c.contact);
  if (c.dpo) {
    Json d = Json::object();
    put_text(d, "name", c.dpo->name);
    put_text(d, "email", c.dpo->email);
    put_text(d, "phone", c.dpo->phone);
    put_text(d, "designation", c.dpo->designation);
    j["dpo"] = d;
  }
  put_text(j, "representative", c.representative);
  if (c.public_body) j["public_body"] = true;
  put_text(j, "authority", c.authority);
  j["country"] = c.country;
  j["timezone"] = c.timezone;
  j["language"] = c.language;
  if (c.reviewed) j["reviewed"] = format_date(*c.reviewed);
  return j;
}

Json processor_json(const Processor& p) {
  Json j;
  j["id"] = p.id.str();
  j["name"] = p.name;
  j["country"] = p.country;
  if (p.covered_by_adequacy) j["covered_by_adequacy"] = true;
  if (!p.services.empty()) j["services"] = p.services;
  if (p.dpa) {
    Json d = Json::object();
    if (p.dpa->signed_on) d["signed"] = format_date(*p.dpa->signed_on);
    if (p.dpa->review_on) d["review"] = format_date(*p.dpa->review_on);
    d["clauses"] = name_array(dpa_clauses(), p.dpa->clauses);
    if (!p.dpa->particulars.empty()) d["particulars"] = name_array(dpa_particulars(), p.dpa->particulars);
    j["dpa"] = d;
  }
  if (!p.subprocessors.empty()) {
    Json subs = Json::array();
    for (const SubProcessor& s : p.subprocessors) {
      Json sj{{"name", s.name}, {"country", s.country}};
      if (s.authorised) sj["authorised"] = format_date(*s.authorised);
      if (s.safeguard) sj["safeguard"] = std::string(name_of(safeguards(), *s.safeguard));
      if (s.covered_by_adequacy) sj["covered_by_adequacy"] = true;
      subs.push_back(sj);
    }
    j["subprocessors"] = subs;
  }
  return j;
}

// One entry of legal_basis as a mapping, with the interest pursued when given.
Json basis_json(const BasisUse& use) {
  Json j{{"basis", std::string(name_of(legal_bases(), use.basis))}};
  if (!use.purposes.empty()) j["purposes"] = id_array(use.purposes);
  put_text(j, "interest", use.interest);
  put_text(j, "balancing", use.balancing);
  return j;
}

// As the register writes it: one name for the whole activity (a mapping
// when it states an interest), else a list.
Json bases_json(const std::vector<BasisUse>& bases) {
  if (bases.empty()) return Json::object();
  if (bases.size() == 1 && bases[0].purposes.empty()) {
    const BasisUse& whole = bases[0];
    if (whole.interest.empty() && whole.balancing.empty())
      return {{"legal_basis", std::string(name_of(legal_bases(), whole.basis))}};
    return {{"legal_basis", basis_json(whole)}};
  }
  Json list = Json::array();
  for (const BasisUse& use : bases) list.push_back(basis_json(use));
  return {{"legal_basis", list}};
}

Json dpia_json(const DpiaRecord& d) {
  // Always the mapping: a bare status is the older form, read with a warning.
  if (d == DpiaRecord{}) return Json::object();
  Json j = Json::object();
  if (d.status) j["status"] = std::string(name_of(dpia_states(), *d.status));
  if (d.date) j["date"] = format_date(*d.date);
  if (d.review) j["review"] = format_date(*d.review);
  put_text(j, "reason", d.reason);
  if (!d.criteria.empty()) j["criteria"] = name_array(dpia_criteria(), d.criteria);
  if (!d.cnil_list.empty()) j["cnil_list"] = name_array(cnil_dpia_types(), d.cnil_list);
  return {{"dpia", j}};
}

Json activity_json(const Activity& a) {
  Json j;
  j["id"] = a.id.str();
  j["name"] = a.name;
  put_text(j, "description", a.description);
  put_text(j, "joint_controller", a.joint_controller);
  j["purposes"] = id_array(a.purposes);
  j.update(bases_json(a.bases));
  if (a.special_condition) j["special_condition"] = std::string(name_of(special_conditions(), *a.special_condition));
  j["subjects"] = a.subjects;
  j["data"] = id_array(a.data);
  j["recipients"] = a.recipients;
  j["processors"] = id_array(a.processors);
  Json transfers = Json::array();
  for (const Transfer& t : a.transfers) {
    Json tj{{"country", t.country}};
    put_text(tj, "recipient", t.recipient);
    if (t.safeguard) tj["safeguard"] = std::string(name_of(safeguards(), *t.safeguard));
    if (t.occasional) tj["occasional"] = true;
    if (t.covered_by_adequacy) tj["covered_by_adequacy"] = true;
    transfers.push_back(tj);
  }
  j["transfers"] = transfers;
  j["security"] = a.security;
  put_text(j, "source", a.source);
  put_text(j, "automated_decisions", a.automated_decisions);
  put_text(j, "authorisation", a.authorisation);
  if (a.monitoring) j["monitoring"] = true;
  j.update(dpia_json(a.dpia));
  Json retention = Json::array();
  for (const RetentionRule& r : a.retention) {
    Json rj{{"data", id_array(r.data)},
            {"keep", r.keep.str()},
            {"from", std::string(name_of(triggers(), r.from))},
            {"action", std::string(name_of(retention_actions(), r.action))}};
    if (r.fallback) rj["else"] = std::string(name_of(triggers(), *r.fallback));
    put_text(rj, "basis", r.basis);
    if (r.obligation) rj["obligation"] = *r.obligation;
    put_text(rj, "justification", r.justification);
    retention.push_back(rj);
  }
  j["retention"] = retention;
  return j;
}

// ---- wording shared by the text, Markdown and CSV forms ----

constexpr Phrase kTitle{"Record of processing activities", "Registre des activités de traitement"};
constexpr Phrase kNone{"none", "aucun"};
constexpr Phrase kNoneFeminine{"none", "aucune"};
constexpr Phrase kFrom{"from", "à compter"};
constexpr Phrase kNoDpa{"no DPA", "pas de contrat de sous-traitance"};
constexpr Phrase kSigned{"signed", "signé le"};
constexpr Phrase kReview{"review", "révision le"};
constexpr Phrase kCnilList{"CNIL list", "liste CNIL"};
constexpr Phrase kCriteria{"WP248 criteria", "critères du G29"};
constexpr Phrase kNotAssessed{"not assessed", "non évaluée"};
constexpr Phrase kClauses{"Art. 28(3) clauses", "clauses de l'art. 28.3 du RGPD"};
constexpr Phrase kParticulars{"particulars", "mentions"};
constexpr Phrase kAuthorised{"authorised", "autorisé le"};
constexpr Phrase kNotAuthorised{"no recorded authorisation", "autorisation non documentée"};
constexpr Phrase kNoSafeguard{"no safeguard recorded", "aucune garantie documentée"};
// Between items of a list, and between a label and what follows it.

// A date in a document for people: "12 June 2024", "12 juin 2024".
std::string day(Date d, Lang lang) { return l10n::long_date(d, lang); }

std::string listed_items(const std::vector<std::string>& items, Lang lang) { return join(items, l10n::say(l10n::kSemicolon, lang)); }

using Items = std::vector<std::string>;

// One line of an activity's fiche: its label and its items (a list, or one value).
struct Field {
  Phrase label;
  Items (*value)(const Register& reg, const Activity& a, Lang lang);
  bool one_per_line = false;  ///< in the text form, each item on its own line
};

Items purposes_of(const Register& reg, const Activity& a, Lang) {
  Items out;
  for (const PurposeId& id : a.purposes) {
    const Purpose* p = reg.purpose(id);
    out.push_back(p ? p->label : id.str());
  }
  return out;
}

Items basis_of(const Register& reg, const Activity& a, Lang lang) { return bases_wording(reg, a, lang); }

Items condition_of(const Register&, const Activity& a, Lang lang) {
  if (!a.special_condition) return {};
  return {condition_wording(*a.special_condition, lang)};
}

Items subjects_of(const Register&, const Activity& a, Lang) { return a.subjects; }

// Each category with the CNIL register's name for its kind, when it has one:
// "Attendance sheets (vie professionnelle)".
Items data_of(const Register& reg, const Activity& a, Lang lang) {
  Items out;
  for (const CategoryId& id : a.data) {
    const DataCategory* c = reg.category(id);
    if (!c) {
      out.push_back(id.str());
      continue;
    }
    out.push_back(c->kind ? fmt::format("{} ({})", c->label, wording(*c->kind, lang)) : c->label);
  }
  return out;
}

Items special_of(const Register& reg, const Activity& a, Lang lang) {
  Items out;
  for (const CategoryId& id : a.data) {
    const DataCategory* c = reg.category(id);
    if (c && c->special) out.push_back(c->label);
  }
  if (out.empty()) out.emplace_back(kNoneFeminine.in(lang));
  return out;
}

}  // namespace

std::string retention_period(const RetentionRule& r, Lang lang) {
  std::string out =
      fmt::format("{} {} {}, {}", human(r.keep, lang), kFrom.in(lang), wording(r.from, lang), wording(r.action, lang));
  if (!r.basis.empty()) out += " (" + r.basis + ")";
  return out;
}

namespace {

std::string rule_text(const Register& reg, const RetentionRule& r, Lang lang) {
  std::vector<std::string> cats;
  for (const CategoryId& id : r.data) {
    const DataCategory* c = reg.category(id);
    cats.push_back(c ? c->label : id.str());
  }
  return fmt::format("{}{}{}", join(cats, ", "), l10n::say(l10n::kColon, lang), retention_period(r, lang));
}

Items retention_of(const Register& reg, const Activity& a, Lang lang) {
  Items out;
  for (const RetentionRule& r : a.retention) out.push_back(rule_text(reg, r, lang));
  return out;
}

Items recipients_of(const Register&, const Activity& a, Lang) { return a.recipients; }

Items processors_of(const Register& reg, const Activity& a, Lang lang) {
  Items out;
  for (const ProcessorId& id : a.processors) {
    const Processor* p = reg.processor(id);
    out.push_back(p ? fmt::format("{} ({})", p->name, l10n::country_name(p->country, lang)) : id.str());
  }
  return out;
}

Items transfers_of(const Register&, const Activity& a, Lang lang) {
  Items out;
  for (const Transfer& t : a.transfers) {
    std::string where = l10n::country_name(t.country, lang);
    out.push_back(t.recipient.empty() ? where : fmt::format("{} ({})", where, t.recipient));
  }
  if (out.empty()) out.emplace_back(kNone.in(lang));
  return out;
}

}  // namespace

std::string safeguard_text(const Transfer& t, Lang lang) {
  std::string ground = t.safeguard ? wording(*t.safeguard, lang) : std::string(kNoSafeguard.in(lang));
  // Art. 49 grounds only occasional transfers: the record says which ones are.
  if (t.occasional) ground += Phrase{" (occasional)", " (occasionnel)"}.in(lang);
  return ground;
}

namespace {

Items safeguards_of(const Register&, const Activity& a, Lang lang) {
  Items out;
  for (const Transfer& t : a.transfers) out.push_back(safeguard_text(t, lang));
  return out;
}

Items security_of(const Register&, const Activity& a, Lang) { return a.security; }
Items source_of(const Register&, const Activity& a, Lang lang) {
  return a.source.empty() ? Items{} : Items{source_wording(a.source, lang)};
}
// "done (14 March 2025), review 14 March 2028"; "not required (10 January 2025): reason".
Items dpia_of(const Register&, const Activity& a, Lang lang) {
  const DpiaRecord& d = a.dpia;
  if (!d.status && d.criteria.empty() && d.cnil_list.empty()) return {};
  std::string text(d.status ? wording(*d.status, lang) : kNotAssessed.in(lang));
  if (d.date) text += fmt::format(" ({})", day(*d.date, lang));
  if (d.review) text += fmt::format(", {} {}", kReview.in(lang), day(*d.review, lang));
  std::string colon = l10n::say(l10n::kColon, lang);
  if (!d.reason.empty()) text += colon + d.reason;
  Items out{text};
  std::vector<std::string> criteria, listed;
  for (DpiaCriterion c : d.criteria) criteria.emplace_back(wording(c, lang));
  for (CnilDpiaType t : d.cnil_list) listed.emplace_back(wording(t, lang));
  if (!criteria.empty()) out.push_back(std::string(kCriteria.in(lang)) + colon + join(criteria, ", "));
  if (!listed.empty()) out.push_back(std::string(kCnilList.in(lang)) + colon + listed_items(listed, lang));
  return out;
}
Items joint_of(const Register&, const Activity& a, Lang) {
  return a.joint_controller.empty() ? Items{} : Items{a.joint_controller};
}
Items automated_of(const Register&, const Activity& a, Lang lang) {
  return {a.automated_decisions.empty() ? std::string(kNoneFeminine.in(lang)) : a.automated_decisions};
}

// The fiche of one activity, in the order of the CNIL register template.
constexpr Field kFields[] = {
    {{"Joint controller", "Responsable conjoint"}, joint_of},
    {{"Purposes", "Finalités"}, purposes_of},
    {{"Legal basis", "Base légale"}, basis_of},
    {{"Art. 9 condition", "Condition art. 9"}, condition_of},
    {{"Data subjects", "Catégories de personnes concernées"}, subjects_of},
    {{"Data categories", "Catégories de données"}, data_of},
    {{"Special categories", "Données sensibles"}, special_of},
    {{"Retention", "Durées de conservation"}, retention_of, true},
    {{"Recipients", "Destinataires"}, recipients_of},
    {{"Processors", "Sous-traitants"}, processors_of},
    {{"Transfers outside the EU", "Transferts hors UE"}, transfers_of},
    {{"Safeguards", "Garanties"}, safeguards_of},
    {{"Security measures", "Mesures de sécurité"}, security_of},
    {{"Source of the data", "Source des données"}, source_of},
    {{"Automated decisions", "Décisions automatisées"}, automated_of},
    {{"DPIA", "AIPD"}, dpia_of},
};

struct ControllerLine {
  Phrase label;
  std::string value;
};

std::vector<ControllerLine> controller_lines(const Controller& c, Lang lang) {
  std::vector<ControllerLine> out;
  out.push_back({{"Controller", "Responsable du traitement"},
                 c.siren.empty() ? c.name : fmt::format("{} (SIREN {})", c.name, c.siren)});
  if (!c.address.empty()) out.push_back({{"Address", "Adresse"}, c.address});
  if (!c.contact.empty()) out.push_back({{"Contact", "Contact"}, c.contact});
  if (c.dpo) {
    std::string dpo = c.dpo->name;
    if (!c.dpo->email.empty()) dpo += (dpo.empty() ? "" : " ") + ("<" + c.dpo->email + ">");
    if (!c.dpo->phone.empty()) dpo += " " + c.dpo->phone;
    out.push_back({{"DPO", "DPO"}, dpo});
  }
  if (!c.representative.empty()) out.push_back({{"Representative", "Représentant"}, c.representative});
  if (!c.authority.empty()) out.push_back({{"Authority", "Autorité de contrôle"}, c.authority});
  out.push_back({{"Country and time zone", "Pays et fuseau horaire"}, l10n::country_name(c.country, lang) + ", " + c.timezone});
  if (c.reviewed) out.push_back({{"Last reviewed", "Dernière revue"}, day(*c.reviewed, lang)});
  return out;
}

std::string dpa_text(const Processor& p, Lang lang) {
  if (!p.dpa) return std::string(kNoDpa.in(lang));
  std::vector<std::string> parts;
  if (p.dpa->signed_on) parts.push_back(fmt::format("{} {}", kSigned.in(lang), day(*p.dpa->signed_on, lang)));
  if (p.dpa->review_on) parts.push_back(fmt::format("{} {}", kReview.in(lang), day(*p.dpa->review_on, lang)));
  parts.push_back(fmt::format("{} {}/{}", kClauses.in(lang), p.dpa->clauses.size(), dpa_clauses().size()));
  parts.push_back(
      fmt::format("{} {}/{}", kParticulars.in(lang), p.dpa->particulars.size(), dpa_particulars().size()));
  return join(parts, ", ");
}

std::string subprocessors_text(const Processor& p, Lang lang) {
  std::vector<std::string> out;
  for (const SubProcessor& s : p.subprocessors)
    out.push_back(fmt::format("{} ({}, {})", s.name, l10n::country_name(s.country, lang),
                              s.authorised ? fmt::format("{} {}", kAuthorised.in(lang), day(*s.authorised, lang))
                                           : std::string(kNotAuthorised.in(lang))));
  return listed_items(out, lang);
}

// ---- renderers ----

std::string bold(const std::string& text, bool color) {
  return color ? fmt::format(fmt::emphasis::bold, "{}", text) : text;
}

std::size_t width(std::string_view text) { return l10n::display_width(text); }
std::string pad(std::string_view text, std::size_t to) { return l10n::padded(text, to); }

void render_text(const Register& reg, const RenderOptions& o, std::ostream& out) {
  Lang lang = o.lang;
  std::size_t label_width = 0;
  for (const Field& f : kFields) label_width = std::max(label_width, width(f.label.in(lang)));
  std::vector<ControllerLine> controller = controller_lines(reg.controller, lang);
  for (const ControllerLine& line : controller) label_width = std::max(label_width, width(line.label.in(lang)));

  out << bold(l10n::say(kTitle, lang) + l10n::say(l10n::kColon, lang) + reg.controller.name, o.color) << "\n\n";
  for (const ControllerLine& line : controller) out << pad(line.label.in(lang), label_width + 4) << line.value << "\n";
  for (const Activity& a : reg.activities) {
    out << "\n" << bold(fmt::format("{} [{}]", a.name, a.id.str()), o.color) << "\n";
    if (!a.description.empty()) out << "  " << a.description << "\n";
    for (const Field& f : kFields) {
      Items items = f.value(reg, a, lang);
      if (items.empty()) continue;
      std::vector<std::string> lines = f.one_per_line ? items : Items{listed_items(items, lang)};
      for (std::size_t i = 0; i < lines.size(); ++i)
        out << "  " << pad(i ? "" : f.label.in(lang), label_width + 2) << lines[i] << "\n";
    }
  }
  if (!reg.processors.empty()) {
    out << "\n" << bold(std::string(Phrase{"Processors", "Sous-traitants"}.in(lang)), o.color) << "\n";
    for (const Processor& p : reg.processors) {
      out << fmt::format("  {} [{}], {}{}{}\n", p.name, p.id.str(), l10n::country_name(p.country, lang),
                         l10n::say(l10n::kColon, lang), dpa_text(p, lang));
      if (!p.subprocessors.empty())
        out << fmt::format("    {}{}{}\n", Phrase{"sub-processors", "sous-traitants ultérieurs"}.in(lang),
                           l10n::say(l10n::kColon, lang), subprocessors_text(p, lang));
    }
  }
}

std::string md(const std::string& text) { return markdown_escape(text); }

void render_md(const Register& reg, const RenderOptions& o, std::ostream& out) {
  Lang lang = o.lang;
  out << "# " << kTitle.in(lang) << l10n::say(l10n::kColon, lang) << md(reg.controller.name) << "\n\n";
  out << "| | |\n|---|---|\n";
  for (const ControllerLine& line : controller_lines(reg.controller, lang))
    out << "| " << line.label.in(lang) << " | " << md(line.value) << " |\n";
  for (const Activity& a : reg.activities) {
    out << "\n## " << md(a.name) << " (`" << a.id.str() << "`)\n\n";
    if (!a.description.empty()) out << md(a.description) << "\n\n";
    out << "| | |\n|---|---|\n";
    for (const Field& f : kFields) {
      Items items = f.value(reg, a, lang);
      if (!items.empty()) out << "| " << f.label.in(lang) << " | " << md(listed_items(items, lang)) << " |\n";
    }
  }
  if (!reg.processors.empty()) {
    out << "\n## " << Phrase{"Processors", "Sous-traitants"}.in(lang) << "\n\n";
    out << "| " << Phrase{"Processor", "Sous-traitant"}.in(lang) << " | "
        << Phrase{"Country", "Pays"}.in(lang) << " | " << Phrase{"DPA", "Contrat (art. 28)"}.in(lang) << " | "
        << Phrase{"Sub-processors", "Sous-traitants ultérieurs"}.in(lang) << " |\n|---|---|---|---|\n";
    for (const Processor& p : reg.processors)
      out << "| " << md(p.name) << " (`" << p.id.str() << "`) | " << md(l10n::country_name(p.country, lang)) << " | " << md(dpa_text(p, lang))
          << " | " << md(subprocessors_text(p, lang)) << " |\n";
  }
}

void render_csv(const Register& reg, const RenderOptions& o, std::ostream& out) {
  Lang lang = o.lang;
  std::vector<std::string> header = {std::string(Phrase{"Activity", "Nom du traitement"}.in(lang)),
                                     std::string(Phrase{"Reference", "Référence"}.in(lang)),
                                     std::string(Phrase{"Last update", "Date de mise à jour"}.in(lang))};
  for (const Field& f : kFields) header.emplace_back(f.label.in(lang));
  char delimiter = o.excel ? kExcelDelimiter : ',';
  if (o.excel) out << kExcelBom;
  write_csv_row(out, header, delimiter);
  std::string reviewed = reg.controller.reviewed ? day(*reg.controller.reviewed, lang) : "";
  for (const Activity& a : reg.activities) {
    std::string updated = o.zone ? activity_date(o.history, a, false, *o.zone, lang) : "";
    std::vector<std::string> row = {a.name, a.id.str(), updated.empty() ? reviewed : updated};
    for (const Field& f : kFields) row.push_back(listed_items(f.value(reg, a, lang), lang));
    write_csv_row(out, row, delimiter);
  }
}

void render_json(const Register& reg, const RenderOptions&, std::ostream& out) {
  out << register_json(reg).dump(2) << "\n";
}

constexpr RegisterFormat kFormats[] = {
    {"text", "the record for a terminal", render_text},
    {"md", "the record as a Markdown document", render_md},
    {"csv", "one row per activity, in the CNIL register template's columns", render_csv},
    {"json", "the register in its file's shape, for programs", render_json},
};

}  // namespace

std::span<const RegisterFormat> register_formats() { return kFormats; }

std::string activity_date(const std::optional<RegisterHistory>& history, const Activity& a, bool created,
                          const Zone& zone, Lang lang) {
  if (!history) return "";
  auto it = history->activities.find(a.id);
  if (it == history->activities.end()) return "";
  return l10n::long_date(local_date(created ? it->second.created : it->second.updated, zone), lang);
}

nlohmann::ordered_json register_json(const Register& reg) {
  Json j;
  j["version"] = reg.version;
  j["controller"] = controller_json(reg.controller);
  Json cats = Json::array();
  for (const DataCategory& c : reg.data_categories) {
    Json cj{{"id", c.id.str()}, {"label", c.label}};
    if (c.kind) cj["kind"] = std::string(name_of(data_kinds(), *c.kind));
    if (c.special) cj["special"] = true;
    if (c.free_text) cj["free_text"] = true;
    cats.push_back(cj);
  }
  j["data_categories"] = cats;
  Json purposes = Json::array();
  for (const Purpose& p : reg.purposes) {
    Json pj{{"id", p.id.str()}, {"label", p.label}};
    if (p.consent_required) pj["consent"] = "required";
    if (p.validity) pj["validity"] = p.validity->str();
    if (p.proof) pj["proof"] = p.proof->str();
    if (p.explicit_consent) pj["explicit"] = true;
    if (p.marketing) pj["marketing"] = true;
    if (p.cpf_eligible) pj["cpf_eligible"] = true;
    if (p.marketing_exception)
      pj["marketing_exception"] = std::string(name_of(marketing_exceptions(), *p.marketing_exception));
    if (!p.channels.empty()) pj["channels"] = name_array(channels(), p.channels);
    purposes.push_back(pj);
  }
  j["purposes"] = purposes;
  Json processors = Json::array();
  for (const Processor& p : reg.processors) processors.push_back(processor_json(p));
  j["processors"] = processors;
  Json activities = Json::array();
  for (const Activity& a : reg.activities) activities.push_back(activity_json(a));
  j["activities"] = activities;
  return j;
}

std::string register_contents(const model::Register& reg, Lang lang) {
  return fmt::format(
      "{}, {}, {}, {}",
      tally(static_cast<long long>(reg.activities.size()), {"activity", "traitement"}, {"activities", "traitements"},
            lang),
      tally(static_cast<long long>(reg.purposes.size()), {"purpose", "finalité"}, {"purposes", "finalités"}, lang),
      tally(static_cast<long long>(reg.data_categories.size()), {"data category", "catégorie de données"},
            {"data categories", "catégories de données"}, lang),
      tally(static_cast<long long>(reg.processors.size()), {"processor", "sous-traitant"},
            {"processors", "sous-traitants"}, lang));
}

std::string register_document(const model::Register& reg) { return register_json(reg).dump(2) + "\n"; }

std::string fides_note(const Diagnostic& note) { return "note: " + note.str(); }

std::string register_valid(const std::string& file, const model::Register& reg, Lang lang) {
  return l10n::say({"{}: valid register ({})", "{} : registre valide ({})"}, lang, file, register_contents(reg, lang));
}

std::string register_imported(const RegisterImport& i, const model::Register& reg, Lang lang) {
  std::string what = l10n::say({"no change", "aucun changement"}, lang);
  if (i.any)
    what = fmt::format("{}, {}, {}",
                       tally(i.added, {"row added", "ligne ajoutée"}, {"rows added", "lignes ajoutées"}, lang),
                       tally(i.changed, {"changed", "ligne modifiée"}, {"changed", "lignes modifiées"}, lang),
                       tally(i.removed, {"removed", "ligne supprimée"}, {"removed", "lignes supprimées"}, lang));
  return l10n::say({"imported '{}': {}; {}", "import de '{}' : {} ; {}"}, lang, i.file, register_contents(reg, lang),
                   what);
}

}  // namespace dpo::report
