#include <algorithm>
#include <nlohmann/json.hpp>
#include <catch2/catch.hpp>

#include "cli/cli_support.h"

using namespace dpo::test;

namespace {
std::string example_subjects() { return (source_dir() / "examples/training-org/subjects.jsonl").string(); }
}  // namespace

TEST_CASE("importing the example subjects twice adds nothing the second time", "[cli][subject]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir);
  // In the register's language, French, then as --lang says.
  Run first = run("dpo-subject", {"import", "--store", store.string(), example_subjects()});
  CHECK(first.exit_code == 0);
  CHECK(first.err == "dpo-subject: import de '" + example_subjects() +
                         "'\u202F: 223 enregistrements\u202F; personnes concernées\u202F: 223 ajoutées, 0 modifiée"
                         "\u202F; données détenues\u202F: 2\u202F619 ajoutées, 0 modifiée\n");
  std::string before = dump(store);
  Run second = run("dpo-subject", {"import", "--lang", "en", "--store", store.string(), example_subjects()});
  CHECK(second.exit_code == 0);
  CHECK(second.err == "dpo-subject: imported '" + example_subjects() +
                          "': 223 records; subjects 0 added, 0 changed; holdings 0 added, 0 changed\n");
  std::string after = dump(store);
  CHECK(after.substr(0, after.find("== journal")) == before.substr(0, before.find("== journal")));
}

TEST_CASE("a subjects file with bad lines exits 3, names each line and writes nothing", "[cli][subject]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir);
  std::string before = dump(store);
  write_text(dir / "s.jsonl",
             R"({"key": "A-1", "identifiers": {"email": "a1@mail.example"}, "holdings": [{"activity": "newsletter", "data": "contact", "system": "mailer", "collected": "2026-01-02", "value": "a1@mail.example"}]}
{"key": "A-2", "holdings": [{"activity": "newsleter", "data": "contact", "system": "mailer", "collected": "2026-01-02", "value": "private@mail.example"}]}
{"key": "A-3", "holdings": [{"activity": "newsletter", "data": "contact", "system": "mailer", "value": "x@mail.example"}]}
{"key": "A-4", "identifiers": {"email": "a1@mail.example"}}
)");
  Run r = run("dpo-subject", {"import", "--store", store.string(), (dir / "s.jsonl").string()});
  std::string f = (dir / "s.jsonl").string();
  CHECK(r.exit_code == 3);
  CHECK(r.err == "dpo-subject: unknown activity 'newsleter' in 'holdings[0].activity' at " + f +
                     ":2:16 (did you mean 'newsletter'?)\n"
                     "dpo-subject: missing 'holdings[0].collected' at " + f +
                     ":3:16 (give when it was collected)\n"
                     "dpo-subject: identifier 'email' of this subject already belongs to another subject at " + f +
                     ":4 (one email, phone or id finds one subject; fix the source data, or import the rest of the "
                     "line with --on-conflict skip)\n"
                     "dpo-subject: '" + f + "' has 3 errors; nothing was written\n");
  CHECK(r.err.find("private@mail.example") == std::string::npos);
  CHECK(dump(store) == before);
}

