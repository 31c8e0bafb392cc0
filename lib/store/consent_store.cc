#include "store/consent_store.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "base/strings.h"
#include "store/detail.h"

namespace dpo::store {

using namespace model;

namespace {

std::string scope_json(const ConsentScope& s) {
  if (s.empty()) return {};
  nlohmann::json j = nlohmann::json::object();
  if (!s.formats.empty()) j["formats"] = s.formats;
  if (!s.channels.empty()) j["channels"] = s.channels;
  if (s.duration) j["duration"] = s.duration->str();
  if (s.parental) j["parental"] = {{"name", s.parental->name}, {"evidence", s.parental->evidence}};
  return j.dump();
}

// The scope column's JSON (NULL: no scope).
ConsentScope scope_of(const char* json, std::size_t size) {
  ConsentScope s;
  if (!json) return s;
  try {
    nlohmann::json j = nlohmann::json::parse(std::string_view(json, size));
    s.formats = j.value("formats", std::vector<std::string>{});
    s.channels = j.value("channels", std::vector<std::string>{});
    if (j.contains("duration")) {
      Parsed<Duration> d = Duration::parse(j["duration"].get<std::string>());
      if (d) s.duration = *d;
    }
    if (j.contains("parental"))
      s.parental = ParentalConsent{j["parental"].value("name", ""), j["parental"].value("evidence", "")};
  } catch (const nlohmann::json::exception&) {
    // A scope that no longer parses reads as empty: the chain check reports the event.
  }
  return s;
}

// The action's name as a string that lives as long as the program.
const std::string& action_text(ConsentAction action) {
  static const std::string names[] = {std::string(name_of(consent_actions(), ConsentAction::given)),
                                      std::string(name_of(consent_actions(), ConsentAction::refused)),
                                      std::string(name_of(consent_actions(), ConsentAction::withdrawn))};
  return names[static_cast<int>(action)];
}

void bind_text_no_copy(SQLite::Statement& st, int index, const std::string& text) {
  if (text.empty())
    st.bind(index);
  else
    st.bindNoCopy(index, text);
}

// The columns every read selects, in this order.
constexpr const char* kColumns =
    "seq, id, subject_key, purpose, action, at, channel, notice_version, notice_sha256, evidence, recorded_by, "
    "scope, prev, hash";

// Whether a stored scope's JSON is exactly `scope`, whatever its spacing or
// key order: the JSON an event with this scope is stored with.
// Byte equality settles what dpokit itself wrote without parsing it again.
bool scope_reads_as(std::string_view text, const ConsentScope& scope) {
  std::string expected = scope_json(scope);
  if (expected.empty()) return false;
  if (text == expected) return true;
  nlohmann::json stored = nlohmann::json::parse(text, nullptr, false);
  return !stored.is_discarded() && stored.dump() == expected;
}

// An event's columns, read in place: through SQLite's own calls on the
// ledger check's path (it reads every event, and SQLiteCpp's Column objects,
// a shared pointer each, cost more there than the values), through
// SQLiteCpp elsewhere. NULL text reads as "".
struct RawColumns {
  sqlite3_stmt* st;
  [[nodiscard]] bool is_null(int i) const { return sqlite3_column_type(st, i) == SQLITE_NULL; }
  [[nodiscard]] std::int64_t int64(int i) const { return sqlite3_column_int64(st, i); }
  [[nodiscard]] std::string_view text(int i) const {
    const unsigned char* t = sqlite3_column_text(st, i);
    return t ? std::string_view(reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(st, i)))
             : std::string_view();
  }
  [[nodiscard]] Sha256 hash(int i) const {
    Sha256 out{};
    if (sqlite3_column_type(st, i) == SQLITE_BLOB && sqlite3_column_bytes(st, i) == static_cast<int>(out.size()))
      std::memcpy(out.data(), sqlite3_column_blob(st, i), out.size());
    return out;
  }
};

struct StatementColumns {
  SQLite::Statement& st;
  [[nodiscard]] bool is_null(int i) const { return st.isColumnNull(i); }
  [[nodiscard]] std::int64_t int64(int i) const { return st.getColumn(i).getInt64(); }
  [[nodiscard]] std::string_view text(int i) const {
    SQLite::Column c = st.getColumn(i);
    return c.isNull() ? std::string_view() : std::string_view(c.getText(), static_cast<std::size_t>(c.getBytes()));
  }
  [[nodiscard]] Sha256 hash(int i) const { return sha256_of(st.getColumn(i)); }
};

template <class Columns>
StoredConsent consent_of(const Columns& row) {
  StoredConsent r;
  r.seq = row.int64(0);
  r.id = row.text(1);
  ConsentEvent& e = r.event;
  e.subject = SubjectKey(std::string(row.text(2)));
  e.purpose = PurposeId(std::string(row.text(3)));
  // A value the CHECK constraints let through but the model does not know
  // reads as the first choice: the chain check then reports the event.
  e.action = from_name(consent_actions(), row.text(4)).value_or(ConsentAction::given);
  e.at = from_unix(row.int64(5));
  if (!row.is_null(6)) e.channel = from_name(consent_channels(), row.text(6));
  e.notice_version = row.text(7);
  e.notice_sha256 = row.text(8);
  e.evidence = row.text(9);
  e.recorded_by = row.text(10);
  if (!row.is_null(11)) {
    std::string_view scope = row.text(11);
    e.scope = scope_of(scope.data(), scope.size());
  }
  r.prev = row.hash(12);
  r.hash = row.hash(13);
  return r;
}

StoredConsent row_of(SQLite::Statement& st) { return consent_of(StatementColumns{st}); }

// A statement prepared with SQLite's own calls, for the ledger check's read.
using RawStatement = std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>;
RawStatement prepare_raw(SQLite::Database& d, const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  int rc = sqlite3_prepare_v2(d.getHandle(), sql.c_str(), static_cast<int>(sql.size()), &st, nullptr);
  if (rc != SQLITE_OK) throw SQLite::Exception(d.getHandle(), rc);
  return {st, &sqlite3_finalize};
}

// sqlite3_step: true while there is a row.
bool step_raw(SQLite::Database& d, sqlite3_stmt* st) {
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw SQLite::Exception(d.getHandle(), rc);
}

// A checkpoint's seal: the previous seal and its columns, one a line.
Sha256 checkpoint_seal(const Sha256& prev, std::int64_t through_seq, const Sha256& hash, std::int64_t events,
                       std::int64_t at, const std::string& reason) {
  return sha256(fmt::format("{}\n{}\n{}\n{}\n{}\n{}", to_hex(prev), through_seq, to_hex(hash), events, at, reason));
}

}  // namespace

