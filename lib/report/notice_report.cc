#include "report/notice_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

#include "base/strings.h"
#include "l10n/format.h"
#include "model/countries.h"
#include "model/request.h"
#include "model/wording.h"
#include "report/letter.h"

namespace dpo::report {

using namespace model;

namespace {

// ---- what the notice says, read from the register ----

// A transfer outside the EEA as the notice states it (Art. 13(1)(f),
// 14(1)(f)): the activity's own, its processors' outside the EEA and their
// sub-processors' (onward transfers, Art. 44).
struct NoticeTransfer {
  std::string country;
  std::string recipient;
  const Processor* through = nullptr;  ///< the processor whose sub-processor receives it
  std::optional<Safeguard> safeguard;
  bool adequacy = false;  ///< no safeguard named, but the country's adequacy decision covers it
};

bool outside_eea(const std::string& code) {
  const Country* c = Countries::builtin().find(code);
  return !c || !c->eea;
}

// Whether an adequacy decision grounds a transfer the register gives no
// safeguard: a full decision, or a partial one the recipient says covers it.
bool adequate(const std::string& code, bool covered) {
  const Country* c = Countries::builtin().find(code);
  return c && c->adequacy && (!c->adequacy->partial || covered);
}

std::vector<NoticeTransfer> transfers_of(const Register& reg, const Activity& a) {
  std::vector<NoticeTransfer> out;
  auto add = [&](NoticeTransfer t, bool covered) {
    if (!outside_eea(t.country)) return;
    for (const NoticeTransfer& x : out)
      if (x.country == t.country && x.recipient == t.recipient) return;
    t.adequacy = !t.safeguard && adequate(t.country, covered);
    out.push_back(std::move(t));
  };
  for (const Transfer& t : a.transfers) add({t.country, t.recipient, nullptr, t.safeguard}, t.covered_by_adequacy);
  for (const ProcessorId& id : a.processors) {
    const Processor* p = reg.processor(id);
    if (!p) continue;
    add({p->country, p->name, nullptr, std::nullopt}, p->covered_by_adequacy);
    for (const SubProcessor& s : p->subprocessors) add({s.country, s.name, p, s.safeguard}, s.covered_by_adequacy);
  }
  return out;
}

// Art. 46 and 47 safeguards are documents the person may ask a copy of
// (Art. 13(1)(f)); an adequacy decision is published, a derogation is none.
bool has_copy(const NoticeTransfer& t) {
  return t.safeguard && *t.safeguard != Safeguard::adequacy && *t.safeguard != Safeguard::dpf &&
         !is_derogation(*t.safeguard);
}

std::vector<std::optional<LegalBasis>> bases_shown(const NoticeInput& in) {
  std::vector<std::optional<LegalBasis>> out;
  for (const PurposeId& id : in.purposes) out.push_back(basis_of(in.activity, id));
  return out;
}

bool any_basis(const NoticeInput& in, LegalBasis basis) {
  for (const auto& b : bases_shown(in))
    if (b == basis) return true;
  return false;
}

// Whether the person gives consent: an Art. 6(1)(a) purpose, or special
// categories on explicit consent (Art. 9(2)(a)).
bool on_consent(const NoticeInput& in) {
  return any_basis(in, LegalBasis::consent) || in.activity.special_condition == SpecialCondition::explicit_consent;
}

// The rights the notice lists (Art. 13(2)(b), 14(2)(c)), as they apply to
// the purposes shown.
std::vector<RequestType> rights_of(const NoticeInput& in) {
  std::vector<RequestType> out{RequestType::access, RequestType::rectification};
  bool all_required = true;  // every purpose on a legal obligation or public task: Art. 17(3)(b)
  for (const auto& b : bases_shown(in))
    all_required = all_required && (b == LegalBasis::legal_obligation || b == LegalBasis::public_task);
  if (!all_required) out.push_back(RequestType::erasure);
  out.push_back(RequestType::restriction);
  // Art. 20(1): data the person provided, on consent or a contract.
  if (in.article == NoticeArticle::art13 && (on_consent(in) || any_basis(in, LegalBasis::contract)))
    out.push_back(RequestType::portability);
  // Art. 21(1) and (2): processing on a public task or legitimate interests, and direct marketing.
  bool marketing = false;
  for (const PurposeId& id : in.purposes)
    if (const Purpose* p = in.reg.purpose(id)) marketing = marketing || p->marketing;
  if (marketing || any_basis(in, LegalBasis::legitimate_interests) || any_basis(in, LegalBasis::public_task))
    out.push_back(RequestType::objection);
  return out;
}

std::string label_of(const Register& reg, const PurposeId& id) {
  const Purpose* p = reg.purpose(id);
  return p ? p->label : id.str();
}

std::string label_of(const Register& reg, const CategoryId& id) {
  const DataCategory* c = reg.category(id);
  return c ? c->label : id.str();
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
  return fmt::format("{}", fmt::join(items, separator));
}

// The activity's categories that no retention rule covers.
std::vector<CategoryId> unkept(const Activity& a) {
  std::vector<CategoryId> out;
  for (const CategoryId& id : a.data) {
    bool covered = false;
    for (const RetentionRule& r : a.retention)
      covered = covered || std::find(r.data.begin(), r.data.end(), id) != r.data.end();
    if (!covered) out.push_back(id);
  }
  return out;
}

// ---- the words ----

constexpr Phrase kTitle{"Your personal data: {}", "Vos données personnelles : {}"};
constexpr Phrase kIntro13{
    "{} collects the personal data described below from you. As Article 13 of the GDPR requires, this notice "
    "tells you who processes it, why and on what legal basis, who receives it, how long it is kept and what your "
    "rights are.",
    "{} collecte auprès de vous les données personnelles décrites ci-dessous. Conformément à l'article 13 du "
    "RGPD, cette notice vous indique qui les traite, pour quelles finalités et sur quelle base légale, qui les "
    "reçoit, combien de temps elles sont conservées et quels sont vos droits."};
constexpr Phrase kIntro14{
    "{} processes personal data about you that was not obtained from you. As Article 14 of the GDPR requires, "
    "this notice tells you which data, where it comes from, who processes it, why and on what legal basis, who "
    "receives it, how long it is kept and what your rights are.",
    "{} traite des données personnelles vous concernant qui n'ont pas été collectées auprès de vous. "
    "Conformément à l'article 14 du RGPD, cette notice vous indique lesquelles, leur source, qui les traite, pour "
    "quelles finalités et sur quelle base légale, qui les reçoit, combien de temps elles sont conservées et quels "
    "sont vos droits."};
constexpr Phrase kController{"Controller", "Responsable du traitement"};
constexpr Phrase kContact{"Contact", "Contact"};
constexpr Phrase kRepresentative{"Representative in the Union (Art. 27)",
                                 "Représentant dans l'Union (art. 27 du RGPD)"};
constexpr Phrase kJoint{"Joint controller (Art. 26)", "Responsable conjoint du traitement (art. 26 du RGPD)"};
constexpr Phrase kDpo{"Data protection officer", "Délégué à la protection des données"};
constexpr Phrase kPurposes{"Purposes and legal basis", "Finalités et base légale"};
constexpr Phrase kInterest{"{}, for this legitimate interest: {}", "{} ; intérêt poursuivi : {}"};
constexpr Phrase kNoBasis{"legal basis not stated", "base légale non précisée"};
constexpr Phrase kSpecial{"Special-category data ({}) is processed on this ground: {} ({}).",
                          "Les données sensibles ({}) sont traitées sur le fondement suivant : {} ({})."};
constexpr Phrase kCategories{"Categories of data", "Catégories de données"};
constexpr Phrase kSource{"Source of the data", "Source des données"};
constexpr Phrase kSourceText{"The data comes from: {}.", "Ces données proviennent de : {}."};
constexpr Phrase kRecipients{"Recipients", "Destinataires"};
constexpr Phrase kRecipientsText{"Your data is disclosed to:", "Vos données sont destinées à :"};
constexpr Phrase kProcessorsText{"It is processed on our behalf by our processors:",
                                 "Elles sont traitées pour notre compte par nos sous-traitants :"};
constexpr Phrase kNoRecipient{"Your data is disclosed to no one outside the people who process it for us.",
                              "Vos données ne sont communiquées à personne en dehors de ceux qui les traitent "
                              "pour nous."};
constexpr Phrase kTransfers{"Transfers outside the European Economic Area",
                            "Transferts hors de l'Espace économique européen"};
constexpr Phrase kNoTransfer{"Your data is not transferred outside the European Economic Area.",
                             "Vos données ne sont pas transférées hors de l'Espace économique européen."};
constexpr Phrase kSubprocessorOf{"{}, sub-processor of {}", "{}, sous-traitant de {}"};
constexpr Phrase kCopy{"You may obtain a copy of these safeguards from {}.",
                       "Vous pouvez obtenir une copie de ces garanties auprès de {}."};
constexpr Phrase kNoSafeguard{"no safeguard under Articles 45 to 49 of the GDPR is documented to date",
                              "aucune garantie au titre des articles 45 à 49 du RGPD n'est documentée à ce jour"};
constexpr Phrase kRetention{"How long your data is kept", "Durée de conservation"};
constexpr Phrase kKeepFor{"{}: {} after the {}, then {}", "{} : {} à compter {}, puis {}"};
constexpr Phrase kKeepUntil{"{}: {} upon the {}", "{} : {} au moment {}"};
constexpr Phrase kFallback{"{} (failing that, the {})", "{} (à défaut, {})"};
constexpr Phrase kNoPeriod{"{}: no period is set yet", "{} : aucune durée n'est encore fixée"};
constexpr Phrase kFirstEnds{"Where several periods apply to the same data, the first to end applies.",
                            "Lorsque plusieurs durées s'appliquent aux mêmes données, la première échue s'applique."};
// In RetentionAction's order: what happens at the end, as a noun.
constexpr Phrase kActions[] = {
    {"deletion", "suppression"},
    {"anonymisation", "anonymisation"},
    {"intermediate archiving with restricted access", "archivage intermédiaire à accès restreint"},
    {"review", "réexamen"},
};
static_assert(std::size(kActions) == static_cast<std::size_t>(RetentionAction::review) + 1);
constexpr Phrase kRights{"Your rights", "Vos droits"};
constexpr Phrase kRightsText{"You have the following rights over your data:",
                             "Vous disposez des droits suivants sur vos données :"};
constexpr Phrase kRightsHowDpo{"To exercise them, write to our data protection officer: {}.",
                               "Pour les exercer, écrivez à notre délégué à la protection des données : {}."};
constexpr Phrase kRightsHow{"To exercise them, write to us: {}.", "Pour les exercer, écrivez-nous : {}."};
constexpr Phrase kWithdraw{
    "You may withdraw your consent at any time, as easily as you gave it; withdrawing it does not affect the "
    "lawfulness of the processing carried out before (Art. 7(3)).",
    "Vous pouvez retirer votre consentement à tout moment, aussi simplement que vous l'avez donné ; ce retrait ne "
    "remet pas en cause la licéité du traitement effectué auparavant (art. 7.3 du RGPD)."};
constexpr Phrase kValidity{"Your consent lasts {}; you will then be asked whether you renew it.",
                           "Votre consentement vaut {} ; il vous sera ensuite demandé de le renouveler."};
// Art. 21(4): the right to object is brought to the person's attention
// explicitly, clearly and apart from any other information.
constexpr Phrase kObjection{"Your right to object", "Votre droit d'opposition"};
constexpr Phrase kObjectSituation{
    "You may object at any time, on grounds relating to your particular situation, to the processing of your "
    "data for {}. We will then stop processing it, unless we demonstrate compelling legitimate grounds which "
    "override your interests, rights and freedoms, or it is needed to establish, exercise or defend legal claims "
    "({}).",
    "Vous pouvez vous opposer à tout moment, pour des raisons tenant à votre situation particulière, au traitement "
    "de vos données pour {}. Nous cesserons alors de les traiter, à moins de motifs légitimes et impérieux qui "
    "prévalent sur vos intérêts, droits et libertés, ou de leur nécessité pour la constatation, l'exercice ou la "
    "défense de droits en justice ({})."};
constexpr Phrase kObjectMarketing{
    "You may object at any time, without giving a reason, to the use of your data for direct marketing ({}). We "
    "will then stop using it for that purpose ({}).",
    "Vous pouvez vous opposer à tout moment, sans avoir à vous justifier, à l'utilisation de vos données à des "
    "fins de prospection ({}). Nous cesserons alors de les utiliser à cette fin ({})."};
constexpr Phrase kShortObject{"You may object to this processing at any time ({}).",
                              "Vous pouvez vous opposer à tout moment à ce traitement ({})."};
constexpr Phrase kComplaintCnil{
    "If you consider, after contacting us, that your rights are not respected, you may lodge a complaint with "
    "the CNIL, 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07, France, www.cnil.fr (Art. 77).",
    "Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez introduire une "
    "réclamation auprès de la CNIL, 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07, www.cnil.fr (art. 77 du "
    "RGPD)."};
constexpr Phrase kComplaintOther{
    "If you consider, after contacting us, that your rights are not respected, you may lodge a complaint with "
    "the supervisory authority, {} (Art. 77).",
    "Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez introduire une "
    "réclamation auprès de l'autorité de contrôle, {} (art. 77 du RGPD)."};
constexpr Phrase kComplaintAny{
    "If you consider, after contacting us, that your rights are not respected, you may lodge a complaint with a "
    "supervisory authority (Art. 77).",
    "Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez introduire une "
    "réclamation auprès d'une autorité de contrôle (art. 77 du RGPD)."};
constexpr Phrase kMust{"Must you provide your data?", "Caractère obligatoire ou facultatif des données"};
// Art. 13(2)(e), derived from the basis, in LegalBasis's order.
constexpr Phrase kMustText[] = {
    {"Providing your data is optional: without your consent it is not processed for this purpose, and nothing "
     "else changes for you.",
     "La fourniture de vos données est facultative : sans votre consentement, elles ne sont pas traitées pour "
     "cette finalité, sans autre conséquence pour vous."},
    {"Your data is needed to conclude and perform the contract: without it, the contract cannot be concluded or "
     "performed.",
     "Vos données sont nécessaires à la conclusion et à l'exécution du contrat : sans elles, le contrat ne peut "
     "être conclu ni exécuté."},
    {"Providing your data is required by law: without it, we cannot meet the legal obligation that requires it.",
     "La fourniture de vos données est imposée par la loi ; sans elles, nous ne pourrions pas respecter cette "
     "obligation légale."},
    {"Providing your data is neither a statutory nor a contractual requirement; it is needed to protect vital "
     "interests.",
     "La fourniture de vos données n'est imposée ni par la loi ni par un contrat ; elle est nécessaire à la "
     "sauvegarde d'intérêts vitaux."},
    {"Providing your data is needed for the task of public interest we carry out: without it, we cannot carry "
     "it out for you.",
     "La fourniture de vos données est nécessaire à la mission d'intérêt public dont nous sommes chargés : sans "
     "elles, nous ne pouvons l'accomplir à votre égard."},
    {"Providing your data is neither a statutory nor a contractual requirement.",
     "La fourniture de vos données n'est imposée ni par la loi ni par un contrat."},
};
static_assert(std::size(kMustText) == static_cast<std::size_t>(LegalBasis::legitimate_interests) + 1);
constexpr Phrase kAutomated{"Automated decisions", "Décisions automatisées"};
constexpr Phrase kAutomatedText{
    "Your data is used for a decision based solely on automated processing (Art. 22): {}. You may obtain "
    "human intervention, express your point of view and contest the decision (Art. 22(3)).",
    "Vos données servent à une décision fondée exclusivement sur un traitement automatisé (art. 22 du RGPD) : {}. "
    "Vous pouvez obtenir une intervention humaine, exprimer votre point de vue et contester la décision "
    "(art. 22.3 du RGPD)."};
constexpr Phrase kNoAutomated{
    "No decision producing legal effects concerning you or similarly significantly affecting you is based solely "
    "on automated processing of your data (Art. 22).",
    "Aucune décision produisant des effets juridiques à votre égard ou vous affectant de manière significative "
    "n'est fondée exclusivement sur un traitement automatisé de vos données (art. 22 du RGPD)."};
// The short form.
constexpr Phrase kShortController{"Controller: {}.", "Responsable du traitement : {}."};
constexpr Phrase kShortPurposes{"Purposes: {}.", "Finalités : {}."};
constexpr Phrase kShortPurpose{"Purpose: {}.", "Finalité : {}."};
constexpr Phrase kShortBasis{"{} (legal basis: {}, {})", "{} (base légale : {}, {})"};
constexpr Phrase kShortInterest{"{} (legal basis: {}, {}, for this legitimate interest: {})",
                                "{} (base légale : {}, {} ; intérêt poursuivi : {})"};
constexpr Phrase kShortData{"Data processed: {}; source: {}.", "Données traitées : {} ; source : {}."};
constexpr Phrase kShortRightsDpo{"You may {} by writing to our data protection officer: {}.",
                                 "Vous pouvez {} en écrivant à notre délégué à la protection des données : {}."};
constexpr Phrase kShortRights{"You may {} by writing to us: {}.", "Vous pouvez {} en nous écrivant : {}."};
constexpr Phrase kShortWithdraw{"You may withdraw your consent at any time, as easily as you gave it.",
                                "Vous pouvez retirer votre consentement à tout moment, aussi simplement que vous "
                                "l'avez donné."};
constexpr Phrase kShortComplaintCnil{"You may also lodge a complaint with the CNIL (www.cnil.fr).",
                                     "Vous pouvez aussi introduire une réclamation auprès de la CNIL (www.cnil.fr)."};
constexpr Phrase kShortComplaint{"You may also lodge a complaint with the supervisory authority, {}.",
                                 "Vous pouvez aussi introduire une réclamation auprès de l'autorité de contrôle, {}."};
constexpr Phrase kShortComplaintAny{"You may also lodge a complaint with a supervisory authority.",
                                    "Vous pouvez aussi introduire une réclamation auprès d'une autorité de contrôle."};
constexpr Phrase kMoreAt{"Our full information notice, at {}, tells you more about how your data is processed and "
                         "about your rights.",
                         "Notre notice d'information complète, à l'adresse {}, vous en dit plus sur le traitement de "
                         "vos données et sur vos droits."};
constexpr Phrase kMoreFrom{"To learn more about how your data is processed and about your rights, ask {} for our "
                           "full information notice.",
                           "Pour en savoir plus sur le traitement de vos données et sur vos droits, demandez notre "
                           "notice d'information complète à {}."};
// What the person may do, in RequestType's order, as a verb after "you may".
constexpr Phrase kRightVerbs[] = {
    {"access your data", "accéder à vos données"},
    {"rectify it", "les rectifier"},
    {"have it erased", "demander leur effacement"},
    {"restrict its processing", "demander la limitation de leur traitement"},
    {"receive it in a machine-readable format", "en recevoir une copie dans un format lisible par machine"},
    {"object to its processing", "vous opposer à leur traitement"},
    {"complain", "introduire une réclamation"},
};
constexpr Phrase kAnd{" and ", " et "};
// The rights by name, in RequestType's order.
constexpr Phrase kRightNames[] = {
    {"the right of access", "droit d'accès"},
    {"the right to rectification", "droit de rectification"},
    {"the right to erasure", "droit à l'effacement"},
    {"the right to restriction of processing", "droit à la limitation du traitement"},
    {"the right to data portability", "droit à la portabilité"},
    {"the right to object", "droit d'opposition"},
    {"the right to lodge a complaint", "droit d'introduire une réclamation"},
};
// Each right's article, in RequestType's order.
constexpr std::string_view kRightArticles[] = {"15", "16", "17", "18", "20", "21", "77"};

std::string say(const Phrase& phrase, Lang lang) { return l10n::say(phrase, lang); }
// "Art. 15"; "art. 15 du RGPD", as the register's other documents cite it.
std::string article(std::string_view number, Lang lang) { return l10n::gdpr_article(number, lang); }

bool is_cnil(const std::string& authority) {
  std::string upper;
  for (char c : authority) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper == "CNIL";
}

// Where people write to use their rights: the DPO, else the controller.
std::string contact_of(const Controller& c) {
  if (c.dpo && !c.dpo->email.empty()) return c.dpo->email;
  return c.contact;
}

// "consent (Art. 6(1)(a))".
std::string basis_text(LegalBasis basis, Lang lang) {
  return std::string(wording(basis, lang)) + " (" + article(fmt::format("6(1)({})", article_letter(basis)), lang) +
         ")";
}

// The interest pursued that the register states for a purpose on Art. 6(1)(f).
const std::string& interest_of(const NoticeInput& in, const PurposeId& id) {
  static const std::string kNone;
  const BasisUse* use = use_of(in.activity, id);
  return use ? use->interest : kNone;
}

// "Newsletter about new courses: consent (Art. 6(1)(a))", with the
// interest pursued on Art. 6(1)(f).
std::string purpose_line(const NoticeInput& in, const PurposeId& id, Lang lang) {
  std::optional<LegalBasis> basis = basis_of(in.activity, id);
  std::string text = label_of(in.reg, id) + say(l10n::kColon, lang);
  if (!basis) return text + say(kNoBasis, lang);
  text += basis_text(*basis, lang);
  if (*basis == LegalBasis::legitimate_interests) text = l10n::say(kInterest, lang, text, interest_of(in, id));
  return text;
}

// The short form's "Newsletter about new courses (legal basis: consent, Art. 6(1)(a))".
std::string short_purpose(const NoticeInput& in, const PurposeId& id, Lang lang) {
  std::optional<LegalBasis> basis = basis_of(in.activity, id);
  std::string label = label_of(in.reg, id);
  if (!basis) return label + " (" + say(kNoBasis, lang) + ")";
  std::string article_text = article(fmt::format("6(1)({})", article_letter(*basis)), lang);
  if (*basis == LegalBasis::legitimate_interests)
    return l10n::say(kShortInterest, lang, label, wording(*basis, lang), article_text, interest_of(in, id));
  return l10n::say(kShortBasis, lang, label, wording(*basis, lang), article_text);
}

std::string transfer_line(const NoticeTransfer& t, Lang lang) {
  std::string recipient =
      t.through ? l10n::say(kSubprocessorOf, lang, t.recipient, t.through->name) : t.recipient;
  std::string where = l10n::country_name(t.country, lang);
  if (!recipient.empty()) where += " (" + recipient + ")";
  std::string ground = t.safeguard ? wording(*t.safeguard, lang)
                       : t.adequacy ? wording(Safeguard::adequacy, lang)
                                    : say(kNoSafeguard, lang);
  return where + say(l10n::kColon, lang) + ground;
}

std::string category_labels(const Register& reg, const std::vector<CategoryId>& ids) {
  std::vector<std::string> labels;
  for (const CategoryId& id : ids) labels.push_back(label_of(reg, id));
  return joined(labels, ", ");
}

// "Contact details: 3 years after the last contact (failing that, the
// collection), then deletion".
std::string retention_line(const Register& reg, const RetentionRule& r, Lang lang) {
  std::string trigger(wording(r.from, lang));
  if (r.fallback) trigger = l10n::say(kFallback, lang, trigger, wording(*r.fallback, lang));
  std::string action = say(kActions[static_cast<int>(r.action)], lang);
  std::string labels = category_labels(reg, r.data);
  if (r.keep == Duration{}) return l10n::say(kKeepUntil, lang, labels, action, trigger);
  return l10n::say(kKeepFor, lang, labels, human(r.keep, lang), trigger, action);
}

// "access your data, rectify it and object to its processing".
std::string right_verbs(const std::vector<RequestType>& rights, Lang lang) {
  std::vector<std::string> verbs;
  for (RequestType r : rights) verbs.push_back(say(kRightVerbs[static_cast<int>(r)], lang));
  std::string last = verbs.back();
  verbs.pop_back();
  return verbs.empty() ? last : joined(verbs, ", ") + std::string(kAnd.in(lang)) + last;
}

// The complaint to the register's authority: the CNIL with its address
// (long form), another by its name, or any when the register names none.
struct ComplaintWords {
  const Phrase& cnil;
  const Phrase& other;
  const Phrase& any;
};

std::string complaint(const Controller& c, const ComplaintWords& words, Lang lang) {
  if (c.authority.empty()) return say(words.any, lang);
  if (is_cnil(c.authority)) return say(words.cnil, lang);
  return l10n::say(words.other, lang, c.authority);
}

// The validity of the consent the purposes shown collect, when one is set
// and the same for all of them.
std::optional<Duration> validity_of(const NoticeInput& in) {
  std::optional<Duration> out;
  for (const PurposeId& id : in.purposes) {
    const Purpose* p = in.reg.purpose(id);
    if (!p || !p->consent_required || !p->validity) continue;
    if (out && !(*out == *p->validity)) return std::nullopt;
    out = p->validity;
  }
  return out;
}

// ---- the long form ----

void controller_section(Letter& l, const Controller& c, const Activity& a, Lang lang) {
  l.heading(2, say(kController, lang));
  std::vector<std::string> who{c.name};
  if (!c.address.empty()) who.push_back(c.address);
  if (!c.contact.empty()) who.push_back(say(kContact, lang) + say(l10n::kColon, lang) + c.contact);
  if (!c.representative.empty()) who.push_back(say(kRepresentative, lang) + say(l10n::kColon, lang) + c.representative);
  if (!a.joint_controller.empty()) who.push_back(say(kJoint, lang) + say(l10n::kColon, lang) + a.joint_controller);
  l.list(who);
  if (!c.dpo) return;
  l.heading(2, say(kDpo, lang));
  std::vector<std::string> dpo;
  for (const std::string* s : {&c.dpo->name, &c.dpo->email, &c.dpo->phone})
    if (!s->empty()) dpo.push_back(*s);
  l.list(dpo);
}

void purposes_section(Letter& l, const NoticeInput& in, Lang lang) {
  l.heading(2, say(kPurposes, lang));
  std::vector<std::string> lines;
  for (const PurposeId& id : in.purposes) lines.push_back(purpose_line(in, id, lang));
  l.list(lines);
  const Activity& a = in.activity;
  if (!a.special_condition) return;
  std::vector<CategoryId> special;
  for (const CategoryId& id : a.data)
    if (const DataCategory* c = in.reg.category(id); c && c->special) special.push_back(id);
  l.para(l10n::say(kSpecial, lang, category_labels(in.reg, special), wording(*a.special_condition, lang),
                   article(fmt::format("9(2)({})", article_letter(*a.special_condition)), lang)));
}

void source_sections(Letter& l, const NoticeInput& in, Lang lang) {
  l.heading(2, say(kCategories, lang));
  std::vector<std::string> labels;
  for (const CategoryId& id : in.activity.data) labels.push_back(label_of(in.reg, id));
  l.list(labels);
  l.heading(2, say(kSource, lang));
  l.para(l10n::say(kSourceText, lang, model::source_wording(in.activity.source, lang)));
}

void recipients_section(Letter& l, const NoticeInput& in, Lang lang) {
  l.heading(2, say(kRecipients, lang));
  const Activity& a = in.activity;
  std::vector<std::string> processors;
  for (const ProcessorId& id : a.processors) {
    const Processor* p = in.reg.processor(id);
    if (!p) continue;
    processors.push_back(p->services.empty() ? p->name : p->name + " (" + joined(p->services, ", ") + ")");
  }
  if (a.recipients.empty() && processors.empty()) {
    l.para(say(kNoRecipient, lang));
    return;
  }
  if (!a.recipients.empty()) {
    l.para(say(kRecipientsText, lang));
    l.list(a.recipients);
  }
  if (!processors.empty()) {
    l.para(say(kProcessorsText, lang));
    l.list(processors);
  }
}

void transfers_section(Letter& l, const NoticeInput& in, Lang lang) {
  l.heading(2, say(kTransfers, lang));
  std::vector<NoticeTransfer> transfers = transfers_of(in.reg, in.activity);
  if (transfers.empty()) {
    l.para(say(kNoTransfer, lang));
    return;
  }
  std::vector<std::string> lines;
  bool copy = false;
  for (const NoticeTransfer& t : transfers) {
    lines.push_back(transfer_line(t, lang));
    copy = copy || has_copy(t);
  }
  l.list(lines);
  if (copy) l.para(l10n::say(kCopy, lang, contact_of(in.reg.controller)));
}

void retention_section(Letter& l, const NoticeInput& in, Lang lang) {
  l.heading(2, say(kRetention, lang));
  const Activity& a = in.activity;
  std::vector<std::string> lines;
  std::set<std::string> seen;
  bool several = false;
  for (const RetentionRule& r : a.retention) {
    lines.push_back(retention_line(in.reg, r, lang));
    for (const CategoryId& id : r.data) several = !seen.insert(id.str()).second || several;
  }
  if (std::vector<CategoryId> none = unkept(a); !none.empty())
    lines.push_back(l10n::say(kNoPeriod, lang, category_labels(in.reg, none)));
  l.list(lines);
  if (several) l.para(say(kFirstEnds, lang));
}

void rights_section(Letter& l, const NoticeInput& in, Lang lang) {
  const Controller& c = in.reg.controller;
  l.heading(2, say(kRights, lang));
  l.para(say(kRightsText, lang));
  std::vector<std::string> rights;
  for (RequestType r : rights_of(in))
    rights.push_back(say(kRightNames[static_cast<int>(r)], lang) + " (" +
                     article(kRightArticles[static_cast<int>(r)], lang) + ")");
  l.list(rights);
  bool dpo = c.dpo && !c.dpo->email.empty();
  l.para(l10n::say(dpo ? kRightsHowDpo : kRightsHow, lang, contact_of(c)));
  if (on_consent(in)) {
    l.para(say(kWithdraw, lang));
    if (std::optional<Duration> v = validity_of(in)) l.para(l10n::say(kValidity, lang, human(*v, lang)));
  }
  l.para(complaint(c, {kComplaintCnil, kComplaintOther, kComplaintAny}, lang));
}

// The purposes shown the person may object to (Art. 21): on legitimate
// interests or a public task (21(1)), for direct marketing (21(2)).
struct Objectable {
  std::vector<std::string> situation;
  std::vector<std::string> marketing;
  bool beyond_consent = false;  ///< one of them rests on another basis than consent
};

Objectable objectable(const NoticeInput& in) {
  Objectable out;
  for (const PurposeId& id : in.purposes) {
    const Purpose* p = in.reg.purpose(id);
    std::optional<LegalBasis> basis = basis_of(in.activity, id);
    bool listed = true;
    if (p && p->marketing)
      out.marketing.push_back(label_of(in.reg, id));
    else if (basis == LegalBasis::legitimate_interests || basis == LegalBasis::public_task)
      out.situation.push_back(label_of(in.reg, id));
    else
      listed = false;
    out.beyond_consent = out.beyond_consent || (listed && basis != LegalBasis::consent);
  }
  return out;
}

// Art. 21(4): its own section, after the rights, so that it stands apart.
void objection_section(Letter& l, const NoticeInput& in, Lang lang) {
  Objectable o = objectable(in);
  if (o.situation.empty() && o.marketing.empty()) return;
  l.heading(2, say(kObjection, lang));
  std::string sep = say(l10n::kSemicolon, lang);
  // Each purpose by its label, between the language's quotation marks.
  for (std::vector<std::string>* labels : {&o.situation, &o.marketing})
    for (std::string& label : *labels)
      label = l10n::quoted(label, lang);
  if (!o.situation.empty()) l.para(l10n::say(kObjectSituation, lang, joined(o.situation, sep), article("21(1)", lang)));
  if (!o.marketing.empty())
    l.para(l10n::say(kObjectMarketing, lang, joined(o.marketing, sep), article("21(2), 21(3)", lang)));
}

// Art. 13(2)(e): one sentence when every purpose shown rests on one basis,
// else one per purpose.
void requirement_section(Letter& l, const NoticeInput& in, Lang lang) {
  l.heading(2, say(kMust, lang));
  std::vector<std::optional<LegalBasis>> bases = bases_shown(in);
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < bases.size(); ++i) {
    if (!bases[i]) continue;
    // After a colon, the sentence goes on in lower case (its first letter is ASCII).
    std::string sentence = say(kMustText[static_cast<int>(*bases[i])], lang);
    sentence[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(sentence[0])));
    lines.push_back(label_of(in.reg, in.purposes[i]) + say(l10n::kColon, lang) + sentence);
  }
  bool one = std::all_of(bases.begin(), bases.end(), [&](const auto& b) { return b && b == bases.front(); });
  if (one && !bases.empty())
    l.para(say(kMustText[static_cast<int>(*bases.front())], lang));
  else
    l.list(lines);
}

