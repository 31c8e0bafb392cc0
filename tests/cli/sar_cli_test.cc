#include <catch2/catch.hpp>
#include <sys/stat.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "base/crypto.h"
#include "cli/cli_support.h"

using namespace dpo::test;

namespace {

const std::string kRegister = R"(version: 1
controller: { name: Test Org, contact: c@test.example, country: FR, timezone: Europe/Paris, language: en, authority: CNIL, reviewed: 2026-06-01 }
data_categories:
  - { id: identity, label: Identity }
  - { id: contact, label: Contact }
purposes:
  - { id: training, label: Training }
  - { id: newsletter, label: Newsletter, consent: required, validity: P1Y, marketing: true, channels: [email] }
activities:
  - id: delivery
    name: Delivery
    purposes: [training]
    legal_basis: contract
    source: data-subject
    recipients: [trainers]
    data: [identity]
    retention:
      - { data: [identity], keep: P1Y, from: end, action: delete }
  - id: mailing
    name: Mailing
    purposes: [newsletter]
    legal_basis: consent
    source: data-subject
    data: [contact]
    retention:
      - { data: [contact], keep: P1M, from: consent-withdrawn, action: delete }
)";

// Subject N: key S-N, email sN@mail.example, a name and a mailing address
// no other subject has. S-1 also has a value that must be escaped.
std::string subjects(int n) {
  std::string out;
  for (int i = 1; i <= n; ++i) {
    std::string k = std::to_string(i);
    std::string name = i == 1 ? "<script>alert(1)</script> | *Sam* [x](y)" : "Person Number " + k + "x";
    out += R"({"key": "S-)" + k + R"(", "identifiers": {"email": "s)" + k + R"(@mail.example"}, "engagements": [{"activity": "delivery", "started": "2025-11-03", "ended": "2026-01-31"}, {"activity": "mailing", "started": "2025-01-01"}], "holdings": [{"activity": "delivery", "data": "identity", "system": "crm", "collected": "2025-11-03", "value": ")" +
           name + R"("}, {"activity": "mailing", "data": "contact", "system": "mailer", "collected": "2025-01-01", "value": "s)" +
           k + R"(@mail.example"}]})" + "\n";
  }
  return out;
}

const std::string kNotice = "b33ec886abb5667874c26f64ae1a5ac567792bb54fd0cdab5c1f206023962ab7";
const std::string kConsents =
    R"({"subject": "S-1", "purpose": "newsletter", "action": "given", "at": "2025-01-01T10:00:00+01:00", "channel": "web-form", "notice": {"version": "v1", "sha256": ")" +
    kNotice + R"("}, "evidence": "f:1"}
{"subject": "S-1", "purpose": "newsletter", "action": "withdrawn", "at": "2026-03-01T10:00:00+01:00"}
{"subject": "S-2", "purpose": "newsletter", "action": "given", "at": "2025-06-01T10:00:00+02:00", "channel": "web-form", "notice": {"version": "v1", "sha256": ")" +
    kNotice + R"("}, "evidence": "f:2"}
)";

Run sar(const std::filesystem::path& store, std::vector<std::string> args, const std::string& as_of = "2026-11-26") {
  args.insert(args.end(), {"--store", store.string(), "--as-of", as_of});
  return run("dpo-sar", args);
}

nlohmann::json exported(const std::filesystem::path& store, const std::string& key) {
  Run r = sar(store, {"export", key});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(r.out);
}

}  // namespace

