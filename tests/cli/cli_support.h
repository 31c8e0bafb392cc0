#pragma once

// End-to-end helpers: a store made by the real binaries, and its content.

#include <SQLiteCpp/SQLiteCpp.h>

#include <string>
#include <vector>

#include "support/support.h"

namespace dpo::test {

/// The one value `sql` reads from the store: a count, mostly.
inline long long count(const std::filesystem::path& store, const std::string& sql) {
  SQLite::Database db(store.string());
  return db.execAndGet(sql).getInt64();
}

/// Every row of every table, in a stable order: two equal dumps mean the
/// store's content did not change.
inline std::string dump(const std::filesystem::path& store) {
  SQLite::Database db(store.string());
  SQLite::Statement tables(db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
  std::string out;
  while (tables.executeStep()) {
    std::string table = tables.getColumn(0).getString();
    out += "== " + table + "\n";
    int columns = db.execAndGet("SELECT count(*) FROM pragma_table_info('" + table + "')").getInt();
    std::string order = "1";
    for (int i = 2; i <= columns; ++i) order += ", " + std::to_string(i);
    SQLite::Statement rows(db, "SELECT * FROM \"" + table + "\" ORDER BY " + order);
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

/// A store in `dir` made from a register, subjects and consent events
/// (JSON Lines), each import checked; `later` is a subjects file imported
/// last; `env` is every command's environment (DPO_KEY_FILE=...).
inline std::filesystem::path make_store(const TempDir& dir, const std::string& reg, const std::string& subjects,
                                        const std::string& consents, const std::string& later = {},
                                        const std::vector<std::string>& env = {}) {
  std::string store = (dir / "dpo.sqlite").string();
  write_text(dir / "r.yaml", reg);
  write_text(dir / "s.jsonl", subjects);
  write_text(dir / "c.jsonl", consents);
  auto check = [](const Run& r, const char* what) {
    if (r.exit_code != 0) throw std::runtime_error(std::string(what) + " failed: " + r.err);
  };
  check(run("dpo", {"init", "-q", "--store", store}, {}, env), "dpo init");
  check(run("dpo-register", {"import", "-q", "--store", store, (dir / "r.yaml").string()}, {}, env), "register import");
  check(run("dpo-subject", {"import", "-q", "--store", store, (dir / "s.jsonl").string()}, {}, env), "subject import");
  check(run("dpo-consent", {"import", "-q", "--store", store, (dir / "c.jsonl").string()}, {}, env), "consent import");
  if (!later.empty()) {
    write_text(dir / "s2.jsonl", later);
    check(run("dpo-subject", {"import", "-q", "--store", store, (dir / "s2.jsonl").string()}, {}, env),
          "subject import");
  }
  return store;
}

/// A key file for DPO_KEY_FILE in `dir`, mode 0600, and the environment
/// that names it.
inline std::vector<std::string> key_file_env(const TempDir& dir) {
  std::filesystem::path key = dir / "key";
  write_text(key, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n");
  std::filesystem::permissions(key, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  return {"DPO_KEY_FILE=" + key.string()};
}

/// `text` with `from` replaced by `to`; `from` must be there.
inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("replaced: '" + from + "' not found");
  return text.replace(at, from.size(), to);
}

/// A store with the example register imported, in `dir`; with the subjects,
/// and with the consent ledger, when asked; `env` is every command's
/// environment.
inline std::filesystem::path example_store(const TempDir& dir, bool with_subjects = false,
                                           bool with_consents = false, const std::vector<std::string>& env = {}) {
  std::filesystem::path store = dir / "dpo.sqlite";
  Run init = run("dpo", {"init", "--store", store.string(), "-q"}, {}, env);
  if (init.exit_code != 0) throw std::runtime_error("dpo init failed: " + init.err);
  std::filesystem::path example = source_dir() / "examples/training-org";
  auto import = [&](const char* program, const char* file) {
    Run r = run(program, {"import", "--store", store.string(), (example / file).string()}, {}, env);
    if (r.exit_code != 0) throw std::runtime_error(std::string(program) + " import failed: " + r.err);
  };
  import("dpo-register", "register.yaml");
  if (with_subjects) import("dpo-subject", "subjects.jsonl");
  if (with_consents) import("dpo-consent", "consents.jsonl");
  return store;
}

}  // namespace dpo::test
