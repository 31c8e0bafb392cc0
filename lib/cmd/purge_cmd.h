#pragma once

#include "cmd/cli.h"

namespace dpo::cmd {

/// dpo-purge: retention enforced (run, the default), erasure on request
/// (--subject), erasure tasks for other systems (tasks, done).
extern const Program kPurgeProgram;

}  // namespace dpo::cmd
