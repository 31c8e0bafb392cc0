#include <catch2/catch.hpp>

#include <sstream>

#include "manifest/register_file.h"
#include "report/csv.h"
#include "report/register_report.h"
#include "support/support.h"

using namespace dpo;
using namespace dpo::report;

namespace {

model::Register example() {
  return manifest::load_register(test::source_dir() / "examples/training-org/register.yaml").reg;
}

std::string render(const model::Register& reg, std::string_view format, Lang lang) {
  std::ostringstream out;
  for (const RegisterFormat& f : register_formats())
    if (f.name == format) f.render(reg, RenderOptions{lang, false}, out);
  return out.str();
}

}  // namespace

TEST_CASE("csv cells are quoted when needed and defused when they look like formulas", "[csv]") {
  CHECK(csv_cell("plain") == "plain");
  CHECK(csv_cell("a, b") == "\"a, b\"");
  CHECK(csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_cell("two\nlines") == "\"two\nlines\"");
  CHECK(csv_cell("=HYPERLINK(\"http://evil\")") == "\"'=HYPERLINK(\"\"http://evil\"\")\"");
  CHECK(csv_cell("+33 6 12") == "'+33 6 12");
  CHECK(csv_cell("-1") == "'-1");
  CHECK(csv_cell("@SUM(A1)") == "'@SUM(A1)");
  CHECK(csv_cell("\tTAB") == "'\tTAB");
  CHECK(csv_cell("") == "");
  // Semicolon-separated, as French Excel reads it: the semicolon is what needs quotes.
  CHECK(csv_cell("a; b", ';') == "\"a; b\"");
  CHECK(csv_cell("a, b", ';') == "a, b");
  // Spreadsheets skip leading spaces before a formula: so does the defusing.
  CHECK(csv_cell(" =1+1") == "' =1+1");
  CHECK(csv_cell("   @SUM(A1)") == "'   @SUM(A1)");
  CHECK(csv_cell("   ") == "   ");
  // So do line breaks, Unicode's spaces and invisible characters: each of
  // these ran as a formula.
  CHECK(csv_cell("\n=1+1") == "\"'\n=1+1\"");
  CHECK(csv_cell("\r\n@SUM(A1)") == "\"'\r\n@SUM(A1)\"");
  CHECK(csv_cell("\u00a0=1+1") == "'\u00a0=1+1");
  CHECK(csv_cell("\u3000+1") == "'\u3000+1");
  CHECK(csv_cell("\u200b\u00a0 -1") == "'\u200b\u00a0 -1");
  CHECK(csv_cell("\u00a0Louise") == "\u00a0Louise");
  CHECK(csv_cell("a=1") == "a=1");
}

TEST_CASE("register text in Markdown stays text: no tag, no link, no new cell", "[report]") {
  model::Register reg = example();
  reg.controller.name = "<script>alert(1)</script>";
  reg.activities.front().name = "[click](javascript:alert(1)) | *x*";
  reg.activities.front().description = "# not a heading\n<img src=x onerror=alert(1)>";
  std::string md = render(reg, "md", Lang::en);
  CHECK(md.find("<script>") == std::string::npos);
  CHECK(md.find("\\<script\\>alert(1)\\</script\\>") != std::string::npos);
  CHECK(md.find("[click](") == std::string::npos);
  CHECK(md.find("\\[click\\](javascript:alert(1)) \\| \\*x\\*") != std::string::npos);
  CHECK(md.find(" <img") == std::string::npos);
  CHECK(md.find("\\# not a heading \\<img src=x onerror=alert(1)\\>") != std::string::npos);
}

TEST_CASE("the register as JSON has the file's shape and imports back to the same register", "[register-report]") {
  model::Register reg = example();
  std::string json = register_json(reg).dump(2);
  model::Register back = manifest::parse_register(json, "show.json");  // JSON is YAML
  CHECK(register_json(back).dump(2) == json);
  CHECK(register_json(reg)["activities"][0]["id"] == "training-delivery");
  CHECK(register_json(reg)["activities"][0]["transfers"][0].dump() == R"({"country":"US","recipient":"Meetly Inc."})");
}

