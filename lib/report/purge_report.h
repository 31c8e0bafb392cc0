#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "base/lang.h"
#include "model/proof.h"
#include "model/purge.h"
#include "time/instant.h"

/// What `dpo purge` prints: a run's figures, an erasure's, the erasure
/// tasks, the deletion log and its check (docs/design.md 2.3).
namespace dpo::report {

/// A retention run: text (a table of the rules that removed or held
/// something, then the summary line; with `quiet` the line only) or json.
void render_purge(const model::PurgeRun& run, const Zone& zone, std::string_view format, bool quiet, Lang lang,
                  std::ostream& out);

/// An erasure request: text (what was erased, then each holding kept and
/// why) or json.
void render_erasure(const model::ErasureRun& run, const Zone& zone, std::string_view format, Lang lang,
                    std::ostream& out);

/// The erasure tasks, a row at a time as they are read: text (a table in
/// `lang`: its headers, actions and states in words, French dates in words)
/// or jsonl (one object a line, language-neutral).
class TaskList {
 public:
  TaskList(std::ostream& out, std::string_view format, const Zone& zone, Lang lang);
  void add(const model::ErasureTask& task);

 private:
  std::ostream& out_;
  std::string format_;
  Zone zone_;
  Lang lang_;
};

/// The deletion log, a row at a time: text (a table in `lang`) or jsonl.
class DeletionLogList {
 public:
  DeletionLogList(std::ostream& out, std::string_view format, const Zone& zone, Lang lang);
  void add(const model::DeletionEntry& entry);
  [[nodiscard]] long long rows() const { return rows_; }

 private:
  std::ostream& out_;
  std::string format_;
  Zone zone_;
  Lang lang_;
  long long rows_ = 0;
};

/// "closed 2 erasure tasks".
[[nodiscard]] std::string tasks_closed(std::size_t n, Lang lang);
/// "cancelled erasure task ID", for standard error.
[[nodiscard]] std::string task_cancelled(std::int64_t id, Lang lang);
/// What `dpo purge log --subject` says when the subject has no entry.
[[nodiscard]] std::string no_deletion_entry(Lang lang);

}  // namespace dpo::report
