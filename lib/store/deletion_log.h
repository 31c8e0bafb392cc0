#pragma once

#include <cstdint>
#include <string>

#include "base/crypto.h"
#include "store/store.h"

namespace SQLite {
class Database;
}

namespace dpo::store {

/// Seals the deletion-log entries written since the last seal (none: nothing
/// happens). Call inside the transaction that wrote them, so that no entry
/// is ever committed unsealed.
void seal_deletion_log(SQLite::Database& db);

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

}  // namespace dpo::store
