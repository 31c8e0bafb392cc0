#pragma once

#include "cmd/cli.h"

namespace dpo::cmd {

/// dpo-subject: data subjects, their engagements and holdings (import, show).
extern const Program kSubjectProgram;

}  // namespace dpo::cmd
