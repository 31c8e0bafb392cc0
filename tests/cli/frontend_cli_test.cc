#include <catch2/catch.hpp>
#include <sys/stat.h>

#include <regex>
#include <sstream>

#include "base/strings.h"
#include "cli/cli_support.h"

using namespace dpo::test;

TEST_CASE("dpo init creates a 0600 store once, and a second init leaves it", "[cli][dpo]") {
  TempDir dir;
  std::string store = (dir / "dpo.sqlite").string();
  Run first = run("dpo", {"init", "--store", store});
  CHECK(first.exit_code == 0);
  CHECK(first.out == "initialised an empty dpo store in " + store + "\n");
  struct stat st {};
  REQUIRE(::stat(store.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  Run second = run("dpo", {"init", "--store", store});
  CHECK(second.exit_code == 0);
  CHECK(second.err == "dpo: store '" + store + "' already exists (schema version " + std::to_string(latest_schema()) +
                          ")\n");
  // No register yet: English unless --lang says otherwise.
  CHECK(run("dpo", {"init", "--lang", "fr", "--store", store}).err ==
        "dpo: la base '" + store + "' existe déjà (version du schéma " + std::to_string(latest_schema()) + ")\n");
  std::string other = (dir / "autre.sqlite").string();
  CHECK(run("dpo", {"init", "--lang", "fr", "--store", other}).out == "base dpo vide créée dans " + other + "\n");
}

TEST_CASE("dpo dispatches 'dpo X' to dpo-X with its arguments", "[cli][dpo]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir);
  Run direct = run("dpo-register", {"show", "--store", store.string(), "--format", "json"});
  Run through = run("dpo", {"register", "show", "--store", store.string(), "--format", "json"});
  CHECK(through.exit_code == 0);
  CHECK(through.out == direct.out);
  Run help = run("dpo", {"help", "register"});
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("usage: dpo-register validate [--from fides --country CC --timezone ZONE [--language en|fr] "
                      "[--name NAME]] [--lang en|fr] [-q] FILE") != std::string::npos);
}

TEST_CASE("the options every command takes may come before it, git-style", "[cli][dpo]") {
  TempDir dir;
  std::string store = (dir / "dpo.sqlite").string();
  // dpo --store X init used to exit 2.
  Run init = run("dpo", {"--store", store, "init"});
  CHECK(init.exit_code == 0);
  CHECK(init.out == "initialised an empty dpo store in " + store + "\n");
  CHECK(run("dpo", {"--store", store, "-q", "register", "import",
                    (source_dir() / "examples/training-org/register.yaml").string()})
            .exit_code == 0);
  // Before the command, before a program's subcommand, joined with '=': the
  // same bytes as after it.
  Run after = run("dpo-audit", {"run", "--store", store, "--as-of", "2026-11-26", "--format", "json", "--fail-on",
                                "never"});
  REQUIRE(after.exit_code == 0);
  CHECK(run("dpo", {"--store", store, "--as-of", "2026-11-26", "audit", "--format", "json", "--fail-on", "never"})
            .out == after.out);
  CHECK(run("dpo-audit", {"--store=" + store, "--as-of=2026-11-26", "run", "--format", "json", "--fail-on", "never"})
            .out == after.out);
  CHECK(run("dpo-consent", {"--store", store, "verify"}).out == run("dpo-consent", {"verify", "--store", store}).out);
  // A command that does not take one says so.
  Run lang = run("dpo", {"--store", store, "--lang", "fr", "consent", "anchor"});
  CHECK(lang.exit_code == 2);
  CHECK(lang.err.find("--lang") != std::string::npos);
  // Alone, with no command after them, they are left for the usage error.
  CHECK(run("dpo", {"--store", store}).exit_code == 2);
}

TEST_CASE("an unknown command is a usage error with a suggestion", "[cli][dpo]") {
  Run typo = run("dpo", {"registr", "show"});
  CHECK(typo.exit_code == 2);
  CHECK(typo.err == "dpo: 'registr' is not a dpo command (did you mean 'register'?)\n");
  Run far = run("dpo", {"payroll"});
  CHECK(far.exit_code == 2);
  CHECK(far.err == "dpo: 'payroll' is not a dpo command (see 'dpo help')\n");
  Run path = run("dpo", {"../../bin/sh"});
  CHECK(path.exit_code == 2);
  CHECK(path.err == "dpo: '../../bin/sh' is not a dpo command (see 'dpo help')\n");
  Run bare = run("dpo", {});
  CHECK(bare.exit_code == 2);
  CHECK(bare.out.starts_with("usage: dpo [--help] [--version] [--store PATH] [--as-of TIME] [--lang en|fr] [-q] COMMAND "
                             "[ARGS...]\n"));
}

TEST_CASE("dpo help lists its commands and the families it finds", "[cli][dpo]") {
  Run r = run("dpo", {"help"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("   init       create a store\n") != std::string::npos);
  CHECK(r.out.find("   register   the Art. 30 register of processing activities, as YAML\n") != std::string::npos);
  CHECK(r.out.find("   subject    data subjects, their engagements and the personal data held\n") !=
        std::string::npos);
}

TEST_CASE("dpo status prints the store, its schema version and rows per table", "[cli][dpo]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true);
  Run json = run("dpo", {"status", "--store", store.string(), "--format", "json"});
  CHECK(json.exit_code == 0);
  CHECK(json.out.find("\"schema_version\": " + std::to_string(latest_schema()) + ",") != std::string::npos);
  CHECK(json.out.find("\"controller\": \"Atelier Lumen Formation SAS\",") != std::string::npos);
  CHECK(json.out.find("\"activity\": 8,") != std::string::npos);
  CHECK(json.out.find("\"subject\": 223,") != std::string::npos);
  CHECK(json.out.find("\"holding\": 2619,") != std::string::npos);
  Run again = run("dpo", {"status", "--store", store.string(), "--format", "json"});
  CHECK(again.out == json.out);
  Run text = run("dpo", {"status", "--store", store.string(), "--lang", "en"});
  CHECK(text.out.find("schema version  " + std::to_string(latest_schema()) + "\n") != std::string::npos);
  CHECK(text.out.find("integrity       ok\n") != std::string::npos);
  CHECK(json.out.find("\"integrity\": \"ok\",") != std::string::npos);
  // The counts stay in one column however long a table's name.
  CHECK(text.out.find("\n  activity                         8\n") != std::string::npos);
  CHECK(text.out.find("\n  activity_dpia_criterion          1\n") != std::string::npos);
  CHECK(text.out.find("\n  holding                       2619\n") != std::string::npos);
  // In the register's language by default: French labels, counts grouped
  // by a narrow no-break space; the tables keep the store's names.
  Run fr = run("dpo", {"status", "--store", store.string()});
  CHECK(fr.out.find("version du schéma  " + std::to_string(latest_schema()) + "\n") != std::string::npos);
  CHECK(fr.out.find("intégrité          ok\n") != std::string::npos);
  CHECK(fr.out.find("\n  holding                      2\u202F619\n") != std::string::npos);
}

namespace {

// The example store with the holding table's root page overwritten, as a disk fault would.
std::filesystem::path store_with_damaged_holdings(const TempDir& dir, bool with_consents = false) {
  std::filesystem::path store = example_store(dir, true, with_consents);
  int page_size = 0;
  int holding_root = 0;
  {
    SQLite::Database db(store.string(), SQLite::OPEN_READWRITE);
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    page_size = db.execAndGet("PRAGMA page_size").getInt();
    holding_root = db.execAndGet("SELECT rootpage FROM sqlite_schema WHERE name = 'holding'").getInt();
  }
  damage_page(store, holding_root, page_size);
  return store;
}

}  // namespace

TEST_CASE("dpo status reports a store whose integrity check fails, exit 4", "[cli][dpo]") {
  TempDir dir;
  std::filesystem::path store = store_with_damaged_holdings(dir);
  Run r = run("dpo", {"status", "--store", store.string()});
  CHECK(r.exit_code == 4);
  CHECK(r.out.empty());
  CHECK(r.err.starts_with("dpo: integrity check: "));
  CHECK(r.err.find("\\x0a") == std::string::npos);  // one problem a line
  CHECK(r.err.ends_with("dpo: the store '" + store.string() +
                        "' fails SQLite's integrity check; restore it from a backup (see FILES in dpo(1))\n"));
}

TEST_CASE("every command that reads a damaged table exits 4, never 0 or 70", "[cli][dpo]") {
  TempDir dir;
  std::filesystem::path store = store_with_damaged_holdings(dir, true);
  const std::vector<std::vector<std::string>> commands{
      {"dpo-audit", "--as-of", "2026-11-26"}, {"dpo-purge", "--dry-run", "--as-of", "2026-11-26"},
      {"dpo-purge", "--as-of", "2026-11-26"}, {"dpo-sar", "export", "L-2023-001"},
      {"dpo-subject", "show", "L-2023-001"}, {"dpo-purge", "--subject", "L-2023-001"}};
  for (const auto& c : commands) {
    std::vector<std::string> args(c.begin() + 1, c.end());
    args.insert(args.end(), {"--store", store.string()});
    Run r = run(c.front(), args);
    INFO(c.front() + " " + c[1] + ": " + r.err);
    CHECK(r.exit_code == 4);
    CHECK(r.err.find("database disk image is malformed") != std::string::npos);
  }
}

TEST_CASE("malformed or empty option values exit 2 in every program", "[cli][dpo]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true);
  std::string s = store.string();
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases{
      {{"dpo-audit", "--store", s, "--as-of", "yesterday"}, "bad --as-of 'yesterday'"},
      {{"dpo-audit", "--store", s, "--as-of", ""}, "--as-of: must not be empty"},
      {{"dpo-purge", "--store", s, "--dry-run", "--as-of", ""}, "--as-of: must not be empty"},
      {{"dpo-sar", "list", "--store", s, "--due-within", "a week"}, "--due-within"},
      {{"dpo-sar", "open", "--store", s, "--type", "access", "--received", "31/01/2026", "L-2023-001"},
       "bad --received"},
      {{"dpo-consent", "withdraw", "--store", s, "--at", "noon", "L-2023-001", "newsletter"}, "bad --at"},
      {{"dpo-consent", "verify", "--store", s, "--anchor", "12:nothex"}, "bad --anchor"},
  };
  std::string before = dump(store);
  for (const Case& c : cases) {
    std::vector<std::string> args(c.args.begin() + 1, c.args.end());
    Run r = run(c.args.front(), args);
    INFO(c.args.front() + ": " + r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(c.message) != std::string::npos);
  }
  CHECK(dump(store) == before);
}

TEST_CASE("every option value and argument of every program refuses an empty value with exit 2", "[cli][dpo]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true);
  std::string before = dump(store);
  // Each usage line of each program's --help (its man page's SYNOPSIS): every
  // "--option VALUE" given '', then every ARGUMENT given ''. They exited 0
  // for --at, --due-within and --anchor, and 2 only by luck for others.
  const std::regex option(R"((--[a-z][a-z-]*) ([A-Z]+|[a-z]+(\|[a-z]+)+)\b)");
  const std::regex argument(R"(^[\[(]*([A-Z]+)[\])|.]*$)");
  int tried = 0;
  for (const char* program :
       {"dpo", "dpo-register", "dpo-subject", "dpo-consent", "dpo-audit", "dpo-purge", "dpo-sar", "dpo-breach"}) {
    std::string help = run(program, {"--help"}).out;
    help = help.substr(help.find("usage: "));
    std::istringstream lines(help.substr(0, help.find("\n\n")));
    for (std::string line; std::getline(lines, line);) {
      line = line.substr(line.find(program));
      std::vector<std::string> words = dpo::split(line, ' ');
      if (words.size() < 2 || words[1] == "[--help]") continue;  // dpo's dispatch to dpo-X
      // The subcommand: its words ("tasks cancel"), the optional one in brackets.
      std::vector<std::string> sub;
      for (std::size_t w = 1; w < words.size() && std::regex_match(words[w], std::regex(R"(\[?[a-z]+\]?)")); ++w)
        sub.push_back(std::regex_replace(words[w], std::regex(R"([\[\]])"), ""));
      bool has_store = line.find("--store PATH") != std::string::npos;
      std::vector<std::vector<std::string>> attempts;
      for (std::sregex_iterator m(line.begin(), line.end(), option), end; m != end; ++m) {
        std::vector<std::string> args = sub;
        if (has_store && (*m)[1] != "--store") args.insert(args.end(), {"--store", store.string()});
        args.insert(args.end(), {(*m)[1].str(), ""});
        attempts.push_back(args);
      }
      for (std::size_t i = 2; i < words.size(); ++i) {
        std::smatch m;
        if (!std::regex_match(words[i], m, argument) || words[i - 1].find("--") != std::string::npos) continue;
        std::vector<std::string> args = sub;
        if (has_store) args.insert(args.end(), {"--store", store.string()});
        args.push_back("");
        attempts.push_back(args);
      }
      for (const std::vector<std::string>& args : attempts) {
        Run r = run(program, args);
        INFO(line << "\n" << program << " " << dpo::join(args, " ") << ": " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find(": must not be empty\n") != std::string::npos);
        ++tried;
      }
    }
  }
  CHECK(tried > 100);
  CHECK(dump(store) == before);
}

TEST_CASE("a command-line value that is not id-shaped is named by its option and never echoed", "[cli][dpo]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true, true);
  std::string s = store.string();
  struct Case {
    std::vector<std::string> args;
    int exit_code;
    std::string err;
  };
  const std::string name = "Louise Morel";
  const std::vector<Case> cases{
      {{"dpo-consent", "list", "--store", s, "--purpose", name}, 3, "dpo-consent: unknown purpose in --purpose\n"},
      {{"dpo-purge", "--store", s, "--dry-run", "--rule", name + "/1"}, 2,
       "dpo-purge: unknown rule in --rule (rules are ACTIVITY/N)\n"},
      {{"dpo-audit", "--store", s, "--rule", name}, 2, "dpo-audit: unknown rule in --rule (see 'dpo audit rules')\n"},
      {{"dpo-breach", "assess", "--store", s, name}, 3, "dpo-breach: no breach in the register; record it first\n"},
      {{"dpo-sar", "open", "--store", s, "--type", name, "--received", "2026-11-02", "L-2023-001"}, 2,
       "dpo-sar: unknown request type in --type\n"},
      {{"dpo-audit", "--store", s, "--as-of", name}, 2,
       "dpo-audit: bad --as-of: expected an RFC 3339 time like 2026-05-29T16:00:00+02:00 or a date YYYY-MM-DD\n"},
      // An id-shaped value is echoed, with a suggestion.
      {{"dpo-consent", "list", "--store", s, "--purpose", "newsleter"}, 3,
       "dpo-consent: unknown purpose 'newsleter' in --purpose (did you mean 'newsletter'?)\n"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args(c.args.begin() + 1, c.args.end());
    Run r = run(c.args.front(), args);
    INFO(c.args.front() + " " + c.args[1]);
    CHECK(r.exit_code == c.exit_code);
    CHECK(r.err == c.err);
  }
}

TEST_CASE("a missing input file or a directory is exit 4 in every importer", "[cli][dpo]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true);
  std::filesystem::create_directory(dir / "adir");
  // Whatever the name: without an extension, the record importers said
  // "cannot tell the format" (exit 2) before looking at the file.
  for (const std::string& input :
       {(dir / "none.jsonl").string(), (dir / "none").string(), (dir / "adir").string()}) {
    for (const std::vector<std::string>& c : std::vector<std::vector<std::string>>{
             {"dpo-register", "import"}, {"dpo-register", "validate"}, {"dpo-subject", "import"},
             {"dpo-consent", "import"}, {"dpo-subject", "import", "--input-format", "jsonl"},
             {"dpo-consent", "import", "--input-format", "csv"}, {"dpo-breach", "record"}}) {
      std::vector<std::string> args{c[1], "--store", store.string(), input};
      if (c[1] == "validate") args = {"validate", input};
      args.insert(args.begin() + 1, c.begin() + 2, c.end());
      Run r = run(c[0], args);
      INFO(c[0] + " " + c[1] + " " + input + ": " + r.err);
      CHECK(r.exit_code == 4);
      CHECK(r.err.find("cannot read '" + input + "'") != std::string::npos);
    }
    Run batch = run("dpo-sar", {"export", "--store", store.string(), "--batch", input, "--out-dir",
                                (dir / "out").string()});
    CHECK(batch.exit_code == 4);
  }
}

TEST_CASE("two names of one store share one purge lock", "[cli][dpo]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true);
  std::filesystem::create_symlink(store, dir / "alias.sqlite");
  // A held lock through one name: the purge through the other waits, or exits 5.
  Run held = run("/bin/sh", {"-c", "exec 9>'" + store.string() + ".lock' && flock -n 9 && '" +
                                       (bin_dir() / "dpo-purge").string() + "' --store '" + (dir / "alias.sqlite").string() +
                                       "' --dry-run -q"});
  CHECK(held.exit_code == 5);
  CHECK(!std::filesystem::exists(dir / "alias.sqlite.lock"));
}

TEST_CASE("an empty secret in the store is exit 4 with a message, not 70", "[cli][dpo]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true);
  {
    SQLite::Database db(store.string(), SQLite::OPEN_READWRITE);
    db.exec("UPDATE meta SET value = x'' WHERE key = 'secret'");
  }
  Run r = run("dpo-subject", {"show", "--store", store.string(), "L-2023-001"});
  CHECK(r.exit_code == 4);
  CHECK(r.err == "dpo-subject: the store's secret is empty: the store was damaged; restore it from a backup\n");
}

TEST_CASE("dpo version names the schema it writes", "[cli][dpo]") {
  Run r = run("dpo", {"version"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.starts_with("dpo version 0.1.0 (store schema " + std::to_string(latest_schema()) + ", SQLite 3."));
  CHECK(run("dpo", {"--version"}).out == "dpo version 0.1.0\n");
}

TEST_CASE("a missing store, a foreign file and a newer store exit 4", "[cli][dpo]") {
  TempDir dir;
  Run missing = run("dpo", {"status", "--store", (dir / "none.sqlite").string()});
  CHECK(missing.exit_code == 4);
  CHECK(missing.err == "dpo: no store at '" + (dir / "none.sqlite").string() + "' (run 'dpo init' to create one)\n");
  write_text(dir / "notes.txt", "my notes, not a database, long enough to have a header............\n");
  Run foreign = run("dpo", {"status", "--store", (dir / "notes.txt").string()});
  CHECK(foreign.exit_code == 4);
  CHECK(read_text(dir / "notes.txt").starts_with("my notes"));
  std::filesystem::path store = example_store(dir);
  {
    SQLite::Database db(store.string(), SQLite::OPEN_READWRITE);
    db.exec("PRAGMA user_version = 99");
  }
  Run newer = run("dpo-register", {"show", "--store", store.string()});
  CHECK(newer.exit_code == 4);
  CHECK(newer.err == "dpo-register: store '" + store.string() +
                         "' has schema version 99, newer than this dpokit reads (" + std::to_string(latest_schema()) +
                         "); upgrade dpokit\n");
}

TEST_CASE("a store from every older schema is migrated on open and says so", "[cli][dpo]") {
  TempDir dir;
  for (int version = 1; version < latest_schema(); ++version) {
    INFO("from version " << version);
    std::filesystem::path store = dir / ("v" + std::to_string(version) + ".sqlite");
    make_old_store(store, version);
    Run reg = run("dpo-register", {"import", "--store", store.string(),
                                   (source_dir() / "examples/training-org/register.yaml").string()});
    CHECK(reg.exit_code == 0);
    CHECK(reg.err.starts_with("dpo-register: migrated store '" + store.string() + "' from schema version " +
                              std::to_string(version) + " to " + std::to_string(latest_schema()) + "\n"));
    Run sub = run("dpo-subject", {"import", "--store", store.string(),
                                  (source_dir() / "examples/training-org/subjects.jsonl").string()});
    CHECK(sub.exit_code == 0);
    SQLite::Database db(store.string());
    CHECK(db.execAndGet("SELECT count(*) FROM subject").getInt() == 223);
    CHECK(db.execAndGet("PRAGMA user_version").getInt() == latest_schema());
  }
}

TEST_CASE("a store another run is writing to exits 5 after the busy timeout", "[cli][dpo]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir);
  SQLite::Database other(store.string(), SQLite::OPEN_READWRITE);
  other.exec("BEGIN IMMEDIATE");
  Run r = run("dpo-register",
              {"import", "--store", store.string(), (source_dir() / "examples/training-org/register.yaml").string()},
              "", {"DPO_BUSY_TIMEOUT_MS=100"});
  CHECK(r.exit_code == 5);
  CHECK(r.err == "dpo-register: the store is busy: another dpo run is writing to it; retry later\n");
  other.exec("ROLLBACK");
}

TEST_CASE("DPO_STORE names the store when --store is absent", "[cli][dpo]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir);
  Run r = run("dpo", {"status", "--format", "json"}, "", {"DPO_STORE=" + store.string()});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("\"store\": \"" + store.string() + "\"") != std::string::npos);
}
