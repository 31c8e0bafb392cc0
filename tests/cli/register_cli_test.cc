#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "cli/cli_support.h"

using namespace dpo::test;

namespace {

// A small valid register; each invalid case changes one line of it.
const std::string kBase = R"(version: 1
controller:
  name: Test Org
  country: FR
  timezone: Europe/Paris
  language: fr
data_categories:
  - { id: identity, label: Identity }
  - { id: health, label: Health, special: true }
purposes:
  - { id: training, label: Training }
  - { id: newsletter, label: Newsletter, consent: required, validity: P3Y }
processors:
  - id: host
    name: Host SAS
    country: FR
    dpa: { signed: 2024-01-01, clauses: [instructions] }
activities:
  - id: delivery
    name: Delivery
    purposes: [training]
    legal_basis: contract
    data: [identity]
    processors: [host]
    retention:
      - { data: [identity], keep: P5Y, from: end, action: delete }
  - id: mailing
    name: Mailing
    purposes: [newsletter]
    legal_basis: consent
    data: [identity]
    retention:
      - { data: [identity], keep: P1M, from: consent-withdrawn, action: delete }
)";

std::string replaced(const std::string& from, const std::string& to) {
  std::string text = kBase;
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  return text;
}

// Imports `text` as r.yaml in `dir` and checks it is refused with `message`
// (the first diagnostic line, after "dpo-register: "), exit 3, naming the
// file as the user named it, and the store left as it was.
void check_refused(const TempDir& dir, const std::filesystem::path& store, const std::string& text,
                   const std::string& message) {
  std::string before = dump(store);
  write_text(dir / "r.yaml", text);
  Run r = run("dpo-register", {"import", "--store", store.string(), (dir / "r.yaml").string()});
  std::string err = r.err;
  for (std::string::size_type at; (at = err.find((dir / "r.yaml").string())) != std::string::npos;)
    err.replace(at, (dir / "r.yaml").string().size(), "r.yaml");
  CHECK(r.exit_code == 3);
  CHECK(err.substr(0, err.find('\n')) == "dpo-register: " + message);
  CHECK(err.find("dpo-register: 'r.yaml' has ") != std::string::npos);
  CHECK(r.out.empty());
  CHECK(dump(store) == before);
}

struct Case {
  const char* name;
  const char* from;
  const char* to;
  const char* message;  // the first diagnostic line, after "dpo-register: "
};

