#pragma once

#include <fmt/format.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "base/lang.h"
#include "time/instant.h"

/// Dates, times and numbers as people write them, in English or French,
/// through ICU's locale data (CLDR), and French typography for documents.
namespace dpo::l10n {

/// "3 December 2026"; "3 décembre 2026", and "1er décembre 2026" for the
/// first of the month, as French writes it.
[[nodiscard]] std::string long_date(Date d, Lang lang);

/// The instant on the zone's clock: "2 December 2026 at 16:00";
/// "2 décembre 2026 à 16 h 00" (the hour written the French way).
[[nodiscard]] std::string long_datetime(Instant t, const Zone& zone, Lang lang);

/// A time in a listing for a terminal: in English the zone's RFC 3339
/// time, which scripts read; in French the day in words ("26 novembre 2026"),
/// since a French listing is read by people.
[[nodiscard]] std::string listed_time(Instant t, const Zone& zone, Lang lang);
/// The same for a day: "2026-11-26"; "26 novembre 2026".
[[nodiscard]] std::string listed_date(Date d, Lang lang);

/// A name between the language's quotation marks: “Testimonials”;
/// «\u202fTémoignages\u202f» (with the narrow no-break spaces French sets inside).
[[nodiscard]] std::string quoted(std::string_view text, Lang lang);

/// Columns a UTF-8 text takes on a terminal: its code points, so that
/// "Données" is 7 wide (no wide or combining characters in dpokit's words).
[[nodiscard]] std::size_t display_width(std::string_view text);
/// `text` followed by spaces up to `width` columns.
[[nodiscard]] std::string padded(std::string_view text, std::size_t width);

/// A number with a fixed count of decimals: "3.25"; "3,25".
[[nodiscard]] std::string decimal(double value, int places, Lang lang);

/// A whole number grouped by thousands: "12,040"; "12 040" (a narrow
/// no-break space, as CLDR writes French).
[[nodiscard]] std::string count(long long value, Lang lang);

/// A share as a percentage with `places` decimals: "33.3%"; "33,3 %".
[[nodiscard]] std::string percent(double share, int places, Lang lang);

/// A count and its noun, agreed by the language's plural rules (CLDR, so
/// French puts 0 and 1 in the singular): "1 hour", "0 heure", "12 heures";
/// `one` and `other` are the noun's two forms.
[[nodiscard]] std::string counted(long long value, const Phrase& one, const Phrase& other, Lang lang);

/// A country's name from its ISO 3166-1 code, in CLDR's words: "United
/// States", "États-Unis", "La Réunion". A code ICU does not know is
/// returned as it is.
[[nodiscard]] std::string country_name(std::string_view code, Lang lang);

/// A GDPR article cited as each language cites it: `article` is written
/// the English way ("6(1)(b)", "49(1)(a)", "12(3)"); English gives
/// "Art. 6(1)(b)", French "art. 6.1.b du RGPD", as the CNIL writes it.
[[nodiscard]] std::string gdpr_article(std::string_view article, Lang lang);

/// Between a label and what follows it, and between the items of a list:
/// ": " and "; " in English; " : " and " ; " in French, which say() typesets
/// with the narrow no-break space.
inline constexpr Phrase kColon{": ", " : "};
inline constexpr Phrase kSemicolon{"; ", " ; "};

/// The narrow no-break space French puts before : ; ? ! and %.
inline constexpr std::string_view kNarrowSpace = "\u202F";

/// French typography applied to a text of dpokit's: a plain space before
/// ':', ';', '?', '!' or '%' becomes a narrow no-break space, and one is
/// added where none was ("correction:" becomes "correction :"). A colon
/// or a sign inside a word is left alone ("16:00", "https://", "?q=").
/// English text is returned as it is.
[[nodiscard]] std::string typeset(std::string_view text, Lang lang);

/// One of dpokit's own phrases in `lang`, typeset, with `args` put in its
/// placeholders as they are: what a user wrote is printed as written.
template <class... A>
[[nodiscard]] std::string say(const Phrase& phrase, Lang lang, A&&... args) {
  std::string pattern = typeset(phrase.in(lang), lang);
  if constexpr (sizeof...(A) == 0)
    return pattern;
  else
    return fmt::format(fmt::runtime(pattern), std::forward<A>(args)...);
}

}  // namespace dpo::l10n
