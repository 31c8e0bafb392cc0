#include "report/sar_report.h"

#include <sstream>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "l10n/format.h"
#include "l10n/phone.h"
#include "model/wording.h"
#include "report/letter.h"
#include "report/summary.h"

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
  return basis && model::from_data_subject(a.source);
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
    const Addressee& to = in.addressee;
    j["subject"] = {{"key", in.key.str()},
                    {"identifiers", ids},
                    {"name", or_null(to.name)},
                    {"postal_address", to.postal_address.empty() ? Json() : Json(to.postal_address)},
                    {"civility", to.civility ? Json(name_of(civilities(), *to.civility)) : Json()},
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

constexpr Phrase kSubjectLine{"Your request for access to your personal data",
                              "Votre demande d'accès à vos données personnelles"};
constexpr Phrase kIntro{
    "In answer to your request under {} of the GDPR, {} confirms that it processes personal data about you. This letter gives "
    "all of it as of {}: what is held, why, on which legal basis, who receives it, how long it is kept and your "
    "rights.",
    "En réponse à votre demande présentée au titre de l'{}, {} vous confirme traiter des données personnelles vous "
    "concernant. Ce courrier les présente toutes au {} : ce qui est conservé, pourquoi, sur quelle base légale, qui "
    "les reçoit, combien de temps elles sont gardées, et vos droits."};
constexpr Phrase kIntroNone{
    "In answer to your request under {} of the GDPR, {} confirms that, as of {}, it processes no personal data about you: it "
    "holds none under the contact you gave, in any of its activities.",
    "En réponse à votre demande présentée au titre de l'{}, {} vous confirme qu'au {}, aucune donnée personnelle "
    "vous concernant n'est traitée : aucune n'est détenue sous les coordonnées que vous avez indiquées, dans aucune "
    "de ses activités."};
constexpr Phrase kYouAsked{"How you asked", "Votre demande"};
constexpr Phrase kKnown{"How we know you", "Comment nous vous identifions"};
constexpr Phrase kReference{"Your reference with us", "Votre référence chez nous"};
constexpr Phrase kBirth{"Date of birth", "Date de naissance"};
constexpr Phrase kName{"Name", "Nom"};
constexpr Phrase kPostalAddress{"Postal address", "Adresse postale"};
constexpr Phrase kCivility{"Form of address", "Civilité"};
constexpr Phrase kCivilities[] = {{"Madam", "Madame"}, {"Sir", "Monsieur"}};
constexpr Phrase kHold{"Your data is kept for the establishment, exercise or defence of legal claims ({}): nothing is "
                       "erased until this hold is lifted.",
                       "Vos données sont conservées pour la constatation, l'exercice ou la défense de droits en "
                       "justice ({}) : rien n'est effacé avant la levée de cette conservation."};
constexpr Phrase kScopedHold{
    "Part of your data is kept for the establishment, exercise or defence of legal claims ({}); it is not erased "
    "while the hold runs:",
    "Une partie de vos données est conservée pour la constatation, l'exercice ou la défense de droits en justice "
    "({}) ; elle n'est pas effacée tant que cette conservation dure :"};
constexpr Phrase kEveryActivity{"all our activities", "toutes nos activités"};
constexpr Phrase kHoldUntil{"until {}", "jusqu'au {}"};
constexpr Phrase kHoldReleased{"until it is lifted", "jusqu'à sa levée"};
constexpr Phrase kPurposes{"Purposes", "Finalités"};
constexpr Phrase kBasis{"Legal basis", "Base légale"};
constexpr Phrase kCondition{"Condition lifting the ban on special-category data", "Condition levant l'interdiction "
                            "de traiter des données sensibles"};
constexpr Phrase kRecipients{"Recipients", "Destinataires"};
constexpr Phrase kProcessors{"Processors acting for us", "Sous-traitants agissant pour notre compte"};
constexpr Phrase kTransfers{"Transfers outside the European Economic Area", "Transferts hors de l'Espace économique "
                            "européen"};
constexpr Phrase kSource{"Source", "Source"};
constexpr Phrase kFromYou{"you", "vous-même"};
constexpr Phrase kAutomated{"Automated decisions", "Décisions automatisées"};
constexpr Phrase kEngagement{"Your relationship with us", "Votre relation avec nous"};
constexpr Phrase kStarted{"started on {}", "début le {}"};
constexpr Phrase kEnded{"ended on {}", "fin le {}"};
constexpr Phrase kLastContact{"last contact on {}", "dernier contact le {}"};
constexpr Phrase kNone{"none", "aucun"};
constexpr Phrase kNoneFeminine{"none", "aucune"};
constexpr Phrase kData{"Data", "Donnée"};
constexpr Phrase kSystem{"System", "Système"};
constexpr Phrase kCollected{"Collected on", "Collectée le"};
constexpr Phrase kValue{"Value", "Valeur"};
constexpr Phrase kKeptUntil{"Kept until", "Conservée jusqu'au"};
constexpr Phrase kSeeAnnex{"copy attached (annex {})", "copie jointe (annexe {})"};
constexpr Phrase kNoRule{"no retention rule", "aucune règle de conservation"};
constexpr Phrase kAfter{"{} after {}", "{} à compter {}"};
// A deadline already past: the next purge removes the data.
constexpr Phrase kNextPurge[] = {
    {"to be erased at the next purge", "effacée lors de la prochaine purge"},
    {"to be anonymised at the next purge", "anonymisée lors de la prochaine purge"},
    {"to be archived at the next purge", "archivée lors de la prochaine purge"},
    {"to be reviewed now", "à réexaminer dès maintenant"},
};
// Intermediate archiving: out of active use, kept in a restricted store
// until its final deletion, which the "kept until" date gives.
constexpr Phrase kArchived{"archived on {}, access restricted; then {}", "archivée le {}, accès restreint ; puis {}"};
constexpr Phrase kPortableNote{
    "Data marked * is data you provided, processed on your consent or a contract: you may receive it in a "
    "machine-readable format or have it sent to another controller ({}).",
    "Les données marquées * sont celles que vous avez fournies, traitées sur la base de votre consentement ou d'un contrat : "
    "vous pouvez les recevoir dans un format lisible par machine ou les faire transmettre à un autre "
    "responsable de traitement ({})."};
constexpr Phrase kAnnexes{"Attached copies", "Pièces jointes"};
constexpr Phrase kAnnexesIntro{
    "Some of your data is kept in our other systems; a copy of each record is attached to this letter ({}):",
    "Une partie de vos données est conservée dans nos autres systèmes ; une copie de chaque enregistrement est "
    "jointe à ce courrier ({}) :"};
constexpr Phrase kAnnex{"Annex {}: {} ({}), record {} of our {} system", "Annexe {} : {} ({}), enregistrement {} de "
                        "notre système {}"};
constexpr Phrase kConsents{"Your consents", "Vos consentements"};
constexpr Phrase kDate{"Date", "Date"};
constexpr Phrase kPurpose{"Purpose", "Finalité"};
constexpr Phrase kAction{"Answer", "Réponse"};
constexpr Phrase kChannel{"Channel", "Canal"};
constexpr Phrase kNotice{"Information notice", "Version de l'information"};
constexpr Phrase kEvidence{"Evidence", "Preuve"};
constexpr Phrase kStatusNow{"Status today", "État aujourd'hui"};
constexpr Phrase kNoConsent{"No consent is recorded for you.", "Aucun consentement n'est enregistré pour vous."};
constexpr Phrase kRequests{"Your requests", "Vos demandes"};
constexpr Phrase kType{"Request", "Demande"};
constexpr Phrase kReceived{"Received on", "Reçue le"};
constexpr Phrase kDue{"Due by", "Échéance"};
constexpr Phrase kClosed{"Answer", "Réponse"};
constexpr Phrase kOpen{"in progress", "en cours"};
constexpr Phrase kRights{"Your rights", "Vos droits"};
struct Right {
  Phrase text;
  std::string_view article;
};
constexpr Right kRightsText[] = {
    {{"Rectify inaccurate data ({}).", "Faire rectifier des données inexactes ({})."}, "16"},
    {{"Have data erased where no obligation requires us to keep it ({}).",
      "Faire effacer des données qu'aucune obligation ne nous impose de garder ({})."},
     "17"},
    {{"Restrict processing while a dispute is settled ({}).",
      "Faire limiter le traitement le temps d'un désaccord ({})."},
     "18"},
    {{"Receive the data marked * or have it sent to another controller ({}).",
      "Recevoir les données marquées * ou les faire transmettre à un autre responsable de traitement ({})."},
     "20"},
    {{"Object to processing based on our legitimate interests, and to direct marketing at any time ({}).",
      "Vous opposer à un traitement fondé sur notre intérêt légitime, et à la prospection à tout moment ({})."},
     "21"},
    {{"Withdraw a consent at any time, as easily as you gave it ({}).",
      "Retirer un consentement à tout moment, aussi simplement que vous l'avez donné ({})."},
     "7(3)"},
};

std::string sep(Lang lang) { return l10n::say(l10n::kColon, lang); }
// Between the items of a list on one line.
std::string semicolon(Lang lang) { return l10n::say(l10n::kSemicolon, lang); }
std::string in(const Phrase& phrase, Lang lang) { return l10n::say(phrase, lang); }
// The local date of an instant, written out: "26 November 2026", "26 novembre 2026".
std::string day_of(Instant t, const Zone& zone, Lang lang) { return l10n::long_date(local_date(t, zone), lang); }

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

// A holding kept in another system: its value is not in the store, so a
// copy of the record goes with the letter (Art. 15(3)).
bool attached(const Holding& h) { return h.value.empty(); }

std::string purpose_label(const Register& reg, const PurposeId& id) {
  const Purpose* p = reg.purpose(id);
  return p ? p->label : id.str();
}

std::string category_label(const Register& reg, const CategoryId& id) {
  const DataCategory* c = reg.category(id);
  return c ? c->label : id.str();
}

std::string activity_name(const Register& reg, const ActivityId& id) {
  const Activity* a = reg.activity(id);
  return a ? a->name : id.str();
}

std::vector<std::string> activity_facts(const Register& reg, const ActivityPart& part, const Zone& zone, Lang lang) {
  const Activity& a = part.activity;
  std::vector<std::string> facts;
  std::vector<std::string> purposes;
  for (const PurposeId& id : a.purposes) purposes.push_back(purpose_label(reg, id));
  facts.push_back(in(kPurposes, lang) + sep(lang) + joined(purposes, ", "));
  if (!a.bases.empty()) facts.push_back(in(kBasis, lang) + sep(lang) + joined(bases_wording(reg, a, lang), semicolon(lang)));
  if (a.special_condition)
    facts.push_back(in(kCondition, lang) + sep(lang) + std::string(wording(*a.special_condition, lang)) + " (" +
                    l10n::gdpr_article("9(2)", lang) + ")");
  facts.push_back(in(kRecipients, lang) + sep(lang) +
                  (a.recipients.empty() ? in(kNone, lang) : joined(a.recipients, ", ")));
  std::vector<std::string> processors;
  for (const ProcessorId& id : a.processors) {
    const Processor* p = reg.processor(id);
    if (!p) continue;
    std::string text = p->name;
    if (!p->country.empty()) text += " (" + l10n::country_name(p->country, lang) + ")";
    if (!p->services.empty()) text += sep(lang) + joined(p->services, ", ");
    processors.push_back(text);
  }
  facts.push_back(in(kProcessors, lang) + sep(lang) +
                  (processors.empty() ? in(kNone, lang) : joined(processors, semicolon(lang))));
  std::vector<std::string> transfers;
  for (const Transfer& t : a.transfers) {
    std::string text = l10n::country_name(t.country, lang);
    if (!t.recipient.empty()) text += ", " + t.recipient;
    if (t.safeguard) text += ", " + wording(*t.safeguard, lang);  // it ends with its article in brackets
    transfers.push_back(text);
  }
  facts.push_back(in(kTransfers, lang) + sep(lang) + (transfers.empty() ? in(kNone, lang) : joined(transfers, semicolon(lang))));
  if (!a.source.empty())
    facts.push_back(in(kSource, lang) + sep(lang) + (model::from_data_subject(a.source) ? in(kFromYou, lang) : a.source));
  facts.push_back(in(kAutomated, lang) + sep(lang) +
                  (a.automated_decisions.empty() ? in(kNoneFeminine, lang) : a.automated_decisions));
  if (const Engagement* e = part.engagement) {
    std::vector<std::string> dates;
    if (e->started) dates.push_back(l10n::say(kStarted, lang, day_of(*e->started, zone, lang)));
    if (e->ended) dates.push_back(l10n::say(kEnded, lang, day_of(*e->ended, zone, lang)));
    if (e->last_contact) dates.push_back(l10n::say(kLastContact, lang, day_of(*e->last_contact, zone, lang)));
    if (!dates.empty()) facts.push_back(in(kEngagement, lang) + sep(lang) + joined(dates, ", "));
  }
  return facts;
}

// When a holding goes: its date, the next purge when that date is past,
// "2 years after the end of the relationship" while the trigger has not
// happened, or no rule.
std::string kept_until(const SarHolding& h, Instant as_of, const Zone& zone, Lang lang) {
  std::string until;
  if (!h.rule)
    until = in(kNoRule, lang);
  else if (h.erasure && *h.erasure <= as_of)
    until = in(kNextPurge[static_cast<int>(h.rule->action)], lang);
  else if (h.erasure)
    until = day_of(*h.erasure, zone, lang);
  else
    until = l10n::say(kAfter, lang, human(h.rule->keep, lang), wording(h.rule->from, lang));
  if (!h.holding.archived) return until;
  return l10n::say(kArchived, lang, day_of(*h.holding.archived, zone, lang), until);
}

}  // namespace