// Each case: what the user got wrong, and the exact message naming where.
const Case kCases[] = {
    {"YAML syntax", "  name: Test Org", "  name: Test: Org", "bad YAML: illegal map value at r.yaml:3:13"},
    {"missing controller", "controller:\n  name: Test Org\n  country: FR\n  timezone: Europe/Paris\n  language: fr\n",
     "", "missing 'controller' in the register at r.yaml:1:1"},
    {"unknown top-level key", "activities:", "activites:",
     "unknown key 'activites' in the register at r.yaml:18:1 (did you mean 'activities'?)"},
    {"unknown key in an activity", "    legal_basis: contract", "    legal_bsis: contract",
     "unknown key 'legal_bsis' in an activity at r.yaml:22:5 (did you mean 'legal_basis'?)"},
    {"duplicate key", "    name: Delivery", "    name: Delivery\n    name: Again",
     "duplicate key 'name' in an activity at r.yaml:21:5"},
    {"unknown purpose", "    purposes: [training]", "    purposes: [trainig]",
     "unknown purpose 'trainig' at r.yaml:21:16 (did you mean 'training'?)"},
    {"unknown data category", "    data: [identity]\n    processors", "    data: [identiy]\n    processors",
     "unknown data category 'identiy' at r.yaml:23:12 (did you mean 'identity'?)"},
    {"unknown processor", "    processors: [host]", "    processors: [hots]",
     "unknown processor 'hots' at r.yaml:24:18 (did you mean 'host'?)"},
    {"unknown legal basis", "    legal_basis: contract", "    legal_basis: contrat",
     "unknown legal basis 'contrat' at r.yaml:22:18 (did you mean 'contract'?)"},
    {"bad duration", "keep: P5Y", "keep: 5Y",
     "bad duration '5Y' for 'keep' in a retention rule of activity 'delivery' at r.yaml:26:35 (expected an ISO "
     "8601 duration like P3Y, P13M, P30D or PT72H)"},
    {"bad date", "signed: 2024-01-01", "signed: 2024-13-01",
     "bad date '2024-13-01' for 'signed' in the DPA of processor 'host' at r.yaml:17:20 (no such day in the "
     "calendar)"},
    {"duplicate activity id", "  - id: mailing", "  - id: delivery",
     "duplicate activity id 'delivery' at r.yaml:27:9 (first defined at r.yaml:19:9)"},
    {"retention of a category the activity does not list", "      - { data: [identity], keep: P5Y",
     "      - { data: [health], keep: P5Y",
     "retention rule names data category 'health', which activity 'delivery' does not list in 'data' at "
     "r.yaml:26:18 (add it to 'data' or remove it from the rule)"},
    {"consent trigger on an activity without consent", "keep: P5Y, from: end", "keep: P5Y, from: consent-withdrawn",
     "retention trigger 'consent-withdrawn' cannot apply to activity 'delivery', which does not rest on consent at "
     "r.yaml:26:46 (use collected, last-contact or end)"},
    {"unknown retention action", "from: end, action: delete", "from: end, action: erase",
     "unknown retention action 'erase' at r.yaml:26:59 (expected one of delete, anonymise, archive, review)"},
    {"unknown time zone", "  timezone: Europe/Paris", "  timezone: Europe/Pariss",
     "unknown time zone 'Europe/Pariss' at r.yaml:5:13 (use an IANA name like Europe/Paris)"},
    {"unknown country", "  country: FR", "  country: fr", "unknown country 'fr' at r.yaml:4:12 (did you mean 'FR'?)"},
    {"missing controller name", "  name: Test Org\n", "",
     "missing 'name' in 'controller' at r.yaml:3:3"},
    {"unknown DPA clause", "clauses: [instructions]", "clauses: [instruction]",
     "unknown DPA clause 'instruction' at r.yaml:17:42 (did you mean 'instructions'?)"},
    {"validity on a purpose without consent", "{ id: training, label: Training }",
     "{ id: training, label: Training, validity: P1Y }",
     "'validity' set on purpose 'training', which needs no consent at r.yaml:11:48 (add 'consent: required' or "
     "remove 'validity')"},
    {"wrong type", "    data: [identity]\n    processors", "    data: { identity: yes }\n    processors",
     "expected a list of data category ids in 'data' at r.yaml:23:11 (like data: [a, b])"},
    {"a single value where a list belongs", "    purposes: [training]", "    purposes: training",
     "expected a list of purpose ids in 'purposes' at r.yaml:21:15 (like purposes: [a, b])"},
    {"unsupported version", "version: 1", "version: 2",
     "unsupported register version 2 at r.yaml:1:10 (this dpokit reads version 1)"},
    {"two retention rules for one category", "      - { data: [identity], keep: P5Y, from: end, action: delete }",
     "      - { data: [identity], keep: P5Y, from: end, action: delete }\n"
     "      - { data: [identity], keep: P1Y, from: end, action: delete }",
     "data category 'identity' has two retention rules from 'end' that delete in activity 'delivery' at "
     "r.yaml:27:18 (keep one, the shorter always applies first; the other is at r.yaml:26:18)"},
    {"a fallback for a date every holding has",
     "      - { data: [identity], keep: P5Y, from: end, action: delete }",
     "      - { data: [identity], keep: P5Y, from: collected, else: end, action: delete }",
     "a retention rule from 'collected' cannot have 'else': every holding has a collection date at r.yaml:26:63 "
     "(remove 'else')"},
    {"a fallback on a consent trigger",
     "      - { data: [identity], keep: P1M, from: consent-withdrawn, action: delete }",
     "      - { data: [identity], keep: P1M, from: consent-withdrawn, else: collected, action: delete }",
     "a retention rule from 'consent-withdrawn' cannot have 'else': a consent still given is not a missing date at "
     "r.yaml:33:71 (remove 'else', or write a second rule for the other date)"},
    {"a fallback that cannot stand in",
     "      - { data: [identity], keep: P5Y, from: end, action: delete }",
     "      - { data: [identity], keep: P5Y, from: end, else: consent-expired, action: delete }",
     "retention trigger 'consent-expired' cannot stand in for 'end' at r.yaml:26:57 (use collected, or the other "
     "of end and last-contact)"},
    {"a special category of another kind", "  - { id: health, label: Health, special: true }",
     "  - { id: health, label: Health, special: true, kind: financial }",
     "data category 'health' is special (Art. 9) but of kind 'financial' at r.yaml:9:55 (write kind: special, or "
     "remove special: true)"},
    {"an unknown kind", "  - { id: identity, label: Identity }", "  - { id: identity, label: Identity, kind: nir }",
     "unknown data kind 'nir' at r.yaml:8:44 (expected one of identity, personal-life, professional, financial, "
     "connection, location, official-id, credentials, special, criminal, other)"},
    {"a legal obligation without its text",
     "      - { data: [identity], keep: P5Y, from: end, action: delete }",
     "      - { data: [identity], keep: P5Y, from: end, action: delete, obligation: true }",
     "a retention rule of activity 'delivery' says a legal obligation sets it, but names no 'basis' at "
     "r.yaml:26:79 (name the text, e.g. basis: \"C. com. L123-22\")"},
};

}  // namespace