TEST_CASE("an export gives every holding with its rule and erasure date, and the consent history", "[cli][sar]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, subjects(2), kConsents);
  nlohmann::json j = exported(store, "S-1");
  CHECK(j["processed"] == true);
  CHECK(j["as_of"] == "2026-11-26T00:00:00+01:00");
  CHECK(j["controller"]["authority"] == "CNIL");
  REQUIRE(j["activities"].size() == 2);
  const auto& delivery = j["activities"][0];
  CHECK(delivery["legal_basis_article"] == "Art. 6(1)(b)");
  CHECK(delivery["purposes"][0]["legal_basis"] == "contract");
  CHECK(delivery["purposes"][0]["legal_basis_article"] == "Art. 6(1)(b)");
  CHECK(delivery["recipients"] == nlohmann::json::array({"trainers"}));
  const auto& identity = delivery["holdings"][0];
  CHECK(identity["portable"] == true);
  CHECK(identity["retention"]["rule"] == "delivery/1");
  // One year after the end of the training, 31 Jan 2026.
  CHECK(identity["retention"]["until"] == "2027-01-31T00:00:00+01:00");
  // Withdrawn on 1 Mar 2026: one month later.
  CHECK(j["activities"][1]["holdings"][0]["retention"]["until"] == "2026-04-01T10:00:00+02:00");
  REQUIRE(j["consents"]["events"].size() == 2);
  CHECK(j["consents"]["events"][0]["notice"]["sha256"] == kNotice);
  CHECK(j["consents"]["status"][0]["status"] == "withdrawn");
  // S-2's consent is still in force: the holding waits for a withdrawal.
  nlohmann::json two = exported(store, "S-2");
  CHECK(two["activities"][1]["holdings"][0]["retention"]["until"].is_null());
  // --email finds the same subject, and the same bytes.
  Run by_key = sar(store, {"export", "S-1"});
  Run by_email = sar(store, {"export", "--email", "S1@Mail.Example"});
  CHECK(by_email.out == by_key.out);
}

