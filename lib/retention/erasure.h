#pragma once

#include <span>

#include "model/consent.h"
#include "model/purge.h"
#include "model/register.h"
#include "model/retention.h"
#include "model/subject.h"
#include "time/instant.h"

/// What an erasure request (Art. 17) removes and what the law lets the
/// controller keep (docs/design.md 2.1, erasure).
namespace dpo::retention {

/// Plans an erasure request for `subject` at `now`, within `scope`. A
/// holding is kept, in this order, when:
///  - a legal hold covers it (Art. 17(3)(e)): the subject's, or one on its
///    activity or category, until the hold ends (model::hold_on);
///  - a contract in progress still needs it: its activity rests on a
///    contract and the subject's engagement in it has started and not ended
///    (Art. 17(1)(a) is not met), unless the scope is forced;
///  - a rule of its category set by a legal obligation (is_legal_obligation)
///    has not run out (Art. 17(3)(b)), until the latest such deadline, or
///    while such a rule's trigger has not happened.
/// Everything else in scope goes, and so does what retention would already
/// have removed (a rule past its deadline that deletes or anonymises), even
/// under a legal obligation. `rules`: retention::deadlines(); `events`: the
/// subject's consent events in time order.
[[nodiscard]] model::ErasurePlan plan_erasure(const model::Register& reg, std::span<const model::RuleDeadline> rules,
                                              const model::SubjectView& subject,
                                              std::span<const model::ConsentEvent> events,
                                              const model::ErasureScope& scope, Instant now, const Zone& zone);

}  // namespace dpo::retention
