#pragma once

#include "cmd/cli.h"

namespace dpo::cmd {

/// The `dpo` front end: its own commands (init, status, version, help) and
/// git-style dispatch of `dpo X ARGS` to the program dpo-X.
int frontend_main(int argc, char** argv);

}  // namespace dpo::cmd