ChainStart chain_start(Store& store) {
  SQLite::Statement st(
      db(store), "SELECT through_seq, hash, seal FROM consent_checkpoint ORDER BY through_seq DESC, id DESC LIMIT 1");
  ChainStart start;
  if (st.executeStep()) {
    start.through_seq = st.getColumn(0).getInt64();
    start.hash = sha256_of(st.getColumn(1));
    start.seal = sha256_of(st.getColumn(2));
  }
  return start;
}

void for_each_checkpoint(Store& store, const std::function<void(const StoredCheckpoint&)>& each) {
  SQLite::Statement st(
      db(store), "SELECT id, at, through_seq, hash, events, reason, prev, seal FROM consent_checkpoint ORDER BY id");
  while (st.executeStep()) {
    StoredCheckpoint c;
    c.id = st.getColumn(0).getInt64();
    c.at = from_unix(st.getColumn(1).getInt64());
    c.through_seq = st.getColumn(2).getInt64();
    c.hash = sha256_of(st.getColumn(3));
    c.events = st.getColumn(4).getInt64();
    c.reason = st.getColumn(5).getString();
    c.prev = sha256_of(st.getColumn(6));
    c.seal = sha256_of(st.getColumn(7));
    c.recomputed = checkpoint_seal(c.prev, c.through_seq, c.hash, c.events, st.getColumn(1).getInt64(), c.reason);
    each(c);
  }
}

