#include "cmd/register_cmd.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <memory>
#include <optional>
#include <sstream>

#include "base/crypto.h"
#include "base/file.h"
#include "base/strings.h"

#include "manifest/fides_file.h"
#include "manifest/register_file.h"
#include "model/countries.h"
#include "report/notice_report.h"
#include "report/register_report.h"
#include "report/register_workbook.h"
#include "store/register_store.h"
#include "store/store.h"

namespace dpo::cmd {

namespace {

// --from fides and the controller's particulars Fides manifests lack.
struct FromOptions {
  std::string format;  ///< empty: FILE is a register
  manifest::FidesController controller;
};

struct ValidateOptions {
  Common common;
  FromOptions from;
  std::string file;
  std::string lang;
};

// Reads the register file, saying what in it is deprecated.
model::Register read_file(const Common& common, const std::string& file) {
  manifest::RegisterFile read = manifest::load_register(file);
  for (const Diagnostic& d : read.warnings) note(common, "warning: " + d.str());
  return std::move(read.reg);
}

// Reads FILE as --from says: a register, or Fides manifests made into one,
// then read back as a register file is, so that it passes the same checks.
// Every manifest field with no place in the register is noted.
model::Register read_input(const Common& common, const FromOptions& from, const std::string& file) {
  if (from.format.empty()) return read_file(common, file);
  manifest::FidesImport fides = manifest::load_fides(file, from.controller);
  for (const Diagnostic& d : fides.notes) note(common, report::fides_note(d));
  return manifest::parse_register(report::register_document(fides.reg), file + " (as a register)");
}

// --from fides --country CC --timezone ZONE [--language] [--name].
void add_from(CLI::App& cmd, FromOptions& from) {
  CLI::Option* format = cmd.add_option("--from", from.format, "read FILE as another tool's manifests: fides")
                            ->type_name("FORMAT")
                            ->check(CLI::IsMember({"fides"}));
  CLI::Option* country =
      cmd.add_option("--country", from.controller.country, "with --from: the controller's country (ISO 3166-1)")
          ->type_name("CC")
          ->check([](const std::string& v) {
            return model::Countries::builtin().find(v) ? std::string() : "unknown country code; expected one like FR";
          });
  CLI::Option* zone =
      cmd.add_option("--timezone", from.controller.timezone, "with --from: the controller's IANA time zone")
          ->type_name("ZONE")
          ->check([](const std::string& v) {
            Parsed<Zone> z = Zone::find(v);
            return z ? std::string() : z.error();
          });
  CLI::Option* language =
      cmd.add_option("--language", from.controller.language, "with --from: the register's language, en or fr")
          ->type_name("LANG")
          ->check(CLI::IsMember({"en", "fr"}))
          ->default_str("en");
  CLI::Option* name = one_line(cmd.add_option("--name", from.controller.name,
                                              "with --from: the controller's name, over the manifests' organization")
                                   ->type_name("NAME"));
  format->needs(country);
  format->needs(zone);
  for (CLI::Option* o : {country, zone, language, name}) o->needs(format);
}

// Parsing is the whole check: a register that parses is valid.
int validate(const ValidateOptions& o) {
  model::Register reg = read_input(o.common, o.from, o.file);
  if (!o.common.quiet) print(report::register_valid(o.file, reg, language(o.lang, &reg)) + "\n");
  return 0;
}

struct ImportOptions {
  Common common;
  FromOptions from;
  std::string file;
  std::string lang;
};

int import(const ImportOptions& o) {
  // Validate the whole file before touching the store.
  model::Register reg = read_input(o.common, o.from, o.file);
  store::Store s = open_store(o.common);
  Instant at = now(o.common, s.zone());
  store::Transaction tx(s);
  store::RegisterChanges changes = store::save_register(s, reg, o.file);
  report::RegisterImport done{o.file, 0, 0, 0, !changes.empty()};
  for (const auto& [table, c] : changes.tables) {
    done.added += c.added;
    done.changed += c.changed;
    done.removed += c.removed;
  }
  std::string command = o.from.format.empty() ? "register import" : "register import --from " + o.from.format;
  store::append_journal(s, at, {command, o.file, store::journal_counts(changes)});
  tx.commit();
  note(o.common, report::register_imported(done, reg, language(o.lang, &reg)));
  return 0;
}

struct ShowOptions {
  Common common;
  std::string format = "text";
  std::string lang;
  std::string out;                       ///< --out FILE; standard output when empty
  bool excel = false, no_excel = false;  ///< neither: Excel's shape with French
};

// The workbook: dated from the journal, stamped with --as-of or else the last
// register import, so that the same store gives the same bytes.
void write_workbook(const ShowOptions& o, store::Store& s, const model::Register& reg, Lang lang) {
  std::optional<model::RegisterHistory> history = store::register_history(s);
  Instant created = o.common.as_of.empty() && history ? history->last_import : now(o.common, s.zone());
  AtomicFile file(o.out);
  report::write_register_workbook(reg, history, {lang, created}, file.temp_path());
  file.commit();
}

int show(const ShowOptions& o) {
  if ((o.excel || o.no_excel) && o.format != "csv")
    throw Error(ExitCode::usage, "--excel and --no-excel shape the csv format; give --format csv");
  bool workbook = o.format == report::kWorkbookFormat;
  // A zip archive is no text for a terminal or a pipe.
  if (workbook && o.out.empty()) throw Error(ExitCode::usage, "--format xlsx writes a file; give --out FILE");
  store::Store s = open_store(o.common);
  model::Register reg = store::require_register(s);
  report::RenderOptions render;
  render.lang = *parse_lang(o.lang.empty() ? reg.controller.language : o.lang);
  render.color = o.out.empty() && color_enabled(o.common);
  if (workbook) {
    write_workbook(o, s, reg, render.lang);
    return 0;
  }
  // French Excel reads a comma-separated file as one column and garbles
  // UTF-8 without a byte-order mark: French output is for it by default.
  render.excel = o.excel || (!o.no_excel && render.lang == Lang::fr);
  Zone zone = s.zone();
  if (o.format == "csv") {
    render.history = store::register_history(s);
    render.zone = &zone;
  }
  for (const report::RegisterFormat& f : report::register_formats()) {
    if (f.name != o.format) continue;
    if (o.out.empty()) {
      f.render(reg, render, out());
    } else {
      std::ostringstream text;
      f.render(reg, render, text);
      write_file_atomically(o.out, text.str());
    }
  }
  return 0;
}

struct NoticeOptions {
  Common common;
  std::string activity;
  std::string purpose;
  std::string article = "13";
  std::string form = "long";
  std::string format = "text";
  std::string lang;
  std::string more_at;
  std::string out;
};

// The purposes the notice covers: the activity's, or the one --purpose names.
std::vector<model::PurposeId> notice_purposes(const model::Activity& a, const std::string& purpose) {
  if (purpose.empty()) return a.purposes;
  model::PurposeId id(purpose);
  if (std::find(a.purposes.begin(), a.purposes.end(), id) == a.purposes.end())
    throw Error(ExitCode::invalid_input, "unknown purpose" + quoted_id(purpose) + " in --purpose: activity " +
                                             quote(a.id.str()) + " does not serve it");
  return {id};
}

// Writes the notice to --out or standard output, then its SHA-256 where
// the notice is not: a script keeps both (docs/design.md 2.7).
int notice(const NoticeOptions& o) {
  store::Store s = open_store(o.common);
  model::Register reg = store::require_register(s);
  const model::Activity* a = reg.activity(model::ActivityId(o.activity));
  if (!a) throw Error(ExitCode::invalid_input, "unknown activity" + quoted_id(o.activity) + " in the register");
  report::NoticeInput in{reg, *a, notice_purposes(*a, o.purpose)};
  in.article = o.article == "14" ? report::NoticeArticle::art14 : report::NoticeArticle::art13;
  in.form = o.form == "short" ? report::NoticeForm::short_form : report::NoticeForm::long_form;
  in.more_at = o.more_at;
  std::vector<std::string> errors = report::notice_errors(in);
  if (!errors.empty()) throw Error(ExitCode::invalid_input, errors.front());
  for (const std::string& gap : report::notice_gaps(in)) note(o.common, gap);
  std::string text = report::render_notice(in, o.format, language(o.lang, &reg));
  std::string hex = sha256_hex(text);
  if (o.out.empty()) {
    print(text);
    print_error(report::sha256_line(hex, "-"));
  } else {
    write_file_atomically(o.out, text);
    print(report::sha256_line(hex, o.out));
  }
  return 0;
}

void setup(CLI::App& app, Action& action) {
  auto v = std::make_shared<ValidateOptions>();
  CLI::App* validate_cmd = app.add_subcommand("validate", "check a register file without touching the store");
  validate_cmd->add_option("FILE", v->file, "the register YAML ('-' for standard input), or with --from the manifests")
      ->required();
  add_from(*validate_cmd, v->from);
  add_lang(*validate_cmd, v->lang, kSummaryLang);
  add_common(*validate_cmd, v->common, With{});
  add_action(*validate_cmd, action, v, validate);

  auto i = std::make_shared<ImportOptions>();
  CLI::App* import_cmd =
      app.add_subcommand("import", "make the store's register equal to a register file, in one transaction");
  import_cmd->add_option("FILE", i->file, "the register YAML ('-' for standard input), or with --from the manifests")
      ->required();
  add_from(*import_cmd, i->from);
  add_lang(*import_cmd, i->lang, kSummaryLang);
  add_common(*import_cmd, i->common, With::store | With::as_of);
  add_action(*import_cmd, action, i, import);

  auto s = std::make_shared<ShowOptions>();
  CLI::App* show_cmd = app.add_subcommand("show", "print the record of processing activities");
  std::vector<std::string> formats = names_of(report::register_formats());
  formats.emplace_back(report::kWorkbookFormat);
  show_cmd
      ->add_option("--format", s->format,
                   "text, md, csv (CNIL template columns), json, or xlsx (the CNIL template's workbook; needs --out)")
      ->type_name("FORMAT")
      ->check(CLI::IsMember(formats))
      ->default_str("text");
  show_cmd->add_option("--out", s->out, "write to FILE (atomically, mode 0600) instead of standard output")
      ->type_name("FILE");
  CLI::Option* excel = show_cmd->add_flag(
      "--excel", s->excel, "csv as Excel opens it (byte-order mark, semicolons); the default with French");
  show_cmd->add_flag("--no-excel", s->no_excel, "csv with commas and no byte-order mark")->excludes(excel);
  add_lang(*show_cmd, s->lang);
  add_common(*show_cmd, s->common, With::store | With::as_of | With::color);
  add_action(*show_cmd, action, s, show);

  auto n = std::make_shared<NoticeOptions>();
  CLI::App* notice_cmd = app.add_subcommand(
      "notice", "write the information notice of an activity (Art. 13 or 14) and print its SHA-256");
  notice_cmd->add_option("ACTIVITY", n->activity, "the activity's id in the register")->required();
  notice_cmd->add_option("--purpose", n->purpose, "only this purpose of the activity (a consent form shows one)")
      ->type_name("P");
  notice_cmd->add_option("--article", n->article, "13: the data comes from the person; 14: from elsewhere")
      ->type_name("13|14")
      ->check(CLI::IsMember({"13", "14"}))
      ->default_str("13");
  notice_cmd->add_option("--form", n->form, "short (the essentials, for the form) or long (the whole notice)")
      ->type_name("FORM")
      ->check(CLI::IsMember({"short", "long"}))
      ->default_str("long");
  notice_cmd->add_option("--format", n->format, "text, md or html")
      ->type_name("FORMAT")
      ->check(CLI::IsMember(report::notice_formats()))
      ->default_str("text");
  add_lang(*notice_cmd, n->lang);
  one_line(notice_cmd->add_option("--more-at", n->more_at, "with --form short: where the long notice is")
               ->type_name("WHERE"));
  notice_cmd->add_option("--out", n->out, "write to FILE (atomically, mode 0600); its SHA-256 goes to standard output")
      ->type_name("FILE");
  add_common(*notice_cmd, n->common, With::store);
  add_action(*notice_cmd, action, n, notice);
}

constexpr std::string_view kSynopsis[] = {
    "dpo-register validate [--from fides --country CC --timezone ZONE [--language en|fr] [--name NAME]] [--lang en|fr] "
    "[-q] FILE",
    "dpo-register import [--store PATH] [--as-of TIME] [--from fides --country CC --timezone ZONE [--language en|fr] "
    "[--name NAME]] [--lang en|fr] [-q] FILE",
    "dpo-register show [--store PATH] [--as-of TIME] [--format text|md|csv|json|xlsx] [--excel | --no-excel] "
    "[--lang en|fr] [--out FILE] [--color WHEN] [-q]",
    "dpo-register notice [--store PATH] [--purpose P] [--article 13|14] [--form short|long] "
    "[--format text|md|html] [--lang en|fr] [--more-at WHERE] [--out FILE] [-q] ACTIVITY",
};

}  // namespace

constexpr ExitMeaning kExits[] = {
    {ExitCode::invalid_input, "invalid input (nothing written)"},
};

const Program kRegisterProgram{.name = "dpo-register",
                            .summary = "dpo-register: the Art. 30 register of processing activities",
                            .synopsis = kSynopsis,
                            .setup = setup,
                            .exits = kExits,
                            .see = "See dpo-register(1) and the file format in dpo-register(5)."};

}  // namespace dpo::cmd