TEST_CASE("a mailbox two people share fails the import, or with --on-conflict skip stays with the first",
          "[cli][subject]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir);
  std::string before = dump(store);
  write_text(dir / "family.csv",
             "key,email,phone,activity,data,system,collected,value\r\n"
             "F-1,famille.roux@mail.example,06 11 22 33 44,newsletter,contact,mailer,2026-01-02,famille.roux@mail.example\r\n"
             "F-2,Famille.Roux@mail.example,06 55 66 77 88,newsletter,contact,mailer,2026-01-03,famille.roux@mail.example\r\n");
  std::string f = (dir / "family.csv").string();
  Run refused = run("dpo-subject", {"import", "--store", store.string(), f});
  CHECK(refused.exit_code == 3);
  CHECK(refused.err.starts_with("dpo-subject: identifier 'email' of this subject already belongs to another subject at " +
                                f + ":3 "));
  CHECK(dump(store) == before);

  Run skipped = run("dpo-subject", {"import", "--lang", "en", "--store", store.string(), "--on-conflict", "skip", f});
  CHECK(skipped.exit_code == 0);
  CHECK(skipped.err ==
        "dpo-subject: warning: identifier 'email' of this subject already belongs to another subject at " + f +
        ":3; imported without it\n"
        "dpo-subject: imported '" + f + "': 2 records; subjects 2 added, 0 changed; holdings 2 added, 0 changed; "
        "1 identifier left with the subject that had it\n");
  CHECK(skipped.err.find("famille") == std::string::npos);
  Run first = run("dpo-subject", {"show", "--store", store.string(), "--email", "famille.roux@mail.example",
                                  "--format", "json"});
  CHECK(first.out.find("\"key\":\"F-1\"") != std::string::npos);
  Run second = run("dpo-subject", {"show", "--store", store.string(), "--phone", "+33655667788", "--format", "json"});
  CHECK(second.out.find("\"key\":\"F-2\"") != std::string::npos);
  CHECK(second.out.find("\"email\"") == std::string::npos);
  SQLite::Database db(store.string());
  CHECK(db.execAndGet("SELECT count(*) FROM journal WHERE command = 'subject import' AND "
                      "json_extract(counts, '$.identifiers.shared') = 1")
            .getInt() == 1);
}

TEST_CASE("a subject is shown by key, email or phone, and its JSON imports back unchanged", "[cli][subject]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true);
  Run by_key = run("dpo-subject", {"show", "--store", store.string(), "L-2023-001", "--format", "json"});
  CHECK(by_key.exit_code == 0);
  Run by_email =
      run("dpo-subject", {"show", "--store", store.string(), "--email", "Louise.Morel.1@mail.example", "--format", "json"});
  CHECK(by_email.out == by_key.out);
  // Every common writing of the number finds its subject, and sar too.
  for (const char* phone : {"+33 6 00 00 01 74", "06 00 00 01 74", "0600000174", "06.00.00.01.74",
                            "+33 (0)6 00 00 01 74", "0033600000174"}) {
    INFO(phone);
    Run by_phone = run("dpo-subject", {"show", "--store", store.string(), "--phone", phone, "--format", "json"});
    CHECK(by_phone.out == by_key.out);
  }
  Run sar = run("dpo-sar", {"export", "--store", store.string(), "--as-of", "2026-11-26", "--format", "json",
                            "--phone", "06 00 00 01 74"});
  CHECK(sar.exit_code == 0);
  CHECK(sar.out.find("\"key\": \"L-2023-001\"") != std::string::npos);
  Run impossible = run("dpo-subject", {"show", "--store", store.string(), "--phone", "06 00 00 01"});
  CHECK(impossible.exit_code == 3);
  CHECK(impossible.err ==
        "dpo-subject: the phone number sought is not a valid number (one without its country code is read as FR's); "
        "write it whole, like +33 6 12 34 56 78\n");
  CHECK(by_key.out.find("\"key\":\"L-2023-001\"") != std::string::npos);
  CHECK(by_key.out.find("\"value\":\"Louise Morel\"") != std::string::npos);
  CHECK(by_key.out.find("\"collected\":\"2023-01-16T17:00:00+01:00\"") != std::string::npos);

  // The JSON is one line, a subjects-file line as it is: importing it changes nothing.
  CHECK(std::count(by_key.out.begin(), by_key.out.end(), '\n') == 1);
  write_text(dir / "back.jsonl", by_key.out);
  Run back = run("dpo-subject", {"import", "--store", store.string(), (dir / "back.jsonl").string()});
  CHECK(back.exit_code == 0);
  CHECK(back.err.find("personnes concernées\u202F: 0 ajoutée, 0 modifiée\u202F; données détenues\u202F: 0 ajoutée, "
                      "0 modifiée") != std::string::npos);
}

