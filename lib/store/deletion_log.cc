#include "store/deletion_log.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <map>
#include <optional>
#include <stdexcept>

#include "base/crypto.h"
#include "base/strings.h"
#include "store/detail.h"

namespace dpo::store {

namespace {

/// The columns an entry is sealed with, in this order.
constexpr const char* kEntries =
    "SELECT id, run_id, at, subject_hmac, holding_id, activity, category, rule_no, action FROM deletion_log ";

/// One column of an entry as a seal reads it: its bytes length-prefixed,
/// NULL as '-', so that no two different entries read the same.
void add_field(std::string& buffer, const char* bytes, std::size_t size) {
  char length[24];
  auto [end, ec] = std::to_chars(length, length + sizeof length, size);
  buffer.append(length, end);
  buffer += ':';
  buffer.append(bytes, size);
  buffer += ';';
}

void add_null(std::string& buffer) { buffer += "-;"; }

/// A number as SQLite writes it in text: the same digits.
void add_number(std::string& buffer, std::int64_t n) {
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, n);
  add_field(buffer, digits, static_cast<std::size_t>(end - digits));
}

/// Feeds one entry to a seal's hash: its columns as SQLite gives their bytes
/// (a number as its decimal text).
void feed(Sha256Stream& hash, SQLite::Statement& entry, std::string& buffer) {
  buffer.clear();
  for (int i = 0; i < entry.getColumnCount(); ++i) {
    SQLite::Column c = entry.getColumn(i);
    if (c.isNull())
      add_null(buffer);
    else  // sqlite3_column_blob: text for a number
      add_field(buffer, static_cast<const char*>(c.getBlob()), static_cast<std::size_t>(c.getBytes()));
  }
  hash.update(buffer);
}

/// A seal: SHA-256 of the seal before it and of the entries it covers, in id order.
class Sealer {
 public:
  explicit Sealer(const Sha256& prev) { hash_.update(std::string_view(reinterpret_cast<const char*>(prev.data()), prev.size())); }
  void add(SQLite::Statement& entry) { feed(hash_, entry, buffer_); }
  [[nodiscard]] Sha256 seal() { return hash_.finish(); }

 private:
  Sha256Stream hash_;
  std::string buffer_;
};

/// The last seal: the last entry it covers (0 for none) and its hash.
std::pair<std::int64_t, Sha256> last_seal(SQLite::Database& db) {
  SQLite::Statement last(db, "SELECT last_id, seal FROM deletion_seal ORDER BY id DESC LIMIT 1");
  if (!last.executeStep()) return {0, Sha256{}};
  return {last.getColumn(0).getInt64(), sha256_of(last.getColumn(1))};
}

void write_seal(SQLite::Database& db, std::int64_t first, std::int64_t through, std::int64_t count, const Sha256& prev,
                const Sha256& running) {
  SQLite::Statement seal(db, "INSERT INTO deletion_seal (first_id, last_id, entries, prev, seal) VALUES (?, ?, ?, ?, ?)");
  seal.bind(1, static_cast<int64_t>(first));
  seal.bind(2, static_cast<int64_t>(through));
  seal.bind(3, static_cast<int64_t>(count));
  seal.bind(4, prev.data(), static_cast<int>(prev.size()));
  seal.bind(5, running.data(), static_cast<int>(running.size()));
  seal.exec();
}

}  // namespace

void seal_deletion_log(SQLite::Database& db) {
  const auto [after, prev] = last_seal(db);
  SQLite::Statement entries(db, std::string(kEntries) + "WHERE id > ? ORDER BY id");
  entries.bind(1, static_cast<int64_t>(after));
  std::int64_t first = 0, through = 0, count = 0;
  Sealer sealer(prev);
  while (entries.executeStep()) {
    through = entries.getColumn(0).getInt64();
    if (count++ == 0) first = through;
    sealer.add(entries);
  }
  if (count == 0) return;
  write_seal(db, first, through, count, prev, sealer.seal());
}

// ---- sealing as entries are inserted ----

