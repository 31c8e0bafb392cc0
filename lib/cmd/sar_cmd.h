#pragma once

#include "cmd/cli.h"

namespace dpo::cmd {

/// dpo-sar: subject-access reports (export) and the request log (open,
/// extend, close, list) with Art. 12(3) deadlines.
extern const Program kSarProgram;

}  // namespace dpo::cmd
