#include "report/purge_report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "l10n/format.h"
#include "model/register.h"
#include "model/wording.h"
#include "report/json.h"
#include "report/summary.h"

namespace dpo::report {

namespace {

constexpr Phrase kDryRun{"dry run, nothing changed; a run would report: ",
                         "simulation, rien n’a été modifié ; une exécution indiquerait : "};

std::string prefix(model::RunMode mode, Lang lang) {
  return mode == model::RunMode::dry_run ? l10n::say(kDryRun, lang) : "";
}

// A count and what it counts, agreed in number: "1 holding removed", "0 donnée purgée".
std::string n(long long value, Phrase one, Phrase other, Lang lang) { return l10n::counted(value, one, other, lang); }

// The rules that removed or held something: review rules only count.
bool listed(const model::RuleOutcome& r) {
  return r.rule.action != model::RetentionAction::review && (r.removed != 0 || r.held != 0);
}

}  // namespace

Json to_json(const model::RuleOutcome& r) {
  return {{"rule", r.rule.id()},
          {"category", r.rule.category.str()},
          {"action", std::string(name_of(model::retention_actions(), r.rule.action))},
          {"holdings", r.removed},
          {"tasks", r.tasks},
          {"held", r.held}};
}

Json to_json(const model::PurgeTotals& t) {
  Json j = Json::object();
  for (const auto& [name, value] : model::named(t)) j[std::string(name)] = value;
  return j;
}

Json to_json(const model::KeptHolding& k, const Zone& zone) {
  Json j{{"activity", k.activity.str()},
         {"category", k.category.str()},
         {"reason", std::string(model::name_of(k.reason))},
         {"article", l10n::gdpr_article(model::article_of(k.reason), Lang::en)}};
  if (k.rule_no) j["rule"] = model::rule_id(k.activity, k.rule_no);
  j["until"] = k.until ? Json(format_local(*k.until, zone)) : Json();
  if (!k.trigger_pending.empty()) j["until_after"] = k.trigger_pending;
  return j;
}

Json to_json(const model::ErasureTask& t, const Zone& zone) {
  Json j{{"id", t.id},
         {"created", format_local(t.created, zone)},
         {"system", t.system},
         {"ref", t.ref},
         {"action", t.action}};
  j["done_at"] = t.done_at ? Json(format_local(*t.done_at, zone)) : Json();
  j["done_by"] = t.done_at ? Json(t.done_by) : Json();
  if (!t.cancelled.empty()) j["cancelled"] = t.cancelled;
  return j;
}

Json to_json(const model::DeletionEntry& e, const Zone& zone) {
  auto number = [](const std::optional<std::int64_t>& n) { return n ? Json(*n) : Json(); };
  Json j{{"id", e.id}, {"at", format_local(e.at, zone)}, {"run", e.run}, {"action", e.action}};
  j["activity"] = e.activity.empty() ? Json() : Json(e.activity);
  j["category"] = e.category.empty() ? Json() : Json(e.category);
  j["rule_no"] = number(e.rule_no);
  j["holding"] = number(e.holding);
  return j;
}

void render_purge(const model::PurgeRun& run, const Zone& zone, std::string_view format, bool quiet, Lang lang,
                  std::ostream& out) {
  const model::PurgeTotals& t = run.totals;
  if (format == "json") {
    Json rules = Json::array();
    for (const model::RuleOutcome& r : run.outcome.rules)
      if (listed(r)) rules.push_back(to_json(r));
    Json j{{"dry_run", run.mode == model::RunMode::dry_run},
           {"as_of", format_local(run.as_of, zone)},
           {"rules", rules},
           {"summary", to_json(t)}};
    out << j.dump(2) << "\n";
    return;
  }
  // Quiet, a run that changed nothing prints nothing, so that cron mails
  // only news; what is held or due for review stays in the journal and in
  // every report that is not quiet.
  bool news = t.deleted + t.anonymised + t.archived + t.tasks + t.subjects_erased + t.consent_events_cut > 0;
  if (quiet && !news) return;
  std::string line =
      prefix(run.mode, lang) +
      fmt::format(
          "{} ({}, {}), {}, {}, {}, {}{}{}, {}",
          n(t.deleted + t.anonymised, {"holding removed", "donnée purgée"}, {"holdings removed", "données purgées"},
            lang),
          n(t.deleted, {"deleted", "effacée"}, {"deleted", "effacées"}, lang),
          n(t.anonymised, {"anonymised", "anonymisée"}, {"anonymised", "anonymisées"}, lang),
          n(t.archived, {"archived", "archivée"}, {"archived", "archivées"}, lang),
          n(t.tasks, {"task for other systems", "tâche pour d’autres systèmes"},
            {"tasks for other systems", "tâches pour d’autres systèmes"}, lang),
          n(t.subjects_erased, {"subject erased", "personne effacée"}, {"subjects erased", "personnes effacées"}, lang),
          n(t.consent_events_cut, {"consent event cut", "preuve de consentement supprimée"},
            {"consent events cut", "preuves de consentement supprimées"}, lang),
          l10n::say(l10n::kSemicolon, lang),
          n(t.held, {"kept under legal hold", "conservée pour un contentieux"},
            {"kept under legal hold", "conservées pour un contentieux"}, lang),
          n(t.review, {"due for review", "à réexaminer"}, {"due for review", "à réexaminer"}, lang));
  if (!quiet) {
    constexpr std::string_view kRow = "{:<32} {:<14} {:<14} {:>9} {:>6} {:>9}\n";
    auto head = [lang](Phrase p) { return std::string(p.in(lang)); };
    out << fmt::format(kRow, head({"rule", "règle"}), head({"category", "catégorie"}), head({"action", "action"}),
                       head({"holdings", "données"}), head({"tasks", "tâches"}),
                       head({"held", "conservées"}));
    for (const model::RuleOutcome& r : run.outcome.rules)
      if (listed(r))
        out << fmt::format(kRow, r.rule.id(), r.rule.category.str(), l10n::typeset(model::wording(r.rule.action, lang), lang),
                           r.removed, r.tasks, r.held);
  }
  out << line << "\n";
}

void render_erasure(const model::ErasureRun& run, const Zone& zone, std::string_view format, Lang lang,
                    std::ostream& out) {
  const model::ErasureOutcome& e = run.outcome;
  if (format == "json") {
    Json kept = Json::array();
    for (const model::KeptHolding& k : e.kept) kept.push_back(to_json(k, zone));
    Json summary{{"erased", e.erased},
                 {"tasks", e.tasks},
                 {"subject_erased", e.subject_erased},
                 {"kept", kept},
                 {"consent_events_kept", e.consent_events}};
    if (!e.activities.empty()) {
      Json scope = Json::array();
      for (const model::ActivityId& a : e.activities) scope.push_back(a.str());
      summary["activities"] = scope;
    }
    if (!e.forced.empty()) summary["forced"] = e.forced;
    out << Json{{"dry_run", run.mode == model::RunMode::dry_run},
                {"as_of", format_local(run.as_of, zone)},
                {"summary", summary}}
               .dump(2)
        << "\n";
    return;
  }
  std::vector<std::string> scope;
  for (const model::ActivityId& a : e.activities) scope.push_back(a.str());
  auto say = [lang](Phrase p) { return l10n::say(p, lang); };
  std::string stays = e.subject_erased ? say({"and their identifiers were erased", "et ses identifiants sont effacés"})
                      : scope.empty()  ? say({"stays, for what is kept", "reste, pour ce qui est conservé"})
                                       : say({"stays", "reste"});
  out << prefix(run.mode, lang)
      << fmt::format("{}{}, {}{}{} {}\n",
                     n(e.erased, {"holding erased", "donnée effacée"}, {"holdings erased", "données effacées"}, lang),
                     scope.empty() ? "" : say({" from ", " de "}) + join(scope, ", "),
                     n(e.tasks, {"erasure task for other systems", "tâche d’effacement pour d’autres systèmes"},
                       {"erasure tasks for other systems", "tâches d’effacement pour d’autres systèmes"}, lang),
                     say(l10n::kSemicolon), say({"the subject", "la personne"}), stays);
  if (!e.forced.empty())
    out << say({"erased although a contract is in progress, for: ", "effacé malgré un contrat en cours, pour : "})
        << e.forced << "\n";
  for (const model::KeptHolding& k : e.kept) {
    std::string until =
        k.until ? say({"until ", "jusqu’au "}) +
                      (lang == Lang::fr ? l10n::long_date(local_date(*k.until, zone), lang) : format_local(*k.until, zone))
        : k.reason == model::KeptBecause::contract   ? say({"until the contract ends", "jusqu’à la fin du contrat"})
        : k.reason == model::KeptBecause::legal_hold ? say({"until the hold is lifted", "jusqu’à la levée du gel"})
        : k.trigger_pending.empty()
            ? say({"with no retention rule", "sans règle de conservation"})
            : say({"until the rule's period after ", "jusqu’à la fin de la durée de la règle après "}) +
                  k.trigger_pending;
    out << say({"kept: ", "conservé : "})
        << fmt::format("{}/{} ({}, {}){}{}{}\n", k.activity.str(), k.category.str(), model::wording(k.reason, lang),
                       l10n::gdpr_article(model::article_of(k.reason), lang),
                       k.rule_no ? say({" under rule ", " selon la règle "}) + model::rule_id(k.activity, k.rule_no) : "",
                       say(l10n::kSemicolon), until);
  }
  if (e.consent_events)
    out << say({"kept: ", "conservé : "})
        << n(e.consent_events, {"consent event", "preuve de consentement"}, {"consent events", "preuves de consentement"},
             lang)
        << say({", as proof under their purposes' retention (", ", selon la durée de conservation des preuves de sa finalité ("})
        << l10n::gdpr_article("17(3)(e)", lang) << ")\n";
}

namespace {
constexpr std::string_view kTaskRow = "{:>6}  {:<10} {:<10} {:<40} {}\n";
// A line of `purge log`'s table: entry, at, run, action, what, rule, holding.
constexpr std::string_view kLogRow = "{:>8}  {:<25}  {:>4}  {:<13}  {:<40}  {:>4}  {}\n";
// The same in French, whose words are longer.
constexpr std::string_view kTaskRowFr = "{:>6}  {:<14} {:<10} {:<40} {}\n";
constexpr std::string_view kLogRowFr = "{:>8}  {:<28}  {:>9}  {:<25}  {:<40}  {:>5}  {}\n";

constexpr Phrase kTaskHead[] = {{"task", "tâche"}, {"action", "action"}, {"system", "système"},
                                {"ref", "référence"}, {"state", "état"}};
constexpr Phrase kLogHead[] = {{"entry", "entrée"}, {"at", "date"},   {"run", "exécution"},
                               {"action", "action"}, {"activity/category", "traitement/catégorie"},
                               {"rule", "règle"},   {"holding", "donnée"}};

// What the log and the tasks record as an action, in words: English keeps
// the keyword scripts already read.
std::string action_word(std::string_view action, Lang lang) {
  static constexpr std::pair<std::string_view, std::string_view> kFr[] = {
      {"delete", "suppression"},
      {"anonymise", "anonymisation"},
      {"archive", "archivage"},
      {"erase-subject", "effacement (personne)"},
      {"erase-request", "effacement (demande)"},
  };
  if (lang == Lang::fr)
    for (const auto& [keyword, words] : kFr)
      if (keyword == action) return std::string(words);
  return std::string(action);
}
}  // namespace

TaskList::TaskList(std::ostream& out, std::string_view format, const Zone& zone, Lang lang)
    : out_(out), format_(format), zone_(zone), lang_(lang) {
  if (format_ == "text")
    out_ << fmt::format(fmt::runtime(lang_ == Lang::fr ? kTaskRowFr : kTaskRow), kTaskHead[0].in(lang_),
                        kTaskHead[1].in(lang_), kTaskHead[2].in(lang_), kTaskHead[3].in(lang_), kTaskHead[4].in(lang_));
}

void TaskList::add(const model::ErasureTask& t) {
  if (format_ == "jsonl") {
    out_ << to_json(t, zone_).dump() << "\n";
    return;
  }
  std::string state = !t.done_at            ? l10n::say({"open", "ouverte"}, lang_)
                      : t.cancelled.empty() ? l10n::say({"done {}", "faite le {}"}, lang_, summary_time(*t.done_at, zone_, lang_))
                                            : l10n::say({"cancelled {}: {}", "annulée le {} : {}"}, lang_,
                                                  summary_time(*t.done_at, zone_, lang_), t.cancelled);
  out_ << fmt::format(fmt::runtime(lang_ == Lang::fr ? kTaskRowFr : kTaskRow), t.id, action_word(t.action, lang_),
                      t.system, t.ref, state);
}

DeletionLogList::DeletionLogList(std::ostream& out, std::string_view format, const Zone& zone, Lang lang)
    : out_(out), format_(format), zone_(zone), lang_(lang) {
  if (format_ == "text")
    out_ << fmt::format(fmt::runtime(lang_ == Lang::fr ? kLogRowFr : kLogRow), kLogHead[0].in(lang_),
                        kLogHead[1].in(lang_), kLogHead[2].in(lang_), kLogHead[3].in(lang_), kLogHead[4].in(lang_),
                        kLogHead[5].in(lang_), kLogHead[6].in(lang_));
}

void DeletionLogList::add(const model::DeletionEntry& e) {
  ++rows_;
  if (format_ == "jsonl") {
    out_ << to_json(e, zone_).dump() << "\n";
    return;
  }
  std::string what = e.activity.empty() ? "-" : e.activity + "/" + e.category;
  out_ << fmt::format(fmt::runtime(lang_ == Lang::fr ? kLogRowFr : kLogRow), e.id, summary_time(e.at, zone_, lang_), e.run,
                      action_word(e.action, lang_), what, e.rule_no ? std::to_string(*e.rule_no) : "-",
                      e.holding ? std::to_string(*e.holding) : "-");
}

std::string task_cancelled(std::int64_t id, Lang lang) {
  return l10n::say({"cancelled erasure task {}", "tâche d’effacement {} annulée"}, lang, id);
}

std::string tasks_closed(std::size_t n, Lang lang) {
  return l10n::say({"closed {}", "{}"}, lang,
                   tally(static_cast<long long>(n), {"erasure task", "tâche d’effacement close"},
                         {"erasure tasks", "tâches d’effacement closes"}, lang));
}

std::string no_deletion_entry(Lang lang) {
  return l10n::say(
      {"no entry in the deletion log for that subject", "aucune entrée du journal des effacements pour cette personne"},
      lang);
}

}  // namespace dpo::report
