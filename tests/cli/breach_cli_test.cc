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
  Run first = breach(store, {"record", incident("laptop-theft.yaml").string()}, "2026-05-30T10:00:00+02:00");
  CHECK(first.out == "recorded BR-2026-004 (version 1): due 2026-06-01T16:00:00+02:00, 54 h left\n");
  std::string before = dump(store);
  Run again = breach(store, {"record", incident("laptop-theft.yaml").string()}, "2026-05-30T11:00:00+02:00");
  CHECK(again.out == "unchanged BR-2026-004 (version 1): due 2026-06-01T16:00:00+02:00, 53 h left\n");
  CHECK(dump(store) == before);
  std::string changed = replaced(read_text(incident("laptop-theft.yaml")), "  - complaint filed with the police",
                                 "  - the car park's CCTV footage requested\n  - complaint filed with the police");
  write_text(dir / "v2.yaml", changed);
  CHECK(breach(store, {"record", (dir / "v2.yaml").string()}, "2026-05-31").out ==
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
  Run late = breach(store, {"notified", "BR-2026-004", "--at", "2026-06-01T18:00:00+02:00", "--reasons",
                            "the police report listing the laptop's contents came on 1 June"},
                    "2026-06-02");
  CHECK(late.out ==
        "BR-2026-004: initial notification on 2026-06-01T18:00:00+02:00, 74 hours after awareness (late, with "
        "reasons)\n");
  CHECK(breach(store, {"notified", "BR-2026-004", "--at", "2026-06-05"}, "2026-06-06").out ==
        "BR-2026-004: complementary notification on 2026-06-05T00:00:00+02:00, 152 hours after awareness\n");
  CHECK(breach(store, {"notified", "BR-2026-004", "--at", "2026-05-01"}, "2026-06-06").exit_code == 3);
  nlohmann::json b = listed(store, "2026-06-06")[0];
  CHECK(b["clock"]["delay_hours"] == 74);
  REQUIRE(b["notifications"].size() == 2);
  CHECK(b["notifications"][1]["kind"] == "complementary");
  // The draft now is a complementary one, and carries the reasons.
  Run draft = breach(store, {"draft", "BR-2026-004", "--lang", "en"}, "2026-06-06");
  CHECK(draft.out.find("# Complementary personal data breach notification: BR-2026-004") == 0);
  CHECK(draft.out.find("## Reasons for the delay (Art. 33(1))\n\nthe police report listing the laptop's contents "
                       "came on 1 June\n") != std::string::npos);
}

TEST_CASE("the authority draft covers every Art. 33(3) item with the computed counts, in both languages",
          "[cli][breach]") {
  TempDir dir;
  std::filesystem::path store = breach_store(dir);
  Run en = breach(store, {"draft", "BR-2026-004", "--format", "text", "--lang", "en"}, "2026-05-30T10:00:00+02:00");
  REQUIRE(en.exit_code == 0);
  for (const char* item : {
           "Initial personal data breach notification: BR-2026-004 (Trainer laptop stolen from a car)\n",
           "To the CNIL (Art. 33 GDPR)",
           "- SIREN: 912345678\n",
           "- Contact person (Art. 33(3)(b)): Claire Besson, dpo@lumen-formation.example, +33 4 72 00 00 10\n",
           "- Breach occurred: 2026-05-28T20:00:00+02:00\n",
           "- Controller aware: 2026-05-29T16:00:00+02:00\n",
           "- This notification: 2026-05-30T10:00:00+02:00\n",
           "Nature of the breach (Art. 33(3)(a))",
           "- Kind: confidentiality\n",
           "- Approximate number of people: 208 (counted from the data held)\n",
           "- Approximate number of records: 1040 (counted from the data held)\n",
           "- Special categories (Art. 9): none\n",
           "Likely consequences (Art. 33(3)(c))",
           "Severity 3.25 (high)",
           "Measures (Art. 33(3)(d))",
           "- full-disk encryption on every trainer laptop by 2026-06-30\n",
           "Cross-border",
           "high risk: they will be informed without undue delay, by individual message",
       }) {
    INFO(item);
    CHECK(en.out.find(item) != std::string::npos);
  }
  CHECK(en.out.find("Reasons for the delay") == std::string::npos);
  Run fr = breach(store, {"draft", "BR-2026-004", "--format", "text", "--lang", "fr"}, "2026-05-30T10:00:00+02:00");
  for (const char* item : {
           "Notification initiale de violation de données personnelles : BR-2026-004",
           "- Personne à contacter (art. 33(3)(b)) : Claire Besson, dpo@lumen-formation.example",
           "Nature de la violation (art. 33(3)(a))",
           "- Nombre approximatif de personnes : 208 (dénombré d'après les données détenues)\n",
           "- Nombre approximatif d'enregistrements : 1040 (dénombré d'après les données détenues)\n",
           "Conséquences probables (art. 33(3)(c))",
           "Mesures (art. 33(3)(d))",
           "Information des personnes (art. 34)",
       }) {
    INFO(item);
    CHECK(fr.out.find(item) != std::string::npos);
  }
  // An estimate in the file wins over the count.
  Run email = breach(store, {"draft", "BR-2026-007", "--format", "json"}, "2026-10-01");
  nlohmann::json j = nlohmann::json::parse(email.out);
  CHECK(j["subjects"] == nlohmann::json{{"count", 12}, {"source", "estimate"}});
  CHECK(j["draft"]["kind"] == "initial");
  CHECK(j["assessment"]["conclusion"]["en"] == "document the breach (Art. 33(5)); no notification");
  CHECK(j["assessment"]["notify_reason"]["en"] ==
        "Art. 33(1): unlikely to result in a risk: confidentiality: a trusted recipient returned or deleted the data "
        "and confirmed it");
}

