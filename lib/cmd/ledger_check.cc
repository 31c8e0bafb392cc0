#include "cmd/ledger_check.h"

#include <fmt/format.h>

#include <future>
#include <vector>

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
  bool going = true;
  // Recomputing each event's hash (canonical JSON, then SHA-256) is most of
  // the work: the events come in chunks, a second thread hashes half of each,
  // and the verifier then takes them in order. Memory holds one chunk.
  constexpr std::size_t kChunk = 4096;
  std::vector<store::StoredConsent> chunk;
  std::vector<Sha256> recomputed;
  chunk.reserve(kChunk);
  auto verify_chunk = [&] {
    recomputed.resize(chunk.size());
    auto hash = [&](std::size_t from, std::size_t to) {
      for (std::size_t i = from; i < to; ++i) recomputed[i] = model::chain_hash(chunk[i].event, chunk[i].prev);
    };
    std::size_t half = chunk.size() / 2;
    std::future<void> first = std::async(std::launch::async, hash, 0, half);
    hash(half, chunk.size());
    first.get();
    for (std::size_t i = 0; i < chunk.size() && going; ++i) {
      const store::StoredConsent& c = chunk[i];
      if (!anchor_seen && to_hex(c.hash) == to_lower(anchor)) anchor_seen = true;
      last_seq = c.seq;
      going = verifier.add({c.seq, c.hash, c.prev, recomputed[i]});
    }
    chunk.clear();
  };
  store::for_each_consent(s, [&](const store::StoredConsent& c) {
    chunk.push_back(c);
    if (chunk.size() == kChunk) verify_chunk();
    return going;
  });
  if (going && !chunk.empty()) verify_chunk();
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
