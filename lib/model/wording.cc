#include "model/wording.h"

#include <fmt/format.h>

#include <iterator>

#include "l10n/format.h"

namespace dpo::model {


namespace {

// Indexed by the enums' order in model/register.h.
constexpr Phrase kBases[] = {
    {"consent", "consentement"},
    {"contract", "exécution d'un contrat"},
    {"legal obligation", "obligation légale"},
    {"vital interests", "sauvegarde des intérêts vitaux"},
    {"public task", "mission d'intérêt public"},
    {"legitimate interests", "intérêt légitime"},
};

constexpr Phrase kConditions[] = {
    {"explicit consent", "consentement explicite"},
    {"employment and social security law", "droit du travail et de la protection sociale"},
    {"vital interests", "sauvegarde des intérêts vitaux"},
    {"not-for-profit body", "organisme à but non lucratif"},
    {"made public by the person", "données rendues publiques par la personne"},
    {"legal claims", "constatation, exercice ou défense d'un droit en justice"},
    {"substantial public interest", "motif d'intérêt public important"},
    {"health or social care", "médecine préventive ou du travail, soins"},
    {"public health", "santé publique"},
    {"archiving, research or statistics", "archives, recherche ou statistiques"},
};

// In French with their preposition, contracted as the article wants it.
constexpr Phrase kTriggers[] = {
    {"collection", "de la collecte"},
    {"last contact", "du dernier contact"},
    {"end of the relationship", "de la fin de la relation"},
    {"consent withdrawal", "du retrait du consentement"},
    {"consent expiry", "de l'expiration du consentement"},
};

constexpr Phrase kActions[] = {
    {"delete", "suppression"},
    {"anonymise", "anonymisation"},
    {"archive", "archivage intermédiaire"},
    {"review", "réexamen"},
};

// The CNIL register template's categories of data, in DataKind's order.
constexpr Phrase kKinds[] = {
    {"identity, civil status", "état civil, identité, données d'identification"},
    {"personal life", "vie personnelle"},
    {"professional life", "vie professionnelle"},
    {"economic and financial information", "informations d'ordre économique et financier"},
    {"connection data", "données de connexion"},
    {"location data", "données de localisation"},
    {"official identifiers (NIR, identity documents)", "numéro de sécurité sociale (NIR), pièces d'identité"},
    {"credentials", "identifiants et mots de passe"},
    {"special categories (Art. 9)", "données sensibles (art. 9)"},
    {"criminal convictions and offences (Art. 10)", "infractions, condamnations, mesures de sûreté (art. 10)"},
    {"other", "autres"},
};

// What the opening of Art. 28(3) says the contract sets out.
constexpr Phrase kParticulars[] = {
    {"subject-matter", "objet"},
    {"duration", "durée"},
    {"nature", "nature"},
    {"purpose", "finalité"},
    {"type of personal data", "type de données à caractère personnel"},
    {"categories of data subjects", "catégories de personnes concernées"},
    {"the controller's obligations and rights", "obligations et droits du responsable du traitement"},
};

// The eight clauses of Art. 28(3)(a) to (h), in DpaClause's order
// (`assistance` is (e), the help with the data subjects' rights).
constexpr Phrase kClauses[] = {
    {"processing on documented instructions", "traitement sur instruction documentée"},
    {"confidentiality of the people authorised", "confidentialité des personnes autorisées"},
    {"the security measures of Art. 32", "mesures de sécurité de l'art. 32"},
    {"conditions for engaging sub-processors", "conditions de recours à un sous-traitant ultérieur"},
    {"help with the data subjects' rights", "aide à l'exercice des droits des personnes"},
    {"help with security, breaches and DPIAs (Art. 32 to 36)",
     "aide pour la sécurité, les violations et les AIPD (art. 32 à 36)"},
    {"deletion or return of the data at the end", "suppression ou restitution des données au terme du contrat"},
    {"information and audits", "informations et audits"},
};

// WP248's criteria, in DpiaCriterion's order.
constexpr Phrase kDpiaCriteria[] = {
    {"evaluation or scoring", "évaluation ou notation"},
    {"automated decisions with legal or similar effect", "décision automatisée avec effet juridique ou similaire"},
    {"systematic monitoring", "surveillance systématique"},
    {"sensitive or highly personal data", "données sensibles ou à caractère hautement personnel"},
    {"large scale", "traitement à grande échelle"},
    {"matching or combining datasets", "croisement ou combinaison d'ensembles de données"},
    {"vulnerable people", "personnes vulnérables"},
    {"innovative technology", "usage innovant ou nouvelle technologie"},
    {"exclusion from a right, a service or a contract", "exclusion du bénéfice d'un droit, d'un service ou d'un contrat"},
};

// The CNIL's list (délibération n° 2018-327), in CnilDpiaType's order.
constexpr Phrase kCnilDpiaTypes[] = {
    {"health data for care by a health or social-care institution",
     "données de santé traitées par un établissement de santé ou médico-social pour la prise en charge des personnes"},
    {"genetic data of vulnerable people", "données génétiques de personnes vulnérables"},
    {"profiling for human-resources management", "profilage à des fins de gestion des ressources humaines"},
    {"constant monitoring of employees' activity", "surveillance constante de l'activité des employés"},
    {"social and health alerts and reports", "gestion des alertes et signalements en matière sociale et sanitaire"},
    {"professional alerts and reports (whistleblowing)", "gestion des alertes et signalements en matière professionnelle"},
    {"health data warehouse or registry", "entrepôt de données de santé ou registre"},
    {"profiling that may exclude from, suspend or end a contract",
     "profilage pouvant aboutir à l'exclusion du bénéfice d'un contrat, à sa suspension ou à sa rupture"},
    {"shared records of breaches of contract that may lead to exclusion",
     "mutualisation de manquements contractuels pouvant aboutir à une exclusion ou une suspension"},
    {"profiling with data from external sources", "profilage à partir de données provenant de sources externes"},
    {"biometric recognition including vulnerable people",
     "données biométriques pour la reconnaissance de personnes dont des personnes vulnérables"},
    {"social housing applications and management", "instruction des demandes et gestion des logements sociaux"},
    {"social or medico-social support", "accompagnement social ou médico-social des personnes"},
    {"large-scale location data", "données de localisation à large échelle"},
};

constexpr Phrase kLikelihoods[] = {
    {"unlikely", "improbable"}, {"possible", "possible"}, {"likely", "probable"}, {"very likely", "très probable"}};

constexpr Phrase kDpia[] = {
    {"required", "requise"},
    {"done", "réalisée"},
    {"not required", "non requise"},
};

// The CNIL's breach notification form: natures, circumstances (in the
// order of BreachCause) and origins.
constexpr Phrase kNatures[] = {{"loss of confidentiality", "perte de confidentialité"},
                               {"loss of integrity", "perte d'intégrité"},
                               {"loss of availability", "perte de disponibilité"}};

struct CauseWording {
  Phrase circumstance;
  Phrase detail;
};
constexpr Phrase kDevice{"device lost or stolen", "équipement perdu ou volé"};
constexpr Phrase kHacking{"hacking, malware (such as ransomware) or phishing",
                          "piratage, logiciel malveillant (par exemple rançongiciel) ou hameçonnage"};
constexpr Phrase kOther{"other", "autre"};
constexpr CauseWording kCauses[] = {
    {kDevice, {"theft", "vol"}},
    {kDevice, {"loss", "perte"}},
    {kHacking, {"malware", "logiciel malveillant"}},
    {kHacking, {"ransomware", "rançongiciel"}},
    {kHacking, {"hacking", "piratage"}},
    {{"personal data sent to the wrong recipient", "données personnelles envoyées à un mauvais destinataire"}, {}},
    {kOther, {"human error", "erreur humaine"}},
    {{"paper lost, stolen or left in an insecure place",
      "papier perdu, volé ou laissé accessible dans un endroit non sécurisé"},
     {}},
    {{"post lost or opened before being returned to the sender",
      "courrier perdu ou ouvert avant d'être retourné à l'envoyeur"},
     {}},
    {{"paper or devices disposed of without destruction or secure erasure",
      "mise au rebut de documents ou d'appareils sans destruction ni effacement sécurisé"},
     {}},
    {{"unintended publication", "publication non volontaire d'informations"}, {}},
    {{"data of the wrong person shown in a customer account",
      "données de la mauvaise personne affichées sur le portail du client"},
     {}},
    {{"personal data disclosed orally", "informations personnelles divulguées de façon verbale"}, {}},
    {kHacking, {"phishing", "hameçonnage"}},
    {kOther, {}},
};

// ENISA's levels, and the CNIL's words for the same gravities (its
// methodology describes each level by the same harm ENISA does: overcome
// without problem, with difficulties, with serious difficulties, or not).
constexpr Phrase kRisks[] = {
    {"low", "négligeable"}, {"medium", "limitée"}, {"high", "importante"}, {"very high", "maximale"}};

constexpr Phrase kEncryptions[] = {{"none", "aucun"},
                                   {"state of the art, key not compromised", "à l'état de l'art, clé non compromise"},
                                   {"weak or with a compromised key", "insuffisant ou clé compromise"}};
constexpr Phrase kExfiltrations[] = {
    {"confirmed", "confirmée"}, {"suspected", "soupçonnée"}, {"none", "aucune"}};
// In the order of Exposure: who has the data now.
constexpr Phrase kExposures[] = {{"unknown", "inconnus"},
                                 {"a known recipient bound to confidentiality", "un destinataire connu tenu à la "
                                                                                 "confidentialité"},
                                 {"a known recipient", "un destinataire connu"},
                                 {"nobody", "personne"},
                                 {"people intending to misuse it", "des personnes qui entendent en abuser"},
                                 {"the public", "le public"}};
constexpr Phrase kBackups[] = {
    {"a backup restores the data", "une sauvegarde permet de restaurer les données"},
    {"no backup", "aucune sauvegarde"},
    {"not needed: nothing was lost", "sans objet : rien n'a été perdu"}};

constexpr Phrase kContexts[] = {{"simple data", "données simples"},
                                {"behavioural data", "données comportementales"},
                                {"financial data", "données financières"},
                                {"sensitive data", "données sensibles"}};

struct FactorWording {
  std::string_view id;
  Phrase phrase;
};
constexpr FactorWording kFactors[] = {
    {"dpc", {"data processing context", "contexte de traitement des données"}},
    {"dpc-volume", {"number of people and records", "nombre de personnes et d'enregistrements"}},
    {"dpc-vulnerable", {"vulnerable people", "personnes vulnérables"}},
    {"ei", {"ease of identification", "facilité d'identification"}},
    {"cb-confidentiality", {"loss of confidentiality", "perte de confidentialité"}},
    {"cb-integrity", {"loss of integrity", "perte d'intégrité"}},
    {"cb-availability", {"loss of availability", "perte de disponibilité"}},
    {"cb-malicious", {"malicious intent", "intention malveillante"}},
    {"likelihood-confidentiality", {"confidentiality", "confidentialité"}},
    {"likelihood-integrity", {"integrity", "intégrité"}},
    {"likelihood-availability", {"availability", "disponibilité"}},
};

}  // namespace

static_assert(std::size(kCauses) == static_cast<std::size_t>(BreachCause::other) + 1);
static_assert(std::size(kNatures) == static_cast<std::size_t>(BreachNature::availability) + 1);

std::string_view wording(BreachNature n, Lang lang) { return kNatures[static_cast<int>(n)].in(lang); }
std::string_view wording(BreachCause c, Lang lang) { return kCauses[static_cast<int>(c)].circumstance.in(lang); }
std::string_view cause_detail(BreachCause c, Lang lang) { return kCauses[static_cast<int>(c)].detail.in(lang); }
std::string_view wording(Encryption e, Lang lang) { return kEncryptions[static_cast<int>(e)].in(lang); }
std::string_view wording(Exfiltration e, Lang lang) { return kExfiltrations[static_cast<int>(e)].in(lang); }
std::string_view wording(Exposure e, Lang lang) { return kExposures[static_cast<int>(e)].in(lang); }
std::string_view wording(BackupState b, Lang lang) { return kBackups[static_cast<int>(b)].in(lang); }
std::string_view wording(Risk r, Lang lang) { return kRisks[static_cast<int>(r)].in(lang); }
std::string_view wording(DataContext c, Lang lang) { return kContexts[static_cast<int>(c)].in(lang); }

std::string_view origin_wording(BreachOrigin origin, bool malicious, Lang lang) {
  static constexpr Phrase kOrigins[3][2] = {
      {{"internal accidental act", "acte interne accidentel"}, {"internal malicious act", "acte interne malveillant"}},
      {{"external accidental act", "acte externe accidentel"}, {"external malicious act", "acte externe malveillant"}},
      {{"unknown", "inconnue"}, {"malicious act, origin unknown", "acte malveillant d'origine inconnue"}}};
  return kOrigins[static_cast<int>(origin)][malicious ? 1 : 0].in(lang);
}

std::string_view factor_wording(std::string_view id, Lang lang) {
  for (const FactorWording& f : kFactors)
    if (f.id == id) return f.phrase.in(lang);
  return id;
}

std::string_view wording(LegalBasis basis, Lang lang) { return kBases[static_cast<int>(basis)].in(lang); }
std::string_view wording(SpecialCondition c, Lang lang) { return kConditions[static_cast<int>(c)].in(lang); }
std::string_view wording(Trigger t, Lang lang) { return kTriggers[static_cast<int>(t)].in(lang); }
std::string_view wording(RetentionAction a, Lang lang) { return kActions[static_cast<int>(a)].in(lang); }
std::string_view wording(Dpia d, Lang lang) { return kDpia[static_cast<int>(d)].in(lang); }
std::string_view wording(Likelihood l, Lang lang) { return kLikelihoods[static_cast<int>(l)].in(lang); }
std::string_view wording(DpiaCriterion c, Lang lang) { return kDpiaCriteria[static_cast<int>(c)].in(lang); }
std::string_view wording(CnilDpiaType t, Lang lang) { return kCnilDpiaTypes[static_cast<int>(t)].in(lang); }
std::string_view wording(DataKind k, Lang lang) { return kKinds[static_cast<int>(k)].in(lang); }
std::string_view wording(DpaClause c, Lang lang) { return kClauses[static_cast<int>(c)].in(lang); }
std::string_view wording(DpaParticular p, Lang lang) { return kParticulars[static_cast<int>(p)].in(lang); }

namespace {

// The rights as the CNIL names them to the public ("droit d'accès").
// Indexed by the order of RequestType in model/request.h.
constexpr Phrase kRequestTypes[] = {
    {"access", "droit d\u2019accès"},
    {"rectification", "droit de rectification"},
    {"erasure", "droit à l\u2019effacement"},
    {"restriction", "droit à la limitation du traitement"},
    {"portability", "droit à la portabilité"},
    {"objection", "droit d\u2019opposition"},
    {"complaint", "réclamation"},
};
// Indexed by the orders of model/consent.h.
constexpr Phrase kConsentActions[] = {{"given", "donné"}, {"refused", "refusé"}, {"withdrawn", "retiré"}};
constexpr Phrase kConsentStatuses[] = {
    {"none", "aucun"}, {"given", "donné"}, {"refused", "refusé"}, {"withdrawn", "retiré"}, {"expired", "expiré"},
};
constexpr Phrase kConsentChannels[] = {
    {"web form", "formulaire web"}, {"paper", "papier"},   {"email", "courriel"},
    {"phone", "téléphone"},         {"event", "événement"},
};
// A purpose's channels, in the order of Channel.
constexpr Phrase kChannels[] = {
    {"email", "courriel"}, {"SMS", "SMS"}, {"phone", "téléphone"}, {"post", "courrier"},
    {"social networks", "réseaux sociaux"}, {"messaging", "messagerie"},
};
static_assert(std::size(kChannels) == static_cast<std::size_t>(Channel::messaging) + 1);
// Indexed by the order of Safeguard in model/register.h; the article each
// rests on: Art. 45 (adequacy, the Data Privacy Framework being the
// Commission's adequacy decision of 10 July 2023), 46(2)(c) (standard
// clauses, Decision 2021/914), 47 (BCR), 46(2)(e) and (f) (code of conduct,
// certification), 46(3)(a) (clauses the authority authorised), then the
// Art. 49(1) derogations, points (a) to (g).
constexpr struct {
  Phrase words;
  std::string_view article;
} kSafeguardWords[] = {
    {{"adequacy decision", "décision d\u2019adéquation"}, "45"},
    {{"EU-US Data Privacy Framework", "cadre de protection des données UE-États-Unis (Data Privacy Framework)"}, "45"},
    {{"standard contractual clauses (2021)", "clauses contractuelles types (2021)"}, "46(2)(c)"},
    {{"binding corporate rules", "règles d\u2019entreprise contraignantes"}, "47"},
    {{"approved code of conduct", "code de conduite approuvé"}, "46(2)(e)"},
    {{"approved certification", "certification approuvée"}, "46(2)(f)"},
    {{"contractual clauses authorised by the supervisory authority",
      "clauses contractuelles autorisées par l\u2019autorité de contrôle"},
     "46(3)(a)"},
    {{"derogation: the person's explicit consent", "dérogation : consentement explicite de la personne"}, "49(1)(a)"},
    {{"derogation: a contract with the person", "dérogation : exécution d\u2019un contrat avec la personne"},
     "49(1)(b)"},
    {{"derogation: a contract in the person's interest",
      "dérogation : contrat conclu dans l\u2019intérêt de la personne"},
     "49(1)(c)"},
    {{"derogation: important reasons of public interest", "dérogation : motifs importants d\u2019intérêt public"},
     "49(1)(d)"},
    {{"derogation: legal claims", "dérogation : constatation, exercice ou défense de droits en justice"}, "49(1)(e)"},
    {{"derogation: vital interests", "dérogation : sauvegarde des intérêts vitaux"}, "49(1)(f)"},
    {{"derogation: a public register", "dérogation : registre public"}, "49(1)(g)"},
};
static_assert(std::size(kSafeguardWords) == static_cast<std::size_t>(Safeguard::derogation_49_1_g) + 1);
static_assert(std::size(kRequestTypes) == static_cast<std::size_t>(RequestType::complaint) + 1);
static_assert(std::size(kConsentActions) == static_cast<std::size_t>(ConsentAction::withdrawn) + 1);
static_assert(std::size(kConsentStatuses) == static_cast<std::size_t>(ConsentStatus::expired) + 1);
static_assert(std::size(kConsentChannels) == static_cast<std::size_t>(ConsentChannel::event) + 1);

}  // namespace

std::string_view wording(RequestType t, Lang lang) { return kRequestTypes[static_cast<int>(t)].in(lang); }
std::string_view wording(ConsentAction a, Lang lang) { return kConsentActions[static_cast<int>(a)].in(lang); }
std::string_view wording(ConsentStatus s, Lang lang) { return kConsentStatuses[static_cast<int>(s)].in(lang); }
std::string_view wording(ConsentChannel c, Lang lang) { return kConsentChannels[static_cast<int>(c)].in(lang); }
std::string_view wording(Channel c, Lang lang) { return kChannels[static_cast<int>(c)].in(lang); }
std::string source_wording(const std::string& source, Lang lang) {
  return from_data_subject(source) ? std::string(Phrase{"the data subject", "la personne concernée"}.in(lang)) : source;
}

std::string_view wording(KeptBecause reason, Lang lang) {
  switch (reason) {
    case KeptBecause::legal_obligation: return Phrase{"legal obligation", "obligation légale"}.in(lang);
    case KeptBecause::legal_hold: return Phrase{"legal hold", "conservation pour un contentieux"}.in(lang);
    case KeptBecause::contract: return Phrase{"contract in progress", "contrat en cours"}.in(lang);
  }
  return "";
}
std::string wording(Safeguard s, Lang lang) {
  const auto& w = kSafeguardWords[static_cast<int>(s)];
  return l10n::say(w.words, lang) + " (" + l10n::gdpr_article(w.article, lang) + ")";
}

namespace {

constexpr Authority kCnil{
    {"Commission nationale de l'informatique et des libertés (CNIL)",
     "Commission nationale de l'informatique et des libertés (CNIL)"},
    "3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07",
    "www.cnil.fr"};

}  // namespace

std::string identifier_wording(std::string_view kind, Lang lang) {
  if (kind == "email") return lang == Lang::fr ? "adresse e-mail" : "email address";
  if (kind == "phone") return lang == Lang::fr ? "téléphone" : "phone number";
  if (kind == "name") return lang == Lang::fr ? "nom" : "name";
  return (lang == Lang::fr ? "identifiant dans " : "identifier in ") + std::string(kind);
}

const Authority* known_authority(std::string_view name) { return name == "CNIL" ? &kCnil : nullptr; }

}  // namespace dpo::model

