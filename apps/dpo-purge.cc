// dpo-purge: retention enforced every night, safely, with proof of erasure.
#include "cmd/purge_cmd.h"

int main(int argc, char** argv) { return dpo::cmd::run_main(dpo::cmd::kPurgeProgram, argc, argv); }
