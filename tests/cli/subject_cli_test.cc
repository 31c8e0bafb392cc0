#include <algorithm>
#include <catch2/catch.hpp>

#include "cli/cli_support.h"

using namespace dpo::test;

namespace {
std::string example_subjects() { return (source_dir() / "examples/training-org/subjects.jsonl").string(); }
}  // namespace

TEST_CASE("importing the example subjects twice adds nothing the second time", "[cli][subject]") {
  TempDir dir;
  std::filesystem::path store = example_store(dir);
  Run first = run("dpo-subject", {"import", "--store", store.string(), example_subjects()});
  CHECK(first.exit_code == 0);
  CHECK(first.err == "dpo-subject: imported '" + example_subjects() +
                         "': 223 records; subjects 223 added, 0 changed; holdings 2619 added, 0 changed\n");
  std::string before = dump(store);
  Run second = run("dpo-subject", {"import", "--store", store.string(), example_subjects()});
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

  Run skipped = run("dpo-subject", {"import", "--store", store.string(), "--on-conflict", "skip", f});
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
  CHECK(back.err.find("subjects 0 added, 0 changed; holdings 0 added, 0 changed") != std::string::npos);
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
  Run r = run("dpo-subject", {"import", "--store", store.string(), "--input-format", "csv", "-"},
              "key,email,activity,data,system,collected,value\n"
              "P-9,p9@mail.example,newsletter,contact,mailer,2026-02-03,p9@mail.example\n");
  CHECK(r.exit_code == 0);
  CHECK(r.err == "dpo-subject: imported '<stdin>': 1 records; subjects 1 added, 0 changed; holdings 1 added, 0 changed\n");
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
