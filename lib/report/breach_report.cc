#include "report/breach_report.h"

#include <fmt/format.h>

#include <set>

#include "model/wording.h"
#include "report/csv.h"
#include "report/letter.h"

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

// "notify the authority, do not tell the people (dpo, 2026-06-01T10:00:00+02:00);
// departs from the assessment on notifying: REASON".
std::string decision_text(const BreachDecision& d, const Assessment& a, const Zone& zone, Lang lang) {
  auto [what, departure] = decision_parts(d, a, lang);
  bool fr = lang == Lang::fr;
  return fmt::format("{} ({}, {}){}{}{}{}", what, d.actor, format_local(d.at, zone), fr ? " ; " : "; ", departure,
                     fr ? " : " : ": ", d.reason);
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
          {"nature", natures},
          {"cause", std::string(name_of(breach_causes(), i.cause))},
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

void render_assessment(const BreachView& v, std::string_view format, Lang lang, std::ostream& out) {
  if (format == "json") {
    Json j{{"id", v.incident.id}, {"assessment", assessment_json(v.assessment)}, {"decision", decision_json(v)}};
    out << j.dump(2) << "\n";
    return;
  }
  const Assessment& a = v.assessment;
  out << v.incident.id << ": " << v.incident.title << "\n";
  auto line = [&](const Factor& f, const char* sign) {
    out << fmt::format("  {:<20} {}{:<5} {}\n", f.id, sign, score(f.value), f.reason.in(lang));
  };
  out << (lang == Lang::fr ? "1. Gravité (ENISA 2013)\n" : "1. Severity (ENISA 2013)\n");
  for (const Factor& f : a.dpc) line(f, f.id == "dpc" ? " " : "+");
  line(a.ei, "x");
  for (const Factor& f : a.cb) line(f, "+");
  out << fmt::format("  severity = {} x {} + {} = {} ({})\n", score(a.dpc_score), score(a.ei.value),
                     score(a.cb_score), score(a.severity), name_of(risks(), a.risk));
  out << (lang == Lang::fr ? "2. Vraisemblance (CEPD, lignes directrices 9/2022)\n"
                           : "2. Likelihood (EDPB Guidelines 9/2022)\n");
  for (const Factor& f : a.likelihood_factors)
    out << fmt::format("  {:<26} {:<13} {}\n", f.id, wording(likelihood_of(f), lang), f.reason.in(lang));
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
    auto say = [&](const Phrase& p, auto... args) { return fmt::format(fmt::runtime(p.in(lang)), args...); };
    std::string state = !c["notified_at"].is_null()
                            ? say(kNotified, c["notified_at"].get<std::string>(), c["delay_hours"].get<long long>())
                        : !v.notify() ? std::string(kDocumented.in(lang))
                        : c["hours_late"].is_null()      ? say(kLeft, c["hours_left"].get<long long>())
                                                         : say(kLate, c["hours_late"].get<long long>());
    if (v.decision && departures(*v.decision, v.assessment).any())
      state += lang == Lang::fr ? " (décision du DPO, différente de l'évaluation)"
                                : " (the DPO's decision, not the assessment's)";
    out << fmt::format("{:<12} {:<25} {:<9} {:<5} {}\n", v.incident.id, format_local(v.incident.aware_at, v.zone),
                       name_of(risks(), v.assessment.risk), score(v.assessment.severity), state);
    out << fmt::format("             {}\n", v.incident.title);
  }
}

// ---- drafts ----

