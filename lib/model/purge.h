#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/register.h"
#include "model/retention.h"
#include "time/instant.h"

/// What the purge did, as values: the results `dpo purge` prints and
/// journals, the erasure tasks it leaves for other systems and the entries of
/// its deletion log (docs/design.md 2.3 and 4).
namespace dpo::model {

/// What one retention rule did.
struct RuleOutcome {
  RuleDeadline rule;
  long long removed = 0;  ///< holdings deleted, anonymised or archived, as the rule says
  long long tasks = 0;    ///< of those, in other systems: erasure (or archiving) tasks created
  long long held = 0;     ///< past the deadline, kept under legal hold
  long long review = 0;   ///< past a review rule's deadline: left for a person
};

/// What a retention run did.
struct PurgeOutcome {
  std::vector<RuleOutcome> rules;  ///< one per rule given, in order
  long long subjects_erased = 0;   ///< left with nothing, erased with their identifiers
};

/// A retention run's figures, as printed and journaled.
struct PurgeTotals {
  long long deleted = 0;
  long long anonymised = 0;
  long long archived = 0;  ///< moved to intermediate archiving, still held
  long long tasks = 0;
  long long subjects_erased = 0;
  long long consent_events_cut = 0;
  long long held = 0;
  long long review = 0;
};

/// The figures with their names, in the order the journal record and
/// `--format json` give them: the one list both are written from.
[[nodiscard]] std::array<std::pair<std::string_view, long long>, 8> named(const PurgeTotals& totals);

/// The figures of `outcome`, with the consent events the run cut.
[[nodiscard]] PurgeTotals totals(const PurgeOutcome& outcome, long long consent_events_cut);

/// Whether a dry run changed nothing, or a run did what it says.
enum class RunMode { apply, dry_run };

/// A retention run, as `dpo purge` reports it.
struct PurgeRun {
  RunMode mode = RunMode::apply;
  Instant as_of;
  PurgeOutcome outcome;
  PurgeTotals totals;
};

/// Why an erasure request keeps a holding.
enum class KeptBecause {
  legal_obligation,  ///< Art. 17(3)(b): a retention rule set by a legal obligation
  legal_hold,        ///< Art. 17(3)(e): the subject is under legal hold
  contract,          ///< Art. 17(1)(a) not met: a contract in progress still needs it (Art. 6(1)(b))
};
/// "legal-obligation", "legal-hold", "contract".
[[nodiscard]] std::string_view name_of(KeptBecause reason);
/// The GDPR article it rests on, to cite with l10n::gdpr_article: "17(3)(b)", "17(3)(e)", "17(1)(a)".
[[nodiscard]] std::string_view article_of(KeptBecause reason);

/// A holding an erasure request keeps, and why.
struct KeptHolding {
  ActivityId activity;
  CategoryId category;
  KeptBecause reason = KeptBecause::legal_obligation;
  int rule_no = 0;               ///< the retention rule that keeps it, 0 when none
  std::optional<Instant> until;  ///< when that rule lets it go, if known
  std::string trigger_pending;   ///< when `until` is unknown: the trigger not reached yet
};

/// What an erasure request covers.
struct ErasureScope {
  std::vector<ActivityId> activities;  ///< only these activities' holdings; empty: the whole person
  /// The DPO's reason to erase what a contract in progress still needs;
  /// empty: that data is kept.
  std::string forced;
};

/// What an erasure request removes and keeps, decided before it runs.
struct ErasurePlan {
  std::vector<std::int64_t> erase;  ///< the holdings' ids
  std::vector<KeptHolding> kept;    ///< one entry per activity, category and reason
  /// Activities the request covers that keep nothing of the person: their
  /// engagement (its dates) goes with the holdings.
  std::vector<ActivityId> emptied;
  /// Holdings a contract in progress needed, erased because the scope was forced.
  long long forced = 0;
};

/// What an erasure request did.
struct ErasureOutcome {
  long long erased = 0;
  long long tasks = 0;
  std::vector<KeptHolding> kept;  ///< grouped: one entry per activity, category and reason
  bool subject_erased = false;
  long long consent_events = 0;  ///< kept as proof under their purpose's retention
  std::vector<ActivityId> activities;  ///< the request's scope; empty: the whole person
  std::string forced;                  ///< why a contract's data was erased anyway, if it was
};

/// An erasure request's run, as `dpo purge --subject` reports it.
struct ErasureRun {
  RunMode mode = RunMode::apply;
  Instant as_of;
  ErasureOutcome outcome;
};

/// An erasure task: a holding to delete or anonymise in another system.
struct ErasureTask {
  std::int64_t id = 0;
  Instant created;
  std::string system;
  std::string ref;
  std::string action;
  std::optional<Instant> done_at;  ///< when it was closed, done or cancelled
  std::string done_by;
  std::string cancelled;  ///< why it was cancelled instead of done; empty when it was not
};

/// One entry of the deletion log: what a purge erased or anonymised, when and
/// under which rule. The subject is there only as the HMAC of its key.
struct DeletionEntry {
  std::int64_t id = 0;
  std::int64_t run = 0;
  Instant at;
  std::string action;                   ///< delete, anonymise, erase-subject, erase-request
  std::optional<std::int64_t> holding;  ///< none for a whole subject
  std::string activity, category;       ///< empty for a whole subject
  std::optional<std::int64_t> rule_no;  ///< none for an erasure request
};

}  // namespace dpo::model