struct BatchSealer::Impl {
  explicit Impl(SQLite::Database& d) : db(d) {}
  SQLite::Database& db;
  Sha256Stream hash;
  std::string buffer;
  Sha256 prev{};
  std::int64_t next = 0, first = 0, count = 0, total = 0;
  bool open = false;
};

namespace {

// dpo_log_entry(run_id, at, subject_hmac, holding_id, activity, category,
// rule_no, action): the id of the entry being inserted with these columns,
// the entry fed to the batch's seal.
void log_entry_function(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  auto* p = static_cast<BatchSealer::Impl*>(sqlite3_user_data(ctx));
  if (!p->open) {
    sqlite3_result_error(ctx, "dpo_log_entry: no batch is being sealed", -1);
    return;
  }
  std::int64_t id = p->next++;
  ++p->count;
  p->buffer.clear();
  add_number(p->buffer, id);
  for (int i = 0; i < argc; ++i) {
    sqlite3_value* v = argv[i];
    switch (sqlite3_value_type(v)) {
      case SQLITE_NULL:
        add_null(p->buffer);
        break;
      case SQLITE_INTEGER:
        add_number(p->buffer, sqlite3_value_int64(v));
        break;
      default:
        add_field(p->buffer, static_cast<const char*>(sqlite3_value_blob(v)),
                  static_cast<std::size_t>(sqlite3_value_bytes(v)));
    }
  }
  p->hash.update(p->buffer);
  sqlite3_result_int64(ctx, id);
}

}  // namespace

BatchSealer::BatchSealer(SQLite::Database& db) : impl_(std::make_unique<Impl>(db)) {
  sqlite3_create_function_v2(db.getHandle(), "dpo_log_entry", 8, SQLITE_UTF8 | SQLITE_DIRECTONLY, impl_.get(),
                             log_entry_function, nullptr, nullptr, nullptr);
}

BatchSealer::~BatchSealer() {
  sqlite3_create_function_v2(impl_->db.getHandle(), "dpo_log_entry", 8, SQLITE_UTF8, nullptr, nullptr, nullptr,
                             nullptr, nullptr);
}

std::int64_t BatchSealer::begin() {
  Impl& p = *impl_;
  seal_deletion_log(p.db);  // whatever was left unsealed, read back
  auto [after, prev] = last_seal(p.db);
  p.prev = prev;
  p.next = p.db.execAndGet("SELECT coalesce(max(id), 0) FROM deletion_log").getInt64() + 1;
  p.first = p.next;
  p.count = 0;
  (void)p.hash.finish();
  p.hash.update(std::string_view(reinterpret_cast<const char*>(p.prev.data()), p.prev.size()));
  p.open = true;
  return p.first;
}

void BatchSealer::end(std::int64_t inserted) {
  Impl& p = *impl_;
  p.open = false;
  // Every entry inserted took its id from dpo_log_entry, once, and no other
  // entry was written: otherwise the seal would not match what is stored.
  std::int64_t last = p.db.execAndGet("SELECT coalesce(max(id), 0) FROM deletion_log").getInt64();
  if (inserted != p.count || (p.count > 0 && last != p.next - 1))
    throw std::logic_error("deletion log: entries were written around the batch seal");
  if (p.count == 0) return;
  write_seal(p.db, p.first, p.next - 1, p.count, p.prev, p.hash.finish());
  p.total += p.count;
}

std::int64_t BatchSealer::total() const { return impl_->total; }

LogHead deletion_log_head(Store& store) {
  SQLite::Statement st(db(store), "SELECT id, seal FROM deletion_seal ORDER BY id DESC LIMIT 1");
  LogHead out;
  if (st.executeStep()) {
    out.seal_id = st.getColumn(0).getInt64();
    out.seal = sha256_of(st.getColumn(1));
  }
  return out;
}

std::string deletion_log_anchor(Store& store) {
  LogHead head = deletion_log_head(store);
  return format_anchor(store, "log", head.seal_id, to_hex(head.seal));
}

