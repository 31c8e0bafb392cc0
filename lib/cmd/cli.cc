#include "cmd/cli.h"

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <iostream>
#include <memory>

#include "base/error.h"
#include "base/file.h"
#include "base/strings.h"
#include "model/register.h"
#include "report/proof_report.h"
#include "report/summary.h"
#include "store/register_store.h"
#include "store/store.h"
#include "time/clock.h"

namespace dpo::cmd {

namespace {

std::string& program_name() {
  static std::string name = "dpo";
  return name;
}

std::string lower_first(std::string text) {
  if (!text.empty() && std::isupper(static_cast<unsigned char>(text[0])) &&
      !(text.size() > 1 && std::isupper(static_cast<unsigned char>(text[1]))))
    text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  while (!text.empty() && (text.back() == '\n' || text.back() == '.')) text.pop_back();
  return text;
}

}  // namespace

const std::string& program() { return program_name(); }

std::ostream& out() { return std::cout; }

void print(std::string_view bytes) { std::cout << bytes; }

void print_error(std::string_view bytes) { std::cerr << bytes << std::flush; }

// Every message goes through printable(): it may quote an input value.
void warn(std::string_view message) { std::cerr << program_name() << ": " << printable(message) << "\n"; }

void note(const Common& common, std::string_view message) {
  if (!common.quiet) warn(message);
}

void add_common(CLI::App& app, Common& common, With with) {
  auto has = [&](With w) { return (static_cast<int>(with) & static_cast<int>(w)) != 0; };
  if (has(With::store))
    app.add_option("--store", common.store, "the store file (default: $DPO_STORE, else ./dpo.sqlite)")
        ->type_name("PATH");
  if (has(With::as_of))
    app.add_option("--as-of", common.as_of, "pin \"now\": an RFC 3339 time or a date (midnight, controller's zone)")
        ->type_name("TIME");
  if (has(With::color))
    app.add_option("--color", common.color, "colour on standard output (NO_COLOR also turns it off)")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->type_name("WHEN")
        ->default_str("auto");
  app.add_flag("-q,--quiet", common.quiet, "print nothing but data and errors");
}

void set_action(CLI::App& cmd, std::function<void()> chosen) { cmd.callback(std::move(chosen)); }

void add_lang(CLI::App& cmd, std::string& lang, std::string help) {
  cmd.add_option("--lang", lang, std::move(help))->type_name("LANG")->check(CLI::IsMember({"en", "fr"}));
}

Lang language(const std::string& asked, const model::Register* reg) {
  std::optional<Lang> l = parse_lang(!asked.empty() ? asked : reg ? reg->controller.language : "en");
  return l ? *l : Lang::en;
}

Lang language(const std::string& asked, store::Store& store) {
  if (!asked.empty()) return language(asked, nullptr);
  std::optional<model::Register> reg = store::load_register(store);
  return language(asked, reg ? &*reg : nullptr);
}

std::string_view exit_meaning(ExitCode code) {
  switch (code) {
    case ExitCode::ok: return "ok";
    case ExitCode::findings: return "findings";
    case ExitCode::usage: return "usage";
    case ExitCode::invalid_input: return "invalid input";
    case ExitCode::store: return "store or I/O error";
    case ExitCode::busy: return "store busy";
    case ExitCode::internal: return "internal error";
  }
  return "";
}

std::string exit_footer(const Program& program) {
  // Each code with its meaning stays on one line; the rest wraps by words.
  std::vector<std::string> codes;
  for (ExitCode code : {ExitCode::ok, ExitCode::findings, ExitCode::usage, ExitCode::invalid_input, ExitCode::store,
                        ExitCode::busy, ExitCode::internal}) {
    auto own = std::find_if(program.exits.begin(), program.exits.end(),
                            [&](const ExitMeaning& e) { return e.code == code; });
    if (own == program.exits.end() && code == ExitCode::findings) continue;
    std::string_view meaning = own != program.exits.end() && !own->meaning.empty() ? own->meaning : exit_meaning(code);
    codes.push_back(std::to_string(to_int(code)) + " " + std::string(meaning));
  }
  std::vector<std::string> units{"Exit codes:"};
  for (std::size_t i = 0; i < codes.size(); ++i) units.push_back(codes[i] + (i + 1 == codes.size() ? "." : ","));
  for (const std::string& word : split(program.see, ' ')) units.push_back(word);
  std::string out, line;
  for (const std::string& unit : units) {
    if (!line.empty() && line.size() + 1 + unit.size() > 110) {
      out += line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + unit;
  }
  return out + line;
}

void add_format(CLI::App& cmd, std::string& format, std::vector<std::string> formats, std::string help) {
  if (help.empty())
    for (std::size_t i = 0; i < formats.size(); ++i)
      help += (i == 0 ? "" : i + 1 == formats.size() ? " or " : ", ") + formats[i];
  std::string fallback = formats.front();
  cmd.add_option("--format", format, help)
      ->type_name("FORMAT")
      ->check(CLI::IsMember(std::move(formats)))
      ->default_str(fallback);
}

CLI::Option* one_line(CLI::Option* option) {
  return option->check(CLI::Validator(
      [](std::string& value) -> std::string {
        if (value.empty()) return "must not be empty";
        if (value.find_first_not_of(' ') == std::string::npos) return "must hold text";
        if (TextFault f = text_fault(value)) return "holds " + std::string(f.what);
        if (value.find_first_of("\t\r\n") != std::string::npos) return "must be one line";
        if (TextFault f = invisible_fault(value)) return "holds " + std::string(f.what);
        return {};
      },
      "", "one line"));
}

CLI::Option* not_empty(CLI::Option* option) {
  // First of the option's checks, so that an empty value is said to be one
  // whatever else the option checks (a list of choices, a format).
  return option->transform(CLI::Validator(
      [](std::string& value) { return value.empty() ? std::string("must not be empty") : std::string(); }, "",
      "not empty"));
}

void add_verify(CLI::App& app, Action& action, const std::string& help, const std::string& anchor_help,
                int (*check)(const VerifyOptions&)) {
  auto v = std::make_shared<VerifyOptions>();
  CLI::App* cmd = app.add_subcommand("verify", help);
  cmd->add_option("--anchor", v->anchor, anchor_help)->type_name("HASH");
  add_format(*cmd, v->format, {"text", "json"});
  add_lang(*cmd, v->lang, "en or fr, for the text line (default: the controller's language)");
  add_common(*cmd, v->common, With::store);
  add_action(*cmd, action, v, check);
}

namespace {

int print_anchor(const AnchorOptions& o, std::string (*make)(store::Store&)) {
  store::Store s = open_store(o.common);
  report::render_anchor(make(s), o.format, out());
  return 0;
}

}  // namespace

void add_anchor(CLI::App& app, Action& action, const std::string& help, std::string (*line)(store::Store&)) {
  auto a = std::make_shared<AnchorOptions>();
  CLI::App* cmd = app.add_subcommand("anchor", help);
  add_format(*cmd, a->format, {"text", "json"});
  add_common(*cmd, a->common, With::store);
  set_action(*cmd, [&action, a, line] { action = [a, line] { return print_anchor(*a, line); }; });
}

std::filesystem::path store_path(const Common& common) {
  if (!common.store.empty()) return common.store;
  if (const char* env = std::getenv("DPO_STORE"); env && *env) return env;
  return "dpo.sqlite";
}

Instant now(const Common& common, const Zone& zone) {
  if (common.as_of.empty()) return Clock::system().now();
  Parsed<Instant> t = parse_instant(common.as_of, zone);
  if (!t) throw Error(ExitCode::usage, "bad --as-of" + quoted_id(common.as_of) + ": " + t.error());
  return *t;
}

bool color_enabled(const Common& common) {
  if (common.color == "always") return true;
  if (common.color == "never") return false;
  if (const char* no = std::getenv("NO_COLOR"); no && *no) return false;
  if (const char* term = std::getenv("TERM"); !term || std::string_view(term) == "dumb") return false;
  return ::isatty(STDOUT_FILENO) != 0;
}

namespace {

class SynopsisFormatter : public CLI::Formatter {
 public:
  explicit SynopsisFormatter(std::span<const std::string_view> lines) : lines_(lines) {}

  std::string make_usage(const CLI::App* app, std::string) const override {
    std::string path = app->get_name();
    for (const CLI::App* p = app->get_parent(); p; p = p->get_parent()) path = p->get_name() + " " + path;
    std::string out;
    for (std::string_view line : lines_) {
      bool top = app->get_parent() == nullptr;
      if (!top && !(line.starts_with(path) && (line.size() == path.size() || line[path.size()] == ' '))) continue;
      out += out.empty() ? "usage: " : "       ";
      out += line;
      out += '\n';
    }
    return out;
  }

 private:
  std::span<const std::string_view> lines_;
};

}  // namespace

std::shared_ptr<CLI::Formatter> synopsis_formatter(const Program& program) {
  return std::make_shared<SynopsisFormatter>(program.synopsis);
}

namespace {

// What coreutils' close_stdout does: a full disk or a closed pipe on standard
// output is an I/O error (exit 4), never a silent success with half the data.
int close_stdout(int code) {
  std::cout.flush();
  bool failed = !std::cout.good() || std::ferror(stdout) != 0;
  int error = 0;
  errno = 0;
  if (std::fflush(stdout) != 0) {
    failed = true;
    error = errno;
  }
  if (std::fclose(stdout) != 0 && errno != EBADF) {
    failed = true;
    if (error == 0) error = errno;
  }
  if (!failed) return code;
  warn(error != 0 ? std::string("write error on standard output: ") + std::strerror(error)
                  : std::string("write error on standard output"));
  return code == 0 || code == to_int(ExitCode::findings) ? to_int(ExitCode::store) : code;
}

int run(const Program& program, int argc, char** argv);

// Every option that takes a value, and every argument, refuses an empty one
// (exit 2, dpo(1)): a script's empty variable never means "none", "all" or
// "now".
void refuse_empty_values(CLI::App& app) {
  for (CLI::Option* option : app.get_options([](CLI::Option* o) { return o->get_type_size_max() > 0; }))
    not_empty(option);
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) refuse_empty_values(*sub);
}

}  // namespace

std::vector<std::string> after_command(std::vector<std::string> args) {
  static constexpr std::string_view kWithValue[] = {"--store", "--as-of", "--lang"};
  std::vector<std::string> global;
  std::size_t i = 0;
  while (i < args.size()) {
    const std::string& a = args[i];
    bool with_value = std::find(std::begin(kWithValue), std::end(kWithValue), a) != std::end(kWithValue);
    bool joined = std::any_of(std::begin(kWithValue), std::end(kWithValue), [&](std::string_view o) {
      return a.size() > o.size() && a.compare(0, o.size(), o) == 0 && a[o.size()] == '=';
    });
    if (with_value && i + 1 < args.size()) {
      global.insert(global.end(), {a, args[i + 1]});
      i += 2;
    } else if (joined || a == "-q" || a == "--quiet") {
      global.push_back(a);
      ++i;
    } else {
      break;
    }
  }
  // Nothing after them: no command to move them after.
  if (global.empty() || i == args.size()) return args;
  std::vector<std::string> out(args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
  out.insert(out.end(), global.begin(), global.end());
  return out;
}

int run_main(const Program& program, int argc, char** argv) {
  program_name() = std::string(program.name);
  guard_standard_fds();
  return close_stdout(run(program, argc, argv));
}

namespace {

int run(const Program& program, int argc, char** argv) {
  try {
    CLI::App app{std::string(program.summary), std::string(program.name)};
    app.formatter(synopsis_formatter(program));
    app.footer(exit_footer(program));
    app.require_subcommand(1);
    Action action;
    program.setup(app, action);
    refuse_empty_values(app);
    // Without a subcommand (only options, or nothing), run the default one.
    std::vector<std::string> args = after_command({argv + 1, argv + argc});
    bool named = !args.empty() &&
                 !app.get_subcommands([&](const CLI::App* sub) { return sub->get_name() == args.front(); }).empty();
    bool help = !args.empty() && (args.front() == "-h" || args.front() == "--help");
    if (!program.default_subcommand.empty() && !named && !help)
      args.insert(args.begin(), std::string(program.default_subcommand));
    std::reverse(args.begin(), args.end());  // CLI11 takes them last first
    try {
      app.parse(args);
    } catch (const CLI::ParseError& e) {
      if (e.get_exit_code() == 0) return app.exit(e);  // --help
      warn(lower_first(e.what()));
      std::cerr << "see '" << program.name << " --help'\n";
      return to_int(ExitCode::usage);
    }
    return action ? action() : to_int(ExitCode::usage);
  } catch (const InputError& e) {
    for (const Diagnostic& d : e.diagnostics()) warn(d.str());
    if (e.total() > e.diagnostics().size())
      warn("... and " + std::to_string(e.total() - e.diagnostics().size()) + " more problems");
    warn(e.what());
    return to_int(e.code());
  } catch (const Error& e) {
    warn(e.what());
    return to_int(e.code());
  } catch (const std::bad_alloc&) {
    warn("out of memory");
    return to_int(ExitCode::internal);
  } catch (const std::exception& e) {
    if (std::optional<Error> store_error = store::as_error(e)) {
      warn(store_error->what());
      return to_int(store_error->code());
    }
    warn(std::string("internal error: ") + e.what() + " (please report it)");
    return to_int(ExitCode::internal);
  }
}

}  // namespace

}  // namespace dpo::cmd

namespace dpo::cmd {

manifest::RecordFormat ImportOptions::format() const {
  // A missing file or a directory is an I/O error whatever its name: said
  // before its name is asked for a format.
  if (file != "-") check_input_path(file);
  if (!map.empty()) {
    if (input_format == "jsonl") throw Error(ExitCode::usage, "--map reads CSV exports; give no --input-format jsonl");
    return manifest::RecordFormat::csv;
  }
  if (input_format == "csv") return manifest::RecordFormat::csv;
  if (input_format == "jsonl") return manifest::RecordFormat::jsonl;
  if (std::optional<manifest::RecordFormat> f = manifest::format_of(file)) return *f;
  throw Error(ExitCode::usage, "cannot tell the format of '" + file + "' (use --input-format jsonl or csv)");
}

void add_import_options(CLI::App& cmd, ImportOptions& o) {
  cmd.add_option("FILE", o.file, "a .jsonl or .csv file ('-' for standard input)")->required();
  cmd.add_option("--map", o.map,
                 "read FILE as a CSV export (one person a row, its own columns) through this mapping "
                 "(dpo-mapping(5))")
      ->type_name("MAPPING");
  cmd.add_option("--input-format", o.input_format, "jsonl or csv (default: from the file's extension)")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"jsonl", "csv"}));
  add_lang(cmd, o.lang, kSummaryLang);
  add_common(cmd, o.common, With::store | With::as_of);
}

