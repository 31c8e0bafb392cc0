#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/lang.h"
#include "model/audit.h"
#include "model/register.h"
#include "time/instant.h"

/// The audit: the rule catalogue of docs/design.md section 5 and the KPIs, as pure
/// functions of the register, the store's counts and the clock.
namespace dpo::rules {

using model::AuditResult;
using model::Finding;
using model::Kpi;
using model::RuleInfo;
using model::Severity;

/// What the rules read.
struct AuditInput {
  const model::Register& reg;
  const model::AuditFacts& facts;
  Instant now;
  Zone zone;
};

/// A rule of the catalogue: a stable id, a severity, the article it enforces,
/// what it checks and how to fix what it finds.
struct Rule {
  RuleInfo info;
  void (*check)(const AuditInput& in, std::vector<Finding>& out);
};

/// Every rule, in catalogue order; `dpo audit rules` prints this table.
[[nodiscard]] std::span<const Rule> catalogue();
[[nodiscard]] const Rule* find_rule(std::string_view id);

/// Runs every rule, or those named in `only` (ids, all known).
[[nodiscard]] AuditResult run_audit(const AuditInput& in, std::span<const std::string> only = {});

/// Subjects engaged in an activity from which processing counts as large scale
/// for REG-004 (no authority sets a number; this one is a documented choice).
inline constexpr long long kLargeScale = 10000;

}  // namespace dpo::rules
