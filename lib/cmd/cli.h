#pragma once


#include <filesystem>
#include <functional>
#include <iosfwd>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/lang.h"
#include "time/instant.h"

/// What every dpokit binary shares: options, messages, the one catch site.
// CLI11 is declared here only: its header costs ~20 s of compile per
// translation unit, so the thin mains in apps/ do without it.
namespace CLI {
class App;
class Formatter;
class Option;
}  // namespace CLI

namespace dpo::store {
class Store;
}
namespace dpo::model {
struct Register;
}

namespace dpo::cmd {

/// Options every binary accepts (docs/design.md section 1).
struct Common {
  std::string store;  ///< --store, else $DPO_STORE, else ./dpo.sqlite
  std::string as_of;  ///< --as-of: pins "now"
  std::string color = "auto";
  bool quiet = false;
};

/// Which of the shared options a subcommand takes.
enum class With { store = 1, as_of = 2, color = 4 };
constexpr With operator|(With a, With b) { return static_cast<With>(static_cast<int>(a) | static_cast<int>(b)); }

/// Adds --store, --as-of, --color (as asked) and -q/--quiet to a subcommand.
void add_common(CLI::App& app, Common& common, With with);

/// --format FORMAT, one of `formats` (the first is the default); `help`
/// defaults to "text, csv or json".
void add_format(CLI::App& cmd, std::string& format, std::vector<std::string> formats, std::string help = {});

/// The names of a report's formats (report::audit_formats(), ...), for --format.
template <class Formats>
[[nodiscard]] std::vector<std::string> names_of(const Formats& formats) {
  std::vector<std::string> out;
  for (const auto& f : formats) out.emplace_back(f.name);
  return out;
}

/// Refuses an empty value for `option` (exit 2): a script's empty variable
/// given to --subject must not mean "everyone" (for dpo purge, a whole
/// retention run), nor --at '' "now". run_main() gives it to every option
/// that takes a value and every argument of every program. Returns the option.
CLI::Option* not_empty(CLI::Option* option);
/// Refuses (exit 2) a value that is not one line of visible text: blank,
/// control characters, line breaks, invisible characters. For free text a
/// command stores and prints back (a reason), which must not forge lines.
CLI::Option* one_line(CLI::Option* option);

/// The store path the options name.
[[nodiscard]] std::filesystem::path store_path(const Common& common);
/// "Now" for this run: --as-of (a bare date is midnight in `zone`) or the system clock.
[[nodiscard]] Instant now(const Common& common, const Zone& zone);
/// Whether to colour standard output: --color, NO_COLOR, a terminal, TERM.
[[nodiscard]] bool color_enabled(const Common& common);

/// Standard output, handed to the renderers of report/: cmd/ formats
/// nothing itself (tests/arch/ checks it), and this is where its bytes go.
[[nodiscard]] std::ostream& out();
/// Writes bytes a renderer made (a document, a file's content) to standard output.
void print(std::string_view bytes);

/// Writes bytes as they are to standard error, whatever --quiet: data a
/// script captures beside standard output (a notice's SHA-256).
void print_error(std::string_view bytes);

/// The binary's name, for messages ("dpo-register").
[[nodiscard]] const std::string& program();
/// Prints "program: message" on standard error unless --quiet.
void note(const Common& common, std::string_view message);
/// Prints "program: message" on standard error.
void warn(std::string_view message);

/// "\rdpo-purge: 12000/243000 holdings (4%)" (in `lang`) on standard error, only when it
/// is a terminal and --quiet was not given; the line is ended when done.
class Progress {
 public:
  Progress(const Common& common, long long total, const Phrase& unit, Lang lang);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  [[nodiscard]] bool shown() const { return shown_; }
  void add(long long n) { set(done_ + n); }
  void set(long long done);
  /// Shows 100% and ends the line, before the command's summary.
  void finish();