TEST_CASE("two exports of the same store at the same instant are byte-identical", "[cli][sar]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, subjects(3), kConsents);
  for (const char* format : {"json", "md", "html"}) {
    Run a = sar(store, {"export", "--format", format, "--out", (dir / "a").string(), "S-1"});
    Run b = sar(store, {"export", "--format", format, "--out", (dir / "b").string(), "S-1"});
    REQUIRE(a.exit_code == 0);
    REQUIRE(b.exit_code == 0);
    CHECK(read_text(dir / "a") == read_text(dir / "b"));
    struct stat st {};
    REQUIRE(::stat((dir / "a").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
  }
}

TEST_CASE("each subject's export holds nothing of any other subject", "[cli][sar]") {
  TempDir dir;
  const int n = 40;
  std::filesystem::path store = make_store(dir, kRegister, subjects(n), kConsents);
  std::vector<std::string> outputs;
  for (int i = 1; i <= n; ++i) {
    for (const char* format : {"json", "html"}) {
      Run r = sar(store, {"export", "--format", format, "S-" + std::to_string(i)});
      REQUIRE(r.exit_code == 0);
      for (int other = 1; other <= n; ++other) {
        if (other == i) continue;
        std::string k = std::to_string(other);
        INFO("export of S-" << i << " as " << format << " mentions subject " << other);
        CHECK(r.out.find("\"S-" + k + "\"") == std::string::npos);
        CHECK(r.out.find("S-" + k + "<") == std::string::npos);
        CHECK(r.out.find("s" + k + "@mail.example") == std::string::npos);
        CHECK(r.out.find("Person Number " + k + "x") == std::string::npos);
      }
    }
  }
}

TEST_CASE("an unknown subject exits 3, names nothing and writes no file", "[cli][sar]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, subjects(2), kConsents);
  Run r = sar(store, {"export", "--out", (dir / "out.json").string(), "--email", "nobody@mail.example"});
  CHECK(r.exit_code == 3);
  CHECK(r.err == "dpo-sar: no such subject in the store (a request from someone not in it: 'dpo sar open' it, then "
                 "'dpo sar export --request ID' answers that no data is held)\n");
  CHECK_FALSE(std::filesystem::exists(dir / "out.json"));
  CHECK(sar(store, {"export", "S-9"}).exit_code == 3);
}

TEST_CASE("the letter escapes values in HTML and Markdown", "[cli][sar]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, subjects(2), kConsents);
  Run html = sar(store, {"export", "--format", "html", "S-1"});
  CHECK(html.out.find("<script>") == std::string::npos);
  CHECK(html.out.find("&lt;script&gt;alert(1)&lt;/script&gt; | *Sam* [x](y)") != std::string::npos);
  CHECK(html.out.find("you may lodge a complaint with the supervisory authority, Commission nationale de") !=
        std::string::npos);
  CHECK(html.out.find("(CNIL), 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07, www.cnil.fr (Art. 77).") !=
        std::string::npos);
  Run md = sar(store, {"export", "--format", "md", "S-1"});
  CHECK(md.out.find("\\<script\\>alert(1)\\</script\\> \\| \\*Sam\\* \\[x\\](y)") != std::string::npos);
  Run fr = sar(store, {"export", "--format", "md", "--lang", "fr", "S-1"});
  CHECK(fr.out.find("Test Org  \nc@test.example\n\n") == 0);
  CHECK(fr.out.find("**Objet\u202F: Votre demande d'accès à vos données personnelles**\n\nMadame, Monsieur,\n") !=
        std::string::npos);
}

TEST_CASE("the French letter names consent answers, channels and requests in French", "[cli][sar]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true, true);
  REQUIRE(sar(store, {"open", "--type", "access", "--received", "2026-11-20", "-q", "L-2023-009"}).exit_code == 0);
  Run fr = sar(store, {"export", "--format", "md", "--lang", "fr", "L-2023-009"});
  REQUIRE(fr.exit_code == 0);
  CHECK(fr.out.find("| donné | formulaire web |") != std::string::npos);
  CHECK(fr.out.find("| retiré | courriel |") != std::string::npos);
  CHECK(fr.out.find("| droit d\u2019accès |") != std::string::npos);
  for (const char* english : {"| given |", "| withdrawn |", "web-form", "| access |", ": withdrawn"}) {
    INFO(english);
    CHECK(fr.out.find(english) == std::string::npos);
  }
  Run en = sar(store, {"export", "--format", "md", "--lang", "en", "L-2023-009"});
  CHECK(en.out.find("| given | web form |") != std::string::npos);
  CHECK(en.out.find("| access |") != std::string::npos);
}

TEST_CASE("a batch writes one safely named file per subject and a manifest, and exits 3 on unknown lines",
          "[cli][sar]") {
  TempDir dir;
  std::string subjects_file = subjects(2) +
                              R"({"key": "../../etc/evil", "engagements": [{"activity": "delivery", "started": "2025-11-03"}], "holdings": [{"activity": "delivery", "data": "identity", "system": "crm", "collected": "2025-11-03", "value": "E"}]})" "\n" +
                              R"({"key": ".hidden", "engagements": [{"activity": "delivery", "started": "2025-11-03"}], "holdings": [{"activity": "delivery", "data": "identity", "system": "crm", "collected": "2025-11-03", "value": "H"}]})" "\n";
  std::filesystem::path store = make_store(dir, kRegister, subjects_file, kConsents);
  write_text(dir / "asked.txt", "S-1\n# a comment\n\ns2@mail.example\nnobody@mail.example\n../../etc/evil\n.hidden\n");
  Run r = sar(store, {"export", "--batch", (dir / "asked.txt").string(), "--out-dir", (dir / "out").string()});
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("asked.txt:5: no such subject in the store; skipped\n") != std::string::npos);
  CHECK(r.err.find("nobody") == std::string::npos);
  std::string evil = "_._.._etc_evil+" + dpo::sha256_hex("../../etc/evil").substr(0, 16) + ".json";
  std::string hidden = "_hidden+" + dpo::sha256_hex(".hidden").substr(0, 16) + ".json";
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(dir / "out")) files.push_back(e.path().filename().string());
  std::sort(files.begin(), files.end());
  std::vector<std::string> expected{"MANIFEST.sha256", "S-1.json", "S-2.json", evil, hidden};
  std::sort(expected.begin(), expected.end());
  CHECK(files == expected);
  std::string manifest = read_text(dir / "out/MANIFEST.sha256");
  CHECK(manifest.find(dpo::sha256_hex(read_text(dir / "out/S-1.json")) + "  S-1.json\n") != std::string::npos);
  CHECK(std::count(manifest.begin(), manifest.end(), '\n') == 4);
  CHECK(read_text(dir / "out/S-2.json") == sar(store, {"export", "S-2"}).out);

  // A directory that holds files is refused before anything is written.
  Run again = sar(store, {"export", "--batch", (dir / "asked.txt").string(), "--out-dir", (dir / "out").string()});
  CHECK(again.exit_code == 4);
  CHECK(again.err.find("it is not empty") != std::string::npos);
  CHECK(read_text(dir / "out/MANIFEST.sha256") == manifest);
}

