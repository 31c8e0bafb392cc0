#include <catch2/catch.hpp>

#include "model/countries.h"
#include "model/subject.h"

using namespace dpo;
using namespace dpo::model;

TEST_CASE("the country table knows codes, the EEA and adequacy decisions", "[countries]") {
  const Countries& c = Countries::builtin();
  CHECK(c.all().size() == 249);
  REQUIRE(c.find("FR"));
  CHECK(c.find("FR")->eea);
  CHECK(c.find("NO")->eea);
  CHECK_FALSE(c.find("NO")->eu);
  CHECK_FALSE(c.find("FR")->adequacy);
  REQUIRE(c.find("US")->adequacy);
  CHECK(c.find("US")->adequacy->partial);
  CHECK_FALSE(c.find("JP")->adequacy->partial);
  CHECK_FALSE(c.find("CN")->adequacy);
  CHECK(c.find("XX") == nullptr);
  CHECK(c.find("fr") == nullptr);
}

TEST_CASE("the outermost regions are EU territory, the overseas countries and territories are not", "[countries]") {
  const Countries& c = Countries::builtin();
  for (const char* code : {"GP", "GF", "MQ", "RE", "YT", "MF"}) {
    INFO(code);
    CHECK(c.find(code)->eea);
    CHECK(c.find(code)->outermost_region_of == "FR");
  }
  for (const char* code : {"NC", "PF", "PM", "WF", "BL", "TF"}) {
    INFO(code);
    CHECK_FALSE(c.find(code)->eea);
  }
}

TEST_CASE("each adequacy decision has its day, and the UK's a last day", "[countries]") {
  const Countries& c = Countries::builtin();
  for (const Country& country : c.all())
    if (country.adequacy) {
      INFO(country.code);
      CHECK_FALSE(country.adequacy->decision.empty());
      CHECK_FALSE(country.adequacy->source.empty());
    }
  const Country* gb = c.find("GB");
  REQUIRE(gb->adequacy->valid_until);
  CHECK(format_date(*gb->adequacy->valid_until) == "2031-12-27");
  CHECK(adequacy_status(gb, *parse_date("2031-12-27"), false) == AdequacyStatus::applies);
  CHECK(adequacy_status(gb, *parse_date("2031-12-28"), false) == AdequacyStatus::expired);
  const Country* br = c.find("BR");
  CHECK(adequacy_status(br, *parse_date("2026-01-25"), false) == AdequacyStatus::not_yet);
  CHECK(adequacy_status(br, *parse_date("2026-01-26"), false) == AdequacyStatus::applies);
  const Country* ca = c.find("CA");
  CHECK(adequacy_status(ca, *parse_date("2026-06-15"), false) == AdequacyStatus::not_covered);
  CHECK(adequacy_status(ca, *parse_date("2026-06-15"), true) == AdequacyStatus::applies);
  CHECK(adequacy_status(c.find("CN"), *parse_date("2026-06-15"), true) == AdequacyStatus::none);
}

TEST_CASE("consent age is 15 in France and 16 where no choice is recorded", "[countries]") {
  CHECK(Countries::builtin().consent_age("FR") == 15);
  CHECK(Countries::builtin().consent_age("DE") == 16);
}

TEST_CASE("French public holidays include the Easter-based ones", "[countries]") {
  const Country* fr = Countries::builtin().find("FR");
  REQUIRE(fr->holidays.size() == 11);
  int easter_based = 0;
  for (const Holiday& h : fr->holidays)
    if (h.month == 0) ++easter_based;
  CHECK(easter_based == 3);  // Easter Monday, Ascension, Whit Monday
}

TEST_CASE("identifiers are normalised for lookups", "[subject]") {
  CHECK(normalise_identifier("email", "  Jeanne.Martin@Example.ORG ", "FR") == "jeanne.martin@example.org");
  CHECK(normalise_identifier("crm", " C-1017 ", "FR") == "C-1017");
  // Every common writing of one French mobile number gives one E.164 form.
  for (const char* written : {"+33 6 12 34-56.78", "06 12 34 56 78", "0612345678", "06.12.34.56.78",
                              "+33 (0)6 12 34 56 78", "0033 6 12 34 56 78", "+33612345678", " 06-12-34-56-78 "}) {
    INFO(written);
    CHECK(normalise_identifier("phone", written, "FR") == "+33612345678");
  }
  // The region reads a number written without its country code only.
  CHECK(normalise_identifier("phone", "+33 6 12 34 56 78", "BE") == "+33612345678");
  CHECK(normalise_identifier("phone", "0470 12 34 56", "BE") == "+32470123456");
  CHECK(normalise_identifier("phone", "+262 692 12 34 56", "FR") == "+262692123456");
  // Impossible numbers: too short, too long, no digit, and Réunion's
  // national number read as a French one (+33 692... is no number).
  for (const char* written : {"06 12 34 56", "06 12 34 56 78 90", "+", "call me", "0692 12 34 56", ""}) {
    INFO(written);
    CHECK_FALSE(normalise_identifier("phone", written, "FR"));
  }
  CHECK_FALSE(normalise_identifier("phone", "06 12 34 56 78", ""));  // no region: the country code is needed
}
