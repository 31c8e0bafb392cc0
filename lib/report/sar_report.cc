#include "report/sar_report.h"

#include <sstream>

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "l10n/format.h"
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
  bool basis = rests_on(a, LegalBasis::consent) || rests_on(a, LegalBasis::contract) ||
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
  j["archived"] = or_null(local(h.archived, zone));
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

std::string article_of(LegalBasis basis) { return fmt::format("Art. 6(1)({})", article_letter(basis)); }

Json activity_json(const Register& reg, const Activity& a, const Engagement* e,
                   const std::vector<const SarHolding*>& holdings, const Zone& zone) {
  Json j{{"id", a.id.str()}, {"name", a.name}};
  Json purposes = Json::array();
  for (const PurposeId& id : a.purposes) {
    const Purpose* p = reg.purpose(id);
    std::optional<LegalBasis> basis = basis_of(a, id);
    purposes.push_back({{"id", id.str()},
                        {"label", p ? p->label : id.str()},
                        {"legal_basis", basis ? Json(std::string(name_of(legal_bases(), *basis))) : Json()},
                        {"legal_basis_article", basis ? Json(article_of(*basis)) : Json()}});
  }
  j["purposes"] = purposes;
  // The activity's basis when one grounds it whole; each purpose says its own.
  std::optional<LegalBasis> whole;
  if (a.bases.size() == 1 && purposes_of(a, a.bases[0]).size() == a.purposes.size()) whole = a.bases[0].basis;
  j["legal_basis"] = whole ? Json(std::string(name_of(legal_bases(), *whole))) : Json();
  j["legal_basis_article"] = whole ? Json(article_of(*whole)) : Json();
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
  if (in.requester) {
    // Art. 15(1): the confirmation that no data about them is processed.
    j["subject"] = nullptr;
    j["requester"] = {{"kind", in.requester->kind}, {"value", in.requester->value}};
  } else {
    Json ids = Json::array();
    for (const Identifier& i : in.identifiers) ids.push_back({{"kind", i.kind}, {"value", i.value}});
    j["subject"] = {{"key", in.key.str()},
                    {"identifiers", ids},
                    {"birth_date", in.birth_date ? Json(format_date(*in.birth_date)) : Json()},
                    {"cpf_funded", in.cpf_funded},
                    {"legal_hold", in.legal_hold}};
    Json holds = Json::array();
    for (const LegalHold& h : in.holds)
      holds.push_back({{"activity", h.activity ? Json(h.activity->str()) : Json()},
                       {"category", h.category ? Json(h.category->str()) : Json()},
                       {"since", format_local(h.since, in.zone)},
                       {"until", or_null(local(h.until, in.zone))},
                       {"reason", h.reason}});
    j["subject"]["legal_holds"] = holds;
  }
  // Art. 15(1): confirmation that data is processed (or not), then the data and the facts around it.
  j["processed"] = !in.requester;
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
  Json events = Json::array(), statuses = Json::array();
  for (const ReceiptEvent& e : in.consents.events) events.push_back(receipt_event_json(e, in.zone));
  for (const PurposeStatus& p : purpose_statuses(reg, in.consents, in.zone))
    statuses.push_back(purpose_status_json(p, in.zone));
  j["consents"] = {{"events", events}, {"status", statuses}};
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
constexpr Phrase kIntroNone{
    "In answer to your request under Article 15 of the GDPR, {} confirms that, as of {}, it processes no personal "
    "data about you: it holds none under the contact you gave, in any of its activities.",
    "En réponse à votre demande au titre de l'article 15 du RGPD, {} vous confirme qu'au {}, aucune donnée "
    "personnelle vous concernant n'est traitée : aucune n'est détenue sous les coordonnées que vous avez indiquées, "
    "dans aucune de ses activités."};
constexpr Phrase kTitleNone{"Your personal data: {} holds none", "Vos données personnelles : {} n'en détient aucune"};
constexpr Phrase kYouAsked{"How you asked", "Votre demande"};
constexpr Phrase kByEmail{"Email", "Courriel"};
constexpr Phrase kByPhone{"Phone", "Téléphone"};
constexpr Phrase kByName{"Name", "Nom"};
constexpr Phrase kWho{"Who we are", "Qui nous sommes"};
constexpr Phrase kDpoLabel{"Data protection officer", "Délégué à la protection des données"};
constexpr Phrase kKnown{"How we know you", "Comment nous vous identifions"};
constexpr Phrase kReference{"Reference", "Référence"};
constexpr Phrase kBirth{"Date of birth", "Date de naissance"};
constexpr Phrase kHold{
    "Your data is under a legal hold (Art. 17(3)(e)): nothing is erased until it is lifted.",
    "Vos données font l'objet d'une conservation pour un contentieux (art. 17(3)(e)) : rien n'est effacé avant "
    "sa levée."};
constexpr Phrase kScopedHold{
    "Part of your data is kept for the establishment, exercise or defence of legal claims (Art. 17(3)(e)); it is "
    "not erased while the hold runs:",
    "Une partie de vos données est conservée pour la constatation, l'exercice ou la défense de droits en justice "
    "(art. 17(3)(e)) ; elle n'est pas effacée tant que cette conservation dure :"};
constexpr Phrase kEveryActivity{"all our activities", "toutes nos activités"};
constexpr Phrase kHoldUntil{"until", "jusqu'au"};
constexpr Phrase kHoldReleased{"until it is lifted", "jusqu'à sa levée"};
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
// Intermediate archiving: out of active use, kept in a restricted store
// until its final deletion, which the "kept until" date gives.
constexpr Phrase kArchived{"archived on {}, access restricted; then {}",
                           "archivée le {}, accès restreint ; puis {}"};
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

std::string sep(Lang lang) { return l10n::say(kSep, lang); }
std::string in(const Phrase& phrase, Lang lang) { return l10n::say(phrase, lang); }
// The local date of an instant, as the letter shows it.
std::string day_of(Instant t, const Zone& zone) { return format_local(t, zone).substr(0, 10); }

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
  return fmt::format("{}", fmt::join(items, separator));
}