TEST_CASE("batch names never collide: a plain key that spells another key's hashed name gets its own file",
          "[cli][sar]") {
  TempDir dir;
  auto line = [](const std::string& key, const std::string& value) {
    return R"({"key": ")" + key + R"(", "engagements": [{"activity": "delivery", "started": "2025-11-03"}], )" +
           R"("holdings": [{"activity": "delivery", "data": "identity", "system": "crm", "collected": "2025-11-03", "value": ")" +
           value + R"("}]})" + "\n";
  };
  // Before the fix, "a/b" was written as a_b-<12 hex>.json: the plain key below took that very name.
  std::string lookalike = "a_b-" + dpo::sha256_hex("a/b").substr(0, 12);
  std::filesystem::path store = make_store(dir, kRegister, line("a/b", "ONE") + line(lookalike, "TWO"), "");
  write_text(dir / "asked.txt", "a/b\n" + lookalike + "\na/b\n");
  Run r = sar(store, {"export", "--batch", (dir / "asked.txt").string(), "--out-dir", (dir / "out").string()});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  std::string hashed = "a_b+" + dpo::sha256_hex("a/b").substr(0, 16) + ".json";
  CHECK(read_text(dir / "out" / hashed).find("ONE") != std::string::npos);
  CHECK(read_text(dir / "out" / (lookalike + ".json")).find("TWO") != std::string::npos);
  // One entry per person asked for, though a/b was asked for twice.
  std::string manifest = read_text(dir / "out/MANIFEST.sha256");
  CHECK(std::count(manifest.begin(), manifest.end(), '\n') == 2);
  CHECK(r.err.find("asked.txt:3: the same subject as an earlier line; exported once") != std::string::npos);
}

TEST_CASE("an output path that is the store, one of its files, a link, a device or a directory is refused",
          "[cli][sar]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, subjects(2), kConsents);
  std::string before = dump(store);
  std::filesystem::create_symlink(store, dir / "link.json");
  std::filesystem::create_directory(dir / "adir");
  for (const std::string& target : {store.string(), store.string() + "-wal", store.string() + "-shm",
                                    store.string() + ".lock", (dir / "link.json").string(), std::string("/dev/null"),
                                    (dir / "adir").string(), (dir / "." / "dpo.sqlite").string()}) {
    INFO(target);
    Run r = sar(store, {"export", "--out", target, "S-1"});
    CHECK(r.exit_code == 4);
    CHECK(r.err.find("refusing to write '" + target + "'") != std::string::npos);
  }
  CHECK(dump(store) == before);
  CHECK(std::filesystem::is_symlink(dir / "link.json"));
  Run ok = sar(store, {"export", "--out", (dir / "a.json").string(), "S-1"});
  CHECK(ok.exit_code == 0);
}

