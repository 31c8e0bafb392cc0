#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "base/crypto.h"
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

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

/// The deletion log's seals, walked.
struct DeletionLogCheck {
  std::int64_t entries = 0;  ///< entries under a seal that matched
  std::int64_t seals = 0;
  Sha256 head{};             ///< the last seal: keep it elsewhere and pass it as an anchor later
  std::string problem;       ///< empty when the log verifies
};

/// Recomputes every seal over its entries, in order, and names the first
/// range whose entries were changed, deleted or inserted, seals removed or
/// rewritten, entries left unsealed, or an `anchor` (a head printed earlier)
/// that no seal has. Streams: memory does not grow with the log.
[[nodiscard]] DeletionLogCheck verify_deletion_log(Store& store, const std::string& anchor = {});

/// One entry of the deletion log: what a purge erased or anonymised, when and
/// under which rule. The subject is there only as the HMAC of its key.
struct DeletionEntry {
  std::int64_t id = 0;
  std::int64_t run = 0;
  Instant at;
  std::string action;                  ///< delete, anonymise, erase-subject, erase-request
  std::optional<std::int64_t> holding;  ///< none for a whole subject
  std::string activity, category;      ///< empty for a whole subject
  std::optional<std::int64_t> rule_no;  ///< none for an erasure request
};

/// Calls `each` with every entry in id order, or only with those of the
/// subject whose key is `subject` (matched by its HMAC under the store's
/// secret; the log has no index on it and is read whole). Streams.
void for_each_deletion(Store& store, const std::optional<std::string>& subject,
                       const std::function<void(const DeletionEntry&)>& each);

}  // namespace dpo::store
