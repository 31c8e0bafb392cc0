#include "breach/assess.h"

#include <fmt/format.h>

#include <algorithm>

#include "l10n/format.h"
#include "model/wording.h"

namespace dpo::breach {

using namespace model;

namespace {

bool has(const Incident& i, BreachNature n) { return std::find(i.nature.begin(), i.nature.end(), n) != i.nature.end(); }

double context_score(DataContext c) {
  switch (c) {
    case DataContext::simple: return 1;
    case DataContext::behavioural: return 2;
    case DataContext::financial: return 3;
    case DataContext::sensitive: return 4;
  }
  return 1;
}

// ENISA's data-processing context of a kind of data: special and criminal
// data are sensitive (4); financial data, official identifiers and
// credentials open fraud and identity theft (3); personal life and location
// tell about behaviour (2); the rest is simple (1).
double kind_score(DataKind kind) {
  switch (kind) {
    case DataKind::special:
    case DataKind::criminal: return 4;
    case DataKind::financial:
    case DataKind::official_id:
    case DataKind::credentials: return 3;
    case DataKind::personal_life:
    case DataKind::location: return 2;
    default: return 1;
  }
}

std::string score_text(double v) { return v == static_cast<int>(v) ? fmt::format("{}", static_cast<int>(v)) : fmt::format("{}", v); }

// A category by its label, and the kind it weighs as: "Funding file
// (economic and financial information)".
Text category_text(const DataCategory* c, const CategoryId& id, std::optional<DataKind> kind) {
  std::string label = c ? c->label : id.str();
  if (!kind) return {label, label};  // the note after the list says it was assumed
  return {fmt::format("{} ({})", label, wording(*kind, Lang::en)), fmt::format("{} ({})", label, wording(*kind, Lang::fr))};
}

Text joined(const std::vector<Text>& items, std::string_view sep) {
  Text out;
  for (const Text& t : items) {
    out.en += (out.en.empty() ? "" : std::string(sep)) + t.en;
    out.fr += (out.fr.empty() ? "" : std::string(sep)) + t.fr;
  }
  return out;
}

// The kinds of the data involved, the highest first decides; a category
// whose kind the register does not say is taken as identity data, and the
// reason says so.
std::vector<Factor> dpc(const Incident& i, const Register& reg, const Volume& volume) {
  double from_kinds = 0;
  std::vector<Text> at_max, assumed;
  for (const CategoryId& id : i.data) {
    const DataCategory* c = reg.category(id);
    std::optional<DataKind> kind = c ? c->kind : std::nullopt;
    if (c && c->special) kind = DataKind::special;
    if (!kind) assumed.push_back({c ? c->label : id.str(), c ? c->label : id.str()});
    double v = kind_score(kind.value_or(DataKind::identity));
    Text label = category_text(c, id, kind);
    if (v > from_kinds) {
      from_kinds = v;
      at_max = {label};
    } else if (v == from_kinds) {
      at_max.push_back(label);
    }
  }
  if (from_kinds == 0) from_kinds = 1;
  std::vector<Factor> out;
  Text list = joined(at_max, ", ");
  std::string note_en, note_fr;
  if (!assumed.empty()) {
    Text a = joined(assumed, ", ");
    note_en = "; kind not given in the register, taken as identity: " + a.en;
    note_fr = l10n::typeset(" ; nature non renseignée au registre, prise pour de l'identité : ", Lang::fr) + a.fr;
  }
  // data_context overrides the kinds, but never takes special-category or
  // criminal-offence data below the top of the scale.
  if (i.data_context && from_kinds < 4) {
    out.push_back({"dpc", context_score(*i.data_context),
                   {fmt::format("{}, as the incident's data_context says (the data's kinds alone would give {})",
                                wording(*i.data_context, Lang::en), score_text(from_kinds)),
                    l10n::typeset(fmt::format("{}, selon le contexte que l'incident indique (la nature des données "
                                              "seule donnerait {})",
                                              wording(*i.data_context, Lang::fr), score_text(from_kinds)),
                                  Lang::fr)}});
  } else {
    out.push_back({"dpc", from_kinds,
                   {"the most sensitive data involved: " + list.en + note_en,
                    l10n::typeset("les données les plus sensibles en cause : ", Lang::fr) + list.fr + note_fr}});
  }
  // Volume: the more people and records, the graver the breach (EDPB
  // Guidelines 9/2022, "number of affected individuals"; ENISA lets the DPC
  // be raised for it). dpokit's steps, documented in dpo-breach(1).
  if (volume.subjects >= 10000 || volume.records >= 100000)
    out.push_back({"dpc-volume", 1,
                   {fmt::format("large scale: {} people, {} records", l10n::count(volume.subjects, Lang::en),
                                l10n::count(volume.records, Lang::en)),
                    fmt::format("grande échelle : {} personnes, {} enregistrements",
                                l10n::count(volume.subjects, Lang::fr), l10n::count(volume.records, Lang::fr))}});
  else if (volume.subjects >= 1000 || volume.records >= 10000)
    out.push_back({"dpc-volume", 0.5,
                   {fmt::format("many people: {} people, {} records", l10n::count(volume.subjects, Lang::en),
                                l10n::count(volume.records, Lang::en)),
                    fmt::format("nombreuses personnes : {} personnes, {} enregistrements",
                                l10n::count(volume.subjects, Lang::fr), l10n::count(volume.records, Lang::fr))}});
  // ENISA raises the context for people in a position of weakness.
  if (i.context.vulnerable_subjects)
    out.push_back({"dpc-vulnerable", 1,
                   {"vulnerable people (children, patients, employees in a dependency relation)",
                    "personnes vulnérables (enfants, patients, salariés en situation de dépendance)"}});
  return out;
}

Factor ei(const Incident& i) {
  switch (i.context.identifiability) {
    case Identifiability::negligible:
      return {"ei", 0.25, {"identifying the people is negligible", "identification des personnes négligeable"}};
    case Identifiability::limited:
      return {"ei", 0.5, {"identifying the people is limited", "identification des personnes limitée"}};
    case Identifiability::significant:
      return {"ei", 0.75, {"identifying the people is significant", "identification des personnes importante"}};
    case Identifiability::maximum:
      return {"ei", 1, {"the people are directly identified", "personnes directement identifiées"}};
  }
  return {"ei", 1, {}};
}

bool known_recipients(const BreachContext& c) {
  return c.recipients == Exposure::none || c.recipients == Exposure::known_trusted || c.recipients == Exposure::known;
}

// ENISA's circumstances of the breach: what was lost, to whom. Encryption
// is weighed in the likelihood, where it belongs: it keeps the data
// unintelligible, it does not make the loss smaller.
std::vector<Factor> cb(const Incident& i) {
  std::vector<Factor> out;
  const BreachContext& c = i.context;
  if (has(i, BreachNature::confidentiality)) {
    if (c.exfiltration == Exfiltration::none || c.recipients == Exposure::none)
      out.push_back({"cb-confidentiality", 0.25, {"nobody accessed the data", "personne n'a accédé aux données"}});
    else if (c.recovered)
      out.push_back({"cb-confidentiality", 0.25,
                     {"the data was retrieved or deleted", "les données ont été récupérées ou supprimées"}});
    else if (known_recipients(c))
      out.push_back({"cb-confidentiality", 0.25,
                     {"exposed to known recipients", "exposition à des destinataires connus"}});
    else if (c.recipients == Exposure::public_)
      out.push_back({"cb-confidentiality", 0.5, {"made public", "données rendues publiques"}});
    else if (c.recipients == Exposure::malicious)
      out.push_back({"cb-confidentiality", 0.5,
                     {"in the hands of people intending to misuse it",
                      "aux mains de personnes qui entendent en abuser"}});
    else
      out.push_back({"cb-confidentiality", 0.5,
                     {"exposed to unknown recipients", "exposition à des destinataires inconnus"}});
  }
  if (has(i, BreachNature::integrity)) {
    if (c.backup == BackupState::available)
      out.push_back({"cb-integrity", 0.25,
                     {"altered, restorable from a backup", "données altérées, restaurables depuis une sauvegarde"}});
    else
      out.push_back({"cb-integrity", 0.5,
                     {"altered without a way back", "données altérées sans retour possible"}});
  }
  if (has(i, BreachNature::availability)) {
    if (c.backup == BackupState::available)
      out.push_back({"cb-availability", 0.25,
                     {"unavailable until restored from a backup",
                      "données indisponibles jusqu'à la restauration d'une sauvegarde"}});
    else if (c.backup == BackupState::not_applicable)
      out.push_back({"cb-availability", 0.25,
                     {"out of reach for a while, nothing lost", "données hors d'atteinte un temps, rien de perdu"}});
    else
      out.push_back({"cb-availability", 0.5,
                     {"lost, no backup", "données perdues, sans sauvegarde"}});
  }
  if (i.malicious) out.push_back({"cb-malicious", 0.5, {"the breach was deliberate", "violation délibérée"}});
  return out;
}

Factor likely(std::string_view id, Likelihood l, Text reason) {
  return {id, static_cast<double>(l), std::move(reason)};
}

// Step 2: how likely harm is (EDPB Guidelines 9/2022 and the reasons the
// EDPB gives its worked cases, Guidelines 01/2021), for each property of
// the data the breach touched.
std::vector<Factor> likelihood(const Incident& i, bool sensitive) {
  std::vector<Factor> out;
  const BreachContext& c = i.context;
  if (has(i, BreachNature::confidentiality)) {
    if (c.encryption == Encryption::state_of_the_art)
      out.push_back(likely("likelihood-confidentiality", Likelihood::unlikely,
                           {"confidentiality: state-of-the-art encryption with the key safe keeps the data "
                            "unintelligible to whoever holds it (Art. 34(3)(a))",
                            "confidentialité : un chiffrement à l'état de l'art, la clé non compromise, rend les "
                            "données inintelligibles à qui les détient (art. 34.3.a du RGPD)"}));
    else if (c.recipients == Exposure::public_)
      out.push_back(likely("likelihood-confidentiality", Likelihood::very_likely,
                           {"confidentiality: the data was made public", "confidentialité : données rendues publiques"}));
    else if (c.recipients == Exposure::malicious ||
             (i.malicious && c.exfiltration == Exfiltration::confirmed && c.recipients == Exposure::unknown))
      out.push_back(likely("likelihood-confidentiality", Likelihood::very_likely,
                           {"confidentiality: the data is in the hands of people who took it to misuse it",
                            "confidentialité : les données sont aux mains de personnes qui les ont prises pour en "
                            "abuser"}));
    else if (c.recovered && c.recipients == Exposure::known_trusted)
      out.push_back(likely("likelihood-confidentiality", Likelihood::unlikely,
                           {"confidentiality: a trusted recipient returned or deleted the data and confirmed it",
                            "confidentialité : un destinataire de confiance a rendu ou supprimé les données et l'a "
                            "confirmé"}));
    else if (c.recipients == Exposure::none || c.exfiltration == Exfiltration::none)
      out.push_back(likely("likelihood-confidentiality", Likelihood::unlikely,
                           {"confidentiality: nobody accessed the data", "confidentialité : personne n'a accédé aux "
                                                                         "données"}));
    else if (c.recipients == Exposure::known_trusted || (c.recovered && c.recipients == Exposure::known))
      out.push_back(likely("likelihood-confidentiality", Likelihood::possible,
                           {"confidentiality: a known recipient bound to confidentiality, or one who returned the "
                            "data",
                            "confidentialité : un destinataire connu tenu à la confidentialité, ou qui a rendu les "
                            "données"}));
    else
      out.push_back(likely("likelihood-confidentiality", Likelihood::likely,
                           {c.recipients == Exposure::known
                                ? "confidentiality: a known recipient not bound to confidentiality"
                                : "confidentiality: the data may be in unknown hands",
                            c.recipients == Exposure::known
                                ? "confidentialité : un destinataire connu non tenu à la confidentialité"
                                : "confidentialité : les données peuvent être entre des mains inconnues"}));
  }
  // Encryption protects confidentiality only: lost or altered data is a
  // question of backups and of the time to restore them.
  if (has(i, BreachNature::integrity))
    out.push_back(c.backup == BackupState::available
                      ? likely("likelihood-integrity", Likelihood::unlikely,
                               {"integrity: the altered data is restored from a backup",
                                "intégrité : les données altérées sont restaurées depuis une sauvegarde"})
                      : likely("likelihood-integrity", Likelihood::likely,
                               {"integrity: wrong data stays in use, no backup to restore",
                                "intégrité : des données fausses restent en usage, sans sauvegarde"}));
  // backup: not-applicable on an availability breach means nothing was
  // lost: the data was out of reach for a while (an outage). How long
  // decides: under a day, harm is unlikely; longer, or not said, missing
  // sensitive data can harm (the EDPB's hospital cases).
  if (has(i, BreachNature::availability)) {
    bool outage = c.backup == BackupState::not_applicable;
    bool brief = c.unavailable_for && c.unavailable_for->years == 0 && c.unavailable_for->months == 0 &&
                 c.unavailable_for->days == 0 && c.unavailable_for->time < std::chrono::hours(24);
    if (c.backup == BackupState::none)
      out.push_back(likely("likelihood-availability", Likelihood::likely,
                           {"availability: the data is lost, no backup", "disponibilité : données perdues, sans "
                                                                          "sauvegarde"}));
    else if (sensitive && !brief)
      out.push_back(likely(
          "likelihood-availability", Likelihood::possible,
          {outage ? "availability: out of reach for a while, and sensitive data missing meanwhile can harm the people "
                    "(care, rights)"
                  : "availability: restored from a backup, but sensitive data missing meanwhile can harm the people "
                    "(care, rights)",
           outage ? "disponibilité : hors d'atteinte un temps, et l'absence de données sensibles dans l'intervalle "
                    "peut nuire aux personnes (soins, droits)"
                  : "disponibilité : restaurées depuis une sauvegarde, mais l'absence de données sensibles dans "
                    "l'intervalle peut nuire aux personnes (soins, droits)"}));
    else
      out.push_back(likely(
          "likelihood-availability", Likelihood::unlikely,
          {std::string(outage ? "availability: out of reach for a while, nothing lost"
                              : "availability: restored from a backup") +
               (brief ? ", within " + human(*c.unavailable_for, Lang::en) : ""),
           std::string(outage ? "disponibilité : hors d'atteinte un temps, rien de perdu"
                              : "disponibilité : restaurées depuis une sauvegarde") +
               (brief ? ", en moins de " + human(*c.unavailable_for, Lang::fr) : "")}));
  }
  return out;
}

}  // namespace

Assessment assess(const Incident& incident, const Register& reg, const Volume& volume) {
  Assessment a;
  // Step 1: severity.
  a.dpc = dpc(incident, reg, volume);
  for (const Factor& f : a.dpc) a.dpc_score += f.value;
  a.dpc_score = std::min(a.dpc_score, 4.0);
  a.ei = ei(incident);
  a.cb = cb(incident);
  for (const Factor& f : a.cb) a.cb_score += f.value;
  a.severity = a.dpc_score * a.ei.value + a.cb_score;
  a.risk = a.severity < 2 ? Risk::low : a.severity < 3 ? Risk::medium : a.severity < 4 ? Risk::high : Risk::very_high;

  // Step 2: likelihood, the most likely harm of any property touched.
  bool art_9_10 = false;
  for (const CategoryId& id : incident.data)
    if (const DataCategory* c = reg.category(id); c && (c->special || c->kind == DataKind::criminal)) art_9_10 = true;
  bool sensitive = art_9_10 || a.dpc.front().value >= 4;
  a.likelihood_factors = likelihood(incident, sensitive);
  for (const Factor& f : a.likelihood_factors)
    a.likelihood = std::max(a.likelihood, likelihood_of(f));

  const BreachContext& c = incident.context;
  const Likelihood l = a.likelihood;
  const Risk s = a.risk;
  Text sl{fmt::format("severity {} ({}), harm {}", wording(s, Lang::en), l10n::decimal(a.severity, 2, Lang::en),
                      wording(l, Lang::en)),
          fmt::format("gravité {} ({}), dommage {}", wording(s, Lang::fr), l10n::decimal(a.severity, 2, Lang::fr),
                      wording(l, Lang::fr))};

  // Art. 33(1): notify "unless the breach is unlikely to result in a risk".
  // Art. 9 and 10 data reaching anyone but a trusted recipient is at least
  // notifiable, whatever the arithmetic (EDPB Guidelines 9/2022).
  bool untrusted = has(incident, BreachNature::confidentiality) && c.encryption != Encryption::state_of_the_art &&
                   c.exfiltration != Exfiltration::none && c.recipients != Exposure::none &&
                   !(c.recipients == Exposure::known_trusted && c.recovered);
  bool special_reach = art_9_10 && untrusted;
  a.notify_authority = special_reach || (l >= Likelihood::possible && (s >= Risk::medium || l >= Likelihood::likely));
  if (!a.notify_authority) {
    const Factor* why = nullptr;
    for (const Factor& f : a.likelihood_factors)
      if (!why || f.value > why->value) why = &f;
    a.notify_reason =
        l == Likelihood::unlikely && why
            ? Text{"Art. 33(1): unlikely to result in a risk: " + why->reason.en,
                   "art. 33.1 du RGPD : violation peu susceptible d'engendrer un risque : " + why->reason.fr}
            : Text{"Art. 33(1): unlikely to result in a risk: " + sl.en + ", too slight to harm the people",
                   "art. 33.1 du RGPD : violation peu susceptible d'engendrer un risque : " + sl.fr +
                       ", trop faibles pour nuire aux personnes"};
  } else if (special_reach && !(l >= Likelihood::possible && (s >= Risk::medium || l >= Likelihood::likely))) {
    a.notify_reason = {"Art. 33(1): special-category or criminal-offence data reached someone not trusted: a risk "
                       "(" + sl.en + ")",
                       "art. 33.1 du RGPD : des données sensibles ou d'infraction ont atteint un tiers non fiable : un risque "
                       "(" + sl.fr + ")"};
  } else {
    a.notify_reason = {"Art. 33(1): a risk to the people is likely: " + sl.en,
                       "art. 33.1 du RGPD : un risque pour les personnes est probable : " + sl.fr};
  }

  // Art. 34(1): a high risk is likely when grave harm is likely, very grave
  // harm possible, or harm of medium severity very likely (unknown people who
  // took the data to misuse it, or the public, hold it). A customer file a
  // known former employee took to a rival is notified, not a high risk to
  // each customer: the recipient is known and the law reaches them.
  a.high_risk = a.notify_authority &&
                ((s >= Risk::high && l >= Likelihood::likely) || (s == Risk::very_high && l >= Likelihood::possible) ||
                 (s >= Risk::medium && l == Likelihood::very_likely));
  a.communicate_reason = a.high_risk
                             ? Text{"Art. 34(1): likely high risk: " + sl.en,
                                    "art. 34.1 du RGPD : risque élevé probable : " + sl.fr}
                             : Text{"Art. 34(1): no likely high risk (" + sl.en + "): telling the people is not "
                                    "required",
                                    "art. 34.1 du RGPD : pas de risque élevé probable (" + sl.fr + ") : informer les "
                                    "personnes n'est pas obligatoire"};
  if (a.high_risk) {
    // (a) spares the letter only for confidentiality under a safe key; (b)
    // for a risk measures removed, never on a malicious recipient's word;
    // (c) changes the letter into a public communication.
    bool confidentiality_only = incident.nature.size() == 1 && has(incident, BreachNature::confidentiality);
    bool trusted_return = c.recovered && (c.recipients == Exposure::known_trusted || c.recipients == Exposure::known);
    // (a) is met before: safe encryption makes harm unlikely, so there is
    // no high risk to spare (the likelihood factor cites it).
    if (confidentiality_only && trusted_return)
      a.exemption = Text{"Art. 34(3)(b): the data was returned or deleted by a known recipient, which removes the "
                         "high risk",
                         "art. 34.3.b du RGPD : les données ont été rendues ou supprimées par un destinataire connu, ce qui "
                         "écarte le risque élevé"};
    else if (c.disproportionate_effort)
      a.public_communication = true;
  }
  if (!a.notify_authority)
    a.conclusion = {"document the breach (Art. 33(5)); no notification", "documenter la violation (art. 33.5 du RGPD) ; "
                                                                          "pas de notification"};
  else if (!a.high_risk)
    a.conclusion = {"notify the supervisory authority within 72 hours (Art. 33)",
                    "notifier l'autorité de contrôle sous 72 heures (art. 33 du RGPD)"};
  else if (a.exemption)
    a.conclusion = {"notify the supervisory authority (Art. 33); no communication to the people, " + a.exemption->en,
                    "notifier l'autorité de contrôle (art. 33 du RGPD) ; pas de communication aux personnes, " +
                        a.exemption->fr};
  else if (a.public_communication)
    a.conclusion = {"notify the supervisory authority (Art. 33) and inform the people by a public communication, "
                    "telling each of them would take disproportionate effort (Art. 34(3)(c))",
                    "notifier l'autorité de contrôle (art. 33 du RGPD) et informer les personnes par une communication "
                    "publique, l'information individuelle exigeant des efforts disproportionnés (art. 34.3.c du RGPD)"};
  else
    a.conclusion = {"notify the supervisory authority (Art. 33) and tell the people affected (Art. 34)",
                    "notifier l'autorité de contrôle (art. 33 du RGPD) et informer les personnes concernées (art. 34 du RGPD)"};
  // French typography for the French texts, all dpokit's own but the
  // data's labels in the first factor, whose phrase is typeset above.
  auto typeset = [](Text& t) { t.fr = l10n::typeset(t.fr, Lang::fr); };
  for (Factor& f : a.dpc)
    if (f.id != "dpc") typeset(f.reason);
  typeset(a.ei.reason);
  for (Factor& f : a.cb) typeset(f.reason);
  for (Factor& f : a.likelihood_factors) typeset(f.reason);
  typeset(a.notify_reason);
  typeset(a.communicate_reason);
  typeset(a.conclusion);
  if (a.exemption) typeset(*a.exemption);
  return a;
}

}  // namespace dpo::breach