TEST_CASE("a write error on standard output is exit 4, not a silent success", "[cli][sar]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, subjects(2), kConsents);
  // run() takes an absolute path as it is: a shell, to point standard output at /dev/full.
  Run r = run("/bin/sh", {"-c", "'" + (bin_dir() / "dpo-sar").string() + "' export --store '" + store.string() +
                                    "' S-1 > /dev/full"});
  CHECK(r.exit_code == 4);
  CHECK(r.err == "dpo-sar: write error on standard output\n");
}

TEST_CASE("a request whose deadline would fall after 9999 is refused, and one stored so earlier still lists and closes",
          "[cli][sar]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, subjects(2), kConsents);
  Run far = sar(store, {"open", "--type", "access", "--received", "9999-12-31", "S-1"}, "9999-12-31T12:00:00Z");
  CHECK(far.exit_code == 3);
  CHECK(far.err == "dpo-sar: --received: its deadline would fall after 9999\n");
  // What dpokit 0.1 stored for that request: a due date in year 10000.
  {
    SQLite::Database db(store.string(), SQLite::OPEN_READWRITE);
    db.exec("INSERT INTO subject_request (subject_id, subject_hmac, type, received_at, due) SELECT id, x'00', "
            "'access', 253402210800, '10000-01-31' FROM subject WHERE key = 'S-1'");
  }
  Run list = sar(store, {"list"});
  CHECK(list.exit_code == 0);
  CHECK(list.out.find("9999-12-31") != std::string::npos);
  Run audit = run("dpo-audit", {"--store", store.string(), "--as-of", "2026-12-03", "--fail-on", "never"});
  CHECK(audit.exit_code == 0);
  Run close = sar(store, {"close", "1", "--outcome", "answered"}, "9999-12-31T12:00:00Z");
  CHECK(close.exit_code == 0);
}

TEST_CASE("a retention deadline computed past 9999 prints as its last instant, never with five digits", "[cli][sar]") {
  TempDir dir;
  // Kept a year from the end of an engagement in 9999: past the end of 9999.
  std::string late = R"({"key": "S-9", "engagements": [{"activity": "delivery", "started": "9999-01-14", "ended": )"
                     R"("9999-01-14"}], "holdings": [{"activity": "delivery", "data": "identity", "system": "crm", )"
                     R"("collected": "9999-01-14", "value": "late"}]})"
                     "\n";
  std::filesystem::path store = make_store(dir, kRegister, late, "");
  const std::regex five_digit_year(R"(\d{5}-\d\d-\d\d)");
  for (const char* format : {"json", "md", "html"}) {
    INFO(format);
    Run r = sar(store, {"export", "--format", format, "S-9"}, "9999-12-31");
    REQUIRE(r.exit_code == 0);
    // It read "10000-01-01T00:59:59+01:00", which schemas/sar.schema.json refuses.
    CHECK(!std::regex_search(r.out, five_digit_year));
    if (std::string(format) == "json")
      CHECK(r.out.find("\"until\": \"9999-12-31T23:59:59Z\"") != std::string::npos);
  }
}

