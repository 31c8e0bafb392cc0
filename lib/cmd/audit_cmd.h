#pragma once

#include "cmd/cli.h"

namespace dpo::cmd {

/// dpo-audit: every rule of the catalogue, with KPIs (run, the default; rules).
extern const Program kAuditProgram;

}  // namespace dpo::cmd