 private:
  bool shown_;
  long long total_;
  Phrase unit_;
  Lang lang_;
  long long done_ = 0;
  int percent_ = -1;
};

/// What a subcommand runs once its flags are parsed; returns the exit code.
using Action = std::function<int()>;

/// Makes `run(*options)` the action when `cmd` is chosen: the options live
/// as long as the parser, which fills them.
template <class Options>
void add_action(CLI::App& cmd, Action& action, std::shared_ptr<Options> options, int (*run)(const Options&));
/// What add_action does, without the CLI11 header: `chosen` runs when `cmd` is parsed.
void set_action(CLI::App& cmd, std::function<void()> chosen);

/// The help of --lang for a command that prints only a summary or a progress
/// message (docs/design.md 1).
inline constexpr const char* kSummaryLang = "en or fr, for the summary (default: the controller's language)";
/// --lang en|fr; `help` says what it applies to and its default.
void add_lang(CLI::App& cmd, std::string& lang,
              std::string help = "en or fr (default: the controller's language)");
/// The language of what a command prints for people (docs/design.md 1):
/// --lang when given, else the register's controller.language, else
/// English (no register imported yet).
[[nodiscard]] Lang language(const std::string& asked, const model::Register* reg);
/// The same, reading the register from the store only when --lang is not given.
[[nodiscard]] Lang language(const std::string& asked, store::Store& store);

/// The options of a tamper check (consent verify, purge verify).
struct VerifyOptions {
  Common common;
  std::string anchor;
  std::string format = "text";
  std::string lang;
};

/// Adds the `verify` subcommand: --anchor HASH (`anchor_help`), --format
/// text|json, --lang, --store; `check` runs it.
void add_verify(CLI::App& app, Action& action, const std::string& help, const std::string& anchor_help,
                int (*check)(const VerifyOptions&));

/// The options of an anchor (consent anchor, purge anchor).
struct AnchorOptions {
  Common common;
  std::string format = "text";
};

/// Adds the `anchor` subcommand: --format text|json, --store. It prints the
/// line `line` gives (N:HASH[:MAC]), or that line as JSON.
void add_anchor(CLI::App& app, Action& action, const std::string& help, std::string (*line)(store::Store&));

/// An exit code as one program explains it: 1 (findings), which only some
/// programs use, or another code whose usual meaning (exit_meaning) it makes
/// more precise. Every program may end with 0, 2, 3, 4, 5 and 70.
struct ExitMeaning {
  ExitCode code;
  std::string_view meaning = {};
};
/// "ok", "findings", "usage", "invalid input", "store or I/O error", "store busy", "internal error".
[[nodiscard]] std::string_view exit_meaning(ExitCode code);

/// A binary: its name, one line saying what it does, its usage lines (the
/// SYNOPSIS of its man page, word for word), a setup function that adds its
/// subcommands, each of which sets `action` when chosen, and its exit codes,
/// which --help lists (tests/docs/ holds them to the man page's EXIT STATUS).
struct Program {
  std::string_view name;
  std::string_view summary;
  std::span<const std::string_view> synopsis;
  void (*setup)(CLI::App& app, Action& action);
  /// Its own exit codes and meanings, beside those every program has.
  std::span<const ExitMeaning> exits;
  /// The last sentences of --help: where to read more.
  std::string_view see;
  /// The subcommand run when none is named ("dpo-audit" is "dpo-audit run").
  std::string_view default_subcommand = {};
};

/// The footer of a program's --help: its exit codes in order, then `see`, wrapped.
[[nodiscard]] std::string exit_footer(const Program& program);

/// CLI11 help whose usage lines are the program's synopsis: for a subcommand,
/// the lines that start with it.
[[nodiscard]] std::shared_ptr<CLI::Formatter> synopsis_formatter(const Program& program);

/// Parses flags, runs the chosen action and maps every failure to its exit
/// code and message: the one catch site of every binary (STYLE habit 3).
int run_main(const Program& program, int argc, char** argv);

/// git's habit: the options every command takes (--store, --as-of, --lang,
/// -q), given before the command (`dpo --store X audit`, `dpo-consent --store
/// X verify`), are moved after it, where the command reads them. Anything
/// else is left where it is.
[[nodiscard]] std::vector<std::string> after_command(std::vector<std::string> args);

template <class Options>
void add_action(CLI::App& cmd, Action& action, std::shared_ptr<Options> options, int (*run)(const Options&)) {
  set_action(cmd, [&action, options, run] { action = [options, run] { return run(*options); }; });
}

}  // namespace dpo::cmd

#include "manifest/records.h"

namespace dpo::store {
class Store;
}

namespace dpo::cmd {
/// Opens the store the options name, saying so when it migrated it.
[[nodiscard]] store::Store open_store(const Common& common);

/// What an import subcommand takes: a record file and its format.
struct ImportOptions {
  Common common;
  std::string file;
  std::string input_format;
  /// Bring back people on the suppression list: erased on request (subject
  /// import), or who objected to direct marketing (subject and consent import).
  bool allow_suppressed = false;
  /// --map: a CSV export read through this mapping (dpo-mapping(5)).
  std::string map;
  std::string lang;  ///< --lang, for the summary
  /// csv with --map; else --input-format if given, else the file's
  /// extension; Error(usage) when neither tells.
  [[nodiscard]] manifest::RecordFormat format() const;
};

/// Adds FILE, --input-format, --lang and the shared options to an import subcommand.
void add_import_options(CLI::App& cmd, ImportOptions& options);
}  // namespace dpo::cmd