TEST_CASE("a request from someone not in the store is logged with its deadline, answered, then linked",
          "[cli][sar]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, subjects(2), kConsents);
  Run open = sar(store, {"open", "--type", "access", "--received", "2026-11-20", "--email", " Nouveau@Mail.example"});
  CHECK(open.exit_code == 0);
  CHECK(open.out == "opened request 1 (access), due 2026-12-21\n");
  CHECK(open.err == "dpo-sar: no subject in the store has this email: 'dpo sar export --request 1' answers that no "
                    "data is held, or 'dpo sar link 1 KEY' links the request to a subject\n");
  CHECK(sar(store, {"open", "--type", "erasure", "--received", "2026-11-21", "--name", "Jeanne Martin"}).exit_code == 0);
  Run objection = sar(store, {"open", "--type", "objection", "--received", "2026-11-21", "--email", "x@mail.example",
                              "--purpose", "newsletter"});
  CHECK(objection.exit_code == 3);
  CHECK(sar(store, {"open", "--type", "access", "--received", "2026-11-21", "S-9"}).exit_code == 3);
  CHECK(sar(store, {"open", "--type", "access", "--received", "2026-11-21", "--email", "no-at-sign"}).exit_code == 3);

  Run list = sar(store, {"list"});
  CHECK(list.out ==
        "  id  type          subject              received   due        state\n"
        "   1  access        (not in store)       2026-11-20 2026-12-21 open\n"
        "   2  erasure       (not in store)       2026-11-21 2026-12-21 open\n");
  nlohmann::json listed = nlohmann::json::parse(sar(store, {"list", "--format", "json"}).out);
  CHECK(listed[0]["requester"] == nlohmann::json{{"kind", "email"}, {"value", "nouveau@mail.example"}});
  CHECK(listed[1]["requester"] == nlohmann::json{{"kind", "name"}, {"value", "Jeanne Martin"}});

  // The answer: no data is processed (Art. 15(1)).
  nlohmann::json none = nlohmann::json::parse(sar(store, {"export", "--request", "1"}).out);
  CHECK(none["subject"].is_null());
  CHECK(none["requester"] == nlohmann::json{{"kind", "email"}, {"value", "nouveau@mail.example"}});
  CHECK(none["processed"] == false);
  CHECK(none["activities"].empty());
  REQUIRE(none["requests"].size() == 1);
  CHECK(none["requests"][0]["due"] == "2026-12-21");
  Run letter = sar(store, {"export", "--request", "2", "--format", "md", "--lang", "en"});
  CHECK(letter.out.find("confirms that, as of 26 November 2026, it processes no personal data about you") !=
        std::string::npos);
  CHECK(letter.out.find("- Name: Jeanne Martin\n") != std::string::npos);
  CHECK(letter.out.find("How we know you") == std::string::npos);
  CHECK(sar(store, {"export", "--request", "9"}).exit_code == 3);
  CHECK(sar(store, {"export", "--request", "1", "S-1"}).exit_code == 2);

  // The person turns up in the next import: the request becomes theirs.
  write_text(dir / "new.jsonl", R"({"key": "S-3", "identifiers": {"email": "nouveau@mail.example"}}
)");
  REQUIRE(run("dpo-subject", {"import", "-q", "--store", store.string(), (dir / "new.jsonl").string()}).exit_code == 0);
  // Now that a subject has the address, "nothing is held" would be false.
  Run stale = sar(store, {"export", "--request", "1"});
  CHECK(stale.exit_code == 3);
  CHECK(stale.err == "dpo-sar: subject 'S-3' has this request's email now: link the request first ('dpo sar link 1 "
                     "S-3')\n");
  Run named = sar(store, {"export", "--request", "2", "--format", "md"});
  CHECK(named.exit_code == 0);
  CHECK(named.err == "dpo-sar: warning: request 2 names its person by name only, which dpokit does not search: make "
                     "sure no subject is them before sending that no data is held\n");
  Run link = sar(store, {"link", "1", "S-3"});
  CHECK(link.exit_code == 0);
  CHECK(link.out == "linked request 1 (access) to S-3, due 2026-12-21\n");
  CHECK(sar(store, {"link", "1", "S-2"}).exit_code == 3);
  CHECK(sar(store, {"link", "2", "S-404"}).exit_code == 3);
  nlohmann::json theirs = nlohmann::json::parse(sar(store, {"export", "--request", "1"}).out);
  CHECK(theirs["subject"]["key"] == "S-3");
  CHECK(theirs["processed"] == true);
  REQUIRE(theirs["requests"].size() == 1);
  CHECK(theirs["requests"][0]["id"] == 1);
  // Linked, the request forgets the address: erasing S-3 leaves nothing of them.
  CHECK(nlohmann::json::parse(sar(store, {"list", "--format", "json"}).out)[0]["requester"].is_null());
  REQUIRE(run("dpo-purge", {"--store", store.string(), "--subject", "S-3", "-q"}).exit_code == 0);
  CHECK(sar(store, {"list"}).out.find("   1  access        (erased)") != std::string::npos);
  CHECK(sar(store, {"export", "--request", "1"}).exit_code == 3);
  CHECK(dump(store).find("nouveau@mail.example") == std::string::npos);
}

