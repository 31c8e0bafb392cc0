#include "cmd/subject_cmd.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <memory>

#include "base/pipeline.h"
#include "base/strings.h"
#include "manifest/subjects_file.h"
#include "report/csv.h"
#include "report/subject_report.h"
#include "report/summary.h"
#include "store/register_store.h"
#include "store/store.h"
#include "store/subject_store.h"

namespace dpo::cmd {

namespace {

struct SubjectImportOptions : ImportOptions {
  std::string on_conflict = "fail";  ///< a line claiming another subject's identifier: fail or skip
};

int import(const SubjectImportOptions& o) {
  manifest::RecordFormat format = o.format();
  store::Store s = open_store(o.common);
  model::Register reg = store::require_register(s);
  Zone zone = s.zone();
  Instant at = now(o.common, zone);
  std::optional<manifest::Mapping> mapping;
  if (!o.map.empty()) mapping = manifest::load_mapping(o.map, reg);
  if (mapping)
    for (const Diagnostic& d : mapping->warnings) note(o.common, "warning: " + d.str());

  // One pass, one transaction: every record is checked and written as it is
  // read; any problem anywhere rolls the whole file back. Writing goes on
  // after a problem so that conflicts further down are reported too.
  // The file is read and checked in one thread (its problems gathered
  // apart), the store written in this one.
  Diagnostics problems, file_problems;
  std::optional<manifest::SubjectReader> read;
  if (mapping)
    read.emplace(o.file, *mapping, reg, zone, file_problems);
  else
    read.emplace(o.file, format, reg, zone, file_problems);
  manifest::SubjectReader& reader = *read;
  std::atomic<long long> position = 0;
  store::Transaction tx(s);
  store::SubjectWriter writer(s, reg);
  store::Objections objections(s, at);
  auto on_conflict =
      o.on_conflict == "skip" ? store::SubjectWriter::OnConflict::skip : store::SubjectWriter::OnConflict::fail;
  long long objected = 0;  // holdings left out: what serves only purposes their person objected to
  Progress progress(o.common, reader.size() / 1024, report::kKibibytes, language(o.lang, &reg));
  Pipeline<manifest::SubjectRecord> records(read_ahead<manifest::SubjectRecord>(
      [&reader](manifest::SubjectRecord& r) { return reader.next(r); }, 256, [&] { position = reader.position(); }));
  for (std::vector<manifest::SubjectRecord> batch = records.next(); !batch.empty(); batch = records.next()) {
    for (manifest::SubjectRecord& record : batch) {
      // Someone erased on request is not brought back by the next export of
      // the source, unless asked for.
      if (writer.suppressed(record.subject, at)) {
        if (!o.allow_suppressed) {
          writer.skip_suppressed();
          continue;
        }
        writer.lift_suppression(record.subject);
      }
      // Someone who objected to direct marketing is imported, but not what
      // serves only the purposes objected to (Art. 21(3)), unless asked for.
      if (std::optional<model::Objection> objection = objections.of(record.subject.key, record.subject.identifiers)) {
        if (o.allow_suppressed) {
          objections.lift(record.subject.key, record.subject.identifiers, std::nullopt);
        } else {
          std::vector<model::ActivityId> gone = model::objected_activities(reg, *objection);
          auto in_gone = [&](const model::ActivityId& a) {
            return std::find(gone.begin(), gone.end(), a) != gone.end();
          };
          auto left_out =
              std::erase_if(record.subject.holdings, [&](const model::Holding& h) { return in_gone(h.activity); });
          objected += static_cast<long long>(left_out);
          std::erase_if(record.subject.engagements, [&](const model::Engagement& e) { return in_gone(e.activity); });
          // Nothing left of a person the objection erased: not brought back
          // as a bare identifier.
          if (left_out > 0 && record.subject.holdings.empty() && record.subject.engagements.empty() &&
              !store::has_subject(s, record.subject.key))
            continue;
        }
      }
      // One identifier finds one subject: a mailbox two people share stays
      // with the first, and each later line claiming it is named.
      for (const std::string& kind : writer.write(record.subject, on_conflict)) {
        std::string why = "identifier '" + kind + "' of this subject already belongs to another subject";
        if (on_conflict == store::SubjectWriter::OnConflict::fail)
          problems.add(record.where, why,
                       "one email, phone or id finds one subject; fix the source data, or import the rest of the "
                       "line with --on-conflict skip");
        else
          note(o.common, "warning: " + why + " at " + record.where.str() + "; imported without it");
      }
      progress.set(position / 1024);
    }
  }
  problems.merge(file_problems);
  for (const Diagnostic& d : reader.warnings()) note(o.common, "warning: " + d.str());
  problems.throw_if_any(quote(reader.name()));
  progress.finish();

  const store::SubjectCounts& c = writer.counts();
  store::append_journal(s, at, {"subject import", reader.name(), store::journal_counts(c)});
  tx.commit();
  if (reader.converted() > 0) note(o.common, report::converted_cells(reader.converted()));
  note(o.common,
       report::subjects_imported({reader.name(), c.records, c.subjects_added, c.subjects_changed, c.holdings_added,
                                  c.holdings_changed, c.suppressed, c.restored, objected, c.identifiers_shared},
                                 language(o.lang, &reg)));
  return 0;
}

struct ShowOptions {
  Common common;
  SubjectChoice subject;
  std::string format = "text";
  std::string lang;
  bool archived = false;
};

int show(const ShowOptions& o) {
  store::Store s = open_store(o.common);
  std::optional<model::SubjectKey> key = o.subject.find(s);
  std::optional<store::SubjectView> view = key ? store::find_subject(s, *key) : std::nullopt;
  // Not naming what was asked for: it is personal data, and the caller has it.
  if (!view) throw Error(ExitCode::invalid_input, "no such subject in the store");
  // Archived holdings are out of active use (intermediate archiving): shown
  // to whoever asks for them, not in the everyday view.
  auto archived = std::erase_if(view->holdings, [&](const model::Holding& h) { return h.archived && !o.archived; });
  Lang lang = language(o.lang, s);
  report::render_subject(*view, s.zone(), o.format, lang, out());
  if (archived > 0) note(o.common, report::archived_not_shown(static_cast<long long>(archived), lang));
  return 0;
}

struct HoldOptions {
  Common common;
  std::string key;
  std::string activity, category, reason, until, lang;
};

// A legal hold (Art. 17(3)(e)) on a subject, or on one activity's or one
// category's data of theirs, with why and until when.
int hold(const HoldOptions& o) {
  store::Store s = open_store(o.common);
  model::Register reg = store::require_register(s);
  Zone zone = s.zone();
  model::LegalHold h;
  h.since = now(o.common, zone);
  h.reason = o.reason;
  if (!o.activity.empty()) {
    const model::Activity* a = reg.activity(model::ActivityId(o.activity));
    if (!a) throw Error(ExitCode::usage, "unknown activity" + quoted_id(o.activity) + " in --activity");
    h.activity = a->id;
  }
  if (!o.category.empty()) {
    model::CategoryId c(o.category);
    if (!reg.category(c))
      throw Error(ExitCode::usage, "unknown data category" + quoted_id(o.category) + " in --category");
    const model::Activity* a = h.activity ? reg.activity(*h.activity) : nullptr;
    if (a && std::find(a->data.begin(), a->data.end(), c) == a->data.end())
      throw Error(ExitCode::usage, "activity '" + a->id.str() + "' holds no data category '" + o.category +
                                       "'; name one of its 'data' in --category");
    h.category = c;
  }
  if (!o.until.empty()) {
    Parsed<Instant> t = parse_instant(o.until, zone);
    if (!t) throw Error(ExitCode::usage, "bad --until: " + t.error());
    if (*t <= h.since)
      throw Error(ExitCode::usage, "--until must be later than now; a hold that has ended holds nothing");
    h.until = *t;
  }
  model::SubjectKey key(o.key);
  store::Transaction tx(s);
  if (!store::has_subject(s, key)) throw Error(ExitCode::invalid_input, "no such subject in the store");
  std::int64_t id = store::add_hold(s, key, h);
  store::append_journal(s, h.since, {"subject hold", "", store::journal_counts({{"hold", id}})});
  tx.commit();
  out() << id << "\n";
  note(o.common, report::hold_set(h, zone, language(o.lang, &reg)));
  return 0;
}

struct ReleaseOptions {
  Common common;
  std::int64_t id = 0;
  std::string reason, lang;
};

int release(const ReleaseOptions& o) {
  store::Store s = open_store(o.common);
  Instant at = now(o.common, s.zone());
  store::Transaction tx(s);
  if (!store::release_hold(s, o.id, at, o.reason))
    throw Error(ExitCode::invalid_input, "no legal hold " + std::to_string(o.id) + " to release; nothing was changed");
  store::append_journal(s, at, {"subject release", "", store::journal_counts({{"hold", o.id}})});
  tx.commit();
  note(o.common, report::hold_released(o.id, language(o.lang, s)));
  return 0;
}

void setup(CLI::App& app, Action& action) {
  auto i = std::make_shared<SubjectImportOptions>();
  CLI::App* import_cmd = app.add_subcommand(
      "import", "add or update subjects, engagements and holdings from JSON Lines or CSV, in one transaction");
  add_import_options(*import_cmd, *i);
  import_cmd->add_flag("--allow-suppressed", i->allow_suppressed,
                       "import people erased on request too, and what people who objected to direct marketing "
                       "objected to, and take them off the suppression list");
  import_cmd
      ->add_option("--on-conflict", i->on_conflict,
                   "a line claiming another subject's identifier: fail (write nothing) or skip (import the line "
                   "without it, with a warning)")
      ->type_name("fail|skip")
      ->check(CLI::IsMember({"fail", "skip"}));

  add_action(*import_cmd, action, i, import);

  auto s = std::make_shared<ShowOptions>();
  CLI::App* show_cmd = app.add_subcommand("show", "print what the store holds about one subject");
  s->subject.add_to(*show_cmd);
  add_format(*show_cmd, s->format, {"text", "json"}, "text or json (a subjects-file line)");
  show_cmd->add_flag("--archived", s->archived, "show holdings in intermediate archiving too, marked so");
  add_lang(*show_cmd, s->lang);
  add_common(*show_cmd, s->common, With::store);
  add_action(*show_cmd, action, s, show);

  auto h = std::make_shared<HoldOptions>();
  CLI::App* hold_cmd = app.add_subcommand(
      "hold", "keep a subject's data, or one activity's or category's of it, for legal claims (Art. 17(3)(e))");
  hold_cmd->add_option("KEY", h->key, "the subject's key")->required();
  hold_cmd->add_option("--activity", h->activity, "hold only this activity's data")->type_name("ID");
  hold_cmd->add_option("--category", h->category, "hold only this data category")->type_name("ID");
  hold_cmd->add_option("--until", h->until, "when the hold ends by itself (default: when released)")->type_name("TIME");
  one_line(hold_cmd->add_option("--reason", h->reason, "why: the claim or proceedings it serves"))
      ->type_name("TEXT")
      ->required();
  add_lang(*hold_cmd, h->lang, kSummaryLang);
  add_common(*hold_cmd, h->common, With::store | With::as_of);
  add_action(*hold_cmd, action, h, hold);

  auto r = std::make_shared<ReleaseOptions>();
  CLI::App* release_cmd = app.add_subcommand("release", "end a legal hold, with why");
  release_cmd->add_option("HOLD", r->id, "the hold's id, as hold printed it")->required();
  one_line(release_cmd->add_option("--reason", r->reason, "why it ends (the claim settled...)"))
      ->type_name("TEXT")
      ->required();
  add_lang(*release_cmd, r->lang, kSummaryLang);
  add_common(*release_cmd, r->common, With::store | With::as_of);
  add_action(*release_cmd, action, r, release);
}

constexpr std::string_view kSynopsis[] = {
    "dpo-subject import [--store PATH] [--as-of TIME] [--input-format jsonl|csv] [--allow-suppressed] "
    "[--on-conflict fail|skip] [--map MAPPING] [--lang en|fr] [-q] FILE",
    "dpo-subject show [--store PATH] [--format text|json] [--lang en|fr] [--archived] [-q] (KEY | --email ADDR | --phone NUMBER)",
    "dpo-subject hold [--store PATH] [--as-of TIME] [--activity ID] [--category ID] [--until TIME] --reason TEXT "
    "[--lang en|fr] [-q] KEY",
    "dpo-subject release [--store PATH] [--as-of TIME] --reason TEXT [--lang en|fr] [-q] HOLD",
};

}  // namespace

void SubjectChoice::add_to(CLI::App& cmd) {
  cmd.add_option("KEY", key, "the subject's key");
  cmd.add_option("--email", email, "find the subject by email address")->type_name("ADDR");
  cmd.add_option("--phone", phone, "find the subject by phone number")->type_name("NUMBER");
}

std::optional<model::SubjectKey> SubjectChoice::find(store::Store& store) const {
  int given = !key.empty() + !email.empty() + !phone.empty();
  if (given != 1) throw Error(ExitCode::usage, "name one subject: KEY, --email ADDR or --phone NUMBER");
  if (!email.empty()) return store::find_by_identifier(store, "email", email);
  if (!phone.empty()) return store::find_by_identifier(store, "phone", phone);
  if (!store::has_subject(store, model::SubjectKey(key))) return std::nullopt;
  return model::SubjectKey(key);
}

constexpr ExitMeaning kExits[] = {
    {ExitCode::invalid_input, "invalid input (nothing written), unknown subject or hold"},
};

const Program kSubjectProgram{.name = "dpo-subject",
                              .summary = "dpo-subject: data subjects, their engagements and the data held",
                              .synopsis = kSynopsis,
                              .setup = setup,
                              .exits = kExits,
                              .see = "See dpo-subject(1) and the file format in dpo-register(5)."};

}  // namespace dpo::cmd
