#pragma once

#include <string>

#include "base/lang.h"
#include "time/instant.h"

/// What the summaries and progress messages of the commands share
/// (docs/design.md section 1: they follow --lang).
namespace dpo::report {

/// A count in a summary: "12040" as scripts read it; "12 040" in French.
[[nodiscard]] std::string figure(long long n, Lang lang);

/// A count and its noun in a summary. English keeps the bare number scripts
/// read ("12040 records"); French groups it and agrees the noun by CLDR's
/// plural rules (l10n::counted: "0 ligne modifiée", "12 040 lignes").
[[nodiscard]] std::string tally(long long n, const Phrase& one, const Phrase& other, Lang lang);

/// What a progress line counts: the bytes of a file read, holdings purged.
inline constexpr Phrase kKibibytes{"KiB", "Kio"};
inline constexpr Phrase kHoldings{"holdings", "données"};
/// A progress line after the program's name: "12000/243000 holdings (4%)";
/// "12 000/243 000 données (4 %)".
[[nodiscard]] std::string progress_line(long long done, long long total, const Phrase& unit, int percent, Lang lang);

/// An instant in a summary: the zone's RFC 3339 time in English, which
/// scripts read; in words in French ("2 décembre 2026 à 16 h 00").
[[nodiscard]] std::string summary_time(Instant t, const Zone& zone, Lang lang);

}  // namespace dpo::report
