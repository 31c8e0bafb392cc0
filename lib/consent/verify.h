#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>

#include "base/crypto.h"
#include "model/consent.h"

namespace dpo::consent {

/// One stored event as the chain check sees it: its place, the hash stored
/// with it, the predecessor hash stored with it, and the hash its content
/// gives now.
struct ChainRow {
  std::int64_t seq = 0;
  Sha256 hash{};
  Sha256 prev{};
  Sha256 recomputed{};
};

/// The first thing wrong with a chain.
struct ChainProblem {
  enum class Kind { modified, deleted, inserted, reordered, broken };
  Kind kind = Kind::broken;
  std::int64_t seq = 0;       ///< the event named
  std::int64_t last_seq = 0;  ///< for deleted: the last missing seq; for reordered: the other event
  /// "event 57 was modified: its content no longer gives its hash"
  [[nodiscard]] std::string str() const;
};

/// Walks a ledger in seq order, from a start (genesis or a checkpoint), and
/// names the first event that was modified, deleted, inserted or reordered.
/// It keeps two rows of look-ahead, so memory does not grow with the ledger.
class ChainVerifier {
 public:
  /// `start`: the hash the first event must follow; `start_seq`: the seq before it.
  ChainVerifier(const Sha256& start, std::int64_t start_seq) : expected_prev_(start), expected_seq_(start_seq + 1) {}

  /// Feeds the next row; false once a problem is known (stop feeding).
  bool add(const ChainRow& row);
  /// Call after the last row; the problem, if any.
  [[nodiscard]] std::optional<ChainProblem> finish();

  [[nodiscard]] std::int64_t events() const { return events_; }
  [[nodiscard]] const Sha256& head() const { return expected_prev_; }
  [[nodiscard]] std::int64_t head_seq() const { return expected_seq_ - 1; }

 private:
  Sha256 expected_prev_;
  std::int64_t expected_seq_;
  std::int64_t events_ = 0;
  std::optional<ChainRow> before_;  ///< the last row that checked out
  std::deque<ChainRow> pending_;    ///< rows not yet judged (the suspect and its look-ahead)
  std::optional<ChainProblem> problem_;

  void judge(bool final);
};

}  // namespace dpo::consent