TEST_CASE("the register as CSV has the CNIL template's columns, one row per activity", "[register-report]") {
  std::string csv = render(example(), "csv", Lang::fr);
  std::istringstream lines(csv);
  std::string header;
  std::getline(lines, header);
  CHECK(header ==
        "Nom du traitement,Référence,Date de mise à jour,Responsable conjoint,Finalités,Base légale,Condition art. "
        "9,Catégories de personnes concernées,Catégories de données,Données sensibles,Durées de "
        "conservation,Destinataires,Sous-traitants,Transferts hors UE,Garanties,Mesures de sécurité,Source des "
        "données,Décisions automatisées,AIPD\r");
  int rows = 0;
  for (std::string line; std::getline(lines, line);) ++rows;
  CHECK(rows == 8);
  // A label holding commas stays whole inside one quoted cell.
  CHECK(csv.find("\"Identité (nom, civilité, date de naissance) (état civil, identité, données d'identification)\u202F; "
                 "Handicap et besoins d'aménagement (données sensibles (art. 9))\",Handicap et besoins "
                 "d'aménagement,\"Identité (nom, civilité, date de naissance), Handicap et besoins d'aménagement\u202F: "
                 "0 jour à compter de la fin de la relation, suppression (nécessaires seulement pendant la formation)\"") !=
        std::string::npos);
}

TEST_CASE("French retention wording contracts the preposition with the trigger's article", "[register-report]") {
  std::string csv = render(example(), "csv", Lang::fr);
  CHECK(csv.find("3 ans à compter du dernier contact, suppression") != std::string::npos);
  CHECK(csv.find("3 ans à compter de la collecte, suppression") != std::string::npos);
  CHECK(csv.find("1 mois à compter du retrait du consentement, anonymisation") != std::string::npos);
  CHECK(csv.find("à compter de le ") == std::string::npos);
}

TEST_CASE("a register value that looks like a formula is defused in the CSV", "[register-report]") {
  model::Register reg = example();
  reg.activities[0].name = "=cmd|' /C calc'!A0";
  std::string csv = render(reg, "csv", Lang::en);
  CHECK(csv.find("\n'=cmd|' /C calc'!A0,training-delivery,") != std::string::npos);
}

TEST_CASE("the text record shows the gaps as they are, in the chosen language", "[register-report]") {
  model::Register reg = example();
  std::string en = render(reg, "text", Lang::en);
  CHECK(en.find("Record of processing activities: Atelier Lumen Formation SAS") == 0);
  CHECK(en.find("  Transfers outside the EU  United States (Meetly Inc.); Morocco (centre d'examen partenaire)\n"
                "  Safeguards                no safeguard recorded; derogation: a contract with the person (Art. "
                "49(1)(b)) (occasional)\n") != std::string::npos);
  CHECK(en.find("Mailora SAS [mailer], France: signed 15 June 2023, review 15 June 2027, Art. 28(3) clauses 6/8") !=
        std::string::npos);
  // French: narrow no-break spaces before the colon and semicolon, the
  // articles cited the French way, countries and dates in words.
  const std::string nn = "\u202F";
  std::string fr = render(reg, "text", Lang::fr);
  CHECK(fr.find("Registre des activités de traitement" + nn + ": Atelier Lumen Formation SAS") == 0);
  CHECK(fr.find("  Base légale                         Réaliser la formation" + nn + ": exécution d'un contrat "
                "(art. 6.1.b du RGPD)" + nn + "; Justifier la réalisation de la formation auprès des financeurs" + nn +
                ": obligation légale (art. 6.1.c du RGPD)\n") != std::string::npos);
  CHECK(fr.find("  Base légale                         obligation légale (art. 6.1.c du RGPD)\n") != std::string::npos);
  CHECK(fr.find("  Transferts hors UE                  États-Unis (Meetly Inc.)" + nn +
                "; Maroc (centre d'examen partenaire)\n") != std::string::npos);
  CHECK(fr.find("Mailora SAS [mailer], France" + nn + ": signé le 15 juin 2023, révision le 15 juin 2027, clauses de "
                "l'art. 28.3 du RGPD 6/8") != std::string::npos);
}

