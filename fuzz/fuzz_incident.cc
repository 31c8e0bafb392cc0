// libFuzzer target: the incident parser (YAML, docs/design.md 2.4), against the example register.
#include "fuzz_support.h"
#include "manifest/incident_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const dpo::model::Register& reg = dpo::fuzz::example_register();
  try {
    dpo::model::Incident incident =
        dpo::manifest::parse_incident(dpo::fuzz::text(data, size), "fuzz.yaml", reg, dpo::fuzz::paris());
  } catch (const dpo::Error&) {
  }
  return 0;
}
