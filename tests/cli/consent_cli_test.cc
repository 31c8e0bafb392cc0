#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <span>

#include "base/crypto.h"
#include "base/file.h"
#include "base/strings.h"
#include "cli/cli_support.h"

using namespace dpo::test;

namespace {

std::string consents_file() { return (source_dir() / "examples/training-org/consents.jsonl").string(); }

// In English: the example's register is French, and what a tamper check finds
// broken is English in both.
Run verify(const std::filesystem::path& store) {
  return run("dpo-consent", {"verify", "--lang", "en", "--store", store.string()});
}

void sql(const std::filesystem::path& store, const std::string& statements) {
  SQLite::Database db(store.string(), SQLite::OPEN_READWRITE);
  db.exec(statements);
}

// A change made with sqlite3 to the example's ledger, and what verify must say
// of it (nullptr: only that an event was modified).
struct Tamper {
  const char* what;
  const char* sql;
  const char* finding;
};

// Each tampering on a fresh example store: verify exits 1 with its finding.
void check_tampering(std::span<const Tamper> cases) {
  for (const Tamper& t : cases) {
    INFO(t.what);
    TempDir dir;
    std::filesystem::path store = example_store(dir, true, true);
    sql(store, t.sql);
    Run v = verify(store);
    CHECK(v.exit_code == 1);
    if (t.finding)
      CHECK(v.out == t.finding);
    else
      CHECK(v.out.find("was modified") != std::string::npos);
  }
}

const char* kNotice = "b33ec886abb5667874c26f64ae1a5ac567792bb54fd0cdab5c1f206023962ab7";

}  // namespace

TEST_CASE("the example ledger imports once and verifies", "[cli][consent]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true);
  // In the register's language, French, then in English.
  Run first = run("dpo-consent", {"import", "--store", store.string(), consents_file()});
  CHECK(first.exit_code == 0);
  CHECK(first.err.starts_with("dpo-consent: import de '" + consents_file() +
                              "'\u202F: 267 événements\u202F; 267 ajoutés, 0 déjà dans le registre des consentements"
                              "\u202F; empreinte de tête "));
  CHECK(first.err.ends_with(" (n° 267)\n"));
  std::string before = dump(store);
  Run second = run("dpo-consent", {"import", "--lang", "en", "--store", store.string(), consents_file()});
  CHECK(second.err.starts_with("dpo-consent: imported '" + consents_file() +
                               "': 267 events; 0 added, 267 already in the ledger; head "));
  CHECK(second.err.ends_with(" (seq 267)\n"));
  std::string after = dump(store);
  CHECK(after.substr(0, after.find("== journal")) == before.substr(0, before.find("== journal")));
  Run v = verify(store);
  CHECK(v.exit_code == 0);
  CHECK(v.out.starts_with("ledger verified: 267 events, head "));
  CHECK(v.out.ends_with(" (seq 267)\n"));
  std::string head = v.out.substr(v.out.find("head ") + 5, 64);
  Run fr = run("dpo-consent", {"verify", "--store", store.string()});
  CHECK(fr.exit_code == 0);
  CHECK(fr.out ==
        "registre des consentements vérifié\u202F: 267 événements, empreinte de tête " + head + " (n° 267)\n");
}

TEST_CASE("verify names the event changed, deleted, inserted or swapped through raw SQL", "[cli][consent]") {
  const Tamper cases[] = {
      {"change a field", "UPDATE consent_event SET evidence = 'forged' WHERE seq = 100",
       "ledger broken: event 100 was modified: its content no longer gives its hash\n"},
      {"change the action",
       "UPDATE consent_event SET action = 'given' WHERE seq = (SELECT min(seq) FROM consent_event "
       "WHERE action = 'withdrawn')",
       nullptr},
      {"delete an event", "DELETE FROM consent_event WHERE seq = 100", "ledger broken: event 100 was deleted\n"},
      {"insert an event",
       "UPDATE consent_event SET seq = seq + 1000 WHERE seq >= 100;"
       "UPDATE consent_event SET seq = seq - 999 WHERE seq >= 1100;"
       "INSERT INTO consent_event (seq, id, subject_id, purpose_id, subject_key, purpose, action, at, prev, hash) "
       "SELECT 100, 'forged', subject_id, purpose_id, subject_key, purpose, 'given', at, prev, hash "
       "FROM consent_event WHERE seq = 50",
       "ledger broken: event 100 was inserted: the event after it follows the one before it\n"},
      {"swap two events",
       "UPDATE consent_event SET seq = -1 WHERE seq = 100; UPDATE consent_event SET seq = 100 WHERE seq = 101;"
       "UPDATE consent_event SET seq = 101 WHERE seq = -1",
       "ledger broken: events 100 and 101 were swapped\n"},
      {"delete the last event", "DELETE FROM consent_event WHERE seq = 267",
       "ledger broken: event 267 was deleted: journal record 4 saw the ledger up to it\n"},
  };
  check_tampering(cases);
}

TEST_CASE("an anchor recorded earlier must still be in the ledger", "[cli][consent]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true, true);
  std::string json = run("dpo-consent", {"verify", "--store", store.string(), "--format", "json"}).out;
  std::string head = json.substr(json.find("\"head\": \"") + 9, 64);
  CHECK(run("dpo-consent", {"verify", "--store", store.string(), "--anchor", head}).exit_code == 0);
  Run rewritten = run("dpo-consent", {"verify", "--store", store.string(), "--anchor", std::string(64, 'f')});
  CHECK(rewritten.exit_code == 1);
  CHECK(rewritten.out.find("no event has the anchor hash") != std::string::npos);
}

