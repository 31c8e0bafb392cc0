#include "store/store.h"

#include <nlohmann/json.hpp>

#include <pwd.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <map>

#include <fmt/format.h>

#include "base/crypto.h"
#include "base/file.h"
#include "base/strings.h"
#include "l10n/phone.h"
#include "store/detail.h"
#include "store/consent_store.h"
#include "store/deletion_log.h"
#include "store/schema.h"

namespace dpo::store {

namespace {

// PRAGMA application_id of every dpo store: "DPOK".
constexpr int kApplicationId = 0x44504F4B;
constexpr int kDefaultBusyMs = 5000;

int busy_timeout_ms() {
  if (const char* env = std::getenv("DPO_BUSY_TIMEOUT_MS")) {
    char* end = nullptr;
    long ms = std::strtol(env, &end, 10);
    if (end != env && *end == '\0' && ms >= 0) return static_cast<int>(ms);
  }
  return kDefaultBusyMs;
}

// Writes each statement as it starts, its parameters filled in, so that a
// benchmark can replay the very same SQL with the sqlite3 shell; and, as an
// SQL comment, how long each took, so that the slow ones stand out.
int trace_statement(unsigned event, void* file, void* statement, void* detail) {
  auto* out = static_cast<std::FILE*>(file);
  if (event == SQLITE_TRACE_PROFILE) {
    // One comment line: the statement's start, its line breaks folded.
    std::string head(sqlite3_sql(static_cast<sqlite3_stmt*>(statement)));
    head.resize(std::min<std::size_t>(head.size(), 120));
    std::replace(head.begin(), head.end(), '\n', ' ');
    std::replace(head.begin(), head.end(), '\r', ' ');
    std::fprintf(out, "-- %.3f ms: %s\n", static_cast<double>(*static_cast<sqlite3_int64*>(detail)) / 1e6,
                 head.c_str());
  } else if (char* sql = sqlite3_expanded_sql(static_cast<sqlite3_stmt*>(statement))) {
    std::fprintf(out, "%s;\n", sql);
    sqlite3_free(sql);
  }
  return 0;
}

// DPO_TRACE_SQL=FILE appends every statement to FILE (0600, never through a
// symbolic link): a benchmarking aid that writes the values it binds,
// personal data included.
void start_trace(Store::Impl& impl, std::string_view suffix = "") {
  const char* env = std::getenv("DPO_TRACE_SQL");
  if (!env || !*env) return;
  impl.trace = open_private_append(env + std::string(suffix));
  sqlite3_trace_v2(impl.db.getHandle(), SQLITE_TRACE_STMT | SQLITE_TRACE_PROFILE, trace_statement, impl.trace);
}

void configure(SQLite::Database& db) {
  db.setBusyTimeout(busy_timeout_ms());
  db.exec("PRAGMA foreign_keys = ON");
  // FULL: a committed transaction survives a power cut, not only a crash.
  db.exec("PRAGMA synchronous = FULL");
  // 32 MiB of page cache: big imports and purges touch indexes all over the
  // file; memory stays bounded by this, whatever the store's size.
  db.exec("PRAGMA cache_size = -32768");
}


using Key = std::optional<std::vector<unsigned char>>;

// A journal record's MAC under DPO_KEY_FILE's key: every column, as a JSON
// array, so that no column's bytes can pass for another's.
std::string record_mac(const std::vector<unsigned char>& key, std::int64_t id, std::int64_t at,
                       const std::string& actor, const std::string& command, const std::string& input,
                       const std::string& counts) {
  nlohmann::json columns = nlohmann::json::array({id, at, actor, command, input, counts});
  return to_hex(hmac_sha256(key, "dpokit journal record\n" + columns.dump()));
}

// Writes a record, with its MAC under `key` when there is one. The caller
// holds the transaction: the record's id is the next one.
void write_journal(SQLite::Database& db, const Key& key, Instant at, const JournalEntry& entry) {
  std::int64_t id = db.execAndGet("SELECT coalesce(max(id), 0) + 1 FROM journal").getInt64();
  std::string who = actor();
  std::string counts = entry.counts.empty() ? std::string("{}") : entry.counts;
  SQLite::Statement st(db, "INSERT INTO journal (id, at, actor, command, input, counts, mac) VALUES (?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, static_cast<int64_t>(id));
  st.bind(2, static_cast<int64_t>(to_unix(at)));
  st.bind(3, who);
  st.bind(4, entry.command);
  bind_text(st, 5, entry.input);
  st.bind(6, counts);
  bind_text(st, 7, key ? record_mac(*key, id, to_unix(at), who, entry.command, entry.input, counts) : std::string());
  st.exec();
}

// Gives every journal record its MAC under `key`, as the records stand: the
// upgrade to version 13 under DPO_KEY_FILE.
void mac_journal(SQLite::Database& db, const std::vector<unsigned char>& key) {
  SQLite::Statement st(db, "SELECT id, at, actor, command, input, counts FROM journal ORDER BY id");
  SQLite::Statement put(db, "UPDATE journal SET mac = ? WHERE id = ?");
  while (st.executeStep()) {
    put.reset();
    put.bind(1, record_mac(key, st.getColumn(0).getInt64(), st.getColumn(1).getInt64(), st.getColumn(2).getString(),
                           st.getColumn(3).getString(), text_of(st.getColumn(4)), st.getColumn(5).getString()));
    put.bind(2, st.getColumn(0).getInt64());
    put.exec();
  }
}

// The store's secret when a key file holds it: derived from the key, never
// written to the store; the store keeps its SHA-256 to recognise the key.
std::vector<unsigned char> derived_secret(const std::vector<unsigned char>& key) {
  Sha256 s = hmac_sha256(key, "dpokit store secret");
  return std::vector<unsigned char>(s.begin(), s.end());
}

std::vector<unsigned char> read_secret(SQLite::Database& db, const std::optional<std::vector<unsigned char>>& key) {
  SQLite::Statement st(db, "SELECT key, value FROM meta WHERE key IN ('secret', 'secret_sha256')");
  if (!st.executeStep()) throw Error(ExitCode::store, "store has no secret; it was not made by 'dpo init'");
  if (st.getColumn(0).getString() == "secret_sha256") {
    if (!key)
      throw Error(ExitCode::store,
                  "this store's secret is kept in a key file: set DPO_KEY_FILE to it (see dpo(1), ENVIRONMENT)");
    std::vector<unsigned char> secret = derived_secret(*key);
    if (sha256_hex(std::string(secret.begin(), secret.end())) != st.getColumn(1).getString())
      throw Error(ExitCode::store, "DPO_KEY_FILE holds another key than the one this store was made with");
    return secret;
  }
  const auto* bytes = static_cast<const unsigned char*>(st.getColumn(1).getBlob());
  std::vector<unsigned char> secret(bytes, bytes + st.getColumn(1).getBytes());
  if (secret.empty())
    throw Error(ExitCode::store, "the store's secret is empty: the store was damaged; restore it from a backup");
  return secret;
}

std::optional<std::vector<unsigned char>> environment_key() {
  const char* path = std::getenv("DPO_KEY_FILE");
  if (!path || !*path) return std::nullopt;
  return read_key_file(path);
}

// Version 28 keeps phone numbers in E.164: the numbers stored before, as
// their digits and a leading '+', are read in the controller's country.
// A number that is not a valid one, or whose E.164 form another subject
// already has, is kept as it was (nothing is dropped) and named in a
// warning, by its subject's key only. Returns the warnings.
std::vector<std::string> normalise_phones(SQLite::Database& db) {
  std::string region = controller_country(db);
  std::vector<std::string> notes;
  SQLite::Statement phones(db,
                           "SELECT i.value, i.subject_id, s.key FROM identifier i JOIN subject s ON s.id = i.subject_id "
                           "WHERE i.kind = 'phone' ORDER BY s.key, i.value");
  SQLite::Statement owner(db, "SELECT subject_id FROM identifier WHERE kind = 'phone' AND value = ?");
  SQLite::Statement rewrite(db, "UPDATE identifier SET value = ? WHERE kind = 'phone' AND value = ?");
  SQLite::Statement drop(db, "DELETE FROM identifier WHERE kind = 'phone' AND value = ?");
  std::vector<std::pair<std::string, std::string>> changes;  // old value, new; applied after the read
  std::vector<std::string> duplicates;
  std::map<std::string, std::int64_t> claimed;                // E.164 form: subject it goes to
  while (phones.executeStep()) {
    std::string value = phones.getColumn(0).getString();
    std::int64_t subject = phones.getColumn(1).getInt64();
    std::string key = phones.getColumn(2).getString();
    std::optional<std::string> e164 = l10n::phone_e164(value, region);
    if (!e164) {
      notes.push_back("the phone number of subject '" + key + "' is not a valid number" +
                      (region.empty() ? std::string() : " of " + region) + "; kept as it was: correct it at its source");
      continue;
    }
    if (*e164 == value) continue;
    owner.reset();
    owner.bind(1, *e164);
    std::optional<std::int64_t> taken;
    if (owner.executeStep()) taken = owner.getColumn(0).getInt64();
    if (auto it = claimed.find(*e164); !taken && it != claimed.end()) taken = it->second;
    if (taken && *taken != subject) {
      notes.push_back("the phone number of subject '" + key +
                      "' is another subject's written otherwise; kept as it was: one number finds one subject");
      continue;
    }
    if (taken) {
      duplicates.push_back(value);  // the same subject's number, written twice
      continue;
    }
    claimed.emplace(*e164, subject);
    changes.emplace_back(value, *e164);
  }
  phones.reset();
  for (const std::string& value : duplicates) {
    drop.reset();
    drop.bind(1, value);
    drop.exec();
  }
  for (const auto& [value, e164] : changes) {
    rewrite.reset();
    rewrite.bind(1, e164);
    rewrite.bind(2, value);
    rewrite.exec();
  }
  return notes;
}

// Version 32 keeps a person's name and postal address with the subject,
// not as identifiers: the first identifier of kind 'name' (and 'address'),
// in value order, becomes the subject's name (postal address, one line);
// a subject's other ones stay identifiers, as nothing is dropped, and are
// named in a warning by the subject's key only. Returns the warnings.
std::vector<std::string> move_addressees(SQLite::Database& db) {
  std::vector<std::string> notes;
  for (const auto& [kind, column] : {std::pair{"name", "name"}, std::pair{"address", "postal_address"}}) {
    std::string moved = std::string("(SELECT min(i.value) FROM identifier i WHERE i.subject_id = subject.id AND i.kind = '") +
                        kind + "')";
    db.exec(std::string("UPDATE subject SET ") + column + " = " + moved + " WHERE " + moved + " IS NOT NULL");
    db.exec(std::string("DELETE FROM identifier WHERE kind = '") + kind + "' AND value = (SELECT s." + column +
            " FROM subject s WHERE s.id = identifier.subject_id)");
    SQLite::Statement left(db, std::string("SELECT DISTINCT s.key FROM identifier i JOIN subject s ON s.id = "
                                           "i.subject_id WHERE i.kind = '") + kind + "' ORDER BY s.key");
    while (left.executeStep())
      notes.push_back("subject '" + left.getColumn(0).getString() + "' had several identifiers of kind '" + kind +
                      "'; the first is now its " + (std::string_view(kind) == "name" ? "name" : "postal address") +
                      ", the others stay identifiers (nothing is dropped) and letters do not use them");
  }
  return notes;
}

void apply_migrations(SQLite::Database& db, const Key& key, int from, Instant now,
                      std::vector<std::string>& notes) {
  for (const Migration& m : migrations())
    if (m.version > from) db.exec(std::string(m.sql));
  // Version 8 seals the deletion log: what older versions wrote is sealed as
  // it stands at the upgrade.
  if (from > 0 && from < 8) seal_deletion_log(db);
  // Version 11 seals the consent checkpoints, and the upgrade journals them
  // with the ledger's head, as a command that cut would have.
  if (from > 0 && from < 11) seal_checkpoints(db);
  // Version 13 gives each journal record a MAC under DPO_KEY_FILE's key:
  // under a key, the records older versions wrote get theirs at the upgrade.
  if (from > 0 && from < 13 && key) mac_journal(db, *key);
  if (from > 0 && from < 28) notes = normalise_phones(db);
  if (from > 0 && from < 32)
    for (std::string& note : move_addressees(db)) notes.push_back(std::move(note));
  db.exec("PRAGMA user_version = " + std::to_string(latest_schema_version()));
  if (from > 0) {
    std::string counts = "{\"from\":" + std::to_string(from) + ",\"to\":" + std::to_string(latest_schema_version());
    SQLite::Statement last(db, "SELECT through_seq, hex(seal) FROM consent_checkpoint ORDER BY id DESC LIMIT 1");
    if (from < 11 && last.executeStep())
      counts += ",\"checkpoint_seq\":" + std::to_string(last.getColumn(0).getInt64()) + ",\"checkpoint_seal\":\"" +
                to_lower(last.getColumn(1).getString()) + "\"";
    write_journal(db, key, now, {"migrate", "", counts + "}"});
  }
}

// PRAGMA quick_check's findings, at most `limit`; none for a sound file.
std::vector<std::string> quick_check(SQLite::Database& db, int limit) {
  std::vector<std::string> out;
  try {
    SQLite::Statement check(db, "PRAGMA quick_check(" + std::to_string(limit) + ")");
    while (check.executeStep()) {
      // A row may hold several lines ("*** in database main ***\n...").
      std::string text = check.getColumn(0).getString();
      for (std::size_t at = 0; at < text.size() && out.size() < static_cast<std::size_t>(limit);) {
        std::size_t end = std::min(text.find('\n', at), text.size());
        std::string line = text.substr(at, end - at);
        if (line != "ok" && !line.starts_with("*** ")) out.push_back(line);
        at = end + 1;
      }
    }
  } catch (const SQLite::Exception& e) {
    // A page so damaged that the check itself stops: that is the finding.
    if (e.getErrorCode() != SQLITE_CORRUPT && e.getErrorCode() != SQLITE_NOTADB) throw;
    out.emplace_back(e.what());
  }
  return out;
}

int pragma_int(SQLite::Database& db, const char* pragma) {
  return db.execAndGet(std::string("PRAGMA ") + pragma).getInt();
}

}  // namespace

std::string actor() {
  if (const passwd* pw = ::getpwuid(::geteuid())) return pw->pw_name;
  return "uid " + std::to_string(::geteuid());
}

bool file_exists(const std::filesystem::path& path) {
  std::error_code ec;
  return std::filesystem::exists(path, ec);
}

Store::Impl::~Impl() {
  if (trace) {
    sqlite3_trace_v2(db.getHandle(), 0, nullptr, nullptr);
    std::fclose(trace);
  }
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

namespace {

// No output of this process may replace the store or a file SQLite or the
// purge keeps beside it: under the name given, and under the store's real
// name, after which SQLite names its -wal and -shm when the name given is a
// symbolic link.
void protect_store_files(const std::filesystem::path& path) {
  for (const std::filesystem::path& name : {path, canonical_path(path)})
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) protect_from_output(name.string() + suffix);
  protect_from_output(lock_path(path));
}

}  // namespace

std::filesystem::path lock_path(const std::filesystem::path& store_path) {
  return canonical_path(store_path).string() + ".lock";
}

Store Store::create(const std::filesystem::path& path, Instant now) {
  protect_store_files(path);
  if (!create_private_file(path)) throw Error(ExitCode::store, "a file already exists at '" + path.string() + "'");
  try {
    auto impl = std::make_unique<Impl>(path, SQLite::OPEN_READWRITE | SQLITE_OPEN_NOMUTEX);
    SQLite::Database& db = impl->db;
    configure(db);
    db.exec("PRAGMA journal_mode = WAL");
    Transaction tx(db);
    db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
    impl->key = environment_key();
    apply_migrations(db, impl->key, 0, now, impl->migration_notes);
    std::vector<unsigned char> secret = impl->key ? derived_secret(*impl->key) : random_bytes(32);
    if (impl->key) {
      SQLite::Statement put(db, "INSERT INTO meta (key, value) VALUES ('secret_sha256', ?)");
      put.bind(1, sha256_hex(std::string(secret.begin(), secret.end())));
      put.exec();
    } else {
      SQLite::Statement put(db, "INSERT INTO meta (key, value) VALUES ('secret', ?)");
      put.bind(1, secret.data(), static_cast<int>(secret.size()));
      put.exec();
    }
    SQLite::Statement created(db, "INSERT INTO meta (key, value) VALUES ('created', ?)");
    created.bind(1, format_utc(now));
    created.exec();
    write_journal(db, impl->key, now,
                  {"init", "", "{\"schema_version\":" + std::to_string(latest_schema_version()) + "}"});
    tx.commit();
    impl->version = latest_schema_version();
    impl->secret = std::move(secret);
    return Store(std::move(impl));
  } catch (...) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix, ec);
    throw;
  }
}

