#include "breach/assess.h"

#include <fmt/format.h>

#include <algorithm>

namespace dpo::breach {

using namespace model;

namespace {

bool has(const Incident& i, BreachNature n) { return std::find(i.nature.begin(), i.nature.end(), n) != i.nature.end(); }

double base_score(DataContext c) {
  switch (c) {
    case DataContext::simple: return 1;
    case DataContext::behavioural: return 2;
    case DataContext::financial: return 3;
    case DataContext::sensitive: return 4;
  }
  return 1;
}

std::vector<Factor> dpc(const Incident& i, const Register& reg) {
  std::vector<std::string> special;
  for (const CategoryId& id : i.data)
    if (const DataCategory* c = reg.category(id); c && c->special) special.push_back(id.str());
  std::vector<Factor> out;
  if (!special.empty()) {
    std::string list = fmt::format("{}", fmt::join(special, ", "));
    out.push_back({"dpc", 4,
                   {"sensitive data: special categories (Art. 9) among the data: " + list,
                    "données sensibles : catégories particulières (art. 9) parmi les données : " + list}});
  } else if (i.data_context) {
    std::string name(dpo::name_of(data_contexts(), *i.data_context));
    out.push_back({"dpc", base_score(*i.data_context),
                   {name + " data, as the incident's data_context says",
                    "données de type " + name + ", selon le champ data_context de l'incident"}});
  } else {
    out.push_back({"dpc", 1,
                   {"simple data: no special category; set data_context for behavioural or financial data",
                    "données simples : aucune catégorie particulière ; renseigner data_context pour des données "
                    "comportementales ou financières"}});
  }
  // ENISA raises the context for people in a position of weakness.
  if (i.context.vulnerable_subjects && out.front().value < 4)
    out.push_back({"dpc-adjustment", 1,
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

std::vector<Factor> cb(const Incident& i) {
  std::vector<Factor> out;
  const BreachContext& c = i.context;
  if (has(i, BreachNature::confidentiality)) {
    if (c.encryption == Encryption::state_of_the_art)
      out.push_back({"cb-confidentiality", 0,
                     {"confidentiality: state-of-the-art encryption, the key safe: unintelligible to others",
                      "confidentialité : chiffrement à l'état de l'art, clé non compromise : inintelligible pour "
                      "des tiers"}});
    else if (c.recovered || c.recipients == Exposure::known_trusted || c.recipients == Exposure::known ||
             c.exfiltration == Exfiltration::none)
      out.push_back({"cb-confidentiality", 0.25,
                     {"confidentiality: exposed to known recipients, or retrieved",
                      "confidentialité : exposition à des destinataires connus, ou données récupérées"}});
    else
      out.push_back({"cb-confidentiality", 0.5,
                     {"confidentiality: exposed to unknown recipients",
                      "confidentialité : exposition à des destinataires inconnus"}});
  }
  if (has(i, BreachNature::integrity)) {
    if (c.backup == BackupState::available)
      out.push_back({"cb-integrity", 0.25,
                     {"integrity: altered, restorable from a backup",
                      "intégrité : données altérées, restaurables depuis une sauvegarde"}});
    else
      out.push_back({"cb-integrity", 0.5,
                     {"integrity: altered without a way back", "intégrité : données altérées sans retour possible"}});
  }
  if (has(i, BreachNature::availability)) {
    if (c.backup == BackupState::available)
      out.push_back({"cb-availability", 0.25,
                     {"availability: unavailable until restored from a backup",
                      "disponibilité : indisponibles jusqu'à la restauration d'une sauvegarde"}});
    else
      out.push_back({"cb-availability", 0.5,
                     {"availability: lost, no backup", "disponibilité : perdues, sans sauvegarde"}});
  }
  if (i.malicious)
    out.push_back({"cb-malicious", 0.5, {"malicious intent", "intention malveillante"}});
  return out;
}

}  // namespace

Assessment assess(const Incident& incident, const Register& reg) {
  Assessment a;
  a.dpc = dpc(incident, reg);
  for (const Factor& f : a.dpc) a.dpc_score += f.value;
  a.dpc_score = std::min(a.dpc_score, 4.0);
  a.ei = ei(incident);
  a.cb = cb(incident);
  for (const Factor& f : a.cb) a.cb_score += f.value;
  a.severity = a.dpc_score * a.ei.value + a.cb_score;
  a.risk = a.severity < 2 ? Risk::low : a.severity < 3 ? Risk::medium : a.severity < 4 ? Risk::high : Risk::very_high;
  a.notify_authority = a.risk != Risk::low;
  a.high_risk = a.risk == Risk::high || a.risk == Risk::very_high;
  if (a.high_risk) {
    if (incident.context.encryption == Encryption::state_of_the_art)
      a.exemption = Text{"Art. 34(3)(a): the data is unintelligible (state-of-the-art encryption, key safe)",
                         "art. 34(3)(a) : données inintelligibles (chiffrement à l'état de l'art, clé non "
                         "compromise)"};
    else if (incident.context.recovered)
      a.exemption = Text{"Art. 34(3)(b): the data was retrieved or deleted, which removes the high risk",
                         "art. 34(3)(b) : les données ont été récupérées ou supprimées, ce qui écarte le risque élevé"};
  }
  if (!a.notify_authority)
    a.conclusion = {"low risk: document the breach (Art. 33(5)); no notification",
                    "risque faible : documenter la violation (art. 33(5)) ; pas de notification"};
  else if (!a.high_risk)
    a.conclusion = {"risk: notify the supervisory authority within 72 hours (Art. 33)",
                    "risque : notifier l'autorité de contrôle sous 72 heures (art. 33)"};
  else if (a.exemption)
    a.conclusion = {"high risk: notify the supervisory authority (Art. 33); no communication to the people, " +
                        a.exemption->en,
                    "risque élevé : notifier l'autorité de contrôle (art. 33) ; pas de communication aux personnes, " +
                        a.exemption->fr};
  else
    a.conclusion = {"high risk: notify the supervisory authority (Art. 33) and tell the people affected (Art. 34)",
                    "risque élevé : notifier l'autorité de contrôle (art. 33) et informer les personnes concernées "
                    "(art. 34)"};
  return a;
}

}  // namespace dpo::breach