TEST_CASE("bad lines in a consent import exit 3 with file:line and write nothing", "[cli][consent]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true);
  std::string before = dump(store);
  std::string n = kNotice;
  write_text(
      dir / "c.jsonl",
      R"({"subject": "L-2023-001", "purpose": "newsletter", "action": "given", "at": "2026-01-02T10:00:00+01:00", "notice": {"version": "v2", "sha256": ")" +
          n + R"("}}
{"subject": "NOBODY", "purpose": "newsletter", "action": "given", "at": "2026-01-02T10:00:00+01:00", "notice": {"sha256": ")" +
          n + R"("}}
{"subject": "L-2023-001", "purpose": "newsleter", "action": "given", "at": "2026-01-02T10:00:00+01:00", "notice": {"sha256": ")" +
          n + R"("}}
{"subject": "L-2023-001", "purpose": "newsletter", "action": "given", "at": "2026-01-02T10:00:00+01:00"}
{"subject": "L-2023-001", "purpose": "newsletter", "action": "withdrawn", "at": "02/01/2026"}
)");
  std::string f = (dir / "c.jsonl").string();
  Run r = run("dpo-consent", {"import", "--store", store.string(), f});
  CHECK(r.exit_code == 3);
  CHECK(r.err == "dpo-consent: unknown subject in 'subject' at " + f +
                     ":2 (import the subject with 'dpo subject import' first)\n"
                     "dpo-consent: unknown purpose 'newsleter' at " +
                     f +
                     ":3:27 (did you mean 'newsletter'?)\n"
                     "dpo-consent: a given consent needs the SHA-256 of the notice shown ('notice.sha256') at " +
                     f +
                     ":4 (hash the notice text the person saw, e.g. sha256sum notice.html)\n"
                     "dpo-consent: bad time in 'at' at " +
                     f +
                     ":5:75 (expected an RFC 3339 time like 2026-05-29T16:00:00+02:00 "
                     "or a date YYYY-MM-DD)\n"
                     "dpo-consent: '" +
                     f + "' has 4 errors; nothing was written\n");
  CHECK(r.err.find("NOBODY") == std::string::npos);
  CHECK(dump(store) == before);
}

TEST_CASE("a CSV file without a column every event needs is refused once, at its header", "[cli][consent]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true);
  std::string before = dump(store);
  std::string rows = "subject,purpose,channel\n";
  for (int i = 0; i < 500; ++i) rows += "L-2023-001,newsletter,web-form\n";
  write_text(dir / "c.csv", rows);
  std::string f = (dir / "c.csv").string();
  Run r = run("dpo-consent", {"import", "--store", store.string(), f});
  CHECK(r.exit_code == 3);
  CHECK(r.err == "dpo-consent: no 'action' column at " + f +
                     ":1:1 (every row needs one; add it to the first row)\n"
                     "dpo-consent: no 'at' column at " +
                     f +
                     ":1:1 (every row needs one; add it to the first row)\n"
                     "dpo-consent: '" +
                     f + "' has 2 errors; nothing was written\n");
  CHECK(dump(store) == before);
}

TEST_CASE("a minor's consent is refused without the parental co-signature", "[cli][consent]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true);
  // L-2026-202 was born on 14 March 2012: 14 on 1 October 2026.
  std::vector<std::string> grant = {"grant",
                                    "--store",
                                    store.string(),
                                    "L-2026-202",
                                    "alumni-community",
                                    "--at",
                                    "2026-10-01T10:00:00+02:00",
                                    "--notice-sha256",
                                    kNotice};
  Run alone = run("dpo-consent", grant);
  CHECK(alone.exit_code == 3);
  CHECK(alone.err ==
        "dpo-consent: the subject was 14 when consenting, under the consent age of 15: a parental "
        "co-consent is required (record the co-signature of a holder of parental authority in "
        "'scope.parental')\n"
        "dpo-consent: the command line has 1 error; nothing was written\n");
  grant.insert(grant.end(), {"--parent-name", "Sandrine Perrin", "--parent-evidence", "paper:parental/202"});
  Run cosigned = run("dpo-consent", grant);
  CHECK(cosigned.exit_code == 0);
  CHECK(cosigned.out.size() == 33);  // the event id and a newline
  Run refusal = run("dpo-consent", {"refuse", "--store", store.string(), "L-2026-202", "referral"});
  CHECK(refusal.exit_code == 0);
}

TEST_CASE("withdrawing takes one command and nothing else", "[cli][consent]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true, true);
  Run w = run("dpo-consent", {"withdraw", "--store", store.string(), "L-2026-202", "newsletter", "--as-of",
                              "2026-11-26T12:00:00+01:00"});
  CHECK(w.exit_code == 0);
  Run l = run("dpo-consent", {"list", "--store", store.string(), "--subject", "L-2026-202", "--purpose", "newsletter",
                              "--as-of", "2026-11-26T12:00:00+01:00", "--format", "csv"});
  CHECK(l.out ==
        "subject,purpose,status,since,until,event\r\n"
        "L-2026-202,newsletter,withdrawn,2026-11-26T12:00:00+01:00,," +
            w.out.substr(0, 32) + "\r\n");
  CHECK(verify(store).exit_code == 0);
}