void seal_checkpoints(SQLite::Database& d) {
  SQLite::Statement st(d, "SELECT id, at, through_seq, hash, events, reason FROM consent_checkpoint ORDER BY id");
  SQLite::Statement put(d, "UPDATE consent_checkpoint SET prev = ?, seal = ? WHERE id = ?");
  Sha256 prev{};
  while (st.executeStep()) {
    Sha256 seal = checkpoint_seal(prev, st.getColumn(2).getInt64(), sha256_of(st.getColumn(3)),
                                  st.getColumn(4).getInt64(), st.getColumn(1).getInt64(), st.getColumn(5).getString());
    put.reset();
    put.bind(1, prev.data(), static_cast<int>(prev.size()));
    put.bind(2, seal.data(), static_cast<int>(seal.size()));
    put.bind(3, st.getColumn(0).getInt64());
    put.exec();
    prev = seal;
  }
}

LedgerState ledger_state(Store& store) {
  LedgerState out;
  ChainStart start = chain_start(store);
  out.checkpoint_seq = start.through_seq;
  out.checkpoint_seal = start.seal;
  // The last event by its key, not by a scan read backwards: one lookup.
  SQLite::Statement last(db(store),
                         "SELECT seq, hash FROM consent_event WHERE seq = (SELECT max(seq) FROM consent_event)");
  if (last.executeStep()) {
    out.head_seq = last.getColumn(0).getInt64();
    out.head = sha256_of(last.getColumn(1));
  } else {
    out.head_seq = start.through_seq;
    out.head = start.hash;
  }
  return out;
}

namespace {

void add_ledger_fields(nlohmann::ordered_json& j, const LedgerState& state) {
  j["head_seq"] = state.head_seq;
  j["head"] = to_hex(state.head);
  j["checkpoint_seq"] = state.checkpoint_seq;
  j["checkpoint_seal"] = to_hex(state.checkpoint_seal);
}

}  // namespace

std::string ledger_journal_fields(const LedgerState& state) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  add_ledger_fields(j, state);
  return j.dump();
}

std::string ledger_journal_counts(Store& store, std::int64_t added, std::int64_t already) {
  nlohmann::ordered_json j{{"added", added}, {"already", already}};
  add_ledger_fields(j, ledger_state(store));
  return j.dump();
}

namespace {

// Each record with the hash its head event has now: one lookup by primary
// key in the same statement, not a statement per record.
constexpr const char* kJournaledLedger =
    "SELECT j.id, json_extract(j.counts, '$.head_seq'), json_extract(j.counts, '$.head'), "
    "json_extract(j.counts, '$.checkpoint_seq'), json_extract(j.counts, '$.checkpoint_seal'), "
    "lower(hex(e.hash)) FROM journal j "
    "LEFT JOIN consent_event e ON e.seq = json_extract(j.counts, '$.head_seq') "
    "WHERE json_valid(j.counts) AND json_extract(j.counts, '$.head') IS NOT NULL ";

JournaledLedger journaled_of(SQLite::Statement& st) {
  JournaledLedger j;
  j.record = st.getColumn(0).getInt64();
  j.head_seq = st.getColumn(1).getInt64();
  j.head = st.getColumn(2).getString();
  if (!st.getColumn(3).isNull()) {
    j.checkpoint_seq = st.getColumn(3).getInt64();
    j.checkpoint_seal = text_of(st.getColumn(4));
  }
  if (!st.getColumn(5).isNull()) j.stored_head = st.getColumn(5).getString();
  return j;
}

}  // namespace

void for_each_journaled_ledger(Store& store, const std::function<void(const JournaledLedger&)>& each) {
  SQLite::Statement st(db(store), std::string(kJournaledLedger) + "ORDER BY j.id");
  while (st.executeStep()) each(journaled_of(st));
}

std::optional<JournaledLedger> last_journaled_ledger(Store& store) {
  SQLite::Statement st(db(store), std::string(kJournaledLedger) + "ORDER BY j.id DESC LIMIT 1");
  if (!st.executeStep()) return std::nullopt;
  return journaled_of(st);
}

void for_each_journaled_checkpoint(Store& store,
                                   const std::function<void(std::int64_t, std::int64_t, const std::string&)>& each) {
  SQLite::Statement st(db(store),
                       "SELECT id, json_extract(counts, '$.checkpoint_seq'), json_extract(counts, '$.checkpoint_seal') "
                       "FROM journal WHERE json_valid(counts) AND json_extract(counts, '$.checkpoint_seq') > 0 "
                       "ORDER BY id");
  while (st.executeStep()) each(st.getColumn(0).getInt64(), st.getColumn(1).getInt64(), text_of(st.getColumn(2)));
}

