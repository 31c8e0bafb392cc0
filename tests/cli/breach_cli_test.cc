#include <catch2/catch.hpp>
#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "cli/cli_support.h"

using namespace dpo::test;

namespace {

std::filesystem::path incident(const std::string& name) {
  return source_dir() / "examples/training-org/incidents" / name;
}

Run breach(const std::filesystem::path& store, std::vector<std::string> args, const std::string& as_of) {
  args.insert(args.end(), {"--store", store.string(), "--as-of", as_of});
  return run("dpo-breach", args);
}

// The example store with the three example incidents recorded in the autumn.
std::filesystem::path breach_store(const TempDir& dir) {
  std::filesystem::path store = example_store(dir, true);
  for (const char* name : {"laptop-theft.yaml", "misdelivered-email.yaml", "ransomware.yaml"}) {
    Run r = breach(store, {"record", "-q", incident(name).string()}, "2026-10-01");
    if (r.exit_code != 0) throw std::runtime_error(r.err);
  }
  return store;
}

nlohmann::json listed(const std::filesystem::path& store, const std::string& as_of) {
  Run r = breach(store, {"list", "--format", "json"}, as_of);
  REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(r.out);
}

}  // namespace

TEST_CASE("recording an incident twice changes nothing, a changed file adds a version", "[cli][breach]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true);
  // In the register's language, French, with the time in words; in English
  // with the RFC 3339 time scripts read.
  Run first = breach(store, {"record", incident("laptop-theft.yaml").string()}, "2026-05-30T10:00:00+02:00");
  CHECK(first.out ==
        "violation BR-2026-004 enregistrée (version 1)\u202F: échéance le 1er juin 2026 à 16 h 00, encore 54 h\n");
  std::string before = dump(store);
  Run again =
      breach(store, {"record", "--lang", "en", incident("laptop-theft.yaml").string()}, "2026-05-30T11:00:00+02:00");
  CHECK(again.out == "unchanged BR-2026-004 (version 1): due 2026-06-01T16:00:00+02:00, 53 h left\n");
  CHECK(dump(store) == before);
  std::string changed = replaced(read_text(incident("laptop-theft.yaml")), "  - complaint filed with the police",
                                 "  - the car park's CCTV footage requested\n  - complaint filed with the police");
  write_text(dir / "v2.yaml", changed);
  CHECK(breach(store, {"record", "--lang", "en", (dir / "v2.yaml").string()}, "2026-05-31").out ==
        "updated BR-2026-004 (version 2): due 2026-06-01T16:00:00+02:00, 40 h left\n");
  nlohmann::json list = listed(store, "2026-05-31");
  REQUIRE(list.size() == 1);
  CHECK(list[0]["version"] == 2);
  CHECK(list[0]["measures_taken"].size() == 3);
}

TEST_CASE("a bad or future incident file exits 3 and leaves the store as it was", "[cli][breach]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true);
  std::string before = dump(store);
  write_text(dir / "bad.yaml", replaced(read_text(incident("ransomware.yaml")), "cause: ransomware", "cause: ransomwar"));
  Run bad = breach(store, {"record", (dir / "bad.yaml").string()}, "2026-10-01");
  CHECK(bad.exit_code == 3);
  CHECK(bad.err == "dpo-breach: unknown cause 'ransomwar' at " + (dir / "bad.yaml").string() +
                       ":9:8 (did you mean 'ransomware'?)\ndpo-breach: '" + (dir / "bad.yaml").string() +
                       "' has 1 error; nothing was written\n");
  Run future = breach(store, {"record", incident("ransomware.yaml").string()}, "2026-09-01");
  CHECK(future.exit_code == 3);
  CHECK(future.err.find("aware_at is after now") != std::string::npos);
  CHECK(dump(store) == before);
}

TEST_CASE("an incident whose 72 hours would run past 9999 is refused, and one stored so earlier is due at its end",
          "[cli][breach]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true);
  std::string before = dump(store);
  std::string file = (dir / "late.yaml").string();
  write_text(file, replaced(replaced(read_text(incident("laptop-theft.yaml")), "2026-05-29T16:00:00+02:00",
                                     "9999-12-30T16:00:00+02:00"),
                            "2026-05-28T20:00:00+02:00", "9999-12-28T20:00:00+02:00"));
  Run r = breach(store, {"record", file}, "9999-12-31");
  CHECK(r.exit_code == 3);
  // It was recorded "due 10000-01-02T15:00:00+01:00".
  CHECK(r.err == "dpo-breach: 'aware_at' is so late that its 72-hour deadline would fall after 9999 at " + file +
                     ":6:11 (give the time the controller became aware of the breach)\ndpo-breach: '" + file +
                     "' has 1 error; nothing was written\n");
  CHECK(dump(store) == before);
  // What an older dpokit recorded: due at the last instant of 9999, in UTC.
  REQUIRE(breach(store, {"record", "-q", incident("laptop-theft.yaml").string()}, "2026-10-01").exit_code == 0);
  {
    SQLite::Database db(store.string(), SQLite::OPEN_READWRITE);
    db.exec("UPDATE breach_version SET content = json_set(content, '$.aware_at', 253402185600)");  // 9999-12-30T14:00Z
  }
  CHECK(listed(store, "9999-12-31")[0]["clock"]["due"] == "9999-12-31T23:59:59Z");
}

TEST_CASE("a stored breach that does not read as an incident is store damage, named without its content",
          "[cli][breach]") {
  TempDir dir;
  std::filesystem::path store = breach_store(dir);
  std::string copy = (dir / "damaged.sqlite").string();
  for (const char* content : {"'{}'", "'[]'", "'{\"id\":5}'", "'not json'", "json_remove(content, '$.title')",
                              "json_set(content, '$.aware_at', 1000000000000)"}) {
    std::filesystem::copy_file(store, copy, std::filesystem::copy_options::overwrite_existing);
    {
      SQLite::Database db(copy, SQLite::OPEN_READWRITE);
      db.exec(std::string("UPDATE breach_version SET content = ") + content +
              " WHERE breach_id = (SELECT id FROM breach WHERE code = 'BR-2026-004')");
    }
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"dpo-breach", "list"}, {"dpo-breach", "assess", "BR-2026-004"},
          {"dpo-breach", "draft", "BR-2026-004"}, {"dpo-audit", "--fail-on", "never"}}) {
      INFO(content << " " << args[1]);
      std::vector<std::string> rest(args.begin() + 1, args.end());
      rest.insert(rest.end(), {"--store", copy, "--as-of", "2026-10-01"});
      Run r = run(args[0], rest);
      // It was exit 70, "internal error: [json.exception.type_error...]".
      CHECK(r.exit_code == 4);
      CHECK(r.err == args[0] + ": the stored breach 'BR-2026-004' (version 1) is damaged: it does not read as a "
                               "recorded incident; restore the store from a backup\n");
    }
  }
}