TEST_CASE("list shows each subject's status at --as-of and filters by status", "[cli][consent]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true, true);
  auto count = [&](const std::string& status, const std::string& as_of) {
    Run r = run("dpo-consent", {"list", "--store", store.string(), "--status", status, "--as-of", as_of});
    return std::count(r.out.begin(), r.out.end(), '\n');
  };
  CHECK(count("given", "2026-11-26") == 149);
  CHECK(count("expired", "2026-11-26") == 58);
  CHECK(count("refused", "2026-11-26") == 24);
  CHECK(count("withdrawn", "2026-11-26") == 18);
  CHECK(count("given", "2023-01-01") < count("given", "2024-01-01"));
  Run none = run("dpo-consent",
                 {"list", "--store", store.string(), "--subject", "P-0014", "--purpose", "newsletter", "--lang", "en"});
  CHECK(none.out == "P-0014  newsletter  none  -  -  -\n");
  // The text table speaks the register's language; csv stays data.
  Run fr = run("dpo-consent", {"list", "--store", store.string(), "--subject", "L-2023-002", "--as-of", "2026-11-26"});
  CHECK(fr.out == "L-2023-002  newsletter  expiré  26 décembre 2022  26 décembre 2025  2f58bfae5a21b2132a6a181de7639a3f\n");
  Run csv = run("dpo-consent", {"list", "--store", store.string(), "--subject", "L-2023-002", "--as-of", "2026-11-26",
                                "--format", "csv"});
  CHECK(csv.out.find("L-2023-002,newsletter,expired,2022-12-26T10:00:00+01:00,2025-12-26T10:00:00+01:00,") !=
        std::string::npos);
  Run json = run("dpo-consent", {"list", "--store", store.string(), "--as-of", "2026-11-26", "--format", "json"});
  CHECK(json.out.starts_with("[\n  {\"subject\":"));
  CHECK(json.out.ends_with("}\n]\n"));
}

TEST_CASE("a receipt carries the events, the notice and the status in DPV terms, byte for byte", "[cli][consent]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true, true);
  Run r = run("dpo-consent", {"receipt", "--store", store.string(), "L-2026-202", "--as-of", "2026-11-26"});
  CHECK(r.exit_code == 0);
  // Its record id is a UUID, not the key, and the same for the same store.
  std::string record = r.out.substr(r.out.find("\"record_id\": \"urn:uuid:") + 14, 45);
  CHECK(record.size() == 45);
  CHECK(record[23] == '8');  // UUID version 8
  CHECK(r.out.find("\"legal_basis\": [\n        \"eu-gdpr:A6-1-a\"\n      ]") != std::string::npos);
  CHECK(r.out.find("\"consent_type\": \"dpv:ExpressedConsent\"") != std::string::npos);
  CHECK(r.out.find("\"key\": \"L-2026-202\"") != std::string::npos);
  CHECK(r.out.find("\"status\": \"given\",\n        \"consent_status\": \"dpv:ConsentGiven\",\n        \"since\": "
                   "\"2026-08-26T10:00:00+02:00\",\n        \"until\": \"2029-08-26T10:00:00+02:00\"") !=
        std::string::npos);
  CHECK(r.out.find("\"sha256\": \"" + std::string(kNotice) + "\"") != std::string::npos);
  CHECK(r.out.find("\"parental\": {\n          \"name\": \"Sandrine Perrin\"") != std::string::npos);
  CHECK(r.out.find("L-2023-001") == std::string::npos);  // nobody else's key
  Run again = run("dpo-consent", {"receipt", "--store", store.string(), "L-2026-202", "--as-of", "2026-11-26"});
  CHECK(again.out == r.out);
  std::string events = r.out.substr(r.out.find("\"events\": ["));
  std::string id = events.substr(events.find("\"id\": \"") + 7, 32);
  Run one = run("dpo-consent", {"receipt", "--store", store.string(), id, "--as-of", "2026-11-26"});
  CHECK(one.exit_code == 0);
  CHECK(one.out.find("\"record_id\": \"urn:uuid:") != std::string::npos);
  CHECK(one.out.find(record) == std::string::npos);  // another record, another id
  CHECK(one.out.find("\"id\": \"" + id + "\"") != std::string::npos);
  Run unknown = run("dpo-consent", {"receipt", "--store", store.string(), "L-9999-999"});
  CHECK(unknown.exit_code == 3);
  CHECK(unknown.err == "dpo-consent: no consent event or subject with events matches\n");
}

namespace {

// A receipt's events as another ledger would hold them: without their place
// in the ledger they came from.
nlohmann::json events_content(const std::string& receipt) {
  nlohmann::json events = nlohmann::json::parse(receipt)["events"];
  for (nlohmann::json& e : events)
    for (const char* place : {"seq", "hash", "prev"}) e.erase(place);
  return events;
}

}  // namespace