// Where the activity's facts and the subject's holdings under it meet.
struct ActivityPart {
  const Activity& activity;
  const Engagement* engagement;
  std::vector<const SarHolding*> holdings;
};

// The activities the subject takes part in or has data under, in register order.
std::vector<ActivityPart> parts_of(const SarInput& in) {
  std::vector<ActivityPart> parts;
  for (const Activity& a : in.reg.activities) {
    ActivityPart part{a, nullptr, {}};
    for (const Engagement& x : in.engagements)
      if (x.activity == a.id) part.engagement = &x;
    for (const SarHolding& h : in.holdings)
      if (h.holding.activity == a.id) part.holdings.push_back(&h);
    if (part.engagement || !part.holdings.empty()) parts.push_back(std::move(part));
  }
  return parts;
}

std::vector<std::string> activity_facts(const Register& reg, const ActivityPart& part, const Zone& zone, Lang lang) {
  const Activity& a = part.activity;
  std::vector<std::string> facts;
  std::vector<std::string> purposes;
  for (const PurposeId& id : a.purposes) {
    const Purpose* p = reg.purpose(id);
    purposes.push_back(p ? p->label : id.str());
  }
  facts.push_back(in(kPurposes, lang) + sep(lang) + joined(purposes, ", "));
  if (!a.bases.empty()) facts.push_back(in(kBasis, lang) + sep(lang) + joined(bases_wording(reg, a, lang), "; "));
  if (a.special_condition)
    facts.push_back(in(kCondition, lang) + sep(lang) + std::string(wording(*a.special_condition, lang)));
  facts.push_back(in(kRecipients, lang) + sep(lang) + (a.recipients.empty() ? in(kNone, lang) : joined(a.recipients, ", ")));
  std::vector<std::string> processors;
  for (const ProcessorId& id : a.processors) {
    const Processor* p = reg.processor(id);
    if (!p) continue;
    std::string text = p->name;
    if (!p->country.empty()) text += " (" + p->country + ")";
    if (!p->services.empty()) text += ": " + joined(p->services, ", ");
    processors.push_back(text);
  }
  facts.push_back(in(kProcessors, lang) + sep(lang) + (processors.empty() ? in(kNone, lang) : joined(processors, "; ")));
  std::vector<std::string> transfers;
  for (const Transfer& t : a.transfers) {
    std::string text = t.country;
    if (!t.recipient.empty()) text += ", " + t.recipient;
    if (t.safeguard) text += " (" + std::string(name_of(safeguards(), *t.safeguard)) + ")";
    transfers.push_back(text);
  }
  facts.push_back(in(kTransfers, lang) + sep(lang) + (transfers.empty() ? in(kNone, lang) : joined(transfers, "; ")));
  if (!a.source.empty()) facts.push_back(in(kSource, lang) + sep(lang) + a.source);
  facts.push_back(in(kAutomated, lang) + sep(lang) +
                  (a.automated_decisions.empty() ? in(kNoneFeminine, lang) : a.automated_decisions));
  if (const Engagement* e = part.engagement) {
    std::vector<std::string> dates;
    if (e->started) dates.push_back(in(kStarted, lang) + " " + day_of(*e->started, zone));
    if (e->ended) dates.push_back(in(kEnded, lang) + " " + day_of(*e->ended, zone));
    if (e->last_contact) dates.push_back(in(kLastContact, lang) + " " + day_of(*e->last_contact, zone));
    if (!dates.empty()) facts.push_back(in(kEngagement, lang) + sep(lang) + joined(dates, ", "));
  }
  return facts;
}

