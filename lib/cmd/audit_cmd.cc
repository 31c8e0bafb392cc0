#include "cmd/audit_cmd.h"

#include <CLI/CLI.hpp>

#include "cmd/breach_cmd.h"

#include <future>
#include <memory>
#include <sstream>

#include "base/file.h"
#include "base/strings.h"
#include "consent/ledger_check.h"
#include "model/countries.h"
#include "report/audit_report.h"
#include "retention/deadlines.h"
#include "rules/actions.h"
#include "rules/audit.h"
#include "store/audit_store.h"
#include "store/register_store.h"
#include "store/store.h"

namespace dpo::cmd {

namespace {

struct RunOptions {
  Common common;
  std::string format = "text";
  std::string lang;
  std::string fail_on = "error";
  std::vector<std::string> rules;
  std::string out;
  bool record = false;
};

int run(const RunOptions& o) {
  // Every --rule must name a rule, before any work.
  for (const std::string& id : o.rules) {
    if (rules::find_rule(id)) continue;
    std::vector<std::string> ids;
    for (const rules::Rule& r : rules::catalogue()) ids.emplace_back(r.info.id);
    std::string hint = did_you_mean(id, ids);
    throw Error(ExitCode::usage,
                "unknown rule" + quoted_id(id) + " in --rule (" + (hint.empty() ? "see 'dpo audit rules'" : hint) + ")");
  }
  // A recorded audit is a whole one: what a partial run did not look for
  // would read as closed in the next report.
  if (o.record && !o.rules.empty())
    throw Error(ExitCode::usage, "--record takes no --rule: a recorded audit runs every rule");
  store::Store s = open_store(o.common);
  // The ledger's check reads the whole chain: on its own connection, in
  // another thread, alongside the counts (docs/design.md 7).
  store::Store reader = store::Store::open_reader(s);
  std::future<model::LedgerCheck> ledger = std::async(std::launch::async, [&reader] {
    return consent::check_ledger(reader);
  });
  model::AuditFacts facts;
  model::Register reg;
  Zone zone;
  Instant now;
  std::vector<model::RecordedAudit> recorded;
  {
    // Counts from one snapshot of the store, then the rules on top.
    store::ReadSnapshot snapshot(s);
    reg = store::require_register(s);
    zone = s.zone();
    now = cmd::now(o.common, zone);
    std::vector<model::RuleDeadline> deadlines = retention::deadlines(reg, now, zone);
    facts = store::audit_facts(s, reg, deadlines, now, zone,
                               model::Countries::builtin().consent_age(reg.controller.country));
    facts.breaches = breach_facts(s, reg);
    recorded = store::recorded_audits(s);
  }
  model::LedgerCheck checked = ledger.get();
  facts.ledger = {checked.events, checked.problem};
  model::AuditResult result = rules::run_audit({reg, facts, now, zone}, o.rules);

  // The management report: the actions, what changed since the last audit
  // recorded before this one, and the figures of those recorded before it.
  Lang lang = *parse_lang(o.lang.empty() ? reg.controller.language : o.lang);
  std::vector<model::Action> actions = rules::group_actions(result, reg, lang);
  const model::RecordedAudit* before = rules::previous(recorded, now);
  std::optional<model::AuditChanges> changes;
  if (before) changes = rules::compare(*before, result, reg, lang);
  std::span<const model::RecordedAudit> history(recorded.data(), before ? before - recorded.data() + 1 : 0);
  report::AuditReport r{reg,     result, now,     zone, lang, o.out.empty() && color_enabled(o.common),
                        actions, changes ? &*changes : nullptr, history};
  std::ostringstream text;
  for (const report::AuditFormat& f : report::audit_formats())
    if (f.name == o.format) f.render(r, text);
  if (o.out.empty())
    print(text.str());
  else
    write_file_atomically(o.out, text.str());

  // Kept after the report is out: a report that could not be written
  // leaves no record behind.
  if (o.record) {
    store::Transaction tx(s);
    bool replaced = store::record_audit(s, model::record_of(result, now));
    store::append_journal(s, now,
                          {"audit record", "",
                           store::journal_counts({{"errors", result.count(model::Severity::error)},
                                                  {"warnings", result.count(model::Severity::warning)},
                                                  {"replaced", replaced ? 1 : 0}})});
    tx.commit();
    note(o.common, report::audit_recorded(now, zone, replaced, lang));
  }

  bool fails = o.fail_on == "warning" ? !result.findings.empty()
               : o.fail_on == "error" ? result.count(model::Severity::error) > 0
                                      : false;
  return fails ? to_int(ExitCode::findings) : 0;
}

struct RulesOptions {
  Common common;
  std::string format = "text";
  std::string lang;
};

// The catalogue needs no store: its language is --lang, else the
// register's when a store is there, else English.
int list_rules(const RulesOptions& o) {
  Lang lang = language(o.lang, nullptr);
  if (o.lang.empty() && std::filesystem::exists(store_path(o.common))) {
    store::Store s = open_store(o.common);
    lang = language(o.lang, s);
  }
  std::vector<model::RuleInfo> infos;
  for (const rules::Rule& r : rules::catalogue()) infos.push_back(r.info);
  report::render_rules(infos, o.format, lang, out());
  return 0;
}

void setup(CLI::App& app, Action& action) {
  auto r = std::make_shared<RunOptions>();
  CLI::App* run_cmd = app.add_subcommand("run", "evaluate every rule of the catalogue and print findings and KPIs");
  run_cmd->add_option("--format", r->format, "text, json, md or html")
      ->type_name("FORMAT")
      ->check(CLI::IsMember(names_of(report::audit_formats())))
      ->default_str("text");
  add_lang(*run_cmd, r->lang);
  run_cmd->add_option("--fail-on", r->fail_on, "exit 1 when a finding of this severity or worse exists")
      ->type_name("SEVERITY")
      ->check(CLI::IsMember({"error", "warning", "never"}))
      ->default_str("error");
  run_cmd->add_option("--rule", r->rules, "run only this rule (repeat)")->type_name("ID");
  run_cmd->add_option("--out", r->out, "write the report to FILE (mode 0600, atomically)")->type_name("FILE");
  run_cmd->add_flag("--record", r->record,
                    "keep this run's key figures and findings for later reports (replaces one of the same --as-of)");
  add_common(*run_cmd, r->common, With::store | With::as_of | With::color);
  add_action(*run_cmd, action, r, run);

  auto l = std::make_shared<RulesOptions>();
  CLI::App* rules_cmd = app.add_subcommand("rules", "list the rule catalogue");
  add_format(*rules_cmd, l->format, {"text", "json"});
  add_lang(*rules_cmd, l->lang, "en or fr (default: the controller's language, else English)");
  add_common(*rules_cmd, l->common, With::store);
  add_action(*rules_cmd, action, l, list_rules);
}

constexpr std::string_view kSynopsis[] = {
    "dpo-audit [run] [--store PATH] [--as-of TIME] [--format text|json|md|html] [--lang en|fr] "
    "[--fail-on error|warning|never] [--rule ID]... [--out FILE] [--record] [--color WHEN] [-q]",
    "dpo-audit rules [--store PATH] [--format text|json] [--lang en|fr] [-q]",
};

}  // namespace

constexpr ExitMeaning kExits[] = {
    {ExitCode::findings, "findings at or above --fail-on"},
};

const Program kAuditProgram{.name = "dpo-audit",
                            .summary = "dpo-audit: check the store against every rule of the catalogue",
                            .synopsis = kSynopsis,
                            .setup = setup,
                            .exits = kExits,
                            .see = "Without a subcommand, dpo-audit runs the audit. See dpo-audit(1).",
                            .default_subcommand = "run"};

}  // namespace dpo::cmd
