#pragma once

// End-to-end helpers: a store made by the real binaries, and its content.

#include <SQLiteCpp/SQLiteCpp.h>

#include <string>
#include <vector>

#include "support/support.h"

namespace dpo::test {

/// Every row of every table, in a stable order: two equal dumps mean the
/// store's content did not change.
inline std::string dump(const std::filesystem::path& store) {
  SQLite::Database db(store.string());
  SQLite::Statement tables(db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
  std::string out;
  while (tables.executeStep()) {
    std::string table = tables.getColumn(0).getString();
    out += "== " + table + "\n";
    SQLite::Statement rows(db, "SELECT * FROM \"" + table + "\" ORDER BY 1, 2");
    while (rows.executeStep()) {
      for (int i = 0; i < rows.getColumnCount(); ++i) {
        SQLite::Column c = rows.getColumn(i);
        out += c.isNull() ? "NULL" : c.isBlob() ? "<blob>" : c.getString();
        out += '|';
      }
      out += '\n';
    }
  }
  return out;
}

/// The sections of schemas/store.sql, in order: section i migrates to version i+1.
inline std::vector<std::string> schema_sections() {
  std::string sql = read_text(source_dir() / "schemas/store.sql");
  std::vector<std::string> out;
  std::size_t at = sql.find("\n-- version 1:");
  while (at != std::string::npos) {
    std::size_t next = sql.find("\n-- version " + std::to_string(out.size() + 2) + ":", at + 1);
    out.push_back(sql.substr(at, next == std::string::npos ? next : next - at));
    at = next;
  }
  return out;
}

/// The schema version this build writes.
inline int latest_schema() { return static_cast<int>(schema_sections().size()); }

/// A store as dpokit at schema `version` made it: the schema sections up to
/// it, the application id, a secret.
inline void make_old_store(const std::filesystem::path& path, int version) {
  SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec("PRAGMA application_id = " + std::to_string(0x44504F4B));
  std::vector<std::string> sections = schema_sections();
  for (int i = 0; i < version; ++i) db.exec(sections[static_cast<std::size_t>(i)]);
  db.exec("PRAGMA user_version = " + std::to_string(version));
  db.exec("INSERT INTO meta (key, value) VALUES ('secret', x'00112233445566778899aabbccddeeff')");
}

/// A store with the example register imported, in `dir`; with the subjects,
/// and with the consent ledger, when asked.
inline std::filesystem::path example_store(const TempDir& dir, bool with_subjects = false,
                                           bool with_consents = false) {
  std::filesystem::path store = dir / "dpo.sqlite";
  Run init = run("dpo", {"init", "--store", store.string(), "-q"});
  if (init.exit_code != 0) throw std::runtime_error("dpo init failed: " + init.err);
  Run reg = run("dpo-register",
                {"import", "--store", store.string(), (source_dir() / "examples/training-org/register.yaml").string()});
  if (reg.exit_code != 0) throw std::runtime_error("register import failed: " + reg.err);
  if (with_subjects) {
    Run sub = run("dpo-subject", {"import", "--store", store.string(),
                                  (source_dir() / "examples/training-org/subjects.jsonl").string()});
    if (sub.exit_code != 0) throw std::runtime_error("subject import failed: " + sub.err);
  }
  if (with_consents) {
    Run con = run("dpo-consent", {"import", "--store", store.string(),
                                  (source_dir() / "examples/training-org/consents.jsonl").string()});
    if (con.exit_code != 0) throw std::runtime_error("consent import failed: " + con.err);
  }
  return store;
}

}  // namespace dpo::test