namespace dpo::model {

// On legitimate interests, the interest pursued (or that the register does
// not state it) and where the balancing test is documented.
std::string interest_wording(const BasisUse& use, Lang lang) {
  constexpr Phrase kInterest{", interest pursued: {}", ", intérêt poursuivi : {}"};
  constexpr Phrase kNoInterest{", interest pursued not stated", ", intérêt poursuivi non précisé"};
  constexpr Phrase kBalancing{", balancing test: {}", ", mise en balance des intérêts : {}"};
  if (use.basis != LegalBasis::legitimate_interests) return {};
  std::string out = use.interest.empty() ? l10n::say(kNoInterest, lang) : l10n::say(kInterest, lang, use.interest);
  if (!use.balancing.empty()) out += l10n::say(kBalancing, lang, use.balancing);
  return out;
}

std::vector<std::string> bases_wording(const Register& reg, const Activity& activity, Lang lang) {
  std::vector<std::string> out;
  for (const BasisUse& use : activity.bases) {
    std::string labels;
    for (const PurposeId& id : use.purposes) {
      const Purpose* p = reg.purpose(id);
      labels += (labels.empty() ? "" : ", ") + (p ? p->label : id.str());
    }
    std::string basis = std::string(wording(use.basis, lang)) + " (" +
                        l10n::gdpr_article(fmt::format("6(1)({})", article_letter(use.basis)), lang) + ")" +
                        interest_wording(use, lang);
    out.push_back(labels.empty() ? basis : labels + l10n::say(l10n::kColon, lang) + basis);
  }
  return out;
}

std::string condition_wording(SpecialCondition condition, Lang lang) {
  return std::string(wording(condition, lang)) + " (" +
         l10n::gdpr_article(fmt::format("9(2)({})", article_letter(condition)), lang) + ")";
}

std::string human(const Duration& d, Lang lang) {
  struct Unit {
    long long count;
    Phrase one, many;
  };
  long long secs = d.time.count();
  const Unit units[] = {
      {d.years, {"year", "an"}, {"years", "ans"}},
      {d.months, {"month", "mois"}, {"months", "mois"}},
      {d.days, {"day", "jour"}, {"days", "jours"}},
      {secs / 3600, {"hour", "heure"}, {"hours", "heures"}},
      {secs % 3600 / 60, {"minute", "minute"}, {"minutes", "minutes"}},
      {secs % 60, {"second", "seconde"}, {"seconds", "secondes"}},
  };
  std::string out;
  for (const Unit& u : units) {
    if (!u.count) continue;
    if (!out.empty()) out += lang == Lang::fr ? " et " : " and ";
    out += std::to_string(u.count) + " " + std::string((u.count == 1 ? u.one : u.many).in(lang));
  }
  return out.empty() ? std::string(lang == Lang::fr ? "0 jour" : "0 days") : out;
}

}  // namespace dpo::model
