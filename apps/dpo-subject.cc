// dpo-subject: import and show data subjects and the personal data held.
#include "cmd/subject_cmd.h"

int main(int argc, char** argv) { return dpo::cmd::run_main(dpo::cmd::kSubjectProgram, argc, argv); }