TEST_CASE("the clock gives hours left, then hours late, in the controller's zone", "[cli][breach]") {
  TempDir dir;
  std::filesystem::path store = breach_store(dir);
  nlohmann::json early = listed(store, "2026-05-30T10:00:00+02:00")[0];
  CHECK(early["id"] == "BR-2026-004");
  CHECK(early["clock"]["due"] == "2026-06-01T16:00:00+02:00");
  CHECK(early["clock"]["hours_left"] == 54);
  CHECK(early["clock"]["hours_late"].is_null());
  nlohmann::json late = listed(store, "2026-06-01T16:00:01+02:00")[0];
  CHECK(late["clock"]["hours_left"].is_null());
  CHECK(late["clock"]["hours_late"] == 1);
  CHECK(late["clock"]["late"] == true);
  CHECK(late["subjects"] == nlohmann::json{{"count", 208}, {"source", "store"}});
  CHECK(late["records"] == nlohmann::json{{"count", 1040}, {"source", "store"}});
  CHECK(late["assessment"]["severity"] == 3.25);
  CHECK(late["assessment"]["risk"] == "high");
}

TEST_CASE("a late notification needs reasons, and a later one is complementary", "[cli][breach]") {
  TempDir dir;
  std::filesystem::path store = breach_store(dir);
  std::string before = dump(store);
  Run refused = breach(store, {"notified", "BR-2026-004", "--at", "2026-06-01T18:00:00+02:00"}, "2026-06-02");
  CHECK(refused.exit_code == 3);
  CHECK(refused.err ==
        "dpo-breach: BR-2026-004 was notified 74 hours after it was known; Art. 33(1) requires the reasons for the "
        "delay: give them with --reasons or late_reasons in the incident file\n");
  CHECK(dump(store) == before);
  Run late = breach(store,
                    {"notified", "BR-2026-004", "--lang", "en", "--at", "2026-06-01T18:00:00+02:00", "--reasons",
                     "the police report listing the laptop's contents came on 1 June"},
                    "2026-06-02");
  CHECK(late.out ==
        "BR-2026-004: initial notification on 2026-06-01T18:00:00+02:00, 74 hours after awareness (late, with "
        "reasons)\n");
  CHECK(breach(store, {"notified", "BR-2026-004", "--at", "2026-06-05"}, "2026-06-06").out ==
        "BR-2026-004\u202F: notification complémentaire le 5 juin 2026 à 0 h 00, 152 heures après la prise de "
        "connaissance\n");
  CHECK(breach(store, {"notified", "BR-2026-004", "--at", "2026-05-01"}, "2026-06-06").exit_code == 3);
  nlohmann::json b = listed(store, "2026-06-06")[0];
  CHECK(b["clock"]["delay_hours"] == 74);
  REQUIRE(b["notifications"].size() == 2);
  CHECK(b["notifications"][1]["kind"] == "complementary");
  // The draft now is a complementary one, and carries the reasons.
  Run draft = breach(store, {"draft", "BR-2026-004", "--lang", "en"}, "2026-06-06");
  CHECK(draft.out.find("# Complementary notification of a personal data breach\n") == 0);
  CHECK(draft.out.find("Complementary notification (Art. 33(4) GDPR), following the initial notification of 1 June 2026 "
                       "at 18:00.\n") != std::string::npos);
  CHECK(draft.out.find("## Reasons for the delay (Art. 33(1) GDPR)\n\nthe police report listing the laptop's contents "
                       "came on 1 June\n") != std::string::npos);
}

TEST_CASE("the authority draft covers every Art. 33(3) item with the computed counts, in both languages",
          "[cli][breach]") {
  TempDir dir;
  std::filesystem::path store = breach_store(dir);
  Run en = breach(store, {"draft", "BR-2026-004", "--format", "text", "--lang", "en"}, "2026-05-30T10:00:00+02:00");
  REQUIRE(en.exit_code == 0);
  for (const char* item : {
           "Initial notification of a personal data breach\n",
           "To the CNIL (Art. 33 GDPR)",
           "Reference in the controller's breach register: BR-2026-004\n",
           "Initial notification (Art. 33(1) GDPR).\n",
           "- SIREN: 912345678\n",
           "- Sector: formation professionnelle continue\n",
           "- Headcount: 24 people\n",
           "Data protection officer (Art. 33(3)(b) GDPR)",
           "- Designation number: DPO-84213\n",
           "- Start of the breach: 28 May 2026 at 20:00\n",
           "- End of the breach: ongoing\n",
           "- Discovered (the controller became aware): 29 May 2026 at 16:00\n",
           "- How it was discovered: the trainer reported the theft the next afternoon\n",
           "- 72-hour deadline: 1 June 2026 at 16:00\n",
           "- This notification: 30 May 2026 at 10:00, 18 hours after the controller became aware\n",
           "Nature of the breach (Art. 33(3)(a) GDPR)",
           "- Nature: loss of confidentiality\n",
           "- Circumstances: device lost or stolen (theft)\n",
           "- Origin of the incident: external malicious act\n",
           "- Approximate number of people: 208 (counted from the data held)\n",
           "- Approximate number of records: 1,040 (counted from the data held)\n",
           "- Sensitive data (Art. 9 and 10 GDPR): none\n",
           "Dossier de financement (financeur, numéro de dossier CPF, montants) (economic and financial information)",
           "Likely consequences (Art. 33(3)(c) GDPR)",
           "- Estimated severity: high\n",
           "- Likelihood of harm: likely\n",
           "Severity high (3.25)",
           "Measures (Art. 33(3)(d) GDPR)",
           "- full-disk encryption on every trainer laptop by 2026-06-30\n",
           "- People in other EU or EEA countries: no\n",
           // No decision yet: the draft states none for the DPO.
           "The people have not been informed so far; the risk assessment concludes that they must be (Art. 34(1) "
           "GDPR).\n",
           "- Encryption of the data: none\n",
           "- Data taken out (exfiltration): suspected\n",
           "- Who may hold the data: unknown\n",
       }) {
    INFO(item);
    CHECK(en.out.find(item) != std::string::npos);
  }
  CHECK(en.out.find("Reasons for the delay") == std::string::npos);
  CHECK(en.out.find("will be informed") == std::string::npos);
  Run fr = breach(store, {"draft", "BR-2026-004", "--format", "text", "--lang", "fr"}, "2026-05-30T10:00:00+02:00");
  const std::string nn = "\u202F";
  for (const std::string& item : std::vector<std::string>{
           "Notification initiale d'une violation de données personnelles\n",
           "Référence au registre des violations" + nn + ": BR-2026-004\n",
           "- Secteur d'activité" + nn + ": formation professionnelle continue\n",
           "- Effectif" + nn + ": 24 personnes\n",
           "- Numéro de désignation" + nn + ": DPO-84213\n",
           "- Début de la violation" + nn + ": 28 mai 2026 à 20 h 00\n",
           "- Fin de la violation" + nn + ": en cours\n",
           "- Échéance des 72 heures" + nn + ": 1er juin 2026 à 16 h 00\n",
           "- Nature" + nn + ": perte de confidentialité\n",
           "- Circonstances" + nn + ": équipement perdu ou volé (vol)\n",
           "- Origine de l'incident" + nn + ": acte externe malveillant\n",
           "Délégué à la protection des données (art. 33.3.b du RGPD)",
           "- Nombre approximatif de personnes" + nn + ": 208 (dénombré d'après les données détenues)\n",
           "- Nombre approximatif d'enregistrements" + nn + ": 1" + nn + "040 (dénombré d'après les données détenues)\n",
           "- Gravité estimée" + nn + ": importante\n",
           "- Vraisemblance d'un dommage" + nn + ": probable\n",
           "Gravité importante (3,25)",
           "Conséquences probables (art. 33.3.c du RGPD)",
           "Mesures (art. 33.3.d du RGPD)",
           "Information des personnes (art. 34 du RGPD)",
       }) {
    INFO(item);
    CHECK(fr.out.find(item) != std::string::npos);
  }
  // An estimate in the file wins over the count.
  Run email = breach(store, {"draft", "BR-2026-007", "--format", "json"}, "2026-10-01");
  nlohmann::json j = nlohmann::json::parse(email.out);
  CHECK(j["subjects"] == nlohmann::json{{"count", 12}, {"source", "estimate"}});
  // Not to be notified: the draft is the Art. 33(5) record, and says so.
  CHECK(j["draft"]["kind"] == "record");
  Run record = breach(store, {"draft", "BR-2026-007", "--lang", "en"}, "2026-10-01");
  CHECK(record.out.find("# Record of a personal data breach (Art. 33(5) GDPR)\n\nNot notified to the CNIL: Art. "
                        "33(1): unlikely to result in a risk: ") == 0);
  CHECK(record.out.find("Type of notification") == std::string::npos);
  CHECK(record.err.find("dpo-breach: the authority is not to be notified: this is the Art. 33(5) record of "
                        "BR-2026-007, not a notification\n") != std::string::npos);
  CHECK(j["assessment"]["conclusion"]["en"] == "document the breach (Art. 33(5)); no notification");
  CHECK(j["assessment"]["notify_reason"]["en"] ==
        "Art. 33(1): unlikely to result in a risk: confidentiality: a trusted recipient returned or deleted the data "
        "and confirmed it");
}

