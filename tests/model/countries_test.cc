#include <catch2/catch.hpp>

#include "model/countries.h"
#include "model/subject.h"

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
  CHECK(normalise_identifier("email", "  Jeanne.Martin@Example.ORG ") == "jeanne.martin@example.org");
  CHECK(normalise_identifier("phone", "+33 6 12 34-56.78") == "+33612345678");
  CHECK(normalise_identifier("phone", "06 12 34 56 78") == "0612345678");
  CHECK(normalise_identifier("crm", " C-1017 ") == "C-1017");
}
