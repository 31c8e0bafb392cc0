#include <catch2/catch.hpp>

#include "base/error.h"

using namespace dpo;

TEST_CASE("a diagnostic reads like git: problem, place, hint", "[error]") {
  Diagnostic d{{"register.yaml", 41, 9}, "unknown purpose 'newsleter'", "did you mean 'newsletter'?"};
  CHECK(d.str() == "unknown purpose 'newsleter' at register.yaml:41:9 (did you mean 'newsletter'?)");
  Diagnostic line_only{{"subjects.jsonl", 12, 0}, "bad JSON", ""};
  CHECK(line_only.str() == "bad JSON at subjects.jsonl:12");
}

TEST_CASE("diagnostics are gathered, then refused together with exit code 3", "[error]") {
  Diagnostics d;
  d.add({"f.yaml", 1, 1}, "first");
  d.add({"f.yaml", 2, 1}, "second");
  try {
    d.throw_if_any("'f.yaml'");
    FAIL("no exception");
  } catch (const InputError& e) {
    CHECK(e.code() == ExitCode::invalid_input);
    CHECK(e.diagnostics().size() == 2);
    CHECK(std::string(e.what()) == "'f.yaml' has 2 errors; nothing was written");
  }
}

TEST_CASE("diagnostics past the limit are counted, not kept", "[error]") {
  Diagnostics d(3);
  for (int i = 0; i < 1000; ++i) d.add({"big.jsonl", i + 1, 0}, "bad");
  CHECK(d.size() == 1000);
  CHECK(d.items().size() == 3);
  try {
    d.throw_if_any("'big.jsonl'");
  } catch (const InputError& e) {
    CHECK(e.total() == 1000);
    CHECK(std::string(e.what()) == "'big.jsonl' has 1000 errors; nothing was written");
  }
}
