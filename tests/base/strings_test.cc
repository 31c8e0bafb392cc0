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

TEST_CASE("printable escapes control characters and bytes that are not UTF-8", "[strings]") {
  CHECK(printable("unknown activity 'Grégoire — 日本'") == "unknown activity 'Grégoire — 日本'");
  CHECK(printable("a\x1b[31mred") == "a\\x1b[31mred");
  CHECK(printable("two\nlines\r\t") == "two\\x0alines\\x0d\\x09");
  CHECK(printable(std::string_view("nul\0byte", 8)) == "nul\\x00byte");
  CHECK(printable("latin-1 \xe9t\xe9") == "latin-1 \\xe9t\\xe9");
  CHECK(printable("del \x7f, C1 \xc2\x9b") == "del \\x7f, C1 \\xc2\\x9b");
  CHECK(printable("overlong \xc0\xaf, surrogate \xed\xa0\x80") == "overlong \\xc0\\xaf, surrogate \\xed\\xa0\\x80");
  CHECK(printable("cut \xe6\x97") == "cut \\xe6\\x97");
}

TEST_CASE("invalid_utf8_at finds the first byte that is not UTF-8", "[strings]") {
  CHECK(invalid_utf8_at("Grégoire 日本 😀") == std::string_view::npos);
  CHECK(invalid_utf8_at("ab\xe9t") == 2);
  CHECK(invalid_utf8_at("ab\xf4\x90\x80\x80") == 2);  // past U+10FFFF
  CHECK(invalid_utf8_at("\xed\xbf\xbf") == 0);        // a surrogate
  CHECK(invalid_utf8_at("ok\xe6\x97") == 2);          // cut short
}

TEST_CASE("invisible_fault names every character shown as nothing, whatever its length in bytes", "[strings]") {
  struct Case {
    const char* text;
    std::size_t at;
    std::string_view what;
  };
  const Case cases[] = {
      {"S-\u00851", 2, "a control character"},         {"S-\u200b1", 2, "a zero-width character"},
      {"S-\ufeff1", 2, "a zero-width character"},      {"S-\u202e1", 2, "a bidirectional control"},
      {"S-\u2067" "1", 2, "a bidirectional control"},  {"S-\u00ad1", 2, "an invisible character"},
      {"S-\u180e1", 2, "an invisible character"},      {"S-\u2062" "1", 2, "an invisible character"},
      {"S-\U000E0041", 2, "an invisible character"},   {"S-\U000E007F", 2, "an invisible character"},
      {"S-\u3164", 2, "an invisible character"},       {"S-\uffa0", 2, "an invisible character"},
      {"S-\u115f", 2, "an invisible character"},       {"e\u034f", 1, "an invisible character"},
      {"a\ufe0f", 1, "an invisible character"},        {"\u00e9t\u00e9-\U0001D173", 6, "an invisible character"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    TextFault f = invisible_fault(c.text);
    CHECK(f.at == c.at);
    CHECK(f.what == c.what);
  }
  // Letters of any script, and pictographs, are keys like any other.
  for (const char* fine : {"S-1", "\u00e9l\u00e8ve-7", "\u5f20\u4f1f", "\u0645\u062d\u0645\u062f", "\U0001F600", "a b"})
    CHECK(!invisible_fault(fine));
}

TEST_CASE("code_point_at decodes one to four bytes", "[strings]") {
  CHECK(code_point_at("a", 0).value == U'a');
  CHECK(code_point_at("\u00e9", 0).value == 0xE9);
  CHECK(code_point_at("\u00e9", 0).length == 2);
  CHECK(code_point_at("x\u3164", 1).value == 0x3164);
  CHECK(code_point_at("\U000E0041", 0).value == 0xE0041);
  CHECK(code_point_at("\U000E0041", 0).length == 4);
  CHECK(code_point_at("\xff", 0).length == 1);
}