namespace {

constexpr Phrase kSep{": ", " : "};
constexpr Phrase kAuthorityTitle{"{} personal data breach notification: {} ({})",
                                 "Notification {} de violation de données personnelles : {} ({})"};
constexpr Phrase kInitial{"Initial", "initiale"};
constexpr Phrase kComplementary{"Complementary", "complémentaire"};
constexpr Phrase kTo{"To the {} (Art. 33 GDPR)", "À l'attention de la {} (art. 33 du RGPD)"};
constexpr Phrase kToAny{"To the supervisory authority (Art. 33 GDPR)",
                        "À l'attention de l'autorité de contrôle (art. 33 du RGPD)"};
constexpr Phrase kController{"Controller", "Responsable de traitement"};
constexpr Phrase kSiren{"SIREN", "SIREN"};
constexpr Phrase kNoSiren{"none", "aucun"};
constexpr Phrase kAddress{"Address", "Adresse"};
constexpr Phrase kContact{"Contact person (Art. 33(3)(b))", "Personne à contacter (art. 33(3)(b))"};
constexpr Phrase kDates{"Dates", "Dates"};
constexpr Phrase kOccurred{"Breach occurred", "Survenance de la violation"};
constexpr Phrase kUnknown{"unknown", "inconnue"};
constexpr Phrase kAware{"Controller aware", "Prise de connaissance"};
constexpr Phrase kNotifiedOn{"This notification", "La présente notification"};
constexpr Phrase kDeadline{"72-hour deadline", "Échéance des 72 heures"};
constexpr Phrase kDelay{"Delay since awareness", "Délai depuis la prise de connaissance"};
constexpr Phrase kHours{"{} hours", "{} heures"};
constexpr Phrase kLateReasons{"Reasons for the delay (Art. 33(1))", "Motifs du retard (art. 33(1))"};
constexpr Phrase kNoReasons{
    "None given yet: Art. 33(1) requires them. Set late_reasons in the incident file and record it again.",
    "Aucun motif encore : l'art. 33(1) les exige. Renseigner late_reasons dans le fichier de l'incident et "
    "l'enregistrer à nouveau."};
constexpr Phrase kNature{"Nature of the breach (Art. 33(3)(a))", "Nature de la violation (art. 33(3)(a))"};
constexpr Phrase kKind{"Kind", "Type"};
constexpr Phrase kCause{"Cause", "Origine"};
constexpr Phrase kMalicious{"Malicious", "Malveillance"};
constexpr Phrase kYes{"yes", "oui"};
constexpr Phrase kNo{"no", "non"};
constexpr Phrase kDescription{"Description", "Description"};
constexpr Phrase kPeople{"People and records concerned (Art. 33(3)(a))",
                         "Personnes et enregistrements concernés (art. 33(3)(a))"};
constexpr Phrase kPeopleCategories{"Categories of people", "Catégories de personnes"};
constexpr Phrase kPeopleNumber{"Approximate number of people", "Nombre approximatif de personnes"};
constexpr Phrase kRecordsNumber{"Approximate number of records", "Nombre approximatif d'enregistrements"};
constexpr Phrase kCountedStore{"counted from the data held", "dénombré d'après les données détenues"};
constexpr Phrase kEstimated{"estimate", "estimation"};
constexpr Phrase kDataCategories{"Categories of data", "Catégories de données"};
constexpr Phrase kSpecial{"Special categories (Art. 9)", "Catégories particulières (art. 9)"};
constexpr Phrase kNoneWord{"none", "aucune"};
constexpr Phrase kActivities{"Processing activities", "Traitements concernés"};
constexpr Phrase kConsequences{"Likely consequences (Art. 33(3)(c))", "Conséquences probables (art. 33(3)(c))"};
constexpr Phrase kRisk{"Risk assessment (severity: ENISA; likelihood: EDPB)",
                       "Évaluation du risque (gravité : ENISA ; vraisemblance : CEPD)"};
constexpr Phrase kSeverity{"Severity {} ({}): {}", "Gravité {} ({}) : {}"};
constexpr Phrase kDecision{"The DPO's decision", "Décision du DPO"};
constexpr Phrase kMeasures{"Measures (Art. 33(3)(d))", "Mesures (art. 33(3)(d))"};
constexpr Phrase kTaken{"Taken", "Prises"};
constexpr Phrase kPlanned{"Planned", "Envisagées"};
constexpr Phrase kCrossBorder{"Cross-border", "Dimension transfrontalière"};
constexpr Phrase kCrossYes{"people in other EU or EEA countries are affected",
                           "des personnes d'autres pays de l'UE ou de l'EEE sont concernées"};
constexpr Phrase kCrossNo{"no: people in one country only", "non : personnes d'un seul pays"};
constexpr Phrase kInform{"Information of the people (Art. 34)", "Information des personnes (art. 34)"};
constexpr Phrase kInformDone{"informed on {}", "informées le {}"};
constexpr Phrase kInformPlanned{"high risk: they will be informed without undue delay, by individual message",
                                "risque élevé : elles seront informées sans délai, par message individuel"};
constexpr Phrase kInformNotNeeded{"not required: the risk to them is not high",
                                  "non requise : le risque pour elles n'est pas élevé"};

// Letter to the people.
constexpr Phrase kSubjectsTitle{"Information about a personal data breach", "Information sur une violation de vos données personnelles"};
constexpr Phrase kDear{"Dear Sir or Madam,", "Madame, Monsieur,"};
constexpr Phrase kWhat{"What happened", "Ce qui s'est passé"};
constexpr Phrase kHappened{"On {}, {} became aware of an incident: {}.",
                           "Le {}, {} a eu connaissance d'un incident : {}."};
constexpr Phrase kYourData{"Your data concerned", "Vos données concernées"};
constexpr Phrase kRisks{"What it may mean for you", "Ce que cela peut signifier pour vous"};
constexpr Phrase kDone{"What we have done", "Ce que nous avons fait"};
constexpr Phrase kWillDo{"What we will do", "Ce que nous allons faire"};
constexpr Phrase kYouCan{"What you can do", "Ce que vous pouvez faire"};
constexpr Phrase kAdviceConfidentiality{
    "Be wary of messages or calls that claim to come from us or from a funder and ask for passwords, payment or "
    "identity documents; we will never ask for them this way.",
    "Méfiez-vous des messages ou appels se présentant comme venant de nous ou d'un financeur et demandant un mot "
    "de passe, un paiement ou une pièce d'identité : nous ne les demandons jamais ainsi."};
constexpr Phrase kAdvicePasswords{
    "Change your password with us, and wherever else you used the same one.",
    "Changez votre mot de passe chez nous, et partout où vous utilisiez le même."};
constexpr Phrase kAdviceBank{
    "Check your bank statements and report any payment you do not recognise to your bank; ask it to block your card "
    "if card details were involved.",
    "Surveillez vos relevés bancaires et signalez à votre banque tout paiement que vous ne reconnaissez pas ; "
    "demandez-lui de faire opposition sur votre carte si ses références étaient en cause."};
constexpr Phrase kAdviceIdentity{
    "Watch for accounts, loans or contracts opened in your name, and keep any letter about them.",
    "Soyez attentif à tout compte, crédit ou contrat ouvert à votre nom, et conservez les courriers qui s'y "
    "rapportent."};
constexpr Phrase kAdviceData{"Check the data we hold about you: ask us for a copy (Art. 15).",
                             "Vérifiez les données que nous détenons sur vous : demandez-nous-en une copie (art. 15)."};
constexpr Phrase kQuestions{"Questions", "Questions"};
constexpr Phrase kWrite{"Write to our data protection officer: {}.", "Écrivez à notre délégué à la protection des données : {}."};
constexpr Phrase kComplain{"You may also lodge a complaint with the {}.", "Vous pouvez aussi adresser une réclamation à la {}."};

std::string sep(Lang lang) { return std::string(kSep.in(lang)); }
std::string f(const Phrase& p, Lang lang) { return std::string(p.in(lang)); }
template <class... A>
std::string f(const Phrase& p, Lang lang, A&&... args) {
  return fmt::format(fmt::runtime(p.in(lang)), std::forward<A>(args)...);
}

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

std::string natures(const Incident& i) {
  std::vector<std::string> n;
  for (BreachNature x : i.nature) n.emplace_back(name_of(breach_natures(), x));
  return fmt::format("{}", fmt::join(n, ", "));
}

std::string data_labels(const BreachView& v, bool special_only) {
  std::vector<std::string> out;
  for (const CategoryId& id : v.incident.data) {
    const DataCategory* c = v.reg.category(id);
    if (special_only && !(c && c->special)) continue;
    out.push_back(c ? c->label : id.str());
  }
  return fmt::format("{}", fmt::join(out, "; "));
}

void authority_draft(const BreachView& v, Letter& l, Lang lang, const std::string& kind) {
  const Incident& i = v.incident;
  const Controller& c = v.reg.controller;
  Instant due = notification_due(i.aware_at);
  // A complementary notification is dated by when it is sent; so is the initial one.
  Instant sent = v.as_of;
  std::string title = f(kAuthorityTitle, lang, kind, i.id, i.title);
  l.begin(title, lang);
  l.heading(1, title);
  l.para(c.authority.empty() ? f(kToAny, lang) : f(kTo, lang, c.authority));

  l.heading(2, f(kController, lang));
  l.list({f(kController, lang) + sep(lang) + c.name,
          f(kSiren, lang) + sep(lang) + (c.siren.empty() ? f(kNoSiren, lang) : c.siren),
          f(kAddress, lang) + sep(lang) + c.address, f(kContact, lang) + sep(lang) + contact_line(c)});

  l.heading(2, f(kDates, lang));
  std::vector<std::string> dates{
      f(kOccurred, lang) + sep(lang) + (i.occurred_at ? format_local(*i.occurred_at, v.zone) : f(kUnknown, lang)),
      f(kAware, lang) + sep(lang) + format_local(i.aware_at, v.zone),
      f(kDeadline, lang) + sep(lang) + format_local(due, v.zone),
      f(kNotifiedOn, lang) + sep(lang) + format_local(sent, v.zone),
      f(kDelay, lang) + sep(lang) + f(kHours, lang, hours_up(i.aware_at, sent))};
  l.list(dates);
  if (sent > due || (!v.notifications.empty() && v.notifications.front().at > due)) {
    std::string reasons = v.notifications.empty() ? i.late_reasons : v.notifications.front().reasons;
    l.heading(2, f(kLateReasons, lang));
    l.para(reasons.empty() ? f(kNoReasons, lang) : reasons);
  }

  l.heading(2, f(kNature, lang));
  l.list({f(kKind, lang) + sep(lang) + natures(i),
          f(kCause, lang) + sep(lang) + std::string(name_of(breach_causes(), i.cause)),
          f(kMalicious, lang) + sep(lang) + f(i.malicious ? kYes : kNo, lang),
          f(kDescription, lang) + sep(lang) + i.title});

  l.heading(2, f(kPeople, lang));
  std::vector<std::string> people_categories = subject_categories(v);
  std::vector<std::string> activities;
  for (const ActivityId& id : i.activities)
    if (const Activity* a = v.reg.activity(id)) activities.push_back(a->name);
  std::string special = data_labels(v, true);
  l.list({f(kActivities, lang) + sep(lang) + fmt::format("{}", fmt::join(activities, "; ")),
          f(kPeopleCategories, lang) + sep(lang) + fmt::format("{}", fmt::join(people_categories, ", ")),
          f(kPeopleNumber, lang) + sep(lang) + std::to_string(v.subjects) + " (" + f(v.subjects_counted ? kCountedStore : kEstimated, lang) + ")",
          f(kDataCategories, lang) + sep(lang) + data_labels(v, false),
          f(kSpecial, lang) + sep(lang) + (special.empty() ? f(kNoneWord, lang) : special),
          f(kRecordsNumber, lang) + sep(lang) + std::to_string(v.records) + " (" + f(v.records_counted ? kCountedStore : kEstimated, lang) + ")"});

  l.heading(2, f(kConsequences, lang));
  if (!i.consequences.empty()) l.para(i.consequences);
  l.heading(3, f(kRisk, lang));
  const Assessment& a = v.assessment;
  l.para(f(kSeverity, lang, score(a.severity), name_of(risks(), a.risk), a.conclusion.in(lang)));
  if (v.decision) l.para(f(kDecision, lang) + sep(lang) + decision_text(*v.decision, a, v.zone, lang));
  std::vector<std::string> factors;
  for (const Factor& x : a.dpc) factors.push_back(std::string(x.id) + " " + score(x.value) + sep(lang) + x.reason.in(lang));
  factors.push_back(std::string(a.ei.id) + " " + score(a.ei.value) + sep(lang) + a.ei.reason.in(lang));
  for (const Factor& x : a.cb) factors.push_back(std::string(x.id) + " " + score(x.value) + sep(lang) + x.reason.in(lang));
  for (const Factor& x : a.likelihood_factors) factors.push_back(x.reason.in(lang));
  factors.push_back(a.notify_reason.in(lang));
  factors.push_back(a.communicate_reason.in(lang));
  l.list(factors);

  l.heading(2, f(kMeasures, lang));
  l.heading(3, f(kTaken, lang));
  l.list(i.measures_taken);
  l.heading(3, f(kPlanned, lang));
  l.list(i.measures_planned);

  l.heading(2, f(kCrossBorder, lang));
  l.para(f(i.cross_border ? kCrossYes : kCrossNo, lang));

  l.heading(2, f(kInform, lang));
  if (v.communicated_at)
    l.para(f(kInformDone, lang, format_local(*v.communicated_at, v.zone)));
  else if (v.communicate())
    l.para(f(kInformPlanned, lang));
  else if (!v.decision && a.exemption)
    l.para(a.exemption->in(lang));
  else
    l.para(f(kInformNotNeeded, lang));
  l.end();
}

void subjects_draft(const BreachView& v, Letter& l, Lang lang) {
  const Incident& i = v.incident;
  const Controller& c = v.reg.controller;
  std::string title = f(kSubjectsTitle, lang);
  l.begin(title, lang);
  l.heading(1, title);
  l.para(f(kDear, lang));
  l.heading(2, f(kWhat, lang));
  l.para(f(kHappened, lang, format_date(local_date(i.aware_at, v.zone)), c.name, i.title));
  l.heading(2, f(kYourData, lang));
  l.para(data_labels(v, false));
  l.heading(2, f(kRisks, lang));
  if (!i.consequences.empty()) l.para(i.consequences);
  l.heading(2, f(kDone, lang));
  l.list(i.measures_taken);
  if (!i.measures_planned.empty()) {
    l.heading(2, f(kWillDo, lang));
    l.list(i.measures_planned);
  }
  l.heading(2, f(kYouCan, lang));
  // Advice that fits the data: a password to change only when credentials
  // leaked, bank advice for financial data, identity theft for official
  // identifiers; phishing whenever the data left.
  std::vector<std::string> advice;
  auto involves = [&](DataKind kind) {
    return std::any_of(i.data.begin(), i.data.end(), [&](const CategoryId& id) {
      const DataCategory* c = v.reg.category(id);
      return c && c->kind == kind;
    });
  };
  if (std::find(i.nature.begin(), i.nature.end(), BreachNature::confidentiality) != i.nature.end()) {
    advice.push_back(f(kAdviceConfidentiality, lang));
    if (involves(DataKind::credentials)) advice.push_back(f(kAdvicePasswords, lang));
    if (involves(DataKind::financial)) advice.push_back(f(kAdviceBank, lang));
    if (involves(DataKind::official_id)) advice.push_back(f(kAdviceIdentity, lang));
  }
  advice.push_back(f(kAdviceData, lang));
  l.list(advice);
  l.heading(2, f(kQuestions, lang));
  l.para(f(kWrite, lang, contact_line(c)));
  if (!c.authority.empty()) l.para(f(kComplain, lang, c.authority));
  l.end();
}

}  // namespace

