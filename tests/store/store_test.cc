#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>
#include <sys/stat.h>

#include <cstdlib>

#include "base/error.h"
#include "store/audit_store.h"
#include "store/deletion_log.h"
#include "store/schema.h"
#include "store/store.h"
#include "support/support.h"

using namespace dpo;

namespace {

const Instant kNow = from_unix(1795000000);  // 2026-11-18

unsigned mode_of(const std::filesystem::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

// The schema as SQLite records it, to compare a migrated store with a new one.
std::string schema_of(const std::filesystem::path& p) {
  SQLite::Database db(p.string());
  SQLite::Statement st(db, "SELECT type, name, sql FROM sqlite_schema ORDER BY type, name");
  std::string out;
  while (st.executeStep())
    out += st.getColumn(0).getString() + " " + st.getColumn(1).getString() + ": " +
           (st.getColumn(2).isNull() ? "" : st.getColumn(2).getString()) + "\n";
  return out;
}

// A store as an older dpokit made it: the schema up to `version`, a secret, some data.
void make_store_at(const std::filesystem::path& p, int version) {
  SQLite::Database db(p.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec("PRAGMA application_id = " + std::to_string(0x44504F4B));
  for (const store::Migration& m : store::migrations())
    if (m.version <= version) db.exec(std::string(m.sql));
  db.exec("PRAGMA user_version = " + std::to_string(version));
  db.exec("INSERT INTO meta (key, value) VALUES ('secret', x'00112233445566778899aabbccddeeff')");
  db.exec("INSERT INTO controller (id, name, has_dpo, country, timezone, language, register_version) "
          "VALUES (1, 'Old Org', 0, 'FR', 'Europe/Paris', 'fr', 1)");
  db.exec("INSERT INTO journal (at, actor, command, counts) VALUES (1700000000, 'me', 'init', '{}')");
}

std::string error_of(const std::function<void()>& f, ExitCode& code) {
  try {
    f();
  } catch (const Error& e) {
    code = e.code();
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a new store is mode 0600 whatever the umask, WAL, at the latest schema", "[store]") {
  test::TempDir dir;
  mode_t old = ::umask(0);
  {
    store::Store s = store::Store::create(dir / "dpo.sqlite", kNow);
    CHECK(s.schema_version() == store::latest_schema_version());
    CHECK(s.secret().size() == 32);
    store::Transaction tx(s);
    store::append_journal(s, kNow, {"test", "", "{}"});
    tx.commit();
    // While a connection is open the WAL and shared-memory files exist: same mode.
    CHECK(mode_of(dir / "dpo.sqlite-wal") == 0600);
    CHECK(mode_of(dir / "dpo.sqlite-shm") == 0600);
  }
  ::umask(old);
  CHECK(mode_of(dir / "dpo.sqlite") == 0600);
  SQLite::Database db((dir / "dpo.sqlite").string());
  CHECK(db.execAndGet("PRAGMA journal_mode").getString() == "wal");
  CHECK(db.execAndGet("PRAGMA user_version").getInt() == store::latest_schema_version());
  CHECK(db.execAndGet("SELECT group_concat(command, ',') FROM journal").getString() == "init,test");
}

TEST_CASE("foreign keys are enforced on every connection", "[store]") {
  test::TempDir dir;
  store::Store s = store::Store::create(dir / "dpo.sqlite", kNow);
  SQLite::Database db((dir / "dpo.sqlite").string(), SQLite::OPEN_READWRITE);
  db.exec("PRAGMA foreign_keys = ON");
  CHECK_THROWS(db.exec("INSERT INTO engagement (subject_id, activity_id) VALUES (1, 1)"));
}

// A purge runs with foreign keys off and erases a subject's rows table by
// table (Purger::Impl::erase_listed_subjects in store/purge_store.cc): a new
// table that refers to a subject, an engagement or a holding must be added
// there, and to this list.
TEST_CASE("the purge names every table that refers to what it deletes", "[store]") {
  test::TempDir dir;
  { store::Store s = store::Store::create(dir / "dpo.sqlite", kNow); }
  SQLite::Database db((dir / "dpo.sqlite").string());
  SQLite::Statement st(db,
                       "SELECT m.name, f.\"from\", f.\"table\", f.on_delete FROM sqlite_schema m, "
                       "pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND f.\"table\" IN "
                       "('subject', 'engagement', 'holding') ORDER BY m.name, f.\"from\"");
  std::string refs;
  while (st.executeStep())
    refs += st.getColumn(0).getString() + "." + st.getColumn(1).getString() + " -> " + st.getColumn(2).getString() +
            " " + st.getColumn(3).getString() + "\n";
  CHECK(refs ==
        "consent_event.subject_id -> subject NO ACTION\n"
        "engagement.subject_id -> subject CASCADE\n"
        "holding.activity_id -> engagement CASCADE\n"
        "holding.subject_id -> engagement CASCADE\n"
        "identifier.subject_id -> subject CASCADE\n"
        "legal_hold.subject_id -> subject CASCADE\n"
        "purge_pending.subject_id -> subject CASCADE\n"
        "subject_request.subject_id -> subject SET NULL\n");
}

// The bytes a seal covers are fixed for ever: seals written by any earlier
// version must still verify. Two entries and the seal they must give
// (computed apart, in Python, from the format in store/deletion_log.cc).
TEST_CASE("a deletion-log seal over known entries is the same bytes as ever", "[store]") {
  test::TempDir dir;
  store::Store s = store::Store::create(dir / "dpo.sqlite", kNow);
  SQLite::Database db((dir / "dpo.sqlite").string(), SQLite::OPEN_READWRITE);
  db.exec("INSERT INTO purge_run (id, started, as_of, actor, scope) VALUES (7, 1795000000, 1795000000, 'me', 'retention');"
          "INSERT INTO deletion_log (id, run_id, at, subject_hmac, holding_id, activity, category, rule_no, action) "
          "VALUES (41, 7, 1795000000, x'00ff10', 123456789012, 'training-delivery', 'identity', 2, 'delete'),"
          "(42, 7, -5, x'', NULL, NULL, NULL, NULL, 'erase-subject')");
  store::seal_deletion_log(db);
  CHECK(db.execAndGet("SELECT hex(seal) FROM deletion_seal").getString() == "663557D0D735E55AE50DBC35A66F01511004121BE71025D1D7748F4CC596E269");
  CHECK(store::verify_deletion_log(s).problem.empty());
}

TEST_CASE("entries sealed as they are inserted get the seal read back would give", "[store]") {
  test::TempDir dir;
  store::Store s = store::Store::create(dir / "dpo.sqlite", kNow);
  SQLite::Database db((dir / "dpo.sqlite").string(), SQLite::OPEN_READWRITE);
  db.exec("INSERT INTO purge_run (id, started, as_of, actor, scope) VALUES (7, 1795000000, 1795000000, 'me', 'retention');"
          "INSERT INTO deletion_log (id, run_id, at, subject_hmac, action) VALUES (40, 7, 0, x'01', 'erase-subject')");
  store::seal_deletion_log(db);
  // The same two entries as above, after a first seal: they chain from it.
  std::string expected;
  {
    SQLite::Database twin((dir / "twin.sqlite").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    for (const store::Migration& m : store::migrations()) twin.exec(std::string(m.sql));
    twin.exec("INSERT INTO purge_run (id, started, as_of, actor, scope) VALUES (7, 1795000000, 1795000000, 'me', 'r');"
              "INSERT INTO deletion_log (id, run_id, at, subject_hmac, action) VALUES (40, 7, 0, x'01', 'erase-subject')");
    store::seal_deletion_log(twin);
    twin.exec("INSERT INTO deletion_log (id, run_id, at, subject_hmac, holding_id, activity, category, rule_no, action) "
              "VALUES (41, 7, 1795000000, x'00ff10', 123456789012, 'training-delivery', 'identity', 2, 'delete'),"
              "(42, 7, -5, x'', NULL, NULL, NULL, NULL, 'erase-subject')");
    store::seal_deletion_log(twin);
    expected = twin.execAndGet("SELECT hex(seal) FROM deletion_seal WHERE id = 2").getString();
  }
  const std::string insert =
      "WITH e (run_id, at, subject_hmac, holding_id, activity, category, rule_no, action) AS (VALUES "
      "(7, 1795000000, x'00ff10', 123456789012, 'training-delivery', 'identity', 2, 'delete'), "
      "(7, -5, x'', NULL, NULL, NULL, NULL, 'erase-subject')) "
      "INSERT INTO deletion_log (id, run_id, at, subject_hmac, holding_id, activity, category, rule_no, action) "
      "SELECT dpo_log_entry(run_id, at, subject_hmac, holding_id, activity, category, rule_no, action), * FROM e";
  {
    store::BatchSealer sealer(db);
    sealer.begin();
    int inserted = db.exec(insert);
    sealer.end(inserted);
  }
  CHECK(db.execAndGet("SELECT group_concat(id) FROM deletion_log").getString() == "40,41,42");
  CHECK(db.execAndGet("SELECT hex(seal) FROM deletion_seal WHERE id = 2").getString() == expected);
  CHECK(store::verify_deletion_log(s).problem.empty());

  // An entry that did not come through dpo_log_entry would be unsealed: the batch refuses.
  store::BatchSealer sealer(db);
  sealer.begin();
  db.exec("INSERT INTO deletion_log (run_id, at, subject_hmac, action) VALUES (7, 1, x'02', 'erase-subject')");
  CHECK_THROWS_AS(sealer.end(1), std::logic_error);
}

TEST_CASE("opening a missing file or a file that is not a store fails with exit 4", "[store]") {
  test::TempDir dir;
  ExitCode code = ExitCode::ok;
  CHECK(error_of([&] { (void)store::Store::open(dir / "none.sqlite", kNow); }, code) ==
        "no store at '" + (dir / "none.sqlite").string() + "' (run 'dpo init' to create one)");
  CHECK(code == ExitCode::store);
  {
    SQLite::Database other((dir / "other.sqlite").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    other.exec("CREATE TABLE t (x)");
  }
  CHECK(error_of([&] { (void)store::Store::open(dir / "other.sqlite", kNow); }, code) ==
        "'" + (dir / "other.sqlite").string() + "' is not a dpo store");
  CHECK(code == ExitCode::store);
  test::write_text(dir / "text.sqlite", "this is not a database at all, just some words in a file\n");
  try {
    (void)store::Store::open(dir / "text.sqlite", kNow);
    FAIL("opened a text file");
  } catch (const std::exception& e) {
    std::optional<Error> mapped = store::as_error(e);
    REQUIRE(mapped);
    CHECK(mapped->code() == ExitCode::store);
  }
  CHECK_THROWS_AS(store::Store::create(dir / "text.sqlite", kNow), Error);
  CHECK(test::read_text(dir / "text.sqlite").starts_with("this is not a database"));
}

TEST_CASE("a store from a newer dpokit is refused with exit 4 and left alone", "[store]") {
  test::TempDir dir;
  int newer = store::latest_schema_version() + 1;
  make_store_at(dir / "new.sqlite", store::latest_schema_version());
  {
    SQLite::Database db((dir / "new.sqlite").string(), SQLite::OPEN_READWRITE);
    db.exec("PRAGMA user_version = " + std::to_string(newer));
  }
  ExitCode code = ExitCode::ok;
  CHECK(error_of([&] { (void)store::Store::open(dir / "new.sqlite", kNow); }, code) ==
        "store '" + (dir / "new.sqlite").string() + "' has schema version " + std::to_string(newer) +
            ", newer than this dpokit reads (" + std::to_string(store::latest_schema_version()) + "); upgrade dpokit");
  CHECK(code == ExitCode::store);
  SQLite::Database db((dir / "new.sqlite").string());
  CHECK(db.execAndGet("PRAGMA user_version").getInt() == newer);
}

TEST_CASE("a store made by every older schema version migrates to the new schema, data kept", "[store]") {
  test::TempDir dir;
  store::Store fresh = store::Store::create(dir / "fresh.sqlite", kNow);
  std::string expected = schema_of(dir / "fresh.sqlite");
  for (int version = 1; version < store::latest_schema_version(); ++version) {
    INFO("from version " << version);
    std::filesystem::path p = dir / ("v" + std::to_string(version) + ".sqlite");
    make_store_at(p, version);
    {
      store::Store s = store::Store::open(p, kNow);
      CHECK(s.migrated_from() == version);
      CHECK(s.schema_version() == store::latest_schema_version());
      CHECK(s.zone().name() == "Europe/Paris");
    }
    CHECK(schema_of(p) == expected);
    SQLite::Database db(p.string());
    CHECK(db.execAndGet("SELECT name FROM controller").getString() == "Old Org");
    CHECK(db.execAndGet("SELECT counts FROM journal WHERE command = 'migrate'").getString() ==
          "{\"from\":" + std::to_string(version) + ",\"to\":" + std::to_string(store::latest_schema_version()) + "}");
    // Opening again migrates nothing.
    store::Store again = store::Store::open(p, kNow);
    CHECK_FALSE(again.migrated_from());
  }
}

// Every row of a table, in id order, as SQLite gives it back.
std::string rows_of(SQLite::Database& db, const std::string& table, const std::string& order) {
  SQLite::Statement st(db, "SELECT * FROM " + table + " ORDER BY " + order);
  std::string out;
  while (st.executeStep()) {
    for (int i = 0; i < st.getColumnCount(); ++i) {
      SQLite::Column c = st.getColumn(i);
      out += c.isNull() ? "NULL" : c.isBlob() ? "blob:" + std::to_string(c.getBytes()) + ":" + c.getString() : c.getString();
      out += "|";
    }
    out += "\n";
  }
  return out;
}

TEST_CASE("version 9 rebuilds the ledger and the deletion log with their rows and rules", "[store]") {
  test::TempDir dir;
  std::filesystem::path p = dir / "v8.sqlite";
  make_store_at(p, 8);
  std::string events, log;
  {
    SQLite::Database db(p.string(), SQLite::OPEN_READWRITE);
    db.exec("INSERT INTO purpose (id, code, label, consent_required, marketing, position) "
            "VALUES (3, 'newsletter', 'Newsletter', 1, 1, 1)");
    db.exec("INSERT INTO consent_event VALUES (7, 'abc', NULL, 3, 'S-1', 'newsletter', 'given', 1700000000, "
            "'web-form', 'v2', NULL, 'form:1', 'site', NULL, zeroblob(32), x'0102')");
    db.exec("INSERT INTO consent_event VALUES (9, 'def', NULL, 3, 'S-1', 'newsletter', 'withdrawn', 1700000100, "
            "NULL, NULL, NULL, NULL, NULL, '{\"formats\":[\"video\"]}', x'0102', x'0304')");
    db.exec("INSERT INTO purge_run (id, started, as_of, actor, scope) VALUES (1, 1700000000, 1700000000, 'me', 'retention')");
    db.exec("INSERT INTO deletion_log VALUES (4, 1, 1700000000, x'aa', 12, 'alumni', 'contact', 1, 'delete')");
    db.exec("INSERT INTO deletion_log VALUES (5, 1, 1700000000, x'bb', NULL, NULL, NULL, NULL, 'erase-subject')");
    events = rows_of(db, "consent_event", "seq");
    log = rows_of(db, "deletion_log", "id");
  }
  { store::Store s = store::Store::open(p, kNow); }
  SQLite::Database db(p.string(), SQLite::OPEN_READWRITE);
  CHECK(rows_of(db, "consent_event", "seq") == events);
  CHECK(rows_of(db, "deletion_log", "id") == log);
  CHECK(db.execAndGet("SELECT count(*) FROM sqlite_schema WHERE name LIKE '%_v8'").getInt() == 0);
  // The same rules as before: a value outside the list is refused.
  CHECK_THROWS(db.exec("INSERT INTO consent_event VALUES (10, 'x', NULL, 3, NULL, 'newsletter', 'gave', 1, "
                       "NULL, NULL, NULL, NULL, NULL, NULL, x'00', x'00')"));
  CHECK_THROWS(db.exec("INSERT INTO consent_event VALUES (10, 'x', NULL, 3, NULL, 'newsletter', 'given', 1, "
                       "'fax', NULL, NULL, NULL, NULL, NULL, x'00', x'00')"));
  CHECK_THROWS(db.exec("INSERT INTO deletion_log VALUES (6, 1, 1, x'cc', NULL, NULL, NULL, NULL, 'task')"));
  CHECK_NOTHROW(db.exec("INSERT INTO deletion_log VALUES (6, 1, 1, x'cc', NULL, NULL, NULL, NULL, 'erase-request')"));
}

TEST_CASE("version 22 renames clause breach-notice to assistance-32-36, order kept", "[store]") {
  test::TempDir dir;
  std::filesystem::path p = dir / "v21.sqlite";
  make_store_at(p, 21);
  {
    SQLite::Database db(p.string(), SQLite::OPEN_READWRITE);
    db.exec("INSERT INTO processor (id, code, name, country, has_dpa, position) VALUES (1, 'p', 'P', 'FR', 1, 0)");
    db.exec("INSERT INTO dpa_clause VALUES (1, 0, 'audits'), (1, 1, 'breach-notice'), (1, 2, 'instructions')");
  }
  { store::Store s = store::Store::open(p, kNow); }
  SQLite::Database db(p.string(), SQLite::OPEN_READWRITE);
  CHECK(rows_of(db, "dpa_clause", "processor_id, position") == "1|0|audits|\n1|1|assistance-32-36|\n1|2|instructions|\n");
  CHECK_THROWS(db.exec("INSERT INTO dpa_clause VALUES (1, 3, 'breach-notice')"));
  CHECK_NOTHROW(db.exec("INSERT INTO dpa_particular VALUES (1, 0, 'duration')"));
}

TEST_CASE("version 24 moves each activity's legal basis to activity_basis, for all its purposes", "[store]") {
  test::TempDir dir;
  std::filesystem::path p = dir / "v23.sqlite";
  make_store_at(p, 23);
  {
    SQLite::Database db(p.string(), SQLite::OPEN_READWRITE);
    db.exec("INSERT INTO activity (id, code, name, legal_basis, position) VALUES (4, 'a', 'A', 'contract', 0), "
            "(5, 'b', 'B', NULL, 1)");
  }
  { store::Store s = store::Store::open(p, kNow); }
  SQLite::Database db(p.string(), SQLite::OPEN_READWRITE);
  CHECK(rows_of(db, "activity_basis", "activity_id") == "4|0|contract|NULL|\n");
  CHECK(db.execAndGet("SELECT count(*) FROM pragma_table_info('activity') WHERE name = 'legal_basis'").getInt() == 0);
}

TEST_CASE("version 28 writes phone numbers E.164, keeping and naming what it cannot", "[store]") {
  test::TempDir dir;
  std::filesystem::path p = dir / "v27.sqlite";
  make_store_at(p, 27);
  {
    SQLite::Database db(p.string(), SQLite::OPEN_READWRITE);
    db.exec("INSERT INTO subject (id, key) VALUES (1, 'S-1'), (2, 'S-2'), (3, 'S-3'), (4, 'S-4'), (5, 'S-5')");
    // As older versions kept them: digits and a leading '+'.
    db.exec("INSERT INTO identifier (kind, value, subject_id) VALUES "
            "('phone', '0612345678', 1), ('phone', '+33612345678', 2), ('phone', '0033752334455', 3), "
            "('phone', '0752334455', 3), ('phone', '061234', 4), ('phone', '+330699887766', 5), "
            "('email', 'a@b.example', 5)");
  }
  store::Store s = store::Store::open(p, kNow);
  CHECK(s.migrated_from() == 27);
  CHECK(s.migration_notes() ==
        std::vector<std::string>{
            "the phone number of subject 'S-1' is another subject's written otherwise; kept as it was: one number "
            "finds one subject",
            "the phone number of subject 'S-4' is not a valid number of FR; kept as it was: correct it at its source",
        });
  SQLite::Database db(p.string());
  // S-1's number is S-2's already: kept for the DPO to settle. S-3 wrote
  // one number twice: one row. '+330699887766' is +33 6 99 88 77 66 with
  // the trunk 0 written in.
  CHECK(rows_of(db, "identifier", "subject_id, kind, value") ==
        "phone|0612345678|1|\nphone|+33612345678|2|\nphone|+33752334455|3|\nphone|061234|4|\n"
        "email|a@b.example|5|\nphone|+33699887766|5|\n");
}

TEST_CASE("version 32 moves name and address identifiers to the subject, keeping and naming the others", "[store]") {
  test::TempDir dir;
  std::filesystem::path p = dir / "v31.sqlite";
  make_store_at(p, 31);
  {
    SQLite::Database db(p.string(), SQLite::OPEN_READWRITE);
    db.exec("INSERT INTO subject (id, key) VALUES (1, 'S-1'), (2, 'S-2'), (3, 'S-3')");
    db.exec("INSERT INTO identifier (kind, value, subject_id) VALUES "
            "('name', 'Sam Martin', 1), ('address', '2 rue Haute, 69001 Lyon', 1), ('email', 's1@mail.example', 1), "
            "('name', 'Ana Lopez', 2), ('name', 'Ana López', 2), ('email', 's3@mail.example', 3)");
  }
  store::Store s = store::Store::open(p, kNow);
  CHECK(s.migrated_from() == 31);
  CHECK(s.migration_notes() ==
        std::vector<std::string>{"subject 'S-2' had several identifiers of kind 'name'; the first is now its name, "
                                 "the others stay identifiers (nothing is dropped) and letters do not use them"});
  SQLite::Database db(p.string());
  CHECK(rows_of(db, "subject", "id") == "1|S-1|NULL|0|0|Sam Martin|2 rue Haute, 69001 Lyon|NULL|\n"
                                        "2|S-2|NULL|0|0|Ana Lopez|NULL|NULL|\n"
                                        "3|S-3|NULL|0|0|NULL|NULL|NULL|\n");
  CHECK(rows_of(db, "identifier", "subject_id, kind, value") ==
        "email|s1@mail.example|1|\nname|Ana López|2|\nemail|s3@mail.example|3|\n");
  // A form of address is one of two words.
  CHECK_THROWS(db.exec("UPDATE subject SET civility = 'Mme' WHERE id = 1"));
}

TEST_CASE("a damaged store of an older version is refused with exit 4 and not upgraded", "[store]") {
  test::TempDir dir;
  std::filesystem::path p = dir / "v8.sqlite";
  make_store_at(p, 8);
  int page_size = 0, root = 0;
  {
    SQLite::Database db(p.string(), SQLite::OPEN_READWRITE);
    page_size = db.execAndGet("PRAGMA page_size").getInt();
    root = db.execAndGet("SELECT rootpage FROM sqlite_schema WHERE name = 'journal'").getInt();
  }
  test::damage_page(p, root, page_size);  // the journal's root page
  std::string before = test::read_text(p);
  ExitCode code = ExitCode::ok;
  std::string message = error_of([&] { store::Store::open(p, kNow); }, code);
  CHECK(code == ExitCode::store);
  CHECK(message.starts_with("the store '" + p.string() + "' fails SQLite's integrity check ("));
  CHECK(message.ends_with("); not upgrading it: restore it from a backup (see FILES in dpo(1))"));
  CHECK(test::read_text(p) == before);
}

TEST_CASE("inserting into the ledger or the deletion log builds no temporary b-tree", "[store]") {
  // A CHECK written `x IN (a, b, c)` makes SQLite build the list as a b-tree
  // for every inserted row (OpenEphemeral): the tables written by the million
  // must not have one.
  test::TempDir dir;
  { store::Store s = store::Store::create(dir / "dpo.sqlite", kNow); }
  SQLite::Database db((dir / "dpo.sqlite").string(), SQLite::OPEN_READWRITE);
  for (const char* table : {"consent_event", "deletion_log", "holding", "engagement", "subject", "identifier",
                            "erasure_task", "journal"}) {
    INFO(table);
    std::string columns, values;
    SQLite::Statement info(db, std::string("SELECT name FROM pragma_table_info('") + table + "')");
    while (info.executeStep()) {
      columns += (columns.empty() ? "" : ", ") + info.getColumn(0).getString();
      values += values.empty() ? "?" : ", ?";
    }
    SQLite::Statement plan(db, std::string("EXPLAIN INSERT INTO ") + table + " (" + columns + ") VALUES (" + values + ")");
    int ephemeral = 0;
    while (plan.executeStep())
      if (plan.getColumn(1).getString() == "OpenEphemeral") ++ephemeral;
    CHECK(ephemeral == 0);
  }
}

TEST_CASE("a store held by another writer past the busy timeout maps to exit 5", "[store]") {
  test::TempDir dir;
  { store::Store s = store::Store::create(dir / "dpo.sqlite", kNow); }
  SQLite::Database other((dir / "dpo.sqlite").string(), SQLite::OPEN_READWRITE);
  other.exec("BEGIN IMMEDIATE");
  ::setenv("DPO_BUSY_TIMEOUT_MS", "50", 1);
  store::Store s = store::Store::open(dir / "dpo.sqlite", kNow);
  ::unsetenv("DPO_BUSY_TIMEOUT_MS");
  try {
    store::Transaction tx(s);
    FAIL("got the write lock");
  } catch (const std::exception& e) {
    std::optional<Error> mapped = store::as_error(e);
    REQUIRE(mapped);
    CHECK(mapped->code() == ExitCode::busy);
    CHECK(std::string(mapped->what()) == "the store is busy: another dpo run is writing to it; retry later");
  }
  other.exec("ROLLBACK");
}

TEST_CASE("a transaction not committed rolls back", "[store]") {
  test::TempDir dir;
  store::Store s = store::Store::create(dir / "dpo.sqlite", kNow);
  {
    store::Transaction tx(s);
    store::append_journal(s, kNow, {"lost", "", "{}"});
  }
  auto counts = store::table_counts(s);
  auto journal = std::find_if(counts.begin(), counts.end(), [](const auto& t) { return t.table == "journal"; });
  CHECK(journal->rows == 1);
}

TEST_CASE("version 30 gives a schema-29 store its recorded audits, empty, replaced per as-of", "[store]") {
  test::TempDir dir;
  std::filesystem::path p = dir / "v29.sqlite";
  make_store_at(p, 29);
  {
    store::Store s = store::Store::open(p, kNow);
    CHECK(s.migrated_from() == 29);
    CHECK(store::recorded_audits(s).empty());
    model::RecordedAudit a{kNow, {{"dpa-coverage", 4, 5}, {"request-median-days", {}, {}}},
                           {{"RET-002", model::Severity::error, "rule", "alumni/contact", 7},
                            {"GOV-002", model::Severity::warning, "controller", "register", {}}}};
    {
      store::Transaction tx(s);
      CHECK_FALSE(store::record_audit(s, a));
      tx.commit();
    }
    a.findings.pop_back();
    store::Transaction tx(s);
    CHECK(store::record_audit(s, a));  // the same as-of: replaced
    tx.commit();
    std::vector<model::RecordedAudit> back = store::recorded_audits(s);
    REQUIRE(back.size() == 1);
    CHECK(back[0].kpis.size() == 2);
    CHECK_FALSE(back[0].kpis[1].numerator);
    CHECK(back[0].findings.size() == 1);
  }
  SQLite::Database db(p.string());
  // The replaced run's rows went with it.
  CHECK(rows_of(db, "audit_run", "id") == "1|" + std::to_string(to_unix(kNow)) + "|1|0|\n");
  CHECK(rows_of(db, "audit_kpi", "position") == "1|0|dpa-coverage|4|5|\n1|1|request-median-days|NULL|NULL|\n");
  CHECK(rows_of(db, "audit_finding", "position") == "1|0|RET-002|error|rule|alumni/contact|7|\n");
  CHECK(rows_of(db, "audit_rule_count", "rule") == "1|RET-002|error|1|7|\n");
}

TEST_CASE("version 33 gives a schema-32 store's activities an interest and a balancing test, unset", "[store]") {
  test::TempDir dir;
  std::filesystem::path p = dir / "v32.sqlite";
  make_store_at(p, 32);
  {
    SQLite::Database db(p.string(), SQLite::OPEN_READWRITE);
    db.exec("INSERT INTO activity (id, code, name, position) VALUES (4, 'a', 'A', 0)");
    db.exec(
        "INSERT INTO activity_basis (activity_id, position, basis, purpose_id) "
        "VALUES (4, 0, 'legitimate-interests', NULL)");
  }
  {
    store::Store s = store::Store::open(p, kNow);
    CHECK(s.migrated_from() == 32);
  }
  SQLite::Database db(p.string(), SQLite::OPEN_READWRITE);
  CHECK(rows_of(db, "activity_basis", "activity_id") == "4|0|legitimate-interests|NULL|\n");
  CHECK(
      db.execAndGet("SELECT count(*) FROM activity WHERE id = 4 AND interest IS NULL AND balancing IS NULL").getInt() ==
      1);
  CHECK_NOTHROW(db.exec("UPDATE activity SET interest = 'prévenir la fraude', balancing = 'AIL 2026' WHERE id = 4"));
}

TEST_CASE("the schema file's sections run 1, 2, ... with SQL in each, or C++ named in it", "[store]") {
  const auto& all = store::migrations();
  REQUIRE(all.size() >= 2);
  for (std::size_t i = 0; i < all.size(); ++i) {
    INFO("version " << all[i].version);
    CHECK(all[i].version == static_cast<int>(i) + 1);
    CHECK((all[i].sql.find("CREATE ") != std::string_view::npos ||
           all[i].sql.find("ALTER TABLE ") != std::string_view::npos ||
           all[i].sql.find("(lib/store/store.cc)") != std::string_view::npos));
  }
}