Store Store::open(const std::filesystem::path& path, Instant now) {
  protect_store_files(path);
  if (!file_exists(path))
    throw Error(ExitCode::store, "no store at '" + path.string() + "' (run 'dpo init' to create one)");
  if (std::filesystem::is_directory(path)) throw Error(ExitCode::store, "'" + path.string() + "' is a directory");
  // One connection per process, used by one thread: no need for SQLite's mutexes.
  auto impl = std::make_unique<Impl>(path, SQLite::OPEN_READWRITE | SQLITE_OPEN_NOMUTEX);
  SQLite::Database& db = impl->db;
  configure(db);
  start_trace(*impl);
  if (pragma_int(db, "application_id") != kApplicationId)
    throw Error(ExitCode::store, "'" + path.string() + "' is not a dpo store");
  int version = pragma_int(db, "user_version");
  int latest = latest_schema_version();
  if (version > latest)
    throw Error(ExitCode::store, "store '" + path.string() + "' has schema version " + std::to_string(version) +
                                     ", newer than this dpokit reads (" + std::to_string(latest) +
                                     "); upgrade dpokit");
  // The key before any upgrade: the upgrade journals under it.
  impl->key = environment_key();
  impl->secret = read_secret(db, impl->key);
  if (version < latest) {
    Transaction tx(db);
    // Another run may have migrated it while we waited for the lock.
    version = pragma_int(db, "user_version");
    if (version < latest) {
      // An upgrade rewrites tables: a damaged file is reported as it is,
      // not copied into a new layout.
      if (std::vector<std::string> damage = quick_check(db, 1); !damage.empty())
        throw Error(ExitCode::store, "the store '" + path.string() + "' fails SQLite's integrity check (" +
                                         damage.front() + "); not upgrading it: restore it from a backup " +
                                         "(see FILES in dpo(1))");
      apply_migrations(db, impl->key, version, now, impl->migration_notes);
      impl->migrated_from = version;
    }
    tx.commit();
  }
  impl->version = latest;
  return Store(std::move(impl));
}