TEST_CASE("a receipt shows the ledger as it stood at --as-of, and one event with its purpose's status",
          "[cli][consent]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true, true);
  auto receipt = [&](const std::string& which, const char* as_of) {
    Run r = run("dpo-consent", {"receipt", "--store", store.string(), "--as-of", as_of, which});
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(r.out);
  };
  // Given in 2022, withdrawn in August 2024.
  nlohmann::json before = receipt("L-2023-009", "2024-01-01");
  REQUIRE(before["events"].size() == 1);
  CHECK(before["events"][0]["action"] == "given");
  CHECK(before["status"]["purposes"][0]["status"] == "given");
  nlohmann::json after = receipt("L-2023-009", "2026-12-01");
  REQUIRE(after["events"].size() == 2);
  CHECK(after["status"]["purposes"][0]["status"] == "withdrawn");
  // The grant alone: its status is the withdrawal's, not an expiry read from it alone.
  std::string grant = before["events"][0]["id"];
  nlohmann::json one = receipt(grant, "2026-12-01");
  REQUIRE(one["events"].size() == 1);
  CHECK(one["events"][0]["id"] == grant);
  REQUIRE(one["status"]["purposes"].size() == 1);
  CHECK(one["status"]["purposes"][0]["status"] == "withdrawn");
  CHECK(one["status"]["purposes"][0]["consent_status"] == "dpv:ConsentWithdrawn");
  CHECK(one["record_id"] != after["record_id"]);
  // Before the grant was recorded there is nothing to give a receipt for.
  Run early = run("dpo-consent", {"receipt", "--store", store.string(), "--as-of", "2020-01-01", grant});
  CHECK(early.exit_code == 3);
}

TEST_CASE("receipts read back with --from dpv rebuild the same events in another ledger", "[cli][consent]") {
  TempDir a, b;
  std::filesystem::path from = example_store(a, true, true);
  std::filesystem::path to = example_store(b, true);
  const char* keys[] = {"L-2026-202", "L-2023-001", "L-2025-172", "L-2024-116"};
  std::string lines;
  std::size_t events = 0;
  for (const char* key : keys) {
    Run r = run("dpo-consent", {"receipt", "--store", from.string(), "--as-of", "2026-11-26", key});
    REQUIRE(r.exit_code == 0);
    events += nlohmann::json::parse(r.out)["events"].size();
    lines += nlohmann::json::parse(r.out).dump() + "\n";  // JSON Lines: one record a line
  }
  write_text(b / "receipts.jsonl", lines);
  Run in = run("dpo-consent",
               {"import", "--lang", "en", "--store", to.string(), "--from", "dpv", (b / "receipts.jsonl").string()});
  CHECK(in.exit_code == 0);
  CHECK(in.err.find("imported '" + (b / "receipts.jsonl").string() + "': " + std::to_string(events) + " events; " +
                    std::to_string(events) + " added, 0 already in the ledger") != std::string::npos);
  for (const char* key : keys) {
    Run there = run("dpo-consent", {"receipt", "--store", from.string(), "--as-of", "2026-11-26", key});
    Run here = run("dpo-consent", {"receipt", "--store", to.string(), "--as-of", "2026-11-26", key});
    CHECK(events_content(here.out) == events_content(there.out));
  }
  CHECK(run("dpo-consent", {"verify", "--store", to.string(), "-q"}).exit_code == 0);
  // A receipt as printed, pretty, reads too; what is there already is not added twice.
  Run pretty = run("dpo-consent", {"receipt", "--store", from.string(), "--as-of", "2026-11-26", "L-2026-202"});
  write_text(b / "one.json", pretty.out);
  Run again = run("dpo-consent",
                  {"import", "--lang", "en", "--store", to.string(), "--from", "dpv", (b / "one.json").string()});
  CHECK(again.exit_code == 0);
  CHECK(again.err.find("; 0 added, " + std::to_string(events_content(pretty.out).size()) + " already in the ledger") !=
        std::string::npos);
}