void render_draft(const BreachView& v, Audience to, std::string_view format, Lang lang, std::ostream& out) {
  bool complementary = !v.notifications.empty();
  if (format == "json") {
    Json j = breach_json(v);
    Json draft{{"to", to == Audience::authority ? "authority" : "subjects"}, {"lang", lang == Lang::fr ? "fr" : "en"}};
    if (to == Audience::authority) {
      draft["kind"] = complementary ? "complementary" : "initial";
      draft["sent"] = format_local(v.as_of, v.zone);
      draft["controller"] = {{"name", v.reg.controller.name},
                             {"siren", or_null(v.reg.controller.siren)},
                             {"address", or_null(v.reg.controller.address)},
                             {"contact", contact_line(v.reg.controller)},
                             {"authority", or_null(v.reg.controller.authority)}};
    }
    j["draft"] = draft;
    out << j.dump(2) << "\n";
    return;
  }
  Letter l(format, out);
  if (to == Audience::authority)
    authority_draft(v, l, lang, f(complementary ? kComplementary : kInitial, lang));
  else
    subjects_draft(v, l, lang);
}

std::string breach_clock(const model::Incident& i, Instant now, const Zone& zone) {
  Instant due = model::notification_due(i.aware_at);
  if (now <= due) return fmt::format("due {}, {} h left", format_local(due, zone), model::hours_down(now, due));
  return fmt::format("was due {}, {} h ago", format_local(due, zone), model::hours_up(due, now));
}

std::string breach_recorded(std::string_view change, const std::string& id, long long version,
                            const std::string& state) {
  return fmt::format("{} {} (version {}): {}", change, id, version, state);
}

std::string breach_notified(const std::string& id, bool complementary, Instant at, const Zone& zone, long long hours,
                            bool late) {
  return fmt::format("{}: {} notification on {}, {} hours after awareness{}", id,
                     complementary ? "complementary" : "initial", format_local(at, zone), hours,
                     late ? " (late, with reasons)" : "");
}

std::string breach_decided(const std::string& id, const BreachDecision& d, const Assessment& a) {
  auto [what, departure] = decision_parts(d, a, Lang::en);
  return fmt::format("recorded the decision on {}: {}; {}", id, what, departure);
}

std::string breach_communicated(const std::string& id, Instant at, const Zone& zone) {
  return fmt::format("{}: people informed on {}", id, format_local(at, zone));
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