const std::filesystem::path& Store::path() const { return impl_->path; }
int Store::schema_version() const { return impl_->version; }
std::optional<int> Store::migrated_from() const { return impl_->migrated_from; }
const std::vector<std::string>& Store::migration_notes() const { return impl_->migration_notes; }
const std::vector<unsigned char>& Store::secret() const { return impl_->secret; }
const std::optional<std::vector<unsigned char>>& Store::key() const { return impl_->key; }

std::string head_mac(const Store& store, std::string_view what, std::int64_t seq, const std::string& head_hex) {
  if (!store.key()) return {};
  return to_hex(hmac_sha256(*store.key(), fmt::format("dpokit {} head\n{}\n{}", what, seq, head_hex)));
}

Zone Store::zone() const {
  SQLite::Statement st(impl_->db, "SELECT timezone FROM controller WHERE id = 1");
  if (st.executeStep()) {
    Parsed<Zone> zone = Zone::find(st.getColumn(0).getString());
    if (zone) return *zone;
  }
  return Zone();
}

Store Store::open_reader(const Store& first) {
  auto impl = std::make_unique<Impl>(first.path(), SQLite::OPEN_READWRITE | SQLITE_OPEN_NOMUTEX);
  configure(impl->db);
  // It reads the ledger once, in order: a big cache would only add memory.
  impl->db.exec("PRAGMA cache_size = -4096");
  start_trace(*impl, ".2");
  impl->key = first.impl_->key;
  impl->secret = first.impl_->secret;
  impl->version = first.impl_->version;
  return Store(std::move(impl));
}