std::vector<AttachedCopy> attached_copies(const SarInput& input) {
  std::vector<AttachedCopy> out;
  for (const ActivityPart& part : parts_of(input))
    for (const SarHolding* sh : part.holdings)
      if (attached(sh->holding)) out.push_back({static_cast<int>(out.size()) + 1, sh->holding});
  return out;
}

namespace {

void activity_section(Letter& l, const SarInput& input, const ActivityPart& part, int& annex, Lang lang) {
  const Register& reg = input.reg;
  const Activity& a = part.activity;
  l.heading(2, a.name);
  l.list(activity_facts(reg, part, input.zone, lang));
  if (part.holdings.empty()) return;
  std::vector<std::vector<std::string>> rows;
  for (const SarHolding* sh : part.holdings) {
    const Holding& h = sh->holding;
    std::string label = h.category.str();
    if (std::find(a.data.begin(), a.data.end(), h.category) != a.data.end()) label = category_label(reg, h.category);
    if (portable(a)) label += " *";
    std::string value = attached(h) ? l10n::say(kSeeAnnex, lang, ++annex) : h.value;
    rows.push_back({label, h.system, day_of(h.collected, input.zone, lang), value,
                    kept_until(*sh, input.as_of, input.zone, lang)});
  }
  l.table({in(kData, lang), in(kSystem, lang), in(kCollected, lang), in(kValue, lang), in(kKeptUntil, lang)}, rows);
}

void annexes_section(Letter& l, const SarInput& input, Lang lang) {
  std::vector<AttachedCopy> copies = attached_copies(input);
  if (copies.empty()) return;
  l.heading(2, in(kAnnexes, lang));
  l.para(l10n::say(kAnnexesIntro, lang, l10n::gdpr_article("15(3)", lang)));
  std::vector<std::string> items;
  for (const AttachedCopy& c : copies)
    items.push_back(l10n::say(kAnnex, lang, c.number, category_label(input.reg, c.holding.category),
                              activity_name(input.reg, c.holding.activity), c.holding.ref, c.holding.system));
  l.list(items);
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
    // The notice by its version: its hash proves the text to an auditor, and
    // says nothing to the person.
    rows.push_back({day_of(e.at, input.zone, lang), purpose_label(input.reg, e.purpose),
                    std::string(wording(e.action, lang)), e.channel ? std::string(wording(*e.channel, lang)) : "",
                    e.notice_version, e.evidence});
  }
  l.table({in(kDate, lang), in(kPurpose, lang), in(kAction, lang), in(kChannel, lang), in(kNotice, lang),
           in(kEvidence, lang)},
          rows);
  std::vector<std::string> status;
  for (const PurposeStatus& p : purpose_statuses(input.reg, input.consents, input.zone))
    status.push_back(purpose_label(input.reg, p.purpose) + sep(lang) + std::string(wording(p.status.status, lang)));
  l.para(in(kStatusNow, lang) + sep(lang) + joined(status, ", "));
}

