#include "cmd/frontend.h"

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <regex>
#include <vector>

#include "base/strings.h"
#include "report/store_report.h"
#include "store/register_store.h"
#include "store/schema.h"
#include "store/store.h"
#include "time/clock.h"

#ifndef DPO_VERSION
#define DPO_VERSION "unknown"
#endif

namespace dpo::cmd {

namespace {

namespace fs = std::filesystem;

using CommandInfo = report::CommandSummary;

// Usage lines, word for word the SYNOPSIS of dpo(1).
constexpr std::string_view kSynopsis[] = {
    "dpo [--help] [--version] [--store PATH] [--as-of TIME] [--lang en|fr] [-q] COMMAND [ARGS...]",
    "dpo init [--store PATH] [--as-of TIME] [--lang en|fr] [-q]",
    "dpo status [--store PATH] [--format text|json] [--lang en|fr] [-q]",
    "dpo version",
    "dpo help [COMMAND]",
};

// The front end's own commands.
constexpr CommandInfo kBuiltins[] = {
    {"init", "create a store"},
    {"status", "show the store's path, schema version and rows per table"},
    {"version", "print dpokit's version"},
    {"help", "list the commands, or show one command's help"},
};

// Command families: each is the binary dpo-NAME, found beside dpo or on PATH.
constexpr CommandInfo kFamilies[] = {
    {"register", "the Art. 30 register of processing activities, as YAML"},
    {"subject", "data subjects, their engagements and the personal data held"},
    {"consent", "the append-only, hash-chained consent ledger: grant, withdraw, verify, receipts"},
    {"audit", "check the store against every rule of the catalogue; findings and KPIs"},
    {"purge", "delete or anonymise what has expired, erase on request, with proof of erasure"},
    {"sar", "subject-access reports and the request log with Art. 12(3) deadlines"},
    {"breach", "the breach register, the 72-hour clock, the risk assessment and the drafts"},
};

bool is_builtin(std::string_view name) {
  for (const CommandInfo& c : kBuiltins)
    if (c.name == name) return true;
  return false;
}

fs::path own_directory() {
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : self.parent_path();
}

bool executable(const fs::path& p) { return ::access(p.c_str(), X_OK) == 0 && !fs::is_directory(p); }

// `program` in a directory of PATH, if any.
std::optional<fs::path> find_on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::string_view dirs = path ? path : "";
  while (!dirs.empty()) {
    std::size_t colon = dirs.find(':');
    std::string_view dir = dirs.substr(0, colon);
    if (!dir.empty() && executable(fs::path(dir) / program)) return fs::path(dir) / program;
    if (colon == std::string_view::npos) break;
    dirs.remove_prefix(colon + 1);
  }
  return std::nullopt;
}

// dpo-NAME beside this binary, else the first on PATH.
std::optional<fs::path> find_command(std::string_view name) {
  std::string binary = "dpo-" + std::string(name);
  fs::path beside = own_directory() / binary;
  if (!own_directory().empty() && executable(beside)) return beside;
  return find_on_path(binary);
}

// The man page of `page`, installed (PREFIX/share/man/man1 beside
// PREFIX/bin) or in the source tree (the build tree's apps/ is two levels
// below it).
std::optional<fs::path> man_page(const std::string& page) {
  fs::path dir = own_directory();
  if (dir.empty()) return std::nullopt;
  for (const fs::path& candidate : {dir / "../share/man/man1" / (page + ".1"), dir / "../../man" / (page + ".1")}) {
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec)) return fs::weakly_canonical(candidate, ec);
  }
  return std::nullopt;
}

// Replaces this process with man(1) showing `page`; returns only when there
// is no page or man cannot be run, and the caller falls back to --help.
void open_man_page(const std::string& page) {
  std::optional<fs::path> man = find_on_path("man");
  std::optional<fs::path> file = man_page(page);
  if (!man || !file) return;
  std::string argv0 = "man", local = "-l", name = file->string();
  char* args[] = {argv0.data(), local.data(), name.data(), nullptr};
  ::execv(man->c_str(), args);
}

[[noreturn]] void run_command(const fs::path& binary, std::string_view name, int argc, char** argv, int first) {
  std::string argv0 = "dpo-" + std::string(name);
  std::vector<char*> args{argv0.data()};
  for (int i = first; i < argc; ++i) args.push_back(argv[i]);
  args.push_back(nullptr);
  ::execv(binary.c_str(), args.data());
  throw Error(ExitCode::internal, "cannot run '" + binary.string() + "': " + std::strerror(errno));
}

[[noreturn]] void unknown_command(std::string_view name) {
  std::vector<std::string> known;
  for (const CommandInfo& c : kBuiltins) known.emplace_back(c.name);
  for (const CommandInfo& c : kFamilies) known.emplace_back(c.name);
  std::string hint = did_you_mean(name, known);
  throw Error(ExitCode::usage,
              "'" + std::string(name) + "' is not a dpo command (" + (hint.empty() ? "see 'dpo help'" : hint) + ")");
}

void print_overview() {
  std::vector<CommandInfo> found;
  for (const CommandInfo& c : kFamilies)
    if (find_command(c.name)) found.push_back(c);
  report::render_overview(kSynopsis[0], kBuiltins, found, out());
}

struct InitOptions {
  Common common;
  std::string lang;
};