TEST_CASE("every invalid register is refused with file:line:column, exit 3 and the store unchanged",
          "[cli][register]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir);
  for (const Case& c : kCases) {
    INFO(c.name);
    check_refused(dir, store, replaced(c.from, c.to), c.message);
  }
  CHECK(std::size(kCases) >= 15);
}

TEST_CASE("validate reports every problem of a file and exits 3", "[cli][register]") {
  TempDir dir;
  write_text(dir / "r.yaml", replaced("    purposes: [training]", "    purposes: [trainig]\n    dpia: maybe"));
  Run r = run("dpo-register", {"validate", (dir / "r.yaml").string()});
  CHECK(r.exit_code == 3);
  std::string f = (dir / "r.yaml").string();
  CHECK(r.err == "dpo-register: unknown purpose 'trainig' at " + f + ":21:16 (did you mean 'training'?)\n" +
                     "dpo-register: unknown DPIA status 'maybe' at " + f +
                     ":22:11 (expected one of required, done, not-required)\n" + "dpo-register: '" + f +
                     "' has 2 errors; nothing was written\n");
}

TEST_CASE("init, import, show: the quick start prints the register, and a second import changes no row",
          "[cli][register]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir);
  std::string before = dump(store);
  std::string file = (source_dir() / "examples/training-org/register.yaml").string();
  // In the register's language, French, or as --lang says.
  Run again = run("dpo-register", {"import", "--store", store.string(), file});
  CHECK(again.exit_code == 0);
  CHECK(again.err == "dpo-register: import de '" + file +
                         "'\u202F: 8 traitements, 9 finalités, 12 catégories de données, 5 sous-traitants\u202F; "
                         "aucun changement\n");
  CHECK(run("dpo-register", {"import", "--lang", "en", "--store", store.string(), file}).err ==
        "dpo-register: imported '" + file +
            "': 8 activities, 9 purposes, 12 data categories, 5 processors; no change\n");
  std::string after = dump(store);
  // Only the journal grew, by one row.
  CHECK(after.substr(0, after.find("== journal")) == before.substr(0, before.find("== journal")));
  CHECK(after.substr(after.find("== meta")) == before.substr(before.find("== meta")));

  Run csv = run("dpo-register", {"show", "--store", store.string(), "--format", "csv"});
  CHECK(csv.exit_code == 0);
  // French: as French Excel opens it, a byte-order mark and semicolons.
  CHECK(csv.out.starts_with("\xEF\xBB\xBFNom du traitement;Référence;Date de mise à jour;"));
  CHECK(std::count(csv.out.begin(), csv.out.end(), '\n') == 9);
  Run comma = run("dpo-register", {"show", "--store", store.string(), "--format", "csv", "--no-excel"});
  CHECK(comma.out.starts_with("Nom du traitement,Référence,Date de mise à jour,"));
  CHECK(std::count(comma.out.begin(), comma.out.end(), '\n') == 9);
  Run english = run("dpo-register", {"show", "--store", store.string(), "--format", "csv", "--lang", "en"});
  CHECK(english.out.starts_with("Activity,Reference,Last update,"));
  Run english_excel =
      run("dpo-register", {"show", "--store", store.string(), "--format", "csv", "--lang", "en", "--excel"});
  CHECK(english_excel.out.starts_with("\xEF\xBB\xBF" "Activity;Reference;Last update;"));
  // Every row has as many cells as the header, semicolons in cells quoted.
  std::string body = english_excel.out.substr(3);
  std::size_t cells_in_header = 0, quotes = 0;
  for (char c : body.substr(0, body.find('\n'))) cells_in_header += c == ';';
  for (std::size_t at = 0, line_start = 0; at < body.size(); ++at) {
    if (body[at] == '"') ++quotes;
    if (body[at] == '\n') {
      std::size_t semicolons = 0, q = 0;
      for (std::size_t i = line_start; i < at; ++i) {
        if (body[i] == '"') ++q;
        if (body[i] == ';' && q % 2 == 0) ++semicolons;
      }
      CHECK(semicolons == cells_in_header);
      line_start = at + 1;
    }
  }
  CHECK(quotes > 0);
  Run wrong = run("dpo-register", {"show", "--store", store.string(), "--format", "json", "--excel"});
  CHECK(wrong.exit_code == 2);
  CHECK(wrong.err == "dpo-register: --excel and --no-excel shape the csv format; give --format csv\n");
  Run json = run("dpo-register", {"show", "--store", store.string(), "--format", "json"});
  write_text(dir / "back.json", json.out);
  Run reimport = run("dpo-register", {"import", "--store", store.string(), (dir / "back.json").string(), "-q"});
  CHECK(reimport.exit_code == 0);
  CHECK(reimport.err.empty());
  after = dump(store);
  CHECK(after.substr(0, after.find("== journal")) == before.substr(0, before.find("== journal")));
}