void automated_section(Letter& l, const Activity& a, Lang lang) {
  l.heading(2, say(kAutomated, lang));
  l.para(a.automated_decisions.empty() ? say(kNoAutomated, lang)
                                       : l10n::say(kAutomatedText, lang, a.automated_decisions));
}

void long_form(Letter& l, const NoticeInput& in, Lang lang) {
  const Controller& c = in.reg.controller;
  bool art14 = in.article == NoticeArticle::art14;
  l.para(l10n::say(art14 ? kIntro14 : kIntro13, lang, c.name));
  controller_section(l, c, in.activity, lang);
  purposes_section(l, in, lang);
  if (art14) source_sections(l, in, lang);
  recipients_section(l, in, lang);
  transfers_section(l, in, lang);
  retention_section(l, in, lang);
  rights_section(l, in, lang);
  objection_section(l, in, lang);
  if (!art14) requirement_section(l, in, lang);
  automated_section(l, in.activity, lang);
}

// ---- the short form: the CNIL's first layer ----

void short_form(Letter& l, const NoticeInput& in, Lang lang) {
  const Controller& c = in.reg.controller;
  l.para(l10n::say(kShortController, lang, c.name));
  std::vector<std::string> purposes;
  for (const PurposeId& id : in.purposes) purposes.push_back(short_purpose(in, id, lang));
  // "; " in English, " ; " with its narrow space in French.
  l.para(l10n::say(purposes.size() == 1 ? kShortPurpose : kShortPurposes, lang,
                   joined(purposes, say(l10n::kSemicolon, lang))));
  if (in.article == NoticeArticle::art14)
    l.para(l10n::say(kShortData, lang, category_labels(in.reg, in.activity.data), model::source_wording(in.activity.source, lang)));
  bool dpo = c.dpo && !c.dpo->email.empty();
  l.para(l10n::say(dpo ? kShortRightsDpo : kShortRights, lang, right_verbs(rights_of(in), lang), contact_of(c)));
  if (on_consent(in)) l.para(say(kShortWithdraw, lang));
  // Where consent grounds the purposes, withdrawing it is how the person
  // stops them, and the sentence above says so.
  if (objectable(in).beyond_consent) l.para(l10n::say(kShortObject, lang, article("21", lang)));
  l.para(complaint(c, {kShortComplaintCnil, kShortComplaint, kShortComplaintAny}, lang));
  l.para(in.more_at.empty() ? l10n::say(kMoreFrom, lang, contact_of(c)) : l10n::say(kMoreAt, lang, in.more_at));
}