int init(const InitOptions& o) {
  fs::path path = store_path(o.common);
  Instant at = now(o.common, Zone());
  if (store::file_exists(path)) {
    store::Store s = open_store(o.common);
    note(o.common, report::store_exists(path.string(), s.schema_version(), language(o.lang, s)));
    return 0;
  }
  store::Store s = store::Store::create(path, at);
  // No register yet: English unless --lang says otherwise.
  if (!o.common.quiet) print(report::store_initialised(fs::absolute(path).string(), language(o.lang, nullptr)) + "\n");
  return 0;
}

struct StatusOptions {
  Common common;
  std::string format = "text";
  std::string lang;
};

int status(const StatusOptions& o) {
  store::Store s = open_store(o.common);
  // First, so that a damaged file is reported as such, whatever fails next.
  std::vector<std::string> problems = store::integrity_problems(s);
  if (!problems.empty()) {
    for (const std::string& p : problems) warn("integrity check: " + p);
    throw Error(ExitCode::store, "the store '" + s.path().string() +
                                     "' fails SQLite's integrity check; restore it from a backup "
                                     "(see FILES in dpo(1))");
  }
  std::optional<model::Register> reg = store::load_register(s);
  report::StoreStatus status{fs::absolute(s.path()).string(), s.schema_version(), std::nullopt, s.zone().name(), {}};
  if (reg) status.controller = reg->controller.name;
  for (const store::TableCount& t : store::table_counts(s)) status.tables.emplace_back(t.table, t.rows);
  report::render_status(status, o.format, language(o.lang, reg ? &*reg : nullptr), out());
  return 0;
}

int version() {
  print(report::version_line(DPO_VERSION, store::latest_schema_version(), store::sqlite_version()) + "\n");
  return 0;
}

void setup(CLI::App& app, Action& action) {
  app.set_version_flag("--version", std::string("dpo version ") + DPO_VERSION);
  auto i = std::make_shared<InitOptions>();
  CLI::App* init_cmd = app.add_subcommand("init", "create a store (mode 0600); an existing store is left as is");
  add_lang(*init_cmd, i->lang, "en or fr, for the message (default: English, or an existing store's register's)");
  add_common(*init_cmd, i->common, With::store | With::as_of);
  add_action(*init_cmd, action, i, init);

  auto s = std::make_shared<StatusOptions>();
  CLI::App* status_cmd = app.add_subcommand("status", "show the store's path, schema version and rows per table");
  add_format(*status_cmd, s->format, {"text", "json"});
  add_lang(*status_cmd, s->lang);
  add_common(*status_cmd, s->common, With::store);
  add_action(*status_cmd, action, s, status);

  CLI::App* version_cmd = app.add_subcommand("version", "print dpokit's version");
  set_action(*version_cmd, [&action] { action = [] { return version(); }; });

  auto topic = std::make_shared<std::string>();
  CLI::App* help_cmd = app.add_subcommand("help", "list the commands, or show one command's help");
  help_cmd->add_option("COMMAND", *topic, "a command");
  set_action(*help_cmd, [&action, &app, topic] {
    action = [&app, topic]() -> int {
      if (topic->empty()) {
        print_overview();
        return 0;
      }
      if (is_builtin(*topic)) {
        print(app.get_subcommand(*topic)->help());
        return 0;
      }
      std::optional<fs::path> binary = find_command(*topic);
      if (!binary) unknown_command(*topic);
      // On a terminal, the man page, as 'git help' does; else (a pipe, a
      // script, no man) the program's own --help.
      if (::isatty(STDOUT_FILENO)) open_man_page("dpo-" + *topic);
      char help_flag[] = "--help";
      char* args[] = {help_flag};
      run_command(*binary, *topic, 1, args, 0);
    };
  });
}

constexpr ExitMeaning kExits[] = {
    {ExitCode::findings},
};

const Program kFrontend{.name = "dpo",
                            .summary = "dpo: a GDPR compliance toolkit",
                            .synopsis = kSynopsis,
                            .setup = setup,
                            .exits = kExits,
                            .see = "Run 'dpo help' for the command families; see dpo(1)."};

}  // namespace

int frontend_main(int argc, char** argv) {
  // `dpo --store X COMMAND ...`: the options every command takes move after it.
  std::vector<std::string> moved = after_command({argv + 1, argv + argc});
  std::vector<char*> args{argv[0]};
  for (std::string& a : moved) args.push_back(a.data());
  args.push_back(nullptr);
  argc = static_cast<int>(args.size()) - 1;
  argv = args.data();
  // `dpo X ARGS` runs dpo-X, git-style, unless X is one of dpo's own commands.
  if (argc >= 2 && argv[1][0] != '-' && !is_builtin(argv[1])) {
    std::string_view name = argv[1];
    try {
      // The name becomes part of a path: letters, digits and dashes only.
      if (!std::regex_match(std::string(name), std::regex("[a-z][a-z0-9-]*"))) unknown_command(name);
      std::optional<fs::path> binary = find_command(name);
      if (!binary) unknown_command(name);
      run_command(*binary, name, argc, argv, 2);
    } catch (const Error& e) {
      warn(e.what());
      return to_int(e.code());
    }
  }
  if (argc == 1) {
    print_overview();
    return to_int(ExitCode::usage);
  }
  return run_main(kFrontend, argc, argv);
}

}  // namespace dpo::cmd
