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

/// Keeps `audit` (docs/design.md 4: one transaction, which the caller
/// holds, with its journal row): an audit recorded before at the same
/// as-of instant is replaced. True when it replaced one.
bool record_audit(Store& store, const model::RecordedAudit& audit);

/// Every recorded audit, oldest first.
[[nodiscard]] std::vector<model::RecordedAudit> recorded_audits(Store& store);

}  // namespace dpo::store
