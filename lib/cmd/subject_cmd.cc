#include "cmd/subject_cmd.h"

#include <CLI/CLI.hpp>

#include <memory>

#include "base/strings.h"
#include "manifest/subjects_file.h"
#include "report/subject_report.h"
#include "store/register_store.h"
#include "store/store.h"
#include "store/subject_store.h"

namespace dpo::cmd {

namespace {

int import(const ImportOptions& o) {
  manifest::RecordFormat format = o.format();
  store::Store s = open_store(o.common);
  model::Register reg = store::require_register(s);
  Zone zone = s.zone();
  Instant at = now(o.common, zone);

  // One pass, one transaction: every record is checked and written as it is
  // read; any problem anywhere rolls the whole file back. Writing goes on
  // after a problem so that conflicts further down are reported too.
  Diagnostics problems;
  manifest::SubjectReader reader(o.file, format, reg, zone, problems);
  store::Transaction tx(s);
  store::SubjectWriter writer(s, reg);
  manifest::SubjectRecord record;
  Progress progress(o.common, reader.size() / 1024, "KiB");
  for (long long n = 1; reader.next(record); ++n) {
    if (n % 4096 == 0) progress.set(reader.position() / 1024);
    // Someone erased on request is not brought back by the next export of
    // the source, unless asked for.
    if (writer.suppressed(record.subject, at)) {
      if (!o.allow_suppressed) {
        writer.skip_suppressed();
        continue;
      }
      writer.lift_suppression(record.subject);
    }
    if (std::optional<std::string> taken = writer.write(record.subject))
      problems.add(record.where, "identifier '" + *taken + "' of this subject already belongs to another subject",
                   "one email, phone or id finds one subject; fix the source data");
  }
  problems.throw_if_any(quote(reader.name()));
  progress.finish();

  const store::SubjectCounts& c = writer.counts();
  store::append_journal(s, at, {"subject import", reader.name(), store::journal_counts(c)});
  tx.commit();
  note(o.common, report::subjects_imported({reader.name(), c.records, c.subjects_added, c.subjects_changed,
                                            c.holdings_added, c.holdings_changed, c.suppressed, c.restored}));
  return 0;
}

struct ShowOptions {
  Common common;
  SubjectChoice subject;
  std::string format = "text";
};

int show(const ShowOptions& o) {
  store::Store s = open_store(o.common);
  std::optional<model::SubjectKey> key = o.subject.find(s);
  std::optional<store::SubjectView> view = key ? store::find_subject(s, *key) : std::nullopt;
  // Not naming what was asked for: it is personal data, and the caller has it.
  if (!view) throw Error(ExitCode::invalid_input, "no such subject in the store");
  report::render_subject(*view, s.zone(), o.format, out());
  return 0;
}

void setup(CLI::App& app, Action& action) {
  auto i = std::make_shared<ImportOptions>();
  CLI::App* import_cmd = app.add_subcommand(
      "import", "add or update subjects, engagements and holdings from JSON Lines or CSV, in one transaction");
  add_import_options(*import_cmd, *i);
  import_cmd->add_flag("--allow-suppressed", i->allow_suppressed,
                       "import people erased on request too, and take them off the suppression list");
  add_action(*import_cmd, action, i, import);

  auto s = std::make_shared<ShowOptions>();
  CLI::App* show_cmd = app.add_subcommand("show", "print what the store holds about one subject");
  s->subject.add_to(*show_cmd);
  add_format(*show_cmd, s->format, {"text", "json"}, "text or json (a subjects-file line)");
  add_common(*show_cmd, s->common, With::store);
  add_action(*show_cmd, action, s, show);
}

constexpr std::string_view kSynopsis[] = {
    "dpo-subject import [--store PATH] [--as-of TIME] [--input-format jsonl|csv] [--allow-suppressed] [-q] FILE",
    "dpo-subject show [--store PATH] [--format text|json] [-q] (KEY | --email ADDR | --phone NUMBER)",
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
    {ExitCode::invalid_input, "invalid input (nothing written) or unknown subject"},
};

const Program kSubjectProgram{.name = "dpo-subject",
                            .summary = "dpo-subject: data subjects, their engagements and the data held",
                            .synopsis = kSynopsis,
                            .setup = setup,
                            .exits = kExits,
                            .see = "See dpo-subject(1) and the file format in dpo-register(5)."};

}  // namespace dpo::cmd