TEST_CASE("a late draft without recorded reasons says they are required", "[cli][breach]") {
  TempDir dir;
  std::filesystem::path store = breach_store(dir);
  Run r = breach(store, {"draft", "BR-2026-004", "--lang", "en", "--format", "text"}, "2026-06-02");
  CHECK(r.out.find("To be completed: Art. 33(1) GDPR requires the reasons for the delay.") != std::string::npos);
  CHECK(r.err.find("dpo-breach: the notification of BR-2026-004 is late and gives no reasons (Art. 33(1)): set "
                   "late_reasons in the incident file and record it again\n") != std::string::npos);
  write_text(dir / "late.yaml", read_text(incident("laptop-theft.yaml")) + "late_reasons: the theft was reported to us late\n");
  REQUIRE(breach(store, {"record", "-q", (dir / "late.yaml").string()}, "2026-06-02").exit_code == 0);
  Run with = breach(store, {"draft", "BR-2026-004", "--lang", "en", "--format", "text"}, "2026-06-02");
  CHECK(with.out.find("Reasons for the delay (Art. 33(1) GDPR)\n---------------------------------------\n\nthe theft "
                      "was reported to us late\n") != std::string::npos);
  CHECK(with.err.find("late") == std::string::npos);
  // The file's reasons serve the notification too.
  CHECK(breach(store, {"notified", "BR-2026-004", "--at", "2026-06-02"}, "2026-06-02").exit_code == 0);
}

