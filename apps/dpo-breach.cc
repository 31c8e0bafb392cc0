// dpo-breach: the breach register, the 72-hour clock, the risk assessment and the drafts.
#include "cmd/breach_cmd.h"

int main(int argc, char** argv) { return dpo::cmd::run_main(dpo::cmd::kBreachProgram, argc, argv); }
