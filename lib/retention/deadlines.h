#pragma once

#include <optional>
#include <span>
#include <vector>

#include "model/consent.h"
#include "model/register.h"
#include "model/subject.h"
#include "model/retention.h"
#include "time/duration.h"
#include "time/instant.h"

/// Which holdings expire when (docs/design.md 2.1, retention).
namespace dpo::retention {

using model::ConsentCutoff;
using model::RuleDeadline;

/// Every activity × category rule of the register, with its cutoff at `now`.
/// Trigger instants come from holdings (collected), engagements (end,
/// last-contact) or the consent ledger (consent-withdrawn, consent-expired).
/// A holding without its trigger instant (an engagement that has not ended)
/// counts from the rule's fallback (`else:`), or does not expire.
[[nodiscard]] std::vector<RuleDeadline> deadlines(const model::Register& reg, Instant now, const Zone& zone);

/// The instant a holding expires: its trigger instant plus the rule's keep.
[[nodiscard]] Instant deadline(Instant trigger, const Duration& keep, const Zone& zone);

/// When one holding expires under `rule`, as the purge would find it at or
/// after `now`: nullopt while its trigger has not happened (an engagement
/// that has not ended, a consent still given). `engagement` is the subject's
/// for the rule's activity, if any; `events`, the subject's consent events in
/// time order. A consent trigger fires on the first of the rule's consent
/// purposes whose latest event is a withdrawal (or a grant that expires).
[[nodiscard]] std::optional<Instant> holding_deadline(const model::Register& reg, const RuleDeadline& rule,
                                                      const model::Holding& holding,
                                                      const model::Engagement* engagement,
                                                      std::span<const model::ConsentEvent> events, Instant now,
                                                      const Zone& zone);

/// The rule a holding is under at `now`, among `rules` (all of the
/// register's, or those of its activity and category), as the purge applies
/// them: while a legal obligation's rule has not run out, the obligation
/// that runs out last (a legal period is a minimum, which no other rule cuts
/// short); else the rule that has passed with the first precedence(), the
/// one it is removed, archived or reviewed under (an archive rule no longer
/// counts once the holding is archived); else the rule whose deadline comes
/// first; else, while no trigger has happened, the first rule of its
/// category.
/// `rule` is null when no rule covers the holding's category.
struct Governing {
  const RuleDeadline* rule = nullptr;
  std::optional<Instant> deadline;  ///< nullopt while the rule's trigger has not happened
  /// While an obligation's rule holds the holding: an archive rule that has
  /// passed, which the purge applies all the same (archiving keeps the data).
  const RuleDeadline* archive = nullptr;
  [[nodiscard]] bool passed(Instant now) const { return deadline && *deadline <= now; }
  /// The rule the purge acts under at `now`, if any.
  [[nodiscard]] const RuleDeadline* acts(Instant now) const {
    if (archive) return archive;
    return passed(now) ? rule : nullptr;
  }
};
[[nodiscard]] Governing governing(const model::Register& reg, std::span<const RuleDeadline> rules,
                                  const model::Holding& holding, const model::Engagement* engagement,
                                  std::span<const model::ConsentEvent> events, Instant now, const Zone& zone);

/// The rule that ends a holding for good, and when: governing(), looking
/// past an archive rule (archiving keeps the data) to the rule that follows
/// it, as the access answer's "kept until" says.
[[nodiscard]] Governing removal(const model::Register& reg, std::span<const RuleDeadline> rules,
                                const model::Holding& holding, const model::Engagement* engagement,
                                std::span<const model::ConsentEvent> events, Instant now, const Zone& zone);

}  // namespace dpo::retention
