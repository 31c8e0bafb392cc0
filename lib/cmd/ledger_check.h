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

/// Checks, in this order: the journal's numbering (no record deleted); the
/// checkpoints (each sealed over the one before, each journaled by the
/// command that cut); the chain from the last checkpoint (each event's hash,
/// id, and the subject and purpose its rows point at against the ones its
/// hash covers); every head the journal recorded (still in the ledger with
/// its hash, and its MAC under DPO_KEY_FILE's key when set); and an anchor
/// kept elsewhere (`HASH`, `SEQ:HASH` or `SEQ:HASH:MAC` as `dpo consent
/// anchor` prints it).
[[nodiscard]] LedgerCheck check_ledger(store::Store& store, const std::string& anchor = {});

/// The ledger's head as `dpo consent anchor` prints it: `SEQ:HASH`, and
/// `:MAC` under DPO_KEY_FILE's key when set.
[[nodiscard]] std::string ledger_anchor(store::Store& store);

}  // namespace dpo::cmd
