#pragma once

#include "cmd/cli.h"

namespace dpo::cmd {

/// dpo-consent: the consent ledger (grant, refuse, withdraw, import, list, verify, receipt).
extern const Program kConsentProgram;

}  // namespace dpo::cmd