// When a holding goes: its date, "2 years after the end of the relationship"
// while the trigger has not happened, or no rule.
std::string kept_until(const SarHolding& h, const Zone& zone, Lang lang) {
  std::string until;
  if (!h.rule)
    until = in(kNoRule, lang);
  else if (h.erasure)
    until = day_of(*h.erasure, zone);
  else
    until = l10n::say(kAfter, lang, human(h.rule->keep, lang), wording(h.rule->from, lang));
  if (!h.holding.archived) return until;
  return l10n::say(kArchived, lang, day_of(*h.holding.archived, zone), until);
}

void activity_section(Letter& l, const Register& reg, const ActivityPart& part, const Zone& zone, Lang lang) {
  const Activity& a = part.activity;
  l.heading(2, a.name);
  l.list(activity_facts(reg, part, zone, lang));
  if (part.holdings.empty()) return;
  std::vector<std::vector<std::string>> rows;
  for (const SarHolding* sh : part.holdings) {
    const Holding& h = sh->holding;
    std::string label = h.category.str();
    if (std::find(a.data.begin(), a.data.end(), h.category) != a.data.end())
      if (const DataCategory* c = reg.category(h.category)) label = c->label;
    if (portable(a)) label += " *";
    std::string value = h.value.empty() ? l10n::say(kHeldIn, lang, h.ref) : h.value;
    rows.push_back({label, h.system, day_of(h.collected, zone), value, kept_until(*sh, zone, lang)});
  }
  l.table({in(kData, lang), in(kSystem, lang), in(kCollected, lang), in(kValue, lang), in(kKeptUntil, lang)}, rows);
}

void consents_section(Letter& l, const SarInput& input, Lang lang) {
  l.heading(2, in(kConsents, lang));
  const std::vector<ReceiptEvent>& events = input.consents.events;
  if (events.empty()) {
    l.para(in(kNoConsent, lang));
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const ReceiptEvent& r : events) {
    const ConsentEvent& e = r.event;
    std::string notice = e.notice_version;
    if (!e.notice_sha256.empty())
      notice += (notice.empty() ? "" : " ") + std::string("sha256:") + e.notice_sha256.substr(0, 12);
    rows.push_back({day_of(e.at, input.zone), e.purpose.str(), std::string(wording(e.action, lang)),
                    e.channel ? std::string(wording(*e.channel, lang)) : "", notice, e.evidence});
  }
  l.table({in(kDate, lang), in(kPurpose, lang), in(kAction, lang), in(kChannel, lang), in(kNotice, lang),
           in(kEvidence, lang)},
          rows);
  std::vector<std::string> status;
  for (const PurposeStatus& p : purpose_statuses(input.reg, input.consents, input.zone))
    status.push_back(p.purpose.str() + sep(lang) + std::string(wording(p.status.status, lang)));
  l.para(in(kStatusNow, lang) + sep(lang) + joined(status, ", "));
}