// Printed, a notice is read on paper: no width limit, serif, no colour.
constexpr std::string_view kPrintCss =
    "@media print{body{max-width:none;margin:0;font-family:serif;font-size:11pt}h1{font-size:16pt}"
    "h2{font-size:13pt;break-after:avoid}li,p{break-inside:avoid}}";

}  // namespace

std::vector<std::string> notice_formats() { return {"text", "md", "html"}; }

std::vector<std::string> notice_errors(const NoticeInput& in) {
  std::vector<std::string> out;
  const std::string activity = quote(in.activity.id.str());
  if (in.article == NoticeArticle::art14 && in.activity.source.empty())
    out.push_back("activity " + activity +
                  " gives no source, which an Art. 14 notice must name (Art. 14(2)(f)); write it in its "
                  "'source' in the register");
  for (const PurposeId& id : in.purposes)
    if (basis_of(in.activity, id) == LegalBasis::legitimate_interests && interest_of(in, id).empty())
      out.push_back("purpose " + quote(id.str()) +
                    " rests on legitimate interests, whose interest pursued the notice must state (Art. 13(1)(d), "
                    "14(2)(b)); write it as 'interest' beside 'legitimate-interests' in the legal_basis of activity " +
                    activity + " in the register");
  return out;
}

std::vector<std::string> notice_gaps(const NoticeInput& in) {
  std::vector<std::string> out;
  const std::string activity = quote(in.activity.id.str());
  for (const PurposeId& id : in.purposes)
    if (!basis_of(in.activity, id))
      out.push_back("warning: purpose " + quote(id.str()) + " of activity " + activity +
                    " has no legal basis in the register; the notice says it is not stated");
  for (const NoticeTransfer& t : transfers_of(in.reg, in.activity))
    if (!t.safeguard && !t.adequacy)
      out.push_back("warning: the transfer to " + quote(t.country) + " in activity " + activity +
                    " has no safeguard in the register; the notice says none is documented (Art. 13(1)(f))");
  for (const CategoryId& id : unkept(in.activity))
    out.push_back("warning: data category " + quote(id.str()) + " of activity " + activity +
                  " has no retention rule; the notice says no period is set (Art. 13(2)(a))");
  return out;
}

std::string render_notice(const NoticeInput& in, std::string_view format, Lang lang) {
  std::ostringstream out;
  Letter l(format, out);
  std::string title = l10n::say(kTitle, lang, in.activity.name);
  l.begin(title, lang, kPrintCss);
  l.heading(1, title);
  if (in.form == NoticeForm::short_form)
    short_form(l, in, lang);
  else
    long_form(l, in, lang);
  l.end();
  return out.str();
}

std::string sha256_line(std::string_view hex, std::string_view name) { return fmt::format("{}  {}\n", hex, name); }

}  // namespace dpo::report
