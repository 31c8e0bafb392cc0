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
/// never expires.
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

}  // namespace dpo::retention