TEST_CASE("a receipt changed after it was written, or read with another context, is refused whole", "[cli][consent]") {
  TempDir a;
  std::filesystem::path store = example_store(a, true, true);
  Run r = run("dpo-consent", {"receipt", "--store", store.string(), "--as-of", "2026-11-26", "L-2026-202"});
  REQUIRE(r.exit_code == 0);
  std::string before = dump(store);
  auto refused = [&](const std::string& text, const std::string& error) {
    write_text(a / "r.json", text);
    Run in = run("dpo-consent", {"import", "--store", store.string(), "--from", "dpv", (a / "r.json").string()});
    CHECK(in.exit_code == 3);
    CHECK(in.err == "dpo-consent: " + error + "\ndpo-consent: '" + (a / "r.json").string() +
                        "' has 1 error; nothing was written\n");
    CHECK(dump(store) == before);
  };
  // Where the event's id is written: the message points there.
  std::size_t id_at = r.out.find("\"id\": \"", r.out.find("\"events\": [")) + 6;
  int line = 1 + static_cast<int>(std::count(r.out.begin(), r.out.begin() + static_cast<long>(id_at), '\n'));
  int column = static_cast<int>(id_at - r.out.rfind('\n', id_at));
  std::string at = (a / "r.json").string() + ":" + std::to_string(line) + ":" + std::to_string(column);
  refused(replaced(r.out, "\"at\": \"2026-08-26T10:00:00+02:00\"", "\"at\": \"2026-08-25T10:00:00+02:00\""),
          "the event does not match its id: it was changed after it was recorded at " + at +
              " (import the record as its ledger wrote it)");
  refused(replaced(r.out, "\"purpose\": \"dpv:hasPurpose\"", "\"purpose\": \"dpokit:purpose\""),
          "the record's '@context' does not map 'purpose' as dpokit does at " + (a / "r.json").string() +
              ":2:3 (its events would not mean what the ledger records; import records as 'dpo consent receipt' "
              "writes them)");
  refused(replaced(r.out, "\"format\": \"dpokit consent receipt 2\"", "\"format\": \"dpokit consent receipt 1\""),
          "not a record in the format 'dpokit consent receipt 2' at " + (a / "r.json").string() + ":" +
              std::to_string(
                  1 + std::count(r.out.begin(),
                                 r.out.begin() + static_cast<long>(r.out.find("\"format\": \"dpokit consent")), '\n')) +
              ":3 (import records as 'dpo consent receipt' writes them)");
  // A key the import has no place for: nothing of the record is lost silently.
  write_text(a / "r.json", replaced(r.out, "\"action\": \"given\",", "\"action\": \"given\", \"mood\": \"calm\","));
  Run mood = run("dpo-consent", {"import", "--store", store.string(), "--from", "dpv", (a / "r.json").string()});
  CHECK(mood.exit_code == 3);
  CHECK(
      mood.err.starts_with("dpo-consent: unknown key in a receipt's event at " + (a / "r.json").string() + ":"));
  CHECK(mood.err.find("mood") == std::string::npos);  // a key may be personal data: never echoed
  CHECK(dump(store) == before);
  // A key written twice: simdjson would read the first, other readers the last.
  write_text(a / "r.json", replaced(r.out, "\"action\": \"given\",", "\"action\": \"given\", \"evidence\": \"forged\","));
  Run twice = run("dpo-consent", {"import", "--store", store.string(), "--from", "dpv", (a / "r.json").string()});
  CHECK(twice.exit_code == 3);
  CHECK(twice.err.starts_with("dpo-consent: duplicate key 'evidence' at " + (a / "r.json").string() + ":"));
  CHECK(twice.err.find("(keep one: JSON readers differ on which of the two counts)\n") != std::string::npos);
  CHECK(dump(store) == before);
  // A status that its action does not leave.
  std::string file = (a / "r.json").string();
  refused(replaced(r.out, "\"consent_status\": \"dpv:ConsentGiven\",\n      \"at\"",
                   "\"consent_status\": \"dpv:ConsentWithdrawn\",\n      \"at\""),
          "'consent_status' does not agree with 'action' at " + file + ":" + std::to_string(line + 4) +
              ":7 (the status an event leaves is dpv:ConsentGiven for 'given')");
  // An equivalent term definition reads the same.
  write_text(a / "r.json", replaced(r.out, "\"subject\": \"dpv:hasDataSubject\"",
                                    "\"subject\": {\"@id\": \"dpv:hasDataSubject\"}"));
  Run same = run("dpo-consent", {"import", "--store", store.string(), "--from", "dpv", (a / "r.json").string()});
  CHECK(same.exit_code == 0);
  Run both = run("dpo-consent", {"import", "--store", store.string(), "--from", "dpv", "--map", (a / "m.yaml").string(),
                                 (a / "r.json").string()});
  CHECK(both.exit_code == 2);
}

TEST_CASE("verify finds a change, a swap or a deletion deep in a 10,000-event ledger", "[cli][consent]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true);
  std::string lines;
  for (int i = 0; i < 10000; ++i)
    lines += std::string(R"({"subject": "L-2023-001", "purpose": "newsletter", "action": ")") +
             (i % 2 ? "withdrawn" : "given") + R"(", "at": "2024-01-01T00:00:00Z", "channel": "web-form", )" +
             R"("notice": {"sha256": ")" + kNotice + R"("}, "evidence": "form:)" + std::to_string(i) + "\"}\n";
  write_text(dir / "many.jsonl", lines);
  REQUIRE(run("dpo-consent", {"import", "-q", "--store", store.string(), (dir / "many.jsonl").string()}).exit_code ==
          0);
  Run clean = verify(store);
  CHECK(clean.out.starts_with("ledger verified: 10000 events, head "));
  struct Tamper {
    const char* sql;
    const char* finding;
  };
  for (const Tamper& t : {
           Tamper{"UPDATE consent_event SET evidence = 'forged' WHERE seq = 9001",
                  "ledger broken: event 9001 was modified: its content no longer gives its hash\n"},
           Tamper{"UPDATE consent_event SET seq = -1 WHERE seq = 4096; UPDATE consent_event SET seq = 4096 WHERE "
                  "seq = 4097; UPDATE consent_event SET seq = 4097 WHERE seq = -1",
                  "ledger broken: events 4096 and 4097 were swapped\n"},
           Tamper{"DELETE FROM consent_event WHERE seq = 8193", "ledger broken: event 8193 was deleted\n"},
       }) {
    INFO(t.sql);
    TempDir copy;
    std::filesystem::copy_file(store, copy / "dpo.sqlite");
    sql(copy / "dpo.sqlite", t.sql);
    Run v = verify(copy / "dpo.sqlite");
    CHECK(v.exit_code == 1);
    CHECK(v.out == t.finding);
  }
}

TEST_CASE("a grant after a deleted last event is refused, so it cannot launder the deletion", "[cli][consent]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true, true);
  sql(store, "DELETE FROM consent_event WHERE seq = 267");
  std::string before = dump(store);
  Run w = run("dpo-consent", {"withdraw", "--store", store.string(), "L-2026-202", "newsletter"});
  CHECK(w.exit_code == 4);
  CHECK(w.err == "dpo-consent: the ledger fails verification; run dpo consent verify\n");
  CHECK(dump(store) == before);
  // Before the fix the withdrawal was appended and verify then passed.
  CHECK(verify(store).exit_code == 1);
}

