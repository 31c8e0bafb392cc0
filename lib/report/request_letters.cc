#include "report/request_letters.h"

#include <fmt/format.h>

#include <algorithm>

#include "l10n/format.h"
#include "model/wording.h"

namespace dpo::report {

using l10n::gdpr_article;

namespace {

constexpr Named<LetterKind> kKinds[] = {
    {LetterKind::access, "access"},       {LetterKind::extension, "extension"}, {LetterKind::refusal, "refusal"},
    {LetterKind::objection, "objection"}, {LetterKind::erasure, "erasure"},
};

// Every letter opens on the request it answers.
constexpr Phrase kReceived{"We received {} on {}.", "Nous avons bien reçu, le {1}, {0}."};
// The request as the letter names it to the person, in RequestType's order.
constexpr Phrase kYourRequest[] = {
    {"your request for access to your data", "votre demande d'accès à vos données"},
    {"your request for rectification", "votre demande de rectification"},
    {"your request for erasure", "votre demande d'effacement"},
    {"your request to restrict the processing of your data", "votre demande de limitation du traitement"},
    {"your request for portability", "votre demande de portabilité"},
    {"your objection", "votre opposition"},
    {"your complaint", "votre réclamation"},
};

// ---- the extension notice: Art. 12(3) ----
constexpr Phrase kExtensionSubject{"Extension of the time to answer your request",
                                   "Prolongation du délai de réponse à votre demande"};
constexpr Phrase kExtensionWhy{
    "We cannot answer it within one month, which would have ended on {}. As {} allows, this period is extended by "
    "two further months, for the following reasons:",
    "Nous ne pourrons pas y répondre dans le délai d'un mois, qui devait prendre fin le {}. Comme le permet l'{}, ce délai est "
    "prolongé de deux mois, pour les raisons suivantes :"};
constexpr Phrase kExtensionBy{"We will answer you by {} at the latest.",
                              "Nous vous répondrons au plus tard le {}."};

// ---- the refusal: Art. 12(4) ----
constexpr Phrase kRefusalSubject{"Your request: no action taken", "Suite donnée à votre demande"};
constexpr Phrase kRefusalWhy{"Having examined it, we will not act on it, for the following reasons ({}):",
                             "Après examen, nous ne donnerons pas suite à cette demande, pour les raisons suivantes "
                             "({}) :"};
constexpr Phrase kRefusalRemedies{
    "You may challenge this decision: {} gives you the right to lodge a complaint with a supervisory authority and "
    "to seek a judicial remedy, as set out below.",
    "Vous pouvez contester cette décision : l'{} vous ouvre le droit d'introduire une réclamation auprès d'une "
    "autorité de contrôle et de former un recours juridictionnel, dans les conditions rappelées ci-dessous."};

// ---- the objection: Art. 21 ----
constexpr Phrase kObjectionSubject{"Your objection to the processing of your data",
                                   "Votre opposition au traitement de vos données"};
constexpr Phrase kObjectionMarketing{
    "We received on {} your objection to the processing of your data for direct marketing ({}).",
    "Nous avons bien reçu, le {}, votre opposition au traitement de vos données à des fins de prospection ({})."};
constexpr Phrase kObjectionStopped{
    "As {} requires, your data has not been processed for the following purposes since {}:",
    "Comme l'exige l'{}, vos données ne sont plus traitées pour les finalités suivantes depuis le {} :"};
constexpr Phrase kObjectionErased{"The data that served only these purposes has been erased ({}): {}.",
                                  "Les données qui ne servaient qu'à ces finalités ont été effacées ({}) : {}."};
constexpr Phrase kObjectionListed{
    "So that your objection is respected, we keep until {} a keyed hash of your contact details, from which they "
    "cannot be read back, and which stops us from contacting you again for these purposes.",
    "Pour que votre opposition soit respectée, nous conservons jusqu'au {} une empreinte de vos coordonnées, qui ne "
    "permet pas de les retrouver et nous empêche de vous solliciter de nouveau à ces fins."};
constexpr Phrase kObjectionOther{"We received on {} your objection to the processing of your data ({}).",
                                 "Nous avons bien reçu, le {}, votre opposition au traitement de vos données ({})."};
constexpr Phrase kObjectionWeighed{
    "We will stop processing the data concerned unless we demonstrate compelling legitimate grounds for the "
    "processing which override your interests, rights and freedoms, or unless it is needed for the establishment, "
    "exercise or defence of legal claims ({}). We will tell you our decision by {} at the latest ({}).",
    "Nous cesserons de traiter les données concernées, à moins de démontrer qu'il existe des motifs légitimes et "
    "impérieux pour le traitement qui prévalent sur vos intérêts, droits et libertés, ou qu'elles sont nécessaires "
    "à la constatation, à l'exercice ou à la défense de droits en justice ({}). Nous vous ferons connaître notre "
    "décision au plus tard le {} ({})."};

// ---- the erasure answer: Art. 17 and 12(3) ----
constexpr Phrase kErasureSubject{"Your request to erase your data", "Votre demande d'effacement de vos données"};
constexpr Phrase kErasureDone{"We received on {} your request to erase your data ({}), and acted on it on {}.",
                              "Nous avons bien reçu, le {}, votre demande d'effacement de vos données ({}), à "
                              "laquelle nous avons donné suite le {}."};
constexpr Phrase kErasedHeading{"Data erased", "Données effacées"};
constexpr Phrase kErasedNothing{"None of your data could be erased yet: all of it is kept for the reasons below.",
                                "Aucune de vos données ne peut encore être effacée : toutes sont conservées pour les "
                                "raisons indiquées ci-dessous."};
constexpr Phrase kPart{"{} ({})", "{} ({})"};
constexpr Phrase kRecordErased{
    "Your record has been deleted, with the identifiers that could find you.",
    "Votre dossier a été supprimé, avec les identifiants qui permettaient de vous retrouver."};
constexpr Phrase kSuppressed{
    "So that your data is not brought back by a later import, we keep until {} a keyed hash of your identifiers, "
    "from which they cannot be read back.",
    "Pour que vos données ne soient pas réintroduites lors d'un import ultérieur, nous conservons jusqu'au {} une "
    "empreinte de vos identifiants, qui ne permet pas de les retrouver."};
constexpr Phrase kKeptHeading{"Data kept", "Données conservées"};
constexpr Phrase kKeptIntro{"The law lets or makes us keep the following data ({}); it will be erased when stated:",
                            "La loi nous permet ou nous impose de conserver les données suivantes ({}) ; elles seront "
                            "effacées à l'échéance indiquée :"};
constexpr Phrase kKeptLine{"{}: {} ({}), {}", "{} : {} ({}), {}"};
// Indexed by model::KeptBecause.
constexpr Phrase kKeptWhy[] = {
    {"a legal obligation to keep it", "obligation légale de conservation"},
    {"the establishment, exercise or defence of legal claims",
     "constatation, exercice ou défense de droits en justice"},
    {"still needed for the contract in progress", "encore nécessaires à l'exécution du contrat en cours"},
};
constexpr Phrase kUntil{"until {}", "jusqu'au {}"};
constexpr Phrase kFor{"for {} after {}", "pendant {} à compter {}"};
constexpr Phrase kUntilLifted{"until the hold is lifted", "jusqu'à la levée de cette conservation"};
constexpr Phrase kUntilUnknown{"until the end of its period", "jusqu'au terme de sa durée de conservation"};
constexpr Phrase kTasksHeading{"Erasure in our other systems", "Effacement dans nos autres systèmes"};
constexpr Phrase kTasksIntro{"The data held in our other systems is erased there by the teams in charge of them:",
                             "Les données détenues dans nos autres systèmes y sont effacées par les services qui en "
                             "ont la charge :"};
constexpr Phrase kTaskLine{"{}, record {}: {}", "{}, enregistrement {} : {}"};
constexpr Phrase kTaskPending[] = {{"erasure in progress", "effacement en cours"},
                                   {"anonymisation in progress", "anonymisation en cours"},
                                   {"archiving in progress", "archivage en cours"}};
constexpr Phrase kTaskDone[] = {{"erased on {}", "effacée le {}"},
                                {"anonymised on {}", "anonymisée le {}"},
                                {"archived on {}", "archivée le {}"}};
constexpr Phrase kTaskKept{"kept: {}", "conservée : {}"};

std::string day_of(Instant t, const Zone& zone, Lang lang) { return l10n::long_date(local_date(t, zone), lang); }

// The frame, the line acknowledging the request, then the body.
template <class Body>
void write(const LetterHead& head, const Phrase& subject, Remedy remedy, std::string_view format, Lang lang,
           std::ostream& out, bool acknowledge, Body body) {
  Letter l(format, out);
  std::string title = l10n::say(subject, lang);
  l.begin(title, lang);
  open_letter(l, head, title, lang);
  const model::SubjectRequest& r = *head.request;
  if (acknowledge)
    l.para(l10n::say(kReceived, lang, kYourRequest[static_cast<int>(r.type)].in(lang),
                     day_of(r.received, head.zone, lang)));
  body(l);
  close_letter(l, head, remedy, lang);
  l.end();
}

int action_index(const std::string& action) { return action == "anonymise" ? 1 : action == "archive" ? 2 : 0; }

std::string task_line(const model::ErasureTask& t, const Zone& zone, Lang lang) {
  std::string state;
  if (!t.cancelled.empty())
    state = l10n::say(kTaskKept, lang, t.cancelled);
  else if (t.done_at)
    state = l10n::say(kTaskDone[action_index(t.action)], lang, day_of(*t.done_at, zone, lang));
  else
    state = l10n::say(kTaskPending[action_index(t.action)], lang);
  return l10n::say(kTaskLine, lang, t.system, t.ref, state);
}

std::string kept_line(const KeptPart& k, const Zone& zone, Lang lang) {
  std::string until;
  if (k.until)
    until = l10n::say(kUntil, lang, day_of(*k.until, zone, lang));
  else if (k.keep && k.from)
    until = l10n::say(kFor, lang, model::human(*k.keep, lang), model::wording(*k.from, lang));
  else if (k.reason == model::KeptBecause::legal_hold)
    until = l10n::say(kUntilLifted, lang);
  else
    until = l10n::say(kUntilUnknown, lang);
  std::string article = gdpr_article(model::article_of(k.reason), lang);
  return l10n::say(kKeptLine, lang, l10n::say(kPart, lang, k.category, k.activity),
                   l10n::say(kKeptWhy[static_cast<int>(k.reason)], lang), article, until);
}

}  // namespace

std::span<const Named<LetterKind>> letter_kinds() { return kKinds; }

void render_letter(const ExtensionLetter& in, std::string_view format, Lang lang, std::ostream& out) {
  const LetterHead& h = in.head;
  write(h, kExtensionSubject, Remedy::complaint, format, lang, out, true, [&](Letter& l) {
    l.para(l10n::say(kExtensionWhy, lang, l10n::long_date(in.first_due, lang), gdpr_article("12(3)", lang)));
    l.para(h.request->extension_reason);
    l.para(l10n::say(kExtensionBy, lang, l10n::long_date(h.request->due, lang)));
  });
}

void render_letter(const RefusalLetter& in, std::string_view format, Lang lang, std::ostream& out) {
  const LetterHead& h = in.head;
  write(h, kRefusalSubject, Remedy::complaint_and_court, format, lang, out, true, [&](Letter& l) {
    l.para(l10n::say(kRefusalWhy, lang, gdpr_article("12(4)", lang)));
    l.para(h.request->outcome);
    l.para(l10n::say(kRefusalRemedies, lang, gdpr_article("12(4)", lang)));
  });
}

void render_letter(const ObjectionLetter& in, std::string_view format, Lang lang, std::ostream& out) {
  const LetterHead& h = in.head;
  const model::SubjectRequest& r = *h.request;
  std::string received = day_of(r.received, h.zone, lang);
  write(h, kObjectionSubject, Remedy::complaint, format, lang, out, false, [&](Letter& l) {
    if (in.purposes.empty()) {
      // Art. 21(1): weighed case by case, answered within the Art. 12(3) month.
      l.para(l10n::say(kObjectionOther, lang, received, gdpr_article("21(1)", lang)));
      l.para(l10n::say(kObjectionWeighed, lang, gdpr_article("21(1)", lang), l10n::long_date(r.due, lang),
                       gdpr_article("12(3)", lang)));
      return;
    }
    // Art. 21(2)-(3): direct marketing stops, with no weighing.
    l.para(l10n::say(kObjectionMarketing, lang, received, gdpr_article("21(2)", lang)));
    l.para(l10n::say(kObjectionStopped, lang, gdpr_article("21(3)", lang),
                     day_of(in.since.value_or(r.received), h.zone, lang)));
    l.list(in.purposes);
    if (!in.erased.empty())
      l.para(l10n::say(kObjectionErased, lang, gdpr_article("17(1)(c)", lang),
                       fmt::format("{}", fmt::join(in.erased, ", "))));
    if (in.listed_until) l.para(l10n::say(kObjectionListed, lang, day_of(*in.listed_until, h.zone, lang)));
  });
}

void render_letter(const ErasureLetter& in, std::string_view format, Lang lang, std::ostream& out) {
  const LetterHead& h = in.head;
  const model::SubjectRequest& r = *h.request;
  write(h, kErasureSubject, Remedy::complaint, format, lang, out, false, [&](Letter& l) {
    l.para(l10n::say(kErasureDone, lang, day_of(r.received, h.zone, lang), gdpr_article("17", lang),
                     day_of(in.done_at, h.zone, lang)));
    l.heading(2, l10n::say(kErasedHeading, lang));
    std::vector<std::string> erased;
    for (const ErasureLetter::Erased& e : in.erased) erased.push_back(l10n::say(kPart, lang, e.category, e.activity));
    if (erased.empty() && !in.subject_erased) l.para(l10n::say(kErasedNothing, lang));
    l.list(erased);
    if (in.subject_erased) l.para(l10n::say(kRecordErased, lang));
    if (in.listed_until) l.para(l10n::say(kSuppressed, lang, day_of(*in.listed_until, h.zone, lang)));
    if (!in.kept.empty()) {
      l.heading(2, l10n::say(kKeptHeading, lang));
      l.para(l10n::say(kKeptIntro, lang, gdpr_article("17(3)", lang)));
      std::vector<std::string> kept;
      for (const KeptPart& k : in.kept) kept.push_back(kept_line(k, h.zone, lang));
      l.list(kept);
    }
    if (!in.tasks.empty()) {
      l.heading(2, l10n::say(kTasksHeading, lang));
      l.para(l10n::say(kTasksIntro, lang));
      std::vector<std::string> tasks;
      // One line a record: a system's record may hold several pieces of data.
      for (const model::ErasureTask& t : in.tasks)
        if (std::string line = task_line(t, h.zone, lang); std::find(tasks.begin(), tasks.end(), line) == tasks.end())
          tasks.push_back(line);
      l.list(tasks);
    }
  });
}

std::string letter_not_allowed(std::int64_t request, LetterKind kind, std::string_view why) {
  return fmt::format("request {} has no {} letter: {}", request, name_of(letter_kinds(), kind), why);
}

std::string attach_copy(int annex, const std::string& system, const std::string& ref, Lang lang) {
  return l10n::say({"annex {}: attach a copy of record '{}', exported from system '{}'",
                    "annexe {} : joindre une copie de l’enregistrement '{}', exporté du système '{}'"},
                   lang, annex, ref, system);
}

}  // namespace dpo::report
