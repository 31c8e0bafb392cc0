// libFuzzer target: the Fides manifest reader (docs/design.md 2.6). Manifests
// it accepts must make a register that the register's own checks accept: a
// refusal there is a mapping that lets through what the register cannot hold.
#include <cstdlib>

#include "fuzz_support.h"
#include "manifest/fides_file.h"
#include "report/register_report.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const dpo::manifest::FidesController controller{"Fuzz Org", "FR", "Europe/Paris", "en"};
  dpo::model::Register reg;
  try {
    reg = dpo::manifest::read_fides({{"fuzz.yml", std::string(dpo::fuzz::text(data, size))}}, controller, "fuzz.yml")
              .reg;
  } catch (const dpo::Error&) {
    return 0;
  }
  try {
    (void)dpo::manifest::parse_register(dpo::report::register_document(reg), "made.json");
  } catch (const dpo::Error&) {
    std::abort();
  }
  return 0;
}
