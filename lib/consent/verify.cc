#include "consent/verify.h"

#include <fmt/format.h>

namespace dpo::consent {

std::string ChainProblem::str() const {
  switch (kind) {
    case Kind::modified: return fmt::format("event {} was modified: its content no longer gives its hash", seq);
    case Kind::deleted:
      if (last_seq < seq)
        return fmt::format("event {} is older than where the chain starts (after event {}): a checkpoint was forged "
                           "or moved", last_seq + 1, seq - 1);
      return seq == last_seq ? fmt::format("event {} was deleted", seq)
                             : fmt::format("events {} to {} were deleted", seq, last_seq);
    case Kind::inserted: return fmt::format("event {} was inserted: the event after it follows the one before it", seq);
    case Kind::reordered: return fmt::format("events {} and {} were swapped", seq, last_seq);
    case Kind::broken: break;
  }
  return fmt::format("the chain breaks before event {}: an event before it was deleted or rewritten", seq);
}

bool ChainVerifier::add(const ChainRow& row) {
  if (problem_) return false;
  pending_.push_back(row);
  judge(false);
  return !problem_;
}

std::optional<ChainProblem> ChainVerifier::finish() {
  while (!problem_ && !pending_.empty()) judge(true);
  return problem_;
}

// Judges the oldest pending row once enough look-ahead is there (or at the end).
void ChainVerifier::judge(bool final) {
  using Kind = ChainProblem::Kind;
  while (!problem_ && !pending_.empty()) {
    const ChainRow& r = pending_.front();
    bool content_ok = r.recomputed == r.hash;
    bool linked = r.prev == expected_prev_;
    if (r.seq == expected_seq_ && content_ok && linked) {
      expected_prev_ = r.hash;
      ++expected_seq_;
      ++events_;
      before_ = r;
      pending_.pop_front();
      continue;
    }
    if (r.seq != expected_seq_) {
      problem_ = ChainProblem{Kind::deleted, expected_seq_, r.seq - 1};
      return;
    }
    // The suspect needs the row after it to tell an insertion or a swap.
    if (pending_.size() < 2 && !final) return;
    const ChainRow* next = pending_.size() > 1 ? &pending_[1] : nullptr;
    if (!content_ok) {
      bool skipped = next && next->prev == expected_prev_;
      problem_ = ChainProblem{skipped ? Kind::inserted : Kind::modified, r.seq, r.seq};
    } else if (next && r.prev == next->hash && next->prev == expected_prev_) {
      problem_ = ChainProblem{Kind::reordered, r.seq, next->seq};
    } else if (before_ && r.prev == before_->prev) {
      // r follows what came before the last good row: that row was slipped in.
      problem_ = ChainProblem{Kind::inserted, before_->seq, before_->seq};
    } else {
      problem_ = ChainProblem{Kind::broken, r.seq, r.seq};
    }
  }
}

}  // namespace dpo::consent
