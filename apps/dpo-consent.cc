// dpo-consent: the append-only, hash-chained consent ledger.
#include "cmd/consent_cmd.h"

int main(int argc, char** argv) { return dpo::cmd::run_main(dpo::cmd::kConsentProgram, argc, argv); }