TEST_CASE("subject show gives the name, the postal address a line each and the form of address, in both languages",
          "[cli][subject]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true);
  Run json = run("dpo-subject", {"show", "--store", store.string(), "L-2023-002", "--format", "json"});
  CHECK(json.out.find("\"name\":\"Louise Vincent\",\"postal_address\":[\"Appartement 4\",\"8 quai "
                      "Saint-Vincent\",\"69001 Lyon\"],\"birth_date\"") != std::string::npos);
  Run en = run("dpo-subject", {"show", "--store", store.string(), "L-2023-001", "--lang", "en"});
  CHECK(en.out.find("  name           Louise Morel\n"
                    "  postal address 12 rue des Capucins\n"
                    "                 69001 Lyon\n"
                    "  civility       madam\n") != std::string::npos);
  Run fr = run("dpo-subject", {"show", "--store", store.string(), "L-2023-001", "--lang", "fr"});
  CHECK(fr.out.find("  nom                          Louise Morel\n"
                    "  adresse postale              12 rue des Capucins\n"
                    "                               69001 Lyon\n"
                    "  civilité                     madame\n") != std::string::npos);
  // A phone number reads grouped; the JSON keeps E.164.
  CHECK(fr.out.find("  téléphone                    +33 6 00 00 01 74\n") != std::string::npos);
  CHECK(run("dpo-subject", {"show", "--store", store.string(), "L-2023-001", "--format", "json"})
            .out.find("\"+33600000174\"") != std::string::npos);
}

TEST_CASE("a name and an address written as identifiers import into their fields, with a warning",
          "[cli][subject]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir);
  write_text(dir / "old.jsonl",
             R"({"key": "S-1", "identifiers": {"email": "s1@mail.example", "name": "Sam Martin", "address": "2 rue Haute, 69001 Lyon"}})"
             "\n"
             R"({"key": "S-2", "identifiers": {"email": "s2@mail.example", "name": "Sam Martin"}})"
             "\n");
  std::string file = (dir / "old.jsonl").string();
  Run old = run("dpo-subject", {"import", "--store", store.string(), "--lang", "en", file});
  CHECK(old.exit_code == 0);
  CHECK(old.err == "dpo-subject: warning: identifier 'name' is now the subject's 'name' (on 2 lines) at " + file +
                       ":1:16 (write \"name\": \"...\" beside \"identifiers\")\n"
                       "dpo-subject: warning: identifier 'address' is now the subject's 'postal_address' at " + file +
                       ":1:16 (write \"postal_address\": [\"...\", \"...\"] beside \"identifiers\")\n"
                       "dpo-subject: imported '" + file +
                       "': 2 records; subjects 2 added, 0 changed; holdings 0 added, 0 changed\n");
  // Two people of one name are both held; the name finds neither.
  CHECK(count(store, "SELECT count(*) FROM subject WHERE name = 'Sam Martin'") == 2);
  CHECK(count(store, "SELECT count(*) FROM identifier WHERE kind IN ('name', 'address')") == 0);
  CHECK(run("dpo-subject", {"import", "--store", store.string(), "-q", file}).err.empty());
}

TEST_CASE("an unknown subject exits 3 without echoing what was asked", "[cli][subject]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true);
  Run r = run("dpo-subject", {"show", "--store", store.string(), "--email", "someone.private@mail.example"});
  CHECK(r.exit_code == 3);
  CHECK(r.err == "dpo-subject: no such subject in the store\n");
  Run two = run("dpo-subject", {"show", "--store", store.string(), "L-2023-001", "--email", "x@y.z"});
  CHECK(two.exit_code == 2);
}

TEST_CASE("subjects import from CSV on standard input", "[cli][subject]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir);
  Run r = run("dpo-subject", {"import", "--lang", "en", "--store", store.string(), "--input-format", "csv", "-"},
              "key,email,activity,data,system,collected,value\n"
              "P-9,p9@mail.example,newsletter,contact,mailer,2026-02-03,p9@mail.example\n");
  CHECK(r.exit_code == 0);
  CHECK(r.err ==
        "dpo-subject: imported '<stdin>': 1 record; subjects 1 added, 0 changed; holdings 1 added, 0 changed\n");
  // A file that is there, whose name does not tell its format.
  write_text(dir / "subjects.txt", "key\nP-10\n");
  Run unknown_format = run("dpo-subject", {"import", "--store", store.string(), (dir / "subjects.txt").string()});
  CHECK(unknown_format.exit_code == 2);
  CHECK(unknown_format.err.find("cannot tell the format") != std::string::npos);
}

