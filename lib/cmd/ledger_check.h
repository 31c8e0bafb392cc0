#pragma once

#include <cstdint>
#include <string>

#include "base/crypto.h"
#include "store/store.h"

namespace dpo::cmd {

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

/// Walks the chain from its start, then compares it with the head the
/// journal last recorded and, when given, with an anchor hash kept elsewhere.
[[nodiscard]] LedgerCheck check_ledger(store::Store& store, const std::string& anchor = {});

}  // namespace dpo::cmd
