#include "cmd/purge_cmd.h"

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <cstdlib>
#include <memory>

#include "base/strings.h"
#include "report/proof_report.h"
#include "report/purge_report.h"
#include "report/summary.h"
#include "retention/deadlines.h"
#include "retention/erasure.h"
#include "store/consent_store.h"
#include "store/deletion_log.h"
#include "store/purge_store.h"
#include "store/register_store.h"
#include "store/store.h"
#include "store/subject_store.h"

namespace dpo::cmd {

namespace {

// A positive count from the environment, or `fallback`.
std::int64_t env_count(const char* name, std::int64_t fallback) {
  if (const char* env = std::getenv(name)) {
    long n = std::strtol(env, nullptr, 10);
    if (n > 0) return n;
  }
  return fallback;
}

// The store's sizes, unless DPO_PURGE_BATCH or DPO_PURGE_GROUP say
// otherwise (tests kill runs between small batches).
store::PurgeSizes purge_sizes() {
  store::PurgeSizes sizes;
  sizes.batch = env_count("DPO_PURGE_BATCH", sizes.batch);
  sizes.group = env_count("DPO_PURGE_GROUP", sizes.group);
  return sizes;
}

// The run lock, or exit 5: two purges never overlap.
store::RunLock lock(const std::filesystem::path& path, bool wait) {
  if (wait) return store::RunLock::acquire(path);
  std::optional<store::RunLock> lock = store::RunLock::try_acquire(path);
  if (!lock)
    throw Error(ExitCode::busy, "another purge is running on '" + path.string() + "'; retry later, or use --wait");
  return std::move(*lock);
}

struct RunOptions {
  Common common;
  bool dry_run = false;
  [[nodiscard]] model::RunMode mode() const { return dry_run ? model::RunMode::dry_run : model::RunMode::apply; }
  bool wait = false;
  std::vector<std::string> rules;
  std::vector<std::string> activities;
  std::vector<std::string> purposes;
  std::string subject;
  bool force = false;
  std::string reason;
  std::string format = "text";
  std::string lang;
};

// --rule ACTIVITY/N and --activity ID narrow the plan; both must name something.
std::vector<model::RuleDeadline> narrowed(const std::vector<model::RuleDeadline>& all, const model::Register& reg,
                                          const RunOptions& o) {
  std::vector<std::string> known;
  for (const model::Activity& a : reg.activities)
    for (std::size_t r = 0; r < a.retention.size(); ++r) known.push_back(model::rule_id(a.id, static_cast<int>(r) + 1));
  for (const std::string& r : o.rules)
    if (std::find(known.begin(), known.end(), r) == known.end()) {
      std::string hint = did_you_mean(r, known);
      throw Error(ExitCode::usage,
                  "unknown rule" + quoted_id(r) + " in --rule (" + (hint.empty() ? "rules are ACTIVITY/N" : hint) + ")");
    }
  for (const std::string& a : o.activities)
    if (!reg.activity(model::ActivityId(a))) throw Error(ExitCode::usage, "unknown activity" + quoted_id(a) + " in --activity");
  std::vector<model::RuleDeadline> out;
  for (const model::RuleDeadline& d : all) {
    if (!o.rules.empty() && std::find(o.rules.begin(), o.rules.end(), d.id()) == o.rules.end()) continue;
    if (!o.activities.empty() &&
        std::find(o.activities.begin(), o.activities.end(), d.activity.str()) == o.activities.end())
      continue;
    out.push_back(d);
  }
  return out;
}

// What every run holds: the lock, then the store, its register and clock.
struct Session {
  Session(const Common& common, bool wait)
      : held(lock(store_path(common), wait)),
        s(open_store(common)),
        reg(store::require_register(s)),
        zone(s.zone()),
        now(cmd::now(common, zone)) {}
  store::RunLock held;
  store::Store s;
  model::Register reg;
  Zone zone;
  Instant now;
};

int purge_retention(const RunOptions& o) {
  Session session(o.common, o.wait);
  auto& [held, s, reg, zone, now] = session;
  std::vector<model::RuleDeadline> scope = narrowed(retention::deadlines(reg, now, zone), reg, o);
  bool everything = o.rules.empty() && o.activities.empty();
  // A purge of everything cuts consent proof: like every writer of the
  // ledger, it refuses a ledger whose tail the journal does not vouch for,
  // before it writes anything.
  if (everything) store::require_journaled_tail(s);

  // The same steps in a dry run, inside one transaction rolled back at the end.
  store::Purger purger(s, reg, now, zone, o.mode(), purge_sizes());
  purger.start("retention");
  bool bar = !o.common.quiet && ::isatty(STDERR_FILENO);
  Progress progress(o.common, bar ? purger.count_due(scope) : 0, report::kHoldings, language(o.lang, &reg));
  model::PurgeRun run{o.mode(), now, purger.purge(scope, [&](long long n) { progress.add(n); }), {}};
  progress.finish();
  run.totals = model::totals(run.outcome, everything ? purger.cut_consent_proof() : 0);
  purger.finish(run.totals);
  report::render_purge(run, zone, o.format, o.common.quiet, language(o.lang, &reg), out());
  return 0;
}

// --activity and --purpose narrow an erasure request to the activities they
// name (a purpose: every activity that serves it); both must name something.
model::ErasureScope erasure_scope(const model::Register& reg, const RunOptions& o) {
  model::ErasureScope scope;
  auto add = [&](const model::ActivityId& id) {
    if (std::find(scope.activities.begin(), scope.activities.end(), id) == scope.activities.end())
      scope.activities.push_back(id);
  };
  for (const std::string& a : o.activities) {
    if (!reg.activity(model::ActivityId(a)))
      throw Error(ExitCode::usage, "unknown activity" + quoted_id(a) + " in --activity");
    add(model::ActivityId(a));
  }
  for (const std::string& name : o.purposes) {
    model::PurposeId purpose(name);
    if (!reg.purpose(purpose)) throw Error(ExitCode::usage, "unknown purpose" + quoted_id(name) + " in --purpose");
    for (const model::Activity& a : reg.activities)
      if (std::find(a.purposes.begin(), a.purposes.end(), purpose) != a.purposes.end()) add(a.id);
  }
  if (o.force) scope.forced = o.reason;
  return scope;
}

int erase_one(const RunOptions& o) {
  erase_subject(
      o.common, model::SubjectKey(o.subject), [&](const model::Register& reg) { return erasure_scope(reg, o); },
      o.mode(), o.wait, o.format, &out(), o.lang);
  return 0;
}

int run(const RunOptions& o) { return o.subject.empty() ? purge_retention(o) : erase_one(o); }

struct TasksOptions {
  Common common;
  bool pending = false;
  std::string format = "text";
  std::string lang;
};

int tasks(const TasksOptions& o) {
  store::Store s = open_store(o.common);
  report::TaskList list(out(), o.format, s.zone(), language(o.lang, s));
  store::for_each_task(s, o.pending, [&](const model::ErasureTask& t) { list.add(t); });
  return 0;
}

struct DoneOptions {
  Common common;
  std::vector<std::int64_t> ids;
  std::string by, lang;
};

int done(const DoneOptions& o) {
  store::Store s = open_store(o.common);
  Instant at = now(o.common, s.zone());
  store::Transaction tx(s);
  std::vector<std::int64_t> unknown = store::close_tasks(s, o.ids, at, o.by.empty() ? "unknown" : o.by);
  if (!unknown.empty()) {
    std::vector<std::string> names;
    for (std::int64_t id : unknown) names.push_back(std::to_string(id));
    throw Error(ExitCode::invalid_input, "no open erasure task " + join(names, ", ") + "; nothing was closed");
  }
  store::append_journal(s, at, {"purge done", "", store::journal_counts({{"closed", static_cast<std::int64_t>(o.ids.size())}})});
  tx.commit();
  note(o.common, report::tasks_closed(o.ids.size(), language(o.lang, s)));
  return 0;
}

struct CancelOptions {
  Common common;
  std::int64_t id = 0;
  std::string reason;
  std::string by, lang;
};

// A task that must not run (a legal hold found in the other system) is
// closed with its reason, and the journal records it.
int cancel(const CancelOptions& o) {
  store::Store s = open_store(o.common);
  Instant at = now(o.common, s.zone());
  store::Transaction tx(s);
  if (!store::cancel_task(s, o.id, at, o.by.empty() ? "unknown" : o.by, o.reason))
    throw Error(ExitCode::invalid_input, "no open erasure task " + std::to_string(o.id) + "; nothing was cancelled");
  store::append_journal(s, at, {"purge tasks cancel", "", store::journal_counts({{"cancelled", 1}, {"task", o.id}})});
  tx.commit();
  note(o.common, report::task_cancelled(o.id, language(o.lang, s)));
  return 0;
}

struct LogOptions {
  Common common;
  std::string subject;
  std::string format = "text";
  std::string lang;
};

// The deletion log, or one subject's part of it: the proof that answers "was
// I erased, and when?" without the log ever holding the key.
int log(const LogOptions& o) {
  store::Store s = open_store(o.common);
  std::optional<std::string> subject;
  if (!o.subject.empty()) subject = o.subject;
  report::DeletionLogList list(out(), o.format, s.zone(), language(o.lang, s));
  store::for_each_deletion(s, subject, [&](const model::DeletionEntry& e) { list.add(e); });
  if (subject && list.rows() == 0) note(o.common, report::no_deletion_entry(language(o.lang, s)));
  return 0;
}

int verify(const VerifyOptions& o) {
  store::Store s = open_store(o.common);
  model::DeletionLogCheck check = store::verify_deletion_log(s, o.anchor);
  report::render_log_check(check, o.format, language(o.lang, s), out());
  return check.problem.empty() ? 0 : to_int(ExitCode::findings);
}

void setup(CLI::App& app, Action& action) {
  auto r = std::make_shared<RunOptions>();
  CLI::App* run_cmd = app.add_subcommand("run", "delete or anonymise what retention rules say has expired");
  run_cmd->add_flag("-n,--dry-run", r->dry_run, "print what a run would do, change nothing");
  CLI::Option* rule = run_cmd->add_option("--rule", r->rules, "only this retention rule, ACTIVITY/N (repeat)")
                           ->type_name("ACTIVITY/N");
  run_cmd
      ->add_option("--activity", r->activities,
                   "only this activity's rules; with --subject, only what it holds (repeat)")
      ->type_name("ID");
  // With --subject, --activity and --purpose narrow the erasure request to
  // what those activities hold; --rule has no meaning there and is refused
  // (an option once ignored there erased a whole person).
  CLI::Option* subject = run_cmd
                              ->add_option("--subject", r->subject,
                                           "erase one subject on request (Art. 17); with --activity or --purpose, "
                                           "only what those activities hold")
                              ->type_name("KEY")
                              ->excludes(rule);
  run_cmd
      ->add_option("--purpose", r->purposes, "with --subject: only the activities serving this purpose (repeat)")
      ->type_name("ID")
      ->needs(subject);
  CLI::Option* force = run_cmd->add_flag(
      "--force", r->force, "with --subject: erase what a contract in progress still needs, for --reason");
  CLI::Option* reason =
      one_line(run_cmd->add_option("--reason", r->reason, "why --force erases it, kept in the journal"))
          ->type_name("TEXT");
  force->needs(subject)->needs(reason);
  reason->needs(force);
  run_cmd->add_flag("--wait", r->wait, "wait for a running purge instead of exiting 5");
  add_format(*run_cmd, r->format, {"text", "json"});
  add_lang(*run_cmd, r->lang, "en or fr, for the text summary (default: the controller's language)");
  add_common(*run_cmd, r->common, With::store | With::as_of);
  add_action(*run_cmd, action, r, run);

  auto t = std::make_shared<TasksOptions>();
  CLI::App* tasks_cmd = app.add_subcommand("tasks", "list erasure tasks for other systems");
  tasks_cmd->add_flag("--pending", t->pending, "only open tasks");
  add_format(*tasks_cmd, t->format, {"text", "jsonl"});
  add_lang(*tasks_cmd, t->lang);
  add_common(*tasks_cmd, t->common, With::store);

  auto c = std::make_shared<CancelOptions>();
  CLI::App* cancel_cmd = tasks_cmd->add_subcommand("cancel", "close an erasure task that must not run, with why");
  cancel_cmd->add_option("TASK", c->id, "the task's id")->required();
  one_line(cancel_cmd->add_option("--reason", c->reason, "why it must not run (a legal hold in that system...)"))
      ->type_name("TEXT")
      ->required();
  cancel_cmd->add_option("--by", c->by, "who decided")->type_name("WHO");
  add_lang(*cancel_cmd, c->lang, kSummaryLang);
  add_common(*cancel_cmd, c->common, With::store | With::as_of);
  add_action(*cancel_cmd, action, c, cancel);
  // CLI11 runs a subcommand's callback before its parent's: the list must
  // not take the place of the cancel.
  set_action(*tasks_cmd, [&action, t, cancel_cmd] {
    if (!cancel_cmd->parsed()) action = [t] { return tasks(*t); };
  });

  auto d = std::make_shared<DoneOptions>();
  CLI::App* done_cmd = app.add_subcommand("done", "close erasure tasks once done in their systems");
  done_cmd->add_option("TASK", d->ids, "task ids")->required();
  done_cmd->add_option("--by", d->by, "who or what did it")->type_name("WHO");
  add_lang(*done_cmd, d->lang, kSummaryLang);
  add_common(*done_cmd, d->common, With::store | With::as_of);
  add_action(*done_cmd, action, d, done);

  auto l = std::make_shared<LogOptions>();
  CLI::App* log_cmd = app.add_subcommand("log", "list the deletion log, or one subject's entries in it");
  log_cmd->add_option("--subject", l->subject, "only this subject's entries, found by the HMAC of the key")
      ->type_name("KEY");
  add_format(*log_cmd, l->format, {"text", "jsonl"});
  add_lang(*log_cmd, l->lang);
  add_common(*log_cmd, l->common, With::store);
  add_action(*log_cmd, action, l, log);

  add_verify(app, action, "check the deletion log against its seals, its runs and the journal",
             "a head printed earlier (HASH, or SEAL:HASH[:MAC] from 'anchor'), which must still be in the log",
             verify);
  add_anchor(app, action, "print the deletion log's head, to keep outside the store for 'verify --anchor'", store::deletion_log_anchor);
}

constexpr std::string_view kSynopsis[] = {
    "dpo-purge [run] [--store PATH] [--as-of TIME] [-n|--dry-run] [--rule ACTIVITY/N]... [--activity ID]... "
    "[--wait] [--format text|json] [--lang en|fr] [-q]",
    "dpo-purge [run] --subject KEY [--activity ID]... [--purpose ID]... [--force --reason TEXT] [--store PATH] "
    "[--as-of TIME] [-n|--dry-run] [--wait] [--format text|json] [--lang en|fr] [-q]",
    "dpo-purge tasks [--store PATH] [--pending] [--format text|jsonl] [--lang en|fr] [-q]",
    "dpo-purge tasks cancel [--store PATH] [--as-of TIME] [--by WHO] --reason TEXT [--lang en|fr] [-q] TASK",
    "dpo-purge done [--store PATH] [--as-of TIME] [--by WHO] [--lang en|fr] [-q] TASK...",
    "dpo-purge log [--store PATH] [--subject KEY] [--format text|jsonl] [--lang en|fr] [-q]",
    "dpo-purge verify [--store PATH] [--anchor HASH] [--format text|json] [--lang en|fr] [-q]",
    "dpo-purge anchor [--store PATH] [--format text|json] [-q]",
};

}  // namespace

constexpr ExitMeaning kExits[] = {
    {ExitCode::findings, "the deletion log does not verify"},
    {ExitCode::invalid_input, "invalid input or unknown subject"},
    {ExitCode::busy, "another purge is running or the store is busy"},
};

void erase_subject(const Common& common, const model::SubjectKey& key,
                   const std::function<model::ErasureScope(const model::Register&)>& scope_of, model::RunMode mode,
                   bool wait, const std::string& format, std::ostream* to, const std::string& lang) {
  Session session(common, wait);
  auto& [held, s, reg, zone, now] = session;
  model::ErasureScope scope = scope_of(reg);
  // Not naming who was asked for: the key is personal data, and the caller has it.
  std::optional<store::SubjectView> view = store::find_subject(s, key);
  if (!view) throw Error(ExitCode::invalid_input, "no such subject in the store");
  std::vector<model::ConsentEvent> events;
  store::ConsentFilter filter;
  filter.subject = key;
  store::for_each_consent_by_subject(s, filter, [&](const store::StoredConsent& c) { events.push_back(c.event); });
  model::ErasurePlan plan =
      retention::plan_erasure(reg, retention::deadlines(reg, now, zone), *view, events, scope, now, zone);
  store::Purger purger(s, reg, now, zone, mode, purge_sizes());
  purger.start("subject");
  std::optional<store::ErasureOutcome> outcome = purger.erase_subject(key, plan, scope);
  if (!outcome) throw Error(ExitCode::invalid_input, "no such subject in the store");
  purger.finish(*outcome);
  if (to) report::render_erasure({mode, now, *outcome}, zone, format, language(lang, &reg), *to);
}

const Program kPurgeProgram{.name = "dpo-purge",
                            .summary = "dpo-purge: enforce retention, erase on request, with proof of erasure",
                            .synopsis = kSynopsis,
                            .setup = setup,
                            .exits = kExits,
                            .see = "Without a subcommand, dpo-purge runs. See dpo-purge(1).",
                            .default_subcommand = "run"};

}  // namespace dpo::cmd
