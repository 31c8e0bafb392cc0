#include <catch2/catch.hpp>

#include <cstdlib>

#include <regex>
#include <sstream>

#include "cli/cli_support.h"

using namespace dpo::test;

namespace {

// The rows of a query, each as "a|b|c".
std::string rows(const std::filesystem::path& store, const std::string& query) {
  SQLite::Database db(store.string());
  SQLite::Statement st(db, query);
  std::string out;
  while (st.executeStep()) {
    for (int i = 0; i < st.getColumnCount(); ++i)
      out += (i ? "|" : "") + (st.getColumn(i).isNull() ? std::string("NULL") : st.getColumn(i).getString());
    out += "\n";
  }
  return out;
}

// The example recorded at the end of August, purged on 1 September, and
// audited at the end of November.
struct TwoAudits {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true, true);
  TwoAudits() {
    std::string s = store.string();
    Run first = run("dpo-audit", {"--store", s, "--as-of", "2026-08-31", "--record", "--fail-on", "never", "-q"});
    if (first.exit_code != 0) throw std::runtime_error("audit --record failed: " + first.err);
    Run purge = run("dpo-purge", {"--store", s, "--as-of", "2026-09-01", "-q"});
    if (purge.exit_code != 0) throw std::runtime_error("purge failed: " + purge.err);
  }
  Run report(const std::string& format, const std::string& lang, std::vector<std::string> more = {}) const {
    std::vector<std::string> args = {"--store",  store.string(), "--as-of", "2026-11-30", "--format",
                                     format,     "--lang",       lang,      "--fail-on",  "never"};
    args.insert(args.end(), more.begin(), more.end());
    return run("dpo-audit", args);
  }
};

// The lines of `text` that start with `prefix`.
std::vector<std::string> lines_starting(const std::string& text, const std::string& prefix) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.starts_with(prefix)) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("audit --record keeps each run's figures and findings, and replaces a run of the same as-of",
          "[cli][audit]") {
  TwoAudits t;
  Run second = t.report("json", "en", {"--record"});
  CHECK(second.exit_code == 0);
  CHECK(second.err == "dpo-audit: recorded the audit as of 2026-11-30T00:00:00+01:00\n");
  // 2026-08-31T00:00:00+02:00 and 2026-11-30T00:00:00+01:00.
  CHECK(rows(t.store, "SELECT id, as_of, errors, warnings FROM audit_run ORDER BY as_of") ==
        "1|1788127200|24|13\n2|1795993200|18|13\n");
  CHECK(rows(t.store, "SELECT run_id, kpi, numerator, denominator FROM audit_kpi WHERE kpi IN "
                      "('consent-coverage', 'overdue-holdings', 'open-erasure-tasks', 'request-median-days') "
                      "ORDER BY run_id, position") ==
        "1|consent-coverage|385|547\n1|overdue-holdings|208|NULL\n1|open-erasure-tasks|0|NULL\n"
        "1|request-median-days|NULL|NULL\n"
        "2|consent-coverage|377|471\n2|overdue-holdings|46|NULL\n2|open-erasure-tasks|208|NULL\n"
        "2|request-median-days|NULL|NULL\n");
  CHECK(rows(t.store, "SELECT run_id, rule, severity, findings, affected FROM audit_rule_count "
                      "WHERE rule IN ('RET-002', 'CON-001', 'CON-003', 'DPA-002') ORDER BY run_id, rule") ==
        "1|CON-001|error|3|81\n1|CON-003|warning|3|81\n1|DPA-002|error|1|2\n1|RET-002|error|15|208\n"
        "2|CON-001|error|3|15\n2|CON-003|warning|3|79\n2|DPA-002|error|1|2\n2|RET-002|error|9|46\n");
  // The same as-of again: two runs still (SQLite gives the new row the
  // freed id), and the journal says it was replaced.
  Run again = t.report("json", "en", {"--record"});
  CHECK(again.err == "dpo-audit: replaced the audit recorded as of 2026-11-30T00:00:00+01:00\n");
  CHECK(rows(t.store, "SELECT count(*), max(id) FROM audit_run") == "2|2\n");
  CHECK(rows(t.store, "SELECT counts FROM journal WHERE command = 'audit record' ORDER BY id") ==
        "{\"errors\":24,\"warnings\":13,\"replaced\":0}\n{\"errors\":18,\"warnings\":13,\"replaced\":0}\n"
        "{\"errors\":18,\"warnings\":13,\"replaced\":1}\n");
}