void requests_section(Letter& l, const SarInput& input, Lang lang) {
  if (input.requests.empty()) return;
  l.heading(2, in(kRequests, lang));
  std::vector<std::vector<std::string>> rows;
  for (const SubjectRequest& r : input.requests)
    rows.push_back({std::string(wording(r.type, lang)), day_of(r.received, input.zone, lang),
                    l10n::long_date(r.due, lang),
                    r.closed_at ? day_of(*r.closed_at, input.zone, lang) + sep(lang) + r.outcome : in(kOpen, lang)});
  l.table({in(kType, lang), in(kReceived, lang), in(kDue, lang), in(kClosed, lang)}, rows);
}

void rights_section(Letter& l, Lang lang) {
  l.heading(2, in(kRights, lang));
  std::vector<std::string> rights;
  for (const Right& r : kRightsText) rights.push_back(l10n::say(r.text, lang, l10n::gdpr_article(r.article, lang)));
  l.list(rights);
}

std::vector<std::string> known_as(const SarInput& input, Lang lang) {
  std::vector<std::string> known{in(kReference, lang) + sep(lang) + input.key.str()};
  for (const Identifier& i : input.identifiers) {
    std::string kind = identifier_wording(i.kind, lang);
    kind.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(kind.front())));
    // A number reads grouped, as on a letterhead; the store keeps E.164.
    known.push_back(kind + sep(lang) + (i.kind == "phone" ? l10n::phone_readable(i.value) : i.value));
  }
  const Addressee& to = input.addressee;
  if (!to.name.empty()) known.push_back(in(kName, lang) + sep(lang) + to.name);
  if (!to.postal_address.empty()) known.push_back(in(kPostalAddress, lang) + sep(lang) + joined(to.postal_address, ", "));
  if (to.civility)
    known.push_back(in(kCivility, lang) + sep(lang) + in(kCivilities[*to.civility == Civility::sir], lang));
  if (input.birth_date) known.push_back(in(kBirth, lang) + sep(lang) + l10n::long_date(*input.birth_date, lang));
  return known;
}

