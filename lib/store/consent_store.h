#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/crypto.h"
#include "model/consent.h"
#include "store/store.h"

namespace SQLite {
class Database;
}

namespace dpo::store {

using model::StoredConsent;

/// What the chain check needs beyond an event: the columns outside its hash
/// that readers use, resolved. `subject_id` must point at the subject whose
/// key the event holds (or be NULL once that subject was erased); `purpose_id`
/// at the purpose it names.
struct EventLinks {
  bool has_subject_id = false;
  std::optional<std::string> linked_key;  ///< the key of the subject subject_id points at
  std::optional<std::string> linked_purpose;  ///< the code of the purpose purpose_id points at
  /// Whether the scope column reads as exactly the scope the event was read
  /// with (what its hash covers): a value it cannot hold, or more than it
  /// holds, would be read otherwise by the audit's queries.
  bool scope_intact = true;
};
/// Calls `each` with every stored event in seq order, with its links, until it returns false;
/// `each` may keep them (they are its to move).
void for_each_consent_linked(Store& store,
                             const std::function<bool(StoredConsent&&, EventLinks&&)>& each);

/// Where the chain starts: genesis, or the last checkpoint's cut.
struct ChainStart {
  std::int64_t through_seq = 0;
  Sha256 hash = model::genesis_hash();
  Sha256 seal{};  ///< the last checkpoint's seal, zero without one
};
[[nodiscard]] ChainStart chain_start(Store& store);

/// A checkpoint as stored, with the seal its columns give now.
struct StoredCheckpoint {
  std::int64_t id = 0;
  Instant at;
  std::int64_t through_seq = 0;
  Sha256 hash{};
  std::int64_t events = 0;
  std::string reason;
  Sha256 prev{}, seal{};
  Sha256 recomputed{};  ///< SHA-256 of `prev` (the stored one) and the columns
};
/// Calls `each` with every checkpoint in id order.
void for_each_checkpoint(Store& store, const std::function<void(const StoredCheckpoint&)>& each);
/// Seals the checkpoints an older schema left unsealed (the upgrade to 11).
void seal_checkpoints(SQLite::Database& db);

/// What a command that changed the ledger journals about it: the head and
/// the last checkpoint (the record's MAC covers them under DPO_KEY_FILE's key).
struct LedgerState {
  std::int64_t head_seq = 0;
  Sha256 head{};
  std::int64_t checkpoint_seq = 0;
  Sha256 checkpoint_seal{};
};
[[nodiscard]] LedgerState ledger_state(Store& store);
/// The journal's fields for `state` (head_seq, head, checkpoint_seq,
/// checkpoint_seal), to merge into a command's counts.
[[nodiscard]] std::string ledger_journal_fields(const LedgerState& state);
/// A consent command's journal counts: the events it added, those already
/// in the ledger, and the ledger's state now (as ledger_journal_fields).
[[nodiscard]] std::string ledger_journal_counts(Store& store, std::int64_t added, std::int64_t already);

/// A ledger state a journal record holds.
struct JournaledLedger {
  std::int64_t record = 0;  ///< the journal row's id
  std::int64_t head_seq = 0;
  std::string head;  ///< hex
  std::optional<std::int64_t> checkpoint_seq;
  std::string checkpoint_seal;  ///< hex, when checkpoint_seq is there
  std::optional<std::string> stored_head;  ///< hex of the hash the event at head_seq has now, if it is there
};
/// Calls `each` with every journal record that holds a ledger state, in order.
void for_each_journaled_ledger(Store& store, const std::function<void(const JournaledLedger&)>& each);
/// The latest such record, if any.
[[nodiscard]] std::optional<JournaledLedger> last_journaled_ledger(Store& store);

/// Throws Error(store) "the ledger fails verification; run dpo consent
/// verify" unless the ledger still ends as the journal last saw it (its
/// head there with its hash, or cut since; no checkpoint it recorded gone).
/// Whatever writes the ledger calls it first, so that nothing it writes
/// launders a deleted or rewritten tail.
void require_journaled_tail(Store& store);

/// Calls `each` with (journal record, through_seq, seal in hex) for every
/// checkpoint the journal recorded, in order.
void for_each_journaled_checkpoint(Store& store,
                                   const std::function<void(std::int64_t, std::int64_t, const std::string&)>& each);

/// The HMACs of the subjects the purge erased (deletion-log entries
/// 'erase-subject'), sorted: the only subjects whose events may be unlinked.
[[nodiscard]] std::vector<Sha256> erased_subject_macs(Store& store);

/// The hash the event at `seq` stores, if it is there.
[[nodiscard]] std::optional<Sha256> event_hash(Store& store, std::int64_t seq);

/// What the store knows of a subject that consent needs.
struct SubjectFacts {
  std::int64_t id = 0;
  std::optional<Date> birth_date;
};

/// Appends events to the ledger, each chained to the one before. Statements
/// are prepared once; the caller holds the transaction.
class ConsentWriter {
 public:
  explicit ConsentWriter(Store& store);
  ~ConsentWriter();
  ConsentWriter(const ConsentWriter&) = delete;
  ConsentWriter& operator=(const ConsentWriter&) = delete;

  /// The subject with this key, or nullopt.
  [[nodiscard]] std::optional<SubjectFacts> subject(const model::SubjectKey& key);

  struct Appended {
    bool added = false;  ///< false: the same event is already in the ledger
    std::string id;
    std::int64_t seq = 0;
  };
  /// Appends one event whose purpose exists, for the subject subject() found;
  /// an event already in the ledger (same id) is not added twice. The first
  /// append checks that the ledger still ends where the journal last saw it,
  /// and throws Error(store) otherwise: a new event never launders a deleted
  /// or rewritten one.
  Appended append(const model::ConsentEvent& event, std::int64_t subject_id);

  /// The action of the subject's latest event for `purpose` strictly before
  /// `at`, or nullopt: what an answer dated `at` follows.
  [[nodiscard]] std::optional<model::ConsentAction> action_before(std::int64_t subject_id,
                                                                  const model::PurposeId& purpose, Instant at);

  [[nodiscard]] std::int64_t head_seq() const;
  [[nodiscard]] const Sha256& head() const;
  [[nodiscard]] long long added() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  [[nodiscard]] std::optional<SubjectFacts> look_up(const model::SubjectKey& key);
};

/// Calls `each` with every stored event in seq order until it returns false.
void for_each_consent(Store& store, const std::function<bool(const StoredConsent&)>& each);

/// Filters for the ledger's events; empty means any.
struct ConsentFilter {
  std::optional<model::SubjectKey> subject;
  std::optional<model::PurposeId> purpose;
  std::optional<Instant> until;  ///< only events that happened at or before
};
/// Calls `each` with the matching events grouped by subject (in the order they
/// were first stored) and purpose, each group in time order.
void for_each_consent_by_subject(Store& store, const ConsentFilter& filter,
                                 const std::function<void(const StoredConsent&)>& each);

/// One event by its id, or nullopt. Ids have no index: this reads the ledger.
[[nodiscard]] std::optional<StoredConsent> find_consent_event(Store& store, const std::string& id);

/// Deletes the oldest events of the ledger, through `through_seq`, and records
/// a checkpoint so that the rest still verifies. Only a prefix can be cut: the
/// chain must stay one piece. Caller holds the transaction. Returns how many
/// events were deleted.
long long cut_consent_proof(Store& store, std::int64_t through_seq, Instant at, const std::string& reason);

}  // namespace dpo::store