TEST_CASE("audit --record with --rule is refused and records nothing", "[cli][audit]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir);
  Run r = run("dpo-audit", {"--store", store.string(), "--record", "--rule", "RET-002"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "dpo-audit: --record takes no --rule: a recorded audit runs every rule\n");
  CHECK(rows(store, "SELECT count(*) FROM audit_run") == "0\n");
}

TEST_CASE("without --record the audit writes nothing to the store", "[cli][audit]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true, true);
  std::string before = dump(store);
  Run r = run("dpo-audit", {"--store", store.string(), "--as-of", "2026-11-30", "--fail-on", "never", "-q"});
  CHECK(r.exit_code == 0);
  CHECK(dump(store) == before);
}

TEST_CASE("the management report after two recorded audits of the example, in English and French", "[cli][audit]") {
  TwoAudits t;
  for (const std::string lang : {"en", "fr"}) {
    INFO(lang);
    Run md = t.report("md", lang);
    CHECK(md.exit_code == 0);
    std::filesystem::path golden = source_dir() / ("tests/data/audit/report-" + lang + ".md");
    // With DPO_UPDATE_GOLDEN set, the file is written instead (review its diff).
    if (std::getenv("DPO_UPDATE_GOLDEN")) write_text(golden, md.out);
    CHECK(md.out == read_text(golden));
  }
  Run en = t.report("md", "en");
  CHECK(lines_starting(en.out, "Since ") ==
        std::vector<std::string>{"Since the audit of 31 August 2026: 0 findings opened, 5 findings closed; errors 24 "
                                 "→ 18, warnings 13 → 13."});
  CHECK(lines_starting(en.out, "- Overdue holdings") ==
        std::vector<std::string>{"- Overdue holdings: 208 → 46, down 162 (better)"});
  CHECK(lines_starting(en.out, "1. ") ==
        std::vector<std::string>{"1. Stop canvassing CPF account holders by banned channels: 97 people for 1 purpose "
                                 "(CPF-001, error)"});
  Run fr = t.report("md", "fr");
  CHECK(lines_starting(fr.out, "2. ") ==
        std::vector<std::string>{"2. Lancer la purge\u202F: 46 données dans 5 traitements (RET-002, erreur)"});
}

TEST_CASE("findings are grouped into one action per rule, ranked, in both languages", "[cli][audit]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true, true);
  // The first cell of each row of the "Actions" table.
  auto actions = [&](const std::string& lang) {
    Run r = run("dpo-audit", {"--store", store.string(), "--as-of", "2026-11-26", "--format", "md", "--lang", lang,
                              "--fail-on", "never"});
    std::size_t from = r.out.find("\n## Actions\n"), to = r.out.find("\n## ", from + 1);
    std::vector<std::string> out;
    for (const std::string& line : lines_starting(r.out.substr(from, to - from), "| "))
      out.push_back(line.substr(2, line.find(" | ", 2) - 2));
    out.erase(out.begin());  // the header
    return out;
  };
  CHECK(actions("en") == std::vector<std::string>{
                             "Run the purge: 254 holdings in 7 activities",
                             "Stop canvassing CPF account holders by banned channels: 113 people for 1 purpose",
                             "Collect consent, or purge the data: 81 holdings in 3 activities",
                             "Collect the explicit consent for special-category data: 1 activity",
                             "Set the missing retention periods: 1 activity",
                             "Add the missing Art. 28(3) clauses: 2 clauses with 1 processor",
                             "Set out the particulars of the processing in the agreements: 2 particulars with 1 processor",
                             "Ground the transfers outside the EU: 1 activity",
                             "Renew the expired consents: 89 holdings in 3 activities",
                             "Give a deadline to the data that has none: 74 holdings in 3 activities",
                             "Consider a DPIA, or record why none is needed: 1 activity",
                             "Complete the proof of consent: 1 consent event for 1 purpose",
                         });
  CHECK(actions("fr") ==
        std::vector<std::string>{
            "Lancer la purge\u202F: 254 données dans 7 traitements",
            "Cesser de démarcher les titulaires du CPF par les canaux interdits\u202F: 113 personnes pour 1 finalité",
            "Recueillir le consentement, ou purger les données\u202F: 81 données dans 3 traitements",
            "Recueillir le consentement explicite pour les données sensibles\u202F: 1 traitement",
            "Fixer les durées de conservation manquantes\u202F: 1 traitement",
            "Ajouter les clauses manquantes de l'art. 28.3 du RGPD\u202F: 2 clauses chez 1 sous-traitant",
            "Préciser les caractéristiques du traitement dans les contrats\u202F: 2 caractéristiques chez 1 "
            "sous-traitant",
            "Encadrer les transferts hors de l'UE\u202F: 1 traitement",
            "Renouveler les consentements expirés\u202F: 89 données dans 3 traitements",
            "Donner une échéance aux données qui n'en ont pas\u202F: 74 données dans 3 traitements",
            "Envisager une AIPD, ou documenter pourquoi elle n'est pas nécessaire\u202F: 1 traitement",
            "Compléter la preuve des consentements\u202F: 1 consentement pour 1 finalité",
        });
}

TEST_CASE("a trend chart has one point per recorded audit and this one, with its value", "[cli][audit]") {
  TwoAudits t;
  Run html = t.report("html", "en");
  std::size_t from = html.out.find("<svg class=\"trend\" ");
  std::size_t at = html.out.find("aria-labelledby=\"trend-overdue-holdings-title");
  REQUIRE(at != std::string::npos);
  std::size_t start = html.out.rfind("<svg", at), end = html.out.find("</svg>", at);
  std::string svg = html.out.substr(start, end - start);
  CHECK(from != std::string::npos);
  std::vector<std::string> values;
  std::regex point("<circle [^>]*data-value=\"([0-9.]+)\"");
  for (std::sregex_iterator it(svg.begin(), svg.end(), point), last; it != last; ++it) values.push_back((*it)[1]);
  CHECK(values == std::vector<std::string>{"208.0", "46.0"});
  CHECK(svg.find("<title id=\"trend-overdue-holdings-title\">Overdue holdings over the recorded audits</title>") !=
        std::string::npos);
  CHECK(svg.find("<desc id=\"trend-overdue-holdings-desc\">2 audits, from 208 on 31 August 2026 to 46 on 30 November "
                 "2026.</desc>") != std::string::npos);
  CHECK(svg.find("<script") == std::string::npos);
}
