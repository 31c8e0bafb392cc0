#include "cmd/ledger_check.h"

#include <fmt/format.h>

#include "base/strings.h"
#include "consent/verify.h"
#include "store/consent_store.h"

namespace dpo::cmd {

LedgerCheck check_ledger(store::Store& s, const std::string& anchor) {
  LedgerCheck out;
  store::ChainStart start = store::chain_start(s);
  out.checkpoint_seq = start.through_seq;
  out.checkpoint_hash = start.hash;
  consent::ChainVerifier verifier(start.hash, start.through_seq);
  std::int64_t last_seq = start.through_seq;
  bool anchor_seen = anchor.empty();
  store::for_each_consent(s, [&](const store::StoredConsent& c) {
    if (!anchor_seen && to_hex(c.hash) == to_lower(anchor)) anchor_seen = true;
    last_seq = c.seq;
    return verifier.add({c.seq, c.hash, c.prev, model::chain_hash(c.event, c.prev)});
  });
  std::optional<consent::ChainProblem> problem = verifier.finish();
  out.events = verifier.events();
  out.head_seq = verifier.head_seq();
  out.head = verifier.head();
  if (problem) {
    out.problem = problem->str();
  } else if (std::optional<store::ChainAnchor> journaled = store::journaled_anchor(s);
             journaled && journaled->seq > last_seq) {
    out.problem = journaled->seq == last_seq + 1
                      ? fmt::format("event {} was deleted: the journal recorded a ledger up to event {}",
                                    journaled->seq, journaled->seq)
                      : fmt::format("events {} to {} were deleted: the journal recorded a ledger up to event {}",
                                    last_seq + 1, journaled->seq, journaled->seq);
  } else if (!anchor_seen) {
    out.problem = fmt::format("no event has the anchor hash {}: the ledger it was taken from was rewritten", anchor);
  }
  return out;
}

}  // namespace dpo::cmd
