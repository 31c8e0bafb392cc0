#include <catch2/catch.hpp>

#include "l10n/phone.h"

using namespace dpo::l10n;

TEST_CASE("a number reads the same however it is written, in its region or with its country code", "[phone]") {
  for (const char* written : {"06 23 45 67 89", "0623456789", "06.23.45.67.89", "06-23-45-67-89", "+33 6 23 45 67 89",
                              "+33 (0)6 23 45 67 89", "0033 6 23 45 67 89", "+33623456789"}) {
    INFO(written);
    CHECK(phone_e164(written, "FR") == "+33623456789");
  }
  CHECK(phone_e164("01 40 20 50 50", "FR") == "+33140205050");
  CHECK(phone_e164("+44 20 7946 0958", "FR") == "+442079460958");
  CHECK(phone_e164("020 7946 0958", "GB") == "+442079460958");
  CHECK_FALSE(phone_e164("020 7946 0958", "FR"));  // a London number read as French is none
  CHECK_FALSE(phone_e164("0623456789", ""));       // without a region, only +CC numbers read
  CHECK(phone_e164("+33623456789", "") == "+33623456789");
  for (const char* lettered : {"x0600000174", "0600000174x", "06 12 00 00 00 ext 5", "0800 FLOWERS"}) {
    INFO(lettered);
    CHECK_FALSE(phone_e164(lettered, "FR"));
  }
}

TEST_CASE("the forms stores kept a number in before E.164 come back for matching old hashes", "[phone]") {
  CHECK(phone_digits(" +33 (0)6 23-45 ") == "+33062345");
  CHECK(phone_digits("06 23 45 67 89") == "0623456789");
  CHECK(phone_legacy_forms("+33623456789", "FR") == std::vector<std::string>{"+33623456789", "0623456789"});
  // A number of another country was kept with its '+': no national form.
  CHECK(phone_legacy_forms("+442079460958", "FR") == std::vector<std::string>{"+442079460958"});
}

TEST_CASE("a stored number reads grouped in the international format, and what does not parse as it is", "[phone]") {
  CHECK(phone_readable("+33600000174") == "+33 6 00 00 01 74");
  CHECK(phone_readable("+262692123456") == "+262 692 12 34 56");
  CHECK(phone_readable("0600000174") == "0600000174");
}