TEST_CASE("subjects cannot be imported before a register", "[cli][subject]") {
  TempDir dir;
  std::string store = (dir / "dpo.sqlite").string();
  REQUIRE(run("dpo", {"init", "--store", store, "-q"}).exit_code == 0);
  Run r = run("dpo-subject", {"import", "--store", store, example_subjects()});
  CHECK(r.exit_code == 3);
  CHECK(r.err == "dpo-subject: the store has no register yet (run 'dpo register import FILE' first)\n");
}

TEST_CASE("a birth date before 1900, which dpokit 0.1 accepted, still reads from the store", "[cli][subject]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true);
  {
    SQLite::Database db(store.string(), SQLite::OPEN_READWRITE);
    db.exec("UPDATE subject SET birth_date = '1850-03-01' WHERE key = 'L-2023-001'");
  }
  Run r = run("dpo-subject", {"show", "--store", store.string(), "L-2023-001", "--format", "json"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("\"birth_date\":\"1850-03-01\"") != std::string::npos);
  // As input it is refused: years run from 1900.
  write_text(dir / "old.jsonl", R"({"key": "L-OLD", "birth_date": "1850-03-01"})" "\n");
  Run in = run("dpo-subject", {"import", "--store", store.string(), (dir / "old.jsonl").string()});
  CHECK(in.exit_code == 3);
  CHECK(in.err.find("a year from 1900 to 9999") != std::string::npos);
}

namespace {

// The rows of one table in a dump() of a store.
std::string section(const std::string& dump, const std::string& table) {
  std::size_t from = dump.find("== " + table + "\n");
  if (from == std::string::npos) return {};
  std::size_t to = dump.find("\n== ", from + 1);
  return dump.substr(from, to == std::string::npos ? std::string::npos : to - from);
}

std::filesystem::path crm_file(const std::string& name) { return source_dir() / "tests/data/crm" / name; }
std::string crm_mapping() { return (source_dir() / "examples/training-org/mappings/crm.yaml").string(); }

}  // namespace

TEST_CASE("a French CRM export imports whole through its mapping, in UTF-8 with a BOM or in Windows-1252",
          "[cli][subject][mapping]") {
  TempDir utf8_dir, cp1252_dir;
  std::filesystem::path utf8 = example_store(utf8_dir), cp1252 = example_store(cp1252_dir);
  Run a = run("dpo-subject", {"import", "--lang", "en", "--store", utf8.string(), "--map", crm_mapping(),
                              crm_file("apprenants.csv").string()});
  CHECK(a.exit_code == 0);
  CHECK(a.err == "dpo-subject: imported '" + crm_file("apprenants.csv").string() +
                     "': 24 records; subjects 24 added, 0 changed; holdings 156 added, 0 changed\n");
  Run b = run("dpo-subject", {"import", "--store", cp1252.string(), "--map", crm_mapping(),
                              crm_file("apprenants-windows-1252.csv").string()});
  CHECK(b.exit_code == 0);
  CHECK(b.err.starts_with("dpo-subject: warning: 59 cells were not UTF-8 and were read as Windows-1252; "));
  // The same people, row for row, whatever the encoding.
  std::string da = dump(utf8), db = dump(cp1252);
  for (const char* table : {"subject", "identifier", "engagement", "holding"}) {
    INFO(table);
    CHECK(section(da, table) == section(db, table));
  }
  CHECK(section(da, "holding").find("|République; 69003 Lyon|") == std::string::npos);  // quoted ';' kept in one cell
  CHECK(section(da, "holding").find("46 rue de la République; 69003 Lyon") != std::string::npos);

  // One row, read field by field: French dates, Oui for CPF, a number
  // written 0612037311 kept E.164, a holding per non-empty mapped column.
  Run shown = run("dpo-subject", {"show", "--store", utf8.string(), "A-2025-002", "--format", "json"});
  nlohmann::json j = nlohmann::json::parse(shown.out);
  CHECK(j["identifiers"] == nlohmann::json{{"crm", "C-5001"}, {"email", "hugo.moreau@mail.example"},
                                           {"phone", "+33612037311"}});
  CHECK(j["name"] == "Hugo Moreau");
  CHECK(j["postal_address"] == nlohmann::json::array({"14 rue de la République; 69002 Lyon"}));
  CHECK(j["civility"] == "sir");
  CHECK(j["birth_date"] == "1982-04-24");
  CHECK(j["cpf_funded"] == false);
  CHECK(j["engagements"][0]["started"] == "2025-09-08T00:00:00+02:00");
  CHECK(j["engagements"][0]["ended"] == "2025-10-15T00:00:00+02:00");
  CHECK(j["holdings"].size() == 7);
  // Re-importing the same export changes nothing.
  Run again = run("dpo-subject", {"import", "--lang", "en", "--store", utf8.string(), "--map", crm_mapping(),
                                  crm_file("apprenants.csv").string()});
  CHECK(again.err.find("subjects 0 added, 0 changed; holdings 0 added, 0 changed") != std::string::npos);

  // Everyone is found by every common writing of their number.
  SQLite::Database db_handle(utf8.string());
  SQLite::Statement phones(db_handle, "SELECT s.key, i.value FROM identifier i JOIN subject s ON s.id = i.subject_id "
                                      "WHERE i.kind = 'phone' ORDER BY s.key");
  int people = 0;
  while (phones.executeStep()) {
    ++people;
    std::string key = phones.getColumn(0).getString(), e164 = phones.getColumn(1).getString();
    std::string d = "0" + e164.substr(3);  // 06...
    for (const std::string& written :
         {e164, d, d.substr(0, 2) + " " + d.substr(2, 2) + " " + d.substr(4, 2) + " " + d.substr(6, 2) + " " + d.substr(8),
          d.substr(0, 2) + "." + d.substr(2, 2) + "." + d.substr(4, 2) + "." + d.substr(6, 2) + "." + d.substr(8),
          "+33 (0)" + d.substr(1), "0033" + d.substr(1)}) {
      INFO(key << " by " << written);
      Run found = run("dpo-subject", {"show", "--store", utf8.string(), "--phone", written, "--format", "json"});
      CHECK(found.out.find("\"key\":\"" + key + "\"") != std::string::npos);
    }
  }
  CHECK(people == 24);
}

TEST_CASE("a mapping or an export that do not match are refused by line and header, never by value",
          "[cli][subject][mapping]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir);
  std::string before = dump(store);
  // Lines 1 to 6 of each mapping below.
  const std::string start = "version: 1\nkey: N° apprenant\ndate_format: \"%d/%m/%Y\"\n"
                            "identifiers: {phone: Portable}\nbirth_date: Naissance\nholdings:\n";
  write_text(dir / "map.yaml", start +
                               "  - {column: Nom, activity: training-delivry, data: identity, system: crm, "
                               "collected: Inscription}\n"
                               "  - {column: Nom, activity: newsletter, data: identity, system: crm, "
                               "collected: Inscription}\n");
  std::string map = (dir / "map.yaml").string();
  write_text(dir / "x.csv", "N° apprenant\r\n");
  Run bad_map = run("dpo-subject", {"import", "--store", store.string(), "--map", map, (dir / "x.csv").string()});
  CHECK(bad_map.exit_code == 3);
  CHECK(bad_map.err == "dpo-subject: unknown activity 'training-delivry' at " + map +
                           ":7:29 (did you mean 'training-delivery'?)\n"
                           "dpo-subject: activity 'newsletter' does not list data category 'identity' at " + map +
                           ":8:47 (add it to the activity's 'data' in the register, or map the column to another "
                           "activity)\n"
                           "dpo-subject: '" + map + "' has 2 errors; nothing was written\n");

  write_text(dir / "map.yaml", start +
                               "  - {column: Nom, activity: training-delivery, data: identity, system: crm, "
                               "collected: Inscription}\n");
  write_text(dir / "lacks.csv", "N° apprenant;Nom;Inscription\r\nA-1;Secret;01/02/2025\r\n");
  Run lacks = run("dpo-subject", {"import", "--store", store.string(), "--map", map, (dir / "lacks.csv").string()});
  CHECK(lacks.exit_code == 3);
  CHECK(lacks.err.find("no column 'Portable' in the file at " + (dir / "lacks.csv").string() +
                       ":1:1 (the mapping reads it at " + map + ":4:22; correct the mapping or the export)") !=
        std::string::npos);
  CHECK(lacks.err.find("no column 'Naissance' in the file") != std::string::npos);

  write_text(dir / "bad.csv", "N° apprenant;Nom;Portable;Naissance;Inscription\r\n"
                              "A-1;Secret;06 12 34 56 78;31/02/1990;01/02/2025\r\n"
                              "A-2;Secret;06 12 34;14/03/1988;2025-02-01\r\n");
  Run cells = run("dpo-subject", {"import", "--store", store.string(), "--map", map, (dir / "bad.csv").string()});
  std::string f = (dir / "bad.csv").string();
  CHECK(cells.exit_code == 3);
  CHECK(cells.err == "dpo-subject: 'Naissance' is not a date written %d/%m/%Y at " + f +
                         ":2:27 (correct the cell, or the mapping's date_format)\n"
                         "dpo-subject: identifier 'phone' is not a valid phone number (one without its country code "
                         "is read as FR's) at " + f + ":3:12 (write it whole, with its country code, like +33 6 12 34 "
                         "56 78)\n"
                         "dpo-subject: 'Inscription' is not a date written %d/%m/%Y at " + f +
                         ":3:32 (correct the cell, or the mapping's date_format)\n"
                         "dpo-subject: '" + f + "' has 3 errors; nothing was written\n");
  CHECK(cells.err.find("Secret") == std::string::npos);
  CHECK(cells.err.find("1990") == std::string::npos);

  // A date two holdings share is one mistake, reported once; a header row
  // that repeats a name is named by position, since it may be a row of data.
  write_text(dir / "map.yaml", start +
                               "  - {column: Nom, activity: training-delivery, data: identity, system: crm, "
                               "collected: Inscription}\n"
                               "  - {column: Portable, activity: training-delivery, data: contact, system: crm, "
                               "collected: Inscription}\n");
  write_text(dir / "shared.csv", "N° apprenant;Nom;Portable;Naissance;Inscription\r\n"
                                 "A-1;Secret;06 12 34 56 78;14/03/1988;31/02/2025\r\n");
  Run shared = run("dpo-subject", {"import", "--store", store.string(), "--map", map, (dir / "shared.csv").string()});
  CHECK(shared.err == "dpo-subject: 'Inscription' is not a date written %d/%m/%Y at " + (dir / "shared.csv").string() +
                          ":2:38 (correct the cell, or the mapping's date_format)\n"
                          "dpo-subject: '" + (dir / "shared.csv").string() + "' has 1 error; nothing was written\n");
  write_text(dir / "data.csv", "A-1;Secret;06 12 34 56 78;Secret;01/02/2025\r\n");
  Run data = run("dpo-subject", {"import", "--store", store.string(), "--map", map, (dir / "data.csv").string()});
  CHECK(data.exit_code == 3);
  CHECK(data.err.find("column 4 has the name of column 2 at " + (dir / "data.csv").string() + ":1:27") !=
        std::string::npos);
  CHECK(data.err.find("Secret") == std::string::npos);
  CHECK(dump(store) == before);
}

TEST_CASE("a mapping reads a name from several columns and a form of address in the export's words",
          "[cli][subject][mapping]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir);
  write_text(dir / "map.yaml", "version: 1\nkey: N°\nidentifiers: {email: Courriel, address: Adresse}\n"
                               "name: [Prénom, Nom]\ncivility: {column: Civ, madam: [Mme], sir: [M.]}\n");
  std::string map = (dir / "map.yaml").string();
  write_text(dir / "ok.csv", "N°;Civ;Prénom;Nom;Courriel;Adresse\r\nA-1;M.;Hugo;Moreau;h@mail.example;\"1 rue A\n69002 "
                             "Lyon\"\r\nA-2;;Léa;;l@mail.example;\r\n");
  Run ok = run("dpo-subject", {"import", "--store", store.string(), "--map", map, (dir / "ok.csv").string()});
  CHECK(ok.exit_code == 0);
  CHECK(ok.err.starts_with("dpo-subject: warning: identifier 'address' is now mapped as 'postal_address' at " + map +
                           ":3:32 (write 'postal_address: Adresse' beside 'identifiers')\n"));
  CHECK(count(store, "SELECT count(*) FROM subject WHERE key = 'A-1' AND name = 'Hugo Moreau' AND civility = 'sir' "
                     "AND postal_address = '1 rue A' || char(10) || '69002 Lyon'") == 1);
  CHECK(count(store, "SELECT count(*) FROM subject WHERE key = 'A-2' AND name = 'Léa' AND civility IS NULL") == 1);
  write_text(dir / "bad.csv", "N°;Civ;Prénom;Nom;Courriel;Adresse\r\nA-3;Mlle;Secret;Secret;s@mail.example;\r\n");
  Run bad = run("dpo-subject", {"import", "--store", store.string(), "--map", map, (dir / "bad.csv").string()});
  CHECK(bad.exit_code == 3);
  CHECK(bad.err.find("'Civ' is neither madam nor sir at " + (dir / "bad.csv").string() + ":2:5") != std::string::npos);
  CHECK(bad.err.find("Mlle") == std::string::npos);
  CHECK(count(store, "SELECT count(*) FROM subject WHERE key = 'A-3'") == 0);
}

TEST_CASE("an export with old Mac line endings imports like any other", "[cli][subject][mapping]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir);
  std::string text = read_text(crm_file("apprenants.csv"));
  std::string mac;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) mac += text[i] == '\n' ? '\r' : text[i];
  write_text(dir / "mac.csv", mac);
  Run r = run("dpo-subject", {"import", "--lang", "en", "--store", store.string(), "--map", crm_mapping(),
                              (dir / "mac.csv").string()});
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("24 records; subjects 24 added, 0 changed; holdings 156 added") != std::string::npos);
}