namespace {

// The runs against the entries they wrote, and the journal's records of the
// runs and of the log's head against the store.
std::string check_runs(Store& store, const std::map<std::int64_t, std::int64_t>& entries_of) {
  SQLite::Database& d = db(store);
  std::map<std::int64_t, bool> runs;  // id -> finished
  SQLite::Statement st(d, "SELECT id, finished IS NOT NULL, CASE WHEN json_valid(counts) THEN "
                          "json_extract(counts, '$.logged') END FROM purge_run ORDER BY id");
  auto count = [&](std::int64_t run) {
    auto it = entries_of.find(run);
    return it == entries_of.end() ? std::int64_t{0} : it->second;
  };
  while (st.executeStep()) {
    std::int64_t run = st.getColumn(0).getInt64();
    runs[run] = st.getColumn(1).getInt() != 0;
    if (!st.getColumn(2).isNull() && st.getColumn(2).getInt64() != count(run))
      return fmt::format("run {} recorded {} deletion-log entries and the log holds {}: entries were deleted or "
                         "inserted", run, st.getColumn(2).getInt64(), count(run));
  }
  for (const auto& [run, n] : entries_of)
    if (!runs.contains(run)) return fmt::format("{} entries belong to run {}, which is gone from the runs", n, run);
  SQLite::Statement journal(d, "SELECT id, json_extract(counts, '$.run'), json_extract(counts, '$.logged'), "
                               "json_extract(counts, '$.seal_id'), json_extract(counts, '$.seal') FROM journal "
                               "WHERE json_valid(counts) AND json_extract(counts, '$.run') IS NOT NULL ORDER BY id");
  SQLite::Statement seal(d, "SELECT seal FROM deletion_seal WHERE id = ?");
  while (journal.executeStep()) {
    std::int64_t record = journal.getColumn(0).getInt64(), run = journal.getColumn(1).getInt64(),
                 logged = journal.getColumn(2).getInt64(), seal_id = journal.getColumn(3).getInt64();
    std::string seal_hex = text_of(journal.getColumn(4));
    auto it = runs.find(run);
    if (it == runs.end() || !it->second)
      return fmt::format("run {}, which journal record {} recorded, is gone from the runs", run, record);
    if (count(run) != logged)
      return fmt::format("journal record {} recorded {} deletion-log entries for run {} and the log holds {}: "
                         "entries were deleted or inserted", record, logged, run, count(run));
    if (seal_id > 0) {
      seal.reset();
      seal.bind(1, static_cast<int64_t>(seal_id));
      if (!seal.executeStep() || to_hex(sha256_of(seal.getColumn(0))) != seal_hex)
        return fmt::format("seal {}, which journal record {} recorded, is gone or was rewritten", seal_id, record);
    }
  }
  return {};
}

// An anchor kept elsewhere: a bare seal some seal must be, or SEAL:HASH[:MAC].
std::string check_log_anchor(Store& store, const std::string& text, bool hash_seen) {
  Anchor anchor = parse_anchor(text);
  if (!anchor.position)
    return hash_seen ? std::string()
                     : fmt::format("no seal is the anchor {}: the log it was taken from was rewritten", text);
  if (std::string problem = anchor_mac_problem(store, "log", anchor); !problem.empty()) return problem;
  const std::int64_t* id = &*anchor.position;
  if (*id == 0) return {};
  SQLite::Statement seal(db(store), "SELECT seal FROM deletion_seal WHERE id = ?");
  seal.bind(1, static_cast<int64_t>(*id));
  if (!seal.executeStep() || to_hex(sha256_of(seal.getColumn(0))) != anchor.hash)
    return fmt::format("seal {} is gone or is not the anchor's: the log it was taken from was rewritten", *id);
  return {};
}

}  // namespace

