#include "store/purge_store.h"

#include <fcntl.h>
#include <pwd.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/crypto.h"
#include "base/file.h"
#include "model/consent_rules.h"
#include "store/consent_store.h"
#include "store/deletion_log.h"
#include "store/detail.h"
#include "store/retention_sql.h"
#include "time/clock.h"

namespace dpo::store {

using namespace model;

// ---- the run lock ----

namespace {

int open_lock(const std::filesystem::path& store_path) {
  std::filesystem::path lock = lock_path(store_path);
  (void)create_private_file(lock);
  int fd = ::open(lock.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) throw Error(ExitCode::store, "cannot open the lock '" + lock.string() + "': " + std::strerror(errno));
  return fd;
}

}  // namespace

std::optional<RunLock> RunLock::try_acquire(const std::filesystem::path& store_path) {
  int fd = open_lock(store_path);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return std::nullopt;
  }
  return RunLock(fd);
}

RunLock RunLock::acquire(const std::filesystem::path& store_path) {
  int fd = open_lock(store_path);
  while (::flock(fd, LOCK_EX) != 0)
    if (errno != EINTR) throw Error(ExitCode::store, std::string("cannot lock the store: ") + std::strerror(errno));
  return RunLock(fd);
}

RunLock::RunLock(RunLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

RunLock::~RunLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

// ---- the purge ----

namespace {

// dpo_hmac(key): HMAC-SHA-256 of a subject key under the store's secret, so
// that logging runs as one INSERT ... SELECT per batch. A subject's
// holdings come one after another: the last key's HMAC is remembered.
struct SubjectMac {
  explicit SubjectMac(std::span<const unsigned char> secret) : hmac(secret) {}
  Hmac hmac;
  std::string last_key;
  Sha256 last_mac{};
  bool primed = false;
};

void hmac_function(sqlite3_context* ctx, int, sqlite3_value** argv) {
  auto* m = static_cast<SubjectMac*>(sqlite3_user_data(ctx));
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  std::string_view key(text ? text : "", static_cast<std::size_t>(sqlite3_value_bytes(argv[0])));
  if (!m->primed || key != m->last_key) {
    m->last_mac = m->hmac(key);
    m->last_key.assign(key);
    m->primed = true;
  }
  sqlite3_result_blob(ctx, m->last_mac.data(), static_cast<int>(m->last_mac.size()), SQLITE_TRANSIENT);
}

// dpo_tally(rule, held, has_ref, subject_id, id): whether the purge acts
// upon an expired holding: 1 when it is removed, 0 when it stays because
// its subject is under legal hold or its rule asks for a review. Counts it
// under its rule as it goes, and keeps what the rest of the batch needs:
// the subjects of the removed holdings and the last one's id. Judging,
// counting and logging in one statement spares writing each picked holding
// to a scratch table and reading it back: at 1,000,000 subjects, a purge
// took 37.4 s instead of 45.2 s.
struct Tally {
  struct Counts {
    long long held = 0, review = 0, removed = 0, tasks = 0;
  };
  std::vector<Counts> rules;
  std::vector<bool> reviewed;               ///< per rule: its action is a review
  long long removed = 0;                    ///< in this batch
  std::int64_t last = 0;                    ///< the last removed holding's id
  std::vector<std::int64_t> subjects;       ///< of the removed holdings, a run of the same one once

  void start(const std::vector<RuleDeadline>& deadlines) {
    rules.assign(deadlines.size(), Counts{});
    reviewed.clear();
    for (const RuleDeadline& d : deadlines) reviewed.push_back(d.action == RetentionAction::review);
    restart();
  }
  void restart() {
    for (Counts& c : rules) c = Counts{};
    removed = 0;
    last = 0;
    subjects.clear();
  }
};

void tally_function(sqlite3_context* ctx, int, sqlite3_value** argv) {
  auto* t = static_cast<Tally*>(sqlite3_user_data(ctx));
  auto rule = static_cast<std::size_t>(sqlite3_value_int64(argv[0]));
  if (rule >= t->rules.size()) {
    sqlite3_result_error(ctx, "dpo_tally: no such rule", -1);
    return;
  }
  Tally::Counts& c = t->rules[rule];
  if (sqlite3_value_int(argv[1]) != 0) {
    ++c.held;
    sqlite3_result_int(ctx, 0);
    return;
  }
  if (t->reviewed[rule]) {
    ++c.review;
    sqlite3_result_int(ctx, 0);
    return;
  }
  ++c.removed;
  if (sqlite3_value_int(argv[2]) != 0) ++c.tasks;
  ++t->removed;
  std::int64_t subject = sqlite3_value_int64(argv[3]);
  if (t->subjects.empty() || t->subjects.back() != subject) t->subjects.push_back(subject);
  t->last = sqlite3_value_int64(argv[4]);
  sqlite3_result_int(ctx, 1);
}

// An INSERT of deletion-log entries, each sealed as it goes in (see
// BatchSealer): `columns` are the expressions of run_id, at, subject_hmac,
// holding_id, activity, category, rule_no and action, `from` the rest of
// the SELECT. (The columns are written twice, not read from a subquery,
// which SQLite would run as a co-routine: twice the time.)
std::string log_insert(const std::string& columns, const std::string& from) {
  return "INSERT INTO deletion_log (id, run_id, at, subject_hmac, holding_id, activity, category, rule_no, action) "
         "SELECT dpo_log_entry(" + columns + "), " + columns + " " + from;
}

// A holding whose system is this one lives in the store only; any other
// system keeps its own copy, and removing the holding hands that system an
// erasure task (docs/design.md 2.2).
std::string external_system() { return "h.system <> '" + std::string(model::kStoreSystem) + "'"; }

// Where the other system finds the data, as the task says: the holding's
// reference; else the subject's id of that system's kind ("crm:C-1001"),
// never an email or a phone number, which are values the erasure removes;
// else the subject's key. s is the holding's subject.
std::string task_ref() {
  return "coalesce(h.ref, (SELECT i.kind || ':' || i.value FROM identifier i WHERE i.subject_id = h.subject_id "
         "AND i.kind = h.system AND i.kind NOT IN ('email', 'phone') ORDER BY i.value LIMIT 1), 'key:' || s.key)";
}

}  // namespace

struct Purger::Impl {
  Store& store;
  SQLite::Database& db;
  const Register& reg;
  Instant now;
  Zone zone;
  RunMode mode;
  PurgeSizes sizes;
  SubjectMac hmac;
  Tally tally;
  BatchSealer sealer;
  std::int64_t run_id = 0;
  /// A dry run's one transaction, rolled back at its end or at its first failure.
  std::optional<Transaction> dry_run;

  Impl(Store& s, const Register& r, Instant n, const Zone& z, RunMode mode_, PurgeSizes sizes_)
      : store(s),
        db(store::db(s)),
        reg(r),
        now(n),
        zone(z),
        mode(mode_),
        sizes(sizes_),
        hmac(s.secret()),
        sealer(db) {}

  // Each batch is its own transaction. A dry run runs them all in one,
  // rolled back at the end, and all of it at the first failure. (Not a
  // savepoint a batch: SQLite then journals again each page a batch changes
  // that an earlier one had, and a dry run of 3 million holdings took a
  // fifth longer.)
  class Batch {
   public:
    explicit Batch(Impl& p) : p_(p) {
      if (p_.mode == RunMode::apply)
        tx_.emplace(p_.db);
      else if (!p_.dry_run)
        throw std::logic_error("purge: the dry run failed and was rolled back");
    }
    ~Batch() {
      if (!committed_) p_.dry_run.reset();  // a failed batch fails the whole dry run
    }
    Batch(const Batch&) = delete;
    Batch& operator=(const Batch&) = delete;
    // Seals what the batch logged, then commits (a dry run's part waits).
    void commit() {
      seal_deletion_log(p_.db);
      if (tx_) tx_->commit();
      committed_ = true;
    }

   private:
    Impl& p_;
    std::optional<Transaction> tx_;
    bool committed_ = false;
  };

  template <class F>
  auto in_batch(F&& work) {
    Batch batch(*this);
    auto result = work();
    batch.commit();
    return result;
  }

  // Binds :run and :now, the run's id and instant, where `st` has them.
  void bind_run(SQLite::Statement& st) const {
    if (st.getIndex(":run") != 0) st.bind(":run", static_cast<int64_t>(run_id));
    if (st.getIndex(":now") != 0) st.bind(":now", static_cast<int64_t>(to_unix(now)));
  }

  // Runs `sql` with :run and :now bound (see bind_run) and what `bind` binds.
  std::int64_t exec(const std::string& sql, const std::function<void(SQLite::Statement&)>& bind = {}) {
    SQLite::Statement st(db, sql);
    bind_run(st);
    if (bind) bind(st);
    return st.exec();
  }

  // Erases the subjects listed in temp.purge_subjects (id, mac), logged, with
  // every row that refers to them: identifiers and engagements go, consent
  // events stay as proof by key, unlinked, and requests stay, unlinked.
  // Foreign keys are off: each table that refers to a subject is named here
  // (tests/store/store_test.cc holds this list to the schema's).
  // Returns the log entries written, inside a batch being sealed.
  std::int64_t erase_listed_subjects() {
    std::int64_t logged = exec(log_insert(":run, :now, mac, NULL, NULL, NULL, NULL, 'erase-subject'",
                                          "FROM temp.purge_subjects ORDER BY id"));
    db.exec(
        "DELETE FROM identifier WHERE subject_id IN (SELECT id FROM temp.purge_subjects);"
        "DELETE FROM engagement WHERE subject_id IN (SELECT id FROM temp.purge_subjects);"
        "UPDATE consent_event SET subject_id = NULL WHERE subject_id IN (SELECT id FROM temp.purge_subjects);"
        "UPDATE subject_request SET subject_id = NULL WHERE subject_id IN (SELECT id FROM temp.purge_subjects);"
        "DELETE FROM purge_pending WHERE subject_id IN (SELECT id FROM temp.purge_subjects);"
        "DELETE FROM legal_hold WHERE subject_id IN (SELECT id FROM temp.purge_subjects);"
        "DELETE FROM subject WHERE id IN (SELECT id FROM temp.purge_subjects);"
        "DELETE FROM temp.purge_subjects");
    return logged;
  }

  // Erases the subjects in purge_pending that still have nothing: no
  // holding (one may have been imported since they were listed) and no
  // legal hold (a held subject stays listed until the hold is lifted).
  // Returns the log entries written and adds the subjects to `erased`.
  // (CROSS JOIN: SQLite would otherwise scan every subject for the few listed.)
  std::int64_t erase_pending(long long& erased) {
    erased += exec(
        "INSERT INTO temp.purge_subjects (id, mac) SELECT s.id, dpo_hmac(s.key) FROM purge_pending p "
        "CROSS JOIN subject s ON s.id = p.subject_id WHERE NOT " + subject_held_sql("s") +
        " AND NOT EXISTS (SELECT 1 FROM holding h WHERE h.subject_id = s.id)");
    std::int64_t logged = erase_listed_subjects();
    db.exec("DELETE FROM purge_pending WHERE EXISTS (SELECT 1 FROM holding h WHERE h.subject_id = purge_pending.subject_id)");
    return logged;
  }
};

Purger::Purger(Store& store, const Register& reg, Instant now, const Zone& zone, RunMode mode, PurgeSizes sizes)
    : impl_(std::make_unique<Impl>(store, reg, now, zone, mode, sizes)) {
  Impl& p = *impl_;
  sqlite3_create_function_v2(p.db.getHandle(), "dpo_hmac", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, &p.hmac,
                             hmac_function, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(p.db.getHandle(), "dpo_tally", 5, SQLITE_UTF8 | SQLITE_DIRECTONLY, &p.tally,
                             tally_function, nullptr, nullptr, nullptr);
  // The subjects being erased, with their HMACs, stay in memory. A rehearsal
  // is one transaction that never commits, so the scratch table's rollback
  // journal would grow with every group: it goes to an unlinked temporary
  // file instead, and memory stays flat.
  p.db.exec(mode == RunMode::dry_run ? "PRAGMA temp_store = FILE" : "PRAGMA temp_store = MEMORY");
  p.db.exec("CREATE TEMP TABLE IF NOT EXISTS purge_subjects (id INTEGER PRIMARY KEY, mac BLOB)");
  // A purge commits a batch at a time: checkpointing the WAL every 256 MiB
  // rather than every 4 MiB halves the commits' cost, and a 16 MiB page cache
  // is as fast as 32 here (at 1,000,000 subjects too) and keeps the run's
  // memory near 40 MiB.
  p.db.exec("PRAGMA wal_autocheckpoint = 65536");
  // A batch's commit writes the WAL without waiting for the disk; finish()
  // commits with FULL, and that sync makes every batch before it durable. A
  // power cut in between loses whole batches, each with its log entries,
  // which the next run does again: a purge's commits cost a quarter as much.
  p.db.exec("PRAGMA synchronous = NORMAL");
  p.db.exec("PRAGMA cache_size = -16384");
  // The purge deletes a subject's rows in every table that refers to it by
  // name, a statement per table for a whole batch (erase_listed_subjects);
  // with foreign keys on, SQLite would also look each subject up in those
  // tables and run their cascades a row at a time: a third of the time spent
  // erasing subjects. A test keeps that list equal to the schema's foreign
  // keys, and one checks PRAGMA foreign_key_check after purges.
  p.db.exec("PRAGMA foreign_keys = OFF");
  if (p.db.execAndGet("PRAGMA foreign_keys").getInt() != 0)
    throw std::logic_error("purge: foreign keys stay on inside a transaction");
  if (mode == RunMode::dry_run) p.dry_run.emplace(p.db);
}

Purger::~Purger() {
  try {
    impl_->dry_run.reset();  // a dry run never commits; an abandoned one rolls back here
    impl_->db.exec("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON");
  } catch (...) {
  }
}

void Purger::start(const std::string& scope) {
  Impl& p = *impl_;
  p.in_batch([&] {
    SQLite::Statement st(p.db, "INSERT INTO purge_run (started, as_of, actor, scope) VALUES (?, ?, ?, ?)");
    st.bind(1, static_cast<int64_t>(to_unix(Clock::system().now())));
    st.bind(2, static_cast<int64_t>(to_unix(p.now)));
    st.bind(3, os_user());
    st.bind(4, scope);
    st.exec();
    p.run_id = p.db.getLastInsertRowid();
    return 0;
  });
}

long long Purger::count_due(const std::vector<RuleDeadline>& rules) {
  Impl& p = *impl_;
  load_expiry_rules(p.db, rules, p.zone);
  SQLite::Statement st(p.db, expired_scan_sql("count(*)") + " AND NOT " + held_sql() + " AND r.action <> 'review'");
  st.bind(":after", static_cast<int64_t>(0));
  p.bind_run(st);
  return st.executeStep() ? st.getColumn(0).getInt64() : 0;
}

PurgeOutcome Purger::purge(const std::vector<RuleDeadline>& rules, const std::function<void(long long)>& progress) {
  Impl& p = *impl_;
  load_expiry_rules(p.db, rules, p.zone);
  PurgeOutcome out;
  for (const RuleDeadline& rule : rules) out.rules.push_back(RuleOutcome{rule, 0, 0, 0, 0});

  // Every rule at once, the holdings in id order, a batch at a time: the
  // table's pages are read once, in file order, and each batch is judged
  // against the store as it is then. A batch's holdings are judged and
  // logged by one statement, then handed out as tasks, removed, and the
  // subjects they leave with nothing listed in purge_pending, all in one
  // transaction. The listed subjects are erased a group at a time, in the
  // transaction of the batch that fills a group, and the rest, with any a
  // killed run left, at the end: at 1,000,000 subjects, erasing them batch
  // by batch made a purge a tenth slower, most of it writing the same index
  // pages again at every batch.
  p.tally.start(rules);
  SQLite::Statement pick(
      p.db, log_insert(":run, :now, dpo_hmac(s.key), h.id, r.activity, r.category, r.rule_no, r.action",
                       expired_scan_from() + " WHERE h.id > :after AND CASE WHEN " + expired_condition() +
                           " THEN dpo_tally(r.rule, " + held_sql() + ", " + external_system() + ", h.subject_id, h.id) END "
                           "ORDER BY h.id LIMIT :batch"));
  // The holdings the batch's entries (from :first on) say to remove so.
  auto logged_for = [](std::string_view action) {
    return "(SELECT holding_id FROM deletion_log WHERE id >= :first AND action = '" + std::string(action) + "')";
  };
  std::int64_t after = 0;
  std::int64_t listed = 0;  // subjects listed in purge_pending since the last group was erased
  while (true) {
    bool more = p.in_batch([&] {
      p.tally.restart();
      std::int64_t first = p.sealer.begin();
      pick.reset();
      p.bind_run(pick);
      pick.bind(":after", static_cast<int64_t>(after));
      pick.bind(":batch", static_cast<int64_t>(p.sizes.batch));
      std::int64_t logged = pick.exec();
      // The tally must have seen each entry logged, once.
      if (p.tally.removed != logged) throw std::logic_error("purge: the tally missed removed holdings");
      auto from_first = [&](SQLite::Statement& s) { s.bind(":first", static_cast<int64_t>(first)); };
      p.exec("INSERT INTO erasure_task (run_id, created, system, ref, action, subject_hmac) "
             "SELECT :run, :now, h.system, " + task_ref() + ", d.action, d.subject_hmac FROM deletion_log d "
             "CROSS JOIN holding h ON h.id = d.holding_id CROSS JOIN subject s ON s.id = h.subject_id "
             "WHERE d.id >= :first AND " + external_system() + " ORDER BY d.id",
             from_first);
      p.exec("DELETE FROM holding WHERE id IN " + logged_for("delete"), from_first);
      p.exec("UPDATE holding SET value = NULL, ref = NULL, digest = NULL, subject_id = NULL, anonymised_at = :now "
             "WHERE id IN " + logged_for("anonymise"),
             from_first);
      p.exec("UPDATE holding SET archived_at = :now WHERE id IN " + logged_for("archive"), from_first);
      // Whoever this batch left with nothing waits for their group.
      listed += p.exec(
          "INSERT OR IGNORE INTO purge_pending (subject_id) SELECT j.value FROM json_each(:subjects) j "
          "WHERE NOT EXISTS (SELECT 1 FROM holding h WHERE h.subject_id = j.value)",
          [&](SQLite::Statement& s) { s.bind(":subjects", nlohmann::json(p.tally.subjects).dump()); });
      if (listed >= p.sizes.group) {
        logged += p.erase_pending(out.subjects_erased);
        listed = 0;
      }
      p.sealer.end(logged);
      for (std::size_t r = 0; r < rules.size(); ++r) {
        const Tally::Counts& c = p.tally.rules[r];
        RuleOutcome& o = out.rules[r];
        o.held += c.held;
        o.review += c.review;
        o.removed += c.removed;
        o.tasks += c.tasks;
      }
      after = p.tally.last;
      // Fewer than a batch: the scan reached the last holding.
      return p.tally.removed == p.sizes.batch;
    });
    if (progress && p.tally.removed > 0) progress(p.tally.removed);
    if (!more) break;
  }
  p.in_batch([&] {
    p.sealer.begin();
    p.sealer.end(p.erase_pending(out.subjects_erased));
    return 0;
  });
  return out;
}

long long Purger::cut_consent_proof() {
  Impl& p = *impl_;
  // Walk the ledger oldest first; stop at the first event whose proof must
  // stay: the cut is a prefix, so the rest of the chain still verifies.
  std::int64_t through = 0;
  {
    SQLite::Statement events(p.db,
                             "SELECT e.seq, e.subject_id, e.purpose, e.action, e.at, coalesce(" +
                                 subject_held_sql("s") +
                                 ", 0), " + scope_field_sql("e", "duration") + " "
                                 "FROM consent_event e LEFT JOIN subject s ON s.id = e.subject_id ORDER BY e.seq");
    events.bind(":now", static_cast<int64_t>(to_unix(p.now)));
    SQLite::Statement next(p.db,
                           "SELECT at FROM consent_event WHERE subject_id = :subject AND purpose = :purpose "
                           "AND (at > :at OR (at = :at AND seq > :seq)) ORDER BY at, seq LIMIT 1");
    while (events.executeStep()) {
      std::int64_t seq = events.getColumn(0).getInt64();
      bool erased = events.getColumn(1).isNull();
      const Purpose* purpose = p.reg.purpose(PurposeId(events.getColumn(2).getString()));
      if (!purpose || !purpose->proof || events.getColumn(5).getInt() != 0) break;
      Instant at = from_unix(events.getColumn(4).getInt64());
      bool given = events.getColumn(3).getString() == "given";
      // The event's proof is needed until the next event for the same
      // subject and purpose, the consent's expiry, or its own time when it
      // ended the consent (a refusal, a withdrawal, an erased subject's).
      std::optional<Instant> closed;
      if (!erased) {
        next.reset();
        next.bind(":subject", static_cast<int64_t>(events.getColumn(1).getInt64()));
        next.bind(":purpose", purpose->id.str());
        next.bind(":at", static_cast<int64_t>(to_unix(at)));
        next.bind(":seq", static_cast<int64_t>(seq));
        if (next.executeStep()) closed = from_unix(next.getColumn(0).getInt64());
      }
      if (!closed) {
        if (!given || erased)
          closed = at;
        else {
          ConsentEvent grant;
          grant.at = at;
          if (!events.getColumn(6).isNull())
            if (Parsed<Duration> own = Duration::parse(events.getColumn(6).getString())) grant.scope.duration = *own;
          closed = consent_ends(grant, purpose->validity, p.zone);
          if (!closed) break;  // a consent in force that never ends by itself: its proof stays
        }
      }
      if (add(*closed, *purpose->proof, p.zone) > p.now) break;
      through = seq;
    }
  }
  if (through == 0) return 0;
  // The checkpoint is journaled in the transaction that makes it: a run
  // killed after the cut leaves a checkpoint that verifies.
  return p.in_batch([&] {
    long long removed = store::cut_consent_proof(p.store, through, p.now, "proof retention");
    append_journal(p.store, p.now, {"purge consent proof", "", ledger_journal_fields(ledger_state(p.store))});
    return removed;
  });
}

std::optional<ErasureOutcome> Purger::erase_subject(const SubjectKey& key, const model::ErasurePlan& plan,
                                                    const model::ErasureScope& scope) {
  Impl& p = *impl_;
  SQLite::Statement who(p.db, "SELECT id FROM subject WHERE key = ?");
  who.bind(1, key.str());
  if (!who.executeStep()) return std::nullopt;
  std::int64_t subject_id = who.getColumn(0).getInt64();

  return p.in_batch([&] {
    ErasureOutcome out;
    out.kept = plan.kept;
    out.activities = scope.activities;
    if (plan.forced > 0) out.forced = scope.forced;
    auto of_subject = [&](SQLite::Statement& s) { s.bind(":subject", static_cast<int64_t>(subject_id)); };
    p.sealer.begin();
    std::int64_t logged = 0;
    // Each holding is looked up with its subject: a plan never erases
    // another person's data.
    SQLite::Statement log(
        p.db, log_insert(":run, :now, dpo_hmac(s.key), h.id, a.code, c.code, NULL, 'erase-request'",
                         "FROM holding h JOIN subject s ON s.id = h.subject_id "
                         "JOIN activity a ON a.id = h.activity_id JOIN data_category c ON c.id = h.category_id "
                         "WHERE h.id = :id AND s.id = :subject"));
    SQLite::Statement task(p.db, std::string("INSERT INTO erasure_task (run_id, created, system, ref, action, "
                                             "subject_hmac) SELECT :run, :now, h.system, ") +
                                     task_ref() +
                                     ", 'delete', dpo_hmac(s.key) FROM holding h JOIN subject s ON s.id = "
                                     "h.subject_id WHERE h.id = :id AND s.id = :subject AND " +
                                     external_system());
    SQLite::Statement remove(p.db, "DELETE FROM holding WHERE id = :id AND subject_id = :subject");
    for (std::int64_t id : plan.erase) {
      for (SQLite::Statement* st : {&log, &task, &remove}) {
        st->reset();
        p.bind_run(*st);
        of_subject(*st);
        st->bind(":id", static_cast<int64_t>(id));
      }
      if (log.exec() == 0) continue;  // gone since the plan was made
      ++logged;
      out.tasks += task.exec();
      out.erased += remove.exec();
    }
    // The engagements of the activities that keep nothing go with their data.
    SQLite::Statement engagement(p.db,
                                 "DELETE FROM engagement WHERE subject_id = :subject AND activity_id = "
                                 "(SELECT id FROM activity WHERE code = :activity)");
    for (const ActivityId& a : plan.emptied) {
      engagement.reset();
      of_subject(engagement);
      engagement.bind(":activity", a.str());
      engagement.exec();
    }
    SQLite::Statement events(p.db, "SELECT count(*) FROM consent_event WHERE subject_id = ?");
    events.bind(1, static_cast<int64_t>(subject_id));
    out.consent_events = events.executeStep() ? events.getColumn(0).getInt64() : 0;
    events.reset();
    // A request for the whole person lists their key and identifiers, as
    // keyed hashes, so that the next import of the source does not bring
    // them back (docs/design.md 2.2).
    if (scope.activities.empty())
      p.exec("INSERT OR REPLACE INTO suppression (mac, since, until, reason) "
             "SELECT dpo_hmac(key), :now, :until, 'erasure' FROM subject WHERE id = :subject "
             "UNION ALL SELECT dpo_hmac(kind || ':' || value), :now, :until, 'erasure' FROM identifier "
             "WHERE subject_id = :subject",
             [&](SQLite::Statement& st) {
               of_subject(st);
               st.bind(":until", static_cast<int64_t>(to_unix(add(p.now, p.reg.controller.suppression, p.zone))));
             });
    // Nothing left to keep: the subject goes too.
    std::int64_t left = p.exec("INSERT INTO temp.purge_subjects (id, mac) SELECT id, dpo_hmac(key) FROM subject s "
                               "WHERE id = :subject AND NOT " + subject_held_sql("s") +
                                   " AND NOT EXISTS (SELECT 1 FROM holding WHERE subject_id = :subject)",
                               of_subject);
    if (left > 0) {
      logged += p.erase_listed_subjects();
      out.subject_erased = true;
    }
    p.sealer.end(logged);
    return out;
  });
}

void Purger::finish(const PurgeTotals& t) {
  nlohmann::ordered_json counts = nlohmann::ordered_json::object();
  for (const auto& [name, value] : model::named(t)) counts[std::string(name)] = value;
  finish(counts.dump(), "purge");
}

void Purger::finish(const ErasureOutcome& out) {
  nlohmann::ordered_json counts{{"erased", out.erased}, {"tasks", out.tasks}, {"subject_erased", out.subject_erased}};
  // A narrowed request and a DPO's decision to erase a contract's data are
  // part of what the journal proves.
  if (!out.activities.empty()) {
    nlohmann::ordered_json scope = nlohmann::ordered_json::array();
    for (const ActivityId& a : out.activities) scope.push_back(a.str());
    counts["activities"] = scope;
  }
  if (!out.forced.empty()) counts["forced"] = out.forced;
  finish(counts.dump(), "purge subject");
}

void Purger::finish(const std::string& counts, const std::string& command) {
  Impl& p = *impl_;
  // This commit syncs the WAL, and with it every batch written before. (A
  // dry run, inside its transaction, may not change it, nor need to.)
  if (p.mode == RunMode::apply) p.db.exec("PRAGMA synchronous = FULL");
  // The run's counts and its journal record, in the transaction that marks
  // it finished: `dpo purge verify` holds the log to both.
  std::string body = counts.size() > 2 ? counts.substr(0, counts.size() - 1) + "," : std::string("{");
  std::string with_logged = body + "\"logged\":" + std::to_string(p.sealer.total()) + "}";
  p.in_batch([&] {
    std::int64_t changed = p.exec("UPDATE purge_run SET finished = :finished, counts = :counts WHERE id = :run",
                                  [&](SQLite::Statement& s) {
                                    s.bind(":finished", static_cast<int64_t>(to_unix(Clock::system().now())));
                                    s.bind(":counts", with_logged);
                                  });
    append_journal(p.store, p.now, {command, "", body + purge_journal_fields(p.store, p.run_id, p.sealer.total()) + "}"});
    return changed;
  });
  p.dry_run.reset();
  p.db.exec("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON");
}

namespace {

constexpr const char* kTaskColumns = "t.id, t.created, t.system, t.ref, t.action, t.done_at, t.done_by, t.cancel_reason";

ErasureTask read_task(SQLite::Statement& st) {
  ErasureTask t;
  t.id = st.getColumn(0).getInt64();
  t.created = from_unix(st.getColumn(1).getInt64());
  t.system = st.getColumn(2).getString();
  t.ref = st.getColumn(3).getString();
  t.action = st.getColumn(4).getString();
  if (!st.getColumn(5).isNull()) t.done_at = from_unix(st.getColumn(5).getInt64());
  t.done_by = text_of(st.getColumn(6));
  t.cancelled = text_of(st.getColumn(7));
  return t;
}

}  // namespace

void for_each_task(Store& store, bool pending, const std::function<void(const ErasureTask&)>& each) {
  SQLite::Statement st(db(store), std::string("SELECT ") + kTaskColumns + " FROM erasure_task t" +
                                      (pending ? " WHERE t.done_at IS NULL" : "") + " ORDER BY t.id");
  while (st.executeStep()) each(read_task(st));
}

namespace {

// The rows of `table` (as `alias`) written by a finished erasure run (scope
// 'subject') on the request's subject, at or after its receipt; `at` is the
// table's time column.
std::string of_request(const char* table, const char* alias, const char* at) {
  return fmt::format(
      "FROM {0} {1} JOIN subject_request r ON r.id = :request AND {1}.subject_hmac = r.subject_hmac "
      "JOIN purge_run p ON p.id = {1}.run_id AND p.scope = 'subject' AND p.finished IS NOT NULL "
      "WHERE {1}.{2} >= r.received_at ",
      table, alias, at);
}

}  // namespace

RequestErasure erasure_of_request(Store& store, std::int64_t request) {
  RequestErasure out;
  SQLite::Statement log(db(store), "SELECT x.activity, x.category, x.action, count(*), max(x.at) " +
                                       of_request("deletion_log", "x", "at") +
                                       "GROUP BY x.activity, x.category, x.action ORDER BY min(x.id)");
  log.bind(":request", static_cast<int64_t>(request));
  while (log.executeStep()) {
    Instant at = from_unix(log.getColumn(4).getInt64());
    if (!out.at || *out.at < at) out.at = at;
    if (log.getColumn(2).getString() == "erase-subject") {
      out.subject_erased = true;
      continue;
    }
    out.erased.push_back({text_of(log.getColumn(0)), text_of(log.getColumn(1)), log.getColumn(3).getInt64()});
  }
  SQLite::Statement tasks(db(store), std::string("SELECT ") + kTaskColumns + " " +
                                         of_request("erasure_task", "t", "created") +
                                         "ORDER BY t.id");
  tasks.bind(":request", static_cast<int64_t>(request));
  while (tasks.executeStep()) out.tasks.push_back(read_task(tasks));
  return out;
}

std::vector<std::int64_t> close_tasks(Store& store, const std::vector<std::int64_t>& ids, Instant at,
                                      const std::string& by) {
  std::vector<std::int64_t> unknown;
  SQLite::Statement st(db(store),
                       "UPDATE erasure_task SET done_at = ?, done_by = ? WHERE id = ? AND done_at IS NULL");
  for (std::int64_t id : ids) {
    st.reset();
    st.bind(1, static_cast<int64_t>(to_unix(at)));
    st.bind(2, by);
    st.bind(3, static_cast<int64_t>(id));
    if (st.exec() == 0) unknown.push_back(id);
  }
  return unknown;
}

bool cancel_task(Store& store, std::int64_t id, Instant at, const std::string& by, const std::string& reason) {
  SQLite::Statement st(db(store),
                       "UPDATE erasure_task SET done_at = ?, done_by = ?, cancel_reason = ? WHERE id = ? AND done_at IS "
                       "NULL");
  st.bind(1, static_cast<int64_t>(to_unix(at)));
  st.bind(2, by);
  st.bind(3, reason);
  st.bind(4, static_cast<int64_t>(id));
  return st.exec() == 1;
}

}  // namespace dpo::store