std::vector<Sha256> erased_subject_macs(Store& store) {
  std::vector<Sha256> out;
  SQLite::Statement st(db(store), "SELECT subject_hmac FROM deletion_log WHERE action = 'erase-subject'");
  while (st.executeStep()) out.push_back(sha256_of(st.getColumn(0)));
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<Sha256> event_hash(Store& store, std::int64_t seq) {
  SQLite::Statement st(db(store), "SELECT hash FROM consent_event WHERE seq = ?");
  st.bind(1, static_cast<int64_t>(seq));
  if (!st.executeStep()) return std::nullopt;
  return sha256_of(st.getColumn(0));
}

namespace {

// Whether the ledger still ends as the journal last saw it: the head it
// recorded is still there with its hash (or was cut since, under a newer
// checkpoint), and no checkpoint it recorded is gone.
bool tail_matches_journal(Store& store) {
  std::optional<JournaledLedger> j = last_journaled_ledger(store);
  if (!j) return true;
  ChainStart start = chain_start(store);
  if (j->head_seq > ledger_state(store).head_seq) return false;
  if (j->checkpoint_seq) {
    if (*j->checkpoint_seq > start.through_seq) return false;
    if (*j->checkpoint_seq == start.through_seq && j->checkpoint_seal != to_hex(start.seal)) return false;
  }
  if (j->head_seq < start.through_seq) return true;
  if (j->head_seq == start.through_seq) return j->head == to_hex(start.hash);
  return j->stored_head == j->head;
}

}  // namespace

void require_journaled_tail(Store& store) {
  if (!tail_matches_journal(store))
    throw Error(ExitCode::store, "the ledger fails verification; run dpo consent verify");
}

struct ConsentWriter::Impl {
  Store& store;
  SQLite::Database& db;
  bool tail_checked = false;
  // The subjects looked up so far: an import names each person again and
  // again, and no subject changes while the ledger is written. Bounded, so
  // that memory stays flat: emptied when full.
  static constexpr std::size_t kSubjectsKept = 1 << 17;
  std::unordered_map<std::string, std::optional<SubjectFacts>> subjects;
  EventHasher hashed;  // one buffer and two SHA-256 contexts for every event
  std::map<std::string, std::int64_t> purpose_ids;
  std::int64_t head_seq = 0;
  Sha256 head{};
  long long added = 0;
  SQLite::Statement select_subject{db, "SELECT id, birth_date FROM subject WHERE key = ?"};
  // The same event has the same subject, purpose and time: that is where to look for it.
  SQLite::Statement same_time{db,
                              "SELECT seq, id FROM consent_event WHERE subject_id = ? AND purpose_id = ? AND at = ?"};
  SQLite::Statement before{db,
                           "SELECT action FROM consent_event WHERE subject_id = ? AND purpose_id = ? AND at < ? "
                           "ORDER BY at DESC, seq DESC LIMIT 1"};
  SQLite::Statement insert{db,
                           "INSERT INTO consent_event (seq, id, subject_id, purpose_id, subject_key, purpose, action, "
                           "at, channel, notice_version, notice_sha256, evidence, recorded_by, scope, prev, hash) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"};

  explicit Impl(Store& s) : store(s), db(store::db(s)) {
    SQLite::Statement p(db, "SELECT code, id FROM purpose");
    while (p.executeStep()) purpose_ids.emplace(p.getColumn(0).getString(), p.getColumn(1).getInt64());
    LedgerState state = ledger_state(s);
    head_seq = state.head_seq;
    head = state.head;
  }
};

ConsentWriter::ConsentWriter(Store& store) : impl_(std::make_unique<Impl>(store)) {}
ConsentWriter::~ConsentWriter() = default;

std::optional<SubjectFacts> ConsentWriter::subject(const SubjectKey& key) {
  auto& kept = impl_->subjects;
  if (auto it = kept.find(key.str()); it != kept.end()) return it->second;
  if (kept.size() >= Impl::kSubjectsKept) kept.clear();
  std::optional<SubjectFacts> found = look_up(key);
  kept.emplace(key.str(), found);
  return found;
}

std::optional<SubjectFacts> ConsentWriter::look_up(const SubjectKey& key) {
  SQLite::Statement& st = impl_->select_subject;
  st.reset();
  st.bind(1, key.str());
  if (!st.executeStep()) return std::nullopt;
  SubjectFacts facts;
  facts.id = st.getColumn(0).getInt64();
  if (!st.getColumn(1).isNull())
    if (Parsed<Date> d = parse_stored_date(st.getColumn(1).getString())) facts.birth_date = *d;
  st.reset();
  return facts;
}

std::optional<ConsentAction> ConsentWriter::action_before(std::int64_t subject_id, const PurposeId& purpose,
                                                          Instant at) {
  Impl& w = *impl_;
  auto id = w.purpose_ids.find(purpose.str());
  if (id == w.purpose_ids.end()) return std::nullopt;
  SQLite::Statement& st = w.before;
  st.reset();
  st.bind(1, static_cast<int64_t>(subject_id));
  st.bind(2, static_cast<int64_t>(id->second));
  st.bind(3, static_cast<int64_t>(to_unix(at)));
  std::optional<ConsentAction> out;
  if (st.executeStep()) out = from_name(consent_actions(), st.getColumn(0).getString());
  st.reset();
  return out;
}

ConsentWriter::Appended ConsentWriter::append(const ConsentEvent& e, std::int64_t subject_id) {
  Impl& w = *impl_;
  if (!w.tail_checked) {
    require_journaled_tail(w.store);
    w.tail_checked = true;
  }
  Appended out;
  // The content is serialised once: its hash is the id, and with the previous hash the chain hash.
  w.hashed.hash(e, w.head);
  out.id = to_hex(std::span<const unsigned char>(w.hashed.content().data(), 16));
  std::int64_t purpose_id = w.purpose_ids.at(e.purpose.str());
  w.same_time.reset();
  w.same_time.bind(1, static_cast<int64_t>(subject_id));
  w.same_time.bind(2, static_cast<int64_t>(purpose_id));
  w.same_time.bind(3, static_cast<int64_t>(to_unix(e.at)));
  while (w.same_time.executeStep()) {
    if (w.same_time.getColumn(1).getString() == out.id) {
      out.seq = w.same_time.getColumn(0).getInt64();
      w.same_time.reset();
      return out;
    }
  }
  w.same_time.reset();
  const Sha256& hash = w.hashed.chain();
  std::int64_t seq = w.head_seq + 1;
  // Every bound text outlives the statement's step: bind without copying.
  const std::string& action = action_text(e.action);
  std::string channel = e.channel ? std::string(name_of(consent_channels(), *e.channel)) : std::string();
  std::string scope = scope_json(e.scope);
  SQLite::Statement& st = w.insert;
  st.reset();
  st.bind(1, static_cast<int64_t>(seq));
  st.bindNoCopy(2, out.id);
  st.bind(3, static_cast<int64_t>(subject_id));
  st.bind(4, static_cast<int64_t>(purpose_id));
  st.bindNoCopy(5, e.subject.str());
  st.bindNoCopy(6, e.purpose.str());
  st.bindNoCopy(7, action);
  st.bind(8, static_cast<int64_t>(to_unix(e.at)));
  bind_text_no_copy(st, 9, channel);
  bind_text_no_copy(st, 10, e.notice_version);
  bind_text_no_copy(st, 11, e.notice_sha256);
  bind_text_no_copy(st, 12, e.evidence);
  bind_text_no_copy(st, 13, e.recorded_by);
  bind_text_no_copy(st, 14, scope);
  st.bindNoCopy(15, w.head.data(), static_cast<int>(w.head.size()));
  st.bindNoCopy(16, hash.data(), static_cast<int>(hash.size()));
  st.exec();
  w.head = hash;
  w.head_seq = seq;
  ++w.added;
  out.added = true;
  out.seq = seq;
  return out;
}

std::int64_t ConsentWriter::head_seq() const { return impl_->head_seq; }
const Sha256& ConsentWriter::head() const { return impl_->head; }
long long ConsentWriter::added() const { return impl_->added; }

void for_each_consent(Store& store, const std::function<bool(const StoredConsent&)>& each) {
  SQLite::Statement st(db(store), std::string("SELECT ") + kColumns + " FROM consent_event ORDER BY seq");
  while (st.executeStep())
    if (!each(row_of(st))) break;
}

void for_each_consent_linked(Store& store, const std::function<bool(StoredConsent&&, EventLinks&&)>& each) {
  // The register's purposes are few: looked up here rather than joined.
  std::map<std::int64_t, std::string> purposes;
  SQLite::Statement p(db(store), "SELECT id, code FROM purpose");
  while (p.executeStep()) purposes.emplace(p.getColumn(0).getInt64(), p.getColumn(1).getString());
  // kColumns name the event's columns unqualified: they are read from a subquery.
  SQLite::Database& d = db(store);
  RawStatement statement = prepare_raw(d, std::string("SELECT e.*, s.key FROM (SELECT ") + kColumns +
                                              ", subject_id, purpose_id FROM consent_event) e "
                                              "LEFT JOIN subject s ON s.id = e.subject_id ORDER BY e.seq");
  RawColumns row{statement.get()};
  while (step_raw(d, row.st)) {
    EventLinks links;
    links.has_subject_id = !row.is_null(14);
    if (auto it = purposes.find(row.int64(15)); it != purposes.end()) links.linked_purpose = it->second;
    if (!row.is_null(16)) links.linked_key = std::string(row.text(16));
    StoredConsent event = consent_of(row);
    if (!row.is_null(11)) links.scope_intact = scope_reads_as(row.text(11), event.event.scope);
    if (!each(std::move(event), std::move(links))) break;
  }
}

void for_each_consent_by_subject(Store& store, const ConsentFilter& filter,
                                 const std::function<void(const StoredConsent&)>& each) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM consent_event WHERE 1";
  if (filter.subject) sql += " AND subject_id = (SELECT id FROM subject WHERE key = :subject)";
  if (filter.purpose) sql += " AND purpose_id = (SELECT id FROM purpose WHERE code = :purpose)";
  if (filter.until) sql += " AND at <= :until";
  // The index's order: no sort, whatever the ledger's size.
  sql += " ORDER BY subject_id, purpose_id, at, seq";
  SQLite::Statement st(db(store), sql);
  if (filter.subject) st.bind(":subject", filter.subject->str());
  if (filter.purpose) st.bind(":purpose", filter.purpose->str());
  if (filter.until) st.bind(":until", static_cast<int64_t>(to_unix(*filter.until)));
  while (st.executeStep()) each(row_of(st));
}

