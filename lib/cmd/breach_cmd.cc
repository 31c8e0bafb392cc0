#include "cmd/breach_cmd.h"

#include <CLI/CLI.hpp>

#include <sstream>

#include "base/file.h"
#include "base/strings.h"
#include "breach/assess.h"
#include "manifest/incident_file.h"
#include "report/breach_report.h"
#include "store/breach_store.h"
#include "store/register_store.h"
#include "store/store.h"

namespace dpo::cmd {

namespace {

// A stored breach with its assessment and numbers, ready for a report; the
// view refers to the other two members, so a Viewed never moves.
struct Viewed {
  store::StoredBreach stored;
  model::Assessment assessment;
  std::optional<report::BreachView> view;
};

// The people and records affected: the incident's estimates, else counted in the store.
model::Volume affected(store::Store& s, const model::Incident& i) {
  store::Affected counted;
  if (!i.subjects_estimate || !i.records_estimate) counted = store::count_affected(s, i);
  return {i.subjects_estimate ? *i.subjects_estimate : counted.subjects,
          i.records_estimate ? *i.records_estimate : counted.records};
}

std::unique_ptr<Viewed> viewed(store::Store& s, const model::Register& reg, store::StoredBreach stored, Instant now,
                               const Zone& zone) {
  auto v = std::make_unique<Viewed>();
  v->stored = std::move(stored);
  const model::Incident& i = v->stored.incident;
  model::Volume volume = affected(s, i);
  v->assessment = breach::assess(i, reg, volume);
  report::BreachView& view = v->view.emplace(report::BreachView{reg, i, v->assessment});
  view.subjects = volume.subjects;
  view.records = volume.records;
  // The breach as it stood at `now`: what was done later is not shown.
  if (v->stored.decision && v->stored.decision->at <= now) view.decision = v->stored.decision;
  if (!i.subjects_estimate)
    for (const std::string& code : store::affected_activities(s, i)) view.activities_holding.emplace_back(code);
  view.subjects_counted = !i.subjects_estimate;
  view.records_counted = !i.records_estimate;
  view.version = v->stored.version;
  for (const model::BreachNotification& n : v->stored.notifications)
    if (n.at <= now) view.notifications.push_back(n);
  if (v->stored.communicated_at && *v->stored.communicated_at <= now) view.communicated_at = v->stored.communicated_at;
  view.as_of = now;
  view.zone = zone;
  return v;
}

store::StoredBreach require_breach(store::Store& s, const std::string& id) {
  std::optional<store::StoredBreach> b = store::find_breach(s, id);
  if (!b) throw Error(ExitCode::invalid_input, "no breach" + quoted_id(id) + " in the register; record it first");
  return *b;
}

// A breach looked at before the controller knew of it has no clock, no
// assessment to act on and no draft to send.
store::StoredBreach known_breach(store::Store& s, const std::string& id, Instant now, const Zone& zone) {
  store::StoredBreach b = require_breach(s, id);
  if (now < b.incident.aware_at)
    throw Error(ExitCode::invalid_input, "--as-of is before " + id + " was known (" +
                                             format_local(b.incident.aware_at, zone) +
                                             "); give a time on or after it");
  return b;
}

struct Session {
  explicit Session(const Common& common)
      : s(open_store(common)), reg(store::require_register(s)), zone(s.zone()), now(cmd::now(common, zone)) {}
  store::Store s;
  model::Register reg;
  Zone zone;
  Instant now;
};

// ---- record ----

struct RecordOptions {
  Common common;
  std::string file;
  std::string lang;
};

int record(const RecordOptions& o) {
  Session x(o.common);
  model::Incident incident = manifest::load_incident(o.file, x.reg, x.zone);
  if (incident.aware_at > x.now)
    throw Error(ExitCode::invalid_input, "'" + o.file + "': aware_at is after now (see --as-of)");
  std::vector<std::string> unknown = store::unknown_subjects(x.s, incident.affected_subjects);
  if (!unknown.empty())
    throw Error(ExitCode::invalid_input, "'" + o.file + "': " + std::to_string(unknown.size()) +
                                             " subject key(s) in affected.subjects not in the store, the first" +
                                             quoted_id(unknown.front()) + " (import the subject, or fix the key)");
  store::Transaction tx(x.s);
  store::Recorded r = store::record_breach(x.s, incident, x.now);
  if (r != store::Recorded::unchanged)
    store::append_journal(x.s, x.now, {"breach record", o.file, store::journal_counts({{"breach", incident.id}})});
  tx.commit();
  report::BreachChange change = r == store::Recorded::added     ? report::BreachChange::recorded
                                : r == store::Recorded::updated ? report::BreachChange::updated
                                                                : report::BreachChange::unchanged;
  std::optional<store::StoredBreach> b = store::find_breach(x.s, incident.id);
  Lang lang = language(o.lang, &x.reg);
  if (!o.common.quiet)
    print(report::breach_recorded(change, incident.id, b->version,
                                  b->notifications.empty() ? report::breach_clock(incident, x.now, x.zone, lang)
                                                           : report::breach_notified_state(lang),
                                  lang) +
          "\n");
  return 0;
}

// ---- list, assess ----

struct ShowOptions {
  Common common;
  std::string id;
  std::string format = "text";
  std::string lang;
};

int list(const ShowOptions& o) {
  Session x(o.common);
  std::vector<std::unique_ptr<Viewed>> all;
  store::for_each_breach(x.s, [&](const store::StoredBreach& b) {
    if (b.incident.aware_at <= x.now) all.push_back(viewed(x.s, x.reg, b, x.now, x.zone));
  });
  std::vector<report::BreachView> views;
  for (const auto& v : all) views.push_back(*v->view);
  report::render_breach_list(views, o.format, language(o.lang, &x.reg), out());
  return 0;
}

int assess(const ShowOptions& o) {
  Session x(o.common);
  auto v = viewed(x.s, x.reg, known_breach(x.s, o.id, x.now, x.zone), x.now, x.zone);
  report::render_assessment(*v->view, o.format, language(o.lang, &x.reg), out());
  return 0;
}

// ---- draft ----

struct DraftOptions {
  ShowOptions show;
  std::string to = "authority";
  std::string out;
  std::string recipients;
};

void write_recipients(store::Store& s, const model::Incident& i, const std::string& path) {
  AtomicFile file(path);
  file.write(report::recipients_header());
  long long n = 0;
  store::for_each_affected_contact(s, i, [&](const std::string& key, const std::string& email, const std::string& phone) {
    file.write(report::recipients_row(key, email, phone));
    ++n;
  });
  file.commit();
}

int draft(const DraftOptions& o) {
  Session x(o.show.common);
  auto v = viewed(x.s, x.reg, known_breach(x.s, o.show.id, x.now, x.zone), x.now, x.zone);
  std::ostringstream text;
  report::Audience to = o.to == "subjects" ? report::audience_for(*v->view, report::Audience::subjects)
                       : o.to == "public" ? report::Audience::public_
                                          : report::Audience::authority;
  Lang lang = language(o.show.lang, &x.reg);
  report::render_draft(*v->view, to, o.show.format, lang, text);
  for (const std::string& gap : report::draft_gaps(*v->view, to, lang)) note(o.show.common, gap);
  if (!o.recipients.empty()) write_recipients(x.s, v->stored.incident, o.recipients);
  if (o.out.empty())
    print(text.str());
  else
    write_file_atomically(o.out, text.str());
  return 0;
}

// ---- notified, communicated ----

struct MarkOptions {
  Common common;
  std::string id;
  std::string at;
  std::string reasons;
  std::string lang;
};

Instant when(const MarkOptions& o, const Session& x, const model::Incident& i) {
  Parsed<Instant> at = parse_instant(o.at, x.zone);
  if (!at) throw Error(ExitCode::usage, "bad --at: " + at.error());
  if (*at < i.aware_at)
    throw Error(ExitCode::invalid_input, "--at is before the breach was known (" + format_local(i.aware_at, x.zone) + ")");
  if (*at > x.now) throw Error(ExitCode::invalid_input, "--at is after now (see --as-of)");
  return *at;
}

int notified(const MarkOptions& o) {
  Session x(o.common);
  store::StoredBreach b = require_breach(x.s, o.id);
  Instant at = when(o, x, b.incident);
  store::Notification n{at, !b.notifications.empty(), o.reasons.empty() ? b.incident.late_reasons : o.reasons};
  Instant due = model::notification_due(b.incident.aware_at);
  long long hours = model::hours_up(b.incident.aware_at, at);
  if (!n.complementary && at > due && n.reasons.empty())
    throw Error(ExitCode::invalid_input, report::late_without_reasons(o.id, hours));
  store::Transaction tx(x.s);
  store::add_notification(x.s, o.id, n);
  store::append_journal(x.s, x.now,
                        {"breach notified", "",
                         store::journal_counts({{"breach", o.id}, {"kind", n.complementary ? "complementary" : "initial"}})});
  tx.commit();
  if (!o.common.quiet)
    print(report::breach_notified(o.id, n.complementary, at, x.zone, hours, at > due && !n.complementary,
                                  language(o.lang, &x.reg)) +
          "\n");
  return 0;
}

int communicated(const MarkOptions& o) {
  Session x(o.common);
  store::StoredBreach b = require_breach(x.s, o.id);
  Instant at = when(o, x, b.incident);
  store::Transaction tx(x.s);
  store::set_communicated(x.s, o.id, at);
  store::append_journal(x.s, x.now, {"breach communicated", "", store::journal_counts({{"breach", o.id}})});
  tx.commit();
  if (!o.common.quiet) print(report::breach_communicated(o.id, at, x.zone, language(o.lang, &x.reg)) + "\n");
  return 0;
}

// ---- decide ----

struct DecideOptions {
  Common common;
  std::string id;
  std::string notify;
  std::string communicate;
  std::string reason;
  std::string lang;
};

int decide(const DecideOptions& o) {
  std::string reason(trim(o.reason));
  if (reason.empty())
    throw Error(ExitCode::invalid_input, "--reason is blank: a decision is recorded with the reasons for it (Art. 5(2))");
  bool notify = o.notify == "yes", communicate = o.communicate == "yes";
  if (communicate && !notify)
    throw Error(ExitCode::invalid_input,
                "--communicate yes with --notify no: telling the people means a high risk, and any risk is "
                "notified to the authority (Art. 33(1)); answer --notify yes");
  Session x(o.common);
  store::StoredBreach b = require_breach(x.s, o.id);
  model::BreachDecision d{notify, communicate, reason, x.now, store::actor()};
  store::Transaction tx(x.s);
  store::add_decision(x.s, o.id, d);
  store::append_journal(x.s, x.now,
                        {"breach decide", "",
                         store::journal_counts({{"breach", o.id}, {"notify", o.notify}, {"communicate", o.communicate}})});
  tx.commit();
  model::Assessment a = breach::assess(b.incident, x.reg, affected(x.s, b.incident));
  note(o.common, report::breach_decided(o.id, d, a, language(o.lang, &x.reg)));
  return 0;
}

void setup(CLI::App& app, Action& action) {
  auto r = std::make_shared<RecordOptions>();
  CLI::App* record_cmd = app.add_subcommand("record", "add a breach, or a new version of one, from an incident file");
  record_cmd->add_option("FILE", r->file, "the incident (YAML; - for standard input)")->required();
  add_lang(*record_cmd, r->lang, kSummaryLang);
  add_common(*record_cmd, r->common, With::store | With::as_of);
  add_action(*record_cmd, action, r, record);

  auto l = std::make_shared<ShowOptions>();
  CLI::App* list_cmd = app.add_subcommand("list", "the register of every breach, notified or not (Art. 33(5))");
  add_format(*list_cmd, l->format, {"text", "csv", "json"});
  add_lang(*list_cmd, l->lang);
  add_common(*list_cmd, l->common, With::store | With::as_of);
  add_action(*list_cmd, action, l, list);

  auto a = std::make_shared<ShowOptions>();
  CLI::App* assess_cmd = app.add_subcommand("assess", "the risk by ENISA's method, every factor with its reason");
  assess_cmd->add_option("ID", a->id, "the breach")->required();
  add_format(*assess_cmd, a->format, {"text", "json"});
  add_lang(*assess_cmd, a->lang);
  add_common(*assess_cmd, a->common, With::store | With::as_of);
  add_action(*assess_cmd, action, a, assess);

  auto d = std::make_shared<DraftOptions>();
  d->show.format = "md";
  CLI::App* draft_cmd =
      app.add_subcommand("draft", "the notification to the authority, the letter to the people or the public notice");
  draft_cmd->add_option("ID", d->show.id, "the breach")->required();
  draft_cmd
      ->add_option("--to", d->to,
                   "authority (Art. 33), subjects (Art. 34: the letter, or the public notice when it replaces it) or "
                   "public (Art. 34(3)(c))")
      ->check(CLI::IsMember({"authority", "subjects", "public"}))
      ->default_str("authority");
  add_format(*draft_cmd, d->show.format, {"md", "text", "json"});
  add_lang(*draft_cmd, d->show.lang);
  draft_cmd->add_option("--out", d->out, "write to FILE (atomically, mode 0600)")->type_name("FILE");
  draft_cmd->add_option("--recipients", d->recipients,
                        "also write the affected people's key, email and phone as CSV (mode 0600)")
      ->type_name("FILE");
  add_common(*draft_cmd, d->show.common, With::store | With::as_of);
  add_action(*draft_cmd, action, d, draft);

  auto n = std::make_shared<MarkOptions>();
  CLI::App* notified_cmd = app.add_subcommand("notified", "record a notification to the authority");
  notified_cmd->add_option("ID", n->id, "the breach")->required();
  notified_cmd->add_option("--at", n->at, "when it was sent")->required()->type_name("TIME");
  notified_cmd->add_option("--reasons", n->reasons, "why it came after 72 hours (required then)")->type_name("TEXT");
  add_lang(*notified_cmd, n->lang, kSummaryLang);
  add_common(*notified_cmd, n->common, With::store | With::as_of);
  add_action(*notified_cmd, action, n, notified);

  auto dc = std::make_shared<DecideOptions>();
  CLI::App* decide_cmd =
      app.add_subcommand("decide", "record the DPO's decision, which the register, drafts and audit follow");
  decide_cmd->add_option("ID", dc->id, "the breach")->required();
  decide_cmd->add_option("--notify", dc->notify, "notify the authority (Art. 33)")
      ->required()
      ->check(CLI::IsMember({"yes", "no"}))
      ->type_name("yes|no");
  decide_cmd->add_option("--communicate", dc->communicate, "tell the people (Art. 34)")
      ->required()
      ->check(CLI::IsMember({"yes", "no"}))
      ->type_name("yes|no");
  decide_cmd->add_option("--reason", dc->reason, "why (recorded with who and when)")->required()->type_name("TEXT");
  add_lang(*decide_cmd, dc->lang, kSummaryLang);
  add_common(*decide_cmd, dc->common, With::store | With::as_of);
  add_action(*decide_cmd, action, dc, decide);

  auto c = std::make_shared<MarkOptions>();
  CLI::App* communicated_cmd = app.add_subcommand("communicated", "record that the people were told (Art. 34)");
  communicated_cmd->add_option("ID", c->id, "the breach")->required();
  communicated_cmd->add_option("--at", c->at, "when")->required()->type_name("TIME");
  add_lang(*communicated_cmd, c->lang, kSummaryLang);
  add_common(*communicated_cmd, c->common, With::store | With::as_of);
  add_action(*communicated_cmd, action, c, communicated);
}

constexpr std::string_view kSynopsis[] = {
    "dpo-breach record [--store PATH] [--as-of TIME] [--lang en|fr] [-q] FILE",
    "dpo-breach list [--store PATH] [--as-of TIME] [--format text|csv|json] [--lang en|fr] [-q]",
    "dpo-breach assess [--store PATH] [--as-of TIME] [--format text|json] [--lang en|fr] [-q] ID",
    "dpo-breach draft [--to authority|subjects|public] [--store PATH] [--as-of TIME] [--format md|text|json] [--lang en|fr] "
    "[--out FILE] [--recipients FILE] [-q] ID",
    "dpo-breach decide --notify yes|no --communicate yes|no --reason TEXT [--store PATH] [--as-of TIME] "
    "[--lang en|fr] [-q] ID",
    "dpo-breach notified --at TIME [--reasons TEXT] [--store PATH] [--as-of TIME] [--lang en|fr] [-q] ID",
    "dpo-breach communicated --at TIME [--store PATH] [--as-of TIME] [--lang en|fr] [-q] ID",
};

}  // namespace

std::vector<model::BreachFacts> breach_facts(store::Store& s, const model::Register& reg) {
  std::vector<model::BreachFacts> out;
  store::for_each_breach(s, [&](const store::StoredBreach& b) {
    model::Assessment a = breach::assess(b.incident, reg, affected(s, b.incident));
    model::BreachFacts f;
    f.id = b.incident.id;
    f.aware_at = b.incident.aware_at;
    // The DPO's recorded decision wins over the assessment.
    f.notify = b.decision ? b.decision->notify : a.notify_authority;
    f.communicate = b.decision ? b.decision->communicate : a.communicate();
    if (const store::Notification* n = b.initial()) {
      f.notified_at = n->at;
      f.late_reasons = n->reasons;
    }
    f.communicated_at = b.communicated_at;
    if (b.incident.consequences.empty()) f.missing.push_back("consequences");
    if (b.incident.measures_taken.empty()) f.missing.push_back("measures_taken");
    out.push_back(std::move(f));
  });
  return out;
}

constexpr ExitMeaning kExits[] = {
    {ExitCode::invalid_input, "invalid input (nothing written), unknown breach, or a late notification without reasons"},
};

const Program kBreachProgram{.name = "dpo-breach",
                            .summary = "dpo-breach: the breach register, the 72-hour clock, risk and drafts",
                            .synopsis = kSynopsis,
                            .setup = setup,
                            .exits = kExits,
                            .see = "See dpo-breach(1)."};

}  // namespace dpo::cmd