TEST_CASE("the letter to the people and their contact list, written 0600", "[cli][breach]") {
  TempDir dir;
  std::filesystem::path store = breach_store(dir);
  Run r = breach(store, {"draft", "BR-2026-004", "--to", "subjects", "--lang", "en", "--out",
                         (dir / "letter.md").string(), "--recipients", (dir / "to.csv").string()},
                 "2026-06-01");
  REQUIRE(r.exit_code == 0);
  std::string letter = read_text(dir / "letter.md");
  CHECK(letter.find("Atelier Lumen Formation SAS\n\n8 quai Saint-Vincent, 69001 Lyon, France\n\n1 June 2026\n\n"
                    "# Information about a personal data breach\n\nDear Sir or Madam,\n") == 0);
  CHECK(letter.find("On 29 May 2026, Atelier Lumen Formation SAS became aware of a breach of personal data") !=
        std::string::npos);
  CHECK(letter.find("Yours faithfully,\n\nClaire Besson, data protection officer, Atelier Lumen Formation SAS\n") !=
        std::string::npos);
  CHECK(letter.find("Write to our data protection officer: Claire Besson") != std::string::npos);
  // Advice that fits the data: funding files are financial; no password leaked.
  CHECK(letter.find("Check your bank statements and report to your bank any payment you do not recognise.") !=
        std::string::npos);
  CHECK(letter.find("password with us") == std::string::npos);
  CHECK(letter.find("opened in your name") == std::string::npos);
  std::string csv = read_text(dir / "to.csv");
  CHECK(csv.find("key,email,phone\r\nL-2023-001,louise.morel.1@mail.example,'+33600000174\r\n") == 0);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 209);
  for (const char* file : {"letter.md", "to.csv"}) {
    struct stat st {};
    REQUIRE(::stat((dir / file).c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
  }
}

TEST_CASE("an incident naming its people, or a range of collection days, counts and writes those people only",
          "[cli][breach]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true);
  std::string laptop = read_text(incident("laptop-theft.yaml"));
  write_text(dir / "two.yaml", replaced(laptop, "systems: [crm, accounting]\n",
                                        "systems: [crm, accounting]\naffected: { subjects: [L-2023-002, L-2023-001] }\n"));
  REQUIRE(breach(store, {"record", "-q", (dir / "two.yaml").string()}, "2026-06-01").exit_code == 0);
  nlohmann::json j = nlohmann::json::parse(breach(store, {"draft", "BR-2026-004", "--format", "json"}, "2026-06-01").out);
  CHECK(j["subjects"] == nlohmann::json{{"count", 2}, {"source", "store"}});
  REQUIRE(breach(store, {"draft", "BR-2026-004", "--to", "subjects", "--recipients", (dir / "to.csv").string(), "--out",
                         (dir / "letter.md").string()},
                 "2026-06-01")
              .exit_code == 0);
  CHECK(read_text(dir / "to.csv") ==
        "key,email,phone\r\nL-2023-001,louise.morel.1@mail.example,'+33600000174\r\n"
        "L-2023-002,louise.vincent.2@mail.example,'+33600000222\r\n");
  // A range of collection days narrows the holdings, both ends included.
  write_text(dir / "range.yaml",
             replaced(replaced(laptop, "id: BR-2026-004", "id: BR-2026-005"), "systems: [crm, accounting]\n",
                      "systems: [crm, accounting]\naffected: { collected_from: 2022-12-12, collected_until: "
                      "2022-12-16 }\n"));
  REQUIRE(breach(store, {"record", "-q", (dir / "range.yaml").string()}, "2026-06-01").exit_code == 0);
  long long expected = SQLite::Database(store.string())
                           .execAndGet("SELECT count(*) FROM holding h JOIN activity a ON a.id = h.activity_id "
                                       "JOIN data_category c ON c.id = h.category_id WHERE h.anonymised_at IS NULL "
                                       "AND a.code IN ('training-delivery', 'funding-management') "
                                       "AND c.code IN ('identity', 'contact', 'funding') AND h.system IN ('crm', "
                                       "'accounting') AND h.collected_at >= strftime('%s', '2022-12-11T23:00:00Z') "
                                       "AND h.collected_at < strftime('%s', '2022-12-16T23:00:00Z')")
                           .getInt64();
  REQUIRE(expected > 0);
  nlohmann::json range = nlohmann::json::parse(breach(store, {"draft", "BR-2026-005", "--format", "json"}, "2026-06-01").out);
  CHECK(range["records"]["count"] == expected);
  // Funding files only: the people of the activity that holds them, not of every activity named.
  write_text(dir / "funding.yaml",
             replaced(replaced(laptop, "id: BR-2026-004", "id: BR-2026-007"), "data: [identity, contact, funding]",
                      "data: [funding]"));
  REQUIRE(breach(store, {"record", "-q", (dir / "funding.yaml").string()}, "2026-06-01").exit_code == 0);
  nlohmann::json funding =
      nlohmann::json::parse(breach(store, {"draft", "BR-2026-007", "--format", "json"}, "2026-06-01").out);
  CHECK(funding["subject_categories"] == nlohmann::json::array({"apprenants", "employeurs"}));
  // A key the store does not hold: exit 3, nothing recorded.
  std::string before = dump(store);
  write_text(dir / "ghost.yaml", replaced(replaced(laptop, "id: BR-2026-004", "id: BR-2026-006"),
                                          "systems: [crm, accounting]\n",
                                          "systems: [crm, accounting]\naffected: { subjects: [L-9999-999] }\n"));
  Run ghost = breach(store, {"record", (dir / "ghost.yaml").string()}, "2026-06-01");
  CHECK(ghost.exit_code == 3);
  CHECK(ghost.err.find("1 subject key(s) in affected.subjects not in the store, the first 'L-9999-999'") !=
        std::string::npos);
  CHECK(dump(store) == before);
  write_text(dir / "backwards.yaml", replaced(laptop, "systems: [crm, accounting]\n",
                                              "systems: [crm, accounting]\naffected: { collected_from: 2023-01-02, "
                                              "collected_until: 2023-01-01 }\n"));
  CHECK(breach(store, {"record", (dir / "backwards.yaml").string()}, "2026-06-01").exit_code == 3);
}

TEST_CASE("a draft never writes its letter or recipients over the store, its journal files or a link", "[cli][breach]") {
  TempDir dir;
  std::filesystem::path store = breach_store(dir);
  std::string before = dump(store);
  std::filesystem::create_symlink(dir / "elsewhere.csv", dir / "link.csv");
  for (const std::vector<std::string>& extra :
       {std::vector<std::string>{"--recipients", store.string()}, {"--recipients", store.string() + "-wal"},
        {"--recipients", (dir / "link.csv").string()}, {"--out", store.string()}}) {
    std::vector<std::string> args{"draft", "BR-2026-004", "--to", "subjects", "--lang", "en"};
    args.insert(args.end(), extra.begin(), extra.end());
    Run r = breach(store, args, "2026-06-01");
    INFO(extra[0] + " " + extra[1]);
    CHECK(r.exit_code == 4);
    CHECK(r.err.find("refusing to write '" + extra[1] + "'") != std::string::npos);
  }
  CHECK(dump(store) == before);
  CHECK(!std::filesystem::exists(dir / "elsewhere.csv"));
}

TEST_CASE("a store named through a symbolic link keeps its real files and the link's from every output",
          "[cli][breach]") {
  TempDir dir;
  std::filesystem::path real = breach_store(dir);
  std::filesystem::path link = dir / "link.sqlite";
  std::filesystem::create_symlink(real, link);
  std::string before = dump(real);
  for (std::string option : {"--recipients", "--out"})
    for (const std::string& target : {real.string(), real.string() + "-wal", real.string() + "-shm",
                                      link.string() + "-wal", link.string() + "-shm"}) {
      INFO(option + " " + target);
      Run r = run("dpo-breach", {"draft", "BR-2026-004", "--to", "subjects", "--lang", "en", "--store", link.string(),
                                 "--as-of", "2026-06-01", option, target});
      CHECK(r.exit_code == 4);
      CHECK(r.err.find("refusing to write '" + target + "': it is the store or one of its files") !=
            std::string::npos);
    }
  CHECK(dump(real) == before);
  // Before, the real -wal was not protected: the audit wrote over it with exit 0.
  Run audit = run("dpo-audit", {"--store", link.string(), "--as-of", "2026-11-26", "--fail-on", "never", "--out",
                                real.string() + "-wal"});
  CHECK(audit.exit_code == 4);
}

TEST_CASE("the assessment shows every factor with its reason", "[cli][breach]") {
  TempDir dir;
  std::filesystem::path store = breach_store(dir);
  Run r = breach(store, {"assess", "BR-2026-011", "--lang", "en"}, "2026-10-01");
  CHECK(r.out ==
        "BR-2026-011: Ransomware on the LMS server, restored from backup\n"
        "1. Severity (ENISA 2013)\n"
        "  dpc                   1.00  the most sensitive data involved: Résultats des évaluations (professional life)\n"
        "  ei                   x0.75  identifying the people is significant\n"
        "  cb-availability      +0.25  unavailable until restored from a backup\n"
        "  cb-malicious         +0.50  the breach was deliberate\n"
        "  severity = 1.00 x 0.75 + 0.75 = 1.50 (low)\n"
        "2. Likelihood (EDPB Guidelines 9/2022)\n"
        "  likelihood-availability    unlikely      availability: restored from a backup\n"
        "  likelihood = unlikely\n"
        "3. Conclusion\n"
        "  Art. 33(1): unlikely to result in a risk: availability: restored from a backup\n"
        "  Art. 34(1): no likely high risk (severity low (1.50), harm unlikely): telling the people is not required\n"
        "  document the breach (Art. 33(5)); no notification\n");
  CHECK(breach(store, {"assess", "BR-9"}, "2026-10-01").exit_code == 3);
}

TEST_CASE("BRE-001 to BRE-004 fire on the breaches that need them and stay silent otherwise", "[cli][breach][audit]") {
  TempDir dir;
  std::filesystem::path store = breach_store(dir);
  auto rules = [&](const std::string& as_of) {
    Run r = run("dpo-audit", {"--store", store.string(), "--as-of", as_of, "--format", "json", "--fail-on", "never",
                              "--rule", "BRE-001", "--rule", "BRE-002", "--rule", "BRE-003", "--rule", "BRE-004"});
    REQUIRE(r.exit_code == 0);
    std::vector<std::string> out;
    nlohmann::json audit = nlohmann::json::parse(r.out);
    for (const auto& f : audit["findings"])
      out.push_back(f["rule"].get<std::string>() + " " + f["object"]["id"].get<std::string>());
    return out;
  };
  CHECK(rules("2026-10-01") == std::vector<std::string>{"BRE-001 BR-2026-004", "BRE-003 BR-2026-004"});
  REQUIRE(breach(store, {"notified", "BR-2026-004", "--at", "2026-06-01T18:00:00+02:00", "--reasons", "x"},
                 "2026-10-01").exit_code == 0);
  REQUIRE(breach(store, {"communicated", "BR-2026-004", "--at", "2026-06-03"}, "2026-10-01").exit_code == 0);
  CHECK(rules("2026-10-01").empty());
  // A record without its effects or remedies, notified late without reasons.
  std::string bare = read_text(incident("laptop-theft.yaml"));
  bare = replaced(bare, "id: BR-2026-004", "id: BR-2026-020");
  bare = bare.substr(0, bare.find("consequences:"));
  write_text(dir / "bare.yaml", bare + "data_context: simple\n");
  write_text(dir / "bare.yaml", replaced(bare, "data_context: financial", "data_context: behavioural"));
  REQUIRE(breach(store, {"record", "-q", (dir / "bare.yaml").string()}, "2026-10-01").exit_code == 0);
  std::vector<std::string> found = rules("2026-10-01");
  CHECK(found == std::vector<std::string>{"BRE-001 BR-2026-020", "BRE-004 BR-2026-020"});
}

TEST_CASE("the DPO's decision is recorded with its reason and wins over the assessment everywhere", "[cli][breach]") {
  TempDir dir;
  std::filesystem::path store = breach_store(dir);
  std::string before = dump(store);
  // Refused, nothing written: a blank reason, the people told but not the authority.
  Run blank = breach(store, {"decide", "BR-2026-007", "--notify", "yes", "--communicate", "no", "--reason", " "},
                     "2026-10-01");
  CHECK(blank.exit_code == 3);
  CHECK(blank.err.find("--reason is blank") != std::string::npos);
  CHECK(breach(store, {"decide", "BR-2026-007", "--notify", "no", "--communicate", "yes", "--reason", "x"},
               "2026-10-01")
            .exit_code == 3);
  CHECK(breach(store, {"decide", "BR-9", "--notify", "no", "--communicate", "no", "--reason", "x"}, "2026-10-01")
            .exit_code == 3);
  CHECK(breach(store, {"decide", "BR-2026-007", "--notify", "maybe", "--communicate", "no", "--reason", "x"},
               "2026-10-01")
            .exit_code == 2);
  CHECK(dump(store) == before);
  // The assessment says document only; the DPO notifies.
  Run d = breach(store, {"decide", "BR-2026-007", "--notify", "yes", "--communicate", "no", "--reason",
                         "the partner competes with us"},
                 "2026-06-15T15:00:00+02:00");
  REQUIRE(d.exit_code == 0);
  CHECK(d.err ==
        "dpo-breach: décision enregistrée pour BR-2026-007\u202F: notifier l'autorité, ne pas informer les "
        "personnes\u202F; s'écarte de l'évaluation sur la notification\n");
  nlohmann::json j = nlohmann::json::parse(breach(store, {"assess", "BR-2026-007", "--format", "json"}, "2026-06-16").out);
  CHECK(j["assessment"]["notify_authority"] == false);
  CHECK(j["decision"]["notify"] == true);
  CHECK(j["decision"]["reason"] == "the partner competes with us");
  CHECK(j["decision"]["at"] == "2026-06-15T15:00:00+02:00");
  nlohmann::json all = listed(store, "2026-06-16");
  CHECK(all[1]["id"] == "BR-2026-007");
  CHECK(all[1]["notify"] == true);
  CHECK(breach(store, {"assess", "BR-2026-007", "--lang", "en"}, "2026-06-16").out.find(
            "4. The DPO's decision\n  notify the authority, do not tell the people (") != std::string::npos);
  CHECK(breach(store, {"list", "--lang", "en"}, "2026-06-16").out.find(
            "59 h left to notify (the DPO's decision, not the assessment's)") != std::string::npos);
  CHECK(breach(store, {"draft", "BR-2026-007", "--lang", "fr"}, "2026-06-16").out.find(
            "Décision du DPO\u202F: notifier l'autorité, ne pas informer les personnes (") != std::string::npos);
  // The audit follows the decision: past 72 hours, not notified.
  Run audit = run("dpo-audit", {"--store", store.string(), "--as-of", "2026-06-20", "--format", "json", "--fail-on",
                                "never", "--rule", "BRE-001"});
  nlohmann::json findings = nlohmann::json::parse(audit.out)["findings"];
  REQUIRE(findings.size() == 2);
  CHECK(findings[1]["object"]["id"] == "BR-2026-007");
  // A later decision replaces it; the journal keeps both.
  REQUIRE(breach(store, {"decide", "BR-2026-007", "--notify", "no", "--communicate", "no", "--reason", "on reflection",
                         "-q"},
                 "2026-06-16")
              .exit_code == 0);
  CHECK(listed(store, "2026-06-16")[1]["notify"] == false);
  SQLite::Database db(store.string());
  CHECK(db.execAndGet("SELECT count(*) FROM journal WHERE command = 'breach decide'").getInt() == 2);
  CHECK(db.execAndGet("SELECT count(*) FROM breach_decision").getInt() == 2);
}

TEST_CASE("the register lists every breach with its risk and clock, in the language asked", "[cli][breach]") {
  TempDir dir;
  std::filesystem::path store = breach_store(dir);
  Run en = breach(store, {"list", "--lang", "en"}, "2026-10-01");
  CHECK(en.out ==
        "BR-2026-004  2026-05-29T16:00:00+02:00 high        3.25  2,912 h late\n"
        "             Trainer laptop stolen from a car\n"
        "BR-2026-007  2026-06-15T11:30:00+02:00 low         1.25  documented, no notification needed\n"
        "             Assessment results emailed to the wrong partner\n"
        "BR-2026-011  2026-09-18T07:45:00+02:00 low         1.50  documented, no notification needed\n"
        "             Ransomware on the LMS server, restored from backup\n");
  REQUIRE(breach(store, {"notified", "BR-2026-004", "--at", "2026-05-31T11:00:00+02:00"}, "2026-10-01").exit_code == 0);
  Run fr = breach(store, {"list", "--lang", "fr"}, "2026-10-01");
  CHECK(fr.out.find("BR-2026-004  29 mai 2026 à 16 h 00     importante  3,25  notifiée le 31 mai 2026 à 11 h 00 "
                    "(43 h)\n") == 0);
  // As of a day before a breach was known, it is not in the register yet,
  // and what was done later does not show.
  Run june = breach(store, {"list", "--lang", "en"}, "2026-05-30T12:00:00+02:00");
  CHECK(june.out == "BR-2026-004  2026-05-29T16:00:00+02:00 high        3.25  52 h left to notify\n"
                    "             Trainer laptop stolen from a car\n");
  Run early = breach(store, {"draft", "BR-2026-011"}, "2026-09-01");
  CHECK(early.exit_code == 3);
  CHECK(early.err == "dpo-breach: --as-of is before BR-2026-011 was known (2026-09-18T07:45:00+02:00); give a time on "
                     "or after it\n");
  Run csv = breach(store, {"list", "--format", "csv"}, "2026-10-01");
  CHECK(csv.out.find("BR-2026-004,Trainer laptop stolen from a car,2026-05-29T16:00:00+02:00,"
                     "2026-06-01T16:00:00+02:00,2026-05-31T11:00:00+02:00,43,,,confidentiality,theft,208,1040,3.25,"
                     "high,likely,yes,yes,\r\n") != std::string::npos);
  // The DPO's decision, with who took it.
  REQUIRE(breach(store, {"decide", "BR-2026-011", "--notify", "yes", "--communicate", "no", "--reason", "x", "-q"},
                 "2026-10-01")
              .exit_code == 0);
  std::string actor = SQLite::Database(store.string()).execAndGet("SELECT actor FROM breach_decision").getString();
  CHECK(breach(store, {"list", "--format", "csv"}, "2026-10-01").out.find(",1.50,low,unlikely,yes,no," + actor +
                                                                         "\r\n") != std::string::npos);
}

TEST_CASE("telling each person would take disproportionate effort: the letter becomes a public communication",
          "[cli][breach]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true);
  write_text(dir / "public.yaml",
             replaced(read_text(incident("laptop-theft.yaml")), "  vulnerable_subjects: false\n",
                      "  vulnerable_subjects: false\n  disproportionate_effort: true\n"));
  REQUIRE(breach(store, {"record", "-q", (dir / "public.yaml").string()}, "2026-05-30").exit_code == 0);
  Run letter = breach(store, {"draft", "BR-2026-004", "--to", "subjects", "--lang", "en"}, "2026-05-30");
  REQUIRE(letter.exit_code == 0);
  CHECK(letter.out.find("# Public notice of a personal data breach\n") != std::string::npos);
  CHECK(letter.out.find("Dear Sir or Madam") == std::string::npos);
  CHECK(letter.out.find("We publish this notice because informing each person concerned individually would "
                        "involve disproportionate effort (Art. 34(3)(c) GDPR).\n") != std::string::npos);
  CHECK(letter.out.find("About 208 people: apprenants, formateurs, employeurs.\n") != std::string::npos);
  CHECK(breach(store, {"draft", "BR-2026-004", "--to", "public", "--lang", "en"}, "2026-05-30").out == letter.out);
  // The authority draft says how, once the DPO has decided.
  REQUIRE(breach(store, {"decide", "BR-2026-004", "--notify", "yes", "--communicate", "yes", "--reason",
                         "stolen CRM export, no encryption", "-q"},
                 "2026-05-30")
              .exit_code == 0);
  Run authority = breach(store, {"draft", "BR-2026-004", "--lang", "en"}, "2026-05-30");
  CHECK(authority.out.find("The people will be informed without undue delay by a public communication, informing "
                           "each of them would involve disproportionate effort (Art. 34(3)(c) GDPR).\n") !=
        std::string::npos);
  // Without the effort, --to subjects is the letter, and --to public still the notice.
  std::filesystem::path plain = breach_store(dir);
  CHECK(breach(plain, {"draft", "BR-2026-004", "--to", "subjects", "--lang", "en"}, "2026-05-30")
            .out.find("Dear Sir or Madam,") != std::string::npos);
  CHECK(breach(plain, {"draft", "BR-2026-004", "--to", "public", "--lang", "en"}, "2026-05-30")
            .out.find("# Public notice of a personal data breach\n") != std::string::npos);
  nlohmann::json j = nlohmann::json::parse(
      breach(plain, {"draft", "BR-2026-004", "--to", "public", "--format", "json"}, "2026-05-30").out);
  CHECK(j["draft"]["to"] == "public");
}

namespace {

// Every enum value an incident file or the assessment takes, in English:
// none may reach a French draft.
const std::vector<std::string> kEnglishValues{
    "confidentiality", "integrity",   "availability", "theft",      "loss",       "malware",     "ransomware",
    "hacking",         "misdelivery", "human-error",  "phishing",   "disposal",   "publication", "wrong-person",
    "verbal",          "internal",    "external",     "unknown",    "state-of-the-art", "not-applicable",
    "suspected",       "confirmed",   "known-trusted", "malicious", "public",     "negligible",  "significant",
    "maximum",         "low",         "medium",       "high",       "very-high",  "unlikely",    "likely",
    "very likely",     "simple",      "behavioural",  "financial",  "sensitive",  "identity",    "personal-life",
    "professional",    "credentials", "official-id",  "special",    "criminal",   "dpc",         "cb-",
    "initial",         "complementary", "none",       "yes",        "severity",   "Art. ",       "GDPR"};

bool has_word(const std::string& text, const std::string& word) {
  for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    auto letter = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || (c & 0x80); };
    bool starts = at == 0 || !letter(text[at - 1]);
    bool ends = at + word.size() >= text.size() || !letter(text[at + word.size()]) || word.back() == '-' ||
                word.back() == ' ';
    if (starts && ends) return true;
  }
  return false;
}