ReadSnapshot::ReadSnapshot(Store& store) : db_(db(store)) { db_.exec("BEGIN DEFERRED"); }

ReadSnapshot::~ReadSnapshot() {
  try {
    db_.exec("COMMIT");
  } catch (...) {  // NOLINT(bugprone-empty-catch): nothing was written; the connection closes with it
  }
}

Transaction::Transaction(Store& store) : Transaction(db(store)) {}

Transaction::Transaction(SQLite::Database& db)
    : tx_(std::make_unique<SQLite::Transaction>(db, SQLite::TransactionBehavior::IMMEDIATE)) {}

Transaction::~Transaction() = default;

void Transaction::commit() { tx_->commit(); }

SQLite::Database& db(Store& store) { return store.impl_->db; }

void append_journal(Store& store, Instant at, const JournalEntry& entry) {
  write_journal(db(store), store.key(), at, entry);
}

std::string journal_counts(std::initializer_list<std::pair<std::string_view, JournalValue>> fields) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const auto& [name, value] : fields)
    std::visit([&, name = name](const auto& v) { j[std::string(name)] = v; }, value);
  return j.dump();
}

Anchor parse_anchor(const std::string& text) {
  std::vector<std::string> parts = split(to_lower(text), ':');
  Anchor out;
  out.hash = parts.size() == 1 ? parts[0] : parts[1];
  if (parts.size() > 1) {
    std::int64_t position = -1;
    const std::string& p = parts[0];
    auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), position);
    if (ec == std::errc() && end == p.data() + p.size() && position >= 0) out.position = position;
  }
  if (parts.size() == 3) out.mac = parts[2];
  if (parts.size() > 3 || (parts.size() > 1 && !out.position) || !from_hex_sha256(out.hash) ||
      (parts.size() == 3 && !from_hex_sha256(out.mac)))
    throw Error(ExitCode::usage, "bad --anchor: give HASH, or the line 'anchor' prints (N:HASH or N:HASH:MAC)");
  return out;
}