TEST_CASE("the register is read from standard input with '-'", "[cli][register]") {
  Run r = run("dpo-register", {"validate", "-"}, kBase);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "-\u202F: registre valide (2 traitements, 2 finalités, 2 catégories de données, 1 sous-traitant)\n");
}

TEST_CASE("a register using a deprecated name is valid and says how to write it now, unless quiet",
          "[cli][register]") {
  std::string old = replaced(kBase, "clauses: [instructions]", "clauses: [instructions, breach-notice]");
  Run r = run("dpo-register", {"validate", "--lang", "en", "-"}, old);
  CHECK(r.exit_code == 0);
  CHECK(r.err == "dpo-register: warning: DPA clause 'breach-notice' is now called 'assistance-32-36' at <stdin>:17:56 "
                 "(Art. 28(3)(f) covers assistance with security, breaches, DPIAs and prior consultation)\n");
  CHECK(r.out == "-: valid register (2 activities, 2 purposes, 2 data categories, 1 processor)\n");
  CHECK(run("dpo-register", {"validate", "-", "-q"}, old).err.empty());
  // Imported under its new name.
  TempDir dir;
  std::filesystem::path store = dir / "dpo.sqlite";
  REQUIRE(run("dpo", {"init", "--store", store.string(), "-q"}).exit_code == 0);
  Run i = run("dpo-register", {"import", "--store", store.string(), "-", "-q"}, old);
  CHECK(i.exit_code == 0);
  Run show = run("dpo-register", {"show", "--store", store.string(), "--format", "json"});
  CHECK(show.out.find("\"clauses\": [\n          \"instructions\",\n          \"assistance-32-36\"\n") !=
        std::string::npos);
}