// A double sign (: ; ? !) or % with no narrow no-break space before it,
// where French wants one: after a letter or a plain space.
std::string bad_typography(const std::string& text) {
  for (std::size_t i = 1; i < text.size(); ++i) {
    char c = text[i];
    if (c != ':' && c != ';' && c != '?' && c != '!' && c != '%') continue;
    bool word_sign = i + 1 < text.size() && text[i + 1] != ' ' && text[i + 1] != '\n';
    if (c != '%' && word_sign) continue;  // 16:00, https://
    if (text.compare(i >= 3 ? i - 3 : 0, 3, "\u202F") == 0) continue;
    if (text[i - 1] == '\n' || text[i - 1] == '|' || text[i - 1] == '-') continue;
    return text.substr(i >= 30 ? i - 30 : 0, 40);
  }
  return {};
}

}  // namespace

TEST_CASE("French drafts hold no English value and follow French typography", "[cli][breach]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true);
  // An incident written in French, as a French DPO writes it, for each
  // kind of draft; everything else in them comes from dpokit.
  write_text(dir / "fr.yaml",
             "id: BR-2026-020\n"
             "title: Vol d'un ordinateur portable de formateur\n"
             "aware_at: 2026-12-02T16:00:00+01:00\n"
             "occurred_at: 2026-12-01T20:00:00+01:00\n"
             "ended_at: 2026-12-02T09:00:00+01:00\n"
             "discovery: signalement du formateur\n"
             "nature: [confidentiality, availability]\n"
             "cause: theft\norigin: external\nmalicious: true\n"
             "activities: [training-delivery, funding-management]\n"
             "data: [identity, contact, funding]\n"
             "context: { encryption: none, backup: available, recipients: unknown }\n"
             "consequences: hameçonnage possible\n"
             "measures_taken: [plainte déposée]\n"
             "measures_planned: [chiffrement des disques]\n");
  REQUIRE(breach(store, {"record", "-q", (dir / "fr.yaml").string()}, "2026-12-03").exit_code == 0);
  // The register's own labels are the DPO's words: left out of the check.
  std::vector<std::string> labels;
  for (const char* l : {"Identité (nom, civilité, date de naissance)", "Coordonnées",
                        "Dossier de financement (financeur, numéro de dossier CPF, montants)", "Réalisation des formations",
                        "Dossiers de financement", "apprenants", "formateurs", "employeurs", "Atelier Lumen Formation SAS",
                        "8 quai Saint-Vincent, 69001 Lyon, France", "formation professionnelle continue", "CNIL",
                        "Claire Besson", "dpo@lumen-formation.example", "DPO-84213", "BR-2026-020"})
    labels.emplace_back(l);
  auto strip = [&](std::string text) {
    for (const std::string& l : labels)
      for (std::size_t at = text.find(l); at != std::string::npos; at = text.find(l)) text.replace(at, l.size(), "X");
    return text;
  };
  for (const char* to : {"authority", "subjects", "public"}) {
    for (const char* format : {"md", "text"}) {
      Run r = breach(store, {"draft", "BR-2026-020", "--to", to, "--lang", "fr", "--format", format}, "2026-12-03");
      REQUIRE(r.exit_code == 0);
      std::string text = strip(r.out);
      INFO(to << " " << format);
      for (const std::string& word : kEnglishValues) {
        INFO(word);
        CHECK_FALSE(has_word(text, word));
      }
      INFO(bad_typography(text));
      CHECK(bad_typography(text).empty());
      CHECK(text.find("T16:00:00") == std::string::npos);  // no ISO date
    }
  }
  Run authority = breach(store, {"draft", "BR-2026-020", "--lang", "fr", "--format", "text"}, "2026-12-03");
  CHECK(authority.out.find("Fin de la violation\u202F: 2 décembre 2026 à 9 h 00\n") != std::string::npos);
  CHECK(authority.out.find("Nature\u202F: perte de confidentialité, perte de disponibilité\n") != std::string::npos);
  CHECK(authority.out.find("Circonstances de la découverte\u202F: signalement du formateur\n") != std::string::npos);
  // The test's checks catch what they look for.
  CHECK(has_word("la gravité est high.", "high"));
  CHECK_FALSE(has_word("highway", "high"));
  CHECK_FALSE(bad_typography("Nature : x").empty());
  CHECK_FALSE(bad_typography("Nature: x").empty());
}

