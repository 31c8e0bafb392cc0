#include "l10n/format.h"

#include <catch2/catch.hpp>

using namespace dpo;
using namespace dpo::l10n;

namespace {
Date day(int y, unsigned m, unsigned d) { return date::year{y} / date::month{m} / date::day{d}; }
const std::string nn{kNarrowSpace};
}  // namespace

TEST_CASE("dates are written the way each language writes them") {
  CHECK(long_date(day(2026, 12, 3), Lang::fr) == "3 décembre 2026");
  CHECK(long_date(day(2026, 12, 3), Lang::en) == "3 December 2026");
  CHECK(long_date(day(2026, 2, 28), Lang::fr) == "28 février 2026");
  CHECK(long_date(day(2026, 8, 15), Lang::fr) == "15 août 2026");
  // The first of the month is an ordinal in French.
  CHECK(long_date(day(2026, 12, 1), Lang::fr) == "1er décembre 2026");
  CHECK(long_date(day(2026, 12, 1), Lang::en) == "1 December 2026");
}

TEST_CASE("times are on the zone's clock, the hour written the French way") {
  Zone paris = *Zone::find("Europe/Paris");
  Instant t = *parse_instant("2026-12-02T15:00:00Z", Zone());
  CHECK(long_datetime(t, paris, Lang::fr) == "2 décembre 2026 à 16 h 00");
  CHECK(long_datetime(t, paris, Lang::en) == "2 December 2026 at 16:00");
  // Summer time, and a local day that is not the UTC one.
  Instant late = *parse_instant("2026-06-30T22:05:00Z", Zone());
  CHECK(long_datetime(late, paris, Lang::fr) == "1er juillet 2026 à 0 h 05");
  CHECK(long_datetime(late, Zone(), Lang::en) == "30 June 2026 at 22:05");
}

TEST_CASE("numbers take the decimal comma and the narrow space in French") {
  CHECK(decimal(3.25, 2, Lang::fr) == "3,25");
  CHECK(decimal(3.25, 2, Lang::en) == "3.25");
  CHECK(decimal(3, 2, Lang::fr) == "3,00");
  CHECK(count(1040, Lang::fr) == "1" + nn + "040");
  CHECK(count(1040, Lang::en) == "1,040");
  CHECK(count(208, Lang::fr) == "208");
  CHECK(count(3676153, Lang::fr) == "3" + nn + "676" + nn + "153");
  CHECK(percent(1.0 / 3, 1, Lang::fr) == "33,3" + nn + "%");
  CHECK(percent(1.0 / 3, 1, Lang::en) == "33.3%");
}

TEST_CASE("French typography puts a narrow no-break space before double signs") {
  CHECK(typeset("Objet : violation", Lang::fr) == "Objet" + nn + ": violation");
  CHECK(typeset("correction: faire", Lang::fr) == "correction" + nn + ": faire");
  CHECK(typeset("un ; deux", Lang::fr) == "un" + nn + "; deux");
  CHECK(typeset("Pourquoi ?", Lang::fr) == "Pourquoi" + nn + "?");
  CHECK(typeset("Attention!", Lang::fr) == "Attention" + nn + "!");
  CHECK(typeset("Quoi ?!", Lang::fr) == "Quoi" + nn + "?!");
  CHECK(typeset("33%", Lang::fr) == "33" + nn + "%");
  CHECK(typeset("33 %", Lang::fr) == "33" + nn + "%");
  CHECK(typeset("fin :\nsuite", Lang::fr) == "fin" + nn + ":\nsuite");
  // A sign inside a word is not punctuation.
  CHECK(typeset("à 16:00, https://cnil.fr/?q=1 et sha256:ab", Lang::fr) == "à 16:00, https://cnil.fr/?q=1 et sha256:ab");
  // Already right, and English, stay as they are.
  CHECK(typeset("Objet" + nn + ": x", Lang::fr) == "Objet" + nn + ": x");
  CHECK(typeset("Note: 33%", Lang::en) == "Note: 33%");
}

TEST_CASE("a count agrees with its noun as each language's plural rules say") {
  constexpr Phrase hour{"hour", "heure"};
  constexpr Phrase hours{"hours", "heures"};
  CHECK(counted(0, hour, hours, Lang::fr) == "0 heure");
  CHECK(counted(1, hour, hours, Lang::fr) == "1 heure");
  CHECK(counted(2, hour, hours, Lang::fr) == "2 heures");
  CHECK(counted(2682, hour, hours, Lang::fr) == "2" + nn + "682 heures");
  CHECK(counted(0, hour, hours, Lang::en) == "0 hours");
  CHECK(counted(1, hour, hours, Lang::en) == "1 hour");
}

TEST_CASE("a phrase is typeset, the values put in it are not") {
  constexpr Phrase p{"{}: {}", "{} : {}"};
  CHECK(say(p, Lang::fr, "Objet", "a: b") == "Objet" + nn + ": a: b");
  CHECK(say(p, Lang::en, "Subject", "a : b") == "Subject: a : b");
  constexpr Phrase plain{"Questions?", "Des questions ?"};
  CHECK(say(plain, Lang::fr) == "Des questions" + nn + "?");
}

TEST_CASE("a country is named from its code in CLDR's words, an unknown code left as written") {
  CHECK(country_name("US", Lang::en) == "United States");
  CHECK(country_name("US", Lang::fr) == "États-Unis");
  CHECK(country_name("MA", Lang::fr) == "Maroc");
  CHECK(country_name("RE", Lang::fr) == "La Réunion");
  CHECK(country_name("GB", Lang::fr) == "Royaume-Uni");
  CHECK(country_name("ZZX", Lang::fr) == "ZZX");
}

TEST_CASE("a GDPR article is cited the English way or the French way") {
  CHECK(gdpr_article("6(1)(b)", Lang::en) == "Art. 6(1)(b)");
  CHECK(gdpr_article("6(1)(b)", Lang::fr) == "art. 6.1.b du RGPD");
  CHECK(gdpr_article("12(3)", Lang::fr) == "art. 12.3 du RGPD");
  CHECK(gdpr_article("45", Lang::fr) == "art. 45 du RGPD");
}

TEST_CASE("a name is quoted as each language quotes it", "[l10n]") {
  CHECK(quoted("Témoignages", Lang::fr) == "\u00ab\u202fTémoignages\u202f\u00bb");
  CHECK(quoted("Testimonials", Lang::en) == "\u201cTestimonials\u201d");
}
