// dpo-sar: subject-access reports and the request log with Art. 12(3) deadlines.
#include "cmd/sar_cmd.h"

int main(int argc, char** argv) { return dpo::cmd::run_main(dpo::cmd::kSarProgram, argc, argv); }