std::string anchor_mac_problem(const Store& store, std::string_view what, const Anchor& anchor) {
  if (anchor.mac.empty()) return {};
  if (!store.key()) throw Error(ExitCode::store, "the anchor has a MAC: set DPO_KEY_FILE to check it");
  if (anchor.mac != head_mac(store, std::string(what) + " anchor", *anchor.position, anchor.hash))
    return "the anchor's MAC does not match under DPO_KEY_FILE's key: the anchor was forged or is another store's";
  return {};
}

std::string format_anchor(const Store& store, std::string_view what, std::int64_t position,
                          const std::string& hash_hex) {
  std::string line = fmt::format("{}:{}", position, hash_hex);
  if (std::string mac = head_mac(store, std::string(what) + " anchor", position, hash_hex); !mac.empty())
    line += ":" + mac;
  return line;
}

namespace {

// The first record missing from the journal's numbering, if any.
std::optional<std::int64_t> journal_gap(Store& store) {
  SQLite::Statement count(db(store), "SELECT count(*), coalesce(max(id), 0) FROM journal");
  count.executeStep();
  if (count.getColumn(0).getInt64() == count.getColumn(1).getInt64()) return std::nullopt;
  SQLite::Statement first(db(store),
                          "SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM journal WHERE id = 1) THEN 1 ELSE "
                          "(SELECT min(j.id) + 1 FROM journal j WHERE NOT EXISTS "
                          "(SELECT 1 FROM journal k WHERE k.id = j.id + 1) AND j.id < (SELECT max(id) FROM journal)) END");
  first.executeStep();
  return first.getColumn(0).getInt64();
}

// Under DPO_KEY_FILE's key, the first record whose MAC does not match its
// columns, or that has none where one is due: every record of a store made
// with the key, every record after the first that has one in a store given
// a key later.
std::string journal_mac_problem(Store& store) {
  const Key& key = store.key();
  if (!key) return {};
  bool due = db(store).execAndGet("SELECT count(*) FROM meta WHERE key = 'secret_sha256'").getInt() > 0;
  SQLite::Statement st(db(store), "SELECT id, at, actor, command, input, counts, mac FROM journal ORDER BY id");
  while (st.executeStep()) {
    std::int64_t id = st.getColumn(0).getInt64();
    std::string mac = text_of(st.getColumn(6));
    if (mac.empty()) {
      if (due)
        return fmt::format("journal record {} has no MAC though the records before it have one, or the store was "
                           "made with DPO_KEY_FILE's key: it was forged", id);
      continue;
    }
    due = true;
    if (mac != record_mac(*key, id, st.getColumn(1).getInt64(), st.getColumn(2).getString(),
                          st.getColumn(3).getString(), text_of(st.getColumn(4)), st.getColumn(5).getString()))
      return fmt::format("journal record {} has a MAC that DPO_KEY_FILE's key does not give: it was forged or "
                         "changed", id);
  }
  return {};
}

}  // namespace