DeletionLogCheck verify_deletion_log(Store& store, const std::string& anchor) {
  DeletionLogCheck out;
  SQLite::Database& d = db(store);
  if (out.problem = journal_problem(store, "the log"); !out.problem.empty()) return out;
  SQLite::Statement seals(d, "SELECT id, first_id, last_id, entries, prev, seal FROM deletion_seal ORDER BY id");
  SQLite::Statement entries(d, std::string(kEntries) + "WHERE id > ? AND id <= ? ORDER BY id");
  std::map<std::int64_t, std::int64_t> entries_of;  // run -> entries
  std::int64_t after = 0;
  Sha256 running{};
  std::string anchor_hash = to_lower(anchor);
  bool anchor_seen = false;
  while (seals.executeStep()) {
    std::int64_t id = seals.getColumn(0).getInt64(), first = seals.getColumn(1).getInt64(),
                 through = seals.getColumn(2).getInt64(), count = seals.getColumn(3).getInt64();
    Sha256 prev = sha256_of(seals.getColumn(4)), seal = sha256_of(seals.getColumn(5));
    if (prev != running || first <= after || through < first) {
      out.problem = fmt::format("seal {} does not follow the seal before it: seals were removed or rewritten", id);
      return out;
    }
    entries.reset();
    entries.bind(1, static_cast<int64_t>(after));
    entries.bind(2, static_cast<int64_t>(through));
    std::int64_t seen = 0, first_seen = 0;
    Sealer sealer(running);
    while (entries.executeStep()) {
      if (seen++ == 0) first_seen = entries.getColumn(0).getInt64();
      ++entries_of[entries.getColumn(1).getInt64()];
      sealer.add(entries);
    }
    Sha256 chained = sealer.seal();
    if (seen != count || (seen && first_seen != first)) {
      out.problem = fmt::format(
          "entries were deleted or inserted among {} to {}: seal {} counts {} from entry {}, the log holds {}",
          after + 1, through, id, count, first, seen);
      return out;
    }
    if (chained != seal) {
      out.problem = fmt::format("an entry among {} to {} was changed: it no longer gives seal {}", first, through, id);
      return out;
    }
    if (to_hex(seal) == anchor_hash) anchor_seen = true;
    out.entries += count;
    ++out.seals;
    running = seal;
    after = through;
  }
  out.head = running;
  SQLite::Statement unsealed(d, "SELECT count(*), min(id) FROM deletion_log WHERE id > ?");
  unsealed.bind(1, static_cast<int64_t>(after));
  if (unsealed.executeStep() && unsealed.getColumn(0).getInt64() > 0) {
    std::int64_t n = unsealed.getColumn(0).getInt64();
    out.problem = fmt::format("{} {} from entry {} on under no seal: written outside dpo purge", n,
                              n == 1 ? "entry is" : "entries are", unsealed.getColumn(1).getInt64());
    return out;
  }
  if (out.problem = check_runs(store, entries_of); !out.problem.empty()) return out;
  if (!anchor.empty()) out.problem = check_log_anchor(store, anchor, anchor_seen);
  return out;
}

std::string purge_journal_fields(Store& store, std::int64_t run, std::int64_t logged) {
  LogHead head = deletion_log_head(store);
  return fmt::format("\"run\":{},\"logged\":{},\"seal_id\":{},\"seal\":\"{}\"", run, logged, head.seal_id,
                     to_hex(head.seal));
}

void for_each_deletion(Store& store, const std::optional<std::string>& subject,
                       const std::function<void(const DeletionEntry&)>& each) {
  SQLite::Statement st(db(store),
                       std::string("SELECT id, run_id, at, action, holding_id, activity, category, rule_no FROM "
                                   "deletion_log") +
                           (subject ? " WHERE subject_hmac = ?" : "") + " ORDER BY id");
  Sha256 mac{};
  if (subject) {
    mac = hmac_sha256(store.secret(), *subject);
    st.bindNoCopy(1, mac.data(), static_cast<int>(mac.size()));
  }
  while (st.executeStep()) {
    DeletionEntry e;
    e.id = st.getColumn(0).getInt64();
    e.run = st.getColumn(1).getInt64();
    e.at = from_unix(st.getColumn(2).getInt64());
    e.action = st.getColumn(3).getString();
    if (!st.getColumn(4).isNull()) e.holding = st.getColumn(4).getInt64();
    e.activity = text_of(st.getColumn(5));
    e.category = text_of(st.getColumn(6));
    if (!st.getColumn(7).isNull()) e.rule_no = st.getColumn(7).getInt64();
    each(e);
  }
}

}  // namespace dpo::store