TEST_CASE("the request log computes Art. 12(3) deadlines and refuses a late extension", "[cli][sar]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, subjects(2), kConsents);
  Run open = sar(store, {"open", "--type", "access", "--received", "2026-01-31T09:00:00+01:00", "S-1"}, "2026-02-02");
  INFO(open.err);
  CHECK(open.exit_code == 0);
  CHECK(open.out == "opened request 1 (access), due 2026-03-02\n");
  Run ext = sar(store, {"extend", "1", "--reason", "four systems to search"}, "2026-02-20");
  CHECK(ext.out == "extended request 1 (access), due 2026-04-30\n");
  CHECK(sar(store, {"extend", "1", "--reason", "again"}, "2026-02-21").exit_code == 3);
  // Received 1 Apr 2026: due Fri 1 May, a holiday, so Mon 4 May; too late to extend on 5 May.
  CHECK(sar(store, {"open", "--type", "erasure", "--received", "2026-04-01", "--email", "s2@mail.example"}, "2026-04-02")
            .out == "opened request 2 (erasure), due 2026-05-04\n");
  Run late = sar(store, {"extend", "2", "--reason", "x"}, "2026-05-05");
  CHECK(late.exit_code == 3);
  CHECK(late.err == "dpo-sar: request 2 can no longer be extended: its first month ended on 2026-05-04\n");
  CHECK(sar(store, {"open", "--type", "acces", "--received", "2026-04-01", "S-1"}).err ==
        "dpo-sar: unknown request type 'acces' in --type (did you mean 'access'?)\n");
  CHECK(sar(store, {"open", "--type", "access", "--received", "2026-12-01", "S-1"}).exit_code == 3);
  CHECK(sar(store, {"open", "--type", "access", "--received", "2026-04-01", "S-9"}).exit_code == 3);

  Run overdue = sar(store, {"list", "--overdue"}, "2026-05-05");
  CHECK(overdue.out ==
        "  id  type          subject              received   due        state\n"
        "   1  access        S-1                  2026-01-31 2026-04-30 overdue\n"
        "   2  erasure       S-2                  2026-04-01 2026-05-04 overdue\n");
  Run soon = sar(store, {"list", "--due-within", "P7D"}, "2026-04-24");
  CHECK(soon.out.find("   1  access        S-1                  2026-01-31 2026-04-30 open, extended\n") !=
        std::string::npos);
  CHECK(soon.out.find("   2 ") == std::string::npos);
  CHECK(sar(store, {"close", "1", "--outcome", "letter sent"}, "2026-04-29").exit_code == 0);
  CHECK(sar(store, {"close", "1", "--outcome", "again"}, "2026-04-29").exit_code == 3);
  nlohmann::json all = nlohmann::json::parse(sar(store, {"list", "--all", "--format", "json"}, "2026-05-05").out);
  REQUIRE(all.size() == 2);
  CHECK(all[0]["closed"] == "2026-04-29T00:00:00+02:00");
  CHECK(all[0]["late"] == false);
  CHECK(all[1]["late"] == true);
  // The export lists the subject's own requests only.
  nlohmann::json j = exported(store, "S-1");
  REQUIRE(j["requests"].size() == 1);
  CHECK(j["requests"][0]["due"] == "2026-04-30");
}

