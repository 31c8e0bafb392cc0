// dpo: the front end. Its own commands and git-style dispatch to dpo-X.
#include "cmd/frontend.h"

int main(int argc, char** argv) { return dpo::cmd::frontend_main(argc, argv); }
