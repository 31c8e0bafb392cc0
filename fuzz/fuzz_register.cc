// libFuzzer target: the register parser (YAML, docs/design.md 2.1).
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    dpo::model::Register reg = dpo::manifest::parse_register(dpo::fuzz::text(data, size), "fuzz.yaml");
  } catch (const dpo::Error&) {
  }
  return 0;
}