TEST_CASE("DSR-001 and DSR-002 fire on late and near requests, DSR-003 on late complaints, and the KPIs follow",
          "[cli][sar][audit]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, subjects(3), kConsents);
  auto audit = [&](const std::string& as_of) {
    Run r = run("dpo-audit", {"--store", store.string(), "--as-of", as_of, "--format", "json", "--fail-on", "never",
                              "--rule", "DSR-001", "--rule", "DSR-002", "--rule", "DSR-003"});
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(r.out);
  };
  nlohmann::json quiet = audit("2026-04-02");
  CHECK(quiet["findings"].empty());
  REQUIRE(sar(store, {"open", "--type", "access", "--received", "2026-04-01", "S-1"}, "2026-04-01").exit_code == 0);
  REQUIRE(sar(store, {"open", "--type", "complaint", "--received", "2026-04-10", "S-2"}, "2026-04-10").exit_code == 0);
  CHECK(audit("2026-04-02")["findings"].empty());
  nlohmann::json near = audit("2026-04-27");  // request 1 due Mon 4 May
  REQUIRE(near["findings"].size() == 1);
  CHECK(near["findings"][0]["rule"] == "DSR-002");
  CHECK(near["findings"][0]["message"] == "request 1 (access) received on 2026-04-01 is due on 2026-05-04");
  nlohmann::json late = audit("2026-05-05");
  // Request 1 is late; the complaint, due Mon 11 May, is near, but Art. 12(3)
  // gives complaints no deadline: no DSR-002 for it.
  REQUIRE(late["findings"].size() == 1);
  CHECK(late["findings"][0]["rule"] == "DSR-001");
  CHECK(late["findings"][0]["object"]["id"] == "1");
  CHECK(late["findings"][0]["message"] ==
        "request 1 (access) received on 2026-04-01 was due on 2026-05-04 and is still open");
  // Past its month, the complaint is DSR-003's warning.
  nlohmann::json later = audit("2026-05-12");
  REQUIRE(later["findings"].size() == 2);
  CHECK(later["findings"][1]["rule"] == "DSR-003");
  CHECK(later["findings"][1]["severity"] == "warning");
  CHECK(later["findings"][1]["message"] ==
        "request 2 (complaint) received on 2026-04-10 was due on 2026-05-11 and is still open");
  REQUIRE(sar(store, {"close", "1", "--outcome", "sent"}, "2026-05-06").exit_code == 0);
  REQUIRE(sar(store, {"close", "2", "--outcome", "answered"}, "2026-04-13").exit_code == 0);
  nlohmann::json done = audit("2026-05-07");
  CHECK(done["findings"].empty());
  for (const auto& k : done["kpis"]) {
    if (k["id"] == "requests-on-time") {
      CHECK(k["numerator"] == 1);
      CHECK(k["denominator"] == 2);
    }
    if (k["id"] == "request-median-days") CHECK(k["value"] == 3);  // 3 and 35 days: the lower middle
    if (k["id"] == "complaint-median-days") CHECK(k["value"] == 3);
  }
}

TEST_CASE("an erased subject's requests stay in the log without their key", "[cli][sar]") {
  TempDir dir;
  std::filesystem::path store = make_store(dir, kRegister, subjects(2), kConsents);
  REQUIRE(sar(store, {"open", "--type", "erasure", "--received", "2026-11-20", "S-2"}).exit_code == 0);
  Run erase = run("dpo-purge", {"--store", store.string(), "--as-of", "2026-11-26", "--subject", "S-2", "-q"});
  INFO(erase.err);
  REQUIRE(erase.exit_code == 0);
  SQLite::Database db(store.string());
  CHECK(db.execAndGet("SELECT count(*) FROM subject_request WHERE subject_id IS NULL").getInt() == 1);
  CHECK(db.execAndGet("SELECT count(*) FROM pragma_foreign_key_check").getInt() == 0);
  REQUIRE(sar(store, {"close", "1", "--outcome", "erased"}).exit_code == 0);
  Run list = sar(store, {"list", "--all"});
  CHECK(list.out.find("   1  erasure       (erased)             2026-11-20 2026-12-21 closed 2026-11-26\n") !=
        std::string::npos);
}