TEST_CASE(
    "the record shows the interest pursued and the balancing test next to legitimate interests, in both "
    "languages",
    "[register-report]") {
  model::Register reg = manifest::load_register(test::source_dir() / "tests/data/notices/interest-register.yaml").reg;
  const std::string nn = "\u202F";
  std::string fr = render(reg, "text", Lang::fr);
  CHECK(fr.find("  Base légale                         Contrôler la cohérence des dossiers de financement" + nn +
                ": intérêt légitime (art. 6.1.f du RGPD), intérêt poursuivi" + nn +
                ": prévenir la fraude aux financements de la formation professionnelle, mise en balance des intérêts" +
                nn + ": analyse d'intérêt légitime du 12 mars 2026 (dossier du DPO n° 7)" + nn +
                "; Obtenir les financements des OPCO et du CPF" + nn + ": obligation légale (art. 6.1.c du RGPD)\n") !=
        std::string::npos);
  std::string en = render(reg, "md", Lang::en);
  CHECK(en.find("Contrôler la cohérence des dossiers de financement: legitimate interests (Art. 6(1)(f)), interest "
                "pursued: prévenir la fraude aux financements de la formation professionnelle, balancing test: "
                "analyse d'intérêt légitime du 12 mars 2026 (dossier du DPO n° 7)") != std::string::npos);
  std::string csv = render(reg, "csv", Lang::en);
  CHECK(csv.find("legitimate interests (Art. 6(1)(f)), interest pursued: prévenir la fraude") != std::string::npos);
  // Not stated: the record says so; no balancing test: nothing to show.
  reg.activities[0].bases[0].interest.clear();
  reg.activities[0].bases[0].balancing.clear();
  CHECK(render(reg, "text", Lang::fr)
            .find("intérêt légitime (art. 6.1.f du RGPD), intérêt poursuivi non précisé" + nn + "; ") !=
        std::string::npos);
  CHECK(render(reg, "text", Lang::en).find("legitimate interests (Art. 6(1)(f)), interest pursued not stated; ") !=
        std::string::npos);
}

TEST_CASE("the register as JSON keeps the interest pursued, in a mapping for the whole activity, and reads back",
          "[register-report]") {
  model::Register reg = manifest::load_register(test::source_dir() / "tests/data/notices/interest-register.yaml").reg;
  CHECK(register_json(reg)["activities"][0]["legal_basis"][0].dump() ==
        R"j({"basis":"legitimate-interests","purposes":["fraud-checks"],"interest":"prévenir la fraude aux )j"
        R"j(financements de la formation professionnelle","balancing":"analyse d'intérêt légitime du 12 mars 2026 )j"
        R"j((dossier du DPO n° 7)"})j");
  reg.activities[0].bases = {{model::LegalBasis::legitimate_interests, {}, "prévenir la fraude", ""}};
  std::string json = register_json(reg).dump(2);
  CHECK(register_json(reg)["activities"][0]["legal_basis"].dump() ==
        R"({"basis":"legitimate-interests","interest":"prévenir la fraude"})");
  model::Register back = manifest::parse_register(json, "show.json");
  CHECK(back.activities[0].bases == reg.activities[0].bases);
  reg.activities[0].bases[0].interest.clear();
  CHECK(register_json(reg)["activities"][0]["legal_basis"].dump() == R"("legitimate-interests")");
}

TEST_CASE("Markdown cells escape pipes", "[register-report]") {
  model::Register reg = example();
  reg.activities[0].recipients = {"trainers | funders"};
  std::string md = render(reg, "md", Lang::en);
  CHECK(md.find("| Recipients | trainers \\| funders |") != std::string::npos);
  CHECK(md.find("# Record of processing activities: Atelier Lumen Formation SAS\n") == 0);
}

TEST_CASE("the register as CSV equals its golden files: French for Excel, English with commas", "[register-report]") {
  model::Register reg = example();
  for (Lang lang : {Lang::fr, Lang::en}) {
    std::ostringstream out;
    for (const RegisterFormat& f : register_formats())
      if (f.name == "csv") f.render(reg, RenderOptions{lang, false, lang == Lang::fr}, out);
    std::string golden = lang == Lang::fr ? "register.fr.csv" : "register.en.csv";
    CHECK(out.str() == test::read_text(test::source_dir() / "tests/data/register" / golden));
  }
}

TEST_CASE("French CSV names countries and safeguards in French, and no enum value", "[register-report]") {
  std::ostringstream out;
  for (const RegisterFormat& f : register_formats())
    if (f.name == "csv") f.render(example(), RenderOptions{Lang::fr, false, true}, out);
  std::string csv = out.str();
  const std::string nn = "\u202F";
  CHECK(csv.find(";\"États-Unis (Meetly Inc.)" + nn + "; Maroc (centre d'examen partenaire)\";\"aucune garantie "
                 "documentée" + nn + "; dérogation" + nn + ": exécution d\u2019un contrat avec la personne (art. 49.1.b "
                 "du RGPD) (occasionnel)\";") != std::string::npos);
  CHECK(csv.find("Meetly Inc. (États-Unis)") != std::string::npos);
  for (const char* english : {"derogation-49", "United States", "Morocco", "(FR)", "(US)", "Art. 6(1)", "dpf"})
    CHECK(csv.find(english) == std::string::npos);
}
