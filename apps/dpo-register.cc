// dpo-register: validate, import and show the Art. 30 register.
#include "cmd/register_cmd.h"

int main(int argc, char** argv) { return dpo::cmd::run_main(dpo::cmd::kRegisterProgram, argc, argv); }
