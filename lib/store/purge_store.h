#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/purge.h"
#include "model/register.h"
#include "model/retention.h"
#include "model/subject.h"
#include "store/store.h"

namespace dpo::store {

/// An exclusive lock on a file beside the store (STORE.lock), so that two
/// purges never overlap. Released when destroyed, or by the kernel when the
/// process dies, so a killed run never leaves a stale lock.
class RunLock {
 public:
  /// The lock, or nullopt when another process holds it.
  static std::optional<RunLock> try_acquire(const std::filesystem::path& store_path);
  /// The lock, waiting for it as long as it takes.
  static RunLock acquire(const std::filesystem::path& store_path);
  ~RunLock();
  RunLock(RunLock&& other) noexcept;
  RunLock& operator=(RunLock&&) = delete;
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;

 private:
  explicit RunLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

using model::ErasureOutcome;
using model::ErasureTask;
using model::KeptHolding;
using model::PurgeOutcome;
using model::RuleOutcome;
using model::RunMode;

/// How much a purge does per transaction: batches small enough to commit
/// often, big enough to amortise a commit; subjects left with nothing
/// erased in groups, each group's index pages rewritten once.
struct PurgeSizes {
  std::int64_t batch = 50000;  ///< holdings removed per batch (a transaction each)
  std::int64_t group = 20000;  ///< subjects left with nothing erased together
};

/// Executes retention and erasure in batches, each committed with its
/// deletion-log entries (and erasure tasks) in one transaction, so a kill at
/// any instant leaves the store consistent and the next run finishes the job.
/// A dry run runs everything in one transaction rolled back at the
/// end: the same plan, the same counts, nothing changed.
class Purger {
 public:
  Purger(Store& store, const model::Register& reg, Instant now, const Zone& zone, model::RunMode mode,
         PurgeSizes sizes = {});
  ~Purger();
  Purger(const Purger&) = delete;
  Purger& operator=(const Purger&) = delete;

  /// Records the run (scope "retention" or "subject").
  void start(const std::string& scope);
  /// How many holdings `rules` would remove now (for a progress bar: one
  /// more pass over the holdings).
  [[nodiscard]] long long count_due(const std::vector<model::RuleDeadline>& rules);
  /// Deletes or anonymises what `rules` say has expired, in batches, and
  /// erases the subjects left with nothing, with their identifiers and
  /// engagements (their consent events stay as proof, unlinked), a group at
  /// a time: listed in purge_pending until then, those a killed run left are
  /// erased too. Review rules and legal holds only count. `progress` is told
  /// each batch's size.
  PurgeOutcome purge(const std::vector<model::RuleDeadline>& rules, const std::function<void(long long)>& progress);
  /// Cuts the oldest consent events whose proof retention has passed, with a
  /// checkpoint so the rest still verifies, journaled with the ledger's state
  /// in the same transaction.
  long long cut_consent_proof();
  /// Art. 17 erasure of one subject as `plan` says (retention::plan_erasure):
  /// its holdings logged, handed to their systems as tasks and removed, the
  /// engagements of the activities it empties removed, and the subject
  /// erased when nothing of theirs is left and no legal hold keeps them.
  /// Nullopt when there is no such subject.
  std::optional<ErasureOutcome> erase_subject(const model::SubjectKey& key, const model::ErasurePlan& plan,
                                              const model::ErasureScope& scope);
  /// Marks a retention run finished with its figures (and the entries
  /// logged) and journals it as "purge" with the log's head, then commits or,
  /// in a dry run, rolls everything back.
  void finish(const model::PurgeTotals& totals);
  /// The same for an erasure request, journaled as "purge subject".
  void finish(const model::ErasureOutcome& outcome);

 private:
  void finish(const std::string& counts, const std::string& command);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Calls `each` with the tasks, oldest first; only open ones when `pending`.
void for_each_task(Store& store, bool pending, const std::function<void(const ErasureTask&)>& each);
/// Closes tasks; returns the ids that were not open tasks.
[[nodiscard]] std::vector<std::int64_t> close_tasks(Store& store, const std::vector<std::int64_t>& ids, Instant at,
                                                    const std::string& by);

/// What the erasure runs (`dpo purge --subject`, or an objection's) did for
/// a request's subject since the request was received: the deletion log's
/// entries of those runs, grouped, and the tasks they handed to other
/// systems. Matched by the subject's keyed hash, which the request keeps
/// after the subject is erased.
struct RequestErasure {
  struct Erased {
    std::string activity, category;
    long long holdings = 0;
  };
  std::vector<Erased> erased;    ///< by activity and category, in the order first logged
  bool subject_erased = false;   ///< the person's record went too
  std::optional<Instant> at;     ///< the last such run's instant; none: no run since the request
  std::vector<ErasureTask> tasks;
};
[[nodiscard]] RequestErasure erasure_of_request(Store& store, std::int64_t request);

/// Cancels an open task that must not run, with the reason; false when `id`
/// is not an open task.
[[nodiscard]] bool cancel_task(Store& store, std::int64_t id, Instant at, const std::string& by,
                               const std::string& reason);

}  // namespace dpo::store