TEST_CASE("usage errors exit 2 with a hint", "[cli][register]") {
  Run none = run("dpo-register", {});
  CHECK(none.exit_code == 2);
  Run bad = run("dpo-register", {"show", "--format", "xml"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.starts_with("dpo-register: --format: xml not in {text,md,csv,json,xlsx}"));
  Run help = run("dpo-register", {"import", "--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("--store") != std::string::npos);
}

TEST_CASE("an archive with no final deletion, and anonymised free text without a justification, are refused",
          "[cli][register]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir);
  using dpo::test::replaced;
  const std::string rule = "      - { data: [identity], keep: P5Y, from: end, action: delete }";
  const std::string free_text = replaced(kBase, "{ id: identity, label: Identity }",
                                     "{ id: identity, label: Identity, free_text: true }");
  struct {
    const char* name;
    std::string text;
    const char* message;
  } cases[] = {
      {"an archive kept for ever", replaced(kBase, rule, "      - { data: [identity], keep: P1Y, from: end, action: archive }"),
       "data category 'identity' is archived by activity 'delivery' but no retention rule of it deletes or "
       "anonymises it at the end at r.yaml:26:18 (add a rule with 'action: delete' counted from the same date, "
       "longer than the archive's)"},
      {"anonymised free text", replaced(free_text, rule, "      - { data: [identity], keep: P5Y, from: end, action: anonymise }"),
       "retention rule of activity 'delivery' anonymises data category 'identity', which is free text: removing the "
       "identifiers around it does not anonymise it at r.yaml:26:18 (delete it instead, or say how the text is "
       "anonymised in 'justification')"},
      {"a blank justification",
       replaced(free_text, rule,
                "      - { data: [identity], keep: P5Y, from: end, action: anonymise, justification: \"  \" }"),
       "retention rule of activity 'delivery' anonymises data category 'identity', which is free text: removing the "
       "identifiers around it does not anonymise it at r.yaml:26:18 (delete it instead, or say how the text is "
       "anonymised in 'justification')"},
      {"a justification for a deletion",
       replaced(kBase, rule, "      - { data: [identity], keep: P5Y, from: end, action: delete, justification: rewritten }"),
       "a retention rule of activity 'delivery' justifies an anonymisation but does not anonymise at r.yaml:26:82 "
       "(remove 'justification', or set 'action: anonymise')"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    check_refused(dir, store, c.text, c.message);
  }
  // Archived, then deleted: accepted; free text anonymised with the reason why it works: accepted.
  write_text(dir / "r.yaml",
             replaced(free_text, rule,
                  "      - { data: [identity], keep: P1Y, from: end, action: archive }\n"
                  "      - { data: [identity], keep: P5Y, from: end, action: anonymise, justification: \"the text "
                  "is replaced by its rating out of five\" }"));
  Run ok = run("dpo-register", {"import", "--store", store.string(), (dir / "r.yaml").string()});
  CHECK(ok.exit_code == 0);
  Run show = run("dpo-register", {"show", "--store", store.string(), "--format", "json"});
  CHECK(show.out.find(R"("action": "archive")") != std::string::npos);
  CHECK(show.out.find(R"("justification": "the text is replaced by its rating out of five")") != std::string::npos);
  CHECK(show.out.find(R"("free_text": true)") != std::string::npos);
}

namespace {

// tests/data/fides, a training company's manifests: three systems, six
// privacy declarations, special categories, free-text retention.
std::filesystem::path fides_dir() { return source_dir() / "tests/data/fides"; }

std::vector<std::string> fides_args(const std::string& command, const std::filesystem::path& store,
                                    const std::filesystem::path& path) {
  return {command,     "--store", store.string(), "--from",       "fides",
          "--country", "FR",      "--timezone",   "Europe/Paris", path.string()};
}

// `text` with every `from` replaced by `to`.
std::string every(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

}  // namespace

TEST_CASE("register import --from fides makes one activity of each privacy declaration", "[cli][register][fides]") {
  TempDir dir;
  std::filesystem::path store = dir / "dpo.sqlite";
  REQUIRE(run("dpo", {"init", "--store", store.string(), "-q"}).exit_code == 0);
  Run r = run("dpo-register", fides_args("import", store, fides_dir()));
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(r.err.ends_with("dpo-register: imported '" + fides_dir().string() +
                        "': 6 activities, 5 purposes, 12 data categories, 0 processors; 77 rows added, 0 changed, "
                        "0 removed\n"));
  Run show = run("dpo-register", {"show", "--store", store.string(), "--format", "json"});
  CHECK(show.out == read_text(source_dir() / "tests/data/fides-register.json"));
  CHECK(dump(store).find("|register import --from fides|" + fides_dir().string() + "|") != std::string::npos);
  // The same manifests again change nothing; validate reads them without a store.
  Run again = run("dpo-register", fides_args("import", store, fides_dir()));
  CHECK(again.err.ends_with("; no change\n"));
  Run valid = run("dpo-register", {"validate", "--from", "fides", "--country", "FR", "--timezone", "Europe/Paris", "-q",
                                   fides_dir().string()});
  CHECK(valid.exit_code == 0);
  CHECK(valid.err.empty());
  CHECK(valid.out.empty());
}

TEST_CASE("register import --from fides notes every manifest field that has no place in the register",
          "[cli][register][fides]") {
  Run r = run("dpo-register",
              {"validate", "--from", "fides", "--country", "FR", "--timezone", "Europe/Paris", fides_dir().string()});
  REQUIRE(r.exit_code == 0);
  std::string err = every(r.err, fides_dir().string() + "/", "");
  CHECK(err ==
        "dpo-register: note: not imported: organization[0].fides_key at 00-organization.yml:4:5 (no place in the "
        "register)\n"
        "dpo-register: note: not imported: organization[0].description at 00-organization.yml:6:5 (no place in the "
        "register)\n"
        "dpo-register: note: not imported: organization[0].controller.name at 00-organization.yml:8:13 (the "
        "organization's name names the controller)\n"
        "dpo-register: note: not imported: organization[0].controller.phone at 00-organization.yml:11:14 (the "
        "register keeps one contact)\n"
        "dpo-register: note: not imported: organization[0].data_protection_officer.address at "
        "00-organization.yml:15:16 (no place in the register)\n"
        "dpo-register: note: not imported: organization[0].security_policy at 00-organization.yml:16:5 (no place "
        "in the register)\n"
        "dpo-register: note: not imported: data_category[0].description at 00-organization.yml:21:5 (no place in "
        "the register)\n"
        "dpo-register: note: not imported: dataset[0] at 00-organization.yml:23:5 (a dataset says where data is "
        "stored, not why it is processed)\n"
        "dpo-register: note: not imported: system[0].system_type at 10-learning.yml:5:5 (no place in the register)\n"
        "dpo-register: note: not imported: system[0].privacy_declarations[0].features at 10-learning.yml:15:9 (no "
        "place in the register)\n"
        "dpo-register: note: retention_period of system[0].privacy_declarations[1] is no period dpokit reads at "
        "10-learning.yml:21:27 (kept as a rule to review at collection (P0D) with its text as basis: write the "
        "period, its start and its action in the register)\n"
        "dpo-register: note: not imported: system[0].privacy_declarations[1].flexible_legal_basis_for_processing at "
        "10-learning.yml:22:9 (the register holds the legal basis chosen, not whether it may change)\n"
        "dpo-register: note: not imported: system[1].system_type at 10-learning.yml:26:5 (no place in the register)\n"
        "dpo-register: note: not imported: system[1].does_international_transfers at 10-learning.yml:27:5 (a "
        "transfer needs its destination country, which Fides does not give: add it to the activity's transfers)\n"
        "dpo-register: note: not imported: system[1].legal_basis_for_transfers at 10-learning.yml:28:5 (a transfer "
        "needs its destination country, which Fides does not give: add it to the activity's transfers)\n"
        "dpo-register: note: not imported: system[1].dpa_location at 10-learning.yml:29:5 (the register records a "
        "processor and its DPA, not where the DPA is filed: add the processor)\n"
        "dpo-register: note: not imported: system[1].privacy_declarations[0].shared_categories at "
        "10-learning.yml:37:9 (the register lists an activity's recipients, not what each receives)\n"
        "dpo-register: note: not imported: system[0].dpo at 20-hr.yaml:8:5 (the register's DPO is the "
        "organization's data_protection_officer)\n"
        "dpo-register: note: not imported: system[0].privacy_declarations[1].processes_special_category_data at "
        "20-hr.yaml:25:9 (the register knows special categories from data_categories)\n"
        "dpo-register: note: not imported: system[0].privacy_declarations[1].impact_assessment_location at "
        "20-hr.yaml:26:9 (the register records a DPIA's status and dates, not where it is filed)\n"
        "dpo-register: note: retention_period of system[0].privacy_declarations[2] is no period dpokit reads at "
        "20-hr.yaml:32:27 (kept as a rule to review at collection (P0D) with its text as basis: write the period, "
        "its start and its action in the register)\n");
  CHECK(r.out ==
        fides_dir().string() + ": valid register (6 activities, 5 purposes, 12 data categories, 0 processors)\n");
  // -q keeps them off standard error, as every note.
  CHECK(run("dpo-register", {"validate", "-q", "--from", "fides", "--country", "FR", "--timezone", "Europe/Paris",
                             fides_dir().string()})
            .err.empty());
}

TEST_CASE("a bad Fides manifest is refused with file:line:column, exit 3 and the store unchanged",
          "[cli][register][fides]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir);
  std::filesystem::create_directory(dir / "fides");
  for (const char* name : {"00-organization.yml", "10-learning.yml", "20-hr.yaml"})
    write_text(dir / "fides" / name, read_text(fides_dir() / name));
  std::string hr = read_text(fides_dir() / "20-hr.yaml");
  hr = replaced(hr, "[user.health_and_medical,", "[user.heath_and_medical,");
  hr = replaced(hr, "data_subjects: [job_applicant]", "data_subjects: job_applicant");
  hr = replaced(hr, "legal_basis_for_processing: Legitimate interests", "legal_basis_for_processing: Legitimate");
  hr = replaced(hr, "    dpo: Claire Martin", "    dpo: Claire Martin\n    dpia_location: here");
  write_text(dir / "fides" / "20-hr.yaml", hr);
  std::string before = dump(store);
  Run r = run("dpo-register", fides_args("import", store, dir / "fides"));
  CHECK(r.exit_code == 3);
  CHECK(r.out.empty());
  CHECK(every(r.err, (dir / "fides").string(), "fides") ==
        "dpo-register: unknown key 'dpia_location' in a system at fides/20-hr.yaml:9:5 (did you mean "
        "'dpa_location'?)\n"
        "dpo-register: unknown fideslang data category 'user.heath_and_medical' at fides/20-hr.yaml:21:27 (did you "
        "mean 'user.health_and_medical'?)\n"
        "dpo-register: expected a list for 'data_subjects' in a privacy declaration, found a single value at "
        "fides/20-hr.yaml:31:24\n"
        "dpo-register: unknown fideslang legal basis 'Legitimate' at fides/20-hr.yaml:32:37 (expected one of "
        "Consent, Contract, Legal obligations, Vital interests, Public interest, Legitimate interests)\n"
        "dpo-register: 'fides' has 4 errors; nothing was written\n");
  CHECK(dump(store) == before);
}

TEST_CASE("register import --from fides needs the controller's country and zone, and a name",
          "[cli][register][fides]") {
  Run no_zone = run("dpo-register", {"validate", "--from", "fides", "--country", "FR", fides_dir().string()});
  CHECK(no_zone.exit_code == 2);
  CHECK(no_zone.err.starts_with("dpo-register: --from requires --timezone\n"));
  Run bad_country = run("dpo-register", {"validate", "--from", "fides", "--country", "XX", "--timezone", "Europe/Paris",
                                         fides_dir().string()});
  CHECK(bad_country.exit_code == 2);
  CHECK(bad_country.err.starts_with("dpo-register: --country: unknown country code; expected one like FR\n"));
  CHECK(run("dpo-register", {"validate", "--country", "FR", fides_dir().string()}).exit_code == 2);
  // Without the organization's manifest, --name names the controller.
  TempDir dir;
  write_text(dir / "hr.yml", read_text(fides_dir() / "20-hr.yaml"));
  std::vector<std::string> args{
      "validate", "-q", "--from", "fides", "--country", "FR", "--timezone", "Europe/Paris", (dir / "hr.yml").string()};
  Run unnamed = run("dpo-register", args);
  CHECK(unnamed.exit_code == 3);
  CHECK(every(unnamed.err, dir.path().string() + "/", "") ==
        "dpo-register: no organization names the controller at hr.yml (add an organization with a name, or give "
        "--name)\n"
        "dpo-register: 'hr.yml' has 1 error; nothing was written\n");
  args.insert(args.end() - 1, {"--name", "Lumen RH", "--language", "fr"});
  args.erase(args.begin() + 1);  // -q: the summary is what is checked
  Run named = run("dpo-register", args);
  CHECK(named.exit_code == 0);
  CHECK(named.out == (dir / "hr.yml").string() +
                         "\u202F: registre valide (3 traitements, 2 finalités, 6 catégories de données, "
                         "0 sous-traitant)\n");
}

TEST_CASE("the audit of a register imported from Fides shows what the manifests leave out", "[cli][register][fides]") {
  TempDir dir;
  std::filesystem::path store = dir / "dpo.sqlite";
  REQUIRE(run("dpo", {"init", "--store", store.string(), "-q"}).exit_code == 0);
  std::vector<std::string> args = fides_args("import", store, fides_dir());
  args.push_back("-q");
  REQUIRE(run("dpo-register", args).exit_code == 0);
  Run audit = run("dpo-audit", {"--store", store.string(), "--as-of", "2026-12-01", "--format", "json"});
  CHECK(audit.exit_code == 1);
  INFO(audit.err);
  std::vector<std::string> found;
  nlohmann::json report = nlohmann::json::parse(audit.out);
  for (const auto& f : report["findings"])
    found.push_back(f["rule"].get<std::string>() + " " + f["message"].get<std::string>());
  CHECK(found ==
        std::vector<std::string>{
            "REG-002 activity 'lms.essential.service' does not record its recipients",
            "REG-002 activity 'lms.analytics.reporting' does not record its recipients",
            "REG-002 activity 'newsletter.marketing.communications.email' does not record its security measures",
            "REG-002 activity 'hr.employment' does not record its recipients",
            "REG-002 activity 'hr.employment-2' does not record its recipients",
            "REG-002 activity 'hr.employment.recruitment' does not record its recipients",
            "REG-004 activity 'hr.employment' meets 2 WP248 criteria (evaluation or scoring, sensitive or highly "
            "personal data): its DPIA is not done",
            "REG-004 activity 'hr.employment-2' meets 2 WP248 criteria (evaluation or scoring, sensitive or highly "
            "personal data): its DPIA is not done",
            "REG-004 activity 'hr.employment.recruitment' meets 2 WP248 criteria (evaluation or scoring, sensitive "
            "or highly personal data): its DPIA is not done",
            "REG-006 activity 'hr.employment.recruitment' holds criminal-offence data (user.criminal_history) and "
            "names no text that authorises it",
            "RET-001 activity 'hr.employment-2' has no retention rule for data category 'user.health_and_medical'",
            "RET-001 activity 'hr.employment-2' has no retention rule for data category 'user.biometric.fingerprint'",
            // A retention period in words is kept, and flagged until it is written as one.
            "RET-004 activity 'lms.analytics.reporting' rule 1 sets no retention period for data categories "
            "'user.behavior', 'user.device.ip_address': it only says to review at once",
            "RET-004 activity 'hr.employment.recruitment' rule 1 sets no retention period for data category "
            "'user.criminal_history': it only says to review at once",
            "REG-007 activity 'hr.employment' holds official identifiers "
            "(user.government_id.national_identification_number) and names no text that authorises it",
            // Fides says "Legitimate interests" but has no field for the interest pursued.
            "REG-010 activity 'lms.analytics.reporting' rests on legitimate interests but does not state the "
            "interest pursued",
            "REG-010 activity 'hr.employment.recruitment' rests on legitimate interests but does not state the "
            "interest pursued",
            "REG-011 activity 'lms.analytics.reporting' rests on legitimate interests and references no balancing test",
            "REG-011 activity 'hr.employment.recruitment' rests on legitimate interests and references no balancing "
            "test",
            "GOV-002 the register has never been reviewed",
        });
}

TEST_CASE("a Fides manifest that cannot be read is refused for that cause alone", "[cli][register][fides]") {
  TempDir dir;
  std::filesystem::create_directory(dir / "fides");
  write_text(dir / "fides" / "00-empty.yml", "");
  write_text(dir / "fides" / "10-list.yml", "- system\n");
  Run r = run("dpo-register",
              {"validate", "--from", "fides", "--country", "FR", "--timezone", "Europe/Paris", (dir / "fides").string()});
  CHECK(r.exit_code == 3);
  CHECK(every(r.err, (dir / "fides").string(), "fides") ==
        "dpo-register: empty manifest at fides/00-empty.yml:1:1 (remove the file, or describe a system in it)\n"
        "dpo-register: expected a mapping for a Fides manifest, found a list at fides/10-list.yml:1:1\n"
        "dpo-register: 'fides' has 2 errors; nothing was written\n");
}

TEST_CASE("consent to special category data imported from Fides is explicit consent for the audit",
          "[cli][register][fides]") {
  TempDir dir;
  std::filesystem::path store = dir / "dpo.sqlite";
  REQUIRE(run("dpo", {"init", "--store", store.string(), "-q"}).exit_code == 0);
  write_text(dir / "m.yml",
             "organization:\n"
             "  - { name: Clinic }\n"
             "system:\n"
             "  - fides_key: care\n"
             "    privacy_declarations:\n"
             "      - data_categories: [user.health]\n"
             "        data_use: provide.service\n"
             "        data_subjects: [patient]\n"
             "        legal_basis_for_processing: Consent\n"
             "        special_category_legal_basis: Explicit consent\n"
             "        retention_period: 5 years\n");
  REQUIRE(run("dpo-register", fides_args("import", store, dir / "m.yml")).exit_code == 0);
  CHECK(run("dpo-register", {"show", "--store", store.string(), "--format", "json"}).out.find(R"("explicit": true)") !=
        std::string::npos);
  Run audit = run("dpo-audit", {"--store", store.string(), "--format", "json", "--fail-on", "never"});
  REQUIRE(audit.exit_code == 0);
  CHECK(audit.out.find(R"("rule": "CON-007")") == std::string::npos);
}
