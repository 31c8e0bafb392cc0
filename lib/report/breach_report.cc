#include "report/breach_report.h"

#include <fmt/format.h>

#include <set>

#include "l10n/format.h"
#include "model/wording.h"
#include "report/csv.h"
#include "report/letter.h"
#include "report/summary.h"

namespace dpo::report {

using namespace model;
using Json = nlohmann::ordered_json;

namespace {

Json or_null(const std::string& s) { return s.empty() ? Json() : Json(s); }
Json local(const std::optional<Instant>& t, const Zone& zone) { return t ? Json(format_local(*t, zone)) : Json(); }


std::string score(double v) { return fmt::format("{:.2f}", v); }

// The categories of people of the activities holding affected data (when
// the store counted them), else of every activity the incident names.
std::vector<std::string> subject_categories(const BreachView& v) {
  if (!v.incident.affected_categories.empty()) return v.incident.affected_categories;
  std::vector<std::string> out;
  const std::vector<ActivityId>& activities = v.subjects_counted ? v.activities_holding : v.incident.activities;
  for (const ActivityId& id : activities)
    if (const Activity* a = v.reg.activity(id))
      for (const std::string& s : a->subjects)
        if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  return out;
}

Json clock_json(const BreachView& v) {
  Instant due = notification_due(v.incident.aware_at);
  Json j{{"due", format_local(due, v.zone)}, {"as_of", format_local(v.as_of, v.zone)}};
  if (!v.notifications.empty()) {
    const BreachNotification& n = v.notifications.front();
    j["state"] = "notified";
    j["notified_at"] = format_local(n.at, v.zone);
    j["delay_hours"] = hours_up(v.incident.aware_at, n.at);
    j["late"] = n.at > due;
    j["hours_left"] = Json();
    j["hours_late"] = Json();
  } else {
    j["state"] = "not notified";
    j["notified_at"] = Json();
    j["delay_hours"] = Json();
    j["late"] = v.as_of > due;
    j["hours_left"] = v.as_of <= due ? Json(hours_down(v.as_of, due)) : Json();
    j["hours_late"] = v.as_of > due ? Json(hours_up(due, v.as_of)) : Json();
  }
  return j;
}

// What the DPO decided, and where it departs from the assessment:
// {"notify the authority, do not tell the people", "departs from the
// assessment on notifying"}.
std::pair<std::string, std::string> decision_parts(const BreachDecision& d, const Assessment& a, Lang lang) {
  bool fr = lang == Lang::fr;
  Departures off = departures(d, a);
  std::vector<std::string> departs;
  if (off.notify) departs.emplace_back(fr ? "la notification" : "notifying");
  if (off.communicate) departs.emplace_back(fr ? "l'information des personnes" : "telling the people");
  std::string what = fmt::format(
      "{}, {}", d.notify ? (fr ? "notifier l'autorité" : "notify the authority") : (fr ? "ne pas notifier" : "do not notify"),
      d.communicate ? (fr ? "informer les personnes" : "tell the people")
                    : (fr ? "ne pas informer les personnes" : "do not tell the people"));
  std::string departure =
      departs.empty() ? std::string(fr ? "conforme à l'évaluation" : "as the assessment concludes")
                      : fmt::format("{} {}", fr ? "s'écarte de l'évaluation sur" : "departs from the assessment on",
                                    fmt::join(departs, fr ? " et " : " and "));
  return {what, departure};
}

// "notify the authority, do not tell the people (dpo, 1 June 2026 at 10:00);
// departs from the assessment on notifying: REASON". A document sent out
// leaves out who ran the command (an account name, not the DPO's).
std::string decision_text(const BreachDecision& d, const Assessment& a, const Zone& zone, Lang lang,
                          bool with_actor = true) {
  auto [what, departure] = decision_parts(d, a, lang);
  constexpr Phrase kBy{"{} ({}, {}); {}: {}", "{} ({}, {}) ; {} : {}"};
  constexpr Phrase kOn{"{} ({}); {}: {}", "{} ({}) ; {} : {}"};
  std::string when = l10n::long_datetime(d.at, zone, lang);
  return with_actor ? l10n::say(kBy, lang, what, d.actor, when, departure, d.reason)
                    : l10n::say(kOn, lang, what, when, departure, d.reason);
}

Json factor_json(const Factor& f) {
  return {{"id", f.id}, {"value", f.value}, {"reason", {{"en", f.reason.en}, {"fr", f.reason.fr}}}};
}

Json assessment_json(const Assessment& a) {
  Json factors = Json::array();
  for (const Factor& f : a.dpc) factors.push_back(factor_json(f));
  factors.push_back(factor_json(a.ei));
  for (const Factor& f : a.cb) factors.push_back(factor_json(f));
  Json likelihood = Json::array();
  for (const Factor& f : a.likelihood_factors)
    likelihood.push_back({{"id", f.id},
                          {"level", std::string(name_of(likelihoods(), likelihood_of(f)))},
                          {"reason", {{"en", f.reason.en}, {"fr", f.reason.fr}}}});
  auto text = [](const Text& t) { return Json{{"en", t.en}, {"fr", t.fr}}; };
  return {{"method", "severity: ENISA 2013, DPC x EI + CB; likelihood: EDPB Guidelines 9/2022"},
          {"factors", factors},
          {"dpc", a.dpc_score},
          {"ei", a.ei.value},
          {"cb", a.cb_score},
          {"severity", a.severity},
          {"risk", std::string(name_of(risks(), a.risk))},
          {"likelihood_factors", likelihood},
          {"likelihood", std::string(name_of(likelihoods(), a.likelihood))},
          {"notify_authority", a.notify_authority},
          {"notify_reason", text(a.notify_reason)},
          {"high_risk", a.high_risk},
          {"communicate_reason", text(a.communicate_reason)},
          {"communicate", a.communicate()},
          {"exemption", a.exemption ? text(*a.exemption) : Json()},
          {"public_communication", a.public_communication},
          {"conclusion", text(a.conclusion)}};
}

}  // namespace

Json decision_json(const BreachView& v) {
  if (!v.decision) return Json();
  return {{"notify", v.decision->notify},
          {"communicate", v.decision->communicate},
          {"reason", v.decision->reason},
          {"at", format_local(v.decision->at, v.zone)},
          {"by", v.decision->actor}};
}

Json breach_json(const BreachView& v) {
  const Incident& i = v.incident;
  Json natures = Json::array(), activities = Json::array(), data = Json::array();
  for (BreachNature n : i.nature) natures.push_back(std::string(name_of(breach_natures(), n)));
  for (const ActivityId& id : i.activities) {
    const Activity* a = v.reg.activity(id);
    activities.push_back({{"id", id.str()}, {"name", a ? a->name : id.str()}});
  }
  for (const CategoryId& id : i.data) {
    const DataCategory* c = v.reg.category(id);
    data.push_back({{"id", id.str()}, {"label", c ? c->label : id.str()}, {"special", c && c->special}});
  }
  Json notifications = Json::array();
  for (const BreachNotification& n : v.notifications)
    notifications.push_back({{"at", format_local(n.at, v.zone)},
                             {"kind", n.complementary ? "complementary" : "initial"},
                             {"reasons", or_null(n.reasons)}});
  return {{"id", i.id},
          {"title", i.title},
          {"version", v.version},
          {"aware_at", format_local(i.aware_at, v.zone)},
          {"occurred_at", local(i.occurred_at, v.zone)},
          {"ended_at", local(i.ended_at, v.zone)},
          {"ongoing", i.ongoing},
          {"discovery", or_null(i.discovery)},
          {"nature", natures},
          {"cause", std::string(name_of(breach_causes(), i.cause))},
          {"origin", std::string(name_of(breach_origins(), i.origin))},
          {"malicious", i.malicious},
          {"activities", activities},
          {"data", data},
          {"subject_categories", subject_categories(v)},
          {"subjects", {{"count", v.subjects}, {"source", v.subjects_counted ? "store" : "estimate"}}},
          {"records", {{"count", v.records}, {"source", v.records_counted ? "store" : "estimate"}}},
          {"consequences", or_null(i.consequences)},
          {"measures_taken", i.measures_taken},
          {"measures_planned", i.measures_planned},
          {"cross_border", i.cross_border},
          {"clock", clock_json(v)},
          {"notifications", notifications},
          {"communicated_at", local(v.communicated_at, v.zone)},
          {"assessment", assessment_json(v.assessment)},
          {"decision", decision_json(v)},
          {"notify", v.notify()},
          {"communicate", v.communicate()}};
}

// ---- assessment ----

constexpr Phrase kCapped{"the data processing context is capped at 4, the top of ENISA's scale",
                         "contexte de traitement des données plafonné à 4, le haut de l'échelle de l'ENISA"};

void render_assessment(const BreachView& v, std::string_view format, Lang lang, std::ostream& out) {
  if (format == "json") {
    Json j{{"id", v.incident.id}, {"assessment", assessment_json(v.assessment)}, {"decision", decision_json(v)}};
    out << j.dump(2) << "\n";
    return;
  }
  const Assessment& a = v.assessment;
  out << v.incident.id << ": " << v.incident.title << "\n";
  auto line = [&](const Factor& f, const char* sign) {
    std::string_view name = lang == Lang::fr ? factor_wording(f.id, lang) : f.id;
    out << fmt::format("  {:<20} {}{:<5} {}\n", name, sign, l10n::decimal(f.value, 2, lang), f.reason.in(lang));
  };
  out << (lang == Lang::fr ? "1. Gravité (ENISA 2013)\n" : "1. Severity (ENISA 2013)\n");
  for (const Factor& f : a.dpc) line(f, f.id == "dpc" ? " " : "+");
  line(a.ei, lang == Lang::fr ? "×" : "x");
  for (const Factor& f : a.cb) line(f, "+");
  double dpc_sum = 0;
  for (const Factor& f : a.dpc) dpc_sum += f.value;
  if (dpc_sum > a.dpc_score)
    out << "  " << l10n::say(kCapped, lang) << "\n";
  out << fmt::format("  {} = {} {} {} + {} = {} ({})\n", lang == Lang::fr ? "gravité" : "severity",
                     l10n::decimal(a.dpc_score, 2, lang), lang == Lang::fr ? "×" : "x", l10n::decimal(a.ei.value, 2, lang),
                     l10n::decimal(a.cb_score, 2, lang), l10n::decimal(a.severity, 2, lang), wording(a.risk, lang));
  out << (lang == Lang::fr ? "2. Vraisemblance (CEPD, lignes directrices 9/2022)\n"
                           : "2. Likelihood (EDPB Guidelines 9/2022)\n");
  for (const Factor& f : a.likelihood_factors)
    out << fmt::format("  {:<26} {:<13} {}\n", lang == Lang::fr ? factor_wording(f.id, lang) : f.id,
                       wording(likelihood_of(f), lang), f.reason.in(lang));
  out << fmt::format("  {} = {}\n", lang == Lang::fr ? "vraisemblance" : "likelihood", wording(a.likelihood, lang));
  out << (lang == Lang::fr ? "3. Conclusion\n" : "3. Conclusion\n");
  out << "  " << a.notify_reason.in(lang) << "\n";
  out << "  " << a.communicate_reason.in(lang) << "\n";
  out << "  " << a.conclusion.in(lang) << "\n";
  if (v.decision)
    out << (lang == Lang::fr ? "4. Décision du DPO\n  " : "4. The DPO's decision\n  ")
        << decision_text(*v.decision, a, v.zone, lang) << "\n";
}

// ---- the register ----

void render_breach_list(const std::vector<BreachView>& views, std::string_view format, Lang lang,
                        std::ostream& out) {
  if (format == "json") {
    Json list = Json::array();
    for (const BreachView& v : views) list.push_back(breach_json(v));
    out << list.dump(2) << "\n";
    return;
  }
  if (format == "csv") {
    out << "id,title,aware_at,due,notified_at,delay_hours,late_reasons,communicated_at,nature,cause,subjects,records,"
           "severity,risk,likelihood,notify,communicate,decided_by\r\n";
    for (const BreachView& v : views) {
      Json j = breach_json(v);
      std::vector<std::string> natures;
      for (const Json& n : j["nature"]) natures.push_back(n.get<std::string>());
      std::string reasons = v.notifications.empty() ? "" : v.notifications.front().reasons;
      std::vector<std::string> cells{v.incident.id,
                                     v.incident.title,
                                     j["aware_at"].get<std::string>(),
                                     j["clock"]["due"].get<std::string>(),
                                     j["clock"]["notified_at"].is_null() ? "" : j["clock"]["notified_at"].get<std::string>(),
                                     j["clock"]["delay_hours"].is_null() ? "" : j["clock"]["delay_hours"].dump(),
                                     reasons,
                                     j["communicated_at"].is_null() ? "" : j["communicated_at"].get<std::string>(),
                                     fmt::format("{}", fmt::join(natures, " ")),
                                     j["cause"].get<std::string>(),
                                     std::to_string(v.subjects),
                                     std::to_string(v.records),
                                     score(v.assessment.severity),
                                     std::string(name_of(risks(), v.assessment.risk)),
                                     std::string(name_of(likelihoods(), v.assessment.likelihood)),
                                     v.notify() ? "yes" : "no",
                                     v.communicate() ? "yes" : "no",
                                     v.decision ? v.decision->actor : std::string()};
      write_csv_row(out, cells);
    }
    return;
  }
  constexpr Phrase kNone{"no breach recorded", "aucune violation enregistrée"};
  constexpr Phrase kNotified{"notified {} ({} h)", "notifiée le {} ({} h)"};
  constexpr Phrase kDocumented{"documented, no notification needed", "documentée, sans notification requise"};
  constexpr Phrase kLeft{"{} h left to notify", "{} h restantes pour notifier"};
  constexpr Phrase kLate{"{} h late", "{} h de retard"};
  if (views.empty()) out << kNone.in(lang) << "\n";
  for (const BreachView& v : views) {
    Json c = clock_json(v);
    auto say = [&](const Phrase& p, auto... args) { return l10n::say(p, lang, args...); };
    auto when = [&](Instant t) { return lang == Lang::fr ? l10n::long_datetime(t, v.zone, lang) : format_local(t, v.zone); };
    auto hours = [&](const char* key) { return l10n::count(c[key].get<long long>(), lang); };
    std::string state = !c["notified_at"].is_null() ? say(kNotified, when(v.notifications.front().at), hours("delay_hours"))
                        : !v.notify()               ? say(kDocumented)
                        : c["hours_late"].is_null() ? say(kLeft, hours("hours_left"))
                                                    : say(kLate, hours("hours_late"));
    if (v.decision && departures(*v.decision, v.assessment).any())
      state += lang == Lang::fr ? " (décision du DPO, différente de l'évaluation)"
                                : " (the DPO's decision, not the assessment's)";
    out << fmt::format("{:<12} {:<25} {:<11} {:<5} {}\n", v.incident.id, when(v.incident.aware_at),
                       wording(v.assessment.risk, lang), l10n::decimal(v.assessment.severity, 2, lang), state);
    out << fmt::format("             {}\n", v.incident.title);
  }
}

// ---- drafts ----

namespace {

using l10n::say;

constexpr Phrase kYes{"yes", "oui"};
constexpr Phrase kNo{"no", "non"};
constexpr Phrase kHour{"hour", "heure"};
constexpr Phrase kHours{"hours", "heures"};
constexpr Phrase kPerson{"person", "personne"};
constexpr Phrase kPersons{"people", "personnes"};

// The notification, in the order of the CNIL's online form.
constexpr Phrase kAuthorityTitle{"{} notification of a personal data breach",
                                 "Notification {} d'une violation de données personnelles"};
constexpr Phrase kInitial{"Initial", "initiale"};
constexpr Phrase kComplementary{"Complementary", "complémentaire"};
constexpr Phrase kTo{"To the {} (Art. 33 GDPR)", "À l'attention de la {} (art. 33 du RGPD)"};
constexpr Phrase kToAny{"To the supervisory authority (Art. 33 GDPR)",
                        "À l'attention de l'autorité de contrôle (art. 33 du RGPD)"};
// What the DPO decided not to notify is documented instead (Art. 33(5)).
constexpr Phrase kRecordTitle{"Record of a personal data breach (Art. 33(5) GDPR)",
                              "Documentation d'une violation de données personnelles (art. 33.5 du RGPD)"};
constexpr Phrase kNotNotified{"Not notified to the {}: {}", "Violation non notifiée à la {} : {}"};
constexpr Phrase kNotNotifiedAny{"Not notified to the supervisory authority: {}",
                                 "Violation non notifiée à l'autorité de contrôle : {}"};
constexpr Phrase kDecidedNot{"the DPO decided so ({})", "décision du DPO ({})"};
constexpr Phrase kReference{"Reference in the controller's breach register", "Référence au registre des violations"};
constexpr Phrase kKindHeading{"Type of notification", "Type de notification"};
constexpr Phrase kKindInitial{"Initial notification (Art. 33(1) GDPR).", "Notification initiale (art. 33.1 du RGPD)."};
constexpr Phrase kKindComplementary{
    "Complementary notification (Art. 33(4) GDPR), following the initial notification of {}.",
    "Notification complémentaire (art. 33.4 du RGPD), faisant suite à la notification initiale du {}."};
constexpr Phrase kOrganisation{"The organisation", "Organisme"};
constexpr Phrase kName{"Name", "Dénomination"};
constexpr Phrase kSiren{"SIREN", "SIREN"};
constexpr Phrase kNoSiren{"none", "aucun"};
constexpr Phrase kSector{"Sector", "Secteur d'activité"};
constexpr Phrase kHeadcount{"Headcount", "Effectif"};
constexpr Phrase kNotGiven{"not given in the register", "non renseigné au registre"};
constexpr Phrase kAddress{"Address", "Adresse"};
constexpr Phrase kDpoHeading{"Data protection officer (Art. 33(3)(b) GDPR)",
                             "Délégué à la protection des données (art. 33.3.b du RGPD)"};
constexpr Phrase kContactHeading{"Contact point (Art. 33(3)(b) GDPR)", "Point de contact (art. 33.3.b du RGPD)"};
constexpr Phrase kFullName{"Name", "Nom"};
constexpr Phrase kDesignation{"Designation number", "Numéro de désignation"};
constexpr Phrase kEmail{"E-mail", "Courriel"};
constexpr Phrase kPhone{"Telephone", "Téléphone"};
constexpr Phrase kContact{"Contact", "Contact"};
constexpr Phrase kTimeline{"Timeline", "Chronologie"};
constexpr Phrase kStart{"Start of the breach", "Début de la violation"};
constexpr Phrase kEnd{"End of the breach", "Fin de la violation"};
constexpr Phrase kOngoing{"ongoing", "en cours"};
constexpr Phrase kUnknown{"unknown", "inconnue"};
constexpr Phrase kAware{"Discovered (the controller became aware)", "Découverte (prise de connaissance)"};
constexpr Phrase kHow{"How it was discovered", "Circonstances de la découverte"};
constexpr Phrase kNotSaid{"not given", "non précisées"};
constexpr Phrase kDeadline{"72-hour deadline", "Échéance des 72 heures"};
constexpr Phrase kNotifiedOn{"This notification", "Date de la présente notification"};
constexpr Phrase kRecordedOn{"This record", "Date du présent document"};
constexpr Phrase kAfter{"{}, {} after the controller became aware", "{}, {} après la prise de connaissance"};
constexpr Phrase kUnderAnHour{"less than an hour", "moins d'une heure"};
constexpr Phrase kLateReasons{"Reasons for the delay (Art. 33(1) GDPR)", "Motifs du retard (art. 33.1 du RGPD)"};
constexpr Phrase kNoReasons{"To be completed: Art. 33(1) GDPR requires the reasons for the delay.",
                            "À compléter : l'article 33.1 du RGPD exige les motifs du retard."};
constexpr Phrase kNature{"Nature of the breach (Art. 33(3)(a) GDPR)", "Nature de la violation (art. 33.3.a du RGPD)"};
constexpr Phrase kNatureLine{"Nature", "Nature"};
constexpr Phrase kCircumstances{"Circumstances", "Circonstances"};
constexpr Phrase kOrigin{"Origin of the incident", "Origine de l'incident"};
constexpr Phrase kDescription{"Description", "Description"};
constexpr Phrase kEncryption{"Encryption of the data", "Chiffrement des données"};
constexpr Phrase kExfiltration{"Data taken out (exfiltration)", "Extraction des données (exfiltration)"};
constexpr Phrase kRecipients{"Who may hold the data", "Qui peut détenir les données"};
constexpr Phrase kRecovered{"Data retrieved or deleted by the recipient", "Données récupérées ou supprimées par le "
                                                                            "destinataire"};
constexpr Phrase kBackup{"Backup", "Sauvegarde"};
constexpr Phrase kData{"Data concerned (Art. 33(3)(a) GDPR)", "Données concernées (art. 33.3.a du RGPD)"};
constexpr Phrase kDataCategories{"Categories of data", "Catégories de données"};
constexpr Phrase kSpecial{"Sensitive data (Art. 9 and 10 GDPR)", "Données sensibles (art. 9 et 10 du RGPD)"};
constexpr Phrase kNoneWord{"none", "aucune"};
constexpr Phrase kRecordsNumber{"Approximate number of records", "Nombre approximatif d'enregistrements"};
constexpr Phrase kActivities{"Processing activities", "Traitements concernés"};
constexpr Phrase kCountedStore{"counted from the data held", "dénombré d'après les données détenues"};
constexpr Phrase kEstimated{"estimate", "estimation"};
constexpr Phrase kPeople{"People concerned (Art. 33(3)(a) GDPR)", "Personnes concernées (art. 33.3.a du RGPD)"};
constexpr Phrase kPeopleCategories{"Categories of people", "Catégories de personnes"};
constexpr Phrase kPeopleNumber{"Approximate number of people", "Nombre approximatif de personnes"};
constexpr Phrase kVulnerable{"Vulnerable people among them", "Personnes vulnérables parmi elles"};
constexpr Phrase kCrossBorder{"People in other EU or EEA countries", "Personnes dans d'autres pays de l'UE ou de l'EEE"};
constexpr Phrase kConsequences{"Likely consequences (Art. 33(3)(c) GDPR)",
                               "Conséquences probables (art. 33.3.c du RGPD)"};
constexpr Phrase kGravity{"Estimated severity", "Gravité estimée"};
constexpr Phrase kLikelihood{"Likelihood of harm", "Vraisemblance d'un dommage"};
constexpr Phrase kRisk{"How the risk was assessed (severity: ENISA; likelihood: EDPB Guidelines 9/2022)",
                       "Évaluation du risque (gravité : méthode de l'ENISA ; vraisemblance : lignes directrices "
                       "9/2022 du CEPD)"};
constexpr Phrase kSeverityLine{"Severity {} ({}): {}", "Gravité {} ({}) : {}"};
constexpr Phrase kFactor{"{} ({}): {}", "{} ({}) : {}"};
constexpr Phrase kDecision{"The DPO's decision: {}", "Décision du DPO : {}"};
constexpr Phrase kMeasures{"Measures (Art. 33(3)(d) GDPR)", "Mesures (art. 33.3.d du RGPD)"};
constexpr Phrase kTaken{"Taken", "Mesures prises"};
constexpr Phrase kPlanned{"Planned", "Mesures envisagées"};
constexpr Phrase kNoMeasure{"none recorded", "aucune renseignée"};
constexpr Phrase kInform{"Information of the people (Art. 34 GDPR)", "Information des personnes (art. 34 du RGPD)"};
constexpr Phrase kInformDone{"The people were informed on {}.", "Les personnes ont été informées le {}."};
constexpr Phrase kInformLetter{"The people will be informed without undue delay, by an individual message.",
                               "Les personnes seront informées dans les meilleurs délais, par un message individuel."};
constexpr Phrase kInformPublic{
    "The people will be informed without undue delay by a public communication, informing each of them would "
    "involve disproportionate effort (Art. 34(3)(c) GDPR).",
    "Les personnes seront informées dans les meilleurs délais par une communication publique, l'information "
    "individuelle exigeant des efforts disproportionnés (art. 34.3.c du RGPD)."};
constexpr Phrase kInformNot{"The people will not be informed: the DPO decided so, for the reason given above.",
                            "Les personnes ne seront pas informées : le DPO en a décidé ainsi, pour le motif indiqué "
                            "plus haut."};
constexpr Phrase kNotYet{"The people have not been informed so far; the risk assessment concludes that {}.",
                         "Les personnes n'ont pas été informées à ce jour ; l'évaluation du risque conclut {}."};
constexpr Phrase kMustInform{"they must be (Art. 34(1) GDPR)", "qu'elles doivent l'être (art. 34.1 du RGPD)"};
constexpr Phrase kMustInformPublic{"they must be, by a public communication (Art. 34(3)(c) GDPR)",
                                   "qu'elles doivent l'être, par une communication publique (art. 34.3.c du RGPD)"};
constexpr Phrase kNeedNot{"they need not be: {}", "qu'il n'est pas nécessaire de les informer : {}"};
constexpr Phrase kNotHigh{"the risk to them is not high", "le risque pour elles n'est pas élevé"};

// The letter to the people, and the public communication.
constexpr Phrase kSubjectsTitle{"Information about a personal data breach",
                                "Information sur une violation de vos données personnelles"};
constexpr Phrase kPublicTitle{"Public notice of a personal data breach",
                              "Communication publique sur une violation de données personnelles"};
constexpr Phrase kDated{"{}", "Le {}"};
constexpr Phrase kDear{"Dear Sir or Madam,", "Madame, Monsieur,"};
constexpr Phrase kWhat{"What happened", "Ce qui s'est passé"};
constexpr Phrase kHappened{"On {}, {} became aware of a breach of personal data: {}",
                           "Le {}, {} a eu connaissance d'une violation de données personnelles : {}"};
constexpr Phrase kOccurred{"It took place on {}.", "Elle s'est produite le {}."};
constexpr Phrase kStillOngoing{"It has not come to an end yet.", "Elle n'a pas encore pris fin."};
constexpr Phrase kEnded{"It ended on {}.", "Elle a pris fin le {}."};
constexpr Phrase kPublicWhy{
    "We publish this notice because informing each person concerned individually would involve disproportionate "
    "effort (Art. 34(3)(c) GDPR).",
    "Nous publions cette communication car informer individuellement chacune des personnes concernées exigerait "
    "des efforts disproportionnés (art. 34.3.c du RGPD)."};
constexpr Phrase kWho{"Who is concerned", "Qui est concerné"};
constexpr Phrase kWhoLine{"About {}: {}.", "Environ {} : {}."};
constexpr Phrase kYourData{"Your data concerned", "Vos données concernées"};
constexpr Phrase kDataConcerned{"The data concerned", "Les données concernées"};
constexpr Phrase kRisks{"What it may mean for you", "Ce que cela peut signifier pour vous"};
constexpr Phrase kDone{"What we have done", "Ce que nous avons fait"};
constexpr Phrase kWillDo{"What we will do", "Ce que nous allons faire"};
constexpr Phrase kYouCan{"What you can do", "Ce que vous pouvez faire"};
constexpr Phrase kAdviceConfidentiality{
    "Be wary of messages or calls that claim to come from us and ask for a password, a payment or an identity "
    "document: we will never ask you for them this way.",
    "Méfiez-vous des messages ou appels se présentant comme venant de nous et demandant un mot de passe, un "
    "paiement ou une pièce d'identité : nous ne vous les demanderons jamais par ce moyen."};
constexpr Phrase kAdvicePasswords{"Change your password with us, and wherever else you used the same one.",
                                  "Changez votre mot de passe chez nous, et partout où vous utilisiez le même."};
constexpr Phrase kAdviceBank{
    "Check your bank statements and report to your bank any payment you do not recognise.",
    "Surveillez vos relevés bancaires et signalez à votre banque tout paiement que vous ne reconnaissez pas."};
constexpr Phrase kAdviceIdentity{
    "Watch for accounts, loans or contracts opened in your name, and keep any letter about them.",
    "Soyez attentif à tout compte, crédit ou contrat ouvert à votre nom, et conservez les courriers qui s'y "
    "rapportent."};
constexpr Phrase kAdviceBlackmail{
    "If anyone contacts you about this information or asks you for money, do not answer or pay: keep the message "
    "and report it to the police and to us.",
    "Si quelqu'un vous contacte au sujet de ces informations ou vous demande de l'argent, ne répondez pas et ne "
    "payez pas : conservez le message et signalez-le à la police et à nous-mêmes."};
constexpr Phrase kAdviceData{"Check the data we hold about you: ask us for a copy (Art. 15 GDPR).",
                             "Vérifiez les données que nous détenons sur vous : demandez-nous-en une copie (art. 15 "
                             "du RGPD)."};
constexpr Phrase kQuestions{"Questions", "Vos questions"};
constexpr Phrase kWrite{"Write to our data protection officer: {}.",
                        "Écrivez à notre délégué à la protection des données : {}."};
constexpr Phrase kWriteContact{"Write to us: {}.", "Écrivez-nous : {}."};
constexpr Phrase kComplain{"You may also lodge a complaint with the {}.",
                           "Vous pouvez aussi adresser une réclamation à la {}."};
constexpr Phrase kRegards{"Yours faithfully,",
                          "Nous vous prions d'agréer, Madame, Monsieur, nos salutations distinguées."};
constexpr Phrase kSignature{"{}, data protection officer, {}", "{}, DPO, {}"};

std::string item(const Phrase& label, Lang lang, const std::string& value) {
  return say(label, lang) + say(l10n::kColon, lang) + value;
}

// The DPO's name, e-mail and telephone, or the controller's contact.
std::string contact_line(const Controller& c) {
  std::vector<std::string> parts;
  if (c.dpo) {
    if (!c.dpo->name.empty()) parts.push_back(c.dpo->name);
    if (!c.dpo->email.empty()) parts.push_back(c.dpo->email);
    if (!c.dpo->phone.empty()) parts.push_back(c.dpo->phone);
  }
  if (parts.empty() && !c.contact.empty()) parts.push_back(c.contact);
  return fmt::format("{}", fmt::join(parts, ", "));
}

bool has_nature(const Incident& i, BreachNature n) {
  return std::find(i.nature.begin(), i.nature.end(), n) != i.nature.end();
}

std::string natures(const Incident& i, Lang lang) {
  std::vector<std::string_view> n;
  for (BreachNature x : i.nature) n.push_back(wording(x, lang));
  return fmt::format("{}", fmt::join(n, ", "));
}

std::string circumstances(const Incident& i, Lang lang) {
  std::string_view detail = cause_detail(i.cause, lang);
  std::string out(wording(i.cause, lang));
  return detail.empty() ? out : fmt::format("{} ({})", out, detail);
}

std::optional<DataKind> kind_of(const DataCategory* c) {
  if (c && c->special) return DataKind::special;
  return c ? c->kind : std::nullopt;
}

// The categories' labels, with what they are in the CNIL's terms when asked:
// "Funding file (economic and financial information)".
std::string data_labels(const BreachView& v, bool sensitive_only, Lang lang, bool with_kind) {
  std::vector<std::string> out;
  for (const CategoryId& id : v.incident.data) {
    const DataCategory* c = v.reg.category(id);
    std::optional<DataKind> kind = kind_of(c);
    if (sensitive_only && kind != DataKind::special && kind != DataKind::criminal) continue;
    std::string label = c ? c->label : id.str();
    out.push_back(with_kind && kind ? fmt::format("{} ({})", label, wording(*kind, lang)) : label);
  }
  return fmt::format("{}", fmt::join(out, say(l10n::kSemicolon, lang)));
}

bool involves(const BreachView& v, DataKind kind) {
  return std::any_of(v.incident.data.begin(), v.incident.data.end(),
                     [&](const CategoryId& id) { return kind_of(v.reg.category(id)) == kind; });
}

std::string counted(long long n, bool from_store, Lang lang) {
  return fmt::format("{} ({})", l10n::count(n, lang), say(from_store ? kCountedStore : kEstimated, lang));
}

// "20 hours", "1 heure", "less than an hour": how long after awareness.
std::string delay(Instant from, Instant to, Lang lang) {
  long long h = hours_down(from, to);
  return h == 0 ? say(kUnderAnHour, lang) : l10n::counted(h, kHour, kHours, lang);
}

// A user's sentence ends with its own stop, or gets one.
std::string sentence(std::string text) {
  if (text.empty() || text.back() == '.' || text.back() == '?' || text.back() == '!') return text;
  return text + ".";
}

bool late_initial(const BreachView& v) {
  Instant due = notification_due(v.incident.aware_at);
  return v.notifications.empty() ? v.as_of > due : v.notifications.front().at > due;
}

// What the draft says about telling the people: what was done, what the
// DPO decided, or, with no decision yet, only what is so and what the
// assessment concludes. It never says the people "will be informed" on the
// arithmetic alone.
std::string information_text(const BreachView& v, Lang lang) {
  const Assessment& a = v.assessment;
  bool in_public = v.incident.context.disproportionate_effort;
  if (v.communicated_at) return say(kInformDone, lang, l10n::long_datetime(*v.communicated_at, v.zone, lang));
  if (v.decision) {
    if (v.decision->communicate) return say(in_public ? kInformPublic : kInformLetter, lang);
    return say(kInformNot, lang);
  }
  std::string conclusion = a.communicate()
                               ? say(a.public_communication ? kMustInformPublic : kMustInform, lang)
                               : say(kNeedNot, lang, a.exemption ? a.exemption->in(lang) : say(kNotHigh, lang));
  return say(kNotYet, lang, conclusion);
}

void authority_draft(const BreachView& v, Letter& l, Lang lang) {
  const Incident& i = v.incident;
  const Controller& c = v.reg.controller;
  const Assessment& a = v.assessment;
  Instant due = notification_due(i.aware_at);
  bool complementary = !v.notifications.empty();
  bool notifying = v.notify();
  // A notification is dated by when it is sent: the draft's as-of time.
  Instant sent = v.as_of;
  auto when = [&](Instant t) { return l10n::long_datetime(t, v.zone, lang); };
  std::string title = notifying ? say(kAuthorityTitle, lang, say(complementary ? kComplementary : kInitial, lang))
                                : say(kRecordTitle, lang);
  l.begin(title, lang);
  l.heading(1, title);
  if (notifying) {
    l.para(c.authority.empty() ? say(kToAny, lang) : say(kTo, lang, c.authority));
  } else {
    std::string why = v.decision ? say(kDecidedNot, lang, v.decision->reason) : a.notify_reason.in(lang);
    l.para(c.authority.empty() ? say(kNotNotifiedAny, lang, why) : say(kNotNotified, lang, c.authority, why));
  }
  l.para(item(kReference, lang, i.id));

  if (notifying) {
    l.heading(2, say(kKindHeading, lang));
    l.para(complementary ? say(kKindComplementary, lang, when(v.notifications.front().at)) : say(kKindInitial, lang));
  }

  l.heading(2, say(kOrganisation, lang));
  l.list({item(kName, lang, c.name), item(kSiren, lang, c.siren.empty() ? say(kNoSiren, lang) : c.siren),
          item(kSector, lang, c.sector.empty() ? say(kNotGiven, lang) : c.sector),
          item(kHeadcount, lang,
               c.headcount ? l10n::counted(*c.headcount, kPerson, kPersons, lang) : say(kNotGiven, lang)),
          item(kAddress, lang, c.address)});

  if (c.dpo) {
    l.heading(2, say(kDpoHeading, lang));
    std::vector<std::string> dpo;
    if (!c.dpo->name.empty()) dpo.push_back(item(kFullName, lang, c.dpo->name));
    dpo.push_back(item(kDesignation, lang, c.dpo->designation.empty() ? say(kNotGiven, lang) : c.dpo->designation));
    if (!c.dpo->email.empty()) dpo.push_back(item(kEmail, lang, c.dpo->email));
    if (!c.dpo->phone.empty()) dpo.push_back(item(kPhone, lang, c.dpo->phone));
    l.list(dpo);
  } else {
    l.heading(2, say(kContactHeading, lang));
    l.list({item(kContact, lang, c.contact)});
  }

  l.heading(2, say(kTimeline, lang));
  std::vector<std::string> dates{
      item(kStart, lang, i.occurred_at ? when(*i.occurred_at) : say(kUnknown, lang)),
      item(kEnd, lang, i.ended_at ? when(*i.ended_at) : i.ongoing ? say(kOngoing, lang) : say(kUnknown, lang)),
      item(kAware, lang, when(i.aware_at)), item(kHow, lang, i.discovery.empty() ? say(kNotSaid, lang) : i.discovery)};
  if (notifying) dates.push_back(item(kDeadline, lang, when(due)));
  dates.push_back(item(notifying ? kNotifiedOn : kRecordedOn, lang, say(kAfter, lang, when(sent), delay(i.aware_at, sent, lang))));
  l.list(dates);
  if (notifying && late_initial(v)) {
    std::string reasons = complementary ? v.notifications.front().reasons : i.late_reasons;
    l.heading(2, say(kLateReasons, lang));
    l.para(reasons.empty() ? say(kNoReasons, lang) : reasons);
  }

  l.heading(2, say(kNature, lang));
  std::vector<std::string> nature{item(kNatureLine, lang, natures(i, lang)),
                                  item(kCircumstances, lang, circumstances(i, lang)),
                                  item(kOrigin, lang, std::string(origin_wording(i.origin, i.malicious, lang))),
                                  item(kDescription, lang, i.title)};
  const BreachContext& x = i.context;
  if (has_nature(i, BreachNature::confidentiality)) {
    nature.push_back(item(kEncryption, lang, std::string(wording(x.encryption, lang))));
    nature.push_back(item(kExfiltration, lang, std::string(wording(x.exfiltration, lang))));
    nature.push_back(item(kRecipients, lang, std::string(wording(x.recipients, lang))));
    nature.push_back(item(kRecovered, lang, say(x.recovered ? kYes : kNo, lang)));
  }
  if (has_nature(i, BreachNature::integrity) || has_nature(i, BreachNature::availability))
    nature.push_back(item(kBackup, lang, std::string(wording(x.backup, lang))));
  l.list(nature);

  l.heading(2, say(kData, lang));
  std::vector<std::string> activities;
  for (const ActivityId& id : i.activities)
    if (const Activity* act = v.reg.activity(id)) activities.push_back(act->name);
  std::string sensitive = data_labels(v, true, lang, false);
  l.list({item(kDataCategories, lang, data_labels(v, false, lang, true)),
          item(kSpecial, lang, sensitive.empty() ? say(kNoneWord, lang) : sensitive),
          item(kRecordsNumber, lang, counted(v.records, v.records_counted, lang)),
          item(kActivities, lang, fmt::format("{}", fmt::join(activities, say(l10n::kSemicolon, lang))))});

  l.heading(2, say(kPeople, lang));
  l.list({item(kPeopleCategories, lang, fmt::format("{}", fmt::join(subject_categories(v), ", "))),
          item(kPeopleNumber, lang, counted(v.subjects, v.subjects_counted, lang)),
          item(kVulnerable, lang, say(x.vulnerable_subjects ? kYes : kNo, lang)),
          item(kCrossBorder, lang, say(i.cross_border ? kYes : kNo, lang))});

  l.heading(2, say(kConsequences, lang));
  if (!i.consequences.empty()) l.para(i.consequences);
  l.list({item(kGravity, lang, std::string(wording(a.risk, lang))),
          item(kLikelihood, lang, std::string(wording(a.likelihood, lang)))});
  l.heading(3, say(kRisk, lang));
  l.para(say(kSeverityLine, lang, wording(a.risk, lang), l10n::decimal(a.severity, 2, lang), a.conclusion.in(lang)));
  if (v.decision) l.para(say(kDecision, lang, decision_text(*v.decision, a, v.zone, lang, false)));
  std::vector<std::string> factors;
  auto factor = [&](const Factor& f) {
    factors.push_back(say(kFactor, lang, factor_wording(f.id, lang), l10n::decimal(f.value, 2, lang), f.reason.in(lang)));
  };
  double dpc_sum = 0;
  for (const Factor& f : a.dpc) {
    factor(f);
    dpc_sum += f.value;
  }
  if (dpc_sum > a.dpc_score) factors.push_back(say(kCapped, lang));
  factor(a.ei);
  for (const Factor& f : a.cb) factor(f);
  for (const Factor& f : a.likelihood_factors) factors.push_back(f.reason.in(lang));
  factors.push_back(a.notify_reason.in(lang));
  factors.push_back(a.communicate_reason.in(lang));
  l.list(factors);

  l.heading(2, say(kMeasures, lang));
  l.heading(3, say(kTaken, lang));
  if (i.measures_taken.empty()) l.para(say(kNoMeasure, lang));
  l.list(i.measures_taken);
  l.heading(3, say(kPlanned, lang));
  if (i.measures_planned.empty()) l.para(say(kNoMeasure, lang));
  l.list(i.measures_planned);

  l.heading(2, say(kInform, lang));
  l.para(information_text(v, lang));
  l.end();
}

// Advice that fits the data and what became of it: phishing only when the
// data may be in other hands (the assessment does not find harm unlikely
// for its confidentiality), a password only when credentials were among it,
// bank statements for financial data, accounts opened in one's name for
// official identifiers, blackmail for sensitive data.
std::vector<std::string> advice(const BreachView& v, Lang lang) {
  std::vector<std::string> out;
  bool exposed = std::any_of(v.assessment.likelihood_factors.begin(), v.assessment.likelihood_factors.end(),
                             [](const Factor& f) {
                               return f.id == "likelihood-confidentiality" && likelihood_of(f) >= Likelihood::possible;
                             });
  if (exposed) {
    out.push_back(say(kAdviceConfidentiality, lang));
    if (involves(v, DataKind::credentials)) out.push_back(say(kAdvicePasswords, lang));
    if (involves(v, DataKind::financial)) out.push_back(say(kAdviceBank, lang));
    if (involves(v, DataKind::official_id)) out.push_back(say(kAdviceIdentity, lang));
    if (involves(v, DataKind::special) || involves(v, DataKind::criminal)) out.push_back(say(kAdviceBlackmail, lang));
  }
  out.push_back(say(kAdviceData, lang));
  return out;
}

// The Art. 34(2) content, addressed to one person (a letter) or to
// everyone concerned (the public communication of Art. 34(3)(c)).
void subjects_draft(const BreachView& v, Letter& l, Lang lang, bool in_public) {
  const Incident& i = v.incident;
  const Controller& c = v.reg.controller;
  std::string title = say(in_public ? kPublicTitle : kSubjectsTitle, lang);
  auto when = [&](Instant t) { return l10n::long_date(local_date(t, v.zone), lang); };
  l.begin(title, lang);
  l.para(c.name);
  if (!c.address.empty()) l.para(c.address);
  l.para(say(kDated, lang, when(v.as_of)));
  l.heading(1, title);
  if (!in_public) l.para(say(kDear, lang));
  l.heading(2, say(kWhat, lang));
  std::string what = sentence(say(kHappened, lang, when(i.aware_at), c.name, i.title));
  if (i.occurred_at) what += " " + say(kOccurred, lang, when(*i.occurred_at));
  if (i.ended_at) what += " " + say(kEnded, lang, when(*i.ended_at));
  if (i.ongoing) what += " " + say(kStillOngoing, lang);
  l.para(what);
  if (in_public && i.context.disproportionate_effort) l.para(say(kPublicWhy, lang));
  if (in_public) {
    l.heading(2, say(kWho, lang));
    l.para(say(kWhoLine, lang, l10n::counted(v.subjects, kPerson, kPersons, lang),
               fmt::format("{}", fmt::join(subject_categories(v), ", "))));
  }
  l.heading(2, say(in_public ? kDataConcerned : kYourData, lang));
  l.para(data_labels(v, false, lang, false));
  l.heading(2, say(kRisks, lang));
  if (!i.consequences.empty()) l.para(i.consequences);
  l.heading(2, say(kDone, lang));
  l.list(i.measures_taken);
  if (!i.measures_planned.empty()) {
    l.heading(2, say(kWillDo, lang));
    l.list(i.measures_planned);
  }
  l.heading(2, say(kYouCan, lang));
  l.list(advice(v, lang));
  l.heading(2, say(kQuestions, lang));
  l.para(c.dpo ? say(kWrite, lang, contact_line(c)) : say(kWriteContact, lang, contact_line(c)));
  if (!c.authority.empty()) l.para(say(kComplain, lang, c.authority));
  if (!in_public) l.para(say(kRegards, lang));
  l.para(c.dpo && !c.dpo->name.empty() ? say(kSignature, lang, c.dpo->name, c.name) : c.name);
  l.end();
}

}  // namespace

Audience audience_for(const BreachView& v, Audience asked) {
  if (asked == Audience::subjects && v.assessment.public_communication) return Audience::public_;
  return asked;
}

std::vector<std::string> draft_gaps(const BreachView& v, Audience to, Lang lang) {
  std::vector<std::string> out;
  if (to != Audience::authority) return out;
  const std::string& id = v.incident.id;
  if (!v.notify())
    out.push_back(l10n::say({"the authority is not to be notified: this is the {} record of {}, not a notification",
                             "l’autorité n’est pas à notifier : ceci est la documentation de {1} prévue par l’{0}, "
                             "pas une notification"},
                            lang, l10n::gdpr_article("33(5)", lang), id));
  else if (late_initial(v) && (v.notifications.empty() ? v.incident.late_reasons : v.notifications.front().reasons).empty())
    out.push_back(l10n::say({"the notification of {} is late and gives no reasons ({}): set late_reasons in the "
                             "incident file and record it again",
                             "la notification de {} est tardive et ne donne pas les motifs du retard ({}) : "
                             "renseignez late_reasons dans le fichier de l’incident et enregistrez-le de nouveau"},
                            lang, id, l10n::gdpr_article("33(1)", lang)));
  if (!v.decision && !v.communicated_at)
    out.push_back(l10n::say({"no decision is recorded for {}: the draft gives the assessment's conclusion on telling "
                             "the people, not a commitment; record one with 'dpo breach decide {}'",
                             "aucune décision n’est enregistrée pour {} : le projet donne la conclusion de "
                             "l’évaluation sur l’information des personnes, pas un engagement ; enregistrez-en une "
                             "avec 'dpo breach decide {}'"},
                            lang, id, id));
  return out;
}

void render_draft(const BreachView& v, Audience to, std::string_view format, Lang lang, std::ostream& out) {
  bool complementary = !v.notifications.empty();
  if (format == "json") {
    Json j = breach_json(v);
    Json draft{{"to", to == Audience::authority ? "authority" : to == Audience::public_ ? "public" : "subjects"},
               {"lang", lang == Lang::fr ? "fr" : "en"}};
    if (to == Audience::authority) {
      const Controller& c = v.reg.controller;
      draft["kind"] = !v.notify() ? "record" : complementary ? "complementary" : "initial";
      draft["sent"] = format_local(v.as_of, v.zone);
      draft["controller"] = {{"name", c.name},
                             {"siren", or_null(c.siren)},
                             {"sector", or_null(c.sector)},
                             {"headcount", c.headcount ? Json(*c.headcount) : Json()},
                             {"address", or_null(c.address)},
                             {"contact", contact_line(c)},
                             {"dpo_designation", c.dpo ? or_null(c.dpo->designation) : Json()},
                             {"authority", or_null(c.authority)}};
    }
    j["draft"] = draft;
    out << j.dump(2) << "\n";
    return;
  }
  Letter l(format, out);
  if (to == Audience::authority)
    authority_draft(v, l, lang);
  else
    subjects_draft(v, l, lang, to == Audience::public_);
}

std::string breach_clock(const model::Incident& i, Instant now, const Zone& zone, Lang lang) {
  Instant due = model::notification_due(i.aware_at);
  std::string at = summary_time(due, zone, lang);
  if (now <= due)
    return l10n::say({"due {}, {} h left", "échéance le {}, encore {} h"}, lang, at,
                     figure(model::hours_down(now, due), lang));
  return l10n::say({"was due {}, {} h ago", "échéance dépassée le {}, depuis {} h"}, lang, at,
                   figure(model::hours_up(due, now), lang));
}

std::string breach_recorded(BreachChange change, const std::string& id, long long version, const std::string& state,
                            Lang lang) {
  static constexpr Phrase kChanges[] = {
      {"recorded {} (version {}): {}", "violation {} enregistrée (version {}) : {}"},
      {"updated {} (version {}): {}", "violation {} mise à jour (version {}) : {}"},
      {"unchanged {} (version {}): {}", "violation {} inchangée (version {}) : {}"},
  };
  return l10n::say(kChanges[static_cast<int>(change)], lang, id, version, state);
}

std::string breach_notified_state(Lang lang) { return l10n::say({"notified", "notifiée"}, lang); }

std::string breach_notified(const std::string& id, bool complementary, Instant at, const Zone& zone, long long hours,
                            bool late, Lang lang) {
  std::string when = summary_time(at, zone, lang);
  return l10n::say(
      {"{}: {} notification on {}, {}{}", "{} : notification {} le {}, {}{}"}, lang, id,
      complementary ? l10n::say({"complementary", "complémentaire"}, lang) : l10n::say({"initial", "initiale"}, lang),
      when,
      tally(hours, {"hour after awareness", "heure après la prise de connaissance"},
            {"hours after awareness", "heures après la prise de connaissance"}, lang),
      late ? l10n::say({" (late, with reasons)", " (en retard, motifs donnés)"}, lang) : std::string());
}

std::string breach_decided(const std::string& id, const BreachDecision& d, const Assessment& a, Lang lang) {
  auto [what, departure] = decision_parts(d, a, lang);
  return l10n::say({"recorded the decision on {}: {}; {}", "décision enregistrée pour {} : {} ; {}"}, lang, id, what,
                   departure);
}

std::string breach_communicated(const std::string& id, Instant at, const Zone& zone, Lang lang) {
  return l10n::say({"{}: people informed on {}", "{} : personnes informées le {}"}, lang, id,
                   summary_time(at, zone, lang));
}

std::string late_without_reasons(const std::string& id, long long hours) {
  return fmt::format("{} was notified {} hours after it was known; Art. 33(1) requires the reasons for the delay: "
                     "give them with --reasons or late_reasons in the incident file",
                     id, hours);
}

std::string recipients_header() { return "key,email,phone\r\n"; }

std::string recipients_row(const std::string& key, const std::string& email, const std::string& phone) {
  return csv_cell(key) + "," + csv_cell(email) + "," + csv_cell(phone) + "\r\n";
}

}  // namespace dpo::report
