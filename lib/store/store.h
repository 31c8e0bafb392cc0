#pragma once

#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "base/error.h"
#include "time/instant.h"

namespace SQLite {
class Database;
class Transaction;
}  // namespace SQLite

/// The SQLite store behind one narrow interface (docs/design.md sections 4 and 8).
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
  /// A second connection to an open store, for a reader in another thread
  /// (each connection is used by one thread): a small page cache, and its
  /// SQL trace, under DPO_TRACE_SQL, in that file's name with ".2" added.
  static Store open_reader(const Store& first);

  ~Store();
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const;
  [[nodiscard]] int schema_version() const;
  /// The version the store had before open() migrated it, if it did.
  [[nodiscard]] std::optional<int> migrated_from() const;
  /// What that migration could not do as asked and left as it was (a phone
  /// number it could not read), one warning each, naming subjects by key.
  [[nodiscard]] const std::vector<std::string>& migration_notes() const;
  /// The controller's time zone once a register is imported, else UTC.
  [[nodiscard]] Zone zone() const;
  /// The per-store key for HMACs of subject keys and holding digests: kept
  /// in the store, or derived from DPO_KEY_FILE's key when the store was
  /// made with one (then nobody can recompute a deletion-log HMAC without
  /// the key file).
  [[nodiscard]] const std::vector<unsigned char>& secret() const;
  /// The key of DPO_KEY_FILE when it is set: it authenticates each journal
  /// record (journal_problem()) and the anchors (head_mac()).
  [[nodiscard]] const std::optional<std::vector<unsigned char>>& key() const;

  struct Impl;

 private:
  friend SQLite::Database& db(Store& store);
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// The connection behind a store: for lib/store's own files (store/detail.h).
SQLite::Database& db(Store& store);

/// The purge's lock file beside the store, named after the store's canonical
/// path: two names of one store (a symbolic link) share one lock.
[[nodiscard]] std::filesystem::path lock_path(const std::filesystem::path& store_path);

/// One unit of work: BEGIN IMMEDIATE now, rolled back unless commit() is called.
class Transaction {
 public:
  /// BEGIN IMMEDIATE on the store: taken now, not at its first write, so
  /// that waiting for another writer happens here, within the busy timeout.
  explicit Transaction(Store& store);
  /// The same on a connection that is not a Store yet (create, open).
  explicit Transaction(SQLite::Database& db);
  /// Rolls back unless committed.
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  std::unique_ptr<SQLite::Transaction> tx_;
};

/// One consistent view for a run that only reads: every statement until it
/// ends sees the store as one commit left it, whatever other runs commit
/// meanwhile (a deferred transaction; in WAL mode it holds no writer back).
/// Checks that read several tables in turn need it, or another run's commit
/// between two reads looks like tampering.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Store& store);
  ~ReadSnapshot();
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  SQLite::Database& db_;
};

/// HMAC-SHA-256, in hex, of a head (`what` names it: "ledger anchor", "log
/// anchor") under DPO_KEY_FILE's key; "" without a key. One who can write
/// the store but has not the key cannot forge it.
[[nodiscard]] std::string head_mac(const Store& store, std::string_view what, std::int64_t seq,
                                   const std::string& head_hex);

/// An anchor as `dpo consent anchor` or `dpo purge anchor` prints it: HASH
/// alone, or POSITION:HASH[:MAC] (an event's seq, a seal's id).
struct Anchor {
  std::optional<std::int64_t> position;
  std::string hash;  ///< lower-case hex
  std::string mac;   ///< lower-case hex, or empty
};
/// Parses an anchor; Error(usage) when it is neither form.
[[nodiscard]] Anchor parse_anchor(const std::string& text);
/// "" when `anchor` has no MAC or its MAC is the one head_mac(`what` + "
/// anchor") gives; else the problem. Error(store) when it has a MAC and no
/// key is set.
[[nodiscard]] std::string anchor_mac_problem(const Store& store, std::string_view what, const Anchor& anchor);
/// POSITION:HASH, with :MAC under DPO_KEY_FILE's key when set.
[[nodiscard]] std::string format_anchor(const Store& store, std::string_view what, std::int64_t position,
                                        const std::string& hash_hex);

/// Who runs this command: the user's name, as the journal records it.
[[nodiscard]] std::string actor();

/// A journal row (Art. 5(2) accountability): never personal data.
struct JournalEntry {
  std::string command;  ///< "register import"
  std::string input;    ///< the file read, if any
  std::string counts;   ///< JSON object
};
/// Appends a record, with its MAC under DPO_KEY_FILE's key when set. The
/// caller holds the transaction.
void append_journal(Store& store, Instant at, const JournalEntry& entry);

/// A journal record's counts: a JSON object of these names and values, in order.
using JournalValue = std::variant<std::int64_t, std::string>;
[[nodiscard]] std::string journal_counts(std::initializer_list<std::pair<std::string_view, JournalValue>> fields);

/// What is wrong with the journal itself, or "": a record missing from its
/// numbering (records are never deleted, so a gap is a deletion by hand; the
/// message says the journal no longer vouches for `vouched`, "the ledger");
/// then, under DPO_KEY_FILE's key, a record whose MAC (over all its columns)
/// does not match, or that has none where one is due: in a store made with
/// the key, every record; else every record after the first that has one.
/// A record blanked or rewritten by hand is named so.
[[nodiscard]] std::string journal_problem(Store& store, std::string_view vouched);

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
