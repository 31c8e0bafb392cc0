#pragma once

#include <cstdint>
#include <string>

#include "base/crypto.h"

/// The tamper checks' results: the consent ledger's and the deletion log's
/// (docs/design.md 4).
namespace dpo::model {

/// The consent ledger's verification, as `dpo consent verify` and the audit
/// (CON-005) report it.
struct LedgerCheck {
  std::int64_t events = 0;
  std::int64_t head_seq = 0;
  Sha256 head{};
  std::int64_t checkpoint_seq = 0;  ///< the last checkpoint's cut, 0 when none
  Sha256 checkpoint_hash{};
  std::string problem;  ///< empty when it verifies
};

/// The deletion log's seals, walked.
struct DeletionLogCheck {
  std::int64_t entries = 0;  ///< entries under a seal that matched
  std::int64_t seals = 0;
  Sha256 head{};        ///< the last seal: keep it elsewhere and pass it as an anchor later
  std::string problem;  ///< empty when the log verifies
};

}  // namespace dpo::model