std::optional<StoredConsent> find_consent_event(Store& store, const std::string& id) {
  SQLite::Statement st(db(store), std::string("SELECT ") + kColumns + " FROM consent_event WHERE id = ?");
  st.bind(1, id);
  if (!st.executeStep()) return std::nullopt;
  return row_of(st);
}

long long cut_consent_proof(Store& store, std::int64_t through_seq, Instant at, const std::string& reason) {
  SQLite::Database& d = db(store);
  ChainStart before = chain_start(store);
  SQLite::Statement last(d, "SELECT hash FROM consent_event WHERE seq = ?");
  last.bind(1, static_cast<int64_t>(through_seq));
  if (!last.executeStep())
    throw Error(ExitCode::internal, "no consent event " + std::to_string(through_seq) + " to cut at");
  Sha256 hash = sha256_of(last.getColumn(0));
  SQLite::Statement remove(d, "DELETE FROM consent_event WHERE seq <= ?");
  remove.bind(1, static_cast<int64_t>(through_seq));
  long long removed = remove.exec();
  // The cut removes the events after the last checkpoint through this one.
  std::int64_t cut = through_seq - before.through_seq;
  Sha256 seal = checkpoint_seal(before.seal, through_seq, hash, cut, to_unix(at), reason);
  SQLite::Statement checkpoint(d,
                               "INSERT INTO consent_checkpoint (at, through_seq, hash, events, reason, prev, seal) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?)");
  checkpoint.bind(1, static_cast<int64_t>(to_unix(at)));
  checkpoint.bind(2, static_cast<int64_t>(through_seq));
  checkpoint.bind(3, hash.data(), static_cast<int>(hash.size()));
  checkpoint.bind(4, static_cast<int64_t>(cut));
  checkpoint.bind(5, reason);
  checkpoint.bind(6, before.seal.data(), static_cast<int>(before.seal.size()));
  checkpoint.bind(7, seal.data(), static_cast<int>(seal.size()));
  checkpoint.exec();
  return removed;
}

}  // namespace dpo::store