TEST_CASE("the people affected may come from a file of keys, read when the incident is recorded", "[cli][breach]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true);
  std::string laptop = read_text(incident("laptop-theft.yaml"));
  std::filesystem::create_directories(dir / "inc");
  write_text(dir / "inc/keys.txt", "# from the CRM export on the laptop\nL-2023-002\n\nL-2023-001\n");
  write_text(dir / "inc/keys.yaml",
             replaced(laptop, "systems: [crm, accounting]\n",
                      "systems: [crm, accounting]\naffected: { subjects: [L-2023-003], subjects_file: keys.txt }\n"));
  REQUIRE(breach(store, {"record", "-q", (dir / "inc/keys.yaml").string()}, "2026-06-01").exit_code == 0);
  // The keys are kept in the record: the file may go.
  std::filesystem::remove(dir / "inc/keys.txt");
  nlohmann::json j = nlohmann::json::parse(breach(store, {"draft", "BR-2026-004", "--format", "json"}, "2026-06-01").out);
  CHECK(j["subjects"] == nlohmann::json{{"count", 3}, {"source", "store"}});
  // A key twice is named at its line; a missing file at the incident's.
  std::string before = dump(store);
  write_text(dir / "inc/twice.txt", "L-2023-001\nL-2023-001\n");
  write_text(dir / "inc/twice.yaml",
             replaced(replaced(laptop, "id: BR-2026-004", "id: BR-2026-005"), "systems: [crm, accounting]\n",
                      "systems: [crm, accounting]\naffected: { subjects_file: twice.txt }\n"));
  Run twice = breach(store, {"record", (dir / "inc/twice.yaml").string()}, "2026-06-01");
  CHECK(twice.exit_code == 3);
  CHECK(twice.err.find("subject listed twice among the people affected at " + (dir / "inc/twice.txt").string() +
                       ":2:1 (keep one)") != std::string::npos);
  write_text(dir / "inc/gone.yaml", replaced(read_text(dir / "inc/twice.yaml"), "twice.txt", "gone.txt"));
  Run gone = breach(store, {"record", (dir / "inc/gone.yaml").string()}, "2026-06-01");
  CHECK(gone.exit_code == 3);
  CHECK(gone.err.find("gone.yaml:") != std::string::npos);
  CHECK(gone.err.find("gone.txt") != std::string::npos);
  CHECK(dump(store) == before);
}

