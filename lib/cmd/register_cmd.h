#pragma once

#include "cmd/cli.h"

namespace dpo::cmd {

/// dpo-register: the Art. 30 register as YAML (validate, import, show).
extern const Program kRegisterProgram;

}  // namespace dpo::cmd
