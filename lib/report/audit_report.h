#pragma once

#include <ostream>
#include <span>
#include <string>
#include <string_view>

#include "base/lang.h"
#include "model/audit.h"
#include "model/register.h"
#include "report/escape.h"
#include "time/instant.h"

/// The audit's findings and KPIs, for a terminal, programs, and people.
namespace dpo::report {

struct AuditReport {
  const model::Register& reg;
  const model::AuditResult& result;
  Instant as_of;
  Zone zone;
  Lang lang = Lang::en;
  bool color = false;
  std::span<const model::Action> actions;        ///< ranked (rules::group_actions)
  const model::AuditChanges* changes = nullptr;  ///< none when no audit was recorded before this one
  /// The audits recorded up to the last one before this one, oldest first:
  /// with this run, the points of the trend charts.
  std::span<const model::RecordedAudit> history;
};

struct AuditFormat {
  std::string_view name;
  std::string_view summary;
  void (*render)(const AuditReport& report, std::ostream& out);
};

/// text (grouped by severity, a summary line last), json
/// (schemas/audit.schema.json), md, html (one page, no network, inline SVG).
[[nodiscard]] std::span<const AuditFormat> audit_formats();

/// The note `dpo audit --record` leaves on standard error.
[[nodiscard]] std::string audit_recorded(Instant as_of, const Zone& zone, bool replaced, Lang lang);

/// The rule catalogue as a table (text) or a JSON list.
void render_rules(std::span<const model::RuleInfo> rules, std::string_view format, Lang lang, std::ostream& out);

}  // namespace dpo::report
