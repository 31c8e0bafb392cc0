#include "rules/actions.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "base/error.h"
#include "l10n/format.h"
#include "rules/audit.h"

namespace dpo::rules {

using namespace model;

namespace {

struct Noun {
  Phrase one;
  Phrase other;
};

constexpr Noun kHoldings{{"holding", "donnée"}, {"holdings", "données"}};
constexpr Noun kPeople{{"person", "personne"}, {"people", "personnes"}};

// What one rule's action says, and what its findings' counts count. A rule
// whose findings carry no count has no unit.
struct ActionWords {
  std::string_view rule;
  Phrase verb;
  std::optional<Noun> unit = {};
  bool people_or_holdings = false;
};

constexpr ActionWords kActions[] = {
    {"REG-001", {"Give each activity and purpose a legal basis", "Donner une base légale à chaque traitement et finalité"}},
    {"REG-002", {"Complete the record of processing activities", "Compléter le registre des traitements"}},
    {"REG-003", {"Record the Art. 9(2) condition of the special-category data",
                 "Indiquer la condition de l'art. 9.2 du RGPD des données sensibles"}},
    {"REG-004", {"Carry out the required DPIAs", "Réaliser les AIPD requises"}},
    {"REG-005", {"Bring the legal bases in line with the need for consent",
                 "Accorder les bases légales au besoin de consentement"}},
    {"REG-006", {"Cite the text that authorises criminal-offence data",
                 "Citer le texte qui autorise les données d'infraction"}},
    {"REG-007", {"Cite the text that authorises official identifiers",
                 "Citer le texte qui autorise les identifiants officiels"}},
    {"REG-008", {"Consider a DPIA, or record why none is needed",
                 "Envisager une AIPD, ou documenter pourquoi elle n'est pas nécessaire"}},
    {"REG-009", {"Review the DPIAs", "Réviser les AIPD"}},
    {"REG-010", {"State the legitimate interests pursued", "Indiquer les intérêts légitimes poursuivis"}},
    {"REG-011", {"Document the balancing of interests", "Documenter la mise en balance des intérêts"}},
    {"RET-001", {"Set the missing retention periods", "Fixer les durées de conservation manquantes"}},
    {"RET-002", {"Run the purge", "Lancer la purge"}, kHoldings, true},
    {"RET-003", {"Give a deadline to the data that has none", "Donner une échéance aux données qui n'en ont pas"},
     kHoldings, true},
    {"RET-004", {"Write the retention periods", "Écrire les durées de conservation"}},
    {"DPA-001", {"Sign the missing processing agreements", "Signer les contrats de sous-traitance manquants"}},
    {"DPA-002", {"Add the missing Art. 28(3) clauses", "Ajouter les clauses manquantes de l'art. 28.3 du RGPD"},
     Noun{{"clause", "clause"}, {"clauses", "clauses"}}},
    {"DPA-003", {"Review the processing agreements past their review date",
                 "Revoir les contrats de sous-traitance à réviser"}},
    {"DPA-004", {"Record the authorisation of the sub-processors",
                 "Documenter l'autorisation des sous-traitants ultérieurs"}},
    {"DPA-005", {"Set out the particulars of the processing in the agreements",
                 "Préciser les caractéristiques du traitement dans les contrats"},
     Noun{{"particular", "caractéristique"}, {"particulars", "caractéristiques"}}},
    {"TRF-001", {"Ground the transfers outside the EU", "Encadrer les transferts hors de l'UE"}},
    {"TRF-002", {"Replace Art. 49 derogations with safeguards",
                 "Remplacer les dérogations de l'art. 49 du RGPD par des garanties"}},
    {"CON-001", {"Collect consent, or purge the data", "Recueillir le consentement, ou purger les données"},
     kHoldings, true},
    {"CON-002", {"Complete the proof of consent", "Compléter la preuve des consentements"},
     Noun{{"consent event", "consentement"}, {"consent events", "consentements"}}},
    {"CON-003", {"Renew the expired consents", "Renouveler les consentements expirés"}, kHoldings, true},
    {"CON-004", {"Obtain the parental co-signature", "Obtenir la cosignature parentale"},
     Noun{{"consent", "consentement"}, {"consents", "consentements"}}},
    {"CON-005", {"Restore the consent ledger", "Restaurer le registre des consentements"}},
    {"CON-006", {"Stop canvassing without consent", "Cesser la prospection sans consentement"}},
    {"CON-007", {"Collect the explicit consent for special-category data",
                 "Recueillir le consentement explicite pour les données sensibles"},
     kHoldings, true},
    {"CPF-001", {"Stop canvassing CPF account holders by banned channels",
                 "Cesser de démarcher les titulaires du CPF par les canaux interdits"},
     kPeople, true},
    {"DSR-001", {"Answer the late subject requests", "Répondre aux demandes en retard"}},
    {"DSR-002", {"Answer the subject requests due within 7 days", "Répondre aux demandes à échéance sous 7 jours"}},
    {"DSR-003", {"Answer the open complaints", "Répondre aux réclamations en attente"}},
    {"BRE-001", {"Notify the authority of the breaches", "Notifier les violations à l'autorité"}},
    {"BRE-002", {"Send the reasons for the late notifications", "Transmettre les motifs des notifications tardives"}},
    {"BRE-003", {"Tell the people of the high-risk breaches", "Informer les personnes des violations à risque élevé"}},
    {"BRE-004", {"Complete the breach records", "Compléter les fiches de violation"}},
    {"GOV-001", {"Designate a DPO or a contact point", "Désigner un DPO ou un point de contact"}},
    {"GOV-002", {"Review the register", "Revoir le registre"}},
    {"GOV-003", {"Designate the mandatory DPO", "Désigner le DPO obligatoire"}},
};

const ActionWords& words_of(std::string_view rule) {
  for (const ActionWords& w : kActions)
    if (w.rule == rule) return w;
  throw Error(ExitCode::internal, "no action wording for rule " + std::string(rule));
}

// The places an object kind names, and how an amount is placed in them:
// "254 holdings in 7 activities", "2 clauses with 1 processor".
struct PlaceWords {
  std::string_view kind;
  Noun noun;
  Phrase in;
};

constexpr PlaceWords kPlaces[] = {
    {"activity", {{"activity", "traitement"}, {"activities", "traitements"}}, {"in", "dans"}},
    {"rule", {{"activity", "traitement"}, {"activities", "traitements"}}, {"in", "dans"}},
    {"processor", {{"processor", "sous-traitant"}, {"processors", "sous-traitants"}}, {"with", "chez"}},
    {"purpose", {{"purpose", "finalité"}, {"purposes", "finalités"}}, {"for", "pour"}},
    {"breach", {{"breach", "violation"}, {"breaches", "violations"}}, {"in", "dans"}},
    {"request", {{"request", "demande"}, {"requests", "demandes"}}, {"in", "dans"}},
};

const PlaceWords* place_words(std::string_view kind) {
  for (const PlaceWords& p : kPlaces)
    if (p.kind == kind) return &p;
  return nullptr;  // the controller, the ledger: one place, not named
}

// The activity of an "activity/category" object, or the object itself.
std::string where(const Finding& f) {
  std::size_t slash = f.object.find('/');
  return slash == std::string::npos ? f.object : f.object.substr(0, slash);
}

std::string counted(long long n, const Noun& noun, Lang lang) { return l10n::counted(n, noun.one, noun.other, lang); }

}  // namespace

std::vector<Action> group_actions(const AuditResult& result, const Register& reg, Lang lang) {
  std::vector<Action> out;
  for (const Finding& f : result.findings) {
    if (out.empty() || out.back().rule.id != f.rule.id) {
      const ActionWords& w = words_of(f.rule.id);
      out.push_back(Action{f.rule, 0, {}, w.people_or_holdings, {}, std::string(w.verb.in(lang)), {}});
    }
    Action& a = out.back();
    ++a.findings;
    if (f.count) a.amount = a.amount.value_or(0) + *f.count;
    std::string place = place_of(f.object_kind == "rule" ? "activity" : f.object_kind, where(f), reg, lang);
    if (std::find(a.places.begin(), a.places.end(), place) == a.places.end()) a.places.push_back(place);
  }
  // Each action in words: the verb, then the amount and the places.
  for (Action& a : out) {
    const ActionWords& w = words_of(a.rule.id);
    const Finding& first = *std::find_if(result.findings.begin(), result.findings.end(),
                                         [&](const Finding& f) { return f.rule.id == a.rule.id; });
    const PlaceWords* p = place_words(first.object_kind);
    long long places = static_cast<long long>(a.places.size());
    if (a.amount && w.unit && p)
      a.text = l10n::say({"{}: {} {} {}", "{} : {} {} {}"}, lang, w.verb.in(lang), counted(*a.amount, *w.unit, lang),
                         p->in.in(lang), counted(places, p->noun, lang));
    else if (a.amount && w.unit)
      a.text = l10n::say({"{}: {}", "{} : {}"}, lang, w.verb.in(lang), counted(*a.amount, *w.unit, lang));
    else if (p)
      a.text = l10n::say({"{}: {}", "{} : {}"}, lang, w.verb.in(lang), counted(places, p->noun, lang));
    else
      a.text = std::string(w.verb.in(lang));
  }
  // Errors first; then what reaches the most people or holdings; then what
  // has the most places to act in; then the catalogue's order.
  std::stable_sort(out.begin(), out.end(), [&](const Action& a, const Action& b) {
    auto key = [](const Action& x) {
      long long reach = x.counts_people_or_holdings ? x.amount.value_or(0) : -1;
      return std::tuple(x.rule.severity == Severity::error ? 0 : 1, -reach, -static_cast<long long>(x.places.size()));
    };
    return key(a) < key(b);
  });
  return out;
}

const RecordedAudit* previous(std::span<const RecordedAudit> recorded, Instant as_of) {
  const RecordedAudit* last = nullptr;
  for (const RecordedAudit& r : recorded)
    if (r.as_of < as_of) last = &r;
  return last;
}

Better better(std::string_view kpi) {
  static constexpr std::pair<std::string_view, Better> kDirections[] = {
      {"dpa-coverage", Better::higher},        {"consent-coverage", Better::higher},
      {"retention-coverage", Better::higher},  {"overdue-holdings", Better::lower},
      {"held-holdings", Better::neither},      {"archived-holdings", Better::neither},
      {"open-erasure-tasks", Better::lower},   {"requests-on-time", Better::higher},
      {"request-median-days", Better::lower},  {"complaint-median-days", Better::lower},
      {"breaches-12-months", Better::lower},   {"notification-median-hours", Better::lower},
  };
  for (const auto& [id, direction] : kDirections)
    if (id == kpi) return direction;
  return Better::neither;
}

AuditChanges compare(const RecordedAudit& before, const AuditResult& now, const Register& reg, Lang lang) {
  AuditChanges out;
  out.since = before.as_of;
  out.errors_before = before.count(Severity::error);
  out.warnings_before = before.count(Severity::warning);
  // A finding is the same from one audit to the next when its rule and object are.
  std::set<std::pair<std::string, std::string>> was, is;
  for (const RecordedFinding& f : before.findings) was.insert({f.rule, f.object});
  for (const Finding& f : now.findings) is.insert({std::string(f.rule.id), f.object});
  for (const Finding& f : now.findings)
    if (!was.contains({std::string(f.rule.id), f.object}))
      out.opened.push_back({f.rule, place_of(f.object_kind, f.object, reg, lang), f.count});
  for (const RecordedFinding& f : before.findings) {
    if (is.contains({f.rule, f.object})) continue;
    // A rule since withdrawn from the catalogue is named by its id alone
    // (which lives as long as `before`).
    const Rule* rule = find_rule(f.rule);
    RuleInfo info = rule ? rule->info : RuleInfo{f.rule, f.severity, {}, {}, {}};
    out.closed.push_back({info, place_of(f.object_kind, f.object, reg, lang), f.count});
  }
  for (const Kpi& k : now.kpis) {
    auto old = std::find_if(before.kpis.begin(), before.kpis.end(), [&](const RecordedKpi& r) { return r.id == k.id; });
    if (old != before.kpis.end()) out.kpis.push_back({std::string(k.id), k.label, *old, record_of(k), better(k.id)});
  }
  return out;
}

}  // namespace dpo::rules