void holds_section(Letter& l, const SarInput& input, Lang lang) {
  std::string article = l10n::gdpr_article("17(3)(e)", lang);
  if (input.legal_hold) l.para(l10n::say(kHold, lang, article));
  if (input.holds.empty()) return;
  l.para(l10n::say(kScopedHold, lang, article));
  std::vector<std::string> holds;
  for (const LegalHold& h : input.holds)
    holds.push_back((h.activity ? activity_name(input.reg, *h.activity) : in(kEveryActivity, lang)) +
                    (h.category ? " / " + category_label(input.reg, *h.category) : std::string()) + sep(lang) +
                    h.reason + ", " +
                    (h.until ? l10n::say(kHoldUntil, lang, day_of(*h.until, input.zone, lang))
                             : in(kHoldReleased, lang)));
  l.list(holds);
}

}  // namespace

void render_sar_letter(const SarInput& input, std::string_view format, Lang lang, std::ostream& out) {
  const Register& reg = input.reg;
  const Controller& c = reg.controller;
  LetterHead head{c, input.recipient, input.answering, input.as_of, input.zone};
  Letter l(format, out);
  std::string subject = in(kSubjectLine, lang);
  l.begin(subject, lang);
  open_letter(l, head, subject, lang);
  std::string article = l10n::gdpr_article("15", lang);
  l.para(l10n::say(input.requester ? kIntroNone : kIntro, lang, article, c.name, day_of(input.as_of, input.zone, lang)));

  if (input.requester) {
    l.heading(2, in(kYouAsked, lang));
    const Identifier& asker = *input.requester;
    std::string kind = identifier_wording(asker.kind, lang);
    kind.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(kind.front())));
    l.list({kind + sep(lang) + asker.value});
    requests_section(l, input, lang);
    close_letter(l, head, Remedy::complaint, lang);
    l.end();
    return;
  }

  l.heading(2, in(kKnown, lang));
  l.list(known_as(input, lang));
  holds_section(l, input, lang);

  bool any_portable = false;
  int annex = 0;
  for (const ActivityPart& part : parts_of(input)) {
    activity_section(l, input, part, annex, lang);
    any_portable = any_portable || (portable(part.activity) && !part.holdings.empty());
  }
  if (any_portable) l.para(l10n::say(kPortableNote, lang, l10n::gdpr_article("20", lang)));
  annexes_section(l, input, lang);

  consents_section(l, input, lang);
  requests_section(l, input, lang);

  rights_section(l, lang);
  close_letter(l, head, Remedy::complaint, lang);
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

std::string batch_exported(std::size_t exported, const std::string& out_dir, long long unknown, Lang lang) {
  return l10n::say({"{} to '{}', {}", "{} dans '{}', {}"}, lang,
                   tally(static_cast<long long>(exported), {"exported", "personne exportée"},
                         {"exported", "personnes exportées"}, lang),
                   out_dir, tally(unknown, {"unknown", "inconnue"}, {"unknown", "inconnues"}, lang));
}

}  // namespace dpo::report