TEST_CASE("verify checks every journaled head and not only the latest", "[cli][consent]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true, true);
  // Three events, each journaled with the ledger's head then: 268, 269, 270.
  const char* steps[][2] = {
      {"grant", "2026-12-01T10:00:00Z"}, {"withdraw", "2026-12-02T10:00:00Z"}, {"grant", "2026-12-03T09:00:00Z"}};
  for (auto [verb, at] : steps) {
    std::vector<std::string> args{verb, "-q", "--store", store.string(), "--as-of", "2026-12-03T10:00:00Z", "--at", at};
    if (std::string(verb) == "grant")
      args.insert(args.end(), {"--channel", "web-form", "--notice-sha256", kNotice, "--evidence", "e:1"});
    args.insert(args.end(), {"L-2026-200", "newsletter"});
    Run r = run("dpo-consent", args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
  REQUIRE(verify(store).exit_code == 0);
  // The last two events deleted, and the last record made to say the ledger
  // ended at 268, as it now does: only the withdrawal's record contradicts it.
  sql(store,
      "DELETE FROM consent_event WHERE seq >= 269;"
      "UPDATE journal SET counts = json_set(counts, '$.head_seq', 268, '$.head', "
      "(SELECT lower(hex(hash)) FROM consent_event WHERE seq = 268)) WHERE id = (SELECT max(id) FROM journal)");
  std::string record = std::to_string(SQLite::Database(store.string())
                                          .execAndGet("SELECT id FROM journal WHERE command = 'consent withdraw'")
                                          .getInt());
  Run v = verify(store);
  CHECK(v.exit_code == 1);
  CHECK(v.out == "ledger broken: event 269 was deleted: journal record " + record + " saw the ledger up to it\n");
}

TEST_CASE("columns outside the hash that readers use are checked against what it covers", "[cli][consent]") {
  const Tamper cases[] = {
      {"move an event to another subject",
       "UPDATE consent_event SET subject_id = (SELECT id FROM subject WHERE key = 'L-2023-005') WHERE seq = 10",
       "ledger broken: event 10 was moved to another subject: its subject_id does not point at the subject its hash "
       "covers\n"},
      {"hide an event from its subject", "UPDATE consent_event SET subject_id = NULL WHERE seq = 10",
       "ledger broken: event 10 was unlinked from its subject, whom no purge erased\n"},
      {"move an event to another purpose",
       "UPDATE consent_event SET purpose_id = (SELECT id FROM purpose WHERE code <> consent_event.purpose LIMIT 1) "
       "WHERE seq = 10",
       "ledger broken: event 10 was moved to another purpose: its purpose_id does not point at the purpose its hash "
       "covers\n"},
      {"give an event another's id",
       "UPDATE consent_event SET id = (SELECT id FROM consent_event WHERE seq = 11) "
       "WHERE seq = 10",
       "ledger broken: event 10 has another event's id: its id column was changed\n"},
      {"forge a checkpoint",
       "INSERT INTO consent_checkpoint (at, through_seq, hash, events, reason) SELECT 0, 100, hash, 100, 'proof' "
       "FROM consent_event WHERE seq = 100; DELETE FROM consent_event WHERE seq <= 100",
       "ledger broken: checkpoint 1 was forged or changed: its columns no longer give its seal\n"},
      {"delete a journal record", "DELETE FROM journal WHERE id = 2",
       "ledger broken: journal record 2 was deleted: the journal no longer vouches for the ledger\n"},
      // The audit's queries read a co-signature in this column: the hash
      // does not cover a scope written over an event that had none.
      {"give an event a scope it was not granted with",
       "UPDATE consent_event SET scope = '{\"parental\":1}' WHERE seq = 1",
       "ledger broken: event 1 has another scope: its scope column no longer reads as the scope its hash covers\n"},
      {"write a scope that is not JSON", "UPDATE consent_event SET scope = '{\"formats\":' WHERE seq = 40",
       "ledger broken: event 40 was modified: its content no longer gives its hash\n"},
  };
  check_tampering(cases);
}

TEST_CASE("the audit and the purge read a scope that is not JSON as none and the audit names the change",
          "[cli][consent]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true, true);
  sql(store, "UPDATE consent_event SET scope = '{\"formats\":' WHERE seq = 40");
  Run audit =
      run("dpo-audit", {"--store", store.string(), "--as-of", "2026-11-26", "--lang", "en", "--fail-on", "never"});
  CHECK(audit.exit_code == 0);
  CHECK(audit.out.find("CON-005  the consent ledger fails verification: event 40 was modified") != std::string::npos);
  Run purge = run("dpo-purge", {"--store", store.string(), "--as-of", "2026-11-26", "--dry-run"});
  CHECK(purge.exit_code == 0);
}

TEST_CASE("a scope column spaced or ordered otherwise but equal still verifies", "[cli][consent]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true, true);
  sql(store,
      "UPDATE consent_event SET scope = '{ \"formats\": [\"quote\", \"photo\"], \"duration\": \"P2Y\", "
      "\"channels\": [\"website\", \"linkedin\"] }' WHERE seq = 40");
  Run v = verify(store);
  CHECK(v.exit_code == 0);
  CHECK(v.out.starts_with("ledger verified: 267 events, head "));
}

TEST_CASE("a checkpoint sealed like dpokit's but not journaled is named, even with an anchor", "[cli][consent]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true, true);
  Run anchor = run("dpo-consent", {"anchor", "--store", store.string()});
  REQUIRE(anchor.exit_code == 0);
  CHECK(anchor.out.starts_with("267:"));
  // The seal the code would write, computed by hand: only the journal is missing.
  std::string hash_hex = dpo::to_hex(*dpo::from_hex_sha256(
      SQLite::Database(store.string()).execAndGet("SELECT hex(hash) FROM consent_event WHERE seq = 100").getString()));
  std::string seal = dpo::sha256_hex(std::string(64, '0') + "\n100\n" + hash_hex + "\n100\n0\nproof retention");
  sql(store,
      "INSERT INTO consent_checkpoint (at, through_seq, hash, events, reason, prev, seal) SELECT 0, 100, hash, "
      "100, 'proof retention', zeroblob(32), x'" +
          seal +
          "' FROM consent_event WHERE seq = 100;"
          "DELETE FROM consent_event WHERE seq <= 100");
  Run v = run("dpo-consent",
              {"verify", "--store", store.string(), "--anchor", anchor.out.substr(0, anchor.out.size() - 1)});
  CHECK(v.exit_code == 1);
  CHECK(v.out ==
        "ledger broken: checkpoint 1 (through event 100) is not in the journal: it was not made by dpo purge\n");
}

TEST_CASE("with DPO_KEY_FILE the secret stays out of the store and heads carry MACs", "[cli][consent]") {
  TempDir dir;
  std::vector<std::string> env = key_file_env(dir);
  std::filesystem::path key = dir / "key";
  std::string store = (dir / "dpo.sqlite").string();
  REQUIRE(run("dpo", {"init", "-q", "--store", store}, {}, env).exit_code == 0);
  CHECK(SQLite::Database(store).execAndGet("SELECT count(*) FROM meta WHERE key = 'secret'").getInt() == 0);
  // Without the key, or with a key others can read, the store is not opened.
  Run without = run("dpo-register",
                    {"import", "--store", store, (source_dir() / "examples/training-org/register.yaml").string()});
  CHECK(without.exit_code == 4);
  CHECK(without.err.find("set DPO_KEY_FILE") != std::string::npos);
  std::filesystem::permissions(key, std::filesystem::perms::group_read, std::filesystem::perm_options::add);
  CHECK(run("dpo", {"status", "--store", store}, {}, env).exit_code == 4);
  std::filesystem::permissions(key, std::filesystem::perms::group_read, std::filesystem::perm_options::remove);
  for (auto [program, file] : {std::pair{"dpo-register", "register.yaml"}, std::pair{"dpo-subject", "subjects.jsonl"},
                               std::pair{"dpo-consent", "consents.jsonl"}})
    REQUIRE(run(program, {"import", "-q", "--store", store, (source_dir() / "examples/training-org" / file).string()},
                {}, env)
                .exit_code == 0);
  Run anchor = run("dpo-consent", {"anchor", "--store", store}, {}, env);
  std::vector<std::string> parts = dpo::split(anchor.out.substr(0, anchor.out.size() - 1), ':');
  REQUIRE(parts.size() == 3);
  CHECK(
      run("dpo-consent", {"verify", "--store", store, "--anchor", anchor.out.substr(0, anchor.out.size() - 1)}, {}, env)
          .exit_code == 0);
  // A forged anchor line (another MAC) and a journal record whose MAC was rewritten are named.
  std::string forged = parts[0] + ":" + parts[1] + ":" + std::string(64, 'a');
  CHECK(run("dpo-consent", {"verify", "--store", store, "--anchor", forged}, {}, env).out ==
        "ledger broken: the anchor's MAC does not match under DPO_KEY_FILE's key: the anchor was forged or is another "
        "store's\n");
  sql(store, "UPDATE journal SET counts = json_set(counts, '$.mac', '" + std::string(64, 'b') +
                 "') WHERE command = 'consent import'");
  Run v = run("dpo-consent", {"verify", "--store", store}, {}, env);
  CHECK(v.exit_code == 1);
  CHECK(v.out.find("has a MAC that DPO_KEY_FILE's key does not give: it was forged") != std::string::npos);
}

TEST_CASE("with DPO_KEY_FILE a journal record blanked by hand is named with its MAC", "[cli][consent]") {
  TempDir dir;
  std::vector<std::string> env = key_file_env(dir);
  std::filesystem::path store = example_store(dir, true, true, env);
  REQUIRE(run("dpo-consent",
              {"withdraw", "-q", "--store", store.string(), "--as-of", "2026-12-03T10:00:00Z", "--at",
               "2026-12-02T10:00:00Z", "L-2026-200", "newsletter"},
              {}, env)
              .exit_code == 0);
  std::string record =
      std::to_string(SQLite::Database(store.string()).execAndGet("SELECT max(id) FROM journal").getInt());
  // The withdrawal deleted, and its record's counts blanked: its head goes
  // with them, and the import's head before it still holds. Before each
  // record carried its MAC, verify passed.
  const std::pair<const char*, const char*> cases[] = {
      {"UPDATE journal SET counts = '{}' WHERE id = ", " has a MAC that DPO_KEY_FILE's key does not give"},
      {"UPDATE journal SET counts = '{}', mac = NULL WHERE id = ", " has no MAC though the records before it have one"},
      {"UPDATE journal SET command = 'sar open', counts = '{\"request\":\"R-1\"}' WHERE id = ",
       " has a MAC that DPO_KEY_FILE's key does not give"},
  };
  for (auto [blank, finding] : cases) {
    INFO(blank);
    TempDir copy;
    std::filesystem::copy_file(store, copy / "dpo.sqlite");
    sql(copy / "dpo.sqlite", std::string("DELETE FROM consent_event WHERE seq = 268; ") + blank + record);
    Run v = run("dpo-consent", {"verify", "--store", (copy / "dpo.sqlite").string()}, {}, env);
    CHECK(v.exit_code == 1);
    CHECK(v.out.starts_with("ledger broken: journal record " + record + finding));
  }
  CHECK(run("dpo-consent", {"verify", "--store", store.string()}, {}, env).exit_code == 0);
}

TEST_CASE("a store made under DPO_KEY_FILE before records had MACs gets them at the upgrade", "[cli][consent]") {
  TempDir dir;
  std::vector<std::string> env = key_file_env(dir);
  std::filesystem::path store = example_store(dir, true, true, env);
  // Back to version 12: without what versions 13 and later add.
  sql(store,
      "ALTER TABLE journal DROP COLUMN mac; DROP TABLE legal_hold; "
      "ALTER TABLE controller DROP COLUMN suppression; ALTER TABLE purpose DROP COLUMN cpf_eligible; "
      "ALTER TABLE purpose DROP COLUMN marketing_exception; "
      "ALTER TABLE controller DROP COLUMN public_body; ALTER TABLE controller DROP COLUMN dpo_designation; "
      "ALTER TABLE controller DROP COLUMN sector; ALTER TABLE controller DROP COLUMN headcount; "
      "ALTER TABLE activity_transfer DROP COLUMN occasional; "
      "ALTER TABLE activity_transfer DROP COLUMN covered_by_adequacy; "
      "ALTER TABLE processor DROP COLUMN covered_by_adequacy; ALTER TABLE subprocessor DROP COLUMN safeguard; "
      "ALTER TABLE subprocessor DROP COLUMN covered_by_adequacy; ALTER TABLE holding DROP COLUMN archived_at; "
      "ALTER TABLE data_category DROP COLUMN free_text; ALTER TABLE retention_rule DROP COLUMN justification; "
      "ALTER TABLE suppression DROP COLUMN purposes; ALTER TABLE data_category DROP COLUMN kind; "
      "ALTER TABLE activity DROP COLUMN authorisation; ALTER TABLE activity DROP COLUMN monitoring; "
      "DROP TABLE dpa_particular; ALTER TABLE activity DROP COLUMN dpia_date; "
      "ALTER TABLE activity DROP COLUMN dpia_review; ALTER TABLE activity DROP COLUMN dpia_reason; "
      "DROP TABLE activity_dpia_criterion; DROP TABLE activity_cnil_dpia; "
      "ALTER TABLE activity ADD COLUMN legal_basis TEXT; "
      "UPDATE activity SET legal_basis = (SELECT basis FROM activity_basis b WHERE b.activity_id = activity.id); "
      "DROP TABLE activity_basis; ALTER TABLE purpose DROP COLUMN explicit_consent; "
      "DROP TABLE breach_decision; "
      "ALTER TABLE subject_request DROP COLUMN refused; "
      "ALTER TABLE activity DROP COLUMN interest; ALTER TABLE activity DROP COLUMN balancing; "
      "ALTER TABLE subject_request DROP COLUMN requester; ALTER TABLE subject_request DROP COLUMN requester_kind; "
      "DROP VIEW audit_rule_count; DROP TABLE audit_finding; DROP TABLE audit_kpi; DROP TABLE audit_run; "
      "ALTER TABLE subject DROP COLUMN name; ALTER TABLE subject DROP COLUMN postal_address; "
      "ALTER TABLE subject DROP COLUMN civility; "
      "PRAGMA user_version = 12");
  Run v = run("dpo-consent", {"verify", "--store", store.string()}, {}, env);
  CHECK(v.exit_code == 0);
  CHECK(v.err.find("from schema version 12 to") != std::string::npos);
  CHECK(SQLite::Database(store.string()).execAndGet("SELECT count(*) FROM journal WHERE mac IS NULL").getInt() == 0);
  CHECK(run("dpo-purge", {"verify", "--store", store.string()}, {}, env).exit_code == 0);
}

TEST_CASE("an event dated after now is refused, on the command line and in a file", "[cli][consent]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true, true);
  std::string before = dump(store);
  Run w = run("dpo-consent", {"withdraw", "--store", store.string(), "--as-of", "2026-12-03T10:00:00Z", "--at",
                              "2026-12-03T10:06:00Z", "L-2026-202", "newsletter"});
  CHECK(w.exit_code == 3);
  CHECK(w.err.find("an event dated after now") != std::string::npos);
  // Within five minutes: clocks drift, and that is accepted.
  CHECK(run("dpo-consent", {"withdraw", "--store", store.string(), "--as-of", "2026-12-03T10:00:00Z", "--at",
                            "2026-12-03T10:04:00Z", "L-2026-202", "newsletter", "-q"})
            .exit_code == 0);
  CHECK(dump(store) != before);
}

TEST_CASE("a closed standard input or a directory on it is refused, never read as an empty import", "[cli][consent]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir, true, true);
  std::string before = dump(store);
  std::filesystem::path err = dir.path() / "err";
  std::string program = (bin_dir() / "dpo-consent").string();
  auto shell = [&](const std::string& redirect) {
    std::string command = "'" + program + "' --store '" + store.string() + "' import --input-format jsonl - " +
                          redirect + " 2>'" + err.string() + "'";
    int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  CHECK(shell("<&-") == 4);
  CHECK(dpo::read_file(err) == "dpo-consent: cannot read standard input: it is closed\n");
  CHECK(shell("<'" + dir.path().string() + "'") == 4);
  CHECK(dpo::read_file(err) == "dpo-consent: cannot read standard input: it is a directory\n");
  CHECK(dump(store) == before);
}
