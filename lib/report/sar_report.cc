#include "report/sar_report.h"

#include <sstream>

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "model/wording.h"
#include "report/letter.h"

namespace dpo::report {

using namespace model;
using Json = nlohmann::ordered_json;

namespace {

std::optional<std::string> local(const std::optional<Instant>& t, const Zone& zone) {
  if (!t) return std::nullopt;
  return format_local(*t, zone);
}

Json or_null(const std::optional<std::string>& s) { return s ? Json(*s) : Json(); }
Json or_null(const std::string& s) { return s.empty() ? Json() : Json(s); }

// Art. 20(1): data the subject provided, processed by automated means on
// consent or a contract, is theirs to take elsewhere.
bool portable(const Activity& a) {
  bool basis = a.legal_basis == LegalBasis::consent || a.legal_basis == LegalBasis::contract ||
               a.special_condition == SpecialCondition::explicit_consent;
  return basis && a.source == "data-subject";
}

Json controller_json(const Controller& c) {
  Json j{{"name", c.name}, {"address", or_null(c.address)}, {"contact", or_null(c.contact)}};
  j["dpo"] = c.dpo ? Json{{"name", or_null(c.dpo->name)}, {"email", or_null(c.dpo->email)},
                          {"phone", or_null(c.dpo->phone)}}
                   : Json();
  j["authority"] = or_null(c.authority);
  return j;
}

Json holding_json(const SarHolding& sh, bool is_portable, const Zone& zone) {
  const Holding& h = sh.holding;
  Json j{{"category", h.category.str()}, {"system", h.system}, {"collected", format_local(h.collected, zone)}};
  j["value"] = or_null(h.value);
  j["ref"] = or_null(h.ref);
  j["portable"] = is_portable;
  if (sh.rule) {
    const RuleDeadline& r = *sh.rule;
    j["retention"] = {{"rule", r.id()},
                      {"keep", r.keep.str()},
                      {"from", std::string(name_of(triggers(), r.from))},
                      {"action", std::string(name_of(retention_actions(), r.action))},
                      {"basis", or_null(r.basis)},
                      {"until", or_null(local(sh.erasure, zone))}};
  } else {
    j["retention"] = Json();
  }
  return j;
}

Json activity_json(const Register& reg, const Activity& a, const Engagement* e,
                   const std::vector<const SarHolding*>& holdings, const Zone& zone) {
  Json j{{"id", a.id.str()}, {"name", a.name}};
  Json purposes = Json::array();
  for (const PurposeId& id : a.purposes) {
    const Purpose* p = reg.purpose(id);
    purposes.push_back({{"id", id.str()}, {"label", p ? p->label : id.str()}});
  }
  j["purposes"] = purposes;
  j["legal_basis"] = a.legal_basis ? Json(std::string(name_of(legal_bases(), *a.legal_basis))) : Json();
  j["legal_basis_article"] =
      a.legal_basis ? Json(fmt::format("Art. 6(1)({})", article_letter(*a.legal_basis))) : Json();
  j["special_condition"] =
      a.special_condition ? Json(std::string(name_of(special_conditions(), *a.special_condition))) : Json();
  std::set<std::string> held;
  for (const SarHolding* h : holdings) held.insert(h->holding.category.str());
  Json categories = Json::array();
  for (const CategoryId& id : a.data) {
    if (!held.count(id.str())) continue;
    const DataCategory* c = reg.category(id);
    categories.push_back({{"id", id.str()}, {"label", c ? c->label : id.str()}, {"special", c && c->special}});
  }
  j["data_categories"] = categories;
  j["recipients"] = a.recipients;
  Json processors = Json::array();
  for (const ProcessorId& id : a.processors) {
    const Processor* p = reg.processor(id);
    if (!p) continue;
    processors.push_back({{"name", p->name}, {"country", or_null(p->country)}, {"services", p->services}});
  }
  j["processors"] = processors;
  Json transfers = Json::array();
  for (const Transfer& t : a.transfers)
    transfers.push_back({{"country", t.country},
                         {"recipient", or_null(t.recipient)},
                         {"safeguard", t.safeguard ? Json(std::string(name_of(safeguards(), *t.safeguard))) : Json()}});
  j["transfers"] = transfers;
  j["source"] = or_null(a.source);
  j["automated_decisions"] = or_null(a.automated_decisions);
  j["engagement"] = e ? Json{{"started", or_null(local(e->started, zone))},
                             {"ended", or_null(local(e->ended, zone))},
                             {"last_contact", or_null(local(e->last_contact, zone))}}
                      : Json();
  Json hs = Json::array();
  bool is_portable = portable(a);
  for (const SarHolding* h : holdings) hs.push_back(holding_json(*h, is_portable, zone));
  j["holdings"] = hs;
  return j;
}

Json request_json(const SubjectRequest& r, const Zone& zone) {
  return {{"id", r.id},
          {"type", std::string(name_of(request_types(), r.type))},
          {"received", format_local(r.received, zone)},
          {"due", format_date(r.due)},
          {"extended", or_null(local(r.extended_at, zone))},
          {"extension_reason", or_null(r.extension_reason)},
          {"closed", or_null(local(r.closed_at, zone))},
          {"outcome", or_null(r.outcome)}};
}

}  // namespace

Json sar_json(const SarInput& in) {
  const Register& reg = in.reg;
  Json j;
  j["format"] = "dpokit subject access 1";
  j["as_of"] = format_local(in.as_of, in.zone);
  j["controller"] = controller_json(reg.controller);
  Json ids = Json::array();
  for (const Identifier& i : in.identifiers) ids.push_back({{"kind", i.kind}, {"value", i.value}});
  j["subject"] = {{"key", in.key.str()},
                  {"identifiers", ids},
                  {"birth_date", in.birth_date ? Json(format_date(*in.birth_date)) : Json()},
                  {"cpf_funded", in.cpf_funded},
                  {"legal_hold", in.legal_hold}};
  // Art. 15(1): confirmation that data is processed, then the data and the facts around it.
  j["processed"] = true;
  Json activities = Json::array();
  long long holdings = 0, portable_holdings = 0;
  for (const Activity& a : reg.activities) {
    const Engagement* e = nullptr;
    for (const Engagement& x : in.engagements)
      if (x.activity == a.id) e = &x;
    std::vector<const SarHolding*> hs;
    for (const SarHolding& h : in.holdings)
      if (h.holding.activity == a.id) hs.push_back(&h);
    if (!e && hs.empty()) continue;
    holdings += static_cast<long long>(hs.size());
    if (portable(a)) portable_holdings += static_cast<long long>(hs.size());
    activities.push_back(activity_json(reg, a, e, hs, in.zone));
  }
  j["activities"] = activities;
  j["counts"] = {{"activities", activities.size()}, {"holdings", holdings}, {"portable", portable_holdings}};
  Json rights = Json::array();
  for (const auto& [right, article] : std::initializer_list<std::pair<const char*, const char*>>{
           {"access", "Art. 15"},
           {"rectification", "Art. 16"},
           {"erasure", "Art. 17"},
           {"restriction", "Art. 18"},
           {"portability", "Art. 20"},
           {"objection", "Art. 21"},
           {"withdraw-consent", "Art. 7(3)"},
           {"complaint", "Art. 77"}})
    rights.push_back({{"right", right}, {"article", article}});
  j["rights"] = {{"list", rights}, {"authority", or_null(reg.controller.authority)}};
  Json receipt = consent_receipt(reg, in.consents, in.zone);
  j["consents"] = {{"events", receipt["events"]}, {"status", receipt["status"]["purposes"]}};
  Json requests = Json::array();
  for (const SubjectRequest& r : in.requests) requests.push_back(request_json(r, in.zone));
  j["requests"] = requests;
  return j;
}

// ---- the letter ----

namespace {

constexpr Phrase kTitle{"Your personal data held by {}", "Vos données personnelles détenues par {}"};
constexpr Phrase kIntro{
    "In answer to your request under Article 15 of the GDPR, {} confirms that it processes personal data about "
    "you. This letter gives all of it as of {}: what is held, why, on which legal basis, who receives it, how long "
    "it is kept and your rights.",
    "En réponse à votre demande au titre de l'article 15 du RGPD, {} confirme traiter des données personnelles "
    "vous concernant. Ce courrier les présente toutes au {} : ce qui est conservé, pourquoi, sur quelle base "
    "légale, qui les reçoit, combien de temps elles sont gardées, et vos droits."};
constexpr Phrase kWho{"Who we are", "Qui nous sommes"};
constexpr Phrase kDpoLabel{"Data protection officer", "Délégué à la protection des données"};
constexpr Phrase kKnown{"How we know you", "Comment nous vous identifions"};
constexpr Phrase kReference{"Reference", "Référence"};
constexpr Phrase kBirth{"Date of birth", "Date de naissance"};
constexpr Phrase kHold{
    "Your data is under a legal hold (Art. 17(3)(e)): nothing is erased until it is lifted.",
    "Vos données font l'objet d'une conservation pour un contentieux (art. 17(3)(e)) : rien n'est effacé avant "
    "sa levée."};
constexpr Phrase kPurposes{"Purposes", "Finalités"};
constexpr Phrase kBasis{"Legal basis", "Base légale"};
constexpr Phrase kCondition{"Art. 9(2) condition", "Condition de l'art. 9(2)"};
constexpr Phrase kRecipients{"Recipients", "Destinataires"};
constexpr Phrase kProcessors{"Processors acting for us", "Sous-traitants agissant pour nous"};
constexpr Phrase kTransfers{"Transfers outside the EEA", "Transferts hors de l'EEE"};
constexpr Phrase kSource{"Source", "Source"};
constexpr Phrase kAutomated{"Automated decisions", "Décisions automatisées"};
constexpr Phrase kEngagement{"Your relationship", "Votre relation avec nous"};
constexpr Phrase kStarted{"started", "début"};
constexpr Phrase kEnded{"ended", "fin"};
constexpr Phrase kLastContact{"last contact", "dernier contact"};
constexpr Phrase kNone{"none", "aucun"};
constexpr Phrase kNoneFeminine{"none", "aucune"};
constexpr Phrase kSep{": ", " : "};
constexpr Phrase kData{"Data", "Donnée"};
constexpr Phrase kSystem{"System", "Système"};
constexpr Phrase kCollected{"Collected", "Collectée le"};
constexpr Phrase kValue{"Value", "Valeur"};
constexpr Phrase kKeptUntil{"Kept until", "Conservée jusqu'au"};
constexpr Phrase kHeldIn{"held in {}", "conservée dans {}"};
constexpr Phrase kNoRule{"no retention rule", "aucune règle de conservation"};
constexpr Phrase kAfter{"{} after {}", "{} à compter {}"};
constexpr Phrase kPortableNote{
    "Data marked * is data you provided, processed on your consent or a contract: you may receive it in a "
    "machine-readable format or have it sent to another controller (Art. 20).",
    "Les données marquées * sont celles que vous avez fournies, traitées sur votre consentement ou un contrat : "
    "vous pouvez les recevoir dans un format lisible par machine ou les faire transmettre à un autre "
    "responsable (art. 20)."};
constexpr Phrase kConsents{"Your consents", "Vos consentements"};
constexpr Phrase kDate{"Date", "Date"};
constexpr Phrase kPurpose{"Purpose", "Finalité"};
constexpr Phrase kAction{"Action", "Action"};
constexpr Phrase kChannel{"Channel", "Canal"};
constexpr Phrase kNotice{"Notice", "Information"};
constexpr Phrase kEvidence{"Evidence", "Preuve"};
constexpr Phrase kStatusNow{"Status today", "État aujourd'hui"};
constexpr Phrase kNoConsent{"No consent is recorded for you.", "Aucun consentement n'est enregistré pour vous."};
constexpr Phrase kRequests{"Your requests", "Vos demandes"};
constexpr Phrase kType{"Request", "Demande"};
constexpr Phrase kReceived{"Received", "Reçue le"};
constexpr Phrase kDue{"Due", "Échéance"};
constexpr Phrase kClosed{"Answered", "Réponse"};
constexpr Phrase kOpen{"open", "en cours"};
constexpr Phrase kRights{"Your rights", "Vos droits"};
constexpr Phrase kRightsText[] = {
    {"Rectify inaccurate data (Art. 16).", "Faire rectifier des données inexactes (art. 16)."},
    {"Have data erased where no obligation requires us to keep it (Art. 17).",
     "Faire effacer des données qu'aucune obligation ne nous impose de garder (art. 17)."},
    {"Restrict processing while a dispute is settled (Art. 18).",
     "Faire limiter le traitement le temps d'un désaccord (art. 18)."},
    {"Receive the data marked * or have it sent to another controller (Art. 20).",
     "Recevoir les données marquées * ou les faire transmettre à un autre responsable (art. 20)."},
    {"Object to processing based on our legitimate interests, and to direct marketing at any time (Art. 21).",
     "Vous opposer à un traitement fondé sur notre intérêt légitime, et à la prospection à tout moment (art. 21)."},
    {"Withdraw a consent at any time, as easily as you gave it (Art. 7(3)).",
     "Retirer un consentement à tout moment, aussi simplement que vous l'avez donné (art. 7(3))."},
};
constexpr Phrase kComplaint{"Lodge a complaint with the supervisory authority, {} (Art. 77).",
                            "Introduire une réclamation auprès de l'autorité de contrôle, {} (art. 77)."};
constexpr Phrase kComplaintAny{"Lodge a complaint with a supervisory authority (Art. 77).",
                               "Introduire une réclamation auprès d'une autorité de contrôle (art. 77)."};

std::string sep(Lang lang) { return std::string(kSep.in(lang)); }
std::string str(const Json& j) { return j.is_string() ? j.get<std::string>() : std::string(); }
std::string date_part(const Json& j) { return str(j).substr(0, 10); }

template <class E>
std::string worded(std::span<const Named<E>> table, const Json& name, Lang lang) {
  std::optional<E> e = from_name(table, str(name));
  return e ? std::string(wording(*e, lang)) : str(name);
}

std::string joined(const Json& list, const char* key = nullptr) {
  std::string out;
  for (const Json& item : list) {
    if (!out.empty()) out += ", ";
    out += key ? str(item[key]) : str(item);
  }
  return out;
}

void activity_section(Letter& l, const Json& a, Lang lang) {
  l.heading(2, str(a["name"]));
  std::vector<std::string> facts;
  facts.push_back(std::string(kPurposes.in(lang)) + sep(lang) + joined(a["purposes"], "label"));
  if (!a["legal_basis"].is_null())
    facts.push_back(std::string(kBasis.in(lang)) + sep(lang) + worded(legal_bases(), a["legal_basis"], lang) + " (" +
                    str(a["legal_basis_article"]) + ")");
  if (!a["special_condition"].is_null())
    facts.push_back(std::string(kCondition.in(lang)) + sep(lang) +
                    worded(special_conditions(), a["special_condition"], lang));
  facts.push_back(std::string(kRecipients.in(lang)) + sep(lang) +
                  (a["recipients"].empty() ? std::string(kNone.in(lang)) : joined(a["recipients"])));
  std::vector<std::string> processors;
  for (const Json& p : a["processors"]) {
    std::string s = str(p["name"]);
    if (!p["country"].is_null()) s += " (" + str(p["country"]) + ")";
    if (!p["services"].empty()) s += ": " + joined(p["services"]);
    processors.push_back(s);
  }
  facts.push_back(std::string(kProcessors.in(lang)) + sep(lang) +
                  (processors.empty() ? std::string(kNone.in(lang)) : fmt::format("{}", fmt::join(processors, "; "))));
  std::vector<std::string> transfers;
  for (const Json& t : a["transfers"]) {
    std::string s = str(t["country"]);
    if (!t["recipient"].is_null()) s += ", " + str(t["recipient"]);
    if (!t["safeguard"].is_null()) s += " (" + str(t["safeguard"]) + ")";
    transfers.push_back(s);
  }
  facts.push_back(std::string(kTransfers.in(lang)) + sep(lang) +
                  (transfers.empty() ? std::string(kNone.in(lang)) : fmt::format("{}", fmt::join(transfers, "; "))));
  if (!a["source"].is_null()) facts.push_back(std::string(kSource.in(lang)) + sep(lang) + str(a["source"]));
  facts.push_back(std::string(kAutomated.in(lang)) + sep(lang) +
                  (a["automated_decisions"].is_null() ? std::string(kNoneFeminine.in(lang)) : str(a["automated_decisions"])));
  if (!a["engagement"].is_null()) {
    const Json& e = a["engagement"];
    std::vector<std::string> dates;
    if (!e["started"].is_null()) dates.push_back(std::string(kStarted.in(lang)) + " " + date_part(e["started"]));
    if (!e["ended"].is_null()) dates.push_back(std::string(kEnded.in(lang)) + " " + date_part(e["ended"]));
    if (!e["last_contact"].is_null())
      dates.push_back(std::string(kLastContact.in(lang)) + " " + date_part(e["last_contact"]));
    if (!dates.empty())
      facts.push_back(std::string(kEngagement.in(lang)) + sep(lang) + fmt::format("{}", fmt::join(dates, ", ")));
  }
  l.list(facts);
  if (a["holdings"].empty()) return;
  std::vector<std::vector<std::string>> rows;
  for (const Json& h : a["holdings"]) {
    std::string label = str(h["category"]);
    for (const Json& c : a["data_categories"])
      if (c["id"] == h["category"]) label = str(c["label"]);
    if (h["portable"].get<bool>()) label += " *";
    std::string value = h["value"].is_null() ? fmt::format(fmt::runtime(kHeldIn.in(lang)), str(h["ref"]))
                                             : str(h["value"]);
    std::string until;
    const Json& r = h["retention"];
    if (r.is_null()) {
      until = kNoRule.in(lang);
    } else if (!r["until"].is_null()) {
      until = date_part(r["until"]);
    } else {
      std::optional<Duration> keep;
      if (Parsed<Duration> d = Duration::parse(str(r["keep"]))) keep = *d;
      until = fmt::format(fmt::runtime(kAfter.in(lang)), keep ? human(*keep, lang) : str(r["keep"]),
                          worded(triggers(), r["from"], lang));
    }
    rows.push_back({label, str(h["system"]), date_part(h["collected"]), value, until});
  }
  l.table({std::string(kData.in(lang)), std::string(kSystem.in(lang)), std::string(kCollected.in(lang)),
           std::string(kValue.in(lang)), std::string(kKeptUntil.in(lang))},
          rows);
}

}  // namespace

void render_sar_letter(const Json& sar, std::string_view format, Lang lang, std::ostream& out) {
  Letter l(format, out);
  const Json& c = sar["controller"];
  std::string title = fmt::format(fmt::runtime(kTitle.in(lang)), str(c["name"]));
  l.begin(title, lang);
  l.heading(1, title);
  l.para(fmt::format(fmt::runtime(kIntro.in(lang)), str(c["name"]), date_part(sar["as_of"])));

  l.heading(2, std::string(kWho.in(lang)));
  std::vector<std::string> who{str(c["name"])};
  if (!c["address"].is_null()) who.push_back(str(c["address"]));
  if (!c["contact"].is_null()) who.push_back(str(c["contact"]));
  if (!c["dpo"].is_null()) {
    std::string dpo = std::string(kDpoLabel.in(lang)) + sep(lang) + str(c["dpo"]["name"]);
    if (!c["dpo"]["email"].is_null()) dpo += ", " + str(c["dpo"]["email"]);
    who.push_back(dpo);
  }
  l.list(who);

  const Json& s = sar["subject"];
  l.heading(2, std::string(kKnown.in(lang)));
  std::vector<std::string> known{std::string(kReference.in(lang)) + sep(lang) + str(s["key"])};
  for (const Json& i : s["identifiers"]) known.push_back(str(i["kind"]) + sep(lang) + str(i["value"]));
  if (!s["birth_date"].is_null()) known.push_back(std::string(kBirth.in(lang)) + sep(lang) + str(s["birth_date"]));
  l.list(known);
  if (s["legal_hold"].get<bool>()) l.para(std::string(kHold.in(lang)));

  for (const Json& a : sar["activities"]) activity_section(l, a, lang);
  if (sar["counts"]["portable"].get<long long>() > 0) l.para(std::string(kPortableNote.in(lang)));

  l.heading(2, std::string(kConsents.in(lang)));
  const Json& events = sar["consents"]["events"];
  if (events.empty()) {
    l.para(std::string(kNoConsent.in(lang)));
  } else {
    std::vector<std::vector<std::string>> rows;
    for (const Json& e : events) {
      std::string notice;
      if (e.contains("notice")) {
        notice = str(e["notice"].value("version", Json()));
        std::string hash = str(e["notice"].value("sha256", Json()));
        if (!hash.empty()) notice += (notice.empty() ? "" : " ") + std::string("sha256:") + hash.substr(0, 12);
      }
      rows.push_back({date_part(e["at"]), str(e["purpose"]), str(e["action"]), str(e.value("channel", Json())),
                      notice, str(e.value("evidence", Json()))});
    }
    l.table({std::string(kDate.in(lang)), std::string(kPurpose.in(lang)), std::string(kAction.in(lang)),
             std::string(kChannel.in(lang)), std::string(kNotice.in(lang)), std::string(kEvidence.in(lang))},
            rows);
    std::vector<std::string> status;
    for (const Json& p : sar["consents"]["status"]) status.push_back(str(p["purpose"]) + sep(lang) + str(p["status"]));
    l.para(std::string(kStatusNow.in(lang)) + sep(lang) + fmt::format("{}", fmt::join(status, ", ")));
  }

  if (!sar["requests"].empty()) {
    l.heading(2, std::string(kRequests.in(lang)));
    std::vector<std::vector<std::string>> rows;
    for (const Json& r : sar["requests"])
      rows.push_back({str(r["type"]), date_part(r["received"]), str(r["due"]),
                      r["closed"].is_null() ? std::string(kOpen.in(lang))
                                            : date_part(r["closed"]) + sep(lang) + str(r["outcome"])});
    l.table({std::string(kType.in(lang)), std::string(kReceived.in(lang)), std::string(kDue.in(lang)),
             std::string(kClosed.in(lang))},
            rows);
  }

  l.heading(2, std::string(kRights.in(lang)));
  std::vector<std::string> rights;
  for (const Phrase& p : kRightsText) rights.emplace_back(p.in(lang));
  const Json& authority = sar["rights"]["authority"];
  rights.push_back(authority.is_null() ? std::string(kComplaintAny.in(lang))
                                       : fmt::format(fmt::runtime(kComplaint.in(lang)), str(authority)));
  l.list(rights);
  l.end();
}

std::string render_sar(const SarInput& in, std::string_view format, Lang lang) {
  nlohmann::ordered_json j = sar_json(in);
  if (format == "json") return j.dump(2) + "\n";
  std::ostringstream out;
  render_sar_letter(j, format, lang, out);
  return out.str();
}

// The line number, never the line: it is personal data.
std::string batch_unknown_line(const std::string& batch, int line) {
  return fmt::format("{}:{}: no such subject in the store; skipped", batch, line);
}

std::string batch_repeated_line(const std::string& batch, int line) {
  return fmt::format("{}:{}: the same subject as an earlier line; exported once", batch, line);
}

std::string batch_exported(std::size_t exported, const std::string& out_dir, long long unknown) {
  return fmt::format("{} exported to '{}', {} unknown", exported, out_dir, unknown);
}

}  // namespace dpo::report
