// dpo-audit: the DPO's periodic check, and cron's.
#include "cmd/audit_cmd.h"

int main(int argc, char** argv) { return dpo::cmd::run_main(dpo::cmd::kAuditProgram, argc, argv); }
