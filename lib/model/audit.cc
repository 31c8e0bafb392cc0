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

long long RecordedAudit::count(Severity severity) const {
  return std::count_if(findings.begin(), findings.end(),
                       [&](const RecordedFinding& f) { return f.severity == severity; });
}

RecordedKpi record_of(const Kpi& kpi) {
  RecordedKpi r{std::string(kpi.id), {}, {}};
  if (kpi.known) r.numerator = kpi.numerator;
  if (kpi.share) r.denominator = kpi.denominator;
  return r;
}

RecordedAudit record_of(const AuditResult& result, Instant as_of) {
  RecordedAudit out{as_of, {}, {}};
  for (const Kpi& k : result.kpis) out.kpis.push_back(record_of(k));
  for (const Finding& f : result.findings)
    out.findings.push_back({std::string(f.rule.id), f.rule.severity, f.object_kind, f.object, f.count});
  return out;
}


}  // namespace dpo::model
