#include "report/summary.h"

#include "l10n/format.h"

namespace dpo::report {

std::string figure(long long n, Lang lang) { return lang == Lang::fr ? l10n::count(n, lang) : std::to_string(n); }

std::string tally(long long n, const Phrase& one, const Phrase& other, Lang lang) {
  if (lang == Lang::fr) return l10n::counted(n, one, other, lang);
  return std::to_string(n) + " " + std::string(n == 1 ? one.en : other.en);
}

std::string progress_line(long long done, long long total, const Phrase& unit, int percent, Lang lang) {
  return l10n::say({"{}/{} {} ({}%)", "{}/{} {} ({}\u202F%)"}, lang, figure(done, lang), figure(total, lang),
                   unit.in(lang), percent);
}

std::string summary_time(Instant t, const Zone& zone, Lang lang) {
  return lang == Lang::fr ? l10n::long_datetime(t, zone, lang) : format_local(t, zone);
}

}  // namespace dpo::report