TEST_CASE("when a breach ended, and who caused it, are checked like the rest of the file", "[cli][breach]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true);
  std::string laptop = read_text(incident("laptop-theft.yaml"));
  std::string before = dump(store);
  for (const auto& [from, to, message] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"ongoing: true ", "ended_at: 2026-05-27T10:00:00+02:00 ", "'ended_at' is before 'occurred_at'"},
           {"ongoing: true ", "ongoing: true\nended_at: 2026-05-30T10:00:00+02:00 ",
            "the breach is 'ongoing' but has an 'ended_at'"},
           {"origin: external", "origin: outside", "unknown origin 'outside'"},
           {"cause: theft", "cause: stolen", "unknown cause 'stolen'"}}) {
    write_text(dir / "bad.yaml", replaced(laptop, from, to));
    Run r = breach(store, {"record", (dir / "bad.yaml").string()}, "2026-06-01");
    INFO(message);
    CHECK(r.exit_code == 3);
    CHECK(r.err.find(message) != std::string::npos);
  }
  CHECK(dump(store) == before);
}

TEST_CASE("a draft states only what is so: on-time follow-ups, decisions, categories and advice that fit",
          "[cli][breach]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true);
  std::string laptop = read_text(incident("laptop-theft.yaml"));
  // Notified on time, then a complementary notification days later: not late.
  REQUIRE(breach(store, {"record", "-q", incident("laptop-theft.yaml").string()}, "2026-05-30").exit_code == 0);
  REQUIRE(breach(store, {"notified", "-q", "BR-2026-004", "--at", "2026-05-31T11:00:00+02:00"}, "2026-05-31T12:00:00+02:00")
              .exit_code == 0);
  Run follow_up = breach(store, {"draft", "BR-2026-004", "--lang", "en"}, "2026-06-05");
  CHECK(follow_up.out.find("# Complementary notification") == 0);
  CHECK(follow_up.out.find("Reasons for the delay") == std::string::npos);
  CHECK(follow_up.err.find("late") == std::string::npos);
  // A decision not to tell the people: said as the DPO's, without the
  // account that ran the command, and the reason given once.
  REQUIRE(breach(store, {"decide", "-q", "BR-2026-004", "--notify", "yes", "--communicate", "no", "--reason",
                         "the police asked us to wait."},
                 "2026-06-05")
              .exit_code == 0);
  Run decided = breach(store, {"draft", "BR-2026-004", "--lang", "en"}, "2026-06-05T12:00:00+02:00");
  CHECK(decided.out.find("The people will not be informed: the DPO decided so, for the reason given above.\n") !=
        std::string::npos);
  CHECK(decided.out.find("departs from the assessment on telling the people: the police asked us to wait.\n") !=
        std::string::npos);
  CHECK(decided.out.find(" (5 June 2026 at 00:00); ") != std::string::npos);
  CHECK(decided.err.empty());
  // The letter: when it happened and that it goes on; an ending the title
  // already has is kept; a public notice without the exemption gives no
  // ground for it.
  Run letter = breach(store, {"draft", "BR-2026-004", "--to", "subjects", "--lang", "en"}, "2026-06-05");
  CHECK(letter.out.find("On 29 May 2026, Atelier Lumen Formation SAS became aware of a breach of personal data: "
                        "Trainer laptop stolen from a car. It took place on 28 May 2026. It has not come to an end "
                        "yet.\n") != std::string::npos);
  CHECK(breach(store, {"draft", "BR-2026-004", "--to", "public", "--lang", "en"}, "2026-06-05")
            .out.find("We publish this notice because") == std::string::npos);
  // Nobody accessed the data: no warning against phishing. Health data in
  // other hands: blackmail.
  write_text(dir / "closed.yaml",
             replaced(replaced(replaced(laptop, "id: BR-2026-004", "id: BR-2026-008"), "exfiltration: suspected",
                               "exfiltration: none"),
                      "title: Trainer laptop stolen from a car", "title: Was the laptop opened?"));
  REQUIRE(breach(store, {"record", "-q", (dir / "closed.yaml").string()}, "2026-06-05").exit_code == 0);
  Run closed = breach(store, {"draft", "BR-2026-008", "--to", "subjects", "--lang", "en"}, "2026-06-05");
  CHECK(closed.out.find("Be wary of messages") == std::string::npos);
  CHECK(closed.out.find("Check your bank statements") == std::string::npos);
  CHECK(closed.out.find(": Was the laptop opened? It took place") != std::string::npos);
  write_text(dir / "health.yaml",
             replaced(replaced(laptop, "id: BR-2026-004", "id: BR-2026-009"),
                      "activities: [training-delivery, funding-management]\ndata: [identity, contact, funding]",
                      "activities: [disability-accommodation]\ndata: [identity, disability]"));
  REQUIRE(breach(store, {"record", "-q", (dir / "health.yaml").string()}, "2026-06-05").exit_code == 0);
  Run health = breach(store, {"draft", "BR-2026-009", "--to", "subjects", "--lang", "en"}, "2026-06-05");
  CHECK(health.out.find("Be wary of messages") != std::string::npos);
  CHECK(health.out.find("If anyone contacts you about this information or asks you for money") != std::string::npos);
  // The DPO names the categories of people affected, among the activities'.
  write_text(dir / "two.yaml",
             replaced(replaced(laptop, "id: BR-2026-004", "id: BR-2026-010"), "systems: [crm, accounting]\n",
                      "systems: [crm, accounting]\naffected: { subjects: [L-2023-001, L-2023-002], categories: "
                      "[apprenants] }\n"));
  REQUIRE(breach(store, {"record", "-q", (dir / "two.yaml").string()}, "2026-06-05").exit_code == 0);
  Run two = breach(store, {"draft", "BR-2026-010", "--lang", "en"}, "2026-06-05");
  CHECK(two.out.find("- Categories of people: apprenants\n") != std::string::npos);
  write_text(dir / "stranger.yaml", replaced(read_text(dir / "two.yaml"), "categories: [apprenants]",
                                             "categories: [patients]"));
  Run stranger = breach(store, {"record", (dir / "stranger.yaml").string()}, "2026-06-05");
  CHECK(stranger.exit_code == 3);
  CHECK(stranger.err.find("category of people 'patients' is not among the incident's activities'") !=
        std::string::npos);
  // Hours agree with their number; under an hour says so.
  CHECK(breach(store, {"draft", "BR-2026-010", "--lang", "fr"}, "2026-05-29T16:40:00+02:00")
            .out.find("29 mai 2026 à 16 h 40, moins d'une heure après la prise de connaissance") != std::string::npos);
  CHECK(breach(store, {"draft", "BR-2026-010", "--lang", "fr"}, "2026-05-29T17:59:00+02:00")
            .out.find("29 mai 2026 à 17 h 59, 1 heure après la prise de connaissance") != std::string::npos);
}
