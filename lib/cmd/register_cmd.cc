#include "cmd/register_cmd.h"

#include <CLI/CLI.hpp>

#include <memory>

#include "manifest/register_file.h"
#include "report/register_report.h"
#include "store/register_store.h"
#include "store/store.h"

namespace dpo::cmd {

namespace {

struct ValidateOptions {
  Common common;
  std::string file;
};

// Reads the register file, saying what in it is deprecated.
model::Register read_file(const Common& common, const std::string& file) {
  manifest::RegisterFile read = manifest::load_register(file);
  for (const Diagnostic& d : read.warnings) note(common, "warning: " + d.str());
  return std::move(read.reg);
}

// Parsing is the whole check: a register that parses is valid.
int validate(const ValidateOptions& o) {
  model::Register reg = read_file(o.common, o.file);
  if (!o.common.quiet) print(report::register_valid(o.file, reg) + "\n");
  return 0;
}

struct ImportOptions {
  Common common;
  std::string file;
};

int import(const ImportOptions& o) {
  // Validate the whole file before touching the store.
  model::Register reg = read_file(o.common, o.file);
  store::Store s = open_store(o.common);
  Instant at = now(o.common, s.zone());
  store::Transaction tx(s);
  store::ChangeSet changes = store::save_register(s, reg, o.file);
  report::RegisterImport done{o.file, 0, 0, 0, !changes.empty()};
  for (const auto& [table, c] : changes) {
    done.added += c.added;
    done.changed += c.changed;
    done.removed += c.removed;
  }
  store::append_journal(s, at, {"register import", o.file, store::journal_counts(changes)});
  tx.commit();
  note(o.common, report::register_imported(done, reg));
  return 0;
}

struct ShowOptions {
  Common common;
  std::string format = "text";
  std::string lang;
};

int show(const ShowOptions& o) {
  store::Store s = open_store(o.common);
  model::Register reg = store::require_register(s);
  report::RenderOptions render;
  render.lang = *parse_lang(o.lang.empty() ? reg.controller.language : o.lang);
  render.color = color_enabled(o.common);
  for (const report::RegisterFormat& f : report::register_formats())
    if (f.name == o.format) f.render(reg, render, out());
  return 0;
}

void setup(CLI::App& app, Action& action) {
  auto v = std::make_shared<ValidateOptions>();
  CLI::App* validate_cmd = app.add_subcommand("validate", "check a register file without touching the store");
  validate_cmd->add_option("FILE", v->file, "the register YAML ('-' for standard input)")->required();
  add_common(*validate_cmd, v->common, With{});
  add_action(*validate_cmd, action, v, validate);

  auto i = std::make_shared<ImportOptions>();
  CLI::App* import_cmd =
      app.add_subcommand("import", "make the store's register equal to a register file, in one transaction");
  import_cmd->add_option("FILE", i->file, "the register YAML ('-' for standard input)")->required();
  add_common(*import_cmd, i->common, With::store | With::as_of);
  add_action(*import_cmd, action, i, import);

  auto s = std::make_shared<ShowOptions>();
  CLI::App* show_cmd = app.add_subcommand("show", "print the record of processing activities");
  show_cmd->add_option("--format", s->format, "text, md, csv (CNIL template columns) or json")
      ->type_name("FORMAT")
      ->check(CLI::IsMember(names_of(report::register_formats())))
      ->default_str("text");
  add_lang(*show_cmd, s->lang);
  add_common(*show_cmd, s->common, With::store | With::color);
  add_action(*show_cmd, action, s, show);
}

constexpr std::string_view kSynopsis[] = {
    "dpo-register validate [-q] FILE",
    "dpo-register import [--store PATH] [--as-of TIME] [-q] FILE",
    "dpo-register show [--store PATH] [--format text|md|csv|json] [--lang en|fr] [--color WHEN] [-q]",
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