TEST_CASE("a date format with a stray % or two engagements of one activity are refused in the mapping",
          "[cli][subject][mapping]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir);
  write_text(dir / "x.csv", "N° apprenant\r\n");
  write_text(dir / "map.yaml", "version: 1\nkey: N° apprenant\ndate_format: \"%d/%m/%Y%\"\n"
                               "engagements:\n  - {activity: training-delivery, started: A}\n"
                               "  - {activity: training-delivery, ended: B}\n");
  std::string map = (dir / "map.yaml").string();
  Run r = run("dpo-subject", {"import", "--store", store.string(), "--map", map, (dir / "x.csv").string()});
  CHECK(r.exit_code == 3);
  CHECK(r.err == "dpo-subject: date format cannot read back the dates it writes at " + map +
                     ":3:14 (give the day, month and year, like \"%d/%m/%Y\")\n"
                     "dpo-subject: two engagements of activity 'training-delivery' at " + map +
                     ":6:16 (one item an activity: its started, ended and last_contact columns together)\n"
                     "dpo-subject: '" + map + "' has 2 errors; nothing was written\n");
}


TEST_CASE("the consents of a CRM export import through the same mapping, each notice named by its version",
          "[cli][subject][mapping]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir);
  std::string file = crm_file("apprenants.csv").string();
  REQUIRE(run("dpo-subject", {"import", "-q", "--store", store.string(), "--map", crm_mapping(), file}).exit_code == 0);
  Run consents =
      run("dpo-consent", {"import", "--lang", "en", "--store", store.string(), "--map", crm_mapping(), file});
  CHECK(consents.exit_code == 0);
  CHECK(consents.err.starts_with("dpo-consent: imported '" + file + "': 18 events; 18 added, 0 already in the ledger"));
  SQLite::Database db(store.string());
  // Oui gives, Non refuses, an empty answer records nothing; the notice's
  // hash is the file's, computed from its version.
  CHECK(db.execAndGet("SELECT group_concat(action || ':' || n, ',') FROM (SELECT action, count(*) AS n FROM "
                      "consent_event GROUP BY action ORDER BY action)")
            .getString() == "given:12,refused:6");
  CHECK(db.execAndGet("SELECT count(*) FROM consent_event WHERE purpose = 'newsletter' AND notice_version = "
                      "'newsletter-v2' AND notice_sha256 = "
                      "'b33ec886abb5667874c26f64ae1a5ac567792bb54fd0cdab5c1f206023962ab7' AND channel = 'web-form'")
            .getInt() == 18);
  CHECK(db.execAndGet("SELECT datetime(at, 'unixepoch') FROM consent_event WHERE subject_key = 'A-2025-001'")
            .getString() == "2025-03-19 23:00:00");
  Run again = run("dpo-consent", {"import", "--lang", "en", "--store", store.string(), "--map", crm_mapping(), file});
  CHECK(again.err.find("18 events; 0 added, 18 already in the ledger") != std::string::npos);
  CHECK(run("dpo-consent", {"verify", "--store", store.string()}).exit_code == 0);

  // Next month's export: Léa now says Non. After her Oui in the ledger, that
  // is a withdrawal (Art. 7(3)), not a refusal; imported again, the same event.
  write_text(dir / "later.csv", replaced(read_text(crm_file("apprenants.csv")), "rappeler après l'été;Oui;20/03/2025",
                                         "rappeler après l'été;Non;02/04/2026"));
  Run later = run("dpo-consent", {"import", "--lang", "en", "--store", store.string(), "--map", crm_mapping(),
                                  (dir / "later.csv").string()});
  CHECK(later.err.find("18 events; 1 added, 17 already in the ledger") != std::string::npos);
  {
    SQLite::Database db(store.string());
    CHECK(db.execAndGet("SELECT group_concat(action, ',') FROM (SELECT action FROM consent_event WHERE subject_key = "
                        "'A-2025-001' ORDER BY at)")
              .getString() == "given,withdrawn");
  }
  Run later_again = run("dpo-consent", {"import", "--lang", "en", "--store", store.string(), "--map", crm_mapping(),
                                        (dir / "later.csv").string()});
  CHECK(later_again.err.find("18 events; 0 added, 18 already in the ledger") != std::string::npos);

  // The Windows-1252 export: the same events, and the conversion said, as the subject import says it.
  TempDir other;
  std::filesystem::path cp1252 = example_store(other);
  std::string cp1252_file = crm_file("apprenants-windows-1252.csv").string();
  REQUIRE(run("dpo-subject", {"import", "-q", "--store", cp1252.string(), "--map", crm_mapping(), cp1252_file})
              .exit_code == 0);
  Run converted =
      run("dpo-consent", {"import", "--lang", "en", "--store", cp1252.string(), "--map", crm_mapping(), cp1252_file});
  CHECK(converted.exit_code == 0);
  CHECK(converted.err.starts_with("dpo-consent: warning: 59 cells were not UTF-8 and were read as Windows-1252; say "
                                  "'encoding: windows-1252' in the mapping if the whole export is\ndpo-consent: "
                                  "imported '" +
                                  cp1252_file + "': 18 events; 18 added"));

  // A version with no notice file is refused at the mapping's line.
  std::filesystem::create_directory(dir / "notices");
  write_text(dir / "notices" / "newsletter-v1.md", "The newsletter, once a month.\n");
  write_text(dir / "map.yaml", "version: 1\nkey: N° apprenant\nconsents:\n"
                               "  - {column: Accord newsletter, purpose: newsletter, at: Date accord newsletter, "
                               "notice: newsletter-v9}\n");
  Run missing = run("dpo-consent",
                    {"import", "--lang", "en", "--store", store.string(), "--map", (dir / "map.yaml").string(), file});
  CHECK(missing.exit_code == 3);
  CHECK(missing.err.starts_with("dpo-consent: no notice 'newsletter-v9' in '" + (dir / "notices").string() + "' at " +
                                (dir / "map.yaml").string() + ":4:90 (one file a version, named after it "
                                                              "(newsletter-v9.md))\n"));
}
