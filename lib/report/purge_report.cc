#include "report/purge_report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "model/register.h"
#include "report/json.h"

namespace dpo::report {

namespace {

constexpr std::string_view kDryRun = "dry run, nothing changed; a run would report: ";

std::string_view prefix(model::RunMode mode) { return mode == model::RunMode::dry_run ? kDryRun : ""; }

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
         {"article", std::string(model::article_of(k.reason))}};
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

void render_purge(const model::PurgeRun& run, const Zone& zone, std::string_view format, bool quiet,
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
  std::string line = fmt::format(
      "{}{} holdings removed ({} deleted, {} anonymised), {} archived, {} tasks for other systems, {} subjects "
      "erased, {} consent events cut; {} kept under legal hold, {} due for review",
      prefix(run.mode), t.deleted + t.anonymised, t.deleted, t.anonymised, t.archived, t.tasks, t.subjects_erased,
      t.consent_events_cut, t.held, t.review);
  if (!quiet) {
    constexpr std::string_view kRow = "{:<32} {:<14} {:<10} {:>9} {:>6} {:>5}\n";
    out << fmt::format(kRow, "rule", "category", "action", "holdings", "tasks", "held");
    for (const model::RuleOutcome& r : run.outcome.rules)
      if (listed(r))
        out << fmt::format(kRow, r.rule.id(), r.rule.category.str(), name_of(model::retention_actions(), r.rule.action),
                           r.removed, r.tasks, r.held);
  }
  out << line << "\n";
}

void render_erasure(const model::ErasureRun& run, const Zone& zone, std::string_view format, std::ostream& out) {
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
  out << fmt::format("{}{} holdings erased{}, {} erasure tasks for other systems; the subject {}\n", prefix(run.mode),
                     e.erased, scope.empty() ? "" : " from " + join(scope, ", "), e.tasks,
                     e.subject_erased ? "and their identifiers were erased"
                     : scope.empty()  ? "stays, for what is kept"
                                      : "stays");
  if (!e.forced.empty()) out << "erased although a contract is in progress, for: " << e.forced << "\n";
  for (const model::KeptHolding& k : e.kept) {
    std::string until = k.until                              ? "until " + format_local(*k.until, zone)
                        : k.reason == model::KeptBecause::contract   ? std::string("until the contract ends")
                        : k.reason == model::KeptBecause::legal_hold ? std::string("until the hold is lifted")
                        : k.trigger_pending.empty()          ? std::string("with no retention rule")
                                                             : "until the rule's period after " + k.trigger_pending;
    out << fmt::format("kept: {}/{} ({}, {}){}; {}\n", k.activity.str(), k.category.str(), model::name_of(k.reason),
                       model::article_of(k.reason),
                       k.rule_no ? " under rule " + model::rule_id(k.activity, k.rule_no) : "", until);
  }
  if (e.consent_events)
    out << fmt::format("kept: {} consent events, as proof under their purposes' retention (Art. 17(3)(e))\n",
                       e.consent_events);
}

namespace {
constexpr std::string_view kTaskRow = "{:>6}  {:<10} {:<10} {:<40} {}\n";
// A line of `purge log`'s table: entry, at, run, action, what, rule, holding.
constexpr std::string_view kLogRow = "{:>8}  {:<25}  {:>4}  {:<13}  {:<40}  {:>4}  {}\n";
}  // namespace

TaskList::TaskList(std::ostream& out, std::string_view format, const Zone& zone)
    : out_(out), format_(format), zone_(zone) {
  if (format_ == "text") out_ << fmt::format(kTaskRow, "task", "action", "system", "ref", "state");
}

void TaskList::add(const model::ErasureTask& t) {
  if (format_ == "jsonl")
    out_ << to_json(t, zone_).dump() << "\n";
  else
    out_ << fmt::format(kTaskRow, t.id, t.action, t.system, t.ref,
                        !t.done_at            ? std::string("open")
                        : t.cancelled.empty() ? "done " + format_local(*t.done_at, zone_)
                                              : "cancelled " + format_local(*t.done_at, zone_) + ": " + t.cancelled);
}

DeletionLogList::DeletionLogList(std::ostream& out, std::string_view format, const Zone& zone)
    : out_(out), format_(format), zone_(zone) {
  if (format_ == "text")
    out_ << fmt::format(kLogRow, "entry", "at", "run", "action", "activity/category", "rule", "holding");
}

void DeletionLogList::add(const model::DeletionEntry& e) {
  ++rows_;
  if (format_ == "jsonl") {
    out_ << to_json(e, zone_).dump() << "\n";
    return;
  }
  std::string what = e.activity.empty() ? "-" : e.activity + "/" + e.category;
  out_ << fmt::format(kLogRow, e.id, format_local(e.at, zone_), e.run, e.action, what,
                      e.rule_no ? std::to_string(*e.rule_no) : "-", e.holding ? std::to_string(*e.holding) : "-");
}

std::string task_cancelled(std::int64_t id) { return fmt::format("cancelled erasure task {}", id); }

std::string tasks_closed(std::size_t n) { return fmt::format("closed {} erasure task{}", n, n == 1 ? "" : "s"); }

}  // namespace dpo::report
