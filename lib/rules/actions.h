#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model/audit.h"
#include "model/register.h"

/// The audit read as a management report: findings grouped into the actions
/// that fix them, ranked, and what changed since the last recorded audit
/// (dpo-audit(1), "MANAGEMENT REPORT").
namespace dpo::rules {

/// One action per rule that found something: its findings' counts added up
/// and the places to act, as the register labels them. Ranked: errors before
/// warnings; then actions that count people or holdings, the most first;
/// then the others, the most places first; then catalogue order.
[[nodiscard]] std::vector<model::Action> group_actions(const model::AuditResult& result, const model::Register& reg,
                                                      Lang lang);

/// What changed from `before` (a recorded audit) to `now`: the findings
/// opened and closed (a rule and an object), the error and warning counts,
/// and each key figure both measured.
[[nodiscard]] model::AuditChanges compare(const model::RecordedAudit& before, const model::AuditResult& now,
                                          const model::Register& reg, Lang lang);

/// The last audit recorded strictly before `as_of`, if any.
[[nodiscard]] const model::RecordedAudit* previous(std::span<const model::RecordedAudit> recorded, Instant as_of);

/// Which way a key figure is better, by its id.
[[nodiscard]] model::Better better(std::string_view kpi);

}  // namespace dpo::rules
