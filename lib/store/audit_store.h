#pragma once

#include <vector>

#include "model/audit.h"
#include "model/register.h"
#include "model/retention.h"
#include "store/store.h"

namespace dpo::store {

/// Counts what the audit needs with aggregate queries that stream: memory
/// does not grow with the number of subjects, holdings or events. The
/// ledger's verification is left for the caller to fill in.
[[nodiscard]] model::AuditFacts audit_facts(Store& store, const model::Register& reg,
                                            const std::vector<model::RuleDeadline>& rules, Instant now,
                                            const Zone& zone, int consent_age);

}  // namespace dpo::store
