#include "cmd/consent_cmd.h"

#include <CLI/CLI.hpp>

#include <atomic>

#include <pwd.h>
#include <unistd.h>

#include <chrono>
#include <memory>

#include "base/crypto.h"
#include "base/file.h"
#include "base/pipeline.h"
#include "base/strings.h"
#include "cmd/purge_cmd.h"
#include "consent/ledger_check.h"
#include "manifest/consents_file.h"
#include "model/consent_rules.h"
#include "model/countries.h"
#include "report/consent_report.h"
#include "report/csv.h"
#include "report/proof_report.h"
#include "report/summary.h"
#include "store/consent_store.h"
#include "store/register_store.h"
#include "store/store.h"
#include "store/subject_store.h"

namespace dpo::cmd {

namespace {

using namespace model;

// How far ahead of "now" an event may be dated: clocks of the systems that
// record consent drift, but proof of a consent that has not happened yet is
// no proof.
constexpr std::chrono::minutes kClockSkew{5};

// Checks what only the store knows, then appends: the event is not dated in
// the future, the subject exists, and a minor's consent carries the parental
// co-signature.
bool append_checked(store::ConsentWriter& writer, const ConsentEvent& event, int consent_age, const Zone& zone,
                    Instant now, const Location& where, Diagnostics& problems,
                    store::ConsentWriter::Appended* out = nullptr) {
  if (event.at > now + kClockSkew) {
    problems.add(where, "an event dated after now", "give the time it happened (see --as-of)");
    return false;
  }
  std::optional<store::SubjectFacts> subject = writer.subject(event.subject);
  if (!subject) {
    problems.add(where, "unknown subject in 'subject'", "import the subject with 'dpo subject import' first");
    return false;
  }
  if (std::optional<EventProblem> minor = check_minor(event, subject->birth_date, consent_age, zone)) {
    problems.add(where, minor->message, minor->hint);
    return false;
  }
  store::ConsentWriter::Appended appended = writer.append(event, subject->id);
  if (out) *out = appended;
  return true;
}

// A CRM's consent column says yes or no, not whether a no takes back a yes:
// the ledger does. A "no" dated after the person's consent to the purpose
// withdraws it (Art. 7(3)), with what a withdrawal sets off (retention rules
// counted from it); a "no" with no consent before it refuses. Only earlier
// events count, so importing the same export again finds the same event.
void withdrawal_if_given(store::ConsentWriter& writer, ConsentEvent& event) {
  if (event.action != ConsentAction::refused) return;
  std::optional<store::SubjectFacts> subject = writer.subject(event.subject);
  if (subject && writer.action_before(subject->id, event.purpose, event.at) == ConsentAction::given)
    event.action = ConsentAction::withdrawn;
}

// Art. 21(3): someone who objected to direct marketing by a purpose is not
// signed up to it again by a grant from elsewhere (a form resubmitted by a
// CRM sync, an old export). A grant dated before the objection is history,
// which the objection's withdrawal follows in the ledger: it is recorded and
// changes nothing. A later one is refused, unless the caller says the person
// truly consented again (allow): recorded, it takes the purpose off their
// listing (lift_if_added).
enum class ObjectionVerdict { record, refuse, record_and_lift };

ObjectionVerdict objection_verdict(store::Objections& objections, const Register& reg, const ConsentEvent& e,
                                   bool allow) {
  if (e.action != ConsentAction::given) return ObjectionVerdict::record;
  const Purpose* p = reg.purpose(e.purpose);
  if (!p || !p->marketing) return ObjectionVerdict::record;
  std::optional<Objection> objection = objections.of_stored(e.subject);
  if (!objection || !objection->covers(*p) || e.at <= objection->since) return ObjectionVerdict::record;
  return allow ? ObjectionVerdict::record_and_lift : ObjectionVerdict::refuse;
}

void lift_if_added(store::Objections& objections, ObjectionVerdict verdict, const ConsentEvent& e, bool added) {
  if (verdict == ObjectionVerdict::record_and_lift && added) objections.lift_stored(e.subject, e.purpose);
}

// ---- grant, refuse, withdraw: one event ----

// How the command line names an event's field: its option ("--scope-duration").
std::string option_name(std::string_view field) {
  if (field == "subject") return "SUBJECT";
  if (field == "purpose") return "PURPOSE";
  std::string option = "--" + std::string(field);
  std::replace(option.begin(), option.end(), '.', '-');
  return option;
}

struct EventOptions {
  Common common;
  std::string verb;  ///< grant, refuse or withdraw
  ConsentAction action = ConsentAction::given;
  std::string subject, purpose, at, channel, notice_version, notice_sha256, notice_file, evidence, recorded_by;
  std::vector<std::string> scope_formats, scope_channels;
  std::string scope_duration, parent_name, parent_evidence, lang;
  bool erase = false;             ///< withdraw --erase
  bool allow_suppressed = false;  ///< grant --allow-suppressed
};

// withdraw --erase: the activities serving the purpose whose retention
// counts from the withdrawal; their data goes at once (Art. 17(1)(b)).
model::ErasureScope withdrawal_scope(const Register& reg, const PurposeId& purpose) {
  model::ErasureScope scope;
  for (const Activity& a : reg.activities) {
    bool serves = std::find(a.purposes.begin(), a.purposes.end(), purpose) != a.purposes.end();
    bool at_withdrawal = std::any_of(a.retention.begin(), a.retention.end(),
                                     [](const RetentionRule& r) { return r.from == Trigger::consent_withdrawn; });
    if (serves && at_withdrawal) scope.activities.push_back(a.id);
  }
  return scope;
}

int record(const EventOptions& o) {
  store::Store s = open_store(o.common);
  Register reg = store::require_register(s);
  Zone zone = s.zone();
  Instant now = cmd::now(o.common, zone);

  // The same builder as the import reader's: every problem of the command
  // line is gathered before refusing it.
  if (!o.at.empty())
    if (Parsed<Instant> t = parse_instant(o.at, zone); !t) throw Error(ExitCode::usage, "bad --at: " + t.error());
  manifest::ConsentFields f;
  f.subject = o.subject;
  f.purpose = o.purpose;
  f.action = std::string(name_of(consent_actions(), o.action));
  f.at = o.at.empty() ? format_utc(now) : o.at;
  f.channel = o.channel;
  f.notice_version = o.notice_version;
  f.notice_sha256 = o.notice_file.empty() ? o.notice_sha256 : sha256_hex(read_file(o.notice_file));
  f.evidence = o.evidence;
  f.recorded_by = o.recorded_by.empty() ? os_user() : o.recorded_by;
  f.scope_formats = o.scope_formats;
  f.scope_channels = o.scope_channels;
  f.scope_duration = o.scope_duration;
  f.parent_name = o.parent_name;
  f.parent_evidence = o.parent_evidence;
  f.has_parent = !o.parent_name.empty() || !o.parent_evidence.empty();
  Diagnostics problems;
  Location arg;  // the command line: no file, no line
  manifest::FieldPlaces places{[&](std::string_view) { return arg; }, option_name};
  ConsentEvent e = manifest::consent_event(f, reg, zone, places, problems);
  problems.throw_if_any("the command line");
  model::ErasureScope erasure;
  if (o.erase) {
    erasure = withdrawal_scope(reg, e.purpose);
    if (erasure.activities.empty())
      throw Error(ExitCode::usage, "--erase: no activity serving purpose" + quoted_id(o.purpose) +
                                       " has a retention rule from consent-withdrawn; erase with 'dpo purge --subject "
                                       "KEY --purpose " +
                                       o.purpose + "'");
  }

  store::Transaction tx(s);
  store::Objections objections(s, now);
  ObjectionVerdict verdict = objection_verdict(objections, reg, e, o.allow_suppressed);
  if (verdict == ObjectionVerdict::refuse)
    throw Error(ExitCode::invalid_input, "the subject objected to direct marketing by purpose" +
                                             quoted_id(e.purpose.str()) +
                                             "; record a consent they gave again with --allow-suppressed");
  store::ConsentWriter writer(s);
  store::ConsentWriter::Appended appended;
  append_checked(writer, e, Countries::builtin().consent_age(reg.controller.country), zone, now, arg, problems,
                 &appended);
  problems.throw_if_any("the command line");
  lift_if_added(objections, verdict, e, appended.added);
  store::append_journal(
      s, now, {"consent " + o.verb, "", store::ledger_journal_counts(s, writer.added(), appended.added ? 0 : 1)});
  tx.commit();
  print(appended.id + "\n");
  note(o.common, report::consent_recorded(e.action, e.purpose, appended.id, appended.seq, appended.added,
                                          language(o.lang, &reg)));
  if (o.erase) {
    try {
      erase_subject(
          o.common, e.subject, [&](const Register&) { return erasure; }, model::RunMode::apply, false, "text", &out(),
          o.lang);
    } catch (const Error& busy) {
      if (busy.code() != ExitCode::busy) throw;
      throw Error(ExitCode::busy,
                  "the withdrawal is recorded, but a purge is running: erase later with 'dpo purge "
                  "--subject KEY --purpose " +
                      o.purpose + "'");
    }
  }
  return 0;
}

// ---- import ----

struct ConsentImportOptions : ImportOptions {
  std::string from;  ///< "dpv": consent receipts, as `dpo consent receipt` writes them
};

int import(const ConsentImportOptions& o) {
  bool receipts = o.from == "dpv";
  if (receipts && (!o.map.empty() || !o.input_format.empty()))
    throw Error(ExitCode::usage, "--from dpv reads consent receipts; give no --map or --input-format");
  if (receipts && o.file != "-") check_input_path(o.file);
  manifest::RecordFormat format = receipts ? manifest::RecordFormat::jsonl : o.format();
  store::Store s = open_store(o.common);
  Register reg = store::require_register(s);
  Zone zone = s.zone();
  Instant now = cmd::now(o.common, zone);
  int consent_age = Countries::builtin().consent_age(reg.controller.country);

  // One pass, one transaction: any problem anywhere rolls the file back.
  // The file is read and checked in one thread (its problems gathered
  // apart), the ledger written in this one.
  std::optional<manifest::Mapping> mapping;
  if (!o.map.empty()) mapping = manifest::load_mapping(o.map, reg);
  Diagnostics problems, file_problems;
  std::optional<manifest::ConsentReader> opened;
  if (receipts)
    opened.emplace(o.file, manifest::ConsentReader::Receipts{}, reg, zone, file_problems);
  else if (mapping)
    opened.emplace(o.file, *mapping, reg, zone, file_problems);
  else
    opened.emplace(o.file, format, reg, zone, file_problems);
  manifest::ConsentReader& reader = *opened;
  std::atomic<long long> position = 0;
  store::Transaction tx(s);
  store::ConsentWriter writer(s);
  store::Objections objections(s, now);
  long long read = 0, already = 0, objected = 0;
  Progress progress(o.common, reader.size() / 1024, report::kKibibytes, language(o.lang, &reg));
  {
    Pipeline<manifest::ConsentRecord> records(read_ahead<manifest::ConsentRecord>(
        [&reader](manifest::ConsentRecord& r) { return reader.next(r); }, 256, [&] { position = reader.position(); }));
    for (std::vector<manifest::ConsentRecord> batch = records.next(); !batch.empty(); batch = records.next()) {
      progress.set(position / 1024);
      for (manifest::ConsentRecord& record : batch) {
        ++read;
        if (mapping) withdrawal_if_given(writer, record.event);
        ObjectionVerdict verdict = objection_verdict(objections, reg, record.event, o.allow_suppressed);
        if (verdict == ObjectionVerdict::refuse) {
          ++objected;
          continue;
        }
        store::ConsentWriter::Appended appended;
        if (append_checked(writer, record.event, consent_age, zone, now, record.where, problems, &appended)) {
          if (!appended.added) ++already;
          lift_if_added(objections, verdict, record.event, appended.added);
        }
      }
    }
  }
  problems.merge(file_problems);
  problems.throw_if_any(quote(reader.name()));
  progress.finish();
  store::append_journal(s, now,
                        {"consent import", reader.name(), store::ledger_journal_counts(s, writer.added(), already)});
  tx.commit();
  if (reader.converted() > 0) note(o.common, report::converted_cells(reader.converted()));
  note(o.common, report::consents_imported(
                     {reader.name(), read, writer.added(), already, writer.head(), writer.head_seq(), objected},
                     language(o.lang, &reg)));
  return 0;
}

// ---- list ----

struct ListOptions {
  Common common;
  std::string subject, purpose, status, format = "text", lang;
  bool events = false;
};

int list(const ListOptions& o) {
  store::Store s = open_store(o.common);
  Register reg = store::require_register(s);
  Zone zone = s.zone();
  Instant as_of = cmd::now(o.common, zone);
  if (!o.purpose.empty() && !reg.purpose(PurposeId(o.purpose))) {
    std::vector<std::string> ids;
    for (const Purpose& p : reg.purposes) ids.push_back(p.id.str());
    std::string hint = did_you_mean(o.purpose, ids);
    throw Error(ExitCode::invalid_input,
                "unknown purpose" + quoted_id(o.purpose) + " in --purpose" + (hint.empty() ? "" : " (" + hint + ")"));
  }
  store::ConsentFilter filter;
  if (!o.subject.empty()) filter.subject = SubjectKey(o.subject);
  if (!o.purpose.empty()) filter.purpose = PurposeId(o.purpose);
  filter.until = as_of;

  // Rows stream out as they are found: the list never sits in memory.
  using Rows = report::ConsentList::Rows;
  report::ConsentList list(out(), o.format, o.events ? Rows::events : Rows::statuses, zone, language(o.lang, &reg));
  if (o.events) {
    store::for_each_consent_by_subject(s, filter, [&](const StoredConsent& c) { list.add(c); });
    list.close();
    return 0;
  }

  // One row per subject and purpose: the status its latest event gives.
  std::optional<StoredConsent> last;
  auto flush = [&] {
    if (!last) return;
    const Purpose* p = reg.purpose(last->event.purpose);
    StatusAt st = status_at(&last->event, p ? p->validity : std::nullopt, as_of, zone);
    if (o.status.empty() || o.status == name_of(consent_statuses(), st.status))
      list.add(report::ConsentStatusRow{last->event.subject, last->event.purpose, st, last->id});
  };
  store::for_each_consent_by_subject(s, filter, [&](const StoredConsent& c) {
    if (last && (last->event.subject != c.event.subject || last->event.purpose != c.event.purpose)) flush();
    last = c;
  });
  flush();
  // Asked about one subject and purpose with no event: say so.
  if (!last && filter.subject && filter.purpose && (o.status.empty() || o.status == "none"))
    list.add(report::ConsentStatusRow{*filter.subject, *filter.purpose, StatusAt{}, ""});
  list.close();
  return 0;
}

// ---- verify ----

int verify(const VerifyOptions& o) {
  store::Store s = open_store(o.common);
  model::LedgerCheck check = consent::check_ledger(s, o.anchor);
  report::render_ledger_check(check, o.format, language(o.lang, s), out());
  return check.problem.empty() ? 0 : to_int(ExitCode::findings);
}

// ---- receipt ----

struct ReceiptOptions {
  Common common;
  std::string which;
};

// A receipt's record id: a UUID from a keyed hash, under the store's secret,
// of the event id or subject key asked for. The same store gives the same
// record the same id; the id does not give the key away (ISO/IEC TS 27560
// keeps the record's identifier apart from the person's).
std::string record_id(const store::Store& s, std::string_view which) {
  return "urn:uuid:" + uuid_from(hmac_sha256(s.secret(), "consent record\n" + std::string(which)));
}

report::ReceiptEvent receipt_event(const store::StoredConsent& c) {
  return report::ReceiptEvent{c.seq, c.id, c.event, to_hex(c.hash), to_hex(c.prev)};
}

int receipt(const ReceiptOptions& o) {
  store::Store s = open_store(o.common);
  Register reg = store::require_register(s);
  Zone zone = s.zone();
  Instant as_of = cmd::now(o.common, zone);
  report::ReceiptInput in;
  // An event id names one event; anything else is a subject key.
  if (std::optional<store::StoredConsent> event = store::find_consent_event(s, o.which)) {
    // The event, with its purpose's status from all the subject's events.
    in = subject_receipt(s, event->event.subject, as_of);
    in.only_event = event->id;
    // Not yet recorded at --as-of: no receipt for it.
    if (std::none_of(in.events.begin(), in.events.end(),
                     [&](const report::ReceiptEvent& e) { return e.id == event->id; }))
      in.events.clear();
  } else {
    in = subject_receipt(s, SubjectKey(o.which), as_of);
  }
  in.as_of = as_of;
  in.record_id = record_id(s, o.which);
  // Not naming what was asked for: it may be personal data.
  if (in.events.empty()) throw Error(ExitCode::invalid_input, "no consent event or subject with events matches");
  report::render_receipt(reg, in, zone, out());
  return 0;
}

// ---- the command line ----

void add_event_options(CLI::App& cmd, EventOptions& o) {
  cmd.add_option("SUBJECT", o.subject, "the subject's key")->required();
  cmd.add_option("PURPOSE", o.purpose, "the purpose's id in the register")->required();
  cmd.add_option("--at", o.at, "when it happened (default: now)")->type_name("TIME");
  cmd.add_option("--channel", o.channel, "web-form, paper, email, phone or event")
      ->type_name("CHANNEL")
      ->check(CLI::IsMember({"web-form", "paper", "email", "phone", "event"}));
  cmd.add_option("--evidence", o.evidence, "where the proof is: a form id, a scanned paper's id")->type_name("REF");
  cmd.add_option("--recorded-by", o.recorded_by, "who records it (default: the operating-system user)")
      ->type_name("WHO");
}

void setup(CLI::App& app, Action& action) {
  struct Verb {
    const char* name;
    ConsentAction action;
    const char* help;
  };
  static constexpr Verb kVerbs[] = {
      {"grant", ConsentAction::given, "record that a subject gave consent for a purpose"},
      {"refuse", ConsentAction::refused, "record that a subject refused consent for a purpose"},
      {"withdraw", ConsentAction::withdrawn, "record that a subject withdrew consent: nothing else is required"},
  };
  for (const Verb& verb : kVerbs) {
    auto o = std::make_shared<EventOptions>();
    o->action = verb.action;
    o->verb = verb.name;
    CLI::App* cmd = app.add_subcommand(verb.name, verb.help);
    add_event_options(*cmd, *o);
    if (verb.action == ConsentAction::given) {
      cmd->add_option("--notice-version", o->notice_version, "the version of the notice shown")->type_name("V");
      auto* sha = cmd->add_option("--notice-sha256", o->notice_sha256, "the SHA-256 of the notice text shown")
                      ->type_name("HEX");
      cmd->add_option("--notice-file", o->notice_file, "the notice text shown: its SHA-256 is recorded")
          ->type_name("FILE")
          ->excludes(sha);
      cmd->add_option("--scope-format", o->scope_formats, "a format the consent covers (repeat)")->type_name("F");
      cmd->add_option("--scope-channel", o->scope_channels, "a channel the consent covers (repeat)")->type_name("C");
      cmd->add_option("--scope-duration", o->scope_duration, "how long the consent covers")->type_name("DURATION");
      cmd->add_option("--parent-name", o->parent_name, "the holder of parental authority who co-signed")
          ->type_name("NAME");
      cmd->add_option("--parent-evidence", o->parent_evidence, "where the co-signature is kept")->type_name("REF");
    }
    if (verb.action == ConsentAction::given)
      cmd->add_flag("--allow-suppressed", o->allow_suppressed,
                    "record it though the subject objected to direct marketing by the purpose: they consented "
                    "again, which lifts the objection for it");
    if (verb.action == ConsentAction::withdrawn)
      cmd->add_flag("--erase", o->erase,
                    "also erase now what the activities serving the purpose hold, when their retention counts "
                    "from the withdrawal");
    add_lang(*cmd, o->lang, kSummaryLang);
    add_common(*cmd, o->common, With::store | With::as_of);
    add_action(*cmd, action, o, record);
  }

  auto i = std::make_shared<ConsentImportOptions>();
  CLI::App* import_cmd = app.add_subcommand(
      "import", "append consent events from JSON Lines, CSV or consent receipts, in one transaction");
  add_import_options(*import_cmd, *i);
  import_cmd
      ->add_option("--from", i->from,
                   "dpv: FILE holds consent receipts (ISO/IEC TS 27560, W3C DPV) as 'dpo consent receipt' "
                   "writes them, one or one a line")
      ->type_name("dpv")
      ->check(CLI::IsMember({"dpv"}));
  import_cmd->add_flag("--allow-suppressed", i->allow_suppressed,
                       "record grants to marketing purposes their subject objected to: they consented again, which "
                       "lifts the objection for that purpose");
  add_action(*import_cmd, action, i, import);

  auto l = std::make_shared<ListOptions>();
  CLI::App* list_cmd = app.add_subcommand("list", "each subject's consent per purpose at an instant, or the events");
  list_cmd->add_option("--subject", l->subject, "one subject")->type_name("KEY");
  list_cmd->add_option("--purpose", l->purpose, "one purpose")->type_name("ID");
  list_cmd->add_option("--status", l->status, "only this status: none, given, refused, withdrawn, expired")
      ->type_name("STATUS")
      ->check(CLI::IsMember({"none", "given", "refused", "withdrawn", "expired"}));
  list_cmd->add_flag("--events", l->events, "list the events themselves");
  add_format(*list_cmd, l->format, {"text", "csv", "json"});
  add_lang(*list_cmd, l->lang, "en or fr, for the text table (default: the controller's language); csv and json are the same in both");
  add_common(*list_cmd, l->common, With::store | With::as_of);
  add_action(*list_cmd, action, l, list);

  add_verify(app, action, "check the hash chain; name the first event tampered with",
             "a head recorded earlier (HASH, or SEQ:HASH[:MAC] from 'anchor'), which must still be in the ledger",
             verify);
  add_anchor(app, action, "print the ledger's head, to keep outside the store for 'verify --anchor'",
             consent::ledger_anchor);

  auto r = std::make_shared<ReceiptOptions>();
  CLI::App* receipt_cmd = app.add_subcommand("receipt", "an ISO/IEC TS 27560-shaped receipt for an event or a subject");
  receipt_cmd->add_option("EVENT-OR-SUBJECT", r->which, "an event id, or a subject's key")->required();
  add_common(*receipt_cmd, r->common, With::store | With::as_of);
  add_action(*receipt_cmd, action, r, receipt);
}

constexpr std::string_view kSynopsis[] = {
    "dpo-consent grant [--store PATH] [--as-of TIME] [--at TIME] [--channel CHANNEL] [--notice-version V] "
    "[--notice-sha256 HEX | --notice-file FILE] [--evidence REF] [--recorded-by WHO] [--scope-format F]... "
    "[--scope-channel C]... [--scope-duration DURATION] [--parent-name NAME --parent-evidence REF] "
    "[--allow-suppressed] [--lang en|fr] [-q] SUBJECT PURPOSE",
    "dpo-consent refuse [--store PATH] [--as-of TIME] [--at TIME] [--channel CHANNEL] [--evidence REF] "
    "[--recorded-by WHO] [--lang en|fr] [-q] SUBJECT PURPOSE",
    "dpo-consent withdraw [--store PATH] [--as-of TIME] [--at TIME] [--channel CHANNEL] [--evidence REF] [--erase] "
    "[--recorded-by WHO] [--lang en|fr] [-q] SUBJECT PURPOSE",
    "dpo-consent import [--store PATH] [--as-of TIME] [--input-format jsonl|csv] [--allow-suppressed] "
    "[--map MAPPING | --from dpv] [--lang en|fr] [-q] FILE",
    "dpo-consent list [--store PATH] [--as-of TIME] [--subject KEY] [--purpose ID] [--status STATUS] [--events] "
    "[--format text|csv|json] [--lang en|fr] [-q]",
    "dpo-consent verify [--store PATH] [--anchor HASH] [--format text|json] [--lang en|fr] [-q]",
    "dpo-consent anchor [--store PATH] [--format text|json] [-q]",
    "dpo-consent receipt [--store PATH] [--as-of TIME] [-q] EVENT-OR-SUBJECT",
};

}  // namespace

report::ReceiptInput subject_receipt(store::Store& store, const SubjectKey& subject, Instant as_of) {
  report::ReceiptInput in;
  in.subject = subject;
  in.record_id = record_id(store, subject.str());
  in.as_of = as_of;
  store::ConsentFilter filter;
  filter.subject = subject;
  // What the ledger held at as_of: a later event is not shown.
  store::for_each_consent_by_subject(store, filter, [&](const store::StoredConsent& c) {
    if (c.event.at <= as_of) in.events.push_back(receipt_event(c));
  });
  std::stable_sort(in.events.begin(), in.events.end(),
                   [](const report::ReceiptEvent& a, const report::ReceiptEvent& b) {
                     return std::tie(a.event.at, a.seq) < std::tie(b.event.at, b.seq);
                   });
  store::ConsentWriter head(store);
  in.ledger_head = to_hex(head.head());
  in.ledger_seq = head.head_seq();
  return in;
}

constexpr ExitMeaning kExits[] = {
    {ExitCode::findings, "the ledger fails verification"},
    {ExitCode::invalid_input, "invalid input (nothing written)"},
};

const Program kConsentProgram{.name = "dpo-consent",
                              .summary = "dpo-consent: the append-only, hash-chained consent ledger",
                              .synopsis = kSynopsis,
                              .setup = setup,
                              .exits = kExits,
                              .see = "See dpo-consent(1)."};

}  // namespace dpo::cmd
