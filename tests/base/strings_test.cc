#include <catch2/catch.hpp>

#include "base/strings.h"

using namespace dpo;

TEST_CASE("edit distance counts insertions, deletions, substitutions and swaps", "[strings]") {
  CHECK(edit_distance("newsletter", "newsletter") == 0);
  CHECK(edit_distance("newsleter", "newsletter") == 1);
  CHECK(edit_distance("contrat", "contract") == 1);
  CHECK(edit_distance("trainnig", "training") == 1);  // a swap is one edit
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("did-you-mean suggests only close candidates", "[strings]") {
  std::vector<std::string> purposes{"training", "newsletter", "alumni-community"};
  CHECK(did_you_mean("newsleter", purposes) == "did you mean 'newsletter'?");
  CHECK(did_you_mean("alumni-comunity", purposes) == "did you mean 'alumni-community'?");
  CHECK(did_you_mean("payroll", purposes).empty());
  CHECK(did_you_mean("training", purposes).empty());  // an exact match is not a typo
}

TEST_CASE("trim, lower case and hex", "[strings]") {
  CHECK(trim("  a b \t\n") == "a b");
  CHECK(to_lower("Jeanne.MARTIN@Example.ORG") == "jeanne.martin@example.org");
  const unsigned char bytes[] = {0x00, 0xab, 0xff};
  CHECK(to_hex(bytes) == "00abff");
}