store::Store open_store(const Common& common) {
  store::Store s = store::Store::open(store_path(common), Clock::system().now());
  if (s.migrated_from())
    note(common, "migrated store '" + s.path().string() + "' from schema version " +
                     std::to_string(*s.migrated_from()) + " to " + std::to_string(s.schema_version()));
  for (const std::string& n : s.migration_notes()) warn("warning: " + n);
  return s;
}

Progress::Progress(const Common& common, long long total, const Phrase& unit, Lang lang)
    : shown_(!common.quiet && total > 0 && ::isatty(STDERR_FILENO) != 0), total_(total), unit_(unit), lang_(lang) {}

Progress::~Progress() {
  if (shown_ && percent_ >= 0) std::cerr << "\n";
}

void Progress::finish() {
  if (!shown_) return;
  set(total_);
  std::cerr << "\n";
  shown_ = false;
}

void Progress::set(long long done) {
  done_ = done;
  if (!shown_) return;
  int percent = static_cast<int>(std::min<long long>(100, done_ * 100 / total_));
  if (percent == percent_) return;  // redraw only when the figure changes
  percent_ = percent;
  std::cerr << "\r" << program() << ": " << report::progress_line(done_, total_, unit_, percent, lang_) << std::flush;
}

}  // namespace dpo::cmd