void requests_section(Letter& l, const SarInput& input, Lang lang) {
  if (input.requests.empty()) return;
  l.heading(2, in(kRequests, lang));
  std::vector<std::vector<std::string>> rows;
  for (const SubjectRequest& r : input.requests)
    rows.push_back({std::string(wording(r.type, lang)), day_of(r.received, input.zone), format_date(r.due),
                    r.closed_at ? day_of(*r.closed_at, input.zone) + sep(lang) + r.outcome : in(kOpen, lang)});
  l.table({in(kType, lang), in(kReceived, lang), in(kDue, lang), in(kClosed, lang)}, rows);
}

std::string complaint(const Controller& c, Lang lang) {
  return c.authority.empty() ? in(kComplaintAny, lang) : l10n::say(kComplaint, lang, c.authority);
}

void rights_section(Letter& l, const Controller& c, Lang lang) {
  l.heading(2, in(kRights, lang));
  std::vector<std::string> rights;
  for (const Phrase& p : kRightsText) rights.push_back(l10n::say(p, lang));
  rights.push_back(complaint(c, lang));
  l.list(rights);
}

}  // namespace

void render_sar_letter(const SarInput& input, std::string_view format, Lang lang, std::ostream& out) {
  const Register& reg = input.reg;
  const Controller& c = reg.controller;
  Letter l(format, out);
  std::string title = l10n::say(input.requester ? kTitleNone : kTitle, lang, c.name);
  l.begin(title, lang);
  l.heading(1, title);
  l.para(l10n::say(input.requester ? kIntroNone : kIntro, lang, c.name, day_of(input.as_of, input.zone)));

  l.heading(2, in(kWho, lang));
  std::vector<std::string> who{c.name};
  if (!c.address.empty()) who.push_back(c.address);
  if (!c.contact.empty()) who.push_back(c.contact);
  if (c.dpo) {
    std::string dpo = in(kDpoLabel, lang) + sep(lang) + c.dpo->name;
    if (!c.dpo->email.empty()) dpo += ", " + c.dpo->email;
    who.push_back(dpo);
  }
  l.list(who);

  if (input.requester) {
    l.heading(2, in(kYouAsked, lang));
    const Identifier& asker = *input.requester;
    const Phrase& label = asker.kind == "email" ? kByEmail : asker.kind == "phone" ? kByPhone : kByName;
    l.list({in(label, lang) + sep(lang) + asker.value});
    requests_section(l, input, lang);
    // With nothing held, the one right left to state is the complaint.
    l.heading(2, in(kRights, lang));
    l.list({complaint(c, lang)});
    l.end();
    return;
  }

  l.heading(2, in(kKnown, lang));
  std::vector<std::string> known{in(kReference, lang) + sep(lang) + input.key.str()};
  for (const Identifier& i : input.identifiers) known.push_back(i.kind + sep(lang) + i.value);
  if (input.birth_date) known.push_back(in(kBirth, lang) + sep(lang) + format_date(*input.birth_date));
  l.list(known);
  if (input.legal_hold) l.para(in(kHold, lang));
  if (!input.holds.empty()) {
    l.para(in(kScopedHold, lang));
    std::vector<std::string> holds;
    for (const LegalHold& h : input.holds)
      holds.push_back((h.activity ? h.activity->str() : in(kEveryActivity, lang)) +
                      (h.category ? " / " + h.category->str() : std::string()) + sep(lang) + h.reason + ", " +
                      (h.until ? in(kHoldUntil, lang) + " " + format_local(*h.until, input.zone)
                               : in(kHoldReleased, lang)));
    l.list(holds);
  }

  bool any_portable = false;
  for (const ActivityPart& part : parts_of(input)) {
    activity_section(l, reg, part, input.zone, lang);
    any_portable = any_portable || (portable(part.activity) && !part.holdings.empty());
  }
  if (any_portable) l.para(in(kPortableNote, lang));

  consents_section(l, input, lang);
  requests_section(l, input, lang);

  rights_section(l, c, lang);
  l.end();
}

std::string render_sar(const SarInput& in, std::string_view format, Lang lang) {
  if (format == "json") return sar_json(in).dump(2) + "\n";
  std::ostringstream out;
  render_sar_letter(in, format, lang, out);
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
