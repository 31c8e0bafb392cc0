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
};

struct AuditFormat {
  std::string_view name;
  std::string_view summary;
  void (*render)(const AuditReport& report, std::ostream& out);
};

/// text (grouped by severity, a summary line last), json
/// (schemas/audit.schema.json), md, html (one page, no network, inline SVG).
[[nodiscard]] std::span<const AuditFormat> audit_formats();

/// The rule catalogue as a table (text) or a JSON list.
void render_rules(std::span<const model::RuleInfo> rules, std::string_view format, Lang lang, std::ostream& out);

}  // namespace dpo::report
