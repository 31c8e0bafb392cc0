#pragma once

#include <cstdint>
#include <exception>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "time/instant.h"

/// The SQLite store behind one narrow interface (DESIGN.md sections 4 and 8).
/// This module is the only user of SQLiteCpp.
namespace dpo::store {

class Store {
 public:
  /// Creates a new store at `path`: file mode 0600, WAL, the latest schema, a
  /// fresh HMAC secret. Throws Error(store) if a file is already there.
  static Store create(const std::filesystem::path& path, Instant now);
  /// Opens an existing store, migrating an older schema forward. Throws
  /// Error(store) when missing, not a dpo store or newer than this build, and
  /// Error(busy) when another run holds it past the busy timeout.
  static Store open(const std::filesystem::path& path, Instant now);

  ~Store();
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const;
  [[nodiscard]] int schema_version() const;
  /// The version the store had before open() migrated it, if it did.
  [[nodiscard]] std::optional<int> migrated_from() const;
  /// The controller's time zone once a register is imported, else UTC.
  [[nodiscard]] Zone zone() const;
  /// The per-store key for HMACs of subject keys and holding digests.
  [[nodiscard]] const std::vector<unsigned char>& secret() const;

  struct Impl;
  Impl& impl() { return *impl_; }

 private:
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// One unit of work: BEGIN IMMEDIATE now, rolled back unless commit() is called.
class Transaction {
 public:
  explicit Transaction(Store& store);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Store& store_;
  bool done_ = false;
};

/// A journal row (Art. 5(2) accountability): never personal data.
struct JournalEntry {
  std::string command;  ///< "register import"
  std::string input;    ///< the file read, if any
  std::string counts;   ///< JSON object
};
void append_journal(Store& store, Instant at, const JournalEntry& entry);

struct TableCount {
  std::string table;
  std::int64_t rows;
};
/// Every table of the store with its row count, in name order.
[[nodiscard]] std::vector<TableCount> table_counts(Store& store);

/// What SQLite's quick_check (every page and row, without the slow index
/// cross-check) finds wrong with the file, at most `limit` lines; empty when
/// the file is sound. A damaged page, a row beyond its table: a store to
/// restore from a backup.
[[nodiscard]] std::vector<std::string> integrity_problems(Store& store, int limit = 10);

/// Translates a SQLite failure into the Error the user should see (busy: 5,
/// anything else: 4); nullopt for exceptions that are not the store's.
[[nodiscard]] std::optional<Error> as_error(const std::exception& e);

/// Whether anything exists at `path`.
[[nodiscard]] bool file_exists(const std::filesystem::path& path);

/// The SQLite library's version, for `dpo version`.
[[nodiscard]] std::string sqlite_version();

}  // namespace dpo::store
