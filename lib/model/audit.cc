#include "model/audit.h"

#include <algorithm>

namespace dpo::model {

const ActivityFacts* AuditFacts::activity(const ActivityId& id) const {
  auto it = std::find_if(activities.begin(), activities.end(), [&](const ActivityFacts& f) { return f.activity == id; });
  return it == activities.end() ? nullptr : &*it;
}

const PurposeFacts* AuditFacts::purpose(const PurposeId& id) const {
  auto it = std::find_if(purposes.begin(), purposes.end(), [&](const PurposeFacts& f) { return f.purpose == id; });
  return it == purposes.end() ? nullptr : &*it;
}

std::optional<long long> lower_median(std::vector<long long> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  return values[(values.size() - 1) / 2];
}

std::string_view name_of(Severity severity) { return severity == Severity::error ? "error" : "warning"; }

long long AuditResult::count(Severity severity) const {
  return std::count_if(findings.begin(), findings.end(), [&](const Finding& f) { return f.rule.severity == severity; });
}

}  // namespace dpo::model
