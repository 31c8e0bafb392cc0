#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "base/crypto.h"
#include "model/proof.h"
#include "model/purge.h"
#include "store/store.h"
#include "time/instant.h"

namespace SQLite {
class Database;
}

namespace dpo::store {

/// Seals the deletion-log entries written since the last seal (none: nothing
/// happens). Call inside the transaction that wrote them, so that no entry
/// is ever committed unsealed.
void seal_deletion_log(SQLite::Database& db);

/// Seals a batch of entries as a purge inserts them, instead of reading them
/// back: each INSERT takes the entry's id from dpo_log_entry(run_id, at,
/// subject_hmac, holding_id, activity, category, rule_no, action), a
/// function this registers on `db`, which feeds the entry to the seal. The
/// seal is the same as seal_deletion_log() would write.
class BatchSealer {
 public:
  explicit BatchSealer(SQLite::Database& db);
  ~BatchSealer();
  BatchSealer(const BatchSealer&) = delete;
  BatchSealer& operator=(const BatchSealer&) = delete;
  /// Seals what was left unsealed, then starts a batch after the last
  /// entry. Returns the id the batch's first entry will take.
  std::int64_t begin();
  /// Writes the batch's seal. `inserted`: the entries the batch's statements
  /// inserted, which must all have come through dpo_log_entry.
  void end(std::int64_t inserted);
  /// Entries sealed by end() since this sealer was made.
  [[nodiscard]] std::int64_t total() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

using model::DeletionLogCheck;

/// Recomputes every seal over its entries, in order, and names the first
/// range whose entries were changed, deleted or inserted, seals removed or
/// rewritten, or entries left unsealed; then holds the log to the runs and
/// the journal: each finished run's entries against the count it recorded,
/// each run and seal the journal recorded against the store (each record
/// under its MAC when DPO_KEY_FILE's key is set); then an `anchor` kept elsewhere
/// (`HASH`, or `SEAL:HASH[:MAC]` as deletion_log_anchor prints it). Memory
/// grows with the number of runs only.
[[nodiscard]] DeletionLogCheck verify_deletion_log(Store& store, const std::string& anchor = {});

/// The deletion log's last seal: its id (0 for none) and hash.
struct LogHead {
  std::int64_t seal_id = 0;
  Sha256 seal{};
};
[[nodiscard]] LogHead deletion_log_head(Store& store);

/// The deletion log's head as `dpo purge anchor` prints it: `SEAL:HASH`, and
/// `:MAC` under DPO_KEY_FILE's key when set.
[[nodiscard]] std::string deletion_log_anchor(Store& store);

/// The fields a purge's journal record adds (without braces): its run, the
/// entries it logged and the log's last seal. `dpo purge verify` holds the
/// store to them (and the record to its MAC under DPO_KEY_FILE's key).
[[nodiscard]] std::string purge_journal_fields(Store& store, std::int64_t run, std::int64_t logged);

using model::DeletionEntry;

/// Calls `each` with every entry in id order, or only with those of the
/// subject whose key is `subject` (matched by its HMAC under the store's
/// secret; the log has no index on it and is read whole). Streams.
void for_each_deletion(Store& store, const std::optional<std::string>& subject,
                       const std::function<void(const DeletionEntry&)>& each);

}  // namespace dpo::store