std::string journal_problem(Store& store, std::string_view vouched) {
  if (std::optional<std::int64_t> gap = journal_gap(store))
    return fmt::format("journal record {} was deleted: the journal no longer vouches for {}", *gap, vouched);
  return journal_mac_problem(store);
}

std::vector<TableCount> table_counts(Store& store) {
  std::vector<TableCount> out;
  SQLite::Statement tables(db(store),
                           "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                           "ORDER BY name");
  while (tables.executeStep()) out.push_back({tables.getColumn(0).getString(), 0});
  for (TableCount& t : out)
    t.rows = db(store).execAndGet("SELECT count(*) FROM \"" + t.table + "\"").getInt64();
  return out;
}

std::vector<std::string> integrity_problems(Store& store, int limit) { return quick_check(db(store), limit); }

std::optional<Error> as_error(const std::exception& e) {
  const auto* sqlite = dynamic_cast<const SQLite::Exception*>(&e);
  if (!sqlite) return std::nullopt;
  int code = sqlite->getErrorCode();
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    return Error(ExitCode::busy, "the store is busy: another dpo run is writing to it; retry later");
  if (code == SQLITE_NOTADB) return Error(ExitCode::store, "the store file is not a dpo store");
  return Error(ExitCode::store, std::string("store failure: ") + sqlite->what());
}

std::string sqlite_version() { return sqlite3_libversion(); }

}  // namespace dpo::store
