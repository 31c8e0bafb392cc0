#pragma once

#include <cstdint>
#include <string>

#include "model/proof.h"
#include "store/store.h"

namespace dpo::consent {

using model::LedgerCheck;

/// Checks, in this order: the journal (no record deleted; under
/// DPO_KEY_FILE's key, each record's MAC); the checkpoints (each sealed over
/// the one before, each journaled by the command that cut); the chain from
/// the last checkpoint (each event's hash, id, and the subject and purpose
/// its rows point at against the ones its hash covers); every head the
/// journal recorded (still in the ledger with its hash); and an anchor
/// kept elsewhere (`HASH`, `SEQ:HASH` or `SEQ:HASH:MAC` as `dpo consent
/// anchor` prints it).
[[nodiscard]] LedgerCheck check_ledger(store::Store& store, const std::string& anchor = {});

/// The ledger's head as `dpo consent anchor` prints it: `SEQ:HASH`, and
/// `:MAC` under DPO_KEY_FILE's key when set.
[[nodiscard]] std::string ledger_anchor(store::Store& store);

}  // namespace dpo::consent
