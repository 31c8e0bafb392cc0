#pragma once

// End-to-end helpers: a store made by the real binaries, and its content.

#include <SQLiteCpp/SQLiteCpp.h>

#include <string>

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

/// A store with the example register imported, in `dir`.
inline std::filesystem::path example_store(const TempDir& dir, bool with_subjects = false) {
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
  return store;
}

}  // namespace dpo::test