TEST_CASE("a late draft without recorded reasons says they are required", "[cli][breach]") {
  TempDir dir;
  std::filesystem::path store = breach_store(dir);
  Run r = breach(store, {"draft", "BR-2026-004", "--lang", "en", "--format", "text"}, "2026-06-02");
  CHECK(r.out.find("None given yet: Art. 33(1) requires them.") != std::string::npos);
  write_text(dir / "late.yaml", read_text(incident("laptop-theft.yaml")) + "late_reasons: the theft was reported to us late\n");
  REQUIRE(breach(store, {"record", "-q", (dir / "late.yaml").string()}, "2026-06-02").exit_code == 0);
  Run with = breach(store, {"draft", "BR-2026-004", "--lang", "en", "--format", "text"}, "2026-06-02");
  CHECK(with.out.find("Reasons for the delay (Art. 33(1))\n----------------------------------\n\nthe theft was "
                      "reported to us late\n") != std::string::npos);
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
  CHECK(letter.find("# Information about a personal data breach\n") == 0);
  CHECK(letter.find("On 2026-05-29, Atelier Lumen Formation SAS became aware of an incident") != std::string::npos);
  CHECK(letter.find("Write to our data protection officer: Claire Besson") != std::string::npos);
  // Advice that fits the data: funding files are financial; no password leaked.
  CHECK(letter.find("Check your bank statements and report any payment you do not recognise") != std::string::npos);
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
  CHECK(funding["subject_categories"] == nlohmann::json::array({"learners", "employers"}));
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
        "  dpc                   1.00  the most sensitive data involved: assessment (professional)\n"
        "  ei                   x0.75  identifying the people is significant\n"
        "  cb-availability      +0.25  availability: unavailable until restored from a backup\n"
        "  cb-malicious         +0.50  malicious intent\n"
        "  severity = 1.00 x 0.75 + 0.75 = 1.50 (low)\n"
        "2. Likelihood (EDPB Guidelines 9/2022)\n"
        "  likelihood-availability    unlikely      availability: restored from a backup\n"
        "  likelihood = unlikely\n"
        "3. Conclusion\n"
        "  Art. 33(1): unlikely to result in a risk: availability: restored from a backup\n"
        "  Art. 34(1): no likely high risk (severity low (1.5), harm unlikely): telling the people is not required\n"
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
  CHECK(d.err == "dpo-breach: recorded the decision on BR-2026-007: notify the authority, do not tell the people; "
                 "departs from the assessment on notifying\n");
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
            "Décision du DPO : notifier l'autorité, ne pas informer les personnes (") != std::string::npos);
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
        "BR-2026-004  2026-05-29T16:00:00+02:00 high      3.25  2912 h late\n"
        "             Trainer laptop stolen from a car\n"
        "BR-2026-007  2026-06-15T11:30:00+02:00 low       1.25  documented, no notification needed\n"
        "             Assessment results emailed to the wrong partner\n"
        "BR-2026-011  2026-09-18T07:45:00+02:00 low       1.50  documented, no notification needed\n"
        "             Ransomware on the LMS server, restored from backup\n");
  REQUIRE(breach(store, {"notified", "BR-2026-004", "--at", "2026-05-31T11:00:00+02:00"}, "2026-10-01").exit_code == 0);
  Run fr = breach(store, {"list", "--lang", "fr"}, "2026-10-01");
  CHECK(fr.out.find("BR-2026-004  2026-05-29T16:00:00+02:00 high      3.25  notifiée le 2026-05-31T11:00:00+02:00 "
                    "(43 h)\n") == 0);
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
